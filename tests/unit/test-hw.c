/* Unit tests for the small device models of src/hw: or-irq (levels in, OR
 * out, lines limited by num-lines), the ns16550a UART through its
 * registers and a ring-buffer backend, the sifive-test finisher, the
 * loader, CLINT, PLIC, device tree, hemu's mailbox and reset controller.
 * SPDX-License-Identifier: MIT */
#include <elf.h>
#include <libfdt.h>
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "chardev/chardev.h"
#include "exec/types.h"
#include "exec/vclock.h"
#include "hw/core/device-tree.h"
#include "hw/core/device.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "hw-test.h"

typedef struct TSrc {
    Object obj;
    Pin line[3];
} TSrc;

static const PinDef tsrc_pins[] = {
    PIN_OUT_N("line", PIN_IRQ, TSrc, line, 3, "test lines"),
    PIN_END
};

static const TypeInfo tsrc_type = {
    .name = "test-src", .parent = "object", .doc = "drives test lines",
    .instance_size = sizeof(TSrc), .pins = tsrc_pins,
};
static const TypeInfo *const test_types[] = { &tsrc_type, NULL };

static void test_or_irq(void)
{
    Object *root = object_new_root();
    TSrc *src = (TSrc *)object_new_child(root, "test-src", "src", NULL);
    Object *gate = object_new_child(root, "or-irq", "gate", NULL);
    g_assert_true(object_prop_set_str(gate, "num-lines", "2", NULL));
    g_assert_true(object_realize(gate, NULL));
    g_assert_true(pin_connect_path(root, "src:line[0]", "gate:in[0]", NULL));
    g_assert_true(pin_connect_path(root, "src:line[1]", "gate:in[1]", NULL));

    Error *err = NULL;
    g_assert_false(pin_connect_path(root, "src:line[2]", "gate:in[2]", &err));
    g_assert_nonnull(strstr(err->msg, "line 2"));
    error_free(err);

    g_assert_cmpuint(pin_level(gate, "out", 0), ==, 0);
    pin_raise(&src->line[0]);
    g_assert_cmpuint(pin_level(gate, "out", 0), ==, 1);
    pin_raise(&src->line[1]);
    pin_lower(&src->line[0]);
    g_assert_cmpuint(pin_level(gate, "out", 0), ==, 1);
    pin_lower(&src->line[1]);
    g_assert_cmpuint(pin_level(gate, "out", 0), ==, 0);

    /* a level held across reset is still seen */
    pin_raise(&src->line[1]);
    object_reset(gate);
    g_assert_cmpuint(pin_level(gate, "out", 0), ==, 1);
    object_destroy(root);
}

static uint64_t rd(AddressSpace *as, uint64_t addr)
{
    uint64_t v = 0;
    g_assert_true(addrspace_ld(as, addr, 1, &v));
    return v;
}

static void wr(AddressSpace *as, uint64_t addr, uint64_t v)
{
    g_assert_true(addrspace_st(as, addr, 1, v));
}

