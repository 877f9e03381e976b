/* Unit tests for memory: regions, maps, flat views, accesses; and the
 * object-level parts (address-space, device regions, ram/rom/memory-alias).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "core/log.h"
#include "memory/memory.h"
#include "hw/core/device.h"
#include "hw/types.h"

/* ---- helpers ------------------------------------------------------------- */

static void ram_init(MemRegion *mr, const char *name, RegionKind kind,
                     uint64_t size)
{
    Error *err = NULL;
    memory_region_init(mr, NULL, name, kind, size);
    g_assert_true(memory_region_alloc(mr, &err));
    g_assert_null(err);
}

static void map_ok(MemRegion *c, uint64_t addr, MemRegion *mr, int prio)
{
    Error *err = NULL;
    g_assert_true(memory_map(c, addr, mr, prio, &err));
    g_assert_null(err);
}

/* Expect a map to fail with a message containing what. */
static void map_fails(MemRegion *c, uint64_t addr, MemRegion *mr, int prio,
                      const char *what)
{
    Error *err = NULL;
    g_assert_false(memory_map(c, addr, mr, prio, &err));
    g_assert_nonnull(err);
    if (!strstr(err->msg, what)) {
        g_printerr("unexpected error: %s\n", err->msg);
        g_assert_not_reached();
    }
    error_free(err);
}

/* The region shown at addr (NULL when unmapped). */
static MemRegion *at(AddressSpace *as, uint64_t addr)
{
    const FlatRange *r = addrspace_lookup(as, addr);
    return r ? r->mr : NULL;
}

/* The offset into that region that addr shows. */
static uint64_t off_at(AddressSpace *as, uint64_t addr)
{
    const FlatRange *r = addrspace_lookup(as, addr);
    g_assert_nonnull(r);
    return r->offset + (addr - r->start);
}

static void new_as(AddressSpace *as)
{
    memset(as, 0, sizeof(*as));
    addrspace_init(as, NULL);
}

/* A device with 16 32-bit registers that records its last access. */
typedef struct Regs {
    uint32_t r[16];
    uint64_t last_off;
    unsigned last_size, reads, writes;
} Regs;

static uint64_t regs_read(void *opaque, uint64_t off, unsigned size)
{
    Regs *s = opaque;
    s->last_off = off;
    s->last_size = size;
    s->reads++;
    return s->r[(off / 4) % 16];
}

static void regs_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    Regs *s = opaque;
    s->last_off = off;
    s->last_size = size;
    s->writes++;
    s->r[(off / 4) % 16] = (uint32_t)v;
}

static const MemOps regs_ops = {
    .read = regs_read, .write = regs_write, .min_size = 4, .max_size = 4,
};

/* A device that accepts any size and returns the offset as value. */
static uint64_t echo_read(void *opaque, uint64_t off, unsigned size)
{
    Regs *s = opaque;
    s->reads++;
    s->last_off = off;
    s->last_size = size;
    return 0x1111111111111111ull * (off & 0xf);
}

static const MemOps echo_ops = { .read = echo_read };

static void mmio_init(MemRegion *mr, const char *name, const MemOps *ops,
                      void *opaque, uint64_t size)
{
    memory_region_init(mr, NULL, name, REGION_MMIO, size);
    mr->ops = ops;
    mr->opaque = opaque;
}

/* ---- maps and views -------------------------------------------------------- */

static void test_map_basic(void)
{
    AddressSpace as;
    MemRegion ram;
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 0x1000);
    g_assert_null(at(&as, 0));
    map_ok(&as.root, 0x80000000, &ram, 0);
    const FlatView *v = addrspace_view(&as);
    g_assert_cmpuint(v->n, ==, 1);
    g_assert_cmpuint(v->r[0].start, ==, 0x80000000);
    g_assert_cmpuint(v->r[0].last, ==, 0x80000fff);
    g_assert_true(at(&as, 0x80000fff) == &ram);
    g_assert_null(at(&as, 0x80001000));
    g_assert_null(at(&as, 0x7fffffff));
    g_assert_null(at(&as, UINT64_MAX));
    addrspace_finalize(&as);
    g_assert_null(ram.container);
    memory_region_finalize(&ram);
}

static void test_priority_overlap(void)
{
    AddressSpace as;
    MemRegion ram, hi, lo;
    Regs regs = { 0 };
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 0x4000);
    mmio_init(&hi, "hi", &regs_ops, &regs, 0x1000);
    mmio_init(&lo, "lo", &regs_ops, &regs, 0x2000);
    map_ok(&as.root, 0x1000, &hi, 1);   /* mapped first, higher priority */
    map_ok(&as.root, 0, &ram, 0);
    map_ok(&as.root, 0x3000, &lo, -1);  /* under ram, sticks out above it */
    const FlatView *v = addrspace_view(&as);
    g_assert_cmpuint(v->n, ==, 4);
    g_assert_true(at(&as, 0x0fff) == &ram);
    g_assert_true(at(&as, 0x1000) == &hi);
    g_assert_true(at(&as, 0x2000) == &ram);
    g_assert_cmpuint(off_at(&as, 0x2000), ==, 0x2000);
    g_assert_true(at(&as, 0x3fff) == &ram);
    g_assert_true(at(&as, 0x4000) == &lo);
    g_assert_cmpuint(off_at(&as, 0x4000), ==, 0x1000);
    g_assert_null(at(&as, 0x5000));
    addrspace_finalize(&as);
    memory_region_finalize(&ram);
}

static void test_equal_priority_order(void)
{
    AddressSpace as;
    MemRegion a, b;
    new_as(&as);
    ram_init(&a, "a", REGION_RAM, 0x2000);
    ram_init(&b, "b", REGION_RAM, 0x1000);
    map_ok(&as.root, 0x0, &a, 0);
    map_ok(&as.root, 0x1000, &b, 0);
    g_assert_true(at(&as, 0x1000) == &b);   /* the later mapping wins */
    memory_unmap(&a);
    map_ok(&as.root, 0x0, &a, 0);           /* remapped: now the later one */
    g_assert_true(at(&as, 0x1000) == &a);
    g_assert_cmpuint(addrspace_view(&as)->n, ==, 1);
    memory_unmap(&a);
    g_assert_true(at(&as, 0x1000) == &b);
    g_assert_null(at(&as, 0x0));
    addrspace_finalize(&as);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
}

