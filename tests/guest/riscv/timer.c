/* The CLINT's interrupts (Privileged 20211203 §3.1.9, §3.2.1; QEMU's
 * ACLINT on virt): mtimecmp against mtime drives mip.MTIP, msip drives
 * mip.MSIP; what wfi does with and without mstatus.MIE; the order of two
 * pending interrupts; the time CSR against mtime, and after mtime is
 * written.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

static volatile unsigned long causes[8];
static volatile unsigned ncauses;

void mtrap(TrapFrame *f)
{
    unsigned long cause = csr_read(mcause);
    (void)f;
    if (ncauses < 8) {
        causes[ncauses] = cause;
    }
    ncauses++;
    if (cause == (CAUSE_IRQ | 7)) {
        *CLINT_MTIMECMP(0) = ~0ull;    /* no more timer: MTIP drops */
    } else if (cause == (CAUSE_IRQ | 3)) {
        *CLINT_MSIP(0) = 0;
    } else {
        printf("unexpected trap: mcause=%#lx mepc=%#lx\n", cause,
               csr_read(mepc));
        f->x[REG_EPC] += insn_len(f->x[REG_EPC]);
    }
}

static void print_causes(const char *what)
{
    printf("%s: %u trap(s)", what, ncauses);
    for (unsigned i = 0; i < ncauses && i < 8; i++) {
        printf(" mcause=%#lx", causes[i]);
    }
    printf("\n");
    ncauses = 0;
}

static void wait_mip(unsigned long bit)
{
    while (!(csr_read(mip) & bit)) {
    }
}

static const char *yes(int c)
{
    return c ? "yes" : "no";
}

int main(void)
{
    csr_write(mtvec, mtrap_entry);
    *CLINT_MTIMECMP(0) = ~0ull;

    printf("-- mtimecmp, interrupts off (mie=0, mstatus.MIE=0)\n");
    uint64_t cmp;
    unsigned long mip;
    do {        /* again if the host was too slow to see mtime < mtimecmp */
        cmp = *CLINT_MTIME + 1000;
        *CLINT_MTIMECMP(0) = cmp;
        mip = csr_read(mip);
    } while (*CLINT_MTIME >= cmp);
    printf("mtimecmp = mtime + 1000 (100 us): mip.MTIP now %lu\n",
           (mip & MIP_MTIP) >> 7);
    wait_mip(MIP_MTIP);
    printf("mip.MTIP became 1; mtime >= mtimecmp: %s\n",
           yes(*CLINT_MTIME >= cmp));
    print_causes("taken");
    *CLINT_MTIMECMP(0) = ~0ull;
    printf("mtimecmp = -1: mip.MTIP=%lu\n", (csr_read(mip) & MIP_MTIP) >> 7);

    printf("-- wfi with mie.MTIE=1, mstatus.MIE=0\n");
    csr_set(mie, MIP_MTIP);
    *CLINT_MTIMECMP(0) = *CLINT_MTIME + 10000;
    while (!(csr_read(mip) & MIP_MTIP)) {
        __asm__ volatile("wfi");
    }
    printf("wfi returned with mip.MTIP=1\n");
    print_causes("taken");
    csr_set(mstatus, MSTATUS_MIE);
    print_causes("mstatus.MIE=1 with MTIP pending, taken at once");

    printf("-- timer interrupt after wfi\n");
    csr_clear(mstatus, MSTATUS_MIE);
    *CLINT_MTIMECMP(0) = *CLINT_MTIME + 10000;
    while (!ncauses) {
        /* with MIE=0 wfi still wakes on a pending MTIP; MIE=1 takes it */
        __asm__ volatile("wfi");
        csr_set(mstatus, MSTATUS_MIE);
        csr_clear(mstatus, MSTATUS_MIE);
    }
    print_causes("mtimecmp = mtime + 10000, wfi");
    printf("after the handler: mip.MTIP=%lu\n", (csr_read(mip) & MIP_MTIP) >> 7);

    printf("-- software interrupt (msip)\n");
    csr_set(mie, MIP_MSIP);
    *CLINT_MSIP(0) = 1;
    wait_mip(MIP_MSIP);
    print_causes("msip[0] = 1, mstatus.MIE=0: mip.MSIP=1");
    csr_set(mstatus, MSTATUS_MIE);
    print_causes("mstatus.MIE=1");
    printf("after the handler: msip[0]=%u mip.MSIP=%lu\n", *CLINT_MSIP(0),
           (csr_read(mip) & MIP_MSIP) >> 3);
    *CLINT_MSIP(0) = 0xfffffffe;
    printf("msip[0] = 0xfffffffe reads %#x (only bit 0 is kept)\n",
           *CLINT_MSIP(0));

    printf("-- both pending, then mstatus.MIE=1\n");
    csr_clear(mstatus, MSTATUS_MIE);
    *CLINT_MTIMECMP(0) = 0;
    *CLINT_MSIP(0) = 1;
    wait_mip(MIP_MTIP);
    wait_mip(MIP_MSIP);
    printf("mip & (MSIP|MTIP) = %#lx\n", csr_read(mip) & (MIP_MSIP | MIP_MTIP));
    csr_set(mstatus, MSTATUS_MIE);
    print_causes("taken, in priority order (MSI before MTI)");
    csr_clear(mstatus, MSTATUS_MIE);

    printf("-- time CSR\n");
    uint64_t m0 = *CLINT_MTIME;
    uint64_t t = csr_read(time);
    uint64_t m1 = *CLINT_MTIME;
    printf("mtime before <= time <= mtime after: %s\n", yes(m0 <= t && t <= m1));
    /* software may set mtime; the time CSR follows it */
    uint64_t set = m1 + (1ull << 40);
    *CLINT_MTIME = set;
    t = csr_read(time);
    m1 = *CLINT_MTIME;
    printf("mtime = mtime + 2^40: written <= time <= mtime after: %s\n",
           yes(set <= t && t <= m1));
    return 0;
}
