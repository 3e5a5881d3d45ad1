import Foundation

/// Writes per-epoch metrics in Keras's `CSVLogger` format, so Keras users'
/// files and ours are interchangeable.
///
/// Header `epoch` then the column names sorted alphabetically, as Keras sorts its
/// logs' keys (`epoch,accuracy,loss,val_accuracy,val_loss`, plus `learning_rate`
/// when the learning rate can change, and one column for each live setting a run
/// changes: `dropout`, `l2_hidden`…, with the value in force at the epoch's end);
/// 0-based epochs; one row per epoch, flushed as it is written, so a killed run
/// keeps every finished epoch. Numbers use the shortest round-trip form, like
/// Python's `repr`; non-finite ones are written `nan`/`inf` as Keras does.
///
/// Rows go through ``SafeWriter``: each lands whole or not at all, and a failed
/// write (a full disk) throws naming the file, so the run can stop with every
/// complete epoch kept.
public final class MetricsCSVWriter {
  public let path: String
  /// The column names after `epoch`, sorted.
  public private(set) var metricNames: [String]
  private var file: AppendingFile
  private let writer: SafeWriter

  /// The metrics every run logs.
  static let metrics = ["accuracy", "loss", "val_accuracy", "val_loss"]

  /// The columns after `epoch`: the metrics, the learning rate when it can change (the plateau
  /// schedule), and each live setting in `settings` (`epochs` has no column: it is no value an
  /// epoch trains with; summary.json lists its changes).
  public static func columns(includesLearningRate: Bool, settings: [LiveSetting] = []) -> [String] {
    var names = Set(metrics + (includesLearningRate ? ["learning_rate"] : []))
    for setting in settings where setting != .epochs { names.insert(setting.rawValue) }
    return names.sorted()
  }

  /// The columns a run with these settings starts with: its planned changes' settings included.
  public static func columns(for config: Hyperparameters) -> [String] {
    columns(includesLearningRate: config.reduceLROnPlateau, settings: config.changes.map(\.setting))
  }

  /// The header line, `epoch,accuracy,loss,val_accuracy,val_loss`, with its newline.
  public static func header(_ columns: [String]) -> String {
    (["epoch"] + columns).joined(separator: ",") + "\n"
  }

  public static func header(includesLearningRate: Bool) -> String {
    header(columns(includesLearningRate: includesLearningRate))
  }

  /// Creates the file and writes the header. An existing file is replaced only when `existing`
  /// says so (Keras's CSVLogger truncates; traintop asks for `--force`).
  public init(
    path: String, columns: [String], existing: SafeWriter.Existing, writer: SafeWriter = SafeWriter()
  ) throws(FileWriteError) {
    self.path = path
    self.metricNames = columns
    self.writer = writer
    file = try writer.createLog(at: path, existing: existing)
    try file.append(Self.header(columns))
  }

  public convenience init(
    path: String, includesLearningRate: Bool = false, existing: SafeWriter.Existing,
    writer: SafeWriter = SafeWriter()
  ) throws(FileWriteError) {
    try self.init(
      path: path, columns: Self.columns(includesLearningRate: includesLearningRate), existing: existing,
      writer: writer)
  }

  /// Appends to a file that already holds the header (a run directory prepared before training).
  public init(continuing path: String, columns: [String], writer: SafeWriter = SafeWriter())
    throws(FileWriteError)
  {
    self.path = path
    self.metricNames = columns
    self.writer = writer
    file = try writer.openLog(appendingTo: path)
  }

  /// Appends the epoch's row, whole or not at all; `settings` gives the live settings' columns
  /// (by settings key, `dropout`), a missing one is written `NA`.
  public func append(_ m: EpochMetrics, settings: [String: Double] = [:]) throws(FileWriteError) {
    var values = settings
    values["accuracy"] = m.accuracy
    values["loss"] = m.loss
    values["val_accuracy"] = m.valAccuracy
    values["val_loss"] = m.valLoss
    values["learning_rate"] = m.learningRate
    let row = [String(m.epoch)] + metricNames.map { Self.format(values[$0]) }
    try file.append(row.joined(separator: ",") + "\n")
  }

  /// Adds column `name` (a live setting first changed mid-run): the file is rewritten whole, with
  /// `earlier` in the new column of every row written so far (the value the setting had), and
  /// replaces the old one atomically, so a reader sees the old file or the new one. Keras's
  /// CSVLogger fixes its columns at the first epoch; a column that starts later would leave the
  /// rows before it unreadable as one table.
  public func addColumn(_ name: String, earlier: Double) throws(FileWriteError) {
    guard !metricNames.contains(name) else { return }
    let columns = (metricNames + [name]).sorted()
    let position = columns.firstIndex(of: name)! + 1  // after `epoch`
    let old = (try? String(contentsOfFile: path, encoding: .utf8)) ?? Self.header(metricNames)
    var lines = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    var text = Self.header(columns)
    for line in lines.dropFirst() {
      var fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      fields.insert(Self.format(earlier), at: min(position, fields.count))
      text += fields.joined(separator: ",") + "\n"
    }
    try file.close()
    try writer.write(text, to: path, existing: .replace)
    file = try writer.openLog(appendingTo: path)
    metricNames = columns
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