static void test_nested_containers(void)
{
    AddressSpace as;
    MemRegion bus, inner, ram, low, big, dev;
    Regs regs = { 0 };
    new_as(&as);
    memory_region_init(&bus, NULL, "bus", REGION_CONTAINER, 0x10000);
    memory_region_init(&inner, NULL, "inner", REGION_CONTAINER, 0x2000);
    ram_init(&ram, "ram", REGION_RAM, 0x1000);
    ram_init(&low, "low", REGION_RAM, 0x100000);
    ram_init(&big, "big", REGION_RAM, 0x3000);
    mmio_init(&dev, "dev", &regs_ops, &regs, 0x100);

    map_ok(&as.root, 0x10000, &bus, 1);
    map_ok(&as.root, 0, &low, 0);            /* shows through the gaps */
    map_ok(&bus, 0x4000, &inner, 0);
    map_ok(&inner, 0x1000, &ram, 0);
    map_ok(&inner, 0x10, &dev, 0);
    /* A region must fit its container: containers clip by construction. */
    map_fails(&inner, 0x0, &big, 0, "does not fit");
    map_fails(&inner, 0x1f00, &dev, 0, "already mapped");
    map_fails(&as.root, 0, &inner, 0, "already mapped");
    map_fails(&inner, 0, &bus, 0, "into itself");
    map_fails(&ram, 0, &dev, 0, "not a container");

    g_assert_true(at(&as, 0x14000) == &low);
    g_assert_true(at(&as, 0x14010) == &dev);
    g_assert_cmpuint(off_at(&as, 0x14010), ==, 0);
    g_assert_true(at(&as, 0x15000) == &ram);
    g_assert_true(at(&as, 0x15fff) == &ram);
    g_assert_true(at(&as, 0x16000) == &low);
    g_assert_cmpuint(off_at(&as, 0x16000), ==, 0x16000);

    /* Moving the inner container moves what it holds. */
    memory_unmap(&inner);
    map_ok(&bus, 0x8000, &inner, 0);
    g_assert_true(at(&as, 0x15000) == &low);
    g_assert_true(at(&as, 0x19000) == &ram);

    /* An alias of a container, clipped to the alias' size. */
    MemRegion win;
    memory_region_init(&win, NULL, "win", REGION_ALIAS, 0x1800);
    memory_region_set_alias(&win, &inner, 0x800);
    map_ok(&as.root, 0x200000, &win, 0);
    g_assert_null(at(&as, 0x200000));        /* inner's gap: transparent */
    g_assert_true(at(&as, 0x200800) == &ram);
    g_assert_cmpuint(off_at(&as, 0x200800), ==, 0);
    g_assert_true(at(&as, 0x2017ff) == &ram);
    g_assert_cmpuint(off_at(&as, 0x2017ff), ==, 0xfff);
    g_assert_null(at(&as, 0x201800));

    addrspace_finalize(&as);
    memory_region_finalize(&win);
    memory_region_finalize(&bus);
    memory_region_finalize(&inner);
    memory_region_finalize(&ram);
    memory_region_finalize(&low);
    memory_region_finalize(&big);
    memory_region_finalize(&dev);
}

static void test_alias(void)
{
    AddressSpace as;
    MemRegion ram, a1, a2;
    uint64_t v;
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 0x1000);
    memory_region_init(&a1, NULL, "a1", REGION_ALIAS, 0x100);
    memory_region_set_alias(&a1, &ram, 0x200);
    memory_region_init(&a2, NULL, "a2", REGION_ALIAS, 0x100);
    memory_region_set_alias(&a2, &a1, 0x80);  /* an alias of an alias */
    map_ok(&as.root, 0x1000, &ram, 0);
    map_ok(&as.root, 0x8000, &a1, 0);
    map_ok(&as.root, 0x9000, &a2, 0);
    g_assert_true(addrspace_st(&as, 0x8010, 4, 0xdeadbeef));
    g_assert_true(addrspace_ld(&as, 0x1210, 4, &v));
    g_assert_cmphex(v, ==, 0xdeadbeef);
    g_assert_true(addrspace_st(&as, 0x9000, 2, 0x1234));
    g_assert_cmphex(ram.host[0x280], ==, 0x34);
    /* a2 is clipped to what a1 shows: 0x80 bytes */
    g_assert_true(at(&as, 0x907f) == &ram);
    g_assert_null(at(&as, 0x9080));
    /* An alias loop (a container showing itself) renders, not hangs. */
    MemRegion c, loop1, loop2;
    memory_region_init(&c, NULL, "c", REGION_CONTAINER, 0x10000);
    memory_region_init(&loop1, NULL, "loop1", REGION_ALIAS, 0x8000);
    memory_region_init(&loop2, NULL, "loop2", REGION_ALIAS, 0x8000);
    memory_region_set_alias(&loop1, &c, 0);
    memory_region_set_alias(&loop2, &c, 0);
    map_ok(&c, 0, &loop1, 0);
    map_ok(&c, 0x8000, &loop2, 0);
    memory_unmap(&a1);
    map_ok(&c, 0x4000, &a1, 1);
    map_ok(&as.root, 0x100000, &c, 0);
    g_assert_true(at(&as, 0x104000) == &ram);
    g_assert_null(at(&as, 0x10c000));           /* the loop shows nothing */
    memory_region_finalize(&c);
    memory_region_finalize(&loop1);
    memory_region_finalize(&loop2);
    g_assert_null(a1.container);
    map_ok(&as.root, 0x8000, &a1, 0);

    /* Retargeting an alias changes the view. */
    memory_region_set_alias(&a1, &ram, 0);
    g_assert_cmpuint(off_at(&as, 0x8000), ==, 0);
    addrspace_finalize(&as);
    memory_region_finalize(&a2);
    memory_region_finalize(&a1);
    memory_region_finalize(&ram);
}

