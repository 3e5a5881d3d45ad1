import NeuralEngine
import TerminalUI
import TrainingRuns

/// The compare view (`c`), like TensorBoard's hparams table: the pinned and selected runs as rows
/// (every listed run when that is fewer than two), only the settings that differ as columns, then
/// best val accuracy @ epoch, min val loss @ epoch and the final gap. Drawn where the charts go.
struct CompareView: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let key = state.runsPanel.sort ?? .best
    let block = Block(
      title: "Compare", rightTitle: "by \(DashboardState.sortName(key)) · c closes", ascii: theme.ascii,
      borderStyle: theme.border(focused: true))
    block.render(in: area, into: &buffer)
    let inner = block.inner(area).inset(byColumns: 1)
    guard !inner.isEmpty else { return }
    let table = Self.table(for: state.comparedRuns, sortedBy: key)
    guard let header = table.first else { return }
    // Fixed columns as wide as their widest cell; numbers (the last four) right-aligned.
    let widths = header.indices.map { c in table.map { $0[c].unicodeScalars.count }.max() ?? 1 }
    let columns = header.indices.map { c in
      Table.Column(header[c], width: .length(widths[c]), alignment: c >= header.count - 4 ? .right : .left)
    }
    let rows = table.dropFirst().map { Table.Row($0) }
    Table(columns: columns, rows: Array(rows), columnGap: 2).render(in: inner, into: &buffer)
    let note = "gap = train − val accuracy at the last epoch; pin runs with v in Runs to choose them"
    if inner.height > rows.count + 2 {
      buffer.setString(
        x: inner.x, y: inner.bottom - 1, truncatedText(note, to: inner.width), style: theme.dim, clippedTo: inner)
    }
  }

  /// `RunComparison`'s table for `runs`, with the panel's run labels.
  static func table(for runs: [RunRecord], sortedBy key: RunComparison.SortKey) -> [[String]] {
    let entries = runs.map {
      RunComparison.Entry(id: $0.label, status: $0.stateText, config: $0.settings, summary: $0.summarySoFar)
    }
    return RunComparison(entries, sortedBy: key).table
  }
}
