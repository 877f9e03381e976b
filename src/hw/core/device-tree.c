/* "device-tree": the board's flattened device tree, generated from the
 * machine graph (DESIGN.md §6) and loaded into memory at every reset, as
 * firmware expects to find it. Each type contributes its node from its
 * FdtDef (core/fdt.h): compatible, reg from its mapping in the described
 * address space, interrupts from its wires, CPUs under /cpus. Written with
 * libfdt's sequential-write API (Devicetree Specification 0.4).
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>
#include <glib.h>
#include <libfdt.h>

#include "core/fdt.h"
#include "core/log.h"
#include "hw/core/device-tree.h"

#define MiB (1024 * 1024ULL)

typedef struct DeviceTree {
    Object obj;
    union { AddressSpace *as; Object *as_link; };   /* configuration */
    Object *stdout_dev;
    char *bootargs, *model, *compatible;
    uint64_t timebase;
    uint64_t addr;
    uint64_t load_addr;        /* where the blob went at the last reset */
    GByteArray *blob;
} DeviceTree;

typedef struct Node {
    Object *obj;
    const FdtDef *def;
    uint64_t addr, size;       /* reg (CPUs: hartid in addr) */
    bool has_reg;
    uint32_t phandle;          /* CPUs: of their interrupt-controller child */
    char *name;                /* "serial@10000000" */
} Node;

typedef struct Builder {
    DeviceTree *dt;
    void *fdt;
    GArray *nodes;             /* Node */
    GHashTable *by_obj;        /* Object * -> Node index + 1 */
    bool failed;
} Builder;

static const FdtDef *fdt_def(const TypeImpl *t)
{
    for (; t; t = type_parent(t)) {
        if (type_info(t)->fdt) {
            return type_info(t)->fdt;
        }
    }
    return NULL;
}

static Node *node_of(Builder *b, Object *obj)
{
    gpointer i = g_hash_table_lookup(b->by_obj, obj);
    return i ? &g_array_index(b->nodes, Node, GPOINTER_TO_UINT(i) - 1) : NULL;
}

/* Where region name of obj is mapped in the described address space. */
static bool find_mapping(AddressSpace *as, Object *obj, const char *name,
                         uint64_t *addr, uint64_t *size)
{
    for (uint32_t i = 0; i < as->root.nsubs; i++) {
        MemRegion *mr = as->root.subs[i];
        if (mr->owner == obj && mr->size && (!name || !strcmp(mr->name, name))) {
            *addr = mr->addr;
            *size = mr->size;
            return true;
        }
    }
    return false;
}

static void collect(Builder *b, Object *obj)
{
    OBJECT_FOREACH_CHILD(obj, c) {
        const FdtDef *def = fdt_def(c->type);
        Node n = { .obj = c, .def = def };
        if (def && def->place == FDT_CPUS) {
            json_t *h = object_prop_get(c, "hartid", NULL);
            n.addr = (uint64_t)json_integer_value(h);
            n.has_reg = true;
            json_decref(h);
            n.name = g_strdup_printf("cpu@%" PRIx64, n.addr);
        } else if (def) {
            n.has_reg = find_mapping(b->dt->as, c, def->region, &n.addr, &n.size);
            n.name = n.has_reg ? g_strdup_printf("%s@%" PRIx64, def->node, n.addr)
                               : g_strdup(def->node);
        }
        if (def && (n.has_reg || def->place == FDT_CPUS)) {
            n.phandle = b->nodes->len + 1;
            g_array_append_val(b->nodes, n);
            g_hash_table_insert(b->by_obj, c, GUINT_TO_POINTER(b->nodes->len));
        } else {
            g_free(n.name);
        }
        collect(b, c);
    }
}

static void check(Builder *b, int err)
{
    if (err < 0) {
        b->failed = true;
    }
}

static void prop_cells(Builder *b, const char *name, const uint32_t *cells, size_t n)
{
    g_autofree fdt32_t *be = g_new(fdt32_t, n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        be[i] = cpu_to_fdt32(cells[i]);
    }
    check(b, fdt_property(b->fdt, name, be, (int)(n * sizeof(fdt32_t))));
}

