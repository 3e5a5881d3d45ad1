import SnapshotSupport
import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

/// Charts that frame what matters (issue 14): a robust y range that leaves the first batches'
/// spike out, an x axis that grows with the run, epochs counted alike, pure ASCII, colours.
@Suite struct ChartFramingTests {
  /// Run 1 of 300 planned epochs, 7 done: its first batches' loss is 2.3 (chance on 10 classes),
  /// its epoch values 0.3–0.6, like the default Fashion-MNIST run.
  static func spikedRun(width: Int = 120, height: Int = 40, ascii: Bool = false) -> DashboardState {
    var settings = Fixtures.settings
    settings.epochs = 300
    var s = DashboardState(settings: settings, width: width, height: height, ascii: ascii)
    _ = s.update(.key(.character(" ")))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    for e in 0..<7 {
      for b in 1...8 {
        let loss = e == 0 ? 2.3 - 0.2 * Double(b) : 0.6 - 0.04 * Double(e) + 0.01 * Double(b % 3)
        let p = BatchProgress(
          epoch: e, batch: b, batchesPerEpoch: 8, loss: loss, accuracy: min(0.95, 1 - loss / 2.5),
          samplesPerSecond: 1600)
        _ = s.update(.training(runID: 1, .batch(p)))
      }
      let loss = e == 0 ? 0.9 : 0.6 - 0.04 * Double(e)
      let m = EpochMetrics(
        epoch: e, loss: loss, accuracy: 1 - loss / 2.5, valLoss: loss + 0.08, valAccuracy: 0.95 - loss / 2.5,
        seconds: 0.4, learningRate: 0.001)
      _ = s.update(.training(runID: 1, .epochEnded(m)))
    }
    return s
  }

  /// The y-axis labels of the loss chart (the left chart's label column).
  static func lossLabels(_ s: DashboardState) -> [Double] {
    s.screen.lines.compactMap { line -> Double? in
      guard let range = line.range(of: #"[│|]\s*([0-9.]+)[┤+]"#, options: .regularExpression) else {
        return nil
      }
      let text = line[range].filter { "0123456789.".contains($0) }
      return Double(text)
    }
  }

  @Test("the robust range fits the epoch values and marks the clipped spike; r shows it all")
  func robustRange() {
    var s = Self.spikedRun()
    let robust = Self.lossLabels(s)
    #expect(robust.max()! < 1.5, "the loss axis reaches only \(robust.max()!), not the 2.3 spike")
    #expect(s.screen.text.contains("↑"), "the clipped spike is marked on the top edge")
    assertSnapshot(s.screen, named: "spike-robust-120x40")
    _ = s.update(.key(.character("r")))
    #expect(!s.robustRange)
    #expect(Self.lossLabels(s).max()! >= 2, "the full range shows the spike")
    #expect(!s.screen.text.contains("↑"))
    var ascii = Self.spikedRun(ascii: true)
    #expect(ascii.screen.text.contains("^"))
    assertSnapshot(ascii.screen, named: "spike-robust-120x40-ascii")
    ascii.presentationToggle()
    #expect(Self.lossLabels(ascii).isEmpty || Self.lossLabels(ascii).max()! < 1.5)
  }

  @Test("the x axis grows with the run in 5, 10, 20, 50… steps, up to the planned epochs")
  func growingAxis() {
    #expect(ChartContent.growingUpper(progress: 0.5, planned: 300) == 5)
    #expect(ChartContent.growingUpper(progress: 4.6, planned: 300) == 10)
    #expect(ChartContent.growingUpper(progress: 7, planned: 300) == 10)
    #expect(ChartContent.growingUpper(progress: 19, planned: 300) == 50)
    #expect(ChartContent.growingUpper(progress: 95, planned: 300) == 200)
    #expect(ChartContent.growingUpper(progress: 250, planned: 300) == 300)
    #expect(ChartContent.growingUpper(progress: 3, planned: 4) == 4)
    // 7 of 300 epochs: the axis ends at 10, not 300.
    let s = Self.spikedRun()
    let axis = s.screen.lines.first { $0.contains(" 0 ") && $0.contains("10") } ?? ""
    #expect(!axis.contains("300") && !axis.contains("100"), "axis row: \(axis)")
  }

