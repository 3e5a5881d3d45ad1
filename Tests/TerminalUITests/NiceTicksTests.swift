import Testing

@testable import TerminalUI

@Suite struct NiceTicksTests {
  @Test func zeroToOneInFifths() {
    let ticks = NiceTicks.ticks(lower: 0, upper: 1, count: 5)
    #expect(ticks == [0, 0.2, 0.4, 0.6, 0.8, 1])
    #expect(ticks.map(\.description) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(NiceTicks.labels(for: ticks) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
  }

  @Test func noFloatingPointNoise() {
    let ticks = NiceTicks.ticks(lower: 0.1, upper: 0.3, count: 2)
    #expect(ticks.map(\.description) == ["0.1", "0.2", "0.3"])
    let fine = NiceTicks.ticks(lower: 0.1, upper: 0.3, count: 5)
    #expect(fine.map(\.description) == ["0.1", "0.15", "0.2", "0.25", "0.3"])  // step0 0.04: e = 4 ≥ √10
    let tenths = NiceTicks.ticks(lower: 0, upper: 0.9, count: 9)
    #expect(
      tenths.map(\.description) == ["0.0", "0.1", "0.2", "0.3", "0.4", "0.5", "0.6", "0.7", "0.8", "0.9"])
  }

  @Test(arguments: [
    (0.0, 10.0, 10, [0.0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    (1.0, 9.0, 3, [2.0, 4, 6, 8]),
    (-1.0, 1.0, 4, [-1.0, -0.5, 0, 0.5, 1]),
    (-50.0, -10.0, 4, [-50.0, -40, -30, -20, -10]),
    (1.0001, 1.0003, 2, [1.0001, 1.0002, 1.0003]),
    (0.0, 1000.0, 4, [0.0, 200, 400, 600, 800, 1000]),
    (0.0, 60000.0, 6, [0.0, 10000, 20000, 30000, 40000, 50000, 60000]),
    (0.27, 0.63, 5, [0.3, 0.4, 0.5, 0.6]),
    (1.0, 0.0, 2, [0.0, 0.5, 1]),
    (5.0, 5.0, 5, [5.0]),
  ])
  func ticks(lower: Double, upper: Double, count: Int, expected: [Double]) {
    #expect(NiceTicks.ticks(lower: lower, upper: upper, count: count) == expected)
  }

  @Test func tinySpansStayExact() {
    let ticks = NiceTicks.ticks(lower: 1e-9, upper: 5e-9, count: 4)
    #expect(ticks == [1e-9, 2e-9, 3e-9, 4e-9, 5e-9])
    #expect(NiceTicks.labels(for: [0.00001, 0.00002]) == ["0.00001", "0.00002"])
  }

  @Test func degenerateInputs() {
    #expect(NiceTicks.ticks(lower: 0, upper: 1, count: 0).isEmpty)
    #expect(NiceTicks.ticks(lower: .nan, upper: 1, count: 5).isEmpty)
    #expect(NiceTicks.ticks(lower: 0, upper: .infinity, count: 5).isEmpty)
    #expect(NiceTicks.tickStep(lower: 3, upper: 3, count: 5) == 0)
  }

  @Test func theStepFollowsD3() {
    #expect(NiceTicks.tickStep(lower: 0, upper: 1, count: 10) == 0.1)
    #expect(NiceTicks.tickStep(lower: 0, upper: 1, count: 3) == 0.5)  // e = 3.33 ≥ √10
    #expect(NiceTicks.tickStep(lower: 0, upper: 7, count: 1) == 5)  // e = 7 < √50 ≈ 7.07
    #expect(NiceTicks.tickStep(lower: 0, upper: 8, count: 1) == 10)
    #expect(NiceTicks.tickStep(lower: 0, upper: 100, count: 10) == 10)
  }

  @Test func niceBoundsWidenToTicks() {
    #expect(NiceTicks.niceBounds(lower: 0.18, upper: 2.4, count: 6) == (0, 2.5))
    #expect(NiceTicks.niceBounds(lower: 0.27, upper: 0.63, count: 5) == (0.2, 0.7))
  }

  @Test func labelsUseTheFewestCommonDecimals() {
    #expect(NiceTicks.labels(for: [0.25, 0.5, 0.75]) == ["0.25", "0.50", "0.75"])
    #expect(NiceTicks.labels(for: [0, 200, 1000]) == ["0", "200", "1000"])
    #expect(NiceTicks.labels(for: [-0.5, 0, 0.5]) == ["-0.5", "0.0", "0.5"])
  }

  @Test func largeValuesGetSuffixes() {
    #expect(NiceTicks.labels(for: [0, 10000, 20000, 60000]) == ["0", "10k", "20k", "60k"])
    #expect(NiceTicks.labels(for: [0, 2500, 5000, 7500, 10000]) == ["0", "2.5k", "5.0k", "7.5k", "10.0k"])
    #expect(NiceTicks.labels(for: [0, 1e7, 2e7]) == ["0", "10M", "20M"])
  }

  @Test func formatUsesIntegers() {
    #expect(NiceTicks.format(0.1 + 0.2, decimals: 1) == "0.3")
    #expect(NiceTicks.format(-0.0001, decimals: 2) == "0.00")
    #expect(NiceTicks.format(-1.5, decimals: 2) == "-1.50")
    #expect(NiceTicks.format(0.05, decimals: 3) == "0.050")
  }

  @Test func logTicksAreDecades() {
    let ticks = NiceTicks.logTicks(lower: 0.001, upper: 10, count: 10)
    #expect(ticks == [0.001, 0.01, 0.1, 1, 10])
    #expect(NiceTicks.logLabels(for: ticks) == ["0.001", "0.01", "0.1", "1", "10"])
  }

  @Test func logTicksAddMultiplesInsideOneDecade() {
    #expect(NiceTicks.logTicks(lower: 0.3, upper: 2.3, count: 5) == [0.5, 1, 2])
    #expect(NiceTicks.logTicks(lower: 0.04, upper: 2, count: 5) == [0.05, 0.1, 0.5, 1])
  }

  @Test func logTicksThinManyDecades() {
    #expect(NiceTicks.logTicks(lower: 1e-6, upper: 100, count: 4) == [1e-6, 1e-3, 1])
  }

  @Test func logTicksRejectNonPositiveBounds() {
    #expect(NiceTicks.logTicks(lower: 0, upper: 10, count: 4).isEmpty)
  }
}
