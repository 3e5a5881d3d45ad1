// ncursesw with wide-character support. SwiftPM drops pkg-config's -D flags,
// so the wide-character switches are defined here before the include.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <sys/ioctl.h>
#include <ncurses.h>
#include <term.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

// Swift 6 rejects C globals (stdscr, LINES, COLS, COLORS) as shared mutable
// state and cannot see function-like macros: expose them as functions.
static inline WINDOW *cn_stdscr(void) { return stdscr; }
static inline int cn_lines(void) { return LINES; }
static inline int cn_cols(void) { return COLS; }
static inline int cn_colors(void) { return COLORS; }
static inline int cn_color_pairs(void) { return COLOR_PAIRS; }
static inline void cn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }

static inline attr_t cn_a_normal(void) { return A_NORMAL; }
static inline attr_t cn_a_bold(void) { return A_BOLD; }
static inline attr_t cn_a_dim(void) { return A_DIM; }
static inline attr_t cn_a_reverse(void) { return A_REVERSE; }
static inline attr_t cn_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cn_color_pair(short n) { return COLOR_PAIR(n); }

/// Writes one character (any Unicode scalar) with attributes and a colour pair at (y, x).
static inline int cn_put_wchar(int y, int x, wchar_t ch, attr_t attrs, short pair) {
  cchar_t cc;
  wchar_t wstr[2] = {ch, L'\0'};
  setcchar(&cc, wstr, attrs, pair, NULL);
  return mvadd_wch(y, x, &cc);
}

static inline int cn_key_resize(void) { return KEY_RESIZE; }

/// The terminal's size as the kernel has it now (TIOCGWINSZ on stdout); -1 when unknown.
///
/// Polled because SIGWINCH does not always arrive (a parent may have blocked
/// it, as one tmux server here did for all its panes), so ncurses alone can miss a resize.
static inline int cn_tty_size(int *rows, int *cols) {
  struct winsize ws;
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_row == 0 || ws.ws_col == 0) return -1;
  *rows = ws.ws_row;
  *cols = ws.ws_col;
  return 0;
}
static inline int cn_key_up(void) { return KEY_UP; }
static inline int cn_key_down(void) { return KEY_DOWN; }
static inline int cn_key_left(void) { return KEY_LEFT; }
static inline int cn_key_right(void) { return KEY_RIGHT; }
static inline int cn_key_btab(void) { return KEY_BTAB; }
static inline int cn_key_enter(void) { return KEY_ENTER; }
static inline int cn_key_backspace(void) { return KEY_BACKSPACE; }
static inline int cn_key_dc(void) { return KEY_DC; }
static inline int cn_key_home(void) { return KEY_HOME; }
static inline int cn_key_end(void) { return KEY_END; }
static inline int cn_key_npage(void) { return KEY_NPAGE; }
static inline int cn_key_ppage(void) { return KEY_PPAGE; }
static inline int cn_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cn_err(void) { return ERR; }
static inline int cn_ok(void) { return OK; }

// MARK: - Starting and ending a session

/// Whether stdin and stdout are both terminals (ncurses needs both).
static inline int cn_stdio_are_ttys(void) { return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO); }