  @Test("a run on the default dataset is listed by the dataset it used, not 'auto'")
  func datasetName() {
    var settings = Fixtures.settings
    settings.dataset = nil
    var s = DashboardState(settings: settings, width: 120, height: 40)
    _ = s.update(.key(.character(" ")))
    var info = Fixtures.info
    info.datasetName = "fashion-mnist (train)"
    _ = s.update(.training(runID: 1, .started(info)))
    #expect(s.currentRun?.settings.dataset == "fashion-mnist")
    #expect(s.screen.text.contains("dataset fashion-mnist"))
    #expect(!s.screen.text.contains("dataset auto"))
    #expect(s.reproduceCommand.contains("--dataset fashion-mnist"))
  }

  @Test("ASCII mode is pure ASCII on every screen")
  func pureASCII() {
    var screens: [(String, DashboardState)] = []
    screens.append(("two runs", Fixtures.state(width: 120, height: 40, ascii: true)))
    screens.append(("two runs small", Fixtures.state(width: 80, height: 24, ascii: true)))
    screens.append(("spike", Self.spikedRun(ascii: true)))
    var help = Fixtures.state(width: 120, height: 40, ascii: true)
    _ = help.update(.key(.character("?")))
    screens.append(("help", help))
    var live = Fixtures.state(width: 120, height: 40, ascii: true)
    _ = live.update(.key(.character("]")))
    _ = live.update(
      .training(
        runID: 2,
        .settingChanged(
          SettingChange(epoch: 4, batch: 5, setting: .learningRate, value: 0.02, previous: 0.01))))
    screens.append(("live change and its notice", live))
    var compare = Fixtures.state(width: 120, height: 40, ascii: true)
    _ = compare.update(.key(.character("c")))
    screens.append(("compare", compare))
    var command = Fixtures.state(width: 120, height: 40, ascii: true)
    _ = command.update(.key(.character("x")))
    screens.append(("command line", command))
    var present = Fixtures.state(width: 120, height: 40, ascii: true)
    present.presentationToggle()
    screens.append(("presentation", present))
    var odd = Fixtures.state(width: 120, height: 40, ascii: true)
    odd.notice = "a file named “résumé → ☃.csv”"
    screens.append(("outside text", odd))
    for (name, state) in screens {
      let bad = state.screen.text.unicodeScalars.filter { $0.value >= 0x80 }
      #expect(bad.isEmpty, "\(name): \(String(String.UnicodeScalarView(bad.prefix(20))))")
    }
    var watch = WatchFixtures.keras(width: 120, height: 40)
    watch.ascii = true
    #expect(watch.screen.text.unicodeScalars.allSatisfy { $0.value < 0x80 })
  }

  @Test("colours: cyan/yellow on dark, blue/red on light, none with NO_COLOR; the line styles differ")
  func colours() {
    var s = Fixtures.state(width: 120, height: 40)
    let dark = Theme(s)
    #expect(dark.train.foreground == .cyan && dark.validation.foreground == .yellow)
    s.background = .light
    let light = Theme(s)
    #expect(light.train.foreground == .blue && light.validation.foreground == .red)
    s.color = false
    let none = Theme(s)
    #expect(none.train.foreground == .default && none.validation.foreground == .default)
    // Without colour the curves differ by line style and by their ASCII symbols.
    let content = ChartContent(state: s, kind: .loss, theme: none)
    let train = content.series.first { $0.name == "train" }!
    let val = content.series.first { $0.name == "val" }!
    #expect(train.pattern == .solid && val.pattern == .dotted && train.symbol != val.symbol)

    #expect(TerminalBackground.detect(environment: [:]) == .dark)
    #expect(TerminalBackground.detect(environment: ["COLORFGBG": "0;15"]) == .light)
    #expect(TerminalBackground.detect(environment: ["COLORFGBG": "15;0"]) == .dark)
    #expect(TerminalBackground.detect(environment: ["COLORFGBG": "0;default;7"]) == .light)
    #expect(
      TerminalBackground.detect(environment: ["TRAINTOP_BACKGROUND": "light", "COLORFGBG": "15;0"]) == .light)
  }
}

extension DashboardState {
  /// Presentation mode on, as `P` does.
  mutating func presentationToggle() { _ = update(.key(.character("P"))) }
}
