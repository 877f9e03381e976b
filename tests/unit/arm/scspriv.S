/* The System Control Space is privileged (ARMv7-M B3.2.2): unprivileged
 * loads and stores there are precise BusFaults with BFAR, but for STIR
 * with CCR.USERSETMPEND, which then pends the interrupt.
 * SPDX-License-Identifier: MIT */
#define H_BUSFAULT bus_h
#define H_SVC svc_h
#define H_IRQ2 irq2_h
#include "test.h"
    START
    ldr r5, =0xe000ed24               /* SHCSR: BUSFAULTENA */
    ldr r0, =(1 << 17)
    str r0, [r5]
    ldr r5, =0xe000e100               /* ISER0: IRQ 2 */
    movs r0, #4
    str r0, [r5]
    movs r7, #0
    movs r6, #0
    movs r0, #1                       /* unprivileged */
    msr control, r0
    isb
    ldr r5, =0xe000ed04
    ldr.w r1, [r5]                    /* ICSR: BusFault, skipped */
    CHECK(1, r7, 1)
    CHECK(2, r8, 0xe000ed04)          /* BFAR */
    CHECK(3, r9, 0x8200)              /* CFSR: PRECISERR, BFARVALID */
    ldr r5, =0xe000ef00
    movs r0, #2
    str.w r0, [r5]                    /* STIR: BusFault too */
    isb
    CHECK(4, r7, 2)
    CHECK(5, r6, 0)
    svc #0                            /* privileged again */
    ldr r4, =0xe000ed14               /* CCR: USERSETMPEND */
    ldr r0, [r4]
    orr r0, r0, #2
    str r0, [r4]
    movs r0, #1
    msr control, r0
    isb
    movs r0, #2
    str.w r0, [r5]                    /* STIR: allowed now, IRQ 2 runs */
    isb
    CHECK(6, r7, 2)
    CHECK(7, r6, 1)
    svc #0
    b pass
FUNC(bus_h):
    adds r7, r7, #1
    ldr r0, =0xe000ed38
    ldr r8, [r0]
    ldr r0, =0xe000ed28
    ldr r9, [r0]
    str r9, [r0]
    ldr r0, [sp, #24]                 /* skip the 32-bit access */
    adds r0, r0, #4
    str r0, [sp, #24]
    bx lr
FUNC(svc_h):
    movs r0, #0
    msr control, r0
    bx lr
FUNC(irq2_h):
    adds r6, r6, #1
    bx lr
    END
