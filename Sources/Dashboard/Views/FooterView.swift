import TerminalUI

/// The bottom row: the keys that work now, or a notice after a refused key or a change.
struct FooterView: Widget {
  var state: DashboardState
  var theme: Theme

  func render(in area: Rect, into buffer: inout Buffer) {
    if let notice = state.notice {
      buffer.setString(
        x: area.left + 1, y: area.top, truncatedText(notice, to: area.width - 2), style: theme.notice,
        clippedTo: area)
      return
    }
    var x = area.left + 1
    // The keys that fit, in priority order, drawn in their original order.
    var fitting: [(String, String)] = []
    var used = 0
    for (key, label, _) in keys.sorted(by: { $0.priority < $1.priority }) {
      let w = key.unicodeScalars.count + 1 + label.count + 2
      guard used + w <= area.width - 1 else { continue }
      fitting.append((key, label))
      used += w
    }
    for (key, label, _) in keys where fitting.contains(where: { $0.0 == key && $0.1 == label }) {
      x += buffer.setString(x: x, y: area.top, key, style: theme.key, clippedTo: area)
      x += buffer.setString(x: x, y: area.top, " " + label, clippedTo: area) + 2
    }
  }

  /// The keys with their labels and priorities (lower first when space is short).
  private var keys: [(key: String, label: String, priority: Int)] {
    if state.editor != nil {
      return [
        ("Enter", "confirm", 0), ("Esc", "cancel", 0), (theme.arrowsLeftRight, "move", 1), ("^U", "clear", 2),
      ]
    }
    let space: String
    switch state.phase {
    case .running: space = "pause"
    case .paused, .stepping: space = "resume"
    case .loading: space = "wait"
    default: space = "start"
    }
    var keys: [(key: String, label: String, priority: Int)] = [
      ("Space", space, 0), ("s", "stop", 1), ("n", "new run", 1), ("Tab", "focus", 2),
    ]
    let paused = state.phase == .paused || state.phase == .idle || !state.phase.isActive
    keys += [(".", "step", paused ? 1 : 3), ("+/-", "pace", state.phase.isActive ? 1 : 4)]
    if state.focus == .settings {
      keys += [("Enter", "edit", 2), (theme.arrowsLeftRight, "cycle", 3)]
    } else {
      keys += [("Enter", "load settings", 2), ("v", "pin", 2), ("h", "hide", 3), ("S", "sort", 3)]
    }
    if !state.runsPanel.sweepLists.isEmpty { keys.append(("g", "queue sweep", 0)) }
    keys += [("c", state.runsPanel.comparing ? "charts" : "compare", 3), ("e", "export", 4)]
    keys += [("p", "presets", 3)]
    keys += [("o", "overlay", 4), ("l", "log", 4), ("m", "smooth", 4), ("?", "help", 0), ("q", "quit", 0)]
    return keys
  }
}

/// The `?` overlay: every key and what it does.
func helpPopup(_ theme: Theme) -> Popup {
  let rows: [(String, String)] = [
    ("Space", "start a run / pause / resume"),
    ("s", "stop the run (its curves and metrics are kept)"),
    ("n", "new run with the edited settings (the old one stays in Runs)"),
    ("Tab, Shift-Tab", "move focus between Settings and Runs"),
    ("\(theme.arrowsUpDown), j k", "select a setting or a run"),
    ("\(theme.arrowsLeftRight)", "cycle a choice (dataset, activation, optimizer…)"),
    ("Enter, Esc", "edit a setting, confirm / cancel; on a run: load it"),
    ("o  l  m", "overlay earlier + pinned runs · log-scale loss · smoothing"),
    ("r", "y range: fit the epochs and current batches (clipped ↑) / all"),
    ("v  h  (Runs)", "pin the selected run to the charts · hide it"),
    ("H  S", "show hidden runs · sort: best val acc, min val loss, gap"),
    ("c", "compare pinned runs: differing settings, best, gap"),
    ("e", "export the charted runs: SVG + CSV in the runs dir"),
    ("g", "run a sweep: type comma lists (batch 100,500), g"),
    ("?", "this help (h too, outside Runs; any key closes)"),
    ("q, Ctrl-C", "quit (metrics are saved in ./traintop-runs)"),
  ]
  let lines =
    (rows.prefix(3) + liveHelpRows + rows.dropFirst(3) + classroomHelpRows).map { key, text in
      Line([Span(key.padding(to: 16), style: theme.title), Span(text)])
    } + [
      Line(""),
      Line("During a run, edits of rows marked ~ change it at its next batch;", style: theme.dim),
      Line("the other edits apply to the next run (marked *).", style: theme.dim),
    ]
  return Popup(title: "Keys", lines: lines, ascii: theme.ascii)
}

extension String {
  /// The string padded with spaces to `width` columns.
  func padding(to width: Int) -> String {
    let n = unicodeScalars.count
    return n >= width ? self : self + String(repeating: " ", count: width - n)
  }
}
