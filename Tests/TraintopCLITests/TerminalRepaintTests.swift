import Foundation
import Testing

/// The dashboard in a real terminal (tmux): a terminal that cannot draw is refused with one
/// line, and a screen another program wrote over is repainted whole by Ctrl-L and by a resize.
@Suite(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the terminal tests"))
struct TerminalRepaintTests {
  static let garbage = "GARBAGE-FROM-ANOTHER-PROGRAM"

  /// A tmux pane running the dashboard on the spiral, and the pane's terminal device.
  static func dashboard(_ folder: String, environment: String = "") throws -> (Tmux, String) {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let tmux = Tmux(path: tmuxPath!)
    tmux.start(width: 100, height: 30, directory: folder)
    tmux.send(
      literal: "env LANG=C.UTF-8 \(environment) \(binary) --dataset spiral --runs runs; echo EXITED-$?")
    tmux.send("Enter")
    let tty = tmux.tmux(["display-message", "-p", "-t", tmux.session, "#{pane_tty}"])
      .trimmingCharacters(in: .whitespacesAndNewlines)
    return (tmux, tty)
  }

  /// Writes over the pane's screen behind the dashboard's back, as another program would.
  static func scribble(on tty: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: tty))
    handle.write(Data("\u{1B}[4;6H\(garbage)\u{1B}[14;30H\(garbage)".utf8))
    try handle.close()
  }

  @Test("TERM=dumb is refused with one line instead of a blank screen")
  func dumbTerminal() throws {
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (tmux, _) = try Self.dashboard(folder, environment: "TERM=dumb")
    defer { tmux.kill() }
    let screen = try tmux.waitFor("the refusal") { $0.contains("EXITED-2") }
    #expect(screen.contains("traintop: TERM=dumb cannot move the cursor"))
  }

  @Test("Ctrl-L repaints the whole screen, and so does a resize")
  func repaint() throws {
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let (tmux, tty) = try Self.dashboard(folder)
    defer { tmux.kill() }
    try tmux.waitFor("the dashboard") { $0.contains("IDLE") && $0.contains("Settings") }

    try Self.scribble(on: tty)
    try tmux.waitFor("the screen written over") { $0.contains(Self.garbage) }
    tmux.send("C-l")
    try tmux.waitFor("Ctrl-L to repaint") { !$0.contains(Self.garbage) && $0.contains("Settings") }

    try Self.scribble(on: tty)
    try tmux.waitFor("the screen written over again") { $0.contains(Self.garbage) }
    tmux.tmux(["resize-window", "-t", tmux.session, "-x", "90", "-y", "28"])
    let resized = try tmux.waitFor("the resize to repaint") {
      !$0.contains(Self.garbage) && $0.contains("Settings")
    }
    #expect(resized.split(separator: "\n", omittingEmptySubsequences: false).first?.count ?? 0 <= 90)

    tmux.send("q")
    try tmux.waitFor("the shell back") { $0.contains("EXITED-0") }
  }
}
