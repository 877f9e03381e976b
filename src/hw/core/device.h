/* The abstract base type "device": implements the regions table of every
 * type derived from it, and the reset input pin.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_HW_CORE_DEVICE_H
#define HEMU_HW_CORE_DEVICE_H

#include "core/object.h"
#include "memory/memory.h"

#define TYPE_DEVICE "device"

/* The state of every device starts with this. */
typedef struct Device {
    Object obj;
} Device;

/* The region called name that obj's type declares. The error names obj's
 * path and lists the valid region names. */
MemRegion *device_region(Object *obj, const char *name, Error **errp);

extern const TypeInfo device_type;

#endif
