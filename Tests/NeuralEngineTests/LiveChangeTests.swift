import Foundation
import Testing

@testable import NeuralEngine

@Suite("Live changes")
struct LiveChangeTests {
  /// NNDL's single neuron: input x = 1, target y = 0, sigmoid output with per-output
  /// cross-entropy, plain SGD, one sample per epoch, so each epoch is exactly one step.
  static func neuron(epochs: Int, learningRate: Double, changes: [SettingChange] = []) throws -> Trainer {
    var h = Hyperparameters()
    h.dataset = "neuron"
    h.hidden = []
    h.output = .sigmoid
    h.optimizer = .sgd
    h.learningRate = learningRate
    h.batchSize = 1
    h.epochs = epochs
    h.initialWeight = 0.6
    h.initialBias = 0.9
    h.changes = changes
    return try Trainer(hyperparameters: h, data: loadData(for: h))
  }

  @Test("the optimizer uses a new learning rate from the next batch on: the neuron's steps by hand")
  func learningRateByHand() throws {
    // Each epoch's loss is measured before its step: C = −ln(1 − a), a = σ(z), z = w·1 + b.
    // SGD moves w and b by −η·∂C/∂w = −η·a·x and −η·∂C/∂b = −η·a, so z drops by 2·η·a a step
    // (NNDL eq. 61–62 with σ′ cancelled by the cross-entropy).
    let change = SettingChange(epoch: 3, setting: .learningRate, value: 0.05)
    let summary = try Self.neuron(epochs: 6, learningRate: 0.5, changes: [change]).run()
    let a = summary.epochs.map { 1 - exp(-$0.loss) }
    let z = a.map { log($0 / (1 - $0)) }
    #expect(abs(z[0] - 1.5) < 1e-5)
    for k in 0..<5 {
      let eta = k < 3 ? 0.5 : 0.05
      #expect(abs((z[k] - z[k + 1]) - 2 * eta * a[k]) < 1e-4, "step \(k): Δz \(z[k] - z[k + 1])")
    }
    #expect(summary.epochs.map(\.learningRate) == [0.5, 0.5, 0.5, 0.05, 0.05, 0.05])
    #expect(summary.changes == [SettingChange(epoch: 3, setting: .learningRate, value: 0.05, previous: 0.5)])
  }

  @Test("a change asked for live applies at the next batch and is reported there")
  func liveChangeAppliesAtTheNextBatch() throws {
    let trainer = try StepTests.spiral(epochs: 3)
    var kinds: [String] = []
    var batches = 0
    let summary = trainer.run { event in
      switch event {
      case .batch:
        batches += 1
        kinds.append("batch")
        if batches == 11 { trainer.control.change(.learningRate, to: 0.004) }
      case .settingChanged(let c): kinds.append("change \(c)")
      default: break
      }
    }
    #expect(kinds[11] == "change 1.3:learning_rate=0.004")
    #expect(kinds.filter { $0 == "batch" }.count == 24)
    #expect(summary.changes.first?.previous == 0.001)
    #expect(summary.epochs.map(\.learningRate) == [0.001, 0.004, 0.004])
  }

  @Test("replaying the live changes with the same seed gives the same metrics to the last digit")
  func replay() throws {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [32, 32]
    h.batchSize = 50
    h.epochs = 6
    h.seed = 7
    let live = try Trainer(hyperparameters: h, data: loadData(for: h))
    var batches = 0
    let original = live.run { event in
      guard case .batch = event else { return }
      batches += 1
      switch batches {
      case 5: live.control.change(.learningRate, to: 0.01)
      case 20: live.control.change(.dropout, to: 0.3)  // from 0: the mask starts here
      case 33:
        live.control.change(.l2Hidden, to: 0.001)
        live.control.change(.epochs, to: 5)
      case 50: live.control.change(.learningRate, to: 0.002)
      default: break
      }
    }
    #expect(original.changes.count == 5)
    #expect(original.epochs.count == 5)

    var replayed = h
    replayed.changes = original.changes.map(\.withoutPrevious)
    let again = try Trainer(hyperparameters: replayed, data: loadData(for: replayed)).run()
    #expect(again.changes == original.changes)
    #expect(again.epochs.map(\.loss) == original.epochs.map(\.loss))
    #expect(again.epochs.map(\.accuracy) == original.epochs.map(\.accuracy))
    #expect(again.epochs.map(\.valLoss) == original.epochs.map(\.valLoss))
    #expect(again.epochs.map(\.valAccuracy) == original.epochs.map(\.valAccuracy))

    // And the changes really changed the run.
    let plain = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    #expect(plain.epochs[1].loss != original.epochs[1].loss)
  }

