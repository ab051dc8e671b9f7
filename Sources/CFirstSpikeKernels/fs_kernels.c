// The gather-and-fire kernels (fs_kernels_body.inc) and the clone dispatch every kernel of this
// target uses (fs_clones.h): the active clone is the widest this CPU runs, or the one the
// environment variable FIRSTSPIKE_KERNELS names.
#include "fs_clones.h"

#include <stdlib.h>
#include <string.h>

typedef float v8 __attribute__((vector_size(32), aligned(4)));
typedef float v16 __attribute__((vector_size(64), aligned(4)));

// The vector type is 4-byte aligned, so these are unaligned loads and stores (macros, not
// functions: a vector-returning helper would have a per-clone ABI).
#define load8(p) (*(const v8 *)(p))
#define store8(p, v) (*(v8 *)(p) = (v))
#define load16(p) (*(const v16 *)(p))
#define store16(p, v) (*(v16 *)(p) = (v))

#define FS_BODY "fs_kernels_body.inc"
#include "fs_instantiate.h"

static const char *const fs_names[FS_CLONE_COUNT] = {"baseline", "avx2", "avx512"};

int fs_kernels_supported(int clone) {
  switch (clone) {
  case FS_CLONE_BASELINE: return 1;
#ifdef FS_X86
  case FS_CLONE_AVX2: return __builtin_cpu_supports("avx2");
  case FS_CLONE_AVX512: return __builtin_cpu_supports("avx512f");
#endif
  default: return 0;
  }
}

_Atomic int fs_clone_current = -1;
static _Atomic int fs_env_status = FS_ENV_UNSET;

static int fs_best(void) {
  for (int c = FS_CLONE_COUNT - 1; c > 0; c--) if (fs_kernels_supported(c)) return c;
  return FS_CLONE_BASELINE;
}

// First use: FIRSTSPIKE_KERNELS=baseline|avx2|avx512 forces that clone when this CPU runs it;
// unset, empty or "auto" picks the widest supported one. A clone the CPU lacks, or an unknown
// name, falls back to the widest and is recorded (fs_kernels_env_status) for the caller to
// report: the kernels never run an instruction set the CPU does not have.
static int fs_initial(void) {
  const char *want = getenv("FIRSTSPIKE_KERNELS");
  if (!want || !*want || strcmp(want, "auto") == 0) return fs_best();
  for (int c = 0; c < FS_CLONE_COUNT; c++) {
    if (strcmp(want, fs_names[c]) == 0) {
      if (fs_kernels_supported(c)) {
        atomic_store(&fs_env_status, FS_ENV_HONOURED);
        return c;
      }
      atomic_store(&fs_env_status, FS_ENV_UNSUPPORTED);
      return fs_best();
    }
  }
  atomic_store(&fs_env_status, FS_ENV_UNKNOWN);
  return fs_best();
}

int fs_kernels_active(void) {
  int c = atomic_load_explicit(&fs_clone_current, memory_order_acquire);
  if (c >= 0) return c;
  int expected = -1;
  atomic_compare_exchange_strong(&fs_clone_current, &expected, fs_initial());
  return atomic_load(&fs_clone_current);
}

int fs_kernels_select(int clone) {
  if (clone < 0 || clone >= FS_CLONE_COUNT || !fs_kernels_supported(clone)) return -1;
  (void)fs_kernels_active();
  atomic_store(&fs_clone_current, clone);
  return 0;
}

int fs_kernels_env_status(void) {
  (void)fs_kernels_active();
  return atomic_load(&fs_env_status);
}

const char *fs_kernels_name(int clone) {
  return clone >= 0 && clone < FS_CLONE_COUNT ? fs_names[clone] : "?";
}

void fs_gather_add(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n) {
  FS_DISPATCH_VOID(gather_add, dst, src, off, count, n)
}

void fs_gather_accumulate(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n) {
  FS_DISPATCH_VOID(gather_accumulate, dst, src, off, count, n)
}

void fs_gather_sub(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n) {
  FS_DISPATCH_VOID(gather_sub, dst, src, off, count, n)
}

void fs_fire(const float *pot, float *pas, uint8_t *st, int64_t n, float theta, uint8_t step) {
  FS_DISPATCH_VOID(fire, pot, pas, st, n, theta, step)
}

int64_t fs_gather_accumulate_fire(float *pot, float *pas, uint8_t *st, const float *src, const int32_t *off,
                                  int64_t count, int64_t n, float theta, uint8_t step) {
  FS_DISPATCH(gather_accumulate_fire, pot, pas, st, src, off, count, n, theta, step)
}
