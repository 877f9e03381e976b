/* Macros of the Cortex-M instruction tests (tests/unit/test-arm.c runs
 * them): the program is linked at 0 with its vector table first; r10 holds
 * the number of the check running; the end of the program sets r11 =
 * 0x600d, a failed check r11 = 0xbad, an unexpected exception r11 = 0xdead
 * (r0 = IPSR, r1 = CFSR, r2 = stacked pc). The CPU then waits in WFI.
 * A program names its handlers by defining H_SVC, H_PENDSV, ... first.
 * SPDX-License-Identifier: MIT */
    .syntax unified
    .thumb

#define DATA 0x20001000          /* scratch memory of the programs */
#define STACK_TOP 0x20010000
#define SCS 0xe000e000

#ifndef H_NMI
#define H_NMI unexpected
#endif
#ifndef H_HARDFAULT
#define H_HARDFAULT unexpected
#endif
#ifndef H_MEMMANAGE
#define H_MEMMANAGE unexpected
#endif
#ifndef H_BUSFAULT
#define H_BUSFAULT unexpected
#endif
#ifndef H_USAGEFAULT
#define H_USAGEFAULT unexpected
#endif
#ifndef H_SVC
#define H_SVC unexpected
#endif
#ifndef H_PENDSV
#define H_PENDSV unexpected
#endif
#ifndef H_SYSTICK
#define H_SYSTICK unexpected
#endif
#ifndef H_IRQ0
#define H_IRQ0 unexpected
#endif
#ifndef H_IRQ1
#define H_IRQ1 unexpected
#endif
#ifndef H_IRQ2
#define H_IRQ2 unexpected
#endif

#define FUNC(name) .thumb_func; .globl name; name

#define START \
    .text; \
vectors: \
    .word STACK_TOP, _start, H_NMI, H_HARDFAULT, H_MEMMANAGE, H_BUSFAULT; \
    .word H_USAGEFAULT, 0, 0, 0, 0, H_SVC, 0, 0, H_PENDSV, H_SYSTICK; \
    .word H_IRQ0, H_IRQ1, H_IRQ2; \
    .rept 29; .word unexpected; .endr; \
FUNC(_start): \
    movs r0, #0; mov r10, r0; mov r11, r0

/* r10 = n; fail unless reg == val (r12 is clobbered; r6 on v6-M) */
#if __ARM_ARCH_6M__
#define CHECK(n, reg, val) \
    ldr r6, =n; mov r10, r6; ldr r6, =val; cmp reg, r6; bne fail
#else
#define CHECK(n, reg, val) \
    ldr r12, =n; mov r10, r12; ldr r12, =val; cmp reg, r12; bne fail
#endif
/* fail unless the flags NZCV are nzcv (4 bits) */
#define CHECK_FLAGS(n, nzcv) \
    mrs r12, apsr; lsrs r12, r12, #28; cmp r12, (nzcv); beq 1f; \
    ldr r12, =n; mov r10, r12; b fail; 1:
/* set the flags to nzcv */
#define SET_FLAGS(nzcv) \
    ldr r12, =(nzcv << 28); msr apsr_nzcvq, r12

#define END \
FUNC(pass): ldr r0, =0x600d; mov r11, r0; b done; \
FUNC(fail): ldr r0, =0xbad; mov r11, r0; b done; \
FUNC(unexpected): \
    ldr r0, =0xdead; mov r11, r0; mrs r0, ipsr; \
    ldr r1, =0xe000ed28; ldr r1, [r1]; ldr r2, [sp, #24]; \
FUNC(done): cpsid i; wfi; b done; \
    .ltorg
