/* RV32I/RV64I: every base instruction's result, edge cases of shifts,
 * compares, sign extension, loads and stores (Unprivileged ch. 2, 5).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    .option norvc
    /* lui, auipc */
    li gp, 1; lui a0, 0x12345; TEST_EQ(1, a0, 0x12345000)
    li gp, 2; lui a0, 0x80000
#if XLEN == 64
    TEST_EQ(2, a0, 0xffffffff80000000)
#else
    TEST_EQ(2, a0, 0x80000000)
#endif
    li gp, 3
1:  auipc a0, 1
    la a1, 1b; addi a1, a1, 0x7ff; addi a1, a1, 0x7ff; addi a1, a1, 2
    bne a0, a1, fail
    /* add/sub/logic */
    TEST_RR(10, add, 0x00000005, 2, 3)
    TEST_RR(11, add, 0, -1, 1)
    TEST_RR(12, sub, -1, 2, 3)
    TEST_RR(13, xor, 0xf0f0, 0xff00, 0x0ff0)
    TEST_RR(14, or, 0xfff0, 0xff00, 0x0ff0)
    TEST_RR(15, and, 0x0f00, 0xff00, 0x0ff0)
    TEST_RR(16, slt, 1, -1, 0)
    TEST_RR(17, slt, 0, 0, -1)
    TEST_RR(18, sltu, 0, -1, 0)
    TEST_RR(19, sltu, 1, 0, -1)
    TEST_RI(20, addi, 0x7ff + 5, 5, 0x7ff)
    TEST_RI(21, addi, 5 - 0x800, 5, -0x800)
    TEST_RI(22, slti, 1, -5, -4)
    TEST_RI(23, sltiu, 1, 5, -1)          /* imm sign-extends, then unsigned */
    TEST_RI(24, sltiu, 0, -1, -2)
    TEST_RI(25, xori, -1 ^ 0x0f, -1, 0x0f)
    TEST_RI(26, ori, 0x7ff | 0x100000, 0x100000, 0x7ff)
    TEST_RI(27, andi, 0x123 & -16, 0x123, -16)
    /* shifts: amount masked to log2(XLEN) bits */
    TEST_RR(30, sll, 2, 1, XLEN + 1)
    TEST_RR(31, srl, 1 << (XLEN - 2) >> (XLEN - 2), 1 << (XLEN - 2), XLEN - 2)
    TEST_RR(32, sra, -1, -2, 1)
    TEST_RR(33, sra, -1, 1 << (XLEN - 1), XLEN - 1)
    TEST_RR(34, srl, 1, 1 << (XLEN - 1), XLEN - 1)
    TEST_RI(35, slli, 1 << (XLEN - 1), 1, XLEN - 1)
    TEST_RI(36, srli, 1, -1, XLEN - 1)
    TEST_RI(37, srai, -1, -1, XLEN - 1)
    TEST_RI(38, srai, -0x80, -0x100, 1)
    /* branches: taken and not taken */
    li gp, 40; li a1, -1; li a2, 1
    beq a1, a1, 1f; j fail
1:  bne a1, a1, fail
    blt a2, a1, fail
    blt a1, a2, 1f; j fail
1:  bge a1, a2, fail
    bge a2, a2, 1f; j fail
1:  bltu a1, a2, fail
    bltu a2, a1, 1f; j fail
1:  bgeu a2, a1, fail
    bgeu a1, a2, 1f; j fail
1:  /* jal / jalr link and target (bit 0 cleared) */
    li gp, 41
    jal ra, 2f
1:  j fail
2:  la t0, 1b; bne ra, t0, fail
    li gp, 42
    la t0, 3f; addi t0, t0, 1; jalr a0, 0(t0)
4:  j fail
3:  la t0, 4b; bne a0, t0, fail
    /* x0 stays zero */
    li gp, 43; addi x0, x0, 5; bne x0, zero, fail
    /* loads and stores, sign and zero extension */
    li s0, DATA
    li t0, 0x8281
    sh t0, 0(s0)
    li t0, 0xf0e0d0c0
    sw t0, 4(s0)
    li gp, 50; lb a0, 0(s0); TEST_EQ(50, a0, -0x7f)
    lbu a0, 1(s0); TEST_EQ(51, a0, 0x82)
    lh a0, 0(s0); TEST_EQ(52, a0, 0x8281 - 0x10000)
    lhu a0, 0(s0); TEST_EQ(53, a0, 0x8281)
    lw a0, 4(s0)
#if XLEN == 64
    TEST_EQ(54, a0, 0xfffffffff0e0d0c0)
    lwu a0, 4(s0); TEST_EQ(55, a0, 0xf0e0d0c0)
    li t0, 0x0123456789abcdef; sd t0, 8(s0); ld a0, 8(s0); TEST_EQ(56, a0, 0x0123456789abcdef)
    lw a0, 12(s0); TEST_EQ(57, a0, 0x01234567)
#else
    TEST_EQ(54, a0, 0xf0e0d0c0)
#endif
    sb zero, 5(s0); lbu a0, 5(s0); TEST_EQ(58, a0, 0); lbu a0, 6(s0); TEST_EQ(158, a0, 0xe0)
    li t0, 0x1234                  /* negative offset */
    sw t0, -4(s0); lw a1, -4(s0); li gp, 59; bne a1, t0, fail
    /* misaligned loads/stores are done in hardware (no trap) */
    li t0, 0x11223344; sw t0, 17(s0); lw a0, 17(s0); TEST_EQ(60, a0, 0x11223344)
    li t0, 0x4000 - 2 + DATA; li t1, 0x55667788; sw t1, 0(t0); lw a0, 0(t0)
    TEST_EQ(61, a0, 0x55667788)    /* across a page */
#if XLEN == 64
    /* W instructions sign-extend their 32-bit result */
    TEST_RR(70, addw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RR(71, subw, 0x7fffffff, 0x80000000, 1)
    TEST_RR(72, sllw, 0xffffffff80000000, 1, 31)
    TEST_RR(73, sllw, 2, 1, 33)            /* amount masked to 5 bits */
    TEST_RR(74, srlw, 0x7fffffff, 0xffffffff, 1)
    TEST_RR(75, sraw, 0xffffffffffffffff, 0x80000000, 31)
    TEST_RI(76, addiw, 0xffffffff80000000, 0x7fffffff, 1)
    TEST_RI(77, addiw, 0x00000001, 0x100000000, 1)
    TEST_RI(78, slliw, 0xffffffff80000000, 1, 31)
    TEST_RI(79, srliw, 1, 0x80000000, 31)
    TEST_RI(80, sraiw, -1, 0x80000000, 31)
    TEST_RI(81, srliw, 0x7fffffff, -1, 1)
#endif
    /* fence and fence.i are accepted */
    fence; fence.i; fence rw, rw
    j pass
    END
