import Foundation
import Testing

@testable import NeuralEngine

@Suite("Presets")
struct PresetTests {
  static let expected = [
    "batch-size", "keras-tutorial", "learning-slowdown", "lr-drop", "lr-rescue", "overfitting",
    "overfitting-dropout", "overfitting-l2", "spiral-overfit", "vanishing-gradients",
    "vanishing-gradients-relu",
  ]

  /// `Examples/presets` of this checkout.
  static let presetFolder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Examples/presets")

  /// An environment and working directory that see only the built-in copies
  /// (plus the checkout's folder found via `#filePath`, which holds the same files).
  static func isolated(_ presets: String? = nil) -> (env: [String: String], cwd: String) {
    (presets.map { ["TRAINTOP_PRESETS": $0] } ?? [:], FileManager.default.temporaryDirectory.path)
  }

  @Test("every preset loads and validates", arguments: expected)
  func loads(name: String) throws {
    let (env, cwd) = Self.isolated()
    let h = try Presets.load(name, environment: env, currentDirectory: cwd)
    try h.validate()
    #expect(Presets.summary(of: name) != nil)
    #expect(Presets.names(environment: env, currentDirectory: cwd).contains(name))
  }

  @Test("the built-in copies are identical to Examples/presets/*.json")
  func builtInMatchesFiles() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Self.presetFolder.path)
      .filter { $0.hasSuffix(".json") }.sorted()
    #expect(files == Self.expected.map { $0 + ".json" }.sorted())
    #expect(Presets.builtIn.map(\.name).sorted() == Self.expected)
    for preset in Presets.builtIn {
      let text = try String(
        contentsOf: Self.presetFolder.appendingPathComponent(preset.name + ".json"), encoding: .utf8)
      #expect(text == preset.json + "\n", "\(preset.name).json differs from its copy in Presets.swift")
    }
  }

  @Test("the learning-rate lessons carry their change: lr-drop's plateau falls once η drops")
  func learningRateLessons() throws {
    let (env, cwd) = Self.isolated()
    let drop = try Presets.load("lr-drop", environment: env, currentDirectory: cwd)
    #expect(drop.changes == [SettingChange(epoch: 30, setting: .learningRate, value: 0.01)])
    let rescue = try Presets.load("lr-rescue", environment: env, currentDirectory: cwd)
    #expect(rescue.changes == [SettingChange(epoch: 10, setting: .learningRate, value: 0.25)])
    #expect(rescue.effectiveLearningRate == 2.5)
    // lr-drop trains in a second: the mean train loss of the ten epochs after the drop is well
    // below that of the ten before it, and it stops jumping about.
    let summary = try Trainer(hyperparameters: drop, data: loadData(for: drop)).run()
    let before = summary.epochs[20..<30].map(\.loss)
    let after = summary.epochs[30..<40].map(\.loss)
    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    #expect(mean(after) < 0.8 * mean(before), "before \(mean(before)), after \(mean(after))")
    #expect(after.max()! - after.min()! < before.max()! - before.min()!)
  }

  @Test("the presets say what the lessons need")
  func contents() throws {
    let (env, cwd) = Self.isolated()
    func load(_ name: String) throws -> Hyperparameters {
      try Presets.load(name, environment: env, currentDirectory: cwd)
    }
    let keras = try load("keras-tutorial")
    #expect(keras.hidden == [128] && keras.activation == .relu && keras.dropout == 0.3)
    #expect(keras.optimizer == .adam && keras.effectiveLearningRate == 0.001 && keras.batchSize == 100)

    let overfitting = try load("overfitting")
    #expect(
      overfitting.dataset == "fashion-mnist" && overfitting.trainSize == 1000 && overfitting.hidden == [30])
    #expect(
      overfitting.activation == .sigmoid && overfitting.output == .sigmoid
        && overfitting.loss == .crossEntropy)
    #expect(overfitting.optimizer == .sgd && overfitting.learningRate == 0.5 && overfitting.batchSize == 10)
    #expect(overfitting.initializer == .large && overfitting.epochs >= 100)

    // The cures change one thing each.
    var l2 = try load("overfitting-l2")
    #expect(l2.l2Hidden == 0.0025 && l2.l2Output == 0.0025)  // NNDL's λ = 5 as Keras's λ/(2n), n = 1000
    l2.l2Hidden = 0
    l2.l2Output = 0
    #expect(l2 == overfitting)
    var dropout = try load("overfitting-dropout")
    #expect(dropout.dropout == 0.5)
    dropout.dropout = 0
    #expect(dropout == overfitting)

    var batch = try load("batch-size")
    #expect(batch.dropout == 0 && batch.batchSize == 32)
    batch.dropout = keras.dropout
    batch.batchSize = keras.batchSize
    #expect(batch == keras)

    let spiral = try load("spiral-overfit")
    #expect(spiral.dataset == "spiral" && spiral.samples <= 400 && spiral.noise >= 0.3)
  }

  @Test("an unknown name lists the presets")
  func unknownName() {
    let (env, cwd) = Self.isolated()
    for name in ["overfit", "../Package", ""] {
      #expect {
        try Presets.load(name, environment: env, currentDirectory: cwd)
      } throws: { error in
        let message = (error as? DataError)?.message ?? ""
        return message.hasPrefix("unknown preset '\(name)'")
          && Self.expected.allSatisfy { message.contains($0) }
      }
    }
  }

  @Test("$TRAINTOP_PRESETS wins: an edited copy, a new preset, a broken file")
  func customFolder() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("presets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    try #"{"dataset": "spiral", "epochs": 5}"#.write(
      to: folder.appendingPathComponent("overfitting.json"), atomically: true, encoding: .utf8)
    try #"{"dataset": "moons", "hidden": [8]}"#.write(
      to: folder.appendingPathComponent("my-lesson.json"), atomically: true, encoding: .utf8)
    try #"{"dataset": "moons", "learning_rat": 0.1}"#.write(
      to: folder.appendingPathComponent("typo.json"), atomically: true, encoding: .utf8)
    try #"{"epochs": 0}"#.write(
      to: folder.appendingPathComponent("zero.json"), atomically: true, encoding: .utf8)
    let (env, cwd) = Self.isolated(folder.path)

    #expect(try Presets.load("overfitting", environment: env, currentDirectory: cwd).epochs == 5)
    #expect(try Presets.load("my-lesson", environment: env, currentDirectory: cwd).hidden == [8])
    #expect(Presets.names(environment: env, currentDirectory: cwd).contains("my-lesson"))
    #expect(Presets.summary(of: "my-lesson") == nil)
    #expect(try Presets.load("keras-tutorial", environment: env, currentDirectory: cwd).hidden == [128])
    #expect {
      try Presets.load("typo", environment: env, currentDirectory: cwd)
    } throws: { error in
      let message = (error as? DataError)?.message ?? ""
      return message.contains("typo.json") && message.contains("learning_rat")
    }
    #expect {
      try Presets.load("zero", environment: env, currentDirectory: cwd)
    } throws: { error in
      ((error as? DataError)?.message ?? "").contains("epochs 0 must be at least 1")
    }
  }

  // MARK: - The lessons, headless

  /// The first 1000 Fashion-MNIST training images and the 10 000 validation
  /// images, loaded once for the three `overfitting*` runs (they share the data settings).
  static let fashionMNIST = Result<DataSplit, any Error> {
    try loadData(for: Presets.load("overfitting", environment: [:], currentDirectory: isolated().cwd))
  }

  @Test("spiral-overfit overfits: train accuracy far above validation, validation loss rising")
  func spiralOverfits() throws {
    let (env, cwd) = Self.isolated()
    let h = try Presets.load("spiral-overfit", environment: env, currentDirectory: cwd)
    let summary = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    let last = try #require(summary.epochs.last)
    #expect(summary.status == .finished)
    #expect(last.accuracy > 0.95, "train accuracy → 100 % (\(last.accuracy))")
    #expect(last.accuracy - last.valAccuracy > 0.15, "train \(last.accuracy), validation \(last.valAccuracy)")
    let minEpoch = try #require(summary.minValLossEpoch)
    #expect(minEpoch < last.epoch / 2, "validation loss is lowest at epoch \(minEpoch)")
    #expect(
      last.valLoss > 1.5 * summary.minValLoss!,
      "validation loss \(last.valLoss) vs min \(summary.minValLoss!)")
  }

  @Test(
    "overfitting reproduces NNDL ch. 3: train accuracy → 100 %, validation stalls, validation loss turns up",
    .enabled(
      if: DatasetCatalog.standard.isInstalled("fashion-mnist"),
      "needs Fashion-MNIST: apt-get install dataset-fashion-mnist, or set TRAINTOP_DATA"))
  func overfittingSignature() throws {
    let (env, cwd) = Self.isolated()
    var h = try Presets.load("overfitting", environment: env, currentDirectory: cwd)
    h.epochs = 60  // the preset runs 150; 60 epochs on 1000 images already show all three signs
    let summary = try Trainer(hyperparameters: h, data: Self.fashionMNIST.get()).run()
    #expect(summary.status == .finished)
    let e = summary.epochs
    try #require(e.count == 60)
    let last = e[59]
    #expect(last.accuracy > 0.93, "train accuracy climbs towards 100 % (\(last.accuracy))")
    #expect(last.accuracy - last.valAccuracy > 0.15, "train \(last.accuracy), validation \(last.valAccuracy)")
    let earlyBest = e[..<30].map(\.valAccuracy).max()!
    let lateBest = e[30...].map(\.valAccuracy).max()!
    #expect(lateBest - earlyBest < 0.03, "validation accuracy stalls: best \(earlyBest) then \(lateBest)")
    let minEpoch = try #require(summary.minValLossEpoch)
    #expect(minEpoch < 30, "validation loss is lowest at epoch \(minEpoch)")
    let lateLoss = e[55...].map(\.valLoss).reduce(0, +) / 5
    #expect(
      lateLoss > summary.minValLoss! + 0.1, "validation loss turns up: \(summary.minValLoss!) → \(lateLoss)")
  }
}

extension PresetTests {
  @Test(
    "the cures still learn and close the gap (overfitting's is 0.2 at epoch 60)",
    .enabled(
      if: DatasetCatalog.standard.isInstalled("fashion-mnist"),
      "needs Fashion-MNIST: apt-get install dataset-fashion-mnist, or set TRAINTOP_DATA"),
    arguments: ["overfitting-l2", "overfitting-dropout"])
  func curesCloseTheGap(name: String) throws {
    let (env, cwd) = Self.isolated()
    var h = try Presets.load(name, environment: env, currentDirectory: cwd)
    h.epochs = 60
    let overfitting = try Presets.load("overfitting", environment: env, currentDirectory: cwd)
    try #require(
      h.dataOptions == overfitting.dataOptions, "same data as overfitting, so the cached split fits")
    let summary = try Trainer(hyperparameters: h, data: Self.fashionMNIST.get()).run()
    let last = try #require(summary.epochs.last)
    #expect(summary.status == .finished)
    #expect(last.valAccuracy > 0.7, "it still learns: validation accuracy \(last.valAccuracy)")
    #expect(last.accuracy - last.valAccuracy < 0.12, "train \(last.accuracy), validation \(last.valAccuracy)")
  }
}
