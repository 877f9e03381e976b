/* Cortex-M SysTick on mps2-an385 (ARMv7-M ARM B3.3): RVR's 24 bits, CVR
 * cleared by any write, COUNTFLAG set by a wrap and cleared by reading
 * CSR or writing CVR, the counter stopped while ENABLE is clear, the
 * exception pending (ICSR.PENDSTSET) on a wrap with TICKINT only, and a
 * number of interrupts at a 1 ms reload. QEMU counts SysTick in host time
 * (without -icount), so nothing here depends on how many instructions
 * run between two counter values: only orders and flags are printed.
 * CALIB and CLKSOURCE=0 (the reference clock: 1 MHz on QEMU's board, the
 * CPU clock on hemu's) are left out for that reason too.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

#define CSR_ENABLE 1u
#define CSR_TICKINT 2u
#define CSR_CLKSOURCE 4u
#define CSR_COUNTFLAG (1u << 16)

static volatile unsigned ticks;
static volatile uint32_t in_handler_csr;

static void systick_handler(void)
{
    ticks++;
    in_handler_csr = SYST_CSR;
}

/* Poll CVR (which leaves COUNTFLAG alone) until the counter wraps: the
 * value goes up by much. The count starts from a loaded value: after a
 * CVR write QEMU may show 0 or 1 for a while, and its reload from 0 to
 * RVR is no wrap (COUNTFLAG stays clear). */
static void wait_wrap(void)
{
    uint32_t last;
    while ((last = SYST_CVR) <= 1) {
    }
    for (;;) {
        uint32_t v = SYST_CVR;
        if (v > last + 1000) {
            return;
        }
        last = v;
    }
}

int main(void)
{
    vectors_to_ram();
    set_vector(EXC_SYSTICK, systick_handler);

    SYST_CSR = 0;
    SYST_RVR = 0xffffffffu;
    printf("RVR after 0xffffffff: %#lx\n", (unsigned long)SYST_RVR);
    SYST_CVR = 0x1234;
    printf("CVR after a write, stopped: %#lx\n", (unsigned long)SYST_CVR);
    printf("CSR at rest: %#lx\n", (unsigned long)SYST_CSR);

    /* running: CVR counts down from RVR */
    SYST_RVR = 0xffffff;
    SYST_CSR = CSR_CLKSOURCE | CSR_ENABLE;
    while (SYST_CVR == 0) {    /* QEMU shows 0 for a while after ENABLE */
    }
    uint32_t a = SYST_CVR;
    for (volatile int i = 0; i < 1000; i++) {
    }
    uint32_t b = SYST_CVR;
    printf("counting down: %s\n", b < a && a <= 0xffffff ? "yes" : "no");
    printf("CSR while counting: %#lx\n", (unsigned long)SYST_CSR);

    /* stopped, the counter keeps its value */
    SYST_CSR = CSR_CLKSOURCE;
    a = SYST_CVR;
    for (volatile int i = 0; i < 1000; i++) {
    }
    printf("stopped: CVR %s\n", SYST_CVR == a ? "holds" : "moves");

    /* a wrap sets COUNTFLAG; reading CSR clears it */
    SYST_RVR = 2500 - 1;       /* 100 us */
    SYST_CVR = 0;
    SYST_CSR = CSR_CLKSOURCE | CSR_ENABLE;
    wait_wrap();
    SYST_CSR = CSR_CLKSOURCE;  /* stop: nothing sets it again */
    uint32_t c1 = SYST_CSR, c2 = SYST_CSR;
    printf("COUNTFLAG after a wrap: %lu, read again: %lu\n",
           (unsigned long)(c1 >> 16 & 1), (unsigned long)(c2 >> 16 & 1));

    /* writing CVR clears it too */
    SYST_CSR = CSR_CLKSOURCE | CSR_ENABLE;
    wait_wrap();
    SYST_CSR = CSR_CLKSOURCE;
    SYST_CVR = 7;
    printf("COUNTFLAG after a wrap and a CVR write: %lu; CVR %#lx\n",
           (unsigned long)(SYST_CSR >> 16 & 1), (unsigned long)SYST_CVR);

    /* without TICKINT a wrap pends nothing; with it SysTick is pending */
    SYST_CSR = CSR_CLKSOURCE | CSR_ENABLE;
    wait_wrap();
    SYST_CSR = CSR_CLKSOURCE;
    printf("PENDSTSET after a wrap without TICKINT: %lu\n",
           (unsigned long)(SCB_ICSR >> 26 & 1));
    __asm__ volatile("cpsid i" ::: "memory");
    SYST_CSR = CSR_CLKSOURCE | CSR_TICKINT | CSR_ENABLE;
    wait_wrap();
    SYST_CSR = CSR_CLKSOURCE | CSR_TICKINT;
    printf("PENDSTSET after a wrap with TICKINT: %lu\n",
           (unsigned long)(SCB_ICSR >> 26 & 1));
    SCB_ICSR = ICSR_PENDSTCLR;
    printf("after PENDSTCLR: %lu\n", (unsigned long)(SCB_ICSR >> 26 & 1));
    __asm__ volatile("cpsie i\n isb" ::: "memory");
    printf("ticks taken: %u\n", ticks);

    /* pended by software, SysTick runs even with the counter off */
    SCB_ICSR = ICSR_PENDSTSET;
    barrier();
    printf("ticks after PENDSTSET: %u\n", ticks);

    /* interrupts at 1 ms (25 MHz CPU clock): 10 of them, waiting in WFI */
    ticks = 0;
    SYST_RVR = 25000 - 1;
    SYST_CVR = 0;
    SYST_CSR = CSR_CLKSOURCE | CSR_TICKINT | CSR_ENABLE;
    while (ticks < 10) {
        __asm__ volatile("wfi");
    }
    SYST_CSR = CSR_CLKSOURCE;
    printf("ticks at 1 ms: %u, COUNTFLAG seen in the handler: %lu\n", ticks,
           (unsigned long)(in_handler_csr >> 16 & 1));

    /* a reload of 0 stops the counter at its next wrap: no more ticks */
    ticks = 0;
    SYST_RVR = 0;
    SYST_CVR = 0;
    SYST_CSR = CSR_CLKSOURCE | CSR_TICKINT | CSR_ENABLE;
    for (volatile int i = 0; i < 20000; i++) {
    }
    printf("RVR 0: ticks %u, CVR %#lx, COUNTFLAG %lu\n", ticks,
           (unsigned long)SYST_CVR, (unsigned long)(SYST_CSR >> 16 & 1));
    SYST_CSR = 0;
    return 0;
}
