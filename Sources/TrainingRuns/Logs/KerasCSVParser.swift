/// Reads Keras `CSVLogger` files — and our own `metrics.csv`, which uses the same format.
///
/// The first non-blank line is the header: usually `epoch` followed by the
/// metric names, but any names in any order are accepted, so logs from other
/// Keras callbacks, pandas or TensorBoard's CSV export work too. Without an
/// `epoch` column a `step` column is the x value, and without either the row
/// index is. A column with an empty name (pandas' index) is ignored. The separator is read
/// from the header: a comma, or `;` or a tab when the header has no comma
/// (`CSVLogger(separator=";")`).
///
/// Lightning's `CSVLogger` writes both `epoch` and `step` columns, and a row per logging step
/// as well as per epoch: the epoch does not move within an epoch, so such a log is drawn
/// against `step` (`xIsStep`), the x Lightning's own TensorBoard logger uses, and `epoch` is not
/// a metric. Its sparse rows (empty fields) and its file rewritten with a wider header when a
/// new metric appears (a reset, for the follower) read as they are.
///
/// The parser is incremental because `watch` reads files while Keras is still
/// writing them: `consume(_:)` takes any chunk of bytes and returns only rows
/// whose newline has arrived. A row that cannot be read (wrong number of
/// fields, a non-numeric value) is counted in `malformedLines` and skipped —
/// one bad line must not hide a whole training run.
public struct KerasCSVParser: Sendable {
  /// The metric columns in header order (without the epoch/step column).
  public private(set) var metricNames: [String] = []
  /// Lines that could not be read (too long ones included).
  public var malformedLines: Int { unreadableLines + lines.overlongLines }
  private var unreadableLines = 0
  /// Rows returned so far (the x value of rows without an epoch).
  public private(set) var rowCount = 0
  /// Whether x is a step column rather than the epoch (see the type's note on Lightning).
  public private(set) var xIsStep = false

  private var lines = LineBuffer()
  private var header: [String]?
  private var headerLine: ArraySlice<UInt8>?
  private var columnNames: [String?] = []
  private var xColumn: Int?
  private var separator: UInt8 = 0x2C

  public init() {}

  /// Feeds the next chunk of the file; returns the rows completed by it.
  public mutating func consume(_ bytes: some Collection<UInt8>) -> [MetricRow] {
    lines.append(bytes).compactMap { parseLine($0) }
  }

  /// Ends the input: parses a last line that has no newline.
  public mutating func finish() -> [MetricRow] {
    lines.finish().flatMap { parseLine($0) }.map { [$0] } ?? []
  }

  /// Parses a whole file's text at once.
  ///
  /// - Parameter completeRowsOnly: drop a last line that has no newline. In a log that is
  ///   appended to row by row (a run's metrics.csv) such a line is a row cut short by a kill or
  ///   a full disk, and its digits may be cut too (`0.4` of `0.4512`): it is not an epoch.
  ///   A file someone wrote by hand may lack the final newline, so this is off by default.
  public static func parse(_ text: String, completeRowsOnly: Bool = false) -> MetricLog {
    var parser = KerasCSVParser()
    let rows = parser.consume(text.utf8) + (completeRowsOnly ? [] : parser.finish())
    var log = MetricLog(metricNames: parser.metricNames, rows: rows, malformedLines: parser.malformedLines)
    log.xIsStep = parser.xIsStep
    return log
  }

  /// Parses one complete line (no terminator); nil for the header, blanks and malformed lines.
  mutating func parseLine(_ line: ArraySlice<UInt8>) -> MetricRow? {
    if line.isBlankLine { return nil }
    guard let header else {
      readHeader(line)
      return nil
    }
    // A header written again (e.g. two runs appended to one file) is not data.
    if line.elementsEqual(headerLine ?? []) { return nil }
    guard let fields = splitCSVFields(line, separator: separator), fields.count == header.count else {
      unreadableLines += 1
      return nil
    }
    var x: Double?
    var values: [String: Double] = [:]
    for (column, field) in fields.enumerated() {
      // Keras writes a vector-valued metric as a quoted list, `"[0.1, 0.2]"`:
      // not plottable as one curve, but not a broken row either.
      if field.first == UInt8(ascii: "[") || field.starts(with: "\"[".utf8) { continue }
      let number = LogNumber(bytes: field)
      if number == .invalid {
        unreadableLines += 1
        return nil
      }
      guard case .value(let value) = number else { continue }
      if column == xColumn {
        x = value.isFinite ? value : nil
      } else if let name = columnNames[column] {
        values[name] = value
      }
    }
    defer { rowCount += 1 }
    return MetricRow(step: x ?? Double(rowCount), values: values)
  }

  private mutating func readHeader(_ line: ArraySlice<UInt8>) {
    if !line.contains(0x2C), let other = [UInt8(ascii: ";"), 0x09].first(where: line.contains) {
      separator = other
    }
    guard let fields = splitCSVFields(line, separator: separator) else {
      unreadableLines += 1
      return
    }
    let names = fields.map { String(decoding: $0.trimmingBlanks, as: UTF8.self) }
    header = names
    headerLine = line
    let lowered = names.map { $0.lowercased() }
    let epoch = lowered.firstIndex(of: "epoch")
    let step = lowered.firstIndex(of: "step")
    xColumn = epoch != nil && step != nil ? step : epoch ?? step
    xIsStep = xColumn != nil && xColumn == step
    // Columns past the metric cap are read but not kept.
    var kept = 0
    columnNames = names.enumerated().map { index, name in
      guard index != xColumn, index != epoch, !name.isEmpty, kept < MetricLog.maximumMetrics else {
        return nil
      }
      kept += 1
      return name
    }
    for case let name? in columnNames where !metricNames.contains(name) { metricNames.append(name) }
  }
}
