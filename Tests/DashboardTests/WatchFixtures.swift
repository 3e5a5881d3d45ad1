import Foundation
import TrainingRuns

@testable import Dashboard

/// In-memory logs for the `watch` tests: no files, no threads.
enum WatchFixtures {
  static let kerasNames = ["accuracy", "loss", "val_accuracy", "val_loss"]
  static let regressionNames = ["loss", "mae", "val_loss", "val_mae"]

  /// A Keras classification epoch: validation turns around at epoch 6.
  static func kerasRow(_ epoch: Int) -> MetricRow {
    let t = Double(epoch + 1)
    let loss = 0.7 * exp(-t / 3) + 0.05
    let val = 0.7 * exp(-t / 3) + 0.1 + 0.004 * max(0, t - 7) * max(0, t - 7)
    return MetricRow(
      step: Double(epoch),
      values: ["accuracy": 1 - loss / 1.5, "loss": loss, "val_accuracy": 1 - val / 1.4, "val_loss": val])
  }

  /// A regression epoch with mean absolute error beside the loss.
  static func regressionRow(_ epoch: Int) -> MetricRow {
    let t = Double(epoch + 1)
    return MetricRow(
      step: Double(epoch),
      values: [
        "loss": 1 / t, "mae": 0.8 / t.squareRoot(), "val_loss": 1.1 / t + 0.01 * t,
        "val_mae": 0.9 / t.squareRoot(),
      ])
  }

  static func appended(
    _ rows: [MetricRow], malformed: Int = 0, status: LogStatus = .following
  ) -> LogUpdate {
    LogUpdate(change: .appended, rows: rows, malformedLines: malformed, status: status)
  }

  /// A state watching `names`, with run `i` fed `rows[i]`.
  static func state(
    names: [String], rows: [[MetricRow]], metricNames: [[String]], malformed: [Int]? = nil, width: Int,
    height: Int, ascii: Bool = false
  ) -> WatchState {
    var s = WatchState(runNames: names, width: width, height: height, ascii: ascii)
    for index in names.indices {
      s.update(
        .logUpdate(
          run: index, appended(rows[index], malformed: malformed?[index] ?? 0),
          metricNames: metricNames[index]))
    }
    return s
  }

  static func keras(width: Int, height: Int, epochs: Int = 12, ascii: Bool = false) -> WatchState {
    state(
      names: ["training.log.csv"], rows: [(0..<epochs).map(kerasRow)], metricNames: [kerasNames],
      width: width,
      height: height, ascii: ascii)
  }

  static func twoRuns(width: Int, height: Int) -> WatchState {
    state(
      names: ["keras.csv", "stdin"], rows: [(0..<12).map(kerasRow), (0..<8).map(regressionRow)],
      metricNames: [kerasNames, regressionNames], malformed: [0, 2], width: width, height: height)
  }
}
