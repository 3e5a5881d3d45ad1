import CNcursesw
import Glibc
import Synchronization
import TerminalUI

/// Why a `CursesTerminal` could not start.
public enum CursesTerminalError: Error, Equatable, CustomStringConvertible {
  /// stdin or stdout is not a terminal (piped, redirected, or run without a tty).
  case notATerminal
  /// ncurses does not know the terminal type in `TERM`.
  case unknownTerminal(String)
  /// Another `CursesTerminal` is still running; ncurses drives one screen at a time.
  case alreadyRunning
  /// The terminal type in `TERM` cannot move the cursor (e.g. `dumb`): nothing could be drawn.
  case cannotAddressCursor(String)

  public var description: String {
    switch self {
    case .notATerminal:
      return "stdin and stdout must be a terminal, not a pipe or a file"
    case .unknownTerminal(let term):
      return "unknown terminal type TERM=\(term); try TERM=xterm-256color"
    case .alreadyRunning:
      return "a curses terminal is already running in this process"
    case .cannotAddressCursor(let term):
      return
        "TERM=\(term) cannot move the cursor, so nothing can be drawn; run traintop in a terminal such as "
        + "xterm (TERM=xterm-256color), or use 'traintop train' for plain output"
    }
  }
}

/// The ncurses terminal backend: draws `Buffer`s, reads keys and resizes.
///
/// Use it from the main thread only. It puts the terminal in raw mode, so
/// Ctrl-C arrives as `.key(.control("c"))` rather than as SIGINT and the
/// dashboard decides what it means. The terminal is restored by `stop()`,
/// `deinit`, a normal `exit()`, SIGTERM/SIGINT/SIGHUP/SIGQUIT (which then exit
/// with 128 + the signal number) and crashes (which then go on as before).
public final class CursesTerminal: TerminalBackend {
  /// How to set the terminal up.
  public struct Options: Sendable {
    /// Draw in colour (when the terminal has colours). Pass `false` when `NO_COLOR` is set.
    public var color: Bool
    /// How long ncurses waits after Esc for the rest of an escape sequence.
    public var escapeDelayMilliseconds: Int
    /// Restore the terminal on SIGTERM, SIGINT, SIGHUP, SIGQUIT and crashes.
    public var restoresOnSignals: Bool
    /// When stdin is not a terminal (`command | traintop watch -` pipes data into it), read
    /// keys from the controlling terminal, `/dev/tty`, instead of refusing to start.
    public var keysFromControllingTerminal: Bool

    public init(
      color: Bool = CursesTerminal.environmentAllowsColor, escapeDelayMilliseconds: Int = 25,
      restoresOnSignals: Bool = true, keysFromControllingTerminal: Bool = false
    ) {
      self.color = color
      self.escapeDelayMilliseconds = escapeDelayMilliseconds
      self.restoresOnSignals = restoresOnSignals
      self.keysFromControllingTerminal = keysFromControllingTerminal
    }
  }

  /// False when `NO_COLOR` is set to a non-empty value (see no-color.org).
  public static var environmentAllowsColor: Bool {
    guard let value = getenv("NO_COLOR") else { return true }
    return value.pointee == 0
  }

  /// Whether the locale is UTF-8, so braille and box-drawing characters can be shown.
  ///
  /// When false, the caller should draw ASCII charts instead.
  public let supportsUnicode: Bool
  /// Whether cells are drawn in colour.
  public var colorEnabled: Bool { styles.colorEnabled }
  /// Whether the terminal draws `RichColor`s (256 colours or more).
  public var richColors: Bool { styles.richColors }

  private var screen: OpaquePointer?
  private var styles: StyleMapper
  private let defaultColorsAvailable: Bool
  /// The frame on screen, to diff the next one against; `nil` forces a full repaint.
  private var shownFrame: Buffer?
  /// The next draw clears the terminal and writes every cell, whatever ncurses believes is on
  /// screen: after a resize (a storm of them left the screen garbled once in 21 tries) and on
  /// Ctrl-L (after another program wrote over the screen).
  private var repaintFully = false
  private var shownSize: (width: Int, height: Int) = (0, 0)

  // MARK: - Starting and stopping

  /// Starts ncurses on this process's terminal.
  public init(options: Options = Options()) throws(CursesTerminalError) {
    let keysFromTTY = options.keysFromControllingTerminal && isatty(STDIN_FILENO) == 0
    guard (keysFromTTY ? cn_stdout_and_controlling_tty() : cn_stdio_are_ttys()) != 0 else {
      throw .notATerminal
    }
    guard !CursesTerminal.claimScreen() else { throw .alreadyRunning }
    guard let screen = keysFromTTY ? cn_newterm_tty() : cn_newterm() else {
      CursesTerminal.releaseScreen()
      throw .unknownTerminal(getenv("TERM").map { String(cString: $0) } ?? "")
    }
    guard cn_can_address_cursor() != 0 else {
      cn_endterm(screen)
      CursesTerminal.releaseScreen()
      throw .cannotAddressCursor(getenv("TERM").map { String(cString: $0) } ?? "")
    }
    self.screen = screen
    supportsUnicode = cn_locale_is_utf8() != 0

    raw()
    noecho()
    nonl()
    keypad(cn_stdscr(), true)
    curs_set(0)
    set_escdelay(Int32(options.escapeDelayMilliseconds))

    let useColor = options.color && has_colors()
    var defaultsAvailable = false
    if useColor {
      start_color()
      defaultsAvailable = use_default_colors() == cn_ok()
    }
    defaultColorsAvailable = defaultsAvailable
    styles = StyleMapper(
      colorEnabled: useColor, pairCapacity: useColor ? Int(cn_color_pairs()) : 1,
      colorCount: useColor ? Int(cn_colors()) : 0)

    if options.restoresOnSignals { cn_install_restore_handlers() }
    shownSize = size
  }

