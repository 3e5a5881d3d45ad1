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

  public init(metricNames: [String] = [], rows: [MetricRow] = [], malformedLines: Int = 0) {
    self.metricNames = metricNames
    self.rows = rows
    self.malformedLines = malformedLines
  }

  /// The values of one metric as (step, value) points, skipping rows without it.
  public func series(_ name: String) -> [(x: Double, y: Double)] {
    rows.compactMap { row in row.values[name].map { (row.step, $0) } }
  }

  /// Pairs each metric with its `val_` counterpart: `[("loss", "val_loss"), ("accuracy", …)]`,
  /// then unpaired metrics alone.
  public var metricPairs: [(train: String?, validation: String?)] {
    var pairs: [(String?, String?)] = []
    var used = Set<String>()
    for name in metricNames where !name.hasPrefix("val_") {
      let v = "val_" + name
      pairs.append((name, metricNames.contains(v) ? v : nil))
      used.insert(name)
      used.insert(v)
    }
    for name in metricNames where !used.contains(name) { pairs.append((nil, name)) }
    return pairs
  }

  /// Epoch rows in the engine's terms (for logs with loss/accuracy columns). A row whose epoch
  /// is no whole number an `Int` holds (`1e300`, written by another program) is left out.
  public var epochMetrics: [EpochMetrics] {
    rows.compactMap { r in
      guard let epoch = Int(exactly: r.step.rounded(.down)) else { return nil }
      return EpochMetrics(
        epoch: epoch, loss: r.values["loss"] ?? .nan, accuracy: r.values["accuracy"] ?? .nan,
        valLoss: r.values["val_loss"] ?? .nan, valAccuracy: r.values["val_accuracy"] ?? .nan,
        seconds: r.values["seconds"] ?? .nan, learningRate: r.values["learning_rate"] ?? .nan)
    }
  }
}
