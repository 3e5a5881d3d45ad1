import Foundation
import Testing
import TrainingRuns

@testable import Figures

/// Writes sample figures from realistic curves to a temporary directory (or `$FIGURES_SAMPLE_DIR`)
/// to look at: `rsvg-convert -o /tmp/fig.png <dir>/overfit-vs-regularized.svg`. Nothing is committed.
@Suite("Sample figures")
struct SampleFigureTests {
  /// Deterministic noise in -1…1 (a 64-bit LCG), so the sample looks measured but never changes.
  struct Noise {
    var state: UInt64
    mutating func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53) * 2 - 1
    }
  }

  /// 30 epochs of a Fashion-MNIST-like MLP. `regularized: false` overfits: validation loss is lowest
  /// around epoch 8 and then climbs while training loss keeps falling; `true` (dropout + L2) trains
  /// slower, ends with a small gap, and validation keeps improving.
  /// `speed` stretches time: 0.5 learns half as fast (a larger batch), 2 twice as fast.
  static func run(label: String, regularized: Bool, seed: UInt64, speed: Double = 1) -> FigureRun {
    var noise = Noise(state: seed)
    let rows = (0..<30).map { e -> [Double] in
      let t = Double(e) * speed
      let loss: Double
      let valLoss: Double
      let accuracy: Double
      let valAccuracy: Double
      if regularized {
        loss = 0.33 + 0.45 * exp(-t / 5) + 0.004 * noise.next()
        valLoss = 0.335 + 0.3 * exp(-t / 6) + 0.008 * noise.next()
        accuracy = 0.885 - 0.17 * exp(-t / 5) + 0.002 * noise.next()
        valAccuracy = 0.882 - 0.1 * exp(-t / 6) + 0.004 * noise.next()
      } else {
        loss = 0.06 + 0.5 * exp(-t / 6) + 0.003 * noise.next()
        valLoss = 0.31 + 0.25 * exp(-t / 2.5) + 0.0006 * pow(max(0, t - 5), 2) + 0.008 * noise.next()
        accuracy = 0.98 - 0.2 * exp(-t / 6) + 0.002 * noise.next()
        valAccuracy = 0.891 - 0.08 * exp(-t / 2.5) - 0.0015 * max(0, t - 9) + 0.003 * noise.next()
      }
      return [accuracy, loss, valAccuracy, valLoss]
    }
    return FigureRun(label: label, log: makeLog(["accuracy", "loss", "val_accuracy", "val_loss"], rows))
  }

  static var outputDirectory: URL {
    if let dir = ProcessInfo.processInfo.environment["FIGURES_SAMPLE_DIR"] {
      return URL(fileURLWithPath: dir)
    }
    return FileManager.default.temporaryDirectory.appendingPathComponent("traintop-figures")
  }

  @Test("writes overfit-vs-regularized sample figures")
  func writeSamples() throws {
    let runs = [
      Self.run(label: "no regularization", regularized: false, seed: 1),
      Self.run(label: "dropout 0.4 + L2 1e-4", regularized: true, seed: 2),
    ]
    let dir = Self.outputDirectory
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let figures = [
      ("overfit-vs-regularized.svg", SVGFigure(runs: runs, title: "Fashion-MNIST MLP, 128 hidden units")),
      ("overfit-vs-regularized-log.svg", SVGFigure(runs: runs, logScaleLoss: true)),
    ]
    for (name, figure) in figures {
      let text = figure.render()
      _ = try ParsedSVG(text)
      try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    // The overfitting run's best validation loss is at epoch 8 or so, not at the end.
    let svg = try ParsedSVG(figures[0].1.render())
    let marker = try #require(
      svg.elements("g", classes: ["best-marker"], in: try svg.panel("loss")).first {
        $0.attr("data-run") == "no regularization"
      })
    let epoch = try #require(Int(marker.attr("data-epoch")!))
    #expect((6...11).contains(epoch))
  }

  @Test("writes a batch-size sweep sample: six runs, a diverged one, long labels")
  func writeSweepSample() throws {
    var runs = [100, 500, 1000, 3000, 7000].enumerated().map { i, batch in
      Self.run(
        label: "batch size \(batch), dropout 0.3", regularized: i % 2 == 1, seed: UInt64(10 + i),
        speed: 1.4 / Double(i + 1))
    }
    // A diverged run: NaN from epoch 12 on, as the engine logs it.
    var diverged = Self.run(label: "learning rate 1.0 (diverged)", regularized: false, seed: 99, speed: 2)
    for i in 12..<30 { diverged.log.rows[i].values = diverged.log.rows[i].values.mapValues { _ in .nan } }
    diverged.log.rows[4].values["val_loss"] = .nan
    runs.append(diverged)
    let dir = Self.outputDirectory
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let text = SVGFigure(runs: runs, title: "Batch-size sweep").render()
    _ = try ParsedSVG(text)
    try text.write(to: dir.appendingPathComponent("sweep.svg"), atomically: true, encoding: .utf8)
    let mae = FigureRun(
      label: "keras regression",
      log: makeLog(
        ["mae", "val_mae", "loss", "val_loss"],
        (0..<12).map { e in
          let t = Double(e)
          return [4 * exp(-t / 4) + 1, 4.2 * exp(-t / 4) + 1.3, 30 * exp(-t / 3) + 2, 33 * exp(-t / 3) + 3]
        }))
    let watched = SVGFigure(runs: [mae], metrics: [("mae", "val_mae")]).render()
    try watched.write(to: dir.appendingPathComponent("mae.svg"), atomically: true, encoding: .utf8)
  }
}
