import Testing

@testable import TerminalUI

@Suite struct PictureTests {
  @Test("the grey mapping is monotonic, in colour and in the density ramp")
  func monotonic() {
    let picture = Picture(values: [0], rows: 1, columns: 1, richColor: true)
    var lastGrey = -1
    var lastRamp = -1
    for step in 0...100 {
      let v = Float(step) / 100
      guard case .grey(let g) = picture.color(v) else {
        Issue.record("not a grey")
        return
      }
      #expect(Int(g) >= lastGrey)
      lastGrey = Int(g)
      let rank = Picture.ramp.firstIndex(of: picture.symbol(v).character)!
      #expect(rank >= lastRamp)
      lastRamp = rank
    }
    #expect(picture.color(0) == .grey(0) && picture.color(1) == .grey(255))
    #expect(picture.symbol(0).character == " " && picture.symbol(1).character == "@")
  }

  /// A 28×28 picture: white left half, black right half, a white bottom row of 7 pixels.
  static let halves: [Float] = (0..<28).flatMap { y in (0..<28).map { x in x < 14 || y >= 21 ? 1 : 0 } }

  @Test("a 28×28 picture in 14×7 half-block cells: two pixels a cell, each the mean of the 2×2 it covers")
  func halfBlocks() {
    var buffer = Buffer(width: 14, height: 7)
    Picture(values: Self.halves, rows: 28, columns: 28, richColor: true).render(
      in: buffer.area, into: &buffer)
    #expect(buffer.lines.allSatisfy { $0 == String(repeating: "▀", count: 14) })
    // Row 0: left cells white over white, right cells black over black.
    #expect(
      buffer[0, 0].style.richForeground == .grey(255) && buffer[0, 0].style.richBackground == .grey(255))
    #expect(buffer[13, 0].style.richForeground == .grey(0) && buffer[13, 0].style.richBackground == .grey(0))
    // The last row of cells holds pixel rows 24–27: all white.
    #expect(buffer[13, 6].style.richForeground == .grey(255))
  }

  @Test("without rich colours the same picture is a density ramp, in pure ASCII")
  func characters() {
    var buffer = Buffer(width: 14, height: 7)
    Picture(values: Self.halves, rows: 28, columns: 28, richColor: false, ascii: true)
      .render(in: buffer.area, into: &buffer)
    #expect(buffer.lines[0] == "@@@@@@@       ")
    #expect(buffer.lines[6] == "@@@@@@@@@@@@@@")
    #expect(buffer.text.unicodeScalars.allSatisfy { $0.value < 0x80 })
  }

  @Test("weights: blue negative, red positive; symbols by sign and size without rich colours")
  func diverging() {
    let picture = Picture(values: [0], rows: 1, columns: 1, palette: .diverging, richColor: false)
    #expect(picture.symbol(-1).character == "=" && picture.symbol(-1).style.foreground == .blue)
    #expect(picture.symbol(0.3).character == "+" && picture.symbol(0.3).style.foreground == .red)
    #expect(picture.symbol(0.05).character == " ")
    let rich = Picture(values: [0], rows: 1, columns: 1, palette: .diverging, richColor: true)
    #expect(rich.color(-1) == .rgb(40, 110, 255) && rich.color(1) == .rgb(255, 60, 30))
  }
}
