/// The network's prediction over the input plane of a 2-D dataset: the predicted class and its
/// probability at the centre of every cell of a grid, plus the data points, for TensorFlow
/// Playground's decision-boundary view.
///
/// Row 0 of the grid is the top (largest y), column 0 the left (smallest x), so the grid reads
/// like a picture. The grid covers the bounding box of the training and validation points,
/// padded by `DecisionBoundaryProbe.padding` of its span on every side.
public struct DecisionBoundary: Sendable, Equatable {
  /// A labelled data point.
  public struct Point: Sendable, Equatable {
    public var x: Float
    public var y: Float
    public var label: Int32
  }

  /// Epochs trained when the grid was computed (0: the untrained network).
  public var epochsTrained: Int
  public var columns: Int
  public var rows: Int
  /// The plane the grid covers.
  public var xRange: ClosedRange<Float>
  public var yRange: ClosedRange<Float>
  public var classCount: Int
  /// The predicted class of each cell, row-major from the top-left (`rows × columns`).
  public var classes: [UInt8]
  /// The predicted class's probability in each cell (how sure the network is), in [0, 1].
  public var confidence: [Float]
  public var trainPoints: [Point]
  public var validationPoints: [Point]

  /// The predicted class of cell (`column`, `row`).
  public func predictedClass(column: Int, row: Int) -> Int { Int(classes[row * columns + column]) }

  /// The plane's width and height. In Double: two Float bounds near ±3.4e38 (a CSV feature may
  /// hold any finite Float) span more than a Float can, and every position below is computed
  /// from these, so none becomes infinite or NaN.
  public var xSpan: Double { Double(xRange.upperBound) - Double(xRange.lowerBound) }
  public var ySpan: Double { Double(yRange.upperBound) - Double(yRange.lowerBound) }

  /// Where point (`x`, `y`) lies as fractions of the plane across (from the left) and down
  /// (from the top): 0…1 inside it.
  public func fraction(x: Float, y: Float) -> (x: Double, y: Double) {
    let fx = xSpan > 0 ? (Double(x) - Double(xRange.lowerBound)) / xSpan : 0.5
    let fy = ySpan > 0 ? (Double(yRange.upperBound) - Double(y)) / ySpan : 0.5
    return (fx.isFinite ? fx : 0.5, fy.isFinite ? fy : 0.5)
  }

  /// The point at fractions `fx` across and `fy` down the plane.
  public func point(fx: Double, fy: Double) -> (x: Float, y: Float) {
    (
      Self.float(Double(xRange.lowerBound) + fx * xSpan),
      Self.float(Double(yRange.upperBound) - fy * ySpan)
    )
  }

  /// The cell holding point (`x`, `y`), clamped to the grid.
  public func cell(x: Float, y: Float) -> (column: Int, row: Int) {
    let f = fraction(x: x, y: y)
    let column = min(columns - 1, max(0, Int(min(max(f.x, 0), 1) * Double(columns))))
    let row = min(rows - 1, max(0, Int(min(max(f.y, 0), 1) * Double(rows))))
    return (column, row)
  }

  /// The predicted class at point (`x`, `y`): that of the cell holding it.
  public func predictedClass(x: Float, y: Float) -> Int {
    let c = cell(x: x, y: y)
    return predictedClass(column: c.column, row: c.row)
  }

  /// The centre of cell (`column`, `row`) in data coordinates.
  public func center(column: Int, row: Int) -> (x: Float, y: Float) {
    point(fx: (Double(column) + 0.5) / Double(columns), fy: (Double(row) + 0.5) / Double(rows))
  }

  /// `value` as the nearest finite Float.
  static func float(_ value: Double) -> Float {
    Float(min(max(value, -Double(Float.greatestFiniteMagnitude)), Double(Float.greatestFiniteMagnitude)))
  }
}

/// Asks a `Trainer` for a `DecisionBoundary` after every epoch (and one before training), for
/// datasets with two features; other datasets are skipped silently.
///
/// A 64 × 48 grid through a 128-128-128 network costs about 0.2 GFLOP, more than an epoch of a
/// 100-point training set, so grids are computed at most once per `minimumInterval` seconds and
/// take at most about 5 % of the time (always one after the last epoch). Events carry at most
/// `maximumPoints` of each set's points.
public struct DecisionBoundaryProbe: Sendable, Equatable {
  public var columns: Int
  public var rows: Int
  /// Seconds between two grids at least; 0 computes one after every epoch, whatever it costs.
  public var minimumInterval: Double
  /// Fraction of the data's span added on each side of the bounding box.
  public static let padding: Float = 0.1

  public init(columns: Int = 64, rows: Int = 48, minimumInterval: Double = 0.1) {
    self.columns = max(1, columns)
    self.rows = max(1, rows)
    self.minimumInterval = minimumInterval
  }

  /// Whether `data` can be drawn as a plane.
  public static func applies(to data: DataSplit) -> Bool {
    data.train.featureCount == 2 && data.validation.featureCount == 2
  }

