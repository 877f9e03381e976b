/* Objects: creation under a named parent, the composition tree and paths,
 * realize/unrealize of subtrees as one step with roll-back, destruction
 * that clears every link and pin connection into the destroyed objects.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/object.h"
#include "core/object-impl.h"
#include "core/type-impl.h"

/* Children are found by a linear scan up to this many, then by a hash. */
#define CHILD_INDEX_MIN 12

static const char *const state_names[] = {
    [OBJ_CREATED] = "created",
    [OBJ_ATTACHED] = "attached",
    [OBJ_REALIZED] = "realized",
    [OBJ_DETACHED] = "detached",
};

const char *object_state_name(const Object *obj)
{
    return state_names[obj->state];
}

bool object_is_a(const Object *obj, const char *tname)
{
    return type_is_a(obj->type, tname);
}

bool object_is_realized(const Object *obj)
{
    return obj->state == OBJ_REALIZED;
}

Object *object_root(Object *obj)
{
    while (obj->parent) {
        obj = obj->parent;
    }
    return obj;
}

bool object_name_valid(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > 64 || !strcmp(name, ".") || !strcmp(name, "..")) {
        return false;
    }
    for (const char *p = name; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("_-.[]", *p)) {
            return false;
        }
    }
    return true;
}

Object *object_child(const Object *obj, const char *name)
{
    if (obj->child_index) {
        return g_hash_table_lookup(obj->child_index, name);
    }
    for (Object *c = obj->first_child; c; c = c->next) {
        if (!strcmp(c->name, name)) {
            return c;
        }
    }
    return NULL;
}

static void path_append(GString *s, const Object *obj)
{
    if (obj->parent) {
        path_append(s, obj->parent);
        g_string_append_c(s, '/');
        g_string_append(s, obj->name);
    }
}

char *object_path(const Object *obj)
{
    if (!obj->parent) {
        return g_strdup("/");
    }
    GString *s = g_string_sized_new(32);
    path_append(s, obj);
    return g_string_free(s, false);
}

Object *object_resolve(Object *base, const char *path)
{
    Object *o = base;
    if (path[0] == '/') {
        o = object_root(base);
    }
    g_auto(GStrv) parts = g_strsplit(path, "/", -1);
    for (char **p = parts; *p && o; p++) {
        if (!**p || !strcmp(*p, ".")) {
            continue;
        }
        if (!strcmp(*p, "..")) {
            o = o->parent;
            continue;
        }
        o = object_child(o, *p);
    }
    return o;
}

/* ---- creation --------------------------------------------------------- */

static void prop_set_default(Object *obj, const PropDef *p)
{
    void *f = OBJ_FIELD(obj, p->offset, void);
    switch (p->type) {
    case PROP_T_BOOL:
        *(bool *)f = p->def.b;
        break;
    case PROP_T_INT:
        *(int64_t *)f = p->def.i;
        break;
    case PROP_T_UINT64:
    case PROP_T_SIZE:
        *(uint64_t *)f = p->def.u;
        break;
    case PROP_T_STR:
        *(char **)f = g_strdup(p->def.s);
        break;
    case PROP_T_ENUM:
        *(int *)f = (int)p->def.i;
        break;
    case PROP_T_LIST:
    case PROP_T_LINK:
        break; /* zeroed: empty list, no target */
    }
}

static void child_index_add(Object *parent, Object *child)
{
    if (!parent->child_index && parent->nchildren >= CHILD_INDEX_MIN) {
        parent->child_index = g_hash_table_new(g_str_hash, g_str_equal);
        for (Object *c = parent->first_child; c; c = c->next) {
            g_hash_table_insert(parent->child_index, c->name, c);
        }
    }
    if (parent->child_index) {
        g_hash_table_insert(parent->child_index, child->name, child);
    }
}

static Object *object_alloc(const TypeImpl *t)
{
    Object *obj = g_malloc0(t->instance_size);
    obj->type = t;
    for (size_t i = 0; i < t->nprops; i++) {
        prop_set_default(obj, t->props[i]);
    }
    for (size_t i = 0; i < t->depth; i++) {
        if (t->chain[i]->init) {
            t->chain[i]->init(obj);
        }
    }
    return obj;
}

