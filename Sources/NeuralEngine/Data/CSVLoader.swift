import Foundation
import SafeText

/// How to read a CSV file of labelled samples.
public struct CSVOptions: Sendable, Equatable {
  /// The label column: a header name (case-insensitive) or a 0-based column
  /// index. When nil: the first column named `label`, `class`, `target` or
  /// `y` if the file has a header, otherwise the last column.
  public var labelColumn: String?
  /// Whether the first row is a header; nil detects it (see ``CSVLoader``).
  public var hasHeader: Bool?
  /// The fraction of rows held out for validation, in (0, 1).
  public var valSplit: Double
  /// Seeds the shuffle that picks the validation rows.
  public var seed: UInt64

  public init(labelColumn: String? = nil, hasHeader: Bool? = nil, valSplit: Double = 0.2, seed: UInt64 = 0) {
    self.labelColumn = labelColumn
    self.hasHeader = hasHeader
    self.valSplit = valSplit
    self.seed = seed
  }
}

/// Loads a comma-separated file of one label column plus numeric features,
/// so users can bring their own tabular data (an exported Keras dataset,
/// iris, a spreadsheet).
///
/// - Header: detected when the first row has a non-numeric field where the
///   second row has a number, or has two or more non-numeric fields, or
///   names a label column (`label`, `class`, `target`, `y`). Data rows can
///   only have one non-numeric field: a class name.
/// - Labels: whole non-negative numbers are class indices (classCount =
///   largest + 1); otherwise every distinct string is a class, numbered in
///   sorted order, and the strings become `classNames`.
/// - Features are stored as Float32, unscaled.
/// - Quoted fields (`"a, b"`, with `""` for a quote) may contain commas;
///   blank lines are skipped; `\r\n` line ends and a UTF-8 BOM are accepted.
/// - Validation rows are a seeded random `valSplit` fraction of the rows.
///
/// Every error names the file, and the line and column where relevant.
public enum CSVLoader {
  /// Header names recognized as the label column, in priority order.
  public static let labelColumnNames = ["label", "class", "target", "y"]

  /// The largest CSV file traintop reads: 256 MB (its features take up to twice that as floats).
  public static let maximumFileBytes = 256 << 20
  /// The most columns a row may have: 65 536, a 256×256 image and its label. A line of a
  /// million commas would otherwise become a million fields, then a network with a million
  /// inputs.
  public static let maximumColumns = 65_536
  /// The longest record (one line, or several inside quotes): 8 MB, 65 536 columns of 128
  /// characters.
  public static let maximumRecordBytes = 8 << 20

  /// Loads and splits the CSV file at `path`.
  public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> DataSplit {
    let bytes = try DataFile.rawContents(of: path, limit: maximumFileBytes)
    let dataset = try parse(bytes, source: path, options: options)
    return try dataset.holdingOut(fraction: options.valSplit, seed: options.seed, source: path)
  }

  /// Parses CSV bytes into one unsplit dataset named after `source`.
  ///
  /// Records are converted as they are read (features to floats, labels kept as text until
  /// every row is in), so memory follows the numbers, not the text.
  public static func parse(_ bytes: [UInt8], source: String, options: CSVOptions = CSVOptions()) throws
    -> Dataset
  {
    try Dataset.checkValidationFraction(options.valSplit)
    var reader = RecordReader(bytes: bytes, source: source)
    guard let first = try reader.next() else {
      throw DataError(
        "\(safePath: source): the file is empty; expected a label column and numeric feature columns")
    }
    let second = try reader.next()
    let hasHeader = options.hasHeader ?? detectHeader(first, second)
    let header: [String]? = hasHeader ? first.fields : nil
    let leading = (hasHeader ? [] : [first]) + (second.map { [$0] } ?? [])
    guard let firstRow = leading.first else {
      throw DataError("\(safePath: source): has a header row but no data rows")
    }
    let columnCount = header?.count ?? firstRow.fields.count
    guard columnCount >= 2 else {
      throw DataError(
        "\(safePath: source): found \(columnCount) column; need a label column and at least one feature column"
      )
    }
    let labelIndex = try labelColumn(
      header: header, columnCount: columnCount, options: options, source: source)

    var features = [Float]()
    var labelTexts = [String]()
    var labelLines = [Int]()
    func take(_ row: Record) throws {
      guard row.fields.count == columnCount else {
        throw DataError(
          "\(safePath: source) line \(row.line): expected \(columnCount) fields, found \(row.fields.count)")
      }
      for (column, field) in row.fields.enumerated() {
        if column == labelIndex {
          guard !field.isEmpty else {
            throw DataError("\(safePath: source) line \(row.line): the label is empty")
          }
          labelTexts.append(field)
          labelLines.append(row.line)
          continue
        }
        guard let value = Float(field), value.isFinite else {
          let what = Float(field) == nil ? "is not a number" : "is not a finite number"
          throw DataError(
            "\(safePath: source) line \(row.line), column \(column + 1): '\(safe: field)' \(what)")
        }
        features.append(value)
      }
    }
    for row in leading { try take(row) }
    while let row = try reader.next() { try take(row) }

    let (labels, classCount, classNames) = try classify(labelTexts, lines: labelLines, source: source)
    return Dataset(
      name: DataFile.fileName(source), storage: .floats(features), featureCount: columnCount - 1,
      labels: labels, classCount: classCount, classNames: classNames)
  }

