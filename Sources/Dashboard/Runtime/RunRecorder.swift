import Foundation
import NeuralEngine

/// Keeps a run's metrics on disk as it trains: `<folder>/config.json`, `metrics.csv` (Keras
/// CSVLogger format, flushed every epoch) and `summary.json` at the end.
///
/// Used from the run's training thread only, so a killed dashboard keeps every finished epoch.
final class RunRecorder {
  let folder: String
  private let csv: MetricsCSVWriter

  init(folder: String, settings: Hyperparameters) throws {
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    self.folder = folder
    try Self.writeJSON(settings, to: folder + "/config.json")
    csv = try MetricsCSVWriter(path: folder + "/metrics.csv")
  }

  func record(_ event: TrainingEvent) {
    switch event {
    case .epochEnded(let m): csv.append(m)
    case .ended(let summary): try? Self.writeJSON(summary, to: folder + "/summary.json")
    default: break
    }
  }

  /// Writes `value` as pretty JSON atomically (temporary file, then rename).
  static func writeJSON<T: Encodable>(_ value: T, to path: String) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    try encoder.encode(value).write(to: URL(fileURLWithPath: path), options: .atomic)
  }
}
