#include "CKernels.h"
#include <math.h>
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

void tt_multiply(float *dst, const float *a, const float *b, size_t count) {
  for (size_t i = 0; i < count; i++) dst[i] = a[i] * b[i];
}
