import SafeText

/// Reader for the IDX format of MNIST and Fashion-MNIST
/// (http://yann.lecun.com/exdb/mnist/): a big-endian header — two zero
/// bytes, a type byte (0x08 = unsigned byte), a dimension count, one
/// 32-bit size per dimension — followed by the raw values.
///
/// Files may be gzip-compressed or not (detected by the `.gz` extension or
/// the gzip magic bytes). Every check names the file, because a wrong,
/// truncated or mismatched download is the usual cause of a failure here.
public enum IDXReader {
  /// The magic number of an unsigned-byte, three-dimensional file (images).
  public static let imagesMagic: UInt32 = 0x0000_0803
  /// The magic number of an unsigned-byte, one-dimensional file (labels).
  public static let labelsMagic: UInt32 = 0x0000_0801

  /// Images as stored: `count × rows × columns` bytes, row-major.
  public struct Images: Sendable {
    public var pixels: [UInt8]
    public var count: Int
    public var rows: Int
    public var columns: Int
  }

  /// The most value bytes an IDX file may hold: 1 GB, twenty times Fashion-MNIST's training
  /// images. A gzip file of a few kilobytes can claim 10⁹ images; the header is checked against
  /// this before the values are inflated.
  public static let maximumBytes = 1 << 30

  /// Reads an images file (magic 0x00000803).
  public static func readImages(at path: String) throws -> Images {
    let (dims, values) = try read(path, magic: imagesMagic, kind: "image")
    guard dims[1] >= 1, dims[2] >= 1 else {
      throw DataError(
        "\(safePath: path): header says images of \(dims[1])×\(dims[2]) pixels; an image needs at least one: "
          + "the file is corrupt, re-download or reinstall the dataset")
    }
    return Images(pixels: values, count: dims[0], rows: dims[1], columns: dims[2])
  }

  /// Reads a labels file (magic 0x00000801).
  public static func readLabels(at path: String) throws -> [UInt8] {
    try read(path, magic: labelsMagic, kind: "label").values
  }

  /// Reads the header, checks the size it claims, then reads exactly that many values and
  /// checks that nothing follows: the values of a bomb are never inflated.
  static func read(_ path: String, magic: UInt32, kind: String) throws -> (dims: [Int], values: [UInt8]) {
    let stream = try DataFile.Stream(path: path)
    var head = try stream.read(4)
    if head.count == 4 { head += try stream.read(4 * Int(head[3])) }
    let dims = try header(head, path: path, magic: magic, kind: kind)
    let headerSize = head.count
    let valueCount = dims.reduce(1, *)  // checked for overflow and size by `header`
    // A raw file's size is known: a short one is truncated before anything is read.
    let available = stream.isCompressed ? valueCount : min(valueCount, max(0, stream.file.size - headerSize))
    let values = try stream.read(available)
    guard values.count == valueCount, try stream.isAtEnd else {
      let shape = dims.map(String.init).joined(separator: "×")
      let truncated = values.count < valueCount
      let held =
        truncated ? "\(headerSize + values.count) bytes" : "more than \(headerSize + valueCount) bytes"
      throw DataError(
        "\(safePath: path): header says \(shape) values (\(headerSize + valueCount) bytes with the header) but the data "
          + "holds \(held); the file is \(truncated ? "truncated" : "longer than its header says"): "
          + "re-download or reinstall the dataset")
    }
    return (dims, values)
  }

  /// Loads an images file and its labels file as one ``Dataset`` whose
  /// pixels stay `UInt8` with scale 1/255.
  ///
  /// - Parameter classCount: the number of classes the labels must fit in;
  ///   when nil, 10 for the MNIST layout (28×28 images) and otherwise the
  ///   largest label + 1.
  /// - Throws: ``DataError`` when the counts differ or a label is out of range.
  public static func loadDataset(
    images imagesPath: String, labels labelsPath: String, name: String, classCount: Int? = nil,
    classNames: [String] = []
  ) throws -> Dataset {
    let images = try readImages(at: imagesPath)
    let labels = try readLabels(at: labelsPath)
    guard labels.count == images.count else {
      throw DataError(
        "\(safePath: labelsPath) has \(labels.count) labels but \(safePath: imagesPath) has \(images.count) images; "
          + "the two files do not belong together")
    }
    let maxLabel = Int(labels.max() ?? 0)
    let mnistLayout = images.rows == 28 && images.columns == 28
    let classes = classCount ?? (mnistLayout ? 10 : maxLabel + 1)
    if maxLabel >= classes, let index = labels.firstIndex(where: { Int($0) >= classes }) {
      throw DataError(
        "\(safePath: labelsPath): label \(labels[index]) at index \(index) is outside 0..<\(classes)"
          + (mnistLayout && classes == 10 ? " (MNIST-style 28×28 datasets have 10 classes)" : ""))
    }
    var dataset = Dataset(
      name: name, storage: .bytes(images.pixels, scale: 1 / 255),
      featureCount: images.rows * images.columns, labels: labels.map { Int32($0) },
      classCount: classes, classNames: Array(classNames.prefix(classes)))
    dataset.imageShape = ImageShape(rows: images.rows, columns: images.columns)
    return dataset
  }

  /// Validates the header at the start of `bytes` and returns its dimensions, whose product is
  /// at most ``maximumBytes``.
  static func header(_ bytes: [UInt8], path: String, magic expected: UInt32, kind: String) throws -> [Int] {
    guard bytes.count >= 4 else {
      throw DataError(
        "\(safePath: path): only \(bytes.count) bytes, too short for an IDX \(kind) file; "
          + "re-download or reinstall the dataset")
    }
    let magic = readUInt32(bytes, at: 0)
    guard magic == expected else {
      let hint: String
      if magic == imagesMagic {
        hint = "; this is an image file, not a label file"
      } else if magic == labelsMagic {
        hint = "; this is a label file, not an image file"
      } else {
        hint = "; not an IDX file (or still compressed)"
      }
      throw DataError(
        "\(safePath: path): bad IDX magic number \(hex(magic)), expected \(hex(expected)) for \(kind == "image" ? "an" : "a") \(kind) file\(hint)"
      )
    }
    let dimensionCount = Int(bytes[3])
    let headerSize = 4 + 4 * dimensionCount
    guard bytes.count >= headerSize else {
      throw DataError(
        "\(safePath: path): header needs \(headerSize) bytes but the file holds \(bytes.count) bytes; "
          + "the file is truncated or corrupt")
    }
    let dims = (0..<dimensionCount).map { Int(readUInt32(bytes, at: 4 + 4 * $0)) }
    let (valueCount, overflow) = dims.reduce((1, false)) { acc, d in
      let (p, o) = acc.0.multipliedReportingOverflow(by: d)
      return (p, acc.1 || o)
    }
    guard !overflow, valueCount <= maximumBytes else {
      let shape = dims.map(String.init).joined(separator: "×")
      throw DataError(
        "\(safePath: path): header says \(shape) values, more than the \(ByteCount.text(maximumBytes)) traintop reads "
          + "from an IDX file; use a smaller dataset (or re-download this one: the header may be corrupt)")
    }
    return dims
  }

  static func readUInt32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
    UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8
      | UInt32(bytes[offset + 3])
  }

  static func hex(_ value: UInt32) -> String {
    let digits = String(value, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: max(0, 8 - digits.count)) + digits
  }
}
