/* The exception model of ARMv7-M/ARMv6-M (DDI 0403E §B1.5): priorities,
 * preemption, entry with the 8-word frame, EXC_RETURN, escalation to
 * HardFault, lockup; the special registers (MRS, MSR, CPS); and the System
 * Control Space the CPU owns (§B3.2-B3.4): SCB, NVIC and SysTick, as the
 * MMIO region "scs" a board maps at 0xE000E000.
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "core/log.h"
#include "target/arm/cpu.h"

#define NS_PER_S 1000000000ull

static unsigned nexc(const ArmCpu *cpu)
{
    return ARM_EXC_IRQ0 + (unsigned)cpu->num_irq;
}

static uint8_t prio_mask(const ArmCpu *cpu)
{
    return (uint8_t)(0xff << (8 - cpu->prio_bits));
}

/* the group priority of exc (B1.5.4): PRIGROUP splits off subpriority */
static int group_prio_of(const ArmCpu *cpu, unsigned p)
{
    return (int)(p & ~((2u << cpu->prigroup) - 1) & 0xff);
}

static int exc_prio(const ArmCpu *cpu, unsigned exc)
{
    switch (exc) {
    case ARM_EXC_RESET: return -3;
    case ARM_EXC_NMI: return -2;
    case ARM_EXC_HARDFAULT: return -1;
    default: return cpu->prio[exc];
    }
}

static int group_prio(const ArmCpu *cpu, unsigned exc)
{
    int p = exc_prio(cpu, exc);
    return p < 0 ? p : group_prio_of(cpu, (unsigned)p);
}

/* ExecutionPriority (B1.5.4) */
static int exec_prio(const ArmCpu *cpu, bool ignore_primask)
{
    int hi = 256;
    for (unsigned e = 2; e < nexc(cpu); e++) {
        if (cpu->active[e]) {
            int p = group_prio(cpu, e);
            hi = p < hi ? p : hi;
        }
    }
    int boost = 256;
    if (cpu->basepri) {
        boost = group_prio_of(cpu, cpu->basepri);
    }
    if (cpu->primask && !ignore_primask) {
        boost = 0;
    }
    if (cpu->faultmask) {
        boost = -1;
    }
    return boost < hi ? boost : hi;
}

/* IRQs by ISER; MemManage, BusFault and UsageFault by their SHCSR enables
 * (pending here only when software pended them through SHCSR: a fault
 * that happens is taken or escalated at once) */
static bool exc_enabled(const ArmCpu *cpu, unsigned exc)
{
    if (exc >= ARM_EXC_MEMMANAGE && exc <= ARM_EXC_USAGEFAULT) {
        return cpu->enabled[exc];
    }
    return exc < ARM_EXC_IRQ0 || cpu->enabled[exc];
}

/* the pending exception taken first: lowest priority value, then number */
static unsigned best_pending(const ArmCpu *cpu, int *group)
{
    unsigned best = 0;
    int bp = 0;
    for (unsigned e = 2; e < nexc(cpu); e++) {
        if (cpu->pending[e] && exc_enabled(cpu, e)) {
            int p = exc_prio(cpu, e);
            if (!best || p < bp) {
                best = e;
                bp = p;
            }
        }
    }
    if (best) {
        *group = group_prio(cpu, best);
    }
    return best;
}

void arm_nvic_update(ArmCpu *cpu)
{
    int g = 0;
    unsigned e = best_pending(cpu, &g);
    cpu->irq_pending = e && g < exec_prio(cpu, false);
    /* WFI wakes for what would preempt with PRIMASK clear (B1.5.19) */
    if (e && g < exec_prio(cpu, true) && !cpu->stopped) {
        cpu->base.halted = false;
    }
}

/* exc becomes pending: from inactive, with SCR.SEVONPEND, that is a WFE
 * wake-up event, disabled interrupts included (B1.5.19, B3.2.7) */
static void set_pending(ArmCpu *cpu, unsigned exc)
{
    if (!cpu->pending[exc] && !cpu->active[exc] &&
        (cpu->scr & ARM_SCR_SEVONPEND)) {
        cpu->event = true;
        if (cpu->wfe_wait && !cpu->stopped) {
            cpu->base.halted = false;
        }
    }
    cpu->pending[exc] = 1;
}

void arm_pend(ArmCpu *cpu, unsigned exc)
{
    set_pending(cpu, exc);
    arm_nvic_update(cpu);
}

/* ---- special registers ------------------------------------------------- */

uint32_t arm_xpsr(const ArmCpu *cpu)
{
    uint32_t v = (cpu->nf & 0x80000000u) | (uint32_t)(cpu->zf == 0) << 30 |
                 (cpu->cf & 1) << 29 | (cpu->vf >> 31) << 28 |
                 (cpu->qf & 1) << 27 | (cpu->ge & 0xf) << 16;
    v |= cpu->ipsr;
    v |= (uint32_t)cpu->thumb << 24;
    v |= (uint32_t)(cpu->itstate & 3) << 25 | (uint32_t)(cpu->itstate >> 2) << 10;
    return v;
}

