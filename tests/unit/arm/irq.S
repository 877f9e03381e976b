/* External interrupts: lines 0 and 1 driven by the harness while the CPU
 * waits in WFI with PRIMASK set (WFI still wakes); after CPSIE the higher
 * priority runs first and the other tail-chains; then IRQ1 pended from
 * the IRQ0 handler preempts it.
 * SPDX-License-Identifier: MIT */
#define H_IRQ0 irq0_h
#define H_IRQ1 irq1_h
#include "test.h"
#define LOG (DATA + 0x100)
    START
    ldr r9, =LOG
    movs r7, #0
    ldr r5, =0xe000e400               /* IPR: IRQ0 0x80, IRQ1 0x40 */
    ldr r0, =0x4080
    str r0, [r5]
    ldr r5, =0xe000e100               /* ISER0 */
    movs r0, #3
    str r0, [r5]
    cpsid i
    wfi                              /* the harness pulses lines 0 and 1 */
    ldr r5, =0xe000e200               /* ISPR0: both pending */
    ldr r0, [r5]
    CHECK(1, r0, 3)
    ldr r5, =0xe000ed04
    ldr r0, [r5]
    ubfx r0, r0, #12, #9              /* VECTPENDING: IRQ1 */
    CHECK(2, r0, 17)
    cpsie i
    nop
    ldr r1, =LOG
    ldrb r0, [r1]
    CHECK(3, r0, '1')
    ldrb r0, [r1, #1]
    CHECK(4, r0, '0')
    movs r7, #1
    ldr r5, =0xe000e200
    movs r0, #1
    str r0, [r5]                     /* pend IRQ0 */
    ldr r1, =LOG
    ldr r0, [r1, #2]
    CHECK(5, r0, 0x007a3130)          /* "01z" */
    b pass
FUNC(irq0_h):
    movs r0, #'0'
    strb r0, [r9], #1
    cmp r7, #1
    bne 1f
    ldr r2, =0xe000e200
    movs r0, #2
    str r0, [r2]                     /* IRQ1 preempts here */
    movs r0, #'z'
    strb r0, [r9], #1
1:  bx lr
FUNC(irq1_h):
    mrs r0, ipsr
    cmp r0, #17
    bne fail
    movs r0, #'1'
    strb r0, [r9], #1
    bx lr
    END
