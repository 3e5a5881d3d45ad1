import TerminalUI
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// `update` driven by keys and fake training messages: no threads, no terminal.
@Suite struct UpdateTests {
  func fresh() -> DashboardState { DashboardState(settings: Fixtures.settings) }

  func press(_ s: inout DashboardState, _ keys: Key...) -> [Effect] {
    keys.flatMap { s.update(.key($0)) }
  }

  func type(_ s: inout DashboardState, _ text: String) {
    for c in text { _ = s.update(.key(.character(c))) }
  }

  /// Selects `field`, opens the editor, replaces the text with `text` and presses Enter.
  func edit(_ s: inout DashboardState, _ field: SettingField, to text: String) {
    s.focus = .settings
    s.selectedField = field
    _ = press(&s, .enter, .control("u"))
    type(&s, text)
    _ = press(&s, .enter)
  }

  // MARK: - Settings focus

  @Test func arrowsSelectFieldsAndStopAtTheEnds() {
    var s = fresh()
    _ = press(&s, .up)
    #expect(s.selectedField == .dataset)
    _ = press(&s, .down, .down)
    #expect(s.selectedField == .hidden)
    _ = press(&s, .end)
    #expect(s.selectedField == .changes)
    _ = press(&s, .down)
    #expect(s.selectedField == .changes)
  }

  @Test func leftRightCycleChoices() {
    var s = fresh()
    s.selectedField = .activation
    _ = press(&s, .right)
    #expect(s.settings.activation == .sigmoid)
    _ = press(&s, .left, .left)
    #expect(s.settings.activation == .linear)
    s.selectedField = .optimizer
    _ = press(&s, .right)
    #expect(s.settings.optimizer == .rmsprop)
    s.selectedField = .dataset
    _ = press(&s, .right)
    #expect(s.settings.dataset == "circles")
  }

  @Test func leftRightOnANumberOnlyHints() {
    var s = fresh()
    s.selectedField = .dropout
    let before = s.settings
    _ = press(&s, .right)
    #expect(s.settings == before)
    #expect(s.notice?.contains("Enter") == true)
  }

  @Test func enterEditsAndConfirms() {
    var s = fresh()
    edit(&s, .dropout, to: "0.25")
    #expect(s.settings.dropout == 0.25)
    #expect(s.editor == nil)
    edit(&s, .hidden, to: "64,32")
    #expect(s.settings.hidden == [64, 32])
    edit(&s, .learningRate, to: "0.05")
    #expect(s.settings.learningRate == 0.05)
    edit(&s, .trainSize, to: "all")
    #expect(s.settings.trainSize == nil)
  }

  @Test func escapeCancelsAnEdit() {
    var s = fresh()
    s.selectedField = .epochs
    _ = press(&s, .enter, .control("u"))
    type(&s, "99")
    _ = press(&s, .escape)
    #expect(s.editor == nil)
    #expect(s.settings.epochs == 12)
  }

  @Test func keysTypeIntoTheEditorInsteadOfActing() {
    var s = fresh()
    s.selectedField = .dataset
    _ = press(&s, .enter, .control("u"))
    let effects = press(&s, .character("q"), .character(" "), .character("n"))
    #expect(effects.isEmpty)
    #expect(s.editor?.input.text == "q n")
    #expect(!s.shouldQuit)
  }

  @Test(arguments: [
    (SettingField.learningRate, "0"), (.learningRate, "-0.1"), (.batchSize, "0"), (.dropout, "1.0"),
    (.dropout, "-0.1"), (.hidden, "12,x"), (.epochs, "ten"), (.activation, "swish"),
  ])
  func invalidInputShowsAnErrorAndChangesNothing(field: SettingField, text: String) {
    var s = fresh()
    let before = s.settings
    edit(&s, field, to: text)
    #expect(s.settings == before)
    #expect(s.editor?.error != nil, "no error for \(field) = \(text)")
    #expect(s.screen.text.contains("! "))
    // Typing again clears the error; Esc leaves the settings untouched.
    _ = press(&s, .backspace)
    #expect(s.editor?.error == nil)
    _ = press(&s, .escape)
    #expect(s.settings == before)
  }

  @Test func batchSizeAboveTheKnownTrainingSetIsRefused() {
    var s = fresh()
    _ = press(&s, .character(" "))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    edit(&s, .batchSize, to: "801")
    #expect(s.editor?.error?.contains("larger than the training set") == true)
    #expect(s.settings.batchSize == 100)
  }

  // MARK: - Runs focus

  @Test func tabMovesFocusAndArrowsSelectRuns() {
    var s = Fixtures.state(width: 80, height: 24)
    _ = press(&s, .tab)
    #expect(s.focus == .runs)
    #expect(s.selectedRun == 1)
    _ = press(&s, .up)
    #expect(s.selectedRun == 0)
    _ = press(&s, .up)
    #expect(s.selectedRun == 0)
    _ = press(&s, .backTab)
    #expect(s.focus == .settings)
  }

