import Foundation

/// Writes per-epoch metrics in Keras's `CSVLogger` format, so Keras users'
/// files and ours are interchangeable.
///
/// Header `epoch` then the metric names sorted alphabetically
/// (`epoch,accuracy,loss,val_accuracy,val_loss`, plus `learning_rate` when the
/// learning rate can change); 0-based epochs; one row per epoch, flushed as it
/// is written, so a killed run keeps every finished epoch. Numbers use the
/// shortest round-trip form, like Python's `repr`; non-finite ones are written
/// `nan`/`inf` as Keras does.
public final class MetricsCSVWriter {
  public let path: String
  public let includesLearningRate: Bool
  private let handle: FileHandle

  /// The column names after `epoch`.
  public var metricNames: [String] {
    (["accuracy", "loss", "val_accuracy", "val_loss"] + (includesLearningRate ? ["learning_rate"] : []))
      .sorted()
  }

  /// Creates (or truncates) the file and writes the header.
  public init(path: String, includesLearningRate: Bool = false) throws(DataError) {
    self.path = path
    self.includesLearningRate = includesLearningRate
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else {
      throw DataError("\(path): cannot create the CSV file; check that its folder exists and is writable")
    }
    self.handle = handle
    write((["epoch"] + metricNames).joined(separator: ",") + "\n")
  }

  deinit { try? handle.close() }

  public func append(_ m: EpochMetrics) {
    let values: [String: Double] = [
      "accuracy": m.accuracy, "loss": m.loss, "val_accuracy": m.valAccuracy, "val_loss": m.valLoss,
      "learning_rate": m.learningRate,
    ]
    let row = [String(m.epoch)] + metricNames.map { Self.format(values[$0]) }
    write(row.joined(separator: ",") + "\n")
  }

  /// Python-style number text; `NA` for a missing value (Keras's CSVLogger).
  static func format(_ value: Double?) -> String {
    guard let value else { return "NA" }
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return "\(value)"
  }

  private func write(_ text: String) {
    handle.write(Data(text.utf8))
  }
}
