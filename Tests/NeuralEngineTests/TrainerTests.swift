import Foundation
import Synchronization
import Testing

@testable import NeuralEngine

@Suite("Trainer")
struct TrainerTests {
  static func spiral(epochs: Int = 5, seed: UInt64 = 3) throws -> Trainer {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [32, 32]
    h.batchSize = 32
    h.epochs = epochs
    h.seed = seed
    h.learningRate = 0.01
    return try Trainer(hyperparameters: h, data: loadData(for: h))
  }

  @Test("the same seed gives the same curves")
  func determinism() throws {
    let a = try Self.spiral(epochs: 3).run()
    let b = try Self.spiral(epochs: 3).run()
    #expect(a.epochs.map(\.loss) == b.epochs.map(\.loss))
    #expect(a.epochs.map(\.valAccuracy) == b.epochs.map(\.valAccuracy))
    let c = try Self.spiral(epochs: 3, seed: 4).run()
    #expect(a.epochs.map(\.loss) != c.epochs.map(\.loss))
  }

  @Test("a 2-D dataset is learned to ≥ 95% validation accuracy")
  func learnsMoons() throws {
    var h = Hyperparameters()
    h.dataset = "moons"
    h.hidden = [32]
    h.batchSize = 16
    h.epochs = 60
    h.learningRate = 0.01
    let summary = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    #expect(summary.status == .finished)
    #expect((summary.bestValAccuracy ?? 0) >= 0.95, "best \(summary.bestValAccuracy ?? 0)")
  }

  @Test("events arrive in order: started, batches, epoch ends, ended")
  func eventOrder() throws {
    let trainer = try Self.spiral(epochs: 2)
    var kinds: [String] = []
    var batches = 0
    let summary = trainer.run { event in
      switch event {
      case .started(let info):
        kinds.append("started")
        #expect(info.batchesPerEpoch == 25)
      case .batch(let p):
        batches += 1
        #expect(p.loss.isFinite)
      case .epochEnded(let m): kinds.append("epoch\(m.epoch)")
      case .paused, .resumed, .stepping: kinds.append("pause")
      case .decisionBoundary: kinds.append("boundary")
      case .settingChanged: kinds.append("change")
      case .pace: break  // timing-dependent: see PaceTests
      case .samples, .insight: kinds.append("insight")
      case .ended(let s): kinds.append("ended-\(s.status.rawValue)")
      }
    }
    #expect(kinds == ["started", "epoch0", "epoch1", "ended-finished"])
    #expect(batches == 50)
    #expect(summary.epochs.count == 2)
  }

  @Test("stop takes effect within one batch")
  func stop() throws {
    let trainer = try Self.spiral(epochs: 50)
    var batchesAfterStop = 0
    var stopped = false
    let summary = trainer.run { event in
      if case .batch(let p) = event {
        if stopped { batchesAfterStop += 1 }
        if p.epoch == 1 && p.batch == 3 {
          trainer.control.stop()
          stopped = true
        }
      }
    }
    #expect(summary.status == .stopped)
    #expect(batchesAfterStop == 0)
    #expect(summary.epochs.count == 1)
  }

  @Test("pause blocks the trainer until resume, from another thread")
  func pauseResume() throws {
    let trainer = try Self.spiral(epochs: 2)
    let log = Mutex<[String]>([])
    trainer.control.pause()
    let thread = Thread {
      trainer.run { event in
        switch event {
        case .paused: log.withLock { $0.append("paused") }
        case .resumed: log.withLock { $0.append("resumed") }
        case .ended: log.withLock { $0.append("ended") }
        default: break
        }
      }
    }
    thread.start()
    var waited = 0
    while log.withLock({ $0 }) != ["paused"] && waited < 2000 {
      usleep(1000)
      waited += 1
    }
    usleep(50_000)
    #expect(log.withLock { $0 } == ["paused"])  // still paused: nothing else happened
    trainer.control.resume()
    waited = 0
    while !log.withLock({ $0.contains("ended") }) && waited < 10_000 {
      usleep(1000)
      waited += 1
    }
    #expect(log.withLock { $0 } == ["paused", "resumed", "ended"])
  }

  @Test("a huge learning rate ends as diverged with a message, not a crash")
  func divergence() throws {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.optimizer = .sgd
    h.learningRate = 1e30
    h.activation = .linear
    h.loss = .quadratic
    h.initializer = .large
    h.epochs = 5
    let summary = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    #expect(summary.status == .diverged)
    #expect(summary.reason?.contains("learning rate") == true)
  }

  @Test("bad settings throw one-line errors naming the value")
  func validation() throws {
    let data = try loadData(for: Hyperparameters.with { $0.dataset = "xor" })
    func message(_ change: (inout Hyperparameters) -> Void) -> String? {
      var h = Hyperparameters()
      change(&h)
      do {
        _ = try Trainer(hyperparameters: h, data: data)
        return nil
      } catch {
        return error.message
      }
    }
    #expect(message { $0.learningRate = 0 }?.contains("learning rate 0.0") == true)
    #expect(message { $0.learningRate = -1 }?.contains("positive") == true)
    #expect(message { $0.dropout = 1 }?.contains("dropout 1.0") == true)
    #expect(message { $0.dropout = -0.1 }?.contains("[0, 1)") == true)
    #expect(message { $0.batchSize = 5000 }?.contains("larger than the training set") == true)
    #expect(message { $0.batchSize = 0 }?.contains("batch size 0") == true)
    #expect(message { $0.hidden = [0] }?.contains("hidden") == true)
    #expect(message { _ in } == nil)
  }

  @Test(
    "Fashion-MNIST: one epoch of the seed's model reaches ≥ 80% validation accuracy",
    .enabled(
      if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
      "needs dataset-fashion-mnist (CI installs it)"))
  func fashionMNIST() throws {
    var h = Hyperparameters()
    h.dataset = "fashion-mnist"
    h.hidden = [128]
    h.dropout = 0.3
    h.epochs = 1
    let summary = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    #expect(summary.trainCount == 60000 && summary.validationCount == 10000)
    #expect((summary.epochs.first?.valAccuracy ?? 0) >= 0.80)
  }
}

extension Hyperparameters {
  static func with(_ change: (inout Hyperparameters) -> Void) -> Hyperparameters {
    var h = Hyperparameters()
    change(&h)
    return h
  }
}