  @Test func enterOnARunLoadsItsSettings() {
    var s = Fixtures.state(width: 80, height: 24)
    #expect(s.settings.dropout == 0.3)
    _ = press(&s, .tab, .up, .enter)
    #expect(s.settings == s.runs[0].settings)
    #expect(s.notice?.contains("run 1") == true)
  }

  @Test func selectingARunChartsIt() {
    var s = Fixtures.state(width: 120, height: 40)
    #expect(s.chartedRun?.id == 2)
    _ = s.update(.key(.tab))
    _ = s.update(.key(.up))
    #expect(s.chartedRun?.id == 1)
    #expect(s.screen.text.contains("Loss of run 1"))
    #expect(s.screen.text.contains("Accuracy of run 1"))
    _ = s.update(.key(.tab))
    #expect(s.chartedRun?.id == 2)
  }

  @Test func leftRightInRunsFocusChangeNoSetting() {
    var s = Fixtures.state(width: 80, height: 24)
    let before = s.settings
    _ = press(&s, .tab, .left, .right)
    #expect(s.settings == before)
  }

  // MARK: - Toggles, help, quit

  @Test func togglesFlipDisplayOptions() {
    var s = fresh()
    _ = press(&s, .character("o"), .character("l"), .character("m"))
    #expect(!s.overlayEarlierRuns)
    #expect(s.logScaleLoss)
    #expect(!s.smoothing)
  }

  @Test func helpOpensAndAnyKeyClosesIt() {
    var s = fresh()
    _ = press(&s, .character("?"))
    #expect(s.showHelp)
    #expect(s.screen.text.contains("Keys"))
    let effects = press(&s, .character(" "))
    #expect(!s.showHelp)
    #expect(effects.isEmpty, "the closing key does nothing else")
  }

  @Test(arguments: [Key.character("q"), .control("c")])
  func quitStopsTheActiveRun(key: Key) {
    var s = fresh()
    _ = press(&s, .character(" "))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    let effects = press(&s, key)
    #expect(effects == [.stop(runID: 1), .quit])
    #expect(s.shouldQuit)
  }

  @Test func controlCQuitsEvenWhileEditing() {
    var s = fresh()
    _ = press(&s, .enter)
    #expect(press(&s, .control("c")) == [.quit])
  }

  @Test func resizeAndTicksRedrawOnlyWhenSomethingShows() {
    var s = fresh()
    let r0 = s.revision
    _ = s.update(.resize(width: 80, height: 24))
    _ = s.update(.tick(now: 5))
    #expect(s.revision == r0)
    _ = s.update(.resize(width: 100, height: 30))
    #expect(s.width == 100 && s.height == 30)
    #expect(s.revision > r0)
  }

  // MARK: - The run flow

  @Test func startPauseResumeStopEditNewRun() {
    let clock = ManualClock()
    var s = fresh()
    #expect(s.phase == .idle)

    // Space starts run 1 with the edited settings.
    #expect(press(&s, .character(" ")) == [.startRun(runID: 1, settings: Fixtures.settings)])
    #expect(s.phase == .loading)
    #expect(press(&s, .character(" ")).isEmpty, "no pause while the data loads")
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    #expect(s.phase == .running)
    for event in Fixtures.batches(epoch: 0, upTo: 4) { _ = s.update(.training(runID: 1, event)) }
    clock.advance(by: 1)
    _ = s.update(.tick(now: clock.now()))
    #expect(s.currentRun?.progressEpochs == 0.5)
    #expect(s.screen.text.contains("epoch 1/12"))
    #expect(s.screen.text.contains("4/8 batches"))

    // Space pauses; the phase changes when the trainer confirms.
    #expect(press(&s, .character(" ")) == [.pause(runID: 1)])
    _ = s.update(.training(runID: 1, .paused))
    #expect(s.phase == .paused)
    #expect(s.screen.text.contains("PAUSED"))

    // Space resumes.
    #expect(press(&s, .character(" ")) == [.resume(runID: 1)])
    _ = s.update(.training(runID: 1, .resumed))
    #expect(s.phase == .running)
    for event in Fixtures.batches(epoch: 0) { _ = s.update(.training(runID: 1, event)) }
    _ = s.update(.training(runID: 1, .epochEnded(Fixtures.epoch(0))))
    #expect(s.screen.text.contains("epoch 1/12"))

    // Editing a setting that is not live while running waits for the next run.
    edit(&s, .hidden, to: "64")
    #expect(s.settings.hidden == [64])
    #expect(s.currentRun?.settings.hidden == [128])
    #expect(s.notice?.contains("next run") == true)
    #expect(s.screen.text.contains("64*"))

    // s stops; the trainer's summary ends the run.
    #expect(press(&s, .character("s")) == [.stop(runID: 1)])
    let summary = RunSummary(
      status: .stopped, reason: "stopped by the user at epoch 2, batch 1 of 8", epochs: [Fixtures.epoch(0)],
      config: Fixtures.settings, trainCount: 800, validationCount: 200)
    _ = s.update(.training(runID: 1, .ended(summary)))
    #expect(s.phase == .stopped)
    #expect(press(&s, .character("s")).isEmpty)

    // n starts run 2 with the edited settings; run 1 stays in the runs panel.
    var expected = Fixtures.settings
    expected.hidden = [64]
    #expect(press(&s, .character("n")) == [.startRun(runID: 2, settings: expected)])
    #expect(s.runs.map(\.id) == [1, 2])
    #expect(s.runs[0].phase == .stopped)
    _ = s.update(.training(runID: 2, .started(Fixtures.info)))
    _ = s.update(.training(runID: 2, .epochEnded(Fixtures.epoch(0))))
    // A late event of run 1 does not touch run 2.
    _ = s.update(.training(runID: 1, .paused))
    #expect(s.runs[1].phase == .running)
    let text = s.screen.text
    #expect(text.contains("run 2"))
    #expect(text.contains("hidden 64"))
  }

