import Foundation

extension InitializerKind {
  /// Fills a layer's weights (n_in × n_out) and biases (1 × n_out).
  ///
  /// - SeeAlso: Glorot & Bengio 2010; He et al. 2015; NNDL `network2.py`
  ///   `default_weight_initializer` and `large_weight_initializer`.
  func initialize(weights: Matrix, biases: Matrix, using rng: inout Xoshiro256) {
    let nIn = Double(weights.rows)
    let nOut = Double(weights.columns)
    let w = weights.buffer
    let b = biases.buffer
    switch self {
    case .glorot:
      let limit = (6 / (nIn + nOut)).squareRoot()
      for i in w.indices { w[i] = Float((Double(rng.nextFloat()) * 2 - 1) * limit) }
      b.update(repeating: 0)
    case .he:
      let sigma = (2 / nIn).squareRoot()
      for i in w.indices {
        var g = Double(rng.nextGaussian())
        while abs(g) > 2 { g = Double(rng.nextGaussian()) }  // truncated at 2σ, like Keras
        w[i] = Float(g * sigma)
      }
      b.update(repeating: 0)
    case .nndl:
      let scale = 1 / nIn.squareRoot()
      for i in w.indices { w[i] = Float(Double(rng.nextGaussian()) * scale) }
      for i in b.indices { b[i] = rng.nextGaussian() }
    case .large:
      for i in w.indices { w[i] = rng.nextGaussian() }
      for i in b.indices { b[i] = rng.nextGaussian() }
    }
  }
}
