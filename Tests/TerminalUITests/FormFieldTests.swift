import Testing

@testable import TerminalUI

@Suite struct FormFieldTests {
  func render(_ field: FormField, width: Int = 14, height: Int = 1) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    field.render(in: buffer.area, into: &buffer)
    return buffer
  }

  @Test func normalRow() {
    let buffer = render(FormField(label: "lr", value: "0.01", labelWidth: 4))
    #expect(buffer.lines == ["  lr    0.01  "])
    #expect(!buffer[8, 0].style.reverse)
  }

  @Test func focusedRowHasAMarkerAndHighlightedValue() {
    let buffer = render(FormField(label: "lr", value: "0.01", state: .focused, labelWidth: 4))
    #expect(buffer.lines == ["> lr    0.01  "])
    #expect(buffer[2, 0].style.bold && buffer[8, 0].style.reverse)
  }

  @Test func editingShowsTheCursor() {
    let input = TextInput("0.01", cursor: 2)
    let buffer = render(FormField(label: "lr", input: input, labelWidth: 4))
    #expect(buffer.lines == ["> lr    0.01  "])
    #expect(buffer[10, 0].style.reverse)
    #expect(!buffer[9, 0].style.reverse && buffer[9, 0].style.underline)
  }

  @Test func cursorAtTheEndIsAReversedBlank() {
    let buffer = render(FormField(label: "lr", input: TextInput("0.01"), labelWidth: 4))
    #expect(buffer[12, 0] == Cell(" ", style: Style(reverse: true)))
  }

  @Test func longValuesScrollToKeepTheCursorVisible() {
    let buffer = render(FormField(label: "lr", input: TextInput("0.000123"), labelWidth: 2), width: 10)
    #expect(buffer.lines == ["> lr  123 "])
    #expect(buffer[9, 0].style.reverse)
  }

  @Test func errorOnTheNextRow() {
    let field = FormField(label: "lr", value: "-1", state: .focused, error: "must be > 0", labelWidth: 4)
    let buffer = render(field, width: 22, height: 2)
    #expect(buffer.lines == ["> lr    -1            ", "        ! must be > 0 "])
    #expect(buffer[8, 1].style == FormField.errorStyle)
  }

  @Test func errorInlineWhenThereIsOneRow() {
    let field = FormField(label: "lr", value: "-1", error: "bad", labelWidth: 4)
    #expect(render(field, width: 18).lines == ["  lr    -1 ! bad  "])
  }
}
