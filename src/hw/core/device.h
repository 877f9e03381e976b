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

extern const TypeInfo device_type;

#endif
