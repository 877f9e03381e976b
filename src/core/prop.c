/* Properties: generic get/set as JSON over the static PropDef tables, with
 * range, enum and link type checks and the life-cycle rule that config
 * properties are settable only while an object is attached.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "core/object.h"
#include "core/object-impl.h"
#include "core/size.h"
#include "core/type-impl.h"

/* The pseudo-entries every object has besides its type's table. */
static const PropDef prop_type = { .name = "type", .type = PROP_T_STR,
    .flags = PROP_F_READONLY, .doc = "the object's type name" };
static const PropDef prop_realized = { .name = "realized", .type = PROP_T_BOOL,
    .flags = PROP_F_RUNTIME, .doc = "whether the object is realized; "
    "setting it realizes or unrealizes the object and its subtree" };

const PropDef *object_prop_find(const Object *obj, const char *name)
{
    if (!strcmp(name, "type")) {
        return &prop_type;
    }
    if (!strcmp(name, "realized")) {
        return &prop_realized;
    }
    return type_prop_find(obj->type, name);
}

char *prop_type_name(const PropDef *p)
{
    switch (p->type) {
    case PROP_T_BOOL: return g_strdup("bool");
    case PROP_T_INT: return g_strdup("int");
    case PROP_T_UINT64: return g_strdup("uint64");
    case PROP_T_SIZE: return g_strdup("size");
    case PROP_T_STR: return g_strdup(p == &prop_type ? "string" : "str");
    case PROP_T_ENUM: return g_strdup(p->enum_type ? p->enum_type : "str");
    case PROP_T_LIST: {
        PropDef e = { .type = p->elem };
        g_autofree char *en = prop_type_name(&e);
        return g_strdup_printf("list<%s>", en);
    }
    case PROP_T_LINK: return g_strdup_printf("link<%s>", p->link_type);
    }
    return g_strdup("any");
}

static json_t *u64_json(uint64_t v)
{
    /* jansson integers are 64-bit signed; larger values lose precision */
    return v <= INT64_MAX ? json_integer((json_int_t)v) : json_real((double)v);
}

json_t *prop_default_json(const PropDef *p)
{
    switch (p->type) {
    case PROP_T_BOOL: return json_boolean(p->def.b);
    case PROP_T_INT: return json_integer(p->def.i);
    case PROP_T_UINT64:
    case PROP_T_SIZE: return u64_json(p->def.u);
    case PROP_T_STR: return p->def.s ? json_string(p->def.s) : NULL;
    case PROP_T_ENUM: return json_string(p->enum_names[p->def.i]);
    default: return NULL;
    }
}

void prop_list_clear(PropList *l, PropType elem)
{
    if (elem == PROP_T_STR) {
        for (size_t i = 0; i < l->len; i++) {
            g_free(((char **)l->v)[i]);
        }
    }
    g_clear_pointer(&l->v, g_free);
    l->len = 0;
}

static json_t *list_json(const PropList *l, PropType elem)
{
    json_t *a = json_array();
    for (size_t i = 0; i < l->len; i++) {
        switch (elem) {
        case PROP_T_INT:
            json_array_append_new(a, json_integer(((int64_t *)l->v)[i]));
            break;
        case PROP_T_STR:
            json_array_append_new(a, json_string(((char **)l->v)[i]));
            break;
        default:
            json_array_append_new(a, u64_json(((uint64_t *)l->v)[i]));
            break;
        }
    }
    return a;
}

static json_t *field_json(Object *obj, const PropDef *p)
{
    void *f = OBJ_FIELD(obj, p->offset, void);
    switch (p->type) {
    case PROP_T_BOOL: return json_boolean(*(bool *)f);
    case PROP_T_INT: return json_integer(*(int64_t *)f);
    case PROP_T_UINT64:
    case PROP_T_SIZE: return u64_json(*(uint64_t *)f);
    case PROP_T_STR: return json_string(*(char **)f ? *(char **)f : "");
    case PROP_T_ENUM: return json_string(p->enum_names[*(int *)f]);
    case PROP_T_LIST: return list_json(f, p->elem);
    case PROP_T_LINK: {
        Object *t = *(Object **)f;
        if (!t) {
            return json_string("");
        }
        g_autofree char *path = object_path(t);
        return json_string(path);
    }
    }
    return json_null();
}

