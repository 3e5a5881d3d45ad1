/// A metric and its `val_` twin (either may be missing): one chart panel, in the
/// terminal (`watch`) or in an exported figure.
public struct MetricPair: Sendable, Equatable {
  public var train: String?
  public var validation: String?
  /// The quantity's name when the pairing found it (`loss` for `Loss/train` + `Loss/val`).
  public var baseName: String?

  public init(train: String?, validation: String?) {
    self.train = train
    self.validation = validation
  }

  /// The metric's name without `val_`: `loss`, `accuracy`, `mae` (see ``MetricPairing``).
  public var name: String {
    if let baseName { return baseName }
    if let train { return train }
    guard let validation else { return "" }
    return validation.hasPrefix("val_") ? String(validation.dropFirst(4)) : validation
  }

  /// Which direction is better for this metric (decides the best-epoch marker).
  public var goal: MetricGoal { MetricGoal(metric: name) }

  /// Every pair in any of `logs`, merged by name across logs, in the order first seen.
  public static func merged(_ logs: [MetricLog]) -> [MetricPair] {
    var pairs: [MetricPair] = []
    for log in logs {
      for pair in MetricPairing.pairs(log.metricNames) {
        if let i = pairs.firstIndex(where: { $0.name == pair.name }) {
          pairs[i].train = pairs[i].train ?? pair.train
          pairs[i].validation = pairs[i].validation ?? pair.validation
        } else {
          pairs.append(pair)
        }
      }
    }
    return pairs
  }
}

/// Whether a lower or a higher value of a metric is better, guessed from its name.
public enum MetricGoal: Sendable, Equatable {
  case minimize, maximize, none

  /// Accuracy-like names (accuracy, acc, auc, precision, recall, f1, iou, dice, r2, score, top-k)
  /// are maximized; loss- and error-like ones (loss, error, mae, mse, mape, msle, perplexity,
  /// cross-entropy, hinge) minimized; anything else (learning_rate, seconds) has no direction.
  public init(metric: String) {
    let name = metric.lowercased()
    let maximized = ["acc", "auc", "precision", "recall", "f1", "iou", "dice", "r2", "score", "top"]
    let minimized = ["loss", "error", "mae", "mse", "mape", "msle", "perplexity", "entropy", "hinge"]
    if minimized.contains(where: name.contains) {
      self = .minimize
    } else if maximized.contains(where: name.contains) {
      self = .maximize
    } else {
      self = .none
    }
  }
}
