extension Hyperparameters {
  /// The data-related settings, in the loaders' terms.
  public var dataOptions: DataOptions {
    var options = DataOptions(
      dataset: dataset, trainSize: trainSize, valSplit: valSplit, samples: samples, noise: noise, seed: seed)
    options.imageShape = imageShape
    return options
  }
}

extension Hyperparameters {
  /// These settings with no dataset replaced by the one that choice means (Fashion-MNIST when
  /// installed, else the built-in spiral; see ``DatasetCatalog/defaultDataset()``), so a stored
  /// run, the runs table and a reproduce command say what the run trained on, not "auto".
  public func resolvingDefaultDataset(catalog: DatasetCatalog = DatasetCatalog()) -> Hyperparameters {
    guard dataset == nil else { return self }
    var h = self
    h.dataset = catalog.defaultDataset().name
    return h
  }
}

/// Loads the training and validation sets that `hyperparameters` names.
public func loadData(for hyperparameters: Hyperparameters) throws -> DataSplit {
  try loadData(hyperparameters.dataOptions)
}
