import Testing

@testable import TerminalUI

@Suite struct SmoothingTests {
  @Test func constantSeriesStaysConstant() {
    #expect(
      Smoothing.smooth(Array(repeating: 0.3, count: 50), weight: 0.6) == Array(repeating: 0.3, count: 50))
  }

  @Test func debiasingMakesTheFirstOutputEqualTheInput() {
    let out = Smoothing.smooth([2, 4], weight: 0.5)
    #expect(out[0] == 2)
    #expect(abs(out[1] - 10.0 / 3) < 1e-12)  // last = 2.5, debias = 1 − 0.25
  }

  @Test func nonFiniteValuesPassThroughWithoutUpdatingTheState() {
    let out = Smoothing.smooth([1, .nan, 3, .infinity], weight: 0.5)
    #expect(out[0] == 1 && out[1].isNaN && out[3] == .infinity)
    #expect(abs(out[2] - 1.75 / 0.75) < 1e-12)
  }

  @Test func zeroWeightIsTheIdentity() {
    let values = [0.9, 0.4, 0.7, 0.1]
    #expect(Smoothing.smooth(values, weight: 0) == values)
  }

  @Test func weightIsCapped() {
    #expect(Smoothing(weight: 1.5).weight == 0.999)
    #expect(Smoothing(weight: -1).weight == 0)
    let out = Smoothing.smooth([1, 0], weight: 1)
    #expect(out[0] == 1 && out[1] > 0.49 && out[1] < 0.5)  // s = 0.999: ≈ 0.4997
  }

  @Test func smoothsTowardsTheTrend() {
    let raw = [1.0, 0.2, 0.9, 0.1, 0.8]
    let out = Smoothing.smooth(raw, weight: 0.8)
    #expect(out.dropFirst().allSatisfy { $0 > 0.3 && $0 < 0.8 })
  }
}
