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
typedef _Bool vbool16 __attribute__((ext_vector_type(16)));

// Bit l set: neuron j + l (l < 16) is above theta and has not fired yet (st == 0xFF). Compiled
// to vector compares and one mask move (pmovmskb, kmovw).
static inline __attribute__((always_inline)) uint32_t firing16(const float *pot, const uint8_t *st, int64_t j,
                                                               float theta) {
  const v16 p = load16(pot + j);
  const vb16 s = *(const vb16 *)(st + j);
  const vb16 m = __builtin_convertvector((vi16)(p > theta), vb16) & (vb16)(s == (uint8_t)0xFF);
  return __builtin_bit_cast(uint16_t, __builtin_convertvector(m, vbool16));
}

// Fires the neurons j + l of the bits l set: st = step, pas = pot, one lane at a time (few
// neurons fire at once, and pas is not read: its cache line is often cold).
static inline __attribute__((always_inline)) int64_t fire_bits(const float *pot, float *pas, uint8_t *st, int64_t j,
                                                               uint32_t bits, uint8_t step) {
  int64_t fired = 0;
  for (; bits; bits &= bits - 1, fired++) {
    const int64_t l = j + __builtin_ctz(bits);
    st[l] = step;
    pas[l] = pot[l];
  }
  return fired;
}

// Fires neurons j ..< j + 16 of one position: pot > theta and not fired yet (st == 0xFF).
static inline __attribute__((always_inline)) int64_t fire16(const float *pot, float *pas, uint8_t *st, int64_t j,
                                                            float theta, uint8_t step) {
  const uint32_t bits = firing16(pot, st, j, theta);
  return bits ? fire_bits(pot, pas, st, j, bits, step) : 0;
}

// The same for the 32 neurons of a position of stride 32 at base, with one branch for the
// usual case that none fires.
static inline __attribute__((always_inline)) int64_t fire32(const float *pot, float *pas, uint8_t *st, int64_t base,
                                                            float theta, uint8_t step) {
  const uint32_t bits = firing16(pot, st, base, theta) | firing16(pot, st, base + 16, theta) << 16;
  return bits ? fire_bits(pot, pas, st, base, bits, step) : 0;
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
