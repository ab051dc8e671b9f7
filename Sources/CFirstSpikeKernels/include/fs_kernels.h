// Hot loops of FirstSpike's event-driven convolution, compiled for AVX-512, AVX2 and baseline
// x86-64 with run-time dispatch (function multi-versioning). The Swift code in
// Sources/FirstSpike/Layers/ConvKernels.swift is the documented reference of each function.
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

/// The geometry of one thresholded convolution: kernel k, input channels, output features and
/// their padded stride cp (a multiple of 8), output height and width. Built by Swift from
/// validated shapes; the kernels below trust it.
typedef struct {
  int64_t k, cin, cout, cp, ho, wo;
} fs_conv_geometry;

/// `stamp` of a position that no longer integrates (all its features fired, or inhibited).
#define FS_DEAD ((int32_t)0x80000000)

/// One time step of event-driven convolution by scatter: for each spike e0..<e1 (channel, row,
/// column of the unpadded-by-now input) and each in-bounds tap (ky, kx), the weight run
/// w[((ky*k + kx)*cin + c)*cp + 8*lo ..< 8*hi] is added to pot[pos*cp + ...] of output
/// position pos = (row-ky)*wo + (col-kx), in spike order (so a position's sum does not depend
/// on where it is), skipping positions whose stamp is FS_DEAD. A position touched for the
/// first time in this step gets stamp = step and is appended to `touched`. Adds the number of
/// (spike, in-bounds tap) pairs to *taps; returns the number of positions touched.
int64_t fs_scatter_step(const fs_conv_geometry *g, const float *w, float *pot, const int32_t *ch,
                        const int32_t *row, const int32_t *col, int64_t e0, int64_t e1, int32_t step,
                        int32_t *stamp, const int32_t *lo, const int32_t *hi, int32_t *touched,
                        int64_t *taps);

/// Firing after a step: every neuron of the live blocks lo[pos]..<hi[pos] of each touched
/// position with pot > theta and st == 0xFF gets st = step and pas = pot. With `narrowing`,
/// blocks of 8 features that have all fired leave the live range and a position with no live
/// block gets stamp FS_DEAD. Returns how many neurons fired.
int64_t fs_fire_touched(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                        const int32_t *touched, int64_t n, float theta, uint8_t step, int32_t *stamp,
                        int32_t *lo, int32_t *hi, int32_t narrowing);

/// Pointwise-inhibited firing (every touched position has not fired before): if any feature
/// of a touched position has pot > theta, only the one with the largest pot (lowest feature on
/// ties) fires (st = step, pas = pot), the position gets stamp FS_DEAD, and (pos, feature) is
/// appended to winnerPos / winnerFeature. Returns how many positions fired.
int64_t fs_fire_inhibited(const fs_conv_geometry *g, const float *pot, float *pas, uint8_t *st,
                          const int32_t *touched, int64_t n, float theta, uint8_t step, int32_t *stamp,
                          int32_t *winnerPos, int32_t *winnerFeature);

#endif
