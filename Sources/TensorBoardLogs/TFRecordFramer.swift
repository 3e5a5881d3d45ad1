/// Cuts a TFRecord byte stream into records, as they arrive.
///
/// The framing (TensorFlow's `tensorflow/core/lib/io/record_writer.cc`, and the format note in
/// `record_reader.h`), repeated to the end of the file:
///
/// ```
/// uint64 length          little-endian
/// uint32 masked CRC-32C of the 8 length bytes
/// byte   data[length]
/// uint32 masked CRC-32C of data
/// ```
///
/// Event files are read while the trainer writes them, so a read may end inside a record: its
/// bytes wait here until the rest arrives (the record is retried when the file grows). A record
/// whose data CRC is wrong is counted in `corruptRecords` and skipped — its length was checked,
/// so the next record starts at a known place. A wrong length CRC means the length itself cannot
/// be trusted: the framer counts one corrupt record and looks for the next place where 12 bytes
/// form a valid header (a false match has odds of 2⁻³² per position), so one damaged byte does
/// not end the run. A record longer than `maximumRecordLength` (an image, a graph — never a
/// scalar) is passed over without being held in memory.
struct TFRecordFramer: Sendable {
  /// Length, length CRC.
  static let headerLength = 12
  /// Data CRC.
  static let footerLength = 4

  /// Longer records are skipped unread; 1 MiB is far more than any scalar event needs.
  let maximumRecordLength: Int
  /// Records with a wrong CRC (of the data, or of the length: counted once per damaged stretch).
  private(set) var corruptRecords = 0
  /// Records over `maximumRecordLength`, skipped.
  private(set) var skippedRecords = 0
  /// Bytes of the stream consumed so far (a whole number of records plus what is pending).
  private(set) var bytesConsumed: Int64 = 0

  private var buffer: [UInt8] = []
  private var skipRemaining = 0
  private var resynchronizing = false

  init(maximumRecordLength: Int = 1 << 20) {
    self.maximumRecordLength = maximumRecordLength
  }

  /// Bytes held because the record they start has not arrived whole yet.
  var pendingByteCount: Int { buffer.count }

  /// Appends the next bytes of the stream; returns the data of every record they completed.
  mutating func append(_ bytes: some Collection<UInt8>) -> [[UInt8]] {
    bytesConsumed += Int64(bytes.count)
    var rest = bytes[...]
    if skipRemaining > 0 {
      let skipped = min(skipRemaining, rest.count)
      skipRemaining -= skipped
      rest = rest.dropFirst(skipped)
    }
    buffer.append(contentsOf: rest)
    var records: [[UInt8]] = []
    var start = 0
    defer { buffer.removeFirst(start) }
    while buffer.count - start >= Self.headerLength {
      let length = buffer.littleEndianUInt64(at: start)
      let lengthCRC = buffer.littleEndianUInt32(at: start + 8)
      guard CRC32C.maskedChecksum(buffer[start..<start + 8]) == lengthCRC else {
        if !resynchronizing { corruptRecords += 1 }
        resynchronizing = true
        start += 1
        continue
      }
      resynchronizing = false
      let available = buffer.count - start
      guard length <= UInt64(maximumRecordLength) else {
        skippedRecords += 1
        // Saturating: a damaged length that passed its CRC by chance may be near 2⁶⁴.
        let (sum, overflow) = length.addingReportingOverflow(UInt64(Self.headerLength + Self.footerLength))
        let total = overflow ? UInt64.max : sum
        if total <= UInt64(available) {
          start += Int(total)
        } else {
          skipRemaining = Int(clamping: total - UInt64(available))
          start = buffer.count
        }
        continue
      }
      let total = Self.headerLength + Int(length) + Self.footerLength
      guard available >= total else { break }
      let data = buffer[(start + Self.headerLength)..<(start + Self.headerLength + Int(length))]
      if CRC32C.maskedChecksum(data) == buffer.littleEndianUInt32(at: data.endIndex) {
        records.append(Array(data))
      } else {
        corruptRecords += 1
      }
      start += total
    }
    return records
  }
}

extension [UInt8] {
  fileprivate func littleEndianUInt64(at index: Int) -> UInt64 {
    (0..<8).reduce(UInt64(0)) { $0 | UInt64(self[index + $1]) << (8 * UInt64($1)) }
  }

  fileprivate func littleEndianUInt32(at index: Int) -> UInt32 {
    (0..<4).reduce(UInt32(0)) { $0 | UInt32(self[index + $1]) << (8 * UInt32($1)) }
  }
}
