/* Privileged architecture: misa/mhartid, CSR access rules (read-only,
 * lower privilege, nonexistent), WARL masks, ecall from U delegated to S,
 * mret/sret state changes, TSR/TVM/TW, counters and counteren, illegal,
 * breakpoint and access-fault traps with their mtval (Privileged ch. 3, 4).
 * The harness sets hartid = 5.
 * SPDX-License-Identifier: MIT */
#include "test.h"
#define MPP_M (3 << 11)
#define MPP_S (1 << 11)
    START
    .option norvc
    la t0, mtrap; csrw mtvec, t0
    li s0, 0
    /* identification */
    csrr a0, misa
#if XLEN == 64
    TEST_EQ(1, a0, 0x800000000014112d)
#else
    TEST_EQ(1, a0, 0x4014112d)
#endif
    csrr a0, mhartid; TEST_EQ(2, a0, 5)
    csrr a0, mvendorid; TEST_EQ(3, a0, 0)
    csrr a0, mconfigptr; TEST_EQ(4, a0, 0)
    /* a read-only CSR written: illegal, mtval = the instruction */
    li s2, 0
wr_ro: csrw mvendorid, zero
    TEST_EQ(5, s2, 2); TEST_EQ(6, s3, 0xf1101073); TEST_ADDR(7, s4, wr_ro)
    li s2, 0; csrs mhartid, zero; TEST_EQ(9, s2, 0)   /* set with x0: no write */
    li s2, 0; csrr a0, 0x7c0; TEST_EQ(10, s2, 2)       /* nonexistent */
    /* WARL masks */
    li t0, -1; csrw mstatus, t0; csrr a0, mstatus
#if XLEN == 64
    TEST_EQ(11, a0, 0x8000000a007e79aa)   /* FS Dirty: SD */
#else
    TEST_EQ(11, a0, 0x807e79aa)
#endif
    csrw mstatus, zero
    csrw medeleg, t0; csrr a0, medeleg; TEST_EQ(12, a0, 0xb3ff)
    csrw mideleg, t0; csrr a0, mideleg; TEST_EQ(13, a0, 0x222)
    csrw mie, t0; csrr a0, mie; TEST_EQ(14, a0, 0xaaa)
    csrr a0, sie; TEST_EQ(15, a0, 0x222)
    csrw mie, zero; csrw mideleg, zero; csrw medeleg, zero
    csrw mtvec, t0; csrr a0, mtvec; TEST_EQ(16, a0, -4)   /* modes 2, 3 reserved: direct */
    la t0, mtrap; csrw mtvec, t0
    li t0, -1; csrw mepc, t0; csrr a0, mepc; TEST_EQ(17, a0, -2)
    csrr a0, senvcfg; TEST_EQ(18, a0, 0)
    csrw pmpaddr0, t0; csrr a0, pmpaddr0
#if XLEN == 64
    TEST_EQ(19, a0, 0x3fffffffffffff)
#else
    TEST_EQ(19, a0, 0xffffffff)
#endif
    li t0, 0x1f0f; csrw pmpcfg0, t0; csrr a0, pmpcfg0; TEST_EQ(20, a0, 0x1f0f)
    csrw pmpcfg0, zero
    /* counters: minstret counts retired instructions */
    csrr a0, minstret; csrr a1, minstret; sub a0, a1, a0; TEST_EQ(21, a0, 1)
    li t0, 1000; csrw minstret, t0; csrr a0, minstret; TEST_EQ(22, a0, 1000)

    /* ecall from U delegated to S; a U-mode access to an M CSR traps to M */
    li t0, 1 << 8; csrw medeleg, t0
    la t0, strap; csrw stvec, t0
    li t0, MPP_M; csrc mstatus, t0
    la t0, user1; csrw mepc, t0
    la s0, back1
    mret
user1:
    ecall
user1_ret:
    csrr a0, mstatus
back1:
    li s0, 0
    TEST_EQ(30, s5, 8); TEST_ADDR(31, s7, user1); TEST_EQ(32, s6, 0)
    TEST_EQ(33, s2, 2); TEST_EQ(34, s3, 0x30002573); TEST_ADDR(35, s4, user1_ret)
    csrr a0, mstatus; srli a0, a0, 11; andi a0, a0, 3; TEST_EQ(36, a0, 0)  /* MPP = U */
    csrw medeleg, zero

    /* S-mode: TSR, TVM, TW, counteren; then ecall to M */
    li t0, MPP_M; csrc mstatus, t0; li t0, MPP_S; csrs mstatus, t0
    li t0, (1 << 20) | (1 << 21) | (1 << 22); csrs mstatus, t0
    csrw mcounteren, zero
    la t0, super1; csrw mepc, t0
    mret
