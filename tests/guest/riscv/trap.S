/* Trap entries of the RISC-V guest tests: save x1-x31 and the epc in a
 * TrapFrame (guest.h) on the current stack, call the C handler, restore
 * what it left there and return with mret / sret.
 * SPDX-License-Identifier: MIT */

.macro SAVE_REGS epc
    addi sp, sp, -256
    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sd x\r, \r*8(sp)
    .endr
    addi t0, sp, 256
    sd t0, 2*8(sp)                  /* the interrupted sp */
    csrr t0, \epc
    sd t0, 0(sp)
    mv a0, sp
.endm

.macro RESTORE_REGS epc
    ld t0, 0(sp)
    csrw \epc, t0
    .irp r, 1,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    ld x\r, \r*8(sp)
    .endr
    addi sp, sp, 256
.endm

    .section .text.trap, "ax"
    .globl mtrap_entry
    .balign 4
mtrap_entry:
    SAVE_REGS mepc
    call mtrap
    RESTORE_REGS mepc
    mret

    .globl strap_entry
    .balign 4
strap_entry:
    SAVE_REGS sepc
    call strap
    RESTORE_REGS sepc
    sret

/* Programs without one of the handlers: a trap there ends the run with
 * status 99. */
    .weak mtrap, strap
mtrap:
strap:
    li a0, 99
    j _exit

/* run_lower(mode, fn): run fn in mode (0 U, 1 S) with mret, on this
 * stack; returns when an M-mode handler calls return_to_m(). */
    .globl run_lower
    .balign 4
run_lower:
    addi sp, sp, -112
    sd ra, 0(sp)
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11
    sd s\r, (\r+1)*8(sp)
    .endr
    la t0, run_lower_sp
    sd sp, 0(t0)
    csrw mepc, a1
    li t0, 3 << 11
    csrc mstatus, t0
    slli a0, a0, 11
    csrs mstatus, a0
    mret

    .globl return_to_m
    .balign 4
return_to_m:
    la t0, run_lower_sp
    ld sp, 0(t0)
    ld ra, 0(sp)
    .irp r, 0,1,2,3,4,5,6,7,8,9,10,11
    ld s\r, (\r+1)*8(sp)
    .endr
    addi sp, sp, 112
    ret

    .section .bss.trap, "aw", @nobits
    .balign 8
run_lower_sp:
    .zero 8
