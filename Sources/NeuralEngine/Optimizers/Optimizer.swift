import CKernels
import Foundation

/// Updates parameters from their gradients; holds per-parameter state (velocity, moments).
///
/// Each parameter tensor is registered once; `step` then runs the update
/// rule over flat float arrays with no allocation.
final class Optimizer {
  let kind: OptimizerKind
  /// The learning rate, η (a live setting: it may change between steps).
  var learningRate: Float
  /// Momentum coefficient μ for `.momentum` (Keras SGD `momentum`; live, like η).
  var momentum: Float
  let nesterov: Bool
  /// Adam β₁, β₂ and ε: Keras defaults 0.9, 0.999, 1e-7 (Kingma & Ba use 1e-8).
  let beta1: Float = 0.9
  let beta2: Float = 0.999
  /// RMSprop ρ and ε: Keras defaults 0.9 and 1e-7.
  let rho: Float = 0.9
  let epsilon: Float = 1e-7

  private(set) var parameters: [(value: Matrix, gradient: Matrix)] = []
  private var firstMoments: [Matrix] = []  // Adam m, momentum velocity, RMSprop unused
  private var secondMoments: [Matrix] = []  // Adam v, RMSprop mean square
  /// Steps taken, t (Adam's bias correction).
  private(set) var iterations = 0
  /// Splits each large parameter's update over threads (nil: all on the caller's thread).
  var splitter: WorkSplitter?

  init(kind: OptimizerKind, learningRate: Float, momentum: Float = 0.9, nesterov: Bool = false) {
    self.kind = kind
    self.learningRate = learningRate
    self.momentum = momentum
    self.nesterov = nesterov
  }

  func register(_ value: Matrix, gradient: Matrix) {
    parameters.append((value, gradient))
    firstMoments.append(Matrix(rows: value.rows, columns: value.columns))
    secondMoments.append(Matrix(rows: value.rows, columns: value.columns))
  }

  /// One update of every registered parameter.
  func step() {
    iterations += 1
    let lr = learningRate
    switch kind {
    case .sgd:
      // w ← w − η·∇C (NNDL eq. 20; the 1/m is already in the batch-mean gradient).
      for p in parameters.indices {
        let w = parameters[p].value.pointer
        let g = parameters[p].gradient.pointer
        each(parameters[p].value.count) { r in
          for i in r { w[i] -= lr * g[i] }
        }
      }
    case .momentum:
      // Keras SGD: v ← μv − η∇; w ← w + v, or with Nesterov w ← w + μv − η∇.
      let mu = momentum
      for p in parameters.indices {
        let w = parameters[p].value.pointer
        let g = parameters[p].gradient.pointer
        let v = firstMoments[p].pointer
        let nesterov = self.nesterov
        each(parameters[p].value.count) { r in
          if nesterov {
            for i in r {
              v[i] = mu * v[i] - lr * g[i]
              w[i] += mu * v[i] - lr * g[i]
            }
          } else {
            for i in r {
              v[i] = mu * v[i] - lr * g[i]
              w[i] += v[i]
            }
          }
        }
      }
    case .adam:
      // Kingma & Ba 2015, Algorithm 1, in Keras's form:
      // α = η·√(1−β₂ᵗ)/(1−β₁ᵗ); m += (g−m)(1−β₁); v += (g²−v)(1−β₂); w −= α·m/(√v + ε).
      let t = Double(iterations)
      let alpha = Float(
        Double(lr) * (1 - pow(Double(beta2), t)).squareRoot() / (1 - pow(Double(beta1), t)))
      let b1 = 1 - beta1
      let b2 = 1 - beta2
      let eps = epsilon
      for p in parameters.indices {
        let (w, g) = (parameters[p].value.pointer, parameters[p].gradient.pointer)
        let (m, v) = (firstMoments[p].pointer, secondMoments[p].pointer)
        each(parameters[p].value.count) { r in
          let i = r.lowerBound
          tt_adam_update(w + i, g + i, m + i, v + i, r.count, alpha, b1, b2, eps)
        }
      }
    case .rmsprop:
      // Keras RMSprop: v ← ρv + (1−ρ)g²; w ← w − η·g/√(v + ε).
      let r = rho
      let eps = epsilon
      for p in parameters.indices {
        let (w, g, v) = (
          parameters[p].value.pointer, parameters[p].gradient.pointer, secondMoments[p].pointer
        )
        each(parameters[p].value.count) { range in
          let i = range.lowerBound
          tt_rmsprop_update(w + i, g + i, v + i, range.count, lr, r, eps)
        }
      }
    }
  }

  /// `body` over `0..<count`, in one range per thread of `splitter` when it has several.
  private func each(_ count: Int, _ body: (Range<Int>) -> Void) {
    guard let splitter else { return body(0..<count) }
    splitter.forEachRange(of: count, body)
  }
}
