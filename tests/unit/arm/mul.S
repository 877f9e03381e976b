/* Multiply and divide: MUL/MLA/MLS, long products, SDIV/UDIV with the
 * division by zero giving 0, then a UsageFault DIVBYZERO with
 * CCR.DIV_0_TRP set.
 * SPDX-License-Identifier: MIT */
#define H_USAGEFAULT usage
#include "test.h"
    START
    movs r1, #6
    movs r2, #7
    muls r1, r2, r1
    CHECK(1, r1, 42)
    ldr r1, =-6
    mla r0, r1, r2, r2
    CHECK(2, r0, -35)
    mls r0, r1, r2, r2
    CHECK(3, r0, 49)
    ldr r1, =0xffffffff
    ldr r2, =2
    umull r3, r4, r1, r2
    CHECK(4, r3, 0xfffffffe)
    CHECK(5, r4, 1)
    smull r3, r4, r1, r2
    CHECK(6, r3, 0xfffffffe)
    CHECK(7, r4, 0xffffffff)
    movs r3, #1
    movs r4, #1
    umlal r3, r4, r1, r2
    CHECK(8, r3, 0xffffffff)
    CHECK(9, r4, 2)
    movs r3, #2
    movs r4, #0
    smlal r3, r4, r1, r2
    CHECK(10, r3, 0)
    CHECK(11, r4, 0)
    ldr r1, =-20
    movs r2, #6
    sdiv r0, r1, r2
    CHECK(20, r0, -3)
    udiv r0, r1, r2
    CHECK(21, r0, 0x2aaaaaa7)
    movs r2, #0
    sdiv r0, r1, r2
    CHECK(22, r0, 0)
    udiv r0, r1, r2
    CHECK(23, r0, 0)
    ldr r1, =0x80000000
    ldr r2, =-1
    sdiv r0, r1, r2
    CHECK(24, r0, 0x80000000)
    /* DIV_0_TRP: UsageFault (enabled in SHCSR) */
    ldr r5, =0xe000ed24
    ldr r0, [r5]
    orr r0, r0, #(1 << 18)
    str r0, [r5]
    ldr r5, =0xe000ed14
    ldr r0, [r5]
    orr r0, r0, #0x10
    str r0, [r5]
    movs r8, #0
    movs r2, #0
    movs r0, #5
    udiv r0, r1, r2                  /* faults, the handler skips it */
    CHECK(30, r8, 1)
    CHECK(31, r0, 5)
    ldr r5, =0xe000ed28
    ldr r0, [r5]
    CHECK(32, r0, 0x02000000)
    b pass
FUNC(usage):
    adds r8, r8, #1
    ldr r0, [sp, #24]
    adds r0, r0, #4
    str r0, [sp, #24]
    bx lr
    END
