import SafeText

/// One "label  value" row of a settings form, showing whether it is focused or being edited.
///
/// ```
///   learning rate  0.01          (normal)
/// > learning rate  0.01          (focused: marker, bold label, reversed value)
/// > learning rate  0.0█          (editing: underlined value, reversed cursor cell)
///                  ! must be > 0 (error, red, on the next row when there is one)
/// ```
/// Pure rendering: the editing itself is a `TextInput` owned by the caller.
public struct FormField: Widget, Hashable, Sendable {
  /// How the field is drawn.
  public enum State: Hashable, Sendable {
    case normal, focused, editing
  }

  public var label: String
  public var value: String
  public var state: State
  /// The cursor's column in `value` while editing.
  public var cursor: Int
  /// A validation message drawn in red.
  public var error: String?
  /// Columns reserved for the label so values of several fields line up; nil uses the label's width.
  public var labelWidth: Int?
  /// A one-column mark between the focus marker and the label (e.g. `~` for a setting that
  /// applies at once), in `markStyle`.
  public var mark: Unicode.Scalar?
  public var markStyle: Style = .plain

  public init(
    label: String, value: String, state: State = .normal, cursor: Int? = nil, error: String? = nil,
    labelWidth: Int? = nil
  ) {
    self.label = label
    self.value = value
    self.state = state
    self.cursor = cursor ?? columnWidth(value)
    self.error = error
    self.labelWidth = labelWidth
  }

  /// A field showing an editor's text and cursor.
  public init(
    label: String, input: TextInput, state: State = .editing, error: String? = nil, labelWidth: Int? = nil
  ) {
    self.init(
      label: label, value: input.text, state: state, cursor: input.cursorColumn, error: error,
      labelWidth: labelWidth)
  }

  public static let errorStyle = Style(foreground: .red)

  public func render(in area: Rect, into buffer: inout Buffer) {
    guard !area.isEmpty else { return }
    let y = area.top
    let active = state != .normal
    buffer.setString(x: area.left, y: y, active ? ">" : " ", style: Style(bold: true), clippedTo: area)
    if let mark, area.width > 1 { buffer[area.left + 1, y] = Cell(mark, style: markStyle) }
    let labelColumns = labelWidth ?? columnWidth(label)
    let labelText = truncated(label, to: labelColumns)
    buffer.setString(x: area.left + 2, y: y, labelText, style: Style(bold: active), clippedTo: area)
    let valueX = area.left + 2 + labelColumns + 2
    let valueArea = Rect(x: valueX, y: y, width: area.right - valueX, height: 1)
    guard valueArea.width > 0 else { return }
    let used = drawValue(in: valueArea, into: &buffer)
    if let error, !error.isEmpty {
      if area.height >= 2 {
        buffer.setString(x: valueX, y: y + 1, "! \(error)", style: FormField.errorStyle, clippedTo: area)
      } else {
        buffer.setString(
          x: valueX + used + 1, y: y, "! \(error)", style: FormField.errorStyle, clippedTo: valueArea)
      }
    }
  }

  /// Draws the value (scrolled so the cursor stays visible while editing); returns the columns used.
  ///
  /// Measured in terminal columns: a wide character (CJK) takes two, so a typed value scrolls
  /// sooner and never runs over the panel's border.
  private func drawValue(in area: Rect, into buffer: inout Buffer) -> Int {
    switch state {
    case .normal:
      return buffer.setString(x: area.left, y: area.top, value, clippedTo: area)
    case .focused:
      return buffer.setString(x: area.left, y: area.top, value, style: Style(reverse: true), clippedTo: area)
    case .editing:
      // Each character's first column and width; the cursor is a column (see `TextInput`).
      var glyphs: [(scalar: Unicode.Scalar, column: Int, width: Int)] = []
      var total = 0
      for scalar in value.unicodeScalars where scalar.terminalColumns > 0 {
        glyphs.append((scalar, total, scalar.terminalColumns))
        total += scalar.terminalColumns
      }
      let cursor = min(max(0, self.cursor), total)
      // Scroll so the cursor's cell (one column past the end when it is there) is visible.
      let start = max(0, cursor + 1 - area.width)
      let end = start + area.width
      for glyph in glyphs where glyph.column + glyph.width > start && glyph.column < end {
        let style = Style(reverse: glyph.column == cursor, underline: glyph.column != cursor)
        let x = area.left + glyph.column - start
        if glyph.column >= start && glyph.column + glyph.width <= end {
          buffer[x, area.top] = Cell(glyph.scalar, style: style)
        } else {
          buffer[max(x, area.left), area.top] = Cell(" ", style: style)  // cut by an edge
        }
      }
      if cursor == total && cursor < end {
        buffer[area.left + cursor - start, area.top] = Cell(" ", style: Style(reverse: true))
      }
      return min(total + 1, end) - start
    }
  }
}
