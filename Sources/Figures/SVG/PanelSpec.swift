import TrainingRuns

/// What one panel shows: a metric's train series, its validation series, or both.
typealias PanelSpec = MetricPair

extension MetricPair {

  /// The panel heading: "Loss", "Accuracy", acronyms upper-cased ("MAE"), underscores as spaces.
  var title: String {
    let acronyms: Set = ["mae", "mse", "rmse", "mape", "msle", "auc", "iou", "f1", "lr"]
    if acronyms.contains(name.lowercased()) { return name.uppercased() }
    if name.lowercased() == "acc" { return "Accuracy" }
    let spaced = name.replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }

  /// The panels to draw when the caller names none: the loss and accuracy pairs the runs have (loss
  /// first); failing those, every metric that has a validation series; failing that, every metric.
  /// Pairs with the same base name are merged across runs, in the order first seen.
  static func defaults(for runs: [FigureRun]) -> [PanelSpec] {
    let specs = merged(runs.map(\.log))
    let loss = specs.filter { $0.name == "loss" }
    let accuracy = specs.filter { ["accuracy", "acc"].contains($0.name) }
    if !(loss + accuracy).isEmpty { return loss + accuracy }
    let paired = specs.filter { $0.train != nil && $0.validation != nil }
    return paired.isEmpty ? specs : paired
  }
}
