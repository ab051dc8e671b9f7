// The encoder's filter correlation: 8 output columns at a time in one 8-double vector (one
// zmm with AVX-512, two ymm with AVX2, four xmm otherwise), every product and sum rounded
// separately (no fused multiply-add), in the same order as the Swift reference
// (`FilterBank.filterPlaneReference`), so the results are bit-identical on every clone.
#include "fs_clones.h"

#pragma clang fp contract(off)


typedef double v8d __attribute__((vector_size(64), aligned(8)));

#define FS_BODY "fs_filter_body.inc"
#include "fs_instantiate.h"

void fs_filter_plane(const double *w, int64_t sh, int64_t sw, int64_t srow, int64_t scol, const double *src,
                     int64_t pw, const int64_t *first, const int64_t *last, int64_t oh, int64_t ow, float *dst,
                     int32_t rectification, float threshold) {
  FS_DISPATCH_VOID(fs_filter_plane, w, sh, sw, srow, scol, src, pw, first, last, oh, ow, dst, rectification, threshold)
}
