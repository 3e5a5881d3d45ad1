import Foundation
import NeuralEngine
import SafeText

/// A run read back from its directory.
public struct StoredRun: Sendable {
  public var id: String
  public var path: String
  public var config: Hyperparameters
  /// The per-epoch metrics from `metrics.csv` (what survives a crash).
  public var log: MetricLog
  /// The last summary written; its epochs are replaced by `metrics.csv`'s rows,
  /// the file that is flushed first (a summary written mid-run has none of its own).
  public var summary: RunSummary

  /// Reads `config.json`, `metrics.csv` and (if present) `summary.json`.
  /// A missing or unreadable config or metrics file is an error naming the file.
  public init(path: String) throws(DataError) {
    self.path = path
    id = (path as NSString).lastPathComponent
    let configPath = path + "/config.json"
    guard FileManager.default.fileExists(atPath: configPath) else {
      throw DataError("\(safePath: configPath) is missing")
    }
    let configData = try InputFile.contents(of: configPath, kind: "run file", limit: InputFile.settingsLimit)
    do {
      config = try JSONDecoder().decode(Hyperparameters.self, from: Data(configData))
    } catch {
      throw DataError("\(safePath: configPath) is not a valid run config")
    }
    let metricsPath = path + "/metrics.csv"
    guard FileManager.default.fileExists(atPath: metricsPath) else {
      throw DataError("\(safePath: metricsPath) is missing")
    }
    let csvData = try InputFile.contents(of: metricsPath, kind: "run file", limit: InputFile.logLimit)
    // Rows are appended whole and flushed; a last one without its newline was cut short.
    log = KerasCSVParser.parse(String(decoding: csvData, as: UTF8.self), completeRowsOnly: true)
    let epochs = log.epochMetrics
    if let data = try? InputFile.contents(
      of: path + "/summary.json", kind: "run file", limit: InputFile.logLimit),
      var s = try? JSONDecoder().decode(RunSummary.self, from: Data(data))
    {
      s.epochs = epochs
      summary = s
    } else {
      // Killed before the first summary: rebuild what we can from the metrics.
      summary = RunSummary(
        status: .running, reason: "interrupted", epochs: epochs, config: config, trainCount: 0,
        validationCount: 0)
    }
  }

  /// `finished`, `stopped`, `diverged`, or `incomplete` for a run whose process
  /// ended before writing a final summary (or that is still training).
  public var statusText: String {
    summary.status == .running ? "incomplete" : summary.status.rawValue
  }
}
