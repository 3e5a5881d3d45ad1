import Testing

@testable import TensorBoardLogs

/// CRC-32C against the published test vectors: RFC 3720 (iSCSI), appendix B.4, and the
/// "123456789" check value of the Castagnoli polynomial.
@Suite struct CRC32CTests {
  @Test func rfc3720Vectors() {
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 32)) == 0x8A91_36AA)
    #expect(CRC32C.checksum([UInt8](repeating: 0xFF, count: 32)) == 0x62A8_AB43)
    #expect(CRC32C.checksum((0..<32).map { UInt8($0) }) == 0x46DD_794E)
    #expect(CRC32C.checksum((0..<32).reversed().map { UInt8($0) }) == 0x113F_DB5C)
  }

  @Test func checkValue() {
    #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    #expect(CRC32C.checksum([UInt8]()) == 0)
  }

  /// Slicing by eight must agree with the byte loop at every length and alignment.
  @Test func everyLengthAgreesWithTheBytewiseDefinition() {
    let bytes = (0..<100).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
    for start in 0..<9 {
      for end in start...bytes.count {
        #expect(CRC32C.checksum(bytes[start..<end]) == bitwiseCRC32C(bytes[start..<end]))
      }
    }
  }

  /// TensorFlow's `crc32c::Mask`: rotate right by 15, add 0xa282ead8 (wrapping). The CRC of eight
  /// zero bytes (an empty record's length) is 0x8C28B28A.
  @Test func mask() {
    #expect(CRC32C.masked(0) == 0xA282_EAD8)
    #expect(CRC32C.masked(0x0000_8000) == 0xA282_EAD9)
    #expect(CRC32C.masked(0x0000_0001) == 0xA284_EAD8)
    #expect(CRC32C.checksum([UInt8](repeating: 0, count: 8)) == 0x8C28_B28A)
    #expect(CRC32C.maskedChecksum([UInt8](repeating: 0, count: 8)) == CRC32C.masked(0x8C28_B28A))
  }

  /// The definition, one bit at a time (reflected Castagnoli polynomial 0x82F63B78).
  private func bitwiseCRC32C(_ bytes: ArraySlice<UInt8>) -> UInt32 {
    var crc: UInt32 = 0xFFFF_FFFF
    for byte in bytes {
      crc ^= UInt32(byte)
      for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
    }
    return ~crc
  }
}
