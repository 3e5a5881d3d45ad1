import Testing

@testable import NeuralEngine

/// The decision boundary a `Trainer` publishes for 2-D datasets.
@Suite struct DecisionBoundaryTests {
  static func settings(_ dataset: String, epochs: Int = 4) -> Hyperparameters {
    var h = Hyperparameters()
    h.dataset = dataset
    h.hidden = [16, 16]
    h.batchSize = 20
    h.epochs = epochs
    h.samples = 400
    h.learningRate = 0.01
    h.seed = 2
    return h
  }

  @Test("a grid after the start and after every epoch: size, range, classes, points")
  func eventsOnATwoDimensionalSet() throws {
    let h = Self.settings("circles")
    let data = try loadData(for: h)
    let probe = DecisionBoundaryProbe(columns: 64, rows: 48, minimumInterval: 0)
    let trainer = try Trainer(hyperparameters: h, data: data, boundaryProbe: probe)
    var grids: [DecisionBoundary] = []
    var order: [String] = []
    trainer.run { event in
      switch event {
      case .decisionBoundary(let g):
        grids.append(g)
        order.append("b\(g.epochsTrained)")
      case .epochEnded(let m): order.append("e\(m.epoch)")
      default: break
      }
    }
    #expect(order == ["b0", "e0", "b1", "e1", "b2", "e2", "b3", "e3", "b4"])
    for g in grids {
      #expect(g.columns == 64 && g.rows == 48)
      #expect(g.classes.count == 64 * 48 && g.confidence.count == 64 * 48)
      #expect(g.classes.allSatisfy { Int($0) < g.classCount })
      #expect(g.confidence.allSatisfy { $0 >= 0 && $0 <= 1 })
      #expect(g.trainPoints.count == data.train.count && g.validationPoints.count == data.validation.count)
      // The padded box holds every point.
      for p in g.trainPoints + g.validationPoints {
        #expect(g.xRange.contains(p.x) && g.yRange.contains(p.y))
      }
    }
    #expect(grids[0].classCount == 2)
  }

  @Test("the grid's class at the training points agrees with the network's own accuracy")
  func gridAgreesWithTheNetwork() throws {
    let h = Self.settings("gaussian", epochs: 1)
    let data = try loadData(for: h)
    let network = Network(h, inputs: 2, classes: 2, capacity: 1000)
    var order = Array(0..<data.train.count)
    for _ in 0..<30 {
      order.shuffle()
      for start in stride(from: 0, to: order.count, by: h.batchSize) {
        order.withUnsafeBufferPointer { all in
          let batch = UnsafeBufferPointer(rebasing: all[start..<min(start + h.batchSize, order.count)])
          _ = network.trainBatch(data.train, indices: batch)
        }
      }
    }
    let networkAccuracy = network.evaluate(data.train).accuracy
    let grid = DecisionBoundaryProbe(columns: 64, rows: 48).boundary(
      of: network, data: data, classes: 2, epochsTrained: 30)
    let hits = grid.trainPoints.filter { grid.predictedClass(x: $0.x, y: $0.y) == Int($0.label) }.count
    let gridAccuracy = Double(hits) / Double(grid.trainPoints.count)
    #expect(networkAccuracy > 0.8)
    // A cell's centre stands for the points in it: only points next to the boundary may differ.
    #expect(abs(gridAccuracy - networkAccuracy) < 0.03, "grid \(gridAccuracy) vs network \(networkAccuracy)")
  }

  @Test("no grid for data with other than two features, nor without a probe")
  func skipped() throws {
    var h = Self.settings("spiral", epochs: 1)
    let data = try loadData(for: h)
    var wide = data
    wide.train.featureCount = 1
    wide.train.storage = .floats(Array(repeating: 0, count: data.train.count))
    wide.validation.featureCount = 1
    wide.validation.storage = .floats(Array(repeating: 0, count: data.validation.count))
    h.batchSize = 10
    var count = 0
    try Trainer(hyperparameters: h, data: wide, boundaryProbe: DecisionBoundaryProbe()).run { event in
      if case .decisionBoundary = event { count += 1 }
    }
    try Trainer(hyperparameters: h, data: data).run { event in
      if case .decisionBoundary = event { count += 1 }
    }
    #expect(count == 0)
  }

  @Test("cells map to points and back: row 0 is the top of the plane")
  func geometry() {
    let g = DecisionBoundary(
      epochsTrained: 0, columns: 4, rows: 2, xRange: 0...4, yRange: 0...2, classCount: 2,
      classes: [0, 0, 1, 1, 1, 1, 0, 0], confidence: Array(repeating: 1, count: 8), trainPoints: [],
      validationPoints: [])
    #expect(g.center(column: 0, row: 0) == (0.5, 1.5))
    #expect(g.cell(x: 3.9, y: 1.9) == (3, 0))
    #expect(g.predictedClass(x: 3.5, y: 1.5) == 1)
    #expect(g.predictedClass(x: 3.5, y: 0.5) == 0)
    #expect(g.cell(x: -5, y: -5) == (0, 1))
  }
}

extension DecisionBoundaryTests {
  @Test("large sets send a thinned sample of their points, over the whole set's plane")
  func thinnedPoints() throws {
    var h = Self.settings("moons", epochs: 1)
    h.samples = 10_000
    let data = try loadData(for: h)
    var grids: [DecisionBoundary] = []
    try Trainer(hyperparameters: h, data: data, boundaryProbe: DecisionBoundaryProbe()).run { event in
      if case .decisionBoundary(let g) = event { grids.append(g) }
    }
    #expect(grids.count == 2)  // before training, and after the last epoch
    let g = try #require(grids.last)
    #expect(g.trainPoints.count <= DecisionBoundaryProbe.maximumPoints && g.trainPoints.count > 1000)
    let all = DecisionBoundaryProbe.points(of: data.train)
    #expect(all.allSatisfy { g.xRange.contains($0.x) && g.yRange.contains($0.y) })
  }
}
