import Foundation

/// SplitMix64: a tiny, fast generator used to expand one `UInt64` seed into
/// the 256-bit state of ``Xoshiro256``.
///
/// Seeding Xoshiro directly from a small integer (0, 1, 42…) would give a
/// state with mostly zero bits and poor first outputs; SplitMix64 spreads
/// those bits out, which is what the xoshiro authors recommend.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public var state: UInt64

  public init(seed: UInt64) { state = seed }

  @inlinable
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// xoshiro256**: the seeded generator for everything random in training
/// (synthetic data, validation splits, shuffles, dropout masks, initializers).
///
/// Why not `SystemRandomNumberGenerator`: runs must be reproducible from
/// `--seed`, so that two runs differing in one hyperparameter differ only
/// because of it. xoshiro256** is fast (a few shifts and a multiply per
/// 64 bits), has a 2²⁵⁶−1 period and passes BigCrush.
public struct Xoshiro256: RandomNumberGenerator, Sendable {
  @usableFromInline var s0: UInt64
  @usableFromInline var s1: UInt64
  @usableFromInline var s2: UInt64
  @usableFromInline var s3: UInt64
  /// The second value of the last Box–Muller pair, returned by the next
  /// ``nextGaussian()`` call so no random bits are wasted.
  @usableFromInline var spareGaussian: Float?

  /// A generator whose whole sequence is determined by `seed`.
  public init(seed: UInt64) {
    var mixer = SplitMix64(seed: seed)
    s0 = mixer.next()
    s1 = mixer.next()
    s2 = mixer.next()
    s3 = mixer.next()
    spareGaussian = nil
  }

  @inlinable
  public mutating func next() -> UInt64 {
    let result = rotl(s1 &* 5, 7) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = rotl(s3, 45)
    return result
  }

  @inlinable
  func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 &- k)) }

  /// A uniform `Float` in [0, 1), from the top 24 bits (a Float's full precision).
  @inlinable
  public mutating func nextFloat() -> Float {
    Float(next() >> 40) * 0x1p-24
  }

  /// A uniform `Double` in [0, 1), from the top 53 bits.
  @inlinable
  public mutating func nextDouble() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A standard normal sample (mean 0, standard deviation 1), by Box–Muller.
  ///
  /// Each pair of uniforms yields two independent normals; the second is
  /// kept for the next call. Used for weight initialization and noise.
  @inlinable
  public mutating func nextGaussian() -> Float {
    if let spare = spareGaussian {
      spareGaussian = nil
      return spare
    }
    // u1 in (0, 1] so that log(u1) is finite.
    let u1 = 1 - nextDouble()
    let u2 = nextDouble()
    let radius = (-2 * log(u1)).squareRoot()
    let angle = 2 * Double.pi * u2
    spareGaussian = Float(radius * sin(angle))
    return Float(radius * cos(angle))
  }

  /// A normal sample with the given mean and standard deviation.
  @inlinable
  public mutating func nextGaussian(mean: Float, standardDeviation: Float) -> Float {
    mean + standardDeviation * nextGaussian()
  }
}
