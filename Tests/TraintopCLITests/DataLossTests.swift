import Foundation
import TestSupport
import Testing
import TrainingRuns

/// Issue 12's promise, as users meet it: a full disk stops the run cleanly with one line.
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
}