void arm_set_apsr(ArmCpu *cpu, uint32_t psr)
{
    cpu->nf = psr & 0x80000000u;
    cpu->zf = !(psr & 0x40000000u);
    cpu->cf = (psr >> 29) & 1;
    cpu->vf = (psr << 3) & 0x80000000u;
    cpu->qf = (psr >> 27) & 1;
    cpu->ge = (psr >> 16) & 0xf;
}

void arm_sp_sync(ArmCpu *cpu, bool was_psp)
{
    if (was_psp != arm_uses_psp(cpu)) {
        uint32_t t = cpu->r[13];
        cpu->r[13] = cpu->sp_other;
        cpu->sp_other = t;
    }
}

uint32_t arm_mrs(ArmCpu *cpu, unsigned sysm)
{
    bool priv = arm_privileged(cpu);
    bool psp = arm_uses_psp(cpu);
    switch (sysm) {
    case 0: case 1: case 2: case 3: case 5: case 6: case 7: {
        uint32_t v = 0;
        if (sysm & 1) {
            v |= cpu->ipsr;
        }
        if (!(sysm & 4)) {
            v |= arm_xpsr(cpu) & (cpu->feat & ARM_FEAT_DSP ? 0xf80f0000u
                                                           : 0xf8000000u);
        }
        return v;
    }
    case 8: return priv ? (psp ? cpu->sp_other : cpu->r[13]) : 0;
    case 9: return priv ? (psp ? cpu->r[13] : cpu->sp_other) : 0;
    case 16: return cpu->primask;
    case 17: case 18: return cpu->v6m ? 0 : cpu->basepri;
    case 19: return cpu->v6m ? 0 : cpu->faultmask;
    case 20: return (uint32_t)cpu->npriv | (uint32_t)cpu->spsel << 1;
    default:
        log_guest_error(&cpu->base.obj, "MRS of SYSm %u", sysm);
        return 0;
    }
}

int arm_msr(ArmCpu *cpu, unsigned sysm, unsigned mask, uint32_t v)
{
    if (sysm < 8) {
        if (!(sysm & 4)) {
            uint32_t psr = arm_xpsr(cpu);
            if (mask & 2) {
                psr = (psr & ~0xf8000000u) | (v & 0xf8000000u);
            }
            if ((mask & 1) && (cpu->feat & ARM_FEAT_DSP)) {
                psr = (psr & ~0x000f0000u) | (v & 0x000f0000u);
            }
            arm_set_apsr(cpu, psr);
        }
        return ARM_NEXT;
    }
    if (!arm_privileged(cpu)) {
        return ARM_NEXT;
    }
    bool psp = arm_uses_psp(cpu);
    switch (sysm) {
    case 8:
        *(psp ? &cpu->sp_other : &cpu->r[13]) = v & ~3u;
        break;
    case 9:
        *(psp ? &cpu->r[13] : &cpu->sp_other) = v & ~3u;
        break;
    case 16:
        cpu->primask = v & 1;
        break;
    case 17:
        if (!cpu->v6m) {
            cpu->basepri = (uint8_t)v & prio_mask(cpu);
        }
        break;
    case 18: {
        uint8_t b = (uint8_t)v & prio_mask(cpu);
        if (!cpu->v6m && b && (b < cpu->basepri || !cpu->basepri)) {
            cpu->basepri = b;
        }
        break;
    }
    case 19:
        if (!cpu->v6m && exec_prio(cpu, false) > -1) {
            cpu->faultmask = v & 1;
        } else if (!cpu->v6m && !(v & 1)) {
            cpu->faultmask = false;
        }
        break;
    case 20:
        cpu->npriv = v & 1;
        if (!cpu->handler) {
            cpu->spsel = (v >> 1) & 1;
            arm_sp_sync(cpu, psp);
        }
        break;
    default:
        log_guest_error(&cpu->base.obj, "MSR to SYSm %u", sysm);
        break;
    }
    arm_nvic_update(cpu);
    return ARM_NEXT;
}

int arm_cps(ArmCpu *cpu, const ArmInsn *d)
{
    bool disable = d->imm & 0x10;
    if (!arm_privileged(cpu)) {
        return ARM_NEXT;
    }
    if (d->imm & 2) {
        cpu->primask = disable;
    }
    if ((d->imm & 1) && !cpu->v6m) {
        if (!disable) {
            cpu->faultmask = false;
        } else if (exec_prio(cpu, false) > -1) {
            cpu->faultmask = true;
        }
    }
    arm_nvic_update(cpu);
    return ARM_NEXT;
}

/* ---- entry and return (B1.5.6-B1.5.8) ---------------------------------- */

static void lockup(ArmCpu *cpu, const char *why)
{
    log_guest_error(&cpu->base.obj, "lockup at pc %#x: %s", cpu->pc, why);
    cpu->lockup = cpu->stopped = true;
    cpu->base.halted = true;
}

