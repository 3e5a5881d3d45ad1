import TrainingRuns

/// Turns the bytes of one event file, as they arrive, into scalars.
///
/// TFRecord framing (`TFRecordFramer`), then `Event` decoding (`EventScalarDecoder`). What cannot
/// be read is counted in `malformedRecords`, never fatal: a record with a bad CRC, a damaged
/// length, a record that is not an `Event`. A record cut short at the end is not malformed — it is
/// still being written — unless `finish()` says the file is complete.
struct EventFileReader: Sendable {
  private var framer = TFRecordFramer()
  private var decoder = EventScalarDecoder()
  private var undecodable = 0
  private var truncated = 0

  /// Records that could not be read (bad CRC, damaged length, not an `Event`, cut short at the end).
  var malformedRecords: Int { framer.corruptRecords + undecodable + truncated }

  /// Bytes waiting for the rest of their record.
  var pendingByteCount: Int { framer.pendingByteCount }

  /// Feeds the next bytes of the file; returns the scalars of the records they completed.
  mutating func consume(_ bytes: some Collection<UInt8>) -> [TaggedScalar] {
    var scalars: [TaggedScalar] = []
    for record in framer.append(bytes) {
      do {
        scalars += try decoder.scalars(inRecord: record)
      } catch {
        undecodable += 1
      }
    }
    return scalars
  }

  /// The file is complete (a whole-file read): a record cut short at the end is malformed.
  mutating func finish() {
    if framer.pendingByteCount > 0 { truncated = 1 }
  }

  /// Groups scalars into rows: consecutive scalars at the same step share a row (TensorFlow
  /// writes each tag of a step as its own event), unless a tag repeats.
  static func rows(_ scalars: [TaggedScalar], rename: (String) -> String? = { $0 }) -> [MetricRow] {
    var rows: [MetricRow] = []
    for scalar in scalars {
      guard let name = rename(scalar.tag) else { continue }
      let step = Double(scalar.step)
      if let last = rows.indices.last, rows[last].step == step, rows[last].values[name] == nil {
        rows[last].values[name] = scalar.value
      } else {
        rows.append(MetricRow(step: step, values: [name: scalar.value]))
      }
    }
    return rows
  }
}
