import Testing

@testable import TerminalUI

@Suite struct ParagraphTests {
  func render(_ paragraph: Paragraph, width: Int, height: Int) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    paragraph.render(in: buffer.area, into: &buffer)
    return buffer
  }

  @Test func alignmentPerParagraphAndPerLine() {
    let p = Paragraph(
      [Line("ab"), Line("c", alignment: .right), Line("d", alignment: .left)], alignment: .center)
    #expect(render(p, width: 6, height: 3).lines == ["  ab  ", "     c", "d     "])
  }

  @Test func clipsWidthAndHeight() {
    #expect(render(Paragraph("hello world\nsecond\nthird"), width: 5, height: 2).lines == ["hello", "secon"])
  }

  @Test func wrapsAtSpaces() {
    let p = Paragraph("the quick brown fox", wrap: true)
    #expect(render(p, width: 10, height: 3).lines == ["the quick ", "brown fox ", "          "])
  }

  @Test func splitsWordsLongerThanTheWidth() {
    #expect(
      render(Paragraph("abcdefghij", wrap: true), width: 4, height: 3).lines == ["abcd", "efgh", "ij  "])
  }

  @Test func spansKeepTheirStylesAcrossWraps() {
    let red = Style(foreground: .red)
    let p = Paragraph([Line([Span("ab", style: red), Span(" cd")])], wrap: true)
    let buffer = render(p, width: 2, height: 2)
    #expect(buffer.lines == ["ab", "cd"])
    #expect(buffer[0, 0].style == red && buffer[0, 1].style == .plain)
  }

  @Test func centeredWrappedLines() {
    let p = Paragraph("one two three", alignment: .center, wrap: true)
    #expect(render(p, width: 9, height: 2).lines == [" one two ", "  three  "])
  }
}
