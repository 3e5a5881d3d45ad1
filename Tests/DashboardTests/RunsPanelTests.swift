import Foundation
import SnapshotSupport
import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard
@testable import NeuralEngine

/// Stored runs, pin/hide/sort keys, the compare view and early-stopping display.
@Suite struct RunsPanelTests {
  @Test func storedRunsLoadAndACorruptDirectoryIsReported() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    s.load(dir.store)
    #expect(s.panelRuns.map(\.label) == ["s1", "s2", "s3"])
    #expect(s.panelRuns.allSatisfy { $0.storedID != nil && $0.epochs.count > 0 })
    #expect(s.panelRuns[2].stateText == "early 10")
    #expect(s.runsPanel.problems.count == 1)
    #expect(s.notice?.contains("zz-corrupt") == true)
    #expect(s.screen.text.contains("3 stored · 1 skipped"))
    // A new run comes after the stored ones and is selected.
    _ = s.press(.character(" "))
    #expect(s.panelRuns.map(\.label) == ["s1", "s2", "s3", "1"])
    #expect(s.selectedRun == 3)
    #expect(s.currentRun?.id == 1)
  }

  @Test func aMissingRunsDirectoryIsNoProblem() {
    var s = DashboardState(settings: Fixtures.settings)
    s.load(RunStore(directory: "/nonexistent/traintop-runs"))
    #expect(s.panelRuns.isEmpty)
    #expect(s.notice == nil)
  }

  /// Loads 100 stored runs; how long that takes is measured by Benchmarks/, not asserted here.
  @Test func loadingAHundredRuns() throws {
    let dir = TempRunsDirectory()
    defer { dir.remove() }
    // One run written by the recorder, copied 99 times (cheap to set up on a busy machine).
    let first = try dir.addRun(epochs: 30, second: 0)
    for i in 1..<100 {
      try FileManager.default.copyItem(
        atPath: dir.path + "/" + first, toPath: dir.path + "/\(first)-copy\(i)")
    }
    let listed = dir.store.list()
    var s = DashboardState(settings: Fixtures.settings)
    _ = s.update(.storedRunsLoaded(runs: listed.runs, problems: listed.problems))
    #expect(listed.problems.isEmpty)
    #expect(s.panelRuns.count == 100)
  }

  @Test func vPinsTheSelectedRunOntoTheCharts() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = Fixtures.state(width: 120, height: 40, secondRun: false)
    s.load(dir.store)
    // Outside the Runs panel, v only hints.
    _ = s.press(.character("v"))
    #expect(s.runsPanel.pinned.isEmpty)
    #expect(s.notice?.contains("Tab to the Runs panel") == true)
    _ = s.press(.tab, .home, .down, .character("v"))
    #expect(s.runsPanel.pinned == [-2])
    _ = s.press(.end)
    #expect(s.chartedRun?.id == 1)
    let overlaid = s.overlaidRuns(under: try #require(s.chartedRun)).map(\.label)
    #expect(overlaid == ["s2"])
    // Without o, nothing is overlaid, pinned or not.
    _ = s.press(.character("o"))
    #expect(s.overlaidRuns(under: try #require(s.chartedRun)).isEmpty)
    _ = s.press(.character("o"))
    _ = s.press(.home, .down, .character("v"))
    #expect(s.runsPanel.pinned.isEmpty)
  }

  @Test func hHidesInRunsAndOpensHelpElsewhere() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = DashboardState(settings: Fixtures.settings)
    s.load(dir.store)
    _ = s.press(.character("h"))
    #expect(s.showHelp)
    _ = s.press(.escape, .tab, .home, .character("h"))
    #expect(s.runsPanel.hidden == [-1])
    #expect(s.panelRuns.map(\.label) == ["s2", "s3"])
    #expect(s.selectedRun == 0)
    _ = s.press(.character("H"))
    #expect(s.panelRuns.map(\.label) == ["s1", "s2", "s3"])
    #expect(s.selectedRun == 1, "the selection stays on s2")
    _ = s.press(.home, .character("h"))
    #expect(s.runsPanel.hidden.isEmpty)
  }

  @Test func capitalSCyclesTheSortOrder() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = DashboardState(settings: Fixtures.settings)
    s.load(dir.store)
    _ = s.press(.character("S"))
    #expect(s.runsPanel.sort == .best)
    #expect(s.panelRuns.map(\.label) == ["s3", "s1", "s2"])
    _ = s.press(.character("S"))
    #expect(s.runsPanel.sort == .loss)
    #expect(s.panelRuns.map(\.label) == ["s1", "s3", "s2"])
    _ = s.press(.character("S"))
    #expect(s.runsPanel.sort == .gap)
    _ = s.press(.character("S"))
    #expect(s.runsPanel.sort == nil)
    #expect(s.panelRuns.map(\.label) == ["s1", "s2", "s3"])
  }

  @Test func cOpensTheCompareViewAndEscClosesIt() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    _ = s.press(.character("c"))
    #expect(!s.runsPanel.comparing)
    #expect(s.notice == "no runs to compare yet")
    s.load(dir.store)
    _ = s.press(.character("c"))
    #expect(s.runsPanel.comparing)
    let table = CompareView.table(for: s.comparedRuns, sortedBy: .best)
    #expect(
      table[0] == [
        "run", "status", "batch_size", "dropout", "early_stopping", "min_delta", "monitor", "restore_best",
        "epochs",
        "best val_acc @ep", "min val_loss @ep", "gap",
      ])
    #expect(table.dropFirst().map { $0[0] } == ["s3", "s1", "s2"])
    _ = s.press(.escape)
    #expect(!s.runsPanel.comparing)
    // Pinned runs (two or more) are what gets compared.
    _ = s.press(.tab, .home, .character("v"), .down, .character("v"))
    #expect(s.comparedRuns.map(\.label) == ["s1", "s2"])
    _ = s.press(.character("c"))
    #expect(s.screen.text.contains("Compare"))
    _ = s.press(.character("c"))
    #expect(!s.runsPanel.comparing)
  }

  @Test func earlyStoppedRunShowsWhereAndWhy() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    s.load(dir.store)
    _ = s.press(.tab, .end)
    let text = s.screen.text
    #expect(text.contains("early stop @10"))
    #expect(text.contains("run s3: early stopping: val_loss did not improve for 3 epochs"))
    #expect(text.contains("✕"))
  }

  @Test func earlyStoppingSettings() {
    var s = DashboardState(settings: Fixtures.settings)
    #expect(SettingField.earlyStopping.text(of: s.settings) == "off")
    s.edit(.earlyStopping, to: "3")
    #expect(s.settings.earlyStopping == 3)
    s.edit(.earlyStopping, to: "x")
    #expect(s.editor?.error?.contains("patience") == true)
    _ = s.press(.escape)
    s.edit(.earlyStopping, to: "off")
    #expect(s.settings.earlyStopping == nil)
    s.selectedField = .monitor
    _ = s.press(.right)
    #expect(s.settings.monitor == .valAccuracy)
    s.selectedField = .restoreBest
    _ = s.press(.right)
    #expect(s.settings.restoreBest)
    s.selectedField = .reduceLROnPlateau
    _ = s.press(.left)
    #expect(s.settings.reduceLROnPlateau)
  }

  // MARK: - Snapshots

  @Test func storedRunsPanelSnapshot() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = Fixtures.state(width: 120, height: 40)
    s.load(dir.store)
    _ = s.press(.escape)  // clear the notice about the corrupt directory
    _ = s.press(.tab, .home, .down, .character("v"), .character("S"))
    assertSnapshot(s.screen, named: "stored-runs-120x40")
  }

  @Test func compareViewSnapshot() throws {
    let dir = try threeStoredRuns()
    defer { dir.remove() }
    var s = Fixtures.state(width: 120, height: 40)
    s.load(dir.store)
    _ = s.press(.character("c"))
    assertSnapshot(s.screen, named: "compare-120x40")
  }
}
