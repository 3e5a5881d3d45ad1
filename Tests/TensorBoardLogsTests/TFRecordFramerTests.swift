import Testing

@testable import TensorBoardLogs

/// TFRecord framing as it arrives from a file being written: in pieces, cut short, damaged.
@Suite struct TFRecordFramerTests {
  let records: [[UInt8]] = [Array("first".utf8), [], Array(repeating: 7, count: 300), Array("last".utf8)]
  var stream: [UInt8] { records.flatMap(tfRecord) }

  @Test func wholeStreamGivesEveryRecord() {
    var framer = TFRecordFramer()
    #expect(framer.append(stream) == records)
    #expect(framer.pendingByteCount == 0 && framer.corruptRecords == 0)
  }

  /// A reader that polls while the writer writes sees any prefix: every cut must wait for the
  /// rest of the record and then give it, never count it as damaged.
  @Test func everyCutIsRetriedWhenTheRestArrives() {
    let bytes = stream
    for cut in 0...bytes.count {
      var framer = TFRecordFramer()
      let got = framer.append(bytes[..<cut]) + framer.append(bytes[cut...])
      #expect(got == records, "cut at \(cut)")
      #expect(framer.corruptRecords == 0)
    }
  }

  @Test func byteAtATime() {
    var framer = TFRecordFramer()
    var got: [[UInt8]] = []
    for byte in stream { got += framer.append([byte]) }
    #expect(got == records)
  }

  /// A flipped data byte: the length is intact, so only that record is lost.
  @Test func badDataCRCSkipsOneRecord() {
    var bytes = stream
    bytes[12 + 2] ^= 0x01  // inside "first"
    var framer = TFRecordFramer()
    #expect(framer.append(bytes) == Array(records.dropFirst()))
    #expect(framer.corruptRecords == 1)
  }

  /// A flipped length byte: the framer searches for the next valid header and goes on.
  @Test func badLengthCRCResynchronizes() {
    var bytes = stream
    bytes[0] ^= 0x40
    var framer = TFRecordFramer()
    #expect(framer.append(bytes) == Array(records.dropFirst()))
    #expect(framer.corruptRecords == 1)
  }

  /// Garbage between records (a torn write, another program's bytes) costs only itself.
  @Test func garbageBetweenRecords() {
    let garbage = Array("not a record at all, just bytes".utf8)
    var framer = TFRecordFramer()
    let got = framer.append(tfRecord(records[0]) + garbage + tfRecord(records[3]))
    #expect(got == [records[0], records[3]])
    #expect(framer.corruptRecords == 1)
  }

  /// A record larger than the limit (an image) is passed over without holding it, even when it
  /// arrives in pieces.
  @Test func oversizedRecordsAreSkippedUnheld() {
    let big = [UInt8](repeating: 1, count: 5000)
    let bytes = tfRecord(records[0]) + tfRecord(big) + tfRecord(records[3])
    var framer = TFRecordFramer(maximumRecordLength: 1000)
    var got: [[UInt8]] = []
    var index = 0
    while index < bytes.count {
      let end = min(bytes.count, index + 700)
      got += framer.append(bytes[index..<end])
      #expect(framer.pendingByteCount <= 1000 + TFRecordFramer.headerLength + 700)
      index = end
    }
    #expect(got == [records[0], records[3]])
    #expect(framer.skippedRecords == 1 && framer.corruptRecords == 0)
  }

  /// A length near 2⁶⁴ with a valid CRC is not a reason to trap or allocate.
  @Test func absurdLengthIsSkipped() {
    let length = withUnsafeBytes(of: UInt64.max.littleEndian) { Array($0) }
    let crc = withUnsafeBytes(of: CRC32C.maskedChecksum(length).littleEndian) { Array($0) }
    var framer = TFRecordFramer()
    #expect(framer.append(length + crc + [1, 2, 3]).isEmpty)
    #expect(framer.skippedRecords == 1 && framer.pendingByteCount == 0)
  }
}
