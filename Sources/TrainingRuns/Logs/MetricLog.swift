import NeuralEngine

/// One row of a training log: an epoch (or step) and any named metrics.
///
/// The common shape of Keras `CSVLogger` files, JSON-lines logs and our own
/// `metrics.csv`, so the store, `watch` and `export` share one reader.
public struct MetricRow: Sendable, Equatable {
  /// The x value: the 0-based epoch (or the step, for step-indexed logs).
  public var step: Double
  /// Metric name → value (NaN for `NA`/`nan`).
  public var values: [String: Double]

  public init(step: Double, values: [String: Double]) {
    self.step = step
    self.values = values
  }
}

/// A whole log: rows in file order plus the metric names seen, in first-seen order.
public struct MetricLog: Sendable, Equatable {
  public var metricNames: [String]
  public var rows: [MetricRow]
  /// Lines that could not be read (counted, never fatal).
  public var malformedLines: Int
  /// Whether the x values are step numbers (JSON lines with `step`) rather than 0-based epochs:
  /// epochs are shown 1-based, as Keras's progress output and the dashboard count them, steps as
  /// they are.
  public var xIsStep = false

  public init(metricNames: [String] = [], rows: [MetricRow] = [], malformedLines: Int = 0) {
    self.metricNames = metricNames
    self.rows = rows
    self.malformedLines = malformedLines
  }

  /// The values of one metric as (step, value) points, skipping rows without it.
  public func series(_ name: String) -> [(x: Double, y: Double)] {
    rows.compactMap { row in row.values[name].map { (row.step, $0) } }
  }

  /// Pairs each metric with its validation counterpart (`val_loss`, `Loss/val`, `eval/loss`…, see
  /// ``MetricPairing``): `[("loss", "val_loss"), ("accuracy", …)]`, then unpaired metrics alone.
  public var metricPairs: [(train: String?, validation: String?)] {
    MetricPairing.pairs(metricNames).map { ($0.train, $0.validation) }
  }

  /// The log cut where its epoch starts again at 0: Keras's `CSVLogger(append=True)` adds each
  /// new run to the same file, without a header, so one file can hold several runs. A
  /// step-indexed log is never cut (a restarted step is a resumed run, as TensorBoard shows it).
  public var runsAppended: [MetricLog] {
    guard !xIsStep else { return [self] }
    var parts: [MetricLog] = []
    var current: [MetricRow] = []
    for row in rows {
      if row.step == 0, let last = current.last, last.step > 0 {
        parts.append(part(current))
        current = []
      }
      current.append(row)
    }
    parts.append(part(current))
    return parts
  }

  private func part(_ rows: [MetricRow]) -> MetricLog {
    var log = MetricLog(metricNames: metricNames, rows: rows, malformedLines: malformedLines)
    log.xIsStep = xIsStep
    return log
  }

  /// Epoch rows in the engine's terms (for logs with loss/accuracy columns).
  public var epochMetrics: [EpochMetrics] {
    rows.map { r in
      EpochMetrics(
        epoch: Int(r.step), loss: r.values["loss"] ?? .nan, accuracy: r.values["accuracy"] ?? .nan,
        valLoss: r.values["val_loss"] ?? .nan, valAccuracy: r.values["val_accuracy"] ?? .nan,
        seconds: r.values["seconds"] ?? .nan, learningRate: r.values["learning_rate"] ?? .nan)
    }
  }
}
