import SafeText

/// Makes a name that another program wrote — a TensorBoard tag, a CSV column, a JSON key, a
/// folder name — safe to put on a terminal, in an SVG or in a CSV cell.
///
/// A tag is whatever the training script passed to `add_scalar`, and an event file may come from
/// anywhere: `\u{1B}]0;title\u{07}` would retitle the terminal, `\u{1B}[2J` clear it, a bare
/// `\r` overwrite the line, and any C0 control makes an SVG (XML 1.0) unreadable. The log readers
/// pass every name through the project's one sanitizer, `TerminalSafe` (controls as visible
/// pictures such as `␛`, C1 controls, bidirectional overrides and broken UTF-8 as `�`), cut to
/// `maximumLength` columns.
public func sanitizedName(_ name: String, maximumLength: Int = 120) -> String {
  // Fast path: plain printable ASCII, the usual metric name, is returned as it is.
  if name.utf8.count <= maximumLength, name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return name }
  return TerminalSafe.value(name, limit: maximumLength)
}

extension MetricLog {
  /// The log with every metric name passed through `sanitizedName(_:)`.
  public func withSanitizedNames() -> MetricLog {
    guard metricNames.contains(where: { sanitizedName($0) != $0 }) else { return self }
    var log = self
    log.metricNames = metricNames.map { sanitizedName($0) }
    log.rows = rows.map { row in
      MetricRow(
        step: row.step,
        values: Dictionary(
          row.values.map { (sanitizedName($0.key), $0.value) }, uniquingKeysWith: { a, _ in a }))
    }
    return log
  }
}
