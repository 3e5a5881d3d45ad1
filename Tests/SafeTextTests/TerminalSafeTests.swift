import Testing

@testable import SafeText

/// The one sanitizer: nothing that came from outside reaches the terminal as a control.
@Suite("TerminalSafe")
struct TerminalSafeTests {
  static let hostile: [String] = [
    "\u{1B}]0;pwned\u{07}",  // OSC: retitles the terminal
    "\u{1B}[2J\u{1B}[H",  // CSI: clears the screen
    "\u{9B}2J",  // C1 CSI
    "\u{9D}0;title\u{9C}",  // C1 OSC … ST
    "\u{1B}P+q\u{1B}\\",  // DCS
    "a\u{0}b\u{7F}c\r\nd\te",
    "\u{202E}gnp.exe",  // right-to-left override
    "line\u{2028}break",
  ]

  @Test("no control or reordering character survives", arguments: hostile)
  func controlsAreReplaced(text: String) {
    let safe = TerminalSafe.text(text)
    #expect(!safe.unicodeScalars.contains { $0.properties.generalCategory == .control })
    #expect(!safe.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) || $0 == "\u{2028}" })
    #expect(safe.unicodeScalars.count == text.unicodeScalars.count, "one stand-in per character")
  }

  @Test func standInsAreVisible() {
    #expect(TerminalSafe.text("\u{1B}]0;pwned\u{07}") == "␛]0;pwned␇")
    #expect(TerminalSafe.text("a\nb\tc\u{7F}") == "a␊b␉c␡")
    #expect(TerminalSafe.text("\u{9B}x") == "\u{FFFD}x")
    #expect(TerminalSafe.text("plain café 学习 ⠿") == "plain café 学习 ⠿")
  }

  @Test func invalidUTF8BecomesReplacementCharacters() {
    #expect(TerminalSafe.text(decoding: [0x61, 0xFF, 0x1B, 0x62]) == "a\u{FFFD}␛b")
  }

  @Test func longValuesAreCutInTheMiddle() {
    let path = "/data/" + String(repeating: "x", count: 300) + "/train.csv"
    let cut = TerminalSafe.value(path)
    #expect(cut.terminalColumns == 80)
    #expect(cut.hasPrefix("/data/xxx") && cut.hasSuffix("x/train.csv") && cut.contains("…"))
    #expect(TerminalSafe.value("short") == "short")
    #expect("\(safe: String(repeating: "学", count: 100))".terminalColumns <= 80)
    #expect("\(safePath: path)".terminalColumns == 160)
  }

  @Test func columns() {
    #expect("abc".terminalColumns == 3)
    #expect("学习".terminalColumns == 4)
    #expect("한국어".terminalColumns == 6)
    #expect("e\u{301}".terminalColumns == 1)  // e + combining acute
    #expect("👍".terminalColumns == 2)
    #expect("⠿│─◆…".terminalColumns == 5)  // what the dashboard draws: one column each
    #expect("ｆｕｌｌ".terminalColumns == 8)
  }
}
