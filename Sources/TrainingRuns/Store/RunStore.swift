import Foundation
import NeuralEngine

/// Every run kept on disk: `<directory>/<id>/config.json`, `metrics.csv`
/// (Keras CSVLogger format) and `summary.json` (the `train --json` object).
///
/// Metrics are appended and flushed each epoch and the summary rewritten
/// atomically (temporary file + rename) after each epoch, so a run killed
/// with `kill -9` loses at most the epoch in progress and leaves every file
/// readable. A directory that cannot be read is reported and skipped.
public struct RunStore: Sendable {
  public let directory: String

  /// The default runs directory, relative to the working directory.
  public static let defaultDirectory = "traintop-runs"

  public init(directory: String = RunStore.defaultDirectory) {
    self.directory = directory
  }

  /// Creates a new run directory (id: creation time, then a counter if taken)
  /// with its `config.json`, and returns the recorder that fills it in.
  public func create(config: Hyperparameters, now: Date = Date()) throws(DataError) -> RunRecorder {
    do {
      try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    } catch {
      throw DataError("\(directory): cannot create the runs directory; choose another with --runs DIR")
    }
    let stamp = Self.stamp(now)
    var n = 1
    while true {
      let id = n == 1 ? stamp : "\(stamp)-\(n)"
      let path = (directory as NSString).appendingPathComponent(id)
      if mkdir(path, 0o755) == 0 {
        return try RunRecorder(id: id, path: path, config: config)
      }
      guard errno == EEXIST, n < 1000 else {
        throw DataError("\(path): cannot create the run directory (\(String(cString: strerror(errno))))")
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

/// Writes one run's files as its `TrainingEvent`s arrive.
public final class RunRecorder {
  public let id: String
  public let path: String
  public let config: Hyperparameters
  private let csv: MetricsCSVWriter
  private var epochs: [EpochMetrics] = []
  private var info: RunInfo?
  /// The least time between two rewrites of summary.json while training. Each rewrite encodes
  /// every epoch so far, so rewriting after every epoch made long runs of short epochs
  /// quadratic (spiral-overfit: 1500 epochs, 14 s instead of 1 s, mostly JSON encoding).
  /// Readers lose nothing: a stored run's epochs come from metrics.csv, flushed every epoch.
  public var summaryInterval: Duration = .seconds(1)
  private var lastSummary: ContinuousClock.Instant?

  init(id: String, path: String, config: Hyperparameters) throws(DataError) {
    self.id = id
    self.path = path
    self.config = config
    try Self.writeAtomically(config, to: path + "/config.json")
    csv = try MetricsCSVWriter(path: path + "/metrics.csv", includesLearningRate: config.reduceLROnPlateau)
  }

  /// Handles one event: epoch rows go to metrics.csv (flushed), and the summary is rewritten at
  /// the start, at most every `summaryInterval` while training, and at the end.
  public func record(_ event: TrainingEvent) {
    switch event {
    case .started(let i):
      info = i
      writeSummary(status: .running, reason: nil)
    case .epochEnded(let m):
      epochs.append(m)
      csv.append(m)
      if let last = lastSummary, ContinuousClock.now - last < summaryInterval { break }
      writeSummary(status: .running, reason: nil)
    case .ended(let s):
      try? Self.writeAtomically(s, to: path + "/summary.json")
    case .batch, .paused, .resumed, .decisionBoundary, .stepping, .settingChanged, .pace:
      break
    }
  }

  private func writeSummary(status: RunStatus, reason: String?) {
    let s = RunSummary(
      status: status, reason: reason, epochs: epochs, config: config, trainCount: info?.trainCount ?? 0,
      validationCount: info?.validationCount ?? 0)
    try? Self.writeAtomically(s, to: path + "/summary.json")
    lastSummary = ContinuousClock.now
  }

  /// JSON through a temporary file and `rename`, so readers never see half a file.
  static func writeAtomically<T: Encodable>(_ value: T, to file: String) throws(DataError) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      try encoder.encode(value).write(to: URL(fileURLWithPath: file), options: .atomic)
    } catch {
      throw DataError("\(file): cannot write (\(error.localizedDescription)); check the runs directory")
    }
  }
}
