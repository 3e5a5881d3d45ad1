import Foundation
import SnapshotSupport
import Testing

@testable import Dashboard
@testable import NeuralEngine
@testable import TerminalUI

/// The classroom features: the preset picker, the decision boundary panel, presentation mode and
/// the reproduce command line. Snapshots re-record with SNAPSHOT_RECORD=1.
@Suite struct ClassroomTests {
  // MARK: - Fixtures

  static let presets: [PresetChoice] = {
    var spiral = Hyperparameters()
    spiral.dataset = "spiral"
    spiral.hidden = [128, 128, 128]
    spiral.epochs = 1500
    spiral.batchSize = 10
    var fashion = Hyperparameters()
    fashion.dataset = "fashion-mnist"
    fashion.trainSize = 1000
    return [
      PresetChoice(
        name: "overfitting", summary: "NNDL ch. 3 on 1000 images.", settings: fashion,
        problem: "Fashion-MNIST is not installed; install it with `apt-get install dataset-fashion-mnist`"),
      PresetChoice(
        name: "spiral-overfit", summary: "100 noisy spiral points, a big network.", settings: spiral),
      PresetChoice(
        name: "broken", summary: "your preset (broken.json)", settings: nil,
        problem: "preset 'broken' (x.json): not valid JSON"),
    ]
  }()

  /// A two-arm boundary that snakes around a few points, as an overfit network draws it.
  static func boundary(epochs: Int = 120) -> DecisionBoundary {
    let columns = 64
    let rows = 48
    var classes: [UInt8] = []
    var g = DecisionBoundary(
      epochsTrained: epochs, columns: columns, rows: rows, xRange: -1.2...1.2, yRange: -1.2...1.2,
      classCount: 2, classes: [], confidence: [], trainPoints: [], validationPoints: [])
    for row in 0..<rows {
      for column in 0..<columns {
        let c = g.center(column: column, row: row)
        let angle = atan2(c.y, c.x)
        let radius = (c.x * c.x + c.y * c.y).squareRoot()
        var k = sin(3 * radius * 3 - angle) > 0 ? 1 : 0
        // A pocket around a noisy training point.
        if (c.x - 0.5) * (c.x - 0.5) + (c.y + 0.3) * (c.y + 0.3) < 0.02 { k = 1 - k }
        classes.append(UInt8(k))
      }
    }
    g.classes = classes
    g.confidence = Array(repeating: 0.9, count: columns * rows)
    g.trainPoints = [
      .init(x: 0.5, y: -0.3, label: Int32(1 - g.predictedClass(x: 0.9, y: -0.3))),
      .init(x: -0.8, y: 0.8, label: 0), .init(x: 0.8, y: 0.8, label: 1), .init(x: 0, y: -1, label: 0),
    ]
    g.validationPoints = [.init(x: -0.5, y: -0.5, label: 1), .init(x: 0.2, y: 0.4, label: 0)]
    return g
  }

  static func state(width: Int, height: Int, ascii: Bool = false, color: Bool = false) -> DashboardState {
    var s = Fixtures.state(width: width, height: height, ascii: ascii, secondRun: false)
    s.color = color
    s.classroom.presets = presets
    _ = s.update(.training(runID: 1, .decisionBoundary(boundary())))
    return s
  }

  // MARK: - Presets

