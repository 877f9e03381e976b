/* The abstract base type "device": sets up, sizes, backs and frees the
 * regions its types declare, and holds the "reset" input pin.
 * SPDX-License-Identifier: MIT */
#include "hw/core/device.h"

#include <inttypes.h>
#include <glib.h>

#include "core/size.h"

static MemRegion *region_at(Object *obj, const RegionDef *rd)
{
    return OBJ_FIELD(obj, rd->offset, MemRegion);
}

/* The size a region gets at realize: RegionDef.size or its size_prop. */
static bool region_size(Object *obj, const RegionDef *rd, uint64_t *size,
                        Error **errp)
{
    if (!rd->size_prop) {
        *size = rd->size;
        return true;
    }
    const PropDef *p = type_prop_find(obj->type, rd->size_prop);
    if (p && (p->type == PROP_T_SIZE || p->type == PROP_T_UINT64)) {
        *size = *OBJ_FIELD(obj, p->offset, uint64_t);
        return true;
    }
    if (p && p->type == PROP_T_INT && *OBJ_FIELD(obj, p->offset, int64_t) >= 0) {
        *size = (uint64_t)*OBJ_FIELD(obj, p->offset, int64_t);
        return true;
    }
    error_setg(errp, "region '%s': size property '%s' is %s", rd->name,
               rd->size_prop, p ? "negative or not a number" : "missing");
    return false;
}

static void device_init(Object *obj)
{
    size_t n;
    const RegionDef *const *rds = type_regions(obj->type, &n);
    for (size_t i = 0; i < n; i++) {
        MemRegion *mr = region_at(obj, rds[i]);
        memory_region_init(mr, obj, rds[i]->name, rds[i]->kind, rds[i]->size);
        mr->ops = rds[i]->ops;
    }
}

/* Free the backings and forget the sizes set at realize; mappings are
 * configuration and stay (the regions show nothing until realized again). */
static void device_unrealize(Object *obj)
{
    size_t n;
    const RegionDef *const *rds = type_regions(obj->type, &n);
    for (size_t i = n; i-- > 0;) {
        memory_region_release(region_at(obj, rds[i]));
    }
}

/* Unmap the regions, unmap what is mapped into them, free backings. */
static void device_finalize(Object *obj)
{
    size_t n;
    const RegionDef *const *rds = type_regions(obj->type, &n);
    for (size_t i = n; i-- > 0;) {
        memory_region_finalize(region_at(obj, rds[i]));
    }
}

/* Regions with a size or a size_prop are sized and backed here; a region
 * with neither is sized by its type's own realize hook (e.g. rom). */
static bool device_realize(Object *obj, Error **errp)
{
    size_t n;
    const RegionDef *const *rds = type_regions(obj->type, &n);
    for (size_t i = 0; i < n; i++) {
        const RegionDef *rd = rds[i];
        MemRegion *mr = region_at(obj, rd);
        uint64_t size;
        if (!rd->size && !rd->size_prop) {
            continue;
        }
        if (!region_size(obj, rd, &size, errp)) {
            goto fail;
        }
        if (!size && rd->kind != REGION_CONTAINER) {
            error_setg(errp, "region '%s' is empty: set property '%s' "
                       "(e.g. %s=64K)", rd->name, rd->size_prop, rd->size_prop);
            goto fail;
        }
        if (!memory_region_set_size(mr, size, errp)) {
            goto fail;
        }
        if ((rd->kind == REGION_RAM || rd->kind == REGION_ROM) &&
            !memory_region_alloc(mr, NULL)) {
            g_autofree char *sz = size_format(size);
            error_setg(errp, "region '%s': cannot allocate %s of host memory",
                       rd->name, sz);
            goto fail;
        }
    }
    return true;
fail:
    device_unrealize(obj);
    return false;
}

static const PinDef device_pins[] = {
    PIN_IN1("reset", PIN_RESET, object_reset_input,
            "Reset input: raising it resets the device and its children; "
            "the device is held in reset while it is high."),
    PIN_END
};

const TypeInfo device_type = {
    .name = TYPE_DEVICE,
    .parent = "object",
    .abstract = true,
    .doc = "The base of devices: memory regions declared by its types are "
           "created at init, sized and backed at realize, freed at unrealize "
           "(mappings stay), unmapped when the device is destroyed; has a "
           "'reset' input.",
    .instance_size = sizeof(Device),
    .init = device_init,
    .realize = device_realize,
    .unrealize = device_unrealize,
    .finalize = device_finalize,
    .pins = device_pins,
};
