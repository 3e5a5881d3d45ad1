/// Settings that are fine as Doubles but not in the 32-bit floats training computes with.
///
/// A learning rate of 1e-300 became `Float` 0 and the run trained nothing without a word; 1e39
/// became infinity; a dropout of 0.99999999999 became 1, whose inverted-dropout scale 1/(1−p) is
/// infinite. The trainer also flushes subnormal floats to zero (see CKernels.h), so the
/// smallest usable magnitude is Float's smallest normal, 1.2e-38.
extension Hyperparameters {
  /// The smallest non-zero magnitude a rate, strength or weight may have.
  public static let smallestFloat = Double(Float.leastNormalMagnitude)
  /// The largest magnitude.
  public static let largestFloat = Double(Float.greatestFiniteMagnitude)

  /// Throws for a value that 32-bit floats turn into 0, 1 or infinity, giving the limit.
  func validateFloatRange() throws(DataError) {
    func check(_ name: String, _ value: Double, zeroAllowed: Bool) throws(DataError) {
      if abs(value) > Self.largestFloat {
        throw DataError(
          "\(name) \(value) is beyond the 32-bit floats training uses (at most 3.4e+38); use a smaller value")
      }
      if value != 0 && abs(value) < Self.smallestFloat {
        throw DataError(
          "\(name) \(value) rounds to 0 in the 32-bit floats training uses; use \(zeroAllowed ? "0 or " : "")"
            + "at least 1.2e-38")
      }
    }
    func checkBelowOne(_ name: String, _ value: Double) throws(DataError) {
      if Float(value) >= 1 {
        throw DataError(
          "\(name) \(value) rounds to 1 in the 32-bit floats training uses; use at most 0.9999999")
      }
    }
    if let learningRate { try check("learning rate", learningRate, zeroAllowed: false) }
    try check("momentum", momentum, zeroAllowed: true)
    try checkBelowOne("momentum", momentum)
    try check("dropout", dropout, zeroAllowed: true)
    try checkBelowOne("dropout", dropout)
    for (name, value) in [
      ("l1-hidden", l1Hidden), ("l2-hidden", l2Hidden), ("l1-output", l1Output), ("l2-output", l2Output),
    ] {
      try check(name, value, zeroAllowed: true)
    }
    for case let (name, value?) in [("initial weight", initialWeight), ("initial bias", initialBias)] {
      try check(name, value, zeroAllowed: true)
    }
  }
}
