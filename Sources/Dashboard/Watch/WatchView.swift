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
  let theme = Theme(color: state.color, ascii: state.ascii)
  let header = WatchHeader(state: state, theme: theme)
  let rows = buffer.area.split(.vertical, [.length(header.height(width: width)), .fill, .length(1)])
  header.render(in: rows[0], into: &buffer)

  let panels = state.metricPanels
  let shown = Array(panels.prefix(WatchState.maximumPanels))
  if shown.isEmpty {
    waitingMessage(state, theme).render(in: rows[1], into: &buffer)
  }
  for (panel, area) in zip(shown, panelGrid(count: shown.count, in: rows[1])) {
    let chart = WatchChart(panel: panel, state: state, theme: theme)
    ChartPanel(
      title: chart.title, content: chart.content, logScale: state.logScale && !panel.higherIsBetter,
      smoothed: state.smoothing,
      theme: theme
    ).render(in: area, into: &buffer)
  }
  WatchFooter(state: state, theme: theme, hidden: panels.dropFirst(shown.count).map(\.name))
    .render(in: rows[2], into: &buffer)
  if state.showHelp { watchHelpPopup(theme).render(in: buffer.area, into: &buffer) }
  return buffer
}

extension WatchState {
  /// The screen for this state at its own terminal size.
  public var screen: Buffer { watchView(self, width: width, height: height) }
}

/// What the chart area says before any log has a metric.
private func waitingMessage(_ state: WatchState, _ theme: Theme) -> Paragraph {
  let names = state.runs.map(\.name).joined(separator: ", ")
  return Paragraph(
    [
      Line(""), Line("Waiting for metrics from \(names)", style: theme.title),
      Line("Keras CSVLogger files or JSON lines with epoch (or step), loss, val_loss…", style: theme.dim),
    ], alignment: .center, wrap: true)
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
      let rows = run.log.rowsRead
      spans.append(Span(" · \(rows) row\(rows == 1 ? "" : "s")", style: theme.dim))
      if run.resets > 0 {
        spans.append(Span(" · reset \(run.resets)x", style: theme.notice))
      }
      return spans
    }
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
    var status: [Span] = [Span("malformed lines: ", style: theme.dim)]
    for (index, run) in state.runs.enumerated() {
      if index > 0 { status.append(Span(" · ", style: theme.dim)) }
      status.append(Span("\(run.name) "))
      status.append(
        Span("\(run.log.malformedLines)", style: run.log.malformedLines > 0 ? theme.notice : .plain))
    }
    if !hidden.isEmpty {
      status.append(Span("  +\(hidden.count) not shown: " + hidden.joined(separator: ", "), style: theme.dim))
    }
    // The counts come first: the keys give way (l and m, then all) before the counts are cut.
    let allKeys: [(String, String)] = [("l", "log"), ("m", "smooth"), ("?", "help"), ("q", "quit")]
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
