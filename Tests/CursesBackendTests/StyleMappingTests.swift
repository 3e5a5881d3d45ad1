import CNcursesw
import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct StyleMappingTests {
  @Test func plainIsNormalInTheDefaultPair() {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: 256)
    #expect(mapper.resolve(.plain) == CursesStyle(attributes: cn_a_normal(), pair: 0, newPair: nil))
  }

  @Test func attributesCombine() {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: 256)
    let style = Style(bold: true, dim: true, reverse: true, underline: true)
    let expected = cn_a_bold() | cn_a_dim() | cn_a_reverse() | cn_a_underline()
    #expect(mapper.resolve(style).attributes == expected)
  }

  @Test func pairsAreAllocatedOnFirstUseAndReused() {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: 256)
    let red = Style.plain.fg(.red)
    let redOnBlue = red.bg(.blue)
    #expect(
      mapper.resolve(red)
        == CursesStyle(
          attributes: cn_a_normal(), pair: 1, newPair: .init(foreground: .red, background: .default)))
    #expect(
      mapper.resolve(redOnBlue.bolded)
        == CursesStyle(
          attributes: cn_a_bold(), pair: 2, newPair: .init(foreground: .red, background: .blue)))
    #expect(mapper.resolve(red.bolded) == CursesStyle(attributes: cn_a_bold(), pair: 1, newPair: nil))
    #expect(mapper.resolve(redOnBlue).pair == 2)
  }

  @Test func allEightyOneCombinationsFitWhenThePairsDo() {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: 256)
    var seen = Set<Int16>()
    for foreground in Color.allCases {
      for background in Color.allCases {
        seen.insert(mapper.resolve(Style(foreground: foreground, background: background)).pair)
      }
    }
    #expect(seen == Set(0..<81))
  }

  @Test func runningOutOfPairsDropsTheBackgroundThenTheForeground() {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: 2)
    #expect(mapper.resolve(Style.plain.fg(.green)).pair == 1)
    #expect(
      mapper.resolve(Style.plain.fg(.green).bg(.red)) == CursesStyle(attributes: 0, pair: 1, newPair: nil))
    #expect(mapper.resolve(Style.plain.fg(.cyan)) == CursesStyle(attributes: 0, pair: 0, newPair: nil))
  }

  /// Pictures bring new exact colours every epoch: pairs are keyed by the colour the terminal
  /// draws, so a grey picture's every (top, bottom) combination fits in the pairs.
  @Test(arguments: [256, 1 << 24])
  func richColoursShareThePairOfTheColourDrawn(colorCount: Int) {
    var mapper = StyleMapper(colorEnabled: true, pairCapacity: Int(Int16.max), colorCount: colorCount)
    var pairs = Set<Int16>()
    for top in 0...255 {
      for bottom in stride(from: 0, through: 255, by: 3) {
        let style = Style.plain.rich(foreground: .grey(UInt8(top)), background: .grey(UInt8(bottom)))
        pairs.insert(mapper.resolve(style).pair)
      }
    }
    #expect(pairs.count <= (colorCount == 256 ? 26 * 26 : 32 * 32), "\(pairs.count) pairs")
    #expect(!pairs.contains(0), "none ran out")
    if colorCount == 256 {
      // The stand-in is drawn exactly as the colour it stands for.
      for v in 0...255 {
        let grey = RichColor.grey(UInt8(v))
        let drawn = StyleMapper.cursesColor(grey, colorCount: 256)
        #expect(
          StyleMapper.cursesColor(StyleMapper.canonical(grey, colorCount: 256), colorCount: 256) == drawn)
      }
      for r in stride(from: 0, through: 255, by: 5) {
        for g in stride(from: 0, through: 255, by: 5) {
          for b in stride(from: 0, through: 255, by: 5) {
            let c = RichColor.rgb(UInt8(r), UInt8(g), UInt8(b))
            let same =
              StyleMapper.cursesColor(StyleMapper.canonical(c, colorCount: 256), colorCount: 256)
              == StyleMapper.cursesColor(c, colorCount: 256)
            if !same { Issue.record("rgb \(r) \(g) \(b) is drawn otherwise") }
          }
        }
      }
    }
  }

  @Test func withoutColourBackgroundsBecomeReverseVideo() {
    var mapper = StyleMapper(colorEnabled: false, pairCapacity: 256)
    #expect(mapper.resolve(Style.plain.fg(.red)) == CursesStyle(attributes: 0, pair: 0, newPair: nil))
    #expect(mapper.resolve(Style.plain.bg(.blue)).attributes == cn_a_reverse())
    #expect(mapper.resolve(Style.plain.bg(.blue).reversed).attributes == cn_a_reverse())
    #expect(mapper.resolve(Style.plain.bolded).attributes == cn_a_bold())
  }

  @Test func colorsMapToTheANSINumbers() {
    #expect(StyleMapper.cursesColor(.black, defaultsAvailable: true, fallback: 7) == Int16(COLOR_BLACK))
    #expect(StyleMapper.cursesColor(.red, defaultsAvailable: true, fallback: 7) == Int16(COLOR_RED))
    #expect(StyleMapper.cursesColor(.white, defaultsAvailable: true, fallback: 7) == Int16(COLOR_WHITE))
    #expect(StyleMapper.cursesColor(.default, defaultsAvailable: true, fallback: 7) == -1)
    #expect(StyleMapper.cursesColor(.default, defaultsAvailable: false, fallback: 7) == 7)
  }
}
