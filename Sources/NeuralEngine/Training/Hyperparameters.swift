/// Everything that defines a run: data, architecture, regularization and optimization.
///
/// One value type shared by the CLI flags, `--config FILE.json`, the
/// dashboard's editor and the run store's `config.json`. JSON keys are the
/// flag names in snake_case (`learning_rate`); dashed keys (`learning-rate`)
/// are accepted too when reading.
public struct Hyperparameters: Codable, Equatable, Sendable {
  // MARK: Data
  /// `fashion-mnist`, `mnist`, a built-in 2-D set (`spiral`, `circles`, `xor`,
  /// `gaussian`, `moons`), a folder of IDX files or a CSV file. `nil` picks the
  /// default: Fashion-MNIST when installed, else `spiral`.
  public var dataset: String?
  /// Train on the first N training samples only (the overfitting demo uses 1000).
  public var trainSize: Int?
  /// Fraction held out for validation when the data has no validation split (CSV, 2-D sets).
  public var valSplit: Double = 0.2
  /// Samples to generate for the built-in 2-D datasets (train + validation).
  public var samples: Int = 1000
  /// Noise of the built-in 2-D datasets.
  public var noise: Double = 0.1
  /// The samples' shape as images (`--image-shape 28x28`), for CSV data that is pictures.
  public var imageShape: ImageShape?

  // MARK: Architecture
  /// Neurons in each hidden layer, input to output.
  public var hidden: [Int] = [128]
  public var activation: Activation = .relu
  public var output: OutputActivation = .softmax
  public var loss: LossKind = .crossEntropy
  /// Dropout rate p after each hidden layer (inverted dropout; 0 disables).
  public var dropout: Double = 0

  // MARK: Regularization (Keras semantics: `l2·Σw²`, `l1·Σ|w|` added to the loss; biases free)
  public var l1Hidden: Double = 0
  public var l2Hidden: Double = 0
  public var l1Output: Double = 0
  public var l2Output: Double = 0

  // MARK: Optimization
  public var optimizer: OptimizerKind = .adam
  /// The learning rate, η. `nil` means the optimizer's Keras default.
  public var learningRate: Double?
  /// Momentum coefficient μ for the `momentum` optimizer (Keras SGD `momentum`).
  public var momentum: Double = 0.9
  /// Nesterov's accelerated gradient for the `momentum` optimizer.
  public var nesterov: Bool = false
  public var batchSize: Int = 100
  public var epochs: Int = 10
  public var initializer: InitializerKind = .glorot
  /// Start every weight at this value instead of drawing it (NNDL's one-neuron demos use 2 or 0.6).
  public var initialWeight: Double?
  /// Start every bias at this value instead of drawing it.
  public var initialBias: Double?
  public var seed: UInt64 = 1

  // MARK: Callbacks (Keras EarlyStopping / ReduceLROnPlateau)
  /// Stop after this many epochs without improvement of `monitor`; nil disables early stopping.
  public var earlyStopping: Int?
  /// The metric early stopping and the plateau schedule watch.
  public var monitor: Monitor = .valLoss
  /// Early stopping's `min_delta`: smaller changes do not count as improvement.
  public var minDelta: Double = 0
  /// Restore the weights of the best epoch when training ends (Keras `restore_best_weights`).
  public var restoreBest: Bool = false
  /// Reduce the learning rate by 10× after 10 epochs without improvement (Keras defaults).
  public var reduceLROnPlateau: Bool = false

  // MARK: Live
  /// The most epochs per second; nil leaves it to where the run goes: `auto` in the dashboard,
  /// `full` for `train` and `sweep`. Pacing never changes the metrics.
  public var pace: Pace?
  /// Changes of live settings at given points of the run (`--change 5:learning_rate=0.05`), so a
  /// run whose settings were changed live can be replayed exactly.
  public var changes: [SettingChange] = []

  public init() {}

  /// The learning rate actually used: the given one or the optimizer's default.
  public var effectiveLearningRate: Double { learningRate ?? optimizer.defaultLearningRate }

