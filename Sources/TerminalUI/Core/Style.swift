/// The colours a cell can have: the eight ANSI colours plus the terminal's default.
///
/// Kept to the 8 basic colours so every terminal (and every SSH session) shows them.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
  case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// How a cell is drawn: foreground, background and attributes.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  public var bold: Bool
  public var dim: Bool
  public var reverse: Bool
  public var underline: Bool

  public init(
    foreground: Color = .default, background: Color = .default,
    bold: Bool = false, dim: Bool = false, reverse: Bool = false, underline: Bool = false
  ) {
    self.foreground = foreground
    self.background = background
    self.bold = bold
    self.dim = dim
    self.reverse = reverse
    self.underline = underline
  }

  public static let plain = Style()

  public func fg(_ color: Color) -> Style {
    var s = self
    s.foreground = color
    return s
  }
  public func bg(_ color: Color) -> Style {
    var s = self
    s.background = color
    return s
  }
  public var bolded: Style {
    var s = self
    s.bold = true
    return s
  }
  public var dimmed: Style {
    var s = self
    s.dim = true
    return s
  }
  public var reversed: Style {
    var s = self
    s.reverse = true
    return s
  }
}