static void prop_strings(Builder *b, const char *name, const char *const *list)
{
    GString *s = g_string_new(NULL);
    for (; list && *list; list++) {
        g_string_append_len(s, *list, (gssize)strlen(*list) + 1);
    }
    check(b, fdt_property(b->fdt, name, s->str, (int)s->len));
    g_string_free(s, true);
}

/* The interrupt a device's pin is wired to: "interrupts", "interrupt-parent". */
static void prop_interrupts(Builder *b, Node *n)
{
    const PinDef *pd = type_pin_find(n->obj->type, n->def->irq);
    if (!pd || pd->dir != PIN_OUT) {
        return;
    }
    Pin *p = OBJ_FIELD(n->obj, pd->offset, Pin);
    for (uint32_t k = 0; k < p->nsinks; k++) {
        Node *ctl = node_of(b, p->sinks[k].obj);
        if (ctl && ctl->def->interrupt_cells) {
            check(b, fdt_property_u32(b->fdt, "interrupts", p->sinks[k].n));
            check(b, fdt_property_u32(b->fdt, "interrupt-parent", ctl->phandle));
            return;
        }
    }
}

/* Outputs wired to CPU inputs: "interrupts-extended", line by line. */
static void prop_interrupts_extended(Builder *b, Node *n)
{
    size_t np;
    const PinDef *const *pins = type_pins(n->obj->type, &np);
    GArray *cells = g_array_new(false, false, sizeof(uint32_t));
    uint32_t lines = 0;
    for (size_t i = 0; i < np; i++) {
        lines = MAX(lines, pins[i]->count);
    }
    for (uint32_t line = 0; line < lines; line++) {
        for (size_t i = 0; i < np; i++) {
            if (pins[i]->dir != PIN_OUT || line >= pins[i]->count) {
                continue;
            }
            Pin *p = OBJ_FIELD(n->obj, pins[i]->offset, Pin) + line;
            for (uint32_t k = 0; k < p->nsinks; k++) {
                Node *cpu = node_of(b, p->sinks[k].obj);
                for (const FdtIrq *q = cpu ? cpu->def->cpu_irqs : NULL; q && q->pin; q++) {
                    if (!strcmp(q->pin, p->sinks[k].def->name)) {
                        uint32_t pair[2] = { cpu->phandle, q->cell };
                        g_array_append_vals(cells, pair, 2);
                    }
                }
            }
        }
    }
    if (cells->len) {
        prop_cells(b, "interrupts-extended", (uint32_t *)cells->data, cells->len);
    }
    g_array_free(cells, true);
}

static void write_node(Builder *b, Node *n)
{
    const FdtDef *def = n->def;
    check(b, fdt_begin_node(b->fdt, n->name));
    if (def->device_type) {
        check(b, fdt_property_string(b->fdt, "device_type", def->device_type));
    }
    if (def->compatible) {
        prop_strings(b, "compatible", def->compatible);
    }
    if (def->place == FDT_CPUS) {
        check(b, fdt_property_u32(b->fdt, "reg", (uint32_t)n->addr));
        check(b, fdt_property_string(b->fdt, "status", "okay"));
    } else {
        uint32_t reg[4] = { (uint32_t)(n->addr >> 32), (uint32_t)n->addr,
                            (uint32_t)(n->size >> 32), (uint32_t)n->size };
        prop_cells(b, "reg", reg, 4);
        check(b, fdt_property_u32(b->fdt, "phandle", n->phandle));
    }
    if (def->irq) {
        prop_interrupts(b, n);
    }
    if (def->interrupt_cells) {
        check(b, fdt_property(b->fdt, "interrupt-controller", NULL, 0));
        check(b, fdt_property_u32(b->fdt, "#interrupt-cells", def->interrupt_cells));
        check(b, fdt_property_u32(b->fdt, "#address-cells", 0));
    }
    if (def->interrupts_extended) {
        prop_interrupts_extended(b, n);
    }
    if (def->props) {
        def->props(n->obj, b->fdt);
    }
    if (def->place == FDT_CPUS) {
        check(b, fdt_begin_node(b->fdt, "interrupt-controller"));
        check(b, fdt_property_u32(b->fdt, "#interrupt-cells", 1));
        check(b, fdt_property(b->fdt, "interrupt-controller", NULL, 0));
        if (def->intc_compatible) {
            check(b, fdt_property_string(b->fdt, "compatible", def->intc_compatible));
        }
        check(b, fdt_property_u32(b->fdt, "phandle", n->phandle));
        check(b, fdt_end_node(b->fdt));
    }
    check(b, fdt_end_node(b->fdt));
}

