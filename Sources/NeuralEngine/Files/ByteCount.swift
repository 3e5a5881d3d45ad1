/// Byte counts in the units people read: `900 bytes`, `12.5 KB`, `3.2 MB`, `4.0 GB` (powers of 1024).
///
/// Limits are told in messages ("traintop reads settings files of up to 1.0 MB"), so they and
/// the sizes they refuse read the same way.
public enum ByteCount {
  public static func text(_ bytes: Int) -> String {
    let units = [(1 << 30, "GB"), (1 << 20, "MB"), (1 << 10, "KB")]
    for (size, unit) in units where bytes >= size {
      let tenths = (Double(bytes) / Double(size) * 10).rounded()
      return "\(Int(tenths) / 10).\(Int(tenths) % 10) \(unit)"
    }
    return bytes == 1 ? "1 byte" : "\(bytes) bytes"
  }
}
