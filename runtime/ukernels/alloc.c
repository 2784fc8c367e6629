// The allocation functions compiled models call for their buffers.
//
// Code generation lowers memref allocations to MLIR's generic allocation functions, defined
// here and linked into each model with the micro-kernels. They are malloc and free, except
// that large blocks are kept when freed and handed out again: a model allocates the same
// sizes on every call (its planned arena, attention tiles), and a fresh large malloc is
// mapped by the kernel page by page on every call (over glibc's mmap threshold the block
// goes back to the system on free). A model therefore keeps up to SLOTS large blocks
// between calls; the library's destructor frees them.
#define _POSIX_C_SOURCE 200112L
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// Blocks from 256 KiB up are cached. Every block has a 64-byte header (so cache-line
// alignment, the alignment buffers ask for, comes for free) whose last 16 bytes hold its
// usable size and the distance back to the start of the malloc'd memory.
enum { HEADER = 64, LARGE = 1 << 18, SLOTS = 8 };

typedef struct {
  size_t size, offset;
} Header;

static struct {
  pthread_mutex_t lock;
  void *block[SLOTS];
  size_t size[SLOTS];
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static Header *headerOf(void *ptr) { return (Header *)((char *)ptr - sizeof(Header)); }

/// A cached block of at least `size` bytes and at most a quarter more, if any.
static void *takeCached(size_t size) {
  void *found = NULL;
  pthread_mutex_lock(&cache.lock);
  int best = -1;
  for (int i = 0; i < SLOTS; ++i)
    if (cache.block[i] && cache.size[i] >= size && cache.size[i] - size <= size / 4 &&
        (best < 0 || cache.size[i] < cache.size[best]))
      best = i;
  if (best >= 0) {
    found = cache.block[best];
    cache.block[best] = NULL;
  }
  pthread_mutex_unlock(&cache.lock);
  return found;
}

static void *allocate(size_t size, size_t alignment) {
  if (alignment < HEADER)
    alignment = HEADER;
  if (size >= LARGE && alignment == HEADER) {
    void *cached = takeCached(size);
    if (cached)
      return cached;
  }
  void *base = NULL;
  if (posix_memalign(&base, alignment, size + alignment) != 0)
    return NULL;
  void *ptr = (char *)base + alignment;
  headerOf(ptr)->size = size;
  headerOf(ptr)->offset = alignment;
  return ptr;
}

static void release(void *ptr) { free((char *)ptr - headerOf(ptr)->offset); }

void *_mlir_memref_to_llvm_alloc(size_t size) { return allocate(size, HEADER); }

void *_mlir_memref_to_llvm_aligned_alloc(size_t alignment, size_t size) {
  return allocate(size, alignment);
}

void _mlir_memref_to_llvm_free(void *ptr) {
  if (!ptr)
    return;
  Header *header = headerOf(ptr);
  if (header->size < LARGE || header->offset != HEADER) {
    release(ptr);
    return;
  }
  // Keep it: in an empty slot, else in place of the smallest block if that one is smaller.
  pthread_mutex_lock(&cache.lock);
  int slot = -1;
  for (int i = 0; i < SLOTS && slot < 0; ++i)
    if (!cache.block[i])
      slot = i;
  if (slot < 0) {
    slot = 0;
    for (int i = 1; i < SLOTS; ++i)
      if (cache.size[i] < cache.size[slot])
        slot = i;
    if (cache.size[slot] >= header->size)
      slot = -1;
  }
  void *evicted = NULL;
  if (slot >= 0) {
    evicted = cache.block[slot];
    cache.block[slot] = ptr;
    cache.size[slot] = header->size;
  }
  pthread_mutex_unlock(&cache.lock);
  if (slot < 0)
    release(ptr);
  else if (evicted)
    release(evicted);
}

__attribute__((destructor)) static void freeCache(void) {
  for (int i = 0; i < SLOTS; ++i)
    if (cache.block[i]) {
      release(cache.block[i]);
      cache.block[i] = NULL;
    }
}
