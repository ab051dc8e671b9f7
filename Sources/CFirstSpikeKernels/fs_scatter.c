#include "fs_kernels.h"

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define FS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FS_CLONES
#endif

typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef float v8 __attribute__((vector_size(32), aligned(4)));
#define load16(p) (*(const v16 *)(p))
#define store16(p, v) (*(v16 *)(p) = (v))
#define load8(p) (*(const v8 *)(p))
#define store8(p, v) (*(v8 *)(p) = (v))

// dst[0..<n] += src[0..<n], n a multiple of 8.
static inline __attribute__((always_inline)) void add_run(float *dst, const float *src, int64_t n) {
  int64_t j = 0;
  for (; j + 64 <= n; j += 64) {
    store16(dst + j, load16(dst + j) + load16(src + j));
    store16(dst + j + 16, load16(dst + j + 16) + load16(src + j + 16));
    store16(dst + j + 32, load16(dst + j + 32) + load16(src + j + 32));
    store16(dst + j + 48, load16(dst + j + 48) + load16(src + j + 48));
  }
  for (; j + 16 <= n; j += 16) store16(dst + j, load16(dst + j) + load16(src + j));
  for (; j < n; j += 8) store8(dst + j, load8(dst + j) + load8(src + j));
}

// Potentials of a position reached for the first time in this convolution start at 0 (the
// buffers are not cleared beforehand: most positions of a training step are never reached).
static inline __attribute__((always_inline)) void zero_position(float *pot, float *pas, int64_t cp) {
  const v8 z = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int64_t j = 0; j < cp; j += 8) {
    store8(pot + j, z);
    store8(pas + j, z);
  }
}

// One (spike, tap) pair: the weight run at wrun goes into position pos unless it is dead.
#define FS_VISIT(pos, wrun)                                                         \
  do {                                                                              \
    const int64_t p_ = (pos);                                                       \
    const int32_t sp_ = stamp[p_];                                                  \
    if (sp_ != step) {                                                              \
      if (sp_ == FS_DEAD) break;                                                    \
      if (sp_ == FS_UNTOUCHED) zero_position(pot + p_ * cp, pas + p_ * cp, cp);     \
      stamp[p_] = step;                                                             \
      touched[n++] = (int32_t)p_;                                                   \
    }                                                                               \
    const int64_t b0_ = lo[p_];                                                     \
    add_run(pot + p_ * cp + 8 * b0_, (wrun) + 8 * b0_, 8 * (hi[p_] - b0_));         \
  } while (0)

FS_CLONES int64_t fs_scatter_step(const fs_conv_geometry *g, const float *w, float *pot, float *pas,
                                  const int32_t *ch, const int32_t *row, const int32_t *col,
                                  int64_t e0, int64_t e1, int32_t step, int32_t *stamp,
                                  const int32_t *lo, const int32_t *hi, int32_t *touched,
                                  int64_t *taps) {
  const int64_t k = g->k, cin = g->cin, cp = g->cp, ho = g->ho, wo = g->wo;
  const int64_t tapStride = cin * cp;
  int64_t n = 0, pairs = 0;
  for (int64_t e = e0; e < e1; e++) {
    const int64_t c = ch[e], y = row[e], x = col[e];
    const float *wc = w + c * cp;
    if (y >= k - 1 && y < ho && x >= k - 1 && x < wo) {
      // Every tap in bounds (the usual case): rows y-ky, columns x-kx for all ky, kx < k.
      pairs += k * k;
      for (int64_t ky = 0; ky < k; ky++) {
        const int64_t rowBase = (y - ky) * wo + x;
        const float *wrow = wc + ky * k * tapStride;
        for (int64_t kx = 0; kx < k; kx++) FS_VISIT(rowBase - kx, wrow + kx * tapStride);
      }
      continue;
    }
    const int64_t ky0 = y - ho + 1 > 0 ? y - ho + 1 : 0, ky1 = y < k - 1 ? y : k - 1;
    const int64_t kx0 = x - wo + 1 > 0 ? x - wo + 1 : 0, kx1 = x < k - 1 ? x : k - 1;
    for (int64_t ky = ky0; ky <= ky1; ky++) {
      const int64_t rowBase = (y - ky) * wo + x;
      const float *wrow = wc + ky * k * tapStride;
      for (int64_t kx = kx0; kx <= kx1; kx++) {
        pairs++;
        FS_VISIT(rowBase - kx, wrow + kx * tapStride);
      }
    }
  }
  *taps += pairs;
  return n;
}

