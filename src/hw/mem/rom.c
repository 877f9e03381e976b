/* "rom": read-only memory, optionally filled from a file at realize. Guest
 * writes are dropped (a logged guest error); loaders may still write it.
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>
#include <glib.h>

#include "core/file.h"
#include "core/size.h"
#include "hw/core/device.h"

typedef struct Rom {
    Device dev;
    uint64_t size;      /* configuration */
    char *file;
    MemRegion mem;
} Rom;

static bool rom_realize(Object *obj, Error **errp)
{
    Rom *s = (Rom *)obj;
    g_autofree char *data = NULL;
    size_t len = 0;
    if (s->file && *s->file) {
        /* a regular file of at most 1 GiB; the ROM's size is checked below */
        data = file_read(s->file, 1ull << 30, &len, errp);
        if (!data) {
            error_prepend(errp, "ROM image: ");
            return false;
        }
    }
    uint64_t size = s->size ? s->size : len;
    if (!size) {
        error_setg(errp, "region 'mem' is empty: set property 'size' "
                   "(e.g. size=64K) or 'file'");
        return false;
    }
    if (len > size) {
        error_setg(errp, "ROM image '%s' is %" G_GSIZE_FORMAT " bytes, more "
                   "than the ROM's size (%" PRIu64 " bytes)", s->file, len,
                   size);
        return false;
    }
    if (!memory_region_set_size(&s->mem, size, errp)) {
        return false;
    }
    if (!memory_region_alloc(&s->mem, NULL)) {
        g_autofree char *sz = size_format(size);
        error_setg(errp, "region 'mem': cannot allocate %s of host memory", sz);
        return false;
    }
    if (len) {
        memcpy(s->mem.host, data, len);
    }
    return true;
}

static const PropDef rom_props[] = {
    PROP_SIZE("size", Rom, size, 0,
              "Size in bytes, e.g. 64K; 0 (default): the size of 'file'."),
    PROP_STR("file", Rom, file, NULL,
             "Image loaded at offset 0 at realize (the rest is zero); "
             "it must not be bigger than 'size'."),
    PROP_END
};

static const RegionDef rom_regions[] = {
    { .name = "mem", .kind = REGION_ROM, .offset = offsetof(Rom, mem),
      .doc = "The ROM; sized at realize from 'size' or 'file'." },
    REGION_END
};

const TypeInfo rom_type = {
    .name = "rom",
    .parent = TYPE_DEVICE,
    .doc = "Read-only memory holding an image: map its region 'mem' where "
           "the guest sees it.",
    .instance_size = sizeof(Rom),
    .realize = rom_realize,
    .props = rom_props,
    .regions = rom_regions,
};
