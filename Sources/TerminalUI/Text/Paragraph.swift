/// Lines of styled text drawn top to bottom, aligned, clipped, and optionally word-wrapped.
///
/// Used for help screens, status lines and messages. Rows past the area's height are dropped;
/// without `wrap`, columns past its width are cut off.
public struct Paragraph: Widget, Hashable, Sendable {
  public var lines: [Line]
  public var alignment: Alignment
  /// Break lines at spaces to fit the width (words longer than the width are split).
  public var wrap: Bool

  public init(_ lines: [Line], alignment: Alignment = .left, wrap: Bool = false) {
    self.lines = lines
    self.alignment = alignment
    self.wrap = wrap
  }

  /// A paragraph of plain text, one line per `\n`.
  public init(_ text: String, style: Style = .plain, alignment: Alignment = .left, wrap: Bool = false) {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      Line(String($0), style: style)
    }
    self.init(lines, alignment: alignment, wrap: wrap)
  }

  /// The rows this paragraph takes at `width` (after wrapping, when enabled).
  public func rows(width: Int) -> [Line] {
    wrap ? lines.flatMap { Paragraph.wrapped($0, width: width) } : lines
  }

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    for (i, line) in rows(width: area.width).prefix(area.height).enumerated() {
      line.draw(in: area, y: area.top + i, alignment: alignment, into: &buffer)
    }
  }

  // MARK: - Word wrap

  private struct StyledScalar {
    var scalar: Unicode.Scalar
    var style: Style
    var isSpace: Bool { scalar == " " }
  }

  /// Greedy word wrap: words move to the next row when they do not fit; the spaces at a break
  /// are dropped; a word wider than the row is split across rows.
  static func wrapped(_ line: Line, width: Int) -> [Line] {
    guard width > 0 else { return [] }
    let scalars = line.spans.flatMap { span in
      span.text.unicodeScalars.map { StyledScalar(scalar: $0, style: span.style) }
    }
    guard scalars.count > width else { return [line] }

    var rows: [[StyledScalar]] = []
    var current: [StyledScalar] = []
    var pendingSpaces: [StyledScalar] = []
    var word: [StyledScalar] = []

    func flushWord() {
      guard !word.isEmpty else { return }
      if !current.isEmpty && current.count + pendingSpaces.count + word.count > width {
        rows.append(current)
        current = []
        pendingSpaces = []
      }
      current += pendingSpaces
      pendingSpaces = []
      for s in word {
        if current.count == width {
          rows.append(current)
          current = []
        }
        current.append(s)
      }
      word = []
    }

    for s in scalars {
      if s.isSpace {
        flushWord()
        if current.isEmpty && rows.isEmpty { current.append(s) } else { pendingSpaces.append(s) }
      } else {
        word.append(s)
      }
    }
    flushWord()
    if !current.isEmpty || rows.isEmpty { rows.append(current) }
    return rows.map { Paragraph.line(from: $0, alignment: line.alignment) }
  }

  /// Rebuilds spans from styled scalars, merging neighbours of the same style.
  private static func line(from scalars: [StyledScalar], alignment: Alignment?) -> Line {
    var spans: [Span] = []
    var view = String.UnicodeScalarView()
    var style = scalars.first?.style ?? .plain
    for s in scalars {
      if s.style != style {
        spans.append(Span(String(view), style: style))
        view = String.UnicodeScalarView()
        style = s.style
      }
      view.append(s.scalar)
    }
    spans.append(Span(String(view), style: style))
    return Line(spans, alignment: alignment)
  }
}
