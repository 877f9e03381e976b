/* Guest benchmark: table-driven CRC-32 (IEEE 802.3, as zlib) over a
 * 64 KiB buffer, many passes: loads, shifts, xors and a table look-up per
 * byte. Prints the checksum and the instructions retired (bench.h).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

#include "bench.h"

#ifndef PASSES
#define PASSES 2000
#endif
#define SIZE (64 * 1024)

static uint8_t buf[SIZE];
static uint32_t table[256];

static void make_table(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) {
            c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        }
        table[i] = c;
    }
}

static uint32_t crc32(uint32_t crc, const uint8_t *p, unsigned long n)
{
    crc = ~crc;
    while (n--) {
        crc = table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
    }
    return ~crc;
}

int main(void)
{
    uint32_t x = 12345;
    for (unsigned i = 0; i < SIZE; i++) {
        x = x * 1103515245u + 12345u;
        buf[i] = (uint8_t)(x >> 16);
    }
    make_table();
    uint64_t start = bench_instret();
    uint32_t crc = 0;
    for (int pass = 0; pass < PASSES; pass++) {
        crc = crc32(crc, buf, SIZE);
    }
    uint64_t end = bench_instret();
    printf("crc32: %d passes over %d KiB\n", PASSES, SIZE / 1024);
    printf("checksum: %#x\n", (unsigned)crc);
    printf("instructions: %llu\n", (unsigned long long)(end - start));
    return 0;
}
