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
    guard let first = table.first else { return }
    let header = first.enumerated().map { c, title in
      // The `epochs` setting (planned) beside the `epochs` result (run).
      c >= 2 && c < first.count - 4 && title == "epochs" ? "max epochs" : Self.shortTitles[title] ?? title
    }
    // Columns as wide as their widest cell; numbers (the last four) right-aligned. When the
    // settings do not all fit, the rightmost settings columns give way to the results.
    let natural = header.indices.map { c in
      ([header] + table.dropFirst()).map { $0[c].unicodeScalars.count }.max() ?? 1
    }
    let gap = 2
    let settingsRange = 2..<(header.count - 4)
    let fixed = header.indices.filter { !settingsRange.contains($0) }
    var room = inner.width - fixed.reduce(0) { $0 + natural[$1] + gap }
    var kept = fixed
    for c in settingsRange where natural[c] + gap <= room {
      kept.append(c)
      room -= natural[c] + gap
    }
    kept.sort()
    let dropped = settingsRange.count - (kept.count - fixed.count)
    let columns = kept.map { c in
      Table.Column(header[c], width: .length(natural[c]), alignment: c >= header.count - 4 ? .right : .left)
    }
    let rows = table.dropFirst().map { row in Table.Row(kept.map { row[$0] }) }
    Table(columns: columns, rows: Array(rows), columnGap: gap).render(in: inner, into: &buffer)
    if dropped > 0 && inner.height > rows.count + 1 {
      buffer.setString(
        x: inner.x, y: inner.y + rows.count + 1,
        "+\(dropped) more differing settings (wider terminal shows them)",
        style: theme.dim, clippedTo: inner)
    }
    let note = "gap = train − val accuracy at the last epoch; pin runs with v in Runs to choose them"
    if inner.height > rows.count + 2 {
      buffer.setString(
        x: inner.x, y: inner.bottom - 1, truncatedText(note, to: inner.width), style: theme.dim,
        clippedTo: inner)
    }
  }

  /// Narrower column titles than config.json's keys, so more settings fit.
  static let shortTitles = [
    "batch_size": "batch", "learning_rate": "lr", "train_size": "train n", "early_stopping": "patience",
    "restore_best": "restore", "reduce_lr_on_plateau": "plateau", "activation": "act", "optimizer": "opt",
    "best val_acc @ep": "best val_acc", "min val_loss @ep": "min val_loss",
  ]

  /// `RunComparison`'s table for `runs`, with the panel's run labels.
  static func table(for runs: [RunRecord], sortedBy key: RunComparison.SortKey) -> [[String]] {
    let entries = runs.map {
      RunComparison.Entry(
        id: $0.label, status: $0.stateText, config: $0.settings, summary: $0.summarySoFar,
        epochCount: $0.epochCount)
    }
    return RunComparison(entries, sortedBy: key).table
  }
}
