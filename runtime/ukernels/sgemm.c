// The f32 matmul micro-kernel that compiled models call: C += A * B,
// register-tiled.
//
// This file is compiled to LLVM bitcode three times (AVX-512, AVX2 + FMA,
// baseline x86-64) and embedded in tfc; code generation links the variant that
// the target CPU supports into each model, so a compiled model still depends on
// libc only. See docs/cpu-performance.md.
//
// B is either row-major (leading dimension ldb) or packed at compile time into
// panels of TFC_UK_NR columns: panel p holds columns [p*NR, p*NR+NR) as K rows
// of NR contiguous floats, zero-padded past N. A packed panel is a row-major
// matrix with leading dimension NR, so one tile routine serves both layouts.
#include "activations.h"
#include "tfc_ukernels.h"

#include <stdint.h>

#if defined(TFC_UK_AVX512) || defined(TFC_UK_AVX2)
#include <immintrin.h>
#endif

// Rows of A per tile, and the depth of one pass over a B panel: KC rows of NR
// floats (144 KiB) stay in the L2 cache while every row tile of A streams past
// them. Measured on Zen 5 (1 MiB L2): KC 128 reloads the C tiles too often, a
// whole-K pass misses L2 for large K; 768 rather than 384, once the next block is
// prefetched (below), halves the C reloads: 128x768x3072 89% -> 97% of peak,
// 128x3072x768 92% -> 96%, BERT-base and MiniLM ~1% faster.
enum { MR = 8, KC = 768 };

static int64_t minI64(int64_t a, int64_t b) { return a < b ? a : b; }

// What a tile does for the tiles around it: it fetches `lines` cache lines of the next packed
// B block from `b` and the rows of the next C tile from `c`, and (AVX-512) applies the GELU to
// the finished MR rows of the tile before at `act` (below).
typedef struct {
  const char *b;
  int64_t lines;
  const float *c;
  float *act;
} Ahead;

#if defined(TFC_UK_AVX512)

// One MR x NR tile over kc steps: 24 zmm accumulators, three B vectors per
// step, A broadcast from memory. Rows past `rows` repeat the last valid row
// (their results are dropped), columns past `cols` are masked, so edge tiles
// need no copies. The first row tile of a panel slice is the one that brings B
// in from L3 or memory; it prefetches B PREFETCH_ROWS rows ahead, which took
// 128x768x3072 from ~70% to ~95% of peak (the hardware prefetcher alone falls
// behind). In a model the weights come from memory, not L3 as in a GEMM benchmark that
// repeats one product: 48 rows (9 KiB) ahead rather than 16 took BERT-base ~2% faster,
// with the isolated GEMMs unchanged.
//
// That first tile still waited: it needs its block at ~60 GB/s, more than one core draws
// from memory (it ran ~45% slower than the other row tiles). So the other row tiles fetch
// the next block into L2 meanwhile, `ahead.lines` lines from `ahead.b`: BERT-base and
// MiniLM ~3% faster. Issued all at once before a tile, the same prefetches filled the miss
// buffers and stalled it (~2% slower); one per depth step over the tile's first steps, the
// first tile still ran ~7% slower than the others; spread evenly over all its steps, it
// runs as fast (BERT-base ~0.8% faster).
//
// A tile also fetches the rows of the next C tile that will be read (`ahead.c`) into L1,
// one row per depth step: C had left L2 by the time its tile started, and its loads
// stalled each tile (~4% of BERT-base's kernel time). A tile that starts from zero or the
// bias (`init`) reads no C, so none is fetched for it.
//
// The GELU epilogue runs inside the next row tile's depth loop: one vector of the tile before
// every few steps, from step ACT_START on (by then that tile's stores have left the store
// buffer: a load right after a masked store does not get its data forwarded and waits). Its
// shuffles, conversions and masks then share the cycles of the multiply-adds. As a pass over
// the finished block it cost 4.4% of a 128x768x3072 product and ~6% of 104x384x1536 (the
// block's 12 KiB rows share L1 sets); interleaved, 128x768x3072 with GELU 238.5 -> 243.6
// GFLOP/s and 104x384x1536 228.3 -> 237.0 (246 without GELU). The last row tile's rows
// still get the pass.
enum { PREFETCH_ROWS = 48, ACT_START = 8 };

