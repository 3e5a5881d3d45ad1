import Foundation
import NeuralEngine

/// Every run kept on disk: `<directory>/<id>/config.json`, `metrics.csv`
/// (Keras CSVLogger format) and `summary.json` (the `train --json` object).
///
/// A run directory appears whole: its three files are written under a hidden temporary name,
/// which is then renamed to the run's id, so no reader ever sees a run without its config.
/// Metrics are appended and flushed each epoch and the summary rewritten atomically (temporary
/// file + rename), so a run killed with `kill -9` loses at most the epoch in progress and
/// leaves every file readable. Every write goes through one ``SafeWriter`` (injectable, so tests
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

  /// Creates a new run directory (id: ``RunID``, the creation time, host and process, then a
  /// counter if taken) holding its `config.json`, the metrics header and a first summary, and
  /// returns the recorder that fills it in. Nothing is left behind when this throws. Safe with
  /// any number of threads and processes, on any number of machines, creating runs at once.
  public func create(config: Hyperparameters, now: Date = Date()) throws(FileWriteError) -> RunRecorder {
    try writer.makeFolders(directory, advice: "choose another with --runs DIR")
    let stamp = RunID.base(at: now)
    let configJSON = try RunRecorder.json(config, path: directory + "/config.json")
    let firstSummary = try RunRecorder.json(
      ProgressSummary(config: config, trainCount: 0, validationCount: 0, epochsCompleted: 0),
      path: directory + "/summary.json")
    let path = try writer.createFolder(in: directory, names: { $0 == 1 ? stamp : "\(stamp)-\($0)" }) {
      staging throws(FileWriteError) in
      try writer.write(configJSON, to: staging + "/config.json", existing: .refuse)
      try writer.write(
        MetricsCSVWriter.header(MetricsCSVWriter.columns(for: config)), to: staging + "/metrics.csv",
        existing: .refuse)
      try writer.write(firstSummary, to: staging + "/summary.json", existing: .refuse)
    }
    do {
      return try RunRecorder(
        id: (path as NSString).lastPathComponent, path: path, config: config, writer: writer)
    } catch {
      try? FileManager.default.removeItem(atPath: path)
      throw error
    }
  }

  /// Run ids in the order they were made: text order, but digit runs compared as numbers, so
  /// `…-143005-10` comes after `…-143005-2` (and `run9` before `run10`).
  public static func naturalOrder(_ a: String, _ b: String) -> Bool {
    var x = a.unicodeScalars[...]
    var y = b.unicodeScalars[...]
    func isDigit(_ s: Unicode.Scalar) -> Bool { ("0"..."9").contains(s) }
    while let p = x.first, let q = y.first {
      if isDigit(p) && isDigit(q) {
        let m = x.prefix(while: isDigit)
        let n = y.prefix(while: isDigit)
        x = x.dropFirst(m.count)
        y = y.dropFirst(n.count)
        // Without leading zeros, the longer number is the larger.
        let u = m.drop { $0 == "0" }
        let v = n.drop { $0 == "0" }
        if u.count != v.count { return u.count < v.count }
        if !u.elementsEqual(v) {
          return String(String.UnicodeScalarView(u)) < String(String.UnicodeScalarView(v))
        }
        if m.count != n.count { return m.count < n.count }
      } else {
        if p != q { return p.value < q.value }
        x = x.dropFirst()
        y = y.dropFirst()
      }
    }
    return x.isEmpty && !y.isEmpty
  }

  /// The stored runs, oldest first, and one line per directory that could not be read.
  ///
  /// Leftovers of runs killed while being made are removed once stale (see ``Leftovers``);
  /// a folder that is not a run at all is passed over in silence.
  public func list(now: Date = Date()) -> (runs: [StoredRun], problems: [String]) {
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return ([], []) }
    var runs: [StoredRun] = []
    var problems: [String] = []
    for name in names.sorted(by: Self.naturalOrder) {
      let path = (directory as NSString).appendingPathComponent(name)
      guard Leftovers.isFolder(path) else { continue }
      if name.hasPrefix(".") {
        Leftovers.removeStaleStaging(path, named: name, now: now)
        continue
      }
      switch Leftovers.classify(path, now: now) {
      case .notARun:
        continue
      case .halfMade:
        try? FileManager.default.removeItem(atPath: path)
        continue
      case .missingConfig:
        problems.append(
          "\(path): skipped, it has metrics.csv but no config.json (a run cut short while being "
            + "created by an older traintop); delete the folder if you do not need it")
        continue
      case .run:
        Leftovers.removeStaleTemporaryFiles(in: path, now: now)
      }
      do {
        runs.append(try StoredRun(path: path))
      } catch {
        problems.append("\(path): skipped, \(error.message)")
      }
    }
    return (runs, problems)
  }

  /// Every run's `metrics.csv`, by run id, oldest first: what `watch` follows in a runs directory.
  /// Cheap enough to ask every few seconds (one directory listing); nothing is read or removed.
  public func metricsFiles() -> [(id: String, path: String)] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    return names.sorted().filter { !$0.hasPrefix(".") }.compactMap { name in
      let path = (directory as NSString).appendingPathComponent(name) + "/metrics.csv"
      return FileManager.default.fileExists(atPath: path) ? (name, path) : nil
    }
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

  /// The run folder that writing `path` would write into, if any: a folder (at any depth above
  /// the file) holding both config.json and metrics.csv, or a folder directly in this store
  /// holding either, or a hidden one being prepared. Exports and `train --csv` refuse those:
  /// a run's files belong to the store.
  public func runFolder(containing path: String) -> String? {
    let store = SafeWriter.canonicalPath(directory)
    var folder = (SafeWriter.canonicalPath(path) as NSString).deletingLastPathComponent
    while folder.count > 1 {
      let has = { (file: String) in FileManager.default.fileExists(atPath: folder + "/" + file) }
      if has("config.json") && has("metrics.csv") { return folder }
      if (folder as NSString).deletingLastPathComponent == store {
        let name = (folder as NSString).lastPathComponent
        if name.hasPrefix(".tmp-") || has("config.json") || has("metrics.csv") || has("summary.json") {
          return folder
        }
      }
      folder = (folder as NSString).deletingLastPathComponent
    }
    return nil
  }
}
