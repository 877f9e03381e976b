/* Instruction-level tests of the RISC-V CPU: a tiny machine (address
 * space, 4 MiB of RAM at 0x80000000, an rv64 or rv32 hart) runs the
 * programs of tests/unit/riscv (assembled at build time with the Debian
 * cross compiler; skipped without it) and the checks they report.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/log.h"
#include "exec/cpu.h"
#include "exec/types.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "target/riscv/cpu.h"
#include "target/riscv/types.h"

#define RAM_BASE 0x80000000u

/* drives the interrupt pins */
typedef struct TSrc {
    Object obj;
    Pin line[4];
} TSrc;

static const PinDef tsrc_pins[] = {
    PIN_OUT_N("line", PIN_IRQ, TSrc, line, 4, "msip, mtip, meip, seip"),
    PIN_END
};

static const TypeInfo tsrc_type = {
    .name = "test-irq-src", .parent = "object", .doc = "drives test lines",
    .instance_size = sizeof(TSrc), .pins = tsrc_pins,
};
static const TypeInfo *const test_types[] = { &tsrc_type, NULL };

enum { L_MSIP, L_MTIP, L_MEIP, L_SEIP };

typedef struct Machine {
    Object *root;
    AddressSpace *as;
    RiscvCpu *cpu;
    TSrc *src;
} Machine;

static Machine *machine_new(const char *type)
{
    Machine *m = g_new0(Machine, 1);
    Error *err = NULL;
    m->root = object_new_root();
    m->as = (AddressSpace *)object_new_child(m->root, "address-space", "as", &err);
    g_assert_no_error((GError *)NULL);
    g_assert_nonnull(m->as);
    Object *ram = object_new_child(m->root, "ram", "ram", NULL);
    g_assert_true(object_prop_set_str(ram, "size", "4M", NULL));
    m->cpu = (RiscvCpu *)object_new_child(m->root, type, "cpu", NULL);
    g_assert_nonnull(m->cpu);
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "address-space", "/as", NULL));
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "reset-vector", "0x80000000", NULL));
    g_assert_true(object_prop_set_str(&m->cpu->base.obj, "hartid", "5", NULL));
    m->src = (TSrc *)object_new_child(m->root, "test-irq-src", "src", NULL);
    if (!object_realize(m->root, &err)) {
        g_error("%s", err->msg);
    }
    MemRegion *mr = memory_region_of(ram, "mem", NULL);
    g_assert_true(memory_map(&m->as->root, RAM_BASE, mr, 0, NULL));
    static const char *const pins[] = { "msip", "mtip", "meip", "seip" };
    for (unsigned i = 0; i < 4; i++) {
        g_assert_true(pin_connect(&m->src->obj, "line", i, &m->cpu->base.obj,
                                  pins[i], 0, NULL));
    }
    object_reset(m->root);
    return m;
}

static void machine_free(Machine *m)
{
    object_destroy(m->root);
    g_free(m);
}

static uint64_t run(Machine *m, uint64_t budget)
{
    return cpu_ops(&m->cpu->base)->exec(&m->cpu->base, budget);
}

static uint64_t reg(Machine *m, unsigned r)
{
    return m->cpu->x[r] & rv_xmask(m->cpu);
}

static void load_words(Machine *m, const uint32_t *w, size_t n)
{
    g_assert_true(addrspace_load(m->as, RAM_BASE, w, n * 4, NULL));
}

#ifdef RISCV_BIN_DIR
static bool load_program(Machine *m, const char *name)
{
    g_autofree char *path = g_build_filename(RISCV_BIN_DIR, name, NULL);
    g_autofree char *buf = NULL;
    gsize len;
    if (!g_file_get_contents(path, &buf, &len, NULL)) {
        return false;
    }
    g_assert_true(addrspace_load(m->as, RAM_BASE, buf, len, NULL));
    return true;
}

