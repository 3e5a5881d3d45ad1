import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard

/// `WatchState.update`: logs appended, reset and failing; keys; panels found in the logs.
@Suite struct WatchUpdateTests {
  @Test func appendedRowsAccumulateAndShowInTheHeader() {
    var s = WatchState(runNames: ["a.csv"], width: 80, height: 24)
    #expect(s.screen.text.contains("a.csv waiting for file"))
    s.update(
      .logUpdate(
        run: 0, WatchFixtures.appended((0..<3).map(WatchFixtures.kerasRow)),
        metricNames: WatchFixtures.kerasNames))
    s.update(
      .logUpdate(
        run: 0, WatchFixtures.appended((3..<5).map(WatchFixtures.kerasRow)),
        metricNames: WatchFixtures.kerasNames))
    #expect(s.runs[0].rowCount == 5)
    #expect(s.runs[0].series("loss").map(\.x) == [0, 1, 2, 3, 4])
    #expect(s.screen.lines[0].contains("a.csv following · 5 rows"))
  }

  @Test func resetReplacesTheRunsData() {
    var s = WatchFixtures.keras(width: 80, height: 24, epochs: 10)
    let fresh = MetricRow(step: 0, values: ["loss": 2.5, "val_loss": 2.7])
    s.update(
      .logUpdate(
        run: 0, LogUpdate(change: .reset, rows: [fresh], malformedLines: 0, status: .following),
        metricNames: ["loss", "val_loss"]))
    #expect(s.runs[0].rowCount == 1 && s.runs[0].series("loss").map(\.y) == [2.5])
    #expect(s.runs[0].log.metricNames == ["loss", "val_loss"])
    #expect(s.runs[0].resets == 1)
    let text = s.screen.text
    #expect(text.contains("1 row · reset 1x"))
    #expect(text.contains("val 2.7000"))
    #expect(!text.contains("Accuracy"), "the accuracy columns went with the old content")
  }

  @Test func malformedLinesAreCountedPerSource() {
    let s = WatchFixtures.twoRuns(width: 80, height: 24)
    #expect(s.screen.lines[23].contains("malformed lines: keras.csv 0 · stdin 2"))
  }

  @Test func unchangedPollsDoNotRedraw() {
    var s = WatchFixtures.keras(width: 80, height: 24)
    let revision = s.revision
    s.update(
      .logUpdate(
        run: 0, LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: .following),
        metricNames: WatchFixtures.kerasNames))
    #expect(s.revision == revision)
    s.update(
      .logUpdate(
        run: 0, LogUpdate(change: .unchanged, rows: [], malformedLines: 0, status: .ended),
        metricNames: WatchFixtures.kerasNames))
    #expect(s.revision > revision)
    #expect(s.screen.lines[0].contains("ended · 12 rows"))
  }

  @Test func readErrorsShowAndClearOnTheNextGoodPoll() {
    var s = WatchFixtures.keras(width: 120, height: 40)
    s.update(.logFailed(run: 0, message: "Permission denied"))
    #expect(s.screen.lines[0].contains("training.log.csv error: Permission denied"))
    s.update(.logUpdate(run: 0, WatchFixtures.appended([]), metricNames: WatchFixtures.kerasNames))
    #expect(!s.screen.lines[0].contains("Permission denied"))
  }

  @Test func nonLossMetricPairGetsItsOwnPanel() {
    let s = WatchFixtures.twoRuns(width: 120, height: 40)
    #expect(s.metricPanels.map(\.name) == ["loss", "accuracy", "mae"])
    #expect(s.metricPanels[2] == MetricPanel(train: "mae", validation: "val_mae"))
    #expect(!s.metricPanels[2].higherIsBetter)
    #expect(s.metricPanels[1].higherIsBetter)
    #expect(MetricPanel(train: "macro_f1", validation: nil).higherIsBetter)
    #expect(!MetricPanel(train: "binary_crossentropy", validation: nil).higherIsBetter)
    #expect(!MetricPanel(train: "rmse", validation: "val_rmse").higherIsBetter)
    #expect(s.screen.text.contains("┌─ mae "))
  }

  @Test func regressionLogAloneShowsLossAndMae() {
    let s = WatchFixtures.state(
      names: ["reg.jsonl"], rows: [(0..<6).map(WatchFixtures.regressionRow)],
      metricNames: [WatchFixtures.regressionNames], width: 80, height: 24)
    let text = s.screen.text
    #expect(text.contains("┌─ Loss "))
    #expect(text.contains("┌─ mae "))
    #expect(!text.contains("Accuracy"))
  }

  @Test func moreThanFourPairsNameTheRestInTheStatusLine() {
    let names = ["loss", "val_loss", "a", "val_a", "b", "val_b", "c", "val_c", "d", "val_d"]
    let row = MetricRow(step: 0, values: Dictionary(uniqueKeysWithValues: names.map { ($0, 1.0) }))
    let s = WatchFixtures.state(names: ["x.csv"], rows: [[row]], metricNames: [names], width: 120, height: 40)
    #expect(s.metricPanels.count == 5)
    #expect(s.screen.lines[39].contains("+1 not shown: d"))
  }

  @Test func keys() {
    var s = WatchFixtures.keras(width: 80, height: 24)
    s.update(.key(.character("l")))
    s.update(.key(.character("m")))
    #expect(s.logScale && s.smoothing)
    #expect(s.screen.text.contains("log, smoothed"))
    s.update(.key(.character("?")))
    #expect(s.showHelp)
    s.update(.key(.character("q")))
    #expect(!s.showHelp && !s.shouldQuit, "any key closes the help first")
    s.update(.key(.character("q")))
    #expect(s.shouldQuit)

    var t = WatchFixtures.keras(width: 80, height: 24)
    t.update(.key(.character("?")))
    t.update(.key(.control("c")))
    #expect(t.shouldQuit, "Ctrl-C quits even over the help")
  }

  @Test func resizeRedrawsAtTheNewSize() {
    var s = WatchFixtures.keras(width: 80, height: 24)
    s.update(.resize(width: 100, height: 30))
    #expect(s.screen.width == 100 && s.screen.height == 30)
    s.update(.resize(width: 50, height: 15))
    #expect(s.screen.text.contains("Terminal too small"))
  }

  @Test func bestEpochIsMarkedOnValidation() {
    let s = WatchFixtures.keras(width: 120, height: 40)
    // val_loss is lowest at epoch 8 (0-based, as logged) in the fixture, val_accuracy highest
    // there too: shown 1-based, as the dashboard and Keras's progress output count, "@9".
    let text = s.screen.text
    #expect(text.contains("best 0.1509 @9"))
    #expect(text.contains("best 0.8922 @9"))
  }
}
