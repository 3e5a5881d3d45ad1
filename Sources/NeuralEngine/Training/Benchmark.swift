import Foundation

/// Measurements for `traintop bench`: how fast this machine's BLAS multiplies
/// the training shapes, how many FLOPs an epoch needs, and the peak memory.
public enum Benchmark {
  /// Matrix-product FLOPs of one epoch: for each dense layer (n_in → n_out),
  /// forward `2·B·n_in·n_out`, weight gradient the same, input gradient the same
  /// except for the first layer (which needs none); plus the validation forward pass.
  public static func flopsPerEpoch(inputs: Int, hidden: [Int], classes: Int, train: Int, validation: Int)
    -> Double
  {
    let sizes = [inputs] + hidden + [classes]
    var perSampleTrain = 0.0
    var perSampleForward = 0.0
    for l in 0..<(sizes.count - 1) {
      let mac = 2 * Double(sizes[l]) * Double(sizes[l + 1])
      perSampleForward += mac
      perSampleTrain += mac * (l == 0 ? 2 : 3)
    }
    return perSampleTrain * Double(train) + perSampleForward * Double(validation)
  }

  /// sgemm GFLOP/s on the dominant shapes of a dense layer (`batch × n_in × n_out`
  /// forward and weight gradient), measured for about `seconds`.
  public static func sgemmGFLOPS(batch: Int, inputs: Int, outputs: Int, seconds: Double = 0.5) -> Double {
    let x = Matrix(rows: batch, columns: inputs)
    let w = Matrix(rows: inputs, columns: outputs)
    let z = Matrix(rows: batch, columns: outputs)
    let g = Matrix(rows: inputs, columns: outputs)
    var rng = Xoshiro256(seed: 7)
    for i in 0..<x.count { x.pointer[i] = rng.nextFloat() }
    for i in 0..<w.count { w.pointer[i] = rng.nextFloat() - 0.5 }
    let clock = ContinuousClock()
    let flopsPerRound = 2 * 2 * Double(batch) * Double(inputs) * Double(outputs)
    // Warm up, then time whole rounds.
    for _ in 0..<10 {
      BLAS.gemm(x, w, into: z)
      BLAS.gemm(x, z, into: g, transposeA: true)
    }
    var rounds = 0
    let start = clock.now
    var elapsed = 0.0
    while elapsed < seconds {
      for _ in 0..<20 {
        BLAS.gemm(x, w, into: z)
        BLAS.gemm(x, z, into: g, transposeA: true)
      }
      rounds += 20
      elapsed = (clock.now - start).seconds
    }
    return flopsPerRound * Double(rounds) / elapsed / 1e9
  }

  /// Peak resident set size of this process so far, in bytes (`VmHWM`; nil where there is no /proc).
  public static func peakResidentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
      let kb = line.split(separator: " ").compactMap { Int($0) }.first
      return kb.map { $0 * 1024 }
    }
    return nil
  }
}
