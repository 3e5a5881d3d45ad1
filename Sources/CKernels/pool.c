// A few helper threads that run the parts of one piece of work with the calling thread.
//
// Why not OpenMP or a dispatch queue: the work comes in pieces of 10-200 microseconds (half a
// matrix product, half an Adam step), thousands of them a second, so handing a piece over must
// cost about a microsecond. Helpers spin for a while on an atomic counter after each piece
// (the next one is usually a few microseconds away), then yield, and only then sleep on a
// condition variable. Spinning burns the helper's core, which is why the dashboard, whose UI needs that
// core, trains with one thread (no pool).
//
// A piece comes in chunks (a few per thread), claimed, not assigned. Thread t (the caller is
// 0) first claims the chunks of its own contiguous share, chunks·t/parts up to
// chunks·(t+1)/parts, then any another thread has not claimed yet. The shares keep each
// thread on the same memory piece after piece (the same rows of the weights in the Adam step
// after Adam step), so that memory stays in its core's cache. Stealing keeps the reason for
// claiming: on a machine whose other core is busy (another process, a build), a helper may
// not run for milliseconds; the caller then does its chunks too instead of waiting, so a busy
// machine costs about the speed of one thread, not a stall per piece.
//
// Each chunk has a claim word: piece g opens it as 2g and a thread takes it by changing 2g to
// 2g+1. A helper that saw piece g late (the caller may have done all of g and opened g+1) can
// only take words still at 2g, so it never runs a chunk of a piece it did not read.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define tt_relax() _mm_pause()
#else
#define tt_relax() ((void)0)
#endif

// Between pieces a helper first spins (~20 µs of pause instructions: the next piece is usually
// a few microseconds away), then yields for a while (so a caller the scheduler put on the same
// core runs instead of waiting behind a spinning helper), then sleeps.
enum { spin_rounds = 1000, yield_rounds = 200 };

/// The most chunks one piece may have per part (WorkSplitter uses at most 4).
enum { chunks_per_part_limit = 8 };

struct tt_pool {
  int parts;
  pthread_t *threads;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  _Atomic uint64_t generation;  // the current piece, bumped for each (and to stop); 64 bits never wrap
  _Atomic uint64_t *claims;     // per chunk: 2g open in piece g, 2g+1 taken
  atomic_int done;              // chunks of the current piece finished
  atomic_int chunks;            // chunks in the current piece, at most max_chunks
  int max_chunks;
  atomic_int sleeping;  // helpers waiting on `wake`
  atomic_int stopping;
  void (*fn)(void *, long);
  void *ctx;
};

struct helper_start {
  struct tt_pool *pool;
  int index;
};

/// Runs the chunks of piece `g` that thread `t` can take: its own share first, then the
/// others' (starting after its share, so two threads that steal do not race for one chunk).
static void run_chunks(struct tt_pool *pool, int t, uint64_t g) {
  int chunks = atomic_load_explicit(&pool->chunks, memory_order_relaxed);
  int first = (int)((long)chunks * t / pool->parts);
  for (int i = 0; i < chunks; i++) {
    int chunk = (first + i) % chunks;
    uint64_t open = 2 * g;
    // Acquire: fn and ctx, written before the word was opened, are those of piece g.
    if (!atomic_compare_exchange_strong_explicit(&pool->claims[chunk], &open, open + 1, memory_order_acquire,
                                                 memory_order_relaxed))
      continue;
    pool->fn(pool->ctx, chunk);
    atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
  }
}

