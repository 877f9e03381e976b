/* What the device unit tests share: a device's region alone in an address
 * space, and the level of an output pin line.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_TESTS_HW_TEST_H
#define HEMU_TESTS_HW_TEST_H

#include <glib.h>

#include "memory/memory.h"

/* dev's region mapped at 0 of a fresh address space "as" under root. */
static inline AddressSpace *map_alone(Object *root, Object *dev, const char *region)
{
    AddressSpace *as = (AddressSpace *)object_new_child(root, "address-space",
                                                        "as", NULL);
    g_assert_true(object_realize(&as->obj, NULL));
    g_assert_true(memory_map(&as->root, 0, memory_region_of(dev, region, NULL),
                             0, NULL));
    return as;
}

/* The value of line n of output pin name of o. */
static inline uint64_t pin_level(Object *o, const char *name, unsigned n)
{
    uint64_t v = 99;
    g_assert_true(pin_get(o, name, n, &v, NULL));
    return v;
}

#endif
