import Foundation
import NeuralEngine

/// Every run kept on disk: `<directory>/<id>/config.json`, `metrics.csv`
/// (Keras CSVLogger format) and `summary.json` (the `train --json` object).
///
/// Metrics are appended and flushed each epoch and the summary rewritten
/// atomically (temporary file + rename) after each epoch, so a run killed
/// with `kill -9` loses at most the epoch in progress and leaves every file
/// readable. Every write goes through one ``SafeWriter`` (injectable, so tests
/// can fill the disk). A directory that cannot be read is reported and skipped.
public struct RunStore: Sendable {
  public let directory: String
  /// Writes every file of the store.
  public var writer: SafeWriter

  /// The default runs directory, relative to the working directory.
  public static let defaultDirectory = "traintop-runs"

  public init(directory: String = RunStore.defaultDirectory, writer: SafeWriter = SafeWriter()) {
    self.directory = directory
    self.writer = writer
  }

  /// Creates a new run directory (id: creation time, then a counter if taken)
  /// with its `config.json`, and returns the recorder that fills it in.
  public func create(config: Hyperparameters, now: Date = Date()) throws(FileWriteError) -> RunRecorder {
    try writer.makeFolders(directory, advice: "choose another with --runs DIR")
    let stamp = Self.stamp(now)
    var n = 1
    while true {
      let id = n == 1 ? stamp : "\(stamp)-\(n)"
      let path = (directory as NSString).appendingPathComponent(id)
      if mkdir(path, 0o755) == 0 {
        return try RunRecorder(id: id, path: path, config: config, writer: writer)
      }
      guard errno == EEXIST, n < 1000 else {
        let code = errno
        throw FileWriteError(
          path: path, code: code,
          detail: "cannot create the run directory (\(String(cString: strerror(code))))")
      }
      n += 1
    }
  }

  /// `20261125-143005`: sortable, readable, unique enough with the counter.
  static func stamp(_ date: Date) -> String {
    var t = time_t(date.timeIntervalSince1970)
    var parts = tm()
    localtime_r(&t, &parts)
    return String(
      format: "%04d%02d%02d-%02d%02d%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
      parts.tm_hour,
      parts.tm_min, parts.tm_sec)
  }

  /// The stored runs, oldest first, and one line per directory that could not be read.
  public func list() -> (runs: [StoredRun], problems: [String]) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return ([], []) }
    var runs: [StoredRun] = []
    var problems: [String] = []
    for name in names.sorted() where !name.hasPrefix(".") {
      let path = (directory as NSString).appendingPathComponent(name)
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
        continue
      }
      do {
        runs.append(try StoredRun(path: path))
      } catch {
        problems.append("\(path): skipped, \(error.message)")
      }
    }
    return (runs, problems)
  }

  /// A run by id (in this store) or by directory path.
  public func load(_ idOrPath: String) throws(DataError) -> StoredRun {
    var isDir: ObjCBool = false
    if FileManager.default.fileExists(atPath: idOrPath, isDirectory: &isDir), isDir.boolValue {
      return try StoredRun(path: idOrPath)
    }
    let path = (directory as NSString).appendingPathComponent(idOrPath)
    guard FileManager.default.fileExists(atPath: path) else {
      throw DataError(
        "run '\(idOrPath)' not found in \(directory); list runs with 'traintop runs' or give a run directory")
    }
    return try StoredRun(path: path)
  }
}
