import Testing

@testable import TerminalUI

@Suite struct TableTests {
  let table = Table(
    columns: [
      Table.Column("run", width: .length(6)), Table.Column("lr", width: .length(6), alignment: .right),
      Table.Column("status"),
    ],
    rows: [
      ["run-001", "0.01", "finished"], ["run-002", "0.001", "running"], ["b", "0.1", "diverged badly"],
    ],
    selected: 1)

  func render(_ table: Table, height: Int) -> Buffer {
    var buffer = Buffer(width: 22, height: height)
    table.render(in: buffer.area, into: &buffer)
    return buffer
  }

  @Test func headerAlignmentAndTruncation() {
    #expect(
      render(table, height: 4).lines == [
        "run        lr status  ",
        "run-0…   0.01 finished",
        "run-0…  0.001 running ",
        "b         0.1 diverge…",
      ])
  }

  @Test func selectedRowIsReversedAcrossTheFullWidth() {
    let buffer = render(table, height: 4)
    #expect((0..<22).allSatisfy { buffer[$0, 2].style.reverse })
    #expect(!buffer[0, 1].style.reverse && !buffer[0, 3].style.reverse)
    #expect(buffer[0, 0].style.bold)
  }

  @Test func scrollsToKeepTheSelectionVisible() {
    var t = table
    t.selected = 2
    let buffer = render(t, height: 3)
    #expect(buffer.lines == ["run        lr status  ", "run-0…  0.001 running ", "b         0.1 diverge…"])
    #expect(buffer[0, 2].style.reverse)
  }

  @Test func rowStylesAreKeptUnderTheSelection() {
    var t = table
    t.rows[1].style = Style(foreground: .red)
    let buffer = render(t, height: 4)
    #expect(buffer[0, 2].style.foreground == .red && buffer[0, 2].style.reverse)
  }
}
