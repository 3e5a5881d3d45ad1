/// The colours a cell can have: the eight ANSI colours plus the terminal's default.
///
/// Kept to the 8 basic colours so every terminal (and every SSH session) shows them.
public enum Color: UInt8, Hashable, Sendable, CaseIterable {
  case `default`, black, red, green, yellow, blue, magenta, cyan, white
}

/// A finer colour than the eight ANSI ones, for pictures (greyscale images, a weights colour map):
/// drawn from the 256-colour palette, or exactly where the terminal has direct colour. Where it
/// has neither, a `Style` falls back to its `foreground`/`background`, and pictures are drawn with
/// characters of different density instead (see `Shading`).
public enum RichColor: Hashable, Sendable {
  /// A grey: 0 black … 255 white.
  case grey(UInt8)
  case rgb(UInt8, UInt8, UInt8)
}

/// How a cell is drawn: foreground, background and attributes.
public struct Style: Hashable, Sendable {
  public var foreground: Color
  public var background: Color
  /// Finer colours, used instead of `foreground`/`background` by terminals with 256 colours or
  /// more.
  public var richForeground: RichColor?
  public var richBackground: RichColor?
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

  /// This style with finer colours (each falls back to the basic colour given beside it).
  public func rich(foreground: RichColor?, background: RichColor?) -> Style {
    var s = self
    s.richForeground = foreground
    s.richBackground = background
    return s
  }

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