static void test_view_cached(void)
{
    AddressSpace as;
    MemRegion a, b;
    new_as(&as);
    ram_init(&a, "a", REGION_RAM, 0x1000);
    ram_init(&b, "b", REGION_RAM, 0x1000);
    map_ok(&as.root, 0, &a, 0);
    addrspace_view(&as);
    uint64_t renders = as.renders, gen = as.view.gen;
    for (int i = 0; i < 100; i++) {
        g_assert_true(at(&as, i * 0x100) == (i < 0x10 ? &a : NULL));
        addrspace_view(&as);
    }
    g_assert_cmpuint(as.renders, ==, renders);
    g_assert_cmpuint(as.view.gen, ==, gen);
    /* Several changes, one render, on the next use. */
    map_ok(&as.root, 0x1000, &b, 0);
    memory_unmap(&b);
    map_ok(&as.root, 0x2000, &b, 0);
    g_assert_cmpuint(as.renders, ==, renders);
    g_assert_true(at(&as, 0x2000) == &b);
    g_assert_cmpuint(as.renders, ==, renders + 1);
    g_assert_cmpuint(as.view.gen, >, gen);
    g_assert_cmpuint(as.view.gen, ==, memory_map_gen());
    addrspace_finalize(&as);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
}

/* ---- accesses -------------------------------------------------------------- */

static void test_host_ptr(void)
{
    AddressSpace as;
    MemRegion ram, rom, dev;
    Regs regs = { 0 };
    uint64_t avail;
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 0x1000);
    ram_init(&rom, "rom", REGION_ROM, 0x100);
    mmio_init(&dev, "dev", &regs_ops, &regs, 0x40);
    map_ok(&as.root, 0x1000, &ram, 0);
    map_ok(&as.root, 0x0, &rom, 0);
    map_ok(&as.root, 0x1800, &dev, 1);
    g_assert_true(addrspace_host_ptr(&as, 0x1010, true, &avail) == ram.host + 0x10);
    g_assert_cmpuint(avail, ==, 0x7f0);      /* up to the MMIO hole */
    g_assert_true(addrspace_host_ptr(&as, 0x1840, false, &avail) == ram.host + 0x840);
    g_assert_cmpuint(avail, ==, 0x7c0);
    g_assert_true(addrspace_host_ptr(&as, 0x10, false, &avail) == rom.host + 0x10);
    g_assert_cmpuint(avail, ==, 0xf0);
    g_assert_null(addrspace_host_ptr(&as, 0x10, true, &avail));
    g_assert_cmpuint(avail, ==, 0);
    g_assert_null(addrspace_host_ptr(&as, 0x1800, false, &avail));
    g_assert_null(addrspace_host_ptr(&as, 0x100, false, NULL));
    addrspace_finalize(&as);
    memory_region_finalize(&ram);
    memory_region_finalize(&rom);
    memory_region_finalize(&dev);
}

static void test_ld_st(void)
{
    AddressSpace as;
    MemRegion a, b;
    uint64_t v;
    new_as(&as);
    ram_init(&a, "a", REGION_RAM, 0x1000);
    ram_init(&b, "b", REGION_RAM, 0x1000);
    map_ok(&as.root, 0x0, &a, 0);
    map_ok(&as.root, 0x1000, &b, 0);     /* adjacent: a straddle crosses */
    static const unsigned sizes[] = { 1, 2, 4, 8 };
    for (unsigned i = 0; i < 4; i++) {
        unsigned sz = sizes[i];
        uint64_t mask = sz == 8 ? UINT64_MAX : (1ull << (8 * sz)) - 1;
        uint64_t val = 0x8877665544332211ull & mask;
        for (uint64_t addr = 0x1000 - sz - 1; addr <= 0x1001; addr++) {
            g_assert_true(addrspace_st(&as, addr, sz, val));
            g_assert_true(addrspace_ld(&as, addr, sz, &v));
            g_assert_cmphex(v, ==, val);
            /* little-endian: the low byte first */
            uint8_t byte;
            g_assert_true(addrspace_read(&as, addr, &byte, 1));
            g_assert_cmphex(byte, ==, 0x11);
        }
    }
    /* The straddling store really went to both regions. */
    g_assert_true(addrspace_st(&as, 0xffc, 8, 0x0807060504030201ull));
    g_assert_cmphex(a.host[0xfff], ==, 0x04);
    g_assert_cmphex(b.host[0x0], ==, 0x05);
    g_assert_cmphex(b.host[0x3], ==, 0x08);
    /* A bad size is refused, not a crash. */
    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_false(addrspace_ld(&as, 0, 3, &v));
    g_assert_cmpuint(v, ==, 0);
    g_assert_false(addrspace_st(&as, 0, 16, 1));
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 2);

    /* Buffers across regions and into a hole. */
    uint8_t buf[0x20], out[0x20];
    for (int i = 0; i < 0x20; i++) {
        buf[i] = (uint8_t)(i + 1);
    }
    g_assert_true(addrspace_write(&as, 0xff0, buf, sizeof(buf)));
    g_assert_true(addrspace_read(&as, 0xff0, out, sizeof(out)));
    g_assert_cmpmem(buf, sizeof(buf), out, sizeof(out));
    g_assert_false(addrspace_read(&as, 0x1ff0, out, sizeof(out)));
    g_assert_cmphex(out[0], ==, b.host[0xff0]);
    g_assert_cmphex(out[0x1f], ==, 0);
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 3);
    /* Straddling into the hole: the mapped part is written. */
    g_assert_false(addrspace_st(&as, 0x1ffe, 4, 0xaabbccdd));
    g_assert_cmphex(b.host[0xffe], ==, 0xdd);
    g_assert_cmphex(b.host[0xfff], ==, 0xcc);
    g_assert_false(addrspace_ld(&as, 0x1ffe, 4, &v));
    g_assert_cmphex(v, ==, 0xccdd);
    addrspace_finalize(&as);
    memory_region_finalize(&a);
    memory_region_finalize(&b);
}

