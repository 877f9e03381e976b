/* Instruction-level tests of the Cortex-M CPUs: a tiny machine (address
 * space, 256 KiB of RAM at 0 for the program and its vector table, 64 KiB
 * at 0x20000000, the CPU's SCS at 0xE000E000) runs the programs of
 * tests/unit/arm (assembled at build time with Debian's arm-none-eabi-gcc;
 * skipped without it) and the checks they report.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/chardev.h"
#include "core/log.h"
#include "exec/cpu.h"
#include "exec/types.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "target/arm/cpu.h"
#include "target/arm/types.h"

/* drives the interrupt lines */
typedef struct TSrc {
    Object obj;
    Pin line[2];
} TSrc;

static const PinDef tsrc_pins[] = {
    PIN_OUT_N("line", PIN_IRQ, TSrc, line, 2, "irq 0 and 1"),
    PIN_END
};

static const TypeInfo tsrc_type = {
    .name = "test-irq-src", .parent = "object", .doc = "drives test lines",
    .instance_size = sizeof(TSrc), .pins = tsrc_pins,
};

/* keeps what is written to it */
typedef struct TChr {
    Chardev chr;
    GString *out;
} TChr;

static size_t tchr_write(Chardev *c, const uint8_t *buf, size_t len)
{
    g_string_append_len(((TChr *)c)->out, (const char *)buf, (gssize)len);
    return len;
}

static const ChardevOps tchr_ops = { .write = tchr_write };

static void tchr_init(Object *obj)
{
    TChr *t = (TChr *)obj;
    t->chr.ops = &tchr_ops;
    t->chr.open = true;
    t->out = g_string_new(NULL);
}

static void tchr_finalize(Object *obj)
{
    g_string_free(((TChr *)obj)->out, true);
}

static const TypeInfo tchr_type = {
    .name = "test-chardev", .parent = TYPE_CHARDEV, .doc = "keeps output",
    .instance_size = sizeof(TChr), .init = tchr_init,
    .finalize = tchr_finalize,
};

/* records the exit pin */
typedef struct TSink {
    Object obj;
    uint64_t exit;
} TSink;

static void tsink_exit(Object *obj, unsigned n, uint64_t v)
{
    ((TSink *)obj)->exit = v;
}

static const PinDef tsink_pins[] = {
    PIN_IN1("exit", PIN_GPIO, tsink_exit, "the exit value"),
    PIN_END
};

static const TypeInfo tsink_type = {
    .name = "test-exit-sink", .parent = "object", .doc = "records exit",
    .instance_size = sizeof(TSink), .pins = tsink_pins,
};

static const TypeInfo *const test_types[] = {
    &tsrc_type, &tchr_type, &tsink_type, NULL
};

typedef struct Machine {
    Object *root;
    AddressSpace *as;
    ArmCpu *cpu;
    TSrc *src;
    TChr *chr;
    TSink *sink;
} Machine;

