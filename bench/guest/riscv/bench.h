/* RISC-V glue of the guest benchmarks (the sources in bench/guest): the instruction
 * count is minstret (hemu's is exact; QEMU 7.2 gives it only with -icount).
 * SPDX-License-Identifier: MIT */
#ifndef BENCH_H
#define BENCH_H

#include <stdint.h>

#include "guest.h"             /* tests/guest/riscv */

static inline uint64_t bench_instret(void)
{
    return csr_read(minstret);
}

#endif
