/* The RISC-V CPU types "rv64" and "rv32": I, M, A, F, D, C, Zicsr,
 * Zifencei with M, S and U modes (Privileged 20211203), their properties,
 * interrupt input pins, reset state and the CpuOps the scheduler uses.
 * SPDX-License-Identifier: MIT */
#include <libfdt.h>

#include "core/fdt.h"
#include "exec/vclock.h"
#include "target/riscv/cpu.h"

/* Interrupt lines: a level sets or clears the mip bit (§3.1.9); SEIP is
 * the OR of the line and the software-writable bit. */
static void rv_irq_line(RiscvCpu *cpu, uint64_t bit, uint64_t level)
{
    if (bit == RV_MIP_SEIP) {
        cpu->seip_pin = level != 0;
    } else if (level) {
        cpu->mip |= bit;
    } else {
        cpu->mip &= ~bit;
    }
    /* wakes a hart in wfi; exec checks irq_pending at every block end */
    rv_update_irq(cpu);
}

static void rv_msip_in(Object *obj, unsigned n, uint64_t v)
{
    rv_irq_line((RiscvCpu *)obj, RV_MIP_MSIP, v);
}

static void rv_mtip_in(Object *obj, unsigned n, uint64_t v)
{
    rv_irq_line((RiscvCpu *)obj, RV_MIP_MTIP, v);
}

static void rv_meip_in(Object *obj, unsigned n, uint64_t v)
{
    rv_irq_line((RiscvCpu *)obj, RV_MIP_MEIP, v);
}

static void rv_seip_in(Object *obj, unsigned n, uint64_t v)
{
    rv_irq_line((RiscvCpu *)obj, RV_MIP_SEIP, v);
}

static uint64_t rv_get_pc(Cpu *base)
{
    return ((RiscvCpu *)base)->pc;
}

static void rv_set_pc(Cpu *base, uint64_t pc)
{
    RiscvCpu *cpu = (RiscvCpu *)base;
    cpu->pc = pc & rv_xmask(cpu) & ~(uint64_t)1;
}

static const CpuOps rv_cpu_ops = {
    .exec = rv_exec,
    .get_pc = rv_get_pc,
    .set_pc = rv_set_pc,
};

static void rv_init_common(RiscvCpu *cpu, unsigned xlen)
{
    cpu->xlen = xlen;
    cpu->priv = RV_PRIV_M;
    for (unsigned i = 0; i < RV_TLB_SIZE; i++) {
        cpu->dtlb[i].tag = cpu->wtlb[i].tag = cpu->itlb[i].tag = RV_TLB_INVALID;
    }
}

static void rv64_init(Object *obj)
{
    rv_init_common((RiscvCpu *)obj, 64);
}

static void rv32_init(Object *obj)
{
    rv_init_common((RiscvCpu *)obj, 32);
}

/* The time CSR (Zicntr): the linked time source's counter (the CLINT's
 * mtime, which software may write), else the virtual clock at
 * timebase-frequency. */
static uint64_t rv_time_from_source(void *opaque)
{
    Object *src = opaque;
    return ((const TimeSourceOps *)type_class_ops(src->type))->read(src);
}

static uint64_t rv_time_read(void *opaque)
{
    RiscvCpu *cpu = opaque;
    uint64_t ns = vclock_now((VClock *)cpu->clock);
    return (uint64_t)((unsigned __int128)ns * cpu->timebase / 1000000000u);
}

static bool rv_realize(Object *obj, Error **errp)
{
    RiscvCpu *cpu = (RiscvCpu *)obj;
    if (cpu->time_src) {
        cpu->time_read = rv_time_from_source;
        cpu->time_opaque = cpu->time_src;
    } else if (cpu->clock) {
        cpu->time_read = rv_time_read;
        cpu->time_opaque = cpu;
    }
    /* "cpu" has checked the address space */
    cpu->bc = rv_bc_new();
    rv_flush_all(cpu);
    rv_csr_reset(cpu);
    return true;
}

static void rv_unrealize(Object *obj)
{
    RiscvCpu *cpu = (RiscvCpu *)obj;
    rv_bc_free(cpu->bc);
    cpu->bc = NULL;
}

/* Architectural reset (§3.4): M-mode, MIE = MPRV = 0, misa, mcause 0. The
 * pc is set by "cpu" from reset-vector; registers are cleared here. */
