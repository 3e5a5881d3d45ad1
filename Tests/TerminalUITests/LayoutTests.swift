import Testing

@testable import TerminalUI

@Suite struct LayoutTests {
  let row = Rect(x: 0, y: 0, width: 10, height: 1)

  @Test func fixedAndFill() {
    let rects = row.split(.horizontal, [.length(3), .fill, .length(2)])
    #expect(rects.map(\.x) == [0, 3, 8])
    #expect(rects.map(\.width) == [3, 5, 2])
  }

  @Test func gapsAreLeftBetweenSlots() {
    let rects = Layout.horizontal([.length(3), .fill, .length(2)], gap: 1).split(row)
    #expect(rects.map(\.x) == [0, 4, 8])
    #expect(rects.map(\.width) == [3, 3, 2])
  }

  @Test func percentages() {
    #expect(row.split(.horizontal, [.percentage(50), .percentage(30), .fill]).map(\.width) == [5, 3, 2])
  }

  @Test func fillWeightsShareTheRestAndLeftoversGoFirst() {
    #expect(row.split(.horizontal, [.fill(1), .fill(2)]).map(\.width) == [4, 6])
    #expect(row.split(.horizontal, [.fill, .fill, .fill]).map(\.width) == [4, 3, 3])
  }

  @Test func tooSmallAreaShortensTheLastSlots() {
    let rects = Rect(x: 2, y: 0, width: 4, height: 1).split(.horizontal, [.length(3), .length(3), .fill])
    #expect(rects.map(\.width) == [3, 1, 0])
    #expect(rects.allSatisfy { $0.right <= 6 })
  }

  @Test func verticalSplitKeepsWidthAndOffset() {
    let rects = Rect(x: 1, y: 2, width: 5, height: 10).split(.vertical, [.length(1), .fill, .length(2)])
    #expect(
      rects == [
        Rect(x: 1, y: 2, width: 5, height: 1), Rect(x: 1, y: 3, width: 5, height: 7),
        Rect(x: 1, y: 10, width: 5, height: 2),
      ])
  }

  @Test func centeredRect() {
    #expect(
      Rect(x: 0, y: 0, width: 20, height: 6).centered(width: 11, height: 4)
        == Rect(x: 4, y: 1, width: 11, height: 4))
    #expect(
      Rect(x: 0, y: 0, width: 5, height: 2).centered(width: 11, height: 4)
        == Rect(x: 0, y: 0, width: 5, height: 2))
  }

  @Test func rectInsetAndIntersection() {
    let r = Rect(x: 0, y: 0, width: 10, height: 3)
    #expect(r.inset(by: 1) == Rect(x: 1, y: 1, width: 8, height: 1))
    #expect(r.inset(by: 2).isEmpty)
    #expect(r.intersection(Rect(x: 8, y: 1, width: 5, height: 5)) == Rect(x: 8, y: 1, width: 2, height: 2))
  }
}

@Suite struct BufferTests {
  @Test func setStringClipsToTheBuffer() {
    var buffer = Buffer(width: 5, height: 2)
    buffer.setString(x: 3, y: 0, "hello")
    buffer.setString(x: -2, y: 1, "abcd")
    buffer.setString(x: 0, y: 2, "off the bottom")
    #expect(buffer.lines == ["   he", "cd   "])
  }

  @Test func setStringClippedToARect() {
    var buffer = Buffer(width: 5, height: 2)
    let used = buffer.setString(x: 0, y: 0, "abcd", clippedTo: Rect(x: 1, y: 0, width: 2, height: 1))
    buffer.setString(x: 0, y: 1, "abcd", clippedTo: Rect(x: 1, y: 0, width: 2, height: 1))
    #expect(buffer.lines == [" bc  ", "     "])
    #expect(used == 2)
  }

  @Test func outOfRangeReadsAreBlankAndWritesDropped() {
    var buffer = Buffer(width: 2, height: 1)
    buffer[5, 5] = Cell("x")
    #expect(buffer[-1, 0] == .blank)
    #expect(buffer.lines == ["  "])
  }

  @Test func fillAndStyleAreClipped() {
    var buffer = Buffer(width: 3, height: 2)
    buffer.fill(Rect(x: 1, y: 1, width: 9, height: 9), with: Cell("#"))
    buffer.setStyle(Style(reverse: true), in: Rect(x: 2, y: 0, width: 5, height: 1))
    #expect(buffer.lines == ["   ", " ##"])
    #expect(buffer[2, 0].style.reverse && !buffer[1, 0].style.reverse)
  }

  @Test func truncationUsesAnEllipsis() {
    #expect(truncated("validation", to: 5) == "vali…")
    #expect(truncated("loss", to: 4) == "loss")
    #expect(truncated("loss", to: 0) == "")
  }
}