static void test_mmio(void)
{
    AddressSpace as;
    MemRegion dev, echo, ram;
    Regs regs = { 0 }, eregs = { 0 };
    uint64_t v;
    new_as(&as);
    mmio_init(&dev, "dev", &regs_ops, &regs, 0x40);
    mmio_init(&echo, "echo", &echo_ops, &eregs, 0x10);
    ram_init(&ram, "ram", REGION_RAM, 0x10);
    map_ok(&as.root, 0x10000, &dev, 0);
    map_ok(&as.root, 0x20000, &echo, 0);
    map_ok(&as.root, 0x1fff0, &ram, 0);

    g_assert_true(addrspace_st(&as, 0x10008, 4, 0x12345678));
    g_assert_cmpuint(regs.last_off, ==, 8);
    g_assert_cmpuint(regs.last_size, ==, 4);
    g_assert_cmphex(regs.r[2], ==, 0x12345678);
    g_assert_true(addrspace_ld(&as, 0x10008, 4, &v));
    g_assert_cmphex(v, ==, 0x12345678);

    /* Sizes outside [min_size, max_size]: logged, 0 read, write dropped. */
    unsigned long errs = log_count(LOG_GUEST_ERROR);
    unsigned writes = regs.writes, reads = regs.reads;
    g_assert_false(addrspace_ld(&as, 0x10008, 1, &v));
    g_assert_cmpuint(v, ==, 0);
    g_assert_false(addrspace_ld(&as, 0x10008, 8, &v));
    g_assert_false(addrspace_st(&as, 0x10008, 2, 0xffff));
    g_assert_cmphex(regs.r[2], ==, 0x12345678);
    g_assert_cmpuint(regs.writes, ==, writes);
    g_assert_cmpuint(regs.reads, ==, reads);
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 3);

    /* A buffer access is split into sizes the device takes. */
    uint8_t buf[8] = { 1, 0, 0, 0, 2, 0, 0, 0 };
    g_assert_true(addrspace_write(&as, 0x10000, buf, 8));
    g_assert_cmpuint(regs.r[0], ==, 1);
    g_assert_cmpuint(regs.r[1], ==, 2);
    g_assert_cmpuint(regs.writes, ==, writes + 2);

    /* No write callback: the write is a logged guest error. */
    g_assert_false(addrspace_st(&as, 0x20000, 4, 1));
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 4);

    /* Straddling RAM and MMIO: each side gets its part. */
    ram.host[0xe] = 0xaa;
    ram.host[0xf] = 0xbb;
    g_assert_true(addrspace_ld(&as, 0x1fffe, 4, &v));
    g_assert_cmphex(v, ==, 0x0000bbaa);     /* echo offset 0: 0x00 bytes */
    g_assert_true(addrspace_ld(&as, 0x20004, 2, &v));
    g_assert_cmpuint(eregs.last_off, ==, 4);
    g_assert_cmpuint(eregs.last_size, ==, 2);
    g_assert_cmphex(v, ==, 0x4444);

    addrspace_finalize(&as);
    memory_region_finalize(&dev);
    memory_region_finalize(&echo);
    memory_region_finalize(&ram);
}

static void test_rom_and_load(void)
{
    AddressSpace as;
    MemRegion rom, dev;
    Regs regs = { 0 };
    Error *err = NULL;
    uint64_t v;
    new_as(&as);
    ram_init(&rom, "rom", REGION_ROM, 0x100);
    mmio_init(&dev, "dev", &regs_ops, &regs, 0x40);
    map_ok(&as.root, 0x1000, &rom, 0);
    map_ok(&as.root, 0x1100, &dev, 0);

    static const uint8_t image[] = { 0x13, 0x00, 0x00, 0x00, 0x6f, 0x00 };
    g_assert_true(addrspace_load(&as, 0x1000, image, sizeof(image), &err));
    g_assert_null(err);
    g_assert_true(addrspace_ld(&as, 0x1000, 4, &v));
    g_assert_cmphex(v, ==, 0x13);

    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_true(addrspace_st(&as, 0x1000, 4, 0xffffffff));
    g_assert_true(addrspace_write(&as, 0x1000, "xx", 2));
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 2);
    g_assert_true(addrspace_ld(&as, 0x1000, 4, &v));
    g_assert_cmphex(v, ==, 0x13);

    /* A load that runs into MMIO or a hole fails and writes nothing. */
    uint8_t big[0x110];
    memset(big, 0x55, sizeof(big));
    g_assert_false(addrspace_load(&as, 0x1000, big, sizeof(big), &err));
    g_assert_nonnull(strstr(err->msg, "no RAM or ROM at 0x1100"));
    error_free(err);
    err = NULL;
    g_assert_cmphex(rom.host[0], ==, 0x13);
    g_assert_false(addrspace_load(&as, 0x5000, big, 1, &err));
    error_free(err);
    g_assert_cmpuint(regs.writes, ==, 0);
    addrspace_finalize(&as);
    memory_region_finalize(&rom);
    memory_region_finalize(&dev);
}

static void test_unmapped(void)
{
    AddressSpace as;
    uint64_t v = 1;
    uint8_t buf[4] = { 1, 2, 3, 4 };
    new_as(&as);
    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_false(addrspace_ld(&as, 0x1234, 8, &v));
    g_assert_cmpuint(v, ==, 0);
    g_assert_false(addrspace_st(&as, UINT64_MAX, 1, 1));
    g_assert_false(addrspace_read(&as, UINT64_MAX - 1, buf, 4)); /* wraps */
    g_assert_cmpuint(buf[0] | buf[1] | buf[2] | buf[3], ==, 0);
    g_assert_false(addrspace_write(&as, 0, buf, 4));
    g_assert_null(addrspace_host_ptr(&as, 0, false, NULL));
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), >=, errs + 4);

    /* RAM mapped before it has backing: a guest error, not a crash. */
    MemRegion ram;
    memory_region_init(&ram, NULL, "ram", REGION_RAM, 0x1000);
    map_ok(&as.root, 0, &ram, 0);
    errs = log_count(LOG_GUEST_ERROR);
    g_assert_false(addrspace_ld(&as, 0, 4, &v));
    g_assert_false(addrspace_st(&as, 0, 4, v));
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 2);
    addrspace_finalize(&as);
    memory_region_finalize(&ram);
}

