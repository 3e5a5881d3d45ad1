import Foundation

extension RunSummary {
  /// This summary as JSON text, key-sorted (and indented when `pretty`), with the epochs
  /// written one per line by hand.
  ///
  /// `JSONEncoder` builds a tree of every value before it writes a byte: at the end of a
  /// 100 000-epoch run the process grew from 32 to 150 MB to encode a 23 MB summary, and a
  /// million epochs would take over a gigabyte. Here the fields other than the epochs go through
  /// `JSONEncoder` as before and the epochs are written as text, a chunk at a time (see
  /// ``writeJSON(pretty:to:)``). The document decodes exactly as before (numbers round-trip:
  /// `Double.description`); a non-finite value is `null`, as in ``encode(to:)``.
  public func json(pretty: Bool) throws -> Data {
    var text = Data()
    try writeJSON(pretty: pretty) { chunk in
      text.append(chunk)
      return true
    }
    return text
  }

  /// Hands this summary's JSON (see ``json(pretty:)``) to `emit` in chunks of about a
  /// megabyte, so writing a million epochs' summary holds a megabyte of it at a time. Stops when
  /// `emit` returns false. Throws only when the fields other than the epochs cannot be encoded.
  public func writeJSON(pretty: Bool, to emit: (Data) -> Bool) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : [.sortedKeys]
    encoder.userInfo[.epochsWrittenApart] = true  // the best epoch and the like still count them all
    let head = try encoder.encode(self)
    // The one array-valued "epochs" key is the summary's own (the config's is a number).
    let key = Data((pretty ? #""epochs" : ["# : #""epochs":["#).utf8)
    guard let found = head.range(of: key),
      let close = head[found.upperBound...].firstIndex(of: UInt8(ascii: "]"))
    else {
      _ = emit(head)
      return
    }
    var chunk = Data(head[..<found.upperBound])
    let separator = pretty ? ",\n    " : ","
    for (i, m) in epochs.enumerated() {
      chunk.append(
        contentsOf: ((i == 0 ? (pretty ? "\n    " : "") : separator) + Self.line(m, pretty: pretty)).utf8)
      if chunk.count >= 1 << 20 {
        guard emit(chunk) else { return }
        chunk.removeAll(keepingCapacity: true)
      }
    }
    if pretty && !epochs.isEmpty { chunk.append(contentsOf: "\n  ".utf8) }
    chunk.append(head[close...])
    _ = emit(chunk)
  }

  /// One epoch as a JSON object on one line, keys sorted as `JSONEncoder` sorts them.
  static func line(_ m: EpochMetrics, pretty: Bool) -> String {
    let colon = pretty ? ": " : ":"
    let comma = pretty ? ", " : ","
    // The fields of `FiniteEpoch` (RunSummary.swift), which the tests compare this with.
    var fields: [(String, String)] = [("accuracy", number(m.accuracy)), ("epoch", String(m.epoch))]
    if !m.gradientNorms.isEmpty {
      fields.append(("gradient_norms", "[" + m.gradientNorms.map(number).joined(separator: comma) + "]"))
    }
    fields += [
      ("learning_rate", number(m.learningRate)), ("loss", number(m.loss)), ("seconds", number(m.seconds)),
      ("val_accuracy", number(m.valAccuracy)), ("val_loss", number(m.valLoss)),
    ]
    return "{" + fields.map { "\"\($0.0)\"\(colon)\($0.1)" }.joined(separator: comma) + "}"
  }

  /// A double as JSON: whole numbers without `.0` (as `JSONEncoder` writes them), others in
  /// their shortest round-trip form, non-finite ones as `null`.
  static func number(_ value: Double) -> String {
    guard value.isFinite else { return "null" }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }
}

extension CodingUserInfoKey {
  /// Set to `true`: a ``RunSummary`` encodes an empty `epochs` array (its other fields still
  /// computed from every epoch), for `json(pretty:)` to fill in.
  static let epochsWrittenApart = CodingUserInfoKey(rawValue: "traintop.epochsWrittenApart")!
}
