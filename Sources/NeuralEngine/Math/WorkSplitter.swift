import CKernels

/// Splits one training step's work over several threads: each matrix product in parts along
/// its larger output side, each large elementwise loop in contiguous ranges.
///
/// Why not two OpenBLAS threads: measured on the seed model (README, "Two threads"), OpenBLAS
/// threads only its products, and at these sizes (100×784×128) its second thread gained little;
/// the elementwise work (Adam over 100 000 weights, ReLU, the batch gather) stayed on one core.
/// Here every part of a product is a single-threaded `cblas_sgemm` over whole rows or columns
/// of the output, so each output element is still computed by one thread with the same kernel
/// and the same order of sums: the metrics do not depend on the thread count.
///
/// The helpers spin between pieces of work (see pool.c), so a splitter keeps its cores busy
/// while a run trains: headless runs use one when the machine has the cores; the dashboard,
/// whose UI needs a core, does not.
final class WorkSplitter {
  /// Threads doing the work, the caller's included.
  let parts: Int
  private let pool: OpaquePointer?

  /// Products smaller than this many multiply-adds are not split (handing over costs ~1 µs).
  static let minimumProduct = 1 << 20
  /// Elementwise loops shorter than this are not split.
  static let minimumLoop = 16 * 1024

  init(parts: Int) {
    pool = tt_pool_create(Int32(parts))
    self.parts = pool == nil ? 1 : parts
  }

  deinit { tt_pool_destroy(pool) }

  /// Chunks per thread for a product and for an elementwise loop: a few each, so that a thread
  /// the scheduler holds back (the machine's other work) leaves its share to the others; more
  /// for the cheap loops, fewer for products, whose speed drops as they get thinner.
  static let productChunksPerPart = 2
  static let loopChunksPerPart = 4

  /// Calls `body(chunk)` for every chunk in `0..<chunks`, on this thread and the helpers,
  /// whichever claims it first; returns when all are done. `body` must be safe to run
  /// concurrently for different chunks (each writes its own memory).
  func run(chunks: Int, _ body: (Int) -> Void) {
    guard let pool, chunks > 1 else {
      for chunk in 0..<chunks { body(chunk) }
      return
    }
    withoutActuallyEscaping(body) { body in
      var closure = body
      withUnsafeMutablePointer(to: &closure) { pointer in
        tt_pool_run(
          pool,
          { context, chunk in
            context!.assumingMemoryBound(to: ((Int) -> Void).self).pointee(Int(chunk))
          }, pointer, Int32(chunks))
      }
    }
  }

  /// Chunk `chunk` of `0..<count` cut in `chunks` contiguous ranges whose bounds are multiples of
  /// `alignment` (so each chunk's vector loops start aligned, or its rows are whole); the last
  /// ones may be empty.
  static func range(_ chunk: Int, of count: Int, in chunks: Int, alignment: Int = 16) -> Range<Int> {
    let step = (count + chunks - 1) / chunks
    let aligned = (step + alignment - 1) / alignment * alignment
    let start = min(count, chunk * aligned)
    return start..<min(count, start + aligned)
  }

  /// Runs `body` over `0..<count` in a few ranges per thread, or whole on this thread when short.
  func forEachRange(of count: Int, alignment: Int = 16, _ body: (Range<Int>) -> Void) {
    guard parts > 1, count >= Self.minimumLoop else {
      body(0..<count)
      return
    }
    let chunks = parts * Self.loopChunksPerPart
    run(chunks: chunks) { chunk in
      let r = Self.range(chunk, of: count, in: chunks, alignment: alignment)
      if !r.isEmpty { body(r) }
    }
  }
}
