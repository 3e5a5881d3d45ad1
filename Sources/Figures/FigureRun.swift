import NeuralEngine
import TrainingRuns

/// One run to draw or export: the label shown in the legend (or CSV `run` column) and its metrics.
public struct FigureRun: Sendable, Equatable {
  /// Shown as typed; escaped when written into SVG or CSV.
  public var label: String
  /// The run's log; `step` is the 0-based epoch (Keras `CSVLogger`) or a step number.
  public var log: MetricLog
  /// Settings changed mid-run, drawn as labelled vertical lines.
  public var marks: [FigureMark]

  public init(label: String, log: MetricLog, marks: [FigureMark] = []) {
    self.label = label
    self.log = log
    self.marks = marks
  }

  /// A run from the engine's epoch rows, with `accuracy`, `loss`, `val_accuracy` and `val_loss`.
  public init(label: String, epochs: [EpochMetrics], marks: [FigureMark] = []) {
    let rows = epochs.map { e in
      MetricRow(
        step: Double(e.epoch),
        values: [
          "accuracy": e.accuracy, "loss": e.loss, "val_accuracy": e.valAccuracy, "val_loss": e.valLoss,
        ])
    }
    self.init(
      label: label,
      log: MetricLog(metricNames: ["accuracy", "loss", "val_accuracy", "val_loss"], rows: rows),
      marks: marks)
  }
}

/// Something that happened at a point of a run, e.g. `lr 0.5→0.05` where the rate was changed.
public struct FigureMark: Sendable, Equatable {
  /// Where, on the figure's x axis: epochs trained (5.5 is halfway through the sixth epoch).
  public var x: Double
  public var label: String

  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }

  /// The marks of a run's changes (`lr 0.5→0.05`), each where it applied.
  public static func changes(_ changes: [SettingChange], batchesPerEpoch: Int) -> [FigureMark] {
    changes.map { change in
      let s = change.setting
      let from = change.previous.map { s.formatted($0) } ?? ""
      return FigureMark(
        x: change.position(batchesPerEpoch: batchesPerEpoch),
        label: "\(s.shortName) \(from)→\(s.formatted(change.value))")
    }
  }
}
