/* WFE and SCR.SEVONPEND (ARMv7-M B1.5.19, B3.2.7): SEV then WFE consumes
 * the event; with SEVONPEND an interrupt going pending, even a disabled
 * one, is an event, so the next WFE returns at once (it used to sleep for
 * good).
 * SPDX-License-Identifier: MIT */
#include "test.h"
    START
    ldr r5, =0xe000ed10               /* SCR */
    movs r0, #0x10                    /* SEVONPEND */
    str r0, [r5]
    sev
    wfe                               /* the event is consumed */
    ldr r5, =0xe000e200               /* ISPR0 */
    movs r0, #4                       /* IRQ 2, disabled */
    str r0, [r5]
    wfe                               /* returns: the pend was an event */
    ldr r0, [r5]
    CHECK(1, r0, 4)
    b pass
    END
