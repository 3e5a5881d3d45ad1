import Foundation
import SwiftProtobuf
import TensorBoardProto

/// One scalar read from an event: a tag's value at a step.
struct TaggedScalar: Sendable, Equatable {
  var tag: String
  var step: Int64
  var value: Double
}

/// Finds the scalars in `Event` records, the way TensorBoard's scalars plugin reads them.
///
/// Two encodings are in use:
/// - `simple_value`, a float on the summary value: PyTorch's `SummaryWriter`, tensorboardX,
///   Lightning's and Hugging Face's TensorBoard loggers;
/// - a rank-0 float or double tensor, with the `scalars` plugin named in the metadata: TF2's
///   `tf.summary.scalar` (the value in `tensor_content`), the Keras TensorBoard callback, Flax,
///   TensorBoard's own Python writer (`float_val`), `double_val` for float64.
///
/// A writer sends the metadata only with a tag's first value (TensorBoard's `FileWriter` keeps
/// one per tag to save space), so the plugin of each tag is remembered for the values that come
/// without it. A tensor of another plugin (histograms, text, images) or of another shape is not
/// a scalar and is left out; so are non-summary events (the file version, graphs).
///
/// The step is the event's `step` field, which proto3 leaves out of the bytes when it is 0:
/// the decoded default, 0, is then right.
struct EventScalarDecoder: Sendable {
  private var pluginByTag: [String: String] = [:]

  /// The scalars of one serialized `Event`; throws when the bytes are not an `Event`.
  mutating func scalars(inRecord record: [UInt8]) throws -> [TaggedScalar] {
    let event = try Tensorboard_Event(serializedBytes: record)
    guard case .summary(let summary) = event.what else { return [] }
    var found: [TaggedScalar] = []
    for value in summary.value {
      if value.hasMetadata {
        pluginByTag[value.tag] = value.metadata.pluginData.pluginName
      }
      switch value.value {
      case .simpleValue(let number):
        found.append(TaggedScalar(tag: value.tag, step: event.step, value: Double(number)))
      case .tensor(let tensor):
        // No metadata ever seen for the tag: trust a rank-0 float tensor (what Flax writes).
        guard pluginByTag[value.tag].map({ $0 == "scalars" }) ?? true,
          let number = Self.scalar(of: tensor)
        else { continue }
        found.append(TaggedScalar(tag: value.tag, step: event.step, value: number))
      case nil:
        continue
      }
    }
    return found
  }

  /// The single value of a rank-0 `DT_FLOAT` or `DT_DOUBLE` tensor, from whichever of
  /// `tensor_content` (raw little-endian bytes), `float_val` or `double_val` holds it.
  static func scalar(of tensor: Tensorboard_TensorProto) -> Double? {
    guard tensor.tensorShape.dim.isEmpty, !tensor.tensorShape.unknownRank else { return nil }
    switch tensor.dtype {
    case .dtFloat:
      if tensor.tensorContent.count == 4 {
        return Double(Float(bitPattern: UInt32(littleEndianBytes: tensor.tensorContent)))
      }
      return tensor.floatVal.count == 1 ? Double(tensor.floatVal[0]) : nil
    case .dtDouble:
      if tensor.tensorContent.count == 8 {
        return Double(bitPattern: UInt64(littleEndianBytes: tensor.tensorContent))
      }
      return tensor.doubleVal.count == 1 ? tensor.doubleVal[0] : nil
    default:
      return nil
    }
  }
}

extension FixedWidthInteger {
  /// The integer stored little-endian in `bytes` (exactly `bitWidth / 8` of them).
  fileprivate init(littleEndianBytes bytes: Data) {
    self = bytes.reversed().reduce(0) { $0 << 8 | Self($1) }
  }
}
