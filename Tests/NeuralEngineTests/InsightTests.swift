import Foundation
import Testing

@testable import NeuralEngine

/// What a network learned (issue 10), from the engine's side: the confusion matrix, the
/// gradient norms per layer, the sample and its mistakes, the weights.
@Suite("Insight")
struct InsightTests {
  @Test("the confusion matrix sums to the validation set; its diagonal is the validation accuracy")
  func confusionMatrix() throws {
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.hidden = [16]
    h.epochs = 3
    let trainer = try Trainer(hyperparameters: h, data: loadData(for: h), insightProbe: InsightProbe())
    var insights: [EpochInsight] = []
    let summary = trainer.run { if case .insight(let i) = $0 { insights.append(i) } }
    #expect(insights.count == 3)
    for (insight, epoch) in zip(insights, summary.epochs) {
      #expect(insight.confusion.total == summary.validationCount)
      #expect(insight.confusion.accuracy == epoch.valAccuracy)
      #expect(insight.gradientNorms == epoch.gradientNorms)
    }
    #expect(summary.confusion == insights.last?.confusion)
    // The matrix round-trips through summary.json with its class names.
    let back = try JSONDecoder().decode(RunSummary.self, from: JSONEncoder().encode(summary))
    #expect(back.confusion == summary.confusion)
    #expect(back.epochs.map(\.gradientNorms) == summary.epochs.map(\.gradientNorms))
  }

  @Test("class names map to rows and columns; the most confused pair is the largest off-diagonal cell")
  func matrixBookkeeping() {
    var m = ConfusionMatrix(classes: 3, classNames: ["cat", "dog", "eel"])
    for (a, p, n) in [(0, 0, 8), (0, 1, 2), (1, 1, 5), (1, 0, 4), (2, 2, 9), (2, 1, 1)] {
      for _ in 0..<n { m.add(actual: a, predicted: p) }
    }
    #expect(m.total == 29 && m[1, 0] == 4 && m.support(of: 1) == 9)
    #expect(m.accuracy == 22.0 / 29)
    #expect(m.accuracy(of: 1) == 5.0 / 9)
    #expect(m.mostConfused?.actual == 1 && m.mostConfused?.predicted == 0 && m.mostConfused?.count == 4)
    #expect(m.name(of: 2) == "eel" && ConfusionMatrix(classes: 2).name(of: 1) == "1")
  }

  /// A 4 → 5 → 3 network on one batch, as the gradient checks build it.
  static func tinyNetwork() -> Network {
    var h = Hyperparameters()
    h.hidden = [5]
    h.activation = .sigmoid
    h.initializer = .nndl
    h.seed = 4
    let net = Network(h, inputs: 4, classes: 3, capacity: 8)
    var rng = Xoshiro256(seed: 9)
    net.load(features: (0..<24).map { _ in rng.nextFloat() * 2 - 1 }, labels: [0, 1, 2, 2, 1, 0])
    return net
  }

  @Test("‖∂C/∂b‖ per layer agrees with the norm of a finite-difference gradient")
  func gradientNormsByFiniteDifferences() {
    let net = Self.tinyNetwork()
    net.computeGradients(training: true)
    var collector = InsightCollector(
      probe: nil,
      data: DataSplit(train: Dataset.nndlNeuron, validation: Dataset.nndlNeuron), classes: 3, seed: 1)
    collector.recordGradients(of: net)
    let analytic = collector.takeGradientNorms()
    let h: Float = 1e-2
    for (l, layer) in net.layers.enumerated() {
      var sumOfSquares = 0.0
      for i in 0..<layer.biases.count {
        let saved = layer.biases.pointer[i]
        layer.biases.pointer[i] = saved + h
        let plus = net.computeGradients(training: true).loss
        layer.biases.pointer[i] = saved - h
        let minus = net.computeGradients(training: true).loss
        layer.biases.pointer[i] = saved
        let g = (plus - minus) / Double(2 * h)
        sumOfSquares += g * g
      }
      let numeric = sumOfSquares.squareRoot()
      #expect(abs(numeric - analytic[l]) / numeric < 1e-2, "layer \(l): \(analytic[l]) vs \(numeric)")
    }
  }

