/* Cortex-M faults on mps2-an385 (ARMv7-M ARM B1.5.14, B3.2.15-B3.2.18):
 * UsageFault UNDEFINSTR (16- and 32-bit UDF), NOCP, INVSTATE (BLX to an
 * even address), DIVBYZERO (CCR.DIV_0_TRP), UNALIGNED (CCR.UNALIGN_TRP,
 * and LDM/LDRD always); precise BusFaults on an unmapped address (load,
 * store, fetch: PRECISERR/BFARVALID with BFAR, IBUSERR); MemManage on a
 * fetch from the XN system region; escalation to HardFault (HFSR.FORCED)
 * when the fault is disabled or cannot preempt; CFSR/HFSR/SHCSR; a fault
 * inside an IT block (ITSTATE stacked); faults pended through SHCSR; bad
 * exception returns (UsageFault INVPC); an exception return whose
 * unstacking faults (BusFault UNSTKERR); unprivileged accesses to the SCS
 * (BusFault, but STIR with CCR.USERSETMPEND), privileged LDRT/STRT there
 * too (unprivileged accesses). Each
 * handler records what it saw and resumes after the faulting instruction
 * (or at the caller's return address when the fault was at a branch
 * target). A store to nothing gives a precise BusFault on both hemu and
 * QEMU; a real Cortex-M3 with its write buffer may report it imprecise
 * (IMPRECISERR, no BFAR), which the architecture allows too.
 * SPDX-License-Identifier: MIT */
#include <stdio.h>

#include "guest.h"

#define SHCSR_MEMFAULTENA (1u << 16)
#define SHCSR_BUSFAULTENA (1u << 17)
#define SHCSR_USGFAULTENA (1u << 18)
#define CCR_UNALIGN_TRP (1u << 3)
#define CCR_DIV_0_TRP (1u << 4)

static volatile struct {
    uint32_t exc, cfsr, hfsr, addr, shcsr, pc, n;
} seen;

/* The faulting code: each naked function faults on its first instruction
 * (r0, r1 are the arguments) and returns. */
