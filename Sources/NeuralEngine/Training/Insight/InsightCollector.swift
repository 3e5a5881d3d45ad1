/// Gathers a run's insight as it trains: gradient norms after each batch, and during each
/// validation pass the confusion matrix, the sample's predictions and the most confident
/// mistakes. Everything is taken from numbers the loop computes anyway: per batch a sum of
/// squares over each layer's bias gradient; per validation row an argmax it already did.
struct InsightCollector {
  let probe: InsightProbe?
  let classes: Int
  let classNames: [String]
  let validation: Dataset
  /// The validation images drawn in the samples panel, when the data is images and a probe asks.
  private(set) var sampleSet: SampleSet?
  /// Validation index → position in the sample set.
  private var samplePosition: [Int: Int] = [:]

  private var confusion: ConfusionMatrix
  private var predictions: [SamplePrediction] = []
  private var mistakes: [SamplePrediction] = []
  private var normSums: [Double] = []
  private var normBatches = 0
  /// The last epoch's matrix and mistakes (for the run's summary).
  private(set) var lastConfusion: ConfusionMatrix?
  private(set) var lastMistakes: [SamplePrediction] = []

  init(probe: InsightProbe?, data: DataSplit, classes: Int, seed: UInt64) {
    self.probe = probe
    self.classes = classes
    classNames = data.validation.classNames.isEmpty ? data.train.classNames : data.validation.classNames
    validation = data.validation
    confusion = ConfusionMatrix(classes: Self.matrixClasses(classes), classNames: classNames)
    if let probe, let shape = data.validation.imageShape {
      sampleSet = Self.sample(of: data.validation, shape: shape, perClass: probe.samplesPerClass, seed: seed)
      for (i, image) in (sampleSet?.images ?? []).enumerated() { samplePosition[image.index] = i }
    }
  }

  /// One output unit predicts 0 or 1: a two-class matrix.
  static func matrixClasses(_ outputs: Int) -> Int { max(outputs, 2) }

  // MARK: - Training

  /// After each batch: ‖∂C/∂bˡ‖ of every layer (NNDL ch. 5's speed of learning of layer l).
  mutating func recordGradients(of network: Network) {
    if normSums.count != network.layers.count { normSums = Array(repeating: 0, count: network.layers.count) }
    for (l, layer) in network.layers.enumerated() {
      let g = layer.biasGradient
      normSums[l] += Double(BLAS.sumOfSquares(g.pointer, count: g.count)).squareRoot()
    }
    normBatches += 1
  }

  /// The epoch's mean norms, then starts the next epoch's.
  mutating func takeGradientNorms() -> [Double] {
    defer {
      normSums = normSums.map { _ in 0 }
      normBatches = 0
    }
    return normBatches > 0 ? normSums.map { $0 / Double(normBatches) } : normSums
  }

  // MARK: - Validation

  mutating func beginValidation() {
    confusion = ConfusionMatrix(classes: Self.matrixClasses(classes), classNames: classNames)
    predictions =
      sampleSet.map { set in
        set.images.map { SamplePrediction(index: $0.index, label: $0.label, predicted: -1, confidence: 0) }
      } ?? []
    mistakes = []
  }

  /// One chunk of the validation pass: `rows` samples from `start`, their output activations.
  mutating func observe(start: Int, rows: Int, outputs: UnsafePointer<Float>, width: Int) {
    validation.labels.withUnsafeBufferPointer { labels in
      for r in 0..<rows {
        let a = outputs + r * width
        var best = 0
        var confidence = a[0]
        if width == 1 {
          best = a[0] >= 0.5 ? 1 : 0
          confidence = best == 1 ? a[0] : 1 - a[0]
        } else {
          for j in 1..<width where a[j] > confidence {
            best = j
            confidence = a[j]
          }
        }
        let index = start + r
        let label = Int(labels[index])
        confusion.add(actual: label, predicted: best)
        guard best != label || samplePosition[index] != nil else { continue }
        let p = SamplePrediction(index: index, label: label, predicted: best, confidence: confidence)
        if let position = samplePosition[index] { predictions[position] = p }
        if best != label { keepIfConfident(p) }
      }
    }
  }

