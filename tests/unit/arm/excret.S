/* A bad exception return (ARMv7-M B1.5.8): IRQ1, nested in IRQ0, returns
 * to Thread mode while IRQ0 is still active (NONBASETHRDENA clear). IRQ1
 * is deactivated, UsageFault INVPC is taken with LR = that EXC_RETURN and
 * no new frame (SP as IRQ1 left it); its handler returns to IRQ0 with
 * 0xFFFFFFF1, which finishes normally.
 * SPDX-License-Identifier: MIT */
#define H_IRQ0 irq0_h
#define H_IRQ1 irq1_h
#define H_USAGEFAULT usage_h
#include "test.h"
    START
    ldr r5, =0xe000ed24               /* SHCSR: USGFAULTENA */
    ldr r0, =(1 << 18)
    str r0, [r5]
    ldr r5, =0xe000e400               /* IPR: IRQ0 0x80, IRQ1 0x40 */
    ldr r0, =0x4080
    str r0, [r5]
    ldr r5, =0xe000e100               /* ISER0 */
    movs r0, #3
    str r0, [r5]
    movs r7, #0
    ldr r5, =0xe000e200               /* ISPR0: IRQ0 */
    movs r0, #1
    str r0, [r5]
    CHECK(1, r7, 0x13)                /* IRQ1, the fault, the rest of IRQ0 */
    CHECK(2, r8, 0xfffffff9)          /* the fault's LR: the bad EXC_RETURN */
    CHECK(3, r9, 1)                   /* IABR in the fault: IRQ0 only */
    CHECK(4, r5, 0x40000)             /* CFSR: INVPC */
    cmp r4, r6                        /* no frame pushed for the fault */
    bne fail
    ldr r5, =0xe000e300
    ldr r0, [r5]
    CHECK(5, r0, 0)
    b pass
FUNC(irq0_h):
    push {lr}
    ldr r2, =0xe000e200
    movs r0, #2
    str r0, [r2]                      /* IRQ1 preempts here */
    adds r7, r7, #0x10
    pop {pc}
FUNC(irq1_h):
    mov r4, sp
    adds r7, r7, #1
    ldr r0, =0xfffffff9               /* bad: IRQ0 is still active */
    bx r0
FUNC(usage_h):
    mov r6, sp
    mov r8, lr
    adds r7, r7, #2
    ldr r0, =0xe000e300
    ldr r9, [r0]
    ldr r0, =0xe000ed28
    ldr r5, [r0]
    str r5, [r0]
    ldr r0, =0xfffffff1               /* the frame is IRQ1's: back to IRQ0 */
    bx r0
    END
