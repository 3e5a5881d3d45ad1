import Foundation
import TestSupport
import Testing

/// Whether `tmux` can be run here; the end-to-end test needs it to give the binary a terminal.
let tmuxPath: String? = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first {
  FileManager.default.isExecutableFile(atPath: $0)
}

/// The real binary: without a terminal it refuses; in tmux it trains, pauses, edits and quits.
@Suite struct DashboardEndToEndTests {
  @Test func stdoutNotATerminalExitsTwoWithOneLine() throws {
    _ = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let result = try TraintopBinary.run(["--dataset", "spiral"])
    #expect(result.status == 2)
    #expect(result.stderr.split(separator: "\n").count == 1)
    #expect(result.stderr.contains("traintop train"))
    #expect(result.stdout.isEmpty)
  }

  // Skipped where tmux is not installed: nothing else here can give the binary a real terminal.
  @Test(.enabled(if: tmuxPath != nil, "tmux is not installed; install it to run the end-to-end test"))
  func startPauseEditSecondRunQuitInTmux() throws {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let tmux = Tmux(path: tmuxPath!)
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "traintop-e2e-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    tmux.start(width: 120, height: 40, directory: folder.path)
    defer { tmux.kill() }

    // A shell first, then the dashboard, so we can see the shell come back.
    tmux.send(
      literal: "env LANG=C.UTF-8 \(binary) --dataset spiral --samples 200000 --hidden 256,256 --epochs 30"
        + "; echo EXITED-$?")
    tmux.send("Enter")
    try tmux.waitFor("the dashboard") { $0.contains("IDLE") && $0.contains("Settings") }

    // Space starts run 1; wait for the epoch counter to pass 1 and both charts to have data.
    tmux.send("Space")
    let running = try tmux.waitFor("epoch ≥ 2 with both charts drawn", timeout: 60) { screen in
      guard screen.contains("RUNNING"), let epoch = Self.epoch(in: screen), epoch >= 2 else { return false }
      return screen.components(separatedBy: " val 0.").count - 1 >= 2 && Self.brailleCount(screen) > 40
    }
    #expect(running.contains("run 1"))

    // A key is handled while training (its latency is measured by Benchmarks/key-latency.sh).
    tmux.send("l")
    try tmux.waitFor("log scale shown", interval: 0.01) { $0.contains("log, smoothed") }
    tmux.send("l")

    // Pause, then edit the hidden layers (two rows below dataset; not a live setting).
    tmux.send("Space")
    try tmux.waitFor("PAUSED") { $0.contains("PAUSED") }
    for _ in 0..<2 { tmux.send("Down") }
    tmux.send("Enter")
    tmux.send("C-u")
    tmux.send(literal: "64")
    tmux.send("Enter")
    try tmux.waitFor("hidden 64 marked for the next run") { $0.contains("64*") }

    // n starts run 2 with the new layers; run 1 stays in the runs panel. Wait until run 2 trains:
    // quitting while its data still loads (over a second on a busy machine) leaves no directory.
    tmux.send("n")
    try tmux.waitFor("two rows in the runs panel", timeout: 60) { screen in
      screen.contains("run 2") && screen.contains("hidden 64") && screen.contains(" stopped ")
        && screen.contains("changes vs run 1") && screen.contains("RUNNING")
    }
    // Run 2 is stored once its data has loaded and training began (a busy machine loads slowly).
    try tmux.waitFor("run 2 training", timeout: 60) { screen in
      screen.contains("run 2") && (Self.epoch(in: screen) ?? 0) >= 1 && screen.contains("RUNNING")
    }

    tmux.send("q")
    let after = try tmux.waitFor("the shell back", timeout: 20) { $0.contains("EXITED-0") }
    #expect(!after.contains("Settings"), "the dashboard is gone from the screen")

    // Both runs kept their metrics.
    let runsFolder = folder.appendingPathComponent("traintop-runs")
    let runs = try FileManager.default.contentsOfDirectory(atPath: runsFolder.path)
    #expect(runs.count == 2)
    for run in runs {
      let csv = try String(
        contentsOf: runsFolder.appendingPathComponent("\(run)/metrics.csv"), encoding: .utf8)
      #expect(csv.hasPrefix("epoch,accuracy,loss,val_accuracy,val_loss\n"))
    }
  }

  /// `epoch 3/30` in the header → 3.
  static func epoch(in screen: String) -> Int? {
    guard let range = screen.range(of: #"epoch \d+/30"#, options: .regularExpression) else { return nil }
    return Int(screen[range].dropFirst(6).prefix { $0.isNumber })
  }

  static func brailleCount(_ screen: String) -> Int {
    screen.unicodeScalars.filter { $0.value > 0x2800 && $0.value <= 0x28FF }.count
  }
}

/// A detached tmux session driven with `send-keys` and read with `capture-pane -p`.
struct Tmux {
  let path: String
  let session = "traintop-e2e-\(UUID().uuidString.prefix(8))"

  /// Runs one tmux command; with `capture`, returns its standard output.
  ///
  /// Without `capture` the output goes to /dev/null: `new-session` may start the
  /// tmux server, a daemon that must not inherit a pipe we then wait on.
  @discardableResult
  func tmux(_ arguments: [String], capture: Bool = true) -> String {
    TraintopBinary.processLock.withLock {
      guard let child = try? ChildProcess.start(path, arguments, capture: capture) else { return "" }
      return child.wait().stdout
    }
  }

  func start(width: Int, height: Int, directory: String) {
    tmux(
      ["new-session", "-d", "-s", session, "-x", "\(width)", "-y", "\(height)", "-c", directory, "sh"],
      capture: false)
  }

  func send(_ key: String) { tmux(["send-keys", "-t", session, key]) }
  func send(literal text: String) { tmux(["send-keys", "-t", session, "-l", text]) }
  func capture() -> String { tmux(["capture-pane", "-p", "-t", session]) }
  func kill() { tmux(["kill-session", "-t", session]) }

  /// Polls the pane every `interval` seconds until `condition` holds; returns that screen, or throws with the last one.
  @discardableResult
  func waitFor(
    _ what: String, timeout: Double = 20, interval: Double = 0.1, _ condition: (String) -> Bool
  ) throws -> String {
    let deadline = Date().addingTimeInterval(timeout)
    var screen = ""
    while Date() < deadline {
      screen = capture()
      if condition(screen) { return screen }
      usleep(useconds_t(interval * 1e6))
    }
    throw TmuxTimeout(description: "timed out waiting for \(what); the pane showed:\n\(screen)")
  }
}

struct TmuxTimeout: Error, CustomStringConvertible {
  var description: String
}
