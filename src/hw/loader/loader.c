/* "loader": puts an image into an address space at every reset, as
 * firmware flashed on a board would be there: an ELF file (its PT_LOAD
 * segments at their physical addresses, via elfutils' libelf) or a raw
 * file at an address. The file is read and checked at realize; a linked
 * CPU gets the entry point as its reset vector.
 * SPDX-License-Identifier: MIT */
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "core/file.h"
#include "hw/core/device.h"

typedef enum LoaderFormat { FMT_AUTO, FMT_ELF, FMT_RAW } LoaderFormat;
static const char *const format_names[] = { "auto", "elf", "raw", NULL };

typedef struct Segment {
    uint64_t addr;
    uint64_t filesz, memsz;
    const uint8_t *data;         /* into Loader.image */
} Segment;

typedef struct Loader {
    Object obj;
    char *file;                  /* configuration */
    union { AddressSpace *as; Object *as_link; };
    Object *cpu;
    int format;
    uint64_t addr;
    uint64_t entry;              /* found at realize */
    GBytes *image;
    GArray *segments;            /* Segment */
} Loader;

static void loader_clear(Loader *s)
{
    if (s->segments) {
        g_array_free(s->segments, true);
        s->segments = NULL;
    }
    if (s->image) {
        g_bytes_unref(s->image);
        s->image = NULL;
    }
}

static bool parse_elf(Loader *s, const char *path, Error **errp)
{
    gsize len;
    const uint8_t *raw = g_bytes_get_data(s->image, &len);
    elf_version(EV_CURRENT);
    Elf *e = elf_memory((char *)raw, len);
    GElf_Ehdr eh;
    size_t n = 0;
    bool ok = e && gelf_getehdr(e, &eh) && elf_getphdrnum(e, &n) == 0;
    if (!ok) {
        error_setg(errp, "%s: '%s' is not a valid ELF file: %s", path, s->file,
                   elf_errmsg(-1));
    }
    for (size_t i = 0; ok && i < n; i++) {
        GElf_Phdr ph;
        if (!gelf_getphdr(e, (int)i, &ph) || ph.p_type != PT_LOAD || !ph.p_memsz) {
            continue;
        }
        if (ph.p_offset > len || ph.p_filesz > len - ph.p_offset ||
            ph.p_filesz > ph.p_memsz) {
            error_setg(errp, "%s: '%s': segment %zu lies outside the file", path,
                       s->file, i);
            ok = false;
            break;
        }
        Segment seg = { ph.p_paddr, ph.p_filesz, ph.p_memsz, raw + ph.p_offset };
        g_array_append_val(s->segments, seg);
    }
    s->entry = ok ? eh.e_entry : 0;
    if (e) {
        elf_end(e);
    }
    return ok;
}

static bool loader_realize(Object *obj, Error **errp)
{
    Loader *s = (Loader *)obj;
    g_autofree char *path = object_path(obj);
    size_t len;

    if (!s->file || !*s->file) {
        error_setg(errp, "%s: set 'file' to the image to load", path);
        return false;
    }
    if (!s->as && s->cpu) {
        json_t *asv = object_prop_get(s->cpu, "address-space", NULL);
        const char *asp = json_string_value(asv);
        s->as = asp && *asp ? (AddressSpace *)object_resolve(obj, asp) : NULL;
        json_decref(asv);
    }
    if (!s->as) {
        error_setg(errp, "%s: set 'address-space' (or 'cpu', whose address "
                   "space is used)", path);
        return false;
    }
    g_autofree char *file = file_find_firmware(s->file, errp);
    char *data = file ? file_read(file, 1ull << 32, &len, errp) : NULL;
    if (!data) {
        error_prepend(errp, "%s: ", path);
        return false;
    }
    s->image = g_bytes_new_take(data, len);
    s->segments = g_array_new(false, false, sizeof(Segment));
    bool elf = len >= 4 && !memcmp(data, ELFMAG, SELFMAG);
    if (s->format == FMT_ELF || (s->format == FMT_AUTO && elf)) {
        if (!parse_elf(s, path, errp)) {
            loader_clear(s);
            return false;
        }
    } else {
        Segment seg = { s->addr, len, len, (const uint8_t *)data };
        g_array_append_val(s->segments, seg);
        s->entry = s->addr;
    }
    /* check that every byte lands in RAM or ROM now, not at reset */
    for (guint i = 0; i < s->segments->len; i++) {
        Segment *seg = &g_array_index(s->segments, Segment, i);
        for (uint64_t off = 0; off < seg->memsz;) {
            uint64_t avail = 0;
            if (!addrspace_host_ptr(s->as, seg->addr + off, false, &avail)) {
                g_autofree char *asp = object_path(&s->as->obj);
                error_setg(errp, "%s: '%s' loads 0x%" PRIx64 " bytes at 0x%"
                           PRIx64 ", but 0x%" PRIx64 " is not RAM or ROM in %s",
                           path, s->file, seg->memsz, seg->addr,
                           seg->addr + off, asp);
                loader_clear(s);
                return false;
            }
            off += MIN(avail, seg->memsz - off);
        }
    }
    if (s->cpu) {
        json_t *v = json_integer((json_int_t)s->entry);
        bool ok = object_prop_set(s->cpu, "reset-vector", v, false, errp);
        json_decref(v);
        if (!ok) {
            loader_clear(s);
            return false;
        }
    }
    return true;
}

static void loader_reset(Object *obj)
{
    Loader *s = (Loader *)obj;
    static const uint8_t zeros[4096];
    for (guint i = 0; s->segments && i < s->segments->len; i++) {
        Segment *seg = &g_array_index(s->segments, Segment, i);
        addrspace_load(s->as, seg->addr, seg->data, seg->filesz, NULL);
        for (uint64_t off = seg->filesz; off < seg->memsz; off += sizeof(zeros)) {
            addrspace_load(s->as, seg->addr + off, zeros,
                           MIN(sizeof(zeros), seg->memsz - off), NULL);
        }
    }
}

static void loader_unrealize(Object *obj)
{
    loader_clear((Loader *)obj);
}

static const PropDef loader_props[] = {
    PROP_STR("file", Loader, file, NULL, "The image to load (required)."),
    PROP_LINK("address-space", Loader, as_link, "address-space",
              "Where to load it (default: the address space of 'cpu')."),
    PROP_LINK("cpu", Loader, cpu, "cpu",
              "A CPU whose reset vector becomes the image's entry point."),
    PROP_ENUM("format", Loader, format, FMT_AUTO, "LoaderFormat", format_names,
              "elf, raw, or auto (ELF when the file starts like one)."),
    PROP_UINT64("addr", Loader, addr, 0,
                "Where a raw image goes (and its entry point)."),
    { .name = "entry", .type = PROP_T_UINT64, .flags = PROP_F_READONLY,
      .offset = PROP_FIELD(Loader, entry, uint64_t),
      .doc = "The entry point found at realize (ELF e_entry, or 'addr')." },
    PROP_END
};

const TypeInfo loader_type = {
    .name = "loader",
    .parent = "object",
    .doc = "Loads an ELF or raw image into an address space at every reset; "
           "optionally sets a CPU's reset vector to its entry point.",
    .instance_size = sizeof(Loader),
    .props = loader_props,
    .realize = loader_realize,
    .reset = loader_reset,
    .unrealize = loader_unrealize,
    .finalize = loader_unrealize,
};
