import Foundation

extension Dataset {
  /// Splits the samples into a training set and a held-out validation set
  /// of `fraction` of them, chosen by a shuffle seeded with `seed`.
  ///
  /// Both parts keep the original sample order (only membership is random),
  /// so `--train-size` prefixes and printed samples stay readable. Used for
  /// CSV files and the built-in sets, which have no separate test split.
  ///
  /// - Throws: ``DataError`` when `fraction` is outside (0, 1) or the
  ///   dataset is too small to leave at least one sample on each side.
  public func holdingOut(fraction: Double, seed: UInt64, source: String) throws -> DataSplit {
    try Self.checkValidationFraction(fraction)
    let n = count
    let validationCount = max(1, Int((Double(n) * fraction).rounded()))
    guard n - validationCount >= 1 else {
      throw DataError(
        "\(source): \(n) sample\(n == 1 ? " is" : "s are") too few for a validation split of \(fraction) "
          + "(need at least one training and one validation sample)")
    }
    var order = Array(0..<n)
    var random = Xoshiro256(seed: seed)
    order.shuffle(using: &random)
    let validationIndices = order[0..<validationCount].sorted()
    let trainIndices = order[validationCount...].sorted()
    let base = Self.baseName(name)
    var train = selecting(trainIndices)
    train.name = "\(base) (train)"
    var validation = selecting(validationIndices)
    validation.name = "\(base) (validation)"
    return DataSplit(train: train, validation: validation)
  }

  /// Rejects a validation fraction outside the open interval (0, 1).
  static func checkValidationFraction(_ fraction: Double) throws {
    guard fraction > 0, fraction < 1 else {
      throw DataError("validation split \(fraction) is outside (0, 1): use a fraction such as 0.2")
    }
  }

  /// "spiral (train)" → "spiral".
  static func baseName(_ name: String) -> String {
    guard let open = name.range(of: " (", options: .backwards), name.hasSuffix(")") else { return name }
    return String(name[..<open.lowerBound])
  }
}
