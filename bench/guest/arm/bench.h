/* Cortex-M glue of the guest benchmarks (the sources in bench/guest) on mps2-an385.
 * A Cortex-M3 has no instruction counter (DWT CYCCNT is not modelled), so
 * the count is SysTick cycles of the 25 MHz CPU clock: RVR 0xffffff,
 * counted down from the first call, a wrap interrupt adding 2^24. On hemu
 * SysTick counts virtual time, which advances one cycle per retired
 * instruction, so this is the instructions retired (plus the wrap
 * handler's few per 2^24). On QEMU without -icount it is host time (not a
 * count); with -icount shift=0 (1 ns per instruction) it is the
 * instructions / 40 (bench/guest.py --check-icount compares).
 * SPDX-License-Identifier: MIT */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#include "guest.h"             /* tests/guest/arm */

static volatile uint32_t bench_wraps;

static void bench_systick(void)
{
    bench_wraps++;
}

static inline uint64_t bench_instret(void)
{
    if (!(SYST_CSR & 1)) {
        vectors_to_ram();
        set_vector(EXC_SYSTICK, bench_systick);
        SYST_RVR = 0xffffff;
        SYST_CVR = 0;
        SYST_CSR = 7;          /* CPU clock, TICKINT, ENABLE */
        while (SYST_CVR == 0) {
        }
    }
    /* a wrap not taken yet is pending: count it, read again */
    __asm__ volatile("cpsid i" ::: "memory");
    uint64_t w = bench_wraps;
    uint32_t c = SYST_CVR;
    if (SCB_ICSR & ICSR_PENDSTSET) {
        w++;
        c = SYST_CVR;
    }
    __asm__ volatile("cpsie i" ::: "memory");
    return (w << 24) + (0xffffff - c);
}

#endif