static void test_errors_and_sizes(void)
{
    AddressSpace as;
    MemRegion ram, empty, c;
    Error *err = NULL;
    new_as(&as);
    memory_region_init(&empty, NULL, "empty", REGION_RAM, 0);
    map_fails(&as.root, 0, &empty, 0, "empty");
    g_assert_false(memory_region_alloc(&empty, &err));
    error_free(err);
    err = NULL;
    /* Sizes can change until backing exists, if the map still fits. */
    memory_region_init(&c, NULL, "c", REGION_CONTAINER, 0x2000);
    memory_region_init(&ram, NULL, "ram", REGION_RAM, 0x800);
    map_ok(&c, 0x1000, &ram, 0);
    g_assert_false(memory_region_set_size(&ram, 0x1001, &err));
    g_assert_nonnull(strstr(err->msg, "does not fit"));
    error_free(err);
    err = NULL;
    g_assert_true(memory_region_set_size(&ram, 0x1000, &err));
    g_assert_true(memory_region_alloc(&ram, &err));
    g_assert_false(memory_region_set_size(&ram, 0x400, &err));
    error_free(err);
    /* A region ending at the very top of the space. */
    map_ok(&as.root, UINT64_MAX - 0x1fff, &c, 0);
    g_assert_true(at(&as, UINT64_MAX - 0x800) == &ram);
    g_assert_true(at(&as, UINT64_MAX) == &ram);
    uint64_t v, avail;
    g_assert_true(addrspace_st(&as, UINT64_MAX - 7, 8, 42));
    g_assert_true(addrspace_ld(&as, UINT64_MAX - 7, 8, &v));
    g_assert_cmpuint(v, ==, 42);
    g_assert_nonnull(addrspace_host_ptr(&as, UINT64_MAX, false, &avail));
    g_assert_cmpuint(avail, ==, 1);
    map_fails(&as.root, 1, &empty, 0, "empty");
    addrspace_finalize(&as);
    memory_region_finalize(&c);
    memory_region_finalize(&ram);
    memory_region_finalize(&empty);
}

static void test_destroy_mapped(void)
{
    AddressSpace as;
    MemRegion c, ram, ram2, alias;
    new_as(&as);
    memory_region_init(&c, NULL, "c", REGION_CONTAINER, 0x10000);
    ram_init(&ram, "ram", REGION_RAM, 0x1000);
    ram_init(&ram2, "ram2", REGION_RAM, 0x1000);
    memory_region_init(&alias, NULL, "alias", REGION_ALIAS, 0x1000);
    memory_region_set_alias(&alias, &ram2, 0);
    map_ok(&as.root, 0x10000, &c, 0);
    map_ok(&c, 0, &ram, 0);
    map_ok(&as.root, 0x1000, &ram2, 0);
    map_ok(&as.root, 0x2000, &alias, 0);
    g_assert_cmpuint(addrspace_view(&as)->n, ==, 3);

    memory_region_finalize(&ram);              /* destroyed while mapped */
    g_assert_null(at(&as, 0x10000));
    g_assert_cmpuint(c.nsubs, ==, 0);
    map_fails(&c, 0, &ram2, 0, "already mapped");
    memory_unmap(&ram2);
    map_ok(&c, 0, &ram2, 0);
    g_assert_true(at(&as, 0x10000) == &ram2);
    g_assert_null(at(&as, 0x1000));
    memory_region_finalize(&c);                /* unmaps what it holds */
    g_assert_null(ram2.container);
    g_assert_null(at(&as, 0x10000));
    g_assert_true(at(&as, 0x2000) == &ram2);
    memory_region_finalize(&ram2);             /* the alias goes empty */
    g_assert_null(alias.alias);
    g_assert_null(at(&as, 0x2000));
    g_assert_cmpuint(addrspace_view(&as)->n, ==, 0);
    addrspace_finalize(&as);
    memory_region_finalize(&alias);
}

static void test_big_ram(void)
{
    AddressSpace as;
    MemRegion ram;
    uint64_t v;
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 4ull << 30);
    map_ok(&as.root, 0x80000000, &ram, 0);
    g_assert_true(addrspace_st(&as, 0x80000000 + (4ull << 30) - 8, 8, 7));
    g_assert_true(addrspace_ld(&as, 0x80000000 + (4ull << 30) - 8, 8, &v));
    g_assert_cmpuint(v, ==, 7);
    g_assert_true(addrspace_ld(&as, 0x90000000, 8, &v));
    g_assert_cmpuint(v, ==, 0);
    addrspace_finalize(&as);
    memory_region_finalize(&ram);
}

static void test_view_json(void)
{
    AddressSpace as;
    MemRegion ram, dev;
    Regs regs = { 0 };
    new_as(&as);
    ram_init(&ram, "ram", REGION_RAM, 0x2000);
    mmio_init(&dev, "dev", &regs_ops, &regs, 0x100);
    map_ok(&as.root, 0x1000, &ram, 0);
    map_ok(&as.root, 0x1f00, &dev, 1);
    json_t *j = addrspace_view_json(&as);
    char *s = json_dumps(j, JSON_COMPACT);
    g_assert_cmpstr(s, ==,
        "[{\"base\":4096,\"last\":7935,\"kind\":\"ram\",\"owner\":null,\"region\":\"ram\",\"offset\":0},"
        "{\"base\":7936,\"last\":8191,\"kind\":\"mmio\",\"owner\":null,\"region\":\"dev\",\"offset\":0},"
        "{\"base\":8192,\"last\":12287,\"kind\":\"ram\",\"owner\":null,\"region\":\"ram\",\"offset\":4096}]");
    free(s);
    json_decref(j);
    addrspace_finalize(&as);
    memory_region_finalize(&ram);
    memory_region_finalize(&dev);
}

