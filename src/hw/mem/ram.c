/* "ram": a block of zero-initialised RAM of a given size. Host memory is
 * reserved at realize and only costs once the guest touches it.
 * SPDX-License-Identifier: MIT */
#include <stddef.h>

#include "core/fdt.h"
#include "hw/core/device.h"

typedef struct Ram {
    Device dev;
    uint64_t size;      /* configuration */
    MemRegion mem;
} Ram;

static const PropDef ram_props[] = {
    PROP_SIZE("size", Ram, size, 0,
              "Size in bytes, e.g. 64K or 1G; required (fixed at realize)."),
    PROP_END
};

static const RegionDef ram_regions[] = {
    { .name = "mem", .kind = REGION_RAM, .offset = offsetof(Ram, mem),
      .size_prop = "size",
      .doc = "The RAM, 'size' bytes, zeroed at realize; kept across reset." },
    REGION_END
};

static const FdtDef ram_fdt_def = {
    .node = "memory", .device_type = "memory", .place = FDT_ROOT,
};

const TypeInfo ram_type = {
    .name = "ram",
    .parent = TYPE_DEVICE,
    .doc = "Random-access memory: map its region 'mem' where the guest "
           "sees it.",
    .fdt = &ram_fdt_def,
    .instance_size = sizeof(Ram),
    .props = ram_props,
    .regions = ram_regions,
};
