extension Dataset {
  /// The name of NNDL's one-neuron dataset (`--dataset neuron`).
  public static let neuronName = "neuron"

  /// NNDL chapter 3's learning-slowdown demo: a single input x = 1 whose
  /// target output is 0, for a network with no hidden layer and one sigmoid
  /// output. With the starting weight and bias of 2 the neuron is saturated,
  /// so under the quadratic cost it learns slowly at first; under
  /// cross-entropy it does not (NNDL eq. 61 has no σ′(z) factor).
  public static let nndlNeuron = Dataset(
    name: neuronName, storage: .floats([1]), featureCount: 1, labels: [0], classCount: 1,
    classNames: ["target 0"])
}
