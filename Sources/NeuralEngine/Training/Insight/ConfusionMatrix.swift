/// How the validation set's samples of each class were classified: row = the true class, column
/// = the predicted one. The diagonal holds the hits; the largest cell off it is the pair a class
/// should look at first ("Shirt taken for T-shirt/top").
public struct ConfusionMatrix: Sendable, Equatable {
  public let classes: Int
  /// A name per class (`T-shirt/top`, `0`…), or empty: then classes are named by their number.
  public var classNames: [String]
  /// Row-major counts, `classes × classes`.
  public private(set) var counts: [Int]

  public init(classes: Int, classNames: [String] = []) {
    self.classes = max(classes, 1)
    self.classNames = classNames
    counts = Array(repeating: 0, count: self.classes * self.classes)
  }

  /// Counts one sample of class `actual` predicted as `predicted`.
  public mutating func add(actual: Int, predicted: Int) {
    guard actual >= 0, actual < classes, predicted >= 0, predicted < classes else { return }
    counts[actual * classes + predicted] += 1
  }

  public subscript(actual: Int, predicted: Int) -> Int { counts[actual * classes + predicted] }

  /// The samples counted (the validation set's size).
  public var total: Int { counts.reduce(0, +) }
  /// The diagonal's share: the validation accuracy.
  public var accuracy: Double {
    total > 0 ? Double((0..<classes).reduce(0) { $0 + self[$1, $1] }) / Double(total) : .nan
  }

  /// The samples of class `c`.
  public func support(of c: Int) -> Int { (0..<classes).reduce(0) { $0 + self[c, $1] } }

  /// The share of class `c`'s samples predicted as `c` (its recall); nil without samples.
  public func accuracy(of c: Int) -> Double? {
    let n = support(of: c)
    return n > 0 ? Double(self[c, c]) / Double(n) : nil
  }

  /// The largest off-diagonal cell: the most frequent mistake; nil when there is none.
  public var mostConfused: (actual: Int, predicted: Int, count: Int)? {
    var best: (Int, Int, Int)?
    for a in 0..<classes {
      for p in 0..<classes where p != a && self[a, p] > (best?.2 ?? 0) { best = (a, p, self[a, p]) }
    }
    return best
  }

  /// Class `c`'s name, or its number.
  public func name(of c: Int) -> String { c < classNames.count ? classNames[c] : String(c) }
}

extension ConfusionMatrix: Codable {
  enum CodingKeys: String, CodingKey { case classes, counts }

  /// `{"classes": ["T-shirt/top", …], "counts": [[…], …]}`: one row per true class.
  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode((0..<classes).map(name(of:)), forKey: .classes)
    try c.encode((0..<classes).map { a in (0..<classes).map { self[a, $0] } }, forKey: .counts)
  }

  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let names = try c.decode([String].self, forKey: .classes)
    let rows = try c.decode([[Int]].self, forKey: .counts)
    guard !rows.isEmpty, rows.count == names.count, rows.allSatisfy({ $0.count == rows.count }) else {
      throw DecodingError.dataCorrupted(
        .init(
          codingPath: c.codingPath, debugDescription: "a confusion matrix must be square, one row per class"))
    }
    self.init(classes: rows.count, classNames: names)
    counts = rows.flatMap { $0 }
  }
}