static Machine *machine_new(const char *type, bool semihosting)
{
    Machine *m = g_new0(Machine, 1);
    Error *err = NULL;
    m->root = object_new_root();
    m->as = (AddressSpace *)object_new_child(m->root, "address-space", "as",
                                             NULL);
    g_assert_nonnull(m->as);
    Object *flash = object_new_child(m->root, "ram", "flash", NULL);
    g_assert_true(object_prop_set_str(flash, "size", "256K", NULL));
    Object *ram = object_new_child(m->root, "ram", "ram", NULL);
    g_assert_true(object_prop_set_str(ram, "size", "64K", NULL));
    m->chr = (TChr *)object_new_child(m->root, "test-chardev", "chr", NULL);
    m->cpu = (ArmCpu *)object_new_child(m->root, type, "cpu", NULL);
    g_assert_nonnull(m->cpu);
    Object *c = &m->cpu->base.obj;
    g_assert_true(object_prop_set_str(c, "address-space", "/as", NULL));
    if (semihosting) {
        g_assert_true(object_prop_set_str(c, "semihosting", "true", NULL));
        g_assert_true(object_prop_set_str(c, "semihosting-chardev", "/chr",
                                          NULL));
    }
    m->src = (TSrc *)object_new_child(m->root, "test-irq-src", "src", NULL);
    m->sink = (TSink *)object_new_child(m->root, "test-exit-sink", "sink",
                                        NULL);
    if (!object_realize(m->root, &err)) {
        g_error("%s", err->msg);
    }
    g_assert_true(memory_map(&m->as->root, 0, memory_region_of(flash, "mem",
                                                               NULL), 0, NULL));
    g_assert_true(memory_map(&m->as->root, 0x20000000,
                             memory_region_of(ram, "mem", NULL), 0, NULL));
    g_assert_true(memory_map(&m->as->root, 0xe000e000,
                             memory_region_of(c, "scs", NULL), 0, NULL));
    for (unsigned i = 0; i < 2; i++) {
        g_assert_true(pin_connect(&m->src->obj, "line", i, c, "irq", i, NULL));
    }
    g_assert_true(pin_connect(c, "exit", 0, &m->sink->obj, "exit", 0, NULL));
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

static void load(Machine *m, const void *buf, size_t len)
{
    g_assert_true(addrspace_load(m->as, 0, buf, len, NULL));
    object_reset(m->root);
}

/* A hand-encoded program: movs r0, #5; adds r0, #3; cpsid i; wfi; b . */
static void test_encoded(void)
{
    Machine *m = machine_new(TYPE_CORTEX_M3, false);
    uint32_t img[64] = { 0x20010000, 0x41 };
    static const uint16_t code[] = { 0x2005, 0x3003, 0xb672, 0xbf30, 0xe7fe };
    memcpy((uint8_t *)img + 0x40, code, sizeof(code));
    load(m, img, sizeof(img));
    g_assert_cmphex(m->cpu->r[13], ==, 0x20010000);
    g_assert_cmphex(m->cpu->pc, ==, 0x40);
    run(m, 1000);
    g_assert_true(m->cpu->base.halted);
    g_assert_cmphex(m->cpu->r[0], ==, 8);
    g_assert_cmphex(m->cpu->pc, ==, 0x48);
    machine_free(m);
}

/* The sweep creates CPUs without an address space: realize must fail. */
static void test_no_address_space(void)
{
    Object *root = object_new_root();
    Object *cpu = object_new_child(root, TYPE_CORTEX_M4, "cpu", NULL);
    Error *err = NULL;
    g_assert_false(object_realize(root, &err));
    g_assert_nonnull(err);
    g_assert_nonnull(strstr(err->msg, "address-space"));
    error_free(err);
    (void)cpu;
    object_destroy(root);
}

/* A v6-M NVIC has at most 32 lines */
static void test_m0_config(void)
{
    Object *root = object_new_root();
    Object *as = object_new_child(root, "address-space", "as", NULL);
    Object *cpu = object_new_child(root, TYPE_CORTEX_M0, "cpu", NULL);
    g_assert_true(object_prop_set_str(cpu, "address-space", "/as", NULL));
    g_assert_true(object_prop_set_str(cpu, "num-irq", "64", NULL));
    Error *err = NULL;
    g_assert_false(object_realize(root, &err));
    g_assert_nonnull(strstr(err->msg, "32"));
    error_free(err);
    (void)as;
    object_destroy(root);
}

#ifdef ARM_BIN_DIR
static void load_program(Machine *m, const char *name)
{
    g_autofree char *path = g_build_filename(ARM_BIN_DIR, name, NULL);
    g_autofree char *buf = NULL;
    gsize len;
    g_assert_true(g_file_get_contents(path, &buf, &len, NULL));
    load(m, buf, len);
}

static void check_result(Machine *m, const char *name)
{
    ArmCpu *c = m->cpu;
    if (c->r[11] != 0x600d) {
        g_test_message("%s: r11=%#x check r10=%u pc=%#x r0=%#x r1=%#x "
                       "r2=%#x ipsr=%u cfsr=%#x hfsr=%#x", name, c->r[11],
                       c->r[10], c->pc, c->r[0], c->r[1], c->r[2], c->ipsr,
                       c->cfsr, c->hfsr);
        g_test_message("systick csr=%#x rvr=%u next=%" G_GUINT64_FORMAT
                       " running=%d retired=%" G_GUINT64_FORMAT " pending=%d",
                       c->syst_csr, c->syst_rvr, c->syst_next,
                       c->syst_running, c->base.retired,
                       c->pending[ARM_EXC_SYSTICK]);
    }
    g_assert_cmphex(c->r[11], ==, 0x600d);
}

static const char *type_of(const char *name)
{
    return g_str_has_prefix(name, "m0") ? TYPE_CORTEX_M0
         : g_str_has_prefix(name, "m4") ? TYPE_CORTEX_M4 : TYPE_CORTEX_M3;
}

static void run_program(gconstpointer data)
{
    const char *name = data;
    Machine *m = machine_new(type_of(name), false);
    load_program(m, name);
    run(m, 1000000);
    check_result(m, name);
    g_assert_true(m->cpu->base.halted);
    machine_free(m);
}

/* the interrupt program: the harness pulses the lines at its WFI */
static void run_irq(gconstpointer data)
{
    const char *name = data;
    Machine *m = machine_new(type_of(name), false);
    load_program(m, name);
    run(m, 100000);
    g_assert_true(m->cpu->base.halted);           /* in WFI */
    g_assert_cmphex(m->cpu->r[11], ==, 0);
    g_assert_cmpuint(run(m, 1000), ==, 0);        /* stays halted */
    pin_raise(&m->src->line[0]);
    pin_lower(&m->src->line[0]);                  /* pending stays */
    g_assert_false(m->cpu->base.halted);          /* woken, PRIMASK set */
    pin_raise(&m->src->line[1]);
    pin_lower(&m->src->line[1]);
    run(m, 100000);
    check_result(m, name);
    machine_free(m);
}

static void run_semihosting(gconstpointer data)
{
    const char *name = data;
    Machine *m = machine_new(type_of(name), true);
    load_program(m, name);
    run(m, 100000);
    g_assert_cmpstr(m->chr->out->str, ==, "hello, !");
    g_assert_cmphex(m->sink->exit, ==, 0x100);
    g_assert_true(m->cpu->base.halted);
    g_assert_cmpuint(run(m, 1000), ==, 0);        /* stopped for good */
    machine_free(m);
}

/* without semihosting, BKPT is a debug event: HardFault, DEBUGEVT */
static void run_no_semihosting(gconstpointer data)
{
    const char *name = data;
    Machine *m = machine_new(type_of(name), false);
    load_program(m, name);
    run(m, 100000);
    g_assert_cmphex(m->cpu->r[11], ==, 0xdead);
    g_assert_cmphex(m->cpu->r[0], ==, ARM_EXC_HARDFAULT);
    g_assert_cmphex(m->cpu->hfsr, ==, ARM_HFSR_DEBUGEVT);
    g_assert_cmpuint(m->sink->exit, ==, 0);
    machine_free(m);
}
#endif

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    log_set_mask(0);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, hw_types, arm_types,
        (const TypeInfo *const[]){ &chardev_type, NULL }, test_types,
        NULL }, NULL));
    g_test_add_func("/arm/encoded", test_encoded);
    g_test_add_func("/arm/no-address-space", test_no_address_space);
    g_test_add_func("/arm/m0-config", test_m0_config);
