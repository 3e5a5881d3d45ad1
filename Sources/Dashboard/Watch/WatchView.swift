import TerminalUI
import TrainingRuns

/// Draws the whole `watch` screen for `state`: pure, so every screen can be tested as text.
///
/// ```
///  traintop watch │ ── a.csv following · 12 rows │ ── stdin ended · 20 rows
///  ┌ Loss ──────────────┐┌ Accuracy ──────────┐
///  │                    ││                    │   one chart per metric pair, 1–4 in a grid
///  └────────────────────┘└────────────────────┘
///  malformed lines: a.csv 0 · stdin 1                  l log  m smooth  ? help  q quit
/// ```
public func watchView(_ state: WatchState, width: Int, height: Int) -> Buffer {
  var buffer = Buffer(width: width, height: height)
  let minimum = WatchState.minimumSize
  guard width >= minimum.width, height >= minimum.height else {
    return tooSmallScreen(width: width, height: height, minimum: minimum, ascii: state.ascii)
  }
  let theme = Theme(color: state.color, ascii: state.ascii, background: state.background)
  let header = WatchHeader(state: state, theme: theme)
  let rows = buffer.area.split(.vertical, [.length(header.height(width: width)), .fill, .length(1)])
  header.render(in: rows[0], into: &buffer)

  var chartArea = rows[1]
  if state.showsRunsPanel {
    let columns = chartArea.split(.horizontal, [.fill, .length(WatchRunsPanel.width)])
    chartArea = columns[0]
    WatchRunsPanel(state: state, theme: theme).render(in: columns[1], into: &buffer)
  }
  let panels = state.metricPanels
  let shown = Array(panels.prefix(WatchState.maximumPanels))
  if shown.isEmpty {
    waitingMessage(state, theme).render(in: chartArea, into: &buffer)
  }
  let visible = state.visibleRunIndices.map { state.runs[$0] }
  let xTitle =
    visible.isEmpty || visible.allSatisfy(\.log.xIsStep)
    ? (visible.isEmpty ? "epoch" : "step")
    : (visible.contains(where: \.log.xIsStep) ? "epoch / step" : "epoch")
  for (panel, area) in zip(shown, panelGrid(count: shown.count, in: chartArea)) {
    var chart = WatchChart(panel: panel, state: state, theme: theme)
    chart.plotColumns = max(20, area.width - 8)
    ChartPanel(
      title: chart.title, content: chart.content, logScale: state.logScale && !panel.higherIsBetter,
      smoothed: state.smoothing, theme: theme, xTitle: xTitle
    ).render(in: area, into: &buffer)
  }
  WatchFooter(state: state, theme: theme, hidden: panels.dropFirst(shown.count).map(\.name))
    .render(in: rows[2], into: &buffer)
  if state.showHelp { watchHelpPopup(theme).render(in: buffer.area, into: &buffer) }
  return buffer
}

extension WatchState {
  /// The screen for this state at its own terminal size.
  public var screen: Buffer {
    var buffer = watchView(self, width: width, height: height)
    if ascii { ASCIIFallback.apply(to: &buffer) }  // pure ASCII, whatever a widget drew
    return buffer
  }
}

/// What the chart area says before any log has a metric.
private func waitingMessage(_ state: WatchState, _ theme: Theme) -> Paragraph {
  let names =
    state.runs.isEmpty
    ? "any run in the directory"
    : state.runs.prefix(5).map(\.name).joined(separator: ", ")
      + (state.runs.count > 5 ? " and \(state.runs.count - 5) more" : "")
  let hint =
    state.filter.isEmpty
    ? "TensorBoard event files, Keras/Lightning CSV, JSON lines, trainer_state.json"
    : "no metric or run matches the filter /\(state.filter) (Esc clears it)"
  return Paragraph(
    [Line(""), Line("Waiting for metrics from \(names)", style: theme.title), Line(hint, style: theme.dim)],
    alignment: .center, wrap: true)
}

// MARK: - Header

/// The sources: each run's sample line, name, follow status and row count, flowing over one
/// or two rows.
struct WatchHeader: Widget {
  var state: WatchState
  var theme: Theme

