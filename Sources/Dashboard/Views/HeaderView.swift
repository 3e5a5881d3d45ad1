import TerminalUI

/// Two rows: run, dataset, state, epoch and speed; then the epoch's progress bar and ETA, and
/// the run's message (why it stopped, a data notice) when there is one. While a sweep trains
/// several runs at once, the first row says how many others run beside the current one, and
/// the second has a bar for each.
struct HeaderView: Widget {
  var state: DashboardState
  var theme: Theme
  /// Drawn at the right end of the first row on terminals 100 columns wide or more.
  static let helpHint = "? help"

  func render(in area: Rect, into buffer: inout Buffer) {
    guard area.height >= 2 else { return }
    let sep = Span(theme.separator, style: theme.dim)
    var spans: [Span] = [Span(" traintop", style: theme.title)]
    if state.width < 100 { spans = [] }
    let run = state.currentRun
    if let run {
      spans += [
        Span(spans.isEmpty ? " " : theme.separator, style: theme.dim),
        Span("run \(run.id)", style: theme.title),
      ]
      let others = state.activeRuns.filter { $0.id != run.id }.count
      if others > 0 { spans.append(Span(" +\(others) running", style: theme.dim)) }
      var name = run.info?.datasetName ?? run.settings.dataset ?? "auto"
      if name.hasSuffix(" (train)") { name.removeLast(8) }
      spans.append(sep)
      spans.append(Span(name))
      if let info = run.info {
        spans.append(Span(" \(info.trainCount)/\(info.validationCount)", style: theme.dim))
      }
    } else {
      spans += [
        Span(spans.isEmpty ? " " : theme.separator, style: theme.dim), Span(state.settings.dataset ?? "auto"),
      ]
    }
    let phase = run?.phase ?? state.phase
    spans += [sep, Span(phase.rawValue, style: theme.phase(phase))]
    if let run {
      let total = run.currentSettings.epochs
      let current = min(total, run.epochCount + (run.lastBatch != nil ? 1 : 0))
      spans += [sep, Span("epoch \(current)/\(total)")]
      if let pace = paceLabel(run) { spans += [sep, Span(pace)] }
      if let sps = run.samplesPerSecond, sps > 0 {
        let used = spans.reduce(0) { $0 + $1.width } + sep.width
        let long = "\(rate(sps)) samples/s"
        let room = area.width - (state.width >= 100 ? Self.helpHint.count + 2 : 0)
        spans += [sep, Span(used + long.count < room ? long : "\(rate(sps))/s")]
      }
    }
    drawSpans(spans, x: area.left, y: area.top, in: area, into: &buffer)
    if state.width >= 100 {
      let hint = Self.helpHint
      buffer.setString(x: area.right - hint.count - 1, y: area.top, hint, style: theme.dim, clippedTo: area)
    }
    drawProgress(run, in: Rect(x: area.x, y: area.y + 1, width: area.width, height: 1), into: &buffer)
  }

  private func drawProgress(_ run: RunRecord?, in row: Rect, into buffer: inout Buffer) {
    let active = state.activeRuns
    if active.count > 1 { return drawProgress(of: active, in: row, into: &buffer) }
    var x = row.left + 1
    if let run, run.phase.isActive || run.phase == .paused {
      let bpe = run.info?.batchesPerEpoch ?? 0
      let batch = run.lastBatch?.batch ?? 0
      var label = "\(batch)/\(bpe) batches"
      if let eta = run.etaSeconds { label += "  ETA \(duration(eta))" }
      if run.phase == .loading { label = "loading data…" }
      let barWidth = min(60, max(20, row.width / 2))
      let bar = ProgressBar(
        fraction: bpe > 0 ? Double(batch) / Double(bpe) : 0, label: label, ascii: theme.ascii,
        filledStyle: theme.train)
      let width = min(row.width - 2, barWidth + 1 + label.count)
      bar.render(in: Rect(x: x, y: row.y, width: width, height: 1), into: &buffer)
      x += width + 2
    } else if let run, let best = run.bestAccuracyEpoch {
      x =
        drawSpans(
          [
            Span("best val_accuracy ", style: theme.dim), Span(metric(best.valAccuracy), style: theme.title),
            Span(" @ epoch \(best.epoch + 1)", style: theme.dim),
          ], x: x, y: row.y, in: row, into: &buffer) + 2
    } else if run == nil {
      x =
        drawSpans(
          [Span("press "), Span(" Space ", style: theme.key), Span(" to start training")], x: x, y: row.y,
          in: row, into: &buffer) + 2
    }
    if let message = run?.message, x < row.right - 8 {
      let style = run?.phase == .diverged || run?.phase == .failed ? theme.error : theme.dim
      let text = truncatedText(message, to: row.right - x - 1)
      buffer.setString(x: x, y: row.y, text, style: style, clippedTo: row)
    }
  }
}

extension HeaderView {
  /// One short bar per active run, side by side: `5 ████░░░░ 12/120  6 ██░░░░░░ 3/9`.
  fileprivate func drawProgress(of runs: [RunRecord], in row: Rect, into buffer: inout Buffer) {
    let width = (row.width - 1) / runs.count
    guard width >= 12 else { return }
    for (i, run) in runs.enumerated() {
      let bpe = run.info?.batchesPerEpoch ?? 0
      let batch = run.lastBatch?.batch ?? 0
      let label = run.phase == .loading ? "loading…" : "\(batch)/\(bpe)"
      let x = row.left + 1 + i * width
      let name = "\(run.id) "
      buffer.setString(x: x, y: row.y, name, style: theme.title, clippedTo: row)
      let barWidth = min(30, width - name.count - 2)
      let bar = ProgressBar(
        fraction: bpe > 0 ? Double(batch) / Double(bpe) : 0, label: label, ascii: theme.ascii,
        filledStyle: theme.train)
      bar.render(in: Rect(x: x + name.count, y: row.y, width: barWidth, height: 1), into: &buffer)
    }
  }
}

/// `text` cut to `width` columns with a trailing `…`.
func truncatedText(_ text: String, to width: Int) -> String {
  guard width > 0 else { return "" }
  let scalars = Array(text.unicodeScalars)
  guard scalars.count > width else { return text }
  var view = String.UnicodeScalarView(scalars.prefix(width - 1))
  view.append("…")
  return String(view)
}
