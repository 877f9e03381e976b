/* The Cortex-M CPU types "cortex-m3", "cortex-m4" (ARMv7-M) and
 * "cortex-m0" (ARMv6-M): properties, pins, the "scs" region (NVIC, SCB,
 * SysTick at 0xE000E000 once a board maps it), reset from the vector
 * table, and the CpuOps the scheduler uses.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include <string.h>

#include "target/arm/cpu.h"

static void arm_irq_in(Object *obj, unsigned n, uint64_t v)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    if (n >= cpu->num_irq) {
        return;
    }
    unsigned e = ARM_EXC_IRQ0 + n;
    cpu->level[e] = v != 0;
    if (v) {
        arm_pend(cpu, e);
    } else {
        arm_nvic_update(cpu);
    }
}

static void arm_nmi_in(Object *obj, unsigned n, uint64_t v)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    if (v) {
        arm_pend(cpu, ARM_EXC_NMI);
    }
}

static uint64_t arm_get_pc(Cpu *base)
{
    return ((ArmCpu *)base)->pc;
}

static void arm_set_pc(Cpu *base, uint64_t pc)
{
    ArmCpu *cpu = (ArmCpu *)base;
    cpu->pc = (uint32_t)pc & ~1u;
    cpu->thumb = true;
    cpu->itstate = 0;
}

static const CpuOps arm_cpu_ops = {
    .exec = arm_exec,
    .get_pc = arm_get_pc,
    .set_pc = arm_set_pc,
};

static void arm_init_common(ArmCpu *cpu, unsigned feat, uint32_t cpuid)
{
    cpu->feat = feat;
    cpu->v6m = !(feat & ARM_FEAT_V7);
    cpu->cpuid = cpuid;
    memory_region_init(&cpu->scs, &cpu->base.obj, "scs", REGION_MMIO, 0x1000);
    cpu->scs.ops = &arm_scs_ops;
    vtimer_init(&cpu->syst_timer, arm_systick_timer, cpu);
    arm_tlb_flush(cpu);
}

/* CPUID (B3.2.3): implementer Arm, variant, architecture 0xF (v7-M) or
 * 0xC (v6-M), part number, revision */
static void cortex_m0_init(Object *obj)
{
    arm_init_common((ArmCpu *)obj, 0, 0x410cc200u);
}

static void cortex_m3_init(Object *obj)
{
    arm_init_common((ArmCpu *)obj, ARM_FEAT_V7, 0x412fc231u);
}

static void cortex_m4_init(Object *obj)
{
    arm_init_common((ArmCpu *)obj, ARM_FEAT_V7 | ARM_FEAT_DSP, 0x410fc241u);
}

static bool arm_realize(Object *obj, Error **errp)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    /* "cpu" has checked the address space */
    cpu->prio_bits = cpu->prio_bits_prop ? (unsigned)cpu->prio_bits_prop
                                         : cpu->v6m ? 2 : 8;
    if (cpu->v6m && cpu->prio_bits != 2) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: an ARMv6-M NVIC has 2 priority bits, not %u",
                   path, cpu->prio_bits);
        return false;
    }
    if (cpu->v6m && cpu->num_irq > 32) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: an ARMv6-M NVIC has at most 32 interrupts "
                   "(num-irq is %u)", path, (unsigned)cpu->num_irq);
        return false;
    }
    if (!chardev_attach_object(cpu->semi_chr, obj, NULL, cpu, errp)) {
        return false;
    }
    cpu->bc = arm_bc_new();
    arm_tlb_flush(cpu);
    cpu->map_gen = memory_map_gen();
    return true;
}

static void arm_unrealize(Object *obj)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    chardev_detach_from(cpu->semi_chr, cpu);
    vtimer_del(&cpu->syst_timer);
    arm_bc_free(cpu->bc);
    cpu->bc = NULL;
}

static void arm_finalize(Object *obj)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    vtimer_del(&cpu->syst_timer);
    arm_bc_free(cpu->bc);
    cpu->bc = NULL;
    memory_region_finalize(&cpu->scs);
}

/* Reset (B1.5.5): Thread mode, privileged, MSP; SP_main from vector 0 and
 * the pc from vector 1 of the table at init-vtor. When the table cannot be
 * read, the pc stays at "reset-vector". */
static void arm_reset(Object *obj)
{
    ArmCpu *cpu = (ArmCpu *)obj;
    memset(cpu->r, 0, sizeof(cpu->r));
    cpu->sp_other = 0;
    cpu->nf = cpu->cf = cpu->vf = cpu->qf = cpu->ge = 0;
    cpu->zf = 1;
    cpu->handler = cpu->spsel = cpu->npriv = false;
    cpu->primask = cpu->faultmask = false;
    cpu->basepri = 0;
    cpu->ipsr = 0;
    cpu->event = cpu->excl_valid = false;
    cpu->lockup = cpu->stopped = false;
    cpu->r[14] = 0xffffffffu;
    arm_nvic_reset(cpu);
    uint64_t sp, pc;
    if (cpu->base.as && addrspace_ld(cpu->base.as, cpu->vtor, 4, &sp) &&
        addrspace_ld(cpu->base.as, cpu->vtor + 4, 4, &pc)) {
        cpu->r[13] = (uint32_t)sp & ~3u;
        cpu->pc = (uint32_t)pc & ~1u;
        cpu->thumb = pc & 1;
    }
    cpu->itstate = 0;
    arm_tlb_flush(cpu);
    cpu->flush_pending = true;
    pin_set(&cpu->exit_pin, 0);
}

