/// A border around a rectangle, with an optional title on the top edge (left and/or right).
///
/// Panels in the dashboard are blocks with content rendered into `inner(_:)`:
/// ```
/// ┌─ Loss ──── epoch 3/10 ─┐
/// │                        │
/// └────────────────────────┘
/// ```
/// `ascii: true` draws `+-+|` instead, for terminals or fonts without box drawing.
public struct Block: Widget, Hashable, Sendable {
  public var title: String?
  /// A second title drawn at the right end of the top edge (e.g. a status or a count).
  public var rightTitle: String?
  public var ascii: Bool
  public var borderStyle: Style
  public var titleStyle: Style

  public init(
    title: String? = nil, rightTitle: String? = nil, ascii: Bool = false,
    borderStyle: Style = .plain, titleStyle: Style = Style(bold: true)
  ) {
    self.title = title
    self.rightTitle = rightTitle
    self.ascii = ascii
    self.borderStyle = borderStyle
    self.titleStyle = titleStyle
  }

  /// The content area: `area` without the one-cell border.
  public func inner(_ area: Rect) -> Rect { area.inset(by: 1) }

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard area.width >= 2, area.height >= 2 else { return }
    let glyphs: [Unicode.Scalar] = ascii ? ["+", "-", "+", "|", "+", "+"] : ["┌", "─", "┐", "│", "└", "┘"]
    let (topLeft, horizontal, topRight, vertical, bottomLeft, bottomRight) =
      (glyphs[0], glyphs[1], glyphs[2], glyphs[3], glyphs[4], glyphs[5])
    for x in area.left..<area.right {
      buffer[x, area.top] = Cell(horizontal, style: borderStyle)
      buffer[x, area.bottom - 1] = Cell(horizontal, style: borderStyle)
    }
    for y in area.top..<area.bottom {
      buffer[area.left, y] = Cell(vertical, style: borderStyle)
      buffer[area.right - 1, y] = Cell(vertical, style: borderStyle)
    }
    buffer[area.left, area.top] = Cell(topLeft, style: borderStyle)
    buffer[area.right - 1, area.top] = Cell(topRight, style: borderStyle)
    buffer[area.left, area.bottom - 1] = Cell(bottomLeft, style: borderStyle)
    buffer[area.right - 1, area.bottom - 1] = Cell(bottomRight, style: borderStyle)
    drawTitles(in: area, into: &buffer)
  }

  /// Titles sit after `┌─` and before `─┐`, padded by one space; the left title wins when both
  /// do not fit, and anything too long is cut with `…`.
  private func drawTitles(in area: Rect, into buffer: inout Buffer) {
    let room = area.width - 4  // corner + one dash on each side
    var usedLeft = 0
    if let title, !title.isEmpty, room >= 3 {
      let text = truncated(title, to: room - 2)
      usedLeft = buffer.setString(
        x: area.left + 2, y: area.top, " \(text) ", style: titleStyle, clippedTo: area)
    }
    if let rightTitle, !rightTitle.isEmpty {
      let free = room - usedLeft - (usedLeft > 0 ? 1 : 0)
      guard free >= 3 else { return }
      let text = " \(truncated(rightTitle, to: free - 2)) "
      let start = area.right - 2 - columnWidth(text)
      buffer.setString(x: start, y: area.top, text, style: titleStyle, clippedTo: area)
    }
  }
}
