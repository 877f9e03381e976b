/* SHCSR is read/write (ARMv7-M B3.2.13): a fault pended by writing its
 * PENDED bit is taken once enabled (and waits while disabled), the
 * handler sees its ACT bit; active bits written from Thread mode read
 * back. (QEMU 7.2 does the same.)
 * SPDX-License-Identifier: MIT */
#define H_MEMMANAGE fault_h
#define H_BUSFAULT fault_h
#define H_USAGEFAULT fault_h
#include "test.h"
    START
    ldr r5, =0xe000ed24               /* SHCSR */
    movs r7, #0
    /* BusFault: enabled and pended: taken at once */
    ldr r0, =(1 << 17 | 1 << 14)
    str r0, [r5]
    CHECK(1, r7, 1)
    CHECK(2, r8, (1 << 17 | 1 << 1))  /* in the handler: ENA, ACT */
    CHECK(3, r9, 5)                   /* IPSR */
    ldr r0, [r5]
    CHECK(4, r0, (1 << 17))
    /* UsageFault pended while disabled waits; enabled, it is taken */
    ldr r0, =(1 << 12)
    str r0, [r5]
    CHECK(5, r7, 1)
    ldr r0, [r5]
    CHECK(6, r0, (1 << 12))
    ldr r0, =(1 << 18 | 1 << 12)
    str r0, [r5]
    CHECK(7, r7, 2)
    CHECK(8, r8, (1 << 18 | 1 << 3))
    CHECK(9, r9, 6)
    /* MemManage likewise */
    ldr r0, =(1 << 16 | 1 << 13)
    str r0, [r5]
    CHECK(10, r7, 3)
    CHECK(11, r8, (1 << 16 | 1 << 0))
    CHECK(12, r9, 4)
    /* active bits read back as written */
    ldr r0, =(1 << 7 | 1 << 11)       /* SVCALLACT, SYSTICKACT */
    str r0, [r5]
    ldr r0, [r5]
    CHECK(13, r0, (1 << 7 | 1 << 11))
    movs r0, #0
    str r0, [r5]
    ldr r0, [r5]
    CHECK(14, r0, 0)
    b pass
FUNC(fault_h):
    ldr r0, =0xe000ed24
    ldr r8, [r0]
    mrs r9, ipsr
    adds r7, r7, #1
    bx lr
    END
