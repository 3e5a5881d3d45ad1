/// How large a network the settings ask for, computed before anything is allocated.
///
/// `--hidden 1000000000` or a CSV of a million columns asked the allocator for terabytes and
/// aborted with a Swift runtime error. Every count here is multiplied with overflow checks, and
/// ``check()`` refuses a network whose buffers would pass ``maximumBytes`` with a message that
/// gives the size, the limit and what to change.
struct NetworkSize {
  /// The most memory a network's buffers may take: 4 GiB, about 250 million parameters trained
  /// with Adam, far beyond what trains at a watchable pace here (the seed's model has 100 000).
  static let maximumBytes = 4 << 30

  /// Weights and biases; nil when the count overflows an `Int`.
  let parameters: Int?
  /// Bytes of every buffer `Network` allocates; nil when the count overflows an `Int`.
  let bytes: Int?
  /// Bytes of the per-row buffers (activations, deltas, dropout masks) alone.
  let activationBytes: Int?

  /// - Parameters:
  ///   - capacity: the most rows a forward pass sees (the batch size or the evaluation chunk).
  init(_ h: Hyperparameters, inputs: Int, classes: Int, capacity: Int) {
    let sizes = [inputs] + h.hidden + [classes]
    var parameters: Int? = 0
    var rowFloats: Int? = inputs
    for (n, m) in zip(sizes, sizes.dropFirst()) {
      parameters = Self.add(parameters, Self.multiply(Self.add(n, 1), m))
      // z, a and δ, plus the dropout buffers (a ⊙ mask, mask) of hidden layers.
      rowFloats = Self.add(rowFloats, Self.multiply(m, h.dropout > 0 ? 5 : 3))
    }
    self.parameters = parameters
    // The parameters, their gradients and up to two optimizer moments (Adam), plus a copy for
    // --restore-best.
    let parameterFloats = Self.multiply(parameters, h.restoreBest ? 5 : 4)
    let activationFloats = Self.multiply(rowFloats, capacity)
    activationBytes = Self.multiply(activationFloats, 4)
    bytes = Self.multiply(Self.add(parameterFloats, activationFloats), 4)
  }

  /// Throws when the network would take more than ``maximumBytes``.
  func check(_ h: Hyperparameters, inputs: Int) throws(DataError) {
    if let bytes, bytes <= Self.maximumBytes { return }
    throw tooLarge(h, inputs: inputs)
  }

  private func tooLarge(_ h: Hyperparameters, inputs: Int) -> DataError {
    let layers =
      h.hidden.isEmpty ? "no hidden layer" : "hidden " + h.hidden.map(String.init).joined(separator: ",")
    let what = parameters.map { "\($0) parameters" } ?? "more parameters than can be counted"
    let size = bytes.map { "about \(ByteCount.text($0))" } ?? "more memory than can be counted"
    // Per-row buffers dominate with big batches (beyond the evaluation chunk, the batch sets
    // their rows); the parameters with wide layers.
    let rows = (activationBytes ?? 0) > (bytes ?? Int.max) / 2 && h.batchSize > Trainer.evaluationChunk
    let fix =
      rows ? "use a smaller --batch-size or smaller hidden layers" : "use fewer or smaller hidden layers"
    return DataError(
      "the network (\(inputs) inputs, \(layers)) has \(what) and needs \(size); "
        + "traintop's limit is \(ByteCount.text(Self.maximumBytes)): \(fix)")
  }

  private static func add(_ a: Int?, _ b: Int?) -> Int? {
    guard let a, let b else { return nil }
    let (sum, overflow) = a.addingReportingOverflow(b)
    return overflow ? nil : sum
  }

  private static func multiply(_ a: Int?, _ b: Int?) -> Int? {
    guard let a, let b else { return nil }
    let (product, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? nil : product
  }
}
