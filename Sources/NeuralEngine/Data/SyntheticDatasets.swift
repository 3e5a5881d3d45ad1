import Foundation

/// The built-in two-dimensional datasets, after TensorFlow Playground and
/// CS231n: nothing to download, instant to train on, and their decision
/// boundaries are easy to picture — the classroom case.
///
/// Every set has two features roughly in [-1, 1] (so a small MLP with
/// default initialization learns them without standardization) and
/// balanced classes: sample `i` has class `i % classCount`, so any prefix
/// (e.g. `--train-size`) stays balanced too.
///
/// `noise` means the same thing everywhere: the standard deviation of
/// Gaussian jitter added to each coordinate after the clean point is drawn
/// (0.1 ≈ a tenth of the data's radius; 0 gives clean shapes).
public enum SyntheticDataset: String, CaseIterable, Sendable {
  /// Interleaved spiral arms, one class per arm (2 by default, or 3 as in
  /// CS231n); each arm makes one full turn from the centre out to radius 1.
  /// The set a linear model cannot learn.
  case spiral
  /// Class 1 is a disc of radius 0.5, class 0 a ring from 0.7 to 1.0
  /// (TF Playground's "circle").
  case circles
  /// Four quadrants of [-1, 1]²: class 1 where x·y > 0, class 0 where x·y < 0;
  /// points keep 0.05 away from the axes before noise.
  case xor
  /// Two Gaussian blobs of spread 0.2 centred at (0.5, 0.5) (class 1) and
  /// (-0.5, -0.5) (class 0) — nearly linearly separable.
  case gaussian
  /// scikit-learn's `make_moons`: two interleaving half circles, rescaled
  /// by 1/1.5 and centred so x spans [-1, 1] and y spans [-0.5, 0.5].
  case moons

  /// One line for help text.
  public var summary: String {
    switch self {
    case .spiral: "interleaved spiral arms, one class per arm"
    case .circles: "a disc inside a ring"
    case .xor: "four quadrants, opposite corners share a class"
    case .gaussian: "two Gaussian blobs"
    case .moons: "two interleaving half circles"
    }
  }

  /// Generates `samples` points with two features and `Int32` labels.
  ///
  /// The same `seed` always gives the same points. Training and validation
  /// sets come from one generated set by ``Dataset/holdingOut(fraction:seed:source:)``,
  /// so they share a distribution, as in TF Playground's train/test ratio.
  ///
  /// - Parameter arms: the number of spiral arms (= classes), 2…8; ignored
  ///   by the other sets, which have 2 classes.
  public func generate(samples: Int, noise: Double = 0.1, seed: UInt64 = 0, arms: Int = 2) throws -> Dataset {
    let classes = self == .spiral ? arms : 2
    guard (2...8).contains(classes) else {
      throw DataError("spiral arms must be between 2 and 8 (got \(arms))")
    }
    guard samples >= 2 * classes else {
      throw DataError("\(rawValue): --samples must be at least \(2 * classes) (got \(samples))")
    }
    guard noise >= 0, noise.isFinite else {
      throw DataError("\(rawValue): --noise must be a finite number ≥ 0 (got \(noise))")
    }
    var random = Xoshiro256(seed: seed)
    var features = [Float]()
    features.reserveCapacity(2 * samples)
    var labels = [Int32]()
    labels.reserveCapacity(samples)
    let sigma = Float(noise)
    for i in 0..<samples {
      let label = i % classes
      var (x, y) = point(label: label, classes: classes, random: &random)
      if sigma > 0 {
        x += sigma * random.nextGaussian()
        y += sigma * random.nextGaussian()
      }
      features.append(x)
      features.append(y)
      labels.append(Int32(label))
    }
    return Dataset(
      name: rawValue, storage: .floats(features), featureCount: 2, labels: labels, classCount: classes,
      classNames: (0..<classes).map { "class \($0)" })
  }

  /// A clean (noise-free) point of class `label`.
  private func point(label: Int, classes: Int, random: inout Xoshiro256) -> (Float, Float) {
    switch self {
    case .spiral:
      let u = random.nextFloat()
      let angle = 2 * Float.pi * (Float(label) / Float(classes) + u)
      return (u * cos(angle), u * sin(angle))
    case .circles:
      let radius = label == 1 ? 0.5 * random.nextFloat() : 0.7 + 0.3 * random.nextFloat()
      let angle = 2 * Float.pi * random.nextFloat()
      return (radius * cos(angle), radius * sin(angle))
    case .xor:
      let sx: Float = random.next() & 1 == 0 ? 1 : -1
      // Class 1: same signs (quadrants I and III); class 0: opposite signs.
      let sy: Float = label == 1 ? sx : -sx
      return (sx * (0.05 + 0.95 * random.nextFloat()), sy * (0.05 + 0.95 * random.nextFloat()))
    case .gaussian:
      let centre: Float = label == 1 ? 0.5 : -0.5
      return (centre + 0.2 * random.nextGaussian(), centre + 0.2 * random.nextGaussian())
    case .moons:
      let t = Float.pi * random.nextFloat()
      let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
      return ((x - 0.5) / 1.5, (y - 0.25) / 1.5)
    }
  }
}