  /// Keeps the `probe.mistakes` most confident mistakes (eight without a probe, for the
  /// summary's handout), most confident first.
  private mutating func keepIfConfident(_ p: SamplePrediction) {
    let limit = probe?.mistakes ?? 8
    guard limit > 0, mistakes.count < limit || p.confidence > mistakes[mistakes.count - 1].confidence else {
      return
    }
    let at = mistakes.firstIndex { $0.confidence < p.confidence } ?? mistakes.count
    mistakes.insert(p, at: at)
    if mistakes.count > limit { mistakes.removeLast() }
  }

  /// The epoch's insight (after `endValidation`); weights when asked for.
  mutating func endValidation(epoch: Int, gradientNorms: [Double], weights: FirstLayerWeights?)
    -> EpochInsight
  {
    lastConfusion = confusion
    lastMistakes = mistakes
    let shape = sampleSet?.shape
    return EpochInsight(
      epoch: epoch, confusion: confusion, samples: predictions,
      mistakes: shape.map { shape in
        mistakes.map { ($0, Self.image(of: validation, at: $0.index, shape: shape)) }
      }
        ?? [],
      gradientNorms: gradientNorms, weights: weights)
  }

  // MARK: - Images

  /// Up to `perClass` images of every class, in a seeded order that mixes the classes.
  static func sample(of data: Dataset, shape: ImageShape, perClass: Int, seed: UInt64) -> SampleSet {
    var order = Array(0..<data.count)
    var random = Xoshiro256(seed: seed &+ 0x5A_3D1E)
    for i in stride(from: order.count - 1, to: 0, by: -1) {
      order.swapAt(i, Int(random.next() % UInt64(i + 1)))
    }
    var taken: [Int: Int] = [:]
    var chosen: [Int] = []
    for i in order {
      let label = Int(data.labels[i])
      guard taken[label, default: 0] < perClass else { continue }
      taken[label, default: 0] += 1
      chosen.append(i)
      if chosen.count >= perClass * max(data.classCount, 1) { break }
    }
    let names = data.classNames
    return SampleSet(
      shape: shape, classNames: names, images: chosen.map { image(of: data, at: $0, shape: shape) })
  }

  /// Sample `index` as greyscale bytes: stored bytes as they are; floats stretched to 0…255 over
  /// the image's own range (CSV features may have any scale).
  static func image(of data: Dataset, at index: Int, shape: ImageShape) -> SampleImage {
    let d = data.featureCount
    let n = min(d, shape.pixels)
    var pixels = [UInt8](repeating: 0, count: shape.pixels)
    switch data.storage {
    case .bytes(let bytes, _):
      for i in 0..<n { pixels[i] = bytes[index * d + i] }
    case .floats(let floats):
      let row = floats[(index * d)..<(index * d + n)]
      let lo = row.min() ?? 0
      let hi = row.max() ?? 1
      let span = hi > lo && (hi - lo).isFinite ? hi - lo : 1
      for (i, v) in row.enumerated() {
        let unit = v.isFinite ? min(max((v - lo) / span, 0), 1) : 0
        pixels[i] = UInt8((unit * 255).rounded())
      }
    }
    return SampleImage(index: index, label: Int(data.labels[index]), pixels: pixels)
  }

  /// The first `units` first-layer units' incoming weights, as pictures of the input.
  static func firstLayerWeights(of network: Network, shape: ImageShape, units: Int) -> FirstLayerWeights? {
    guard let layer = network.layers.first, layer.inputs == shape.pixels else { return nil }
    let w = layer.weights.pointer  // (n_in, n_out), row-major: unit j's weights are column j
    let count = min(units, layer.outputs)
    let pictures = (0..<count).map { j in (0..<layer.inputs).map { i in w[i * layer.outputs + j] } }
    return FirstLayerWeights(shape: shape, units: pictures)
  }
}