static void rv_reset(Object *obj)
{
    RiscvCpu *cpu = (RiscvCpu *)obj;
    for (unsigned i = 0; i < 33; i++) {
        cpu->x[i] = 0;
    }
    rv_csr_reset(cpu);
    rv_flush_all(cpu);
}

static const PropDef rv_props[] = {
    PROP_UINT64("hartid", RiscvCpu, hartid, 0,
                "The hart's number, read by the guest from mhartid."),
    PROP_LINK("clock", RiscvCpu, clock, TYPE_VIRTUAL_CLOCK,
              "The virtual clock the time CSR reads (none: time counts "
              "retired instructions)."),
    PROP_UINT64_RANGE("timebase-frequency", RiscvCpu, timebase, 10000000, 1,
                      1000000000, "Ticks per second of the time CSR (without "
                      "a time-source)."),
    PROP_LINK("time-source", RiscvCpu, time_src, "riscv-clint",
              "The CLINT whose mtime the time CSR reads, writes to mtime "
              "included (none: the clock)."),
    PROP_END
};

/* The node under /cpus: ISA string and MMU as Linux and OpenSBI read them. */
static void rv_fdt(Object *obj, void *fdt)
{
    RiscvCpu *cpu = (RiscvCpu *)obj;
    bool rv32 = cpu->xlen == 32;
    fdt_property_string(fdt, "riscv,isa", rv32 ? "rv32imafdc_zicsr_zifencei"
                                               : "rv64imafdc_zicsr_zifencei");
    fdt_property_string(fdt, "mmu-type", rv32 ? "riscv,sv32" : "riscv,sv48");
}

static const FdtDef rv_fdt_def = {
    .node = "cpu", .device_type = "cpu", .place = FDT_CPUS,
    .compatible = (const char *const[]){ "riscv", NULL },
    .cpu_irqs = (const FdtIrq[]){ { "msip", 3 }, { "mtip", 7 }, { "meip", 11 },
                                  { "seip", 9 }, { NULL, 0 } },
    .intc_compatible = "riscv,cpu-intc",
    .props = rv_fdt,
};

static const PinDef rv_pins[] = {
    PIN_IN1("msip", PIN_IRQ, rv_msip_in,
            "Machine software interrupt (mip.MSIP), from a CLINT."),
    PIN_IN1("mtip", PIN_IRQ, rv_mtip_in,
            "Machine timer interrupt (mip.MTIP), from a CLINT."),
    PIN_IN1("meip", PIN_IRQ, rv_meip_in,
            "Machine external interrupt (mip.MEIP), from a PLIC context."),
    PIN_IN1("seip", PIN_IRQ, rv_seip_in,
            "Supervisor external interrupt: mip.SEIP reads as this line OR "
            "the bit software wrote."),
    PIN_END
};

const TypeInfo rv64_type = {
    .name = TYPE_RV64,
    .parent = TYPE_CPU,
    .doc = "A 64-bit RISC-V hart: RV64IMAFDC, Zicsr, Zifencei, M/S/U "
           "modes, Sv39 and Sv48 paging. mstatus.FS is Off at reset.",
    .instance_size = sizeof(RiscvCpu),
    .init = rv64_init,
    .realize = rv_realize,
    .unrealize = rv_unrealize,
    .finalize = rv_unrealize,
    .reset = rv_reset,
    .props = rv_props,
    .pins = rv_pins,
    .target = "riscv64",
    .class_ops = &rv_cpu_ops,
    .fdt = &rv_fdt_def,
};

const TypeInfo rv32_type = {
    .name = TYPE_RV32,
    .parent = TYPE_CPU,
    .doc = "A 32-bit RISC-V hart: RV32IMAFDC, Zicsr, Zifencei, M/S/U "
           "modes, Sv32 paging. mstatus.FS is Off at reset.",
    .instance_size = sizeof(RiscvCpu),
    .init = rv32_init,
    .realize = rv_realize,
    .unrealize = rv_unrealize,
    .finalize = rv_unrealize,
    .reset = rv_reset,
    .props = rv_props,
    .pins = rv_pins,
    .target = "riscv32",
    .class_ops = &rv_cpu_ops,
    .fdt = &rv_fdt_def,
};
