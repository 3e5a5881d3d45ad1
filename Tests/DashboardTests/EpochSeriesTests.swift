import Foundation
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// A long run's epochs in the dashboard: bounded, with the extremes, the best epochs and the
/// latest always kept, so memory and a frame's cost stay flat (the million-epoch soak).
@Suite struct EpochSeriesTests {
  /// A noisy, slowly falling loss with a spike at epoch 123 456 and a best epoch at 200 000.
  static func epoch(_ e: Int) -> EpochMetrics {
    let t = Double(e)
    var valLoss = 0.1 + 1 / (1 + t / 1000) + 0.01 * sin(t)
    var valAccuracy = 1 - valLoss / 2
    if e == 123_456 { valLoss = 50 }
    if e == 200_000 {
      valLoss = 0.01
      valAccuracy = 0.999
    }
    return EpochMetrics(
      epoch: e, loss: valLoss * 0.9, accuracy: valAccuracy, valLoss: valLoss, valAccuracy: valAccuracy,
      seconds: 0.001, learningRate: 0.001)
  }

  @Test("300 000 epochs keep at most the cap, with the spike, the best epochs and the latest")
  func longRun() {
    var run = RunRecord(id: 1, settings: Fixtures.settings)
    var most = 0
    for e in 0..<300_000 {
      run.append(Self.epoch(e))
      if e % 1000 == 0 { most = max(most, run.epochs.count) }
    }
    let kept = run.epochs
    #expect(kept.count <= EpochSeries.cap + 9 && most <= EpochSeries.cap + 9)
    #expect(kept.count > EpochSeries.cap / 4)
    #expect(run.epochCount == 300_000)
    #expect(zip(kept, kept.dropFirst()).allSatisfy { $0.epoch < $1.epoch })
    #expect(kept.contains { $0.epoch == 123_456 }, "the spike survives thinning")
    #expect(kept.first!.epoch < 100 && kept.last?.epoch == 299_999)
    #expect(run.bestLossEpoch?.epoch == 200_000 && run.bestAccuracyEpoch?.epoch == 200_000)
    #expect(kept.contains { $0.epoch == 200_000 })
    // The runs panel compares runs by what is kept: exact best values, and the epochs trained.
    #expect(run.summarySoFar.bestEpoch == 200_000)
    #expect(CompareView.table(for: [run], sortedBy: .best)[1].contains("300000"))
  }

  @Test("a short run keeps every epoch")
  func shortRun() {
    var run = RunRecord(id: 1, settings: Fixtures.settings)
    for e in 0..<5000 { run.append(Self.epoch(e)) }
    #expect(run.epochs.map(\.epoch) == Array(0..<5000))
  }

  @Test("the extremes of a bucket: each metric's lowest and highest, in epoch order")
  func extremes() {
    let group = (0..<10).map(Self.epoch)
    let chosen = EpochSeries.extremes(of: group)
    #expect(chosen.count <= 8 && chosen.map(\.epoch) == chosen.map(\.epoch).sorted())
    #expect(chosen.contains { $0.valLoss == group.map(\.valLoss).min() })
    #expect(chosen.contains { $0.valLoss == group.map(\.valLoss).max() })
  }
}
