import SnapshotSupport
import TerminalUI
import Testing

@testable import Dashboard
@testable import NeuralEngine

/// The keys and edits that act on a run while it trains: pace, steps, live settings.
@Suite struct LiveKeysTests {
  /// Run 1 started and mid-way through its third epoch (2 epochs done, 4 of 8 batches).
  func running() -> DashboardState {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    _ = s.press(.character(" "))
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    _ = s.update(.training(runID: 1, .pace(PaceReport(pace: .auto, limit: 5, fullSpeed: 400))))
    for e in 0..<2 {
      for event in Fixtures.batches(epoch: e) { _ = s.update(.training(runID: 1, event)) }
      _ = s.update(.training(runID: 1, .epochEnded(Fixtures.epoch(e))))
    }
    for event in Fixtures.batches(epoch: 2, upTo: 4) { _ = s.update(.training(runID: 1, event)) }
    return s
  }

  @Test("+ and - walk the pace ladder from the pace in force; 0 returns to auto")
  func paceKeys() {
    var s = running()
    #expect(s.screen.text.contains("pace auto 5/s"))
    #expect(s.press(.character("+")) == [.setPace(runID: 1, .epochsPerSecond(10))])
    #expect(s.settings.pace == .epochsPerSecond(10))
    #expect(
      s.press(.character("-"), .character("-")) == [
        .setPace(runID: 1, .epochsPerSecond(5)), .setPace(runID: 1, .epochsPerSecond(2)),
      ])
    #expect(s.press(.character("0")) == [.setPace(runID: 1, .auto)])
    // From full speed, `-` goes one rung below what the run reaches unpaced (400/s → 200).
    s.settings.pace = .full
    #expect(s.press(.character("-")) == [.setPace(runID: 1, .epochsPerSecond(200))])
    // Without a run, the keys set the pace of the next one.
    var idle = DashboardState(settings: Fixtures.settings)
    #expect(idle.press(.character("+")).isEmpty)
    #expect(idle.settings.pace == .epochsPerSecond(10))
    #expect(idle.notice == "pace 10 epochs/s for the next run")
  }

  @Test("the pace row is live: cycling it changes the running run's pace")
  func paceRow() {
    var s = running()
    s.selectedField = .pace
    #expect(s.press(.right) == [.setPace(runID: 1, .epochsPerSecond(0.1))])
    #expect(s.press(.left, .left) == [.setPace(runID: 1, .auto), .setPace(runID: 1, .full)])
  }

  @Test("steps: before the first Space a step starts a run that pauses after it; STEP shows")
  func steps() {
    var s = DashboardState(settings: Fixtures.settings, width: 120, height: 40)
    #expect(
      s.press(.character(".")) == [.startRun(runID: 1, settings: Fixtures.settings), .step(runID: 1, .epoch)])
    _ = s.update(.training(runID: 1, .started(Fixtures.info)))
    _ = s.update(.training(runID: 1, .stepping(.epoch)))
    #expect(s.phase == .stepping)
    #expect(s.screen.text.contains("│ STEP │"))
    #expect(s.screen.text.contains("Space resume"))
    for event in Fixtures.batches(epoch: 0) { _ = s.update(.training(runID: 1, event)) }
    _ = s.update(.training(runID: 1, .epochEnded(Fixtures.epoch(0))))
    _ = s.update(.training(runID: 1, .paused))
    #expect(s.phase == .paused)
    #expect(s.press(.character(",")) == [.step(runID: 1, .batch)])
    _ = s.update(.training(runID: 1, .stepping(.batch)))
    // Space during a step runs on freely.
    #expect(s.press(.character(" ")) == [.resume(runID: 1)])
    // While running, a step pauses at the end of the epoch.
    var r = running()
    #expect(r.press(.character(".")) == [.step(runID: 1, .epoch)])
    #expect(r.notice == "pausing at the end of this epoch")
  }

  @Test("[ and ] halve and double the running run's learning rate (and the next run's)")
  func learningRateKeys() {
    var s = running()
    #expect(s.press(.character("]")) == [.change(runID: 1, .learningRate, 0.002)])
    #expect(s.settings.learningRate == 0.002)
    #expect(s.notice == "learn rate 0.001→0.002: run 1 takes it at the next batch")
    // Pending, then applied: no `*` on the row at either time.
    #expect(!s.screen.text.contains("0.002*"))
    _ = s.update(
      .training(
        runID: 1,
        .settingChanged(
          SettingChange(epoch: 2, batch: 4, setting: .learningRate, value: 0.002, previous: 0.001))
      ))
    #expect(s.currentRun?.changes.count == 1)
    #expect(s.currentRun?.pendingChanges.isEmpty == true)
    #expect(s.press(.character("[")) == [.change(runID: 1, .learningRate, 0.001)])
    var idle = DashboardState(settings: Fixtures.settings)
    #expect(idle.press(.character("[")).isEmpty)
    #expect(idle.settings.learningRate == 0.0005)
  }

  @Test("editing a live row changes the run at its next batch; other rows wait for the next run")
  func liveEdits() {
    var s = running()
    s.edit(.dropout, to: "0.3")
    #expect(s.notice == "dropout 0→0.3: run 1 takes it at the next batch")
    #expect(s.currentRun?.pendingChanges[.dropout] == 0.3)
    let text = s.screen.text
    #expect(text.contains("~dropout     0.3 "))
    #expect(!text.contains("0.3*"))
    #expect(text.contains("~ live"))
    // Epochs: not fewer than the run has reached (it is in its third epoch).
    s.edit(.epochs, to: "2")
    #expect(s.editor?.error == "epochs: run 1 has reached epoch 3; type 3 or more")
    _ = s.press(.escape)
    s.edit(.epochs, to: "20")
    #expect(s.currentRun?.currentSettings.epochs == 20)
    #expect(s.screen.text.contains("epoch 3/20"))
    // A row that is not live: marked for the next run.
    s.edit(.batchSize, to: "50")
    #expect(s.notice?.contains("applies to the next run") == true)
    #expect(s.screen.text.contains("50*"))
  }

  @Test("an applied change draws a labelled mark on both charts, and x replays it")
  func marksAndReplay() {
    var s = running()
    let change = SettingChange(epoch: 1, batch: 4, setting: .learningRate, value: 0.05, previous: 0.001)
    _ = s.update(.training(runID: 1, .settingChanged(change)))
    let text = s.screen.text
    #expect(text.components(separatedBy: "lr 0.001→0.05").count - 1 == 2)
    #expect(s.reproduceCommand.contains("--change 1.4:learning_rate=0.05"))
    var ascii = s
    ascii.ascii = true
    #expect(ascii.screen.text.contains("lr 0.001->0.05"))
    // The runs panel says the run had changes.
    #expect(text.contains("1 changes"))
  }

  @Test("a paced run with two live changes at 120×40", arguments: [false, true])
  func pacedRunSnapshot(ascii: Bool) {
    var s = running()
    s.ascii = ascii
    _ = s.update(
      .training(
        runID: 1,
        .settingChanged(
          SettingChange(epoch: 1, batch: 0, setting: .learningRate, value: 0.01, previous: 0.001))))
    _ = s.update(
      .training(
        runID: 1,
        .settingChanged(SettingChange(epoch: 2, batch: 4, setting: .dropout, value: 0.3, previous: 0))))
    assertSnapshot(s.screen, named: "live-changes-120x40-\(ascii ? "ascii" : "braille")")
  }
}
