// A few helper threads that run the parts of one piece of work with the calling thread.
//
// Why not OpenMP or a dispatch queue: the work comes in pieces of 10-200 microseconds (half a
// matrix product, half an Adam step), thousands of them a second, so handing a piece over must
// cost about a microsecond. Helpers spin for a while on an atomic counter after each piece
// (the next one is usually a few microseconds away), then yield, and only then sleep on a
// condition variable. Spinning burns the helper's core, which is why the dashboard, whose UI needs that
// core, trains with one thread (no pool).
//
// A piece comes in chunks (a few per thread), claimed, not assigned: the caller and the
// helpers take the next unclaimed chunk until none is left. On a machine whose other core is
// busy (another process, a build), a helper may not run for milliseconds; the caller then does
// most chunks itself instead of waiting, so a busy machine costs about the speed of one
// thread, not a stall per piece.
#include "CKernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
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

struct tt_pool {
  int parts;
  pthread_t *threads;
  pthread_mutex_t lock;
  pthread_cond_t wake;
  atomic_uint generation;  // bumped for each piece of work (and to stop)
  atomic_int next;         // the next chunk nobody has claimed
  atomic_int done;         // chunks finished
  int chunks;
  atomic_int sleeping;     // helpers waiting on `wake`
  atomic_int stopping;
  void (*fn)(void *, long);
  void *ctx;
};

struct helper_start {
  struct tt_pool *pool;
};

/// Claims and runs chunks until none is left.
static void run_chunks(struct tt_pool *pool) {
  int chunk;
  while ((chunk = atomic_fetch_add_explicit(&pool->next, 1, memory_order_acq_rel)) < pool->chunks) {
    pool->fn(pool->ctx, chunk);
    atomic_fetch_add_explicit(&pool->done, 1, memory_order_release);
  }
}

static void *helper_main(void *arg) {
  struct tt_pool *pool = ((struct helper_start *)arg)->pool;
  free(arg);
  tt_flush_denormals_to_zero();  // as on the training thread (see CKernels.h)
  // The generation the pool was created with, not the one now: a helper the scheduler starts
  // late must still see every piece published since, the request to stop included.
  unsigned seen = 0;
  for (;;) {
    unsigned now = seen;
    for (int i = 0; i < spin_rounds + yield_rounds; i++) {
      now = atomic_load_explicit(&pool->generation, memory_order_acquire);
      if (now != seen) break;
      if (i < spin_rounds) tt_relax(); else sched_yield();
    }
    if (now == seen) {
      pthread_mutex_lock(&pool->lock);
      atomic_fetch_add(&pool->sleeping, 1);
      while ((now = atomic_load_explicit(&pool->generation, memory_order_acquire)) == seen)
        pthread_cond_wait(&pool->wake, &pool->lock);
      atomic_fetch_sub(&pool->sleeping, 1);
      pthread_mutex_unlock(&pool->lock);
    }
    seen = now;
    if (atomic_load_explicit(&pool->stopping, memory_order_acquire)) return NULL;
    run_chunks(pool);
  }
}

tt_pool *tt_pool_create(int parts) {
  if (parts < 2) return NULL;
  struct tt_pool *pool = calloc(1, sizeof *pool);
  if (!pool) return NULL;
  pool->parts = parts;
  atomic_init(&pool->next, 1 << 30);  // nothing to claim before the first piece
  pool->threads = calloc((size_t)parts - 1, sizeof(pthread_t));
  pthread_mutex_init(&pool->lock, NULL);
  pthread_cond_init(&pool->wake, NULL);
  for (long p = 1; p < parts; p++) {
    struct helper_start *start = malloc(sizeof *start);
    start->pool = pool;
    pthread_create(&pool->threads[p - 1], NULL, helper_main, start);
  }
  return pool;
}

int tt_pool_parts(const tt_pool *pool) { return pool ? pool->parts : 1; }

static void publish(struct tt_pool *pool) {
  atomic_fetch_add_explicit(&pool->generation, 1, memory_order_release);
  if (atomic_load(&pool->sleeping) > 0) {
    pthread_mutex_lock(&pool->lock);
    pthread_cond_broadcast(&pool->wake);
    pthread_mutex_unlock(&pool->lock);
  }
}

void tt_pool_run(tt_pool *pool, void (*fn)(void *ctx, long chunk), void *ctx, int chunks) {
  if (!pool) {
    for (long c = 0; c < chunks; c++) fn(ctx, c);
    return;
  }
  pool->fn = fn;
  pool->ctx = ctx;
  pool->chunks = chunks;
  atomic_store_explicit(&pool->done, 0, memory_order_relaxed);
  atomic_store_explicit(&pool->next, 0, memory_order_release);  // fn, ctx, chunks seen with it
  publish(pool);
  run_chunks(pool);
  // Only chunks a helper is running now remain: wait (yielding, in case it shares our core).
  for (int i = 0; atomic_load_explicit(&pool->done, memory_order_acquire) < chunks; i++) {
    if (i < 1000) tt_relax(); else sched_yield();
  }
}

void tt_pool_destroy(tt_pool *pool) {
  if (!pool) return;
  atomic_store(&pool->stopping, 1);
  publish(pool);
  for (int p = 1; p < pool->parts; p++) pthread_join(pool->threads[p - 1], NULL);
  pthread_mutex_destroy(&pool->lock);
  pthread_cond_destroy(&pool->wake);
  free(pool->threads);
  free(pool);
}
