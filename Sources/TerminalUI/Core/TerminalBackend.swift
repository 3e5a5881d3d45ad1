/// A terminal the dashboard can draw frames on and read input from.
///
/// The runtime takes any backend: the ncurses one (`CursesTerminal` in
/// CursesBackend) in the app, an in-memory one in tests. All calls come from
/// one thread (the main thread for ncurses).
public protocol TerminalBackend: AnyObject {
  /// The terminal's current size in cells.
  var size: (width: Int, height: Int) { get }

  /// Shows `buffer` as the whole screen, writing only what changed since the last frame.
  func draw(_ buffer: Buffer)

  /// Waits up to `timeoutMilliseconds` (negative: forever, 0: just poll) for input.
  ///
  /// Returns `nil` on timeout or for input that has no `Key` (e.g. a function key).
  func readKey(timeoutMilliseconds: Int) -> InputEvent?

  /// Gives the terminal back to the shell. Safe to call more than once.
  func stop()
}
