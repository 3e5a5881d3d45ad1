import Foundation

/// Seed Q3: why a weight fed by an input near zero learns slowly under any cost.
///
/// One sigmoid neuron a = σ(z), z = Σⱼ wⱼxⱼ + b, inputs of different sizes.
/// Prints ∂C/∂wⱼ = xⱼ(σ(z) − y) for the cross-entropy cost (NNDL eq. 61) and
/// xⱼ(σ(z) − y)σ′(z) for the quadratic cost (eq. 55), checked against finite
/// differences; then runs gradient descent under each cost and shows each
/// weight's total change, which is proportional to xⱼ under both.
///
/// Plain Swift in Double precision, independent of the engine.
/// - SeeAlso: Nielsen, *Neural Networks and Deep Learning*, ch. 3, the
///   problem after eq. (61).
@main
enum XjTerm {
  static let x = [1.0, 0.5, 0.1, 0.01]
  static let y = 0.0
  static let startWeights = [0.6, 0.6, 0.6, 0.6]
  static let startBias = 0.6
  /// The learning rate, η.
  static let learningRate = 1.0
  static let steps = 50

  static func main() {
    let start = Neuron(weights: startWeights, bias: startBias)
    let z = start.z(x)
    print("The x_j term: seed Q3, NNDL ch. 3 (eq. 61)")
    print("One sigmoid neuron a = σ(z), z = Σⱼ wⱼxⱼ + b, one training input, target y = \(y)")
    print("x = \(list(x)), start w = \(list(startWeights)), b = \(startBias)")
    print("z = \(fixed(z)), a = σ(z) = \(fixed(sigmoid(z))), σ′(z) = \(fixed(sigmoidPrime(z)))")
    print()
    print("Gradients at the start. Chain rule: ∂C/∂wⱼ = ∂C/∂z · ∂z/∂wⱼ = ∂C/∂z · xⱼ")
    let dzCE = fixed(Cost.crossEntropy.dz(z, y))
    let dzQ = fixed(Cost.quadratic.dz(z, y))
    print("  cross-entropy C = −[y ln a + (1−y) ln(1−a)]:  ∂C/∂z = σ(z) − y         = \(dzCE)")
    print("  quadratic     C = ½(a − y)²:                  ∂C/∂z = (σ(z) − y)σ′(z)  = \(dzQ)")
    print()
    print("  weight   xⱼ      ∂C/∂wⱼ cross-entropy   ∂C/∂wⱼ quadratic")
    print("                   xⱼ(σ(z) − y)           xⱼ(σ(z) − y)σ′(z)")
    for (j, xj) in x.enumerated() {
      let ce = Cost.crossEntropy.gradient(start, x, y)
      let q = Cost.quadratic.gradient(start, x, y)
      print(
        "  w\(sub(j + 1))       \(input(xj))    \(fixed(ce.weights[j]))              \(fixed(q.weights[j]))")
    }
    let check = Cost.allCases.map { finiteDifferenceError($0, start) }.max()!
    print("  (finite differences agree: max relative error \(String(format: "%.1e", check)))")

    // MARK: Gradient descent under each cost from the same start.
    print()
    var changes: [Cost: [Double]] = [:]
    for cost in Cost.allCases {
      var neuron = start
      for _ in 0..<steps {
        let g = cost.gradient(neuron, x, y)
        for j in x.indices { neuron.weights[j] -= learningRate * g.weights[j] }
        neuron.bias -= learningRate * g.bias
      }
      changes[cost] = zip(neuron.weights, start.weights).map { $0 - $1 }
      print(
        "After \(steps) steps of η = \(learningRate) with \(cost.name): "
          + "a = \(fixed(sigmoid(neuron.z(x)))), b changed by \(fixed(neuron.bias - start.bias))")
    }
    let ce = changes[.crossEntropy]!
    let q = changes[.quadratic]!
    print()
    print("Total change after \(steps) steps")
    print("  weight   xⱼ      Δwⱼ cross-entropy   Δwⱼ quadratic    Δwⱼ/xⱼ cross-entropy   Δwⱼ/xⱼ quadratic")
    for (j, xj) in x.enumerated() {
      print(
        "  w\(sub(j + 1))       \(input(xj))    \(fixed(ce[j]))           \(fixed(q[j]))        "
          + "\(fixed(ce[j] / xj))              \(fixed(q[j] / xj))")
    }
    print()
    print("|Δwⱼ|  (█ cross-entropy, ░ quadratic; the full bar is |Δw₁| under cross-entropy)")
    let scale = abs(ce[0])
    for (j, xj) in x.enumerated() {
      print(
        "  w\(sub(j + 1)) x=\(input(xj))  \(bar(abs(ce[j]) / scale, "█")) \(String(format: "%.4f", abs(ce[j])))"
      )
      print("             \(bar(abs(q[j]) / scale, "░")) \(String(format: "%.4f", abs(q[j])))")
    }
    print()
    print("Every step changes wⱼ by −η·xⱼ·∂C/∂z, and ∂C/∂z is the same for all j, so Δwⱼ/xⱼ is one")
    print("number per cost: w₄, fed by x = 0.01, moves 100 times less than w₁ under either cost.")
    print("Why no cost removes xⱼ: C depends on wⱼ only through z = Σⱼ wⱼxⱼ + b, so by the chain rule")
    print("∂C/∂wⱼ = (∂C/∂z)·(∂z/∂wⱼ) = (∂C/∂z)·xⱼ. A cost, as a function of the output a = σ(z), can only")
    print("shape ∂C/∂z (cross-entropy cancels σ′(z)); ∂z/∂wⱼ = xⱼ belongs to the neuron, not to the cost.")
    print("What helps instead acts on the inputs: rescale them (e.g. standardize) so none sits near zero.")
  }

