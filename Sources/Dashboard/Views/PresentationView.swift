import NeuralEngine
import TerminalUI

/// Presentation mode (`--present`, `P`): for a projector. The charts take the whole screen with
/// bold axis labels, wider margins and thick lines; the editor and the runs panel hide.
///
/// ```
///  run 2 │ spiral 100/100 │ RUNNING │ epoch 340/1500 │ best val_acc 0.7400 @25
///  ┌─ LOSS ──────────────┐┌─ ACCURACY ──────────┐┌─ Decision boundary ─┐
///  │ ── train 0.01  ┈┈ val │                     ││                     │
///  └─────────────────────┘└─────────────────────┘└─────────────────────┘
///  P leave · x command line · b boundary · Space pause · q quit
/// ```
struct PresentationView: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    let rows = area.split(.vertical, [.length(1), .fill, .length(1)])
    drawHeader(in: rows[0], into: &buffer)
    var body = rows[1]
    if let panel = state.insightPanel {
      let (charts, side) = InsightLayout.split(body)
      InsightPanelView(state: state, panel: panel, theme: theme).render(in: side, into: &buffer)
      body = charts ?? Rect(x: body.x, y: body.y, width: 0, height: 0)
    } else if state.boundaryPanelVisible {
      let wanted = 2 * (body.height - 3) + 2
      let width = max(BoundaryLayout.minimumWidth, min(wanted, body.width / 2))
      let parts = body.split(.horizontal, [.fill, .length(width)])
      DecisionBoundaryView(state: state, theme: theme).render(in: parts[1], into: &buffer)
      body = parts[0]
    }
    let direction: Direction = body.width >= 2 * 40 ? .horizontal : .vertical
    let slots = body.split(direction, [.fill, .fill])
    renderChart(.loss, in: slots[0], into: &buffer)
    renderChart(.accuracy, in: slots[1], into: &buffer)
    drawFooter(in: rows[2], into: &buffer)
  }

  private func drawHeader(in row: Rect, into buffer: inout Buffer) {
    let sep = Span(theme.separator, style: theme.dim)
    var spans: [Span] = [Span(" ")]
    if let run = state.currentRun {
      var name = run.info?.datasetName ?? run.settings.dataset ?? "auto"
      if name.hasSuffix(" (train)") { name.removeLast(8) }
      spans += [Span("run \(run.id)", style: theme.title), sep, Span(name, style: theme.title)]
      spans += [sep, Span(run.phase.rawValue, style: theme.phase(run.phase))]
      let current = min(run.currentSettings.epochs, run.epochCount + (run.lastBatch != nil ? 1 : 0))
      spans += [sep, Span("epoch \(current)/\(run.currentSettings.epochs)", style: theme.title)]
      if let pace = paceLabel(run) { spans += [sep, Span(pace, style: theme.title)] }
      if let best = run.bestAccuracyEpoch {
        spans += [
          sep, Span("best val_acc \(metric(best.valAccuracy)) @\(best.epoch + 1)", style: theme.title),
        ]
      }
    } else {
      spans += [
        Span(state.settings.dataset ?? "auto", style: theme.title), sep, Span("press Space to start"),
      ]
    }
    drawSpans(spans, x: row.x, y: row.y, in: row, into: &buffer)
  }

  private func drawFooter(in row: Rect, into buffer: inout Buffer) {
    if let notice = state.notice {
      buffer.setString(
        x: row.x + 1, y: row.y, truncatedText(notice, to: row.width - 2), style: theme.notice, clippedTo: row)
      return
    }
    let keys = [
      ("P", "leave"), ("Space", "start/pause"), (".", "step"), ("+/-", "pace"), ("[ ]", "lr"),
      ("x", "command line"), ("b", "boundary"), ("p", "presets"), ("n", "new run"), ("q", "quit"),
    ]
    var x = row.x + 1
    for (key, label) in keys {
      guard x + key.count + label.count + 2 < row.right else { break }
      x += buffer.setString(x: x, y: row.y, key, style: theme.key, clippedTo: row)
      x += buffer.setString(x: x, y: row.y, " " + label, clippedTo: row) + 2
    }
  }

  /// One chart: a bold title and legend row, a margin all round, bold axis labels, thick lines.
  private func renderChart(_ kind: ChartsView.Kind, in area: Rect, into buffer: inout Buffer) {
    let block = Block(title: kind == .loss ? "LOSS" : "ACCURACY", ascii: theme.ascii, titleStyle: theme.title)
    block.render(in: area, into: &buffer)
    let inner = block.inner(area)
    guard inner.height >= 5, inner.width >= 12 else { return }
    let content = ChartContent(state: state, kind: kind, theme: theme)
    let legendRow = Rect(x: inner.x + 2, y: inner.y, width: inner.width - 4, height: 1)
    let legend = content.legend(content.topLegend + content.bottomLegend, width: legendRow.width, gap: 3)
    drawSpans(
      legend.map { Span($0.text, style: $0.style.bolded) }, x: legendRow.x, y: legendRow.y, in: legendRow,
      into: &buffer)
    // Margins: two columns each side, a row above and below the plot.
    let plot = Rect(x: inner.x + 2, y: inner.y + 2, width: inner.width - 4, height: inner.height - 3)
    // Only the smoothed train curve: thick raw batch noise would hide it on a projector.
    let series = content.series.filter { $0.name != "raw" }
    let chart = LineChart(
      series: series, markers: content.markers, marks: content.marks,
      xAxis: Axis(title: "epoch", bounds: content.xBounds, integerTicks: true),
      yAxis: Axis(scale: kind == .loss && state.logScaleLoss ? .log : .linear),
      mode: theme.ascii ? .ascii : .braille, legend: .hidden, thick: true, axisStyle: Style(bold: true),
      yFocus: content.yFocus)
    chart.render(in: plot, into: &buffer)
  }
}

