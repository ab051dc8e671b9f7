// Hot loops of FirstSpike's event-driven convolution, compiled for AVX-512, AVX2 and baseline
// x86-64 and dispatched at run time: the widest clone the CPU supports, or the one the
// environment variable FIRSTSPIKE_KERNELS (baseline, avx2, avx512, auto) asks for. The Swift
// code in Sources/FirstSpike/Layers/ConvKernels.swift is the documented reference of each
// function; Sources/FirstSpike/Layers/KernelClone.swift is the Swift view of the dispatch.
#ifndef FS_KERNELS_H
#define FS_KERNELS_H
#include <stdint.h>

/// dst[0..<n] += sum_i src[off[i] ..< off[i] + n]; n a multiple of 8.
void fs_gather_add(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n);

/// dst[0..<n] -= sum_i src[off[i] ..< off[i] + n]; n a multiple of 8.
void fs_gather_sub(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n);

/// For j in 0..<n (a multiple of 8): if pot[j] > theta and pas[j] == 0 (not fired yet; needs
/// theta >= 0), then st[j] = step and pas[j] = pot[j].
void fs_fire(const float *pot, float *pas, uint8_t *st, int64_t n, float theta, uint8_t step);

/// fs_gather_add on pot[0..<n], then fs_fire on the same n neurons (theta >= 0); returns how
/// many neurons fired.
int64_t fs_gather_add_fire(float *pot, float *pas, uint8_t *st, const float *src, const int32_t *off,
                           int64_t count, int64_t n, float theta, uint8_t step);

/// The clones, in order of width.
enum { FS_CLONE_BASELINE = 0, FS_CLONE_AVX2 = 1, FS_CLONE_AVX512 = 2, FS_CLONE_COUNT = 3 };

/// What FIRSTSPIKE_KERNELS asked for at first use: unset (or auto), a clone that now runs, a
/// clone this CPU lacks (the widest supported one runs instead), or an unknown name (likewise).
enum { FS_ENV_UNSET = 0, FS_ENV_HONOURED = 1, FS_ENV_UNSUPPORTED = 2, FS_ENV_UNKNOWN = 3 };

/// Whether this CPU runs `clone`.
int fs_kernels_supported(int clone);
/// The clone in use (chosen at the first call of any kernel or of this function).
int fs_kernels_active(void);
/// Switches every later kernel call to `clone`; -1 (and no change) if the CPU lacks it.
int fs_kernels_select(int clone);
/// FS_ENV_* for the FIRSTSPIKE_KERNELS variable.
int fs_kernels_env_status(void);
/// "baseline", "avx2" or "avx512".
const char *fs_kernels_name(int clone);

#endif
