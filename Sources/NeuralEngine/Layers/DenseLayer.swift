import CKernels

/// A fully connected layer `z = x·W + b`, its activation, and optional inverted dropout.
///
/// Shapes (B = rows in the batch): input x (B, n_in), W (n_in, n_out),
/// b (1, n_out), z and a (B, n_out). Every buffer is allocated once with room
/// for the largest batch, so forward and backward allocate nothing.
final class DenseLayer {
  let inputs: Int
  let outputs: Int
  /// The activation σ of a hidden layer; output layers use `OutputActivation` via the loss.
  let activation: Activation
  /// L1 and L2 strengths on the weights; live settings, so they may change between batches.
  var l1: Float
  var l2: Float
  /// Dropout rate p applied to this layer's output in training (hidden layers only); set with
  /// `setDropout`, which allocates the mask the first time the rate leaves 0.
  private(set) var dropoutRate: Float

  let weights: Matrix  // (n_in, n_out)
  let biases: Matrix  // (1, n_out)
  let weightGradient: Matrix  // ∂C/∂W, (n_in, n_out)
  let biasGradient: Matrix  // ∂C/∂b, (1, n_out)

  let z: Matrix  // weighted input zˡ, (B, n_out)
  let a: Matrix  // activation aˡ = σ(zˡ), (B, n_out)
  /// What the next layer sees: `a` with dropout applied in training, else `a` itself.
  private(set) var output: Matrix
  private(set) var dropped: Matrix?  // a ⊙ mask, (B, n_out)
  private(set) var mask: Matrix?  // 0 or 1/(1−p), (B, n_out)
  let delta: Matrix  // δˡ = ∂C/∂zˡ, (B, n_out)
  /// Where ∂C/∂x goes, (B, n_in): the layer below's `delta`, which its
  /// `hiddenDelta` then turns into δˡ⁻¹. Nil for the first layer, which needs no input gradient.
  let inputGradient: Matrix?

  /// The input of the last forward pass (a matrix owned by the previous layer or the loader).
  private unowned(unsafe) var input: Matrix
  /// Splits the products and elementwise loops over threads (nil: all on the caller's thread).
  var splitter: WorkSplitter?

  init(
    inputs: Int, outputs: Int, activation: Activation, l1: Float, l2: Float, dropoutRate: Float,
    inputGradient: Matrix?, capacity: Int, placeholderInput: Matrix
  ) {
    self.inputs = inputs
    self.outputs = outputs
    self.activation = activation
    self.l1 = l1
    self.l2 = l2
    self.dropoutRate = dropoutRate
    weights = Matrix(rows: inputs, columns: outputs)
    biases = Matrix(rows: 1, columns: outputs)
    weightGradient = Matrix(rows: inputs, columns: outputs)
    biasGradient = Matrix(rows: 1, columns: outputs)
    z = Matrix(rows: 0, columns: outputs, capacityRows: capacity)
    a = Matrix(rows: 0, columns: outputs, capacityRows: capacity)
    delta = Matrix(rows: 0, columns: outputs, capacityRows: capacity)
    precondition(inputGradient.map { $0.columns == inputs && $0.capacityRows >= capacity } ?? true)
    self.inputGradient = inputGradient
    output = a
    input = placeholderInput
    setDropout(dropoutRate)
  }

  /// Sets the dropout rate (a live setting): from the next forward pass on, kept units are
  /// scaled by 1/(1−p); 0 turns dropout off without touching the random stream.
  func setDropout(_ rate: Float) {
    dropoutRate = rate
    if rate > 0 && mask == nil {
      let capacity = z.capacityRows
      dropped = Matrix(rows: 0, columns: outputs, capacityRows: capacity)
      mask = Matrix(rows: 0, columns: outputs, capacityRows: capacity)
    }
  }

  var parameterCount: Int { inputs * outputs + outputs }

  // MARK: - Forward

  /// `zˡ = aˡ⁻¹·Wˡ + bˡ` (NNDL eq. 25 in row-vector form). (B, n_in) → (B, n_out)
  func forwardLinear(_ x: Matrix) {
    input = x
    BLAS.gemm(x, weights, into: z, splitter: splitter)
    let (zp, bp, n) = (z.pointer, biases.pointer, outputs)
    each(z.count, alignment: n) { r in tt_add_row_vector(zp + r.lowerBound, bp, r.count / n, n) }
  }

  /// `body` over `0..<count` in one range per thread of `splitter` (whole on this thread without
  /// one, or for a short loop); range bounds are multiples of `alignment`.
  private func each(_ count: Int, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
    guard let splitter else { return body(0..<count) }
    splitter.forEachRange(of: count, alignment: alignment, body)
  }

