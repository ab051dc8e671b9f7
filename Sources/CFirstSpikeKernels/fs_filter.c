// The encoder's filter correlation: 8 output columns at a time in one 8-double vector (one
// zmm with AVX-512, two ymm with AVX2, four xmm otherwise), every product and sum rounded
// separately (no fused multiply-add), in the same order as the Swift reference
// (`FilterBank.filterPlaneReference`), so the results are bit-identical on every clone.
#include "fs_kernels.h"

#pragma clang fp contract(off)

#if defined(__x86_64__) && defined(__clang__) && defined(__linux__)
#define FS_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define FS_CLONES
#endif

typedef double v8d __attribute__((vector_size(64), aligned(8)));

FS_CLONES void fs_filter_plane(const double *w, int64_t sh, int64_t sw, int64_t srow, int64_t scol,
                               const double *src, int64_t pw, const int64_t *first, const int64_t *last,
                               int64_t oh, int64_t ow, float *dst, int32_t rectification, float threshold) {
  for (int64_t r = 0; r < oh; r++) {
    for (int64_t x = 0; x < ow; x += 8) {
      const int64_t c0 = x + scol, c1 = x + scol + sw + 8 - 2;
      v8d acc = {0, 0, 0, 0, 0, 0, 0, 0};
      for (int64_t i = 0; i < sh; i++) {
        const int64_t sr = r + srow + i;
        if (last[sr] < c0 || first[sr] > c1) continue;
        const double *row = src + sr * pw + c0;
        const double *wi = w + i * sw;
        for (int64_t j = 0; j < sw; j++) {
          const v8d v = *(const v8d *)(row + j);
          const v8d p = wi[j] * v;
          acc = acc + p;
        }
      }
      const int64_t n = ow - x < 8 ? ow - x : 8;
      float *o = dst + r * ow + x;
      for (int64_t l = 0; l < n; l++) {
        float v = (float)acc[l];
        if (rectification == 1) v = v < threshold ? 0 : v;
        else if (rectification == 2) v = __builtin_fabsf(v);
        o[l] = v;
      }
    }
  }
}
