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
      var s = try? JSONDecoder().decode(RunSummary.self, from: Data(Self.withoutEpochs(data)))
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

  /// A summary's JSON with its `epochs` array emptied.
  ///
  /// The epochs come from metrics.csv; decoding a million of them from summary.json as well
  /// took 6 s and half a gigabyte each time the runs were listed. The array holds numbers and
  /// objects only, so it ends at the bracket that closes it, counted outside strings.
  static func withoutEpochs(_ json: [UInt8]) -> [UInt8] {
    let key = Array(#""epochs""#.utf8)
    var i = 0
    while let start = json[i...].firstRange(of: key) {
      var j = start.upperBound
      while j < json.count, json[j] == 0x20 || json[j] == 0x0A || json[j] == 0x0D || json[j] == 0x09 {
        j += 1
      }
      guard j < json.count, json[j] == UInt8(ascii: ":") else {
        i = start.upperBound
        continue
      }
      j += 1
      while j < json.count, json[j] == 0x20 || json[j] == 0x0A || json[j] == 0x0D || json[j] == 0x09 {
        j += 1
      }
      guard j < json.count, json[j] == UInt8(ascii: "[") else {
        i = j
        continue
      }
      var depth = 0
      var inString = false
      var k = j
      while k < json.count {
        let c = json[k]
        if inString {
          if c == UInt8(ascii: "\\") { k += 1 } else if c == UInt8(ascii: "\"") { inString = false }
        } else if c == UInt8(ascii: "\"") {
          inString = true
        } else if c == UInt8(ascii: "[") {
          depth += 1
        } else if c == UInt8(ascii: "]") {
          depth -= 1
          if depth == 0 { return Array(json[..<j]) + Array("[]".utf8) + Array(json[(k + 1)...]) }
        }
        k += 1
      }
      return json
    }
    return json
  }
}
