/* Memory regions, maps, flat views and guest accesses (see memory.h and
 * docs/memory.md). A flat view is rendered painter-style: subregions in
 * priority order, each filling only the holes left by those before it.
 * SPDX-License-Identifier: MIT */
#include "memory/memory.h"

#include <inttypes.h>
#include <string.h>
#include <sys/mman.h>
#include <glib.h>

#include "core/log.h"
#include "core/size.h"

/* The map generation: a process-wide cache key for flat views, bumped by
 * every change of a map. Views compare it and re-render lazily. It holds no
 * device state, so two machines in one process stay independent. */
static uint64_t memory_gen = 1;

/* Backings at least this big come from anonymous mmap, so untouched RAM
 * costs no host memory; smaller ones from the heap (checked by ASan). */
#define MMAP_MIN (64 * 1024)

uint64_t memory_map_gen(void)
{
    return memory_gen;
}

static void changed(void)
{
    memory_gen++;
}

/* Offset of the last byte of mr; a container of size 0 spans 2^64. */
static uint64_t region_last(const MemRegion *mr)
{
    return mr->size ? mr->size - 1 : UINT64_MAX;
}

static const char *kind_name(RegionKind k)
{
    static const char *const names[] = {
        [REGION_RAM] = "ram", [REGION_ROM] = "rom", [REGION_MMIO] = "mmio",
        [REGION_CONTAINER] = "container", [REGION_ALIAS] = "alias",
    };
    return k <= REGION_ALIAS ? names[k] : "?";
}

char *memory_region_path(const MemRegion *mr)
{
    if (!mr->owner) {
        return g_strdup(mr->name ? mr->name : "(anonymous)");
    }
    g_autofree char *path = object_path(mr->owner);
    return g_strdup_printf("%s:%s", path, mr->name ? mr->name : "");
}

/* ---- Regions ------------------------------------------------------------ */

void memory_region_init(MemRegion *mr, Object *owner, const char *name,
                        RegionKind kind, uint64_t size)
{
    memset(mr, 0, sizeof(*mr));
    mr->owner = owner;
    mr->name = name;
    mr->kind = kind;
    mr->size = size;
    mr->opaque = owner;
}