static void test_uart(void)
{
    Object *root = object_new_root();
    Object *chr = object_new_child(root, "chardev-ringbuf", "rb", NULL);
    g_assert_true(object_realize(chr, NULL));
    Object *u = object_new_child(root, "ns16550a", "uart", NULL);
    g_assert_true(object_prop_set_str(u, "chardev", "/rb", NULL));
    g_assert_true(object_realize(u, NULL));
    object_reset(u);
    AddressSpace *as = map_alone(root, u, "regs");
    uint64_t irq = 0;

    /* transmit: bytes reach the backend at once */
    g_assert_cmphex(rd(as, 5), ==, 0x60);            /* LSR: THRE | TEMT */
    wr(as, 0, 'h');
    wr(as, 0, 'i');
    uint8_t buf[8];
    g_assert_cmpuint(chardev_ringbuf_read((Chardev *)chr, buf, sizeof(buf)), ==, 2);
    g_assert_cmpmem(buf, 2, "hi", 2);

    /* the THR-empty interrupt: raised when enabled, cleared by reading IIR */
    g_assert_cmphex(rd(as, 2), ==, 0x01);            /* IIR: none */
    wr(as, 1, 0x02);                                 /* IER: THRI */
    g_assert_true(pin_get(u, "irq", 0, &irq, NULL));
    g_assert_cmpuint(irq, ==, 1);
    wr(as, 2, 0x01);                                 /* FCR: FIFO on */
    g_assert_cmphex(rd(as, 2), ==, 0xc2);            /* IIR: THRI, FIFO */
    g_assert_true(pin_get(u, "irq", 0, &irq, NULL));
    g_assert_cmpuint(irq, ==, 0);

    /* receive: data ready, the interrupt while the FIFO holds data */
    wr(as, 1, 0x01);                                 /* IER: RDI */
    chardev_deliver((Chardev *)chr, "ok", 2);
    g_assert_cmphex(rd(as, 5) & 1, ==, 1);           /* LSR: DR */
    g_assert_true(pin_get(u, "irq", 0, &irq, NULL));
    g_assert_cmpuint(irq, ==, 1);
    g_assert_cmphex(rd(as, 2), ==, 0xc4);            /* IIR: data (trigger 1) */
    g_assert_cmpuint(rd(as, 0), ==, 'o');
    g_assert_cmpuint(rd(as, 0), ==, 'k');
    g_assert_cmphex(rd(as, 5) & 1, ==, 0);
    g_assert_true(pin_get(u, "irq", 0, &irq, NULL));
    g_assert_cmpuint(irq, ==, 0);

    /* the divisor latch hides RBR/IER; loopback sends to itself */
    wr(as, 3, 0x83);
    wr(as, 0, 0x01);
    wr(as, 1, 0x00);
    g_assert_cmphex(rd(as, 0), ==, 0x01);
    wr(as, 3, 0x03);
    g_assert_cmphex(rd(as, 1), ==, 0x01);            /* IER is back */
    wr(as, 4, 0x10);                                 /* MCR: loop */
    wr(as, 0, 'x');
    g_assert_cmpuint(rd(as, 0), ==, 'x');
    g_assert_cmpuint(chardev_ringbuf_read((Chardev *)chr, buf, sizeof(buf)), ==, 0);
    object_destroy(root);
}

static void test_sifive_test(void)
{
    Object *root = object_new_root();
    Object *t = object_new_child(root, "sifive-test", "test", NULL);
    g_assert_true(object_realize(t, NULL));
    AddressSpace *as = map_alone(root, t, "regs");
    uint64_t v = 1;
    g_assert_true(pin_get(t, "exit", 0, &v, NULL));
    g_assert_cmphex(v, ==, 0);
    g_assert_true(addrspace_st(as, 0, 4, 0x3333 | 3 << 16));
    g_assert_true(pin_get(t, "exit", 0, &v, NULL));
    g_assert_cmphex(v, ==, 0x103);
    g_assert_true(addrspace_st(as, 0, 4, 0x5555));
    g_assert_true(pin_get(t, "exit", 0, &v, NULL));
    g_assert_cmphex(v, ==, 0x100);
    object_destroy(root);
}

/* A minimal ELF64 with one PT_LOAD segment: 4 bytes of data, 8 in memory. */
static char *write_elf(uint64_t paddr, uint64_t entry)
{
    struct {
        Elf64_Ehdr eh;
        Elf64_Phdr ph;
        uint8_t data[4];
    } f = { 0 };
    memcpy(f.eh.e_ident, ELFMAG, SELFMAG);
    f.eh.e_ident[EI_CLASS] = ELFCLASS64;
    f.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    f.eh.e_ident[EI_VERSION] = EV_CURRENT;
    f.eh.e_type = ET_EXEC;
    f.eh.e_machine = EM_RISCV;
    f.eh.e_version = EV_CURRENT;
    f.eh.e_entry = entry;
    f.eh.e_phoff = offsetof(typeof(f), ph);
    f.eh.e_ehsize = sizeof(Elf64_Ehdr);
    f.eh.e_phentsize = sizeof(Elf64_Phdr);
    f.eh.e_phnum = 1;
    f.ph.p_type = PT_LOAD;
    f.ph.p_offset = offsetof(typeof(f), data);
    f.ph.p_paddr = f.ph.p_vaddr = paddr;
    f.ph.p_filesz = 4;
    f.ph.p_memsz = 8;
    memcpy(f.data, "\x11\x22\x33\x44", 4);
    char *path = g_build_filename(g_get_tmp_dir(), "hemu-test-loader.elf", NULL);
    g_assert_true(g_file_set_contents(path, (const char *)&f, sizeof(f), NULL));
    return path;
}

