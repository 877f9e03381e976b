/* Memory regions (RAM, ROM, MMIO, alias, container), address spaces as
 * objects, flat views recomputed only when a map changes, and the fast path
 * that hands CPUs host pointers into RAM. All accesses are little-endian.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MEMORY_MEMORY_H
#define HEMU_MEMORY_MEMORY_H

#include <stdint.h>
#include <stdbool.h>
#include <jansson.h>

#include "core/object.h"

/* MMIO callbacks. offset is within the region; size is 1, 2, 4 or 8.
 * Accesses outside [min_size, max_size] (0 = no limit) are guest errors:
 * reads give 0, writes are dropped. */
typedef struct MemOps {
    uint64_t (*read)(void *opaque, uint64_t offset, unsigned size);
    void (*write)(void *opaque, uint64_t offset, uint64_t value, unsigned size);
    uint8_t min_size, max_size;
} MemOps;

typedef struct MemRegion MemRegion;

struct MemRegion {
    Object *owner;          /* the object the region belongs to (may be NULL) */
    const char *name;       /* static string (the RegionDef's name) */
    RegionKind kind;
    uint64_t size;          /* bytes; a container of size 0 spans 2^64 */
    uint8_t *host;          /* RAM/ROM backing, size bytes */
    const MemOps *ops;      /* MMIO */
    void *opaque;           /* MMIO: passed to ops (default: owner) */
    MemRegion *alias;       /* ALIAS: target region */
    uint64_t alias_offset;  /* ALIAS: offset into the target */
    /* where this region is mapped (one place at most; use aliases for more) */
    MemRegion *container;
    uint64_t addr;
    int32_t priority;
    uint32_t seq;           /* mapping order, for equal priorities */
    /* CONTAINER: mapped subregions */
    MemRegion **subs;       /* sorted: priority ascending, then seq ascending
                             * (the last wins where they overlap) */
    uint32_t nsubs, cap;
    uint32_t next_seq;
    /* aliases whose target this region is (cleared when it is finalized) */
    MemRegion *aliases;
    MemRegion *alias_next;
    bool rendering;         /* on the render stack (breaks alias loops) */
};

/* Set up a region in place (no allocation yet). */
void memory_region_init(MemRegion *mr, Object *owner, const char *name,
                        RegionKind kind, uint64_t size);
/* RAM/ROM: allocate zeroed backing of mr->size bytes. */
bool memory_region_alloc(MemRegion *mr, Error **errp);
/* Unmap mr and everything mapped into it; free its backing; aliases that
 * target it show nothing from then on. mr keeps its name, kind and ops and
 * may be sized, backed and mapped again. */
void memory_region_finalize(MemRegion *mr);
/* Free mr's backing and, unless it is a container, set its size back to 0;
 * it stays mapped and shows nothing until it is sized again (unrealize). */
void memory_region_release(MemRegion *mr);
void memory_region_set_alias(MemRegion *mr, MemRegion *target, uint64_t offset);
/* Change the size of a region that has no backing yet (devices size their
 * regions at realize). Fails when mr is mapped and would no longer fit. */
bool memory_region_set_size(MemRegion *mr, uint64_t size, Error **errp);
/* "/path/of/owner:name" (or just the name without an owner); new string. */
char *memory_region_path(const MemRegion *mr);
/* The region called name that obj's type declares in its regions table.
 * The error names obj's path and lists the valid names. */
MemRegion *memory_region_of(Object *obj, const char *name, Error **errp);
/* The map generation: it changes whenever any map, alias, size or backing
 * changes. Host pointers from addrspace_host_ptr stay valid while it does
 * not change (CPUs caching them compare it). */
uint64_t memory_map_gen(void);

/* Map mr into container at addr with a priority. Where mappings overlap the
 * higher priority wins; at equal priority the later mapping wins. A region is
 * mapped in one place at a time. Fails if mr does not fit in container. */
bool memory_map(MemRegion *container, uint64_t addr, MemRegion *mr,
                int32_t priority, Error **errp);
void memory_unmap(MemRegion *mr);

/* ---- Address spaces ---------------------------------------------------- */

/* One piece of an address space's flat view: [start, last] shows mr from
 * offset on (mr is RAM, ROM or MMIO; aliases and containers are resolved). */
typedef struct FlatRange {
    uint64_t start, last;
    MemRegion *mr;
    uint64_t offset;
} FlatRange;

typedef struct FlatView {
    FlatRange *r;
    uint32_t n;
    uint64_t gen;           /* map generation it was computed at */
} FlatView;

/* The "address-space" type: an object with a root container spanning the
 * whole 64-bit space. CPUs and clusters link to the one they see. */
typedef struct AddressSpace {
    Object obj;
    MemRegion root;
    FlatView view;
    const FlatRange *hit;   /* last range found (a one-entry cache), or NULL */
    uint64_t renders;       /* how many times the view was computed */
} AddressSpace;

#define TYPE_ADDRESS_SPACE "address-space"

/* Set up / tear down an address space in place. The "address-space" type
 * does this in its init/finalize hooks (owner = the object); code without
 * objects (unit tests) may use a zeroed struct with owner NULL. */
void addrspace_init(AddressSpace *as, Object *owner);
void addrspace_finalize(AddressSpace *as);

/* The flat view, recomputed when any map changed since it was built. */
const FlatView *addrspace_view(AddressSpace *as);
/* The range that contains addr, or NULL when unmapped. The pointer is
 * valid until the map generation changes. */
const FlatRange *addrspace_lookup(AddressSpace *as, uint64_t addr);
/* Fast path: a host pointer to the RAM (or, for reads, ROM) at addr, and in
 * *avail how many bytes are contiguous from there; NULL for MMIO/unmapped. */
uint8_t *addrspace_host_ptr(AddressSpace *as, uint64_t addr, bool write,
                            uint64_t *avail);
/* Single accesses of 1, 2, 4 or 8 bytes. false on a guest error (logged):
 * unmapped, MMIO size not allowed, no backing; reads then give 0 and writes
 * are dropped. A write to ROM is dropped and logged but returns true, as a
 * bus would accept it. Straddling accesses are split between ranges. */
bool addrspace_ld(AddressSpace *as, uint64_t addr, unsigned size, uint64_t *val);
bool addrspace_st(AddressSpace *as, uint64_t addr, unsigned size, uint64_t val);
/* Buffer accesses of any length (split across regions). Writes to ROM are
 * dropped unless via addrspace_load (host-side loading of images). */
bool addrspace_read(AddressSpace *as, uint64_t addr, void *buf, uint64_t len);
bool addrspace_write(AddressSpace *as, uint64_t addr, const void *buf, uint64_t len);
bool addrspace_load(AddressSpace *as, uint64_t addr, const void *buf,
                    uint64_t len, Error **errp);
/* [{base, last, kind, owner, region, offset}] of the flat view. */
json_t *addrspace_view_json(AddressSpace *as);

/* Types of this folder (address-space), for the registry. */
extern const TypeInfo *const memory_types[];

#endif
