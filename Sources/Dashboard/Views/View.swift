import TerminalUI

/// Draws the whole screen for `state`: pure, so every screen can be tested as text.
///
/// ```
///  header (run, dataset, state, epoch, progress)
///  ┌ Settings ┐┌ Loss ─────────┐┌ Accuracy ─────┐
///  │          ││               ││               │   charts stack when narrow
///  │          │└───────────────┘└───────────────┘
///  │          │┌ Runs ─────────────────────────┐
///  └──────────┘└───────────────────────────────┘
///  footer (keys or a notice)
/// ```
public func view(_ state: DashboardState, width: Int, height: Int) -> Buffer {
  var buffer = Buffer(width: width, height: height)
  let minimum = DashboardState.minimumSize
  guard width >= minimum.width, height >= minimum.height else {
    return tooSmallScreen(width: width, height: height, minimum: minimum, ascii: state.ascii)
  }
  let theme = Theme(state)
  if state.classroom.presenting {
    PresentationView(state: state, theme: theme).render(in: buffer.area, into: &buffer)
    if state.showHelp { helpPopup(theme).render(in: buffer.area, into: &buffer) }
    ClassroomOverlays(state: state, theme: theme).render(in: buffer.area, into: &buffer)
    return buffer
  }
  let rows = buffer.area.split(.vertical, [.length(2), .fill, .length(1)])
  HeaderView(state: state, theme: theme).render(in: rows[0], into: &buffer)
  let columns = rows[1].split(.horizontal, [.length(32), .fill])
  SettingsPanel(state: state, theme: theme).render(in: columns[0], into: &buffer)
  let listed = state.panelRuns.count + state.runsPanel.queue.count
  let runsHeight = min(max(4, listed + 3), height >= 36 ? 8 : 5)
  let main = columns[1].split(.vertical, [.fill, .length(runsHeight)])
  if state.runsPanel.comparing {
    CompareView(state: state, theme: theme).render(in: main[0], into: &buffer)
  } else {
    ChartsAndBoundaryView(state: state, theme: theme).render(in: main[0], into: &buffer)
  }
  RunsPanel(state: state, theme: theme).render(in: main[1], into: &buffer)
  FooterView(state: state, theme: theme).render(in: rows[2], into: &buffer)
  if state.showHelp { helpPopup(theme).render(in: buffer.area, into: &buffer) }
  ClassroomOverlays(state: state, theme: theme).render(in: buffer.area, into: &buffer)
  return buffer
}

extension DashboardState {
  /// The screen for this state at its own terminal size.
  public var screen: Buffer {
    var buffer = view(self, width: width, height: height)
    if ascii { ASCIIFallback.apply(to: &buffer) }  // pure ASCII, whatever a widget drew
    return buffer
  }
}

// MARK: - Small formatting helpers

/// `0.4123` style: four decimals, like Keras's progress output.
func metric(_ v: Double, decimals: Int = 4) -> String {
  guard v.isFinite else { return v.isNaN ? "nan" : "inf" }
  return NiceTicks.format(v, decimals: decimals)
}

/// `12.3k` style for rates.
func rate(_ v: Double) -> String {
  if v >= 1e6 { return NiceTicks.format(v / 1e6, decimals: 1) + "M" }
  if v >= 1e4 { return NiceTicks.format(v / 1e3, decimals: 1) + "k" }
  return String(Int(v.rounded()))
}

/// `1:05` or `12s` style durations.
func duration(_ seconds: Double) -> String {
  guard seconds.isFinite else { return "?" }
  let s = Int(seconds.rounded())
  if s < 60 { return "\(s)s" }
  if s < 3600 { return "\(s / 60)m\(String(format2: s % 60))s" }
  return "\(s / 3600)h\(String(format2: s / 60 % 60))m"
}

extension String {
  /// Two-digit zero-padded number.
  fileprivate init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}

/// Draws spans left to right from `x`, clipped to `area`; returns the column after the last one.
@discardableResult
func drawSpans(_ spans: [Span], x: Int, y: Int, in area: Rect, into buffer: inout Buffer) -> Int {
  var col = x
  for span in spans {
    buffer.setString(x: col, y: y, span.text, style: span.style, clippedTo: area)
    col += span.width
  }
  return col
}

/// The "terminal too small" screen shared by the dashboard and `watch`.
///
/// Written with "x" rather than `Popup.terminalTooSmall`'s "×", which a non-UTF-8 terminal cannot show.
func tooSmallScreen(width: Int, height: Int, minimum: (width: Int, height: Int), ascii: Bool) -> Buffer {
  var buffer = Buffer(width: width, height: height)
  let lines = [
    Line("Terminal too small", style: Style(bold: true)),
    Line("\(width)x\(height), need \(minimum.width)x\(minimum.height)"),
  ]
  Popup(content: Paragraph(lines, alignment: .center, wrap: true), ascii: ascii)
    .render(in: buffer.area, into: &buffer)
  return buffer
}
