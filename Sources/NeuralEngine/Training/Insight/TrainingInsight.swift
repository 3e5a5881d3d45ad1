import Foundation

/// The shape of an image dataset's samples, so features can be drawn as pictures.
public struct ImageShape: Sendable, Equatable, Hashable, CustomStringConvertible {
  public var rows: Int
  public var columns: Int

  public init(rows: Int, columns: Int) {
    self.rows = rows
    self.columns = columns
  }

  /// Parses `28x28` (rows × columns; `×` and `*` work too).
  public init(parsing text: String) throws(DataError) {
    let parts = text.lowercased().split(whereSeparator: { "x×*".contains($0) }).map {
      Int($0.trimmingCharacters(in: .whitespaces))
    }
    guard parts.count == 2, let r = parts[0], let c = parts[1], r >= 1, c >= 1, r <= 4096, c <= 4096 else {
      throw DataError("image shape '\(text)' must be ROWSxCOLUMNS with each from 1 to 4096, e.g. 28x28")
    }
    self.init(rows: r, columns: c)
  }

  public var pixels: Int { rows * columns }
  public var description: String { "\(rows)x\(columns)" }

  /// A square shape for `features` inputs when it is a square number of at least 16 (`784` →
  /// 28×28), nil otherwise.
  public static func square(features: Int) -> ImageShape? {
    guard features >= 16 else { return nil }
    let side = Int(Double(features).squareRoot().rounded())
    return side * side == features ? ImageShape(rows: side, columns: side) : nil
  }
}

extension ImageShape: Codable {
  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    do {
      self = try ImageShape(parsing: try c.decode(String.self))
    } catch let error as DataError {
      throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: error.message))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(description)
  }
}

/// Validation images as greyscale bytes (0 black … 255 white), with their true class.
public struct SampleImage: Sendable, Equatable {
  /// The sample's index in the validation set.
  public var index: Int
  public var label: Int
  /// `shape.pixels` bytes, row-major.
  public var pixels: [UInt8]

  public init(index: Int, label: Int, pixels: [UInt8]) {
    self.index = index
    self.label = label
    self.pixels = pixels
  }
}

/// What the network made of one validation sample.
public struct SamplePrediction: Sendable, Equatable, Codable {
  public var index: Int
  public var label: Int
  public var predicted: Int
  /// The predicted class's probability.
  public var confidence: Float

  public init(index: Int, label: Int, predicted: Int, confidence: Float) {
    self.index = index
    self.label = label
    self.predicted = predicted
    self.confidence = confidence
  }

  public var isCorrect: Bool { predicted == label }
}

/// The fixed sample of validation images a run's predictions are shown on, sent once at the start
/// (the images do not change; their predictions come with each ``EpochInsight``).
public struct SampleSet: Sendable, Equatable {
  public var shape: ImageShape
  public var classNames: [String]
  /// A few images of every class, in a seeded order that mixes the classes.
  public var images: [SampleImage]

  public init(shape: ImageShape, classNames: [String], images: [SampleImage]) {
    self.shape = shape
    self.classNames = classNames
    self.images = images
  }
}

/// The incoming weights of some first-layer units, each a picture of the input's shape: the
/// features a network's first layer learns to look for.
public struct FirstLayerWeights: Sendable, Equatable {
  public var shape: ImageShape
  /// One array of `shape.pixels` weights per unit.
  public var units: [[Float]]

  public init(shape: ImageShape, units: [[Float]]) {
    self.shape = shape
    self.units = units
  }
}

/// What a run learned by the end of an epoch, beyond its metrics: computed on the training
/// thread from the validation pass that runs anyway (no second pass over the data).
public struct EpochInsight: Sendable, Equatable {
  /// The 0-based epoch just ended.
  public var epoch: Int
  public var confusion: ConfusionMatrix
  /// Predictions for the run's ``SampleSet``, in its order (empty for data that is not images).
  public var samples: [SamplePrediction]
  /// The most confident mistakes, most confident first, with their images.
  public var mistakes: [(prediction: SamplePrediction, image: SampleImage)]
  /// Per layer, input to output: the epoch's mean of ‖∂C/∂bˡ‖ over its mini-batches.
  public var gradientNorms: [Double]
  /// Sent while the dashboard shows the weights panel (see ``TrainingControl/showWeights``).
  public var weights: FirstLayerWeights?

  public static func == (a: EpochInsight, b: EpochInsight) -> Bool {
    a.epoch == b.epoch && a.confusion == b.confusion && a.samples == b.samples
      && a.mistakes.map(\.prediction) == b.mistakes.map(\.prediction) && a.gradientNorms == b.gradientNorms
      && a.weights == b.weights
  }
}

/// Asks a `Trainer` for ``EpochInsight``s and a ``SampleSet`` (the dashboard's insight panels).
/// Without one, a run still measures its confusion matrix and gradient norms for its summary.
public struct InsightProbe: Sendable, Equatable {
  /// Images of each class in the sample.
  public var samplesPerClass: Int
  /// Mistakes kept per epoch.
  public var mistakes: Int
  /// First-layer units whose weights are drawn.
  public var weightUnits: Int

  public init(samplesPerClass: Int = 8, mistakes: Int = 24, weightUnits: Int = 16) {
    self.samplesPerClass = max(1, samplesPerClass)
    self.mistakes = max(0, mistakes)
    self.weightUnits = max(1, weightUnits)
  }
}

extension SampleImage {
  /// Sample `index` of `data` as a greyscale picture of `shape` (bytes as stored; floats
  /// stretched over the image's own range).
  public init(_ data: Dataset, at index: Int, shape: ImageShape) {
    self = InsightCollector.image(of: data, at: index, shape: shape)
  }
}
