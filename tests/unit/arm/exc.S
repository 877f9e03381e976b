/* Exceptions: SVC (stacked registers, EXC_RETURN), PendSV through ICSR
 * taken at once, a lower-priority PendSV left pending in a higher handler
 * and tail-chained after it, Thread mode on the PSP and unprivileged,
 * HardFault on a bus error (CFSR, BFAR, HFSR.FORCED), UsageFault on an
 * undefined instruction, SysTick counting.
 * SPDX-License-Identifier: MIT */
#define H_SVC svc_h
#define H_PENDSV pendsv_h
#define H_HARDFAULT hardfault_h
#define H_USAGEFAULT usage_h
#define H_SYSTICK systick_h
#include "test.h"
#define LOG (DATA + 0x100)          /* order log: r9 points at the next slot */
    START
    ldr r9, =LOG
    /* SVC: handler sees the stacked r0 and returns a value through it */
    movs r0, #21
    svc #3
    CHECK(1, r0, 42)
    CHECK(2, r8, 0xfffffff9)         /* LR in the handler: Thread, MSP */
    /* PendSV: taken right after the store */
    ldr r5, =0xe000ed04
    ldr r0, =(1 << 28)
    movs r7, #0
    str r0, [r5]
    CHECK(3, r7, 1)
    /* priorities: PendSV lowest (0xff), SVC 0x40; SVC pends PendSV, which
     * runs after SVC returns (tail-chained) */
    ldr r5, =0xe000ed20
    ldr r0, =0x00ff0000               /* SHPR3: PendSV = 0xff */
    str r0, [r5]
    ldr r5, =0xe000ed1c
    ldr r0, =0x40000000               /* SHPR2: SVC = 0x40 */
    str r0, [r5]
    ldr r9, =LOG
    movs r0, #0
    svc #4                           /* logs 'S', pends PendSV, logs 's' */
    ldr r1, =LOG
    ldrb r0, [r1]
    CHECK(4, r0, 'S')
    ldrb r0, [r1, #1]
    CHECK(5, r0, 's')
    ldrb r0, [r1, #2]
    CHECK(6, r0, 'P')
    /* PSP and unprivileged Thread mode */
    ldr r0, =0x20008000
    msr psp, r0
    movs r0, #2
    msr control, r0
    isb
    mov r0, sp
    CHECK(10, r0, 0x20008000)
    mrs r1, msp
    ldr r2, =STACK_TOP
    cmp r1, r2
    bne fail
    movs r0, #3                      /* nPRIV: unprivileged */
    msr control, r0
    isb
    movs r0, #21
    svc #3                           /* the handler runs on the MSP */
    CHECK(11, r8, 0xfffffffd)        /* LR: Thread, PSP */
    mov r0, sp
    CHECK(12, r0, 0x20008000)
    mrs r0, control
    CHECK(13, r0, 3)
    movs r0, #0
    msr control, r0                  /* ignored: unprivileged */
    mrs r0, control
    CHECK(14, r0, 3)
    movs r0, #1
    svc #5                           /* the handler sets CONTROL = 0 */
    mrs r0, control
    CHECK(15, r0, 0)
    mov r0, sp
    ldr r2, =STACK_TOP
    cmp r0, r2
    bne fail
    /* a load from nowhere: BusFault disabled, so HardFault (FORCED) */
    movs r7, #0
    ldr r5, =0x40000000
    ldr r0, [r5, #8]                 /* the handler skips it */
    CHECK(20, r7, 1)
    ldr r5, =0xe000ed28
    ldr r0, [r5]
    CHECK(21, r0, 0x8200)            /* BFARVALID | PRECISERR */
    ldr r0, [r5, #0x10]
    CHECK(22, r0, 0x40000008)        /* BFAR */
    ldr r0, [r5, #4]
    CHECK(23, r0, 0x40000000)        /* HFSR.FORCED */
    str r0, [r5, #4]                 /* W1C */
    ldr r0, =0xffffffff
    str r0, [r5]
    ldr r0, [r5]
    CHECK(24, r0, 0)
    /* undefined instruction: UsageFault UNDEFINSTR (enabled) */
    ldr r5, =0xe000ed24
    ldr r0, =(1 << 18)
    str r0, [r5]
    movs r7, #0
    udf #1                           /* 16-bit: the handler skips 2 */
    CHECK(30, r7, 2)
    ldr r5, =0xe000ed28
    ldr r0, [r5]
    CHECK(31, r0, 0x10000)
    ldr r0, [r5, #4]
    CHECK(32, r0, 0)                 /* not escalated */
    /* SysTick: reload 99, interrupt on; wait for three ticks */
    ldr r5, =0xe000e010
    movs r6, #0
    movs r0, #99
    str r0, [r5, #4]                 /* RVR */
    str r0, [r5, #8]                 /* CVR: clear */
    movs r0, #7
    str r0, [r5]                     /* ENABLE | TICKINT | CLKSOURCE */
    ldr r0, [r5, #8]
    cmp r0, #99
    bhi fail
1:  cmp r6, #3
    blt 1b
    movs r0, #0
    str r0, [r5]
    ldr r0, [r5]
    tst r0, #0x10000                 /* COUNTFLAG was set by the wraps */
    beq fail
    ldr r0, [r5]
    tst r0, #0x10000                 /* and cleared by the read */
    bne fail
    b pass

FUNC(svc_h):
    mov r8, lr
    tst lr, #4                       /* the frame: on the MSP or the PSP */
    ite eq
    mrseq r3, msp
    mrsne r3, psp
    ldr r1, [r3, #24]                /* stacked pc: after the SVC */
    ldrb r1, [r1, #-2]               /* the SVC's immediate */
    cmp r1, #4
    beq 2f
    cmp r1, #5
    beq 3f
    ldr r0, [r3]
    lsls r0, r0, #1
    str r0, [r3]
    bx lr
2:  movs r0, #'S'
    strb r0, [r9], #1
    ldr r2, =0xe000ed04
    ldr r0, =(1 << 28)
    str r0, [r2]                     /* PendSV: lower, stays pending */
    movs r0, #'s'
    strb r0, [r9], #1
    bx lr
3:  movs r0, #0
    msr control, r0                  /* privileged again, MSP on return */
    ldr r0, =0xfffffff9
    mrs r1, psp
    ldr r2, [r1, #24]                /* copy the frame to the MSP */
    ldr r3, [r1, #28]
    sub sp, sp, #32
    str r2, [sp, #24]
    str r3, [sp, #28]
    bx r0
FUNC(pendsv_h):
    adds r7, r7, #1
    movs r0, #'P'
    strb r0, [r9], #1
    bx lr
FUNC(hardfault_h):
    adds r7, r7, #1
    ldr r0, [sp, #24]
    adds r0, r0, #2                  /* ldr r0, [r5, #8] is 16-bit */
    str r0, [sp, #24]
    bx lr
FUNC(usage_h):
    adds r7, r7, #2
    ldr r0, [sp, #24]
    adds r0, r0, #2
    str r0, [sp, #24]
    bx lr
FUNC(systick_h):
    adds r6, r6, #1
    bx lr
    END
