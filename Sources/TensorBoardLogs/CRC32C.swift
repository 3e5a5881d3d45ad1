/// CRC-32C (Castagnoli), the checksum of TFRecord framing.
///
/// Not zlib's CRC-32: the polynomial is Castagnoli's 0x1EDC6F41 (0x82F63B78 reflected), as in
/// iSCSI (RFC 3720, appendix B.4, which lists the test vectors the tests check) and TensorFlow's
/// `tensorflow/core/lib/hash/crc32c.h`. Table-driven, eight bytes a step ("slicing by 8"), since
/// every byte of every event file goes through it.
package enum CRC32C {
  /// The CRC of `bytes` (initial value and final XOR 0xFFFFFFFF, reflected, as everyone uses it).
  package static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
    bytes.withContiguousStorageIfAvailable { update(0, $0) }
      ?? Array(bytes).withUnsafeBufferPointer { update(0, $0) }
  }

  /// TensorFlow's masked CRC (`crc32c::Mask`): a CRC stored next to the data it covers is
  /// rotated right by 15 bits and offset, because computing the CRC of a string that contains
  /// embedded CRCs is problematic.
  package static func masked(_ crc: UInt32) -> UInt32 {
    ((crc >> 15) | (crc << 17)) &+ 0xa282_ead8
  }

  /// `masked(checksum(bytes))`: what a TFRecord stores.
  package static func maskedChecksum(_ bytes: some Collection<UInt8>) -> UInt32 { masked(checksum(bytes)) }

  private static func update(_ crc: UInt32, _ buffer: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var c = ~crc
    var index = 0
    let count = buffer.count
    let t = tables
    while count - index >= 8 {
      let low =
        c
        ^ (UInt32(buffer[index]) | UInt32(buffer[index + 1]) << 8 | UInt32(buffer[index + 2]) << 16
          | UInt32(buffer[index + 3]) << 24)
      c =
        t[7 &* 256 &+ Int(low & 0xff)] ^ t[6 &* 256 &+ Int((low >> 8) & 0xff)]
        ^ t[5 &* 256 &+ Int((low >> 16) & 0xff)] ^ t[4 &* 256 &+ Int(low >> 24)]
        ^ t[3 &* 256 &+ Int(buffer[index + 4])] ^ t[2 &* 256 &+ Int(buffer[index + 5])]
        ^ t[1 &* 256 &+ Int(buffer[index + 6])] ^ t[Int(buffer[index + 7])]
      index += 8
    }
    while index < count {
      c = t[Int((c ^ UInt32(buffer[index])) & 0xff)] ^ (c >> 8)
      index += 1
    }
    return ~c
  }

  /// Eight 256-entry tables: `t[0]` is the classic byte table for the reflected polynomial,
  /// `t[k][b]` the CRC of byte `b` followed by `k` zero bytes.
  private static let tables: [UInt32] = {
    var t = [UInt32](repeating: 0, count: 8 * 256)
    for byte in 0..<256 {
      var c = UInt32(byte)
      for _ in 0..<8 { c = c & 1 == 1 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
      t[byte] = c
    }
    for k in 1..<8 {
      for byte in 0..<256 {
        let previous = t[(k - 1) * 256 + byte]
        t[k * 256 + byte] = t[Int(previous & 0xff)] ^ (previous >> 8)
      }
    }
    return t
  }()
}
