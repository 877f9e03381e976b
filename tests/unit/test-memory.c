/* Unit tests for memory: regions, maps, flat views, accesses; and the
 * object-level parts (address-space, device regions, ram/rom/memory-alias).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/log.h"
#include "memory/memory.h"

/* Until the object model lands, regions here have no owner and no path. */
__attribute__((weak)) char *object_path(const Object *obj)
{
    return g_strdup("?");
}

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

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
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
    return g_test_run();
}