  /// A hidden layer's forward pass: `aˡ = σ(zˡ)`, then dropout when training.
  ///
  /// Inverted dropout (Keras): each unit is kept with probability 1−p and scaled
  /// by 1/(1−p), so inference needs no rescaling.
  func forwardHidden(_ x: Matrix, training: Bool, resampleMask: Bool, rng: inout Xoshiro256) {
    forwardLinear(x)
    a.rows = z.rows
    let (zp, ap, activation) = (z.pointer, a.pointer, activation)
    each(z.count) { r in activation.apply(zp + r.lowerBound, into: ap + r.lowerBound, count: r.count) }
    guard training, dropoutRate > 0, let mask, let dropped else {
      output = a
      return
    }
    let count = a.count
    mask.rows = a.rows
    dropped.rows = a.rows
    // One random stream, in order: the mask is drawn on this thread whatever the thread count.
    if resampleMask { Self.sampleMask(mask.pointer, count: count, rate: dropoutRate, rng: &rng) }
    let (dp, ap2, mp) = (dropped.pointer, a.pointer, mask.pointer)
    each(count) { r in tt_multiply(dp + r.lowerBound, ap2 + r.lowerBound, mp + r.lowerBound, r.count) }
    output = dropped
  }

  // MARK: - Backward

  /// Turns ∂C/∂(output) — already in `delta` — into δˡ = ∂C/∂zˡ for a hidden layer.
  ///
  /// BP2, second half: `δˡ = (∂C/∂aˡ) ⊙ σ′(zˡ)`, with the dropout mask applied first.
  func hiddenDelta(training: Bool) {
    let (dp, zp, ap, activation) = (delta.pointer, z.pointer, a.pointer, activation)
    let mp = training && dropoutRate > 0 ? mask?.pointer : nil
    each(delta.count) { r in
      let i = r.lowerBound
      if let mp { tt_multiply(dp + i, dp + i, mp + i, r.count) }
      activation.multiplyByDerivative(dp + i, z: zp + i, a: ap + i, count: r.count)
    }
  }

  /// From δˡ (in `delta`) computes the parameter gradients and, unless this is
  /// the first layer, ∂C/∂aˡ⁻¹ for the layer below.
  ///
  /// - BP3: `∂C/∂bˡ = Σ_batch δˡ`
  /// - BP4: `∂C/∂Wˡ = (aˡ⁻¹)ᵀ · δˡ`, plus the regularizers' gradients
  ///   `2·l2·W + l1·sign(W)` (Keras semantics: biases unregularized)
  /// - BP2, first half: `∂C/∂aˡ⁻¹ = δˡ · (Wˡ)ᵀ`
  func backward() {
    BLAS.gemm(input, delta, into: weightGradient, transposeA: true, splitter: splitter)  // BP4
    tt_column_sums(biasGradient.pointer, delta.pointer, delta.rows, outputs)  // BP3
    addRegularizationGradient()
    if let inputGradient {
      // BP2 (first half)
      BLAS.gemm(delta, weights, into: inputGradient, transposeB: true, splitter: splitter)
    }
  }

  /// Fills `mask` with 1/(1−p) (kept, probability 1−p) or 0 (dropped).
  ///
  /// Each 64-bit random number decides four units (16 bits each): plenty of
  /// resolution for a rate, and a quarter of the generator calls (tt_dropout_mask, in C).
  private static func sampleMask(
    _ mask: UnsafeMutablePointer<Float>, count: Int, rate: Float, rng: inout Xoshiro256
  ) {
    let scale = 1 / (1 - rate)
    let threshold = UInt32((Double(rate) * 65536).rounded())
    var state = (rng.s0, rng.s1, rng.s2, rng.s3)
    withUnsafeMutableBytes(of: &state) { bytes in
      tt_dropout_mask(mask, count, bytes.baseAddress!.assumingMemoryBound(to: UInt64.self), threshold, scale)
    }
    (rng.s0, rng.s1, rng.s2, rng.s3) = state
  }

  // MARK: - Regularization

  /// `l1·Σ|w| + l2·Σw²` (Keras `L1L2`: no ½, no /n).
  func penalty() -> Float {
    var total: Float = 0
    if l2 > 0 { total += l2 * BLAS.sumOfSquares(weights.pointer, count: weights.count) }
    if l1 > 0 { total += l1 * BLAS.sumOfMagnitudes(weights.pointer, count: weights.count) }
    return total
  }

  private func addRegularizationGradient() {
    guard l1 > 0 || l2 > 0 else { return }
    let w = weights.pointer
    let g = weightGradient.pointer
    let twoL2 = 2 * l2
    let l1 = self.l1
    each(weights.count) { r in
      for i in r {
        let sign: Float = w[i] > 0 ? 1 : (w[i] < 0 ? -1 : 0)
        g[i] += twoL2 * w[i] + l1 * sign
      }
    }
  }
}
