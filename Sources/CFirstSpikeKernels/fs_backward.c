// Hot loops of temporal backpropagation (the backward pass of a convolution, the optimiser
// updates), cloned like fs_kernels.c. Every function has a Swift reference twin in
// Sources/FirstSpike/Learning/TemporalBackprop/BackwardKernels.swift computing the same
// operations in the same order (no fused multiply-add: contraction is off), compared bit for
// bit in BackwardKernelTests.
#include "fs_kernels.h"
#include <math.h>

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define FS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FS_CLONES
#endif

FS_CLONES float fs_backward_run(float *dw, const float *w, const float *g, const uint8_t *tout, uint8_t tin,
                                int64_t n) {
  float acc[8] = {0, 0, 0, 0, 0, 0, 0, 0};
  for (int64_t j = 0; j < n; j += 8) {
    for (int l = 0; l < 8; l++) {
      float m = tout[j + l] >= tin ? g[j + l] : 0.0f;
      dw[j + l] = dw[j + l] - m;
      float p = w[j + l] * m;
      acc[l] = acc[l] + p;
    }
  }
  return ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]));
}

FS_CLONES void fs_sgd_update(float *w, const float *g, int64_t n, float rate, float decay) {
  for (int64_t i = 0; i < n; i++) {
    float s = rate * g[i];
    w[i] = w[i] - s;
  }
  if (decay != 0.0f) {
    for (int64_t i = 0; i < n; i++) {
      float s = decay * w[i];
      w[i] = w[i] - s;
    }
  }
}

FS_CLONES void fs_adam_update(float *w, float *m, float *v, const float *g, int64_t n, float rate, float beta1,
                              float beta2, float epsilon, float c1, float c2, float decay) {
  float ob1 = 1.0f - beta1, ob2 = 1.0f - beta2;
  for (int64_t i = 0; i < n; i++) {
    float a = beta1 * m[i], b = ob1 * g[i];
    m[i] = a + b;
    float c = beta2 * v[i], d0 = ob2 * g[i], d = d0 * g[i];
    v[i] = c + d;
    float mh = m[i] / c1, vh = v[i] / c2;
    float num = rate * mh, den = sqrtf(vh) + epsilon;
    w[i] = w[i] - num / den;
  }
  if (decay != 0.0f) {
    for (int64_t i = 0; i < n; i++) {
      float s = decay * w[i];
      w[i] = w[i] - s;
    }
  }
}
