// The thread pool that compiled models run their large matmuls on.
//
// Linked into each model with the micro-kernels (so each model has its own pool and still
// needs only libc). The pool starts on the first parallel call with TFC_NUM_THREADS
// threads (the caller included), or as many as the process may run on; the library's
// destructor stops it. Work is split statically into contiguous ranges of units, one per
// thread, so which thread computes what never changes the arithmetic: results are the same
// bit for bit at any thread count.
#define _GNU_SOURCE
#include "tfc_ukernels.h"
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>

enum { MAX_THREADS = 256 };

static struct {
  pthread_once_t once;
  pthread_mutex_t lock;
  pthread_cond_t wake, done;
  // Serialises parallel regions: a second caller (another application thread) runs its
  // work alone instead of waiting.
  pthread_mutex_t busy;
  int threads, started, stop;
  unsigned long generation;
  int pending;
  tfc_uk_task task;
  void *ctx;
  int64_t count;
  pthread_t workers[MAX_THREADS];
} pool = {.once = PTHREAD_ONCE_INIT,
          .lock = PTHREAD_MUTEX_INITIALIZER,
          .wake = PTHREAD_COND_INITIALIZER,
          .done = PTHREAD_COND_INITIALIZER,
          .busy = PTHREAD_MUTEX_INITIALIZER};

static int configuredThreads(void) {
  const char *env = getenv("TFC_NUM_THREADS");
  if (env && *env) {
    long n = strtol(env, NULL, 10);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : (int)n;
  }
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int n = CPU_COUNT(&set);
    return n < 1 ? 1 : n > MAX_THREADS ? MAX_THREADS : n;
  }
  return 1;
}

/// Participant `id` of `threads` runs its contiguous share of [0, count).
static void runShare(tfc_uk_task task, void *ctx, int64_t count, int id, int threads) {
  int64_t begin = count * id / threads, end = count * (id + 1) / threads;
  if (begin < end)
    task(ctx, begin, end);
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  unsigned long seen = 0;
  pthread_mutex_lock(&pool.lock);
  for (;;) {
    while (pool.generation == seen && !pool.stop)
      pthread_cond_wait(&pool.wake, &pool.lock);
    if (pool.stop)
      break;
    seen = pool.generation;
    tfc_uk_task task = pool.task;
    void *ctx = pool.ctx;
    int64_t count = pool.count;
    pthread_mutex_unlock(&pool.lock);
    runShare(task, ctx, count, id, pool.threads);
    pthread_mutex_lock(&pool.lock);
    if (--pool.pending == 0)
      pthread_cond_signal(&pool.done);
  }
  pthread_mutex_unlock(&pool.lock);
  return NULL;
}

static void startPool(void) {
  pool.threads = configuredThreads();
  for (int i = 1; i < pool.threads; ++i)
    if (pthread_create(&pool.workers[i], NULL, worker, (void *)(intptr_t)i) != 0) {
      pool.threads = i; // run with the workers that did start
      break;
    }
  pool.started = 1;
}

__attribute__((destructor)) static void stopPool(void) {
  if (!pool.started)
    return;
  pthread_mutex_lock(&pool.lock);
  pool.stop = 1;
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  for (int i = 1; i < pool.threads; ++i)
    pthread_join(pool.workers[i], NULL);
  pool.started = 0;
}

int tfc_uk_num_threads(void) {
  pthread_once(&pool.once, startPool);
  return pool.threads;
}

void tfc_uk_parallel(int64_t count, tfc_uk_task task, void *ctx) {
  if (count <= 1 || tfc_uk_num_threads() <= 1 || pthread_mutex_trylock(&pool.busy) != 0) {
    task(ctx, 0, count);
    return;
  }
  pthread_mutex_lock(&pool.lock);
  pool.task = task;
  pool.ctx = ctx;
  pool.count = count;
  pool.pending = pool.threads - 1;
  ++pool.generation;
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  runShare(task, ctx, count, 0, pool.threads);
  pthread_mutex_lock(&pool.lock);
  while (pool.pending > 0)
    pthread_cond_wait(&pool.done, &pool.lock);
  pthread_mutex_unlock(&pool.lock);
  pthread_mutex_unlock(&pool.busy);
}