static void test_loader(void)
{
    Object *root = object_new_root();
    Object *ram = object_new_child(root, "ram", "ram", NULL);
    g_assert_true(object_prop_set_str(ram, "size", "4K", NULL));
    g_assert_true(object_realize(ram, NULL));
    AddressSpace *as = map_alone(root, ram, "mem");
    g_autofree char *elf = write_elf(0x100, 0x104);

    Object *l = object_new_child(root, "loader", "elf", NULL);
    g_assert_true(object_prop_set_str(l, "file", elf, NULL));
    g_assert_true(object_prop_set_str(l, "address-space", "/as", NULL));
    g_assert_true(addrspace_st(as, 0x104, 4, 0xffffffff));   /* to be zeroed */
    g_assert_true(object_realize(l, NULL));
    object_reset(l);
    uint64_t v;
    g_assert_true(addrspace_ld(as, 0x100, 8, &v));
    g_assert_cmphex(v, ==, 0x44332211);                       /* data, then zeros */
    json_t *e = object_prop_get(l, "entry", NULL);
    g_assert_cmpint(json_integer_value(e), ==, 0x104);
    json_decref(e);

    /* a raw image at an address; one that does not land in memory */
    Object *r = object_new_child(root, "loader", "raw", NULL);
    g_assert_true(object_prop_set_str(r, "file", elf, NULL));
    g_assert_true(object_prop_set_str(r, "format", "raw", NULL));
    g_assert_true(object_prop_set_str(r, "addr", "0x800", NULL));
    g_assert_true(object_prop_set_str(r, "address-space", "/as", NULL));
    g_assert_true(object_realize(r, NULL));
    object_reset(r);
    g_assert_true(addrspace_ld(as, 0x800, 4, &v));
    g_assert_cmphex(v, ==, 0x464c457f);                       /* "\x7fELF" */
    Error *err = NULL;
    Object *bad = object_new_child(root, "loader", "bad", NULL);
    g_assert_true(object_prop_set_str(bad, "file", elf, NULL));
    g_assert_true(object_prop_set_str(bad, "format", "raw", NULL));
    g_assert_true(object_prop_set_str(bad, "addr", "0xffc", NULL));
    g_assert_true(object_prop_set_str(bad, "address-space", "/as", NULL));
    g_assert_false(object_realize(bad, &err));
    g_assert_nonnull(strstr(err->msg, "but 0x1000 is not RAM or ROM in /as"));
    error_free(err);
    g_unlink(elf);
    object_destroy(root);
}

static void test_clint(void)
{
    Object *root = object_new_root();
    VClock *clk = (VClock *)object_new_child(root, "virtual-clock", "clock", NULL);
    Object *c = object_new_child(root, "riscv-clint", "clint", NULL);
    g_assert_true(object_prop_set_str(c, "clock", "/clock", NULL));
    g_assert_true(object_prop_set_str(c, "num-harts", "2", NULL));
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, c, "regs");
    uint64_t v;

    /* mtime follows virtual time at 10 MHz: 1 tick per 100 ns */
    clk->now = 1000000;
    g_assert_true(addrspace_ld(as, 0xbff8, 8, &v));
    g_assert_cmpuint(v, ==, 10000);
    /* hart 1's timer at tick 10005 fires at 1000500 ns */
    g_assert_true(addrspace_st(as, 0x4008, 4, 10005));
    g_assert_true(addrspace_st(as, 0x400c, 4, 0));
    g_assert_cmpuint(pin_level(c, "mtip", 1), ==, 0);
    g_assert_cmpuint(pin_level(c, "mtip", 0), ==, 0);     /* mtimecmp reset: ~0 */
    g_assert_false(vclock_run(clk, 10000));          /* no CPUs: jumps to it */
    g_assert_cmpuint(clk->now, ==, 1000500);
    g_assert_cmpuint(pin_level(c, "mtip", 1), ==, 1);
    /* writing mtime moves it; a later compare value lowers the line */
    g_assert_true(addrspace_st(as, 0xbff8, 8, 5));
    g_assert_true(addrspace_ld(as, 0xbff8, 8, &v));
    g_assert_cmpuint(v, ==, 5);
    g_assert_cmpuint(pin_level(c, "mtip", 1), ==, 0);
    /* software interrupts */
    g_assert_true(addrspace_st(as, 0x4, 4, 1));
    g_assert_cmpuint(pin_level(c, "msip", 1), ==, 1);
    g_assert_cmpuint(pin_level(c, "msip", 0), ==, 0);
    g_assert_true(addrspace_ld(as, 0x4, 4, &v));
    g_assert_cmpuint(v, ==, 1);
    object_destroy(root);
}

