/* The type registry: built once from static TypeInfo lists; afterwards only
 * types defined by data (machine descriptions) are added or replaced. Each
 * type gets its inherited property, pin and region tables flattened (base
 * first) and indexed by name.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/object.h"
#include "core/type-impl.h"

/* Written by type_registry_init(); then only type_register_data() adds. */
static GHashTable *types;          /* name -> TypeImpl */
static const TypeImpl **sorted;    /* by name */
static size_t ntypes;

const TypeImpl *type_lookup(const char *name)
{
    return types && name ? g_hash_table_lookup(types, name) : NULL;
}

const char *type_name(const TypeImpl *t) { return t->info->name; }
const char *type_doc(const TypeImpl *t) { return t->info->doc; }
const TypeImpl *type_parent(const TypeImpl *t) { return t->parent; }
const TypeInfo *type_info(const TypeImpl *t) { return t->info; }
bool type_is_abstract(const TypeImpl *t) { return t->info->abstract; }

const void *type_class_ops(const TypeImpl *t)
{
    while (t && !t->info->class_ops) {
        t = t->parent;
    }
    return t ? t->info->class_ops : NULL;
}

const char *type_target(const TypeImpl *t)
{
    while (t && !t->info->target) {
        t = t->parent;
    }
    return t ? t->info->target : NULL;
}

bool type_is_a(const TypeImpl *t, const char *name)
{
    for (; t; t = t->parent) {
        if (!strcmp(t->info->name, name)) {
            return true;
        }
        for (const char *const *i = t->info->interfaces; i && *i; i++) {
            const TypeImpl *it = type_lookup(*i);
            if (it && type_is_a(it, name)) {
                return true;
            }
        }
    }
    return false;
}

const TypeImpl *const *type_all(size_t *n)
{
    *n = ntypes;
    return sorted;
}

const PropDef *const *type_props(const TypeImpl *t, size_t *n)
{
    *n = t->nprops;
    return t->props;
}

const PropDef *type_prop_find(const TypeImpl *t, const char *name)
{
    return g_hash_table_lookup(t->prop_index, name);
}

const PinDef *const *type_pins(const TypeImpl *t, size_t *n)
{
    *n = t->npins;
    return t->pins;
}

const PinDef *type_pin_find(const TypeImpl *t, const char *name)
{
    for (size_t i = 0; i < t->npins; i++) {
        if (!strcmp(t->pins[i]->name, name)) {
            return t->pins[i];
        }
    }
    return NULL;
}

const RegionDef *const *type_regions(const TypeImpl *t, size_t *n)
{
    *n = t->nregions;
    return t->regions;
}

const RegionDef *type_region_find(const TypeImpl *t, const char *name)
{
    for (size_t i = 0; i < t->nregions; i++) {
        if (!strcmp(t->regions[i]->name, name)) {
            return t->regions[i];
        }
    }
    return NULL;
}

/* Levenshtein distance, for suggestions. */
static size_t edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    g_autofree size_t *row = g_new(size_t, lb + 1);
    for (size_t j = 0; j <= lb; j++) {
        row[j] = j;
    }
    for (size_t i = 1; i <= la; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] != b[j - 1];
            size_t best = MIN(MIN(row[j] + 1, row[j - 1] + 1), diag + cost);
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *suggest_name(const char *name, const char *const *cands, size_t n)
{
    const char *best = NULL;
    size_t bestd = (size_t)-1;
    size_t limit = MAX(strlen(name) / 3, 2);
    for (size_t i = 0; i < n; i++) {
        size_t d = edit_distance(name, cands[i]);
        if (d < bestd) {
            bestd = d;
            best = cands[i];
        }
    }
    return bestd <= limit ? best : NULL;
}

char *suggest_hint(const char *near)
{
    return near ? g_strdup_printf(" (did you mean '%s'?)", near) : g_strdup("");
}

