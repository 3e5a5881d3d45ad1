import Testing

@testable import TerminalUI

@Suite struct TextInputTests {
  @Test func startsWithTheCursorAtTheEnd() {
    let input = TextInput("0.01")
    #expect(input.text == "0.01" && input.cursor == 4)
  }

  @Test func insertAtTheCursor() {
    var input = TextInput("0.1", cursor: 2)
    input.insert("0")
    #expect(input.text == "0.01" && input.cursor == 3)
    input.insert("23")
    #expect(input.text == "0.0231" && input.cursor == 5)
  }

  @Test func backspaceAndDelete() {
    var input = TextInput("abc", cursor: 1)
    input.backspace()
    #expect(input.text == "bc" && input.cursor == 0)
    input.backspace()
    #expect(input.text == "bc" && input.cursor == 0)
    input.delete()
    #expect(input.text == "c" && input.cursor == 0)
    input.moveEnd()
    input.delete()
    #expect(input.text == "c" && input.cursor == 1)
  }

  @Test func cursorMovementStaysInRange() {
    var input = TextInput("ab")
    input.moveRight()
    #expect(input.cursor == 2)
    input.moveLeft()
    input.moveLeft()
    input.moveLeft()
    #expect(input.cursor == 0)
    input.moveEnd()
    #expect(input.cursor == 2)
    input.moveHome()
    #expect(input.cursor == 0)
    #expect(TextInput("ab", cursor: 9).cursor == 2)
  }

  @Test func keysDriveTheEditor() {
    var input = TextInput("")
    for key: Key in [.character("1"), .character("2"), .left, .character("."), .home, .character("0"), .end] {
      let handled = input.handle(key)
      #expect(handled)
    }
    #expect(input.text == "01.2" && input.cursor == 4)
    let enter = input.handle(.enter)
    #expect(!enter)
    let backspace = input.handle(.backspace)
    #expect(backspace && input.text == "01.")
    let clear = input.handle(.control("u"))
    #expect(clear && input.isEmpty)
  }

  @Test func cursorColumnCountsScalars() {
    #expect(TextInput("η=0.1", cursor: 2).cursorColumn == 2)
  }
}