static void test_plic(void)
{
    Object *root = object_new_root();
    TSrc *src = (TSrc *)object_new_child(root, "test-src", "src", NULL);
    Object *p = object_new_child(root, "riscv-plic", "plic", NULL);
    g_assert_true(object_prop_set_str(p, "num-sources", "8", NULL));
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, p, "regs");
    g_assert_true(pin_connect_path(root, "src:line[0]", "plic:irq[3]", NULL));
    g_assert_true(pin_connect_path(root, "src:line[1]", "plic:irq[5]", NULL));
    uint64_t v;

    /* priorities 1 and 2, both enabled for context 1 (S-mode of hart 0) */
    g_assert_true(addrspace_st(as, 3 * 4, 4, 1));
    g_assert_true(addrspace_st(as, 5 * 4, 4, 2));
    g_assert_true(addrspace_st(as, 0x2000 + 0x80, 4, 1 << 3 | 1 << 5));
    pin_raise(&src->line[0]);
    pin_raise(&src->line[1]);
    g_assert_cmpuint(pin_level(p, "out", 1), ==, 1);
    g_assert_cmpuint(pin_level(p, "out", 0), ==, 0);      /* context 0: nothing enabled */
    g_assert_true(addrspace_ld(as, 0x1000, 4, &v));
    g_assert_cmphex(v, ==, 1 << 3 | 1 << 5);
    /* claim gives the higher priority first; in service, it is not pending */
    g_assert_true(addrspace_ld(as, 0x201004, 4, &v));
    g_assert_cmpuint(v, ==, 5);
    g_assert_true(addrspace_ld(as, 0x201004, 4, &v));
    g_assert_cmpuint(v, ==, 3);
    g_assert_cmpuint(pin_level(p, "out", 1), ==, 0);
    /* complete with the line still high: pending again */
    g_assert_true(addrspace_st(as, 0x201004, 4, 5));
    g_assert_cmpuint(pin_level(p, "out", 1), ==, 1);
    /* the threshold masks priorities at or below it */
    g_assert_true(addrspace_st(as, 0x201000, 4, 2));
    g_assert_cmpuint(pin_level(p, "out", 1), ==, 0);
    pin_lower(&src->line[0]);
    g_assert_true(addrspace_st(as, 0x201004, 4, 3));   /* line low: not again */
    g_assert_true(addrspace_st(as, 0x201000, 4, 0));
    g_assert_true(addrspace_ld(as, 0x201004, 4, &v));
    g_assert_cmpuint(v, ==, 5);
    g_assert_true(addrspace_ld(as, 0x201004, 4, &v));
    g_assert_cmpuint(v, ==, 0);                       /* nothing left */
    object_destroy(root);
}