// MARK: - Popups

/// The classroom popups over any screen: the preset picker and the reproduce command line.
struct ClassroomOverlays: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    if let picker = state.classroom.picker {
      presetPicker(picker, width: area.width).render(in: area, into: &buffer)
    }
    if state.classroom.showCommandLine { commandLinePopup(width: area.width).render(in: area, into: &buffer) }
  }

  /// Every preset with its summary; the selected one's note (e.g. a missing dataset) below.
  private func presetPicker(_ picker: PresetPicker, width: Int) -> Popup {
    let presets = state.classroom.presets
    let nameWidth = (presets.map { $0.name.unicodeScalars.count }.max() ?? 0) + 2
    let room = max(20, width - 6)
    var lines: [Line] = []
    for (i, preset) in presets.enumerated() {
      let selected = i == picker.selected
      let marker = selected ? (theme.ascii ? "> " : "› ") : "  "
      let flag = preset.problem != nil ? " !" : ""
      let summary = truncatedText(preset.summary, to: room - nameWidth - 2 - flag.count)
      let style = selected ? theme.key : Style.plain
      lines.append(
        Line([
          Span(marker + preset.name.padding(to: nameWidth), style: selected ? style : theme.title),
          Span(summary, style: style), Span(flag, style: theme.error),
        ]))
    }
    if presets.indices.contains(picker.selected) {
      let preset = presets[picker.selected]
      lines.append(Line(""))
      for row in SettingsPanel.wrap(preset.summary, width: room) { lines.append(Line(row, style: theme.dim)) }
      if let plan = preset.sweep {
        let study = "A study of \(plan.count) runs: \(plan.summary). After loading, g queues them all."
        for row in SettingsPanel.wrap(study, width: room) { lines.append(Line(row, style: theme.dim)) }
      }
      if let problem = preset.problem {
        for row in SettingsPanel.wrap("! " + problem, width: room) {
          lines.append(Line(row, style: theme.error))
        }
      }
    }
    lines.append(Line(""))
    lines.append(
      Line(
        "\(theme.arrowsUpDown) select · Enter load (applies to the next run) · Esc cancel", style: theme.dim))
    return Popup(title: "Presets", lines: lines, ascii: theme.ascii)
  }

  private func commandLinePopup(width: Int) -> Popup {
    let run = state.chartedRun
    let shown = run?.reproducibleSettings ?? state.settings
    var lines = [
      Line(run.map { "Run \($0.id), reproduced by:" } ?? "The settings, as a command:", style: theme.dim),
      Line(ReproduceCommand.string(for: shown, presets: state.classroom.presets), style: theme.title),
    ]
    if run != nil, shown != state.settings {
      lines += [
        Line(""), Line("The edited settings (next run):", style: theme.dim),
        Line(ReproduceCommand.string(for: state.settings, presets: state.classroom.presets)),
      ]
    }
    if !state.runsPanel.sweepLists.isEmpty {
      let command = ReproduceCommand.sweepString(
        for: state.settings, lists: state.runsPanel.sweepLists, presets: state.classroom.presets)
      lines += [Line(""), Line("The sweep g queues:", style: theme.dim), Line(command)]
    }
    lines += [Line(""), Line("Also printed when you quit. Any key closes this.", style: theme.dim)]
    return Popup(title: "Reproduce this run", content: Paragraph(lines, wrap: true), ascii: theme.ascii)
  }
}

extension DashboardState {
  /// The command line reproducing the latest run (or the settings when nothing ran), printed on quit.
  public var reproduceCommand: String {
    ReproduceCommand.string(for: currentRun?.reproducibleSettings ?? settings, presets: classroom.presets)
  }
}

/// The classroom keys, for the help overlay.
let classroomHelpRows: [(String, String)] = [
  ("p", "presets: ready-made lessons (load into the settings)"),
  ("b", "decision boundary panel (2-D datasets)"),
  ("P", "presentation mode: big charts, no editor"),
  ("x", "the settings as a 'traintop train' command line"),
]

/// The keys of a live run, for the help overlay.
let liveHelpRows: [(String, String)] = [
  ("+  -  0", "pace: faster / slower (epochs per second) / back to auto"),
  (".  ,", "step one epoch / one batch, then pause (before Space too)"),
  ("[  ]", "halve / double the learning rate of the running run"),
]

/// `pace auto 2.5/s`, `pace 10/s`, `pace full`: how fast an active run may go (nil otherwise).
func paceLabel(_ run: RunRecord) -> String? {
  guard run.phase.isActive, let report = run.pace else { return nil }
  let limit = report.limit.map { "\(formatRate($0))/s" }
  switch report.pace {
  case .full: return "pace full"
  case .auto: return "pace auto " + (limit ?? "full")
  case .epochsPerSecond: return "pace " + (limit ?? "full")
  }
}

/// A rate with at most two decimals: `2.5`, `0.25`, `25`.
func formatRate(_ r: Double) -> String {
  let rounded = (r * 100).rounded() / 100
  return formatNumber(rounded >= 10 ? rounded.rounded() : rounded)
}
