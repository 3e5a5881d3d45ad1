/// Splits one CSV line into fields (RFC 4180 quoting: `"a,b"`, `""` for a quote).
///
/// Python's `csv` module quotes a field only when it must — a metric name with
/// a comma, or a list value Keras writes as `"[0.1, 0.2]"` — so plain splitting
/// would miscount fields. Returns nil for an unterminated quote (a quoted
/// field spanning lines, which a metrics log never needs).
func splitCSVFields(_ line: ArraySlice<UInt8>) -> [String]? {
  var fields: [String] = []
  var field: [UInt8] = []
  var inQuotes = false
  var index = line.startIndex
  while index < line.endIndex {
    let byte = line[index]
    if inQuotes {
      if byte == 0x22 {
        let next = line.index(after: index)
        if next < line.endIndex, line[next] == 0x22 {
          field.append(0x22)
          index = next
        } else {
          inQuotes = false
        }
      } else {
        field.append(byte)
      }
    } else if byte == 0x22 {
      inQuotes = true
    } else if byte == 0x2C {
      fields.append(String(decoding: field, as: UTF8.self))
      field.removeAll(keepingCapacity: true)
    } else {
      field.append(byte)
    }
    index = line.index(after: index)
  }
  if inQuotes { return nil }
  fields.append(String(decoding: field, as: UTF8.self))
  return fields
}