  /// 1 when everything fits on one row, else 2.
  func height(width available: Int) -> Int {
    let total = entries.reduce(width(of: title)) { $0 + separatorWidth + width(of: $1) }
    return total + (state.width >= 100 ? 8 : 0) <= available ? 1 : 2
  }

  func render(in area: Rect, into buffer: inout Buffer) {
    var x = drawSpans(title, x: area.left, y: area.top, in: area, into: &buffer)
    var y = area.top
    let right = area.right - (state.width >= 100 ? 8 : 0)
    for (index, entry) in entries.enumerated() {
      let w = width(of: entry)
      if x + separatorWidth + w > right && y + 1 < area.bottom && x > area.left + 1 {
        y += 1
        x = area.left + 1
      } else {
        x = drawSpans([Span(theme.separator, style: theme.dim)], x: x, y: y, in: area, into: &buffer)
      }
      if x + w > right {
        let rest = entries.count - index
        drawSpans([Span("+\(rest) more", style: theme.dim)], x: x, y: y, in: area, into: &buffer)
        break
      }
      x = drawSpans(entry, x: x, y: y, in: area, into: &buffer)
    }
    if state.width >= 100 {
      let hint = "? help"
      buffer.setString(x: area.right - hint.count - 1, y: area.top, hint, style: theme.dim, clippedTo: area)
    }
  }

  private var title: [Span] { [Span(" traintop watch", style: theme.title)] }
  private var separatorWidth: Int { theme.separator.count }
  private func width(of spans: [Span]) -> Int { spans.reduce(0) { $0 + $1.width } }

  private var entries: [[Span]] {
    // The runs panel lists the runs: the header only counts them.
    if state.showsRunsPanel { return [summary] }
    let single = state.runs.count == 1
    return state.runs.enumerated().map { index, run in
      var spans: [Span] = []
      if !single { spans.append(Span(theme.solidSample + " ", style: theme.runColor(index))) }
      spans.append(Span(run.name, style: theme.title))
      if let error = run.error {
        spans.append(Span(" error: " + truncatedText(error, to: 50), style: theme.error))
        return spans
      }
      spans.append(Span(" " + Self.statusWord(run.status), style: statusStyle(run.status)))
      let rows = run.rowCount
      spans.append(Span(" · \(rows) row\(rows == 1 ? "" : "s")", style: theme.dim))
      if run.resets > 0 {
        spans.append(Span(" · reset \(run.resets)x", style: theme.notice))
      }
      return spans
    }
  }

  /// `12 runs · 10 following · 2 waiting · 1 error`.
  private var summary: [Span] {
    let following = state.runs.filter { $0.status == .following && $0.error == nil }.count
    let waiting = state.runs.filter { $0.status == .waitingForFile && $0.error == nil }.count
    let errors = state.runs.filter { $0.error != nil }.count
    var spans = [Span("\(state.runs.count) run\(state.runs.count == 1 ? "" : "s")", style: theme.title)]
    if following > 0 { spans.append(Span(" · \(following) following", style: statusStyle(.following))) }
    if waiting > 0 { spans.append(Span(" · \(waiting) waiting", style: theme.notice)) }
    if errors > 0 { spans.append(Span(" · \(errors) with errors", style: theme.error)) }
    let resets = state.runs.reduce(0) { $0 + $1.resets }
    if resets > 0 { spans.append(Span(" · \(resets) resets", style: theme.notice)) }
    return spans
  }

  static func statusWord(_ status: LogStatus) -> String {
    switch status {
    case .waitingForFile: "waiting for file"
    case .following: "following"
    case .ended: "ended"
    }
  }

  private func statusStyle(_ status: LogStatus) -> Style {
    switch status {
    case .waitingForFile: theme.notice
    case .following: theme.color ? Style.plain.fg(.green) : .plain
    case .ended: theme.dim
    }
  }
}

// MARK: - Footer

/// The bottom row: malformed lines per source (and metrics without room), then the keys.
struct WatchFooter: Widget {
  var state: WatchState
  var theme: Theme
  /// Metrics that have no chart (more than four pairs).
  var hidden: [String]

