extension Hyperparameters {
  /// The data-related settings, in the loaders' terms.
  public var dataOptions: DataOptions {
    DataOptions(
      dataset: dataset, trainSize: trainSize, valSplit: valSplit, samples: samples, noise: noise, seed: seed)
  }
}

/// Loads the training and validation sets that `hyperparameters` names.
public func loadData(for hyperparameters: Hyperparameters) throws -> DataSplit {
  try loadData(hyperparameters.dataOptions)
}