bool memory_region_alloc(MemRegion *mr, Error **errp)
{
    g_autofree char *path = memory_region_path(mr);
    if (mr->kind != REGION_RAM && mr->kind != REGION_ROM) {
        error_setg(errp, "%s: a %s region has no backing", path,
                   kind_name(mr->kind));
        return false;
    }
    if (mr->host) {
        return true;
    }
    if (!mr->size) {
        error_setg(errp, "%s: cannot allocate an empty %s region", path,
                   kind_name(mr->kind));
        return false;
    }
    if (mr->size >= MMAP_MIN) {
        void *p = mmap(NULL, mr->size, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        mr->host = p == MAP_FAILED ? NULL : p;
    } else {
        mr->host = g_try_malloc0(mr->size);
    }
    if (!mr->host) {
        g_autofree char *sz = size_format(mr->size);
        error_setg(errp, "%s: cannot allocate %s of host memory", path, sz);
        return false;
    }
    changed();
    return true;
}

static void free_backing(MemRegion *mr)
{
    if (!mr->host) {
        return;
    }
    if (mr->size >= MMAP_MIN) {
        munmap(mr->host, mr->size);
    } else {
        g_free(mr->host);
    }
    mr->host = NULL;
}

static void alias_unlink(MemRegion *mr)
{
    MemRegion *t = mr->alias;
    if (!t) {
        return;
    }
    for (MemRegion **pp = &t->aliases; *pp; pp = &(*pp)->alias_next) {
        if (*pp == mr) {
            *pp = mr->alias_next;
            break;
        }
    }
    mr->alias = NULL;
    mr->alias_next = NULL;
}

void memory_region_finalize(MemRegion *mr)
{
    memory_unmap(mr);
    while (mr->nsubs) {
        memory_unmap(mr->subs[mr->nsubs - 1]);
    }
    g_free(mr->subs);
    mr->subs = NULL;
    mr->cap = 0;
    alias_unlink(mr);
    while (mr->aliases) {
        MemRegion *a = mr->aliases;
        mr->aliases = a->alias_next;
        a->alias = NULL;
        a->alias_next = NULL;
    }
    free_backing(mr);
    changed();
}

void memory_region_release(MemRegion *mr)
{
    free_backing(mr);
    if (mr->kind != REGION_CONTAINER) {
        mr->size = 0;
    }
    changed();
}

void memory_region_set_alias(MemRegion *mr, MemRegion *target, uint64_t offset)
{
    alias_unlink(mr);
    mr->alias = target;
    mr->alias_offset = offset;
    if (target) {
        mr->alias_next = target->aliases;
        target->aliases = mr;
    }
    changed();
}

bool memory_region_set_size(MemRegion *mr, uint64_t size, Error **errp)
{
    if (size == mr->size) {
        return true;
    }
    g_autofree char *path = memory_region_path(mr);
    if (mr->host) {
        error_setg(errp, "%s: cannot resize a region that has backing", path);
        return false;
    }
    /* a mapped region may go back to size 0 (unrealized: shows nothing) */
    if (mr->container && (size || mr->kind == REGION_CONTAINER)) {
        uint64_t cl = region_last(mr->container);
        uint64_t last = size ? size - 1 : UINT64_MAX;
        if (mr->addr > cl || last > cl - mr->addr) {
            error_setg(errp, "%s: size 0x%" PRIx64 " at 0x%" PRIx64
                       " does not fit its container", path, size, mr->addr);
            return false;
        }
    }
    mr->size = size;
    changed();
    return true;
}

/* ---- Maps --------------------------------------------------------------- */

bool memory_map(MemRegion *container, uint64_t addr, MemRegion *mr,
                int32_t priority, Error **errp)
{
    g_autofree char *path = memory_region_path(mr);
    if (container->kind != REGION_CONTAINER) {
        g_autofree char *cpath = memory_region_path(container);
        error_setg(errp, "cannot map %s into %s: not a container (it is %s)",
                   path, cpath, kind_name(container->kind));
        return false;
    }
    for (MemRegion *c = container; c; c = c->container) {
        if (c == mr) {
            error_setg(errp, "cannot map %s into itself", path);
            return false;
        }
    }
    if (mr->container) {
        g_autofree char *cpath = memory_region_path(mr->container);
        error_setg(errp, "%s is already mapped at 0x%" PRIx64 " in %s "
                   "(unmap it first, or map an alias)", path, mr->addr, cpath);
        return false;
    }
    /* A region whose owner is not realized yet may be mapped before it is
     * sized: it shows nothing until realize sizes it, and the size is
     * checked against the container then (memory_region_set_size). */
    bool unsized = !mr->size && mr->kind != REGION_CONTAINER;
    if (unsized && (!mr->owner || object_is_realized(mr->owner))) {
        error_setg(errp, "cannot map %s: it is empty (size 0)", path);
        return false;
    }
    uint64_t cl = region_last(container);
    uint64_t last = unsized ? 0 : region_last(mr);
    if (addr > cl || last > cl - addr) {
        g_autofree char *cpath = memory_region_path(container);
        error_setg(errp, "%s (size 0x%" PRIx64 ") does not fit at 0x%" PRIx64
                   " in %s (size 0x%" PRIx64 ")", path, mr->size, addr, cpath,
                   container->size);
        return false;
    }
    if (container->nsubs == container->cap) {
        container->cap = container->cap ? container->cap * 2 : 4;
        container->subs = g_renew(MemRegion *, container->subs, container->cap);
    }
    /* Keep subs sorted by priority, lowest first, the newest mapping last
     * among equal priorities (the last one wins): the usual mapping (equal
     * priorities) appends, and unmapping newest first takes from the end. */
    uint32_t i = container->nsubs;
    while (i > 0 && container->subs[i - 1]->priority > priority) {
        i--;
    }
    memmove(&container->subs[i + 1], &container->subs[i],
            (container->nsubs - i) * sizeof(MemRegion *));
    container->subs[i] = mr;
    container->nsubs++;
    mr->container = container;
    mr->addr = addr;
    mr->priority = priority;
    mr->seq = container->next_seq++;
    changed();
    return true;
}

void memory_unmap(MemRegion *mr)
{
    MemRegion *c = mr->container;
    if (!c) {
        return;
    }
    for (uint32_t i = c->nsubs; i-- > 0;) {
        if (c->subs[i] == mr) {
            memmove(&c->subs[i], &c->subs[i + 1],
                    (c->nsubs - i - 1) * sizeof(MemRegion *));
            c->nsubs--;
            break;
        }
    }
    mr->container = NULL;
    changed();
}

/* ---- Flat views --------------------------------------------------------- */

typedef struct Builder {
    FlatRange *r;
    uint32_t n, cap;
} Builder;

static void insert_at(Builder *b, uint32_t i, uint64_t start, uint64_t last,
                      MemRegion *mr, uint64_t offset)
{
    if (b->n == b->cap) {
        b->cap = b->cap ? b->cap * 2 : 16;
        b->r = g_renew(FlatRange, b->r, b->cap);
    }
    memmove(&b->r[i + 1], &b->r[i], (b->n - i) * sizeof(FlatRange));
    b->r[i] = (FlatRange){ start, last, mr, offset };
    b->n++;
}

/* Index of the first range whose last byte is >= addr (b->n if none). */
static uint32_t first_ending_at_or_after(const FlatRange *r, uint32_t n,
                                         uint64_t addr)
{
    uint32_t lo = 0, hi = n;
    while (lo < hi) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (r[mid].last < addr) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    return lo;
}

/* Show [start, last] of the space as mr from offset on, in the holes only. */
static void fill_holes(Builder *b, uint64_t start, uint64_t last,
                       MemRegion *mr, uint64_t offset)
{
    uint32_t i = first_ending_at_or_after(b->r, b->n, start);
    uint64_t cur = start;
    for (;;) {
        if (i < b->n && b->r[i].start <= cur) {
            if (b->r[i].last >= last) {
                return;
            }
            cur = b->r[i].last + 1;
            i++;
            continue;
        }
        uint64_t end = last;
        if (i < b->n && b->r[i].start <= last) {
            end = b->r[i].start - 1;
        }
        insert_at(b, i, cur, end, mr, offset + (cur - start));
        i++;
        if (end == last) {
            return;
        }
        cur = end + 1;
    }
}

/* Render bytes [first, last] of mr at address start of the space. A region
 * met again while it is being rendered (an alias loop) shows nothing. */
static void render(Builder *b, MemRegion *mr, uint64_t start, uint64_t first,
                   uint64_t last)
{
    if (mr->rendering) {
        return;
    }
    mr->rendering = true;
    switch (mr->kind) {
    case REGION_ALIAS: {
        MemRegion *t = mr->alias;
        uint64_t tl = t ? region_last(t) : 0;
        if (t && mr->alias_offset <= tl && first <= tl - mr->alias_offset) {
            uint64_t tlast = last > tl - mr->alias_offset
                             ? tl : mr->alias_offset + last;
            render(b, t, start, mr->alias_offset + first, tlast);
        }
        break;
    }
    case REGION_CONTAINER:
        for (uint32_t i = mr->nsubs; i-- > 0;) {     /* the winner first */
            MemRegion *s = mr->subs[i];
            if (!s->size && s->kind != REGION_CONTAINER) {
                continue;   /* mapped before its owner was realized */
            }
            uint64_t sfirst = s->addr, slast = s->addr + region_last(s);
            if (slast < first || sfirst > last) {
                continue;
            }
            uint64_t f = MAX(sfirst, first), l = MIN(slast, last);
            render(b, s, start + (f - first), f - s->addr, l - s->addr);
        }
        break;
    default:
        fill_holes(b, start, start + (last - first), mr, first);
        break;
    }
    mr->rendering = false;
}

/* Join neighbours that show consecutive bytes of one region. */
static void merge(Builder *b)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < b->n; i++) {
        FlatRange *p = j ? &b->r[j - 1] : NULL;
        FlatRange *c = &b->r[i];
        if (p && p->mr == c->mr && p->last + 1 == c->start &&
            p->offset + (p->last - p->start) + 1 == c->offset) {
            p->last = c->last;
        } else {
            b->r[j++] = *c;
        }
    }
    b->n = j;
}

