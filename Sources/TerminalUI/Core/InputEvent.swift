/// One input from the terminal: a key press or a change of the terminal's size.
///
/// Backends produce these; the dashboard turns them into its own messages.
/// Living in TerminalUI (not the backend) keeps the dashboard free of ncurses.
public enum InputEvent: Hashable, Sendable {
  case key(Key)
  /// The terminal now has `width` columns and `height` rows; the next frame should match.
  case resize(width: Int, height: Int)
}