const char *type_suggest(const char *name)
{
    g_autofree const char **names = g_new(const char *, ntypes + 1);
    for (size_t i = 0; i < ntypes; i++) {
        names[i] = sorted[i]->info->name;
    }
    return suggest_name(name, names, ntypes);
}

static int cmp_type(const void *a, const void *b)
{
    const TypeImpl *x = *(const TypeImpl *const *)a;
    const TypeImpl *y = *(const TypeImpl *const *)b;
    return strcmp(x->info->name, y->info->name);
}

/* Resolve t's parent and flatten its tables; parents first (recursive). */
static bool type_resolve(TypeImpl *t, int depth, Error **errp)
{
    const TypeInfo *ti = t->info;

    if (t->resolved) {
        return true;
    }
    if (depth > 64) {
        error_setg(errp, "type '%s': parent chain too deep or cyclic", ti->name);
        return false;
    }
    if (ti->parent) {
        TypeImpl *p = g_hash_table_lookup(types, ti->parent);
        if (!p) {
            error_setg(errp, "type '%s': unknown parent type '%s'", ti->name, ti->parent);
            return false;
        }
        if (!type_resolve(p, depth + 1, errp)) {
            return false;
        }
        t->parent = p;
    }
    const TypeImpl *p = t->parent;
    t->instance_size = ti->instance_size ? ti->instance_size
                       : p ? p->instance_size : sizeof(Object);
    if (p && t->instance_size < p->instance_size) {
        error_setg(errp, "type '%s': instance smaller than its parent's", ti->name);
        return false;
    }

    GPtrArray *props = g_ptr_array_new();
    GPtrArray *pins = g_ptr_array_new();
    GPtrArray *regions = g_ptr_array_new();
    if (p) {
        for (size_t i = 0; i < p->nprops; i++) g_ptr_array_add(props, (void *)p->props[i]);
        for (size_t i = 0; i < p->npins; i++) g_ptr_array_add(pins, (void *)p->pins[i]);
        for (size_t i = 0; i < p->nregions; i++) g_ptr_array_add(regions, (void *)p->regions[i]);
    }
    t->prop_index = g_hash_table_new(g_str_hash, g_str_equal);
    bool ok = true;
    for (const PropDef *d = ti->props; ok && d && d->name; d++) {
        if (!d->doc || !*d->doc) {
            error_setg(errp, "type '%s': property '%s' has no doc", ti->name, d->name);
            ok = false;
        }
        g_ptr_array_add(props, (void *)d);
    }
    for (const PinDef *d = ti->pins; ok && d && d->name; d++) {
        if (!d->doc || !*d->doc || d->count == 0) {
            error_setg(errp, "type '%s': pin '%s' has no doc or no lines", ti->name, d->name);
            ok = false;
        }
        for (guint i = 0; ok && i < pins->len; i++) {
            if (!strcmp(((const PinDef *)pins->pdata[i])->name, d->name)) {
                error_setg(errp, "type '%s': pin '%s' defined twice", ti->name, d->name);
                ok = false;
            }
        }
        g_ptr_array_add(pins, (void *)d);
    }
    for (const RegionDef *d = ti->regions; ok && d && d->name; d++) {
        if (!d->doc || !*d->doc) {
            error_setg(errp, "type '%s': region '%s' has no doc", ti->name, d->name);
            ok = false;
        }
        for (guint i = 0; ok && i < regions->len; i++) {
            if (!strcmp(((const RegionDef *)regions->pdata[i])->name, d->name)) {
                error_setg(errp, "type '%s': region '%s' defined twice", ti->name, d->name);
                ok = false;
            }
        }
        g_ptr_array_add(regions, (void *)d);
    }
    for (guint i = 0; ok && i < props->len; i++) {
        const PropDef *d = props->pdata[i];
        if (!strcmp(d->name, "type") || !strcmp(d->name, "realized") ||
            g_hash_table_contains(t->prop_index, d->name)) {
            error_setg(errp, "type '%s': property '%s' defined twice or reserved",
                       ti->name, d->name);
            ok = false;
        }
        g_hash_table_insert(t->prop_index, (void *)d->name, (void *)d);
    }
    t->nprops = props->len;
    t->props = (const PropDef **)g_ptr_array_free(props, false);
    t->npins = pins->len;
    t->pins = (const PinDef **)g_ptr_array_free(pins, false);
    t->nregions = regions->len;
    t->regions = (const RegionDef **)g_ptr_array_free(regions, false);

    /* the hook chain, base first */
    t->depth = p ? p->depth + 1 : 1;
    t->chain = g_new(const TypeInfo *, t->depth);
    for (size_t i = 0; p && i < p->depth; i++) {
        t->chain[i] = p->chain[i];
    }
    t->chain[t->depth - 1] = ti;
    t->resolved = true;
    return ok;
}