  @Test func theRunsPanelKeepsTheLatestRunsInView() {
    var s = Fixtures.state(width: 80, height: 24)
    for _ in 0..<3 { _ = s.update(.key(.character("n"))) }
    let text = s.screen.text
    #expect(text.contains("  5 loading"))
    #expect(!text.contains("  1 finished"))
    _ = s.update(.key(.tab))
    _ = s.update(.key(.home))
    #expect(s.screen.text.contains("  1 finished"))
  }

  @Test func newRunWhileRunningStopsTheOldOne() {
    var s = fresh()
    _ = press(&s, .character(" "))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    let effects = press(&s, .character("n"))
    #expect(effects == [.stop(runID: 1), .startRun(runID: 2, settings: Fixtures.settings)])
  }

  @Test func failedRunShowsItsMessage() {
    var s = fresh()
    _ = press(&s, .character(" "))
    _ = s.update(.runFailed(runID: 1, message: "nope.csv: cannot open"))
    #expect(s.phase == .failed)
    #expect(s.screen.text.contains("nope.csv: cannot open"))
    #expect(press(&s, .character(" ")).count == 1, "Space starts a new run after a failure")
  }

  @Test func divergedRunShowsTheReason() {
    var s = fresh()
    _ = press(&s, .character(" "))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    let summary = RunSummary(
      status: .diverged, reason: "loss became nan at epoch 1, batch 3", epochs: [], config: Fixtures.settings,
      trainCount: 800, validationCount: 200)
    _ = s.update(.training(runID: 1, .ended(summary)))
    #expect(s.phase == .diverged)
    #expect(s.screen.text.contains("DIVERGED"))
    #expect(s.screen.text.contains("loss became nan"))
  }

  // MARK: - Memory

  @Test func batchPointsStayBoundedAndEpochsAreKept() {
    var run = RunRecord(id: 1, settings: Fixtures.settings)
    for i in 0..<50_000 {
      run.append(
        BatchProgress(
          epoch: i / 10, batch: i % 10 + 1, batchesPerEpoch: 10, loss: 1, accuracy: 0.5, samplesPerSecond: 1))
      if i % 10 == 9 { run.append(Fixtures.epoch(i / 10)) }
    }
    #expect(run.batchPoints.count <= RunRecord.batchPointCap)
    #expect(run.batchPoints.count > RunRecord.batchPointCap / 2)
    #expect(run.epochs.count == 5000)
    #expect(zip(run.batchPoints, run.batchPoints.dropFirst()).allSatisfy { $0.x < $1.x })
  }

  /// A long run of one-batch epochs (or a stored one, read back epoch by epoch) thins its points
  /// again and again: a doubling skip count overflowed after about 128 000 epochs.
  @Test func thinningALongRunNeitherOverflowsNorLosesTheEnd() {
    var run = RunRecord(id: 1, settings: Fixtures.settings)
    for epoch in 0..<300_000 { run.append(Fixtures.epoch(epoch)) }
    #expect(run.batchPoints.count <= RunRecord.batchPointCap)
    #expect(run.batchPoints.count > RunRecord.batchPointCap / 2)
    #expect(run.batchPoints.first!.x < 300)
    #expect(run.batchPoints.last!.x > 300_000 - 300, "the curve reaches the last epoch's column")
  }
}
