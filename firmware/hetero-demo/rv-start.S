/* hetero-demo RISC-V firmware start: each hart gets a 16 KiB stack at the
 * top of RAM; hart 0 clears .bss; both call main(hartid).
 * SPDX-License-Identifier: MIT */
    .section .text.start
    .globl _start
_start:
    csrr    a0, mhartid
    la      sp, __stack_top
    slli    t0, a0, 14
    sub     sp, sp, t0
    bnez    a0, 2f
    la      t0, __bss_start
    la      t1, __bss_end
1:  bgeu    t0, t1, 2f
    sd      zero, 0(t0)
    addi    t0, t0, 8
    j       1b
2:  call    main
3:  wfi
    j       3b