static bool push_word(ArmCpu *cpu, uint32_t a, uint32_t v)
{
    return addrspace_st(cpu->base.as, a, 4, v);
}

static void exc_taken(ArmCpu *cpu, unsigned exc, uint32_t lr);

/* Take exception exc; the return state is cpu->pc, itstate. */
static void exc_entry(ArmCpu *cpu, unsigned exc)
{
    bool psp = arm_uses_psp(cpu);
    uint32_t sp = cpu->r[13];
    uint32_t align = (cpu->ccr & ARM_CCR_STKALIGN) ? (sp & 4) : 0;
    sp = (sp - 0x20) & (cpu->ccr & ARM_CCR_STKALIGN ? ~4u : ~0u);
    uint32_t frame[8] = {
        cpu->r[0], cpu->r[1], cpu->r[2], cpu->r[3], cpu->r[12], cpu->r[14],
        cpu->pc, (arm_xpsr(cpu) & ~0x200u) | (align ? 0x200u : 0),
    };
    bool ok = true;
    for (unsigned i = 0; i < 8; i++) {
        ok = push_word(cpu, sp + 4 * i, frame[i]) && ok;
    }
    cpu->r[13] = sp;
    uint32_t lr = cpu->handler ? 0xfffffff1u : psp ? 0xfffffffdu : 0xfffffff9u;
    if (!ok) {
        /* a derived BusFault (STKERR) is taken on the frame as it is,
         * and exc stays pending; HardFault if the BusFault is disabled
         * or cannot preempt exc (B1.5.6, B1.5.14) */
        log_guest_error(&cpu->base.obj, "exception %u: stacking at %#x failed",
                        exc, sp);
        unsigned d = ARM_EXC_BUSFAULT;
        if (!cpu->v6m) {
            cpu->cfsr |= ARM_CFSR_STKERR;
        }
        if (cpu->v6m || !cpu->enabled[d] || group_prio(cpu, d) >= group_prio(cpu, exc) ||
            group_prio(cpu, d) >= exec_prio(cpu, false)) {
            if (exc_prio(cpu, exc) <= -1 || exec_prio(cpu, false) <= -1) {
                lockup(cpu, "stacking failed in HardFault or NMI");
                return;
            }
            cpu->hfsr |= cpu->v6m ? 0 : ARM_HFSR_FORCED;
            d = ARM_EXC_HARDFAULT;
        }
        cpu->pending[exc] = 1;
        exc_taken(cpu, d, lr);
        return;
    }
    exc_taken(cpu, exc, lr);
}

/* ExceptionTaken (B1.5.6): into the handler of exc with LR = lr, the
 * frame already on the stack */
static void exc_taken(ArmCpu *cpu, unsigned exc, uint32_t lr)
{
    bool psp = arm_uses_psp(cpu);
    cpu->r[14] = lr;
    uint64_t vec = 0;
    if (!addrspace_ld(cpu->base.as, (cpu->vtor + 4 * exc) & ~3u, 4, &vec)) {
        log_guest_error(&cpu->base.obj, "exception %u: vector read failed",
                        exc);
        cpu->hfsr |= ARM_HFSR_VECTTBL;
    }
    cpu->handler = true;
    cpu->spsel = false;
    arm_sp_sync(cpu, psp);
    cpu->ipsr = (uint16_t)exc;
    cpu->active[exc] = 1;
    cpu->pending[exc] = 0;
    cpu->itstate = 0;
    cpu->pc = (uint32_t)vec & ~1u;
    cpu->thumb = vec & 1;
    cpu->excl_valid = false;
    cpu->event = true;
    arm_nvic_update(cpu);
}

void arm_take_pending(ArmCpu *cpu)
{
    int g = 0;
    unsigned e = best_pending(cpu, &g);
    if (e && g < exec_prio(cpu, false)) {
        exc_entry(cpu, e);
    }
}

static void hardfault(ArmCpu *cpu, uint32_t hfsr, const char *why)
{
    if (exec_prio(cpu, false) <= -1) {
        lockup(cpu, why);
        return;
    }
    cpu->hfsr |= hfsr;
    exc_entry(cpu, ARM_EXC_HARDFAULT);
}

void arm_fault(ArmCpu *cpu, unsigned exc, uint32_t cfsr)
{
    if (cpu->v6m) {
        hardfault(cpu, 0, "fault in HardFault or NMI");
        return;
    }
    if (exc == ARM_EXC_HARDFAULT) {
        hardfault(cpu, 0, "fault in HardFault or NMI");
        return;
    }
    cpu->cfsr |= cfsr;
    bool enabled = exc >= ARM_EXC_MEMMANAGE && exc <= ARM_EXC_USAGEFAULT &&
                   cpu->enabled[exc];
    if (!enabled || group_prio(cpu, exc) >= exec_prio(cpu, false)) {
        hardfault(cpu, ARM_HFSR_FORCED, "fault in HardFault or NMI");
        return;
    }
    exc_entry(cpu, exc);
}

