/// Splits one CSV line into fields (RFC 4180 quoting: `"a,b"`, `""` for a quote).
///
/// Python's `csv` module quotes a field only when it must — a metric name with
/// a comma, or a list value Keras writes as `"[0.1, 0.2]"` — so plain splitting
/// would miscount fields. Unquoted fields are slices of the line (no copying:
/// this runs for every row). `separator` is Keras's `CSVLogger(separator=…)`, a comma by
/// default. Returns nil for an unterminated quote (a quoted
/// field spanning lines, which a metrics log never needs).
func splitCSVFields(_ line: ArraySlice<UInt8>, separator: UInt8 = 0x2C) -> [ArraySlice<UInt8>]? {
  var fields: [ArraySlice<UInt8>] = []
  var start = line.startIndex
  var index = line.startIndex
  while index < line.endIndex {
    if line[index] == 0x22, index == start {
      guard let (field, next) = quotedField(line, from: index) else { return nil }
      fields.append(field)
      guard next == line.endIndex || line[next] == separator else { return nil }
      if next == line.endIndex { return fields }
      index = next + 1
      start = index
      continue
    }
    if line[index] == separator {
      fields.append(line[start..<index])
      start = index + 1
    }
    index += 1
  }
  fields.append(line[start..<line.endIndex])
  return fields
}

/// The unescaped content of the quoted field at `quote` and the index after its closing quote.
private func quotedField(
  _ line: ArraySlice<UInt8>, from quote: Int
) -> (ArraySlice<UInt8>, Int)? {
  var field: [UInt8] = []
  var index = quote + 1
  while index < line.endIndex {
    if line[index] == 0x22 {
      if index + 1 < line.endIndex, line[index + 1] == 0x22 {
        field.append(0x22)
        index += 2
        continue
      }
      return (field[...], index + 1)
    }
    field.append(line[index])
    index += 1
  }
  return nil
}