static void error_not_found(Object *obj, const char *name, Error **errp)
{
    /* QEMU's text: Property '<type>.<name>' not found */
    error_setg(errp, "Property '%s.%s' not found", type_name(obj->type), name);
}

json_t *object_prop_get(Object *obj, const char *name, Error **errp)
{
    const PropDef *p = object_prop_find(obj, name);
    if (p == &prop_type) {
        return json_string(type_name(obj->type));
    }
    if (p == &prop_realized) {
        return json_boolean(obj->state == OBJ_REALIZED);
    }
    if (p) {
        return field_json(obj, p);
    }
    Object *c = object_child(obj, name);
    if (c) {
        g_autofree char *path = object_path(c);
        return json_string(path);
    }
    error_not_found(obj, name, errp);
    return NULL;
}

/* ---- conversion from JSON ---------------------------------------------- */

static void error_type(const char *name, const char *expected, Error **errp)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s",
               name, expected);
}

static bool to_bool(const char *name, json_t *v, bool from_str, bool *out,
                    Error **errp)
{
    if (json_is_boolean(v)) {
        *out = json_is_true(v);
        return true;
    }
    if (from_str && json_is_string(v)) {
        const char *s = json_string_value(v);
        if (!strcmp(s, "on") || !strcmp(s, "yes") || !strcmp(s, "true")) {
            *out = true;
            return true;
        }
        if (!strcmp(s, "off") || !strcmp(s, "no") || !strcmp(s, "false")) {
            *out = false;
            return true;
        }
        error_setg(errp, "Parameter '%s' expects 'on' or 'off'", name);
        return false;
    }
    error_type(name, "boolean", errp);
    return false;
}

static bool to_int(const char *name, json_t *v, bool from_str, int64_t *out,
                   Error **errp)
{
    if (json_is_integer(v)) {
        *out = json_integer_value(v);
        return true;
    }
    if (from_str && json_is_string(v)) {
        Error *err = NULL;
        if (size_parse_int(json_string_value(v), out, &err)) {
            return true;
        }
        error_free(err);
        error_setg(errp, "Parameter '%s' expects an integer", name);
        return false;
    }
    error_type(name, "integer", errp);
    return false;
}

static bool to_u64(const char *name, json_t *v, bool from_str, bool size,
                   uint64_t *out, Error **errp)
{
    if (json_is_integer(v)) {
        if (json_integer_value(v) < 0) {
            error_setg(errp, "Parameter '%s' expects a non-negative number", name);
            return false;
        }
        *out = (uint64_t)json_integer_value(v);
        return true;
    }
    /* sizes take "64K" in QMP too; other numbers only from the CLI */
    if ((from_str || size) && json_is_string(v)) {
        Error *err = NULL;
        const char *s = json_string_value(v);
        if (size ? size_parse(s, out, &err) : size_parse_uint(s, out, &err)) {
            return true;
        }
        error_free(err);
        error_setg(errp, "Parameter '%s' expects %s", name,
                   size ? "a size value" : "a non-negative number");
        return false;
    }
    error_type(name, size ? "size" : "integer", errp);
    return false;
}

static bool to_str(const char *name, json_t *v, const char **out, Error **errp)
{
    if (!json_is_string(v)) {
        error_type(name, "string", errp);
        return false;
    }
    *out = json_string_value(v);
    return true;
}

static bool check_range(Object *obj, const PropDef *p, json_t *v,
                        int64_t i, uint64_t u, Error **errp)
{
    if (!(p->flags & PROP_F_RANGE)) {
        return true;
    }
    bool in = p->type == PROP_T_INT ? (i >= p->min && i <= p->max)
                                    : (u >= p->umin && u <= p->umax);
    if (in) {
        return true;
    }
    g_autofree char *path = object_path(obj);
    g_autofree char *val = json_dumps(v, JSON_ENCODE_ANY);
    if (p->type == PROP_T_INT) {
        error_setg(errp, "Property '%s' of '%s': value %s is out of range "
                   "[%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT "]",
                   p->name, path, val, p->min, p->max);
    } else {
        error_setg(errp, "Property '%s' of '%s': value %s is out of range "
                   "[%" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT "]",
                   p->name, path, val, p->umin, p->umax);
    }
    return false;
}

