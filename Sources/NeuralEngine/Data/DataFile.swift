import Foundation

/// Reading a data file's bytes, decompressing it when it is gzip.
///
/// Datasets are found both ways: Debian installs `.gz` files, while the
/// original MNIST instructions tell people to `gunzip` them. Callers don't
/// care which; they get the decompressed bytes.
enum DataFile {
  /// The file's bytes, inflated when the name ends in `.gz` or the content
  /// starts with the gzip magic number.
  static func contents(of path: String) throws -> [UInt8] {
    if path.hasSuffix(".gz") { return try Gzip.inflate(contentsOf: path) }
    let raw = try rawContents(of: path)
    if Gzip.hasMagic(raw) { return try Gzip.inflate(contentsOf: path) }
    return raw
  }

  /// The file's bytes as stored.
  static func rawContents(of path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw DataError("\(path): cannot open (\(String(cString: strerror(errno))))")
    }
    defer { fclose(file) }
    var bytes = [UInt8]()
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
      let n = fread(&chunk, 1, chunk.count, file)
      if n > 0 { bytes.append(contentsOf: chunk[0..<n]) }
      if n < chunk.count {
        if ferror(file) != 0 { throw DataError("\(path): read error (\(String(cString: strerror(errno))))") }
        return bytes
      }
    }
  }

  /// The last path component, for short messages and dataset names.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
  }
}
