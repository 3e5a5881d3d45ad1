import Foundation
import NeuralEngine
import TrainingRuns

/// Several runs' metrics as one CSV table, for `traintop export --csv` and spreadsheets or pandas.
///
/// Long format: header `run,epoch,<metrics>` with the union of the runs' metric names sorted
/// alphabetically (the Keras `CSVLogger` order), then one row per run per epoch, runs in the given
/// order and each run's rows in log order. `epoch` stays 0-based, as in `metrics.csv` and Keras's
/// files, so the table joins back onto them (only figures show epochs 1-based); for step-indexed
/// logs it holds the step. A metric a run does
/// not log is `NA`; a non-finite value is `nan`, `inf` or `-inf` (how Keras writes them); numbers
/// are the shortest text that reads back to the same Double. Fields holding a comma, quote or line
/// break are quoted (RFC 4180). Lines end with `\n`.
///
/// ```
/// run,epoch,accuracy,loss,val_accuracy,val_loss
/// baseline,0,0.71,0.82,0.74,0.7
/// dropout 0.4,0,0.69,0.88,0.73,0.71
/// ```
public struct MetricsTableExport: Sendable {
  public var runs: [FigureRun]

  public init(runs: [FigureRun]) {
    self.runs = runs
  }

  /// The metric columns: every name any run logs, sorted.
  public var metricNames: [String] {
    Set(runs.flatMap { run in run.log.metricNames + run.log.rows.flatMap(\.values.keys) }).sorted()
  }

  /// The whole table as text.
  public func csv() -> String {
    let names = metricNames
    var out = (["run", "epoch"] + names).map(Self.field).joined(separator: ",") + "\n"
    for run in runs {
      for row in run.log.rows {
        let values = names.map { row.values[$0].map(Self.number) ?? "NA" }
        out += ([Self.field(run.label), Self.step(row.step)] + values).joined(separator: ",") + "\n"
      }
    }
    return out
  }

  /// Writes the table to `path` through the safe writer: whole (a temporary file, then a
  /// rename), checked, and over an existing file only when `existing` is `.replace`.
  public func write(to path: String, existing: SafeWriter.Existing, writer: SafeWriter = SafeWriter())
    throws(FileWriteError)
  {
    try writer.write(csv(), to: path, existing: existing)
  }

  /// `value` as Python writes a float: the shortest round-trip digits ("0.7", "1.0", "1e-05"),
  /// `nan`, `inf`, `-inf`.
  static func number(_ value: Double) -> String {
    if value.isNaN { return "nan" }
    if value.isInfinite { return value < 0 ? "-inf" : "inf" }
    return "\(value)"
  }

  /// An epoch or step: whole numbers without a decimal point ("3"), others as `number`.
  static func step(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : number(value)
  }

  /// `s` as one CSV field, quoted when it holds a comma, a quote or a line break.
  static func field(_ s: String) -> String {
    guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
    return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
  }
}
