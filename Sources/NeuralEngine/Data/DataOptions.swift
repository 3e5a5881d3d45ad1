/// Everything the command line says about the data, gathered so the CLI,
/// the dashboard's settings form and `--config FILE.json` share one path
/// into ``loadData(_:)``.
public struct DataOptions: Sendable, Equatable {
  /// `--dataset NAME|PATH`; nil picks ``DatasetCatalog/defaultDataset()``.
  public var dataset: String?
  /// `--train-size N`: train on the first N training samples (the NNDL
  /// overfitting demo uses 1000). Validation is never cut.
  public var trainSize: Int?
  /// Held-out validation fraction for CSV files and the built-in sets (the
  /// IDX datasets use their own 10 000-sample test split).
  public var valSplit: Double
  /// Built-in sets: total number of points, before the validation split.
  public var samples: Int
  /// Built-in sets: standard deviation of the Gaussian jitter on each coordinate.
  public var noise: Double
  /// Seeds the built-in generators and the validation split.
  public var seed: UInt64
  /// Number of spiral arms (= classes).
  public var spiralArms: Int
  /// CSV: the label column's name or 0-based index; nil chooses as ``CSVLoader`` documents.
  public var labelColumn: String?
  /// `--image-shape 28x28`: draw the samples as images of this shape (IDX files carry theirs;
  /// a CSV of a square number of features is taken as square images without it).
  public var imageShape: ImageShape?

  public init(
    dataset: String? = nil, trainSize: Int? = nil, valSplit: Double = 0.2, samples: Int = 1000,
    noise: Double = 0.1, seed: UInt64 = 0, spiralArms: Int = 2, labelColumn: String? = nil
  ) {
    self.dataset = dataset
    self.trainSize = trainSize
    self.valSplit = valSplit
    self.samples = samples
    self.noise = noise
    self.seed = seed
    self.spiralArms = spiralArms
    self.labelColumn = labelColumn
  }
}

/// Loads the training and validation sets the options describe, using this
/// process's environment and working directory to find datasets.
///
/// - Throws: ``DataError`` with a one-line, user-facing message.
public func loadData(_ options: DataOptions) throws -> DataSplit {
  try loadData(options, catalog: .standard)
}

/// Loads the training and validation sets the options describe, finding
/// named datasets through `catalog`.
public func loadData(_ options: DataOptions, catalog: DatasetCatalog) throws -> DataSplit {
  try Dataset.checkValidationFraction(options.valSplit)
  if let n = options.trainSize, n < 1 {
    throw DataError("--train-size must be at least 1 (got \(n))")
  }
  var notice: String?
  let name: String
  if let given = options.dataset {
    name = given
  } else {
    (name, notice) = catalog.defaultDataset()
  }

  var split: DataSplit
  if name.lowercased() == Dataset.neuronName {
    // NNDL's single-neuron demo: one sample, trained and measured on itself.
    return DataSplit(train: .nndlNeuron, validation: .nndlNeuron, notice: notice)
  }
  switch try catalog.resolve(name) {
  case .idxFolder(let path, let displayName):
    split = try catalog.loadIDXFolder(path, name: displayName)
  case .csv(let path):
    split = try CSVLoader.load(
      path: path,
      options: CSVOptions(labelColumn: options.labelColumn, valSplit: options.valSplit, seed: options.seed))
  case .synthetic(let kind):
    let all = try kind.generate(
      samples: options.samples, noise: options.noise, seed: options.seed, arms: options.spiralArms)
    // A separate stream for the split, so changing valSplit doesn't move points.
    split = try all.holdingOut(fraction: options.valSplit, seed: options.seed &+ 1, source: kind.rawValue)
  }

  if let n = options.trainSize {
    let available = split.train.count
    guard n <= available else {
      throw DataError(
        "--train-size \(n) is more than the \(available) training samples of \(Dataset.baseName(split.train.name))"
      )
    }
    split.train = split.train.prefix(n)
  }
  if let shape = options.imageShape {
    guard shape.pixels == split.train.featureCount else {
      throw DataError(
        "--image-shape \(shape) has \(shape.pixels) pixels but \(Dataset.baseName(split.train.name)) has "
          + "\(split.train.featureCount) features; give a shape whose rows × columns equal them")
    }
    split.train.imageShape = shape
    split.validation.imageShape = shape
  } else if split.train.imageShape == nil, let square = ImageShape.square(features: split.train.featureCount)
  {
    split.train.imageShape = square
    split.validation.imageShape = square
  }
  split.notice = notice
  return split
}