static void view_update(AddressSpace *as)
{
    Builder b = { 0 };
    render(&b, &as->root, 0, 0, region_last(&as->root));
    merge(&b);
    g_free(as->view.r);
    as->view.r = b.r;
    as->view.n = b.n;
    as->view.gen = memory_gen;
    as->hit = NULL;
    as->renders++;
}

const FlatView *addrspace_view(AddressSpace *as)
{
    if (as->view.gen != memory_gen) {
        view_update(as);
    }
    return &as->view;
}

void addrspace_init(AddressSpace *as, Object *owner)
{
    memory_region_init(&as->root, owner, "root", REGION_CONTAINER, 0);
    as->view = (FlatView){ 0 };
    as->hit = NULL;
    as->renders = 0;
}

void addrspace_finalize(AddressSpace *as)
{
    memory_region_finalize(&as->root);
    g_free(as->view.r);
    as->view = (FlatView){ 0 };
    as->hit = NULL;
}

/* ---- Lookup ------------------------------------------------------------- */

/* The slow half of a lookup: re-render if needed, then binary search. */
static const FlatRange *lookup_slow(AddressSpace *as, uint64_t addr)
{
    if (as->view.gen != memory_gen) {
        view_update(as);
    }
    const FlatView *v = &as->view;
    uint32_t i = first_ending_at_or_after(v->r, v->n, addr);
    if (i == v->n || v->r[i].start > addr) {
        return NULL;
    }
    as->hit = &v->r[i];
    return as->hit;
}

