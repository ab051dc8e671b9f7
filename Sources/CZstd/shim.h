#pragma once
#include <zstd.h>
#include <zstd_errors.h>

// ZSTD_CONTENTSIZE_UNKNOWN/ERROR are expression macros `(0ULL - 1)`, which Swift does not import.
static inline unsigned long long fs_zstd_contentsize_unknown(void) { return ZSTD_CONTENTSIZE_UNKNOWN; }
static inline unsigned long long fs_zstd_contentsize_error(void) { return ZSTD_CONTENTSIZE_ERROR; }
