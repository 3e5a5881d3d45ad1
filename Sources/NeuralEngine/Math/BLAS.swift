import CBLAS

/// The one door to BLAS: every matrix product in the engine goes through `gemm`.
///
/// OpenBLAS's `cblas_sgemm` picks a kernel for this CPU at run time; a
/// portable Swift loop reached a third of its speed here (DESIGN.md).
public enum BLAS {
  /// Sets the number of OpenBLAS threads. One by default: at these matrix
  /// sizes a second thread gave no gain and collapsed when the other core
  /// was busy drawing the UI (DESIGN.md, "Threading").
  public static func setThreads(_ count: Int) {
    openblas_set_num_threads(Int32(clamping: min(max(1, count), maximumThreads)))
  }

  /// The most threads `--threads` takes: the processors OpenBLAS sees. More only wait for each
  /// other, and each costs OpenBLAS a buffer: a huge count exhausted a memory limit, and OpenBLAS
  /// then spun forever.
  public static var maximumThreads: Int { max(1, Int(openblas_get_num_procs())) }

  /// Refuses a thread count outside 1…``maximumThreads`` with a message naming `flag` and giving
  /// the range.
  public static func checkThreads(_ count: Int, flag: String = "--threads") throws(DataError) {
    guard count >= 1, count <= maximumThreads else {
      let processors = maximumThreads == 1 ? "1 processor" : "\(maximumThreads) processors"
      throw DataError(
        "\(flag) \(count): this machine has \(processors); use 1 to \(maximumThreads) "
          + "(more OpenBLAS threads than processors only wait for each other)")
    }
  }

  /// `c ← alpha · op(a) · op(b) + beta · c`, where `op(x)` is `x` or `xᵀ`.
  ///
  /// Shapes use the live `rows`: op(a) is (m, k), op(b) is (k, n), c is (m, n).
  public static func gemm(
    _ a: Matrix, _ b: Matrix, into c: Matrix, transposeA transA: Bool = false,
    transposeB transB: Bool = false, alpha: Float = 1, beta: Float = 0
  ) {
    gemm(a, b, into: c, transposeA: transA, transposeB: transB, alpha: alpha, beta: beta, splitter: nil)
  }

  /// `gemm`, in parts over `splitter`'s threads when it has several and the product is large:
  /// along the output's rows (m) or columns (n), whichever is longer, each part a
  /// single-threaded `cblas_sgemm` on a block of `op(a)`'s rows or `op(b)`'s columns.
  static func gemm(
    _ a: Matrix, _ b: Matrix, into c: Matrix, transposeA transA: Bool = false,
    transposeB transB: Bool = false, alpha: Float = 1, beta: Float = 0, splitter: WorkSplitter?
  ) {
    let m = transA ? a.columns : a.rows
    let k = transA ? a.rows : a.columns
    let kb = transB ? b.columns : b.rows
    let n = transB ? b.rows : b.columns
    precondition(k == kb, "gemm: inner dimensions \(k) and \(kb) differ")
    precondition(c.columns == n && m <= c.capacityRows, "gemm: output shape mismatch")
    c.rows = m
    guard m > 0, n > 0 else { return }
    if k == 0 {
      if beta == 0 { c.fill(0) }
      return
    }
    let (lda, ldb, ldc) = (Int32(a.columns), Int32(b.columns), Int32(c.columns))
    let opA = transA ? CblasTrans : CblasNoTrans
    let opB = transB ? CblasTrans : CblasNoTrans
    guard let splitter, splitter.parts > 1, m * n * k >= WorkSplitter.minimumProduct else {
      cblas_sgemm(
        CblasRowMajor, opA, opB, Int32(m), Int32(n), Int32(k), alpha, a.pointer, lda, b.pointer, ldb, beta,
        c.pointer, ldc)
      return
    }
    let (pa, pb, pc) = (a.pointer, b.pointer, c.pointer)
    // No part below `minimumProduct` either: OpenBLAS multiplies small products with other
    // kernels (another order of sums), and a part must give the bits the whole product gives.
    let chunks = min(
      splitter.parts * WorkSplitter.productChunksPerPart, m * n * k / WorkSplitter.minimumProduct)
    if m >= n {
      // Rows i of op(a) and c: op(a) row i starts at a[i, 0], or at a[0, i] when transposed.
      splitter.run(chunks: chunks) { chunk in
        let rows = WorkSplitter.range(chunk, of: m, in: chunks, alignment: 8)
        guard !rows.isEmpty else { return }
        let i = rows.lowerBound
        cblas_sgemm(
          CblasRowMajor, opA, opB, Int32(rows.count), Int32(n), Int32(k), alpha,
          transA ? pa + i : pa + i * Int(lda), lda, pb, ldb, beta, pc + i * Int(ldc), ldc)
      }
    } else {
      // Columns j of op(b) and c: op(b) column j starts at b[0, j], or at b[j, 0] when transposed.
      splitter.run(chunks: chunks) { chunk in
        let columns = WorkSplitter.range(chunk, of: n, in: chunks, alignment: 16)
        guard !columns.isEmpty else { return }
        let j = columns.lowerBound
        cblas_sgemm(
          CblasRowMajor, opA, opB, Int32(m), Int32(columns.count), Int32(k), alpha, pa, lda,
          transB ? pb + j * Int(ldb) : pb + j, ldb, beta, pc + j, ldc)
      }
    }
  }

  /// `Σ xᵢ²` over `count` floats (for L2 penalties).
  public static func sumOfSquares(_ x: UnsafePointer<Float>, count: Int) -> Float {
    guard count > 0 else { return 0 }
    return cblas_sdot(Int32(count), x, 1, x, 1)
  }

  /// `Σ |xᵢ|` over `count` floats (for L1 penalties).
  public static func sumOfMagnitudes(_ x: UnsafePointer<Float>, count: Int) -> Float {
    guard count > 0 else { return 0 }
    return cblas_sasum(Int32(count), x, 1)
  }
}
