import Testing

@testable import TerminalUI

@Suite struct CanvasTests {
  func text(_ canvas: Canvas) -> [String] {
    var buffer = Buffer(width: canvas.columns, height: canvas.rows)
    canvas.render(in: buffer.area, into: &buffer)
    return buffer.lines
  }

  @Test(arguments: [
    (0, 0, "⠁"), (0, 1, "⠂"), (0, 2, "⠄"), (0, 3, "⡀"),
    (1, 0, "⠈"), (1, 1, "⠐"), (1, 2, "⠠"), (1, 3, "⢀"),
  ])
  func eachBrailleDotHasItsBit(x: Int, y: Int, expected: String) {
    var canvas = Canvas(columns: 1, rows: 1)
    canvas.set(x: x, y: y)
    #expect(text(canvas) == [expected])
  }

  @Test func allEightDotsAreTheFullCell() {
    var canvas = Canvas(columns: 1, rows: 1)
    for x in 0..<2 { for y in 0..<4 { canvas.set(x: x, y: y) } }
    #expect(text(canvas) == ["⣿"])
    #expect(canvas.cell(column: 0, row: 0)?.character == Unicode.Scalar(0x28FF))
  }

  @Test func dotsMapToTheirCell() {
    var canvas = Canvas(columns: 2, rows: 2)
    canvas.set(x: 3, y: 5)
    canvas.set(x: 9, y: 9)  // outside: ignored
    #expect(text(canvas) == ["  ", " ⠐"])
  }

  @Test func bresenhamEndpointsAndShape() {
    func dots(_ a: (Int, Int), _ b: (Int, Int)) -> [[Int]] {
      Canvas.bresenham(from: a, to: b).map { [$0.x, $0.y] }
    }
    #expect(dots((0, 0), (3, 0)) == [[0, 0], [1, 0], [2, 0], [3, 0]])
    #expect(dots((1, 3), (1, 0)) == [[1, 3], [1, 2], [1, 1], [1, 0]])
    #expect(dots((0, 0), (2, 2)) == [[0, 0], [1, 1], [2, 2]])
    #expect(dots((0, 0), (4, 2)) == [[0, 0], [1, 1], [2, 1], [3, 2], [4, 2]])
    #expect(dots((0, 0), (1, 3)) == [[0, 0], [0, 1], [1, 2], [1, 3]])
    #expect(dots((4, 2), (0, 0)).count == 5)
    #expect(dots((2, 2), (2, 2)) == [[2, 2]])
  }

  @Test func horizontalAndDiagonalLines() {
    var flat = Canvas(columns: 3, rows: 1)
    flat.line(from: (0, 3), to: (5, 3))
    #expect(text(flat) == ["⣀⣀⣀"])
    var diagonal = Canvas(columns: 2, rows: 1)
    diagonal.line(from: (0, 0), to: (3, 3))
    #expect(text(diagonal) == ["⠑⢄"])
  }

  @Test func dottedLinesSkipEveryOtherDot() {
    var canvas = Canvas(columns: 3, rows: 1)
    canvas.line(from: (0, 3), to: (5, 3), pattern: .dotted)
    #expect(text(canvas) == ["⡀⡀⡀"])
  }

  @Test func thickLinesSetNeighbours() {
    var canvas = Canvas(columns: 1, rows: 1)
    canvas.line(from: (0, 0), to: (0, 0), thick: true)
    #expect(text(canvas) == ["⠛"])
  }

  @Test func theLastSeriesDrawnInACellOwnsItsColour() {
    var canvas = Canvas(columns: 1, rows: 1)
    canvas.set(x: 0, y: 0, style: Style(foreground: .red))
    canvas.set(x: 1, y: 3, style: Style(foreground: .blue))
    #expect(canvas.cell(column: 0, row: 0) == Cell("⢁", style: Style(foreground: .blue)))
  }

  @Test func asciiModeUsesTheSymbol() {
    var canvas = Canvas(columns: 3, rows: 2, mode: .ascii)
    canvas.line(from: (0, 0), to: (2, 1), symbol: "o")
    #expect(text(canvas) == ["o  ", " oo"])
  }

  @Test func renderLeavesEmptyCellsAlone() {
    var buffer = Buffer(lines: ["xxx"])
    var canvas = Canvas(columns: 3, rows: 1)
    canvas.set(x: 2, y: 0)
    canvas.render(in: buffer.area, into: &buffer)
    #expect(buffer.lines == ["x⠁x"])
  }
}

@Suite struct DecimationTests {
  @Test func keepsMinAndMaxPerBucket() {
    let points = (0..<1000).map { i in (x: Double(i), y: Double((i * 37) % 101)) }
    let reduced = Decimation.minMax(points, buckets: 10)
    #expect(reduced.count <= 20)
    #expect(reduced.map(\.y).min() == 0 && reduced.map(\.y).max() == 100)
    #expect(zip(reduced, reduced.dropFirst()).allSatisfy { $0.x < $1.x })
  }

  @Test func shortSeriesAreUnchangedButNonFiniteDropped() {
    let reduced = Decimation.minMax([(0, 1), (1, .nan), (2, 3)], buckets: 10)
    #expect(reduced.map(\.x) == [0, 2])
  }
}