  @Test(
    "vanishing-gradients: the first layer learns far more slowly than the last hidden one; the cure evens them",
    .enabled(
      if: FileManager.default.fileExists(atPath: "/usr/share/datasets/fashion-mnist"),
      "needs dataset-fashion-mnist (CI installs it)"))
  func vanishingGradientsPreset() throws {
    func norms(_ preset: String) throws -> [[Double]] {
      var h = try Presets.load(preset)
      h.epochs = 3
      return try Trainer(hyperparameters: h, data: loadData(for: h)).run().epochs.map(\.gradientNorms)
    }
    for epoch in try norms("vanishing-gradients") {
      // Layers 1, 2, 3 (hidden) and the output: each earlier layer learns slower.
      #expect(epoch[0] < epoch[1] && epoch[1] < epoch[2] && epoch[2] < epoch[3], "\(epoch)")
      #expect(epoch[0] * 10 < epoch[2], "layer 1 at least 10× slower than layer 3: \(epoch)")
    }
    for epoch in try norms("vanishing-gradients-relu") {
      #expect(epoch[0] * 3 > epoch[2], "ReLU and He: layer 1 within 3× of layer 3: \(epoch)")
    }
  }

  @Test("images: the sample mixes every class; mistakes are wrong and most confident first; weights")
  func samplesAndMistakes() throws {
    // A tiny image dataset: 8×8 pictures (64 features, a square number), 4 classes.
    var rng = Xoshiro256(seed: 3)
    func dataset(_ n: Int, name: String) -> Dataset {
      let labels = (0..<n).map { Int32($0 % 4) }
      let pixels = labels.flatMap { label in
        (0..<64).map { i in UInt8(((i % 8) / 2 == Int(label) ? 200 : 20) &+ UInt8(rng.next() % 30)) }
      }
      return Dataset(
        name: name, storage: .bytes(pixels, scale: 1 / 255), featureCount: 64, labels: labels, classCount: 4,
        classNames: ["a", "b", "c", "d"])
    }
    var split = DataSplit(train: dataset(200, name: "t"), validation: dataset(80, name: "v"))
    split.train.imageShape = ImageShape(rows: 8, columns: 8)
    split.validation.imageShape = ImageShape(rows: 8, columns: 8)
    var h = Hyperparameters()
    h.hidden = [6]
    h.epochs = 2
    h.batchSize = 20
    let trainer = try Trainer(
      hyperparameters: h, data: split,
      insightProbe: InsightProbe(samplesPerClass: 3, mistakes: 5, weightUnits: 4))
    var set: SampleSet?
    var insights: [EpochInsight] = []
    trainer.run { event in
      if case .samples(let s) = event { set = s }
      if case .insight(let i) = event { insights.append(i) }
    }
    let sample = try #require(set)
    #expect(sample.images.count == 12)
    #expect(Set(sample.images.map(\.label)) == [0, 1, 2, 3])
    #expect(sample.images.allSatisfy { $0.pixels.count == 64 })
    let first = try #require(insights.first)
    #expect(first.samples.map(\.index) == sample.images.map(\.index))
    #expect(first.samples.allSatisfy { $0.predicted >= 0 && $0.confidence > 0 })
    #expect(first.mistakes.count <= 5)
    #expect(first.mistakes.allSatisfy { !$0.prediction.isCorrect })
    #expect(
      zip(first.mistakes, first.mistakes.dropFirst()).allSatisfy {
        $0.prediction.confidence >= $1.prediction.confidence
      })
    // Weights only on request, and after the last epoch.
    #expect(first.weights == nil)
    #expect(insights.last?.weights?.units.count == 4)
    #expect(insights.last?.weights?.units.first?.count == 64)
  }

  @Test("image shapes: parsed, checked against the features, and squares taken as images")
  func imageShapes() throws {
    #expect(try ImageShape(parsing: "28x28") == ImageShape(rows: 28, columns: 28))
    #expect(try ImageShape(parsing: "3×4").pixels == 12)
    #expect(throws: DataError.self) { try ImageShape(parsing: "28") }
    #expect(ImageShape.square(features: 784) == ImageShape(rows: 28, columns: 28))
    #expect(ImageShape.square(features: 2) == nil && ImageShape.square(features: 50) == nil)
    var h = Hyperparameters()
    h.dataset = "spiral"
    h.imageShape = ImageShape(rows: 1, columns: 3)
    #expect(throws: DataError.self) { try loadData(for: h) }
  }
}
