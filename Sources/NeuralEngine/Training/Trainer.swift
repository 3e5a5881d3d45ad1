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
  /// Pause / resume / stop / step, the pace and live settings, from any thread; honoured
  /// between batches.
  public let control: TrainingControl
  /// When set (and the data has two features), a `.decisionBoundary` event follows the start
  /// and every epoch (see the probe for how often), and also comes between batches while the
  /// run is paced, so the boundary moves as smoothly as the curves.
  public let boundaryProbe: DecisionBoundaryProbe?
  /// When set, an `.insight` event follows every epoch (and `.samples` the start, for images).
  public let insightProbe: InsightProbe?
  /// The time pacing waits on and epochs are timed with.
  let clock: TrainingClock
  /// Threads each step's work is split over (``WorkSplitter``); the metrics do not depend on it.
  public let threads: Int

  /// Rows per forward pass when measuring the validation set.
  static let evaluationChunk = 1000

  /// A run diverges when an epoch's training loss passes this many times its first batch's
  /// (at least 0.1): a loss that explodes to thousands stays finite for a while, and was never
  /// called diverged. Cross-entropy on softmax or sigmoid outputs cannot grow so far (the
  /// quadratic cost even less): only exploding weights, through their L1/L2 penalty, can.
  public static let divergenceFactor = 100.0

  /// Validates the settings against the data (bad values throw a one-line `DataError`).
  ///
  /// - Parameters:
  ///   - pace: the pace when the settings leave it open (`Pace` nil): `auto` in the dashboard.
  ///   - clock: the time pacing waits on (a manual clock in tests).
  ///   - threads: threads to split each step over (1: all on the thread calling `run`).
  public init(
    hyperparameters: Hyperparameters, data: DataSplit, boundaryProbe: DecisionBoundaryProbe? = nil,
    insightProbe: InsightProbe? = nil, pace: Pace = .full, clock: TrainingClock = SystemTrainingClock(),
    threads: Int = 1
  ) throws(DataError) {
    // An empty set would pass for a diverged run (no loss but NaN) or ask for batch size 0.
    if data.train.count == 0 {
      throw DataError("\(safe: data.train.name) has no training samples; check the dataset's files")
    }
    if data.validation.count == 0 {
      throw DataError(
        "\(safe: data.validation.name) has no validation samples, which every epoch is measured on; "
          + "check the dataset's files")
    }
    try hyperparameters.validate(against: data.train)
    if data.train.featureCount != data.validation.featureCount {
      throw DataError(
        "training data has \(data.train.featureCount) features but validation data has "
          + "\(data.validation.featureCount); use files of the same shape")
    }
    try NetworkSize(
      hyperparameters, inputs: data.train.featureCount,
      classes: max(data.train.classCount, data.validation.classCount),
      capacity: max(hyperparameters.batchSize, Self.evaluationChunk)
    ).check(hyperparameters, inputs: data.train.featureCount)
    let batches = (data.train.count + hyperparameters.batchSize - 1) / hyperparameters.batchSize
    if let late = hyperparameters.changes.first(where: { $0.batch >= batches }) {
      throw DataError(
        "change \(late): an epoch has \(batches) batches here; use a batch from 0 to \(batches - 1)")
    }
    self.hyperparameters = hyperparameters
    self.data = data
    self.boundaryProbe = DecisionBoundaryProbe.applies(to: data) ? boundaryProbe : nil
    self.insightProbe = insightProbe
    self.control = TrainingControl(pace: hyperparameters.pace ?? pace)
    self.clock = clock
    self.threads = max(1, threads)
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
    let network = Network(
      h, inputs: train.featureCount, classes: classes, capacity: capacity,
      splitter: threads > 1 ? WorkSplitter(parts: threads) : nil)
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
    var insight = InsightCollector(probe: insightProbe, data: data, classes: classes, seed: h.seed)
    if let set = insight.sampleSet { onEvent(.samples(set)) }

    /// The live settings as they are now (`epochs` included); `h` stays the run's starting point.
    var live = h
    var planned = h.changes.sorted { $0.precedes($1) }[...]
    var applied: [SettingChange] = []
    var pacer = Pacer(pace: control.pace, epochs: h.epochs, batchesPerEpoch: batchesPerEpoch)
    var reported: PaceReport?
    /// Reports the pace when it or its limit changed, or (`measured`, at epoch ends) when the
    /// full-speed rate moved by more than a quarter.
    func reportPace(measured: Bool = false) {
      let report = PaceReport(
        pace: pacer.pace, limit: pacer.limit, fullSpeed: pacer.fullSpeedEpochSeconds.map { 1 / $0 })
      if let last = reported, last.pace == report.pace, last.limit == report.limit,
        !measured || Self.close(last.fullSpeed, report.fullSpeed)
      {
        return
      }
      reported = report
      onEvent(.pace(report))
    }
    reportPace()

    var order = Array(0..<train.count)
    var shuffleRandom = Xoshiro256(seed: h.seed &+ 0x5_4FF1E)
    var history: [EpochMetrics] = []
    var status = RunStatus.finished
    var reason: String?
    var earlyStopping = h.earlyStopping.map {
      EarlyStopping(monitor: h.monitor, patience: $0, minDelta: h.minDelta)
    }
    var plateau = h.reduceLROnPlateau ? ReduceLROnPlateau(monitor: h.monitor) : nil
    var bestWeights: [[Float]]?
    var earlyStoppedEpoch: Int?
    /// The loss of the first batch, what an exploding loss is measured against.
    var initialLoss: Double?

    func summary() -> RunSummary {
      var s = RunSummary(
        status: status, reason: reason, epochs: history, config: h, trainCount: train.count,
        validationCount: data.validation.count)
      s.earlyStoppedEpoch = earlyStoppedEpoch
      s.restoredEpoch = bestWeights != nil ? earlyStopping?.bestEpoch : nil
      s.changes = applied
      s.confusion = insight.lastConfusion
      s.mistakes = insight.lastMistakes
      return s
    }

    /// Takes up the planned changes due at this point and the live ones asked for since the last
    /// batch, in that order, skipping values equal to the current one.
    func applyChanges(epoch: Int, batch: Int) {
      var due: [(LiveSetting, Double)] = []
      while let next = planned.first, (next.epoch, next.batch) <= (epoch, batch) {
        due.append((next.setting, next.value))
        planned.removeFirst()
      }
      due += control.takeChanges()
      for (setting, requested) in due {
        var value = requested
        // Fewer epochs than already trained end the run after the epoch in progress.
        if setting == .epochs {
          value = max(value.rounded(.down), Double(max(1, epoch + (batch > 0 ? 1 : 0))))
        }
        let previous = setting.value(in: live)
        guard value != previous, (try? setting.validate(value, in: live)) != nil else { continue }
        setting.apply(value, to: &live)
        network.apply(setting, value)
        if setting == .epochs { pacer.epochs = live.epochs }
        let change = SettingChange(
          epoch: epoch, batch: batch, setting: setting, value: value, previous: previous)
        applied.append(change)
        onEvent(.settingChanged(change))
      }
    }

    var epoch = 0
    epochs: while epoch < live.epochs {
      let epochStart = clock.now()
      // Fisher–Yates shuffle, in place (no allocation).
      for i in stride(from: order.count - 1, to: 0, by: -1) {
        let j = Int(shuffleRandom.next() % UInt64(i + 1))
        order.swapAt(i, j)
      }
      var lossSum = 0.0
      var correct = 0
      var seen = 0
      for b in 0..<batchesPerEpoch {
        // Our turn: not paused (or a step asked for), then the pace's wait, interrupted by requests.
        while true {
          // After a pause the schedule starts again (no wait for a slot long gone); a step's
          // batches go at full speed: the user asked for that much training, now.
          let turn = control.awaitTurn(
            onPause: { onEvent(.paused) },
            onResume: {
              pacer.restart()
              onEvent(.resumed)
            },
            onStep: {
              pacer.restart()
              onEvent(.stepping($0))
            })
          if turn == .stop {
            status = .stopped
            reason = "stopped by the user at epoch \(epoch + 1), batch \(b + 1) of \(batchesPerEpoch)"
            break epochs
          }
          let pace = control.pace
          if pace != pacer.pace {
            pacer.pace = pace
            reportPace()
          }
          guard !control.isStepping, let due = pacer.nextStart, clock.now() < due else { break }
          clock.wait(until: due, control: control)
        }
        applyChanges(epoch: epoch, batch: b)
        if b == 0 && epoch >= live.epochs { break epochs }  // epochs lowered to those trained
        let start = b * h.batchSize
        let end = min(start + h.batchSize, train.count)
        let batchStart = clock.now()
        pacer.batchStarted(at: batchStart)
        let result = order.withUnsafeBufferPointer {
          network.trainBatch(
            train, indices: UnsafeBufferPointer(rebasing: $0[start..<end]),
            next: UnsafeBufferPointer(rebasing: $0[end..<min(end + h.batchSize, train.count)]))
        }
        insight.recordGradients(of: network)
        let batchEnd = clock.now()
        pacer.batchFinished(computeSeconds: batchEnd - batchStart)
        guard result.loss.isFinite else {
          status = .diverged
          reason =
            "loss became \(result.loss) at epoch \(epoch + 1), batch \(b + 1); "
            + "try a lower learning rate (now \(live.effectiveLearningRate))"
          break epochs
        }
        if initialLoss == nil { initialLoss = result.loss }
        let n = end - start
        lossSum += result.loss * Double(n)
        correct += result.correct
        seen += n
        let elapsed = batchEnd - epochStart
        onEvent(
          .batch(
            BatchProgress(
              epoch: epoch, batch: b + 1, batchesPerEpoch: batchesPerEpoch, loss: lossSum / Double(seen),
              accuracy: Double(correct) / Double(seen),
              samplesPerSecond: elapsed > 0 ? Double(seen) / elapsed : 0)))
        reportPace()
        control.batchFinished()
        if pacer.limit != nil && b + 1 < batchesPerEpoch {
          publishBoundary(epochsTrained: epoch, force: false)
        }
      }
      let validationStart = clock.now()
      insight.beginValidation()
      let validation = network.evaluate(data.validation) { start, rows, outputs, width in
        insight.observe(start: start, rows: rows, outputs: outputs, width: width)
      }
      pacer.validationFinished(seconds: clock.now() - validationStart)
      let norms = insight.takeGradientNorms()
      let metrics = EpochMetrics(
        epoch: epoch, loss: lossSum / Double(seen), accuracy: Double(correct) / Double(seen),
        valLoss: validation.loss, valAccuracy: validation.accuracy,
        seconds: clock.now() - epochStart, learningRate: live.effectiveLearningRate, gradientNorms: norms)
      history.append(metrics)
      onEvent(.epochEnded(metrics))
      // On request (the weights panel is open), and after the last planned epoch, so a finished
      // run keeps its final weights for the panel.
      let weights =
        insightProbe != nil && (control.showWeights || epoch + 1 >= live.epochs)
        ? data.validation.imageShape.flatMap { shape in
          InsightCollector.firstLayerWeights(of: network, shape: shape, units: insightProbe!.weightUnits)
        } : nil
      let epochInsight = insight.endValidation(epoch: epoch, gradientNorms: norms, weights: weights)
      if insightProbe != nil { onEvent(.insight(epochInsight)) }
      reportPace(measured: true)
      control.epochFinished()
      epoch += 1
      publishBoundary(epochsTrained: epoch, force: epoch == live.epochs)
      if !validation.loss.isFinite {
        status = .diverged
        reason = "validation loss became \(validation.loss) at epoch \(epoch); try a lower learning rate"
        break
      }
      let start = max(initialLoss ?? 0, 0.1)
      if metrics.loss > Self.divergenceFactor * start {
        status = .diverged
        reason =
          "loss rose to \(String(format: "%.4g", metrics.loss)) at epoch \(epoch), over "
          + "\(Int(Self.divergenceFactor))× its start (\(String(format: "%.4g", start))); "
          + "try a lower learning rate (now \(live.effectiveLearningRate)) or weaker L1/L2"
        break
      }
      if plateau != nil {
        let lr = live.effectiveLearningRate
        let next = plateau!.update(metrics: metrics, learningRate: lr)
        if next != lr {
          live.learningRate = next
          network.optimizer.learningRate = Float(next)
        }
      }
      if earlyStopping != nil {
        switch earlyStopping!.update(epoch: epoch - 1, metrics: metrics) {
        case .improved:
          if h.restoreBest { bestWeights = network.parameterSnapshot() }
        case .continue:
          break
        case .stop:
          let e = earlyStopping!
          earlyStoppedEpoch = epoch - 1
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

  /// Whether two measured rates are within 25 % (a smaller drift is not worth an event).
  private static func close(_ a: Double?, _ b: Double?) -> Bool {
    guard let a, let b else { return a == nil && b == nil }
    return abs(a - b) <= 0.25 * max(a, b)
  }
}

extension Duration {
  /// This duration in seconds, as a Double.
  var seconds: Double {
    let c = components
    return Double(c.seconds) + Double(c.attoseconds) * 1e-18
  }
}
