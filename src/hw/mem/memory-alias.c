/* "memory-alias": shows a window of another object's region (RAM, ROM,
 * MMIO or a container such as an address space's root) at another place.
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <glib.h>

#include "hw/core/device.h"

typedef struct MemAlias {
    Device dev;
    Object *target;     /* configuration */
    char *target_region;
    uint64_t offset, size;
    MemRegion alias;
} MemAlias;

/* target-region, or the target's only region when it is not given. */
static MemRegion *find_target(MemAlias *s, Error **errp)
{
    if (s->target_region && *s->target_region) {
        return memory_region_of(s->target, s->target_region, errp);
    }
    size_t n;
    const RegionDef *const *rds = type_regions(s->target->type, &n);
    if (n == 1) {
        return OBJ_FIELD(s->target, rds[0]->offset, MemRegion);
    }
    g_autofree char *path = object_path(s->target);
    error_setg(errp, "set property 'target-region': %s has %zu regions", path, n);
    return NULL;
}

static bool memalias_realize(Object *obj, Error **errp)
{
    MemAlias *s = (MemAlias *)obj;
    if (!s->target) {
        error_setg(errp, "set property 'target' (the object whose region "
                   "this alias shows)");
        return false;
    }
    MemRegion *t = find_target(s, errp);
    if (!t) {
        return false;
    }
    g_autofree char *tpath = memory_region_path(t);
    if (!t->size && t->kind != REGION_CONTAINER) {
        error_setg(errp, "%s is empty (is its owner realized?)", tpath);
        return false;
    }
    uint64_t tlast = t->size ? t->size - 1 : UINT64_MAX;
    if (s->offset > tlast) {
        error_setg(errp, "offset 0x%" PRIx64 " is beyond the end of %s "
                   "(size 0x%" PRIx64 ")", s->offset, tpath, t->size);
        return false;
    }
    uint64_t size = s->size;
    if (!size) {
        size = tlast - s->offset + 1;
        if (!size) {
            error_setg(errp, "set property 'size': %s spans the whole "
                       "64-bit space", tpath);
            return false;
        }
    }
    if (size - 1 > tlast - s->offset) {
        error_setg(errp, "offset 0x%" PRIx64 " + size 0x%" PRIx64 " runs past "
                   "the end of %s (size 0x%" PRIx64 ")", s->offset, size,
                   tpath, t->size);
        return false;
    }
    if (!memory_region_set_size(&s->alias, size, errp)) {
        return false;
    }
    memory_region_set_alias(&s->alias, t, s->offset);
    return true;
}

static const PropDef memalias_props[] = {
    PROP_LINK("target", MemAlias, target, "object",
              "The object whose region is shown (a device, an address "
              "space, ...); required."),
    PROP_STR("target-region", MemAlias, target_region, NULL,
             "The name of the target's region; may be left out when the "
             "target has exactly one."),
    PROP_UINT64("offset", MemAlias, offset, 0,
                "Where in the target region the window starts."),
    PROP_SIZE("size", MemAlias, size, 0,
              "Size of the window; 0 (default): up to the end of the target "
              "region."),
    PROP_END
};

static const RegionDef memalias_regions[] = {
    { .name = "alias", .kind = REGION_ALIAS, .offset = offsetof(MemAlias, alias),
      .doc = "The window: map it where the guest sees the target a second "
             "time. Resolved at realize." },
    REGION_END
};

const TypeInfo memory_alias_type = {
    .name = "memory-alias",
    .parent = TYPE_DEVICE,
    .doc = "A second view of a region of another object: the same bytes "
           "at another address or in another address space.",
    .instance_size = sizeof(MemAlias),
    .realize = memalias_realize,
    .props = memalias_props,
    .regions = memalias_regions,
};
