import Foundation
import Testing

@testable import TrainingRuns

@Suite("Following standard input")
struct LogStandardInputFollowerTests {
  @Test func readsAPipeWithoutBlockingAndEndsAtEOF() throws {
    let pipe = Pipe()
    let follower = StandardInputFollower(fileDescriptor: pipe.fileHandleForReading.fileDescriptor)
    #expect(follower.displayName == "stdin")

    // Nothing written yet: poll must return at once.
    let empty = try follower.poll()
    #expect(empty.change == .unchanged && empty.rows.isEmpty && empty.status == .following)

    let writer = pipe.fileHandleForWriting
    writer.write(
      Data("Using device cuda:0\n{\"epoch\": 0, \"loss\": 0.9, \"val_loss\": NaN}\n{\"epoch\": 1,".utf8))
    let first = try pollUntil(follower) { source, _ in source.log.rows.count == 1 }
    #expect(sameRows(first.flatMap(\.rows), [row(0, ["loss": 0.9, "val_loss": .nan])]))
    #expect(follower.log.malformedLines == 1)

    // The last record has no newline: it is read when the stream ends.
    writer.write(Data(" \"loss\": 0.5, \"val_loss\": 0.625}\n{\"epoch\": 2, \"loss\": 0.25}".utf8))
    try writer.close()
    let rest = try pollUntil(follower) { source, updates in updates.last?.status == .ended }
    #expect(rest.flatMap(\.rows) == [row(1, ["loss": 0.5, "val_loss": 0.625]), row(2, ["loss": 0.25])])
    #expect(follower.log.metricNames == ["loss", "val_loss"])
    #expect(follower.log.rows.count == 3 && follower.log.malformedLines == 1)

    let after = try follower.poll()
    #expect(after.change == .unchanged && after.status == .ended)
    withExtendedLifetime(pipe) {}
  }

  @Test func readsCSVFromAPipe() throws {
    let pipe = Pipe()
    let follower = StandardInputFollower(
      fileDescriptor: pipe.fileHandleForReading.fileDescriptor, displayName: "keras")
    pipe.fileHandleForWriting.write(Data("epoch,loss,val_loss\n0,0.5,NA\n1,0.25,0.375\n".utf8))
    try pipe.fileHandleForWriting.close()
    let updates = try pollUntil(follower) { _, updates in updates.last?.status == .ended }
    #expect(
      sameRows(
        updates.flatMap(\.rows),
        [row(0, ["loss": 0.5, "val_loss": .nan]), row(1, ["loss": 0.25, "val_loss": 0.375])]))
    #expect(follower.displayName == "keras")
    withExtendedLifetime(pipe) {}
  }

  @Test func dashMeansStandardInput() {
    #expect(makeLogSource(for: "-") is StandardInputFollower)
    #expect((makeLogSource(for: "runs/a/metrics.csv") as? LogFollower)?.format == .kerasCSV)
  }
}
