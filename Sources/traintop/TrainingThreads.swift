import NeuralEngine

/// How many threads a run trains with when `--threads` is not given.
enum TrainingThreads {
  /// Headless `train`: two when this process may use two cores, else one.
  ///
  /// Two threads train the seed model faster than one when the second core is free (README,
  /// "Two threads"); more were not measured (this machine has two). The dashboard and each job
  /// of a sweep use one, leaving the other core to the UI or to the next job. A machine whose
  /// other core is kept busy by another program is faster with `--threads 1`: a helper thread
  /// the scheduler holds back stalls each split step.
  static var headlessDefault: Int { min(2, Cores.available) }
}
