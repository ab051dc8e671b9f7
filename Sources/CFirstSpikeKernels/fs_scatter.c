#include "fs_clones.h"


typedef float v16 __attribute__((vector_size(64), aligned(4)));
typedef float v8 __attribute__((vector_size(32), aligned(4)));
typedef int32_t vi8 __attribute__((vector_size(32)));
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

// Stamp bit of a narrowed position (live range no longer all blocks; only with lo/hi): its
// stamp is (the step it was last touched at) | FS_NARROWED. The usual
// case, a full live range already touched in this step, is then decided by one compare.
#define FS_NARROWED ((int32_t)0x40000000)

// One (spike, tap) pair: the weight run at wrun goes into position pos unless it is dead
// (uses n, step, stamp, pot, pas, touched, cp, full, lo, hi of the enclosing scatter). A full
// live range is one add_run of cp floats: straight-line vector adds where cp is a constant.
#define FS_VISIT(pos, wrun)                                                                    \
  do {                                                                                         \
    const int64_t p_ = (pos);                                                                  \
    int32_t sp_ = stamp[p_];                                                                   \
    if (__builtin_expect(sp_ != step, 0)) {                                                    \
      if (sp_ == FS_DEAD) break;                                                               \
      if (full || sp_ != (step | FS_NARROWED)) {                                               \
        /* The position's first visit in this step. */                                         \
        if (sp_ == FS_UNTOUCHED) {                                                             \
          zero_position(pot + p_ * cp, pas + p_ * cp, cp);                                     \
          sp_ = step;                                                                          \
        } else {                                                                               \
          sp_ = full ? step : step | (sp_ & FS_NARROWED);                                      \
        }                                                                                      \
        stamp[p_] = sp_;                                                                       \
        touched[n++] = (int32_t)p_;                                                            \
      }                                                                                        \
      if (!full && sp_ != step) {                                                              \
        const int64_t b0_ = lo[p_];                                                            \
        add_run(pot + p_ * cp + 8 * b0_, (wrun) + 8 * b0_, 8 * (hi[p_] - b0_));                \
        break;                                                                                 \
      }                                                                                        \
    }                                                                                          \
    add_run(pot + p_ * cp, (wrun), cp);                                                        \
  } while (0)

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
// One vector compare decides whether any lane fires; then pas and st of the 16 lanes are
// rewritten at once, the firing lanes with pot and step, the others with what they held.
static inline __attribute__((always_inline)) int64_t fire16(const float *pot, float *pas, uint8_t *st, int64_t j,
                                                            float theta, uint8_t step) {
  const v16 p = load16(pot + j);
  const vb16 s = *(const vb16 *)(st + j);
  const vi16 m = (vi16)(p > theta) & __builtin_convertvector(s == (uint8_t)0xFF, vi16);
  if (!__builtin_reduce_or(m)) return 0;
  const vi16 old = (vi16)load16(pas + j);
  store16(pas + j, (v16)(((vi16)p & m) | (old & ~m)));
  const vb16 mb = __builtin_convertvector(m, vb16);
  const vb16 steps = (vb16){0} + step;
  *(vb16 *)(st + j) = (s & ~mb) | (steps & mb);
  return -(int64_t)__builtin_reduce_add(m);
}

// The same for the 32 neurons of a position of stride 32 at base: both halves decided before
// either is written (pot, pas and st never overlap), one branch for the usual case that no
// lane fires.
static inline __attribute__((always_inline)) int64_t fire32(const float *pot, float *pas, uint8_t *st, int64_t base,
                                                            float theta, uint8_t step) {
  const v16 p0 = load16(pot + base), p1 = load16(pot + base + 16);
  const vb16 s0 = *(const vb16 *)(st + base), s1 = *(const vb16 *)(st + base + 16);
  const vi16 m0 = (vi16)(p0 > theta) & __builtin_convertvector(s0 == (uint8_t)0xFF, vi16);
  const vi16 m1 = (vi16)(p1 > theta) & __builtin_convertvector(s1 == (uint8_t)0xFF, vi16);
  if (!__builtin_reduce_or(m0 | m1)) return 0;
  const vi16 old0 = (vi16)load16(pas + base), old1 = (vi16)load16(pas + base + 16);
  store16(pas + base, (v16)(((vi16)p0 & m0) | (old0 & ~m0)));
  store16(pas + base + 16, (v16)(((vi16)p1 & m1) | (old1 & ~m1)));
  const vb16 mb0 = __builtin_convertvector(m0, vb16), mb1 = __builtin_convertvector(m1, vb16);
  const vb16 steps = (vb16){0} + step;
  *(vb16 *)(st + base) = (s0 & ~mb0) | (steps & mb0);
  *(vb16 *)(st + base + 16) = (s1 & ~mb1) | (steps & mb1);
  return -(int64_t)__builtin_reduce_add(m0 + m1);
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




#define FS_BODY "fs_scatter_body.inc"
#include "fs_instantiate.h"

int64_t fs_scatter_step(const fs_conv_geometry *g, const float *w, float *pot, float *pas, const int32_t *ch,
                        const int32_t *row, const int32_t *col, int64_t e0, int64_t e1, int32_t step,
                        int32_t *stamp, const int32_t *lo, const int32_t *hi, int32_t *touched, int64_t *taps) {
  FS_DISPATCH(fs_scatter_step, g, w, pot, pas, ch, row, col, e0, e1, step, stamp, lo, hi, touched, taps)
}

int64_t fs_fire_touched(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st, const int32_t *touched,
                        int64_t n, float theta, uint8_t step, int32_t *stamp, int32_t *lo, int32_t *hi,
                        int32_t narrowing) {
  FS_DISPATCH(fs_fire_touched, g, pot, pas, st, touched, n, theta, step, stamp, lo, hi, narrowing)
}

int64_t fs_fire_inhibited(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                          const int32_t *touched, int64_t n, float theta, uint8_t step, int32_t *stamp,
                          int32_t *winnerPos, int32_t *winnerFeature, float *runnerUp) {
  FS_DISPATCH(fs_fire_inhibited, g, pot, pas, st, touched, n, theta, step, stamp, winnerPos, winnerFeature, runnerUp)
}