void arm_take_fault(ArmCpu *cpu)
{
    if (!cpu->v6m) {
        if (cpu->fault_cfsr & ARM_CFSR_BFARVALID) {
            cpu->bfar = cpu->fault_addr;
        }
        if (cpu->fault_cfsr & ARM_CFSR_MMARVALID) {
            cpu->mmfar = cpu->fault_addr;
        }
    }
    arm_fault(cpu, cpu->fault_exc, cpu->fault_cfsr);
}

int arm_svc(ArmCpu *cpu)
{
    if (group_prio(cpu, ARM_EXC_SVCALL) < exec_prio(cpu, false)) {
        exc_entry(cpu, ARM_EXC_SVCALL);
    } else {
        hardfault(cpu, ARM_HFSR_FORCED, "SVC in HardFault or NMI");
    }
    return ARM_JUMPED;
}

int arm_bkpt(ArmCpu *cpu, const ArmInsn *d)
{
    if (cpu->semihosting && d->imm == 0xab) {
        return arm_semihost(cpu);
    }
    /* a debug event with no debugger: HardFault (B1.5.8, C1.4) */
    cpu->dfsr |= 2;
    hardfault(cpu, ARM_HFSR_DEBUGEVT, "BKPT in HardFault or NMI");
    return ARM_EXC;
}

int arm_wfi(ArmCpu *cpu, bool wfe)
{
    if (wfe && cpu->event) {
        cpu->event = false;
        return ARM_NEXT;
    }
    int g = 0;
    unsigned e = best_pending(cpu, &g);
    if (!(e && g < exec_prio(cpu, true))) {
        cpu->base.halted = true;
        cpu->wfe_wait = wfe;
    }
    return ARM_NEXT;
}

/* A fault of an exception return (B1.5.8), the returning exception
 * deactivated: a failed integrity check (UsageFault INVPC) or a failed
 * PopStack (BusFault UNSTKERR, B3.2.15), or HardFault if that cannot be
 * taken. It is chained to with LR = EXC_RETURN and no new frame: the
 * returning one is still on the stack, the SP not adjusted. */
static int exc_return_fault(ArmCpu *cpu, uint32_t excret, unsigned exc,
                            uint32_t cfsr)
{
    bool psp = arm_uses_psp(cpu);
    cpu->handler = true;                 /* undo the switch to the mode */
    cpu->spsel = false;                  /* returned to, if it was done */
    arm_sp_sync(cpu, psp);
    if (!cpu->v6m) {
        cpu->cfsr |= cfsr;
    }
    if (cpu->v6m || !cpu->enabled[exc] ||
        group_prio(cpu, exc) >= exec_prio(cpu, false)) {
        if (exec_prio(cpu, false) <= -1) {
            lockup(cpu, "faulting exception return in HardFault or NMI");
            return ARM_EXC;
        }
        cpu->hfsr |= cpu->v6m ? 0 : ARM_HFSR_FORCED;
        exc = ARM_EXC_HARDFAULT;
    }
    exc_taken(cpu, exc, excret);
    return ARM_EXC;
}

int arm_exc_return(ArmCpu *cpu, uint32_t excret)
{
    unsigned ret_exc = cpu->ipsr, mode = excret & 0xf;
    unsigned nactive = 0;
    for (unsigned e = 2; e < nexc(cpu); e++) {
        nactive += cpu->active[e];
    }
    bool bad = (excret & 0x0ffffff0u) != 0x0ffffff0u ||
               (mode != 1 && mode != 9 && mode != 0xd) ||
               !cpu->active[ret_exc] ||
               (mode != 1 && nactive > 1 &&
                !(cpu->ccr & ARM_CCR_NONBASETHRDENA));
    /* DeActivate */
    cpu->active[ret_exc] = 0;
    if (ret_exc != ARM_EXC_NMI) {
        cpu->faultmask = false;
    }
    if (ret_exc >= ARM_EXC_IRQ0 && cpu->level[ret_exc]) {
        cpu->pending[ret_exc] = 1;      /* a level line still asserted */
    }
    if (bad) {
        return exc_return_fault(cpu, excret, ARM_EXC_USAGEFAULT,
                                ARM_CFSR_INVPC);
    }
    bool psp = arm_uses_psp(cpu);
    cpu->handler = mode == 1;
    cpu->spsel = mode == 0xd;
    arm_sp_sync(cpu, psp);
    uint32_t sp = cpu->r[13], f[8];
    bool ok = true;
    for (unsigned i = 0; i < 8; i++) {
        uint64_t v = 0;
        ok = addrspace_ld(cpu->base.as, sp + 4 * i, 4, &v) && ok;
        f[i] = (uint32_t)v;
    }
    if (!ok) {
        /* the derived BusFault: no register loaded, the frame stays
         * where it is (exc_taken goes back to Handler mode on MSP) */
        log_guest_error(&cpu->base.obj, "exception return: unstacking at "
                        "%#x failed", sp);
        return exc_return_fault(cpu, excret, ARM_EXC_BUSFAULT,
                                ARM_CFSR_UNSTKERR);
    }
    if (cpu->handler == !(f[7] & 0x1ff)) {
        /* the stacked IPSR does not match the mode returned to: the frame
         * stays where it is (PopStack undone) */
        return exc_return_fault(cpu, excret, ARM_EXC_USAGEFAULT,
                                ARM_CFSR_INVPC);
    }
    cpu->r[0] = f[0];
    cpu->r[1] = f[1];
    cpu->r[2] = f[2];
    cpu->r[3] = f[3];
    cpu->r[12] = f[4];
    cpu->r[14] = f[5];
    cpu->pc = f[6] & ~1u;
    sp += 0x20;
    if ((f[7] & 0x200) && (cpu->ccr & ARM_CCR_STKALIGN)) {
        sp |= 4;
    }
    cpu->r[13] = sp;
    arm_set_apsr(cpu, f[7]);
    cpu->ipsr = f[7] & 0x1ff;
    cpu->thumb = (f[7] >> 24) & 1;
    cpu->itstate = (uint8_t)(((f[7] >> 25) & 3) | ((f[7] >> 8) & 0xfc));
    cpu->excl_valid = false;
    cpu->event = true;
    if (!cpu->handler && (cpu->scr & 2)) {
        cpu->base.halted = true;        /* SLEEPONEXIT */
    }
    arm_nvic_update(cpu);
    return ARM_JUMPED;
}