static void test_device_tree(void)
{
    Object *root = object_new_root();
    Object *m = object_new_child(root, "container", "m", NULL);
    AddressSpace *as = (AddressSpace *)object_new_child(m, "address-space", "as", NULL);
    Object *ram = object_new_child(m, "ram", "ram", NULL);
    g_assert_true(object_prop_set_str(ram, "size", "16M", NULL));
    Object *plic = object_new_child(m, "riscv-plic", "plic", NULL);
    Object *uart = object_new_child(m, "ns16550a", "uart", NULL);
    Object *dt = object_new_child(m, "device-tree", "dt", NULL);
    g_assert_true(object_prop_set_str(dt, "address-space", "/m/as", NULL));
    g_assert_true(object_prop_set_str(dt, "stdout", "/m/uart", NULL));
    g_assert_true(object_prop_set_str(dt, "bootargs", "console=ttyS0", NULL));
    g_assert_true(object_realize(root, NULL));
    g_assert_true(memory_map(&as->root, 0x80000000, memory_region_of(ram, "mem", NULL), 0, NULL));
    g_assert_true(memory_map(&as->root, 0xc000000, memory_region_of(plic, "regs", NULL), 0, NULL));
    g_assert_true(memory_map(&as->root, 0x10000000, memory_region_of(uart, "regs", NULL), 0, NULL));
    g_assert_true(pin_connect_path(m, "uart:irq", "plic:irq[10]", NULL));
    object_reset(root);

    size_t len;
    const uint8_t *blob = device_tree_blob(dt, &len);
    g_assert_nonnull(blob);
    g_assert_cmpint(fdt_check_header(blob), ==, 0);
    int u = fdt_path_offset(blob, "/soc/serial@10000000");
    g_assert_cmpint(u, >=, 0);
    int plen;
    const char *compat = fdt_getprop(blob, u, "compatible", &plen);
    g_assert_cmpstr(compat, ==, "ns16550a");
    const fdt32_t *irq = fdt_getprop(blob, u, "interrupts", &plen);
    g_assert_cmpuint(fdt32_to_cpu(*irq), ==, 10);
    const fdt32_t *parent = fdt_getprop(blob, u, "interrupt-parent", &plen);
    int p = fdt_node_offset_by_phandle(blob, fdt32_to_cpu(*parent));
    g_assert_cmpstr(fdt_get_name(blob, p, NULL), ==, "plic@c000000");
    int mem = fdt_path_offset(blob, "/memory@80000000");
    const fdt32_t *reg = fdt_getprop(blob, mem, "reg", &plen);
    g_assert_cmpint(plen, ==, 16);
    g_assert_cmpuint(fdt32_to_cpu(reg[3]), ==, 16 * 1024 * 1024);
    const char *so = fdt_getprop(blob, fdt_path_offset(blob, "/chosen"), "stdout-path", &plen);
    g_assert_cmpstr(so, ==, "/soc/serial@10000000");
    /* loaded at the top of RAM, 2 MiB aligned */
    json_t *la = object_prop_get(dt, "load-addr", NULL);
    g_assert_cmphex(json_integer_value(la), ==, 0x80e00000);
    json_decref(la);
    uint64_t magic;
    g_assert_true(addrspace_ld(as, 0x80e00000, 4, &magic));
    g_assert_cmphex(magic, ==, 0xedfe0dd0);
    object_destroy(root);
}

/* Both sides through their own regions: doorbells, enables and levels,
 * messages both ways, bad offsets and reset. */
static void test_mailbox(void)
{
    Object *root = object_new_root();
    Object *m = object_new_child(root, "hemu-mailbox", "mbox", NULL);
    g_assert_true(object_realize(m, NULL));
    AddressSpace *as = map_alone(root, m, "a");
    g_assert_true(memory_map(&as->root, 0x1000, memory_region_of(m, "b", NULL),
                             0, NULL));
    uint64_t v;
    /* a writes a message and rings bit 0 of b: b's STATUS, a's PEER */
    g_assert_true(addrspace_st(as, 0x40, 4, 0xcafe));
    g_assert_true(addrspace_st(as, 0x44, 4, 0xbeef));
    g_assert_true(addrspace_st(as, 0x04, 4, 0x1));
    g_assert_true(addrspace_ld(as, 0x1000, 4, &v));
    g_assert_cmphex(v, ==, 1);
    g_assert_true(addrspace_ld(as, 0x10, 4, &v));
    g_assert_cmphex(v, ==, 1);
    g_assert_true(addrspace_ld(as, 0x0, 4, &v));
    g_assert_cmphex(v, ==, 0);
    /* the interrupt follows STATUS & ENABLE */
    g_assert_cmpuint(pin_level(m, "irq-b", 0), ==, 0);
    g_assert_true(addrspace_st(as, 0x100c, 4, 0x3));
    g_assert_cmpuint(pin_level(m, "irq-b", 0), ==, 1);
    g_assert_cmpuint(pin_level(m, "irq-a", 0), ==, 0);
    g_assert_true(addrspace_ld(as, 0x1080, 4, &v));
    g_assert_cmphex(v, ==, 0xcafe);
    g_assert_true(addrspace_ld(as, 0x1084, 4, &v));
    g_assert_cmphex(v, ==, 0xbeef);
    /* b acknowledges: its line falls, a sees the doorbell taken */
    g_assert_true(addrspace_st(as, 0x1008, 4, 0x1));
    g_assert_cmpuint(pin_level(m, "irq-b", 0), ==, 0);
    g_assert_true(addrspace_ld(as, 0x10, 4, &v));
    g_assert_cmphex(v, ==, 0);
    /* and answers the other way */
    g_assert_true(addrspace_st(as, 0x1040, 4, 42));
    g_assert_true(addrspace_st(as, 0x000c, 4, 0x2));
    g_assert_true(addrspace_st(as, 0x1004, 4, 0x2));
    g_assert_cmpuint(pin_level(m, "irq-a", 0), ==, 1);
    g_assert_true(addrspace_ld(as, 0x80, 4, &v));
    g_assert_cmphex(v, ==, 42);
    /* RX is read-only, offsets past the map and narrow accesses are errors */
    g_assert_true(addrspace_st(as, 0x80, 4, 7));
    g_assert_true(addrspace_ld(as, 0x80, 4, &v));
    g_assert_cmphex(v, ==, 42);
    g_assert_false(addrspace_ld(as, 0x1, 1, &v));
    /* reset clears everything and lowers both lines */
    object_reset(m);
    g_assert_cmpuint(pin_level(m, "irq-a", 0), ==, 0);
    g_assert_true(addrspace_ld(as, 0x80, 4, &v));
    g_assert_cmphex(v, ==, 0);
    object_destroy(root);
}

