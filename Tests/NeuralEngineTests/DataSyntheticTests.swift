import Foundation
import Testing

@testable import NeuralEngine

@Suite("Built-in datasets")
struct DataSyntheticTests {
  func floats(_ d: Dataset) -> [Float] {
    if case .floats(let f) = d.storage { return f }
    return []
  }

  @Test(arguments: SyntheticDataset.allCases)
  func shapeBalanceRangeAndDeterminism(kind: SyntheticDataset) throws {
    let d = try kind.generate(samples: 1000, noise: 0.1, seed: 5)
    #expect(d.count == 1000)
    #expect(d.featureCount == 2)
    #expect(d.classCount == 2)
    #expect(d.labels.filter { $0 == 1 }.count == 500)
    let values = floats(d)
    #expect(values.count == 2000)
    #expect(values.allSatisfy { abs($0) < 1.6 })
    #expect(values.map(abs).max()! > 0.5)
    #expect(floats(try kind.generate(samples: 1000, noise: 0.1, seed: 5)) == values)
    #expect(floats(try kind.generate(samples: 1000, noise: 0.1, seed: 6)) != values)
  }

  @Test func spiralArmsAreClasses() throws {
    let d = try SyntheticDataset.spiral.generate(samples: 1000, seed: 1, arms: 3)
    #expect(d.classCount == 3)
    #expect((0..<3).map { c in d.labels.filter { $0 == c }.count } == [334, 333, 333])
    #expect(dataErrorMessage { _ = try SyntheticDataset.spiral.generate(samples: 100, arms: 1) } != nil)
  }

  @Test func cleanShapes() throws {
    let circles = try SyntheticDataset.circles.generate(samples: 400, noise: 0, seed: 2)
    let c = floats(circles)
    for i in 0..<circles.count {
      let r = (c[2 * i] * c[2 * i] + c[2 * i + 1] * c[2 * i + 1]).squareRoot()
      #expect(circles.labels[i] == 1 ? r <= 0.5 : (r >= 0.7 && r <= 1.0001))
    }
    let xor = try SyntheticDataset.xor.generate(samples: 400, noise: 0, seed: 2)
    let x = floats(xor)
    for i in 0..<xor.count {
      #expect((x[2 * i] * x[2 * i + 1] > 0) == (xor.labels[i] == 1))
    }
  }

  @Test func loadDataSplitsAndSubsets() throws {
    let split = try loadData(DataOptions(dataset: "moons", samples: 500, seed: 9))
    #expect(split.train.count == 400)
    #expect(split.validation.count == 100)
    #expect(split.train.name == "moons (train)")
    let small = try loadData(DataOptions(dataset: "moons", trainSize: 50, samples: 500, seed: 9))
    #expect(small.train.count == 50)
    #expect(floats(small.train) == Array(floats(split.train)[0..<100]))
    #expect(small.validation.count == 100)
  }

  @Test func badParameters() {
    let tooBig = dataErrorMessage { _ = try loadData(DataOptions(dataset: "xor", trainSize: 5000)) }
    #expect(tooBig == "--train-size 5000 is more than the 800 training samples of xor")
    let zero = dataErrorMessage { _ = try loadData(DataOptions(dataset: "xor", trainSize: 0)) }
    #expect(zero == "--train-size must be at least 1 (got 0)")
    let split = dataErrorMessage { _ = try loadData(DataOptions(dataset: "xor", valSplit: 1)) }
    #expect(split == "validation split 1.0 is outside (0, 1): use a fraction such as 0.2")
    let noise = dataErrorMessage { _ = try loadData(DataOptions(dataset: "xor", noise: -1)) }
    #expect(noise?.hasPrefix("xor: --noise must be") == true)
    let samples = dataErrorMessage { _ = try loadData(DataOptions(dataset: "gaussian", samples: 3)) }
    #expect(samples == "gaussian: --samples must be at least 4 (got 3)")
  }
}

@Suite("Seeded random")
struct DataRandomTests {
  @Test func deterministicAndInRange() {
    var a = Xoshiro256(seed: 42)
    var b = Xoshiro256(seed: 42)
    var c = Xoshiro256(seed: 43)
    let first = (0..<8).map { _ in a.next() }
    #expect(first == (0..<8).map { _ in b.next() })
    #expect(first != (0..<8).map { _ in c.next() })
    for _ in 0..<10_000 {
      let f = a.nextFloat()
      #expect(f >= 0 && f < 1)
    }
  }

  @Test func gaussianMoments() {
    var r = Xoshiro256(seed: 1)
    let n = 200_000
    var sum = 0.0
    var squares = 0.0
    for _ in 0..<n {
      let g = Double(r.nextGaussian())
      sum += g
      squares += g * g
    }
    let mean = sum / Double(n)
    #expect(abs(mean) < 0.01)
    #expect(abs(squares / Double(n) - mean * mean - 1) < 0.02)
  }

  @Test func splitMixReferenceValue() {
    // First output of SplitMix64 seeded with 0 (reference implementation).
    var s = SplitMix64(seed: 0)
    #expect(s.next() == 0xE220_A839_7B1D_CDAF)
  }
}