Object *object_new_root(void)
{
    const TypeImpl *t = type_lookup("container");
    g_assert(t); /* type_registry_init() must have run */
    Object *root = object_alloc(t);
    root->name = g_strdup("");
    root->state = OBJ_ATTACHED;
    return root;
}

Object *object_new_child(Object *parent, const char *tname, const char *name,
                         Error **errp)
{
    const TypeImpl *t = type_lookup(tname);

    if (!t) {
        g_autofree char *hint = suggest_hint(type_suggest(tname));
        error_setg(errp, "unknown type '%s'%s", tname, hint);
        return NULL;
    }
    if (t->info->abstract) {
        error_setg(errp, "type '%s' is abstract", tname);
        return NULL;
    }
    if (!parent || parent->state == OBJ_DETACHED) {
        error_setg(errp, "an object of type '%s' needs a parent", tname);
        return NULL;
    }
    if (!name || !object_name_valid(name)) {
        error_setg(errp, "'%s' is not a valid object name (1 to 64 of "
                   "A-Z a-z 0-9 _ - . [ ])", name ? name : "");
        return NULL;
    }
    if (object_child(parent, name)) {
        g_autofree char *pp = object_path(parent);
        error_setg(errp, "'%s' already has a child named '%s'", pp, name);
        return NULL;
    }
    Object *obj = object_alloc(t);
    obj->name = g_strdup(name);
    obj->parent = parent;
    obj->prev = parent->last_child;
    if (parent->last_child) {
        parent->last_child->next = obj;
    } else {
        parent->first_child = obj;
    }
    parent->last_child = obj;
    child_index_add(parent, obj);
    parent->nchildren++;
    obj->state = OBJ_ATTACHED;
    return obj;
}

/* ---- realize / unrealize ---------------------------------------------- */

typedef struct RealizeStep {
    GPtrArray *realized;   /* in realize order */
    GPtrArray *expanded;   /* objects whose expand ran in this step */
} RealizeStep;

static void error_prefix_path(Error **errp, Object *obj)
{
    if (errp && *errp) {
        g_autofree char *path = object_path(obj);
        error_prepend(errp, "%s: ", path);
    }
}

/* Run the unrealize hooks of levels [0, upto) of obj, derived first. */
static void unrealize_levels(Object *obj, size_t upto)
{
    const TypeImpl *t = obj->type;
    for (size_t i = upto; i-- > 0;) {
        if (t->chain[i]->unrealize) {
            t->chain[i]->unrealize(obj);
        }
    }
}

static void destroy_expanded_children(Object *obj)
{
    Object *c = obj->last_child;
    while (c) {
        Object *prev = c->prev;
        if (c->by_expand) {
            object_destroy(c);
        }
        c = prev;
    }
    obj->expanded = false;
}

static bool realize_rec(Object *obj, RealizeStep *st, Error **errp)
{
    const TypeImpl *t = obj->type;

    if (obj->state == OBJ_REALIZED) {
        return true;
    }
    if (!obj->expanded) {
        Object *last = obj->last_child;
        obj->expanded = true;
        g_ptr_array_add(st->expanded, obj);
        bool ok = true;
        for (size_t i = 0; ok && i < t->depth; i++) {
            ok = !t->chain[i]->expand || t->chain[i]->expand(obj, errp);
        }
        for (Object *c = last ? last->next : obj->first_child; c; c = c->next) {
            c->by_expand = true;
        }
        if (!ok) {
            error_prefix_path(errp, obj);
            return false;
        }
    }
    for (Object *c = obj->first_child; c; c = c->next) {
        if (!realize_rec(c, st, errp)) {
            return false;
        }
    }
    for (size_t i = 0; i < t->depth; i++) {
        if (t->chain[i]->realize && !t->chain[i]->realize(obj, errp)) {
            unrealize_levels(obj, i);
            error_prefix_path(errp, obj);
            return false;
        }
    }
    obj->state = OBJ_REALIZED;
    g_ptr_array_add(st->realized, obj);
    return true;
}

