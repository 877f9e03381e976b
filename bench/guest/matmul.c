/* Guest benchmark: 64x64 integer matrix multiply, repeated with a changing
 * operand: multiply-add inner loops with strided loads. Prints a checksum
 * of the products and the instructions retired (bench.h).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

#include "bench.h"

#ifndef REPS
#define REPS 600
#endif
#define N 64

static int32_t a[N][N], b[N][N], c[N][N];

static void multiply(void)
{
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            int32_t s = 0;
            for (int k = 0; k < N; k++) {
                s += a[i][k] * b[k][j];
            }
            c[i][j] = s;
        }
    }
}

int main(void)
{
    uint32_t x = 1;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            x = x * 1664525u + 1013904223u;
            a[i][j] = (int32_t)(x >> 24) - 128;
            x = x * 1664525u + 1013904223u;
            b[i][j] = (int32_t)(x >> 24) - 128;
        }
    }
    uint64_t start = bench_instret();
    uint32_t sum = 0;
    for (int r = 0; r < REPS; r++) {
        multiply();
        for (int i = 0; i < N; i++) {
            sum = sum * 31 + (uint32_t)c[i][(i + r) % N];
        }
        a[r % N][(r * 7) % N] += 1;
    }
    uint64_t end = bench_instret();
    printf("matmul: %d products of %dx%d int32 matrices\n", REPS, N, N);
    printf("checksum: %#x\n", (unsigned)sum);
    printf("instructions: %llu\n", (unsigned long long)(end - start));
    return 0;
}
