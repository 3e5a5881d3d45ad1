import Foundation
import Testing

@testable import NeuralEngine

@Suite("Config, CSV and summary formats")
struct SerializationTests {
  @Test("config JSON round-trips and accepts dashed keys")
  func configRoundTrip() throws {
    var h = Hyperparameters()
    h.hidden = [64, 32]
    h.dropout = 0.4
    h.l2Hidden = 0.001
    h.optimizer = .momentum
    h.nesterov = true
    let data = try JSONEncoder().encode(h)
    let back = try JSONDecoder().decode(Hyperparameters.self, from: data)
    var expected = h
    expected.learningRate = h.effectiveLearningRate
    #expect(back == expected)
    let dashed =
      #"{"learning-rate": 0.5, "batch-size": 10, "hidden": 30, "activation": "sigmoid", "init": "large"}"#
    let d = try JSONDecoder().decode(Hyperparameters.self, from: Data(dashed.utf8))
    #expect(d.learningRate == 0.5 && d.batchSize == 10 && d.hidden == [30] && d.activation == .sigmoid)
    #expect(d.initializer == .large)
  }

  @Test("unknown config keys are rejected by name")
  func unknownKey() {
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(Hyperparameters.self, from: Data(#"{"learnin_rate": 1}"#.utf8))
    }
  }

  @Test("metrics CSV is Keras CSVLogger format")
  func csv() throws {
    let path = NSTemporaryDirectory() + "traintop-csv-\(UUID().uuidString).csv"
    defer { try? FileManager.default.removeItem(atPath: path) }
    let writer = try MetricsCSVWriter(path: path, existing: .refuse)
    try writer.append(
      EpochMetrics(
        epoch: 0, loss: 0.5, accuracy: 0.75, valLoss: 0.625, valAccuracy: 0.7, seconds: 1, learningRate: 0.1))
    // Readable after each row, before the writer closes.
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text == "epoch,accuracy,loss,val_accuracy,val_loss\n0,0.75,0.5,0.7,0.625\n")
    try writer.append(
      EpochMetrics(
        epoch: 1, loss: .nan, accuracy: 0.5, valLoss: .infinity, valAccuracy: 0.5, seconds: 1,
        learningRate: 0.1))
    let more = try String(contentsOfFile: path, encoding: .utf8)
    #expect(more.hasSuffix("1,0.5,nan,0.5,inf\n"))
  }

  @Test("the summary JSON has the documented keys and statistics")
  func summary() throws {
    let rows = [(0.9, 0.6, 0.80), (0.7, 0.5, 0.85), (0.6, 0.55, 0.84)].enumerated().map { i, r in
      EpochMetrics(
        epoch: i, loss: r.0, accuracy: 0.9, valLoss: r.1, valAccuracy: r.2, seconds: Double(i + 1),
        learningRate: 0.001)
    }
    let s = RunSummary(
      status: .finished, reason: nil, epochs: rows, config: Hyperparameters(), trainCount: 300,
      validationCount: 50)
    #expect(s.bestEpoch == 1 && s.bestValAccuracy == 0.85)
    #expect(s.minValLossEpoch == 1 && s.minValLoss == 0.5)
    #expect(s.medianEpochSeconds == 2)
    #expect(s.samplesPerSecond == 150)
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(s)) as! [String: Any]
    for key in [
      "epochs", "best_val_accuracy", "best_epoch", "min_val_loss", "min_val_loss_epoch",
      "median_epoch_seconds",
      "samples_per_second", "status", "config",
    ] {
      #expect(object[key] != nil, "missing \(key)")
    }
    let first = (object["epochs"] as! [[String: Any]])[0]
    #expect(
      Set(first.keys).isSuperset(of: ["epoch", "loss", "accuracy", "val_loss", "val_accuracy", "seconds"]))
  }
}

@Suite("Summary JSON of a diverged run")
struct DivergedSummaryTests {
  @Test("NaN metrics are written as null and read back as NaN")
  func nanRoundTrip() throws {
    let row = EpochMetrics(
      epoch: 0, loss: .nan, accuracy: 0.1, valLoss: .infinity, valAccuracy: 0.1, seconds: 0.5,
      learningRate: 0.1)
    let s = RunSummary(
      status: .diverged, reason: "loss became nan", epochs: [row], config: Hyperparameters(), trainCount: 10,
      validationCount: 5)
    let data = try JSONEncoder().encode(s)
    #expect(String(decoding: data, as: UTF8.self).contains(#""loss":null"#))
    let back = try JSONDecoder().decode(RunSummary.self, from: data)
    #expect(back.status == .diverged && back.epochs[0].loss.isNaN && back.epochs[0].valLoss.isNaN)
    #expect(back.epochs[0].accuracy == 0.1)
  }
}
