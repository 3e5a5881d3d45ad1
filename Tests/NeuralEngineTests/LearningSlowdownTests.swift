import Foundation
import Testing

@testable import NeuralEngine

/// NNDL chapter 3's saturated neuron: quadratic cost learns slowly at first, cross-entropy does not.
@Suite("Learning slowdown")
struct LearningSlowdownTests {
  static func run(_ loss: LossKind) throws -> [Double] {
    var h = try Presets.load("learning-slowdown")
    h.loss = loss
    let summary = try Trainer(hyperparameters: h, data: loadData(for: h)).run()
    return summary.epochs.map(\.valLoss)
  }

  @Test("the quadratic run's flat start is the lesson")
  func slowdown() throws {
    let quadratic = try Self.run(.quadratic)
    let crossEntropy = try Self.run(.crossEntropy)
    #expect(quadratic.count == 300 && crossEntropy.count == 300)
    // Quadratic: after 50 epochs the loss has barely moved (< 3 % down) …
    #expect(quadratic[49] > 0.97 * quadratic[0], "\(quadratic[0]) → \(quadratic[49])")
    // … yet it does learn in the end.
    #expect(quadratic[299] < 0.1 * quadratic[0])
    // Cross-entropy: down by more than 90 % within the same 50 epochs.
    #expect(crossEntropy[49] < 0.1 * crossEntropy[0], "\(crossEntropy[0]) → \(crossEntropy[49])")
  }

  @Test("one sigmoid output uses the label itself as the target")
  func singleOutputTarget() throws {
    var h = Hyperparameters()
    h.hidden = []
    h.output = .sigmoid
    h.loss = .quadratic
    h.initialWeight = 2
    h.initialBias = 2
    let net = Network(h, inputs: 1, classes: 1, capacity: 1)
    net.load(features: [1], labels: [0])
    let (loss, correct) = net.computeGradients(training: false)
    let a = 1 / (1 + exp(-4.0))  // σ(w·x + b) = σ(4)
    #expect(abs(loss - 0.5 * a * a) < 1e-6)  // ½(a − 0)²
    #expect(correct == 0)  // a ≥ 0.5 predicts 1, the target is 0
    // ∂C/∂w = (a − y)σ′(z)·x (NNDL eq. 55)
    #expect(abs(Double(net.layers[0].weightGradient[0, 0]) - a * a * (1 - a)) < 1e-6)
  }

  @Test("softmax over a single output is refused with a hint")
  func softmaxRefused() throws {
    var h = Hyperparameters()
    h.dataset = "neuron"
    h.hidden = []
    h.batchSize = 1
    #expect(throws: DataError.self) { try Trainer(hyperparameters: h, data: loadData(for: h)) }
  }
}
