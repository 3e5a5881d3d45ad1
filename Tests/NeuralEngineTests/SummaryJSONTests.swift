import Foundation
import Testing

@testable import NeuralEngine

/// The final summary's JSON, its epochs written by hand: the same document as `JSONEncoder`
/// writes, at the cost of its text (a million epochs no longer build gigabytes of objects).
@Suite("Summary JSON")
struct SummaryJSONTests {
  static let summary: RunSummary = {
    var h = Hyperparameters()
    h.epochs = 3
    h.dataset = "a \"quoted\" ] [ name"
    let epochs = [
      EpochMetrics(
        epoch: 0, loss: 0.6931471805599453, accuracy: 0.5, valLoss: 0.1 + 0.2, valAccuracy: 1e-05,
        seconds: 3, learningRate: 0.0010000000474974513),
      EpochMetrics(
        epoch: 1, loss: .leastNonzeroMagnitude, accuracy: 1, valLoss: 1e300, valAccuracy: 0.25, seconds: 0.5,
        learningRate: 0.001, gradientNorms: [0.0036, 0.125, 1e-7]),
      EpochMetrics(
        epoch: 2, loss: .nan, accuracy: .infinity, valLoss: -.infinity, valAccuracy: 0, seconds: 1e-9,
        learningRate: 0.001),
    ]
    var s = RunSummary(
      status: .diverged, reason: "loss became nan", epochs: epochs, config: h, trainCount: 10,
      validationCount: 2)
    s.changes = [SettingChange(epoch: 1, batch: 0, setting: .epochs, value: 3, previous: 2)]
    return s
  }()

  @Test("pretty and compact decode to what JSONEncoder's output decodes to", arguments: [false, true])
  func sameDocument(pretty: Bool) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    let reference = try JSONSerialization.jsonObject(with: encoder.encode(Self.summary)) as! NSDictionary
    let ours = try Self.summary.json(pretty: pretty)
    #expect(try JSONSerialization.jsonObject(with: ours) as! NSDictionary == reference)
    let back = try JSONDecoder().decode(RunSummary.self, from: ours)
    #expect(
      back.epochs.count == 3 && back.epochs[0] == Self.summary.epochs[0]
        && back.epochs[1] == Self.summary.epochs[1])
    #expect(back.epochs[2].loss.isNaN)
    #expect(back.epochs[1].gradientNorms == [0.0036, 0.125, 1e-7], "the insight's norms are kept")
    var config = Self.summary.config
    config.learningRate = config.effectiveLearningRate  // written as the rate used
    #expect(back.config == config)
    if pretty {
      #expect(String(decoding: ours, as: UTF8.self).contains("\n    {\"accuracy\": 1, \"epoch\": 1, "))
    }
  }

  @Test("no epochs")
  func empty() throws {
    var s = Self.summary
    s.epochs = []
    for pretty in [false, true] {
      let back = try JSONDecoder().decode(RunSummary.self, from: s.json(pretty: pretty))
      #expect(back.epochs.isEmpty && back.status == .diverged)
    }
  }
}
