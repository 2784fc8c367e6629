// The allocation functions compiled models call for their buffers.
//
// Code generation lowers memref allocations to MLIR's generic allocation functions, defined
// here and linked into each model with the micro-kernels. They are malloc and free, except
// that large blocks are kept when freed and handed out again: a model allocates the same
// sizes on every call (its planned arena, attention tiles), and a fresh large malloc is
// mapped by the kernel page by page on every call (over glibc's mmap threshold the block
// goes back to the system on free). A model therefore keeps up to SLOTS large blocks
// between calls; the library's destructor frees them. Small blocks (an attention head's
// rows and tiles, allocated and freed once per head: thousands per call for MiniLM's 96
// heads a layer) are rounded up to a power of two and kept on a free list per size, up to
// CLASS_BYTES per size: aligned malloc and free of them cost ~2.6% of MiniLM's time.
#define _POSIX_C_SOURCE 200112L
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

// Blocks from 256 KiB up are cached. Every block has a 64-byte header (so cache-line
// alignment, the alignment buffers ask for, comes for free) whose last 16 bytes hold its
// usable size and the distance back to the start of the malloc'd memory.
enum { HEADER = 64, LARGE = 1 << 18, SLOTS = 8 };
// Small size classes: 64 bytes (2^6) to 256 KiB (2^18, LARGE), each keeping at most
// CLASS_BYTES.
enum { MIN_CLASS_LOG = 6, CLASSES = 13, CLASS_BYTES = 1 << 20 };

typedef struct {
  size_t size, offset;
} Header;

static struct {
  pthread_mutex_t lock;
  void *block[SLOTS];
  size_t size[SLOTS];
} cache = {.lock = PTHREAD_MUTEX_INITIALIZER};

static struct {
  pthread_mutex_t lock;
  void *head[CLASSES]; // each free block's first bytes point to the next
  size_t count[CLASSES];
} small = {.lock = PTHREAD_MUTEX_INITIALIZER};

static Header *headerOf(void *ptr) { return (Header *)((char *)ptr - sizeof(Header)); }

/// The size class of a small block of `size` bytes (its size rounded up to 2^(class + 6)).
static int classOf(size_t size) {
  int c = 0;
  while (((size_t)1 << (c + MIN_CLASS_LOG)) < size)
    ++c;
  return c;
}

static size_t classSize(int c) { return (size_t)1 << (c + MIN_CLASS_LOG); }

/// A kept block of class `c`, if any.
static void *takeSmall(int c) {
  pthread_mutex_lock(&small.lock);
  void *found = small.head[c];
  if (found) {
    small.head[c] = *(void **)found;
    --small.count[c];
  }
  pthread_mutex_unlock(&small.lock);
  return found;
}

/// Keeps `ptr` (a block of class `c`) if its class has room; returns whether it did.
static int keepSmall(void *ptr, int c) {
  int kept = 0;
  pthread_mutex_lock(&small.lock);
  if ((small.count[c] + 1) * classSize(c) <= CLASS_BYTES) {
    *(void **)ptr = small.head[c];
    small.head[c] = ptr;
    ++small.count[c];
    kept = 1;
  }
  pthread_mutex_unlock(&small.lock);
  return kept;
}

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
  if (size < LARGE && alignment == HEADER) {
    int c = classOf(size);
    void *kept = takeSmall(c);
    if (kept)
      return kept;
    size = classSize(c);
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
  if (header->offset != HEADER) {
    release(ptr);
    return;
  }
  if (header->size < LARGE) {
    // Small blocks allocated with the header alignment have a class's size exactly.
    if (!keepSmall(ptr, classOf(header->size)))
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
  for (int c = 0; c < CLASSES; ++c)
    while (small.head[c]) {
      void *next = *(void **)small.head[c];
      release(small.head[c]);
      small.head[c] = next;
    }
  for (int i = 0; i < SLOTS; ++i)
    if (cache.block[i]) {
      release(cache.block[i]);
      cache.block[i] = NULL;
    }
}