#ifdef ARM_BIN_DIR
    static const char *const progs[] = {
        "m3-alu.bin", "m3-mem.bin", "m3-mul.bin", "m3-exc.bin", "m3-dsp.bin",
        "m3-shcsr.bin", "m3-wfe.bin", "m3-excret.bin", "m3-scspriv.bin",
        "m3-stkerr.bin", "m3-unstkerr.bin", "m3-ldrt.bin",
        "m4-alu.bin", "m4-mem.bin", "m4-mul.bin", "m4-exc.bin", "m4-dsp.bin",
        "m0-m0.bin",
    };
    for (unsigned i = 0; i < G_N_ELEMENTS(progs); i++) {
        g_autofree char *path = g_strdup_printf("/arm/prog/%s", progs[i]);
        g_test_add_data_func(path, progs[i], run_program);
    }
    g_test_add_data_func("/arm/prog/m3-irq.bin", "m3-irq.bin", run_irq);
    g_test_add_data_func("/arm/prog/m3-semi.bin", "m3-semi.bin",
                         run_semihosting);
    g_test_add_data_func("/arm/prog/m3-semi.bin/off", "m3-semi.bin",
                         run_no_semihosting);
#else
    g_test_message("arm-none-eabi-gcc not found: guest programs skipped");
#endif
    return g_test_run();
}