__attribute__((naked, noinline)) static void f_udf16(void) { __asm__("udf #1\n bx lr"); }
__attribute__((naked, noinline)) static void f_udf32(void) { __asm__("udf.w #2\n bx lr"); }
__attribute__((naked, noinline)) static void f_nocp(void) { __asm__(".short 0xee00, 0x0010\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_sdiv(uint32_t a, uint32_t b)
{ __asm__("sdiv r0, r0, r1\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_udiv(uint32_t a, uint32_t b)
{ __asm__("udiv r0, r0, r1\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_ldr(uint32_t a)
{ __asm__("ldr r0, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_ldrh(uint32_t a)
{ __asm__("ldrh r0, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static void f_str(uint32_t a)
{ __asm__("str r0, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_ldm(uint32_t a)
{ __asm__("ldm r0, {r0, r1}\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_ldrd(uint32_t a)
{ __asm__("ldrd r0, r1, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static void f_blx(uint32_t a)
{ __asm__("push {lr}\n blx r0\n pop {pc}"); }
__attribute__((naked, noinline)) static void f_svc(void) { __asm__("svc 5\n bx lr"); }
__attribute__((naked, noinline)) static uint32_t f_ldrt(uint32_t a)
{ __asm__("ldrt r0, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static void f_strt2(uint32_t a, uint32_t v)
{ __asm__("strt r1, [r0]\n bx lr"); }
__attribute__((naked, noinline)) static void f_str2(uint32_t a, uint32_t v)
{ __asm__("str r1, [r0]\n bx lr"); }
/* a load that faults inside an IT block, 2 more instructions after it:
 * returns 1 + 4 if the block resumes with the right conditions */
__attribute__((naked, noinline)) static uint32_t f_it(uint32_t a)
{
    __asm__("movs r2, #0\n movs r3, #0\n cmp r0, r0\n"
            "ittet eq\n ldreq r2, [r0]\n addeq r3, r3, #1\n"
            "addne r3, r3, #16\n addeq r3, r3, #4\n"
            "mov r0, r3\n bx lr");
}
#define F_IT_LDR 8             /* the load's offset in f_it */

static uint32_t fault_at;       /* the expected faulting pc */
static volatile int pended;     /* pended by software: nothing to skip */
static volatile uint32_t seen_it;  /* the stacked ITSTATE */

/* frame: r0-r3, r12, lr, pc, xpsr */
void fault_c(uint32_t *frame);
void fault_c(uint32_t *frame)
{
    seen.n++;
    seen.exc = get_special(ipsr) & 0x1ff;
    seen.cfsr = SCB_CFSR;
    seen.hfsr = SCB_HFSR;
    seen.shcsr = SCB_SHCSR;
    seen.addr = seen.cfsr & (1u << 15) ? SCB_BFAR :
                seen.cfsr & (1u << 7) ? SCB_MMFAR : 0;
    seen.pc = frame[6];
    SCB_CFSR = seen.cfsr;       /* write 1 to clear */
    SCB_HFSR = seen.hfsr;
    uint32_t pc = frame[6];
    uint32_t it = (frame[7] >> 25 & 3) | (frame[7] >> 8 & 0xfc);
    seen_it = it;
    if (pended) {
        /* nothing to skip */
    } else if (pc == (uint32_t)f_it - 1 + F_IT_LDR) {
        /* skip the load and advance ITSTATE past it (ITAdvance, A7.3.2) */
        frame[6] = pc + 2;
        it = (it & 7) == 0 ? 0 : (it & 0xe0) | ((it << 1) & 0x1f);
        frame[7] = (frame[7] & ~(3u << 25 | 0x3fu << 10)) | (it & 3) << 25 |
                   (it >> 2) << 10;
    } else if (pc == (uint32_t)f_svc + 1) {
        /* after the SVC: nothing to skip */
    } else if (pc == (fault_at & ~1u) && (pc == (uint32_t)f_udf16 - 1 ||
                                   pc == (uint32_t)f_udf32 - 1 ||
                                   pc == (uint32_t)f_nocp - 1 ||
                                   pc == (uint32_t)f_sdiv - 1 ||
                                   pc == (uint32_t)f_udiv - 1 ||
                                   pc == (uint32_t)f_ldr - 1 ||
                                   pc == (uint32_t)f_ldrh - 1 ||
                                   pc == (uint32_t)f_str - 1 ||
                                   pc == (uint32_t)f_str2 - 1 ||
                                   pc == (uint32_t)f_ldm - 1 ||
                                   pc == (uint32_t)f_ldrt - 1 ||
                                   pc == (uint32_t)f_strt2 - 1 ||
                                   pc == (uint32_t)f_ldrd - 1)) {
        uint16_t hw = *(const uint16_t *)pc;
        frame[6] = pc + ((hw & 0xf800) >= 0xe800 ? 4 : 2);
    } else {
        /* a fault at a branch target: back to the caller, in Thumb */
        frame[6] = frame[5] & ~1u;
        frame[7] |= 1u << 24;
    }
}

__attribute__((naked)) static void fault_handler(void)
{
    __asm__ volatile(
        "tst lr, #4\n ite eq\n mrseq r0, msp\n mrsne r0, psp\n"
        "push {r4, lr}\n bl fault_c\n pop {r4, pc}\n");
}

static const char *exc_name(uint32_t e)
{
    switch (e) {
    case EXC_HARDFAULT: return "HardFault";
    case EXC_MEMMANAGE: return "MemManage";
    case EXC_BUSFAULT: return "BusFault";
    case EXC_USAGEFAULT: return "UsageFault";
    default: return "?";
    }
}

static void report(const char *what, uint32_t expect_pc)
{
    if (!seen.n) {
        printf("%-34s no fault\n", what);
        return;
    }
    printf("%-34s %-10s CFSR 0x%08lx HFSR 0x%08lx", what, exc_name(seen.exc),
           (unsigned long)seen.cfsr, (unsigned long)seen.hfsr);
    if (seen.addr) {
        printf(" addr %#lx", (unsigned long)seen.addr);
    }
    printf(" pc %s\n", seen.pc == (expect_pc & ~1u) ? "ok" : "WRONG");
    seen.n = 0;
}

#define TRY(what, fn, call) do { \
        fault_at = (uint32_t)(fn); \
        call; \
        report(what, fault_at); \
    } while (0)

/* ---- bad exception returns (B1.5.8) ------------------------------------ */

static volatile int excret_case;
static volatile struct {
    uint32_t cfsr, lr, iabr, frame_ipsr, n;
} bad;

/* IRQ 25 returns with a bad EXC_RETURN: reserved (case 0), to Handler mode
 * from a Thread frame (1), to Thread with IRQ 24 still active (2) */
__attribute__((naked)) static void bad_return(void)
{
    __asm__ volatile(
        "ldr r0, =excret_case\n ldr r0, [r0]\n"
        "cmp r0, #0\n it eq\n ldreq r1, =0xfffffff5\n"
        "cmp r0, #1\n it eq\n ldreq r1, =0xfffffff1\n"
        "cmp r0, #2\n it eq\n ldreq r1, =0xfffffff9\n"
        "bx r1\n .ltorg\n");
}

static void outer_irq(void)
{
    NVIC_ISPR(0) = 1u << 25;   /* nested: returns to Thread, bad */
    barrier();
}

/* The UsageFault comes with no new frame: the one on MSP is IRQ 25's.
 * Return through it to where IRQ 25 came from. */
uint32_t bad_return_c(const uint32_t *frame, uint32_t lr);
uint32_t bad_return_c(const uint32_t *frame, uint32_t lr)
{
    bad.n++;
    bad.cfsr = SCB_CFSR;
    SCB_CFSR = bad.cfsr;
    bad.lr = lr;
    bad.iabr = NVIC_IABR(0);
    bad.frame_ipsr = frame[7] & 0x1ff;
    return bad.frame_ipsr ? 0xfffffff1u : 0xfffffff9u;
}

__attribute__((naked)) static void bad_return_fault(void)
{
    __asm__ volatile(
        "mrs r0, msp\n mov r1, lr\n push {r4, lr}\n bl bad_return_c\n"
        "pop {r4, lr}\n bx r0\n");
}

/* ---- a failed unstacking (B1.5.8, UNSTKERR in B3.2.15) ---------------- */

static volatile struct {
    uint32_t ipsr, cfsr, hfsr, lr, psp, shcsr, n;
} unstk;

/* SVC's handler returns to Thread on a PSP that points at nothing */
__attribute__((naked)) static void svc_bad_psp(void)
{
    __asm__ volatile("ldr r0, =0x60000000\n msr psp, r0\n"
                     "ldr r0, =0xfffffffd\n bx r0\n .ltorg\n");
}

void unstk_c(uint32_t lr);
void unstk_c(uint32_t lr)
{
    unstk.n++;
    unstk.ipsr = get_special(ipsr) & 0x1ff;
    unstk.cfsr = SCB_CFSR;
    SCB_CFSR = unstk.cfsr;
    unstk.hfsr = SCB_HFSR;
    SCB_HFSR = unstk.hfsr;
    unstk.lr = lr;
    unstk.psp = get_special(psp);
    unstk.shcsr = SCB_SHCSR;
}

/* The BusFault (HardFault) is chained to with no new frame: SVC's is
 * still on MSP; return through it to the thread. */
__attribute__((naked)) static void unstk_fault(void)
{
    __asm__ volatile("mov r0, lr\n push {r4, lr}\n bl unstk_c\n"
                     "pop {r4, lr}\n ldr r0, =0xfffffff9\n bx r0\n .ltorg\n");
}

/* ---- unprivileged access to the System Control Space ------------------ */

static volatile uint32_t stir_irqs;
static void stir_irq(void) { stir_irqs++; }
static void svc_privileged(void) { set_special(control, 0); }

static volatile uint32_t in_irq_done;
static void irq_handler(void)
{
    TRY("UDF in an IRQ at priority 0", f_udf16, f_udf16());
    in_irq_done = 1;
}

static uint32_t words[4] = { 0x11111111, 0x22222222, 0x33333333, 0x44444444 };

int main(void)
{
    vectors_to_ram();
    for (unsigned e = EXC_HARDFAULT; e <= EXC_USAGEFAULT; e++) {
        set_vector(e, fault_handler);
    }
    set_vector(EXC_IRQ(24), irq_handler);
    uint32_t base = (uint32_t)words;

    printf("SHCSR at reset %#lx CCR %#lx\n", (unsigned long)SCB_SHCSR,
           (unsigned long)SCB_CCR);
    /* with the faults disabled: HardFault, FORCED */
    TRY("UDF, UsageFault disabled", f_udf16, f_udf16());
    TRY("load from 0x60000000, disabled", f_ldr, f_ldr(0x60000000));

    SCB_SHCSR = SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;
    printf("SHCSR enabled %#lx\n", (unsigned long)SCB_SHCSR);
    TRY("UDF 16-bit", f_udf16, f_udf16());
    TRY("UDF 32-bit", f_udf32, f_udf32());
    TRY("coprocessor instruction", f_nocp, f_nocp());
    fault_at = base;           /* BLX to an even address: INVSTATE there */
    f_blx(base);
    report("BLX to an even address", base);

    uint32_t q = f_sdiv(7, 0);
    printf("SDIV by 0 without DIV_0_TRP: %lu\n", (unsigned long)q);
    SCB_CCR |= CCR_DIV_0_TRP;
    TRY("SDIV by 0, DIV_0_TRP", f_sdiv, f_sdiv(7, 0));
    TRY("UDIV by 0, DIV_0_TRP", f_udiv, f_udiv(7, 0));
    SCB_CCR &= ~CCR_DIV_0_TRP;

    uint32_t v = f_ldr(base + 1);
    printf("unaligned LDR without UNALIGN_TRP: %#lx\n", (unsigned long)v);
    TRY("unaligned LDM", f_ldm, f_ldm(base + 2));
    TRY("unaligned LDRD", f_ldrd, f_ldrd(base + 2));
    SCB_CCR |= CCR_UNALIGN_TRP;
    TRY("unaligned LDR, UNALIGN_TRP", f_ldr, f_ldr(base + 1));
    TRY("unaligned LDRH, UNALIGN_TRP", f_ldrh, f_ldrh(base + 1));
    TRY("aligned LDRH, UNALIGN_TRP", f_ldrh, f_ldrh(base + 2));
    SCB_CCR &= ~CCR_UNALIGN_TRP;

    TRY("load from 0x60000000", f_ldr, f_ldr(0x60000000));
    fault_at = (uint32_t)f_it - 1 + F_IT_LDR;
    uint32_t r = f_it(0x60000000);
    report("load in an IT block", fault_at);
    printf("stacked ITSTATE %#lx, the block resumed: %lu\n",
           (unsigned long)seen_it, (unsigned long)r);
    TRY("store to 0x60000004", f_str, f_str(0x60000004));
    fault_at = 0x60000000;
    f_blx(0x60000001);
    report("branch to 0x60000000", 0x60000000);
    printf("SHCSR in the BusFault handler %#lx\n", (unsigned long)seen.shcsr);
    fault_at = 0xe0000000;
    f_blx(0xe0000001);
    report("branch to 0xe0000000 (XN)", 0xe0000000);

    /* pended by writing SHCSR: BusFault at once; UsageFault waits while
     * disabled */
    pended = 1;
    SCB_SHCSR = SHCSR_BUSFAULTENA | 1u << 14;
    barrier();
    printf("BusFault pended in SHCSR: %lu taken, SHCSR in it %#lx, CFSR %#lx\n",
           (unsigned long)seen.n, (unsigned long)seen.shcsr, (unsigned long)seen.cfsr);
    seen.n = 0;
    SCB_SHCSR = 1u << 12;
    barrier();
    printf("UsageFault pended, disabled: %lu taken, SHCSR %#lx\n",
           (unsigned long)seen.n, (unsigned long)SCB_SHCSR);
    SCB_SHCSR = SHCSR_USGFAULTENA | 1u << 12;
    barrier();
    printf("then enabled: %lu taken, SHCSR in it %#lx\n", (unsigned long)seen.n,
           (unsigned long)seen.shcsr);
    seen.n = 0;
    pended = 0;
    SCB_SHCSR = SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA | SHCSR_USGFAULTENA;

    /* a fault that cannot preempt the running handler escalates */
    SCB_SHPR8(EXC_USAGEFAULT) = 0x80;
    NVIC_IPR8(24) = 0x00;
    NVIC_ISER(0) = 1u << 24;
    NVIC_ISPR(0) = 1u << 24;
    barrier();
    printf("IRQ handler went on: %lu\n", (unsigned long)in_irq_done);

    /* and the same with the fault disabled again */
    SCB_SHCSR = 0;
    TRY("UDIV by 0 trapped, disabled", f_udiv, (SCB_CCR |= CCR_DIV_0_TRP, f_udiv(1, 0)));
    SCB_CCR &= ~CCR_DIV_0_TRP;
    /* bad exception returns: IRQ 25 deactivated, UsageFault INVPC with LR =
     * the EXC_RETURN, the handler returns through IRQ 25's frame. (Not
     * printed: that frame's pc, where IRQ 25 came in, a few instructions
     * later on QEMU.) */
    SCB_SHCSR = SHCSR_USGFAULTENA;
    SCB_SHPR8(EXC_USAGEFAULT) = 0;
    set_vector(EXC_USAGEFAULT, bad_return_fault);
    set_vector(EXC_IRQ(24), outer_irq);
    set_vector(EXC_IRQ(25), bad_return);
    NVIC_IPR8(24) = 0x80;
    NVIC_IPR8(25) = 0x40;
    NVIC_ISER(0) = 3u << 24;
    static const char *const excret_name[] = {
        "reserved EXC_RETURN 0xfffffff5", "to Handler from Thread's frame",
        "to Thread, another active",
    };
    for (int c = 0; c < 3; c++) {
        excret_case = c;
        bad.n = 0;
        NVIC_ISPR(0) = c == 2 ? 1u << 24 : 1u << 25;
        barrier();
        printf("bad return, %-31s %lu fault: CFSR 0x%08lx LR %#lx IABR %#lx"
               " frame IPSR %lu; after: IABR %#lx\n", excret_name[c],
               (unsigned long)bad.n, (unsigned long)bad.cfsr,
               (unsigned long)bad.lr, (unsigned long)bad.iabr,
               (unsigned long)bad.frame_ipsr, (unsigned long)NVIC_IABR(0));
    }
    NVIC_ICER(0) = 3u << 24;
    set_vector(EXC_USAGEFAULT, fault_handler);
    SCB_SHCSR = 0;

    /* an exception return whose unstacking faults: SVC deactivated, the
     * derived BusFault taken with LR = the EXC_RETURN and PSP as it was;
     * HardFault (FORCED) when BusFault is disabled */
    set_vector(EXC_SVCALL, svc_bad_psp);
    set_vector(EXC_BUSFAULT, unstk_fault);
    set_vector(EXC_HARDFAULT, unstk_fault);
    for (int c = 0; c < 2; c++) {
        SCB_SHCSR = c ? 0 : SHCSR_BUSFAULTENA;
        unstk.n = 0;
        __asm__ volatile("svc 1" ::: "memory");
        printf("unstacking fault, BusFault %-8s %lu %-10s CFSR 0x%08lx "
               "HFSR 0x%08lx LR %#lx PSP %#lx SHCSR %#lx\n",
               c ? "disabled" : "enabled", (unsigned long)unstk.n,
               exc_name(unstk.ipsr), (unsigned long)unstk.cfsr,
               (unsigned long)unstk.hfsr, (unsigned long)unstk.lr,
               (unsigned long)unstk.psp, (unsigned long)unstk.shcsr);
    }
    set_vector(EXC_BUSFAULT, fault_handler);
    set_vector(EXC_HARDFAULT, fault_handler);
    SCB_SHCSR = 0;

    /* unprivileged Thread mode: the SCS is privileged, a load or store
     * there is a precise BusFault; STIR is allowed with USERSETMPEND */
    SCB_SHCSR = SHCSR_BUSFAULTENA;
    set_vector(EXC_SVCALL, svc_privileged);
    set_vector(EXC_IRQ(26), stir_irq);
    NVIC_ISER(0) = 1u << 26;
    set_special(control, 1);
    TRY("unprivileged load of ICSR", f_ldr, f_ldr(0xe000ed04));
    TRY("unprivileged store to STIR", f_str2, f_str2(0xe000ef00, 26));
    barrier();
    printf("IRQ 26 taken: %lu\n", (unsigned long)stir_irqs);
    __asm__ volatile("svc 0" ::: "memory");
    SCB_CCR |= 2;              /* USERSETMPEND */
    set_special(control, 1);
    TRY("unprivileged STIR, USERSETMPEND", f_str2, f_str2(0xe000ef00, 26));
    barrier();
    printf("IRQ 26 taken: %lu\n", (unsigned long)stir_irqs);
    __asm__ volatile("svc 0" ::: "memory");
    /* LDRT and STRT are unprivileged accesses from privileged code too */
    TRY("privileged LDRT of ICSR", f_ldrt, f_ldrt(0xe000ed04));
    printf("privileged LDRT of RAM: %#lx\n", (unsigned long)f_ldrt(base));
    TRY("priv. STRT to STIR, USERSETMPEND", f_strt2, f_strt2(0xe000ef00, 26));
    barrier();
    printf("IRQ 26 taken: %lu\n", (unsigned long)stir_irqs);
    SCB_CCR &= ~2u;
    TRY("privileged STRT to STIR", f_strt2, f_strt2(0xe000ef00, 26));
    barrier();
    printf("IRQ 26 taken: %lu\n", (unsigned long)stir_irqs);
    NVIC_ICER(0) = 1u << 26;
    SCB_SHCSR = 0;

    /* SVC with PRIMASK set cannot be taken: HardFault, FORCED; the
     * return address is after the SVC, as for the SVCall it would be */
    __asm__ volatile("cpsid i" ::: "memory");
    fault_at = (uint32_t)f_svc + 2;
    f_svc();
    __asm__ volatile("cpsie i" ::: "memory");
    report("SVC with PRIMASK set", fault_at);
    printf("CFSR %#lx HFSR %#lx at the end\n", (unsigned long)SCB_CFSR,
           (unsigned long)SCB_HFSR);
    return 0;
}
