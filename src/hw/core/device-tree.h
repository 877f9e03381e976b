/* The generated device tree (device-tree.c), for -dumpdtb.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_HW_CORE_DEVICE_TREE_H
#define HEMU_HW_CORE_DEVICE_TREE_H

#include <stddef.h>
#include <stdint.h>

#include "memory/memory.h"

/* The blob built at the last reset of a "device-tree" object (NULL and
 * *len 0 before the first reset). */
const uint8_t *device_tree_blob(Object *obj, size_t *len);

extern const TypeInfo device_tree_type;

#endif
