import Foundation
import FullDiskSupport
import Testing

@testable import NeuralEngine
@testable import TrainingRuns

/// What survives a full disk, a kill and a half-made run: the store keeps complete epochs only,
/// a run directory appears whole, and readers skip and clean what a killed process left.
@Suite("Run store safety")
struct RunStoreSafetyTests {
  static func temporaryStore() -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("store-\(UUID().uuidString)").path
  }

  static func visibleEntries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  static let info = RunInfo(
    trainCount: 80, validationCount: 20, batchesPerEpoch: 1, epochs: 100, parameterCount: 10,
    datasetName: "xor")

  // MARK: - Full disk

  @Test("a full disk mid-run: the failing row is not kept, nothing follows it, the run reads as stopped")
  func fullDiskDuringTraining() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (writer, disk) = SafeWriter.onFullDisk(freeBytes: 1 << 20)
    let recorder = try RunStore(directory: dir, writer: writer).create(config: Hyperparameters())
    recorder.summaryInterval = .seconds(3600)
    try recorder.record(.started(Self.info))
    disk.setFreeBytes(140)  // room for five rows, then the sixth is cut short

    var written = 0
    var failure: FileWriteError?
    for i in 0..<100 where failure == nil {
      do {
        try recorder.record(.epochEnded(RunRecorderTests.epoch(i)))
        written += 1
      } catch {
        failure = error
      }
    }
    let error = try #require(failure)
    #expect(error.code == ENOSPC && error.path == recorder.path + "/metrics.csv" && error.isRuntimeFailure)
    #expect(recorder.failure == error)
    #expect(written == 5)
    let csv = try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8)
    #expect(csv.hasSuffix("\n") && csv.split(separator: "\n").count == 1 + written)

    // The trainer is asked to stop; an epoch that still ends is not appended after the gap.
    disk.setFreeBytes(1 << 20)
    try recorder.record(.epochEnded(RunRecorderTests.epoch(written + 1)))
    #expect(try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8) == csv)

    // The end: a small summary (the epochs are in metrics.csv) says how and why the run ended.
    let trainerSummary = RunSummary(
      status: .stopped, reason: "stopped by the user at epoch \(written + 2), batch 1 of 1",
      epochs: (0...written + 1).map(RunRecorderTests.epoch), config: Hyperparameters(), trainCount: 80,
      validationCount: 20)
    try recorder.record(.ended(trainerSummary.stopped(by: .writeFailed(error))))
    let run = try StoredRun(path: recorder.path)
    #expect(run.statusText == "stopped" && run.log.rows.count == written)
    #expect(run.summary.reason?.contains(recorder.path + "/metrics.csv: cannot write") == true)
    let object = try RunRecorderTests.summaryObject(at: recorder.path)
    #expect(object["epochs"] == nil && object["epochs_completed"] as? Int == written)
  }

  @Test("a disk with no room for a new file still gets the run's end, written over the last summary")
  func fullDiskAtTheEndInPlace() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (writer, disk) = SafeWriter.onFullDisk(freeBytes: 1 << 20)
    let recorder = try RunStore(directory: dir, writer: writer).create(config: Hyperparameters())
    try recorder.record(.started(Self.info))
    for i in 0..<3 { try recorder.record(.epochEnded(RunRecorderTests.epoch(i))) }
    disk.failNextWrites(1)  // staging the new summary fails; rewriting the old one's space does not
    let final = RunSummary(
      status: .finished, reason: nil, epochs: (0..<3).map(RunRecorderTests.epoch), config: Hyperparameters(),
      trainCount: 80, validationCount: 20)
    let error = try #require(throws: FileWriteError.self) { try recorder.record(.ended(final)) }
    #expect(error.path == recorder.path + "/summary.json" && error.code == ENOSPC)
    let run = try StoredRun(path: recorder.path)
    #expect(run.statusText == "finished" && run.log.rows.count == 3 && run.summary.epochs.count == 3)
    #expect(Self.visibleEntries(recorder.path) == ["config.json", "metrics.csv", "summary.json"])
  }

  @Test("a final summary that does not fit at all leaves the last one whole: the run reads as incomplete")
  func fullDiskAtTheEnd() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let (writer, disk) = SafeWriter.onFullDisk(freeBytes: 1 << 20)
    let recorder = try RunStore(directory: dir, writer: writer).create(config: Hyperparameters())
    try recorder.record(.started(Self.info))
    for i in 0..<3 { try recorder.record(.epochEnded(RunRecorderTests.epoch(i))) }
    disk.setFreeBytes(100)
    let final = RunSummary(
      status: .finished, reason: nil, epochs: (0..<3).map(RunRecorderTests.epoch), config: Hyperparameters(),
      trainCount: 80, validationCount: 20)
    let error = try #require(throws: FileWriteError.self) { try recorder.record(.ended(final)) }
    #expect(error.path == recorder.path + "/summary.json" && error.code == ENOSPC)
    let run = try StoredRun(path: recorder.path)
    #expect(run.statusText == "incomplete" && run.log.rows.count == 3)
    #expect(Self.visibleEntries(recorder.path) == ["config.json", "metrics.csv", "summary.json"])
  }

  // MARK: - Atomic creation

  @Test("a run that cannot be created leaves no directory, visible or hidden")
  func creationIsAllOrNothing() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    // The config and the metrics header fit; the first summary does not.
    let (writer, _) = SafeWriter.onFullDisk(freeBytes: 500)
    let error = try #require(throws: FileWriteError.self) {
      try RunStore(directory: dir, writer: writer).create(config: Hyperparameters())
    }
    #expect(error.path == dir && error.code == ENOSPC && error.exitCode == 1)
    #expect(Self.visibleEntries(dir).isEmpty)
  }

  @Test("a new run has its config, metrics header and summary from the start")
  func createdWhole() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recorder = try RunStore(directory: dir).create(config: Hyperparameters())
    #expect(Self.visibleEntries(dir) == [recorder.id])
    #expect(Self.visibleEntries(recorder.path) == ["config.json", "metrics.csv", "summary.json"])
    let run = try StoredRun(path: recorder.path)
    #expect(run.statusText == "incomplete" && run.log.rows.isEmpty)
    #expect(run.log.metricNames == ["accuracy", "loss", "val_accuracy", "val_loss"])
  }

  // MARK: - Readers

  @Test("a torn last row (no newline) is not an epoch of a stored run")
  func tornLastRow() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let recorder = try RunStore(directory: dir).create(config: Hyperparameters())
    for i in 0..<3 { try recorder.record(.epochEnded(RunRecorderTests.epoch(i))) }
    let handle = try #require(FileHandle(forWritingAtPath: recorder.path + "/metrics.csv"))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("3,0.5,0.25,1.0,0.5".utf8))  // cut in its last number
    try handle.close()
    let run = try StoredRun(path: recorder.path)
    #expect(run.log.rows.count == 3 && run.summary.epochs.map(\.epoch) == [0, 1, 2])
    #expect(run.log.malformedLines == 0)
  }

  @Test("listing removes stale half-made runs, keeps fresh ones, and explains a run without config")
  func halfMadeRuns() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let good = try RunStore(directory: dir).create(config: Hyperparameters()).id
    let fm = FileManager.default
    func folder(_ name: String, files: [String] = [], age: TimeInterval) throws {
      try fm.createDirectory(atPath: dir + "/" + name, withIntermediateDirectories: true)
      for file in files {
        #expect(fm.createFile(atPath: dir + "/" + name + "/" + file, contents: Data("x".utf8)))
      }
      try fm.setAttributes(
        [.modificationDate: Date(timeIntervalSinceNow: -age)], ofItemAtPath: dir + "/" + name)
    }
    try folder(".tmp-old-1-2", files: ["config.json"], age: 3600)  // a creation killed an hour ago
    try folder(".tmp-new-1-3", files: ["config.json"], age: 0)  // another process creating a run now
    try folder("20250101-000000", age: 3600)  // made by an older traintop, killed before config.json
    try folder("20250101-000001", files: ["summary.json", ".summary.json.tmp-9-9"], age: 3600)
    try folder("20991231-000000", age: 0)  // perhaps being made right now: left alone
    try folder("notes", files: ["todo.txt"], age: 3600)  // not a run, not ours
    try folder("20250101-000002", files: ["metrics.csv"], age: 3600)  // has data: kept, explained
    #expect(fm.createFile(atPath: dir + "/\(good)/.summary.json.tmp-1-1", contents: Data("{".utf8)))
    try fm.setAttributes(
      [.modificationDate: Date(timeIntervalSinceNow: -3600)],
      ofItemAtPath: dir + "/\(good)/.summary.json.tmp-1-1")

    let listing = RunStore(directory: dir).list()
    #expect(listing.runs.map(\.id) == [good])
    #expect(listing.problems.count == 1)
    #expect(
      listing.problems.first?.contains("20250101-000002: skipped, it has metrics.csv but no config.json")
        == true)
    #expect(
      Self.visibleEntries(dir)
        == [
          ".tmp-new-1-3", "20250101-000002", "20991231-000000", good, "notes",
        ].sorted())
    #expect(Self.visibleEntries(dir + "/" + good) == ["config.json", "metrics.csv", "summary.json"])
  }

  @Test("paths inside a run folder are recognised, however they are spelled")
  func runFolders() throws {
    let dir = Self.temporaryStore()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let store = RunStore(directory: dir)
    let run = try store.create(config: Hyperparameters()).path
    let canonicalRun = SafeWriter.canonicalPath(run)
    #expect(store.runFolder(containing: run + "/metrics.csv") == canonicalRun)
    #expect(store.runFolder(containing: run + "/sub/../new.csv") == canonicalRun)
    #expect(store.runFolder(containing: run + "/plots/fig.svg") == canonicalRun)
    #expect(store.runFolder(containing: dir + "/export-1.svg") == nil)  // the runs folder itself is fine
    #expect(store.runFolder(containing: NSTemporaryDirectory() + "elsewhere.csv") == nil)
    // A run folder of another store is still a run folder.
    #expect(RunStore(directory: "/nonexistent").runFolder(containing: run + "/x.csv") == canonicalRun)
  }

  // MARK: - Stop reasons

  @Test("a stop's reason names its cause and keeps the trainer's position")
  func stopReasons() {
    let stopped = RunSummary(
      status: .stopped, reason: "stopped by the user at epoch 3, batch 12 of 60", epochs: [],
      config: Hyperparameters(), trainCount: 1, validationCount: 1)
    #expect(stopped.stopped(by: .signal(SIGTERM)).reason == "stopped by SIGTERM at epoch 3, batch 12 of 60")
    let finished = RunSummary(
      status: .finished, reason: nil, epochs: (0..<2).map(RunRecorderTests.epoch), config: Hyperparameters(),
      trainCount: 1, validationCount: 1)
    #expect(finished.stopped(by: .signal(SIGINT)) == finished)  // the signal came too late to matter
    let disk = FileWriteError(path: "/x/metrics.csv", code: ENOSPC, detail: "cannot write (full)")
    let failed = finished.stopped(by: .writeFailed(disk))
    #expect(failed.status == .stopped)
    #expect(failed.reason == "stopped by a failed write after 2 epochs: /x/metrics.csv: cannot write (full)")
    #expect(
      stopped.stopped(by: .writeFailed(disk)).reason
        == "stopped by a failed write at epoch 3, batch 12 of 60: /x/metrics.csv: cannot write (full)")
    var diverged = finished
    diverged.status = .diverged
    diverged.reason = "loss became nan at epoch 2, batch 1"
    #expect(diverged.stopped(by: .writeFailed(disk)) == diverged)  // its own reason matters more
  }
}
