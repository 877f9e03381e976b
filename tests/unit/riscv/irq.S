/* Interrupts through the pins: wfi halts until mtip rises, the timer
 * interrupt traps to mtvec with its mcause; four lines at once are taken in
 * priority order MEI, MSI, MTI, SEI; an STI delegated to S is not taken in
 * M but is taken in S (Privileged §3.1.9). The harness drives the pins.
 * SPDX-License-Identifier: MIT */
#include "test.h"
#define INTBIT (1 << (XLEN - 1))
    START
    .option norvc
    la t0, mtrap; csrw mtvec, t0
    li s8, DATA
    /* 1: wait for mtip */
    li t0, 1 << 7; csrw mie, t0
    csrsi mstatus, 8
    li s2, 0
wait1: wfi
    TEST_EQ(1, s2, INTBIT | 7); TEST_ADDR(2, s4, wait1 + 4)
    /* 2: all four lines rise while MIE = 0 */
    csrci mstatus, 8
    li s8, DATA
    li t0, (1 << 3) | (1 << 9) | (1 << 11); csrw mie, t0
    wfi                         /* mtip is high but masked: harness raises
                                 * msip, meip, seip */
    li t0, 1 << 7; csrs mie, t0
    csrsi mstatus, 8            /* taken now, one by one */
    nop
    csrci mstatus, 8
    li s8, DATA
    lw a0, 0(s8); TEST_EQ(3, a0, 11)
    lw a0, 4(s8); TEST_EQ(4, a0, 3)
    lw a0, 8(s8); TEST_EQ(5, a0, 7)
    lw a0, 12(s8); TEST_EQ(6, a0, 9)
    /* 3: STI delegated: pending in M, not taken; taken in S */
    la t0, strap; csrw stvec, t0
    li t0, 1 << 5; csrw mideleg, t0; csrw mie, t0; csrs mip, t0
    csrsi mstatus, 8; nop; nop
    li s5, 0
    csrr a0, scause; TEST_EQ(7, s5, 0)
    li t0, 3 << 11; csrc mstatus, t0; li t0, 1 << 11; csrs mstatus, t0
    csrsi mstatus, 2            /* SIE */
    la t0, super; csrw mepc, t0
    mret
super:
    nop
    TEST_EQ(8, s5, INTBIT | 5)
    TEST_ADDR(9, s7, super)
    ecall                       /* to M (mtrap: cause 9 -> continue) */
    TEST_EQ(10, s2, 9)
    j pass

    .balign 4
mtrap:
    csrr s2, mcause; csrr s4, mepc
    bgez s2, 2f                 /* exception: ecall from S, come back in M */
    andi t0, s2, 63
    sw t0, 0(s8); addi s8, s8, 4
    li t1, 1; sll t1, t1, t0; csrc mie, t1   /* lines stay high: mask */
    mret
2:  addi t0, s4, 4; jr t0
    .balign 4
strap:
    csrr s5, scause; csrr s7, sepc
    li t0, 1 << 5; csrc sie, t0
    sret
    END