int arm_bx_write(ArmCpu *cpu, uint32_t v)
{
    if (cpu->handler && v >= 0xf0000000u) {
        return arm_exc_return(cpu, v);
    }
    cpu->pc = v & ~1u;
    cpu->thumb = v & 1;    /* clear: INVSTATE at the target (the loop) */
    return ARM_JUMPED;
}

/* ---- SysTick (B3.3): counts the CPU clock in virtual time -------------- */

uint64_t arm_now_ns(ArmCpu *cpu)
{
    if (cpu->clock) {
        return vclock_now((VClock *)cpu->clock);
    }
    return (uint64_t)((unsigned __int128)cpu->base.retired * NS_PER_S /
                      cpu->base.freq) + cpu->idle_ns;
}

static uint64_t now_tick(ArmCpu *cpu)
{
    return (uint64_t)((unsigned __int128)arm_now_ns(cpu) * cpu->base.freq /
                      NS_PER_S);
}

static uint64_t tick_ns(ArmCpu *cpu, uint64_t tick)
{
    unsigned __int128 n = (unsigned __int128)tick * NS_PER_S;
    return (uint64_t)((n + cpu->base.freq - 1) / cpu->base.freq);
}

static void systick_arm_timer(ArmCpu *cpu)
{
    if (!cpu->clock) {
        return;
    }
    if (cpu->syst_running) {
        vtimer_mod(&cpu->syst_timer, (VClock *)cpu->clock,
                   tick_ns(cpu, cpu->syst_next));
    } else {
        vtimer_del(&cpu->syst_timer);
    }
}

static uint32_t systick_value(ArmCpu *cpu)
{
    if (!cpu->syst_running) {
        return cpu->syst_cvr;
    }
    uint64_t t = now_tick(cpu);
    if (t <= cpu->syst_next) {
        return (uint32_t)(cpu->syst_next - t);
    }
    uint64_t period = (uint64_t)cpu->syst_rvr + 1;
    return (uint32_t)((period - (t - cpu->syst_next) % period) % period);
}

static void systick_start(ArmCpu *cpu)
{
    uint64_t t = now_tick(cpu);
    cpu->syst_running = false;
    if (cpu->syst_cvr) {
        cpu->syst_next = t + cpu->syst_cvr;
        cpu->syst_running = true;
    } else if (cpu->syst_rvr) {
        cpu->syst_next = t + 1 + cpu->syst_rvr;   /* loads RVR first */
        cpu->syst_running = true;
    }
    systick_arm_timer(cpu);
}

static void systick_stop(ArmCpu *cpu)
{
    cpu->syst_cvr = systick_value(cpu);
    cpu->syst_running = false;
    systick_arm_timer(cpu);
}

void arm_systick_poll(ArmCpu *cpu)
{
    if (!cpu->syst_running) {
        return;
    }
    uint64_t t = now_tick(cpu);
    if (t < cpu->syst_next) {
        return;
    }
    cpu->syst_csr |= 1u << 16;                    /* COUNTFLAG */
    if (cpu->syst_csr & 2) {
        arm_pend(cpu, ARM_EXC_SYSTICK);
    }
    if (!cpu->syst_rvr) {
        cpu->syst_cvr = 0;                         /* stays at 0 */
        cpu->syst_running = false;
    } else {
        uint64_t period = (uint64_t)cpu->syst_rvr + 1;
        cpu->syst_next += period * ((t - cpu->syst_next) / period + 1);
    }
    systick_arm_timer(cpu);
}

