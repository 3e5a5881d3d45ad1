/// Which validation metric the callbacks watch, and which direction is better.
public enum Monitor: String, CaseIterable, Codable, Sendable {
  case valLoss = "val_loss"
  case valAccuracy = "val_accuracy"

  /// Keras's `mode="auto"`: lower is better for losses, higher for accuracies.
  var lowerIsBetter: Bool { self == .valLoss }

  func value(of m: EpochMetrics) -> Double { self == .valLoss ? m.valLoss : m.valAccuracy }
}

/// Keras `EarlyStopping`: stop when the monitored metric has not improved by
/// more than `minDelta` for `patience` epochs.
///
/// Mirrors Keras 3's `on_epoch_end`: `wait` counts every epoch and resets on
/// an improvement (`current − min_delta > best` in max mode,
/// `current + min_delta < best` in min mode); training stops once
/// `wait ≥ patience` (never on the first epoch).
public struct EarlyStopping: Sendable, Equatable {
  public var monitor: Monitor
  public var patience: Int
  public var minDelta: Double
  public private(set) var best: Double?
  public private(set) var bestEpoch: Int?
  public private(set) var wait = 0

  public init(monitor: Monitor = .valLoss, patience: Int, minDelta: Double = 0) {
    self.monitor = monitor
    self.patience = patience
    self.minDelta = abs(minDelta)
  }

  /// What the trainer must do after an epoch.
  public enum Decision: Equatable, Sendable {
    case `continue`
    /// This epoch is the best so far (snapshot the weights if restoring).
    case improved
    case stop
  }

  public mutating func update(epoch: Int, metrics: EpochMetrics) -> Decision {
    let current = monitor.value(of: metrics)
    guard !current.isNaN else { return .continue }
    wait += 1
    let improved: Bool
    if let best {
      improved = monitor.lowerIsBetter ? current + minDelta < best : current - minDelta > best
    } else {
      improved = true
    }
    if improved {
      best = current
      bestEpoch = epoch
      wait = 0
      return .improved
    }
    return wait >= patience && epoch > 0 ? .stop : .continue
  }
}

/// Keras `ReduceLROnPlateau`: multiply the learning rate by `factor` when the
/// monitored metric has not improved by `minDelta` for `patience` epochs.
///
/// Keras defaults: factor 0.1, patience 10, min_delta 1e-4, cooldown 0, min_lr 0.
/// After a reduction, `cooldown` epochs pass before counting starts again.
public struct ReduceLROnPlateau: Sendable, Equatable {
  public var monitor: Monitor
  public var factor: Double
  public var patience: Int
  public var minDelta: Double
  public var cooldown: Int
  public var minLearningRate: Double
  public private(set) var best: Double
  public private(set) var wait = 0
  public private(set) var cooldownCounter = 0

  public init(
    monitor: Monitor = .valLoss, factor: Double = 0.1, patience: Int = 10, minDelta: Double = 1e-4,
    cooldown: Int = 0, minLearningRate: Double = 0
  ) {
    self.monitor = monitor
    self.factor = factor
    self.patience = patience
    self.minDelta = minDelta
    self.cooldown = cooldown
    self.minLearningRate = minLearningRate
    best = monitor.lowerIsBetter ? .infinity : -.infinity
  }

  /// Returns the learning rate for the next epoch given this epoch's metrics.
  public mutating func update(metrics: EpochMetrics, learningRate: Double) -> Double {
    let current = monitor.value(of: metrics)
    let inCooldown = cooldownCounter > 0
    if inCooldown {
      cooldownCounter -= 1
      wait = 0
    }
    let better = monitor.lowerIsBetter ? current < best - minDelta : current > best + minDelta
    if better {
      best = current
      wait = 0
    } else if !inCooldown {
      wait += 1
      if wait >= patience && learningRate > minLearningRate {
        cooldownCounter = cooldown
        wait = 0
        return max(learningRate * factor, minLearningRate)
      }
    }
    return learningRate
  }
}
