import Foundation

/// The output layer's activation together with the cost C: its value per
/// sample, and δᴸ = ∂C/∂zᴸ (NNDL BP1) for the batch mean.
///
/// Targets are integer class labels, read as one-hot vectors y.
struct OutputCost {
  let output: OutputActivation
  let loss: LossKind

  /// Sums over a batch: the per-sample losses and the number of correct predictions.
  struct BatchResult {
    var lossSum: Double = 0
    var correct: Int = 0
  }

  /// Applies the output activation (`layer.z` → `layer.a`), adds up the cost and
  /// the hits, and when `computeDelta` writes δᴸ for the mean cost into `layer.delta`.
  func evaluate(_ layer: DenseLayer, labels: UnsafePointer<Int32>, computeDelta: Bool) -> BatchResult {
    let rows = layer.z.rows
    let n = layer.outputs
    layer.a.rows = rows
    if computeDelta { layer.delta.rows = rows }
    let invB = 1 / Float(max(rows, 1))
    var result = BatchResult()
    for r in 0..<rows {
      let z = layer.z.pointer + r * n
      let a = layer.a.pointer + r * n
      let y = Int(labels[r])
      result.lossSum += activateAndMeasure(z: z, a: a, n: n, label: y)
      if n == 1 {
        // One output unit: a binary prediction against the label as 0 or 1.
        if (a[0] >= 0.5 ? 1 : 0) == y { result.correct += 1 }
      } else {
        var best = 0
        for j in 1..<n where a[j] > a[best] { best = j }
        if best == y { result.correct += 1 }
      }
      if computeDelta { writeDelta(a: a, into: layer.delta.pointer + r * n, n: n, label: y, scale: invB) }
    }
    return result
  }

  /// One sample: `a = output(z)`, returns C(a, y).
  private func activateAndMeasure(
    z: UnsafePointer<Float>, a: UnsafeMutablePointer<Float>, n: Int, label y: Int
  ) -> Double {
    switch output {
    case .softmax:
      var maxZ = -Float.infinity
      for j in 0..<n { maxZ = max(maxZ, z[j]) }
      var sum: Float = 0
      for j in 0..<n {
        a[j] = expf(z[j] - maxZ)
        sum += a[j]
      }
      let inv = 1 / sum
      for j in 0..<n { a[j] *= inv }
      switch loss {
      case .crossEntropy:
        // −ln aᵧ = log Σ eᶻ − zᵧ, computed without forming ln of a tiny probability.
        return Double(logf(sum) + maxZ - z[y])
      case .quadratic:
        return quadratic(a: a, n: n, label: y)
      }
    case .sigmoid:
      for j in 0..<n { a[j] = Activation.sigmoid(z[j]) }
      switch loss {
      case .crossEntropy:
        // NNDL CrossEntropyCost: Σⱼ −yⱼ ln aⱼ − (1−yⱼ) ln(1−aⱼ), from logits:
        // max(z,0) − z·y + ln(1 + e^−|z|).
        var c: Float = 0
        for j in 0..<n {
          let yj = target(j, y, n)
          c += max(z[j], 0) - z[j] * yj + log1pf(expf(-abs(z[j])))
        }
        return Double(c)
      case .quadratic:
        return quadratic(a: a, n: n, label: y)
      }
    }
  }

  /// The target yⱼ: one-hot for several outputs; for a single output unit the
  /// label itself (0 or 1), as in NNDL's one-neuron examples.
  @inline(__always) private func target(_ j: Int, _ label: Int, _ n: Int) -> Float {
    n == 1 ? Float(label) : (j == label ? 1 : 0)
  }

  /// NNDL QuadraticCost: ½‖a − y‖².
  private func quadratic(a: UnsafePointer<Float>, n: Int, label y: Int) -> Double {
    var c: Float = 0
    for j in 0..<n {
      let d = a[j] - target(j, y, n)
      c += d * d
    }
    return Double(c / 2)
  }

  /// BP1: δᴸ = ∇ₐC ⊙ σ′(zᴸ), divided by the batch size B for the mean cost.
  ///
  /// Cross-entropy with its matching output (softmax or sigmoid) collapses to
  /// `a − y` (NNDL eq. 66; CrossEntropyCost.delta). Quadratic cost keeps the
  /// σ′ factor (QuadraticCost.delta); for softmax that is the Jacobian product
  /// `δᵢ = aᵢ(gᵢ − Σⱼ gⱼaⱼ)` with g = a − y.
  private func writeDelta(
    a: UnsafePointer<Float>, into d: UnsafeMutablePointer<Float>, n: Int, label y: Int, scale: Float
  ) {
    switch (loss, output) {
    case (.crossEntropy, _):
      for j in 0..<n { d[j] = (a[j] - target(j, y, n)) * scale }
    case (.quadratic, .sigmoid):
      for j in 0..<n { d[j] = (a[j] - target(j, y, n)) * a[j] * (1 - a[j]) * scale }
    case (.quadratic, .softmax):
      var dot: Float = 0
      for j in 0..<n { dot += (a[j] - target(j, y, n)) * a[j] }
      for j in 0..<n { d[j] = a[j] * ((a[j] - target(j, y, n)) - dot) * scale }
    }
  }
}
