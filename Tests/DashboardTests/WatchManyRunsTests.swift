import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard

/// `watch DIR` with many runs: runs that appear later, the `/` filter, pin and hide, legends
/// named by the settings that differ, the runs panel.
@Suite struct WatchManyRunsTests {
  /// A sweep of `count` runs named like Lightning's versions, with lr and batch size settings.
  static func sweep(_ count: Int, width: Int = 140, height: Int = 40) -> WatchState {
    var s = WatchState(runNames: [], width: width, height: height)
    s.followsDirectory = true
    let runs = (0..<count).map { i in
      WatchRun(
        name: "lightning_logs/version_\(i)", status: .following,
        settings: ["lr": ["0.1", "0.01"][i % 2], "batch_size": "\(32 << (i / 2))", "seed": "1"])
    }
    s.update(.runsFound(runs))
    for i in 0..<count {
      let rows = (0..<5).map { e -> MetricRow in
        let t = Double(e + 1 + i)
        return MetricRow(step: Double(e), values: ["train_loss": 1 / t, "val_loss": 1.2 / t])
      }
      s.update(.logUpdate(run: i, WatchFixtures.appended(rows), metricNames: ["train_loss", "val_loss"]))
    }
    return s
  }

  @Test func runsFoundLaterAreAddedAndListed() {
    let s = Self.sweep(4)
    #expect(s.runs.count == 4 && s.showsRunsPanel)
    let text = s.screen.text
    #expect(text.contains("Runs 4/4"))
    #expect(text.contains("4 runs · 4 following"))
    #expect(text.contains("┌─ Loss"), "train_loss and val_loss are one chart")
  }

  /// The legend names runs by what differs (lr, batch_size), not by seed, which is the same.
  @Test func labelsNameTheSettingsThatDiffer() {
    let s = Self.sweep(4)
    #expect(s.differingSettingKeys == ["batch_size", "lr"])
    #expect(s.label(of: s.runs[3]) == "batch_size 64, lr 0.01")
    #expect(s.screen.text.contains("batch_size 32, lr 0.1"))
  }

  @Test func filterByRunNameGlobOrRegex() {
    var s = Self.sweep(6)
    for c in "/version_[12]" { s.update(.key(.character(c))) }
    #expect(s.editingFilter)
    #expect(s.visibleRunIndices == [1, 2], "live, while typing")
    s.update(.key(.enter))
    #expect(!s.editingFilter && s.screen.text.contains("/version_[12]"))
    #expect(s.screen.text.contains("Runs 2/6"))

    s.update(.key(.escape))
    #expect(s.filter.isEmpty && s.visibleRunIndices.count == 6)
    s.update(.key(.character("/")))
    for c in "lr 0\\.01" { s.update(.key(.character(c))) }
    #expect(s.visibleRunIndices == [1, 3, 5], "a regular expression over the legend's names")
    s.update(.key(.escape))
    #expect(s.filter.isEmpty && !s.editingFilter)
  }

  @Test func filterByMetricName() {
    var s = Self.sweep(2)
    s.update(
      .logUpdate(
        run: 0, WatchFixtures.appended([MetricRow(step: 5, values: ["lr": 0.1])]),
        metricNames: ["train_loss", "val_loss", "lr"]))
    #expect(s.metricPanels.map(\.name) == ["loss", "lr"])
    s.filter = "l*r"
    #expect(s.metricPanels.map(\.name) == ["lr"], "a glob over metric names")
    #expect(s.visibleRunIndices == [0, 1], "no run name matches: every run stays")
  }

  @Test func pinAndHide() {
    var s = Self.sweep(3)
    s.update(.key(.down))
    s.update(.key(.character("h")))
    #expect(s.visibleRunIndices == [0, 2])
    s.update(.key(.down))
    s.update(.key(.character("v")))
    s.filter = "version_0"
    #expect(s.visibleRunIndices == [0, 2], "a pinned run stays whatever the filter")
    s.update(.key(.character("H")))
    s.filter = ""
    #expect(s.visibleRunIndices == [0, 1, 2])
    #expect(s.screen.text.contains("*"), "the pinned run is marked in the panel")
  }

  /// Keras's CSVLogger(append=True) starts the next run at epoch 0 in the same file.
  @Test func epochRestartIsAReset() {
    var s = WatchFixtures.keras(width: 80, height: 24, epochs: 5)
    s.update(
      .logUpdate(
        run: 0, WatchFixtures.appended([WatchFixtures.kerasRow(0)]), metricNames: WatchFixtures.kerasNames))
    #expect(s.runs[0].rowCount == 1 && s.runs[0].resets == 1)
  }

  /// Problems of the scan and of runs are counted on the status line; other runs go on.
  @Test func problemsAreCounted() {
    var s = Self.sweep(4)
    s.update(.scanProblems(["cannot read logs/private: Permission denied"]))
    s.update(.logFailed(run: 2, message: "Permission denied"))
    let last = s.screen.lines[39]
    #expect(last.contains("problems 2: cannot read logs/private"))
    #expect(s.screen.text.contains("1 with errors"))
  }

  /// 200 runs draw: decimated series, legends limited, the list scrolls to the cursor.
  @Test func twoHundredRuns() {
    var s = Self.sweep(200)
    for _ in 0..<150 { s.update(.key(.down)) }
    let text = s.screen.text
    #expect(text.contains("Runs 200/200"))
    #expect(text.contains("version_150") || text.contains("batch_size"), "the cursor's page is shown")
  }
}