/* tp = 0x600d at the end; else gp is the number of the failed check */
static void check_result(Machine *m, const char *name)
{
    uint64_t tp = reg(m, 4);
    if (tp != 0x600d) {
        g_test_message("%s: tp=%#" G_GINT64_MODIFIER "x check gp=%" G_GINT64_MODIFIER
                       "u pc=%#" G_GINT64_MODIFIER "x a0=%#" G_GINT64_MODIFIER
                       "x a1=%#" G_GINT64_MODIFIER "x a2=%#" G_GINT64_MODIFIER
                       "x t6=%#" G_GINT64_MODIFIER "x s2=%#" G_GINT64_MODIFIER "x",
                       name, tp, reg(m, 3), m->cpu->pc, reg(m, 10), reg(m, 11),
                       reg(m, 12), reg(m, 31), reg(m, 18));
    }
    g_assert_cmphex(tp, ==, 0x600d);
}

static void run_program(gconstpointer data)
{
    const char *name = data;
    const char *type = g_str_has_prefix(name, "rv32") ? TYPE_RV32 : TYPE_RV64;
    Machine *m = machine_new(type);
    g_assert_true(load_program(m, name));
    run(m, 10000000);
    g_assert_true(m->cpu->base.halted);
    check_result(m, name);
    machine_free(m);
}

/* the interrupt program: the harness drives the lines at its two wfis */
static void run_irq(gconstpointer data)
{
    const char *name = data;
    const char *type = g_str_has_prefix(name, "rv32") ? TYPE_RV32 : TYPE_RV64;
    Machine *m = machine_new(type);
    g_assert_true(load_program(m, name));
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);          /* in wfi, nothing pending */
    g_assert_cmphex(reg(m, 4), ==, 0);
    g_assert_cmpuint(run(m, 1000), ==, 0);       /* stays halted */
    pin_raise(&m->src->line[L_MTIP]);
    g_assert_false(m->cpu->base.halted);         /* woken by the line */
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);          /* second wfi */
    g_assert_cmphex(reg(m, 4), ==, 0);
    pin_raise(&m->src->line[L_MSIP]);
    pin_raise(&m->src->line[L_MEIP]);
    pin_raise(&m->src->line[L_SEIP]);
    g_assert_false(m->cpu->base.halted);
    run(m, 1000000);
    g_assert_true(m->cpu->base.halted);
    check_result(m, name);
    machine_free(m);
}
#endif

/* Without the cross compiler: hand-encoded programs still check the core. */
static void test_encoded_loop(void)
{
    Machine *m = machine_new(TYPE_RV64);
    const uint32_t prog[] = {
        0x00a00293,   /* li t0, 10 */
        0x00000313,   /* li t1, 0 */
        0x00530333,   /* add t1, t1, t0 */
        0xfff28293,   /* addi t0, t0, -1 */
        0xfe029ce3,   /* bnez t0, -8 */
        0x10500073,   /* wfi */
    };
    load_words(m, prog, G_N_ELEMENTS(prog));
    run(m, 1000);
    g_assert_true(m->cpu->base.halted);
    g_assert_cmpuint(reg(m, 6), ==, 55);
    g_assert_cmphex(m->cpu->pc, ==, RAM_BASE + 6 * 4);
    machine_free(m);
}

/* A device access that raises an interrupt (here: the msip line) ends
 * the block at its next jump, even when the loop it is in is chained to
 * itself: the dispatcher checks after every call that may reach a device. */
static void irq_line_up(void *opaque)
{
    Machine *m = opaque;
    pin_raise(&m->src->line[L_MSIP]);
}

static uint64_t irq_dev_read(void *opaque, uint64_t off, unsigned size)
{
    (void)off;
    (void)size;
    irq_line_up(opaque);
    return 0;
}

static void irq_dev_write(void *opaque, uint64_t off, uint64_t val,
                          unsigned size)
{
    (void)off;
    (void)val;
    (void)size;
    irq_line_up(opaque);
}

static const MemOps irq_dev_ops = {
    .read = irq_dev_read, .write = irq_dev_write,
};

