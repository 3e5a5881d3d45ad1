/// Rows of text in columns, with a header, a highlighted selected row, and `…` for cut-off cells.
///
/// Used for the runs list and hyperparameter comparisons. Column widths are `Constraint`s
/// (`.length` for fixed, `.fill` to share the rest); when the selected row is below the visible
/// rows, the table scrolls just enough to show it.
public struct Table: Widget, Hashable, Sendable {
  /// One column: its header, width and how its cells are aligned.
  public struct Column: Hashable, Sendable {
    public var title: String
    public var width: Constraint
    public var alignment: Alignment

    public init(_ title: String, width: Constraint = .fill, alignment: Alignment = .left) {
      self.title = title
      self.width = width
      self.alignment = alignment
    }
  }

  /// One row of cell texts and the style of the whole row (e.g. dim for finished runs).
  public struct Row: Hashable, Sendable, ExpressibleByArrayLiteral {
    public var cells: [String]
    public var style: Style

    public init(_ cells: [String], style: Style = .plain) {
      self.cells = cells
      self.style = style
    }

    public init(arrayLiteral elements: String...) { self.init(elements) }
  }

  public var columns: [Column]
  public var rows: [Row]
  /// The index of the highlighted row, drawn reversed across the full width.
  public var selected: Int?
  public var headerStyle: Style
  public var selectedStyle: Style
  /// Empty columns between neighbouring columns.
  public var columnGap: Int

  public init(
    columns: [Column], rows: [Row], selected: Int? = nil,
    headerStyle: Style = Style(bold: true, underline: true), selectedStyle: Style = Style(reverse: true),
    columnGap: Int = 1
  ) {
    self.columns = columns
    self.rows = rows
    self.selected = selected
    self.headerStyle = headerStyle
    self.selectedStyle = selectedStyle
    self.columnGap = columnGap
  }

  /// The first row shown when `visibleRows` fit: scrolled so the selected row is the last visible one
  /// when it would otherwise be hidden.
  func firstVisibleRow(visibleRows: Int) -> Int {
    guard let selected, visibleRows > 0, selected >= visibleRows else { return 0 }
    return min(selected - visibleRows + 1, max(0, rows.count - visibleRows))
  }

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let slots = Layout(.horizontal, columns.map(\.width), gap: columnGap).split(area)
    drawRow(columns.map(\.title), style: headerStyle, y: area.top, slots: slots, into: &buffer)
    let visible = area.height - 1
    let first = firstVisibleRow(visibleRows: visible)
    for (offset, index) in (first..<min(rows.count, first + max(0, visible))).enumerated() {
      let y = area.top + 1 + offset
      let row = rows[index]
      if index == selected {
        buffer.fill(
          Rect(x: area.left, y: y, width: area.width, height: 1), with: Cell(" ", style: selectedStyle))
      }
      let style = index == selected ? merge(row.style, selectedStyle) : row.style
      drawRow(row.cells, style: style, y: y, slots: slots, into: &buffer)
    }
  }

  private func drawRow(_ texts: [String], style: Style, y: Int, slots: [Rect], into buffer: inout Buffer) {
    for (i, slot) in slots.enumerated() where i < texts.count && slot.width > 0 {
      let text = truncated(texts[i], to: slot.width)
      let line = Line(text, style: style, alignment: columns[i].alignment)
      line.draw(
        in: Rect(x: slot.x, y: y, width: slot.width, height: 1), y: y, alignment: .left, into: &buffer)
    }
  }

  /// The row's colours with the selection's attributes on top.
  private func merge(_ base: Style, _ top: Style) -> Style {
    var s = base
    s.reverse = s.reverse || top.reverse
    s.bold = s.bold || top.bold
    s.underline = s.underline || top.underline
    if top.foreground != .default { s.foreground = top.foreground }
    if top.background != .default { s.background = top.background }
    return s
  }
}
