import CZlib
import Foundation

/// Whole-file gzip decompression with zlib.
///
/// The datasets ship as `.gz` (Debian's `dataset-fashion-mnist` installs
/// only the compressed files) and Foundation on Linux cannot inflate, so
/// this wraps zlib directly. The file is streamed through in 1 MiB chunks;
/// the output is reserved up front from the gzip trailer's size field, so
/// the 26 MB Fashion-MNIST training images inflate in about a tenth of a
/// second in release builds.
public enum Gzip {
  /// The size of the input and output chunks handed to zlib.
  static let chunkSize = 1 << 20

  /// True when `bytes` starts with the gzip magic number (1f 8b).
  public static func hasMagic<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
    var it = bytes.makeIterator()
    return it.next() == 0x1f && it.next() == 0x8b
  }

  /// Inflates the whole gzip (or zlib) file at `path`.
  ///
  /// Concatenated gzip members (as written by `cat a.gz b.gz`) are joined;
  /// bytes after the last member that are not another member are ignored,
  /// as `gzip -d` does.
  ///
  /// - Throws: ``DataError`` naming the file when it cannot be opened or its
  ///   data is truncated or corrupt.
  public static func inflate(contentsOf path: String) throws -> [UInt8] {
    guard let file = fopen(path, "rb") else {
      throw DataError("\(path): cannot open (\(String(cString: strerror(errno))))")
    }
    defer { fclose(file) }

    var output = [UInt8]()
    output.reserveCapacity(expectedSize(of: file))

    func corrupt(_ detail: String) -> DataError {
      DataError(
        "\(path): truncated or corrupt gzip data (\(detail)); re-download or reinstall the dataset")
    }

    var stream = z_stream()
    guard czlib_inflateInit2(&stream, 15 + 32) == Z_OK else {
      throw DataError("\(path): cannot initialize zlib (out of memory?)")
    }
    defer { inflateEnd(&stream) }

    let input = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
    defer {
      input.deallocate()
      chunk.deallocate()
    }

    var memberEnded = false
    var sawInput = false
    reading: while true {
      if stream.avail_in == 0 {
        let n = fread(input, 1, chunkSize, file)
        if n == 0 {
          if ferror(file) != 0 {
            throw DataError("\(path): read error (\(String(cString: strerror(errno))))")
          }
          break reading
        }
        sawInput = true
        stream.next_in = input
        stream.avail_in = UInt32(n)
      }
      if memberEnded {
        // Another gzip member follows, or trailing bytes we ignore.
        guard stream.next_in[0] == 0x1f else { break reading }
        inflateReset(&stream)
        memberEnded = false
      }
      repeat {
        stream.next_out = chunk
        stream.avail_out = UInt32(chunkSize)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        let produced = chunkSize - Int(stream.avail_out)
        if produced > 0 { output.append(contentsOf: UnsafeBufferPointer(start: chunk, count: produced)) }
        switch status {
        case Z_STREAM_END:
          memberEnded = true
          continue reading
        case Z_OK:
          break
        case Z_BUF_ERROR:
          continue reading  // needs more input
        case Z_NEED_DICT:
          throw corrupt("needs a preset dictionary")
        case Z_MEM_ERROR:
          throw DataError("\(path): out of memory while inflating")
        default:
          throw corrupt(stream.msg.map { String(cString: $0) } ?? "zlib error \(status)")
        }
      } while stream.avail_out == 0 || stream.avail_in > 0
    }
    if !sawInput { throw corrupt("empty file") }
    if !memberEnded { throw corrupt("unexpected end of file after \(output.count) bytes") }
    return output
  }

  /// The uncompressed size from the gzip trailer (ISIZE, the size mod 2³²),
  /// used only to reserve capacity; falls back to 4× the compressed size
  /// when the trailer looks implausible. Leaves the file at its start.
  private static func expectedSize(of file: UnsafeMutablePointer<FILE>) -> Int {
    defer { fseek(file, 0, SEEK_SET) }
    guard fseek(file, 0, SEEK_END) == 0 else { return chunkSize }
    let compressed = ftell(file)
    guard compressed >= 18, fseek(file, -4, SEEK_END) == 0 else { return chunkSize }
    var trailer = [UInt8](repeating: 0, count: 4)
    guard fread(&trailer, 1, 4, file) == 4 else { return chunkSize }
    let isize = Int(trailer[0]) | Int(trailer[1]) << 8 | Int(trailer[2]) << 16 | Int(trailer[3]) << 24
    // Deflate can expand by at most ~1032×; anything else is a multi-member
    // file or a size above 4 GiB.
    if isize >= compressed / 2 && isize <= compressed * 1032 { return isize }
    return compressed * 4
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
