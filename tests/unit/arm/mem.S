/* Loads and stores of all sizes and addressing modes, LDRD/STRD, LDM/STM,
 * PUSH/POP, exclusives, table branches, CBZ/CBNZ, unaligned words.
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    ldr r4, =DATA
    ldr r1, =0x89abcdef
    str r1, [r4]
    ldr r0, [r4]
    CHECK(1, r0, 0x89abcdef)
    ldrb r0, [r4, #1]
    CHECK(2, r0, 0xcd)
    ldrsb r0, [r4, #3]
    CHECK(3, r0, 0xffffff89)
    ldrh r0, [r4, #2]
    CHECK(4, r0, 0x89ab)
    ldrsh r0, [r4]
    CHECK(5, r0, 0xffffcdef)
    movs r1, #0x5a
    strb r1, [r4, #4]
    ldr r2, =0x1234
    strh r2, [r4, #6]
    ldr r0, [r4, #4]
    CHECK(6, r0, 0x1234005a)
    /* pre/post index with writeback, negative offsets */
    mov r5, r4
    ldr r0, [r5, #4]!
    CHECK(10, r5, DATA + 4)
    ldr r0, [r5], #-4
    CHECK(11, r0, 0x1234005a)
    CHECK(12, r5, DATA)
    add r5, r4, #8
    ldr r0, [r5, #-8]
    CHECK(13, r0, 0x89abcdef)
    movs r6, #1
    ldr r0, [r4, r6, lsl #2]
    CHECK(14, r0, 0x1234005a)
    ldrb r0, [r4, r6]
    CHECK(15, r0, 0xcd)
    /* unaligned word (allowed on v7-M) */
    ldr r0, [r4, #1]
    CHECK(16, r0, 0x5a89abcd)
    /* LDRD, STRD */
    ldr r1, =0x11111111
    ldr r2, =0x22222222
    strd r1, r2, [r4, #16]
    ldrd r6, r7, [r4, #16]
    CHECK(20, r6, 0x11111111)
    CHECK(21, r7, 0x22222222)
    /* LDM, STM, PUSH, POP */
    movs r0, #1
    movs r1, #2
    movs r2, #3
    add r5, r4, #32
    stmia r5!, {r0-r2}
    CHECK(30, r5, DATA + 44)
    ldmdb r5!, {r1, r2, r3}
    CHECK(31, r1, 1)
    CHECK(32, r3, 3)
    CHECK(33, r5, DATA + 32)
    mov r7, sp
    push {r0-r2, lr}
    mov r0, sp
    adds r0, r0, #16
    cmp r0, r7
    bne fail
    pop {r0-r2}
    CHECK(34, r2, 2)
    pop {r3}
    bl sub1
    CHECK(35, r0, 0x77)
    /* exclusives */
    add r5, r4, #48
    ldrex r0, [r5]
    adds r0, r0, #1
    strex r1, r0, [r5]
    CHECK(40, r1, 0)
    strex r1, r0, [r5]               /* no reservation: fails */
    CHECK(41, r1, 1)
    ldrex r0, [r5]
    clrex
    strex r1, r0, [r5]
    CHECK(42, r1, 1)
    /* table branches, CBZ, CBNZ */
    movs r0, #2
    tbb [pc, r0]
tbb_table:
    .byte (t0 - tbb_table) / 2, (t1 - tbb_table) / 2, (t2 - tbb_table) / 2, 0
t0: b fail
t1: b fail
t2: movs r0, #1
    tbh [pc, r0, lsl #1]
tbh_table:
    .hword (h0 - tbh_table) / 2, (h1 - tbh_table) / 2
h0: b fail
h1: movs r0, #0
    cbz r0, 1f
    b fail
1:  movs r0, #1
    cbnz r0, 2f
    b fail
2:  ldr r0, lit
    CHECK(50, r0, 0xcafef00d)
    adr r1, lit
    ldr r0, [r1]
    CHECK(51, r0, 0xcafef00d)
    b pass
    .align 2
lit: .word 0xcafef00d
FUNC(sub1):
    push {r4, lr}
    movs r0, #0x77
    pop {r4, pc}
    END