/// Whether stdout is a terminal and the controlling terminal can be opened for
/// keys (`command | traintop watch -`: stdin is the data pipe).
static inline int cn_stdout_and_controlling_tty(void) {
  if (!isatty(STDOUT_FILENO)) return 0;
  int fd = open("/dev/tty", O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  close(fd);
  return 1;
}

/// The shim's process-wide state. Swift's importer emits only what functions
/// reference, so the state lives in a function-local static, not at file scope.
/// Each Swift module importing this header gets its own copy: only
/// CursesBackend may call the session and handler functions below.
struct cn_state {
  /// The terminal modes the shell had before ncurses started, restored by the signal handlers.
  struct termios saved_termios;
  volatile sig_atomic_t have_saved_termios;
  /// The descriptor keys are read from: stdin, or /dev/tty when stdin carries data.
  int input_fd;
  /// The /dev/tty stream opened by `cn_newterm_tty`, closed by `cn_endterm`.
  FILE *tty_input;
  /// 1 while a screen is open: the signal and atexit handlers restore the terminal only then.
  volatile sig_atomic_t session_active;
  /// What endwin would send (sgr0, cnorm, rmkx, rmcup), captured when the handlers are installed.
  char restore_bytes[256];
  size_t restore_length;
  struct sigaction previous_actions[NSIG];
  int handlers_installed;
  int registered_atexit;
};

static inline struct cn_state *cn_state(void) {
  static struct cn_state state;
  return &state;
}

/// Sets the locale from the environment (needed for wide characters), then
/// opens ncurses on stdout/stdin. Returns NULL instead of exiting (as
/// initscr would) when the terminal type is unknown.
static inline SCREEN *cn_newterm(void) {
  setlocale(LC_ALL, "");
  cn_state()->input_fd = STDIN_FILENO;
  cn_state()->have_saved_termios = tcgetattr(STDIN_FILENO, &cn_state()->saved_termios) == 0;
  SCREEN *screen = newterm(NULL, stdout, stdin);
  if (screen != NULL) cn_state()->session_active = 1;
  return screen;
}

/// Like `cn_newterm`, but reads keys from the controlling terminal (/dev/tty),
/// leaving stdin to the program's data. Returns NULL if /dev/tty cannot be
/// opened or the terminal type is unknown.
static inline SCREEN *cn_newterm_tty(void) {
  setlocale(LC_ALL, "");
  FILE *tty = fopen("/dev/tty", "re");
  if (tty == NULL) return NULL;
  cn_state()->input_fd = fileno(tty);
  cn_state()->have_saved_termios = tcgetattr(fileno(tty), &cn_state()->saved_termios) == 0;
  SCREEN *screen = newterm(NULL, stdout, tty);
  if (screen == NULL) {
    fclose(tty);
    cn_state()->input_fd = STDIN_FILENO;
    return NULL;
  }
  cn_state()->tty_input = tty;
  cn_state()->session_active = 1;
  return screen;
}

/// Whether the terminal can move the cursor to a given cell (terminfo `cup`). A terminal that
/// cannot, such as TERM=dumb, shows nothing of a full-screen program.
static inline int cn_can_address_cursor(void) {
  char *cup = tigetstr("cup");
  return cup != NULL && cup != (char *)-1;
}

/// Ends the session opened by `cn_newterm`: endwin, then frees the screen.
static inline void cn_endterm(SCREEN *screen) {
  if (!cn_state()->session_active) return;
  cn_state()->session_active = 0;
  endwin();
  if (screen != NULL) delscreen(screen);
  if (cn_state()->tty_input != NULL) {
    fclose(cn_state()->tty_input);
    cn_state()->tty_input = NULL;
    cn_state()->input_fd = STDIN_FILENO;
  }
}

/// Whether the locale's character set is UTF-8 (braille and box drawing need it).
static inline int cn_locale_is_utf8(void) {
  const char *codeset = nl_langinfo(CODESET);
  return codeset != NULL && (strcmp(codeset, "UTF-8") == 0 || strcmp(codeset, "utf8") == 0);
}

// MARK: - Restoring the terminal on signals and exit
//
// endwin() is not async-signal-safe (it walks ncurses' state and may be
// interrupted halfway through a refresh), so the handlers never call into
// ncurses. Instead, when the handlers are installed, the escape sequences
// endwin would send are captured from terminfo; a handler only write()s them,
// tcsetattr()s the shell's saved modes and _exit()s: all async-signal-safe.
// The cost: ncurses' own output buffer is dropped and the cursor is not moved
// to the last line (the alternate screen, rmcup, restores the shell's screen).

static const int cn_exit_signals[] = {SIGTERM, SIGINT, SIGHUP, SIGQUIT};
static const int cn_crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP};

