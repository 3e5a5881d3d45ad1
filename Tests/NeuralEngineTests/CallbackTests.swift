import Testing

@testable import NeuralEngine

/// Early stopping and the plateau schedule against sequences worked by hand
/// from Keras 3's `on_epoch_end`.
@Suite("Callbacks")
struct CallbackTests {
  static func epoch(_ i: Int, valLoss: Double, valAccuracy: Double = 0.5) -> EpochMetrics {
    EpochMetrics(
      epoch: i, loss: 1, accuracy: 0.5, valLoss: valLoss, valAccuracy: valAccuracy, seconds: 1,
      learningRate: 0.1)
  }

  @Test("patience 2: stops two epochs after the last improvement")
  func earlyStoppingPatience() {
    var es = EarlyStopping(monitor: .valLoss, patience: 2)
    let losses = [1.0, 0.8, 0.9, 0.7, 0.75, 0.72, 0.6]
    var decisions: [EarlyStopping.Decision] = []
    for (i, l) in losses.enumerated() {
      let d = es.update(epoch: i, metrics: Self.epoch(i, valLoss: l))
      decisions.append(d)
      if d == .stop { break }
    }
    // 1.0 best; 0.8 best; 0.9 wait 1; 0.7 best; 0.75 wait 1; 0.72 wait 2 → stop.
    #expect(decisions == [.improved, .improved, .continue, .improved, .continue, .stop])
    #expect(es.bestEpoch == 3 && es.best == 0.7)
  }

  @Test("min_delta: smaller improvements do not reset the wait")
  func earlyStoppingMinDelta() {
    var es = EarlyStopping(monitor: .valLoss, patience: 2, minDelta: 0.05)
    let d = [1.0, 0.97, 0.96, 0.5].enumerated().map {
      es.update(epoch: $0, metrics: Self.epoch($0, valLoss: $1))
    }
    // 0.97 + 0.05 = 1.02 ≮ 1.0: wait 1; 0.96: wait 2 → stop.
    #expect(d[0] == .improved && d[1] == .continue && d[2] == .stop)
  }

  @Test("val_accuracy is maximised")
  func earlyStoppingAccuracy() {
    var es = EarlyStopping(monitor: .valAccuracy, patience: 1)
    let d = [0.5, 0.6, 0.55].enumerated().map {
      es.update(epoch: $0, metrics: Self.epoch($0, valLoss: 1, valAccuracy: $1))
    }
    #expect(d == [.improved, .improved, .stop])
  }

  @Test("ReduceLROnPlateau: factor after patience, then cooldown")
  func plateau() {
    var p = ReduceLROnPlateau(monitor: .valLoss, factor: 0.5, patience: 2, minDelta: 1e-4, cooldown: 1)
    var lr = 0.1
    var rates: [Double] = []
    for (i, l) in [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.5].enumerated() {
      lr = p.update(metrics: Self.epoch(i, valLoss: l), learningRate: lr)
      rates.append(lr)
    }
    // e0 best; e1 wait 1; e2 wait 2 → 0.05, cooldown 1; e3 cooldown (wait 0);
    // e4 wait 1; e5 wait 2 → 0.025; e6 improves.
    #expect(rates == [0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025])
  }

  @Test("a trainer with early stopping ends early and restores the best weights")
  func trainerEarlyStopping() throws {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.samples = 200
    h.noise = 0.4
    h.hidden = [64, 64]
    h.learningRate = 0.01
    h.batchSize = 16
    h.epochs = 300
    h.earlyStopping = 3
    h.restoreBest = true
    let data = try loadData(for: h)
    let trainer = try Trainer(hyperparameters: h, data: data)
    let s = trainer.run()
    #expect(s.status == .finished)
    #expect(s.earlyStoppedEpoch != nil && s.epochs.count < 300)
    #expect(s.reason?.hasPrefix("early stopping") == true)
    #expect(s.restoredEpoch == s.minValLossEpoch)
  }
}