static inline __attribute__((always_inline)) void
tileImpl(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
         int64_t kc, int64_t rows, int64_t cols, int prefetch, int mr, int nv, const float *init,
         Ahead ahead, int gelu) {
  const float *arow[MR];
  for (int i = 0; i < mr; ++i)
    arow[i] = a + minI64(i, rows - 1) * lda;
  __mmask16 mask[3];
  for (int j = 0; j < 3; ++j) {
    int64_t valid = cols - 16 * j;
    mask[j] = valid >= 16  ? (__mmask16)0xFFFF
              : valid <= 0 ? (__mmask16)0
                           : (__mmask16)((1u << valid) - 1u);
  }
  __m512 acc[MR][3];
  for (int j = 0; j < nv; ++j) {
    __m512 start = init ? _mm512_maskz_loadu_ps(mask[j], init + 16 * j) : _mm512_setzero_ps();
    for (int i = 0; i < mr; ++i)
      acc[i][j] = init || i >= rows ? start : _mm512_maskz_loadu_ps(mask[j], c + i * ldc + 16 * j);
  }
  // One line every `every` depth steps.
  int64_t every = ahead.lines > 0 && kc / ahead.lines > 1 ? kc / ahead.lines : 1;
  int64_t countdown = 1;
  const char *nextLine = ahead.b, *lastLine = ahead.b + 64 * ahead.lines;
  // The tile before: MR rows of nv vectors, one every `actEvery` steps after ACT_START.
  int64_t actEvery = kc > ACT_START + MR * nv ? (kc - ACT_START) / (MR * nv) : 1;
  int64_t actCountdown = ACT_START + 1, actRow = 0, actVec = 0;
  for (int64_t k = 0; k < kc; ++k) {
    if (gelu && --actCountdown == 0) {
      actCountdown = actEvery;
      if (actRow < MR) {
        tfcUkGeluVector(ahead.act + actRow * ldc + 16 * actVec, mask[actVec]);
        if (++actVec == nv) {
          actVec = 0;
          ++actRow;
        }
      }
    }
    const float *brow = b + k * ldb;
    if (prefetch)
      for (int j = 0; j < nv; ++j)
        _mm_prefetch((const char *)(brow + PREFETCH_ROWS * ldb + 16 * j), _MM_HINT_T0);
    else if (--countdown == 0) {
      countdown = every;
      if (nextLine < lastLine) {
        _mm_prefetch(nextLine, _MM_HINT_T1);
        nextLine += 64;
      }
    }
    if (ahead.c && k < MR)
      for (int j = 0; j < nv; ++j)
        _mm_prefetch((const char *)(ahead.c + k * ldc + 16 * j), _MM_HINT_T0);
    __m512 bv[3];
    for (int j = 0; j < nv; ++j)
      bv[j] = _mm512_maskz_loadu_ps(mask[j], brow + 16 * j);
    for (int i = 0; i < mr; ++i) {
      __m512 ai = _mm512_set1_ps(arow[i][k]);
      for (int j = 0; j < nv; ++j)
        acc[i][j] = _mm512_fmadd_ps(ai, bv[j], acc[i][j]);
    }
  }
  for (int i = 0; i < mr; ++i) {
    if (i >= rows)
      break;
    for (int j = 0; j < nv; ++j)
      _mm512_mask_storeu_ps(c + i * ldc + 16 * j, mask[j], acc[i][j]);
  }
  // A depth too short to spread it over: the rest of the tile before.
  if (gelu)
    for (; actRow < MR; ++actRow, actVec = 0)
      for (; actVec < nv; ++actVec)
        tfcUkGeluVector(ahead.act + actRow * ldc + 16 * actVec, mask[actVec]);
}

// Edge tiles get tiles of their own size: the full tile would do the multiply-adds of the
// rows and column vectors it then drops. A single row is a decode step's matrix-vector
// products (eight times the work otherwise); a last row tile of 5 (ViT's 197 tokens), a
// last panel of 16 or 5 columns (64-wide attention heads, 197 keys) cost a full tile's time
// before.
#define TFC_UK_TILE(mr, nv, prefetch)                                                              \
  tileImpl(a, lda, b, ldb, c, ldc, kc, rows, cols, prefetch, mr, nv, init, ahead, 0)