void arm_systick_timer(void *opaque)
{
    arm_systick_poll(opaque);
}

uint64_t arm_systick_deadline(ArmCpu *cpu)
{
    if (!cpu->syst_running || !(cpu->syst_csr & 2)) {
        return UINT64_MAX;
    }
    return tick_ns(cpu, cpu->syst_next);
}

static void systick_write(ArmCpu *cpu, unsigned off, uint32_t v)
{
    switch (off) {
    case 0x10: {
        bool was = cpu->syst_csr & 1;
        cpu->syst_csr = (cpu->syst_csr & (1u << 16)) | (v & 7);
        if ((v & 1) && !was) {
            systick_start(cpu);
        } else if (!(v & 1) && was) {
            systick_stop(cpu);
        }
        break;
    }
    case 0x14:
        cpu->syst_rvr = v & 0xffffff;
        if ((cpu->syst_csr & 1) && !cpu->syst_running) {
            systick_start(cpu);
        }
        break;
    case 0x18:
        cpu->syst_cvr = 0;
        cpu->syst_csr &= ~(1u << 16);
        if (cpu->syst_csr & 1) {
            systick_start(cpu);
        }
        break;
    default:
        break;
    }
}

/* ---- the System Control Space ------------------------------------------ */

static uint32_t bits_of(const uint8_t *a, unsigned first, unsigned limit)
{
    uint32_t v = 0;
    for (unsigned i = 0; i < 32 && first + i < limit; i++) {
        v |= (uint32_t)(a[first + i] & 1) << i;
    }
    return v;
}

static unsigned vect_pending(const ArmCpu *cpu)
{
    int g;
    return best_pending(cpu, &g);
}

static uint32_t scs_read32(ArmCpu *cpu, unsigned off)
{
    unsigned n = nexc(cpu);
    if (off >= 0x100 && off < 0x400 && (off & 0x7f) < 0x40) {
        unsigned first = ARM_EXC_IRQ0 + 32 * ((off & 0x7f) / 4);
        switch (off & 0x380) {
        case 0x100: case 0x180: return bits_of(cpu->enabled, first, n);
        case 0x200: case 0x280: return bits_of(cpu->pending, first, n);
        case 0x300: return bits_of(cpu->active, first, n);
        default: return 0;
        }
    }
    if (off >= 0x400 && off < 0x5f0) {
        uint32_t v = 0;
        for (unsigned i = 0; i < 4; i++) {
            unsigned e = ARM_EXC_IRQ0 + off - 0x400 + i;
            v |= e < n ? (uint32_t)cpu->prio[e] << (8 * i) : 0;
        }
        return v;
    }
    if (off >= 0xd18 && off < 0xd24) {
        uint32_t v = 0;
        for (unsigned i = 0; i < 4; i++) {
            v |= (uint32_t)cpu->prio[4 + off - 0xd18 + i] << (8 * i);
        }
        return v;
    }
    switch (off) {
    case 0x004: return (uint32_t)((cpu->num_irq + 31) / 32 - 1);
    case 0x010: {
        uint32_t v = cpu->syst_csr;
        cpu->syst_csr &= ~(1u << 16);
        return v;
    }
    case 0x014: return cpu->syst_rvr;
    case 0x018: return systick_value(cpu);
    case 0x01c: {
        uint64_t tenms = cpu->base.freq / 100;
        return 1u << 30 | (tenms && tenms <= 0x1000000 ? (uint32_t)tenms - 1 : 0);
    }
    case 0xd00: return cpu->cpuid;
    case 0xd04: {
        unsigned nact = 0, isrpending = 0;
        for (unsigned e = 2; e < n; e++) {
            nact += cpu->active[e];
            isrpending |= e >= ARM_EXC_IRQ0 && cpu->pending[e];
        }
        return (uint32_t)cpu->pending[ARM_EXC_NMI] << 31 |
               (uint32_t)cpu->pending[ARM_EXC_PENDSV] << 28 |
               (uint32_t)cpu->pending[ARM_EXC_SYSTICK] << 26 |
               isrpending << 22 | vect_pending(cpu) << 12 |
               (nact <= 1 ? 1u << 11 : 0) | cpu->ipsr;
    }
    case 0xd08: return cpu->vtor;
    case 0xd0c: return 0xfa050000u | cpu->prigroup << 8;
    case 0xd10: return cpu->scr;
    case 0xd14: return cpu->ccr;
    case 0xd24:
        return (uint32_t)cpu->active[ARM_EXC_MEMMANAGE] |
               (uint32_t)cpu->active[ARM_EXC_BUSFAULT] << 1 |
               (uint32_t)cpu->active[ARM_EXC_USAGEFAULT] << 3 |
               (uint32_t)cpu->active[ARM_EXC_SVCALL] << 7 |
               (uint32_t)cpu->active[ARM_EXC_DEBUGMON] << 8 |
               (uint32_t)cpu->active[ARM_EXC_PENDSV] << 10 |
               (uint32_t)cpu->active[ARM_EXC_SYSTICK] << 11 |
               (uint32_t)cpu->pending[ARM_EXC_USAGEFAULT] << 12 |
               (uint32_t)cpu->pending[ARM_EXC_MEMMANAGE] << 13 |
               (uint32_t)cpu->pending[ARM_EXC_BUSFAULT] << 14 |
               (uint32_t)cpu->pending[ARM_EXC_SVCALL] << 15 |
               (uint32_t)cpu->enabled[ARM_EXC_MEMMANAGE] << 16 |
               (uint32_t)cpu->enabled[ARM_EXC_BUSFAULT] << 17 |
               (uint32_t)cpu->enabled[ARM_EXC_USAGEFAULT] << 18;
    case 0xd28: return cpu->cfsr;
    case 0xd2c: return cpu->hfsr;
    case 0xd30: return cpu->dfsr;
    case 0xd34: return cpu->mmfar;
    case 0xd38: return cpu->bfar;
    case 0xd88: return cpu->cpacr;
    default:
        log_unimp(&cpu->base.obj, "SCS read at %#x", 0xe000e000u + off);
        return 0;
    }
}

