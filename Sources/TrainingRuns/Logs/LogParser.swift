/// An incremental parser for a log of known or not-yet-known format.
///
/// Followers use this so one code path reads every format: with a format (from
/// the file's extension) it delegates straight away; without one — standard
/// input, a `.log` file — it sniffs each non-blank line with
/// `LogFormat.sniff(_:)` until one is decisive. Lines before that are counted
/// as malformed, since a CSV header or a JSON record is what a log begins with.
public struct LogParser: Sendable {
  /// The format in use, nil while still sniffing.
  public private(set) var format: LogFormat?

  private var lines = LineBuffer()
  private var csv = KerasCSVParser()
  private var json = JSONLinesParser()
  private var undecidedLines = 0

  /// `format` nil means: detect it from the content.
  public init(format: LogFormat? = nil) {
    self.format = format
  }

  /// Metric names seen so far, in order of appearance.
  public var metricNames: [String] {
    switch format {
    case .kerasCSV: csv.metricNames
    case .jsonLines: json.metricNames
    case nil: []
    }
  }

  /// Whether the x values are steps (see ``MetricLog/xIsStep``).
  public var xIsStep: Bool { format == .jsonLines ? json.xIsStep : format == .kerasCSV && csv.xIsStep }

  /// Lines that could not be read, including undecidable lines before detection.
  public var malformedLines: Int {
    undecidedLines + lines.overlongLines + csv.malformedLines + json.malformedLines
  }

  /// Feeds the next chunk; returns the rows completed by it.
  public mutating func consume(_ bytes: some Collection<UInt8>) -> [MetricRow] {
    lines.append(bytes).compactMap { parseLine($0) }
  }

  /// Ends the input: parses a last line that has no newline.
  public mutating func finish() -> [MetricRow] {
    lines.finish().flatMap { parseLine($0) }.map { [$0] } ?? []
  }

  /// Parses a whole log at once, detecting its format unless given.
  public static func parse(_ text: String, format: LogFormat? = nil) -> MetricLog {
    var parser = LogParser(format: format)
    let rows = parser.consume(text.utf8) + parser.finish()
    var log = MetricLog(metricNames: parser.metricNames, rows: rows, malformedLines: parser.malformedLines)
    log.xIsStep = parser.xIsStep
    return log
  }

  private mutating func parseLine(_ line: ArraySlice<UInt8>) -> MetricRow? {
    if format == nil {
      // What a terminal shows of the line: a first record may follow a progress bar's `\r`.
      let visible = line.afterTerminalRedraws
      if visible.isBlankLine { return nil }
      guard let sniffed = LogFormat.sniff(String(decoding: visible, as: UTF8.self)) else {
        undecidedLines += 1
        return nil
      }
      format = sniffed
    }
    switch format {
    case .kerasCSV: return csv.parseLine(line)
    case .jsonLines: return json.parseLine(line)
    case nil: return nil
    }
  }
}