bool object_realize(Object *obj, Error **errp)
{
    if (obj->state == OBJ_REALIZED) {
        return true;
    }
    if (obj->state != OBJ_ATTACHED) {
        error_setg(errp, "cannot realize an object that is %s",
                   object_state_name(obj));
        return false;
    }
    RealizeStep st = { g_ptr_array_new(), g_ptr_array_new() };
    bool ok = realize_rec(obj, &st, errp);
    if (!ok) {
        for (guint i = st.realized->len; i-- > 0;) {
            Object *o = st.realized->pdata[i];
            unrealize_levels(o, o->type->depth);
            o->state = OBJ_ATTACHED;
        }
        for (guint i = st.expanded->len; i-- > 0;) {
            destroy_expanded_children(st.expanded->pdata[i]);
        }
    }
    g_ptr_array_free(st.realized, true);
    g_ptr_array_free(st.expanded, true);
    return ok;
}

void object_unrealize(Object *obj)
{
    bool was = obj->state == OBJ_REALIZED;
    if (was) {
        unrealize_levels(obj, obj->type->depth);
        obj->state = OBJ_ATTACHED;
    }
    /* children may be realized on their own under an unrealized parent */
    for (Object *c = obj->last_child; c; c = c->prev) {
        object_unrealize(c);
    }
    if (was && obj->expanded) {
        destroy_expanded_children(obj);
    }
}

void object_reset_input(Object *obj, unsigned n, uint64_t level)
{
    obj->in_reset = level != 0;
    if (level) {
        object_reset(obj);
    }
}

bool object_held_in_reset(const Object *obj)
{
    for (; obj; obj = obj->parent) {
        if (obj->in_reset) {
            return true;
        }
    }
    return false;
}

void object_reset(Object *obj)
{
    if (obj->state == OBJ_REALIZED) {
        const TypeImpl *t = obj->type;
        for (size_t i = 0; i < t->depth; i++) {
            if (t->chain[i]->reset) {
                t->chain[i]->reset(obj);
            }
        }
    }
    for (Object *c = obj->first_child; c; c = c->next) {
        object_reset(c);
    }
}

/* ---- references: links and pin connections ----------------------------- */

void objref_add(Object *dst, const ObjRef *tmpl)
{
    ObjRef *r = g_new(ObjRef, 1);
    *r = *tmpl;
    r->next = dst->refs;
    dst->refs = r;
}

/* Remove the references into dst that match (src, slot[, n, m]). */
void objref_remove(Object *dst, Object *src, void *slot, bool any_line,
                   uint32_t n, uint32_t m)
{
    for (ObjRef **pp = &dst->refs; *pp;) {
        ObjRef *r = *pp;
        if (r->src == src && r->slot == slot &&
            (any_line || (r->n == n && r->m == m))) {
            *pp = r->next;
            g_free(r);
        } else {
            pp = &r->next;
        }
    }
}

/* Remove from pin every sink that is line m of obj (any line if any_line). */
static void pin_remove_sinks(Pin *pin, Object *obj)
{
    uint32_t j = 0;
    for (uint32_t i = 0; i < pin->nsinks; i++) {
        if (pin->sinks[i].obj != obj) {
            pin->sinks[j++] = pin->sinks[i];
        }
    }
    pin->nsinks = j;
    if (!j) {
        g_clear_pointer(&pin->sinks, g_free);
    }
}

/* obj goes away: clear links to it, drop connections into it, and take
 * its own links and connections out of their targets' lists. */
