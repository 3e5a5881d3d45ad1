/// A multilayer perceptron built from `Hyperparameters`: dense hidden layers
/// with an activation (and dropout), then a dense output layer with its cost.
///
/// Owns every buffer the training loop needs, sized once for the largest
/// batch; `trainBatch` gathers, runs forward and backward, and steps the
/// optimizer without allocating.
final class Network {
  let layers: [DenseLayer]
  let cost: OutputCost
  let optimizer: Optimizer
  /// The batch input, (capacity, n_features).
  let input: Matrix
  /// The batch labels.
  private let labels: UnsafeMutablePointer<Int32>
  let capacity: Int
  private var dropoutRandom: Xoshiro256
  /// Splits the work of each step over threads (nil: one thread); see ``WorkSplitter``.
  let splitter: WorkSplitter?

  /// - Parameters:
  ///   - capacity: the most rows a forward pass will see (max of batch size and evaluation chunk).
  ///   - splitter: the threads each step's work is split over; nil for one.
  init(_ h: Hyperparameters, inputs: Int, classes: Int, capacity: Int, splitter: WorkSplitter? = nil) {
    self.capacity = capacity
    self.splitter = splitter
    input = Matrix(rows: 0, columns: inputs, capacityRows: capacity)
    labels = .allocate(capacity: capacity)
    labels.initialize(repeating: 0, count: capacity)
    var initRandom = Xoshiro256(seed: h.seed)
    dropoutRandom = Xoshiro256(seed: h.seed &+ 0x5EED_D80F)
    var layers: [DenseLayer] = []
    let sizes = [inputs] + h.hidden + [classes]
    for l in 0..<(sizes.count - 1) {
      let isOutput = l == sizes.count - 2
      let layer = DenseLayer(
        inputs: sizes[l], outputs: sizes[l + 1], activation: isOutput ? .linear : h.activation,
        l1: Float(isOutput ? h.l1Output : h.l1Hidden), l2: Float(isOutput ? h.l2Output : h.l2Hidden),
        dropoutRate: isOutput ? 0 : Float(h.dropout), inputGradient: layers.last?.delta, capacity: capacity,
        placeholderInput: input)
      h.initializer.initialize(weights: layer.weights, biases: layer.biases, using: &initRandom)
      if let w = h.initialWeight { layer.weights.fill(Float(w)) }
      if let b = h.initialBias { layer.biases.fill(Float(b)) }
      layer.splitter = splitter
      layers.append(layer)
    }
    self.layers = layers
    cost = OutputCost(output: h.output, loss: h.loss)
    optimizer = Optimizer(
      kind: h.optimizer, learningRate: Float(h.effectiveLearningRate), momentum: Float(h.momentum),
      nesterov: h.nesterov)
    optimizer.splitter = splitter
    for layer in layers {
      optimizer.register(layer.weights, gradient: layer.weightGradient)
      optimizer.register(layer.biases, gradient: layer.biasGradient)
    }
  }

  deinit { labels.deallocate() }

