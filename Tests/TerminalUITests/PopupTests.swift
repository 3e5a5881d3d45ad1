import Testing

@testable import TerminalUI

@Suite struct PopupTests {
  @Test func centredClearedAndBordered() {
    var buffer = Buffer(width: 20, height: 6, fill: Cell("x"))
    Popup(title: "Help", lines: ["q  quit", "?  help"]).render(in: buffer.area, into: &buffer)
    #expect(
      buffer.lines == [
        "xxxxxxxxxxxxxxxxxxxx",
        "xxxx┌─ Help ──┐xxxxx",
        "xxxx│ q  quit │xxxxx",
        "xxxx│ ?  help │xxxxx",
        "xxxx└─────────┘xxxxx",
        "xxxxxxxxxxxxxxxxxxxx",
      ])
  }

  @Test func terminalTooSmallFitsTheScreen() {
    var buffer = Buffer(width: 24, height: 5)
    let popup = Popup.terminalTooSmall(width: 24, height: 5, minimumWidth: 38, minimumHeight: 10)
    popup.render(in: buffer.area, into: &buffer)
    #expect(
      buffer.lines == [
        " ┌────────────────────┐ ",
        " │ Terminal too small │ ",
        " │  24×5, need 38×10  │ ",
        " └────────────────────┘ ",
        "                        ",
      ])
  }
}
