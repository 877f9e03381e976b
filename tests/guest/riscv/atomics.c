/* The A extension across harts (Unprivileged 20191213 ch. 8): four harts
 * (run with -smp 4; smp.S starts them) add to shared counters with
 * amoadd.w, with lr.w/sc.w loops and under an amoswap.w spinlock, mark
 * themselves with amoor.w, race amomax.w/amomin.w, and meet at a barrier;
 * hart 0 prints the totals.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

#define HARTS 4
#define ROUNDS 20000

static volatile uint32_t amo_count, lrsc_count, locked_count, lock;
static volatile uint32_t seen, arrived, harts_done;
static volatile int32_t max_val, min_val;

static void amoadd(volatile uint32_t *p, uint32_t v)
{
    __asm__ volatile("amoadd.w zero, %1, (%0)" :: "r"(p), "r"(v) : "memory");
}

static void lrsc_add(volatile uint32_t *p, uint32_t v)
{
    uint32_t old, fail;
    __asm__ volatile("1: lr.w %0, (%2)\n"
                     "   add %1, %0, %3\n"
                     "   sc.w %1, %1, (%2)\n"
                     "   bnez %1, 1b"
                     : "=&r"(old), "=&r"(fail) : "r"(p), "r"(v) : "memory");
}

static void lock_take(void)
{
    uint32_t old;
    do {
        __asm__ volatile("amoswap.w.aq %0, %2, (%1)"
                         : "=r"(old) : "r"(&lock), "r"(1) : "memory");
    } while (old);
}

static void lock_give(void)
{
    __asm__ volatile("amoswap.w.rl zero, zero, (%0)" :: "r"(&lock) : "memory");
}

static void work(unsigned long hart)
{
    uint32_t mask = 1u << hart;
    int32_t mine = (int32_t)(hart + 1) * 1000;
    __asm__ volatile("amoor.w zero, %1, (%0)" :: "r"(&seen), "r"(mask) : "memory");
    __asm__ volatile("amomax.w zero, %1, (%0)" :: "r"(&max_val), "r"(mine) : "memory");
    __asm__ volatile("amomin.w zero, %1, (%0)" :: "r"(&min_val), "r"(-mine) : "memory");
    for (int i = 0; i < ROUNDS; i++) {
        amoadd(&amo_count, 1);
        lrsc_add(&lrsc_count, 1);
        lock_take();
        locked_count = locked_count + 1;   /* plain load and store */
        lock_give();
    }
    amoadd(&arrived, 1);
    /* the barrier; hart 0 gives up after 10 s of mtime (too few harts) */
    uint64_t give_up = *CLINT_MTIME + 100000000;
    while (arrived < HARTS && (hart || *CLINT_MTIME < give_up)) {
    }
}

void secondary_main(unsigned long hart);

void secondary_main(unsigned long hart)
{
    if (hart < HARTS) {
        work(hart);
    }
    amoadd(&harts_done, 1);
}

int main(void)
{
    printf("hart 0 of %d: %d rounds each of amoadd.w, lr.w/sc.w and a "
           "locked add\n", HARTS, ROUNDS);
    work(0);
    printf("barrier passed: %u harts arrived, seen mask %#x\n", arrived, seen);
    printf("amoadd.w total:    %u\n", amo_count);
    printf("lr.w/sc.w total:   %u\n", lrsc_count);
    printf("locked add total:  %u\n", locked_count);
    printf("amomax.w: %d, amomin.w: %d\n", max_val, min_val);
    return 0;
}
