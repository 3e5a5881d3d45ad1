/// Where a line of text sits in the width it is given.
public enum Alignment: Hashable, Sendable {
  case left, center, right
}

/// A run of text in one style; lines are made of spans so one line can mix colours.
public struct Span: Hashable, Sendable, ExpressibleByStringLiteral {
  public var text: String
  public var style: Style

  public init(_ text: String, style: Style = .plain) {
    self.text = text
    self.style = style
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The columns this span takes.
  public var width: Int { columnWidth(text) }
}

/// One line of styled spans, with an optional alignment that overrides the paragraph's.
public struct Line: Hashable, Sendable, ExpressibleByStringLiteral {
  public var spans: [Span]
  public var alignment: Alignment?

  public init(_ spans: [Span], alignment: Alignment? = nil) {
    self.spans = spans
    self.alignment = alignment
  }

  public init(_ text: String, style: Style = .plain, alignment: Alignment? = nil) {
    self.init([Span(text, style: style)], alignment: alignment)
  }

  public init(stringLiteral value: String) { self.init(value) }

  /// The columns this line takes.
  public var width: Int { spans.reduce(0) { $0 + $1.width } }

  /// The line as plain text (styles dropped).
  public var plainText: String { spans.map(\.text).joined() }

  /// Draws the line on row `y` of `area` with the given alignment, clipped to `area`.
  func draw(in area: Rect, y: Int, alignment fallback: Alignment, into buffer: inout Buffer) {
    let slack = area.width - width
    var x = area.left
    switch alignment ?? fallback {
    case .left: break
    case .center: x += max(0, slack / 2)
    case .right: x += max(0, slack)
    }
    for span in spans {
      buffer.setString(x: x, y: y, span.text, style: span.style, clippedTo: area)
      x += span.width
    }
  }
}
