// Elementwise optimizer kernels in C.
//
// Why C: Swift lowers Float.squareRoot() to a call to sqrtf guarded for errno,
// which stops LLVM from vectorizing the update loops (measured: no sqrtps in
// the Swift Adam loop, 14-18% of an epoch). With `restrict` pointers clang
// vectorizes these loops; matrix products still go through BLAS.
#ifndef TRAINTOP_CKERNELS_H
#define TRAINTOP_CKERNELS_H

#include <stddef.h>
#include <stdint.h>

/// Adam (Kingma & Ba 2015, Algorithm 1) in Keras's form, with the bias
/// correction folded into alpha = lr * sqrt(1 - b2^t) / (1 - b1^t):
///   m += (g - m)(1 - b1);  v += (g^2 - v)(1 - b2);  w -= alpha * m / (sqrt(v) + eps)
void tt_adam_update(float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                    size_t count, float alpha, float one_minus_b1, float one_minus_b2, float eps);

/// Keras RMSprop: v = rho v + (1 - rho) g^2;  w -= lr * g / sqrt(v + eps)
void tt_rmsprop_update(float *restrict w, const float *restrict g, float *restrict v, size_t count,
                       float lr, float rho, float eps);

/// dst[i] = src[i] * scale: bytes (image pixels) to floats, for batch assembly.
void tt_bytes_to_floats(float *restrict dst, const unsigned char *restrict src, size_t count, float scale);

/// Gathers rows `indices[0..<n]` of a byte matrix with `d` columns into floats
/// (`dst` is n × d), scaling by `scale`. Rows a few ahead are prefetched: a
/// shuffled batch reads 100 random 784-byte rows of a 47 MB array, and the
/// cache misses, not the conversion, were the cost.
void tt_gather_bytes(float *restrict dst, const unsigned char *restrict src, const long *restrict indices,
                     size_t n, size_t d, float scale);

/// Prefetches (into the caches, for reading soon) the `row_bytes`-byte rows `indices[0..<n]` of
/// `src`: the next batch's rows, requested while this batch trains, arrive from memory
/// together instead of one cache miss after another when the batch is gathered.
void tt_prefetch_rows(const void *src, const long *indices, size_t n, size_t row_bytes);

/// z[r][j] += b[j] for each of `rows` rows of `cols` values (the bias of z = x·W + b).
void tt_add_row_vector(float *restrict z, const float *restrict b, size_t rows, size_t cols);

/// sums[j] = Σ_r d[r][j]: the bias gradient, NNDL BP3 summed over the batch.
void tt_column_sums(float *restrict sums, const float *restrict d, size_t rows, size_t cols);

/// a[i] = max(z[i], 0).
void tt_relu(float *restrict a, const float *restrict z, size_t count);

/// g[i] = z[i] > 0 ? g[i] : 0 — the ReLU derivative factor of BP2.
void tt_relu_backward(float *restrict g, const float *restrict z, size_t count);

/// Inverted-dropout mask: mask[i] = scale (kept) or 0 (dropped), unit i kept when its 16 random
/// bits are >= threshold (= rate * 65536). Each xoshiro256** number (state advanced in place)
/// decides four units, lowest bits first; a last partial group drops its unused bits. In C
/// because the Swift loop, bounds-checked per unit, was 5% of the seed model's epoch on the
/// training thread, where two threads cannot share it (one random stream, in order).
void tt_dropout_mask(float *restrict mask, size_t count, uint64_t state[restrict 4], uint32_t threshold,
                     float scale);

/// dst[i] = a[i] * b[i].
void tt_multiply(float *restrict dst, const float *a, const float *b, size_t count);

/// Makes denormal floats count as zero on the calling thread (x86 FTZ+DAZ,
/// AArch64 FZ), as TensorFlow does. Tiny gradients and Adam's second moments
/// otherwise turn into denormals that cost ~100 cycles each.
void tt_flush_denormals_to_zero(void);

/// Helper threads that run the parts of a piece of work beside the calling thread (pool.c).
typedef struct tt_pool tt_pool;

/// A pool doing work in `parts` parts: the caller's thread and `parts - 1` helpers. NULL for
/// fewer than 2 parts (tt_pool_run then runs the one part on the caller).
tt_pool *tt_pool_create(int parts);
int tt_pool_parts(const tt_pool *pool);
/// Runs fn(ctx, c) for every chunk c in 0..<chunks, on the calling thread and the helpers,
/// whichever claims it first; returns when all are done. One caller at a time.
void tt_pool_run(tt_pool *pool, void (*fn)(void *ctx, long chunk), void *ctx, int chunks);
void tt_pool_destroy(tt_pool *pool);

/// The CPUs in this process's affinity mask (taskset, a cpuset, a Slurm task's binding), else
/// the online CPUs; at least 1.
int tt_available_cpus(void);

#endif
