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
///
/// Rows go through ``SafeWriter``: each lands whole or not at all, and a failed
/// write (a full disk) throws naming the file, so the run can stop with every
/// complete epoch kept.
public final class MetricsCSVWriter {
  public let path: String
  public let includesLearningRate: Bool
  private let file: AppendingFile

  /// The column names after `epoch`.
  public var metricNames: [String] {
    Self.metricNames(includesLearningRate: includesLearningRate)
  }

  static func metricNames(includesLearningRate: Bool) -> [String] {
    (["accuracy", "loss", "val_accuracy", "val_loss"] + (includesLearningRate ? ["learning_rate"] : []))
      .sorted()
  }

  /// The header line, `epoch,accuracy,loss,val_accuracy,val_loss`, with its newline.
  public static func header(includesLearningRate: Bool) -> String {
    (["epoch"] + metricNames(includesLearningRate: includesLearningRate)).joined(separator: ",") + "\n"
  }

  /// Creates the file and writes the header. An existing file is replaced only when `existing`
  /// says so (Keras's CSVLogger truncates; traintop asks for `--force`).
  public init(
    path: String, includesLearningRate: Bool = false, existing: SafeWriter.Existing,
    writer: SafeWriter = SafeWriter()
  ) throws(FileWriteError) {
    self.path = path
    self.includesLearningRate = includesLearningRate
    file = try writer.createLog(at: path, existing: existing)
    try file.append(Self.header(includesLearningRate: includesLearningRate))
  }

  /// Appends to a file that already holds the header (a run directory prepared before training).
  public init(continuing path: String, includesLearningRate: Bool = false, writer: SafeWriter = SafeWriter())
    throws(FileWriteError)
  {
    self.path = path
    self.includesLearningRate = includesLearningRate
    file = try writer.openLog(appendingTo: path)
  }

  /// Appends the epoch's row, whole or not at all.
  public func append(_ m: EpochMetrics) throws(FileWriteError) {
    let values: [String: Double] = [
      "accuracy": m.accuracy, "loss": m.loss, "val_accuracy": m.valAccuracy, "val_loss": m.valLoss,
      "learning_rate": m.learningRate,
    ]
    let row = [String(m.epoch)] + metricNames.map { Self.format(values[$0]) }
    try file.append(row.joined(separator: ",") + "\n")
  }

  /// Closes the file, reporting a write error the kernel deferred until then.
  public func close() throws(FileWriteError) {
    try file.close()
  }

  /// Python-style number text; `NA` for a missing value (Keras's CSVLogger).
  static func format(_ value: Double?) -> String {
    guard let value else { return "NA" }
    if value.isNaN { return "nan" }
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    return "\(value)"
  }
}
