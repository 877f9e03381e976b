/* Cortex-M exceptions on mps2-an385: SVCall, PendSV tail-chained after it,
 * SysTick counting the CPU clock, and a HardFault on an unmapped load.
 * (An external timer interrupt is left out: QEMU's timer0 sometimes never
 * fires under load, so the output would not be QEMU's every time.)
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

#define REG(a) (*(volatile uint32_t *)(a))
#define SCB_ICSR REG(0xe000ed04)
#define SCB_VTOR REG(0xe000ed08)
#define SCB_SHPR3 REG(0xe000ed20)
#define SCB_CFSR REG(0xe000ed28)
#define SCB_HFSR REG(0xe000ed2c)
#define SCB_BFAR REG(0xe000ed38)
#define SYST_CSR REG(0xe000e010)
#define SYST_RVR REG(0xe000e014)
#define SYST_CVR REG(0xe000e018)

static volatile char order[16];
static volatile int norder;
static volatile int ticks;
static volatile uint32_t fault_bfar, fault_cfsr;

static void note(char c) { order[norder++] = c; }

static void svc_handler(void) { note('S'); SCB_ICSR = 1u << 28; note('s'); }
static void pendsv_handler(void) { note('P'); }
static void systick_handler(void) { ticks++; }

/* A bad load escalates to HardFault (BusFault not enabled): note the
 * fault and skip the 2-byte load instruction. */
__attribute__((naked)) static void hardfault_handler(void)
{
    __asm__ volatile(
        "ldr r0, [sp, #24]\n"     /* stacked pc */
        "adds r0, r0, #2\n"
        "str r0, [sp, #24]\n"
        "ldr r1, =0xe000ed38\n ldr r1, [r1]\n ldr r2, =fault_bfar\n str r1, [r2]\n"
        "ldr r1, =0xe000ed28\n ldr r1, [r1]\n ldr r2, =fault_cfsr\n str r1, [r2]\n"
        "bx lr\n");
}

static uint32_t vectors[64] __attribute__((aligned(256)));

int main(void)
{
    const uint32_t *old = (const uint32_t *)SCB_VTOR;
    for (int i = 0; i < 64; i++) {
        vectors[i] = old[i];
    }
    vectors[3] = (uint32_t)hardfault_handler;
    vectors[11] = (uint32_t)svc_handler;
    vectors[14] = (uint32_t)pendsv_handler;
    vectors[15] = (uint32_t)systick_handler;
    SCB_VTOR = (uint32_t)vectors;

    /* PendSV lowest priority: pended inside SVC, it runs after it */
    SCB_SHPR3 = 0xff << 16;
    __asm__ volatile("svc 0");
    note('m');
    printf("svc/pendsv order: %.*s\n", norder, (const char *)order);

    /* SysTick: 25 MHz CPU clock, reload 25000 - 1: 1 ms */
    SYST_RVR = 25000 - 1;
    SYST_CVR = 0;
    SYST_CSR = 7;
    while (ticks < 5) {
        __asm__ volatile("wfi");
    }
    SYST_CSR = 0;
    printf("systick: %d ticks seen\n", ticks);

    /* a load from nothing: HardFault FORCED with a precise BusFault */
    volatile uint32_t *bad = (volatile uint32_t *)0x60000000;
    (void)*bad;
    printf("hardfault: CFSR=%#lx BFAR=%#lx HFSR=%#lx\n", (unsigned long)fault_cfsr,
           (unsigned long)fault_bfar, (unsigned long)SCB_HFSR);
    return 0;
}
