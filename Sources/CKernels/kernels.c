#include "CKernels.h"
#include <math.h>
#include <string.h>
#if defined(__x86_64__) || defined(__i386__)
#include <xmmintrin.h>
#endif

void tt_flush_denormals_to_zero(void) {
#if defined(__x86_64__) || defined(__i386__)
  _mm_setcsr(_mm_getcsr() | 0x8040);  // FTZ (bit 15) | DAZ (bit 6)
#elif defined(__aarch64__)
  unsigned long fpcr;
  __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
  fpcr |= (1UL << 24);  // FZ
  __asm__ volatile("msr fpcr, %0" : : "r"(fpcr));
#endif
}

// The update loops are compiled for the widest vectors the CPU has (chosen at load time): Adam's
// square root and division, 4 lanes wide in the baseline SSE2 build, were 10% of the seed model's
// epoch. Products are not contracted into FMAs (FP_CONTRACT OFF), so every width gives the same
// bits: sqrt, division, products and sums are each correctly rounded in IEEE 754 whatever the
// width.
#pragma STDC FP_CONTRACT OFF
#if defined(__x86_64__) && defined(__linux__) && defined(__clang__)
#define TT_WIDEST_VECTORS __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define TT_WIDEST_VECTORS
#endif

TT_WIDEST_VECTORS
void tt_adam_update(float *restrict w, const float *restrict g, float *restrict m, float *restrict v,
                    size_t count, float alpha, float one_minus_b1, float one_minus_b2, float eps) {
  for (size_t i = 0; i < count; i++) {
    float gi = g[i];
    float mi = m[i] + (gi - m[i]) * one_minus_b1;
    float vi = v[i] + (gi * gi - v[i]) * one_minus_b2;
    m[i] = mi;
    v[i] = vi;
    w[i] -= alpha * mi / (__builtin_sqrtf(vi) + eps);
  }
}

TT_WIDEST_VECTORS
void tt_rmsprop_update(float *restrict w, const float *restrict g, float *restrict v, size_t count,
                       float lr, float rho, float eps) {
  for (size_t i = 0; i < count; i++) {
    float gi = g[i];
    float vi = rho * v[i] + (1.0f - rho) * gi * gi;
    v[i] = vi;
    w[i] -= lr * gi / __builtin_sqrtf(vi + eps);
  }
}

void tt_bytes_to_floats(float *restrict dst, const unsigned char *restrict src, size_t count, float scale) {
  for (size_t i = 0; i < count; i++) dst[i] = (float)src[i] * scale;
}

void tt_add_row_vector(float *restrict z, const float *restrict b, size_t rows, size_t cols) {
  for (size_t r = 0; r < rows; r++) {
    float *restrict row = z + r * cols;
    for (size_t j = 0; j < cols; j++) row[j] += b[j];
  }
}

void tt_column_sums(float *restrict sums, const float *restrict d, size_t rows, size_t cols) {
  for (size_t j = 0; j < cols; j++) sums[j] = 0;
  for (size_t r = 0; r < rows; r++) {
    const float *restrict row = d + r * cols;
    for (size_t j = 0; j < cols; j++) sums[j] += row[j];
  }
}

void tt_relu(float *restrict a, const float *restrict z, size_t count) {
  for (size_t i = 0; i < count; i++) a[i] = fmaxf(z[i], 0.0f);
}

void tt_relu_backward(float *restrict g, const float *restrict z, size_t count) {
  // Branch-free (multiply by 0 or 1) so the loop vectorizes.
  for (size_t i = 0; i < count; i++) g[i] *= (float)(z[i] > 0.0f);
}

void tt_gather_bytes(float *restrict dst, const unsigned char *restrict src, const long *restrict indices,
                     size_t n, size_t d, float scale) {
  enum { ahead = 4 };
  for (size_t k = 0; k < n && k < ahead; k++)
    for (size_t off = 0; off < d; off += 64) __builtin_prefetch(src + (size_t)indices[k] * d + off);
  for (size_t k = 0; k < n; k++) {
    if (k + ahead < n) {
      const unsigned char *next = src + (size_t)indices[k + ahead] * d;
      for (size_t off = 0; off < d; off += 64) __builtin_prefetch(next + off);
    }
    tt_bytes_to_floats(dst + k * d, src + (size_t)indices[k] * d, d, scale);
  }
}

static inline uint64_t tt_rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

/// `scale` (its bits) when r >= threshold, else 0, without a comparison: for r, threshold <= 65536,
/// r - threshold is negative exactly when r < threshold, and its sign bit then clears the bits.
static inline float tt_keep(uint64_t r, uint32_t threshold, uint32_t scale_bits) {
  uint32_t dropped = (uint32_t)((int32_t)((uint32_t)r - threshold) >> 31);  // all ones or 0
  uint32_t out = scale_bits & ~dropped;
  float f;
  memcpy(&f, &out, sizeof f);
  return f;
}

void tt_dropout_mask(float *restrict mask, size_t count, uint64_t state[restrict 4], uint32_t threshold,
                     float scale) {
  uint32_t scale_bits;
  memcpy(&scale_bits, &scale, sizeof scale_bits);
  uint64_t s0 = state[0], s1 = state[1], s2 = state[2], s3 = state[3];
  for (size_t i = 0; i < count; i += 4) {
    // xoshiro256** next(), as Xoshiro256.next() in SeededRandom.swift.
    uint64_t bits = tt_rotl(s1 * 5, 7) * 9;
    uint64_t t = s1 << 17;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = tt_rotl(s3, 45);
    // Branch-free: a kept/dropped branch is mispredicted about as often as units are dropped,
    // which cost more than the generator (and clang turns `x >= t ? scale : 0` into one).
    if (count - i >= 4) {
      mask[i] = tt_keep(bits & 0xFFFF, threshold, scale_bits);
      mask[i + 1] = tt_keep((bits >> 16) & 0xFFFF, threshold, scale_bits);
      mask[i + 2] = tt_keep((bits >> 32) & 0xFFFF, threshold, scale_bits);
      mask[i + 3] = tt_keep(bits >> 48, threshold, scale_bits);
    } else {
      for (size_t k = i; k < count; k++, bits >>= 16) mask[k] = tt_keep(bits & 0xFFFF, threshold, scale_bits);
    }
  }
  state[0] = s0;
  state[1] = s1;
  state[2] = s2;
  state[3] = s3;
}

void tt_prefetch_rows(const void *src, const long *indices, size_t n, size_t row_bytes) {
  const unsigned char *base = src;
  for (size_t k = 0; k < n; k++) {
    const unsigned char *row = base + (size_t)indices[k] * row_bytes;
    // Every 64-byte line the row touches, its last included (rows need not start on a line).
    for (size_t off = 0; off < row_bytes; off += 64) __builtin_prefetch(row + off, 0, 1);
    __builtin_prefetch(row + row_bytes - 1, 0, 1);
  }
}

void tt_multiply(float *dst, const float *a, const float *b, size_t count) {
  for (size_t i = 0; i < count; i++) dst[i] = a[i] * b[i];
}