  /// Relative error of the analytic gradient against central differences (h = 1e-6).
  static func finiteDifferenceError(_ cost: Cost, _ neuron: Neuron) -> Double {
    let h = 1e-6
    let analytic = cost.gradient(neuron, x, y)
    var worst = 0.0
    for j in x.indices {
      var plus = neuron
      var minus = neuron
      plus.weights[j] += h
      minus.weights[j] -= h
      let numeric = (cost.value(plus.z(x), y) - cost.value(minus.z(x), y)) / (2 * h)
      worst = max(worst, abs(numeric - analytic.weights[j]) / max(abs(numeric), abs(analytic.weights[j])))
    }
    return worst
  }

  static func bar(_ fraction: Double, _ block: Character) -> String {
    let width = 40
    let n = Int((fraction * Double(width)).rounded())
    return n == 0 ? "▏" : String(repeating: block, count: n)
  }
}

// MARK: - The neuron and the two costs

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
func sigmoidPrime(_ z: Double) -> Double { sigmoid(z) * (1 - sigmoid(z)) }

struct Neuron {
  var weights: [Double]
  var bias: Double

  /// The weighted input z = Σⱼ wⱼxⱼ + b.
  func z(_ x: [Double]) -> Double { zip(weights, x).reduce(bias) { $0 + $1.0 * $1.1 } }
}

enum Cost: CaseIterable {
  case crossEntropy, quadratic

  var name: String { self == .crossEntropy ? "cross-entropy" : "quadratic cost" }

  /// C as a function of the weighted input, through a = σ(z).
  func value(_ z: Double, _ y: Double) -> Double {
    let a = sigmoid(z)
    switch self {
    case .crossEntropy: return -(y * log(a) + (1 - y) * log(1 - a))
    case .quadratic: return 0.5 * (a - y) * (a - y)
    }
  }

  /// ∂C/∂z: NNDL's output error δ for this cost.
  func dz(_ z: Double, _ y: Double) -> Double {
    switch self {
    case .crossEntropy: sigmoid(z) - y  // σ′(z) cancels (eq. 61)
    case .quadratic: (sigmoid(z) - y) * sigmoidPrime(z)  // eq. 55
    }
  }

  /// ∂C/∂wⱼ = xⱼ·∂C/∂z and ∂C/∂b = ∂C/∂z.
  func gradient(_ neuron: Neuron, _ x: [Double], _ y: Double) -> (weights: [Double], bias: Double) {
    let delta = dz(neuron.z(x), y)
    return (x.map { $0 * delta }, delta)
  }
}

// MARK: - Formatting

func fixed(_ value: Double) -> String { String(format: "%+.6f", value) }
func input(_ value: Double) -> String { String(format: "%.2f", value) }
func list(_ values: [Double]) -> String { "[" + values.map { "\($0)" }.joined(separator: ", ") + "]" }
func sub(_ n: Int) -> String {
  let digits: [Character] = ["₀", "₁", "₂", "₃", "₄", "₅", "₆", "₇", "₈", "₉"]
  return String(String(n).map { digits[Int(String($0))!] })
}
