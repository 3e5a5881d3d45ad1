import SnapshotSupport
import TerminalUI
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// The insight panels (`i`, `C`, `w`, `d`) drawn from a fixed run: synthetic 28×28 images of
/// four classes, a confusion matrix, predictions, mistakes, weights and gradient norms.
@Suite struct InsightPanelTests {
  static let names = ["T-shirt/top", "Trouser", "Pullover", "Dress"]
  static let shape = ImageShape(rows: 28, columns: 28)

  /// Class c's picture: a bar in quarter c of the image, brighter in its middle.
  static func picture(_ c: Int, index: Int) -> SampleImage {
    let pixels = (0..<784).map { i -> UInt8 in
      let (y, x) = (i / 28, i % 28)
      return x / 7 == c ? UInt8(120 + min(y, 27 - y) * 9) : 0
    }
    return SampleImage(index: index, label: c, pixels: pixels)
  }

  static func state(width: Int, height: Int, ascii: Bool = false, rich: Bool = true) -> DashboardState {
    var s = DashboardState(
      settings: Fixtures.settings, width: width, height: height, ascii: ascii, color: true)
    _ = s.update(.key(.character(" ")))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    var history: [EpochMetrics] = []
    for e in 0..<12 {
      for event in Fixtures.batches(epoch: e) { _ = s.update(.training(runID: 1, event)) }
      var m = Fixtures.epoch(e)
      m.gradientNorms = [0.004 * Double(e + 1), 0.02 + 0.002 * Double(e), 0.3 - 0.01 * Double(e)]
      history.append(m)
      _ = s.update(.training(runID: 1, .epochEnded(m)))
    }
    _ = s.update(
      .training(
        runID: 1,
        .ended(
          RunSummary(
            status: .finished, reason: nil, epochs: history, config: Fixtures.settings, trainCount: 800,
            validationCount: 200))))
    s.richColor = rich
    let images = (0..<8).map { picture($0 % 4, index: $0 * 10) }
    let set = SampleSet(shape: shape, classNames: names, images: images)
    var matrix = ConfusionMatrix(classes: 4, classNames: names)
    for (a, p, n) in [
      (0, 0, 80), (0, 2, 15), (0, 3, 5), (1, 1, 97), (1, 3, 3), (2, 2, 70), (2, 0, 30), (3, 3, 88),
      (3, 0, 12),
    ] {
      for _ in 0..<n { matrix.add(actual: a, predicted: p) }
    }
    let predictions = images.enumerated().map { i, image in
      SamplePrediction(
        index: image.index, label: image.label, predicted: i == 2 ? 0 : image.label,
        confidence: 0.9 - Float(i) / 100)
    }
    let mistakes = [
      (SamplePrediction(index: 20, label: 2, predicted: 0, confidence: 0.97), picture(2, index: 20)),
      (SamplePrediction(index: 30, label: 3, predicted: 0, confidence: 0.81), picture(3, index: 30)),
    ]
    let weights = FirstLayerWeights(
      shape: shape, units: (0..<6).map { u in (0..<784).map { i in Float((i % 28) - 14 + u) / 14 } })
    var run = s.runs[0]
    run.samples = set
    run.insight = EpochInsight(
      epoch: 11, confusion: matrix, samples: predictions, mistakes: mistakes,
      gradientNorms: [0.004, 0.02, 0.3], weights: weights)
    s.runs[0] = run
    return s
  }

  @Test(
    "each panel at 120×40 and 80×24, with rich colour and in ASCII", arguments: ["i", "ii", "C", "w", "d"])
  func panels(keys: String) {
    for (width, height, ascii) in [(120, 40, false), (80, 24, false), (120, 40, true)] {
      var s = Self.state(width: width, height: height, ascii: ascii, rich: !ascii)
      for k in keys { _ = s.update(.key(.character(k))) }
      let name = keys == "ii" ? "mistakes" : keys
      assertSnapshot(s.screen, named: "insight-\(name)-\(width)x\(height)\(ascii ? "-ascii" : "")")
      if ascii { #expect(s.screen.text.unicodeScalars.allSatisfy { $0.value < 0x80 }) }
    }
  }

  @Test("the samples panel captions true and predicted classes; the confusion panel names the worst pair")
  func captions() {
    var s = Self.state(width: 120, height: 40)
    _ = s.update(.key(.character("i")))
    let samples = s.screen.text
    #expect(samples.contains("T-shirt/top  Trouser      Pullover"), "true classes under the pictures")
    #expect(samples.contains("→ Trous… 89%"), "predictions, cut to the picture's width")
    #expect(samples.contains("→ T-shi… 88%"), "the wrong prediction of image 3")
    _ = s.update(.key(.character("C")))
    let matrix = s.screen.text
    #expect(matrix.contains("most confused: Pullover → T-shirt/top (30"))
    #expect(matrix.contains("validation accuracy 0.8375 on 400 samples"))
  }

  @Test("keys: i cycles sample, mistakes, one class, off; I steps the class; w asks the run for weights")
  func keys() {
    var s = Fixtures.state(width: 120, height: 40)  // run 2 is active
    _ = s.update(.key(.character("i")))
    #expect(s.insightPanel == .samples(.sample))
    _ = s.update(.key(.character("i")))
    #expect(s.insightPanel == .samples(.mistakes))
    _ = s.update(.key(.character("i")))
    #expect(s.insightPanel == .samples(.byClass(0)))
    _ = s.update(.key(.character("I")))
    #expect(s.insightPanel == .samples(.byClass(1)))
    _ = s.update(.key(.character("i")))
    #expect(s.insightPanel == nil)
    #expect(s.update(.key(.character("w"))) == [.showWeights(runID: 2, true)])
    #expect(s.update(.key(.character("C"))) == [.showWeights(runID: 2, false)])
    #expect(s.insightPanel == .confusion)
    _ = s.update(.key(.character("b")))
    #expect(s.insightPanel == nil)
    // A run started while the weights panel is open asks for them from its start.
    _ = s.update(.key(.character("w")))
    #expect(s.update(.key(.character("n"))).contains(.showWeights(runID: 3, true)))
  }
}
