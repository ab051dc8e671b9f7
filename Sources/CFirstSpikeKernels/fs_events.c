// Listing a spike wave's events (SpikeEvents.fill): integer work with no vector arithmetic, so
// one version for every CPU. The Swift reference is SpikeEvents.fillReference; SpikeEventsTests
// compares the two on random waves of many shapes.
#include "fs_kernels.h"

// Bit 7 of byte b of the result is set iff byte b of x is not zero.
static inline uint64_t nonzero_bytes(uint64_t x) {
  const uint64_t low7 = 0x7F7F7F7F7F7F7F7FULL;
  return ((x & low7) + low7 | x) & 0x8080808080808080ULL;
}

int64_t fs_list_spikes(const uint8_t *times, int64_t channels, int64_t plane, int32_t *firedChannel,
                       int32_t *firedCell, intptr_t *counts, int32_t *firedAtCell) {
  int64_t n = 0;
  for (int64_t c = 0; c < channels; c++) {
    const uint8_t *p = times + c * plane;
    int64_t j = 0;
    for (; j + 8 <= plane; j += 8) {
      uint64_t x;
      __builtin_memcpy(&x, p + j, 8);
      // A spike is a byte other than 0xFF (never): a non-zero byte of ~x.
      uint64_t bits = nonzero_bytes(~x);
      while (bits) {
        const int64_t cell = j + (__builtin_ctzll(bits) >> 3);
        bits &= bits - 1;
        firedChannel[n] = (int32_t)c;
        firedCell[n] = (int32_t)cell;
        n++;
        counts[p[cell]]++;
        firedAtCell[cell]++;
      }
    }
    for (; j < plane; j++) {
      if (p[j] == 0xFF) continue;
      firedChannel[n] = (int32_t)c;
      firedCell[n] = (int32_t)j;
      n++;
      counts[p[j]]++;
      firedAtCell[j]++;
    }
  }
  return n;
}

void fs_sort_spikes(const uint8_t *times, const int32_t *firedChannel, const int32_t *firedCell, int64_t n,
                    int64_t plane, const int32_t *cellRow, const int32_t *cellColumn, intptr_t *next,
                    int32_t *channel, int32_t *row, int32_t *column) {
  for (int64_t j = 0; j < n; j++) {
    const int64_t c = firedChannel[j], cell = firedCell[j];
    const int64_t k = next[times[c * plane + cell]]++;
    channel[k] = (int32_t)c;
    row[k] = cellRow[cell];
    column[k] = cellColumn[cell];
  }
}
