import Foundation
import Testing
import TrainingRuns

@testable import TensorBoardLogs

/// Following a run's event files while a trainer writes them.
@Suite struct EventDirectoryFollowerTests {
  /// A record written in two pieces is read once the second arrives; step 0 (absent from the
  /// bytes) reads as 0.
  @Test func recordStillBeingWrittenIsRetriedWhenTheFileGrows() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let file = dir + "/events.out.tfevents.1700000000.host.1.0"
    let follower = EventDirectoryFollower(directory: dir, displayName: "run")
    #expect(try follower.poll().status == .waitingForFile)
    let second = tfRecord(scalarEvent(step: 1, [("loss", 0.5), ("val_loss", 0.75)]))
    try append(
      tfRecord(fileVersionEvent()) + tfRecord(scalarEvent(step: 0, [("loss", 1)])) + second.prefix(10),
      to: file)
    let first = try follower.poll()
    #expect(first.status == .following && first.rows == [MetricRow(step: 0, values: ["loss": 1])])
    #expect(try follower.poll().change == .unchanged)
    try append(Array(second.dropFirst(10)), to: file)
    let rest = try follower.poll()
    #expect(
      rest.change == .appended && rest.rows == [MetricRow(step: 1, values: ["loss": 0.5, "val_loss": 0.75])])
    #expect(rest.malformedLines == 0 && follower.metricNames == ["loss", "val_loss"] && follower.xIsStep)
  }

  /// A damaged record is counted and the records after it still arrive.
  @Test func corruptRecordIsCountedAndReadingGoesOn() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    var bad = tfRecord(scalarEvent(step: 1, [("loss", 2)]))
    bad[bad.count - 6] ^= 0xFF
    try append(bad + tfRecord(scalarEvent(step: 2, [("loss", 1)])), to: dir + "/events.out.tfevents.1.h")
    let follower = EventDirectoryFollower(directory: dir)
    let update = try follower.poll()
    #expect(update.rows.map(\.step) == [2] && update.malformedLines == 1)
  }

  /// A restarted trainer adds a file (picked up at the next listing); a folder that vanishes
  /// keeps what was read and waits; a file rewritten shorter starts the run over.
  @Test func newFilesVanishingFoldersAndRewrites() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try append(tfRecord(scalarEvent(step: 1, [("loss", 2)])), to: dir + "/events.out.tfevents.1.h")
    let follower = EventDirectoryFollower(displayName: "r", parts: [.init(directory: dir)], listInterval: 0)
    #expect(try follower.poll().rows.count == 1)
    try append(tfRecord(scalarEvent(step: 2, [("loss", 1)])), to: dir + "/events.out.tfevents.2.h")
    #expect(try follower.poll().rows.map(\.step) == [2])

    try Data(tfRecord(scalarEvent(step: 5, [("acc", 0.5)]))).write(
      to: URL(fileURLWithPath: dir + "/events.out.tfevents.1.h"))
    let reset = try follower.poll()
    #expect(reset.change == .reset && reset.rows.map(\.step) == [5, 2])

    try FileManager.default.removeItem(atPath: dir)
    let gone = try follower.poll()
    #expect(gone.change == .unchanged && gone.status == .waitingForFile)
  }

  /// The Keras callback's folders, renamed as one run; a folder not written yet is no error.
  @Test func partsAreRenamed() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/train", withIntermediateDirectories: true)
    try append(
      tfRecord(scalarEvent(step: 0, [("epoch_loss", 0.5)])), to: dir + "/train/events.out.tfevents.1.h.v2")
    let follower = EventDirectoryFollower(
      displayName: "logs",
      parts: [
        .init(directory: dir + "/train") { $0.hasPrefix("epoch_") ? String($0.dropFirst(6)) : $0 },
        .init(directory: dir + "/validation") { "val_" + $0 },
      ], stepsAreEpochs: true)
    #expect(try follower.poll().rows == [MetricRow(step: 0, values: ["loss": 0.5])])
    #expect(!follower.xIsStep)
  }

  /// A poll reads at most its budget: a large file loads over several polls.
  @Test func largeFilesLoadOverSeveralPolls() throws {
    let dir = try temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let records = (0..<2000).flatMap { tfRecord(scalarEvent(step: Int64($0), [("loss", Float($0))])) }
    try append(records, to: dir + "/events.out.tfevents.1.h")
    let follower = EventDirectoryFollower(
      displayName: "big", parts: [.init(directory: dir)], maxBytesPerPoll: 8192)
    var rows = 0
    var polls = 0
    while true {
      let update = try follower.poll()
      rows += update.rows.count
      polls += 1
      if update.isCaughtUp { break }
    }
    #expect(rows == 2000 && polls > 3)
  }
}
