import NeuralEngine
import TerminalUI

/// One row per run of the session: what differs from run 1 and the best validation accuracy.
struct RunsPanel: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let focused = state.focus == .runs
    let listed = state.panelRuns
    let panel = state.runsPanel
    let block = Block(
      title: "Runs", rightTitle: rightTitle(listed), ascii: theme.ascii,
      borderStyle: theme.border(focused: focused))
    block.render(in: area, into: &buffer)
    let inner = block.inner(area).inset(byColumns: 1)
    guard !inner.isEmpty else { return }
    guard !listed.isEmpty || !panel.queue.isEmpty else {
      buffer.setString(x: inner.x, y: inner.y, "no runs yet", style: theme.dim, clippedTo: inner)
      return
    }
    let baseline = state.allRuns.first?.settings ?? state.settings
    let baselineID = state.allRuns.first?.id
    let baselineLabel = state.allRuns.first?.label ?? "1"
    let marked = !panel.pinned.isEmpty || (panel.showHidden && !panel.hidden.isEmpty)
    var rows = listed.map { run -> Table.Row in
      let best =
        run.bestAccuracyEpoch.map { "\(metric($0.valAccuracy)) @\($0.epoch + 1)" }
        ?? (theme.ascii ? "-" : "–")
      var style: Style = run.id == state.currentRun?.id ? Style(bold: true) : .plain
      if run.storedID != nil || panel.hidden.contains(run.id) { style = theme.dim }
      let mark =
        panel.hidden.contains(run.id) ? "h" : panel.pinned.contains(run.id) ? (theme.ascii ? "*" : "●") : ""
      return Table.Row(
        (marked ? [mark] : []) + [
          run.label, run.stateText,
          Self.differences(
            run.reproducibleSettings, from: baseline, first: run.id == baselineID, baseline: baselineLabel),
          best,
        ],
        style: style)
    }
    // Queued sweep runs follow, dimmed; they cannot be selected.
    rows += panel.queue.enumerated().map { i, h in
      Table.Row(
        (marked ? [""] : []) + [
          "q\(i + 1)", "queued", Self.differences(h, from: baseline, first: false, baseline: baselineLabel),
          "",
        ], style: theme.dim)
    }
    // Unfocused, the latest runs stay in view; focused, the table scrolls to the selection.
    if !focused { rows = Array(rows.suffix(max(1, inner.height - 1))) }
    let labelWidth = max(2, listed.map(\.label.count).max() ?? 0, panel.queue.isEmpty ? 0 : 3)
    let table = Table(
      columns: (marked ? [.init("", width: .length(1))] : []) + [
        .init("#", width: .length(labelWidth), alignment: .right), .init("state", width: .length(8)),
        .init(
          listed.count + panel.queue.count > 1 ? "changes vs run \(baselineLabel)" : "settings", width: .fill),
        .init("best val_acc", width: .length(13), alignment: .right),
      ], rows: rows, selected: focused ? state.selectedRun : nil)
    table.render(in: inner, into: &buffer)
    drawReason(in: area, into: &buffer)
  }

  /// `3 runs`, plus stored runs, skipped directories, the sort and the sweep's progress.
  private func rightTitle(_ listed: [RunRecord]) -> String? {
    let panel = state.runsPanel
    var parts: [String] = []
    if panel.sweepTotal > 0 { parts.append("sweep \(panel.sweepStarted)/\(panel.sweepTotal)") }
    if panel.sort != nil { parts.append("by \(panel.sort!.rawValue)") }
    if !panel.stored.isEmpty { parts.append("\(panel.stored.count) stored") }
    if !panel.problems.isEmpty { parts.append("\(panel.problems.count) skipped") }
    let hiddenOut = panel.showHidden ? 0 : panel.hidden.count
    if hiddenOut > 0 { parts.append("\(hiddenOut) hidden") }
    if state.runs.count > 1 || (!state.runs.isEmpty && !parts.isEmpty) {
      parts.insert(state.runs.count == 1 ? "1 run" : "\(state.runs.count) runs", at: 0)
    }
    return parts.isEmpty ? nil : parts.joined(separator: " · ")
  }

  /// Why the charted run ended early (early stopping, divergence, a stop), on the bottom border.
  private func drawReason(in area: Rect, into buffer: inout Buffer) {
    guard let run = state.chartedRun, let s = run.summary,
      s.earlyStoppedEpoch != nil || s.status == .diverged,
      let reason = s.reason
    else { return }
    var text = "run \(run.label): \(reason)"
    if let r = s.restoredEpoch { text += ", weights of epoch \(r + 1) restored" }
    buffer.setString(
      x: area.left + 2, y: area.bottom - 1, " " + truncatedText(text, to: area.width - 6) + " ",
      style: theme.notice, clippedTo: area)
  }

  /// `dropout 0.3, lr 0.01` for the settings that differ; run 1 lists its main settings.
  static func differences(
    _ h: Hyperparameters, from base: Hyperparameters, first: Bool, baseline: String = "1"
  ) -> String {
    func text(_ field: SettingField) -> String {
      field == .changes ? "\(h.changes.count) changes" : "\(field.shortName) \(field.text(of: h))"
    }
    // Changes first: a run changed mid-flight reads differently from its settings alone.
    let changed = h.changes.isEmpty ? [] : [text(.changes)]
    if first {
      return
        (changed
        + [SettingField.dataset, .hidden, .activation, .optimizer, .learningRate, .batchSize, .dropout].map(
          text))
        .joined(separator: ", ")
    }
    // The pace never alters the metrics: not a difference worth a column.
    let diffs = SettingField.allCases.filter {
      $0 != .pace && $0 != .changes && $0.text(of: h) != $0.text(of: base)
    }
    if diffs.isEmpty && changed.isEmpty { return "same as run \(baseline)" }
    return (changed + diffs.map(text)).joined(separator: ", ")
  }
}

extension Rect {
  /// The rect shrunk by `n` columns left and right.
  func inset(byColumns n: Int) -> Rect { Rect(x: x + n, y: y, width: width - 2 * n, height: height) }
}
