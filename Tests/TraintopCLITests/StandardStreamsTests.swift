import Foundation
import TestSupport
import Testing

/// Standard output or error on a full disk: Foundation's FileHandle trapped on the first failed
/// write. Now the summary's loss is one line and exit 1, and a message that cannot be written is
/// dropped without a trap.
@Suite("standard output and error on a full disk")
struct StandardStreamsTests {
  func shell(_ command: String) throws -> ChildProcess.Result {
    let binary = try #require(TraintopBinary.path, "build the traintop binary first (swift build)")
    let dir = try TraintopBinary.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    return try TraintopBinary.processLock.withLock {
      try ChildProcess.run("/bin/sh", ["-c", "'\(binary)' " + command], directory: dir)
    }
  }

  @Test func jsonSummaryToAFullDisk() throws {
    let r = try shell("train --dataset xor --epochs 2 --hidden 4 --json -q > /dev/full")
    #expect(r.status == 1, "\(r.stderr)")
    #expect(
      r.stderr.hasPrefix("traintop: standard output: cannot write the JSON summary (No space left on device)")
    )
    #expect(r.stderr.split(separator: "\n").count == 1)
  }

  @Test func epochLinesToAFullDisk() throws {
    let r = try shell("train --dataset xor --epochs 2 --hidden 4 > /dev/full")
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr == "traintop: standard output: cannot write (No space left on device)\n")
  }

  @Test func errorsToAFullDisk() throws {
    let r = try shell("train --dataset nosuchset 2> /dev/full")
    #expect(r.status == 2, "a bad dataset is still exit 2, not a trap (\(r.status))")
  }
}
