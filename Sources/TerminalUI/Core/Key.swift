/// A key press, independent of the terminal library that read it.
///
/// The backend maps its own key codes to these; the dashboard's `update`
/// sees only `Key`s, so it can be driven by tests without a terminal.
public enum Key: Hashable, Sendable {
  /// A printable character (letters, digits, punctuation, space).
  case character(Character)
  case enter
  case escape
  case tab
  case backTab
  case backspace
  case delete
  case up, down, left, right
  case home, end, pageUp, pageDown
  /// Ctrl + a letter, e.g. `.control("c")`.
  case control(Character)
}
