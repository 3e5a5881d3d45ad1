import SnapshotSupport
import Testing

@testable import Dashboard

/// Whole screens as text: 80×24 and 120×40, braille and ASCII. Re-record with SNAPSHOT_RECORD=1.
@Suite struct ScreenSnapshotTests {
  @Test(arguments: [(80, 24), (120, 40)], [false, true])
  func twoRuns(size: (Int, Int), ascii: Bool) {
    let s = Fixtures.state(width: size.0, height: size.1, ascii: ascii)
    assertSnapshot(s.screen, named: "two-runs-\(size.0)x\(size.1)-\(ascii ? "ascii" : "braille")")
  }

  @Test func idle80x24() {
    let s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    assertSnapshot(s.screen, named: "idle-80x24")
  }

  @Test func editingWithError() {
    var s = DashboardState(settings: Fixtures.settings, width: 80, height: 24)
    for _ in 0..<6 { _ = s.update(.key(.down)) }
    _ = s.update(.key(.enter))
    _ = s.update(.key(.control("u")))
    for c in "1.0" { _ = s.update(.key(.character(c))) }
    _ = s.update(.key(.enter))
    assertSnapshot(s.screen, named: "editing-error-80x24")
  }

  @Test func helpOverlay() {
    var s = Fixtures.state(width: 80, height: 24, secondRun: false)
    _ = s.update(.key(.character("?")))
    assertSnapshot(s.screen, named: "help-80x24")
  }

  @Test func logScaleUnsmoothedNoOverlay() {
    var s = Fixtures.state(width: 120, height: 40)
    for k in "lmo" { _ = s.update(.key(.character(k))) }
    assertSnapshot(s.screen, named: "log-raw-120x40")
  }

  @Test func smallestSupportedSize() {
    var s = Fixtures.state(width: 60, height: 20)
    _ = s.update(.key(.character("?")))
    _ = s.update(.key(.escape))
    assertSnapshot(s.screen, named: "two-runs-60x20-braille")
  }

  @Test func tooSmall() {
    let s = DashboardState(settings: Fixtures.settings, width: 59, height: 19)
    let text = s.screen.text
    #expect(text.contains("Terminal too small"))
    #expect(text.contains("59x19, need 60x20"))
  }
}
