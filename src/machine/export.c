/* A live machine written back as a description (machine-export): the
 * inverse of desc.c, so loading the export builds the same tree; and the
 * same graph drawn for graphviz.
 * SPDX-License-Identifier: MIT */
#include <inttypes.h>
#include <string.h>
#include <glib.h>

#include "machine/machine.h"
#include "memory/memory.h"

/* A path as a description writes it: relative to /machine inside it. */
static char *rel_path(const Object *obj)
{
    char *p = object_path(obj);
    if (g_str_has_prefix(p, "/machine/")) {
        char *r = g_strdup(p + strlen("/machine/"));
        g_free(p);
        return r;
    }
    return p;
}

static char *rel_ref(const char *path)
{
    return g_strdup(g_str_has_prefix(path, "/machine/")
                    ? path + strlen("/machine/") : path);
}

static const char *param_type(const PropDef *p)
{
    switch (p->type) {
    case PROP_T_BOOL: return "bool";
    case PROP_T_INT: return "int";
    case PROP_T_UINT64: return "uint64";
    case PROP_T_SIZE: return "size";
    default: return "str";
    }
}

static json_t *export_params(Object *m)
{
    json_t *params = json_object();
    size_t n;
    const PropDef *const *all = type_props(m->type, &n);
    for (size_t i = 0; i < n; i++) {
        const PropDef *p = all[i];
        if (!strcmp(p->name, "name")) {
            continue;
        }
        json_t *e = json_pack("{s:s, s:o, s:s}", "type", param_type(p), "default",
                              object_prop_get(m, p->name, NULL), "doc", p->doc);
        if (p->flags & PROP_F_RANGE) {
            if (p->type == PROP_T_INT) {
                if (p->min != INT64_MIN) {
                    json_object_set_new(e, "min", json_integer(p->min));
                }
                if (p->max != INT64_MAX) {
                    json_object_set_new(e, "max", json_integer(p->max));
                }
            } else {
                json_object_set_new(e, "min", json_integer((json_int_t)p->umin));
                if (p->umax != UINT64_MAX) {
                    json_object_set_new(e, "max", json_integer((json_int_t)p->umax));
                }
            }
        }
        json_object_set_new(params, p->name, e);
    }
    return params;
}

/* The settable properties of obj whose values differ from the defaults. */
static json_t *export_props(Object *obj)
{
    json_t *props = json_object();
    size_t n;
    const PropDef *const *all = type_props(obj->type, &n);
    for (size_t i = 0; i < n; i++) {
        const PropDef *p = all[i];
        if (p->flags & PROP_F_READONLY) {
            continue;
        }
        json_t *v = object_prop_get(obj, p->name, NULL);
        json_t *def = prop_default_json(p);
        bool same = def ? json_equal(v, def)
                        : !v || json_is_null(v) ||
                          (json_is_string(v) && !*json_string_value(v)) ||
                          (json_is_array(v) && !json_array_size(v));
        if (!same && p->type == PROP_T_LINK && json_is_string(v)) {
            json_t *r = json_string(g_str_has_prefix(json_string_value(v), "/machine/")
                ? json_string_value(v) + strlen("/machine/") : json_string_value(v));
            json_decref(v);
            v = r;
        }
        if (!same) {
            json_object_set(props, p->name, v);
        }
        json_decref(v);
        json_decref(def);
    }
    return props;
}

static json_t *export_objects(Object *parent)
{
    json_t *objs = json_object();
    OBJECT_FOREACH_CHILD(parent, c) {
        if (c->by_expand) {
            continue;
        }
        json_t *spec = json_pack("{s:s}", "type", type_name(c->type));
        json_t *props = export_props(c);
        json_t *children = export_objects(c);
        if (json_object_size(props)) {
            json_object_set(spec, "props", props);
        }
        if (json_object_size(children)) {
            json_object_set(spec, "children", children);
        }
        json_decref(props);
        json_decref(children);
        bool empty_peripheral = c->parent->parent && !c->parent->parent->parent &&
                                !strcmp(c->name, "peripheral") && !c->first_child;
        if (!empty_peripheral) {
            json_object_set(objs, c->name, spec);
        }
        json_decref(spec);
    }
    return objs;
}

/* Call fn for each connection out of obj and its subtree, in tree order,
 * with its ends as "PATH:PIN[N]" and its kind. */
typedef void WireFn(Object *src, const char *from, const char *to,
                    const char *kind, void *opaque);

