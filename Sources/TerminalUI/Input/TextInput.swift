import SafeText

/// The text and cursor of a one-line editor, with the usual editing keys.
///
/// A plain value so the dashboard's `update` can own it and tests can drive it; `FormField`
/// draws it. The cursor is an index between characters: 0 is before the first, `count` after the last.
public struct TextInput: Hashable, Sendable {
  public private(set) var characters: [Character]
  public private(set) var cursor: Int

  /// An editor holding `text`, with the cursor at the end.
  public init(_ text: String = "") {
    characters = Array(text)
    cursor = characters.count
  }

  /// An editor holding `text` with the cursor at `cursor` (clamped to the text).
  public init(_ text: String, cursor: Int) {
    self.init(text)
    self.cursor = min(max(0, cursor), characters.count)
  }

  public var text: String { String(characters) }
  public var isEmpty: Bool { characters.isEmpty }

  /// The cursor as a column offset into `text` (terminal columns: a wide character counts two),
  /// for drawing.
  public var cursorColumn: Int {
    characters[..<cursor].reduce(0) { $0 + $1.unicodeScalars.reduce(0) { $0 + $1.terminalColumns } }
  }

  // MARK: - Editing

  /// Inserts text at the cursor and moves the cursor after it.
  public mutating func insert(_ text: String) {
    let new = Array(text)
    characters.insert(contentsOf: new, at: cursor)
    cursor += new.count
  }

  public mutating func insert(_ character: Character) { insert(String(character)) }

  /// Deletes the character before the cursor (Backspace).
  public mutating func backspace() {
    guard cursor > 0 else { return }
    characters.remove(at: cursor - 1)
    cursor -= 1
  }

  /// Deletes the character under the cursor (Delete).
  public mutating func delete() {
    guard cursor < characters.count else { return }
    characters.remove(at: cursor)
  }

  public mutating func moveLeft() { cursor = max(0, cursor - 1) }
  public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
  public mutating func moveHome() { cursor = 0 }
  public mutating func moveEnd() { cursor = characters.count }

  /// Replaces the whole text and puts the cursor at the end.
  public mutating func setText(_ text: String) { self = TextInput(text) }

  /// Applies an editing key; returns false for keys that are not editing keys
  /// (Enter, Escape, Tab, arrows up/down…), so the caller can handle them.
  @discardableResult
  public mutating func handle(_ key: Key) -> Bool {
    switch key {
    case .character(let c): insert(c)
    case .backspace: backspace()
    case .delete: delete()
    case .left: moveLeft()
    case .right: moveRight()
    case .home, .control("a"): moveHome()
    case .end, .control("e"): moveEnd()
    case .control("u"): self = TextInput("")
    default: return false
    }
    return true
  }
}