  /// Turns label strings into class indices: integers as given, or
  /// distinct strings numbered in sorted order.
  private static func classify(_ texts: [String], lines: [Int], source: String) throws
    -> ([Int32], Int, [String])
  {
    let numbers = texts.map { Double($0) }
    if numbers.allSatisfy({ $0 != nil }) {
      var labels = [Int32]()
      labels.reserveCapacity(texts.count)
      for (i, number) in numbers.enumerated() {
        let value = number!
        guard value >= 0 else {
          throw DataError(
            "\(safePath: source) line \(lines[i]): label \(safe: texts[i]) is negative; class labels must be 0 or more"
          )
        }
        guard value == value.rounded() else {
          throw DataError(
            "\(safePath: source) line \(lines[i]): label '\(safe: texts[i])' is not a whole number; "
              + "use class indices 0, 1, 2… or class names")
        }
        guard value < 100_000 else {
          throw DataError(
            "\(safePath: source) line \(lines[i]): label \(safe: texts[i]) is too large; class indices should be 0..<classes"
          )
        }
        labels.append(Int32(value))
      }
      return (labels, Int(labels.max()!) + 1, [])
    }
    let names = Set(texts).sorted()
    let index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, Int32($0)) })
    return (texts.map { index[$0]! }, names.count, names)
  }

  /// Resolves the label column to a 0-based index.
  private static func labelColumn(header: [String]?, columnCount: Int, options: CSVOptions, source: String)
    throws -> Int
  {
    if let wanted = options.labelColumn {
      if let header, let i = header.firstIndex(where: { $0.lowercased() == wanted.lowercased() }) { return i }
      if let i = Int(wanted), (0..<columnCount).contains(i) { return i }
      if let header {
        throw DataError(
          "\(safePath: source): no label column '\(safe: wanted)' (columns: \(safe: header.joined(separator: ", "))); "
            + "give a column name or a 0-based index")
      }
      throw DataError(
        "\(safePath: source): label column '\(safe: wanted)' is not a column index 0..<\(columnCount) "
          + "and the file has no header row to look names up in")
    }
    if let header {
      for name in labelColumnNames {
        if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i }
      }
    }
    return columnCount - 1
  }

  /// The header heuristic described on ``CSVLoader``, from the first two records.
  static func detectHeader(_ firstRecord: Record, _ secondRecord: Record?) -> Bool {
    let first = firstRecord.fields
    let nonNumeric = first.indices.filter { Double(first[$0]) == nil }
    guard let column = nonNumeric.first else { return false }
    guard let second = secondRecord?.fields else { return true }
    if nonNumeric.count >= 2 { return true }
    if labelColumnNames.contains(first[column].lowercased()) { return true }
    return column < second.count && Double(second[column]) != nil
  }

  /// One CSV record and the (1-based) line it starts on.
  struct Record {
    var line: Int
    var fields: [String]
  }

  /// Splits bytes into records, one at a time; fields are trimmed of spaces and tabs (inside
  /// quotes, kept as written). Blank lines are skipped. A record longer than
  /// ``maximumRecordBytes`` or wider than ``maximumColumns`` is an error naming its line.
  struct RecordReader {
    let bytes: [UInt8]
    let source: String
    private var i: Int
    private var line = 1

    init(bytes: [UInt8], source: String) {
      self.bytes = bytes
      self.source = source
      i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next non-blank record, or nil at the end.
    mutating func next() throws(DataError) -> Record? {
      while i < bytes.count {
        if let record = try nextRecord(), !(record.fields.count == 1 && record.fields[0].isEmpty) {
          return record
        }
      }
      return nil
    }

    /// The record starting at `i` (possibly a blank one).
    private mutating func nextRecord() throws(DataError) -> Record? {
      let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
      let cr = UInt8(ascii: "\r")
      let recordLine = line
      let start = i
      var fields = [String]()
      var field = [UInt8]()
      var quoted = false  // the current field was quoted (so keep it as is)

      func endField() throws(DataError) {
        guard fields.count < CSVLoader.maximumColumns else {
          throw DataError(
            "\(safePath: source) line \(recordLine): more than \(CSVLoader.maximumColumns) columns, the most traintop "
              + "reads; use fewer features")
        }
        let text = String(decoding: field, as: UTF8.self)
        fields.append(quoted ? text : text.trimmingCharacters(in: .whitespaces))
        field.removeAll(keepingCapacity: true)
        quoted = false
      }
      func checkLength() throws(DataError) {
        guard i - start <= CSVLoader.maximumRecordBytes else {
          throw DataError(
            "\(safePath: source) line \(recordLine): longer than \(ByteCount.text(CSVLoader.maximumRecordBytes)), the "
              + "longest record traintop reads; is this a CSV file?")
        }
      }

      while i < bytes.count {
        let b = bytes[i]
        if b == quote && field.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) && !quoted {
          // A quoted field: read to the closing quote; "" is a literal quote.
          field.removeAll(keepingCapacity: true)
          quoted = true
          let startLine = line
          i += 1
          while true {
            guard i < bytes.count else {
              throw DataError("\(safePath: source) line \(startLine): a quoted field is never closed")
            }
            let c = bytes[i]
            if c == quote {
              if i + 1 < bytes.count && bytes[i + 1] == quote {
                field.append(quote)
                i += 2
                continue
              }
              i += 1
              break
            }
            if c == newline { line += 1 }
            field.append(c)
            i += 1
            if field.count & 0xFFFF == 0 { try checkLength() }
          }
          continue
        }
        if b == comma {
          try endField()
        } else if b == newline {
          try endField()
          line += 1
          i += 1
          return Record(line: recordLine, fields: fields)
        } else if b != cr || (i + 1 < bytes.count && bytes[i + 1] != newline) {
          if !quoted { field.append(b) }
        }
        i += 1
        if i & 0xFFFF == 0 { try checkLength() }
      }
      try checkLength()
      if !field.isEmpty || !fields.isEmpty || quoted {
        try endField()
        return Record(line: recordLine, fields: fields)
      }
      return nil
    }
  }
}
