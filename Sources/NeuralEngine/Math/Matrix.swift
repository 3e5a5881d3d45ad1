import Foundation

/// A dense matrix of `Float32`, row-major and contiguous, with a fixed capacity.
///
/// Reference semantics on purpose: each layer preallocates its buffers once
/// (sized for the largest batch) and the training loop reuses them, so no
/// batch allocates. `rows` may shrink below `capacityRows` for a short last
/// batch; the storage never moves. Matrix products go through BLAS (`gemm`).
///
/// Not thread-safe: a network and its matrices belong to the thread training it.
public final class Matrix: @unchecked Sendable {
  /// Rows currently in use (≤ `capacityRows`), e.g. the batch size.
  public var rows: Int {
    didSet { precondition(rows >= 0 && rows <= capacityRows, "rows beyond capacity") }
  }
  public let columns: Int
  public let capacityRows: Int
  /// The storage: `capacityRows × columns` floats; the first `rows × columns` are live.
  public let pointer: UnsafeMutablePointer<Float>

  public init(rows: Int, columns: Int, capacityRows: Int? = nil) {
    let capacity = capacityRows ?? rows
    precondition(rows >= 0 && columns >= 0 && capacity >= rows)
    self.rows = rows
    self.columns = columns
    self.capacityRows = capacity
    pointer = .allocate(capacity: max(1, capacity * columns))
    pointer.initialize(repeating: 0, count: max(1, capacity * columns))
  }

  /// A matrix holding `values` (row-major, `rows × columns` of them).
  public convenience init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "value count does not match shape")
    self.init(rows: rows, columns: columns)
    values.withUnsafeBufferPointer { pointer.update(from: $0.baseAddress!, count: values.count) }
  }

  deinit { pointer.deallocate() }

  /// Live elements: `rows × columns`.
  @inlinable public var count: Int { rows * columns }

  @inlinable public subscript(row: Int, column: Int) -> Float {
    get { pointer[row * columns + column] }
    set { pointer[row * columns + column] = newValue }
  }

  /// The live elements as a buffer (valid while the matrix is alive).
  @inlinable public var buffer: UnsafeMutableBufferPointer<Float> {
    UnsafeMutableBufferPointer(start: pointer, count: count)
  }

  /// A copy of the live elements, row-major (for tests, checkpoints and export).
  public var values: [Float] { Array(buffer) }

  public func fill(_ value: Float) { pointer.update(repeating: value, count: count) }

  /// Copies the live values of `other` (same shape) into this matrix.
  public func copy(from other: Matrix) {
    precondition(other.columns == columns && other.rows <= capacityRows)
    rows = other.rows
    pointer.update(from: other.pointer, count: count)
  }

  public func copy() -> Matrix {
    let m = Matrix(rows: rows, columns: columns, capacityRows: capacityRows)
    m.pointer.update(from: pointer, count: count)
    return m
  }
}

extension Matrix: CustomStringConvertible {
  public var description: String {
    let shown = (0..<min(rows, 6)).map { r in
      (0..<min(columns, 8)).map { c in String(format: "%.4f", Double(self[r, c])) }.joined(separator: " ")
    }
    return "Matrix(\(rows)×\(columns))\n" + shown.joined(separator: "\n")
  }
}