/* The CPU's path: the last range found, when the view is current. */
static inline const FlatRange *lookup(AddressSpace *as, uint64_t addr)
{
    const FlatRange *h = as->hit;
    if (G_LIKELY(h && as->view.gen == memory_gen &&
                 addr - h->start <= h->last - h->start)) {
        return h;
    }
    return lookup_slow(as, addr);
}

const FlatRange *addrspace_lookup(AddressSpace *as, uint64_t addr)
{
    return lookup(as, addr);
}

/* Bytes from addr to the end of r, saturated at UINT64_MAX. */
static uint64_t avail_in(const FlatRange *r, uint64_t addr)
{
    uint64_t n = r->last - addr;
    return n == UINT64_MAX ? n : n + 1;
}

uint8_t *addrspace_host_ptr(AddressSpace *as, uint64_t addr, bool write,
                            uint64_t *avail)
{
    const FlatRange *r = lookup(as, addr);
    if (!r || !r->mr->host || (r->mr->kind == REGION_ROM && write)) {
        if (avail) {
            *avail = 0;
        }
        return NULL;
    }
    if (avail) {
        *avail = avail_in(r, addr);
    }
    return r->mr->host + r->offset + (addr - r->start);
}

/* ---- Accesses ----------------------------------------------------------- */

static uint64_t ld_le(const uint8_t *p, unsigned size)
{
    uint16_t v16;
    uint32_t v32;
    uint64_t v64;
    switch (size) {
    case 1:
        return p[0];
    case 2:
        memcpy(&v16, p, 2);
        return GUINT16_FROM_LE(v16);
    case 4:
        memcpy(&v32, p, 4);
        return GUINT32_FROM_LE(v32);
    default:
        memcpy(&v64, p, 8);
        return GUINT64_FROM_LE(v64);
    }
}

