import ArgumentParser
import Foundation
import NeuralEngine

/// `traintop bench`: the seed's Keras model on Fashion-MNIST, timed.
///
/// 784 → 128 relu → dropout 0.3 → 10 softmax, Adam 0.001, batch 100 — the
/// same workload `Benchmarks/keras_compare.sh` runs in TensorFlow.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time the seed's Keras model on Fashion-MNIST: epoch seconds, samples/s, GFLOP/s, peak RSS.")

  @Option(help: "Epochs to run (default 10).")
  var epochs = 10
  @Option(help: ArgumentHelp("Dataset name or IDX folder (default fashion-mnist).", valueName: "name|path"))
  var dataset = "fashion-mnist"
  @Option(help: "Threads each training step is split over (default 1; see README, \"Two threads\").")
  var threads = 1
  @Option(help: "OpenBLAS's own threads for the products, to compare with --threads (default 1).")
  var openblasThreads = 1
  @Option(help: "Random seed (default 1).")
  var seed: UInt64 = 1
  @Flag(help: "End standard output with one JSON object of the figures.")
  var json = false
  @Flag(
    help: "Also compute what the dashboard's insight panels show (sample, mistakes, weights every epoch).")
  var insight = false

  func run() throws {
    guard epochs >= 1 else { throw DataError("--epochs \(epochs) must be at least 1") }
    try BLAS.checkThreads(threads)
    try BLAS.checkThreads(openblasThreads, flag: "--openblas-threads")
    BLAS.setThreads(1)
    var h = Hyperparameters()
    h.dataset = dataset
    h.hidden = [128]
    h.activation = .relu
    h.dropout = 0.3
    h.optimizer = .adam
    h.learningRate = 0.001
    h.batchSize = 100
    h.epochs = epochs
    h.seed = seed
    let data = try loadData(for: h)
    let trainer = try Trainer(
      hyperparameters: h, data: data, insightProbe: insight ? InsightProbe() : nil, threads: threads)
    trainer.control.showWeights = insight
    // The reference, on one core, measured in this run: the ratio to it holds on a busy machine.
    let sgemm = Benchmark.sgemmGFLOPS(batch: 100, inputs: data.train.featureCount, outputs: 128)
    print(
      "sgemm (100×\(data.train.featureCount)×128, 1 thread): \(String(format: "%.1f", sgemm)) GFLOP/s; "
        + "training with --threads \(threads) --openblas-threads \(openblasThreads)")
    BLAS.setThreads(openblasThreads)
    let summary = trainer.run { event in
      if case .epochEnded(let m) = event {
        print(TrainCommand.epochLine(m, of: epochs))
        fflush(nil)
      }
    }
    let median = summary.medianEpochSeconds ?? .nan
    let flops = Benchmark.flopsPerEpoch(
      inputs: data.train.featureCount, hidden: h.hidden, classes: data.train.classCount,
      train: data.train.count, validation: data.validation.count)
    let achieved = flops / median / 1e9
    let rss = Double(Benchmark.peakResidentBytes() ?? 0) / 1e6
    let samples = Double(data.train.count) / median
    let final = summary.epochs.last?.valAccuracy ?? .nan
    print(
      """
      median epoch: \(String(format: "%.3f", median)) s (training + validation)
      samples/s: \(String(format: "%.0f", samples))
      GFLOP per epoch: \(String(format: "%.2f", flops / 1e9)); achieved \(String(format: "%.1f", achieved)) GFLOP/s \
      = \(String(format: "%.0f", 100 * achieved / sgemm))% of sgemm's \(String(format: "%.1f", sgemm))
      peak RSS: \(String(format: "%.0f", rss)) MB
      final val_accuracy: \(String(format: "%.4f", final)) after \(summary.epochs.count) epochs
      """)
    if json {
      let object: [String: Any] = [
        "median_epoch_seconds": median, "samples_per_second": samples, "gflop_per_epoch": flops / 1e9,
        "achieved_gflops": achieved, "sgemm_gflops": sgemm, "peak_rss_mb": rss, "final_val_accuracy": final,
        "epochs": summary.epochs.map(\.seconds), "threads": threads, "openblas_threads": openblasThreads,
      ]
      let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
      print(String(decoding: data, as: UTF8.self))
    }
  }
}
