/* An unstacking error (ARMv7-M B1.5.8 ExceptionReturn, B3.2.15 UNSTKERR):
 * SVC's handler returns to Thread on a PSP that points at nothing. SVC is
 * deactivated and the derived BusFault (CFSR.UNSTKERR, no BFAR) is
 * chained to: LR the EXC_RETURN, no new frame, PSP not adjusted. Its
 * handler gives the thread a frame to resume at. With BusFault disabled
 * the same return takes HardFault (HFSR.FORCED).
 * SPDX-License-Identifier: MIT */
#define H_BUSFAULT fault_h
#define H_HARDFAULT fault_h
#define H_SVC svc_h
#include "test.h"
#define BAD 0x60001000                /* nothing there */
#define GOOD (DATA + 0x400)           /* the process stack */
    START
    ldr r5, =0xe000ed24               /* SHCSR: BUSFAULTENA */
    ldr r0, =(1 << 17)
    str r0, [r5]
    movs r7, #0
    ldr r0, =GOOD
    msr psp, r0
    movs r0, #2                       /* Thread on the PSP */
    msr control, r0
    isb
    svc #0
    b fail                            /* the frame was lost: never here */
FUNC(resume1):
    CHECK(1, r7, 0x11)                /* SVC, then the BusFault */
    CHECK(2, r8, 0xfffffffd)          /* its LR: SVC's EXC_RETURN */
    CHECK(3, r9, 0x800)               /* CFSR: UNSTKERR, no BFARVALID */
    CHECK(4, r6, (1 << 17 | 1 << 1))  /* SHCSR: ENA, BusFault active only */
    CHECK(5, r4, BAD)                 /* PSP as it was: not adjusted */
    CHECK(6, r5, 5)                   /* IPSR */
    ldr r5, =0xe000ed24               /* BusFault disabled: HardFault */
    movs r0, #0
    str r0, [r5]
    movs r7, #0
    svc #0
    b fail
FUNC(resume2):
    CHECK(7, r7, 0x11)
    CHECK(8, r8, 0xfffffffd)
    CHECK(9, r9, 0x800)
    CHECK(10, r6, 0)                  /* SHCSR: nothing active */
    CHECK(11, r4, BAD)
    CHECK(12, r5, 3)
    ldr r0, =0xe000ed2c               /* HFSR: FORCED */
    ldr r0, [r0]
    CHECK(13, r0, 0x40000000)
    movs r0, #0
    msr control, r0
    isb
    b pass
FUNC(svc_h):
    adds r7, r7, #1
    ldr r0, =BAD
    msr psp, r0
    bx lr
/* a frame on GOOD resuming at resume1 or resume2 (r7 tells which) */
FUNC(fault_h):
    adds r7, r7, #0x10
    mov r8, lr
    mrs r5, ipsr
    mrs r4, psp
    ldr r0, =0xe000ed28
    ldr r9, [r0]
    str r9, [r0]
    ldr r0, =0xe000ed24
    ldr r6, [r0]
    ldr r0, =GOOD
    movs r1, #0
    movs r2, #0
1:  str r1, [r0, r2]
    adds r2, r2, #4
    cmp r2, #24
    bne 1b
    ldr r1, =0xe000ed2c
    ldr r2, [r1]
    cbz r2, 2f
    ldr r1, =resume2
    b 3f
2:  ldr r1, =resume1
3:  bic r1, r1, #1
    str r1, [r0, #24]
    ldr r1, =0x01000000
    str r1, [r0, #28]
    msr psp, r0
    bx lr
    END