bool type_registry_init(const TypeInfo *const *const *lists, Error **errp)
{
    if (types) {
        return true;
    }
    types = g_hash_table_new(g_str_hash, g_str_equal);
    GPtrArray *all = g_ptr_array_new();
    for (const TypeInfo *const *const *l = lists; *l; l++) {
        for (const TypeInfo *const *ti = *l; *ti; ti++) {
            if (g_hash_table_contains(types, (*ti)->name)) {
                error_setg(errp, "type '%s' registered twice", (*ti)->name);
                goto fail;
            }
            if (!(*ti)->doc || !*(*ti)->doc) {
                error_setg(errp, "type '%s' has no doc", (*ti)->name);
                goto fail;
            }
            TypeImpl *t = g_new0(TypeImpl, 1);
            t->info = *ti;
            g_hash_table_insert(types, (void *)(*ti)->name, t);
            g_ptr_array_add(all, t);
        }
    }
    for (guint i = 0; i < all->len; i++) {
        if (!type_resolve(all->pdata[i], 0, errp)) {
            goto fail;
        }
    }
    ntypes = all->len;
    qsort(all->pdata, all->len, sizeof(void *), cmp_type);
    sorted = (const TypeImpl **)g_ptr_array_free(all, false);
    return true;
fail:
    /* Registration errors are programming errors in static tables; the
     * registry stays unusable and the error says which table is wrong. */
    g_ptr_array_free(all, true);
    g_hash_table_destroy(types);
    types = NULL;
    return false;
}

static void type_impl_free(TypeImpl *t)
{
    g_free(t->props);
    g_free(t->pins);
    g_free(t->regions);
    g_free(t->chain);
    g_hash_table_destroy(t->prop_index);
    g_free(t);
}

bool type_register_data(const TypeInfo *info, void (*free_info)(const TypeInfo *),
                        Error **errp)
{
    TypeImpl *old = types ? g_hash_table_lookup(types, info->name) : NULL;
    if (!types || (old && !old->free_info)) {
        error_setg(errp, "type '%s' %s", info->name,
                   types ? "is built in and cannot be redefined"
                         : "cannot be registered before the built-in types");
        return false;
    }
    TypeImpl *t = g_new0(TypeImpl, 1);
    t->info = info;
    if (!type_resolve(t, 0, errp)) {
        if (t->prop_index) {
            type_impl_free(t);
        } else {
            g_free(t);
        }
        return false;
    }
    t->free_info = free_info;
    g_hash_table_replace(types, (void *)info->name, t);   /* the key too */
    size_t i = 0;
    if (old) {
        while (sorted[i] != old) {
            i++;
        }
        sorted[i] = t;
        old->free_info(old->info);
        type_impl_free(old);
        return true;
    }
    sorted = g_renew(const TypeImpl *, sorted, ntypes + 1);
    while (i < ntypes && strcmp(sorted[i]->info->name, info->name) < 0) {
        i++;
    }
    memmove(&sorted[i + 1], &sorted[i], (ntypes - i) * sizeof(*sorted));
    sorted[i] = t;
    ntypes++;
    return true;
}