  enum CodingKeys: String, CodingKey, CaseIterable {
    case dataset, trainSize = "train_size", valSplit = "val_split", samples, noise
    case imageShape = "image_shape"
    case hidden, activation, output, loss, dropout
    case l1Hidden = "l1_hidden", l2Hidden = "l2_hidden", l1Output = "l1_output", l2Output = "l2_output"
    case optimizer, learningRate = "learning_rate", momentum, nesterov, batchSize = "batch_size", epochs
    case initializer = "init", initialWeight = "initial_weight", initialBias = "initial_bias", seed
    case earlyStopping = "early_stopping", monitor, minDelta = "min_delta", restoreBest = "restore_best"
    case reduceLROnPlateau = "reduce_lr_on_plateau"
    case pace, changes
  }

  /// Reads the keys present over the defaults, or over `decoder.userInfo[.hyperparametersBase]`
  /// when given (how `--config` applies on top of `--preset`). A `sweep` key is the file's
  /// ``SweepPlan``, read separately; it does not change the settings themselves.
  public init(from decoder: Decoder) throws {
    self = decoder.userInfo[.hyperparametersBase] as? Hyperparameters ?? Hyperparameters()
    let c = try decoder.container(keyedBy: AnyKey.self)
    let known = Set(CodingKeys.allCases.map(\.stringValue) + ["sweep"])
    for key in c.allKeys where !known.contains(key.stringValue.replacingOccurrences(of: "-", with: "_")) {
      throw DecodingError.dataCorrupted(
        .init(codingPath: [key], debugDescription: "unknown setting '\(key.stringValue)'"))
    }
    func value<T: Decodable>(_ k: CodingKeys, _ type: T.Type) throws -> T? {
      for name in [k.rawValue, k.rawValue.replacingOccurrences(of: "_", with: "-")] {
        if let key = AnyKey(stringValue: name), c.contains(key) {
          return try c.decode(T.self, forKey: key)
        }
      }
      return nil
    }
    /// A named choice, with an error that lists the choices (not Swift's "Cannot initialize …").
    func choice<T: RawRepresentable & CaseIterable>(_ k: CodingKeys, _ type: T.Type) throws -> T?
    where T.RawValue == String {
      guard let text = try value(k, String.self) else { return nil }
      do {
        return try T.named(text, setting: k.rawValue)
      } catch {
        throw DecodingError.dataCorrupted(.init(codingPath: [k], debugDescription: error.message))
      }
    }
    dataset = try value(.dataset, String.self) ?? dataset
    trainSize = try value(.trainSize, Int.self) ?? trainSize
    valSplit = try value(.valSplit, Double.self) ?? valSplit
    samples = try value(.samples, Int.self) ?? samples
    noise = try value(.noise, Double.self) ?? noise
    imageShape = try value(.imageShape, ImageShape.self) ?? imageShape
    if let h = try? value(.hidden, [Int].self) {
      hidden = h
    } else if let h = try value(.hidden, Int.self) {
      hidden = [h]
    }
    activation = try choice(.activation, Activation.self) ?? activation
    output = try choice(.output, OutputActivation.self) ?? output
    loss = try choice(.loss, LossKind.self) ?? loss
    dropout = try value(.dropout, Double.self) ?? dropout
    l1Hidden = try value(.l1Hidden, Double.self) ?? l1Hidden
    l2Hidden = try value(.l2Hidden, Double.self) ?? l2Hidden
    l1Output = try value(.l1Output, Double.self) ?? l1Output
    l2Output = try value(.l2Output, Double.self) ?? l2Output
    optimizer = try choice(.optimizer, OptimizerKind.self) ?? optimizer
    learningRate = try value(.learningRate, Double.self) ?? learningRate
    momentum = try value(.momentum, Double.self) ?? momentum
    nesterov = try value(.nesterov, Bool.self) ?? nesterov
    batchSize = try value(.batchSize, Int.self) ?? batchSize
    epochs = try value(.epochs, Int.self) ?? epochs
    initializer = try choice(.initializer, InitializerKind.self) ?? initializer
    seed = try value(.seed, UInt64.self) ?? seed
    initialWeight = try value(.initialWeight, Double.self) ?? initialWeight
    initialBias = try value(.initialBias, Double.self) ?? initialBias
    earlyStopping = try value(.earlyStopping, Int.self) ?? earlyStopping
    monitor = try choice(.monitor, Monitor.self) ?? monitor
    minDelta = try value(.minDelta, Double.self) ?? minDelta
    restoreBest = try value(.restoreBest, Bool.self) ?? restoreBest
    reduceLROnPlateau = try value(.reduceLROnPlateau, Bool.self) ?? reduceLROnPlateau
    pace = try value(.pace, Pace.self) ?? pace
    changes = try value(.changes, [SettingChange].self) ?? changes
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encodeIfPresent(dataset, forKey: .dataset)
    try c.encodeIfPresent(trainSize, forKey: .trainSize)
    try c.encode(valSplit, forKey: .valSplit)
    try c.encode(samples, forKey: .samples)
    try c.encode(noise, forKey: .noise)
    try c.encodeIfPresent(imageShape, forKey: .imageShape)
    try c.encode(hidden, forKey: .hidden)
    try c.encode(activation, forKey: .activation)
    try c.encode(output, forKey: .output)
    try c.encode(loss, forKey: .loss)
    try c.encode(dropout, forKey: .dropout)
    try c.encode(l1Hidden, forKey: .l1Hidden)
    try c.encode(l2Hidden, forKey: .l2Hidden)
    try c.encode(l1Output, forKey: .l1Output)
    try c.encode(l2Output, forKey: .l2Output)
    try c.encode(optimizer, forKey: .optimizer)
    try c.encode(effectiveLearningRate, forKey: .learningRate)
    if optimizer == .momentum {
      try c.encode(momentum, forKey: .momentum)
      try c.encode(nesterov, forKey: .nesterov)
    }
    try c.encode(batchSize, forKey: .batchSize)
    try c.encode(epochs, forKey: .epochs)
    try c.encode(initializer, forKey: .initializer)
    try c.encode(seed, forKey: .seed)
    try c.encodeIfPresent(initialWeight, forKey: .initialWeight)
    try c.encodeIfPresent(initialBias, forKey: .initialBias)
    if let earlyStopping {
      try c.encode(earlyStopping, forKey: .earlyStopping)
      try c.encode(minDelta, forKey: .minDelta)
      try c.encode(restoreBest, forKey: .restoreBest)
    }
    if earlyStopping != nil || reduceLROnPlateau { try c.encode(monitor, forKey: .monitor) }
    if reduceLROnPlateau { try c.encode(true, forKey: .reduceLROnPlateau) }
    try c.encodeIfPresent(pace, forKey: .pace)
    if !changes.isEmpty { try c.encode(changes.map { $0.withoutPrevious }, forKey: .changes) }
  }

