import NeuralEngine
import TerminalUI

/// Colours and glyphs of the dashboard, with colour switched off for `NO_COLOR`.
///
/// Only the eight ANSI colours are used, which every colour terminal has and which terminal
/// themes adapt; train and validation sit on the blue–yellow axis that the common colour-vision
/// deficiencies (deuteranopia, protanopia) keep apart: cyan and yellow on a dark background,
/// blue and red on a light one (`background`), and the two curves also differ in line style
/// (solid, dotted), so they stay apart without colour too.
struct Theme {
  var color: Bool
  var ascii: Bool
  var background: TerminalBackground = .dark

  init(_ state: DashboardState) {
    color = state.color
    ascii = state.ascii
    background = state.background
  }

  private func tint(_ style: Style, _ c: Color) -> Style { color ? style.fg(c) : style }
  private var light: Bool { background == .light }

  var train: Style { tint(.plain, light ? .blue : .cyan) }
  var validation: Style { tint(.plain, light ? .red : .yellow) }
  var marker: Style { tint(Style(bold: true), .magenta) }
  var title: Style { Style(bold: true) }
  var dim: Style { Style(dim: true) }
  var key: Style { Style(reverse: true) }
  var notice: Style { tint(Style(bold: true), light ? .blue : .yellow) }
  var error: Style { tint(.plain, .red) }
  /// A right prediction (a wrong one is `error`).
  var correct: Style { tint(.plain, .green) }
  func border(focused: Bool) -> Style { focused ? tint(Style(bold: true), .cyan) : .plain }

  func phase(_ p: RunPhase) -> Style {
    switch p {
    case .idle, .loading: Style(bold: true)
    case .running, .stepping: tint(Style(bold: true), .green)
    case .paused: tint(Style(bold: true), light ? .red : .yellow)
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

/// Whether the terminal draws on a dark or a light background, for the colour choices.
public enum TerminalBackground: String, Sendable, Equatable {
  case dark, light

  /// `TRAINTOP_BACKGROUND=light|dark` when set; else `COLORFGBG` (set by rxvt, Konsole and
  /// others as `fg;bg`, a background of 7 or 9–15 meaning light); else dark, the common case.
  public static func detect(environment: [String: String]) -> TerminalBackground {
    if let chosen = environment["TRAINTOP_BACKGROUND"].flatMap({
      TerminalBackground(rawValue: $0.lowercased())
    }) {
      return chosen
    }
    if let pair = environment["COLORFGBG"], let bg = pair.split(separator: ";").last.flatMap({ Int($0) }) {
      return bg == 7 || (9...15).contains(bg) ? .light : .dark
    }
    return .dark
  }
}
