/* A stacking error (ARMv7-M B1.5.6): Thread mode's PSP points at nothing
 * when SVC is taken. The derived BusFault (CFSR.STKERR) is taken first,
 * on the frame as it is (LR 0xFFFFFFFD), SVC staying pending; its handler
 * gives the thread a stack with a frame to resume at; SVC tail-chains.
 * SPDX-License-Identifier: MIT */
#define H_BUSFAULT bus_h
#define H_SVC svc_h
#include "test.h"
#define GOOD (DATA + 0x400)              /* the new process stack */
    START
    ldr r5, =0xe000ed24               /* SHCSR: BUSFAULTENA */
    ldr r0, =(1 << 17)
    str r0, [r5]
    ldr r5, =0xe000ed1c               /* SHPR2: SVCall 0x80 */
    ldr r0, =0x80000000
    str r0, [r5]
    movs r7, #0
    ldr r0, =0x60001000               /* nothing there */
    msr psp, r0
    movs r0, #2                       /* Thread on the PSP */
    msr control, r0
    isb
    svc #0
    b fail                            /* the frame was lost: never here */
FUNC(resume):
    movs r0, #0
    msr control, r0
    isb
    CHECK(1, r7, 0x21)                /* BusFault, then SVC */
    CHECK(2, r8, 0xfffffffd)          /* the BusFault's LR */
    CHECK(3, r9, 0x1000)              /* CFSR: STKERR */
    CHECK(4, r6, (1 << 17 | 1 << 15 | 1 << 1))  /* SHCSR: ENA, SVC pending, ACT */
    b pass
FUNC(bus_h):
    adds r7, r7, #1
    mov r8, lr
    ldr r0, =0xe000ed28
    ldr r9, [r0]
    str r9, [r0]
    ldr r0, =0xe000ed24
    ldr r6, [r0]
    ldr r0, =GOOD                     /* a frame: pc = resume, Thumb */
    movs r1, #0
    movs r2, #0
1:  str r1, [r0, r2]
    adds r2, r2, #4
    cmp r2, #24
    bne 1b
    ldr r1, =resume
    bic r1, r1, #1
    str r1, [r0, #24]
    ldr r1, =0x01000000
    str r1, [r0, #28]
    msr psp, r0
    bx lr
FUNC(svc_h):
    adds r7, r7, #0x20
    bx lr
    END