/* CTRL drives the lines; SET/CLEAR/PULSE; reset-value; a cluster wired to
 * a line holds its subtree in reset. */
static void test_reset_controller(void)
{
    Object *root = object_new_root();
    Object *r = object_new_child(root, "hemu-reset-controller", "rstc", NULL);
    g_assert_true(object_prop_set_str(r, "num-outputs", "2", NULL));
    g_assert_true(object_prop_set_str(r, "reset-value", "2", NULL));
    Object *cl = object_new_child(root, "cpu-cluster", "cluster", NULL);
    Object *inner = object_new_child(cl, "container", "inner", NULL);
    Error *err = NULL;
    pin_connect(r, "out", 1, cl, "reset", 0, &err);
    g_assert_cmpstr(err ? error_get_pretty(err) : "", ==, "");
    g_assert_false(pin_connect(r, "out", 2, cl, "reset", 0, NULL));
    g_assert_true(object_realize(r, NULL));
    g_assert_true(object_realize(cl, NULL));
    AddressSpace *as = map_alone(root, r, "regs");
    object_reset(r);
    uint64_t v;
    g_assert_true(addrspace_ld(as, 0, 4, &v));
    g_assert_cmphex(v, ==, 2);
    g_assert_cmpuint(pin_level(r, "out", 0), ==, 0);
    g_assert_cmpuint(pin_level(r, "out", 1), ==, 1);
    g_assert_true(object_held_in_reset(inner));
    g_assert_true(addrspace_st(as, 0x8, 4, 0xffffffff));     /* release all */
    g_assert_true(addrspace_ld(as, 0, 4, &v));
    g_assert_cmphex(v, ==, 0);
    g_assert_false(object_held_in_reset(inner));
    g_assert_true(addrspace_st(as, 0x4, 4, 0x5));            /* bit 2 ignored */
    g_assert_true(addrspace_ld(as, 0, 4, &v));
    g_assert_cmphex(v, ==, 1);
    g_assert_true(addrspace_st(as, 0xc, 4, 0x2));            /* pulse line 1 */
    g_assert_cmpuint(pin_level(r, "out", 1), ==, 0);
    g_assert_false(object_held_in_reset(inner));
    g_assert_true(addrspace_st(as, 0x0, 4, 0x2));
    g_assert_true(object_held_in_reset(inner));
    object_destroy(root);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, chardev_types, hw_types, test_types,
        NULL }, NULL));
    g_test_add_func("/hw/or-irq", test_or_irq);
    g_test_add_func("/hw/ns16550a", test_uart);
    g_test_add_func("/hw/sifive-test", test_sifive_test);
    g_test_add_func("/hw/loader", test_loader);
    g_test_add_func("/hw/riscv-clint", test_clint);
    g_test_add_func("/hw/riscv-plic", test_plic);
    g_test_add_func("/hw/device-tree", test_device_tree);
    g_test_add_func("/hw/hemu-mailbox", test_mailbox);
    g_test_add_func("/hw/hemu-reset-controller", test_reset_controller);
    return g_test_run();
}
