import SnapshotSupport
import Testing

@testable import Dashboard

/// Whole `watch` screens as text. Re-record with SNAPSHOT_RECORD=1.
@Suite struct WatchScreenSnapshotTests {
  @Test(arguments: [(80, 24), (120, 40)])
  func kerasLog(size: (Int, Int)) {
    let s = WatchFixtures.keras(width: size.0, height: size.1)
    assertSnapshot(s.screen, named: "watch-keras-\(size.0)x\(size.1)")
  }

  @Test(arguments: [(80, 24), (120, 40)])
  func twoRunsWithRegressionMetrics(size: (Int, Int)) {
    let s = WatchFixtures.twoRuns(width: size.0, height: size.1)
    assertSnapshot(s.screen, named: "watch-two-runs-\(size.0)x\(size.1)")
  }

  @Test func asciiLogScaleSmoothed() {
    var s = WatchFixtures.keras(width: 80, height: 24, ascii: true)
    s.update(.key(.character("l")))
    s.update(.key(.character("m")))
    assertSnapshot(s.screen, named: "watch-keras-80x24-ascii-log-smoothed")
  }

  @Test func waitingForData() {
    let s = WatchState(runNames: ["metrics.csv"], width: 80, height: 24)
    assertSnapshot(s.screen, named: "watch-waiting-80x24")
  }

  @Test func help() {
    var s = WatchFixtures.keras(width: 80, height: 24)
    s.update(.key(.character("?")))
    assertSnapshot(s.screen, named: "watch-help-80x24")
  }

  @Test func smallestSupportedSize() {
    let s = WatchFixtures.twoRuns(width: 60, height: 20)
    assertSnapshot(s.screen, named: "watch-two-runs-60x20")
  }

  @Test func tooSmall() {
    let s = WatchFixtures.keras(width: 59, height: 19)
    #expect(s.screen.text.contains("Terminal too small"))
    #expect(s.screen.text.contains("59x19, need 60x20"))
  }
}
