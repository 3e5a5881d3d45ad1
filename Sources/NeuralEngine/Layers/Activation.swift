import CKernels
import Foundation

/// An elementwise activation function σ and its derivative σ′.
///
/// The derivative is computed from the layer's output `a = σ(z)` where that is
/// cheaper (sigmoid: a(1−a), tanh: 1−a²), otherwise from `z`.
public enum Activation: String, CaseIterable, Codable, Sendable {
  case relu
  case sigmoid
  case tanh
  case leakyRelu = "leaky-relu"
  case elu
  case linear

  /// Keras's LeakyReLU slope for z < 0 (Keras 3 default negative_slope 0.3 is
  /// for the layer; `leaky_relu` activation uses 0.2). We use 0.2.
  static let leakySlope: Float = 0.2
  /// ELU's α (Keras default 1.0): z ≥ 0 ↦ z, z < 0 ↦ α(eᶻ − 1).
  static let eluAlpha: Float = 1

  /// `a ← σ(z)` for `count` values.
  func apply(_ z: UnsafePointer<Float>, into a: UnsafeMutablePointer<Float>, count: Int) {
    switch self {
    case .relu:
      tt_relu(a, z, count)
    case .sigmoid:
      for i in 0..<count { a[i] = Self.sigmoid(z[i]) }
    case .tanh:
      for i in 0..<count { a[i] = Foundation.tanh(z[i]) }
    case .leakyRelu:
      let s = Self.leakySlope
      for i in 0..<count { a[i] = z[i] >= 0 ? z[i] : s * z[i] }
    case .elu:
      let alpha = Self.eluAlpha
      for i in 0..<count { a[i] = z[i] >= 0 ? z[i] : alpha * (expf(z[i]) - 1) }
    case .linear:
      if UnsafePointer(a) != z { a.update(from: z, count: count) }
    }
  }

  /// `g ← g ⊙ σ′(z)`, in place, given both `z` and `a = σ(z)`.
  ///
  /// This is the `⊙ σ′(zˡ)` factor of NNDL's BP1 and BP2.
  func multiplyByDerivative(
    _ g: UnsafeMutablePointer<Float>, z: UnsafePointer<Float>, a: UnsafePointer<Float>, count: Int
  ) {
    switch self {
    case .relu:
      tt_relu_backward(g, z, count)
    case .sigmoid:
      for i in 0..<count { g[i] *= a[i] * (1 - a[i]) }
    case .tanh:
      for i in 0..<count { g[i] *= 1 - a[i] * a[i] }
    case .leakyRelu:
      let s = Self.leakySlope
      for i in 0..<count { g[i] *= z[i] > 0 ? 1 : s }
    case .elu:
      let alpha = Self.eluAlpha
      // For z < 0: d/dz α(eᶻ−1) = αeᶻ = a + α.
      for i in 0..<count { g[i] *= z[i] > 0 ? 1 : a[i] + alpha }
    case .linear:
      break
    }
  }

  /// The logistic function, written to stay finite for large |z|.
  @inline(__always) static func sigmoid(_ z: Float) -> Float {
    if z >= 0 {
      return 1 / (1 + expf(-z))
    } else {
      let e = expf(z)
      return e / (1 + e)
    }
  }
}