  /// The padded bounding box of every point of `data`.
  static func bounds(of points: [DecisionBoundary.Point]) -> (x: ClosedRange<Float>, y: ClosedRange<Float>) {
    guard let first = points.first else { return (-1...1, -1...1) }
    var (x0, x1, y0, y1) = (first.x, first.x, first.y, first.y)
    for p in points {
      x0 = min(x0, p.x)
      x1 = max(x1, p.x)
      y0 = min(y0, p.y)
      y1 = max(y1, p.y)
    }
    // In Double, kept to finite Floats: the padding of points near ±Float.greatestFiniteMagnitude
    // would overflow.
    func padded(_ lo: Float, _ hi: Float) -> ClosedRange<Float> {
      let pad = max((Double(hi) - Double(lo)) * Double(padding), 0.1)
      return DecisionBoundary.float(Double(lo) - pad)...DecisionBoundary.float(Double(hi) + pad)
    }
    return (padded(x0, x1), padded(y0, y1))
  }

  /// The points of a 2-D dataset with their labels.
  static func points(of data: Dataset) -> [DecisionBoundary.Point] {
    guard data.count > 0 else { return [] }
    var features = [Float](repeating: 0, count: data.count * 2)
    features.withUnsafeMutableBufferPointer { data.gather(0..<data.count, into: $0.baseAddress!) }
    return (0..<data.count).map { i in
      DecisionBoundary.Point(x: features[2 * i], y: features[2 * i + 1], label: data.labels[i])
    }
  }

  /// The grid of `network`'s predictions over the plane of `data` (which must have two features).
  func boundary(of network: Network, data: DataSplit, classes: Int, epochsTrained: Int) -> DecisionBoundary {
    var session = Session(probe: self, data: data)
    return session.boundary(of: network, classes: classes, epochsTrained: epochsTrained, force: true)!
  }

  /// Points drawn per set at most: more cannot show in a terminal panel, and every event carries them.
  public static let maximumPoints = 1500

  /// Every `n`-th point, so that at most `maximumPoints` remain.
  static func thinned(_ points: [DecisionBoundary.Point]) -> [DecisionBoundary.Point] {
    guard points.count > maximumPoints else { return points }
    let step = (points.count + maximumPoints - 1) / maximumPoints
    return stride(from: 0, to: points.count, by: step).map { points[$0] }
  }

  /// The probe during one run: the points and the plane (computed once), and when the next grid
  /// is due. Grids take at most about 5 % of the time: after one took `d`, the next waits
  /// `max(minimumInterval, 19 d)`.
  struct Session {
    let probe: DecisionBoundaryProbe
    let train: [DecisionBoundary.Point]
    let validation: [DecisionBoundary.Point]
    let xRange: ClosedRange<Float>
    let yRange: ClosedRange<Float>
    private var nextDue: ContinuousClock.Instant?

    init(probe: DecisionBoundaryProbe, data: DataSplit) {
      self.probe = probe
      let train = DecisionBoundaryProbe.points(of: data.train)
      let validation = DecisionBoundaryProbe.points(of: data.validation)
      (xRange, yRange) = DecisionBoundaryProbe.bounds(of: train + validation)
      self.train = DecisionBoundaryProbe.thinned(train)
      self.validation = DecisionBoundaryProbe.thinned(validation)
    }

    /// The grid now, or nil when the last one was too recent (unless `force`).
    mutating func boundary(of network: Network, classes: Int, epochsTrained: Int, force: Bool)
      -> DecisionBoundary?
    {
      let start = ContinuousClock.now
      if !force, probe.minimumInterval > 0, let due = nextDue, start < due { return nil }
      let grid = compute(network, classes: classes, epochsTrained: epochsTrained)
      let took = ContinuousClock.now - start
      nextDue = start + max(.seconds(probe.minimumInterval), took * 19)
      return grid
    }

    private func compute(_ network: Network, classes: Int, epochsTrained: Int) -> DecisionBoundary {
      let (columns, rows) = (probe.columns, probe.rows)
      var grid = DecisionBoundary(
        epochsTrained: epochsTrained, columns: columns, rows: rows, xRange: xRange, yRange: yRange,
        classCount: classes, classes: [], confidence: [], trainPoints: train, validationPoints: validation)
      var features = [Float]()
      features.reserveCapacity(columns * rows * 2)
      for row in 0..<rows {
        for column in 0..<columns {
          let c = grid.center(column: column, row: row)
          features += [c.x, c.y]
        }
      }
      let outputs = network.outputLayer.outputs
      let probabilities = network.predict(features: features, rows: columns * rows)  // (cells, classes)
      grid.classes.reserveCapacity(columns * rows)
      grid.confidence.reserveCapacity(columns * rows)
      for cell in 0..<(columns * rows) {
        var best = 0
        var total: Float = 0
        for k in 0..<outputs {
          let p = probabilities[cell * outputs + k]
          total += p
          if p > probabilities[cell * outputs + best] { best = k }
        }
        // Sigmoid outputs need not sum to 1: report the winner's share.
        let p = probabilities[cell * outputs + best]
        grid.classes.append(UInt8(min(best, 255)))
        grid.confidence.append(total > 0 ? min(1, p / max(total, 1)) : 0)
      }
      return grid
    }
  }
}
