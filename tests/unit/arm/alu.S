/* Data processing: results and flags, shifts with carry, modified
 * immediates, bit fields, saturation, byte order, extension, IT blocks
 * (DDI 0403E A7).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    /* ADD/SUB flags */
    ldr r1, =0x7fffffff
    adds r0, r1, #1
    CHECK_FLAGS(2, 0x9)              /* N V */
    CHECK(1, r0, 0x80000000)
    ldr r1, =0xffffffff
    adds r0, r1, #1
    CHECK_FLAGS(4, 0x6)              /* Z C */
    CHECK(3, r0, 0)
    movs r1, #3
    subs r0, r1, #5
    CHECK_FLAGS(6, 0x8)              /* N, borrow: C clear */
    CHECK(5, r0, 0xfffffffe)
    subs r0, r1, #3
    CHECK_FLAGS(7, 0x6)              /* Z C */
    ldr r1, =0x80000000
    subs r0, r1, #1
    CHECK_FLAGS(8, 0x3)              /* C V */
    /* ADC/SBC with carry */
    SET_FLAGS(0x2)
    movs r1, #5
    adcs r0, r1, #7
    CHECK(10, r0, 13)
    SET_FLAGS(0x0)
    sbcs r0, r1, #2
    CHECK_FLAGS(12, 0x2)
    CHECK(11, r0, 2)                 /* 5 - 2 - 1 */
    mov r2, #10
    rsb r0, r2, #3
    CHECK(13, r0, -7)
    negs r0, r2
    CHECK(14, r0, -10)
    /* logical with modified immediates and carry out */
    ldr r1, =0x12345678
    and r0, r1, #0xff00ff00
    CHECK(20, r0, 0x12005600)
    orr r0, r1, #0x000000ff
    CHECK(21, r0, 0x123456ff)
    bic r0, r1, #0xf0
    CHECK(22, r0, 0x12345608)
    eor r0, r1, #0x11111111
    CHECK(23, r0, 0x03254769)
    orn r0, r1, #0xff
    CHECK(24, r0, 0xffffff78)
    mvn r0, #0
    CHECK(25, r0, 0xffffffff)
    SET_FLAGS(0x0)
    ands r0, r1, #0x80000000         /* rotated immediate: C = bit 31 */
    CHECK_FLAGS(26, 0x6)
    SET_FLAGS(0x2)
    ands r0, r1, #0xff               /* plain imm8: C unchanged */
    CHECK_FLAGS(27, 0x2)
    movw r0, #0x1234
    movt r0, #0xabcd
    CHECK(28, r0, 0xabcd1234)
    /* shifts and their carry */
    movs r1, #0x81
    lsls r0, r1, #31
    CHECK_FLAGS(31, 0x8)             /* N; C = bit 1 of r1 */
    CHECK(30, r0, 0x80000000)
    lsrs r0, r1, #1
    CHECK_FLAGS(33, 0x2)
    CHECK(32, r0, 0x40)
    ldr r1, =0x80000000
    asrs r0, r1, #4
    CHECK(34, r0, 0xf8000000)
    movs r2, #33
    lsls r0, r1, r2
    CHECK_FLAGS(36, 0x4)             /* Z, C = 0 (shift > 32) */
    CHECK(35, r0, 0)
    movs r1, #1
    rors r0, r1, #1
    CHECK_FLAGS(38, 0xa)
    CHECK(37, r0, 0x80000000)
    SET_FLAGS(0x2)
    movs r1, #2
    rrxs r0, r1
    CHECK_FLAGS(40, 0x8)
    CHECK(39, r0, 0x80000001)
    ldr r1, =0x0000ff00
    add r0, r1, r1, lsl #4
    CHECK(41, r0, 0x10ef00)
    /* compare and test */
    movs r1, #5
    cmp r1, #5
    CHECK_FLAGS(50, 0x6)
    cmn r1, #5
    CHECK_FLAGS(51, 0x0)
    SET_FLAGS(0x0)
    tst r1, #2
    CHECK_FLAGS(52, 0x4)
    SET_FLAGS(0x0)
    teq r1, #5
    CHECK_FLAGS(53, 0x4)
    /* bit fields, saturation, byte order, extension */
    ldr r0, =0xffffffff
    movs r1, #0x5
    bfi r0, r1, #4, #8
    CHECK(60, r0, 0xfffff05f)
    bfc r0, #0, #4
    CHECK(61, r0, 0xfffff050)
    ldr r1, =0x12345678
    ubfx r0, r1, #8, #12
    CHECK(62, r0, 0x456)
    sbfx r0, r1, #4, #8
    CHECK(63, r0, 0x67)
    sbfx r0, r1, #0, #4
    CHECK(64, r0, 0xfffffff8)
    clz r0, r1
    CHECK(65, r0, 3)
    movs r2, #0
    clz r0, r2
    CHECK(66, r0, 32)
    rbit r0, r1
    CHECK(67, r0, 0x1e6a2c48)
    rev r0, r1
    CHECK(68, r0, 0x78563412)
    rev16 r0, r1
    CHECK(69, r0, 0x34127856)
    ldr r2, =0x000080ff
    revsh r0, r2
    CHECK(70, r0, 0xffffff80)
    sxtb r0, r2
    CHECK(71, r0, 0xffffffff)
    sxth r0, r2
    CHECK(72, r0, 0xffff80ff)
    uxtb r0, r2, ror #8
    CHECK(73, r0, 0x80)
    uxth r0, r1
    CHECK(74, r0, 0x5678)
    ldr r1, =1000
    ssat r0, #8, r1
    CHECK(75, r0, 127)
    mrs r2, apsr
    tst r2, #0x08000000              /* Q */
    beq fail
    ldr r1, =-1000
    usat r0, #8, r1
    CHECK(76, r0, 0)
    /* IT blocks: conditions, and 16-bit ops not setting flags inside */
    movs r0, #1
    cmp r0, #1
    ite eq
    moveq r1, #10
    movne r1, #20
    CHECK(80, r1, 10)
    cmp r0, #2
    itte eq
    moveq r1, #1
    moveq r1, #2
    movne r1, #3
    CHECK(81, r1, 3)
    movs r0, #0
    cmp r0, #0                       /* Z set */
    itt eq
    addeq r0, r0, #1                 /* 16-bit ADDS form: no flags in IT */
    addeq r0, r0, #1                 /* still executes: Z unchanged */
    CHECK(82, r0, 2)
    movs r2, #5
    cmp r2, #3
    ittet gt
    movgt r3, #1
    addgt r3, r3, #1
    movle r3, #7
    addgt r3, r3, #10
    CHECK(83, r3, 12)
    cmp r2, #5
    it ne
    bne fail                         /* a branch last in an IT block */
    b pass
    END