// Whether all 8 spike times at st are set (no byte 0xFF).
static inline int block_fired(const uint8_t *st) {
  uint64_t x;
  __builtin_memcpy(&x, st, 8);
  x = ~x;
  return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) == 0;
}

// Whether every real feature (f < cout) of block b has fired.
static inline int block_done(const uint8_t *st, int64_t b, int64_t cout) {
  if (8 * b + 8 <= cout) return block_fired(st + 8 * b);
  for (int64_t f = 8 * b; f < cout; f++)
    if (st[f] == 0xFF) return 0;
  return 1;
}

typedef int32_t vi16 __attribute__((vector_size(64)));
typedef uint8_t vb16 __attribute__((vector_size(16), aligned(1)));

// Fires neurons j ..< j + 16 of one position: pot > theta and not fired yet (st == 0xFF).
// One vector compare decides whether any lane fires; the rare firing lanes are then set one
// by one.
static inline __attribute__((always_inline)) int64_t fire16(const float *pot, float *pas, uint8_t *st, int64_t j,
                                                            float theta, uint8_t step) {
  const v16 p = load16(pot + j);
  const vb16 s = *(const vb16 *)(st + j);
  const vi16 m = (vi16)(p > theta) & __builtin_convertvector(s == (uint8_t)0xFF, vi16);
  if (!__builtin_reduce_or(m)) return 0;
  int64_t fired = 0;
  for (int l = 0; l < 16; l++) {
    if (m[l]) {
      st[j + l] = step;
      pas[j + l] = pot[j + l];
      fired++;
    }
  }
  return fired;
}

// The same for 8 neurons (the tail of a live range of odd length in blocks).
static inline __attribute__((always_inline)) int64_t fire8(const float *pot, float *pas, uint8_t *st, int64_t j,
                                                           float theta, uint8_t step) {
  int64_t fired = 0;
  for (int l = 0; l < 8; l++) {
    if (pot[j + l] > theta && st[j + l] == 0xFF) {
      st[j + l] = step;
      pas[j + l] = pot[j + l];
      fired++;
    }
  }
  return fired;
}

FS_CLONES int64_t fs_fire_touched(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                                  const int32_t *touched, int64_t n, float theta, uint8_t step,
                                  int32_t *stamp, int32_t *lo, int32_t *hi, int32_t narrowing) {
  const int64_t cp = g->cp, cout = g->cout;
  int64_t fired = 0;
  for (int64_t i = 0; i < n; i++) {
    const int64_t pos = touched[i], base = pos * cp;
    int64_t b0 = lo[pos], b1 = hi[pos];
    // Padded features never fire: their weights are zero and theta >= 0 (checked by the caller).
    int64_t here = 0, j = base + 8 * b0;
    const int64_t end = base + 8 * b1;
    for (; j + 16 <= end; j += 16) here += fire16(pot, pas, st, j, theta, step);
    if (j < end) here += fire8(pot, pas, st, j, theta, step);
    fired += here;
    if (!here || !narrowing) continue;
    // A block leaves the live range once all of its real features have fired.
    while (b0 < b1 && block_done(st + base, b0, cout)) b0++;
    while (b1 > b0 && block_done(st + base, b1 - 1, cout)) b1--;
    lo[pos] = (int32_t)b0;
    hi[pos] = (int32_t)b1;
    if (b0 >= b1) stamp[pos] = FS_DEAD;
  }
  return fired;
}

FS_CLONES int64_t fs_fire_inhibited(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                                    const int32_t *touched, int64_t n, float theta, uint8_t step,
                                    int32_t *stamp, int32_t *winnerPos, int32_t *winnerFeature) {
  const int64_t cp = g->cp, cout = g->cout;
  int64_t found = 0;
  for (int64_t i = 0; i < n; i++) {
    const int64_t pos = touched[i], base = pos * cp;
    // The largest potential of the position (vector max over all cp lanes: padded lanes hold 0).
    v8 m = load8(pot + base);
    for (int64_t j = 8; j < cp; j += 8) m = __builtin_elementwise_max(m, load8(pot + base + j));
    const float best = __builtin_reduce_max(m);
    if (!(best > theta)) continue;
    int64_t f = 0;
    while (pot[base + f] != best) f++;  // the lowest feature holding it (best > theta > padding)
    st[base + f] = step;
    pas[base + f] = best;
    stamp[pos] = FS_DEAD;
    winnerPos[found] = (int32_t)pos;
    winnerFeature[found] = (int32_t)f;
    found++;
  }
  return found;
}
