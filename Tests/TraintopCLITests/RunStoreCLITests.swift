import Foundation
import TestSupport
import Testing
import TrainingRuns

/// The run store as users meet it: `train` stores runs, `runs` lists them,
/// and a run killed with SIGKILL mid-training stays readable.
@Suite("Run store from the command line")
struct RunStoreCLITests {
  @Test("train stores config.json, metrics.csv and summary.json; runs lists them best first")
  func storeAndList() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    for dropout in ["0", "0.5"] {
      let r = try TraintopBinary.run(
        ["train", "--dataset", "xor", "--epochs", "3", "--dropout", dropout, "--runs", dir + "/runs", "-q"])
      #expect(r.status == 0, "\(r.stderr)")
    }
    let listing = RunStore(directory: dir + "/runs").list()
    #expect(listing.runs.count == 2 && listing.problems.isEmpty)
    for run in listing.runs {
      #expect(run.statusText == "finished")
      #expect(run.log.rows.count == 3)
      #expect(run.summary.epochs.count == 3)
    }
    // A corrupt directory is reported and skipped, never fatal.
    try FileManager.default.createDirectory(atPath: dir + "/runs/broken", withIntermediateDirectories: true)
    try "{not json".write(toFile: dir + "/runs/broken/config.json", atomically: true, encoding: .utf8)
    let r = try TraintopBinary.run(["runs", "--runs", dir + "/runs"])
    #expect(r.status == 0)
    #expect(r.stderr.contains("broken") && r.stderr.contains("skipped"))
    let lines = r.stdout.split(separator: "\n")
    #expect(lines.count == 3)  // header + 2 runs
    #expect(lines[0].contains("dropout") && lines[0].contains("best val_acc"))
    #expect(!lines[0].contains("batch_size"))  // only the settings that differ
  }

  @Test("a run killed with SIGKILL mid-training keeps its finished epochs readable")
  func crashSafety() throws {
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let child = try TraintopBinary.processLock.withLock {
      try ChildProcess.start(
        TraintopBinary.url.path,
        [
          "train", "--dataset", "spiral", "--samples", "20000", "--hidden", "256,256", "--epochs", "1000",
          "--batch-size", "32", "--runs", dir,
        ], capture: false)
    }
    defer { if child.isRunning { child.kill(SIGKILL) } }
    var csvPath: String?
    var rows = 0
    for _ in 0..<600 where rows < 3 {  // up to 60 s
      usleep(100_000)
      if csvPath == nil, let id = try? FileManager.default.contentsOfDirectory(atPath: dir).first {
        csvPath = dir + "/" + id + "/metrics.csv"
      }
      if let csvPath, let text = try? String(contentsOfFile: csvPath, encoding: .utf8) {
        rows = text.split(separator: "\n").count - 1
      }
    }
    child.kill(SIGKILL)
    #expect(child.wait().status == 128 + SIGKILL)
    #expect(rows >= 3, "the run never wrote 3 epochs")
    let listing = RunStore(directory: dir).list()
    #expect(listing.problems.isEmpty, "\(listing.problems)")
    let run = try #require(listing.runs.first)
    #expect(run.statusText == "incomplete")
    #expect(run.log.rows.count >= 3)
    #expect(run.summary.epochs.count == run.log.rows.count)
    #expect(run.config.hidden == [256, 256])
    // `runs DIR` shows how far it got.
    let listed = try TraintopBinary.run(["runs", dir])
    #expect(listed.stdout.contains("incomplete") && listed.stdout.contains("\(run.log.rows.count)/1000"))
  }
}
