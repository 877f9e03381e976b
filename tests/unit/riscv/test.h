/* Macros of the RISC-V instruction tests (tests/unit/test-riscv.c runs
 * them): gp holds the number of the check running; a failed check stops
 * with tp = 0xbad, the end of the program with tp = 0x600d, an unexpected
 * trap with tp = 0xdead (a0-a2 = mcause, mepc, mtval). The hart then waits
 * in wfi, which ends exec in the harness.
 * SPDX-License-Identifier: MIT */
#if __riscv_xlen == 64
#define XLEN 64
#define LREG ld
#define SREG sd
#define WORD .dword
#else
#define XLEN 32
#define LREG lw
#define SREG sw
#define WORD .word
#endif

#define DATA 0x80100000          /* scratch memory of the programs */

/* PMP entry 15 (the last one QEMU has) lets S and U reach all memory, as
 * a firmware's last entry does: without a matching entry they reach none */
#if XLEN == 64
#define PMP_ALL li t0, -1; csrw pmpaddr15, t0; li t0, 0x1f; slli t0, t0, 56; \
    csrw pmpcfg2, t0
#else
#define PMP_ALL li t0, -1; csrw pmpaddr15, t0; li t0, 0x1f; slli t0, t0, 24; \
    csrw pmpcfg3, t0
#endif

#define START \
    .text; .globl _start; _start: \
    la t0, trap_unexpected; csrw mtvec, t0; li gp, 0; li tp, 0; \
    li sp, 0x80180000; PMP_ALL; .balign 4

/* a0 = insn a1, a2 */
#define TEST_RR(n, insn, exp, v1, v2) \
    li gp, n; li a1, v1; li a2, v2; insn a0, a1, a2; \
    li t6, exp; bne a0, t6, fail
#define TEST_RI(n, insn, exp, v1, imm) \
    li gp, n; li a1, v1; insn a0, a1, imm; \
    li t6, exp; bne a0, t6, fail
#define TEST_EQ(n, reg, exp) \
    li gp, n; li t6, exp; bne reg, t6, fail
#define TEST_ADDR(n, reg, sym) \
    li gp, n; la t6, sym; bne reg, t6, fail

#define END \
pass: li tp, 0x600d; j done; \
fail: li tp, 0xbad; \
done: csrw mie, zero; \
halt: wfi; j halt; \
    .balign 4; \
trap_unexpected: \
    li tp, 0xdead; csrr a0, mcause; csrr a1, mepc; csrr a2, mtval; \
    j done
