import Foundation
import FullDiskSupport
import Testing

@testable import NeuralEngine
@testable import TrainingRuns

/// What survives a full disk or a kill: the store keeps complete epochs only.
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
    disk.setFreeBytes(150)  // room for a few rows, then a row cut short

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
    #expect(written >= 1)
    let csv = try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8)
    #expect(csv.hasSuffix("\n") && csv.split(separator: "\n").count == 1 + written)

    // The trainer is asked to stop; an epoch that still ends is not appended after the gap.
    disk.setFreeBytes(1 << 20)
    try recorder.record(.epochEnded(RunRecorderTests.epoch(written + 1)))
    #expect(try String(contentsOfFile: recorder.path + "/metrics.csv", encoding: .utf8) == csv)

    // The end: the summary names the file and holds the epochs metrics.csv holds.
    let trainerSummary = RunSummary(
      status: .stopped, reason: "stopped by the user at epoch \(written + 2), batch 1 of 1",
      epochs: (0...written + 1).map(RunRecorderTests.epoch), config: Hyperparameters(), trainCount: 80,
      validationCount: 20)
    try recorder.record(.ended(trainerSummary.stopped(by: .writeFailed(error))))
    let run = try StoredRun(path: recorder.path)
    #expect(run.statusText == "stopped" && run.log.rows.count == written)
    #expect(run.summary.reason?.contains(recorder.path + "/metrics.csv: cannot write") == true)
    let object = try RunRecorderTests.summaryObject(at: recorder.path)
    #expect((object["epochs"] as? [Any])?.count == written)
  }

  @Test("a final summary that does not fit leaves the last one whole: the run reads as incomplete")
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

  // MARK: - Stop reasons

  @Test("a failed write makes a finished run stopped, naming the file")
  func stopReasons() {
    let finished = RunSummary(
      status: .finished, reason: nil, epochs: (0..<2).map(RunRecorderTests.epoch), config: Hyperparameters(),
      trainCount: 1, validationCount: 1)
    let disk = FileWriteError(path: "/x/metrics.csv", code: ENOSPC, detail: "cannot write (full)")
    let failed = finished.stopped(by: .writeFailed(disk))
    #expect(failed.status == .stopped)
    #expect(failed.reason == "stopped by a failed write after 2 epochs: /x/metrics.csv: cannot write (full)")
    let stopped = RunSummary(
      status: .stopped, reason: "stopped by the user at epoch 3, batch 12 of 60", epochs: [],
      config: Hyperparameters(), trainCount: 1, validationCount: 1)
    #expect(
      stopped.stopped(by: .writeFailed(disk)).reason
        == "stopped by a failed write at epoch 3, batch 12 of 60: /x/metrics.csv: cannot write (full)")
  }
}
