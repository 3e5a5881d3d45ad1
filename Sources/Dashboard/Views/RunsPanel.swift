import NeuralEngine
import TerminalUI

/// One row per run of the session: what differs from run 1 and the best validation accuracy.
struct RunsPanel: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let focused = state.focus == .runs
    let block = Block(
      title: "Runs", rightTitle: state.runs.count > 1 ? "\(state.runs.count) runs" : nil, ascii: theme.ascii,
      borderStyle: theme.border(focused: focused))
    block.render(in: area, into: &buffer)
    let inner = block.inner(area).inset(byColumns: 1)
    guard !inner.isEmpty else { return }
    guard !state.runs.isEmpty else {
      buffer.setString(x: inner.x, y: inner.y, "no runs yet", style: theme.dim, clippedTo: inner)
      return
    }
    let baseline = state.runs[0].settings
    var rows = state.runs.map { run -> Table.Row in
      let best =
        run.bestAccuracyEpoch.map { "\(metric($0.valAccuracy)) @\($0.epoch + 1)" }
        ?? (theme.ascii ? "-" : "–")
      let style = run.id == state.currentRun?.id ? Style(bold: true) : .plain
      return Table.Row(
        [
          "\(run.id)", run.phase.rawValue.lowercased(),
          Self.differences(run.settings, from: baseline, first: run.id == 1), best,
        ],
        style: style)
    }
    // Unfocused, the latest runs stay in view; focused, the table scrolls to the selection.
    if !focused { rows = Array(rows.suffix(max(1, inner.height - 1))) }
    let table = Table(
      columns: [
        .init("#", width: .length(2), alignment: .right), .init("state", width: .length(8)),
        .init(state.runs.count > 1 ? "changes vs run 1" : "settings", width: .fill),
        .init("best val_acc", width: .length(13), alignment: .right),
      ], rows: rows, selected: focused ? state.selectedRun : nil)
    table.render(in: inner, into: &buffer)
  }

  /// `dropout 0.3, lr 0.01` for the settings that differ; run 1 lists its main settings.
  static func differences(_ h: Hyperparameters, from base: Hyperparameters, first: Bool) -> String {
    if first {
      return [SettingField.dataset, .hidden, .activation, .optimizer, .learningRate, .batchSize, .dropout]
        .map { "\($0.shortName) \($0.text(of: h))" }.joined(separator: ", ")
    }
    let diffs = SettingField.allCases.filter { $0.text(of: h) != $0.text(of: base) }
    if diffs.isEmpty { return "same as run 1" }
    return diffs.map { "\($0.shortName) \($0.text(of: h))" }.joined(separator: ", ")
  }
}

extension Rect {
  /// The rect shrunk by `n` columns left and right.
  func inset(byColumns n: Int) -> Rect { Rect(x: x + n, y: y, width: width - 2 * n, height: height) }
}
