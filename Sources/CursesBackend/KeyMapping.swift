import CNcursesw
import TerminalUI

/// Turns what `wget_wch` read into a `Key`.
///
/// `wget_wch` returns either a character (`OK`) or a function-key code
/// (`KEY_CODE_YES`); the two are mapped separately because their values overlap.
enum KeyMapping {
  /// A character read in raw mode: control bytes become `Key`s, the rest `.character`.
  static func key(forCharacter code: UInt32) -> Key? {
    switch code {
    case 9: return .tab
    case 10, 13: return .enter
    case 8, 127: return .backspace
    case 27: return .escape
    case 1...26:
      // Ctrl-A is 1 … Ctrl-Z is 26; Ctrl-C arrives here too, since raw mode turns off SIGINT.
      return .control(Character(Unicode.Scalar(UInt8(code) + 0x60)))
    case 0..<32: return nil  // Ctrl-@, Ctrl-\ and friends: nothing to map them to
    case 0x80..<0xA0: return nil  // C1 controls
    default:
      guard let scalar = Unicode.Scalar(code) else { return nil }
      return .character(Character(scalar))
    }
  }

  /// A function-key code (`KEY_*`); `nil` for keys `Key` has no case for, and for `KEY_RESIZE`.
  static func key(forKeyCode code: Int32) -> Key? {
    switch code {
    case cn_key_up(): return .up
    case cn_key_down(): return .down
    case cn_key_left(): return .left
    case cn_key_right(): return .right
    case cn_key_home(): return .home
    case cn_key_end(): return .end
    case cn_key_ppage(): return .pageUp
    case cn_key_npage(): return .pageDown
    case cn_key_dc(): return .delete
    case cn_key_enter(): return .enter
    case cn_key_backspace(): return .backspace
    case cn_key_btab(): return .backTab
    default: return nil
    }
  }
}