static void test_device_irq(gconstpointer data)
{
    const uint32_t access = GPOINTER_TO_UINT(data);
    Machine *m = machine_new(TYPE_RV64);
    MemRegion *dev = g_new0(MemRegion, 1);
    memory_region_init(dev, NULL, "irq-dev", REGION_MMIO, 0x1000);
    dev->ops = &irq_dev_ops;
    dev->opaque = m;
    g_assert_true(memory_map(&m->as->root, 0x10000000, dev, 0, NULL));
    uint32_t prog[18] = {
        0x10000537,   /*    lui a0, 0x10000 */
        access,       /*    sw a1, 0(a0) or lw a1, 0(a0) */
        0x00128293,   /* 1: addi t0, t0, 1 */
        0xffdff06f,   /*    j 1b */
    };
    prog[16] = 0x30401073;                        /* handler: csrw mie, 0 */
    prog[17] = 0x10500073;                        /*          wfi */
    load_words(m, prog, G_N_ELEMENTS(prog));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MTVEC, RAM_BASE + 16 * 4));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MIE, RV_MIP_MSIP));
    g_assert_true(rv_csr_write(m->cpu, RV_CSR_MSTATUS, RV_MS_MIE));
    g_assert_cmpuint(run(m, 100000), ==, 6);    /* to the handler's wfi */
    g_assert_true(m->cpu->base.halted);
    g_assert_cmpuint(reg(m, 5), ==, 1);
    uint64_t v;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | RV_IRQ_MSI);
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MEPC, &v));
    g_assert_cmphex(v, ==, RAM_BASE + 2 * 4);     /* the jump's target */
    memory_region_finalize(dev);
    g_free(dev);
    machine_free(m);
}

/* Reset state: M-mode, misa, mhartid; the pc from reset-vector. */
static void test_reset(void)
{
    Machine *m = machine_new(TYPE_RV32);
    uint64_t v;
    g_assert_cmpuint(m->cpu->priv, ==, RV_PRIV_M);
    g_assert_cmphex(m->cpu->pc, ==, RAM_BASE);
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MISA, &v));
    g_assert_cmphex(v, ==, 0x40141105);
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_MHARTID, &v));
    g_assert_cmpuint(v, ==, 5);
    g_assert_cmpuint(reg(m, 10), ==, 0);
    machine_free(m);
}

/* A hart without an address space does not realize, and says why. */
static void test_no_address_space(void)
{
    Object *root = object_new_root();
    Object *cpu = object_new_child(root, TYPE_RV64, "cpu", NULL);
    Error *err = NULL;
    g_assert_false(object_realize(cpu, &err));
    g_assert_nonnull(strstr(err->msg, "/cpu"));
    g_assert_nonnull(strstr(err->msg, "address-space"));
    error_free(err);
    g_assert_cmpuint(cpu_ops((Cpu *)cpu)->exec((Cpu *)cpu, 100), ==, 0);
    object_destroy(root);
}

/* The time CSR reads the board's source when one is set. */
static uint64_t fixed_time(void *opaque)
{
    return *(uint64_t *)opaque;
}

static void test_time_source(void)
{
    Machine *m = machine_new(TYPE_RV64);
    uint64_t t = 123456, v;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_TIME, &v));
    g_assert_cmpuint(v, ==, m->cpu->base.retired);
    m->cpu->time_read = fixed_time;
    m->cpu->time_opaque = &t;
    g_assert_true(rv_csr_read(m->cpu, RV_CSR_TIME, &v));
    g_assert_cmpuint(v, ==, 123456);
    g_assert_false(rv_csr_read(m->cpu, RV_CSR_MSTATUSH, &v));  /* RV32 only */
    machine_free(m);
}

/* Vectored mtvec/stvec: interrupts go to base + 4 * cause; exceptions to
 * base. A delegated interrupt goes to S (Privileged §3.1.7, §3.1.8). */
