import CKernels
import Foundation

/// Trains a network on a `DataSplit`, on whatever thread calls `run`,
/// publishing `TrainingEvent`s as it goes.
///
/// The trainer knows nothing of terminals or files: the dashboard runs it on
/// a background `Thread` and turns events into messages; `traintop train`
/// runs it on the main thread and prints them.
public final class Trainer: Sendable {
  public let hyperparameters: Hyperparameters
  public let data: DataSplit
  /// Pause / resume / stop from any thread; honoured between batches.
  public let control = TrainingControl()
  /// When set (and the data has two features), a `.decisionBoundary` event follows the start
  /// and every epoch (see the probe for how often).
  public let boundaryProbe: DecisionBoundaryProbe?

  /// Rows per forward pass when measuring the validation set.
  static let evaluationChunk = 1000

  /// Validates the settings against the data (bad values throw a one-line `DataError`).
  public init(
    hyperparameters: Hyperparameters, data: DataSplit, boundaryProbe: DecisionBoundaryProbe? = nil
  ) throws(DataError) {
    try hyperparameters.validate(against: data.train)
    if data.train.featureCount != data.validation.featureCount {
      throw DataError(
        "training data has \(data.train.featureCount) features but validation data has "
          + "\(data.validation.featureCount); use files of the same shape")
    }
    self.hyperparameters = hyperparameters
    self.data = data
    self.boundaryProbe = DecisionBoundaryProbe.applies(to: data) ? boundaryProbe : nil
  }

  /// Runs every epoch (or until stopped or diverged) and returns the summary,
  /// which is also the payload of the final `.ended` event.
  @discardableResult
  public func run(onEvent: (TrainingEvent) -> Void = { _ in }) -> RunSummary {
    tt_flush_denormals_to_zero()  // this thread only: see CKernels.h
    let h = hyperparameters
    let train = data.train
    let classes = max(train.classCount, data.validation.classCount)
    let capacity = max(h.batchSize, Self.evaluationChunk)
    let network = Network(h, inputs: train.featureCount, classes: classes, capacity: capacity)
    let batchesPerEpoch = (train.count + h.batchSize - 1) / h.batchSize
    onEvent(
      .started(
        RunInfo(
          trainCount: train.count, validationCount: data.validation.count,
          batchesPerEpoch: batchesPerEpoch, epochs: h.epochs, parameterCount: network.parameterCount,
          datasetName: train.name)))

    var boundaries = boundaryProbe.map { DecisionBoundaryProbe.Session(probe: $0, data: data) }
    func publishBoundary(epochsTrained: Int, force: Bool) {
      let grid = boundaries?.boundary(
        of: network, classes: classes, epochsTrained: epochsTrained, force: force)
      if let grid { onEvent(.decisionBoundary(grid)) }
    }
    publishBoundary(epochsTrained: 0, force: true)

    var order = Array(0..<train.count)
    var shuffleRandom = Xoshiro256(seed: h.seed &+ 0x5_4FF1E)
    var history: [EpochMetrics] = []
    var status = RunStatus.finished
    var reason: String?
    let clock = ContinuousClock()
    var earlyStopping = h.earlyStopping.map {
      EarlyStopping(monitor: h.monitor, patience: $0, minDelta: h.minDelta)
    }
    var plateau = h.reduceLROnPlateau ? ReduceLROnPlateau(monitor: h.monitor) : nil
    var bestWeights: [[Float]]?
    var earlyStoppedEpoch: Int?

    func summary() -> RunSummary {
      var s = RunSummary(
        status: status, reason: reason, epochs: history, config: h, trainCount: train.count,
        validationCount: data.validation.count)
      s.earlyStoppedEpoch = earlyStoppedEpoch
      s.restoredEpoch = bestWeights != nil ? earlyStopping?.bestEpoch : nil
      return s
    }

    epochs: for epoch in 0..<h.epochs {
      let epochStart = clock.now
      // Fisher–Yates shuffle, in place (no allocation).
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(shuffleRandom.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      var lossSum = 0.0
      var correct = 0
      var seen = 0
      for b in 0..<batchesPerEpoch {
        let paused = !control.shouldContinue(
          onPause: { onEvent(.paused) }, onResume: { onEvent(.resumed) })
        if paused {
          status = .stopped
          reason = "stopped by the user at epoch \(epoch + 1), batch \(b + 1) of \(batchesPerEpoch)"
          break epochs
        }
        let start = b * h.batchSize
        let end = min(start + h.batchSize, train.count)
        let result = order.withUnsafeBufferPointer {
          network.trainBatch(train, indices: UnsafeBufferPointer(rebasing: $0[start..<end]))
        }
        guard result.loss.isFinite else {
          status = .diverged
          reason =
            "loss became \(result.loss) at epoch \(epoch + 1), batch \(b + 1); "
            + "try a lower learning rate (now \(h.effectiveLearningRate))"
          break epochs
        }
        let n = end - start
        lossSum += result.loss * Double(n)
        correct += result.correct
        seen += n
        let elapsed = (clock.now - epochStart).seconds
        onEvent(
          .batch(
            BatchProgress(
              epoch: epoch, batch: b + 1, batchesPerEpoch: batchesPerEpoch, loss: lossSum / Double(seen),
              accuracy: Double(correct) / Double(seen),
              samplesPerSecond: elapsed > 0 ? Double(seen) / elapsed : 0)))
      }
      let validation = network.evaluate(data.validation)
      let metrics = EpochMetrics(
        epoch: epoch, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
        valLoss: validation.loss, valAccuracy: validation.accuracy,
        seconds: (clock.now - epochStart).seconds, learningRate: Double(network.optimizer.learningRate))
      history.append(metrics)
      onEvent(.epochEnded(metrics))
      publishBoundary(epochsTrained: epoch + 1, force: epoch == h.epochs - 1)
      if !validation.loss.isFinite {
        status = .diverged
        reason = "validation loss became \(validation.loss) at epoch \(epoch + 1); try a lower learning rate"
        break
      }
      if plateau != nil {
        let lr = Double(network.optimizer.learningRate)
        let next = plateau!.update(metrics: metrics, learningRate: lr)
        if next != lr { network.optimizer.learningRate = Float(next) }
      }
      if earlyStopping != nil {
        switch earlyStopping!.update(epoch: epoch, metrics: metrics) {
        case .improved:
          if h.restoreBest { bestWeights = network.parameterSnapshot() }
        case .continue:
          break
        case .stop:
          let e = earlyStopping!
          earlyStoppedEpoch = epoch
          reason =
            "early stopping: \(h.monitor.rawValue) did not improve for \(e.patience) epochs "
            + "(best \(String(format: "%.4f", e.best ?? .nan)) at epoch \((e.bestEpoch ?? 0) + 1))"
          break epochs
        }
      }
    }
    if let bestWeights { network.restore(bestWeights) }
    let result = summary()
    onEvent(.ended(result))
    return result
  }
}

extension Duration {
  /// This duration in seconds, as a Double.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