/* ---- objects --------------------------------------------------------------- */

/* A device with a fixed-size MMIO region, a reset hook and a child. */
typedef struct TDev {
    Device dev;
    uint32_t reg;
    int resets;
    void *seen_opaque;
    MemRegion regs;
    MemRegion win;      /* a container of a fixed size */
} TDev;

static uint64_t tdev_read(void *opaque, uint64_t off, unsigned size)
{
    TDev *s = opaque;
    s->seen_opaque = opaque;
    return off == 0 ? s->reg : 0;
}

static void tdev_write(void *opaque, uint64_t off, uint64_t v, unsigned size)
{
    TDev *s = opaque;
    s->seen_opaque = opaque;
    if (off == 0) {
        s->reg = (uint32_t)v;
    }
}

static const MemOps tdev_ops = { .read = tdev_read, .write = tdev_write,
                                 .min_size = 4, .max_size = 4 };

static void tdev_reset(Object *obj)
{
    TDev *s = (TDev *)obj;
    s->reg = 0x5a;
    s->resets++;
}

static const RegionDef tdev_regions[] = {
    { .name = "regs", .kind = REGION_MMIO, .offset = offsetof(TDev, regs),
      .size = 0x100, .ops = &tdev_ops, .doc = "registers" },
    { .name = "win", .kind = REGION_CONTAINER, .offset = offsetof(TDev, win),
      .size = 0x1000, .doc = "a bus window" },
    REGION_END
};

static const TypeInfo tdev_type = {
    .name = "test-dev", .parent = TYPE_DEVICE, .doc = "a test device",
    .instance_size = sizeof(TDev), .reset = tdev_reset,
    .regions = tdev_regions,
};

/* Drives reset lines. */
typedef struct TCtl {
    Object obj;
    Pin rst;
} TCtl;

static const PinDef tctl_pins[] = {
    PIN_OUT1("rst", PIN_RESET, TCtl, rst, "reset output"),
    PIN_END
};

static const TypeInfo tctl_type = {
    .name = "test-ctl", .parent = "object", .doc = "a reset controller",
    .instance_size = sizeof(TCtl), .pins = tctl_pins,
};

static const TypeInfo *const test_types[] = { &tdev_type, &tctl_type, NULL };

static Object *new_obj(Object *parent, const char *type, const char *name)
{
    Error *err = NULL;
    Object *o = object_new_child(parent, type, name, &err);
    g_assert_null(err);
    g_assert_nonnull(o);
    return o;
}

static void set(Object *obj, const char *prop, const char *value)
{
    Error *err = NULL;
    g_assert_true(object_prop_set_str(obj, prop, value, &err));
    g_assert_null(err);
}

static void realize_ok(Object *obj)
{
    Error *err = NULL;
    bool ok = object_realize(obj, &err);
    if (!ok) {
        g_printerr("realize failed: %s\n", err->msg);
    }
    g_assert_true(ok);
}

/* Realize must fail with a message containing each of the strings. */
static void realize_fails(Object *obj, const char *a, const char *b)
{
    Error *err = NULL;
    g_assert_false(object_realize(obj, &err));
    g_assert_nonnull(err);
    if (!strstr(err->msg, a) || (b && !strstr(err->msg, b))) {
        g_printerr("unexpected error: %s\n", err->msg);
        g_assert_not_reached();
    }
    g_assert_false(object_is_realized(obj));
    error_free(err);
}

static MemRegion *region(Object *obj, const char *name)
{
    Error *err = NULL;
    MemRegion *mr = memory_region_of(obj, name, &err);
    g_assert_null(err);
    return mr;
}

static void test_obj_ram(void)
{
    Object *root = object_new_root();
    Object *aso = new_obj(root, TYPE_ADDRESS_SPACE, "sysmem");
    AddressSpace *as = (AddressSpace *)aso;
    Object *ram = new_obj(root, "ram", "ram0");
    uint64_t v;
    realize_ok(aso);
    realize_fails(ram, "/ram0: ", "set property 'size'");
    set(ram, "size", "64K");
    realize_ok(ram);
    MemRegion *mem = region(ram, "mem");
    g_assert_cmpuint(mem->size, ==, 64 * 1024);
    g_assert_true(mem->owner == ram);
    map_ok(region(aso, "root"), 0x80000000, mem, 0);
    g_assert_true(addrspace_st(as, 0x80000010, 4, 0xcafe));
    g_assert_true(addrspace_ld(as, 0x80000010, 4, &v));
    g_assert_cmphex(v, ==, 0xcafe);

    json_t *j = addrspace_view_json(as);
    char *s = json_dumps(j, JSON_COMPACT);
    g_assert_cmpstr(s, ==, "[{\"base\":2147483648,\"last\":2147549183,"
                    "\"kind\":\"ram\",\"owner\":\"/ram0\",\"region\":\"mem\","
                    "\"offset\":0}]");
    free(s);
    json_decref(j);

    /* The size is fixed once realized. */
    Error *err = NULL;
    g_assert_false(object_prop_set_str(ram, "size", "128K", &err));
    error_free(err);

    /* Unrealize frees and shows nothing but keeps the mapping; realize
     * again gives fresh zeroed RAM at the same place. */
    object_unrealize(ram);
    g_assert_true(mem->container == &as->root);
    g_assert_null(mem->host);
    g_assert_null(addrspace_lookup(as, 0x80000010));
    g_assert_true(object_prop_set_str(ram, "size", "128K", NULL));
    realize_ok(ram);
    g_assert_cmpuint(mem->size, ==, 128 * 1024);
    g_assert_true(addrspace_ld(as, 0x80000010, 4, &v));
    g_assert_cmphex(v, ==, 0);
    g_assert_nonnull(addrspace_lookup(as, 0x80000000 + 128 * 1024 - 1));

    /* Mapped before realize: unsized, it shows nothing; a realized region
     * must have a size. */
    Object *late = object_new_child(root, "ram", "late", NULL);
    g_assert_true(object_prop_set_str(late, "size", "4K", NULL));
    map_ok(&as->root, 0x1000, region(late, "mem"), 0);
    g_assert_null(addrspace_lookup(as, 0x1000));
    realize_ok(late);
    g_assert_nonnull(addrspace_lookup(as, 0x1fff));
    object_destroy(late);

    /* Destroyed while mapped: the map forgets it. */
    object_destroy(ram);
    g_assert_null(addrspace_lookup(as, 0x80000010));
    g_assert_cmpuint(addrspace_view(as)->n, ==, 0);
    object_destroy(root);
}