#define TFC_UK_GELU_TILE(nv)                                                                       \
  tileImpl(a, lda, b, ldb, c, ldc, kc, rows, cols, 0, MR, nv, init, ahead, 1)

static void tile(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int64_t kc, int64_t rows, int64_t cols, int first, const float *init,
                 Ahead ahead) {
  if (rows < MR) {
    switch (rows) {
    case 1: TFC_UK_TILE(1, 3, first); return;
    case 2: TFC_UK_TILE(2, 3, first); return;
    case 3: TFC_UK_TILE(3, 3, first); return;
    case 4: TFC_UK_TILE(4, 3, first); return;
    case 5: TFC_UK_TILE(5, 3, first); return;
    case 6: TFC_UK_TILE(6, 3, first); return;
    default: TFC_UK_TILE(7, 3, first); return;
    }
  }
  // Never the first row tile of a panel, which prefetches B instead.
  if (ahead.act) {
    switch ((cols + 15) / 16) {
    case 1: TFC_UK_GELU_TILE(1); return;
    case 2: TFC_UK_GELU_TILE(2); return;
    default: TFC_UK_GELU_TILE(3); return;
    }
  }
  // The panel's column vectors (1 to 3), plus 3 for the first row tile, which prefetches.
  switch (first ? 3 + (cols + 15) / 16 : (cols + 15) / 16) {
  case 1: TFC_UK_TILE(MR, 1, 0); return;
  case 2: TFC_UK_TILE(MR, 2, 0); return;
  case 3: TFC_UK_TILE(MR, 3, 0); return;
  case 4: TFC_UK_TILE(MR, 1, 1); return;
  case 5: TFC_UK_TILE(MR, 2, 1); return;
  default: TFC_UK_TILE(MR, 3, 1); return;
  }
}

#undef TFC_UK_TILE
#undef TFC_UK_GELU_TILE

#elif defined(TFC_UK_AVX2)

