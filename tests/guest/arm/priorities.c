/* Cortex-M NVIC priorities on mps2-an385, with interrupts pended by
 * software only (ISPR, STIR, ICSR): preemption by a higher priority,
 * tail-chaining of equal and lower ones in priority-then-number order,
 * PRIGROUP group/subpriority, BASEPRI and BASEPRI_MAX, PRIMASK and
 * FAULTMASK (and FAULTMASK cleared by an exception return), NMI through
 * the masks, the active bits, priorities changed inside a handler and
 * self-pending handlers, register widths, WFE with SEVONPEND, the 8-byte
 * aligned frame. Handlers log 'A'..'H' (IRQ 24..31), 'P'
 * (PendSV), 'T' (SysTick), 'N' (NMI) on entry and the lower-case letter
 * on return. (No device interrupt: QEMU's timer0 sometimes never fires
 * under load.) ARMv7-M ARM B1.5.4 (priorities), B1.5.12 (tail-chaining).
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

static char trace[64];
static volatile unsigned ntrace;
static void (*volatile action[48])(void);
static volatile uint32_t seen_iabr, seen_icsr;

static void note(char c)
{
    if (ntrace < sizeof trace - 1) {
        trace[ntrace++] = c;
    }
}

static char letter(unsigned exc)
{
    switch (exc) {
    case 2: return 'N';
    case EXC_PENDSV: return 'P';
    case EXC_SYSTICK: return 'T';
    default: return (char)('A' + exc - EXC_IRQ(24));
    }
}

static void handler(void)
{
    unsigned exc = get_special(ipsr) & 0x1ff;
    note(letter(exc));
    if (action[exc]) {
        action[exc]();
    }
    note((char)(letter(exc) | 0x20));
}

static void show(const char *what)
{
    trace[ntrace] = 0;
    printf("%s: %s\n", what, trace);
    ntrace = 0;
}

static void pend(unsigned irq) { NVIC_ISPR(0) = 1u << irq; barrier(); }
static void prio(unsigned irq, uint8_t p) { NVIC_IPR8(irq) = p; }

static void clear_actions(void)
{
    for (unsigned i = 0; i < 48; i++) {
        action[i] = 0;
    }
}

/* 1: A at 0x80 pends B (0x40, preempts), C (0xc0, after), D (0x80, after,
 * before C) */
static void act_1a(void) { pend(25); note('1'); pend(26); pend(27); note('2'); }

/* 3: PRIGROUP 5 (group [7:6], sub [5]) */
static void act_3a(void)
{
    pend(25);                  /* 0x40: same group as 0x60, waits */
    note('1');
    pend(26);                  /* 0x20: group 0x00, preempts */
    note('2');
}

static void act_nest(void)
{
    seen_iabr = NVIC_IABR(0);
    seen_icsr = SCB_ICSR;
}

/* SVC's frame: where it went and its xPSR (bit 9: 4 bytes of padding to
 * align the frame on 8, CCR.STKALIGN) */
static volatile uint32_t frame_sp, frame_xpsr;
__attribute__((naked)) static void svc_frame(void)
{
    __asm__ volatile("mrs r0, msp\n ldr r1, =frame_sp\n str r0, [r1]\n"
                     "ldr r1, [r0, #28]\n ldr r2, =frame_xpsr\n str r1, [r2]\n"
                     "bx lr");
}

/* priorities changed while A (24, 0x40) runs: B (25, 0x80) pended, then
 * A lowered to 0xc0 (B preempts); B pended, then raised to 0 (B
 * preempts); C (26, 0x00) pended while disabled, then enabled; A pends
 * itself (it runs again after it returns) */
static void act_lower_self(void)
{
    pend(25); note('1'); NVIC_IPR8(24) = 0xc0; barrier(); note('2');
}
static void act_raise_other(void)
{
    pend(25); note('1'); NVIC_IPR8(25) = 0x00; barrier(); note('2');
}
static void act_enable_other(void)
{
    pend(26); note('1'); NVIC_ISER(0) = 1u << 26; barrier(); note('2');
}
static volatile int self_pends;
static void act_self(void)
{
    if (self_pends++ < 2) {
        pend(24);
        note('s');
    }
}
static volatile int pendsv_pends;
static void act_pendsv_self(void)
{
    if (pendsv_pends++ < 2) {
        SCB_ICSR = ICSR_PENDSVSET;
        note('s');
    }
}

static void act_faultmask(void) { __asm__ volatile("cpsid f" ::: "memory"); }

