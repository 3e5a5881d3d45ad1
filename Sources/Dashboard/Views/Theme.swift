import NeuralEngine
import TerminalUI

/// Colours and glyphs of the dashboard, with colour switched off for `NO_COLOR`.
struct Theme {
  var color: Bool
  var ascii: Bool

  init(_ state: DashboardState) {
    color = state.color
    ascii = state.ascii
  }

  private func tint(_ style: Style, _ c: Color) -> Style { color ? style.fg(c) : style }

  var train: Style { tint(.plain, .cyan) }
  var validation: Style { tint(.plain, .yellow) }
  var marker: Style { tint(Style(bold: true), .magenta) }
  var title: Style { Style(bold: true) }
  var dim: Style { Style(dim: true) }
  var key: Style { Style(reverse: true) }
  var notice: Style { tint(Style(bold: true), .yellow) }
  var error: Style { tint(.plain, .red) }
  func border(focused: Bool) -> Style { focused ? tint(Style(bold: true), .cyan) : .plain }

  func phase(_ p: RunPhase) -> Style {
    switch p {
    case .idle, .loading: Style(bold: true)
    case .running, .stepping: tint(Style(bold: true), .green)
    case .paused: tint(Style(bold: true), .yellow)
    case .finished: tint(Style(bold: true), .blue)
    case .stopped: tint(Style(bold: true), .magenta)
    case .diverged, .failed: tint(Style(bold: true), .red)
    }
  }

  /// The line and label of a setting changed mid-run.
  var changeMark: Style { tint(Style(dim: !color), .green) }
  var arrow: String { ascii ? "->" : "→" }

  /// `lr 0.5→0.05` (`->` in ASCII).
  func changeLabel(_ change: SettingChange) -> String {
    let s = change.setting
    return
      "\(s.shortName) \(change.previous.map { s.formatted($0) } ?? "")\(arrow)\(s.formatted(change.value))"
  }

  var separator: String { ascii ? " | " : " │ " }
  var solidSample: String { ascii ? "-*" : "──" }
  var dottedSample: String { ascii ? ".o" : "┈┈" }
  var markerSymbol: String { ascii ? "@" : "◆" }
  var arrowsUpDown: String { ascii ? "Up/Dn" : "↑↓" }
  var arrowsLeftRight: String { ascii ? "Lt/Rt" : "←→" }
}