  @Test("p opens the picker; arrows move; Enter loads the preset into the edited settings")
  func pickerFlow() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    s.classroom.presets = Self.presets
    _ = s.update(.key(.character("p")))
    #expect(s.classroom.picker == PresetPicker(selected: 0))
    _ = s.update(.key(.down))
    _ = s.update(.key(.down))
    _ = s.update(.key(.down))
    #expect(s.classroom.picker?.selected == 2)
    _ = s.update(.key(.up))
    let effects = s.update(.key(.enter))
    #expect(effects.isEmpty)
    #expect(s.classroom.picker == nil)
    #expect(s.settings == Self.presets[1].settings)
    #expect(s.notice == "preset spiral-overfit loaded: Space starts it")
    // Space then starts a run with the preset's settings.
    #expect(s.update(.key(.character(" "))) == [.startRun(runID: 1, settings: Self.presets[1].settings!)])
  }

  @Test("a preset whose dataset is missing loads with the install hint; a broken one changes nothing")
  func pickerProblems() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    s.classroom.presets = Self.presets
    _ = s.update(.key(.character("p")))
    _ = s.update(.key(.enter))
    #expect(s.settings.dataset == "fashion-mnist")
    #expect(s.notice?.contains("apt-get install dataset-fashion-mnist") == true)
    _ = s.update(.key(.character("p")))
    _ = s.update(.key(.end))
    let before = s.settings
    _ = s.update(.key(.enter))
    #expect(s.settings == before)
    #expect(s.notice == "preset 'broken' (x.json): not valid JSON")
  }

  /// A preset that is a study of three runs, beside a single-run one.
  static func studyPresets() throws -> [PresetChoice] {
    var base = Hyperparameters()
    base.dataset = "moons"
    base.batchSize = 10
    let plan = try #require(try SweepPlan.read(from: Data(#"{"sweep": {"batch_size": [10, 20, 30]}}"#.utf8)))
    return [
      PresetChoice(name: "study", summary: "Three batch sizes.", settings: base, sweep: plan),
      PresetChoice(name: "spiral-overfit", summary: "One run.", settings: presets[1].settings),
    ]
  }

  @Test("a study preset fills the sweep lists: g queues its runs; another preset clears them")
  func studyPreset() throws {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    s.classroom.presets = try Self.studyPresets()
    _ = s.update(.key(.character("p")))
    _ = s.update(.key(.enter))
    #expect(s.runsPanel.sweepLists == [.batchSize: ["10", "20", "30"]])
    #expect(s.settings.batchSize == 10 && s.settings.dataset == "moons")
    #expect(s.notice == "preset study loaded: g queues its 3 runs, Space runs only the first")
    #expect(s.sweepGrid().map(\.batchSize) == [10, 20, 30])
    #expect(s.screen.text.contains("batch size  10,20,30"))

    // The reproduce popup also gives the sweep g would queue.
    _ = s.update(.key(.character("x")))
    #expect(s.screen.text.contains("traintop sweep --preset study --batch-size 10,20,30"))
    _ = s.update(.key(.escape))

    let first = s.sweepGrid()[0]
    #expect(s.update(.key(.character("g"))) == [.startRun(runID: 1, settings: first)])
    #expect(s.runsPanel.queue.map(\.batchSize) == [20, 30] && s.runsPanel.sweepTotal == 3)

    // Loading a single-run preset drops pending lists.
    var t = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    t.classroom.presets = try Self.studyPresets()
    _ = t.update(.key(.character("p")))
    _ = t.update(.key(.enter))
    _ = t.update(.key(.character("p")))
    _ = t.update(.key(.down))
    _ = t.update(.key(.enter))
    #expect(t.runsPanel.sweepLists.isEmpty && t.settings == Self.presets[1].settings)
  }

  @Test("a study of a setting the panel does not show points to traintop sweep")
  func studyOutsideThePanel() throws {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    let plan = try #require(
      try SweepPlan.read(from: Data(#"{"sweep": {"noise": [0.1, 0.3], "dropout": [0, 0.5]}}"#.utf8)))
    let message = s.loadSweepPlan(plan)
    #expect(message == "g queues its 2 runs, Space runs only the first; 'traintop sweep' also varies noise")
    #expect(s.runsPanel.sweepLists == [.dropout: ["0", "0.5"]])
    var t = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    let noiseOnly = try #require(try SweepPlan.read(from: Data(#"{"sweep": {"noise": [0.1, 0.3]}}"#.utf8)))
    #expect(t.loadSweepPlan(noiseOnly) == "its sweep of noise runs with 'traintop sweep'; Space runs one")
    #expect(t.runsPanel.sweepLists.isEmpty)
  }

  @Test("every setting field maps to a settings key the config decoder knows, and back")
  func settingKeys() {
    let known = Set(Hyperparameters.CodingKeys.allCases.map(\.rawValue))
    for field in SettingField.allCases {
      #expect(known.contains(field.settingKey), "\(field)")
      #expect(SettingField(settingKey: field.settingKey) == field)
    }
    #expect(
      SettingField(settingKey: "batch-size") == .batchSize && SettingField.batchSize.flag == "--batch-size")
    #expect(SettingField.initializer.flag == "--init" && SettingField(settingKey: "noise") == nil)
  }

  @Test("no hidden layer shows and types as 'none'")
  func hiddenNone() throws {
    var h = Hyperparameters()
    h.hidden = []
    #expect(SettingField.hidden.text(of: h) == "none")
    #expect(try SettingField.hidden.apply("none", to: Hyperparameters()).hidden == [])
    #expect(ReproduceCommand.string(for: h) == "traintop train --hidden none")
  }

  @Test("Esc closes the picker unchanged; q still quits; no presets gives a notice")
  func pickerEscape() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    _ = s.update(.key(.character("p")))
    #expect(s.classroom.picker == nil && s.notice?.hasPrefix("no presets") == true)
    s.classroom.presets = Self.presets
    _ = s.update(.key(.character("p")))
    _ = s.update(.key(.down))
    _ = s.update(.key(.escape))
    #expect(s.classroom.picker == nil && s.settings == Fixtures.settings)
    _ = s.update(.key(.character("p")))
    #expect(s.update(.key(.character("q"))) == [.quit])
  }

  @Test("the built-in presets load, each with its summary")
  func builtInPresets() {
    let all = PresetChoice.available()
    #expect(all.map(\.name).contains("spiral-overfit"))
    #expect(all.first { $0.name == "spiral-overfit" }?.problem == nil)
    #expect(all.allSatisfy { $0.settings != nil && !$0.summary.isEmpty })
  }

  @Test("picker popup at 80×24")
  func pickerSnapshot() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24, color: false)
    s.classroom.presets = Self.presets
    _ = s.update(.key(.character("p")))
    assertSnapshot(s.screen, named: "preset-picker-80x24")
  }

  @Test("a run that could not start shows its whole message where the charts were")
  func failedRun() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24, color: false)
    _ = s.update(.key(.character(" ")))
    let message =
      "fashion-mnist: not found in ./data/fashion-mnist or /usr/share/datasets/fashion-mnist; install it "
      + "with `apt-get install dataset-fashion-mnist`, or put its IDX files in ./data/fashion-mnist"
    _ = s.update(.runFailed(runID: 1, message: message))
    let text = s.screen.text
    #expect(text.contains("Run 1 could not start"))
    #expect(text.contains("dataset-fashion-mnist"))
    assertSnapshot(s.screen, named: "failed-run-80x24")
  }

  // MARK: - Decision boundary

  @Test(
    "the boundary panel as text: braille shading without colour, and ASCII",
    arguments: [false, true])
  func boundaryPanel(ascii: Bool) {
    let s = Self.state(width: 120, height: 40, ascii: ascii)
    var buffer = Buffer(width: 50, height: 24)
    DecisionBoundaryView(state: s, theme: Theme(s)).render(in: buffer.area, into: &buffer)
    assertSnapshot(buffer, named: "boundary-panel-50x24-\(ascii ? "ascii" : "braille")")
  }

  @Test(
    "in colour, each cell is an upper half-block: top pixel's class as foreground, bottom's as background")
  func boundaryColours() {
    let s = Self.state(width: 120, height: 40, color: true)
    var buffer = Buffer(width: 50, height: 24)
    DecisionBoundaryView(state: s, theme: Theme(s)).render(in: buffer.area, into: &buffer)
    let cells = buffer.cells.filter { $0.character == "▀" }
    #expect(cells.count > 500)
    #expect(Set(cells.map(\.style.foreground)) == [.blue, .red])
    #expect(Set(cells.map(\.style.background)) == [.blue, .red])
    // Points: filled for train, hollow for validation; white where they lie in their own class.
    let points = buffer.cells.filter { "●▲○△".unicodeScalars.contains($0.character) }
    #expect(points.count == 6 + 4)  // and the legend's four
    #expect(points.contains { $0.style.foreground == .white })
    #expect(points.contains { $0.style.foreground != .white })
  }

  @Test("shown automatically where it fits (120×40), toggled with b")
  func boundaryToggle() {
    var s = Self.state(width: 120, height: 40)
    #expect(s.boundaryPanelVisible)
    assertSnapshot(s.screen, named: "boundary-120x40-braille")
    _ = s.update(.key(.character("b")))
    #expect(!s.boundaryPanelVisible)
    #expect(!s.screen.text.contains("Decision boundary"))
    var small = Self.state(width: 80, height: 24)
    #expect(!small.boundaryPanelVisible)
    _ = small.update(.key(.character("b")))
    #expect(small.screen.text.contains("Decision boundary"))
  }

  // MARK: - Presentation mode

  @Test("presentation mode: whole-screen charts, thick lines, no editor", arguments: [(80, 24), (120, 40)])
  func presentation(size: (Int, Int)) {
    var s = Fixtures.state(width: size.0, height: size.1)
    s.color = false
    _ = s.update(.key(.character("P")))
    #expect(s.classroom.presenting)
    let text = s.screen.text
    #expect(!text.contains("Settings") && text.contains("LOSS") && text.contains("ACCURACY"))
    assertSnapshot(s.screen, named: "present-\(size.0)x\(size.1)")
    // Editing keys are refused with a hint; P leaves.
    _ = s.update(.key(.enter))
    #expect(s.editor == nil && s.notice?.contains("press P") == true)
    _ = s.update(.key(.character("P")))
    #expect(!s.classroom.presenting && s.screen.text.contains("Settings"))
  }

  @Test("presentation mode with the decision boundary beside the charts")
  func presentationWithBoundary() {
    var s = Self.state(width: 120, height: 40)
    _ = s.update(.key(.character("P")))
    let text = s.screen.text
    #expect(text.contains("Decision boundary") && text.contains("LOSS"))
  }

  @Test("x shows the run as a traintop train command; any key closes it")
  func commandLinePopup() {
    var s = Fixtures.state(width: 80, height: 24)
    s.classroom.presets = Self.presets
    _ = s.update(.key(.character("x")))
    #expect(s.classroom.showCommandLine)
    assertSnapshot(s.screen, named: "command-line-80x24")
    _ = s.update(.key(.character("j")))
    #expect(!s.classroom.showCommandLine && s.selectedField == .dataset)
    #expect(
      s.reproduceCommand == "traintop train --dataset spiral --dropout 0.3 --learning-rate 0.01 --epochs 12")
  }

  @Test("the command names a preset when the settings equal it, and adds only the differences")
  func reproduceWithPresets() {
    let spiral = Self.presets[1].settings!
    #expect(
      ReproduceCommand.string(for: spiral, presets: Self.presets) == "traintop train --preset spiral-overfit")
    var changed = spiral
    changed.dropout = 0.2
    #expect(
      ReproduceCommand.string(for: changed, presets: Self.presets)
        == "traintop train --preset spiral-overfit --dropout 0.2")
    #expect(ReproduceCommand.string(for: Hyperparameters()) == "traintop train")
    var path = Hyperparameters()
    path.dataset = "my data.csv"
    #expect(ReproduceCommand.string(for: path) == "traintop train --dataset 'my data.csv'")
    // A preset cannot be the base when a flag would have to unset one of its values.
    var all = Self.presets[0].settings!
    all.trainSize = nil
    #expect(!ReproduceCommand.arguments(for: all, presets: Self.presets).contains("--preset"))
  }
}
