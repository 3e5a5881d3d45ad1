import CZlib
import Foundation
import SafeText

/// gzip decompression with zlib, as a stream.
///
/// The datasets ship as `.gz` (Debian's `dataset-fashion-mnist` installs only the compressed
/// files) and Foundation on Linux cannot inflate, so this wraps zlib directly. A gzip file is a
/// few kilobytes that may claim gigabytes, so it is inflated on demand (``Reader``): the IDX
/// reader inflates the header, checks the size it claims, then inflates exactly that much.
/// The input is streamed through in 1 MiB chunks; the 26 MB Fashion-MNIST training images
/// inflate in about a tenth of a second in release builds.
public enum Gzip {
  /// The size of the input and output chunks handed to zlib.
  static let chunkSize = 1 << 20

  /// True when `bytes` starts with the gzip magic number (1f 8b).
  public static func hasMagic<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var it = bytes.makeIterator()
    return it.next() == 0x1f && it.next() == 0x8b
  }

  /// Inflates the whole gzip (or zlib) file at `path`, refusing more than `limit` bytes.
  ///
  /// Concatenated gzip members (as written by `cat a.gz b.gz`) are joined;
  /// bytes after the last member that are not another member are ignored,
  /// as `gzip -d` does.
  ///
  /// - Throws: ``DataError`` naming the file when it cannot be opened, is not a regular file,
  ///   inflates to more than `limit` bytes, or its data is truncated or corrupt.
  public static func inflate(contentsOf path: String, limit: Int = IDXReader.maximumBytes) throws -> [UInt8] {
    let reader = try Reader(InputFile(path: path, kind: "dataset"))
    let bytes = try reader.read(limit)
    if try !reader.isAtEnd {
      throw DataError(
        "\(safePath: path): inflates to more than \(ByteCount.text(limit)), the most traintop reads from a dataset "
          + "file; use a smaller file")
    }
    return bytes
  }

  /// A gzip file inflated as it is read: ``read(_:)`` inflates only as much as it is asked for.
  final class Reader {
    let file: InputFile
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var output: [UInt8] = []
    private var memberEnded = false
    private var sawInput = false
    private var inputEnded = false
    /// Bytes inflated so far (for messages).
    private(set) var produced = 0

    init(_ file: InputFile) throws(DataError) {
      self.file = file
      guard czlib_inflateInit2(&stream, 15 + 32) == Z_OK else {
        throw DataError("\(safePath: file.path): cannot initialize zlib (out of memory?)")
      }
      input = .allocate(byteCount: Gzip.chunkSize, alignment: 1)
    }

    deinit {
      inflateEnd(&stream)
      input.deallocate()
    }

    /// Up to `count` inflated bytes (fewer only at the end of the data).
    func read(_ count: Int) throws(DataError) -> [UInt8] {
      while output.count < count, try inflateMore() {}
      if output.count <= count {
        defer { output = [] }
        return output
      }
      let taken = Array(output.prefix(count))
      output.removeFirst(count)
      return taken
    }

    /// Whether every byte has been read (inflating one more chunk to find out).
    var isAtEnd: Bool {
      get throws(DataError) {
        while output.isEmpty, try inflateMore() {}
        return output.isEmpty
      }
    }

    private func corrupt(_ detail: String) -> DataError {
      DataError(
        "\(safePath: file.path): truncated or corrupt gzip data (\(detail)); re-download or reinstall the dataset"
      )
    }

    /// Inflates up to one chunk more into `output`; false at the end of the data.
    private func inflateMore() throws(DataError) -> Bool {
      while true {
        if stream.avail_in == 0 {
          if inputEnded { return false }
          let n = try file.read(into: input)
          if n == 0 {
            inputEnded = true
            if !sawInput { throw corrupt("empty file") }
            if !memberEnded { throw corrupt("unexpected end of file after \(produced) bytes") }
            return false
          }
          sawInput = true
          stream.next_in = input.baseAddress!.assumingMemoryBound(to: UInt8.self)
          stream.avail_in = UInt32(n)
        }
        if memberEnded {
          // Another gzip member follows, or trailing bytes we ignore.
          guard stream.next_in[0] == 0x1f else {
            inputEnded = true
            stream.avail_in = 0
            return false
          }
          inflateReset(&stream)
          memberEnded = false
        }
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: Gzip.chunkSize))
        let status = output.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress! + start
          stream.avail_out = UInt32(Gzip.chunkSize)
          return CZlib.inflate(&stream, Z_NO_FLUSH)
        }
        let made = Gzip.chunkSize - Int(stream.avail_out)
        output.removeLast(Int(stream.avail_out))
        produced += made
        switch status {
        case Z_STREAM_END:
          memberEnded = true
        case Z_OK:
          break
        case Z_BUF_ERROR:
          // No progress: zlib needs more input. With input left, the data is broken.
          if stream.avail_in > 0 { throw corrupt("no progress") }
        case Z_NEED_DICT:
          throw corrupt("needs a preset dictionary")
        case Z_MEM_ERROR:
          throw DataError("\(safePath: file.path): out of memory while inflating")
        default:
          throw corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
        }
        if made > 0 { return true }
      }
    }
  }

  /// Compresses `bytes` into a complete gzip file image (header, deflate
  /// data, CRC-32 and size trailer).
  ///
  /// Used to write gzip fixtures in tests, and available to anything that
  /// wants to store data the way the datasets ship.
  public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    guard czlib_deflateInit2(&stream, level, 15 + 16) == Z_OK else { return [] }
    defer { deflateEnd(&stream) }
    let bound = Int(deflateBound(&stream, UInt(bytes.count))) + 32
    var output = [UInt8](repeating: 0, count: bound)
    var mutableInput = bytes
    let written: Int = mutableInput.withUnsafeMutableBufferPointer { src in
      output.withUnsafeMutableBufferPointer { dst in
        stream.next_in = src.baseAddress
        stream.avail_in = UInt32(src.count)
        stream.next_out = dst.baseAddress
        stream.avail_out = UInt32(dst.count)
        let status = deflate(&stream, Z_FINISH)
        precondition(status == Z_STREAM_END, "deflate into a deflateBound-sized buffer must finish")
        return dst.count - Int(stream.avail_out)
      }
    }
    output.removeSubrange(written...)
    return output
  }
}
