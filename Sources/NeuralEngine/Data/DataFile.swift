import Foundation

/// Reading a data file's bytes, decompressing it when it is gzip.
///
/// Datasets are found both ways: Debian installs `.gz` files, while the
/// original MNIST instructions tell people to `gunzip` them. Callers don't
/// care which; they get the decompressed bytes, as a stream (``Stream``) so that a reader can
/// check what a header claims before it reads that much.
enum DataFile {
  /// A data file's bytes as they are read: inflated when the name ends in `.gz` or the content
  /// starts with the gzip magic number.
  final class Stream {
    let file: InputFile
    private let gzip: Gzip.Reader?

    init(path: String) throws(DataError) {
      file = try InputFile(path: path, kind: "dataset")
      let magic = try file.read(2)
      file.rewind()
      gzip = path.hasSuffix(".gz") || Gzip.hasMagic(magic) ? try Gzip.Reader(file) : nil
    }

    var path: String { file.path }
    var isCompressed: Bool { gzip != nil }

    /// Up to `count` bytes (fewer only at the end).
    func read(_ count: Int) throws(DataError) -> [UInt8] {
      if let gzip { return try gzip.read(count) }
      return try file.read(count)
    }

    /// Whether every byte has been read.
    var isAtEnd: Bool {
      get throws(DataError) {
        if let gzip { return try gzip.isAtEnd }
        return try file.read(1).isEmpty
      }
    }
  }

  /// The whole file as stored, refused beyond `limit` bytes (see ``InputFile``).
  static func rawContents(of path: String, limit: Int) throws(DataError) -> [UInt8] {
    try InputFile.contents(of: path, kind: "dataset", limit: limit)
  }

  /// The last path component, for short messages and dataset names.
  static func fileName(_ path: String) -> String {
    path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
  }
}
