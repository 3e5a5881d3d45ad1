import CNcursesw
import TerminalUI
import Testing

@testable import CursesBackend

@Suite struct KeyMappingTests {
  @Test(
    arguments: [
      (9, Key.tab), (10, .enter), (13, .enter), (8, .backspace), (127, .backspace), (27, .escape),
      (3, .control("c")), (1, .control("a")), (26, .control("z")), (17, .control("q")),
      (32, .character(" ")), (0x71, .character("q")), (0x2800, .character("⠀")), (0xE9, .character("é")),
    ] as [(UInt32, Key)])
  func characters(code: UInt32, key: Key) {
    #expect(KeyMapping.key(forCharacter: code) == key)
  }

  @Test func unmappableCharactersAreDropped() {
    #expect(KeyMapping.key(forCharacter: 0) == nil)
    #expect(KeyMapping.key(forCharacter: 28) == nil)
    #expect(KeyMapping.key(forCharacter: 0x85) == nil)
    #expect(KeyMapping.key(forCharacter: 0xD800) == nil)
  }

  @Test func functionKeys() {
    let expected: [(Int32, Key?)] = [
      (cn_key_up(), .up), (cn_key_down(), .down), (cn_key_left(), .left), (cn_key_right(), .right),
      (cn_key_home(), .home), (cn_key_end(), .end), (cn_key_ppage(), .pageUp), (cn_key_npage(), .pageDown),
      (cn_key_dc(), .delete), (cn_key_enter(), .enter), (cn_key_backspace(), .backspace),
      (cn_key_btab(), .backTab), (cn_key_resize(), nil),
    ]
    for (code, key) in expected {
      #expect(KeyMapping.key(forKeyCode: code) == key)
    }
  }
}
