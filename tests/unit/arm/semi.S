/* Semihosting: SYS_WRITE0, SYS_WRITEC, then SYS_EXIT with
 * ADP_Stopped_ApplicationExit (the harness checks the output and the exit
 * pin: 0x100 | 0).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    movs r0, #4
    adr r1, msg
    bkpt #0xab
    movs r0, #3
    adr r1, chr
    bkpt #0xab
    movs r0, #0x18
    ldr r1, =0x20026
    bkpt #0xab
    b fail
    .align 2
msg: .asciz "hello, "
    .align 2
chr: .byte '!'
    .align 2
    END
