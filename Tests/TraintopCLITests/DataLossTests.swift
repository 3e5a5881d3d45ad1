import Foundation
import TestSupport
import Testing
import TrainingRuns

/// Issue 12's promise, as users meet it: bad output paths get one line and exit 2; a full disk
/// or a signal stops the run cleanly, and the store keeps the complete epochs, marked as such.
@Suite("Data loss: outputs, full disk, signals")
struct DataLossTests {
  static func isCharacterDevice(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
  }

  static func oneLine(_ r: TraintopBinary.Result, status: Int32, containing text: String) {
    #expect(r.status == status, "status \(r.status): \(r.stderr)")
    #expect(r.stderr.hasPrefix("traintop: ") && r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
    #expect(r.stderr.contains(text), "\(r.stderr)")
  }

  /// Trains for `epochs` on xor, storing the run in `runs`; returns the run's folder.
  static func train(runs: String, epochs: Int = 2) throws -> String {
    let r = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", String(epochs), "--hidden", "8", "--runs", runs, "-q",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let ids = try FileManager.default.contentsOfDirectory(atPath: runs).filter { !$0.hasPrefix(".") }.sorted()
    return runs + "/" + (ids.last ?? "")
  }

  // MARK: - Full disk

  @Test(
    "train --csv /dev/full: one line naming it, exit 1, no run left behind",
    .enabled(if: DataLossTests.isCharacterDevice("/dev/full")))
  func csvOnFullDevice() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "train", "--dataset", "spiral", "--epochs", "5", "--runs", dir + "/runs", "--csv", "/dev/full", "-q",
    ])
    Self.oneLine(r, status: 1, containing: "/dev/full: cannot write (No space left on device)")
    #expect(Self.isCharacterDevice("/dev/full"))  // written to, never replaced by a file
    #expect(RunStore(directory: dir + "/runs").list().runs.isEmpty)
  }

  // MARK: - Bad input makes nothing

  @Test("--initial-weight nan is rejected by value, exit 2, before any run directory exists")
  func nonFiniteInitialWeight() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let r = try TraintopBinary.run([
      "train", "--dataset", "xor", "--initial-weight", "nan", "--runs", dir + "/runs",
    ])
    Self.oneLine(r, status: 2, containing: "initial weight nan must be a finite number")
    #expect(!FileManager.default.fileExists(atPath: dir + "/runs"))
  }

  // MARK: - No silent overwrite

  @Test("train --csv refuses an existing file unless --force, and a run's folder even then")
  func trainCSVTargets() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let run = try Self.train(runs: dir + "/runs")
    let metrics = try String(contentsOfFile: run + "/metrics.csv", encoding: .utf8)
    let intoRun = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", "1", "--runs", dir + "/runs", "--csv", run + "/metrics.csv",
      "--force", "-q",
    ])
    Self.oneLine(intoRun, status: 2, containing: "inside the run folder")
    #expect(try String(contentsOfFile: run + "/metrics.csv", encoding: .utf8) == metrics)

    let log = dir + "/log.csv"
    try "keep me\n".write(toFile: log, atomically: true, encoding: .utf8)
    let refused = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", "1", "--runs", dir + "/runs", "--csv", log, "-q",
    ])
    Self.oneLine(refused, status: 2, containing: "\(log): already exists; add --force")
    #expect(try String(contentsOfFile: log, encoding: .utf8) == "keep me\n")
    #expect(RunStore(directory: dir + "/runs").list().runs.count == 1)  // refused before training

    let forced = try TraintopBinary.run([
      "train", "--dataset", "xor", "--epochs", "2", "--runs", dir + "/runs", "--csv", log, "--force", "-q",
    ])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").count == 3)
  }

  @Test("export never writes into a run's folder, nor one file twice, nor over a file without --force")
  func exportTargets() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let runs = dir + "/runs"
    let run = try Self.train(runs: runs, epochs: 3)
    let id = (run as NSString).lastPathComponent
    let metrics = try String(contentsOfFile: run + "/metrics.csv", encoding: .utf8)

    // The case: the run's own metrics, by a relative path.
    let own = try TraintopBinary.run(
      ["export", id, "--runs", "runs", "--csv", "runs/\(id)/metrics.csv", "--force"], directory: dir)
    Self.oneLine(own, status: 2, containing: "inside the run folder")
    #expect(try String(contentsOfFile: run + "/metrics.csv", encoding: .utf8) == metrics)
    let stored = try RunStore(directory: runs).load(id)
    #expect(stored.statusText == "finished" && stored.log.rows.count == 3)

    let same = try TraintopBinary.run(
      ["export", id, "--runs", "runs", "--svg", "out.csv", "--csv", "./sub/../out.csv"], directory: dir)
    Self.oneLine(same, status: 2, containing: "name the same file")
    #expect(!FileManager.default.fileExists(atPath: dir + "/out.csv"))

    try "mine\n".write(toFile: dir + "/table.csv", atomically: true, encoding: .utf8)
    let existing = try TraintopBinary.run(
      ["export", id, "--runs", "runs", "--svg", "fig.svg", "--csv", "table.csv"], directory: dir)
    Self.oneLine(existing, status: 2, containing: "table.csv: already exists; add --force")
    #expect(try String(contentsOfFile: dir + "/table.csv", encoding: .utf8) == "mine\n")
    #expect(!FileManager.default.fileExists(atPath: dir + "/fig.svg"))  // all outputs checked first

    let forced = try TraintopBinary.run(
      ["export", id, "--runs", "runs", "--svg", "fig.svg", "--csv", "table.csv", "--force"], directory: dir)
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try String(contentsOfFile: dir + "/table.csv", encoding: .utf8).hasPrefix("run,epoch,"))
  }

  // MARK: - Signals

  /// Starts a long `train` and waits until its run has stored `rows` epochs; returns the child
  /// and the run's folder.
  static func startLongRun(_ command: String, runs: String, extra: [String] = []) throws -> (
    ChildProcess, String
  ) {
    let child = try TraintopBinary.processLock.withLock {
      try ChildProcess.start(
        TraintopBinary.url.path,
        [
          command, "--dataset", "spiral", "--samples", "4000", "--hidden", "64", "--epochs", "100000",
          "--batch-size", "32", "--runs", runs,
        ] + extra)
    }
    for _ in 0..<600 {  // up to 60 s on a busy machine
      guard child.isRunning else { throw ChildProcess.SpawnError.failed(-1) }  // it ended by itself
      if let id = try? FileManager.default.contentsOfDirectory(atPath: runs).first(where: {
        !$0.hasPrefix(".")
      }),
        let text = try? String(contentsOfFile: runs + "/" + id + "/metrics.csv", encoding: .utf8),
        text.split(separator: "\n").count >= 2
      {
        return (child, runs + "/" + id)
      }
      usleep(100_000)
    }
    child.kill(SIGKILL)
    _ = child.wait()
    throw CancellationError()
  }

  @Test(
    "SIGINT, SIGTERM and SIGHUP stop train cleanly: the run is stopped with the signal as reason",
    arguments: [SIGINT, SIGTERM, SIGHUP])
  func signalStopsTrain(signal: Int32) throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (child, run) = try Self.startLongRun("train", runs: dir, extra: ["-q"])
    child.kill(signal)
    let r = child.wait()
    #expect(r.status == 128 + signal, "\(r.stderr)")
    let name = StopCause.name(ofSignal: signal)
    #expect(r.stderr.contains("run stopped: stopped by \(name) at epoch "), "\(r.stderr)")
    let stored = try RunStore(directory: dir).load(run)
    #expect(stored.statusText == "stopped")
    #expect(stored.summary.reason?.hasPrefix("stopped by \(name) at epoch ") == true)
    #expect(stored.log.rows.count >= 1 && stored.summary.epochs.count == stored.log.rows.count)
  }

  @Test("SIGTERM stops a sweep's current run as stopped, starts no other, exit 143")
  func signalStopsSweep() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (child, run) = try Self.startLongRun(
      "sweep", runs: dir, extra: ["--dropout", "0,0.5", "--jobs", "1"])
    child.kill(SIGTERM)
    let r = child.wait()
    #expect(r.status == 143, "\(r.stderr)")
    #expect(r.stdout.contains("Sweep interrupted: 1 of 2 runs kept."))
    let listing = RunStore(directory: dir).list()
    #expect(listing.runs.count == 1 && listing.runs.first?.path == run)
    #expect(listing.runs.first?.summary.reason?.hasPrefix("stopped by SIGTERM at epoch ") == true)
  }
}
