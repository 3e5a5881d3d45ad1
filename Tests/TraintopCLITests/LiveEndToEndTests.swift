import Foundation
import TestSupport
import Testing

/// The dashboard at a class's pace, in a real terminal: a fast 2-D run goes at the pace shown,
/// `.` steps one epoch, `]` doubles the learning rate with a mark on the charts, and the line
/// printed on quit replays the change.
@Suite struct LiveEndToEndTests {
  // Skipped where tmux is not installed: nothing else here can give the binary a real terminal.
  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func pacedRunStepsAndALiveChangeInTmux() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let tmux = Tmux(path: tmuxPath!)
    let folder = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: folder) }
    tmux.start(width: 120, height: 40, directory: folder)
    defer { tmux.kill() }
    tmux.send(literal: "env LANG=C.UTF-8 \(binary) --dataset spiral --epochs 300; echo EXITED-$?")
    tmux.send("Enter")
    try tmux.waitFor("the dashboard") { $0.contains("IDLE") && $0.contains("Settings") }

    // Auto pace: 300 epochs of an instant dataset are spread over a minute, 5 epochs a second.
    tmux.send("Space")
    let started = Date()
    try tmux.waitFor("the paced run", timeout: 60) { $0.contains("RUNNING") && $0.contains("pace auto 5/s") }
    Thread.sleep(forTimeInterval: 4)
    let later = tmux.capture()
    let elapsed = Date().timeIntervalSince(started)
    let epoch = try #require(Self.epoch(in: later), "no epoch counter in:\n\(later)")
    #expect(later.contains("RUNNING"), "still running 4 s after Space:\n\(later)")
    #expect(epoch >= 1 && Double(epoch) <= 5 * elapsed + 2, "epoch \(epoch) after \(elapsed) s")

    // Pause (mid-epoch); `.` finishes that epoch and pauses at its end; `.` again trains exactly
    // one more epoch.
    tmux.send("Space")
    try tmux.waitFor("PAUSED") { $0.contains("PAUSED") }
    tmux.send(".")
    let boundary = try tmux.waitFor("paused at an epoch's end", timeout: 30) {
      $0.contains("PAUSED") && $0.contains("0/8 batches")
    }
    let before = try #require(Self.epoch(in: boundary), "no epoch counter in:\n\(boundary)")
    tmux.send(".")
    try tmux.waitFor("one epoch stepped", timeout: 30) { screen in
      screen.contains("PAUSED") && screen.contains("0/8 batches") && Self.epoch(in: screen) == before + 1
    }

    // `]` doubles the rate; the run takes it at its next batch (a step here) and marks the charts.
    tmux.send("]")
    try tmux.waitFor("the new rate in the settings") { $0.contains("learn rate  0.002") }
    tmux.send(",")
    let marked = try tmux.waitFor("the change marked on the charts", timeout: 30) {
      $0.contains("lr 0.001→0.002") && $0.contains("PAUSED")
    }
    #expect(marked.contains("~learn rate"), "the live rows are marked:\n\(marked)")

    tmux.send("q")
    let after = try tmux.waitFor("the shell back", timeout: 20) { $0.contains("EXITED-0") }
    // The command printed on quit replays the change at the batch it applied.
    #expect(after.contains("--change \(before + 1):learning_rate=0.002"), "got:\n\(after)")
  }

  /// `epoch 3/300` in the header → 3.
  static func epoch(in screen: String) -> Int? {
    guard let range = screen.range(of: #"epoch \d+/300"#, options: .regularExpression) else { return nil }
    return Int(screen[range].dropFirst(6).prefix { $0.isNumber })
  }
}