  func render(in area: Rect, into buffer: inout Buffer) {
    var status: [Span] = []
    if state.editingFilter || !state.filter.isEmpty {
      status.append(Span("/", style: theme.key))
      status.append(Span(state.filter + (state.editingFilter ? "_" : ""), style: theme.title))
      status.append(Span("  ", style: theme.dim))
    }
    if state.runs.count <= 3 {
      status.append(Span("malformed lines: ", style: theme.dim))
      for (index, run) in state.runs.enumerated() {
        if index > 0 { status.append(Span(" · ", style: theme.dim)) }
        status.append(Span("\(run.name) "))
        status.append(
          Span("\(run.log.malformedLines)", style: run.log.malformedLines > 0 ? theme.notice : .plain))
      }
    } else {
      let malformed = state.runs.filter { $0.log.malformedLines > 0 }
      let total = malformed.reduce(0) { $0 + $1.log.malformedLines }
      status.append(
        Span("\(state.visibleRunIndices.count)/\(state.runs.count) runs · malformed ", style: theme.dim))
      status.append(Span("\(total)", style: total > 0 ? theme.notice : .plain))
      if !malformed.isEmpty { status.append(Span(" in \(malformed.count) runs", style: theme.dim)) }
    }
    let problems = state.problems.count + state.runs.filter { $0.error != nil }.count
    if problems > 0 {
      let first =
        state.problems.first ?? state.runs.first { $0.error != nil }.map { "\($0.name): \($0.error!)" } ?? ""
      status.append(Span("  problems \(problems): ", style: theme.error))
      status.append(Span(truncatedText(first, to: 40), style: theme.dim))
    }
    if !hidden.isEmpty {
      status.append(Span("  +\(hidden.count) not shown: " + hidden.joined(separator: ", "), style: theme.dim))
    }
    // The counts come first: the keys give way (l and m, then all) before the counts are cut.
    let allKeys: [(String, String)] = [
      ("l", "log"), ("m", "smooth"), ("r", state.robustRange ? "full range" : "robust range"), ("?", "help"),
      ("q", "quit"),
    ]
    let statusWidth = status.reduce(0) { $0 + $1.width }
    let keys =
      [allKeys, Array(allKeys.suffix(2)), []].first { keys in
        statusWidth + 2 + Self.width(of: keys) <= area.width - 1
      } ?? []
    let room = area.width - 2 - Self.width(of: keys)
    if statusWidth <= room {
      drawSpans(status, x: area.left + 1, y: area.top, in: area, into: &buffer)
    } else {
      let text = truncatedText(status.map(\.text).joined(), to: room)
      buffer.setString(x: area.left + 1, y: area.top, text, clippedTo: area)
    }
    var x = area.right - Self.width(of: keys) + 1
    for (key, label) in keys {
      x += buffer.setString(x: x, y: area.top, key, style: theme.key, clippedTo: area)
      x += buffer.setString(x: x, y: area.top, " " + label, clippedTo: area) + 2
    }
  }

  /// Columns the keys take, two spaces after each.
  private static func width(of keys: [(String, String)]) -> Int {
    keys.reduce(0) { $0 + $1.0.count + 1 + $1.1.count + 2 }
  }
}

/// The `?` overlay for `watch`.
func watchHelpPopup(_ theme: Theme) -> Popup {
  let rows: [(String, String)] = [
    ("l", "log-scale losses and errors (not accuracies)"),
    ("m", "smoothing (raw dim + smoothed curves)"),
    ("r", "y range: fit the later 90 % of each log (early spikes clipped, marked ↑) / all"),
    ("/", "filter runs and metrics: glob or regex, live (Enter keeps, Esc clears)"),
    ("↑ ↓  v h H", "select a run · pin it on top · hide it · show hidden runs"),
    ("?", "this help (any key closes it)"),
    ("q, Ctrl-C", "quit (the logs are only read, never changed)"),
  ]
  let lines =
    rows.map { key, text in Line([Span(key.padding(to: 12), style: theme.title), Span(text)]) } + [
      Line(""),
      Line("Solid: train, dotted: validation (val_ columns).", style: theme.dim),
      Line("\(theme.markerSymbol) best epoch; a truncated or replaced file is read again.", style: theme.dim),
    ]
  return Popup(title: "Keys", lines: lines, ascii: theme.ascii)
}
