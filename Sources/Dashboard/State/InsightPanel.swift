import NeuralEngine

/// The insight panel beside the charts: what the network learned (issue 10). It takes the place
/// of the decision boundary panel while it is on.
public enum InsightPanel: Sendable, Equatable {
  /// Validation images with their true and predicted classes.
  case samples(SampleMode)
  /// Validation counts by true and predicted class.
  case confusion
  /// The first layer's incoming weights, each unit as a picture.
  case weights
  /// ‖∂C/∂b‖ per layer and epoch: NNDL chapter 5's speed of learning.
  case speed

  /// Which images the samples panel shows.
  public enum SampleMode: Sendable, Equatable {
    /// A fixed sample mixing the classes (the same images every epoch).
    case sample
    /// The most confident mistakes of the latest epoch.
    case mistakes
    /// The sample's images of one class.
    case byClass(Int)
  }

  /// The panel's title.
  var title: String {
    switch self {
    case .samples(.sample): "Samples"
    case .samples(.mistakes): "Most confident mistakes"
    case .samples(.byClass): "Samples of one class"
    case .confusion: "Confusion matrix"
    case .weights: "First-layer weights"
    case .speed: "Speed of learning"
    }
  }
}
