/* LDRT, STRT and their byte and halfword forms access memory as
 * unprivileged (ARMv7-M A7.7): in RAM they are plain loads and stores
 * (a positive imm8 offset, no writeback); from privileged code in the
 * System Control Space they are precise BusFaults with BFAR, as
 * unprivileged accesses are (B3.2.2), but STRT to STIR with
 * CCR.USERSETMPEND, which then pends the interrupt.
 * SPDX-License-Identifier: MIT */
#define H_BUSFAULT bus_h
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
    ldr r4, =DATA                     /* RAM */
    ldr r0, =0x8180ff7f
    str r0, [r4, #8]
    ldrt r1, [r4, #8]
    CHECK(1, r1, 0x8180ff7f)
    ldrbt r1, [r4, #11]
    CHECK(2, r1, 0x81)
    ldrsbt r1, [r4, #11]
    CHECK(3, r1, 0xffffff81)
    ldrht r1, [r4, #10]
    CHECK(4, r1, 0x8180)
    ldrsht r1, [r4, #10]
    CHECK(5, r1, 0xffff8180)
    ldr r0, =0x12345678
    strt r0, [r4, #12]
    strbt r0, [r4, #16]
    strht r0, [r4, #20]
    ldr r1, [r4, #12]
    CHECK(6, r1, 0x12345678)
    ldr r1, [r4, #16]
    CHECK(7, r1, 0x78)
    ldr r1, [r4, #20]
    CHECK(8, r1, 0x5678)
    CHECK(9, r4, DATA)                /* no writeback */
    ldr r5, =0xe000ed00               /* the SCS, privileged */
    ldr r1, [r5, #4]                  /* LDR of ICSR: no fault */
    CHECK(10, r7, 0)
    ldrt r1, [r5, #4]                 /* LDRT of ICSR: BusFault, skipped */
    CHECK(11, r7, 1)
    CHECK(12, r8, 0xe000ed04)         /* BFAR */
    CHECK(13, r9, 0x8200)             /* CFSR: PRECISERR, BFARVALID */
    ldrbt r1, [r5, #5]
    CHECK(14, r7, 2)
    CHECK(15, r8, 0xe000ed05)
    ldrht r1, [r5, #6]
    CHECK(16, r7, 3)
    ldrsbt r1, [r5, #7]
    CHECK(17, r7, 4)
    ldrsht r1, [r5, #8]
    CHECK(18, r7, 5)
    CHECK(19, r8, 0xe000ed08)
    movs r0, #0
    strbt r0, [r5, #0x14]             /* CCR */
    CHECK(20, r7, 6)
    strht r0, [r5, #0x14]
    CHECK(21, r7, 7)
    CHECK(22, r8, 0xe000ed14)
    ldr r4, =0xe000ef00
    movs r0, #2
    strt r0, [r4]                     /* STIR: BusFault too */
    isb
    CHECK(23, r7, 8)
    CHECK(24, r8, 0xe000ef00)
    CHECK(25, r6, 0)
    ldr r0, [r5, #0x14]               /* CCR: USERSETMPEND */
    orr r0, r0, #2
    str r0, [r5, #0x14]
    movs r0, #2
    strt r0, [r4]                     /* STIR: allowed now, IRQ 2 runs */
    isb
    CHECK(26, r7, 8)
    CHECK(27, r6, 1)
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
FUNC(irq2_h):
    adds r6, r6, #1
    bx lr
    END