  deinit { stop() }

  /// Ends ncurses and gives the terminal back to the shell. Safe to call more than once.
  public func stop() {
    guard let screen else { return }
    self.screen = nil
    cn_endterm(screen)  // first: a signal arriving in between then finds nothing left to restore
    cn_remove_restore_handlers()
    CursesTerminal.releaseScreen()
  }

  // MARK: - TerminalBackend

  public var size: (width: Int, height: Int) {
    guard screen != nil else { return (0, 0) }
    var rows: Int32 = 0
    var columns: Int32 = 0
    cn_getmaxyx(cn_stdscr(), &rows, &columns)
    return (Int(columns), Int(rows))
  }

  /// Shows `buffer`, writing only the cells that changed since the last frame, then refreshes once.
  ///
  /// Cells beyond the terminal are clipped; a new size (of the terminal or the
  /// buffer) repaints everything.
  public func draw(_ buffer: Buffer) {
    guard screen != nil else { return }
    let screenSize = size
    if screenSize != shownSize {
      shownFrame = nil
      shownSize = screenSize
      repaintFully = true
    }
    if repaintFully {
      clear()  // erase, and have the next refresh clear the terminal itself and write everything
      shownFrame = nil
      repaintFully = false
    } else if shownFrame == nil || shownFrame?.width != buffer.width || shownFrame?.height != buffer.height {
      erase()
    }
    for run in changedRuns(from: shownFrame, to: buffer) where run.y < screenSize.height {
      for (offset, runCell) in run.cells.enumerated() {
        var cell = runCell
        var x = run.x + offset
        guard x < screenSize.width else { break }
        if cell.isContinuation {
          // ncurses drew it with the wide character on its left; a run that starts here (a new
          // style on the right half alone) draws that character again.
          guard offset == 0, x > 0 else { continue }
          x -= 1
          cell = buffer[x, run.y]
        }
        let style = curses(cell.style)
        // Writing the bottom-right cell returns ERR (the cursor cannot advance) but still draws it.
        _ = cn_put_wchar(
          Int32(run.y), Int32(x), wchar_t(bitPattern: cell.character.value), style.attributes, style.pair)
      }
    }
    shownFrame = buffer
    refresh()
  }

  public func readKey(timeoutMilliseconds: Int) -> InputEvent? {
    guard screen != nil else { return nil }
    if let resized = resizeIfTheTerminalChanged() { return resized }
    timeout(Int32(clamping: timeoutMilliseconds < 0 ? -1 : timeoutMilliseconds))
    var code: wint_t = 0
    switch wget_wch(cn_stdscr(), &code) {
    case cn_ok() where code == 12:
      // Ctrl-L, the terminal convention: repaint the whole screen now, from the last frame.
      repaint()
      return nil
    case cn_ok():
      return KeyMapping.key(forCharacter: UInt32(code)).map(InputEvent.key)
    case cn_key_code_yes() where Int32(code) == cn_key_resize():
      shownFrame = nil
      repaintFully = true
      let (width, height) = size
      return .resize(width: width, height: height)
    case cn_key_code_yes():
      return KeyMapping.key(forKeyCode: Int32(code)).map(InputEvent.key)
    default:
      return nil  // timeout
    }
  }

  /// Clears the terminal and draws the last frame again, every cell of it.
  public func repaint() {
    guard screen != nil else { return }
    repaintFully = true
    if let frame = shownFrame { draw(frame) }
  }

  // MARK: - Helpers

  /// Compares the kernel's terminal size with ncurses's and adopts a new one.
  ///
  /// ncurses learns of resizes from SIGWINCH, which does not always arrive
  /// (a parent may block it; traintop unblocks it at start, but a library
  /// user may not); one ioctl per key poll catches every resize.
  private func resizeIfTheTerminalChanged() -> InputEvent? {
    var rows: Int32 = 0
    var columns: Int32 = 0
    guard cn_tty_size(&rows, &columns) == 0 else { return nil }
    let current = size
    guard Int(columns) != current.width || Int(rows) != current.height else { return nil }
    resize_term(rows, columns)
    shownFrame = nil
    repaintFully = true
    let (width, height) = size
    return .resize(width: width, height: height)
  }

  private func curses(_ style: Style) -> CursesStyle {
    let resolved = styles.resolve(style)
    if let colors = resolved.newPair {
      let foreground =
        colors.richForeground.map { StyleMapper.cursesColor($0, colorCount: styles.colorCount) }
        ?? Int32(
          StyleMapper.cursesColor(
            colors.foreground, defaultsAvailable: defaultColorsAvailable, fallback: Int16(COLOR_WHITE)))
      let background =
        colors.richBackground.map { StyleMapper.cursesColor($0, colorCount: styles.colorCount) }
        ?? Int32(
          StyleMapper.cursesColor(
            colors.background, defaultsAvailable: defaultColorsAvailable, fallback: Int16(COLOR_BLACK)))
      // The extended call takes colour numbers past 32 767 (direct colour's RGB values).
      init_extended_pair(Int32(resolved.pair), foreground, background)
    }
    return resolved
  }

  /// One ncurses screen per process: set while a `CursesTerminal` is running.
  private static let screenClaimed = Atomic<Bool>(false)

  /// Marks the screen as taken; returns whether it already was.
  private static func claimScreen() -> Bool {
    screenClaimed.exchange(true, ordering: .acquiringAndReleasing)
  }

  private static func releaseScreen() {
    screenClaimed.store(false, ordering: .releasing)
  }
}
