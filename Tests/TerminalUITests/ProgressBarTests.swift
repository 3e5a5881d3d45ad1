import Testing

@testable import TerminalUI

@Suite struct ProgressBarTests {
  func render(_ bar: ProgressBar, width: Int) -> String {
    var buffer = Buffer(width: width, height: 1)
    bar.render(in: buffer.area, into: &buffer)
    return buffer.lines[0]
  }

  @Test func halfFull() {
    #expect(render(ProgressBar(fraction: 0.5), width: 10) == "█████░░░░░")
  }

  @Test func partialCellsInEighths() {
    #expect(render(ProgressBar(fraction: 0.45), width: 10) == "████▌░░░░░")
    let partials = (1...8).map { render(ProgressBar(fraction: Double($0) / 8), width: 1) }
    #expect(partials == ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"])
  }

  @Test func labelAfterTheBar() {
    #expect(render(ProgressBar(fraction: 0.45, label: "45%"), width: 14) == "████▌░░░░░ 45%")
  }

  @Test func asciiBar() {
    #expect(render(ProgressBar(fraction: 0.3, label: "3/10", ascii: true), width: 15) == "###------- 3/10")
  }

  @Test func outOfRangeFractionsAreClamped() {
    #expect(render(ProgressBar(fraction: 1.5), width: 4) == "████")
    #expect(render(ProgressBar(fraction: -1), width: 4) == "░░░░")
    #expect(render(ProgressBar(fraction: .nan), width: 4) == "░░░░")
  }

  @Test func percentLabel() {
    #expect(ProgressBar.percentLabel(0.456) == "45%")
    #expect(ProgressBar.percentLabel(1) == "100%")
  }

  @Test func filledCellsUseTheFilledStyle() {
    var buffer = Buffer(width: 4, height: 1)
    let bar = ProgressBar(fraction: 0.5, filledStyle: Style(foreground: .green))
    bar.render(in: buffer.area, into: &buffer)
    #expect(buffer[1, 0].style.foreground == .green)
    #expect(buffer[2, 0].style.dim)
  }
}