static void foreach_wire(Object *obj, WireFn *fn, void *opaque)
{
    g_autofree char *path = object_path(obj);
    g_autofree char *prefix = g_strconcat(path, ":", NULL);
    json_t *conns = pin_list_connections(obj);
    size_t i;
    json_t *c;
    json_array_foreach(conns, i, c) {
        const char *from = json_string_value(json_object_get(c, "from"));
        if (g_str_has_prefix(from, prefix)) {
            fn(obj, from, json_string_value(json_object_get(c, "to")),
               json_string_value(json_object_get(c, "kind")), opaque);
        }
    }
    json_decref(conns);
    OBJECT_FOREACH_CHILD(obj, ch) {
        foreach_wire(ch, fn, opaque);
    }
}

static void export_wire(Object *src, const char *from, const char *to,
                        const char *kind, void *list)
{
    g_autofree char *f = rel_ref(from);
    g_autofree char *t = rel_ref(to);
    json_array_append_new(list, json_pack("{s:s, s:s}", "from", f, "to", t));
}

static gint by_seq(gconstpointer a, gconstpointer b)
{
    const MemRegion *x = *(MemRegion *const *)a, *y = *(MemRegion *const *)b;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* The regions mapped into an address space, in the order they were mapped. */
static GPtrArray *mapped(AddressSpace *as)
{
    GPtrArray *subs = g_ptr_array_new();
    for (uint32_t i = 0; i < as->root.nsubs; i++) {
        if (as->root.subs[i]->owner) {
            g_ptr_array_add(subs, as->root.subs[i]);
        }
    }
    g_ptr_array_sort(subs, by_seq);
    return subs;
}

static void export_maps(Object *obj, json_t *list)
{
    if (object_is_a(obj, TYPE_ADDRESS_SPACE)) {
        g_autofree char *as = rel_path(obj);
        g_autoptr(GPtrArray) subs = mapped((AddressSpace *)obj);
        for (guint i = 0; i < subs->len; i++) {
            MemRegion *mr = subs->pdata[i];
            g_autofree char *owner = rel_path(mr->owner);
            json_t *e = json_pack("{s:s, s:s, s:s, s:I}", "address-space", as,
                                  "object", owner, "region", mr->name,
                                  "addr", (json_int_t)mr->addr);
            if (mr->priority) {
                json_object_set_new(e, "priority", json_integer(mr->priority));
            }
            json_array_append_new(list, e);
        }
    }
    OBJECT_FOREACH_CHILD(obj, c) {
        export_maps(c, list);
    }
}

json_t *machine_export(Object *machine)
{
    json_t *name = object_prop_get(machine, "name", NULL);
    json_t *d = json_pack("{s:o, s:s}", "machine", name, "doc", type_doc(machine->type));
    json_t *params = export_params(machine);
    json_t *objs = export_objects(machine);
    json_t *wires = json_array(), *maps = json_array();
    foreach_wire(machine, export_wire, wires);
    export_maps(machine, maps);
    json_t *parts[] = { params, objs, wires, maps };
    const char *keys[] = { "params", "objects", "connect", "memory" };
    for (int i = 0; i < 4; i++) {
        if (json_is_array(parts[i]) ? json_array_size(parts[i]) != 0
                                    : json_object_size(parts[i]) != 0) {
            json_object_set(d, keys[i], parts[i]);
        }
        json_decref(parts[i]);
    }
    return d;
}

/* ---- graphviz ----------------------------------------------------------- */

static void dot_quote(GString *s, const char *text)
{
    g_string_append_c(s, '"');
    for (const char *c = text; *c; c++) {
        if (*c == '"' || *c == '\\') {
            g_string_append_c(s, '\\');
        }
        g_string_append_c(s, *c);
    }
    g_string_append_c(s, '"');
}

/* "NAME\nTYPE" as a quoted dot label (the \n is dot's line break). */
static void dot_label(GString *s, const Object *obj)
{
    GString *q = g_string_new(NULL);
    dot_quote(q, obj->name);
    g_string_truncate(q, q->len - 1);
    g_string_append(q, "\\n");
    g_string_append(q, type_name(obj->type));
    g_string_append_c(q, '"');
    g_string_append(s, q->str);
    g_string_free(q, true);
}

static void dot_objects(GString *s, Object *obj, int depth)
{
    OBJECT_FOREACH_CHILD(obj, c) {
        g_autofree char *path = object_path(c);
        bool as = object_is_a(c, TYPE_ADDRESS_SPACE);
        if (!strcmp(path, "/machine/peripheral") && !c->first_child) {
            continue;
        }
        g_string_append_printf(s, "%*s", 2 * depth, "");
        if (c->first_child) {
            g_string_append(s, "subgraph ");
            g_autofree char *cl = g_strconcat("cluster_", path, NULL);
            dot_quote(s, cl);
            g_string_append(s, " {\n");
            g_string_append_printf(s, "%*slabel=", 2 * depth + 2, "");
            dot_label(s, c);
            g_string_append_printf(s, "; style=rounded;\n%*s", 2 * depth + 2, "");
            dot_quote(s, path);
            g_string_append(s, " [shape=point, style=invis];\n");
            dot_objects(s, c, depth + 1);
            g_string_append_printf(s, "%*s}\n", 2 * depth, "");
            continue;
        }
        dot_quote(s, path);
        g_string_append(s, " [label=");
        dot_label(s, c);
        g_string_append_printf(s, "%s];\n", as ? ", shape=cylinder" : "");
    }
}

static const char *wire_color(const char *kind)
{
    return !strcmp(kind, "clock") ? "blue" : !strcmp(kind, "reset") ? "orange"
           : !strcmp(kind, "gpio") ? "darkgreen" : "red";
}

static void dot_wire(Object *src, const char *from, const char *to,
                     const char *kind, void *opaque)
{
    GString *s = opaque;
    g_autofree char *path = object_path(src);
    g_autofree char *tobj = g_strndup(to, strrchr(to, ':') - to);
    g_string_append(s, "  ");
    dot_quote(s, path);
    g_string_append(s, " -> ");
    dot_quote(s, tobj);
    g_autofree char *label = g_strdup_printf("%s -> %s", strrchr(from, ':') + 1,
                                             strrchr(to, ':') + 1);
    g_string_append(s, " [label=");
    dot_quote(s, label);
    /* the input's kind says what the wire is (an irq-kind output may
     * drive a reset input) */
    Object *dst = object_resolve(src, tobj);
    g_autofree char *pin = NULL;
    uint32_t line;
    const PinDef *in = dst && pin_ref_parse(strrchr(to, ':') + 1, &pin, &line, NULL)
                       ? type_pin_find(dst->type, pin) : NULL;
    if (in) {
        kind = pin_kind_name(in->kind);
    }
    g_string_append_printf(s, ", color=%s, fontcolor=%s, style=dashed];\n",
                           wire_color(kind), wire_color(kind));
}

static void dot_maps(GString *s, Object *obj)
{
    if (object_is_a(obj, TYPE_ADDRESS_SPACE)) {
        g_autofree char *as = object_path(obj);
        g_autoptr(GPtrArray) subs = mapped((AddressSpace *)obj);
        for (guint i = 0; i < subs->len; i++) {
            MemRegion *mr = subs->pdata[i];
            g_autofree char *owner = object_path(mr->owner);
            g_autofree char *label = g_strdup_printf("0x%" PRIx64 " %s", mr->addr,
                                                     mr->name);
            g_string_append(s, "  ");
            dot_quote(s, as);
            g_string_append(s, " -> ");
            dot_quote(s, owner);
            g_string_append(s, " [label=");
            dot_quote(s, label);
            g_string_append(s, ", color=gray40];\n");
        }
    }
    OBJECT_FOREACH_CHILD(obj, c) {
        dot_maps(s, c);
    }
}

char *machine_export_dot(Object *machine)
{
    json_t *name = object_prop_get(machine, "name", NULL);
    GString *s = g_string_new("digraph ");
    dot_quote(s, json_string_value(name));
    json_decref(name);
    g_string_append(s, " {\n  rankdir=LR; compound=true;\n"
                    "  graph [fontname=\"Helvetica\", fontsize=11, labelloc=t];\n"
                    "  node [shape=box, fontname=\"Helvetica\", fontsize=10];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=9];\n  label=");
    json_t *mname = object_prop_get(machine, "name", NULL);
    g_autofree char *title = g_strdup_printf("%s: %s", json_string_value(mname),
                                             type_doc(machine->type));
    json_decref(mname);
    dot_quote(s, title);
    g_string_append(s, ";\n");
    dot_objects(s, machine, 1);
    dot_maps(s, machine);
    foreach_wire(machine, dot_wire, s);
    g_string_append(s, "}\n");
    return g_string_free(s, false);
}
