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

/// Backward pass of one weight run (n a multiple of 8): m = tout[f] >= tin ? g[f] : 0,
/// dw[f] -= m; returns the sum of w[f] * m over 8 lanes (lane l takes f = l mod 8), reduced
/// ((0+1)+(2+3))+((4+5)+(6+7)).
float fs_backward_run(float *dw, const float *w, const float *g, const uint8_t *tout, uint8_t tin, int64_t n);

/// w[i] -= rate * g[i]; then, if decay != 0, w[i] -= decay * w[i].
void fs_sgd_update(float *w, const float *g, int64_t n, float rate, float decay);

/// Adam with bias corrections c1 = 1 - beta1^t, c2 = 1 - beta2^t, then the decay as above.
void fs_adam_update(float *w, float *m, float *v, const float *g, int64_t n, float rate, float beta1, float beta2,
                    float epsilon, float c1, float c2, float decay);

#endif
