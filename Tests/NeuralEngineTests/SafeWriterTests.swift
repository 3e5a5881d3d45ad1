import Foundation
import FullDiskSupport
import Testing

@testable import NeuralEngine

/// The one writer under every file traintop writes: checked writes, whole files, no silent
/// overwrite. A full disk is a ``FullDisk`` sink, so nothing here needs tmpfs or root.
@Suite("Safe writer")
struct SafeWriterTests {
  static func folder() throws -> String {
    let path = NSTemporaryDirectory() + "safe-writer-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }

  static func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
  }

  static func entries(_ folder: String) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
  }

  // MARK: - No silent overwrite

  @Test("an existing file is refused (EEXIST, exit 2, left as it was) unless replacing is asked for")
  func refusesToOverwrite() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/figure.svg"
    try SafeWriter().write("first", to: path, existing: .refuse)
    let error = try #require(throws: FileWriteError.self) {
      try SafeWriter().write("second", to: path, existing: .refuse)
    }
    #expect(error.code == EEXIST && error.exitCode == 2)
    #expect(error.message == "\(path): already exists; add --force to overwrite it, or choose another path")
    #expect(Self.contents(path) == "first")
    #expect(throws: FileWriteError.self) { try SafeWriter.checkWritable(path, existing: .refuse) }

    try SafeWriter().write("second", to: path, existing: .replace)
    #expect(Self.contents(path) == "second")
    #expect(Self.entries(dir) == ["figure.svg"])  // no temporary file left beside it
  }

  @Test("a device is written in place, never replaced by a file")
  func deviceStaysADevice() throws {
    try SafeWriter().write("discarded", to: "/dev/null", existing: .refuse)
    try SafeWriter().write("discarded", to: "/dev/null", existing: .replace)
    let log = try SafeWriter().createLog(at: "/dev/null", existing: .refuse)
    try log.append("row\n")
    var info = stat()
    #expect(stat("/dev/null", &info) == 0 && info.st_mode & S_IFMT == S_IFCHR)
  }

  @Test(
    "/dev/full fails like a full disk: ENOSPC naming the path, exit 1",
    .enabled(if: SafeWriterTests.isCharacterDevice("/dev/full")))
  func devFull() throws {
    let error = try #require(throws: FileWriteError.self) {
      try SafeWriter().write("x", to: "/dev/full", existing: .refuse)
    }
    #expect(error.code == ENOSPC && error.exitCode == 1)
    #expect(error.message.hasPrefix("/dev/full: cannot write (No space left on device); "))
  }

  static func isCharacterDevice(_ path: String) -> Bool {
    var info = stat()
    return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFCHR
  }

  // MARK: - Full disk

  @Test("a disk that fills up mid-file keeps the old file whole and leaves no temporary file")
  func fullDiskWholeFile() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/summary.json"
    try SafeWriter().write("{\"status\": \"running\"}", to: path, existing: .refuse)
    let (writer, _) = SafeWriter.onFullDisk(freeBytes: 10)
    let error = try #require(throws: FileWriteError.self) {
      try writer.write("{\"status\": \"finished\", \"epochs\": []}", to: path, existing: .replace)
    }
    #expect(error.code == ENOSPC && error.path == path && error.isRuntimeFailure)
    #expect(Self.contents(path) == "{\"status\": \"running\"}")
    #expect(Self.entries(dir) == ["summary.json"])
  }

  @Test("a row cut short by a full disk is removed: the log keeps whole rows only")
  func fullDiskAppend() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/metrics.csv"
    let header = "epoch,loss\n"
    let (writer, disk) = SafeWriter.onFullDisk(freeBytes: header.utf8.count + "0,0.5\n".utf8.count + 3)
    let log = try writer.createLog(at: path, existing: .refuse)
    try log.append(header)
    try log.append("0,0.5\n")
    let error = try #require(throws: FileWriteError.self) { try log.append("1,0.25\n") }  // 3 bytes fit
    #expect(error.code == ENOSPC && error.message.hasPrefix(path + ": cannot write"))
    #expect(Self.contents(path) == "epoch,loss\n0,0.5\n")

    disk.setFreeBytes(100)  // space freed: appending resumes after the last whole row
    try log.append("1,0.25\n")
    #expect(Self.contents(path) == "epoch,loss\n0,0.5\n1,0.25\n")
  }

  @Test("on a full disk a file can be rewritten in the space it holds, and no larger")
  func overwriteInPlace() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let path = dir + "/summary.json"
    let old = String(repeating: "o", count: 8192)  // large enough to hold blocks on any file system
    try SafeWriter().write(old, to: path, existing: .refuse)
    try SafeWriter().overwriteInPlace(Data("new".utf8), at: path)
    #expect(Self.contents(path) == "new")
    let error = try #require(throws: FileWriteError.self) {
      try SafeWriter().overwriteInPlace(Data(repeating: 0x41, count: 1 << 20), at: path)
    }
    #expect(error.code == ENOSPC && Self.contents(path) == "new")  // refused before writing
    #expect(Self.entries(dir) == ["summary.json"])
  }

  // MARK: - Folders made whole

  @Test("a folder appears whole under the first free name, or not at all")
  func folderCreation() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/run", withIntermediateDirectories: false)
    try SafeWriter().write("taken", to: dir + "/run/config.json", existing: .refuse)
    let path = try SafeWriter().createFolder(in: dir, names: { $0 == 1 ? "run" : "run-\($0)" }) {
      staging throws(FileWriteError) in
      try SafeWriter().write("mine", to: staging + "/config.json", existing: .refuse)
    }
    #expect(path == dir + "/run-2" && Self.contents(path + "/config.json") == "mine")
    #expect(Self.contents(dir + "/run/config.json") == "taken")

    let (full, _) = SafeWriter.onFullDisk(freeBytes: 2)
    let error = try #require(throws: FileWriteError.self) {
      try full.createFolder(in: dir, names: { "new-\($0)" }) { staging throws(FileWriteError) in
        try full.write("does not fit", to: staging + "/config.json", existing: .refuse)
      }
    }
    #expect(error.path == dir && error.code == ENOSPC)
    #expect(Self.entries(dir) == ["run", "run-2"])  // no half-made folder, hidden or not
  }

  // MARK: - Paths

  @Test("two spellings of one file have one canonical path")
  func canonicalPaths() throws {
    let dir = try Self.folder()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: false)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: dir + "/real")
    let canonical = SafeWriter.canonicalPath(dir + "/real/out.csv")
    #expect(SafeWriter.canonicalPath(dir + "/link/out.csv") == canonical)
    #expect(SafeWriter.canonicalPath(dir + "/real/./sub/../out.csv") == canonical)
    #expect(canonical.hasSuffix("/real/out.csv") && canonical.hasPrefix("/"))
  }
}
