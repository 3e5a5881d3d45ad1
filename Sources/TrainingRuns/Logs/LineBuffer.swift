/// Splits a byte stream into lines, keeping an unfinished last line until its newline arrives.
///
/// Logs are read while they are being written, so a read can end anywhere —
/// even inside a multi-byte character. Lines are only handed out once
/// complete; a trailing `\r` (Windows `\r\n`) and a UTF-8 byte-order mark at
/// the start of the stream are dropped, so parsers never see them.
///
/// A line may not grow past ``maximumLineBytes``: `cat /dev/zero | traintop watch -` sends
/// gigabytes without a newline. The bytes of such a line are dropped as they come, up to its
/// newline, and it is counted in ``overlongLines`` (parsers count it as malformed), so memory
/// stays flat however long the stream.
struct LineBuffer: Sendable {
  /// The longest line kept: 1 MB, thousands of metrics in a JSON record.
  static let maximumLineBytes = 1 << 20

  private var pending: [UInt8] = []
  private var emittedAny = false
  /// Inside an overlong line: its bytes are dropped until its newline.
  private var discarding = false

  /// Lines dropped for being longer than ``maximumLineBytes``.
  private(set) var overlongLines = 0

  /// Bytes held back because no newline has followed them yet.
  var pendingByteCount: Int { pending.count }

  /// Appends `bytes` and returns the lines they completed (without terminators).
  mutating func append(_ bytes: some Collection<UInt8>) -> [ArraySlice<UInt8>] {
    var bytes = bytes[...]
    if discarding {
      guard let newline = bytes.firstIndex(of: 0x0A) else { return [] }
      bytes = bytes[bytes.index(after: newline)...]
      discarding = false
    }
    let scanStart = pending.count
    pending.append(contentsOf: bytes)
    guard let firstNewline = pending[scanStart...].firstIndex(of: 0x0A) else {
      dropIfOverlong()
      return []
    }
    var lines: [ArraySlice<UInt8>] = []
    var lineStart = 0
    var index = firstNewline
    while index < pending.count {
      if pending[index] == 0x0A {
        if index - lineStart > Self.maximumLineBytes {
          overlongLines += 1
        } else {
          lines.append(clean(pending[lineStart..<index]))
        }
        lineStart = index + 1
      }
      index += 1
    }
    pending = Array(pending[lineStart...])
    dropIfOverlong()
    return lines
  }

  /// Ends the stream: returns the unfinished last line, if any (a file whose
  /// writer never wrote the final newline).
  mutating func finish() -> ArraySlice<UInt8>? {
    guard !pending.isEmpty else { return nil }
    let line = clean(pending[...])
    pending = []
    return line
  }

  /// Forgets everything, as if the stream had just started.
  mutating func reset() { self = LineBuffer() }

  /// Drops an unfinished line once it is too long; the rest of it follows in `discarding`.
  private mutating func dropIfOverlong() {
    guard pending.count > Self.maximumLineBytes else { return }
    pending = []
    discarding = true
    overlongLines += 1
  }

  private mutating func clean(_ line: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
    var line = line
    if !emittedAny {
      emittedAny = true
      if line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
    }
    if line.last == 0x0D { line = line.dropLast() }
    return line
  }
}

extension ArraySlice<UInt8> {
  /// True for an empty line or one of only spaces and tabs.
  var isBlankLine: Bool { allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D } }

  /// What a terminal would leave of the line once its redraws are done: the part after the
  /// last carriage return, without the cursor-movement escapes (`ESC [ A`) that start it.
  ///
  /// Progress bars (tqdm, on standard error) redraw themselves with `\r` and no newline, so in
  /// `python train.py 2>&1 | traintop watch -` a log the script prints in between shares the
  /// bar's line: `\r 38%|███▊   | 3/8\r          \r{'loss': '0.6939', 'epoch': '1'}`, or
  /// `\r          \r\u{1B}[A{'eval_loss': …}`. A line without `\r` is returned as it is.
  var afterTerminalRedraws: ArraySlice<UInt8> {
    guard let carriageReturn = lastIndex(of: 0x0D) else { return self }
    var rest = self[(carriageReturn + 1)...]
    // CSI: ESC [, parameter and intermediate bytes (0x20–0x3F), one final byte (0x40–0x7E).
    while rest.count >= 3, rest.first == 0x1B, rest[rest.startIndex + 1] == UInt8(ascii: "[") {
      guard let final = rest.dropFirst(2).firstIndex(where: { !(0x20...0x3F).contains($0) }),
        (0x40...0x7E).contains(rest[final])
      else { break }
      rest = rest[(final + 1)...]
    }
    return rest
  }

  /// The line without leading and trailing spaces and tabs.
  var trimmingBlanks: ArraySlice<UInt8> {
    var s = self
    while let f = s.first, f == 0x20 || f == 0x09 { s = s.dropFirst() }
    while let l = s.last, l == 0x20 || l == 0x09 { s = s.dropLast() }
    return s
  }
}