int main(void)
{
    vectors_to_ram();
    for (unsigned i = 24; i < 32; i++) {
        set_vector(EXC_IRQ(i), handler);
    }
    set_vector(2, handler);
    set_vector(EXC_PENDSV, handler);
    set_vector(EXC_SYSTICK, handler);
    NVIC_ISER(0) = 0xff000000u;

    /* priority registers: the implemented bits read back */
    prio(24, 0xff);
    SCB_SHPR8(EXC_PENDSV) = 0xff;
    printf("IPR[24] after 0xff: %#x, PendSV's: %#x\n", NVIC_IPR8(24),
           SCB_SHPR8(EXC_PENDSV));

    prio(24, 0x80); prio(25, 0x40); prio(26, 0xc0); prio(27, 0x80);
    action[EXC_IRQ(24)] = act_1a;
    pend(24);
    show("preempt and tail-chain");

    /* the same priority: the lower number first, whatever the pend order */
    clear_actions();
    prio(24, 0x80); prio(25, 0x80); prio(26, 0x80); prio(27, 0x80);
    __asm__ volatile("cpsid i" ::: "memory");
    pend(27); pend(25); pend(26); pend(24);
    printf("pending under PRIMASK: ISPR %#lx ICSR.ISRPENDING %lu\n",
           (unsigned long)(NVIC_ISPR(0) & 0xff000000u),
           (unsigned long)(SCB_ICSR >> 22 & 1));
    __asm__ volatile("cpsie i\n isb" ::: "memory");
    show("equal priorities");

    /* system handlers against interrupts: PendSV 0x20, SysTick 0x40, IRQ
     * 24 at 0x40 (after SysTick: exception 15 < 40) and 25 at 0x00 */
    SCB_SHPR8(EXC_PENDSV) = 0x20;
    SCB_SHPR8(EXC_SYSTICK) = 0x40;
    prio(24, 0x40); prio(25, 0x00);
    __asm__ volatile("cpsid i" ::: "memory");
    pend(24);
    SCB_ICSR = ICSR_PENDSVSET | ICSR_PENDSTSET;
    NVIC_STIR = 25;
    barrier();
    printf("ICSR pend bits %#lx\n", (unsigned long)(SCB_ICSR & 0x14400000u));
    __asm__ volatile("cpsie i\n isb" ::: "memory");
    show("system handlers and STIR");

    /* PRIGROUP 5: 0x40 and 0x60 share group 0x40; 0x20 is group 0 */
    aircr_prigroup(5);
    printf("AIRCR.PRIGROUP %lu\n", (unsigned long)(SCB_AIRCR >> 8 & 7));
    prio(24, 0x60); prio(25, 0x40); prio(26, 0x20);
    action[EXC_IRQ(24)] = act_3a;
    pend(24);
    show("PRIGROUP 5 preemption");
    clear_actions();
    prio(27, 0x60); prio(28, 0x40); prio(29, 0x40);
    __asm__ volatile("cpsid i" ::: "memory");
    pend(27); pend(29); pend(28);
    __asm__ volatile("cpsie i\n isb" ::: "memory");
    show("PRIGROUP 5 subpriority order");

    /* BASEPRI compares group priorities: 0x60 masks 0x40 under PRIGROUP 5 */
    set_special(basepri, 0x60);
    prio(24, 0x40);
    pend(24);
    note('.');
    set_special(basepri, 0);
    note('.');
    show("BASEPRI 0x60 with PRIGROUP 5");
    aircr_prigroup(0);
    set_special(basepri, 0x60);
    pend(24);
    note('.');
    set_special(basepri, 0);
    show("BASEPRI 0x60 with PRIGROUP 0");

    /* BASEPRI 0x40: 0x40 waits, 0x20 is taken; BASEPRI_MAX only raises */
    set_special(basepri, 0x40);
    prio(24, 0x40); prio(25, 0x20);
    pend(24);
    note('.');
    pend(25);
    note('.');
    set_special(basepri_max, 0x60);
    uint32_t b1 = get_special(basepri);
    set_special(basepri_max, 0x20);
    uint32_t b2 = get_special(basepri);
    set_special(basepri_max, 0);
    uint32_t b3 = get_special(basepri);
    set_special(basepri, 0);
    show("BASEPRI 0x40");
    printf("BASEPRI_MAX 0x60 -> %#lx, 0x20 -> %#lx, 0 -> %#lx\n",
           (unsigned long)b1, (unsigned long)b2, (unsigned long)b3);

    /* PRIMASK holds interrupts of any priority, not NMI */
    prio(24, 0x00);
    __asm__ volatile("cpsid i" ::: "memory");
    pend(24);
    note('.');
    SCB_ICSR = 1u << 31;       /* NMIPENDSET */
    barrier();
    note('.');
    printf("PRIMASK %lu\n", (unsigned long)get_special(primask));
    __asm__ volatile("cpsie i\n isb" ::: "memory");
    show("PRIMASK");

    /* FAULTMASK likewise; an exception return clears it */
    __asm__ volatile("cpsid f" ::: "memory");
    pend(24);
    note('.');
    printf("FAULTMASK %lu\n", (unsigned long)get_special(faultmask));
    __asm__ volatile("cpsie f\n isb" ::: "memory");
    action[EXC_IRQ(24)] = act_faultmask;
    pend(24);
    printf("FAULTMASK after a handler that set it: %lu\n",
           (unsigned long)get_special(faultmask));
    show("FAULTMASK");

    /* the active bits and ICSR inside a nested handler */
    clear_actions();
    prio(24, 0x80); prio(25, 0x40);
    action[EXC_IRQ(24)] = act_1a;
    prio(26, 0x80); prio(27, 0x80);
    NVIC_ICER(0) = 3u << 26;   /* 26 and 27 stay pending, disabled */
    action[EXC_IRQ(25)] = act_nest;
    pend(24);
    printf("in B over A: IABR %#lx VECTACTIVE %lu RETTOBASE %lu\n",
           (unsigned long)seen_iabr, (unsigned long)(seen_icsr & 0x1ff),
           (unsigned long)(seen_icsr >> 11 & 1));
    printf("disabled but pending: ISPR %#lx\n",
           (unsigned long)(NVIC_ISPR(0) & 0xff000000u));
    NVIC_ICPR(0) = 3u << 26;
    NVIC_ISER(0) = 3u << 26;
    show("nested");
    printf("IABR in Thread mode: %#lx\n", (unsigned long)NVIC_IABR(0));

    /* priorities changed inside a handler take effect at once */
    static void (*const dyn[])(void) = {
        act_lower_self, act_raise_other, act_enable_other, act_self,
    };
    static const char *const dyn_name[] = {
        "A lowers itself below pending B", "A raises pending B above itself",
        "A enables pending C", "A pends itself twice",
    };
    for (unsigned i = 0; i < 4; i++) {
        clear_actions();
        prio(24, 0x40); prio(25, 0x80); prio(26, 0x00);
        NVIC_ICER(0) = 1u << 26;
        action[EXC_IRQ(24)] = dyn[i];
        pend(24);
        show(dyn_name[i]);
    }
    NVIC_ISER(0) = 1u << 26;
    clear_actions();
    action[EXC_PENDSV] = act_pendsv_self;
    SCB_ICSR = ICSR_PENDSVSET;
    barrier();
    show("PendSV pends itself twice");
    clear_actions();

    /* register widths: IPR by word and halfword, SHPR by word */
    REG(0xe000e418) = 0x11223344;          /* IPR6: IRQ 24-27 */
    printf("IPR6 by word: %#lx, IRQ 24 %#x, IRQ 27 %#x\n",
           (unsigned long)REG(0xe000e418), NVIC_IPR8(24), NVIC_IPR8(27));
    *(volatile uint16_t *)0xe000e41a = 0xaabb;
    printf("IPR6 after a halfword at +2: %#lx\n", (unsigned long)REG(0xe000e418));
    REG(0xe000ed18) = 0xffffffffu;         /* SHPR1: MemManage..UsageFault */
    REG(0xe000ed1c) = 0xffffffffu;         /* SHPR2: SVCall only */
    printf("SHPR1, SHPR2 after all-ones: %#lx %#lx\n",
           (unsigned long)REG(0xe000ed18), (unsigned long)REG(0xe000ed1c));
    REG(0xe000ed18) = 0;
    REG(0xe000ed1c) = 0;
    NVIC_ISER(1) = 0xffffffffu;            /* beyond the 32 interrupts */
    printf("ISER1 %#lx, ICTR %#lx\n", (unsigned long)NVIC_ISER(1),
           (unsigned long)REG(0xe000e004));

    /* WFE: SEV then WFE consumes the event; with SCR.SEVONPEND a disabled
     * interrupt going pending is an event, so WFE returns. (Not printed:
     * SCR itself, whose reserved bits QEMU 7.2 keeps as written; and
     * SLEEPONEXIT, which QEMU ignores.) */
    REG(0xe000ed10) = 0x10;
    __asm__ volatile("sev\n wfe" ::: "memory");
    NVIC_ICER(0) = 1u << 28;
    pend(28);
    __asm__ volatile("wfe" ::: "memory");
    printf("WFE returned on a pend with SEVONPEND\n");
    NVIC_ICPR(0) = 1u << 28;
    REG(0xe000ed10) = 0;

    /* the frame is 8-byte aligned; xPSR bit 9 says 4 bytes were skipped */
    set_vector(EXC_SVCALL, svc_frame);
    printf("CCR.STKALIGN %lu\n", (unsigned long)(SCB_CCR >> 9 & 1));
    for (unsigned pad = 0; pad <= 4; pad += 4) {
        uint32_t sp;
        __asm__ volatile("mov %0, sp\n sub sp, sp, %1\n svc 0\n add sp, sp, %1"
                         : "=&r"(sp) : "r"(pad) : "memory");
        printf("SVC with sp %% 8 == %u: frame at sp - %lu, xPSR bit 9 %lu\n",
               pad, (unsigned long)(sp - pad - frame_sp),
               (unsigned long)(frame_xpsr >> 9 & 1));
    }
    return 0;
}
