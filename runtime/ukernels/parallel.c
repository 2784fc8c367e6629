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

// How long a thread spins before it sleeps on a condition variable (pause instructions,
// roughly 0.1 to 1 ms): a model's parallel regions follow each other within microseconds,
// and a futex wake-up costs tens of them.
enum { SPIN_LIMIT = 20000 };

static inline void relax(void) {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  unsigned long seen = 0;
  for (;;) {
    unsigned long generation;
    int spins = 0;
    while ((generation = __atomic_load_n(&pool.generation, __ATOMIC_ACQUIRE)) == seen &&
           !__atomic_load_n(&pool.stop, __ATOMIC_ACQUIRE)) {
      if (++spins < SPIN_LIMIT) {
        relax();
        continue;
      }
      pthread_mutex_lock(&pool.lock);
      while (pool.generation == seen && !pool.stop)
        pthread_cond_wait(&pool.wake, &pool.lock);
      pthread_mutex_unlock(&pool.lock);
    }
    if (__atomic_load_n(&pool.stop, __ATOMIC_ACQUIRE))
      break;
    seen = generation;
    runShare(pool.task, pool.ctx, pool.count, id, pool.threads);
    if (__atomic_sub_fetch(&pool.pending, 1, __ATOMIC_ACQ_REL) == 0) {
      pthread_mutex_lock(&pool.lock);
      pthread_cond_signal(&pool.done);
      pthread_mutex_unlock(&pool.lock);
    }
  }
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
  __atomic_store_n(&pool.stop, 1, __ATOMIC_RELEASE);
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
  // The task is published before the generation that announces it (release/acquire).
  pool.task = task;
  pool.ctx = ctx;
  pool.count = count;
  __atomic_store_n(&pool.pending, pool.threads - 1, __ATOMIC_RELEASE);
  pthread_mutex_lock(&pool.lock);
  __atomic_store_n(&pool.generation, pool.generation + 1, __ATOMIC_RELEASE);
  pthread_cond_broadcast(&pool.wake);
  pthread_mutex_unlock(&pool.lock);
  runShare(task, ctx, count, 0, pool.threads);
  for (int spins = 0; __atomic_load_n(&pool.pending, __ATOMIC_ACQUIRE) > 0 && spins < SPIN_LIMIT;
       ++spins)
    relax();
  pthread_mutex_lock(&pool.lock);
  while (__atomic_load_n(&pool.pending, __ATOMIC_ACQUIRE) > 0)
    pthread_cond_wait(&pool.done, &pool.lock);
  pthread_mutex_unlock(&pool.lock);
  pthread_mutex_unlock(&pool.busy);
}
