import Foundation

/// Seed Q1: one backward pass through a tiny network, line by line, as in
/// NNDL chapter 2 and `network.py`'s `backprop(x, y)`.
///
/// A 3 → 4 → 2 network of sigmoid neurons with the quadratic cost
/// C = ½‖aᴸ − y‖², one input. Every backward-pass line is printed with the
/// equation it implements (BP1–BP4), its shape and its values, then every
/// ∂C/∂w and ∂C/∂b is checked against central finite differences.
///
/// Plain Swift in Double precision, independent of the engine, so it is a
/// second derivation of the formulas `NeuralEngine` implements.
/// - SeeAlso: Nielsen, *Neural Networks and Deep Learning*, ch. 2, "The four
///   fundamental equations behind backpropagation".
@main
enum BackpropWalkthrough {
  /// Step of the central differences; with values of order 1 the error is ~h² + ε/h ≈ 1e-10.
  static let h = 1e-6
  /// The check passes when every relative error is below this.
  static let tolerance = 1e-6

  static func main() {
    // The network: weights[i] connects layer i+1 to layer i+2 (NNDL numbers layers from 1).
    let weights = [
      Matrix([[0.2, -0.4, 0.7], [-0.5, 0.3, 0.1], [0.6, 0.8, -0.3], [-0.1, -0.7, 0.5]]),  // w² (4,3)
      Matrix([[0.4, -0.6, 0.9, -0.2], [-0.3, 0.5, 0.2, 0.7]]),  // w³ (2,4)
    ]
    let biases = [Matrix(column: [0.1, -0.2, 0.3, 0.0]), Matrix(column: [-0.1, 0.2])]
    let network = Network(weights: weights, biases: biases)
    let x = Matrix(column: [0.9, 0.2, 0.6])
    let y = Matrix(column: [1, 0])
    let L = network.layerCount

    print("Backprop walkthrough: seed Q1, NNDL ch. 2 (network.py's backprop for one input)")
    print("Network sizes [3, 4, 2], sigmoid neurons, quadratic cost C = ½‖aᴸ − y‖²; here L = \(L).")
    print("Vectors are columns, as in network.py: shape (rows, columns).")
    print()
    print("Parameters (exactly as printed)")
    for l in 2...L {
      show("w\(sup(l))", network.weights[l - 2], digits: 1)
      show("b\(sup(l))", network.biases[l - 2], digits: 1)
    }
    show("x = a¹", x, digits: 1)
    show("y", y, digits: 1)

    // MARK: Forward pass: store every z and activation (network.py's zs and activations).
    print()
    print("Forward pass: zˡ = wˡaˡ⁻¹ + bˡ, aˡ = σ(zˡ)")
    let pass = network.feedforward(x)
    for l in 2...L {
      show("z\(sup(l)) = w\(sup(l))a\(sup(l - 1)) + b\(sup(l))", pass.zs[l - 2])
      show("a\(sup(l)) = σ(z\(sup(l)))", pass.activations[l - 1])
    }
    let cost = network.cost(x, y)
    print("  C = ½‖a\(sup(L)) − y‖² = \(fixed(cost, 10))")

    // MARK: Backward pass, in network.py's order: the output layer, then back through the hidden ones.
    print()
    print("Backward pass")
    let gradients = network.backprop(pass, y) { line in
      print(line.label.padding(toLength: 5, withPad: " ", startingAt: 0) + line.equation)
      for (name, value) in line.operands {
        show(name, value, indent: 7)
      }
      print("       network.py: \(line.python)")
    }

    // MARK: Check every derivative against finite differences.
    print()
    print("Finite-difference check: ∂C/∂p ≈ (C(p + h) − C(p − h)) / 2h with h = \(h), every parameter")
    print("  relative error = |backprop − finite difference| / max(|backprop|, |finite difference|)")
    var worst = 0.0
    var checked = 0
    for l in (2...L).reversed() {
      let i = l - 2
      let numericW = Matrix.generate(rows: weights[i].rows, cols: weights[i].cols) { r, c in
        var plus = network
        var minus = network
        plus.weights[i][r, c] += h
        minus.weights[i][r, c] -= h
        return (plus.cost(x, y) - minus.cost(x, y)) / (2 * h)
      }
      let numericB = Matrix.generate(rows: biases[i].rows, cols: 1) { r, _ in
        var plus = network
        var minus = network
        plus.biases[i][r, 0] += h
        minus.biases[i][r, 0] -= h
        return (plus.cost(x, y) - minus.cost(x, y)) / (2 * h)
      }
      for (name, analytic, numeric) in [
        ("∂C/∂w\(sup(l))", gradients.weights[i], numericW), ("∂C/∂b\(sup(l))", gradients.biases[i], numericB),
      ] {
        let error = zip(analytic.values, numeric.values).map(relativeError).max() ?? 0
        worst = max(worst, error)
        checked += analytic.values.count
        print(
          "  \(name) \(analytic.shape)".padding(toLength: 18, withPad: " ", startingAt: 0)
            + "max relative error \(scientific(error))")
      }
    }
    let ok = worst < tolerance
    print(
      "max relative error over all \(checked) derivatives: \(scientific(worst)) "
        + (ok ? "< \(scientific(tolerance)): OK" : "≥ \(scientific(tolerance)): FAILED"))
    if !ok { exit(1) }
  }

