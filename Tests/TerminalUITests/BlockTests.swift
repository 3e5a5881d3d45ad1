import Testing

@testable import TerminalUI

@Suite struct BlockTests {
  func render(_ block: Block, width: Int, height: Int = 3) -> [String] {
    var buffer = Buffer(width: width, height: height)
    block.render(in: buffer.area, into: &buffer)
    return buffer.lines
  }

  @Test func titledBorder() {
    #expect(render(Block(title: "Loss"), width: 10) == ["┌─ Loss ─┐", "│        │", "└────────┘"])
  }

  @Test func asciiBorder() {
    #expect(
      render(Block(title: "Loss", ascii: true), width: 10) == ["+- Loss -+", "|        |", "+--------+"])
  }

  @Test func rightTitle() {
    #expect(render(Block(title: "A", rightTitle: "3/10"), width: 16)[0] == "┌─ A ─── 3/10 ─┐")
    #expect(render(Block(rightTitle: "3/10"), width: 12)[0] == "┌─── 3/10 ─┐")
  }

  @Test func longTitlesAreCutAndTheLeftOneWins() {
    #expect(render(Block(title: "Validation"), width: 10)[0] == "┌─ Val… ─┐")
    #expect(render(Block(title: "Loss", rightTitle: "epoch 3"), width: 12)[0] == "┌─ Loss ───┐")
  }

  @Test func innerArea() {
    #expect(Block().inner(Rect(x: 0, y: 0, width: 10, height: 3)) == Rect(x: 1, y: 1, width: 8, height: 1))
  }

  @Test func tooSmallDrawsNothing() {
    #expect(render(Block(title: "x"), width: 1, height: 1) == [" "])
  }
}
