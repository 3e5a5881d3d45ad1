import Foundation
import TestSupport
import Testing
import TrainingRuns

/// `sweep --jobs N`: several combinations at once, each stored, with the same results as one
/// after another, and signals that stop every running run.
@Suite("sweep --jobs")
struct ParallelSweepTests {
  /// Each run's config and metrics.csv, sorted: what a sweep leaves, whatever the order.
  static func stored(_ dir: String) throws -> [String] {
    let runs = RunStore(directory: dir).list().runs
    #expect(runs.allSatisfy { $0.statusText == "finished" })
    return try runs.map { run in
      let config = try String(contentsOfFile: run.path + "/config.json", encoding: .utf8)
      return config + (try String(contentsOfFile: run.path + "/metrics.csv", encoding: .utf8))
    }.sorted()
  }

  @Test("--jobs 2 runs two combinations at once; the runs equal those of --jobs 1, to the last digit")
  func sameRunsAsOneAfterAnother() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let grid = [
      "sweep", "--dataset", "moons", "--samples", "3000", "--epochs", "4", "--batch-size", "10,20,50",
    ]
    let one = try TraintopBinary.run(grid + ["--jobs", "1", "--runs", dir + "/one"])
    #expect(one.status == 0, "\(one.stderr)")
    let two = try TraintopBinary.run(grid + ["--jobs", "2", "--runs", dir + "/two"])
    #expect(two.status == 0, "\(two.stderr)")
    #expect(try Self.stored(dir + "/one") == Self.stored(dir + "/two"))
    #expect(try Self.stored(dir + "/two").count == 3)

    // One after another: each run's lines together. Two at once: both start before either ends,
    // and each result line names its run.
    let oneLines = one.stdout.split(separator: "\n").map(String.init)
    #expect(oneLines[0] == "[1/3] --batch-size=10" && oneLines[1].hasPrefix("  finished, "))
    let twoLines = two.stdout.split(separator: "\n").map(String.init)
    #expect(Array(twoLines.prefix(2)) == ["[1/3] --batch-size=10", "[2/3] --batch-size=20"])
    for n in 1...3 {
      #expect(twoLines.contains { $0.hasPrefix("[\(n)/3] finished, best val_accuracy") }, "\(two.stdout)")
    }
    #expect(two.stdout.contains("\n\nrun "), "the table follows")
  }

  /// Starts a two-job sweep of three long runs and waits until the first two have an epoch.
  static func startTwoLongRuns(in dir: String) throws -> ChildProcess {
    let child = try TraintopBinary.processLock.withLock {
      try ChildProcess.start(
        TraintopBinary.url.path,
        [
          "sweep", "--dataset", "spiral", "--samples", "4000", "--hidden", "64", "--epochs", "100000",
          "--batch-size", "32", "--dropout", "0,0.2,0.5", "--jobs", "2", "--runs", dir,
        ])
    }
    for _ in 0..<600 {  // up to 60 s on a busy machine
      let runs = RunStore(directory: dir).list().runs
      if runs.count == 2 && runs.allSatisfy({ !$0.log.rows.isEmpty }) { return child }
      guard child.isRunning else { throw ChildProcess.SpawnError.failed(-1) }
      usleep(100_000)
    }
    child.kill(SIGKILL)
    _ = child.wait()
    throw CancellationError()
  }

  @Test("SIGTERM stops every running run as stopped, starts no other, exit 143")
  func terminateStopsAll() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let child = try Self.startTwoLongRuns(in: dir)
    child.kill(SIGTERM)
    let r = child.wait()
    #expect(r.status == 143, "\(r.stderr)")
    #expect(r.stdout.contains("Sweep interrupted: 2 of 3 runs kept."))
    let runs = RunStore(directory: dir).list().runs
    #expect(runs.count == 2)
    #expect(runs.allSatisfy { $0.summary.reason?.hasPrefix("stopped by SIGTERM at epoch ") == true })
    #expect(Set(runs.map(\.config.dropout)) == [0, 0.2])
  }

  @Test("the first Ctrl-C lets the running runs go on and starts no other; the second stops them")
  func interruptTwice() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let child = try Self.startTwoLongRuns(in: dir)
    child.kill(SIGINT)
    usleep(500_000)
    #expect(child.isRunning, "the first Ctrl-C only keeps new runs from starting")
    child.kill(SIGINT)
    let r = child.wait()
    #expect(r.status == 130, "\(r.stderr)")
    #expect(r.stderr.contains("finishing the current run(s), then stopping"))
    let runs = RunStore(directory: dir).list().runs
    #expect(runs.count == 2)
    #expect(runs.allSatisfy { $0.summary.reason?.hasPrefix("stopped by SIGINT at epoch ") == true })
  }

  @Test("--jobs below 1, or with a sweep handed to another runner, is exit 2 in one line")
  func badJobs() throws {
    for (flags, message) in [
      (["--jobs", "0"], "traintop: --jobs 0: must be at least 1"),
      (["--jobs", "4", "--print-commands"], "traintop: --jobs 4: the sweep is handed to another runner"),
    ] {
      let r = try TraintopBinary.run(["sweep", "--dataset", "xor", "--epochs", "1,2"] + flags)
      #expect(r.status == 2 && r.stderr.hasPrefix(message), "\(r.stderr)")
      #expect(r.stderr.split(separator: "\n").count == 1)
    }
  }
}
