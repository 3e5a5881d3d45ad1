import Foundation
import Testing

@testable import NeuralEngine

/// Single optimizer steps against values worked out by hand from the
/// published update rules (Keras's forms).
@Suite("Optimizers")
struct OptimizerTests {
  /// Two parameters w = [1, −2] with gradient g = [0.5, −1].
  func setup(_ kind: OptimizerKind, lr: Float, nesterov: Bool = false) -> (Optimizer, Matrix, Matrix) {
    let w = Matrix(rows: 1, columns: 2, values: [1, -2])
    let g = Matrix(rows: 1, columns: 2, values: [0.5, -1])
    let opt = Optimizer(kind: kind, learningRate: lr, momentum: 0.9, nesterov: nesterov)
    opt.register(w, gradient: g)
    return (opt, w, g)
  }

  @Test func sgd() {
    let (opt, w, _) = setup(.sgd, lr: 0.1)
    opt.step()
    // w − ηg = [1 − 0.05, −2 + 0.1]
    #expect(w.values == [0.95, -1.9])
  }

  @Test func momentum() {
    let (opt, w, _) = setup(.momentum, lr: 0.1)
    opt.step()  // v = −0.1g = [−0.05, 0.1]; w = [0.95, −1.9]
    opt.step()  // v = 0.9v − 0.1g = [−0.095, 0.19]; w = [0.855, −1.71]
    #expect(abs(w[0, 0] - 0.855) < 1e-6)
    #expect(abs(w[0, 1] - -1.71) < 1e-6)
  }

  @Test func nesterov() {
    let (opt, w, _) = setup(.momentum, lr: 0.1, nesterov: true)
    opt.step()  // v = [−0.05, 0.1]; w += 0.9v − 0.1g = [−0.095, 0.19] → [0.905, −1.81]
    #expect(abs(w[0, 0] - 0.905) < 1e-6)
    #expect(abs(w[0, 1] - -1.81) < 1e-6)
  }

  @Test func adam() {
    let (opt, w, _) = setup(.adam, lr: 0.001)
    opt.step()
    // t = 1: m = 0.1g, v = 0.001g², α = η·√0.001/0.1, so the step is
    // α·m/(√v+ε) = η·g/(|g| + ε/√0.001·...) ≈ η·sign(g) (Kingma & Ba: the first step has size η).
    let mHat: [Double] = [0.05, -0.1]
    let v: [Double] = [0.00025, 0.001]
    let alpha = 0.001 * (1 - 0.999).squareRoot() / (1 - 0.9)
    let expected = [
      1 - alpha * mHat[0] / (v[0].squareRoot() + 1e-7), -2 - alpha * mHat[1] / (v[1].squareRoot() + 1e-7),
    ]
    #expect(abs(Double(w[0, 0]) - expected[0]) < 1e-6)
    #expect(abs(Double(w[0, 1]) - expected[1]) < 1e-6)
    #expect(abs(Double(w[0, 0]) - 0.999) < 1e-5)
  }

  @Test func rmsprop() {
    let (opt, w, _) = setup(.rmsprop, lr: 0.01)
    opt.step()
    // v = 0.1g² = [0.025, 0.1]; w −= 0.01·g/√(v+1e-7)
    let e0 = 1 - 0.01 * 0.5 / (0.025 + 1e-7).squareRoot()
    let e1 = -2 + 0.01 * 1 / (0.1 + 1e-7).squareRoot()
    #expect(abs(Double(w[0, 0]) - e0) < 1e-6)
    #expect(abs(Double(w[0, 1]) - e1) < 1e-6)
  }
}