  @Test("fewer epochs than trained end the run after the epoch in progress")
  func epochsLowered() throws {
    let trainer = try StepTests.spiral(epochs: 10)
    var batches = 0
    let summary = trainer.run { event in
      guard case .batch = event else { return }
      batches += 1
      if batches == 19 { trainer.control.change(.epochs, to: 1) }  // during the 3rd epoch
    }
    #expect(summary.status == .finished)
    #expect(summary.epochs.count == 3)
    #expect(summary.changes.first?.value == 3)
  }

  @Test("an invalid live value is ignored rather than trusted")
  func invalidLiveValue() throws {
    let trainer = try StepTests.spiral(epochs: 2)
    let summary = trainer.run { event in
      if case .batch(let p) = event, p.batch == 2, p.epoch == 0 {
        trainer.control.change(.dropout, to: 1.5)
        trainer.control.change(.learningRate, to: -1)
      }
    }
    #expect(summary.changes.isEmpty)
    #expect(summary.status == .finished)
  }

  @Test("change text: EPOCH[.BATCH]:SETTING=VALUE, with clear errors")
  func parsing() throws {
    let c = try SettingChange(parsing: "5.20:lr=0.05")
    #expect(c == SettingChange(epoch: 5, batch: 20, setting: .learningRate, value: 0.05))
    #expect(c.description == "5.20:learning_rate=0.05")
    #expect(try SettingChange(parsing: "3:l2-hidden=1e-4").setting == .l2Hidden)
    #expect(try SettingChange(parsing: "0:epochs=20").description == "0:epochs=20")
    func message(_ text: String) -> String? {
      do {
        _ = try SettingChange(parsing: text)
        return nil
      } catch {
        return error.message
      }
    }
    #expect(message("5:hidden=3")?.contains("hidden cannot change during a run") == true)
    #expect(message("5:pace=3")?.contains("--pace") == true)
    #expect(message("5:bogus=3")?.contains("unknown setting 'bogus'") == true)
    #expect(message("five:lr=3")?.contains("'five' is not a point") == true)
    #expect(message("5:lr=fast")?.contains("'fast' is not a number") == true)
    #expect(message("5 lr 3")?.contains("EPOCH[.BATCH]:SETTING=VALUE") == true)
  }

  @Test("a plan is checked against the run: points inside it, values valid, one change per point")
  func planValidation() throws {
    func message(epochs: Int = 10, _ texts: String...) -> String? {
      var h = Hyperparameters()
      h.epochs = epochs
      do {
        h.changes = try texts.map { text throws(DataError) in try SettingChange(parsing: text) }
        try h.validate()
        return nil
      } catch {
        return error.message
      }
    }
    #expect(message("5:lr=0.01", "9.3:dropout=0.2") == nil)
    #expect(message("10:lr=0.01")?.contains("beyond the run") == true)
    #expect(message("5:epochs=20", "15:lr=0.01") == nil)  // the run is longer by then
    #expect(message("5:dropout=1")?.contains("dropout 1.0 must be in [0, 1)") == true)
    #expect(message("5:lr=0")?.contains("learning rate") == true)
    #expect(message("5:epochs=4")?.contains("use epochs=5 or more") == true)
    #expect(message("5.2:epochs=5")?.contains("use epochs=6 or more") == true)
    #expect(message("5:epochs=2.5")?.contains("whole number") == true)
    #expect(message("5:lr=0.1", "5:lr=0.2")?.contains("already changes at that point") == true)
  }

  @Test("JSON configs and presets carry changes as text; summaries as objects with from and to")
  func json() throws {
    let h = try JSONDecoder().decode(
      Hyperparameters.self, from: Data(#"{"epochs": 8, "changes": ["3:lr=0.1", "4.2:dropout=0.2"]}"#.utf8))
    #expect(h.changes.map(\.description) == ["3:learning_rate=0.1", "4.2:dropout=0.2"])
    let encoded = String(decoding: try JSONEncoder().encode(h), as: UTF8.self)
    #expect(encoded.contains(#""changes":["3:learning_rate=0.1","4.2:dropout=0.2"]"#))
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Hyperparameters.self, from: Data(#"{"changes": ["3:hidden=2"]}"#.utf8))
    }

    var summary = RunSummary(
      status: .finished, reason: nil, epochs: [], config: h, trainCount: 1, validationCount: 1)
    summary.changes = [SettingChange(epoch: 3, batch: 0, setting: .learningRate, value: 0.1, previous: 0.001)]
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(summary)) as? [String: Any]
    let changes = object?["changes"] as? [[String: Any]]
    #expect(changes?.first?["from"] as? Double == 0.001)
    #expect(changes?.first?["to"] as? Double == 0.1)
    #expect(changes?.first?["setting"] as? String == "learning_rate")
    let back = try JSONDecoder().decode(RunSummary.self, from: JSONEncoder().encode(summary))
    #expect(back.changes == summary.changes)
  }
}
