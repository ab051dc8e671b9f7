// Hot loops of FirstSpike's event-driven convolution, compiled for AVX-512, AVX2 and baseline
// x86-64 and dispatched at run time: the widest clone the CPU supports, or the one the
// environment variable FIRSTSPIKE_KERNELS (baseline, avx2, avx512, auto) asks for. The Swift
// code in Sources/FirstSpike/Layers/ConvKernels.swift is the documented reference of each
// function; Sources/FirstSpike/Layers/KernelClone.swift is the Swift view of the dispatch.
#ifndef FS_KERNELS_H
#define FS_KERNELS_H
#include <stdint.h>
#include <stddef.h>

/// dst[0..<n] += sum_i src[off[i] ..< off[i] + n]; n a multiple of 8.
void fs_gather_add(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n);

/// dst[0..<n] += src[off[0] ..< off[0] + n], then += src[off[1] ...], ...: the terms added to dst
/// one at a time in list order (gather_add sums them first and adds the sum to dst); n a
/// multiple of 8.
void fs_gather_accumulate(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n);

/// dst[0..<n] -= sum_i src[off[i] ..< off[i] + n]; n a multiple of 8.
void fs_gather_sub(float *dst, const float *src, const int32_t *off, int64_t count, int64_t n);

/// For j in 0..<n (a multiple of 8): if pot[j] > theta and pas[j] == 0 (not fired yet; needs
/// theta >= 0), then st[j] = step and pas[j] = pot[j].
void fs_fire(const float *pot, float *pas, uint8_t *st, int64_t n, float theta, uint8_t step);

/// fs_gather_accumulate on pot[0..<n], then fs_fire on the same n neurons (theta >= 0); returns
/// how many neurons fired. The same float sums as the scatter kernel's, run by run.
int64_t fs_gather_accumulate_fire(float *pot, float *pas, uint8_t *st, const float *src, const int32_t *off,
                                  int64_t count, int64_t n, float theta, uint8_t step);

/// Backward pass of one weight run (n a multiple of 8): m = tout[f] >= tin ? g[f] : 0,
/// dw[f] -= m; returns the sum of w[f] * m over 8 lanes (lane l takes f = l mod 8), reduced
/// ((0+1)+(2+3))+((4+5)+(6+7)).
float fs_backward_run(float *dw, const float *w, const float *g, const uint8_t *tout, uint8_t tin, int64_t n);

/// w[i] -= rate * g[i]; then, if decay != 0, w[i] -= decay * w[i].
void fs_sgd_update(float *w, const float *g, int64_t n, float rate, float decay);

/// Adam with bias corrections c1 = 1 - beta1^t, c2 = 1 - beta2^t, then the decay as above.
void fs_adam_update(float *w, float *m, float *v, const float *g, int64_t n, float rate, float beta1, float beta2,
                    float epsilon, float c1, float c2, float decay);

/// The geometry of one thresholded convolution: kernel k, input channels, output features and
/// their padded stride cp (a multiple of 8), output height and width. Built by Swift from
/// validated shapes; the kernels below trust it.
typedef struct {
  int64_t k, cin, cout, cp, ho, wo;
} fs_conv_geometry;

/// `stamp` of a position that no longer integrates (all its features fired, or inhibited).
#define FS_DEAD ((int32_t)0x80000000)

/// `stamp` of a position no spike has reached yet in this convolution (its pot and pas
/// hold stale values until the first visit clears them).
#define FS_UNTOUCHED ((int32_t)-1)

/// One time step of event-driven convolution by scatter: for each spike e0..<e1 (channel, row,
/// column of the unpadded-by-now input) and each in-bounds tap (ky, kx), the weight run
/// w[((ky*k + kx)*cin + c)*cp + 8*lo ..< 8*hi] is added to pot[pos*cp + ...] of output
/// position pos = (row-ky)*wo + (col-kx), in spike order (so a position's sum does not depend
/// on where it is), skipping positions whose stamp is FS_DEAD. A position reached for the first
/// time (stamp FS_UNTOUCHED) first gets its cp potentials and pas zeroed; a position touched
/// for the first time in this step gets stamp = step and is appended to `touched`. Adds the
/// number of (spike, in-bounds tap) pairs to *taps; returns the number of positions touched.
/// lo == hi == NULL: every position's live range is all cp / 8 blocks (no narrowing). With
/// lo/hi, a live position whose range fs_fire_touched narrowed has stamp bit 0x40000000 set
/// (stamp = step | bit once touched in a step); lo/hi are read only for such positions.
int64_t fs_scatter_step(const fs_conv_geometry *g, const float *w, float *pot, float *pas, const int32_t *ch,
                        const int32_t *row, const int32_t *col, int64_t e0, int64_t e1, int32_t step,
                        int32_t *stamp, const int32_t *lo, const int32_t *hi, int32_t *touched,
                        int64_t *taps);

/// Firing after a step: every neuron of the live blocks lo[pos]..<hi[pos] of each touched
/// position with pot > theta and st == 0xFF gets st = step and pas = pot. With `narrowing`,
/// blocks of 8 features that have all fired leave the live range and a position with no live
/// block gets stamp FS_DEAD; a live one whose range narrowed gets stamp bit 0x40000000 (see
/// fs_scatter_step); lo/hi of every position that fired hold its range. Returns how many
/// neurons fired. lo == hi == NULL (only without narrowing): every live range is all blocks.
int64_t fs_fire_touched(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                        const int32_t *touched, int64_t n, float theta, uint8_t step, int32_t *stamp,
                        int32_t *lo, int32_t *hi, int32_t narrowing);

