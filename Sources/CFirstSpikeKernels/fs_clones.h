// How the kernel sources are built once per instruction set and dispatched (internal to this
// target). A kernel source `x_body.inc` defines its functions with FS_TARGET (the clone's
// target attribute) and FS_NAME(name) (the clone's function name); `x.c` includes it once per
// clone (FS_INSTANTIATE) and defines each public function as a switch on the active clone
// (FS_DISPATCH): one relaxed load and a predictable branch per call.
#ifndef FS_CLONES_H
#define FS_CLONES_H
#include "fs_kernels.h"
#include <stdatomic.h>

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define FS_X86 1
#endif

/// The active clone, -1 before the first kernel call (fs_kernels.c).
extern _Atomic int fs_clone_current;

static inline int fs_clone(void) {
  const int c = atomic_load_explicit(&fs_clone_current, memory_order_relaxed);
  return __builtin_expect(c >= 0, 1) ? c : fs_kernels_active();
}

#ifdef FS_X86
#define FS_DISPATCH(name, ...)                                                      \
  switch (fs_clone()) {                                                             \
  case FS_CLONE_AVX512: return name##_avx512(__VA_ARGS__);                          \
  case FS_CLONE_AVX2: return name##_avx2(__VA_ARGS__);                              \
  default: return name##_baseline(__VA_ARGS__);                                     \
  }
#define FS_DISPATCH_VOID(name, ...)                                                 \
  switch (fs_clone()) {                                                             \
  case FS_CLONE_AVX512: name##_avx512(__VA_ARGS__); return;                         \
  case FS_CLONE_AVX2: name##_avx2(__VA_ARGS__); return;                             \
  default: name##_baseline(__VA_ARGS__); return;                                    \
  }
#else
#define FS_DISPATCH(name, ...) return name##_baseline(__VA_ARGS__);
#define FS_DISPATCH_VOID(name, ...) name##_baseline(__VA_ARGS__);
#endif

#endif