// AVX2 + FMA tile, in registers the vectorizer did not find from the portable C (it reached
// a third of the AVX2 peak): 4 rows x up to 24 columns in 12 ymm accumulators, three B
// vectors and a broadcast making the 16 registers; an 8 x 48 tile is four of them. Columns
// past `cols` are masked (B is read with vmaskmovps only in the last vector of a partial
// block), rows past `rows` repeat the last valid row and are not stored.
static inline __attribute__((always_inline)) void
avx2Block(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
          int64_t kc, int64_t rows, int64_t cols, const float *init, int nv, int partial) {
  const float *arow[4];
  for (int i = 0; i < 4; ++i)
    arow[i] = a + minI64(i, rows - 1) * lda;
  __m256i tail = _mm256_cmpgt_epi32(_mm256_set1_epi32((int)(cols - 8 * (nv - 1))),
                                    _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
  __m256 acc[4][3];
  for (int j = 0; j < nv; ++j) {
    int masked = partial && j == nv - 1;
    __m256 start = !init    ? _mm256_setzero_ps()
                   : masked ? _mm256_maskload_ps(init + 8 * j, tail)
                            : _mm256_loadu_ps(init + 8 * j);
    for (int i = 0; i < 4; ++i)
      acc[i][j] = init || i >= rows ? start
                  : masked          ? _mm256_maskload_ps(c + i * ldc + 8 * j, tail)
                                    : _mm256_loadu_ps(c + i * ldc + 8 * j);
  }
  for (int64_t k = 0; k < kc; ++k) {
    const float *brow = b + k * ldb;
    __m256 bv[3];
    for (int j = 0; j < nv; ++j)
      bv[j] = partial && j == nv - 1 ? _mm256_maskload_ps(brow + 8 * j, tail)
                                     : _mm256_loadu_ps(brow + 8 * j);
    for (int i = 0; i < 4; ++i) {
      __m256 ai = _mm256_broadcast_ss(arow[i] + k);
      for (int j = 0; j < nv; ++j)
        acc[i][j] = _mm256_fmadd_ps(ai, bv[j], acc[i][j]);
    }
  }
  for (int i = 0; i < 4 && i < rows; ++i)
    for (int j = 0; j < nv; ++j) {
      if (partial && j == nv - 1)
        _mm256_maskstore_ps(c + i * ldc + 8 * j, tail, acc[i][j]);
      else
        _mm256_storeu_ps(c + i * ldc + 8 * j, acc[i][j]);
    }
}

#define TFC_UK_BLOCK(nv, partial)                                                                  \
  avx2Block(a + i0 * lda, lda, b + j0, ldb, c + i0 * ldc + j0, ldc, kc, rows - i0, width, start,   \
            nv, partial)

static void tile(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int64_t kc, int64_t rows, int64_t cols, int first, const float *init,
                 Ahead ahead) {
  (void)first;
  (void)ahead;
  for (int64_t j0 = 0; j0 < cols; j0 += 24) {
    int64_t width = minI64(24, cols - j0);
    const float *start = init ? init + j0 : 0;
    for (int64_t i0 = 0; i0 < rows; i0 += 4) {
      switch ((width + 7) / 8 * 2 + (width % 8 != 0)) {
      case 2: TFC_UK_BLOCK(1, 0); break;
      case 3: TFC_UK_BLOCK(1, 1); break;
      case 4: TFC_UK_BLOCK(2, 0); break;
      case 5: TFC_UK_BLOCK(2, 1); break;
      case 6: TFC_UK_BLOCK(3, 0); break;
      default: TFC_UK_BLOCK(3, 1); break;
      }
    }
  }
}

#undef TFC_UK_BLOCK

#else

// Portable tile (the baseline x86-64 variant and other hosts): fixed trip counts that the
// vectorizer maps onto whatever vector width the variant is compiled for (xmm with SSE2).
// Columns go in chunks of 24 and then 8 (a 32-wide attention panel is 24 + 8, a 16-wide one
// 8 + 8: partial panels were scalar, and a BERT-sized attention took 16 times as long as with
// AVX-512); only the last n % 8 columns are scalar. Rows as in the AVX-512 tile.
static inline __attribute__((always_inline)) void
portableColumns(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                int64_t kc, int64_t rows, const float *init, int64_t j0, int width) {
  // Four rows at a time, up to 24 columns: 96 accumulator floats, more than SSE2's 16 xmm
  // registers hold (the vectorizer keeps some in memory: ~42% of the SSE2 peak).
  for (int i0 = 0; i0 < MR; i0 += MR / 2) {
    float acc[MR / 2][24];
    const float *arow[MR / 2];
    for (int i = 0; i < MR / 2; ++i) {
      arow[i] = a + minI64(i0 + i, rows - 1) * lda;
      for (int j = 0; j < width; ++j)
        acc[i][j] = init ? init[j0 + j] : i0 + i < rows ? c[(i0 + i) * ldc + j0 + j] : 0.0f;
    }
    for (int64_t k = 0; k < kc; ++k) {
      const float *brow = b + k * ldb + j0;
      for (int i = 0; i < MR / 2; ++i) {
        float ai = arow[i][k];
        for (int j = 0; j < width; ++j)
          acc[i][j] += ai * brow[j];
      }
    }
    for (int i = 0; i < MR / 2 && i0 + i < rows; ++i)
      for (int j = 0; j < width; ++j)
        c[(i0 + i) * ldc + j0 + j] = acc[i][j];
  }
}

static void tile(const float *a, int64_t lda, const float *b, int64_t ldb, float *c, int64_t ldc,
                 int64_t kc, int64_t rows, int64_t cols, int first, const float *init,
                 Ahead ahead) {
  (void)first;
  (void)ahead;
  int64_t j0 = 0;
  for (; j0 + 24 <= cols; j0 += 24)
    portableColumns(a, lda, b, ldb, c, ldc, kc, rows, init, j0, 24);
  for (; j0 + 8 <= cols; j0 += 8)
    portableColumns(a, lda, b, ldb, c, ldc, kc, rows, init, j0, 8);
  for (int64_t i = 0; i < rows; ++i)
    for (int64_t j = j0; j < cols; ++j) {
      float sum = init ? init[j] : c[i * ldc + j];
      for (int64_t k = 0; k < kc; ++k)
        sum += a[i * lda + k] * b[k * ldb + j];
      c[i * ldc + j] = sum;
    }
}

#endif

// One call's operands and its split into units: (batch, column panel, block of rows).
typedef struct {
  const float *a, *b;
  float *c;
  const float *bias;
  int64_t aBatchStride, lda, bBatchStride, ldb, bPacked, cBatchStride, ldc, m, n, k, start,
      epilogue;
  int64_t panels, rowBlocks, blockRows;
  // Without packing, a last panel of 16 columns or fewer shares the columns of the one
  // before as 32 + the rest: a 16-wide panel has one B vector to each eight broadcasts of A
  // and ran at ~75% of a full one's rate. For n = 64 (the P V product of 64-wide attention
  // heads) that is 32 + 32 rather than 48 + 16, and the product ~6% faster (a 128 x 128 x 64
  // batch of 12: 221 -> 233 GFLOP/s). Packed panels keep their layout.
  int64_t splitLast;
} Problem;

// The first column of panel `index`.
static int64_t panelStart(const Problem *p, int64_t index) {
  return index * TFC_UK_NR - (p->splitLast && index == p->panels - 1 ? TFC_UK_NR - 32 : 0);
}

// The row a product starts from instead of C's contents (TFC_UK_START_ZERO).
static const float kZeros[TFC_UK_NR];

// Units [begin, end). Each unit computes its C block over the whole depth, in the same order
// (depth blocks, then row tiles) whatever the split, so every C element sees the same
// sequence of operations at any thread count.
static void runUnits(void *ctx, int64_t begin, int64_t end) {
  const Problem *p = (const Problem *)ctx;
  for (int64_t u = begin; u < end; ++u) {
    int64_t rowBlock = u % p->rowBlocks, rest = u / p->rowBlocks;
    int64_t panelIndex = rest % p->panels, s = rest / p->panels;
    const float *as = p->a + s * p->aBatchStride, *bs = p->b + s * p->bBatchStride;
    float *cs = p->c + s * p->cBatchStride;
    int64_t j0 = panelStart(p, panelIndex);
    const float *panel = p->bPacked ? bs + panelIndex * p->k * TFC_UK_NR : bs + j0;
    int64_t panelLd = p->bPacked ? TFC_UK_NR : p->ldb;
    int64_t nextJ0 = panelIndex + 1 < p->panels ? panelStart(p, panelIndex + 1) : p->n;
    int64_t cols = nextJ0 - j0;
    int64_t r0 = rowBlock * p->blockRows, r1 = minI64(p->m, r0 + p->blockRows);
    // The first depth block starts from the bias or zero unless it accumulates into C; it
    // runs even when k is 0, so that C still gets its start.
    const float *init = p->start == TFC_UK_START_BIAS   ? p->bias + j0
                        : p->start == TFC_UK_START_ZERO ? kZeros
                                                        : 0;
    // Rows [r0, activated) have had their GELU inside the next row tile (AVX-512).
    int64_t activated = r0;
    for (int64_t k0 = 0; k0 == 0 || k0 < p->k; k0 += KC) {
      int64_t kc = minI64(KC, p->k - k0);
      // The packed block that comes next (this panel's next depth block, else the next
      // panel's first), a slice per later row tile, spread over its depth steps.
      const char *ahead = 0;
      int64_t aheadLines = 0, tiles = (r1 - r0 + MR - 1) / MR;
      if (p->bPacked && tiles > 1) {
        int64_t nextK0 = k0 + KC < p->k ? k0 + KC : 0;
        int64_t nextPanel = nextK0 ? panelIndex : panelIndex + 1;
        if (nextPanel < p->panels) {
          ahead = (const char *)(bs + nextPanel * p->k * TFC_UK_NR + nextK0 * TFC_UK_NR);
          aheadLines = minI64(KC, p->k - nextK0) * TFC_UK_NR * (int64_t)sizeof(float) / 64;
        }
      }
      int64_t perTile = tiles > 1 ? (aheadLines + tiles - 2) / (tiles - 1) : 0;
      // The C tile read after this one, if any: the next row tile's, or the first of this
      // panel's next depth block, or of the next panel.
      const float *blockInit = k0 == 0 ? init : 0;
      float *firstC = cs + r0 * p->ldc + j0;
      float *afterLast = k0 + KC < p->k ? firstC : nextJ0 < p->n && !init ? firstC + cols : 0;
      for (int64_t i0 = r0, t = 0; i0 < r1; i0 += MR, ++t) {
        int64_t from = t > 0 ? (t - 1) * perTile : aheadLines;
        float *nextC = i0 + MR < r1 ? (blockInit ? 0 : cs + (i0 + MR) * p->ldc + j0) : afterLast;
        Ahead next = {ahead ? ahead + 64 * from : 0, ahead ? minI64(perTile, aheadLines - from) : 0,
                      nextC, 0};
#if defined(TFC_UK_AVX512)
        // A full row tile of the last depth block finishes the GELU of the one before.
        if (p->epilogue == TFC_UK_EPILOGUE_GELU && k0 + KC >= p->k && t > 0 && r1 - i0 >= MR) {
          next.act = cs + (i0 - MR) * p->ldc + j0;
          activated = i0;
        }
#endif
        tile(as + i0 * p->lda + k0, p->lda, panel + k0 * panelLd, panelLd, cs + i0 * p->ldc + j0,
             p->ldc, kc, minI64(MR, r1 - i0), cols, i0 == r0, blockInit, next);
      }
    }
    // The block is complete: the rows not activated inside a later row tile get their
    // activation now, while they are still in cache.
    if (p->epilogue != TFC_UK_EPILOGUE_NONE)
      for (int64_t i = activated; i < r1; ++i)
        tfcUkActivate(p->epilogue, cs + i * p->ldc + j0, cols);
  }
}

// Below this much work a product stays on the calling thread: waking the pool costs tens
// of microseconds. Large B (matrix-vector products of a decode step) is worth splitting
// for memory bandwidth alone.
enum { PARALLEL_MACS = 1 << 22, PARALLEL_B_ELEMENTS = 1 << 18 };

void TFC_UK_SGEMM(int64_t batch, const float *a, int64_t aBatchStride, int64_t lda, const float *b,
                  int64_t bBatchStride, int64_t ldb, int64_t bPacked, float *c,
                  int64_t cBatchStride, int64_t ldc, int64_t m, int64_t n, int64_t k, int64_t start,
                  const float *bias, int64_t epilogue) {
  if (batch <= 0 || m <= 0 || n <= 0)
    return;
  Problem p = {.a = a,
               .b = b,
               .c = c,
               .bias = bias,
               .start = start,
               .aBatchStride = aBatchStride,
               .lda = lda,
               .bBatchStride = bBatchStride,
               .ldb = ldb,
               .bPacked = bPacked,
               .cBatchStride = cBatchStride,
               .ldc = ldc,
               .m = m,
               .n = n,
               .k = k,
               .epilogue = epilogue,
               .panels = (n + TFC_UK_NR - 1) / TFC_UK_NR,
               .splitLast = !bPacked && n > TFC_UK_NR && n % TFC_UK_NR != 0 && n % TFC_UK_NR <= 16,
               .rowBlocks = 1,
               .blockRows = m};
  int threads = 1;
  if (batch * m * n * k >= PARALLEL_MACS || k * n >= PARALLEL_B_ELEMENTS)
    threads = tfc_uk_num_threads();
  if (threads > 1 && batch * p.panels < 2 * threads) {
    // Too few panels to share: split the rows too, in whole row tiles.
    int64_t wanted = (2 * threads + batch * p.panels - 1) / (batch * p.panels);
    int64_t tiles = (m + MR - 1) / MR;
    p.blockRows = (tiles + wanted - 1) / wanted * MR;
    p.rowBlocks = (m + p.blockRows - 1) / p.blockRows;
  }
  int64_t units = batch * p.panels * p.rowBlocks;
  if (threads > 1)
    tfc_uk_parallel(units, runUnits, &p);
  else
    runUnits(&p, 0, units);
}
