import Foundation
import Testing

@testable import NeuralEngine

/// A 2-D CSV may hold any finite Float: features near ±Float.greatestFiniteMagnitude made the
/// boundary's plane span infinite and its cell positions NaN, which trapped.
@Suite struct ExtremeValuesTests {
  @Test("a boundary over features near ±3.4e38: finite plane, cells inside the grid")
  func boundaryOverExtremeFeatures() throws {
    var text = "x,y,label\n"
    for i in 0..<40 {
      let sign = i % 2 == 0 ? "" : "-"
      text += "\(sign)3e38,\(i % 3 == 0 ? "-" : "")3.4e38,\(i % 2)\n"
    }
    text += "1,2,0\n0.5,-1,1\n"
    let dataset = try CSVLoader.parse(Array(text.utf8), source: "extreme.csv")
    let data = try dataset.holdingOut(fraction: 0.2, seed: 1, source: "extreme.csv")
    var h = Hyperparameters()
    h.hidden = [4]
    h.batchSize = 8
    h.epochs = 1
    let trainer = try Trainer(
      hyperparameters: h, data: data,
      boundaryProbe: DecisionBoundaryProbe(columns: 16, rows: 12, minimumInterval: 0))
    var grids: [DecisionBoundary] = []
    trainer.run { if case .decisionBoundary(let g) = $0 { grids.append(g) } }
    #expect(!grids.isEmpty)
    for g in grids {
      #expect(g.xRange.lowerBound.isFinite && g.xRange.upperBound.isFinite)
      #expect(Double(g.xRange.upperBound) - Double(g.xRange.lowerBound) > 6e38)
      for p in g.trainPoints + g.validationPoints {
        let cell = g.cell(x: p.x, y: p.y)
        #expect((0..<g.columns).contains(cell.column) && (0..<g.rows).contains(cell.row))
      }
      let corner = g.center(column: 0, row: 0)
      #expect(corner.x.isFinite && corner.y.isFinite && corner.x < -1e38 && corner.y > 1e38)
    }
  }
}
