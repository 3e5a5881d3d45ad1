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
    /// Finer colours (kept only where the terminal has 256 colours or more).
    var richForeground: RichColor? = nil
    var richBackground: RichColor? = nil
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
  /// The terminal's colours (`COLORS`): 8, 256, or 2²⁴ for direct colour.
  let colorCount: Int
  private(set) var pairs: ColorPairTable

  init(colorEnabled: Bool, pairCapacity: Int, colorCount: Int = 8) {
    self.colorEnabled = colorEnabled
    self.colorCount = colorCount
    self.pairs = ColorPairTable(capacity: colorEnabled ? pairCapacity : 1)
  }

  /// Whether `RichColor`s are drawn (else the basic colours stand in).
  var richColors: Bool { colorEnabled && colorCount >= 256 }

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
    var colors = ColorPairTable.Colors(foreground: style.foreground, background: style.background)
    if richColors {
      colors.richForeground = style.richForeground.map { Self.canonical($0, colorCount: colorCount) }
      colors.richBackground = style.richBackground.map { Self.canonical($0, colorCount: colorCount) }
    }
    let (number, isNew) = pairs.pair(for: colors)
    return CursesStyle(attributes: attributes, pair: number, newPair: isNew ? colors : nil)
  }

  /// The one colour that stands for every rich colour drawn the same on this terminal: with 256
  /// colours the palette entry they map to, with direct colour the value with 32 levels a channel.
  ///
  /// Pairs are keyed by it, so their number stays bounded: pictures (samples, weights) bring new
  /// exact colours every epoch, and with a pair per exact (top, bottom) combination the 32 767
  /// pairs ran out, after which every new style drew without colour for the rest of the session.
  /// With 256 colours a pair now stands for at most 256 × 256 combinations, at most 26 × 26 of
  /// them greys; with direct colour, 32 × 32 greys.
  static func canonical(_ color: RichColor, colorCount: Int) -> RichColor {
    if colorCount >= 1 << 24 {
      func q(_ v: UInt8) -> UInt8 { v & 0xF8 | 4 }
      switch color {
      case .grey(let v): return .grey(q(v))
      case .rgb(let r, let g, let b): return .rgb(q(r), q(g), q(b))
      }
    }
    let index = Int(cursesColor(color, colorCount: colorCount))
    if index >= 232 { return .grey(UInt8(8 + 10 * (index - 232))) }
    if index == 16 { return .grey(0) }
    if index == 231 { return .grey(255) }
    let levels: [UInt8] = [0, 95, 135, 175, 215, 255]
    let cube = index - 16
    let (r, g, b) = (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
    // A cube entry with equal channels, written exactly, would map to the grey ramp instead:
    // one step off in blue stays in the same cube level.
    return r == g && g == b ? .rgb(r, g, b == 255 ? 254 : b + 1) : .rgb(r, g, b)
  }

  /// The colour number of a rich colour: with direct colour (2²⁴ colours) the RGB value itself;
  /// with 256 colours the nearest of the 24-step grey ramp (232–255, plus black 16 and white 231)
  /// or of the 6×6×6 colour cube (16–231) — xterm's palette.
  static func cursesColor(_ color: RichColor, colorCount: Int) -> Int32 {
    let (r, g, b): (Int, Int, Int)
    switch color {
    case .grey(let v): (r, g, b) = (Int(v), Int(v), Int(v))
    case .rgb(let rr, let gg, let bb): (r, g, b) = (Int(rr), Int(gg), Int(bb))
    }
    if colorCount >= 1 << 24 { return Int32(r << 16 | g << 8 | b) }
    if r == g && g == b {
      // Greys 232…255 are 8, 18, … 238: (v − 8) / 10; the darkest and lightest are black and white.
      if r < 4 { return 16 }
      if r > 246 { return 231 }
      return Int32(232 + min(23, max(0, (r - 8 + 5) / 10)))
    }
    // Cube levels 0, 95, 135, 175, 215, 255.
    func level(_ v: Int) -> Int { v < 48 ? 0 : v < 115 ? 1 : (v - 35) / 40 }
    return Int32(16 + 36 * level(r) + 6 * level(g) + level(b))
  }

  /// The ncurses colour number (`COLOR_BLACK` … `COLOR_WHITE`) for `color`.
  ///
  /// `.default` is -1 when `use_default_colors()` worked, else `fallback`.
  static func cursesColor(_ color: Color, defaultsAvailable: Bool, fallback: Int16) -> Int16 {
    guard color != .default else { return defaultsAvailable ? -1 : fallback }
    return Int16(color.rawValue) - 1  // Color.black is 1; COLOR_BLACK is 0, in the same ANSI order
  }
}
