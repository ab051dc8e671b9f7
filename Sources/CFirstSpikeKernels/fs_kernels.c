#include "fs_kernels.h"

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define FS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FS_CLONES
#endif

typedef float v8 __attribute__((vector_size(32), aligned(4)));
typedef float v16 __attribute__((vector_size(64), aligned(4)));

// The vector type is 4-byte aligned, so these are unaligned loads and stores (macros, not
// functions: a vector-returning helper would have a per-clone ABI).
#define load8(p) (*(const v8 *)(p))
#define store8(p, v) (*(v8 *)(p) = (v))
#define load16(p) (*(const v16 *)(p))
#define store16(p, v) (*(v16 *)(p) = (v))

// Blocks of 64 floats (4 v16 accumulators: 4 zmm, 8 ymm or 16 xmm), then 16, then 8.
#define FS_GATHER(NAME, OP)                                                                 \
  FS_CLONES void NAME(float *dst, const float *src, const int32_t *off, int64_t count,      \
                      int64_t n) {                                                           \
    int64_t j = 0;                                                                           \
    for (; j + 64 <= n; j += 64) {                                                           \
      v16 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};                                            \
      for (int64_t i = 0; i < count; i++) {                                                  \
        const float *p = src + off[i] + j;                                                   \
        a0 += load16(p); a1 += load16(p + 16); a2 += load16(p + 32); a3 += load16(p + 48);   \
      }                                                                                      \
      store16(dst + j, load16(dst + j) OP a0);                                               \
      store16(dst + j + 16, load16(dst + j + 16) OP a1);                                     \
      store16(dst + j + 32, load16(dst + j + 32) OP a2);                                     \
      store16(dst + j + 48, load16(dst + j + 48) OP a3);                                     \
    }                                                                                        \
    for (; j + 16 <= n; j += 16) {                                                           \
      v16 a0 = {0};                                                                          \
      for (int64_t i = 0; i < count; i++) a0 += load16(src + off[i] + j);                    \
      store16(dst + j, load16(dst + j) OP a0);                                               \
    }                                                                                        \
    for (; j < n; j += 8) {                                                                  \
      v8 a0 = {0};                                                                           \
      for (int64_t i = 0; i < count; i++) a0 += load8(src + off[i] + j);                     \
      store8(dst + j, load8(dst + j) OP a0);                                                 \
    }                                                                                        \
  }

FS_GATHER(fs_gather_add, +)
FS_GATHER(fs_gather_sub, -)

FS_CLONES void fs_fire(const float *pot, float *pas, uint8_t *st, int64_t n, float theta, uint8_t step) {
  for (int64_t j = 0; j < n; j += 8) {
    int any = 0;
    for (int l = 0; l < 8; l++) any |= (pot[j + l] > theta) & (pas[j + l] == 0.0f);
    if (!any) continue;
    for (int l = 0; l < 8; l++) {
      if (pot[j + l] > theta && pas[j + l] == 0.0f) {
        st[j + l] = step;
        pas[j + l] = pot[j + l];
      }
    }
  }
}

// Fires the neurons of pot[j ..< j + len] (len <= 64) above theta that had not fired (pas == 0).
static inline __attribute__((always_inline)) int64_t fire_range(const float *pot, float *pas, uint8_t *st,
                                                                int64_t j, int len, float theta, uint8_t step) {
  uint64_t bits = 0;
  for (int l = 0; l < len; l++) bits |= (uint64_t)((pot[j + l] > theta) & (pas[j + l] == 0.0f)) << l;
  int64_t fired = 0;
  while (bits) {
    int l = __builtin_ctzll(bits);
    bits &= bits - 1;
    st[j + l] = step;
    pas[j + l] = pot[j + l];
    fired++;
  }
  return fired;
}

FS_CLONES int64_t fs_gather_add_fire(float *pot, float *pas, uint8_t *st, const float *src,
                                     const int32_t *off, int64_t count, int64_t n, float theta,
                                     uint8_t step) {
  int64_t fired = 0, j = 0;
  for (; j + 64 <= n; j += 64) {
    v16 a0 = {0}, a1 = {0}, a2 = {0}, a3 = {0};
    for (int64_t i = 0; i < count; i++) {
      const float *p = src + off[i] + j;
      a0 += load16(p); a1 += load16(p + 16); a2 += load16(p + 32); a3 += load16(p + 48);
    }
    store16(pot + j, load16(pot + j) + a0); store16(pot + j + 16, load16(pot + j + 16) + a1);
    store16(pot + j + 32, load16(pot + j + 32) + a2); store16(pot + j + 48, load16(pot + j + 48) + a3);
    fired += fire_range(pot, pas, st, j, 64, theta, step);
  }
  for (; j + 16 <= n; j += 16) {
    v16 a0 = {0};
    for (int64_t i = 0; i < count; i++) a0 += load16(src + off[i] + j);
    store16(pot + j, load16(pot + j) + a0);
    fired += fire_range(pot, pas, st, j, 16, theta, step);
  }
  for (; j < n; j += 8) {
    v8 a0 = {0};
    for (int64_t i = 0; i < count; i++) a0 += load8(src + off[i] + j);
    store8(pot + j, load8(pot + j) + a0);
    fired += fire_range(pot, pas, st, j, 8, theta, step);
  }
  return fired;
}
