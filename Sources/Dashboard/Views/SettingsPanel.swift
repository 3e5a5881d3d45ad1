import TerminalUI

/// The hyperparameter panel: one row per setting, the edited values, which rows change the
/// running run at its next batch (`~`, live), and which differ from it (`*`, next run).
struct SettingsPanel: Widget {
  var state: DashboardState
  var theme: Theme

  static let labelWidth = 10

  func render(in area: Rect, into buffer: inout Buffer) {
    let focused = state.focus == .settings
    let running = state.runningSettings
    // `*` on rows the running run will not take up; live rows (`~`) go to the run itself.
    let changed = SettingField.allCases.filter { f in
      !f.isLive && (running.map { f.text(of: $0) != f.text(of: state.settings) } ?? false)
    }
    let block = Block(
      title: "Settings", rightTitle: running != nil ? "~ live" : nil, ascii: theme.ascii,
      borderStyle: theme.border(focused: focused))
    block.render(in: area, into: &buffer)
    let inner = block.inner(area)
    guard inner.height > 0 else { return }

    // Rows: every field, an error row under the one being edited, and a note at the bottom.
    var rows: [(field: SettingField?, text: String)] = []
    for field in SettingField.allCases {
      rows.append((field, ""))
      if let e = state.editor, e.field == field, let error = e.error {
        for line in Self.wrap("! " + error, width: inner.width - 2).prefix(3) { rows.append((nil, line)) }
      }
    }
    let note: String? =
      running == nil ? nil : !changed.isEmpty ? "~ now, * next run" : "~ rows change the run now"
    let available = inner.height - (note != nil && inner.height > 4 ? 1 : 0)
    let selectedRow = rows.firstIndex { $0.field == state.selectedField } ?? 0
    let errorRows = rows.count - SettingField.allCases.count
    let lastNeeded = min(rows.count - 1, selectedRow + errorRows)
    let first = max(0, min(lastNeeded - available + 1, rows.count - available))
    for (offset, row) in rows[first..<min(rows.count, first + available)].enumerated() {
      let y = inner.y + offset
      let slot = Rect(x: inner.x, y: y, width: inner.width, height: 1)
      guard let field = row.field else {
        buffer.setString(x: inner.x + 2, y: y, row.text, style: theme.error, clippedTo: slot)
        continue
      }
      var fieldState: FormField.State = .normal
      if focused && field == state.selectedField { fieldState = .focused }
      let mark: Unicode.Scalar? = running != nil && field.isLive ? "~" : nil
      if let e = state.editor, e.field == field {
        var editing = FormField(label: field.label, input: e.input, labelWidth: Self.labelWidth)
        editing.mark = mark
        editing.markStyle = theme.changeMark
        editing.render(in: slot, into: &buffer)
        continue
      }
      var value =
        state.runsPanel.sweepLists[field]?.joined(separator: field == .hidden ? " | " : ",")
        ?? field.text(of: state.settings)
      if field.choices != nil && fieldState == .focused { value = theme.ascii ? "<\(value)>" : "‹\(value)›" }
      if changed.contains(field) { value += "*" }
      var row = FormField(label: field.label, value: value, state: fieldState, labelWidth: Self.labelWidth)
      row.mark = mark
      row.markStyle = theme.changeMark
      row.render(in: slot, into: &buffer)
    }
    if first > 0 {
      buffer.setString(x: inner.right - 1, y: inner.y, theme.ascii ? "^" : "↑", style: theme.dim)
    }
    if first + available < rows.count {
      buffer.setString(
        x: inner.right - 1, y: inner.y + available - 1, theme.ascii ? "v" : "↓", style: theme.dim)
    }
    if let note, inner.height > 4 {
      buffer.setString(
        x: inner.x + 1, y: inner.bottom - 1, truncatedText(note, to: inner.width - 1), style: theme.dim,
        clippedTo: inner)
    }
  }

  /// `text` broken at spaces into rows of at most `width` columns.
  static func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var rows: [String] = []
    var current = ""
    for word in text.split(separator: " ") {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if candidate.unicodeScalars.count <= width || current.isEmpty {
        current = candidate
      } else {
        rows.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty { rows.append(current) }
    return rows.map { truncatedText($0, to: width) }
  }
}