  /// The most points `samples` may ask of a built-in 2-D dataset: 10 million (120 MB of points
  /// and labels), where `--samples 1e10` aborted on allocating 80 GB.
  public static let maximumSamples = 10_000_000
  /// The most `noise` a built-in 2-D dataset takes: its points lie within ±1.
  public static let maximumNoise = 100.0

  /// Checks the values that do not depend on the data; the message names the value and what to do.
  public func validate() throws(DataError) {
    if let lr = learningRate, !(lr > 0) || !lr.isFinite {
      throw DataError("learning rate \(lr) must be a positive number (e.g. 0.001)")
    }
    if !(momentum >= 0 && momentum < 1) {
      throw DataError("momentum \(momentum) must be in [0, 1) (e.g. 0.9)")
    }
    if batchSize < 1 { throw DataError("batch size \(batchSize) must be at least 1") }
    if epochs < 1 { throw DataError("epochs \(epochs) must be at least 1") }
    if !(dropout >= 0 && dropout < 1) {
      throw DataError("dropout \(dropout) must be in [0, 1) (e.g. 0.3)")
    }
    if hidden.contains(where: { $0 < 1 }) {
      throw DataError("hidden layer sizes \(hidden.map(String.init).joined(separator: ",")) must all be ≥ 1")
    }
    for (name, v) in [
      ("l1-hidden", l1Hidden), ("l2-hidden", l2Hidden), ("l1-output", l1Output), ("l2-output", l2Output),
    ] where !(v >= 0) || !v.isFinite {
      throw DataError("\(name) \(v) must be ≥ 0")
    }
    for case let (name, v?) in [("initial weight", initialWeight), ("initial bias", initialBias)]
    where !v.isFinite {
      throw DataError("\(name) \(v) must be a finite number (e.g. 0.6)")
    }
    if let n = trainSize, n < 1 { throw DataError("train size \(n) must be at least 1") }
    if !(valSplit > 0 && valSplit < 1) { throw DataError("validation split \(valSplit) must be in (0, 1)") }
    if samples < 10 { throw DataError("samples \(samples) must be at least 10") }
    if samples > Self.maximumSamples {
      throw DataError(
        "samples \(samples): the built-in 2-D datasets generate at most \(Self.maximumSamples) points; "
          + "use fewer (the default is 1000)")
    }
    if !(noise >= 0) || !noise.isFinite { throw DataError("noise \(noise) must be ≥ 0") }
    if noise > Self.maximumNoise {
      // 1e308 made the points infinite, and the run "diverged … try a lower learning rate".
      throw DataError(
        "noise \(noise): the built-in 2-D sets lie within ±1, so a noise above \(Int(Self.maximumNoise)) "
          + "leaves nothing to learn; use at most \(Int(Self.maximumNoise)) (the default is 0.1)")
    }
    if let p = earlyStopping, p < 1 {
      throw DataError("early stopping patience \(p) must be at least 1 epoch")
    }
    if !(minDelta >= 0) || !minDelta.isFinite { throw DataError("min delta \(minDelta) must be ≥ 0") }
    try validateFloatRange()
    try validateChanges()
  }

