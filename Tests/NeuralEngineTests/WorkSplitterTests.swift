import Foundation
import Testing

@testable import NeuralEngine

/// Training over several threads (`--threads`): the work of each step split, the results the
/// same as on one thread, to the last digit.
@Suite("Work split over threads")
struct WorkSplitterTests {
  /// Bytes like images (so the gather is split too): 3000 samples of 256 features, 10 classes.
  static let data: DataSplit = {
    var rng = Xoshiro256(seed: 11)
    func images(_ n: Int) -> Dataset {
      var bytes = [UInt8](repeating: 0, count: n * 256)
      var labels = [Int32](repeating: 0, count: n)
      for i in 0..<n {
        let label = Int32(rng.next() % 10)
        labels[i] = label
        for j in 0..<256 { bytes[i * 256 + j] = UInt8((rng.next() % 128) + (j % 10 == label ? 127 : 0)) }
      }
      return Dataset(
        name: "blobs", storage: .bytes(bytes, scale: 1 / 255), featureCount: 256, labels: labels,
        classCount: 10)
    }
    return DataSplit(train: images(3000), validation: images(1000))
  }()

  /// Settings whose products (100×256×256) and loops (25 600 values) are large enough to split.
  static func settings(_ optimizer: OptimizerKind) -> Hyperparameters {
    var h = Hyperparameters()
    h.hidden = [256, 64]
    h.batchSize = 100
    h.epochs = 2
    h.optimizer = optimizer
    h.dropout = 0.3
    h.l1Hidden = 1e-5
    h.l2Hidden = 1e-4
    h.nesterov = optimizer == .momentum
    return h
  }

  @Test(
    "two and three threads give the metrics of one, to the last digit", arguments: OptimizerKind.allCases)
  func sameMetrics(optimizer: OptimizerKind) throws {
    let h = Self.settings(optimizer)
    let one = try Trainer(hyperparameters: h, data: Self.data, threads: 1).run()
    for threads in [2, 3] {
      let split = try Trainer(hyperparameters: h, data: Self.data, threads: threads).run()
      #expect(split.status == .finished)
      #expect(split.epochs.map(\.loss) == one.epochs.map(\.loss), "\(threads) threads")
      #expect(split.epochs.map(\.valLoss) == one.epochs.map(\.valLoss), "\(threads) threads")
      #expect(split.epochs.map(\.valAccuracy) == one.epochs.map(\.valAccuracy), "\(threads) threads")
    }
    #expect(one.epochs.last!.valAccuracy > 0.5, "it learns")
  }

  @Test("a split product equals the whole one, along rows and along columns, transposed or not")
  func splitProducts() {
    let splitter = WorkSplitter(parts: 2)
    var rng = Xoshiro256(seed: 5)
    func random(_ rows: Int, _ columns: Int) -> Matrix {
      let m = Matrix(rows: rows, columns: columns)
      for i in 0..<m.count { m.pointer[i] = rng.nextFloat() - 0.5 }
      return m
    }
    // (m, n, k): more rows than columns (split by rows) and the other way round.
    for (m, n, k) in [(300, 64, 200), (40, 500, 120)] {
      for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
        let a = ta ? random(k, m) : random(m, k)
        let b = tb ? random(n, k) : random(k, n)
        let whole = Matrix(rows: m, columns: n)
        let parts = Matrix(rows: m, columns: n)
        BLAS.gemm(a, b, into: whole, transposeA: ta, transposeB: tb)
        BLAS.gemm(a, b, into: parts, transposeA: ta, transposeB: tb, splitter: splitter)
        let difference = zip(parts.values, whole.values).map { abs($0 - $1) }.max() ?? 0
        #expect(difference == 0, "m \(m) n \(n) k \(k) transposed \(ta) \(tb): differs by \(difference)")
      }
    }
  }

  @Test("chunks cover the range once, aligned, whatever the count")
  func chunks() {
    for count in [0, 1, 15, 16, 17, 100, 12_800, 100_352] {
      for chunks in [1, 2, 4, 8] {
        let ranges = (0..<chunks).map { WorkSplitter.range($0, of: count, in: chunks, alignment: 16) }
        #expect(ranges.flatMap { Array($0) } == Array(0..<count))
        #expect(ranges.allSatisfy { $0.isEmpty || $0.lowerBound % 16 == 0 })
      }
    }
  }

  @Test("every chunk runs exactly once, thousands of times in a row")
  func everyChunkOnce() {
    let splitter = WorkSplitter(parts: 2)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: 8)
    defer { counts.deallocate() }
    counts.initialize(repeating: 0, count: 8)
    for _ in 0..<5000 { splitter.run(chunks: 8) { counts[$0] += 1 } }
    #expect((0..<8).map { counts[$0] } == Array(repeating: 5000, count: 8))
  }

  /// Each thread starts with its own share of a piece's chunks and then takes the others'; a
  /// helper that saw a piece late must not run a chunk of the next one (it would run twice).
  @Test("pieces of every size, one after another, run each chunk exactly once", arguments: [2, 3])
  func piecesOfEverySize(parts: Int) {
    let splitter = WorkSplitter(parts: parts)
    let most = parts * 8 + 3  // past the pool's limit too (those run on the caller)
    let counts = UnsafeMutablePointer<Int>.allocate(capacity: most)
    defer { counts.deallocate() }
    var expected = [Int](repeating: 0, count: most)
    counts.initialize(repeating: 0, count: most)
    var rng = Xoshiro256(seed: 3)
    for _ in 0..<20_000 {
      let chunks = Int(rng.next() % UInt64(most + 1))
      splitter.run(chunks: chunks) { counts[$0] += 1 }
      for c in 0..<chunks { expected[c] += 1 }
    }
    #expect((0..<most).map { counts[$0] } == expected)
  }

  /// A helper thread the scheduler starts after its pool has already been used and told to stop
  /// once waited forever for the next piece (seen when the machine was busy).
  @Test("pools made, used and destroyed at once never wait for a helper that started late")
  func destroyedBeforeHelpersStart() {
    var total = 0
    for _ in 0..<300 {
      let splitter = WorkSplitter(parts: 3)
      let sums = UnsafeMutablePointer<Int>.allocate(capacity: 4)
      sums.initialize(repeating: 0, count: 4)
      splitter.run(chunks: 4) { sums[$0] = $0 }
      total += (0..<4).reduce(0) { $0 + sums[$1] }
      sums.deallocate()
    }
    #expect(total == 300 * 6)
  }
}
