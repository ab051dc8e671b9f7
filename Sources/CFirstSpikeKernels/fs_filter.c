// The encoder's kernels. The filter correlation: 8 output columns at a time in one 8-double
// vector (one zmm with AVX-512, two ymm with AVX2, four xmm otherwise), up to four such blocks
// side by side, every product and sum rounded separately (no fused multiply-add), in the same
// order per output as the Swift reference (`FilterBank.filterPlaneReference`), so the results
// are bit-identical on every clone. The local normalisation (`LocalNormalization.applyReference`)
// and the rank latency code (`IntensityToLatency.encodeRankReference`), equal to their
// references likewise (EncoderKernelTests).
#include "fs_clones.h"

#pragma clang fp contract(off)


typedef double v8d __attribute__((vector_size(64), aligned(8)));
typedef double v4d __attribute__((vector_size(32), aligned(8)));
typedef float v8f __attribute__((vector_size(32), aligned(4)));
typedef int32_t v8i __attribute__((vector_size(32), aligned(4)));

#define FS_BODY "fs_filter_body.inc"
#include "fs_instantiate.h"

void fs_filter_plane(const double *w, int64_t sh, int64_t sw, int64_t srow, int64_t scol, const double *src,
                     int64_t pw, const int64_t *first, const int64_t *last, int64_t oh, int64_t ow, float *dst,
                     int32_t rectification, float threshold) {
  FS_DISPATCH_VOID(fs_filter_plane, w, sh, sw, srow, scol, src, pw, first, last, oh, ow, dst, rectification, threshold)
}

void fs_local_normalize(float *v, int64_t channels, int64_t h, int64_t w, int64_t rad, double area, double eps,
                        double *ext) {
  FS_DISPATCH_VOID(fs_local_normalize, v, channels, h, w, rad, area, eps, ext)
}

int64_t fs_latency_rank(const float *v, int64_t count, int64_t T, uint8_t *times, uint64_t *keys) {
  FS_DISPATCH(fs_latency_rank, v, count, T, times, keys)
}
