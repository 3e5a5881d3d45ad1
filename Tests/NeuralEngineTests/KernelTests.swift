import CKernels
import Foundation
import Testing

@testable import NeuralEngine

/// The C kernels against plain Swift written from the same formulas: equal to the last bit, so
/// that the vector width the CPU picks at load time (AVX-512, AVX2 or SSE2 for the update loops)
/// and the move of the dropout mask from Swift to C change no result.
@Suite("Elementwise kernels")
struct KernelTests {
  /// Random floats in −scale…scale, `count` of them (a count that is no multiple of a vector
  /// width exercises the loops' tails).
  static func random(_ count: Int, seed: UInt64, scale: Float = 1) -> [Float] {
    var rng = Xoshiro256(seed: seed)
    return (0..<count).map { _ in (rng.nextFloat() * 2 - 1) * scale }
  }

  /// How many elements differ in their bits (a short message when a test fails, not 1000 floats).
  static func differing(_ a: [Float], _ b: [Float]) -> Int {
    a.count == b.count ? zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count : max(a.count, b.count)
  }

  @Test("Adam's update equals the formula in Swift, to the last bit, over 40 steps")
  func adamUpdate() {
    let count = 1001
    var w = Self.random(count, seed: 1)
    var m = [Float](repeating: 0, count: count)
    var v = [Float](repeating: 0, count: count)
    var (rw, rm, rv) = (w, m, v)
    let (b1, b2, eps): (Float, Float, Float) = (0.1, 0.001, 1e-7)
    for step in 0..<40 {
      let g = Self.random(count, seed: 100 + UInt64(step), scale: 0.01)
      // lr·√(1−β₂ᵗ)/(1−β₁ᵗ), as Optimizer.step folds the bias correction in.
      let t = Double(step + 1)
      let correction: Double = (1 - Foundation.pow(0.999, t)).squareRoot() / (1 - Foundation.pow(0.9, t))
      let alpha = Float(0.001 * correction)
      tt_adam_update(&w, g, &m, &v, count, alpha, b1, b2, eps)
      // Kingma & Ba, Algorithm 1, in Keras's form (CKernels.h); Swift contracts nothing into FMAs.
      for i in 0..<count {
        rm[i] = rm[i] + (g[i] - rm[i]) * b1
        rv[i] = rv[i] + (g[i] * g[i] - rv[i]) * b2
        rw[i] -= alpha * rm[i] / (rv[i].squareRoot() + eps)
      }
    }
    #expect(Self.differing(w, rw) == 0)
    #expect(Self.differing(m, rm) == 0)
    #expect(Self.differing(v, rv) == 0)
  }

  @Test("RMSprop's update equals the formula in Swift, to the last bit")
  func rmspropUpdate() {
    let count = 999
    var w = Self.random(count, seed: 2)
    var v = [Float](repeating: 0, count: count)
    var (rw, rv) = (w, v)
    for step in 0..<20 {
      let g = Self.random(count, seed: 200 + UInt64(step), scale: 0.01)
      tt_rmsprop_update(&w, g, &v, count, 0.001, 0.9, 1e-7)
      for i in 0..<count {
        rv[i] = 0.9 * rv[i] + (1 - 0.9) * g[i] * g[i]
        rw[i] -= 0.001 * g[i] / (rv[i] + 1e-7).squareRoot()
      }
    }
    #expect(Self.differing(w, rw) == 0)
    #expect(Self.differing(v, rv) == 0)
  }

  /// The mask as the engine drew it in Swift before the kernel: four units per 64-bit number,
  /// 16 bits each, lowest first; a last partial group drops its unused bits.
  static func referenceMask(count: Int, rate: Float, rng: inout Xoshiro256) -> [Float] {
    let scale = 1 / (1 - rate)
    let threshold = UInt64((Double(rate) * 65536).rounded())
    var mask = [Float](repeating: -1, count: count)
    var i = 0
    while i < count {
      var bits = rng.next()
      for _ in 0..<min(4, count - i) {
        mask[i] = (bits & 0xFFFF) >= threshold ? scale : 0
        bits >>= 16
        i += 1
      }
    }
    return mask
  }

  @Test(
    "the dropout mask is the one the Swift loop drew, and the generator ends where it did",
    arguments: [(1, 0.5), (3, 0.3), (4, 0.3), (1023, 0.3), (12_800, 0.2), (777, 0.999), (64, 0.0001)]
      as [(Int, Float)])
  func dropoutMask(count: Int, rate: Float) {
    var reference = Xoshiro256(seed: 42)
    let expected = Self.referenceMask(count: count, rate: rate, rng: &reference)
    var rng = Xoshiro256(seed: 42)
    var state = (rng.s0, rng.s1, rng.s2, rng.s3)
    var mask = [Float](repeating: -1, count: count)
    withUnsafeMutableBytes(of: &state) { bytes in
      tt_dropout_mask(
        &mask, count, bytes.baseAddress!.assumingMemoryBound(to: UInt64.self),
        UInt32((Double(rate) * 65536).rounded()), 1 / (1 - rate))
    }
    (rng.s0, rng.s1, rng.s2, rng.s3) = state
    #expect(Self.differing(mask, expected) == 0)
    #expect(rng.next() == reference.next())
    let kept = Double(mask.filter { $0 > 0 }.count) / Double(count)
    if count >= 10_000 { #expect(abs(kept - Double(1 - rate)) < 0.02, "kept \(kept)") }
  }
}
