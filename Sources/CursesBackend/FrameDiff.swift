import TerminalUI

/// A horizontal run of cells to write, starting at column `x` of row `y`.
struct CellRun: Hashable {
  var x: Int
  var y: Int
  var cells: [Cell]
}

/// The cells of `next` that differ from `previous`, as maximal runs within each row.
///
/// With no previous frame, or one of another size, every row is one run: the
/// whole screen is repainted.
func changedRuns(from previous: Buffer?, to next: Buffer) -> [CellRun] {
  let width = next.width
  guard let previous, previous.width == width, previous.height == next.height else {
    guard width > 0 else { return [] }
    return (0..<next.height).map { y in
      CellRun(x: 0, y: y, cells: Array(next.cells[y * width..<(y + 1) * width]))
    }
  }
  var runs: [CellRun] = []
  for y in 0..<next.height {
    let rowStart = y * width
    var x = 0
    while x < width {
      guard previous.cells[rowStart + x] != next.cells[rowStart + x] else {
        x += 1
        continue
      }
      let start = x
      while x < width, previous.cells[rowStart + x] != next.cells[rowStart + x] { x += 1 }
      runs.append(CellRun(x: start, y: y, cells: Array(next.cells[rowStart + start..<rowStart + x])))
    }
  }
  return runs
}
