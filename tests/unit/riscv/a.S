/* A: lr/sc success and failure, every AMO's result and memory value,
 * misaligned AMO/LR traps (Unprivileged ch. 8).
 * SPDX-License-Identifier: MIT */
#include "test.h"
#if XLEN == 64
#define SX80 0xffffffff80000000
#else
#define SX80 0x80000000
#endif
    START
    li s0, DATA
    /* lr/sc: success, then failure without a reservation */
    li t0, 100; sw t0, 0(s0)
    lr.w a0, (s0); TEST_EQ(1, a0, 100)
    li t1, 101; sc.w a1, t1, (s0); TEST_EQ(2, a1, 0)
    lw a0, 0(s0); TEST_EQ(3, a0, 101)
    sc.w a1, t1, (s0); TEST_EQ(4, a1, 1)       /* reservation used up */
    lr.w a0, (s0); addi t2, s0, 8
    sc.w a1, t1, (t2); TEST_EQ(5, a1, 1)       /* other address */
    lr.w a0, (s0); li t1, 7; sw t1, 0(s0)      /* value changed under it */
    li t1, 8; sc.w a1, t1, (s0); TEST_EQ(6, a1, 1)
    lw a0, 0(s0); TEST_EQ(7, a0, 7)
    /* sign extension of lr.w */
    li t0, -5; sw t0, 0(s0); lr.w a0, (s0); TEST_EQ(8, a0, -5)
    /* AMOs: old value in rd, new value in memory */
#define AMO_T(n, insn, init, src, old, new) \
    li t0, init; sw t0, 0(s0); li t1, src; insn a0, t1, (s0); \
    TEST_EQ(n, a0, old); lw a1, 0(s0); TEST_EQ(n + 100, a1, new)
    AMO_T(10, amoswap.w, 1, 2, 1, 2)
    AMO_T(11, amoadd.w, 0x7fffffff, 1, 0x7fffffff, SX80)
    AMO_T(12, amoxor.w, 0xff, 0x0f, 0xff, 0xf0)
    AMO_T(13, amoand.w, 0xff, 0x0f, 0xff, 0x0f)
    AMO_T(14, amoor.w, 0xf0, 0x0f, 0xf0, 0xff)
    AMO_T(15, amomin.w, -1, 1, -1, -1)
    AMO_T(16, amomax.w, -1, 1, -1, 1)
    AMO_T(17, amominu.w, -1, 1, -1, 1)
    AMO_T(18, amomaxu.w, -1, 1, -1, -1)
    /* rd = x0: memory still updated */
    li t0, 5; sw t0, 0(s0); li t1, 3; amoadd.w zero, t1, (s0); lw a0, 0(s0); TEST_EQ(19, a0, 8)
#if XLEN == 64
#define AMO_D(n, insn, init, src, old, new) \
    li t0, init; sd t0, 8(s0); li t1, src; addi t2, s0, 8; insn a0, t1, (t2); \
    TEST_EQ(n, a0, old); ld a1, 8(s0); TEST_EQ(n + 100, a1, new)
    AMO_D(20, amoswap.d, 1, 0x100000000, 1, 0x100000000)
    AMO_D(21, amoadd.d, 0xffffffff, 1, 0xffffffff, 0x100000000)
    AMO_D(22, amoxor.d, 0xff00000000, 0x0f00000000, 0xff00000000, 0xf000000000)
    AMO_D(23, amoand.d, 0xff00000000, 0x0f00000000, 0xff00000000, 0x0f00000000)
    AMO_D(24, amoor.d, 0xf000000000, 0x0f00000000, 0xf000000000, 0xff00000000)
    AMO_D(25, amomin.d, -1, 0x100000000, -1, -1)
    AMO_D(26, amomax.d, -1, 0x100000000, -1, 0x100000000)
    AMO_D(27, amominu.d, -1, 0x100000000, -1, 0x100000000)
    AMO_D(28, amomaxu.d, -1, 0x100000000, -1, -1)
    addi t2, s0, 8; li t0, 0x123456789; sd t0, 0(t2)
    lr.d a0, (t2); TEST_EQ(29, a0, 0x123456789)
    li t1, 1; sc.d a1, t1, (t2); TEST_EQ(30, a1, 0)
    ld a0, 0(t2); TEST_EQ(31, a0, 1)
    /* amo*.w compares 32-bit values: 0xffffffff is -1 for amomin.w */
    li t0, 0x00000000ffffffff; sd t0, 16(s0); addi t2, s0, 16; li t1, 0
    amomin.w a0, t1, (t2); TEST_EQ(32, a0, -1)
#endif
    /* misaligned: AMO -> store/AMO misaligned (6), LR -> load misaligned (4) */
    la t0, mtrap; csrw mtvec, t0
    addi t2, s0, 2
    li s2, 0; amoadd.w a0, t1, (t2); TEST_EQ(40, s2, 6); TEST_EQ(41, s3, DATA + 2)
    li s2, 0; lr.w a0, (t2); TEST_EQ(42, s2, 4); TEST_EQ(43, s3, DATA + 2)
    li s2, 0; sc.w a0, t1, (t2); TEST_EQ(44, s2, 6)
    la t0, trap_unexpected; csrw mtvec, t0
    j pass
    .balign 4
mtrap:
    csrr s2, mcause; csrr s3, mtval; csrr t0, mepc; addi t0, t0, 4
    csrw mepc, t0; mret
    END
