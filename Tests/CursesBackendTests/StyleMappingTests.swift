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