/// Pointwise-inhibited firing (every touched position has not fired before): if any feature
/// of a touched position has pot > theta, only the one with the largest pot (lowest feature on
/// ties) fires (st = step, pas = pot), the position gets stamp FS_DEAD, and (pos, feature) is
/// appended to winnerPos / winnerFeature, with the largest pot of the position's other
/// features in runnerUp (so the caller can decide near ties exactly). Returns how many
/// positions fired.
int64_t fs_fire_inhibited(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                          const int32_t *touched, int64_t n, float theta, uint8_t step, int32_t *stamp,
                          int32_t *winnerPos, int32_t *winnerFeature, float *runnerUp);

/// One plane of the encoder's filter bank: out[r, x] for r < oh, x < ow of the correlation of
/// the zero-padded image `src` (row stride pw, doubles, 8 spare zero columns on the right)
/// with the kernel's support w (sh × sw, at (srow, scol) of the padded kernel), summed in
/// double in row-major tap order; source rows with no non-zero pixel in the block's columns
/// (`first`/`last`: each row's non-zero column range) are skipped; then rounded to float and
/// rectified (0 none, 1 values < threshold become 0, 2 absolute value).
void fs_filter_plane(const double *w, int64_t sh, int64_t sw, int64_t srow, int64_t scol, const double *src,
                     int64_t pw, const int64_t *first, const int64_t *last, int64_t oh, int64_t ow, float *dst,
                     int32_t rectification, float threshold);

/// Row stride (doubles) of fs_local_normalize's scratch table: w + 2·rad + 8.
static inline int64_t fs_local_normalize_stride(int64_t w, int64_t rad) { return w + 2 * rad + 8; }

/// Local normalisation in place of `channels` planes of h × w floats (the encoder's
/// LocalNormalization): every value v != 0 becomes (float)((double)v / (m + eps)), m = s / area,
/// s the sum of the window [r − rad, r + rad] × [x − rad, x + rad] (clamped to the plane) from a
/// summed-area table in double: each row's running sum left to right, added to the table row
/// above; s = ((t[r1][x1] − t[r0][x1]) − t[r1][x0]) + t[r0][x0]. Bit-identical to
/// LocalNormalization.applyReference. `ext` is scratch of (h + 1) · fs_local_normalize_stride(w, rad)
/// doubles.
void fs_local_normalize(float *v, int64_t channels, int64_t h, int64_t w, int64_t rad, double area, double eps,
                        double *ext);

/// Rank intensity-to-latency coding of v[0..<count] (IntensityToLatency with code .rank):
/// writes times[0..<count] (255: never) and returns the number n of non-zero values. The
/// non-zero values sorted descending, ties by ascending index (negative values after the zeros
/// in rank); with b = n / T, rank k fires at k / b while k < T·b; b = 0: the j-th fires at j.
/// `keys` is scratch of 2 · count. Equal to IntensityToLatency.encodeReference.
int64_t fs_latency_rank(const float *v, int64_t count, int64_t T, uint8_t *times, uint64_t *keys);

/// SHA-256 compression of `count` 64-byte blocks into state[0..<8] (FIPS 180-4 word order)
/// with the x86 SHA extensions; returns 0 without touching anything when the processor lacks
/// them (the caller then uses its portable code).
int32_t fs_sha256_blocks(uint32_t *state, const uint8_t *data, int64_t count);

/// Atomic byte states for caches filled by several threads (0 free, 1 claimed, 2 ready).
static inline uint8_t fs_load_acquire(const uint8_t *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
static inline void fs_store_release(uint8_t *p, uint8_t v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
/// Sets *p from `expected` to `desired` if it holds `expected`; returns whether it did.
static inline int fs_compare_exchange(uint8_t *p, uint8_t expected, uint8_t desired) {
  return __atomic_compare_exchange_n(p, &expected, desired, 0, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

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

/// The spikes of a wave of `channels` planes of `plane` cells (a byte per neuron, 0xFF = never),
/// channel by channel, each plane in cell order (ascending flat index): writes each spike's
/// channel and cell to firedChannel / firedCell, adds one to counts[t] per spike at step t and
/// to firedAtCell[cell] per spike in that cell; returns the number of spikes.
int64_t fs_list_spikes(const uint8_t *times, int64_t channels, int64_t plane, int32_t *firedChannel,
                       int32_t *firedCell, intptr_t *counts, int32_t *firedAtCell);

/// Counting sort of fs_list_spikes' n spikes by step, stable: spike j goes to slot
/// next[t]++ (t its step; counts and next are Swift Ints) of channel / row / column, its row and column read from the
/// per-cell tables cellRow / cellColumn.
void fs_sort_spikes(const uint8_t *times, const int32_t *firedChannel, const int32_t *firedCell, int64_t n,
                    int64_t plane, const int32_t *cellRow, const int32_t *cellColumn, intptr_t *next,
                    int32_t *channel, int32_t *row, int32_t *column);

#endif
