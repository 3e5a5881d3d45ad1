import CKernels
import SafeText

/// A labelled classification dataset held in memory.
///
/// Images stay as `UInt8` (60 000 Fashion-MNIST images are 47 MB that way,
/// 188 MB as Float32) and are scaled to [0, 1] only when a mini-batch is
/// gathered; tabular and synthetic data are stored as Float32.
public struct Dataset: Sendable {
  /// How the feature values are stored, row-major, one row of `featureCount` values per sample.
  public enum Storage: Sendable {
    /// Raw bytes; a value `v` is fed to the network as `Float(v) * scale`.
    case bytes([UInt8], scale: Float)
    /// Ready-to-use floats.
    case floats([Float])
  }

  /// A short human name, e.g. "fashion-mnist (train)".
  public var name: String
  public var storage: Storage
  /// Inputs per sample (784 for 28×28 images, 2 for the built-in 2-D sets).
  public var featureCount: Int
  /// The class of each sample, in `0..<classCount`.
  public var labels: [Int32]
  public var classCount: Int
  /// Optional names of the classes (e.g. "T-shirt/top"), indexed by label.
  public var classNames: [String]
  /// The samples' shape when they are images (IDX files; CSV rows of a square number of
  /// features, or `--image-shape`), so the dashboard can draw them.
  public var imageShape: ImageShape?

  public init(
    name: String, storage: Storage, featureCount: Int, labels: [Int32], classCount: Int,
    classNames: [String] = []
  ) {
    self.name = name
    self.storage = storage
    self.featureCount = featureCount
    self.labels = labels
    self.classCount = classCount
    self.classNames = classNames
  }

  /// The number of samples.
  public var count: Int { labels.count }

  /// The first `n` samples (the overfitting demo trains on the first 1000 images).
  public func prefix(_ n: Int) -> Dataset {
    let n = min(n, count)
    var copy = self
    copy.labels = Array(labels[0..<n])
    switch storage {
    case .bytes(let b, let scale): copy.storage = .bytes(Array(b[0..<(n * featureCount)]), scale: scale)
    case .floats(let f): copy.storage = .floats(Array(f[0..<(n * featureCount)]))
    }
    return copy
  }

  /// The samples at `indices`, in that order (used for held-out validation splits).
  public func selecting(_ indices: [Int]) -> Dataset {
    var copy = self
    copy.labels = indices.map { labels[$0] }
    let d = featureCount
    switch storage {
    case .bytes(let b, let scale):
      var out = [UInt8]()
      out.reserveCapacity(indices.count * d)
      for i in indices { out.append(contentsOf: b[(i * d)..<((i + 1) * d)]) }
      copy.storage = .bytes(out, scale: scale)
    case .floats(let f):
      var out = [Float]()
      out.reserveCapacity(indices.count * d)
      for i in indices { out.append(contentsOf: f[(i * d)..<((i + 1) * d)]) }
      copy.storage = .floats(out)
    }
    return copy
  }

  /// The training loop's form of `gather`: a shuffled run of indices, gathered
  /// by one C call that prefetches rows ahead (a concrete type, so no dynamic
  /// cast or allocation per batch).
  public func gather(_ indices: UnsafeBufferPointer<Int>, into destination: UnsafeMutablePointer<Float>) {
    guard case .bytes(let bytes, let scale) = storage, let base = indices.baseAddress else {
      gather(indices[...], into: destination)
      return
    }
    bytes.withUnsafeBufferPointer { src in
      tt_gather_bytes(destination, src.baseAddress!, base, indices.count, featureCount, scale)
    }
  }

  /// Asks the CPU to start loading the rows at `indices` into its caches (the next batch's,
  /// while this one trains), so that gathering them later finds them there instead of waiting
  /// for memory row after row. Only for data larger than a core's caches hold; returns at once.
  public func prefetch(_ indices: UnsafeBufferPointer<Int>) {
    guard let base = indices.baseAddress else { return }
    switch storage {
    case .bytes(let bytes, _) where bytes.count >= Self.prefetchMinimumBytes:
      bytes.withUnsafeBufferPointer { tt_prefetch_rows($0.baseAddress!, base, indices.count, featureCount) }
    case .floats(let floats) where floats.count * 4 >= Self.prefetchMinimumBytes:
      floats.withUnsafeBufferPointer {
        tt_prefetch_rows(UnsafeRawPointer($0.baseAddress!), base, indices.count, featureCount * 4)
      }
    default: break
    }
  }

  /// Data smaller than this stays in the caches anyway (a core's L2 is about 1 MB).
  static let prefetchMinimumBytes = 4 << 20

  /// Copies the features of the samples at `indices` into `destination`
  /// (row-major, `indices.count × featureCount`), scaling bytes to floats.
  ///
  /// This is the per-batch "assembly" step; it allocates nothing.
  public func gather<C: Collection>(_ indices: C, into destination: UnsafeMutablePointer<Float>)
  where C.Element == Int {
    let d = featureCount
    switch storage {
    case .bytes(let bytes, let scale):
      bytes.withUnsafeBufferPointer { src in
        var row = 0
        for i in indices {
          tt_bytes_to_floats(destination + row * d, src.baseAddress! + i * d, d, scale)
          row += 1
        }
      }
    case .floats(let floats):
      floats.withUnsafeBufferPointer { src in
        var row = 0
        for i in indices {
          (destination + row * d).update(from: src.baseAddress! + i * d, count: d)
          row += 1
        }
      }
    }
  }
}

/// A training set and the validation set it is judged on.
public struct DataSplit: Sendable {
  public var train: Dataset
  public var validation: Dataset
  /// Something the user should be told about how the data was chosen
  /// (e.g. "Fashion-MNIST not installed; using the built-in spiral dataset").
  public var notice: String?

  public init(train: Dataset, validation: Dataset, notice: String? = nil) {
    self.train = train
    self.validation = validation
    self.notice = notice
  }
}

/// Bad input data: a missing, corrupt or inconsistent file, or a bad value.
///
/// `message` is one line that names the file or value and says what to do;
/// the CLI prints it and exits with status 2. It usually echoes outside text (a path, a CSV
/// field, a setting's value), so it is made safe when made (``TerminalSafe/text(_:)``): no
/// escape sequence or newline in it can reach the terminal. Long values are cut where they are
/// interpolated, with `\(safe: value)` and `\(safePath: path)`.
public struct DataError: Error, CustomStringConvertible, Equatable, Sendable {
  public var message: String
  public init(_ message: String) { self.message = TerminalSafe.text(message) }
  public var description: String { message }
}
