import TerminalUI
import Testing
import TrainingRuns

@testable import Dashboard

/// Names another program wrote — log file names, metric names — reach the screen with their
/// controls made visible, and wide characters keep the panels' borders in place.
@Suite struct OutsideTextTests {
  static func controls(in buffer: Buffer) -> [Unicode.Scalar] {
    buffer.cells.filter { !$0.isContinuation && $0.character.properties.generalCategory == .control }
      .map(\.character)
  }

  @Test("watch: a log named, and metrics headed, with escape sequences")
  func watchNames() {
    var s = WatchState(runNames: ["\u{1B}]0;pwned\u{07}.csv"], width: 80, height: 24)
    let names = ["\u{1B}[2Jloss", "val_\u{1B}[2Jloss", "学习率"]
    let rows = (0..<5).map {
      MetricRow(step: Double($0), values: ["\u{1B}[2Jloss": 1 / Double($0 + 1), "学习率": 0.1])
    }
    s.update(.logUpdate(run: 0, WatchFixtures.appended(rows), metricNames: names))
    let screen = s.screen
    #expect(Self.controls(in: screen).isEmpty)
    #expect(screen.text.contains("␛]0;pwned␇.csv"))
    #expect(screen.text.contains("␛[2Jloss"))
    // Every row is exactly as wide as the screen: no wide character pushed a border out.
    for line in screen.lines {
      #expect(line.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x3000 && $1.value < 0xA000 ? 2 : 1) } == 80)
    }
  }
}
