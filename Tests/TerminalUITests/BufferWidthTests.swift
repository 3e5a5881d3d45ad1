import Testing

@testable import TerminalUI

/// Whatever text is drawn, the buffer's columns stay true: controls become visible stand-ins,
/// wide characters take two cells, and nothing crosses the rectangle it is clipped to.
@Suite struct BufferWidthTests {
  @Test func controlsAreDrawnAsVisibleStandIns() {
    var buffer = Buffer(width: 12, height: 1)
    buffer.setString(x: 0, y: 0, "\u{1B}]0;x\u{07}\u{9B}2J")
    #expect(buffer.lines == ["␛]0;x␇\u{FFFD}2J   "])
    buffer[11, 0] = Cell("\u{1B}")
    #expect(buffer[11, 0].character == "␛")
    #expect(
      !buffer.cells.contains { $0.character.properties.generalCategory == .control && !$0.isContinuation })
  }

  @Test func wideCharactersTakeTwoCells() {
    var buffer = Buffer(width: 8, height: 1)
    let used = buffer.setString(x: 0, y: 0, "学习ab")
    #expect(used == 6)
    #expect(buffer.cells.map(\.isContinuation) == [false, true, false, true, false, false, false, false])
    #expect(buffer.lines == ["学习ab  "])
    // No room for the second half: left out.
    var narrow = Buffer(width: 3, height: 1)
    #expect(narrow.setString(x: 0, y: 0, "a学习") == 3)
    #expect(narrow.lines == ["a学"])
    #expect(narrow.setString(x: 1, y: 0, "bc学") == 2)
    #expect(narrow.lines == ["abc"])
  }

  @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.setString(x: 0, y: 0, "学习")
    buffer[1, 0] = Cell("x")  // the right half of 学
    #expect(buffer.lines == [" x习  "])
    buffer[2, 0] = Cell("y")  // the left half of 习
    #expect(buffer.lines == [" xy   "])
    buffer.setString(x: 0, y: 0, "日本")
    buffer[3, 0] = Cell("中")  // straddles 本: its left half goes, and the cell after it follows
    #expect(buffer.lines == ["日 中 "])
    #expect(
      !zip(buffer.cells, buffer.cells.dropFirst()).contains {
        !$0.isContinuation && $0.character.terminalColumns == 2 && !$1.isContinuation
      })
  }

  @Test func clippedTextNeverCrossesItsRectangle() {
    var buffer = Buffer(width: 10, height: 1)
    buffer.setString(x: 0, y: 0, "|        |")
    let clip = Rect(x: 1, y: 0, width: 8, height: 1)
    buffer.setString(x: 1, y: 0, "中文中文中文", clippedTo: clip)
    #expect(buffer.lines == ["|中文中文|"])
    buffer.setString(x: 1, y: 0, "a中文中文中", clippedTo: clip)
    #expect(buffer.lines == ["|a中文中 |"])
    buffer.setString(x: 0, y: 0, "中文中文中", clippedTo: clip)  // starts left of the clip, mid-character
    #expect(buffer.lines[0].hasPrefix("| 文中文"))
    #expect(buffer.lines[0].hasSuffix("|"))
  }

  @Test func fillAcrossAWideCharacterBlanksItsOtherHalf() {
    var buffer = Buffer(width: 6, height: 1)
    buffer.setString(x: 0, y: 0, "学习学")
    buffer.fill(Rect(x: 1, y: 0, width: 3, height: 1), with: Cell("."))
    #expect(buffer.lines == [" ...学"])
  }

  /// Wide characters typed into an edit field overwrote the panel's border.
  @Test func anEditFieldOfWideCharactersStaysInsideItsArea() {
    var buffer = Buffer(width: 24, height: 1)
    buffer.setString(x: 0, y: 0, "|                      |")
    var input = TextInput()
    for c in "数据集数据集数据集数据集" { input.insert(c) }
    let field = FormField(label: "dataset", input: input)
    field.render(in: Rect(x: 1, y: 0, width: 22, height: 1), into: &buffer)
    #expect(buffer.lines[0].hasPrefix("|> dataset  "))
    #expect(buffer.lines[0].hasSuffix("|"))
    #expect(buffer.lines[0].terminalColumnsForTest == 24)
    // The cursor, after the last character, is the last cell inside the border.
    #expect(buffer[22, 0].style.reverse)
    input.moveHome()
    FormField(label: "dataset", input: input).render(
      in: Rect(x: 1, y: 0, width: 22, height: 1), into: &buffer)
    #expect(buffer.lines[0].hasPrefix("|> dataset  数据集数据"))
    #expect(buffer.lines[0].hasSuffix("|"))
  }
}

extension String {
  /// Columns as the terminal counts them (two for CJK).
  fileprivate var terminalColumnsForTest: Int {
    unicodeScalars.reduce(0) { $0 + ($1.value >= 0x3000 ? 2 : 1) }
  }
}
