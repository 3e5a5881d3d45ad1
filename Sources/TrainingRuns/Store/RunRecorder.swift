import Foundation
import NeuralEngine

/// Writes one run's files as its `TrainingEvent`s arrive.
///
/// Every write is checked. The first that fails (a full disk) is thrown and kept in `failure`:
/// the caller stops the trainer, and from then on no row is appended, so metrics.csv holds
/// complete epochs only, with no gap. The final summary is still attempted at `.ended` (see
/// `writeFinal`), so the run reads back as stopped rather than incomplete.
public final class RunRecorder {
  public let id: String
  public let path: String
  public let config: Hyperparameters
  /// The least time between two rewrites of summary.json while training. The in-progress
  /// summary is small (``ProgressSummary``, no epochs), but a run of tiny epochs would still
  /// rewrite it thousands of times a second without this.
  public var summaryInterval: Duration = .seconds(1)
  /// The first write that failed, if any.
  public private(set) var failure: FileWriteError?

  private let writer: SafeWriter
  private let csv: MetricsCSVWriter
  private var epochsWritten = 0
  private var info: RunInfo?
  /// The live settings' values now, for metrics.csv's setting columns.
  private var live: LiveValues
  /// The changes applied so far, for the in-progress summary.
  private var changes: [SettingChange] = []
  private var lastSummary: ContinuousClock.Instant?

  /// Opens the metrics of a run directory that ``RunStore/create(config:now:)`` prepared.
  init(id: String, path: String, config: Hyperparameters, writer: SafeWriter) throws(FileWriteError) {
    self.id = id
    self.path = path
    self.config = config
    self.writer = writer
    csv = try MetricsCSVWriter(
      continuing: path + "/metrics.csv", columns: MetricsCSVWriter.columns(for: config), writer: writer)
    live = LiveValues(config)
  }

  /// Handles one event: epoch rows go to metrics.csv (flushed), and the summary is rewritten at
  /// the start, at most every `summaryInterval` while training, and at the end.
  public func record(_ event: TrainingEvent) throws(FileWriteError) {
    switch event {
    case .started(let i):
      info = i
      try keepingFailure { () throws(FileWriteError) in try writeProgress() }
    case .epochEnded(let m):
      guard failure == nil else { return }
      try keepingFailure { () throws(FileWriteError) in try csv.append(m, settings: live.byKey) }
      epochsWritten += 1
      if let last = lastSummary, ContinuousClock.now - last < summaryInterval { return }
      try keepingFailure { () throws(FileWriteError) in try writeProgress() }
    case .ended(let s):
      // Close first (it may report an error the kernel deferred), but write the summary anyway.
      var closeError: FileWriteError?
      do throws(FileWriteError) {
        try csv.close()
      } catch {
        closeError = error
        if failure == nil { failure = error }
      }
      try keepingFailure { () throws(FileWriteError) in try writeFinal(s) }
      if let closeError { throw closeError }
    case .settingChanged(let change):
      // A setting changed for the first time gets its column (the rows so far hold the value it
      // replaced); the summary lists the change at once, so a killed run keeps its marks.
      guard failure == nil else { return }
      live.apply(change)
      changes.append(change)
      if change.setting != .epochs, let previous = change.previous {
        try keepingFailure { () throws(FileWriteError) in
          try csv.addColumn(change.setting.rawValue, earlier: previous)
        }
      }
      try keepingFailure { () throws(FileWriteError) in try writeProgress() }
    case .batch, .paused, .resumed, .decisionBoundary, .stepping, .pace, .samples, .insight:
      break
    }
  }

  private var summaryPath: String { path + "/summary.json" }

  /// The final summary, replacing the last one: the whole `train --json` object, or, for a run
  /// a failed write stopped, only its status and reason (like ``ProgressSummary``): on a full
  /// disk a small file is what may still fit, and the epochs are in metrics.csv anyway. When
  /// even that cannot be staged beside the old summary, it is written over the old one, in the
  /// space that one holds, so the run does not read back as incomplete.
  private func writeFinal(_ s: RunSummary) throws(FileWriteError) {
    let last = ProgressSummary(
      status: s.status, reason: s.reason, config: config, trainCount: s.trainCount,
      validationCount: s.validationCount, epochsCompleted: epochsWritten, changes: s.changes)
    do throws(FileWriteError) {
      if failure == nil {
        try Self.write(summary: s, to: summaryPath, with: writer)
      } else {
        try writer.write(Self.json(last, path: summaryPath), to: summaryPath, existing: .replace)
      }
    } catch {
      if error.isRuntimeFailure, let json = try? Self.json(last, path: summaryPath) {
        try? writer.overwriteInPlace(json, at: summaryPath)
      }
      throw error
    }
  }

  private func writeProgress() throws(FileWriteError) {
    let s = ProgressSummary(
      config: config, trainCount: info?.trainCount ?? 0, validationCount: info?.validationCount ?? 0,
      epochsCompleted: epochsWritten, changes: changes)
    try writer.write(Self.json(s, path: summaryPath), to: summaryPath, existing: .replace)
    lastSummary = ContinuousClock.now
  }

  private func keepingFailure(_ body: () throws(FileWriteError) -> Void) throws(FileWriteError) {
    do {
      try body()
    } catch {
      if failure == nil { failure = error }
      throw error
    }
  }

  /// Writes the final summary: pretty, key-sorted JSON, its epochs one per line, a megabyte at
  /// a time (see `RunSummary.writeJSON`: a million epochs are 180 MB of text, never all in memory).
  static func write(summary: RunSummary, to path: String, with writer: SafeWriter) throws(FileWriteError) {
    var failure: Error?
    try writer.write(to: path, existing: .replace) { emit in
      do {
        try summary.writeJSON(pretty: true, to: emit)
      } catch {
        failure = error
      }
    }
    if let failure {
      throw FileWriteError(
        path: path, code: EINVAL, detail: "cannot encode the run's JSON (\(failure)); this is a traintop bug")
    }
  }

  /// Pretty, key-sorted JSON, as a person opening the file expects.
  static func json(_ value: some Encodable, path: String) throws(FileWriteError) -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    do {
      return try encoder.encode(value)
    } catch {
      throw FileWriteError(
        path: path, code: EINVAL, detail: "cannot encode the run's JSON (\(error)); this is a traintop bug")
    }
  }
}