static void st_le(uint8_t *p, unsigned size, uint64_t v)
{
    uint16_t v16 = GUINT16_TO_LE((uint16_t)v);
    uint32_t v32 = GUINT32_TO_LE((uint32_t)v);
    uint64_t v64 = GUINT64_TO_LE(v);
    switch (size) {
    case 1:
        p[0] = (uint8_t)v;
        break;
    case 2:
        memcpy(p, &v16, 2);
        break;
    case 4:
        memcpy(p, &v32, 4);
        break;
    default:
        memcpy(p, &v64, 8);
        break;
    }
}

typedef enum Mode { M_READ, M_WRITE, M_LOAD } Mode;

static const char *const mode_name[] = { "read", "write", "write" };

/* An MMIO access of n bytes inside r. With split, it is cut into the
 * largest sizes the device accepts; without, n must be one of them. */
static bool mmio_access(const FlatRange *r, uint64_t addr, uint8_t *buf,
                        uint64_t n, Mode mode, bool split)
{
    MemRegion *mr = r->mr;
    const MemOps *ops = mr->ops;
    uint64_t off = r->offset + (addr - r->start);
    unsigned lo = ops && ops->min_size ? ops->min_size : 1;
    unsigned hi = ops && ops->max_size ? ops->max_size : 8;
    bool write = mode != M_READ;
    while (n) {
        unsigned sz = (unsigned)n;
        if (split) {
            sz = 8;
            while (sz > n || sz > hi) {
                sz >>= 1;
            }
        }
        bool has_fn = ops && (write ? ops->write != NULL : ops->read != NULL);
        if (!has_fn || sz < lo || sz > hi) {
            log_guest_error(mr->owner, "%s: bad %s of %u bytes at offset 0x%"
                            PRIx64 " (%s)", mr->name, mode_name[mode], sz, off,
                            !has_fn ? "not supported" : "size not allowed");
            if (!write) {
                memset(buf, 0, n);
            }
            return false;
        }
        if (write) {
            ops->write(mr->opaque, off, ld_le(buf, sz), sz);
        } else {
            st_le(buf, sz, ops->read(mr->opaque, off, sz));
        }
        buf += sz;
        off += sz;
        n -= sz;
    }
    return true;
}

static Object *as_owner(AddressSpace *as)
{
    return as->root.owner;
}

/* 1, 2, 4 or 8 */
#define SIZE_VALID(size) ((size) < 9 && ((0x116u >> (size)) & 1))

/* The general path: any length, split across ranges. */
static bool do_access(AddressSpace *as, uint64_t addr, uint8_t *buf, uint64_t len,
                   Mode mode, bool split)
{
    bool ok = true;
    while (len) {
        const FlatRange *r = lookup(as, addr);
        if (!r) {
            const FlatView *v = &as->view;
            uint32_t i = first_ending_at_or_after(v->r, v->n, addr);
            uint64_t n = len;
            if (i < v->n && v->r[i].start - addr < n) {
                n = v->r[i].start - addr;
            }
            log_guest_error(as_owner(as), "%s of %" PRIu64 " bytes at "
                            "unmapped address 0x%" PRIx64, mode_name[mode],
                            n, addr);
            if (mode == M_READ) {
                memset(buf, 0, n);
            }
            ok = false;
            addr += n;
            buf += n;
            len -= n;
            continue;
        }
        uint64_t n = MIN(len, avail_in(r, addr));
        MemRegion *mr = r->mr;
        uint8_t *host = mr->host ? mr->host + r->offset + (addr - r->start)
                                 : NULL;
        if (mr->kind == REGION_MMIO) {
            ok &= mmio_access(r, addr, buf, n, mode, split || n != len);
        } else if (!host) {
            log_guest_error(mr->owner, "%s: %s at 0x%" PRIx64 " of a region "
                            "without backing", mr->name, mode_name[mode], addr);
            if (mode == M_READ) {
                memset(buf, 0, n);
            }
            ok = false;
        } else if (mode == M_READ) {
            memcpy(buf, host, n);
        } else if (mr->kind == REGION_RAM || mode == M_LOAD) {
            memcpy(host, buf, n);
        } else {
            log_guest_error(mr->owner, "%s: write of %" PRIu64 " bytes to "
                            "ROM at 0x%" PRIx64 " ignored", mr->name, n, addr);
        }
        addr += n;
        buf += n;
        len -= n;
    }
    return ok;
}

