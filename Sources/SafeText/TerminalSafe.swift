/// The one sanitizer for text that came from outside traintop — file and folder names, CSV
/// fields, settings keys and values, log headers — before it reaches the terminal, an error
/// message or a screen.
///
/// A run folder named `ESC ] 0 ; … BEL` retitled the terminal when `traintop runs` printed it,
/// and `ESC [ 2 J` cleared it. Escape sequences only act through their control characters, so
/// each control is replaced by a visible stand-in that takes one column: C0 controls and DEL by
/// their Unicode control pictures (`␛` for ESC, `␇` for BEL, `␊` for a newline, so a message
/// stays one line), C1 controls (0x80–0x9F, which some terminals read as CSI and OSC) and the
/// characters that reorder text (bidirectional overrides and isolates, line and paragraph
/// separators) by `�`. What remains prints as itself, and the user still sees what the name
/// holds. Invalid UTF-8 becomes `�` (``text(decoding:)``). Long values are cut to a number of
/// terminal columns with `…` in the middle (``value(_:limit:)``), keeping a path's file name.
///
/// Messages interpolate outside values with `"\(safe: path)"`; the command line's last step
/// before printing, the run table and the terminal buffer apply ``text(_:)`` to all they show.
public enum TerminalSafe {
  /// How many columns an echoed value keeps by default.
  public static let valueColumns = 80
  /// How many columns an echoed path keeps: paths are long, and they are the user's own.
  public static let pathColumns = 160

  /// `text` with every control and reordering character replaced by a visible stand-in.
  public static func text(_ text: some StringProtocol) -> String {
    guard text.unicodeScalars.contains(where: needsReplacing) else { return String(text) }
    var safe = String.UnicodeScalarView()
    for scalar in text.unicodeScalars { safe.append(replacement(for: scalar) ?? scalar) }
    return String(safe)
  }

  /// Bytes that should be UTF-8 text (a file name, a log line), made safe: invalid sequences
  /// become `�`, then as ``text(_:)``.
  public static func text(decoding bytes: some Collection<UInt8>) -> String {
    text(String(decoding: bytes, as: UTF8.self))
  }

  /// `value` made safe and cut to at most `limit` terminal columns: the start and the end are
  /// kept around `…`, so a long path keeps its file name.
  public static func value(_ value: some StringProtocol, limit: Int = valueColumns) -> String {
    cut(text(value), to: limit)
  }

  /// `text` cut to at most `limit` columns around a `…` in the middle (`text` itself if it fits).
  public static func cut(_ text: String, to limit: Int) -> String {
    let scalars = Array(text.unicodeScalars)
    let widths = scalars.map(\.terminalColumns)
    guard widths.reduce(0, +) > limit else { return text }
    guard limit > 1 else { return limit == 1 ? "…" : "" }
    // Two thirds of the room for the start, the rest for the end.
    let headRoom = (limit - 1) * 2 / 3
    let tailRoom = limit - 1 - headRoom
    var head = String.UnicodeScalarView()
    var used = 0
    for (scalar, width) in zip(scalars, widths) {
      guard used + width <= headRoom else { break }
      head.append(scalar)
      used += width
    }
    var tail: [Unicode.Scalar] = []
    used = 0
    for (scalar, width) in zip(scalars, widths).reversed() {
      guard used + width <= tailRoom else { break }
      tail.append(scalar)
      used += width
    }
    head.append("…")
    head.append(contentsOf: tail.reversed())
    return String(head)
  }

  /// Whether `scalar` is shown as something else.
  public static func needsReplacing(_ scalar: Unicode.Scalar) -> Bool {
    replacement(for: scalar) != nil
  }

  /// The visible stand-in for a control or reordering character; nil for any other.
  public static func replacement(for scalar: Unicode.Scalar) -> Unicode.Scalar? {
    switch scalar.value {
    case 0x00...0x1F: Unicode.Scalar(0x2400 + scalar.value)  // ␀ … ␟ (␛ for ESC)
    case 0x7F: "\u{2421}"  // ␡
    case 0x80...0x9F,  // C1 controls: CSI, OSC, DCS… in some terminals
      0x061C, 0x200E, 0x200F,  // Arabic letter mark, left-to-right and right-to-left marks
      0x202A...0x202E,  // bidirectional embeddings and overrides
      0x2066...0x2069,  // bidirectional isolates
      0x2028, 0x2029:  // line and paragraph separators
      "\u{FFFD}"
    default: nil
    }
  }
}

extension DefaultStringInterpolation {
  /// An outside value in a message, made safe and cut to `limit` columns: `"\(safe: path): …"`.
  public mutating func appendInterpolation(
    safe value: some StringProtocol, limit: Int = TerminalSafe.valueColumns
  ) {
    appendLiteral(TerminalSafe.value(value, limit: limit))
  }

  /// An outside path in a message, made safe and cut to ``TerminalSafe/pathColumns``.
  public mutating func appendInterpolation(safePath path: some StringProtocol) {
    appendLiteral(TerminalSafe.value(path, limit: TerminalSafe.pathColumns))
  }
}
