/* C: every RV32C/RV64C encoding expands to the right base instruction
 * (Unprivileged ch. 16), checked through its results.
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    .option rvc
    li s0, DATA
    li gp, 1; c.li a0, -32; TEST_EQ(1, a0, -32)
    c.li a0, 31; c.addi a0, -1; TEST_EQ(2, a0, 30)
    c.lui a1, 0x1f; TEST_EQ(3, a1, 0x1f000)
    c.lui a1, 0xfffe0; TEST_EQ(4, a1, -0x20000)
    mv t0, sp; c.addi16sp sp, -512; sub a0, t0, sp; TEST_EQ(5, a0, 512)
    c.addi16sp sp, 496; sub a0, t0, sp; TEST_EQ(6, a0, 16)
    mv sp, t0
    c.addi4spn a2, sp, 1020; sub a0, a2, sp; TEST_EQ(7, a0, 1020)
    li a0, 3; li a1, 5; c.add a0, a1; TEST_EQ(8, a0, 8)
    c.mv a2, a1; TEST_EQ(9, a2, 5)
    li a0, 12; li a1, 10
    c.sub a0, a1; TEST_EQ(10, a0, 2)
    li a0, 12; c.xor a0, a1; TEST_EQ(11, a0, 6)
    li a0, 12; c.or a0, a1; TEST_EQ(12, a0, 14)
    li a0, 12; c.and a0, a1; TEST_EQ(13, a0, 8)
    li a0, 0xff; c.andi a0, -2; TEST_EQ(14, a0, 0xfe)
    li a0, -16; c.srai a0, 2; TEST_EQ(15, a0, -4)
    li a0, -16; c.srli a0, XLEN - 1; TEST_EQ(16, a0, 1)
    li a0, 1; c.slli a0, XLEN - 1; TEST_EQ(17, a0, 1 << (XLEN - 1))
    /* loads and stores */
    li a1, 0x12345678; c.sw a1, 4(s0); c.lw a2, 4(s0); TEST_EQ(20, a2, 0x12345678)
    mv t0, sp; mv sp, s0
    c.swsp a1, 252(sp); c.lwsp a3, 252(sp); TEST_EQ(21, a3, 0x12345678)
    lw a3, 252(s0); TEST_EQ(22, a3, 0x12345678)
#if XLEN == 64
    li a1, 0x123456789abcdef0; c.sd a1, 248(s0); c.ld a2, 248(s0); TEST_EQ(23, a2, 0x123456789abcdef0)
    c.sdsp a1, 504(sp); c.ldsp a3, 504(sp); TEST_EQ(24, a3, 0x123456789abcdef0)
    li a0, 0x7fffffff; c.addiw a0, 1; TEST_EQ(25, a0, 0xffffffff80000000)
    li a0, 0x7fffffff; li a1, 1; c.addw a0, a1; TEST_EQ(26, a0, 0xffffffff80000000)
    li a0, 0; c.subw a0, a1; TEST_EQ(27, a0, -1)
#endif
    mv sp, t0
    /* control transfer */
    li gp, 30; c.j 1f; j fail
1:  li a0, 0; c.beqz a0, 1f; j fail
1:  c.bnez a0, fail_far
    li a0, 1; c.bnez a0, 1f; j fail
1:  c.beqz a0, fail_far
    li gp, 31; la t0, 2f; c.jr t0; j fail
2:  li gp, 32; la t0, 3f; c.jalr t0
4:  j fail
3:  la t1, 4b; bne ra, t1, fail
#if XLEN == 32
    li gp, 33; c.jal 5f
6:  j fail
5:  la t1, 6b; bne ra, t1, fail
#endif
    c.nop
    /* a 32-bit instruction across a page boundary */
    la t0, straddle; jr t0
    .balign 4096
    .skip 4090
straddle:
    c.li a0, 1
    c.li a1, 2
    .option push
    .option norvc
    addi a0, a0, 5                /* bytes 4094..4097 */
    .option pop
    add a0, a0, a1; TEST_EQ(40, a0, 8)
    j pass
fail_far: j fail
    END
