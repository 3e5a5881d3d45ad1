import Dashboard
import Foundation
import NeuralEngine

/// `sweep --print-commands`: one complete `traintop train …` line per combination, for GNU
/// parallel (`parallel -j 8 -S host1,host2 < cmds`) or any other queue.
///
/// Each line names every setting that differs from the defaults as its own flag (the
/// dashboard's ``ReproduceCommand``), never `--preset` or `--config`: a node needs no file
/// but the binary, and a study preset on a `train` line would only train its first run. Each
/// line also carries:
/// - the dataset, when the sweep leaves it to the default, which is whatever this machine has
///   (a node without Fashion-MNIST would otherwise train on the spiral without a word);
/// - `--threads 1`, as each job of a sweep is single-threaded: give `parallel -j` the number of
///   cores;
/// - the same `--runs DIR`, so every run lands in one runs directory.
///
/// Words are quoted for a POSIX shell only when they need it (`'my data.csv'`).
struct SweepCommandLines {
  /// The runs directory every line names, as given (relative to where the lines run).
  var runs: String

  func lines(for settings: [Hyperparameters]) -> [String] {
    settings.map { h in
      var h = h
      if h.dataset == nil { h.dataset = DatasetCatalog.standard.defaultDataset().name }
      let words =
        ["traintop", "train"] + ReproduceCommand.arguments(for: h) + ["--threads", "1", "--runs", runs]
      return words.map(ReproduceCommand.shellQuoted).joined(separator: " ")
    }
  }
}