static void test_vectored(void)
{
    Machine *m = machine_new(TYPE_RV64);
    RiscvCpu *c = m->cpu;
    uint64_t v;
    g_assert_true(rv_csr_write(c, RV_CSR_MTVEC, 0x80001001));
    g_assert_true(rv_csr_write(c, RV_CSR_MIE, RV_MIP_MTIP | RV_MIP_SEIP));
    g_assert_true(rv_csr_write(c, RV_CSR_MSTATUS, RV_MS_MIE));
    pin_raise(&m->src->line[L_MTIP]);
    g_assert_true(c->irq_pending);
    rv_take_interrupt(c);
    g_assert_cmphex(c->pc, ==, 0x80001000 + 4 * 7);
    g_assert_true(rv_csr_read(c, RV_CSR_MCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | 7);
    g_assert_true(rv_csr_read(c, RV_CSR_MEPC, &v));
    g_assert_cmphex(v, ==, RAM_BASE);
    g_assert_false(c->irq_pending);          /* MIE is now 0 */
    /* an exception goes to the base */
    rv_raise(c, RV_EXC_ILLEGAL, 0x1234, 0x80000010);
    g_assert_cmphex(c->pc, ==, 0x80001000);
    /* SEI delegated to S, taken from U with stvec vectored */
    g_assert_true(rv_csr_write(c, RV_CSR_MIDELEG, RV_MIP_SEIP));
    g_assert_true(rv_csr_write(c, RV_CSR_STVEC, 0x80002001));
    c->priv = RV_PRIV_U;
    rv_update_irq(c);
    g_assert_true(c->irq_pending);           /* MTI: M-level, priv U */
    pin_lower(&m->src->line[L_MTIP]);
    g_assert_false(c->irq_pending);
    pin_raise(&m->src->line[L_SEIP]);
    g_assert_true(c->irq_pending);           /* U: S interrupts enabled */
    rv_take_interrupt(c);
    g_assert_cmpuint(c->priv, ==, RV_PRIV_S);
    g_assert_cmphex(c->pc, ==, 0x80002000 + 4 * 9);
    g_assert_true(rv_csr_read(c, RV_CSR_SCAUSE, &v));
    g_assert_cmphex(v, ==, (1ull << 63) | 9);
    /* SEIP reads as line | software bit; clearing the bit leaves the line */
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    g_assert_true(rv_csr_write(c, RV_CSR_MIP, 0));
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    pin_lower(&m->src->line[L_SEIP]);
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_false(v & RV_MIP_SEIP);
    g_assert_true(rv_csr_write(c, RV_CSR_MIP, RV_MIP_SEIP));
    g_assert_true(rv_csr_read(c, RV_CSR_MIP, &v));
    g_assert_true(v & RV_MIP_SEIP);
    machine_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, hw_types, riscv_types,
        test_types, NULL }, NULL));
    g_test_add_func("/riscv/encoded-loop", test_encoded_loop);
    g_test_add_data_func("/riscv/device-irq/store", GUINT_TO_POINTER(0x00b52023),
                         test_device_irq);
    g_test_add_data_func("/riscv/device-irq/load", GUINT_TO_POINTER(0x00052583),
                         test_device_irq);
    g_test_add_func("/riscv/reset", test_reset);
    g_test_add_func("/riscv/no-address-space", test_no_address_space);
    g_test_add_func("/riscv/time-source", test_time_source);
    g_test_add_func("/riscv/vectored", test_vectored);
#ifdef RISCV_BIN_DIR
    static const char *const progs[] = {
        "rv64-i.bin", "rv32-i.bin", "rv64-m.bin", "rv32-m.bin",
        "rv64-a.bin", "rv32-a.bin", "rv64-c.bin", "rv32-c.bin",
        "rv64-priv.bin", "rv32-priv.bin", "rv64-mmu.bin", "rv32-mmu.bin",
        "rv64-smc.bin", "rv32-smc.bin",
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(progs); i++) {
        g_autofree char *path = g_strdup_printf("/riscv/prog/%s", progs[i]);
        g_test_add_data_func(path, progs[i], run_program);
    }
    g_test_add_data_func("/riscv/prog/rv64-irq.bin", "rv64-irq.bin", run_irq);
    g_test_add_data_func("/riscv/prog/rv32-irq.bin", "rv32-irq.bin", run_irq);
#else
    g_test_message("riscv64-unknown-elf-gcc not found: guest programs skipped");
#endif
    return g_test_run();
}