static inline void cn_append_capability(const char *name) {
  char *value = tigetstr(name);
  if (value == NULL || value == (char *)-1) return;
  size_t n = strlen(value);
  if (cn_state()->restore_length + n >= sizeof cn_state()->restore_bytes) return;
  memcpy(cn_state()->restore_bytes + cn_state()->restore_length, value, n);
  cn_state()->restore_length += n;
}

/// Puts the terminal back as the shell had it, using only async-signal-safe calls.
static inline void cn_restore_terminal_async_safe(void) {
  if (!cn_state()->session_active) return;
  cn_state()->session_active = 0;
  if (cn_state()->restore_length > 0) {
    ssize_t unused = write(STDOUT_FILENO, cn_state()->restore_bytes, cn_state()->restore_length);
    (void)unused;
  }
  if (cn_state()->have_saved_termios) tcsetattr(cn_state()->input_fd, TCSANOW, &cn_state()->saved_termios);
}

/// SIGTERM, SIGINT, SIGHUP, SIGQUIT: restore the terminal, exit with 128 + signal number.
static void cn_exit_signal_handler(int sig) {
  cn_restore_terminal_async_safe();
  _exit(128 + sig);
}

/// Crashes (including Swift traps): restore the terminal, then hand the signal
/// to whoever handled it before (Swift's backtracer, or the default core dump).
static void cn_crash_signal_handler(int sig) {
  cn_restore_terminal_async_safe();
  sigaction(sig, &cn_state()->previous_actions[sig], NULL);
  raise(sig);  // blocked until this handler returns, then delivered to the previous action
}

static void cn_atexit_restore(void) {
  if (cn_state()->session_active) {
    cn_state()->session_active = 0;
    endwin();  // a normal exit: ncurses is not mid-call, so the full endwin is safe here
  }
}

/// Installs the restore handlers; call right after the terminal is set up
/// (so the captured sequences match it). SIGWINCH and SIGTSTP stay with ncurses.
static inline void cn_install_restore_handlers(void) {
  if (!cn_state()->registered_atexit) cn_state()->registered_atexit = atexit(cn_atexit_restore) == 0;
  if (cn_state()->handlers_installed) return;
  cn_state()->restore_length = 0;
  cn_append_capability("sgr0");
  cn_append_capability("cnorm");
  cn_append_capability("rmkx");
  cn_append_capability("rmcup");
  struct sigaction action;
  memset(&action, 0, sizeof action);
  sigemptyset(&action.sa_mask);
  action.sa_handler = cn_exit_signal_handler;
  for (size_t i = 0; i < sizeof cn_exit_signals / sizeof *cn_exit_signals; i++) {
    sigaction(cn_exit_signals[i], &action, &cn_state()->previous_actions[cn_exit_signals[i]]);
  }
  action.sa_handler = cn_crash_signal_handler;
  for (size_t i = 0; i < sizeof cn_crash_signals / sizeof *cn_crash_signals; i++) {
    sigaction(cn_crash_signals[i], &action, &cn_state()->previous_actions[cn_crash_signals[i]]);
  }
  cn_state()->handlers_installed = 1;
}

/// Puts back the handlers that were there before `cn_install_restore_handlers`.
static inline void cn_remove_restore_handlers(void) {
  if (!cn_state()->handlers_installed) return;
  for (size_t i = 0; i < sizeof cn_exit_signals / sizeof *cn_exit_signals; i++) {
    sigaction(cn_exit_signals[i], &cn_state()->previous_actions[cn_exit_signals[i]], NULL);
  }
  for (size_t i = 0; i < sizeof cn_crash_signals / sizeof *cn_crash_signals; i++) {
    sigaction(cn_crash_signals[i], &cn_state()->previous_actions[cn_crash_signals[i]], NULL);
  }
  cn_state()->handlers_installed = 0;
}
