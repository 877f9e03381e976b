/* The "address-space" type: an object owning a root container that spans
 * the 64-bit space; and the lookup of a region an object's type declares.
 * SPDX-License-Identifier: MIT */
#include "memory/memory.h"

#include <glib.h>

static void as_init(Object *obj)
{
    addrspace_init((AddressSpace *)obj, obj);
}

static void as_finalize(Object *obj)
{
    addrspace_finalize((AddressSpace *)obj);
}

MemRegion *memory_region_of(Object *obj, const char *name, Error **errp)
{
    const RegionDef *rd = type_region_find(obj->type, name);
    if (rd) {
        return OBJ_FIELD(obj, rd->offset, MemRegion);
    }
    size_t n;
    const RegionDef *const *all = type_regions(obj->type, &n);
    g_autofree char *path = object_path(obj);
    g_autofree const char **names = g_new(const char *, n + 1);
    g_autoptr(GString) list = g_string_new(NULL);
    for (size_t i = 0; i < n; i++) {
        names[i] = all[i]->name;
        g_string_append_printf(list, "%s'%s'", i ? ", " : "", all[i]->name);
    }
    g_autofree char *hint = suggest_hint(suggest_name(name, names, n));
    if (n) {
        error_setg(errp, "%s has no region '%s'%s; its regions: %s", path,
                   name, hint, list->str);
    } else {
        error_setg(errp, "%s has no region '%s'; a %s has no regions", path,
                   name, type_name(obj->type));
    }
    return NULL;
}

static const RegionDef as_regions[] = {
    { .name = "root", .kind = REGION_CONTAINER,
      .offset = offsetof(AddressSpace, root),
      .doc = "the whole space (2^64 bytes): map regions here" },
    REGION_END
};

static const TypeInfo address_space_type = {
    .name = TYPE_ADDRESS_SPACE,
    .parent = "object",
    .doc = "An address space: what a CPU, cluster or bus master sees. Regions "
           "are mapped into its root container; its flat view is shown by "
           "query-memory-map.",
    .instance_size = sizeof(AddressSpace),
    .init = as_init,
    .finalize = as_finalize,
    .regions = as_regions,
};

const TypeInfo *const memory_types[] = { &address_space_type, NULL };