static bool set_list(const PropDef *p, PropList *l, json_t *v, bool from_str,
                     Error **errp)
{
    if (!json_is_array(v)) {
        error_type(p->name, "array", errp);
        return false;
    }
    size_t n = json_array_size(v);
    size_t esz = p->elem == PROP_T_STR ? sizeof(char *) : sizeof(uint64_t);
    void *arr = g_malloc0(esz * (n ? n : 1));
    for (size_t i = 0; i < n; i++) {
        json_t *e = json_array_get(v, i);
        g_autofree char *en = g_strdup_printf("%s[%zu]", p->name, i);
        bool ok;
        const char *s;
        switch (p->elem) {
        case PROP_T_INT:
            ok = to_int(en, e, from_str, &((int64_t *)arr)[i], errp);
            break;
        case PROP_T_STR:
            ok = to_str(en, e, &s, errp);
            if (ok) {
                ((char **)arr)[i] = g_strdup(s);
            }
            break;
        default:
            ok = to_u64(en, e, from_str, p->elem == PROP_T_SIZE,
                        &((uint64_t *)arr)[i], errp);
            break;
        }
        if (!ok) {
            PropList tmp = { i, arr };
            prop_list_clear(&tmp, p->elem);
            return false;
        }
    }
    prop_list_clear(l, p->elem);
    l->len = n;
    l->v = arr;
    return true;
}

static bool set_link(Object *obj, const PropDef *p, json_t *v, Error **errp)
{
    const char *path;
    Object **f = OBJ_FIELD(obj, p->offset, Object *);
    Object *target = NULL;

    if (!to_str(p->name, v, &path, errp)) {
        return false;
    }
    if (*path) {
        /* relative paths start at the object's parent: siblings by name */
        target = object_resolve(obj->parent ? obj->parent : obj, path);
        if (!target) {
            error_set(errp, ERROR_CLASS_DEVICE_NOT_FOUND,
                      "Device '%s' not found", path);
            return false;
        }
        if (!object_is_a(target, p->link_type)) {
            g_autofree char *tp = object_path(target);
            g_autofree char *op = object_path(obj);
            error_setg(errp, "Property '%s' of '%s': '%s' is a '%s', "
                       "expected a '%s'", p->name, op, tp,
                       type_name(target->type), p->link_type);
            return false;
        }
    }
    if (*f) {
        objref_remove(*f, obj, f, true, 0, 0);
    }
    *f = target;
    if (target) {
        objref_add(target, &(ObjRef){ .src = obj, .slot = f, .sdef = p,
                                      .kind = OBJREF_LINK });
    }
    return true;
}

static bool prop_store(Object *obj, const PropDef *p, json_t *value,
                       bool from_str, Error **errp);

bool object_prop_set(Object *obj, const char *name, json_t *value,
                     bool from_str, Error **errp)
{
    const PropDef *p = object_prop_find(obj, name);

    if (!p) {
        error_not_found(obj, name, errp);
        return false;
    }
    if (p == &prop_realized) {
        bool on;
        if (!to_bool(name, value, from_str, &on, errp)) {
            return false;
        }
        if (on) {
            return object_realize(obj, errp);
        }
        object_unrealize(obj);
        return true;
    }
    if (p->flags & PROP_F_READONLY) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "Property '%s' of '%s' is read-only", name, path);
        return false;
    }
    if (obj->state == OBJ_REALIZED && !(p->flags & PROP_F_RUNTIME)) {
        g_autofree char *path = object_path(obj);
        error_setg(errp, "Property '%s' of '%s' cannot be set once the object "
                   "is realized", name, path);
        return false;
    }
    return prop_store(obj, p, value, from_str, errp);
}