super1:
    li s2, 0; csrr a0, sstatus; TEST_EQ(40, s2, 0)
    li s2, 0; csrr a0, mhartid; TEST_EQ(41, s2, 2)
    li s2, 0; sret; TEST_EQ(42, s2, 2)          /* TSR */
    li s2, 0; sfence.vma; TEST_EQ(43, s2, 2)    /* TVM */
    li s2, 0; csrr a0, satp; TEST_EQ(44, s2, 2) /* TVM */
    li s2, 0; wfi; TEST_EQ(45, s2, 2)           /* TW */
    li s2, 0; csrr a0, time; TEST_EQ(46, s2, 2) /* mcounteren.TM = 0 */
    li s2, 0; csrr a0, cycle; TEST_EQ(47, s2, 2)
    la s0, back2
    ecall
back2:
    li s0, 0
    TEST_EQ(48, s2, 9)
    csrr a0, mstatus; srli a0, a0, 11; andi a0, a0, 3; TEST_EQ(49, a0, 1)  /* MPP = S */
    li t0, (1 << 20) | (1 << 21) | (1 << 22); csrc mstatus, t0
    li t0, 7; csrw mcounteren, t0
    la t0, super2; csrw mepc, t0
    mret
super2:
    li s2, 0; csrr a0, time; TEST_EQ(50, s2, 0)
    li s2, 0; csrr a0, instret; TEST_EQ(51, s2, 0)
    li s2, 0; sfence.vma; TEST_EQ(52, s2, 0)
    la s0, back3
    ecall
back3:
    li s0, 0

    /* mret: MIE = MPIE, MPIE = 1, MPP = U */
    li t0, MPP_M | (1 << 7); csrs mstatus, t0; li t0, 8; csrc mstatus, t0
    la t0, 1f; csrw mepc, t0
    mret
1:  csrr a0, mstatus; li t0, 0x1888; and a0, a0, t0; TEST_EQ(60, a0, 0x88)
    csrci mstatus, 8
    /* sret from M: SIE = SPIE, SPIE = 1, SPP = U, priv = S */
    li t0, (1 << 8) | (1 << 5); csrs mstatus, t0; csrci mstatus, 2
    la t0, 2f; csrw sepc, t0
    sret
2:  csrr a0, sstatus; andi a0, a0, 0x122; TEST_EQ(61, a0, 0x22)
    la s0, back4
    ecall
back4:
    li s0, 0
    TEST_EQ(62, s2, 9)                /* it ran in S */
    csrci mstatus, 2

    /* illegal instructions: F is absent, reserved C encodings */
    li s2, 0
ill1: .word 0x00052007                /* flw f0, 0(a0) */
    TEST_EQ(70, s2, 2); TEST_EQ(71, s3, 0x00052007); TEST_ADDR(72, s4, ill1)
    li s2, 0
    .half 0x0000, 0x0000              /* the all-zero halfword */
    TEST_EQ(73, s2, 2); TEST_EQ(74, s3, 0)
    li s2, 0
    .half 0x2000, 0x0001              /* c.fld; c.nop */
    TEST_EQ(75, s2, 2); TEST_EQ(76, s3, 0x2000)
    /* ebreak: cause 3, mtval = 0 (the pc is allowed too; QEMU writes 0) */
    li s2, 0
brk: ebreak
    TEST_EQ(77, s2, 3); TEST_EQ(78, s3, 0)
    /* nothing mapped there: access faults with the address */
    li t1, 0x10000000
    li s2, 0; lw a0, 0(t1); TEST_EQ(79, s2, 5); TEST_EQ(80, s3, 0x10000000)
    li s2, 0; sw a0, 8(t1); TEST_EQ(81, s2, 7); TEST_EQ(82, s3, 0x10000008)
    /* mscratch/sscratch hold any value */
    li t0, 0x5a5a; csrw mscratch, t0; csrr a0, mscratch; TEST_EQ(83, a0, 0x5a5a)
    csrrw a0, sscratch, t0; csrr a0, sscratch; TEST_EQ(84, a0, 0x5a5a)
    la t0, trap_unexpected; csrw mtvec, t0
    j pass

    .balign 4
mtrap:                 /* record; then escape to s0, or skip the insn */
    csrr s2, mcause; csrr s3, mtval; csrr s4, mepc
    bnez s0, 1f
    addi t0, s4, 4; csrw mepc, t0; mret
1:  mv t0, s0; li s0, 0; jr t0
    .balign 4
strap:
    csrr s5, scause; csrr s6, stval; csrr s7, sepc
    addi t0, s7, 4; csrw sepc, t0; sret
    END
