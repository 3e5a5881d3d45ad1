import CNcursesw
import TerminalUI

// MARK: - Colour pairs

/// ncurses colour pairs, handed out as styles first need them.
///
/// ncurses draws colour through numbered (foreground, background) pairs. Pair 0
/// is the terminal's own default; the others are allocated on first use, since
/// 8-colour terminals (`screen`, the Linux console) have only 64 pairs, fewer
/// than the 9 × 9 combinations of `Color`.
struct ColorPairTable {
  struct Colors: Hashable {
    var foreground: Color
    var background: Color
  }

  /// The number of pairs the terminal has, pair 0 included.
  let capacity: Int
  private(set) var numbers: [Colors: Int16] = [Colors(foreground: .default, background: .default): 0]

  init(capacity: Int) {
    self.capacity = max(1, min(capacity, Int(Int16.max)))
  }

  /// The pair for these colours, and whether it is new (the caller must `init_pair` it).
  ///
  /// When the terminal runs out of pairs, the background is dropped, then the foreground.
  mutating func pair(for colors: Colors) -> (number: Int16, isNew: Bool) {
    if let number = numbers[colors] { return (number, false) }
    if numbers.count < capacity {
      let number = Int16(numbers.count)
      numbers[colors] = number
      return (number, true)
    }
    return (numbers[Colors(foreground: colors.foreground, background: .default)] ?? 0, false)
  }
}

// MARK: - Styles

/// What ncurses needs to draw a cell in some `Style`.
struct CursesStyle: Hashable {
  var attributes: attr_t
  var pair: Int16
  /// Colours the caller must register with `init_pair(pair, …)` before drawing.
  var newPair: ColorPairTable.Colors?
}

/// Maps `Style`s to ncurses attributes and colour pairs.
struct StyleMapper {
  /// False when the terminal has no colours or the user asked for none (`NO_COLOR`).
  let colorEnabled: Bool
  private(set) var pairs: ColorPairTable

  init(colorEnabled: Bool, pairCapacity: Int) {
    self.colorEnabled = colorEnabled
    self.pairs = ColorPairTable(capacity: colorEnabled ? pairCapacity : 1)
  }

  /// The attributes and pair for `style`.
  ///
  /// Without colour, a cell with a background colour (a highlighted row, a
  /// selected tab) is drawn in reverse video, so the highlight stays visible.
  mutating func resolve(_ style: Style) -> CursesStyle {
    var attributes = cn_a_normal()
    if style.bold { attributes |= cn_a_bold() }
    if style.dim { attributes |= cn_a_dim() }
    if style.underline { attributes |= cn_a_underline() }
    guard colorEnabled else {
      if style.reverse || style.background != .default { attributes |= cn_a_reverse() }
      return CursesStyle(attributes: attributes, pair: 0, newPair: nil)
    }
    if style.reverse { attributes |= cn_a_reverse() }
    let colors = ColorPairTable.Colors(foreground: style.foreground, background: style.background)
    let (number, isNew) = pairs.pair(for: colors)
    return CursesStyle(attributes: attributes, pair: number, newPair: isNew ? colors : nil)
  }

  /// The ncurses colour number (`COLOR_BLACK` … `COLOR_WHITE`) for `color`.
  ///
  /// `.default` is -1 when `use_default_colors()` worked, else `fallback`.
  static func cursesColor(_ color: Color, defaultsAvailable: Bool, fallback: Int16) -> Int16 {
    guard color != .default else { return defaultsAvailable ? -1 : fallback }
    return Int16(color.rawValue) - 1  // Color.black is 1; COLOR_BLACK is 0, in the same ANSI order
  }
}