bool object_prop_init(Object *obj, const char *name, json_t *value,
                      bool from_str, Error **errp)
{
    const PropDef *p = object_prop_find(obj, name);
    if (p && p->offset && obj->state != OBJ_REALIZED) {
        return prop_store(obj, p, value, from_str, errp);
    }
    return object_prop_set(obj, name, value, from_str, errp);
}

static bool prop_store(Object *obj, const PropDef *p, json_t *value,
                       bool from_str, Error **errp)
{
    const char *name = p->name;
    bool realized = obj->state == OBJ_REALIZED;
    void *f = OBJ_FIELD(obj, p->offset, void);
    bool ok = false;
    switch (p->type) {
    case PROP_T_BOOL:
        ok = to_bool(name, value, from_str, (bool *)f, errp);
        break;
    case PROP_T_INT: {
        int64_t i;
        ok = to_int(name, value, from_str, &i, errp) &&
             check_range(obj, p, value, i, 0, errp);
        if (ok) {
            *(int64_t *)f = i;
        }
        break;
    }
    case PROP_T_UINT64:
    case PROP_T_SIZE: {
        uint64_t u;
        ok = to_u64(name, value, from_str, p->type == PROP_T_SIZE, &u, errp) &&
             check_range(obj, p, value, 0, u, errp);
        if (ok) {
            *(uint64_t *)f = u;
        }
        break;
    }
    case PROP_T_STR: {
        const char *s;
        ok = to_str(name, value, &s, errp);
        if (ok) {
            g_free(*(char **)f);
            *(char **)f = g_strdup(s);
        }
        break;
    }
    case PROP_T_ENUM: {
        const char *s;
        ok = to_str(name, value, &s, errp);
        if (ok) {
            int i = 0;
            while (p->enum_names[i] && strcmp(p->enum_names[i], s)) {
                i++;
            }
            if (!p->enum_names[i]) {
                g_autofree char *all = g_strjoinv(", ", (char **)p->enum_names);
                error_setg(errp, "Parameter '%s' does not accept value '%s' "
                           "(expected one of: %s)", name, s, all);
                return false;
            }
            *(int *)f = i;
        }
        break;
    }
    case PROP_T_LIST:
        ok = set_list(p, f, value, from_str, errp);
        break;
    case PROP_T_LINK:
        ok = set_link(obj, p, value, errp);
        break;
    }
    if (ok && realized && p->changed) {
        p->changed(obj, p);
    }
    return ok;
}

bool object_prop_set_str(Object *obj, const char *name, const char *value,
                         Error **errp)
{
    json_t *v = json_string(value);
    bool ok = object_prop_set(obj, name, v, true, errp);
    json_decref(v);
    return ok;
}

static json_t *prop_info(const PropDef *p, bool with_default)
{
    g_autofree char *tn = prop_type_name(p);
    json_t *o = json_pack("{s:s, s:s}", "name", p->name, "type", tn);
    if (p->doc) {
        json_object_set_new(o, "description", json_string(p->doc));
    }
    json_t *d = with_default ? prop_default_json(p) : NULL;
    if (d) {
        json_object_set_new(o, "default-value", d);
    }
    return o;
}

json_t *object_list_props(Object *obj)
{
    json_t *a = json_array();
    size_t n;
    const PropDef *const *props = type_props(obj->type, &n);

    json_array_append_new(a, prop_info(&prop_type, false));
    json_array_append_new(a, prop_info(&prop_realized, false));
    for (size_t i = 0; i < n; i++) {
        json_array_append_new(a, prop_info(props[i], false));
    }
    OBJECT_FOREACH_CHILD(obj, c) {
        g_autofree char *tn = g_strdup_printf("child<%s>", type_name(c->type));
        json_array_append_new(a, json_pack("{s:s, s:s}", "name", c->name,
                                           "type", tn));
    }
    return a;
}

/* The properties a type declares, for qom-list-properties: built from the
 * static tables, no object is created. */
json_t *type_list_props(const TypeImpl *t)
{
    json_t *a = json_array();
    for (size_t i = 0; i < t->nprops; i++) {
        json_array_append_new(a, prop_info(t->props[i], true));
    }
    return a;
}
