/* Sv39 (RV64) / Sv32 (RV32) translation: a page table built in RAM, loads
 * and stores through it from S-mode, page faults with stval, read-only and
 * invalid pages, U pages and SUM, MPRV with MPP = U, hardware A/D update,
 * sfence.vma after a PTE change (Privileged §4.3, §4.4).
 * SPDX-License-Identifier: MIT */
#include "test.h"
#define PTE_V 1
#define PTE_R 2
#define PTE_W 4
#define PTE_X 8
#define PTE_U 16
#define PTE_A 64
#define PTE_D 128
#define ROOT 0x80200000
#define L1   0x80201000
#define L0   0x80202000
#define VA   0x40000000
#define PA   0x80300000
#if XLEN == 64
#define PTESZ 8
#define SATP ((8 << 60) | (ROOT >> 12))
#else
#define PTESZ 4
#define SATP ((1 << 31) | (ROOT >> 12))
#endif
/* the PTE of ppn-page pa with flags */
#define PTE(pa, fl) ((((pa) >> 12) << 10) | (fl))
/* store the PTE (pa, fl) at slot n of table t */
#define SETPTE(t, n, pa, fl) li t0, (t) + (n) * PTESZ; li t1, PTE(pa, fl); SREG t1, 0(t0)
    START
    .option norvc
    la t0, mtrap; csrw mtvec, t0
    li s0, 0
    /* clear the tables */
    li t0, ROOT; li t1, ROOT + 0x3000
1:  sw zero, 0(t0); addi t0, t0, 4; bltu t0, t1, 1b
#if XLEN == 64
    /* root: 0x80000000 (1 GiB) identity RWX, VA 0x40000000 -> L1 */
    SETPTE(ROOT, 2, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    SETPTE(ROOT, 1, L1, PTE_V)
    SETPTE(L1, 0, L0, PTE_V)
#else
    /* root: 0x80000000 (4 MiB megapages) identity, VA 0x40000000 -> L0 */
    SETPTE(ROOT, 0x200, 0x80000000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)
    SETPTE(ROOT, 0x100, L0, PTE_V)
#endif
    SETPTE(L0, 0, PA, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)          /* S data */
    SETPTE(L0, 1, PA + 0x1000, PTE_V | PTE_R | PTE_A)                 /* read-only */
    SETPTE(L0, 2, PA + 0x2000, PTE_V | PTE_R | PTE_W | PTE_X | PTE_U | PTE_A | PTE_D)
    /* slot 3 invalid */
    SETPTE(L0, 4, PA + 0x3000, PTE_V | PTE_R | PTE_W)                 /* A, D clear */
    li t0, PA + 0x1000; li t1, 0x1111; sw t1, 0(t0)
    li t0, PA + 0x2000; li t1, 0x2222; sw t1, 0(t0)
    li t0, SATP; csrw satp, t0
    sfence.vma
    /* to S */
    li t0, 3 << 11; csrc mstatus, t0; li t0, 1 << 11; csrs mstatus, t0
    la t0, super; csrw mepc, t0
    mret
super:
    li s1, VA; li s9, VA + 0x1000; li s10, VA + 0x2000; li s11, VA + 0x3000
    li t1, 0x1234; sw t1, 0(s1); lw a0, 0(s1); TEST_EQ(1, a0, 0x1234)
    lw a0, 0(s9); TEST_EQ(2, a0, 0x1111)
    li s2, 0; sw t1, 0(s9); TEST_EQ(3, s2, 15); TEST_EQ(4, s3, VA + 0x1000)
    li s2, 0; lw a0, 0(s11); TEST_EQ(5, s2, 13); TEST_EQ(6, s3, VA + 0x3000)
    li s2, 0; sw a0, 8(s11); TEST_EQ(7, s2, 15); TEST_EQ(8, s3, VA + 0x3008)
    /* U page from S: needs SUM */
    li s2, 0; lw a0, 0(s10); TEST_EQ(9, s2, 13)
    li t0, 1 << 18; csrs sstatus, t0
    li s2, 0; lw a0, 0(s10); TEST_EQ(10, s2, 0); TEST_EQ(11, a0, 0x2222)
    csrc sstatus, t0
    /* A and D set by the walker */
    li t1, 0x77; li t2, VA + 0x4000; sw t1, 0(t2)
#if XLEN == 64
    /* a non-canonical address faults */
    li s2, 0; li t0, 0x4000000000; lw a0, 0(t0); TEST_EQ(12, s2, 13)
    TEST_EQ(13, s3, 0x4000000000)
#endif
    /* S may not execute a U page, whatever SUM says */
    la s0, back1
    li t0, VA + 0x2000; jr t0
back1:
    li s0, 0
    TEST_EQ(14, s2, 12); TEST_EQ(15, s3, VA + 0x2000); TEST_EQ(16, s4, VA + 0x2000)
    /* back in M: check memory behind the mappings */
    li t0, PA; lw a0, 0(t0); TEST_EQ(20, a0, 0x1234)
    li t0, L0 + 4 * PTESZ; LREG a0, 0(t0); andi a0, a0, 0xff
    TEST_EQ(21, a0, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    li t0, PA + 0x3000; lw a0, 0(t0); TEST_EQ(22, a0, 0x77)
    /* MPRV with MPP = U: loads as U */
    li t0, 3 << 11; csrc mstatus, t0
    li t0, 1 << 17; csrs mstatus, t0
    li s2, 0; lw a0, 0(s10); TEST_EQ(23, s2, 0); TEST_EQ(24, a0, 0x2222)
    li s2, 0; lw a0, 0(s1); TEST_EQ(25, s2, 13)     /* S page from U */
    li t0, 1 << 17; csrc mstatus, t0
    /* remap VA -> PA + 0x1000; after sfence.vma the new mapping is used */
    li t0, 1 << 11; csrs mstatus, t0
    li t0, 1 << 17; csrs mstatus, t0                /* MPRV, MPP = S */
    lw a0, 0(s1); TEST_EQ(26, a0, 0x1234)
    SETPTE(L0, 0, PA + 0x1000, PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
    sfence.vma
    lw a0, 0(s1); TEST_EQ(27, a0, 0x1111)
    li t0, 1 << 17; csrc mstatus, t0
    csrw satp, zero
    la t0, trap_unexpected; csrw mtvec, t0
    j pass

    .balign 4
mtrap:
    csrr s2, mcause; csrr s3, mtval; csrr s4, mepc
    bnez s0, 1f
    addi t0, s4, 4; csrw mepc, t0; mret
1:  mv t0, s0; li s0, 0; jr t0
    END
