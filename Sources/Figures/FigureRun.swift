import NeuralEngine
import TrainingRuns

/// One run to draw or export: the label shown in the legend (or CSV `run` column) and its metrics.
public struct FigureRun: Sendable, Equatable {
  /// Shown as typed; escaped when written into SVG or CSV.
  public var label: String
  /// The run's log; `step` is the 0-based epoch (Keras `CSVLogger`) or a step number.
  public var log: MetricLog

  public init(label: String, log: MetricLog) {
    self.label = label
    self.log = log
  }

  /// A run from the engine's epoch rows, with `accuracy`, `loss`, `val_accuracy` and `val_loss`.
  public init(label: String, epochs: [EpochMetrics]) {
    let rows = epochs.map { e in
      MetricRow(
        step: Double(e.epoch),
        values: [
          "accuracy": e.accuracy, "loss": e.loss, "val_accuracy": e.valAccuracy, "val_loss": e.valLoss,
        ])
    }
    self.init(
      label: label, log: MetricLog(metricNames: ["accuracy", "loss", "val_accuracy", "val_loss"], rows: rows))
  }
}