  static func relativeError(_ a: Double, _ b: Double) -> Double {
    let scale = max(abs(a), abs(b))
    return scale == 0 ? 0 : abs(a - b) / scale
  }

  /// Prints `name  (r,c)  values`, a column vector on one line (as its transpose), a matrix row by row.
  static func show(_ name: String, _ m: Matrix, indent: Int = 2, digits: Int = 6) {
    let head =
      String(repeating: " ", count: indent) + name.padding(toLength: 24, withPad: " ", startingAt: 0)
      + m.shape.padding(toLength: 7, withPad: " ", startingAt: 0)
    if m.cols == 1 {
      print(head + "[" + m.values.map { fixed($0, digits) }.joined(separator: ", ") + "]ᵀ")
      return
    }
    for r in 0..<m.rows {
      let row = "[" + (0..<m.cols).map { fixed(m[r, $0], digits) }.joined(separator: ", ") + "]"
      print((r == 0 ? head : String(repeating: " ", count: head.count)) + row)
    }
  }
}

// MARK: - Formatting

/// `value` with `digits` decimals and an explicit sign, so columns line up.
func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%+.\(digits)f", value) }

func scientific(_ value: Double) -> String { String(format: "%.1e", value) }

/// A layer number as a superscript (NNDL writes δˡ, wˡ).
func sup(_ n: Int) -> String {
  let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
  return String(String(n).map { digits[Int(String($0))!] })
}

// MARK: - A small matrix (row-major Double), enough for network.py's algebra

struct Matrix {
  var rows: Int
  var cols: Int
  var values: [Double]

  init(_ rowsOfValues: [[Double]]) {
    rows = rowsOfValues.count
    cols = rowsOfValues[0].count
    values = rowsOfValues.flatMap { $0 }
  }

  init(column: [Double]) {
    rows = column.count
    cols = 1
    values = column
  }

  static func generate(rows: Int, cols: Int, _ f: (Int, Int) -> Double) -> Matrix {
    Matrix((0..<rows).map { r in (0..<cols).map { c in f(r, c) } })
  }

  /// numpy's `.shape`, e.g. `(2,1)`.
  var shape: String { "(\(rows),\(cols))" }

  subscript(r: Int, c: Int) -> Double {
    get { values[r * cols + c] }
    set { values[r * cols + c] = newValue }
  }

  var transposed: Matrix { .generate(rows: cols, cols: rows) { r, c in self[c, r] } }

  /// `np.dot`: (n,k)·(k,m) → (n,m).
  func dot(_ other: Matrix) -> Matrix {
    precondition(cols == other.rows, "shapes \(shape) and \(other.shape) do not chain")
    return .generate(rows: rows, cols: other.cols) { r, c in
      (0..<cols).reduce(0) { $0 + self[r, $1] * other[$1, c] }
    }
  }

  func map(_ f: (Double) -> Double) -> Matrix {
    var m = self
    m.values = values.map(f)
    return m
  }

  /// Elementwise with another matrix of the same shape (`+`, `−`, and `⊙`, the Hadamard product).
  func zipWith(_ other: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    precondition(shape == other.shape, "shapes \(shape) and \(other.shape) differ")
    var m = self
    m.values = zip(values, other.values).map(f)
    return m
  }

  static func + (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, +) }
  static func - (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, -) }
  /// The Hadamard (elementwise) product s ⊙ t.
  static func ⊙ (a: Matrix, b: Matrix) -> Matrix { a.zipWith(b, *) }
}

infix operator ⊙ : MultiplicationPrecedence

// MARK: - The network (network.py, quadratic cost)

