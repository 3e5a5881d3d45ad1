import Foundation
import TerminalUI

@testable import Dashboard
@testable import NeuralEngine

/// Settings and fake training events for tests: no thread, no data, fully deterministic.
enum Fixtures {
  static var settings: Hyperparameters {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.epochs = 12
    return h
  }

  static let info = RunInfo(
    trainCount: 800, validationCount: 200, batchesPerEpoch: 8, epochs: 12, parameterCount: 642,
    datasetName: "spiral (train)")

  /// A plausible overfitting curve: train keeps improving, validation turns around at epoch 7.
  static func epoch(_ e: Int) -> EpochMetrics {
    let t = Double(e + 1)
    let loss = 0.7 * exp(-t / 3) + 0.05
    let val = 0.7 * exp(-t / 3) + 0.1 + 0.004 * max(0, t - 7) * max(0, t - 7)
    return EpochMetrics(
      epoch: e, loss: loss, accuracy: 1 - loss / 1.5, valLoss: val, valAccuracy: 1 - val / 1.4, seconds: 0.5,
      learningRate: 0.001)
  }

  static func batches(epoch e: Int, upTo n: Int = 8) -> [TrainingEvent] {
    let m = epoch(e)
    return (1...n).map { b in
      let wobble = 0.03 * sin(Double(b * 7 + e * 3))
      return .batch(
        BatchProgress(
          epoch: e, batch: b, batchesPerEpoch: 8, loss: m.loss * 1.1 + wobble, accuracy: m.accuracy - wobble,
          samplesPerSecond: 1600))
    }
  }

  /// A state with run 1 finished after `epochs` epochs, and optionally run 2 mid-way through epoch 5.
  static func state(width: Int, height: Int, ascii: Bool = false, secondRun: Bool = true) -> DashboardState {
    var s = DashboardState(settings: settings, width: width, height: height, ascii: ascii, color: true)
    _ = s.update(.key(.character(" ")))
    feed(&s, run: 1, epochs: 12, finish: true)
    if secondRun {
      s.settings.dropout = 0.3
      s.settings.learningRate = 0.01
      _ = s.update(.key(.character("n")))
      feed(&s, run: 2, epochs: 4, finish: false)
      for event in batches(epoch: 4, upTo: 5) { _ = s.update(.training(runID: 2, event)) }
    }
    return s
  }

  static func feed(_ s: inout DashboardState, run id: Int, epochs: Int, finish: Bool) {
    _ = s.update(.training(runID: id, .started(info)))
    var history: [EpochMetrics] = []
    for e in 0..<epochs {
      for event in batches(epoch: e) { _ = s.update(.training(runID: id, event)) }
      let m = epoch(e)
      history.append(m)
      _ = s.update(.training(runID: id, .epochEnded(m)))
    }
    if finish {
      let summary = RunSummary(
        status: .finished, reason: nil, epochs: history, config: s.runs[id - 1].settings, trainCount: 800,
        validationCount: 200)
      _ = s.update(.training(runID: id, .ended(summary)))
    }
  }
}

extension Fixtures {
  /// Runs a 120×40 dashboard over the runs directory `directory` that presses `e` (export) once,
  /// with the export stamp fixed at 20261125-120000; returns the terminal with its frames.
  static func pressExport(runsDirectory directory: String) -> ScriptedTerminal {
    var state = Fixtures.state(width: 120, height: 40)
    state.runsPanel.directory = directory
    let terminal = ScriptedTerminal([.key(.character("e")), nil])
    terminal.size = (120, 40)
    let runtime = DashboardRuntime(
      state: state, backend: terminal, clock: ManualClock(), launcher: RecordingLauncher())
    runtime.exportStamp = { "20261125-120000" }
    runtime.maxFramesPerSecond = .infinity
    runtime.run()
    return terminal
  }
}
