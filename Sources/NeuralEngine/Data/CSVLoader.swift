import Foundation

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

  /// Loads and splits the CSV file at `path`.
  public static func load(path: String, options: CSVOptions = CSVOptions()) throws -> DataSplit {
    let bytes = try DataFile.rawContents(of: path)
    let dataset = try parse(bytes, source: path, options: options)
    return try dataset.holdingOut(fraction: options.valSplit, seed: options.seed, source: path)
  }

  /// Parses CSV bytes into one unsplit dataset named after `source`.
  public static func parse(_ bytes: [UInt8], source: String, options: CSVOptions = CSVOptions()) throws
    -> Dataset
  {
    try Dataset.checkValidationFraction(options.valSplit)
    var rows = try records(bytes, source: source)
    guard !rows.isEmpty else {
      throw DataError("\(source): the file is empty; expected a label column and numeric feature columns")
    }
    let hasHeader = options.hasHeader ?? detectHeader(rows)
    let header: [String]? = hasHeader ? rows.removeFirst().fields : nil
    guard !rows.isEmpty else {
      throw DataError("\(source): has a header row but no data rows")
    }
    let columnCount = header?.count ?? rows[0].fields.count
    guard columnCount >= 2 else {
      throw DataError(
        "\(source): found \(columnCount) column; need a label column and at least one feature column")
    }
    let labelIndex = try labelColumn(
      header: header, columnCount: columnCount, options: options, source: source)

    var features = [Float]()
    features.reserveCapacity(rows.count * (columnCount - 1))
    var labelTexts = [String]()
    labelTexts.reserveCapacity(rows.count)
    for row in rows {
      guard row.fields.count == columnCount else {
        throw DataError(
          "\(source) line \(row.line): expected \(columnCount) fields, found \(row.fields.count)")
      }
      for (column, field) in row.fields.enumerated() {
        if column == labelIndex {
          guard !field.isEmpty else { throw DataError("\(source) line \(row.line): the label is empty") }
          labelTexts.append(field)
          continue
        }
        guard let value = Float(field), value.isFinite else {
          let what = Float(field) == nil ? "is not a number" : "is not a finite number"
          throw DataError("\(source) line \(row.line), column \(column + 1): '\(field)' \(what)")
        }
        features.append(value)
      }
    }

    let (labels, classCount, classNames) = try classify(labelTexts, rows: rows, source: source)
    return Dataset(
      name: DataFile.fileName(source), storage: .floats(features), featureCount: columnCount - 1,
      labels: labels, classCount: classCount, classNames: classNames)
  }

  /// Turns label strings into class indices: integers as given, or
  /// distinct strings numbered in sorted order.
  private static func classify(_ texts: [String], rows: [Record], source: String) throws
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
            "\(source) line \(rows[i].line): label \(texts[i]) is negative; class labels must be 0 or more")
        }
        guard value == value.rounded() else {
          throw DataError(
            "\(source) line \(rows[i].line): label '\(texts[i])' is not a whole number; "
              + "use class indices 0, 1, 2… or class names")
        }
        guard value < 100_000 else {
          throw DataError(
            "\(source) line \(rows[i].line): label \(texts[i]) is too large; class indices should be 0..<classes"
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
          "\(source): no label column '\(wanted)' (columns: \(header.joined(separator: ", "))); "
            + "give a column name or a 0-based index")
      }
      throw DataError(
        "\(source): label column '\(wanted)' is not a column index 0..<\(columnCount) "
          + "and the file has no header row to look names up in")
    }
    if let header {
      for name in labelColumnNames {
        if let i = header.firstIndex(where: { $0.lowercased() == name }) { return i }
      }
    }
    return columnCount - 1
  }

  /// The header heuristic described on ``CSVLoader``.
  static func detectHeader(_ rows: [Record]) -> Bool {
    let first = rows[0].fields
    let nonNumeric = first.indices.filter { Double(first[$0]) == nil }
    guard let column = nonNumeric.first else { return false }
    if nonNumeric.count >= 2 || rows.count == 1 { return true }
    if labelColumnNames.contains(first[column].lowercased()) { return true }
    let second = rows[1].fields
    return column < second.count && Double(second[column]) != nil
  }

  /// One CSV record and the (1-based) line it starts on.
  struct Record {
    var line: Int
    var fields: [String]
  }

  /// Splits bytes into records; fields are trimmed of spaces and tabs
  /// (inside quotes, kept as written). Blank lines are skipped.
  static func records(_ bytes: [UInt8], source: String) throws -> [Record] {
    var records = [Record]()
    var fields = [String]()
    var field = [UInt8]()
    var line = 1
    var recordLine = 1
    var i = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    var quoted = false  // the current field was quoted (so keep it as is)

    func endField() {
      if quoted {
        fields.append(String(decoding: field, as: UTF8.self))
      } else {
        fields.append(String(decoding: field, as: UTF8.self).trimmingCharacters(in: .whitespaces))
      }
      field.removeAll(keepingCapacity: true)
      quoted = false
    }
    func endRecord() {
      endField()
      if !(fields.count == 1 && fields[0].isEmpty) {
        records.append(Record(line: recordLine, fields: fields))
      }
      fields.removeAll(keepingCapacity: true)
    }

    let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
    let cr = UInt8(ascii: "\r")
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
            throw DataError("\(source) line \(startLine): a quoted field is never closed")
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
        }
        continue
      }
      if b == comma {
        endField()
      } else if b == newline {
        endRecord()
        line += 1
        recordLine = line
      } else if b != cr || (i + 1 < bytes.count && bytes[i + 1] != newline) {
        if !quoted { field.append(b) }
      }
      i += 1
    }
    if !field.isEmpty || !fields.isEmpty || quoted { endRecord() }
    return records
  }
}
