import TerminalUI
import TrainingRuns

extension WatchState {
  /// The runs panel is shown for a directory or more than three runs, when there is room.
  public var showsRunsPanel: Bool {
    (followsDirectory || runs.count > 3) && width >= 100
  }
}

/// The list of runs beside the charts: colour, pin or hidden mark, the legend's name, the last
/// value of the first chart's metric; the cursor (↑/↓) picks the run `v` pins and `h` hides.
///
/// ```
/// ┌─ Runs 12/200 ────────────────┐
/// │▸── ★ lr 0.1, bs 32   0.4123  │
/// │ ··   lr 0.01, bs 32  0.5012  │
/// ```
struct WatchRunsPanel: Widget {
  static let width = 34
  var state: WatchState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let visible = Set(state.visibleRunIndices)
    let title = "Runs \(visible.count)/\(state.runs.count)"
    let block = Block(title: title, ascii: theme.ascii)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area)
    guard inner.height > 0, !state.runs.isEmpty else { return }
    let keys = state.differingSettingKeys
    let metric = state.metricPanels.first
    // Keep the cursor in view: scroll by pages.
    let page = max(1, inner.height - 1)
    let first = (min(state.selectedRun, state.runs.count - 1) / page) * page
    for (row, index) in (first..<min(state.runs.count, first + page)).enumerated() {
      let run = state.runs[index]
      let y = inner.top + row
      var x = inner.left
      let selected = index == state.selectedRun
      x += buffer.setString(x: x, y: y, selected ? ">" : " ", style: theme.key, clippedTo: inner)
      let sample = visible.contains(index) ? theme.solidSample : "  "
      x += buffer.setString(x: x, y: y, sample, style: theme.runColor(index), clippedTo: inner)
      let mark = run.pinned ? "*" : (run.hidden ? "-" : " ")
      x += buffer.setString(x: x, y: y, mark + " ", style: theme.notice, clippedTo: inner)
      let own = metric.flatMap { run.pair(named: $0.name) }
      let value = own.flatMap { m in (m.validation ?? m.train).flatMap { run.columns[$0]?.last?.y } }
      let valueText = value.map { " " + Dashboard.metric($0, decimals: 4) } ?? ""
      let room = inner.right - x - valueText.count
      let name = truncatedText(state.label(of: run, keys: keys), to: max(1, room))
      let style = run.hidden ? theme.dim : (selected ? theme.title : .plain)
      buffer.setString(x: x, y: y, name, style: style, clippedTo: inner)
      buffer.setString(
        x: inner.right - valueText.count, y: y, valueText, style: theme.dim, clippedTo: inner)
    }
    if inner.height > page {
      let hint = "v pin  h hide  H show  / filter"
      buffer.setString(
        x: inner.left, y: inner.bottom - 1, truncatedText(hint, to: inner.width), style: theme.dim,
        clippedTo: inner)
    }
  }
}
