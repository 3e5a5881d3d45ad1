/// A centred, cleared, bordered box over whatever was drawn before: help, confirmations,
/// and the "terminal too small" notice.
///
/// The box is sized to its content (plus border and one column of padding each side) and
/// shrunk to the area, so it always fits.
public struct Popup: Widget, Hashable, Sendable {
  public var title: String?
  public var content: Paragraph
  public var ascii: Bool
  public var borderStyle: Style

  public init(title: String? = nil, content: Paragraph, ascii: Bool = false, borderStyle: Style = .plain) {
    self.title = title
    self.content = content
    self.ascii = ascii
    self.borderStyle = borderStyle
  }

  public init(title: String? = nil, lines: [Line], ascii: Bool = false) {
    self.init(title: title, content: Paragraph(lines), ascii: ascii)
  }

  /// The notice shown instead of the dashboard when the terminal is below `minimum` size.
  public static func terminalTooSmall(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> Popup
  {
    Popup(
      content: Paragraph(
        [
          Line("Terminal too small", style: Style(bold: true)),
          Line("\(width)×\(height), need \(minimumWidth)×\(minimumHeight)"),
        ], alignment: .center, wrap: true))
  }

  /// Where the box goes inside `area`.
  public func frame(in area: Rect) -> Rect {
    let titleWidth = title.map { columnWidth($0) + 6 } ?? 0
    let contentWidth = content.lines.map(\.width).max() ?? 0
    let width = min(area.width, max(contentWidth + 4, titleWidth))
    let rows = content.rows(width: max(1, width - 4)).count
    return area.centered(width: width, height: rows + 2)
  }

  public func render(in area: Rect, into buffer: inout Buffer) {
    let box = frame(in: area)
    guard !box.isEmpty else { return }
    buffer.fill(box)
    let block = Block(title: title, ascii: ascii, borderStyle: borderStyle)
    if box.width >= 2 && box.height >= 2 {
      block.render(in: box, into: &buffer)
      let inner = block.inner(box)
      content.render(
        in: Rect(x: inner.x + 1, y: inner.y, width: inner.width - 2, height: inner.height), into: &buffer)
    } else {
      content.render(in: box, into: &buffer)
    }
  }
}