static void test_obj_big_ram(void)
{
    Object *root = object_new_root();
    Object *ram = new_obj(root, "ram", "ram0");
    set(ram, "size", "4G");
    realize_ok(ram);       /* costs nothing until touched */
    g_assert_cmpuint(region(ram, "mem")->size, ==, 4ull << 30);
    object_destroy(root);
}

static void test_obj_rom(void)
{
    Object *root = object_new_root();
    Object *aso = new_obj(root, TYPE_ADDRESS_SPACE, "sysmem");
    AddressSpace *as = (AddressSpace *)aso;
    Error *err = NULL;
    uint64_t v;
    char *file = NULL;
    int fd = g_file_open_tmp("hemu-rom-XXXXXX", &file, NULL);
    g_assert_cmpint(fd, >=, 0);
    close(fd);
    static const char image[] = "\x13\x05\x00\x00\x73\x00\x10\x00";
    g_assert_true(g_file_set_contents(file, image, 8, NULL));

    /* Neither size nor file. */
    Object *rom = new_obj(root, "rom", "rom0");
    realize_fails(rom, "/rom0: ", "set property 'size'");

    /* The file alone gives the size. */
    set(rom, "file", file);
    realize_ok(rom);
    MemRegion *mem = region(rom, "mem");
    g_assert_cmpuint(mem->size, ==, 8);
    map_ok(&as->root, 0x1000, mem, 0);
    g_assert_true(addrspace_ld(as, 0x1004, 4, &v));
    g_assert_cmphex(v, ==, 0x00100073);
    unsigned long errs = log_count(LOG_GUEST_ERROR);
    addrspace_st(as, 0x1000, 4, 0);
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 1);
    g_assert_true(addrspace_ld(as, 0x1000, 4, &v));
    g_assert_cmphex(v, ==, 0x513);

    /* A size bigger than the file: the rest is zero. */
    Object *rom1 = new_obj(root, "rom", "rom1");
    set(rom1, "file", file);
    set(rom1, "size", "4K");
    realize_ok(rom1);
    g_assert_cmpuint(region(rom1, "mem")->size, ==, 4096);
    g_assert_cmphex(region(rom1, "mem")->host[0], ==, 0x13);
    g_assert_cmphex(region(rom1, "mem")->host[8], ==, 0);

    /* The file is bigger than the ROM. */
    Object *rom2 = new_obj(root, "rom", "rom2");
    set(rom2, "file", file);
    set(rom2, "size", "4");
    realize_fails(rom2, "/rom2: ", file);
    g_assert_false(object_realize(rom2, &err));
    g_assert_nonnull(strstr(err->msg, "is 8 bytes"));
    g_assert_nonnull(strstr(err->msg, "(4 bytes)"));
    error_free(err);

    /* A file that does not exist. */
    Object *rom3 = new_obj(root, "rom", "rom3");
    set(rom3, "file", "/nonexistent/fw.bin");
    realize_fails(rom3, "/rom3: ", "/nonexistent/fw.bin");

    g_unlink(file);
    g_free(file);
    object_destroy(root);
}

static void test_obj_alias(void)
{
    Object *root = object_new_root();
    Object *as0 = new_obj(root, TYPE_ADDRESS_SPACE, "as0");
    Object *as1 = new_obj(root, TYPE_ADDRESS_SPACE, "as1");
    Object *ram = new_obj(root, "ram", "shared");
    Object *al = new_obj(root, "memory-alias", "shared-alias");
    Object *dev = new_obj(root, "test-dev", "dev");
    uint64_t v;
    set(ram, "size", "1M");
    realize_ok(as0);
    realize_ok(as1);
    realize_ok(ram);
    realize_ok(dev);

    /* No target; bad region names; ranges that do not fit. */
    realize_fails(al, "/shared-alias: ", "set property 'target'");
    set(al, "target", "/shared");
    set(al, "target-region", "mme");
    realize_fails(al, "/shared has no region 'mme'", "did you mean 'mem'");
    set(al, "target-region", "mem");
    set(al, "offset", "0x100000");
    realize_fails(al, "offset 0x100000 is beyond the end of /shared:mem", NULL);
    set(al, "offset", "0x80000");
    set(al, "size", "0x80001");
    realize_fails(al, "runs past the end of /shared:mem", NULL);
    set(al, "target", "/dev");
    set(al, "target-region", "");
    realize_fails(al, "set property 'target-region'", "2 regions");

    /* Upper half of the RAM, seen at 0 by as1; as0 sees all at 1M. */
    set(al, "target", "/shared");
    set(al, "size", "0");
    realize_ok(al);
    MemRegion *win = region(al, "alias");
    g_assert_cmpuint(win->size, ==, 0x80000);
    map_ok(region(as0, "root"), 0x100000, region(ram, "mem"), 0);
    map_ok(region(as1, "root"), 0, win, 0);
    g_assert_true(addrspace_st((AddressSpace *)as0, 0x180008, 8, 0x1122334455667788ull));
    g_assert_true(addrspace_ld((AddressSpace *)as1, 8, 8, &v));
    g_assert_cmphex(v, ==, 0x1122334455667788ull);
    g_assert_true(addrspace_host_ptr((AddressSpace *)as1, 8, true, NULL) ==
                  addrspace_host_ptr((AddressSpace *)as0, 0x180008, true, NULL));

    /* An alias of an address space's root (a container). */
    Object *al2 = new_obj(root, "memory-alias", "as0-window");
    set(al2, "target", "/as0");
    set(al2, "offset", "0x100000");
    set(al2, "size", "0x1000");
    realize_ok(al2);
    map_ok(region(as1, "root"), 0x10000000, region(al2, "alias"), 0);
    g_assert_true(addrspace_ld((AddressSpace *)as1, 0x10000000, 8, &v));
    g_assert_cmphex(v, ==, ((uint64_t *)region(ram, "mem")->host)[0]);

    /* The target goes away: the alias shows nothing, nothing dangles. */
    object_destroy(ram);
    g_assert_null(addrspace_lookup((AddressSpace *)as1, 8));
    g_assert_null(win->alias);
    g_assert_false(addrspace_ld((AddressSpace *)as1, 8, 8, &v));
    object_destroy(root);
}

