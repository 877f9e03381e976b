/* _start for programs that run on every hart (linked with -nostartfiles):
 * with -bios none all harts enter here. Hart N gets the stack below
 * __stack - N * 16 KiB; hart 0 copies .data, clears .bss, sets tp to the
 * TLS block and runs main() then exit(); the others wait until that is
 * done, then run secondary_main(hartid) and park in wfi.
 * SPDX-License-Identifier: MIT */

#define STACK_SHIFT 14

    .section .text.init.enter, "ax"
    .globl _start
_start:
    .option push
    .option norelax
    la gp, __global_pointer$
    .option pop
    csrr s0, mhartid
    la sp, __stack
    slli t0, s0, STACK_SHIFT
    sub sp, sp, t0
    bnez s0, 2f

    la a0, __data_start
    la a1, __data_source
    la a2, __data_size
    call memcpy
    la a0, __bss_start
    li a1, 0
    la a2, __bss_size
    call memset
    la tp, __tls_base
    fence rw, rw
    la t0, smp_ready
    li t1, 1
    sw t1, 0(t0)
    li a0, 0
    li a1, 0
    call main
    call exit

2:  la t0, smp_ready            /* .bss: zero until hart 0 sets it */
1:  lw t1, 0(t0)
    beqz t1, 1b
    fence rw, rw
    mv a0, s0
    call secondary_main
3:  wfi
    j 3b

    .section .bss.smp, "aw", @nobits
    .balign 4
    .globl smp_ready
smp_ready:
    .zero 4