  var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }

  /// Takes up a new value of a live setting before the next batch (`epochs` is the trainer's).
  func apply(_ setting: LiveSetting, _ value: Double) {
    let v = Float(value)
    let hidden = layers.dropLast()
    switch setting {
    case .learningRate: optimizer.learningRate = v
    case .momentum: optimizer.momentum = v
    case .dropout: for layer in hidden { layer.setDropout(v) }
    case .l1Hidden: for layer in hidden { layer.l1 = v }
    case .l2Hidden: for layer in hidden { layer.l2 = v }
    case .l1Output: outputLayer.l1 = v
    case .l2Output: outputLayer.l2 = v
    case .epochs: break
    }
  }
  var outputLayer: DenseLayer { layers[layers.count - 1] }

  /// Sum of every layer's L1/L2 penalty (added to the reported loss, Keras semantics).
  func penalty() -> Double { layers.reduce(0) { $0 + Double($1.penalty()) } }

  /// A copy of every weight and bias (for Keras's `restore_best_weights`).
  func parameterSnapshot() -> [[Float]] {
    layers.flatMap { [$0.weights.values, $0.biases.values] }
  }

  func restore(_ snapshot: [[Float]]) {
    for (l, layer) in layers.enumerated() {
      snapshot[2 * l].withUnsafeBufferPointer {
        layer.weights.pointer.update(from: $0.baseAddress!, count: $0.count)
      }
      snapshot[2 * l + 1].withUnsafeBufferPointer {
        layer.biases.pointer.update(from: $0.baseAddress!, count: $0.count)
      }
    }
  }

  // MARK: - Passes over `input`

  /// Forward through every layer; the output layer's `z` holds the logits.
  func forward(training: Bool, resampleDropout: Bool = true) {
    var x = input
    for layer in layers.dropLast() {
      layer.forwardHidden(x, training: training, resampleMask: resampleDropout, rng: &dropoutRandom)
      x = layer.output
    }
    outputLayer.forwardLinear(x)
  }

  /// Mean cost over the batch in `input`/labels plus the penalty, with every
  /// gradient filled in (BP1 at the output, then BP2–BP4 layer by layer).
  @discardableResult
  func computeGradients(training: Bool = true, resampleDropout: Bool = true) -> (loss: Double, correct: Int) {
    forward(training: training, resampleDropout: resampleDropout)
    let result = cost.evaluate(outputLayer, labels: labels, computeDelta: true)  // BP1
    for l in stride(from: layers.count - 1, through: 0, by: -1) {
      let layer = layers[l]
      if l < layers.count - 1 { layer.hiddenDelta(training: training) }  // BP2, ⊙ σ′(zˡ)
      layer.backward()  // BP3, BP4, and ∂C/∂aˡ⁻¹ into the layer below's delta
    }
    let rows = Double(max(input.rows, 1))
    return (result.lossSum / rows + penalty(), result.correct)
  }

  /// Loads a batch: features into `input`, labels alongside; starts fetching the rows of `next`
  /// (the following batch) into the caches.
  ///
  /// The thread that gathers a block of rows prefetches the same block of the next batch: the
  /// pool gives each thread the same blocks batch after batch, so the rows arrive in the cache
  /// of the core that will gather them.
  func load(
    _ data: Dataset, indices: UnsafeBufferPointer<Int>,
    next: UnsafeBufferPointer<Int> = .init(start: nil, count: 0)
  ) {
    precondition(indices.count <= capacity)
    input.rows = indices.count
    let (destination, d) = (input.pointer, input.columns)
    eachRows(indices.count) { rows in
      data.gather(UnsafeBufferPointer(rebasing: indices[rows]), into: destination + rows.lowerBound * d)
      let ahead = rows.clamped(to: 0..<next.count)
      if !ahead.isEmpty { data.prefetch(UnsafeBufferPointer(rebasing: next[ahead])) }
    }
    loadLabels(data, indices: indices)
  }

  /// Loads consecutive samples (the evaluation pass).
  func load(_ data: Dataset, indices: Range<Int>) {
    precondition(indices.count <= capacity)
    input.rows = indices.count
    let (destination, d, first) = (input.pointer, input.columns, indices.lowerBound)
    eachRows(indices.count) { rows in
      data.gather(first + rows.lowerBound..<first + rows.upperBound, into: destination + rows.lowerBound * d)
    }
    loadLabels(data, indices: indices)
  }

  /// `body` over the batch's rows `0..<rows`, in one block per thread when the batch is large.
  private func eachRows(_ rows: Int, _ body: (Range<Int>) -> Void) {
    guard let splitter, rows * input.columns >= WorkSplitter.minimumLoop else { return body(0..<rows) }
    let chunks = splitter.parts * WorkSplitter.loopChunksPerPart
    splitter.run(chunks: chunks) { chunk in
      let block = WorkSplitter.range(chunk, of: rows, in: chunks, alignment: 1)
      if !block.isEmpty { body(block) }
    }
  }

  private func loadLabels<C: Collection>(_ data: Dataset, indices: C) where C.Element == Int {
    var r = 0
    data.labels.withUnsafeBufferPointer { src in
      for i in indices {
        labels[r] = src[i]
        r += 1
      }
    }
  }

  /// Sets the batch directly (tests and examples).
  func load(features: [Float], labels batchLabels: [Int32]) {
    input.rows = batchLabels.count
    features.withUnsafeBufferPointer { input.pointer.update(from: $0.baseAddress!, count: features.count) }
    for (r, y) in batchLabels.enumerated() { labels[r] = y }
  }

  /// One optimization step on a mini-batch; returns its mean loss (with penalty) and hits.
  /// `next` are the following batch's indices, prefetched while this one trains.
  func trainBatch(
    _ data: Dataset, indices: UnsafeBufferPointer<Int>,
    next: UnsafeBufferPointer<Int> = .init(start: nil, count: 0)
  ) -> (loss: Double, correct: Int) {
    load(data, indices: indices, next: next)
    let result = computeGradients()
    optimizer.step()
    return result
  }

  /// Loss (with penalty) and accuracy over a whole dataset in inference mode (no dropout).
  ///
  /// - Parameter observe: sees each chunk's output activations (`start`, rows, the outputs,
  ///   their width), e.g. for a confusion matrix, without a second pass over the data.
  func evaluate(
    _ data: Dataset,
    observe: ((_ start: Int, _ rows: Int, _ outputs: UnsafePointer<Float>, _ width: Int) -> Void)? = nil
  ) -> (loss: Double, accuracy: Double) {
    guard data.count > 0 else { return (.nan, .nan) }
    var lossSum = 0.0
    var correct = 0
    var start = 0
    while start < data.count {
      let end = min(start + capacity, data.count)
      load(data, indices: start..<end)
      forward(training: false)
      let r = cost.evaluate(outputLayer, labels: labels, computeDelta: false)
      lossSum += r.lossSum
      correct += r.correct
      observe?(start, end - start, outputLayer.a.pointer, outputLayer.outputs)
      start = end
    }
    return (lossSum / Double(data.count) + penalty(), Double(correct) / Double(data.count))
  }

  /// The output probabilities for `features` (rows of n_features), for decision boundaries.
  func predict(features: [Float], rows: Int) -> [Float] {
    var out: [Float] = []
    out.reserveCapacity(rows * outputLayer.outputs)
    var start = 0
    let d = input.columns
    while start < rows {
      let end = min(start + capacity, rows)
      input.rows = end - start
      features.withUnsafeBufferPointer {
        input.pointer.update(from: $0.baseAddress! + start * d, count: (end - start) * d)
      }
      forward(training: false)
      for r in 0..<(end - start) { labels[r] = 0 }
      _ = cost.evaluate(outputLayer, labels: labels, computeDelta: false)
      out.append(contentsOf: outputLayer.a.buffer)
      start = end
    }
    return out
  }
}
