import Testing

@testable import NeuralEngine

/// Backprop (BP1–BP4) against central finite differences of the cost,
/// for every activation × output × loss and with L1/L2 and dropout.
@Suite("Gradient checks")
struct GradientCheckTests {
  /// A 3 → 4 → 3 network on a fixed batch of 5 samples.
  static func network(_ configure: (inout Hyperparameters) -> Void) -> Network {
    var h = Hyperparameters()
    h.hidden = [4]
    h.initializer = .nndl
    h.seed = 11
    configure(&h)
    let net = Network(h, inputs: 3, classes: 3, capacity: 8)
    var rng = Xoshiro256(seed: 5)
    let features = (0..<15).map { _ in rng.nextFloat() * 2 - 1 }
    net.load(features: features, labels: [0, 1, 2, 1, 0])
    return net
  }

  /// Largest relative error between analytic and numeric gradients over every parameter.
  static func maxRelativeError(_ net: Network, dropout: Bool = false) -> Double {
    // First pass samples the dropout mask and fills the analytic gradients.
    net.computeGradients(training: true, resampleDropout: true)
    var analytic: [[Float]] = []
    for layer in net.layers { analytic += [layer.weightGradient.values, layer.biasGradient.values] }
    var params: [Matrix] = []
    for layer in net.layers { params += [layer.weights, layer.biases] }
    var worst = 0.0
    let h: Float = 1e-2
    for (p, matrix) in params.enumerated() {
      for i in 0..<matrix.count {
        let saved = matrix.pointer[i]
        matrix.pointer[i] = saved + h
        let plus = net.computeGradients(training: true, resampleDropout: false).loss
        matrix.pointer[i] = saved - h
        let minus = net.computeGradients(training: true, resampleDropout: false).loss
        matrix.pointer[i] = saved
        let numeric = (plus - minus) / Double(2 * h)
        let exact = Double(analytic[p][i])
        let error = abs(numeric - exact) / max(1e-2, abs(numeric) + abs(exact))
        worst = max(worst, error)
      }
    }
    return worst
  }

  @Test(
    "every activation × output × loss",
    arguments: Activation.allCases,
    [
      (OutputActivation.softmax, LossKind.crossEntropy), (.sigmoid, .crossEntropy),
      (.softmax, .quadratic), (.sigmoid, .quadratic),
    ])
  func activations(activation: Activation, head: (OutputActivation, LossKind)) {
    let net = Self.network {
      $0.activation = activation
      $0.output = head.0
      $0.loss = head.1
    }
    let error = Self.maxRelativeError(net)
    #expect(error < 2e-2, "\(activation) \(head): relative error \(error)")
  }

  @Test("L1 and L2 on hidden and output layers")
  func regularizers() {
    let net = Self.network {
      $0.activation = .tanh
      $0.l1Hidden = 0.01
      $0.l2Hidden = 0.05
      $0.l1Output = 0.02
      $0.l2Output = 0.1
    }
    #expect(Self.maxRelativeError(net) < 2e-2)
  }

  @Test("dropout with a fixed mask")
  func dropout() {
    let net = Self.network {
      $0.activation = .sigmoid
      $0.hidden = [6]
      $0.dropout = 0.4
    }
    #expect(Self.maxRelativeError(net) < 2e-2)
  }

  @Test("two hidden layers, relu")
  func deeper() {
    let net = Self.network {
      $0.hidden = [5, 4]
      $0.activation = .elu
    }
    #expect(Self.maxRelativeError(net) < 2e-2)
  }

  @Test("the penalty is added to the loss with Keras semantics (l2·Σw², no ½)")
  func penaltyValue() {
    let net = Self.network { $0.l2Hidden = 0.5 }
    let w = net.layers[0].weights.values
    let expected = 0.5 * w.reduce(0) { $0 + Double($1) * Double($1) }
    #expect(abs(net.penalty() - expected) < 1e-4 * max(1, expected))
  }

  @Test("inverted dropout keeps about 1−p of the units, scaled by 1/(1−p)")
  func dropoutMask() {
    var h = Hyperparameters()
    h.hidden = [1000]
    h.dropout = 0.3
    let net = Network(h, inputs: 2, classes: 2, capacity: 10)
    net.load(features: Array(repeating: 1, count: 20), labels: Array(repeating: 0, count: 10))
    net.forward(training: true)
    let mask = net.layers[0].mask!.values
    let kept = mask.filter { $0 != 0 }
    #expect(Set(kept) == [Float(1 / 0.7)])
    let fraction = Double(kept.count) / Double(mask.count)
    #expect(abs(fraction - 0.7) < 0.02)
    // Inference: no dropout at all.
    net.forward(training: false)
    #expect(net.layers[0].output === net.layers[0].a)
  }
}