static void set_prio(ArmCpu *cpu, unsigned exc, uint8_t v)
{
    if (exc < nexc(cpu) && exc >= ARM_EXC_MEMMANAGE) {
        cpu->prio[exc] = v & prio_mask(cpu);
    }
}

static void set_bits(ArmCpu *cpu, uint8_t *a, unsigned first, uint32_t v,
                     bool set)
{
    for (unsigned i = 0; i < 32 && first + i < nexc(cpu); i++) {
        if (((v >> i) & 1) && set && a == cpu->pending) {
            set_pending(cpu, first + i);
        } else if ((v >> i) & 1) {
            a[first + i] = set || (a == cpu->pending && cpu->level[first + i]);
        }
    }
}

static void scs_write32(ArmCpu *cpu, unsigned off, uint32_t v)
{
    if (off >= 0x100 && off < 0x300 && (off & 0x7f) < 0x40) {
        unsigned first = ARM_EXC_IRQ0 + 32 * ((off & 0x7f) / 4);
        switch (off & 0x380) {
        case 0x100: set_bits(cpu, cpu->enabled, first, v, true); break;
        case 0x180: set_bits(cpu, cpu->enabled, first, v, false); break;
        case 0x200: set_bits(cpu, cpu->pending, first, v, true); break;
        default: set_bits(cpu, cpu->pending, first, v, false); break;
        }
        return;
    }
    if (off >= 0x400 && off < 0x5f0) {
        for (unsigned i = 0; i < 4; i++) {
            set_prio(cpu, ARM_EXC_IRQ0 + off - 0x400 + i, (uint8_t)(v >> (8 * i)));
        }
        return;
    }
    if (off >= 0xd18 && off < 0xd24) {
        for (unsigned i = 0; i < 4; i++) {
            unsigned e = 4 + off - 0xd18 + i;
            if (e == ARM_EXC_MEMMANAGE || e == ARM_EXC_BUSFAULT ||
                e == ARM_EXC_USAGEFAULT || e == ARM_EXC_SVCALL ||
                e == ARM_EXC_DEBUGMON || e == ARM_EXC_PENDSV ||
                e == ARM_EXC_SYSTICK) {
                set_prio(cpu, e, (uint8_t)(v >> (8 * i)));
            }
        }
        return;
    }
    switch (off) {
    case 0x010: case 0x014: case 0x018:
        systick_write(cpu, off, v);
        return;
    case 0xd04:
        if (v & (1u << 31)) {
            set_pending(cpu, ARM_EXC_NMI);
        }
        if (v & (1u << 28)) {
            set_pending(cpu, ARM_EXC_PENDSV);
        } else if (v & (1u << 27)) {
            cpu->pending[ARM_EXC_PENDSV] = 0;
        }
        if (v & (1u << 26)) {
            set_pending(cpu, ARM_EXC_SYSTICK);
        } else if (v & (1u << 25)) {
            cpu->pending[ARM_EXC_SYSTICK] = 0;
        }
        return;
    case 0xd08:
        cpu->vtor = v & 0xffffff80u;
        return;
    case 0xd0c:
        if ((v >> 16) != 0x05fa) {
            log_guest_error(&cpu->base.obj, "AIRCR write without VECTKEY");
            return;
        }
        if (!cpu->v6m) {
            cpu->prigroup = (v >> 8) & 7;
        }
        if (v & 4) {                               /* SYSRESETREQ */
            pin_set(&cpu->sysresetreq, 1);
            pin_set(&cpu->sysresetreq, 0);
            cpu->base.exit_request = true;
        }
        return;
    case 0xd10:
        cpu->scr = v & 0x16;
        return;
    case 0xd14:
        if (!cpu->v6m) {
            cpu->ccr = v & 0x31b;
        }
        return;
    case 0xd24:
        /* every bit is read/write (B3.2.13): software may pend a fault or
         * change an active bit (its stacked state is then its business) */
        if (!cpu->v6m) {
            static const struct { uint8_t exc, act, pend, ena; } shcsr[] = {
                { ARM_EXC_MEMMANAGE, 0, 13, 16 },
                { ARM_EXC_BUSFAULT, 1, 14, 17 },
                { ARM_EXC_USAGEFAULT, 3, 12, 18 },
                { ARM_EXC_SVCALL, 7, 0, 0 },
                { ARM_EXC_DEBUGMON, 8, 0, 0 },
                { ARM_EXC_PENDSV, 10, 0, 0 },
                { ARM_EXC_SYSTICK, 11, 0, 0 },
            };
            for (unsigned i = 0; i < G_N_ELEMENTS(shcsr); i++) {
                cpu->active[shcsr[i].exc] = (v >> shcsr[i].act) & 1;
                if (shcsr[i].pend) {
                    cpu->pending[shcsr[i].exc] = (v >> shcsr[i].pend) & 1;
                    cpu->enabled[shcsr[i].exc] = (v >> shcsr[i].ena) & 1;
                }
            }
        }
        cpu->pending[ARM_EXC_SVCALL] = (v >> 15) & 1;
        return;
    case 0xd28: cpu->cfsr &= ~v; return;
    case 0xd2c: cpu->hfsr &= ~v; return;
    case 0xd30: cpu->dfsr &= ~v; return;
    case 0xd34: cpu->mmfar = v; return;
    case 0xd38: cpu->bfar = v; return;
    case 0xd88: cpu->cpacr = v; return;
    case 0xf00:
        if ((v & 0x1ff) < cpu->num_irq) {
            set_pending(cpu, ARM_EXC_IRQ0 + (v & 0x1ff));
        }
        return;
    default:
        log_unimp(&cpu->base.obj, "SCS write at %#x", 0xe000e000u + off);
        return;
    }
}

