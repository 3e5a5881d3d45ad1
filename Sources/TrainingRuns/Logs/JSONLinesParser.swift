/// Reads JSON-lines training logs: one object per line, e.g.
/// `{"epoch": 3, "loss": 0.41, "val_loss": 0.44}`.
///
/// This is the easiest log to emit from any framework (`print(json.dumps(logs))`
/// in a PyTorch loop), so it is what `python train.py | traintop watch -`
/// reads. Every top-level number is a metric; strings, booleans, `null` and
/// nested values are ignored. The x value is `epoch`, else `step`, else the
/// row index. Python's `NaN`/`Infinity`/`-Infinity` are accepted, blank lines
/// are skipped, and any other line — the script's own progress prints on the
/// same pipe — is counted in `malformedLines`, never fatal. Hugging Face
/// Trainer's printed dicts (`{'loss': '0.6938', 'epoch': 0.5}`) read the same
/// way (see `PythonDictLine`), also when standard error's progress bars share
/// their line (`2>&1`: the part after the last `\r` is read); their `epoch`, the progress in
/// epochs, becomes the 0-based index every other log uses (`'epoch': 1.0`, the end of the
/// first epoch, is x 0, shown as epoch 1).
///
/// Incremental like `KerasCSVParser`: `consume(_:)` returns only rows whose
/// newline has arrived.
public struct JSONLinesParser: Sendable {
  /// Metric names in the order they were first seen.
  public private(set) var metricNames: [String] = []
  /// Lines that were not a JSON object (too long ones included).
  public var malformedLines: Int { unreadableLines + lines.overlongLines }
  private var unreadableLines = 0
  /// Rows returned so far (the x value of rows without epoch or step).
  public private(set) var rowCount = 0
  /// Whether the first row's x came from `step` (a step-indexed log) rather than `epoch`.
  public private(set) var xIsStep = false

  private var lines = LineBuffer()
  private var knownNames: Set<String> = []

  /// Keys that give the x value rather than a metric, in order of preference.
  static let xKeys = ["epoch", "step"]

  public init() {}

  /// Feeds the next chunk of input; returns the rows completed by it.
  public mutating func consume(_ bytes: some Collection<UInt8>) -> [MetricRow] {
    lines.append(bytes).compactMap { parseLine($0) }
  }

  /// Ends the input: parses a last line that has no newline.
  public mutating func finish() -> [MetricRow] {
    lines.finish().flatMap { parseLine($0) }.map { [$0] } ?? []
  }

  /// Parses a whole log's text at once.
  public static func parse(_ text: String) -> MetricLog {
    var parser = JSONLinesParser()
    let rows = parser.consume(text.utf8) + parser.finish()
    var log = MetricLog(metricNames: parser.metricNames, rows: rows, malformedLines: parser.malformedLines)
    log.xIsStep = parser.xIsStep
    return log
  }

  /// Parses one complete line (no terminator); nil for blank and malformed lines.
  mutating func parseLine(_ line: ArraySlice<UInt8>) -> MetricRow? {
    // A record printed between a progress bar's redraws shares its line (see afterTerminalRedraws).
    let line = line.afterTerminalRedraws
    if line.isBlankLine { return nil }
    let json = JSONObjectScanner.numericMembers(of: line)
    guard let members = json ?? PythonDictLine.numericMembers(of: line) else {
      unreadableLines += 1
      return nil
    }
    var values: [String: Double] = [:]
    var xCandidates: [String: Double] = [:]
    for (key, value) in members {
      if Self.xKeys.contains(key) {
        xCandidates[key] = value
        continue
      }
      // A log that invents a key per line would grow the names without end: past the cap,
      // new names are ignored.
      guard knownNames.contains(key) || knownNames.count < MetricLog.maximumMetrics else { continue }
      values[key] = value
      if knownNames.insert(key).inserted { metricNames.append(key) }
    }
    let epoch = xCandidates["epoch"].flatMap { $0.isFinite ? $0 : nil }
    let step = xCandidates["step"].flatMap { $0.isFinite ? $0 : nil }
    // Hugging Face's printed `epoch` is the progress in epochs (1.0 as the first one ends, 0.5
    // halfway through it); a row's x is Keras's 0-based index of the epoch ending there.
    let x = epoch.map { json == nil ? $0 - 1 : $0 } ?? step
    if rowCount == 0 {
      xIsStep = xCandidates["epoch"]?.isFinite != true && xCandidates["step"]?.isFinite == true
    }
    defer { rowCount += 1 }
    return MetricRow(step: x ?? Double(rowCount), values: values)
  }
}