static void write_tree(Builder *b)
{
    DeviceTree *dt = b->dt;
    check(b, fdt_finish_reservemap(b->fdt));
    check(b, fdt_begin_node(b->fdt, ""));
    check(b, fdt_property_u32(b->fdt, "#address-cells", 2));
    check(b, fdt_property_u32(b->fdt, "#size-cells", 2));
    check(b, fdt_property_string(b->fdt, "compatible", dt->compatible ? dt->compatible : ""));
    check(b, fdt_property_string(b->fdt, "model", dt->model ? dt->model : ""));

    check(b, fdt_begin_node(b->fdt, "chosen"));
    if (dt->bootargs && *dt->bootargs) {
        check(b, fdt_property_string(b->fdt, "bootargs", dt->bootargs));
    }
    Node *out = dt->stdout_dev ? node_of(b, dt->stdout_dev) : NULL;
    if (out) {
        g_autofree char *p = g_strdup_printf("/soc/%s", out->name);
        check(b, fdt_property_string(b->fdt, "stdout-path", p));
    }
    check(b, fdt_end_node(b->fdt));

    for (guint i = 0; i < b->nodes->len; i++) {
        Node *n = &g_array_index(b->nodes, Node, i);
        if (n->def->place == FDT_ROOT) {
            write_node(b, n);
        }
    }
    check(b, fdt_begin_node(b->fdt, "cpus"));
    check(b, fdt_property_u32(b->fdt, "#address-cells", 1));
    check(b, fdt_property_u32(b->fdt, "#size-cells", 0));
    check(b, fdt_property_u32(b->fdt, "timebase-frequency", (uint32_t)dt->timebase));
    for (guint i = 0; i < b->nodes->len; i++) {
        Node *n = &g_array_index(b->nodes, Node, i);
        if (n->def->place == FDT_CPUS) {
            write_node(b, n);
        }
    }
    check(b, fdt_end_node(b->fdt));
    check(b, fdt_begin_node(b->fdt, "soc"));
    check(b, fdt_property_u32(b->fdt, "#address-cells", 2));
    check(b, fdt_property_u32(b->fdt, "#size-cells", 2));
    check(b, fdt_property_string(b->fdt, "compatible", "simple-bus"));
    check(b, fdt_property(b->fdt, "ranges", NULL, 0));
    for (guint i = 0; i < b->nodes->len; i++) {
        Node *n = &g_array_index(b->nodes, Node, i);
        if (n->def->place == FDT_SOC) {
            write_node(b, n);
        }
    }
    check(b, fdt_end_node(b->fdt));
    check(b, fdt_end_node(b->fdt));
    check(b, fdt_finish(b->fdt));
}

static void node_clear(gpointer p)
{
    g_free(((Node *)p)->name);
}