static uint64_t scs_read(void *opaque, uint64_t offset, unsigned size)
{
    ArmCpu *cpu = opaque;
    unsigned off = (unsigned)offset;
    uint32_t w = scs_read32(cpu, off & ~3u);
    w >>= 8 * (off & 3);
    return size >= 4 ? w : w & ((1u << (8 * size)) - 1);
}

static void scs_write(void *opaque, uint64_t offset, uint64_t value,
                      unsigned size)
{
    ArmCpu *cpu = opaque;
    unsigned off = (unsigned)offset;
    uint32_t v = (uint32_t)value;
    if (size == 4 && !(off & 3)) {
        scs_write32(cpu, off, v);
    } else if (off >= 0x400 && off < 0x5f0) {
        for (unsigned i = 0; i < size; i++) {
            set_prio(cpu, ARM_EXC_IRQ0 + off - 0x400 + i, (uint8_t)(v >> (8 * i)));
        }
    } else if (off >= 0xd18 && off < 0xd24) {
        for (unsigned i = 0; i < size; i++) {
            unsigned e = 4 + off - 0xd18 + i;
            if (e != 7 && e != 8 && e != 9 && e != 10 && e != 13) {
                set_prio(cpu, e, (uint8_t)(v >> (8 * i)));
            }
        }
    } else if (off >= 0xd28 && off < 0xd2c) {
        cpu->cfsr &= ~(v << (8 * (off & 3)));
    } else {
        log_guest_error(&cpu->base.obj, "SCS: %u-byte write at %#x", size,
                        0xe000e000u + off);
    }
    arm_nvic_update(cpu);
}

const MemOps arm_scs_ops = {
    .read = scs_read,
    .write = scs_write,
    .min_size = 1,
    .max_size = 4,
};

void arm_nvic_reset(ArmCpu *cpu)
{
    for (unsigned e = 0; e < ARM_MAX_EXC; e++) {
        cpu->prio[e] = cpu->active[e] = cpu->enabled[e] = 0;
        cpu->pending[e] = e >= ARM_EXC_IRQ0 && cpu->level[e];
    }
    cpu->vtor = (uint32_t)cpu->init_vtor & 0xffffff80u;
    cpu->prigroup = cpu->scr = 0;
    cpu->ccr = ARM_CCR_STKALIGN | (cpu->v6m ? ARM_CCR_UNALIGN_TRP : 0);
    cpu->cfsr = cpu->hfsr = cpu->dfsr = cpu->mmfar = cpu->bfar = 0;
    cpu->cpacr = 0;
    cpu->syst_csr = cpu->syst_rvr = cpu->syst_cvr = 0;
    cpu->syst_running = false;
    vtimer_del(&cpu->syst_timer);
    cpu->irq_pending = false;
}
