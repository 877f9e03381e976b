/* Physical memory protection (Privileged §3.7): NAPOT, NA4 and TOR
 * entries, priority by number, S-mode loads, stores and fetches checked
 * (access faults with mtval), a region boundary inside a page, M-mode
 * unchecked by unlocked entries and checked by a locked one, which can no
 * longer be changed. Entry 15 (test.h) lets S reach the rest. Passes on
 * QEMU 7.2 too.
 * SPDX-License-Identifier: MIT */
#include "test.h"
#define MPP_M (3 << 11)
#define MPP_S (1 << 11)
#define PAGE2 (DATA + 0x1000)
    START
    .option norvc
    la t0, mtrap; csrw mtvec, t0
    li s0, 0
    /* 0: NAPOT 4 KiB at DATA, read-only; 1: NA4 at PAGE2 + 0x800, no
     * access; 2: TOR [PAGE2 + 0x800, PAGE2 + 0x900), read-write */
    li t0, (DATA >> 2) | 0x1ff; csrw pmpaddr0, t0
    li t0, (PAGE2 + 0x800) >> 2; csrw pmpaddr1, t0
    li t0, (PAGE2 + 0x900) >> 2; csrw pmpaddr2, t0
    li t0, 0x0b1019; csrw pmpcfg0, t0
    csrr a0, pmpcfg0; li t1, 0xffffff; and a0, a0, t1; TEST_EQ(1, a0, 0x0b1019)

    li t0, MPP_M; csrc mstatus, t0; li t0, MPP_S; csrs mstatus, t0
    la t0, smode; csrw mepc, t0; mret
smode:
    li t1, DATA
    li s2, 0; lw a0, 0(t1); TEST_EQ(2, s2, 0)             /* R: allowed */
    li s2, 0; sw a0, 8(t1); TEST_EQ(3, s2, 7)             /* W: store access fault */
    li t6, DATA + 8; TEST_EQ(4, s3, DATA + 8)             /* mtval: the address */
    li t1, PAGE2 + 0x800
    li s2, 0; lw a0, 0(t1); TEST_EQ(5, s2, 5)             /* NA4, no access */
    li s2, 0; lw a0, 4(t1); TEST_EQ(6, s2, 0)             /* TOR: R */
    li s2, 0; sw a0, 4(t1); TEST_EQ(7, s2, 0)             /* TOR: W */
    li s2, 0; lw a0, 0x100(t1); TEST_EQ(8, s2, 0)         /* past TOR: entry 15 */
    li s2, 0; lw a0, -4(t1); TEST_EQ(9, s2, 0)            /* same page, before */
    li s2, 0; lw a0, 2(t1); TEST_EQ(10, s2, 5)            /* straddles NA4 and TOR */
    /* a fetch from the read-only region: instruction access fault; the
     * handler escapes to fetched in M-mode */
    la s0, fetched; li t1, DATA; jr t1
fetched:
    TEST_EQ(11, s2, 1); TEST_EQ(12, s3, DATA)
    /* M-mode: unlocked entries do not apply */
    li t1, DATA
    li s2, 0; sw zero, 0(t1); TEST_EQ(13, s2, 0)
    /* locked: they do, and the entry is frozen */
    li t0, 0x80; csrs pmpcfg0, t0
    li s2, 0; sw zero, 0(t1); TEST_EQ(14, s2, 7)
    li s2, 0; lw a0, 0(t1); TEST_EQ(15, s2, 0)
    csrw pmpaddr0, zero; csrr a0, pmpaddr0; TEST_EQ(16, a0, (DATA >> 2) | 0x1ff)
    csrc pmpcfg0, t0; csrr a0, pmpcfg0; andi a0, a0, 0xff; TEST_EQ(17, a0, 0x99)
    j pass

    .balign 4
mtrap:                 /* record; then escape to s0, or skip the insn */
    csrr s2, mcause; csrr s3, mtval; csrr s4, mepc
    bnez s0, 1f
    addi t0, s4, 4; csrw mepc, t0; mret
1:  mv t0, s0; li s0, 0; jr t0
    END