static void object_drop_refs(Object *obj)
{
    const TypeImpl *t = obj->type;

    while (obj->refs) {
        ObjRef *r = obj->refs;
        obj->refs = r->next;
        if (r->kind == OBJREF_LINK) {
            *(Object **)r->slot = NULL;
        } else {
            pin_remove_sinks(r->slot, obj);
        }
        g_free(r);
    }
    for (size_t i = 0; i < t->nprops; i++) {
        const PropDef *p = t->props[i];
        if (p->type == PROP_T_LINK) {
            Object **f = OBJ_FIELD(obj, p->offset, Object *);
            if (*f) {
                objref_remove(*f, obj, f, true, 0, 0);
                *f = NULL;
            }
        }
    }
    for (size_t i = 0; i < t->npins; i++) {
        const PinDef *d = t->pins[i];
        if (d->dir != PIN_OUT) {
            continue;
        }
        Pin *pins = OBJ_FIELD(obj, d->offset, Pin);
        for (uint32_t n = 0; n < d->count; n++) {
            for (uint32_t k = 0; k < pins[n].nsinks; k++) {
                objref_remove(pins[n].sinks[k].obj, obj, &pins[n], true, 0, 0);
            }
            g_clear_pointer(&pins[n].sinks, g_free);
            pins[n].nsinks = 0;
        }
    }
}

static void prop_free_field(Object *obj, const PropDef *p)
{
    if (p->type == PROP_T_STR) {
        g_clear_pointer(OBJ_FIELD(obj, p->offset, char *), g_free);
    } else if (p->type == PROP_T_LIST) {
        prop_list_clear(OBJ_FIELD(obj, p->offset, PropList), p->elem);
    }
}

static void detach(Object *obj)
{
    Object *parent = obj->parent;
    if (!parent) {
        return;
    }
    if (obj->prev) {
        obj->prev->next = obj->next;
    } else {
        parent->first_child = obj->next;
    }
    if (obj->next) {
        obj->next->prev = obj->prev;
    } else {
        parent->last_child = obj->prev;
    }
    if (parent->child_index) {
        g_hash_table_remove(parent->child_index, obj->name);
    }
    parent->nchildren--;
    obj->parent = obj->next = obj->prev = NULL;
    obj->state = OBJ_DETACHED;
}

static void destroy_rec(Object *obj)
{
    const TypeImpl *t = obj->type;

    while (obj->last_child) {
        destroy_rec(obj->last_child);
    }
    detach(obj);
    obj->state = OBJ_DETACHED;
    object_drop_refs(obj);
    for (size_t i = t->depth; i-- > 0;) {
        if (t->chain[i]->finalize) {
            t->chain[i]->finalize(obj);
        }
    }
    for (size_t i = 0; i < t->nprops; i++) {
        prop_free_field(obj, t->props[i]);
    }
    if (obj->child_index) {
        g_hash_table_destroy(obj->child_index);
    }
    g_free(obj->name);
    g_free(obj);
}

void object_destroy(Object *obj)
{
    object_unrealize(obj);
    destroy_rec(obj);
}

/* ---- the types of this folder ----------------------------------------- */

static const TypeInfo object_type = {
    .name = "object",
    .abstract = true,
    .instance_size = sizeof(Object),
    .doc = "The base of every type: a node of the composition tree with "
           "the properties 'type' and 'realized'.",
};

static const TypeInfo interface_type = {
    .name = "interface",
    .parent = "object",
    .abstract = true,
    .doc = "The base of interfaces: abstract types that other types list "
           "in their 'interfaces' to promise a behaviour.",
};

static const TypeInfo container_type = {
    .name = "container",
    .parent = "object",
    .doc = "Groups children under one name; has no behaviour of its own.",
};

const TypeInfo *const core_types[] = {
    &object_type, &interface_type, &container_type, NULL,
};

/* ---- partial paths ------------------------------------------------------ */

static void partial_search(Object *obj, const char *path, Object **found,
                           unsigned *count)
{
    Object *hit = object_resolve(obj, path);
    if (hit && hit != *found) {
        *found = hit;
        (*count)++;
    }
    for (Object *c = obj->first_child; c && *count < 2; c = c->next) {
        partial_search(c, path, found, count);
    }
}

Object *object_resolve_partial(Object *root, const char *path, bool *ambiguous)
{
    *ambiguous = false;
    if (path[0] == '/') {
        return object_resolve(root, path);
    }
    if (!*path || strstr(path, "..")) {
        return NULL;
    }
    Object *found = NULL;
    unsigned count = 0;
    partial_search(object_root(root), path, &found, &count);
    if (count > 1) {
        *ambiguous = true;
        return NULL;
    }
    return found;
}
