import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct FrameDiffTests {
  @Test func firstFrameRepaintsEveryRow() {
    let frame = Buffer(lines: ["ab", "cd"])
    #expect(
      changedRuns(from: nil, to: frame) == [
        CellRun(x: 0, y: 0, cells: [Cell("a"), Cell("b")]),
        CellRun(x: 0, y: 1, cells: [Cell("c"), Cell("d")]),
      ])
  }

  @Test func identicalFramesChangeNothing() {
    let frame = Buffer(lines: ["⡠⠊⠉⠢⡀", "hello"])
    #expect(changedRuns(from: frame, to: frame).isEmpty)
  }

  @Test func changesAreMaximalRunsWithinARow() {
    let old = Buffer(lines: ["abcdef", "ghijkl"])
    let new = Buffer(lines: ["aXYdeZ", "ghijkl"])
    #expect(
      changedRuns(from: old, to: new) == [
        CellRun(x: 1, y: 0, cells: [Cell("X"), Cell("Y")]),
        CellRun(x: 5, y: 0, cells: [Cell("Z")]),
      ])
  }

  @Test func runsDoNotWrapAcrossRows() {
    let old = Buffer(lines: ["aa", "aa"])
    let new = Buffer(lines: ["ab", "ba"])
    #expect(
      changedRuns(from: old, to: new) == [
        CellRun(x: 1, y: 0, cells: [Cell("b")]),
        CellRun(x: 0, y: 1, cells: [Cell("b")]),
      ])
  }

  @Test func styleOnlyChangesCount() {
    let old = Buffer(lines: ["abc"])
    var new = old
    new.setStyle(Style.plain.fg(.red), in: Rect(x: 1, y: 0, width: 1, height: 1))
    #expect(
      changedRuns(from: old, to: new) == [
        CellRun(x: 1, y: 0, cells: [Cell("b", style: Style.plain.fg(.red))])
      ])
  }

  @Test func aNewSizeRepaintsEverything() {
    let old = Buffer(lines: ["ab"])
    let new = Buffer(lines: ["ab", "cd"])
    #expect(changedRuns(from: old, to: new).count == 2)
    #expect(changedRuns(from: Buffer(width: 0, height: 3), to: Buffer(width: 0, height: 3)).isEmpty)
    #expect(changedRuns(from: nil, to: Buffer(width: 0, height: 3)).isEmpty)
  }
}