func sigmoid(_ z: Double) -> Double { 1 / (1 + exp(-z)) }
func sigmoidPrime(_ z: Double) -> Double { sigmoid(z) * (1 - sigmoid(z)) }

struct Network {
  var weights: [Matrix]
  var biases: [Matrix]

  /// Layers including the input layer: NNDL's L.
  var layerCount: Int { weights.count + 1 }

  /// Every weighted input zˡ and activation aˡ (activations[0] is the input).
  struct Pass {
    var zs: [Matrix] = []
    var activations: [Matrix] = []
  }

  func feedforward(_ x: Matrix) -> Pass {
    var pass = Pass(activations: [x])
    for (w, b) in zip(weights, biases) {
      let z = w.dot(pass.activations.last!) + b  // (n_l, n_{l-1})·(n_{l-1}, 1) + (n_l, 1) → (n_l, 1)
      pass.zs.append(z)
      pass.activations.append(z.map(sigmoid))
    }
    return pass
  }

  /// The quadratic cost C = ½‖aᴸ − y‖² (network.py's `cost_derivative` is its gradient aᴸ − y).
  func cost(_ x: Matrix, _ y: Matrix) -> Double {
    let a = feedforward(x).activations.last!
    return 0.5 * (a - y).values.reduce(0) { $0 + $1 * $1 }
  }

  /// One backward-pass line: which equation, what it computes, and the network.py line it is.
  struct Line {
    var label: String
    var equation: String
    var operands: [(String, Matrix)]
    var python: String
  }

  /// network.py's `backprop` for one (x, y), reporting each line as it goes.
  func backprop(_ pass: Pass, _ y: Matrix, report: (Line) -> Void) -> (weights: [Matrix], biases: [Matrix]) {
    let L = layerCount
    var nablaW = weights.map { $0.map { _ in 0 } }
    var nablaB = biases.map { $0.map { _ in 0 } }

    // BP1: the output error.
    let gradA = pass.activations[L - 1] - y
    let spL = pass.zs[L - 2].map(sigmoidPrime)
    var delta = gradA ⊙ spL
    report(
      Line(
        label: "BP1", equation: "δᴸ = ∇ₐC ⊙ σ′(zᴸ)   the output error, elementwise",
        operands: [
          ("∇ₐC = a\(sup(L)) − y", gradA), ("σ′(z\(sup(L)))", spL),
          ("δ\(sup(L)) = ∇ₐC ⊙ σ′(z\(sup(L)))", delta),
        ],
        python: "delta = self.cost_derivative(activations[-1], y) * sigmoid_prime(zs[-1])"))
    for l in stride(from: L, through: 2, by: -1) {
      let i = l - 2
      let back = L - l + 1  // network.py's negative index: layer l is [-back]
      if l < L {
        // BP2: move the error one layer back through the transposed weights.
        let sp = pass.zs[i].map(sigmoidPrime)
        let wT = weights[i + 1].transposed
        let propagated = wT.dot(delta)
        let shapes = "\(wT.shape)·\(delta.shape) → \(propagated.shape), then ⊙ \(sp.shape)"
        delta = propagated ⊙ sp
        report(
          Line(
            label: "BP2", equation: "δˡ = ((wˡ⁺¹)ᵀδˡ⁺¹) ⊙ σ′(zˡ)   here l = \(l): \(shapes)",
            operands: [
              ("(w\(sup(l + 1)))ᵀδ\(sup(l + 1))", propagated), ("σ′(z\(sup(l)))", sp),
              ("δ\(sup(l))", delta),
            ],
            python: "delta = np.dot(self.weights[-l+1].transpose(), delta) * sp   (network.py's l = \(back))")
        )
      }
      // BP3 and BP4: the gradients of this layer's parameters.
      nablaB[i] = delta
      report(
        Line(
          label: "BP3", equation: "∂C/∂bˡ = δˡ   here l = \(l)", operands: [("∂C/∂b\(sup(l))", nablaB[i])],
          python: "nabla_b[-\(back)] = delta"))
      let aPrevT = pass.activations[l - 2].transposed
      nablaW[i] = delta.dot(aPrevT)
      report(
        Line(
          label: "BP4",
          equation:
            "∂C/∂wˡ = δˡ·(aˡ⁻¹)ᵀ   here l = \(l): \(delta.shape)·\(aPrevT.shape) → \(nablaW[i].shape)",
          operands: [("∂C/∂w\(sup(l))", nablaW[i])],
          python: "nabla_w[-\(back)] = np.dot(delta, activations[-\(back + 1)].transpose())"))
    }
    return (nablaW, nablaB)
  }
}
