/* The registry's resolved form of a TypeInfo; private to src/core.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_CORE_TYPE_IMPL_H
#define HEMU_CORE_TYPE_IMPL_H

#include <glib.h>
#include "core/object.h"

struct TypeImpl {
    const TypeInfo *info;
    const TypeImpl *parent;
    size_t instance_size;
    const PropDef **props;       /* inherited first */
    size_t nprops;
    const PinDef **pins;
    size_t npins;
    const RegionDef **regions;
    size_t nregions;
    GHashTable *prop_index;      /* name -> PropDef */
    const TypeInfo **chain;      /* base ("object") first, this type last */
    size_t depth;
    bool resolved;
    void (*free_info)(const TypeInfo *); /* types defined by data */
};

#endif