static const PropDef arm_props[] = {
    PROP_UINT64_RANGE("num-irq", ArmCpu, num_irq, 32, 1, ARM_MAX_IRQ,
                      "External interrupts of the NVIC (input pins irq[n])."),
    PROP_UINT64_RANGE("init-vtor", ArmCpu, init_vtor, 0, 0, 0xffffff80u,
                      "VTOR after reset: where the vector table (initial SP, "
                      "reset pc, handlers) is read from."),
    PROP_UINT64_RANGE("num-prio-bits", ArmCpu, prio_bits_prop, 0, 0, 8,
                      "Implemented priority bits (0: 8 on ARMv7-M, 2 on "
                      "ARMv6-M)."),
    PROP_BOOL("semihosting", ArmCpu, semihosting, false,
              "BKPT 0xAB makes semihosting calls (SYS_WRITEC, SYS_WRITE0, "
              "SYS_WRITE, SYS_EXIT, SYS_EXIT_EXTENDED), as QEMU's "
              "-semihosting; off: it is a debug event (HardFault)."),
    PROP_LINK("semihosting-chardev", ArmCpu, semi_chr_link, TYPE_CHARDEV,
              "Where semihosting output goes (none: it is dropped)."),
    PROP_LINK("clock", ArmCpu, clock, TYPE_VIRTUAL_CLOCK,
              "The virtual clock SysTick counts in (none: time is retired "
              "instructions at clock-frequency, idle time skipped)."),
    PROP_END
};

static const PinDef arm_pins[] = {
    { .name = "irq", .kind = PIN_IRQ, .dir = PIN_IN, .count = ARM_MAX_IRQ,
      .count_prop = "num-irq", .handler = arm_irq_in,
      .doc = "External interrupt lines of the NVIC (level: high makes the "
             "interrupt pending; still high at exception return, pending "
             "again)." },
    PIN_IN1("nmi", PIN_IRQ, arm_nmi_in,
            "Non-maskable interrupt: a rising level makes NMI pending."),
    PIN_OUT1("sysresetreq", PIN_RESET, ArmCpu, sysresetreq,
             "Pulsed when the guest writes AIRCR.SYSRESETREQ (connect to the "
             "machine's reset-request)."),
    PIN_OUT1("exit", PIN_GPIO, ArmCpu, exit_pin,
             "0x100 | status on a semihosting SYS_EXIT (connect to the "
             "machine's exit input)."),
    PIN_END
};

static const RegionDef arm_regions[] = {
    { .name = "scs", .kind = REGION_MMIO, .offset = offsetof(ArmCpu, scs),
      .size = 0x1000, .ops = &arm_scs_ops,
      .doc = "The System Control Space (SysTick, NVIC, SCB): the board maps "
             "it at 0xE000E000 in the CPU's address space." },
    REGION_END
};

#define CORTEX_M(var, tname, doc_, init_fn) \
    const TypeInfo var = { \
        .name = tname, \
        .parent = TYPE_CPU, \
        .doc = doc_, \
        .instance_size = sizeof(ArmCpu), \
        .init = init_fn, \
        .realize = arm_realize, \
        .unrealize = arm_unrealize, \
        .finalize = arm_finalize, \
        .reset = arm_reset, \
        .props = arm_props, \
        .pins = arm_pins, \
        .regions = arm_regions, \
        .target = "arm", \
        .class_ops = &arm_cpu_ops, \
    }

CORTEX_M(cortex_m0_type, TYPE_CORTEX_M0,
         "Arm Cortex-M0 (ARMv6-M): Thumb with BL, MSR, MRS and barriers as "
         "the only 32-bit instructions; NVIC with 2 priority bits, SysTick; "
         "every fault is a HardFault.", cortex_m0_init);
CORTEX_M(cortex_m3_type, TYPE_CORTEX_M3,
         "Arm Cortex-M3 (ARMv7-M): Thumb-2, hardware divide, NVIC, SysTick, "
         "MemManage/BusFault/UsageFault.", cortex_m3_init);
CORTEX_M(cortex_m4_type, TYPE_CORTEX_M4,
         "Arm Cortex-M4 (ARMv7E-M) integer core: the Cortex-M3 plus the DSP "
         "extension (SIMD add/subtract with GE, saturation and Q, halfword "
         "and dual multiplies); no FPU yet (its instructions raise NOCP).",
         cortex_m4_init);