  /// Checks the values that depend on the training set.
  public func validate(against train: Dataset) throws(DataError) {
    try validate()
    if max(train.classCount, 1) == 1 && output == .softmax {
      throw DataError(
        "\(train.name) has a single output; use --output sigmoid (softmax over one unit is constant)")
    }
    if batchSize > train.count {
      throw DataError(
        "batch size \(batchSize) is larger than the training set (\(train.count) samples); "
          + "use --batch-size \(min(100, train.count)) or a larger --train-size")
    }
  }
}

extension CodingUserInfoKey {
  /// The settings a decoded ``Hyperparameters`` starts from instead of the defaults.
  public static let hyperparametersBase = CodingUserInfoKey(rawValue: "traintop.hyperparametersBase")!
}

/// A coding key for any string, to read both `learning_rate` and `learning-rate`.
struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// The output layer's activation.
public enum OutputActivation: String, CaseIterable, Codable, Sendable {
  /// One probability distribution over the classes (pairs with categorical cross-entropy).
  case softmax
  /// An independent probability per class (pairs with NNDL's per-output cross-entropy).
  case sigmoid
}

/// The cost function C.
public enum LossKind: String, CaseIterable, Codable, Sendable {
  /// Categorical cross-entropy with softmax; NNDL's CrossEntropyCost (summed over outputs) with sigmoid.
  case crossEntropy = "cross-entropy"
  /// NNDL's QuadraticCost `½‖a − y‖²` against one-hot targets.
  case quadratic
}

/// How weights are initialised.
public enum InitializerKind: String, CaseIterable, Codable, Sendable {
  /// Keras's default, Glorot uniform: U(±√(6/(n_in+n_out))), zero biases.
  case glorot
  /// He normal: N(0, 2/n_in) truncated at 2σ (Keras `he_normal`), zero biases.
  case he
  /// NNDL `network2.py` default: N(0,1)/√n_in weights, N(0,1) biases.
  case nndl
  /// NNDL `large_weight_initializer`: N(0,1) weights and biases.
  case large
}

/// The optimization algorithm.
public enum OptimizerKind: String, CaseIterable, Codable, Sendable {
  case sgd, momentum, adam, rmsprop

  /// Keras's default learning rate for each optimizer.
  public var defaultLearningRate: Double {
    switch self {
    case .sgd, .momentum: 0.01
    case .adam, .rmsprop: 0.001
    }
  }
}