/* Build the blob; the lowest memory node gives the automatic address. */
static bool device_tree_build(DeviceTree *dt, uint64_t *dram, uint64_t *dram_end)
{
    for (int size = 64 * 1024; size <= 16 * 1024 * 1024; size *= 2) {
        Builder b = { .dt = dt };
        b.nodes = g_array_new(false, true, sizeof(Node));
        g_array_set_clear_func(b.nodes, node_clear);
        b.by_obj = g_hash_table_new(NULL, NULL);
        Object *machine = dt->obj.parent;
        collect(&b, machine);
        *dram = UINT64_MAX;
        for (guint i = 0; i < b.nodes->len; i++) {
            Node *n = &g_array_index(b.nodes, Node, i);
            if (n->def->device_type && !strcmp(n->def->device_type, "memory") &&
                n->addr < *dram) {
                *dram = n->addr;
                *dram_end = n->addr + n->size;
            }
        }
        g_byte_array_set_size(dt->blob, (guint)size);
        b.fdt = dt->blob->data;
        check(&b, fdt_create(b.fdt, size));
        if (!b.failed) {
            write_tree(&b);
        }
        g_array_free(b.nodes, true);
        g_hash_table_destroy(b.by_obj);
        if (!b.failed) {
            g_byte_array_set_size(dt->blob, fdt_totalsize(dt->blob->data));
            return true;
        }
    }
    return false;
}

const uint8_t *device_tree_blob(Object *obj, size_t *len)
{
    DeviceTree *dt = (DeviceTree *)obj;
    *len = dt->blob ? dt->blob->len : 0;
    return dt->blob ? dt->blob->data : NULL;
}

/* Built and loaded at every reset, when every part is realized; as QEMU,
 * by default at the top of the first RAM (below 3 GiB), 2 MiB aligned. */
static void device_tree_reset(Object *obj)
{
    DeviceTree *dt = (DeviceTree *)obj;
    uint64_t dram = 0, dram_end = 0;
    if (!dt->as || !device_tree_build(dt, &dram, &dram_end)) {
        log_guest_error(obj, "cannot build the device tree");
        return;
    }
    uint64_t addr = dt->addr;
    if (!addr && dram != UINT64_MAX) {
        uint64_t top = dram < 3072 * MiB ? MIN(dram_end, 3072 * MiB) : dram_end;
        addr = (top - dt->blob->len) & ~(2 * MiB - 1);
    }
    dt->load_addr = addr;
    addrspace_load(dt->as, addr, dt->blob->data, dt->blob->len, NULL);
}

static void device_tree_init(Object *obj)
{
    ((DeviceTree *)obj)->blob = g_byte_array_new();
}

static void device_tree_finalize(Object *obj)
{
    g_byte_array_free(((DeviceTree *)obj)->blob, true);
}

static bool device_tree_realize(Object *obj, Error **errp)
{
    if (!((DeviceTree *)obj)->as) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "%s: set 'address-space' to the one the tree "
                   "describes (the boot CPU's)", path);
        return false;
    }
    return true;
}

static const PropDef device_tree_props[] = {
    PROP_LINK("address-space", DeviceTree, as_link, "address-space",
              "The address space described (reg values) and loaded into."),
    PROP_LINK("stdout", DeviceTree, stdout_dev, "object",
              "The console device (/chosen/stdout-path)."),
    PROP_STR("bootargs", DeviceTree, bootargs, NULL,
             "The kernel command line (/chosen/bootargs)."),
    PROP_STR("model", DeviceTree, model, "riscv-virtio,qemu", "/model."),
    PROP_STR("compatible", DeviceTree, compatible, "riscv-virtio", "/compatible."),
    PROP_UINT64("timebase-frequency", DeviceTree, timebase, 10000000,
                "/cpus/timebase-frequency, in Hz."),
    PROP_UINT64("addr", DeviceTree, addr, 0,
                "Where to load the blob; 0: the top of the first RAM below "
                "3 GiB, 2 MiB aligned (as QEMU)."),
    { .name = "load-addr", .type = PROP_T_UINT64, .flags = PROP_F_READONLY,
      .offset = PROP_FIELD(DeviceTree, load_addr, uint64_t),
      .doc = "Where the blob was loaded at the last reset." },
    PROP_END
};

const TypeInfo device_tree_type = {
    .name = "device-tree",
    .parent = "object",
    .doc = "The board's device tree, generated from the machine graph at "
           "every reset and loaded into memory for the firmware.",
    .instance_size = sizeof(DeviceTree),
    .props = device_tree_props,
    .init = device_tree_init,
    .realize = device_tree_realize,
    .reset = device_tree_reset,
    .finalize = device_tree_finalize,
};
