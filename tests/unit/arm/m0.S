/* ARMv6-M (Cortex-M0): a few v6-M instructions, then a v7-M-only one
 * (UDIV) that must raise HardFault (v6-M has no UsageFault).
 * SPDX-License-Identifier: MIT */
#define H_HARDFAULT hf
#include "test.h"
    START
    movs r0, #5
    movs r1, #7
    muls r0, r1, r0
    CHECK(1, r0, 35)
    ldr r4, =DATA
    str r0, [r4]
    ldrb r1, [r4]
    CHECK(2, r1, 35)
    push {r0, r1}
    pop {r2, r3}
    CHECK(3, r3, 35)
    bl f
    CHECK(4, r0, 9)
    mrs r0, ipsr
    CHECK(5, r0, 0)
    movs r7, #0
    .inst.w 0xfbb0f0f1               /* udiv r0, r0, r1: v7-M only */
    CHECK(6, r7, 1)
    b pass
    .thumb_func
f:  movs r0, #9
    bx lr
FUNC(hf):
    mrs r0, ipsr
    cmp r0, #3
    bne fail
    adds r7, r7, #1
    ldr r0, [sp, #24]
    adds r0, r0, #4
    str r0, [sp, #24]
    bx lr
    END
