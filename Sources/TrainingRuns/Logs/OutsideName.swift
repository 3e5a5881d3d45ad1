/// Makes a name that another program wrote — a TensorBoard tag, a CSV column, a JSON key, a
/// folder name — safe to put on a terminal, in an SVG or in a CSV cell.
///
/// A tag is whatever the training script passed to `add_scalar`, and an event file may come from
/// anywhere: `\u{1B}]0;title\u{07}` would retitle the terminal, `\u{1B}[2J` clear it, a bare
/// `\r` overwrite the line, and any C0 control makes an SVG (XML 1.0) unreadable. Controls are
/// shown in caret notation as `cat -v` does (ESC → `^[`, BEL → `^G`, DEL → `^?`); C1 controls
/// and the bidirectional overrides that can reorder what is shown ("Trojan Source") become `?`;
/// the name is cut to `maximumLength` characters. Visible text is kept as written.
///
/// This is the one place the log readers clean names, so a project-wide sanitizer can replace
/// it without touching its callers.
public func sanitizedName(_ name: String, maximumLength: Int = 120) -> String {
  // Fast path: plain printable ASCII, the usual metric name, is returned as it is.
  if name.utf8.count <= maximumLength, name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return name }
  var result = String.UnicodeScalarView()
  var kept = 0
  for scalar in name.unicodeScalars {
    guard kept < maximumLength else {
      result.append("…")
      break
    }
    kept += 1
    switch scalar.value {
    case 0x00..<0x20:
      result.append("^")
      result.append(Unicode.Scalar(UInt8(scalar.value + 0x40)))
    case 0x7F:
      result.append(contentsOf: "^?".unicodeScalars)
    case 0x80..<0xA0, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069, 0xFEFF:
      result.append("?")
    default:
      result.append(scalar)
    }
  }
  return String(result)
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
