/// Whether a lower or a higher value of a metric is better; decides the best-epoch marker.
enum MetricGoal: Equatable {
  case minimize, maximize, none

  /// Guessed from the name: accuracy-like metrics (accuracy, acc, auc, precision, recall, f1, iou,
  /// dice) are maximized, loss- and error-like ones (loss, error, mae, mse, …, perplexity) minimized,
  /// anything else (learning_rate, seconds) gets no marker.
  init(metric: String) {
    let name = metric.lowercased()
    let maximized = ["acc", "auc", "precision", "recall", "f1", "iou", "dice"]
    let minimized = ["loss", "error", "mae", "mse", "mape", "msle", "perplexity", "entropy", "hinge"]
    if maximized.contains(where: name.contains) {
      self = .maximize
    } else if minimized.contains(where: name.contains) {
      self = .minimize
    } else {
      self = .none
    }
  }
}

/// What one panel shows: a metric's train series, its validation series, or both.
struct PanelSpec: Equatable {
  var train: String?
  var validation: String?

  /// The metric's name without the `val_` prefix ("loss" for `val_loss`), the y-axis title.
  var name: String {
    if let train { return train }
    guard let validation else { return "" }
    return validation.hasPrefix("val_") ? String(validation.dropFirst(4)) : validation
  }

  /// The panel heading: "Loss", "Accuracy", acronyms upper-cased ("MAE"), underscores as spaces.
  var title: String {
    let acronyms: Set = ["mae", "mse", "rmse", "mape", "msle", "auc", "iou", "f1", "lr"]
    if acronyms.contains(name.lowercased()) { return name.uppercased() }
    if name.lowercased() == "acc" { return "Accuracy" }
    let spaced = name.replacingOccurrences(of: "_", with: " ")
    return spaced.prefix(1).uppercased() + spaced.dropFirst()
  }

  var goal: MetricGoal { MetricGoal(metric: name) }

  /// The panels to draw when the caller names none: the loss and accuracy pairs the runs have (loss
  /// first); failing those, every metric that has a validation series; failing that, every metric.
  /// Pairs with the same base name are merged across runs, in the order first seen.
  static func defaults(for runs: [FigureRun]) -> [PanelSpec] {
    var specs: [PanelSpec] = []
    for run in runs {
      for pair in run.log.metricPairs {
        let spec = PanelSpec(train: pair.train, validation: pair.validation)
        if let i = specs.firstIndex(where: { $0.name == spec.name }) {
          specs[i].train = specs[i].train ?? spec.train
          specs[i].validation = specs[i].validation ?? spec.validation
        } else {
          specs.append(spec)
        }
      }
    }
    let loss = specs.filter { $0.name == "loss" }
    let accuracy = specs.filter { ["accuracy", "acc"].contains($0.name) }
    if !(loss + accuracy).isEmpty { return loss + accuracy }
    let paired = specs.filter { $0.train != nil && $0.validation != nil }
    return paired.isEmpty ? specs : paired
  }
}