static bool size_ok(AddressSpace *as, unsigned size, uint64_t addr)
{
    if (SIZE_VALID(size)) {
        return true;
    }
    log_guest_error(as_owner(as), "access of %u bytes at 0x%" PRIx64
                    " (sizes are 1, 2, 4 or 8)", size, addr);
    return false;
}

bool addrspace_ld(AddressSpace *as, uint64_t addr, unsigned size, uint64_t *val)
{
    const FlatRange *r = lookup(as, addr);
    if (G_LIKELY(r && r->mr->host && r->last - addr >= size - 1 &&
                 SIZE_VALID(size))) {
        *val = ld_le(r->mr->host + r->offset + (addr - r->start), size);
        return true;
    }
    uint8_t buf[8];
    *val = 0;
    if (!size_ok(as, size, addr)) {
        return false;
    }
    bool ok = do_access(as, addr, buf, size, M_READ, false);
    *val = ld_le(buf, size);
    return ok;
}

bool addrspace_st(AddressSpace *as, uint64_t addr, unsigned size, uint64_t val)
{
    const FlatRange *r = lookup(as, addr);
    if (G_LIKELY(r && r->mr->host && r->mr->kind == REGION_RAM &&
                 r->last - addr >= size - 1 && SIZE_VALID(size))) {
        st_le(r->mr->host + r->offset + (addr - r->start), size, val);
        return true;
    }
    uint8_t buf[8];
    if (!size_ok(as, size, addr)) {
        return false;
    }
    st_le(buf, size, val);
    return do_access(as, addr, buf, size, M_WRITE, false);
}

bool addrspace_read(AddressSpace *as, uint64_t addr, void *buf, uint64_t len)
{
    return do_access(as, addr, buf, len, M_READ, true);
}

bool addrspace_write(AddressSpace *as, uint64_t addr, const void *buf,
                     uint64_t len)
{
    return do_access(as, addr, (uint8_t *)buf, len, M_WRITE, true);
}

bool addrspace_load(AddressSpace *as, uint64_t addr, const void *buf,
                    uint64_t len, Error **errp)
{
    /* Check the whole range first, so a failed load writes nothing. */
    uint64_t a = addr, left = len;
    while (left) {
        const FlatRange *r = lookup(as, a);
        if (!r || !r->mr->host) {
            g_autofree char *path = as_owner(as) ? object_path(as_owner(as))
                                                 : g_strdup("address space");
            error_setg(errp, "%s: cannot load %" PRIu64 " bytes at 0x%" PRIx64
                       ": no RAM or ROM at 0x%" PRIx64 "%s%s", path, len, addr,
                       a, r ? " (it is " : "", r ? "MMIO)" : "");
            return false;
        }
        uint64_t n = MIN(left, avail_in(r, a));
        a += n;
        left -= n;
    }
    return do_access(as, addr, (uint8_t *)buf, len, M_LOAD, true);
}

json_t *addrspace_view_json(AddressSpace *as)
{
    const FlatView *v = addrspace_view(as);
    json_t *list = json_array();
    for (uint32_t i = 0; i < v->n; i++) {
        const FlatRange *r = &v->r[i];
        char *owner = r->mr->owner ? object_path(r->mr->owner) : NULL;
        json_array_append_new(list, json_pack("{s:I, s:I, s:s, s:o, s:s, s:I}",
            "base", (json_int_t)r->start, "last", (json_int_t)r->last,
            "kind", kind_name(r->mr->kind),
            "owner", owner ? json_string(owner) : json_null(),
            "region", r->mr->name ? r->mr->name : "",
            "offset", (json_int_t)r->offset));
        g_free(owner);
    }
    return list;
}