static void test_obj_device_regions(void)
{
    Object *root = object_new_root();
    Object *aso = new_obj(root, TYPE_ADDRESS_SPACE, "sysmem");
    AddressSpace *as = (AddressSpace *)aso;
    Object *dev = new_obj(root, "test-dev", "dev");
    Object *ram = new_obj(root, "ram", "ram0");
    Error *err = NULL;
    uint64_t v;

    /* Lookup errors name the path and list the valid names. */
    g_assert_null(memory_region_of(dev, "reg", &err));
    g_assert_cmpstr(err->msg, ==, "/dev has no region 'reg' (did you mean "
                    "'regs'?); its regions: 'regs', 'win'");
    error_free(err);
    err = NULL;
    g_assert_null(memory_region_of(root, "x", &err));
    g_assert_nonnull(strstr(err->msg, "has no regions"));
    error_free(err);

    /* Fixed-size regions exist from creation: they may be mapped early. */
    MemRegion *regs = region(dev, "regs");
    g_assert_cmpuint(regs->size, ==, 0x100);
    g_assert_true(regs->opaque == dev);
    map_ok(&as->root, 0x10000000, region(dev, "win"), 0);
    map_ok(region(dev, "win"), 0x200, regs, 0);
    realize_ok(dev);
    set(ram, "size", "4K");
    realize_ok(ram);
    map_ok(region(dev, "win"), 0x0, region(ram, "mem"), -1);  /* under regs */

    g_assert_true(addrspace_st(as, 0x10000200, 4, 0x77));
    g_assert_true(((TDev *)dev)->seen_opaque == dev);
    g_assert_cmphex(((TDev *)dev)->reg, ==, 0x77);
    g_assert_true(addrspace_ld(as, 0x10000300, 4, &v));  /* ram again */
    g_assert_true(addrspace_lookup(as, 0x10000300)->mr == region(ram, "mem"));

    /* Destroying the device unmaps its window and what was mapped in it. */
    object_destroy(dev);
    g_assert_null(region(ram, "mem")->container);
    g_assert_null(addrspace_lookup(as, 0x10000300));
    object_destroy(root);
}

static void test_obj_reset_pin(void)
{
    Object *root = object_new_root();
    Object *ctl = new_obj(root, "test-ctl", "ctl");
    Object *dev = new_obj(root, "test-dev", "dev");
    Object *sub = new_obj(dev, "test-dev", "sub");
    Error *err = NULL;
    realize_ok(dev);
    ((TDev *)dev)->reg = 1;
    ((TDev *)sub)->reg = 1;
    g_assert_true(pin_connect(ctl, "rst", 0, dev, "reset", 0, &err));
    g_assert_null(err);
    g_assert_false(dev->in_reset);
    pin_raise(&((TCtl *)ctl)->rst);
    g_assert_true(dev->in_reset);
    g_assert_cmpint(((TDev *)dev)->resets, ==, 1);
    g_assert_cmpint(((TDev *)sub)->resets, ==, 1);
    g_assert_cmphex(((TDev *)sub)->reg, ==, 0x5a);
    pin_lower(&((TCtl *)ctl)->rst);
    g_assert_false(dev->in_reset);
    g_assert_cmpint(((TDev *)dev)->resets, ==, 1);
    object_destroy(root);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    Error *err = NULL;
    if (!type_registry_init((const TypeInfo *const *const[]){
            core_types, memory_types, hw_types, test_types, NULL }, &err)) {
        g_printerr("%s\n", err->msg);
        return 1;
    }
    g_test_add_func("/memory/map-basic", test_map_basic);
    g_test_add_func("/memory/priority-overlap", test_priority_overlap);
    g_test_add_func("/memory/equal-priority-order", test_equal_priority_order);
    g_test_add_func("/memory/nested-containers", test_nested_containers);
    g_test_add_func("/memory/alias", test_alias);
    g_test_add_func("/memory/view-cached", test_view_cached);
    g_test_add_func("/memory/host-ptr", test_host_ptr);
    g_test_add_func("/memory/ld-st", test_ld_st);
    g_test_add_func("/memory/mmio", test_mmio);
    g_test_add_func("/memory/rom-and-load", test_rom_and_load);
    g_test_add_func("/memory/unmapped", test_unmapped);
    g_test_add_func("/memory/errors-and-sizes", test_errors_and_sizes);
    g_test_add_func("/memory/destroy-mapped", test_destroy_mapped);
    g_test_add_func("/memory/big-ram", test_big_ram);
    g_test_add_func("/memory/view-json", test_view_json);
    g_test_add_func("/memory/obj/ram", test_obj_ram);
    g_test_add_func("/memory/obj/big-ram", test_obj_big_ram);
    g_test_add_func("/memory/obj/rom", test_obj_rom);
    g_test_add_func("/memory/obj/alias", test_obj_alias);
    g_test_add_func("/memory/obj/device-regions", test_obj_device_regions);
    g_test_add_func("/memory/obj/reset-pin", test_obj_reset_pin);
    return g_test_run();
}