static void *helper_main(void *arg) {
  struct tt_pool *pool = ((struct helper_start *)arg)->pool;
  int index = ((struct helper_start *)arg)->index;
  free(arg);
  tt_flush_denormals_to_zero();  // as on the training thread (see CKernels.h)
  // The generation the pool was created with, not the one now: a helper the scheduler starts
  // late must still see every piece published since, the request to stop included.
  uint64_t seen = 0;
  for (;;) {
    uint64_t now = seen;
    for (int i = 0; i < spin_rounds + yield_rounds; i++) {
      now = atomic_load_explicit(&pool->generation, memory_order_acquire);
      if (now != seen) break;
      if (i < spin_rounds) tt_relax(); else sched_yield();
    }
    if (now == seen) {
      pthread_mutex_lock(&pool->lock);
      atomic_fetch_add_explicit(&pool->sleeping, 1, memory_order_seq_cst);  // then read: see publish
      while ((now = atomic_load_explicit(&pool->generation, memory_order_seq_cst)) == seen)
        pthread_cond_wait(&pool->wake, &pool->lock);
      atomic_fetch_sub(&pool->sleeping, 1);
      pthread_mutex_unlock(&pool->lock);
    }
    seen = now;
    if (atomic_load_explicit(&pool->stopping, memory_order_acquire)) return NULL;
    run_chunks(pool, index, now);
  }
}

tt_pool *tt_pool_create(int parts) {
  if (parts < 2) return NULL;
  struct tt_pool *pool = calloc(1, sizeof *pool);
  if (!pool) return NULL;
  pool->parts = parts;
  pool->max_chunks = parts * chunks_per_part_limit;
  pool->claims = calloc((size_t)pool->max_chunks, sizeof *pool->claims);  // 0: piece 0, never run
  pool->threads = calloc((size_t)parts - 1, sizeof(pthread_t));
  if (!pool->claims || !pool->threads) {
    free(pool->claims);
    free(pool->threads);
    free(pool);
    return NULL;
  }
  for (int c = 0; c < pool->max_chunks; c++) atomic_init(&pool->claims[c], 1);  // piece 0: taken
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  for (long p = 1; p < parts; p++) {
    struct helper_start *start = malloc(sizeof *start);
    start->pool = pool;
    start->index = (int)p;
    pthread_create(&pool->threads[p - 1], NULL, helper_main, start);
  }
  return pool;
}

int tt_pool_parts(const tt_pool *pool) { return pool ? pool->parts : 1; }

/// Wakes the helpers for generation `g` (a new piece, or the stop).
static void publish(struct tt_pool *pool, uint64_t g) {
  // Sequentially consistent store, then load: with release/acquire alone, this thread could read
  // `sleeping` as 0 while a helper that just counted itself in reads the old generation, and
  // that helper would sleep through the piece (or, for the stop, make destroy wait forever).
  atomic_store_explicit(&pool->generation, g, memory_order_seq_cst);
  if (atomic_load_explicit(&pool->sleeping, memory_order_seq_cst) > 0) {
    pthread_mutex_lock(&pool->lock);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
  }
}

void tt_pool_run(tt_pool *pool, void (*fn)(void *ctx, long chunk), void *ctx, int chunks) {
  if (!pool || chunks > pool->max_chunks) {
    for (long c = 0; c < chunks; c++) fn(ctx, c);
    return;
  }
  uint64_t g = atomic_load_explicit(&pool->generation, memory_order_relaxed) + 1;
  pool->fn = fn;
  pool->ctx = ctx;
  atomic_store_explicit(&pool->chunks, chunks, memory_order_relaxed);
  atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
  for (int c = 0; c < chunks; c++) atomic_store_explicit(&pool->claims[c], 2 * g, memory_order_release);
  publish(pool, g);
  run_chunks(pool, 0, g);
  // Only chunks a helper is running now remain: wait (yielding, in case it shares our core).
  for (int i = 0; atomic_load_explicit(&pool->done, memory_order_acquire) < chunks; i++) {
    if (i < 1000) tt_relax(); else sched_yield();
  }
}

void tt_pool_destroy(tt_pool *pool) {
  if (!pool) return;
  atomic_store(&pool->stopping, 1);
  publish(pool, atomic_load(&pool->generation) + 1);
  for (int p = 1; p < pool->parts; p++) pthread_join(pool->threads[p - 1], NULL);
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->wake);
  free(pool->claims);
  free(pool->threads);
  free(pool);
}
