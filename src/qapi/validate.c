/* Checking JSON against schema types, in QEMU's visiting order and with
 * its error texts (qobject-input-visitor.c and qapi-visit-core.c, QEMU
 * 7.2); in keyval mode string leaves are converted on the way.
 * SPDX-License-Identifier: MIT */
#include "qapi/validate.h"

#include <string.h>

#include "qapi/keyval.h"

/* A container being visited, as QEMU's StackObject. */
typedef struct Frame {
    const char *name;           /* its name in its parent, or NULL */
    bool is_list;
    unsigned index;             /* list: index of the element visited */
} Frame;

typedef struct Walk {
    const QapiCondContext *ctx;
    bool keyval;
    GArray *stack;              /* Frame; the top is the last */
    GString *buf;
} Walk;

/* The full name of @name inside the containers being visited, as QEMU's
 * full_name(): "a.b", "list[0]" ("list.0" in keyval mode). */
static const char *full_name(Walk *w, const char *name)
{
    GString *s = w->buf;
    g_string_truncate(s, 0);
    for (guint i = w->stack->len; i-- > 0;) {
        const Frame *f = &g_array_index(w->stack, Frame, i);
        if (!f->is_list) {
            g_string_prepend(s, name ? name : "<anonymous>");
            g_string_prepend_c(s, '.');
        } else {
            char idx[32];
            snprintf(idx, sizeof(idx), w->keyval ? ".%u" : "[%u]", f->index);
            g_string_prepend(s, idx);
        }
        name = f->name;
    }
    if (name) {
        g_string_prepend(s, name);
    } else if (s->str[0] == '.') {
        g_string_erase(s, 0, 1);
    } else if (!s->str[0]) {
        return "<anonymous>";
    }
    return s->str;
}

static void push(Walk *w, const char *name, bool is_list)
{
    Frame f = { name, is_list, 0 };
    g_array_append_val(w->stack, f);
}

static void pop(Walk *w)
{
    g_array_set_size(w->stack, w->stack->len - 1);
}

static Frame *top(Walk *w)
{
    return &g_array_index(w->stack, Frame, w->stack->len - 1);
}

static void err_type(Walk *w, const char *name, const char *expected,
                     Error **errp)
{
    error_setg(errp, "Invalid parameter type for '%s', expected: %s",
               full_name(w, name), expected);
}

static void err_value(const char *name, const char *expects, Error **errp)
{
    error_setg(errp, "Parameter '%s' expects %s", name, expects);
}

static json_t *walk(Walk *w, const QapiEntity *t, const char *name,
                    json_t *v, Error **errp);

/* Keyval leaves are strings; a container where a scalar is wanted is
 * reported as QEMU's qobject_input_get_keyval() does. */
static const char *keyval_str(Walk *w, const char *name, json_t *v,
                              Error **errp)
{
    if (json_is_string(v)) {
        return json_string_value(v);
    }
    if (json_is_object(v) || json_is_array(v)) {
        error_setg(errp, "Parameters '%s.*' are unexpected",
                   full_name(w, name));
    } else {
        error_setg(errp, "Internal error: parameter %s invalid",
                   full_name(w, name));
    }
    return NULL;
}

static const struct {
    int64_t min;
    uint64_t max;
    const char *name;           /* as QEMU's visit_type_intN() prints it */
} int_ranges[] = {
    [QAPI_BUILTIN_INT8] = { INT8_MIN, INT8_MAX, "int8_t" },
    [QAPI_BUILTIN_INT16] = { INT16_MIN, INT16_MAX, "int16_t" },
    [QAPI_BUILTIN_INT32] = { INT32_MIN, INT32_MAX, "int32_t" },
    [QAPI_BUILTIN_UINT8] = { 0, UINT8_MAX, "uint8_t" },
    [QAPI_BUILTIN_UINT16] = { 0, UINT16_MAX, "uint16_t" },
    [QAPI_BUILTIN_UINT32] = { 0, UINT32_MAX, "uint32_t" },
};

static json_t *walk_signed(Walk *w, QapiBuiltin b, const char *name,
                           json_t *v, Error **errp)
{
    int64_t val;
    if (w->keyval) {
        const char *s = keyval_str(w, name, v, errp);
        if (!s) {
            return NULL;
        }
        if (!keyval_parse_int(s, &val)) {
            err_value(full_name(w, name), "integer", errp);
            return NULL;
        }
    } else if (json_is_integer(v)) {
        val = json_integer_value(v);
    } else {
        err_type(w, name, "integer", errp);
        return NULL;
    }
    if (b != QAPI_BUILTIN_INT && b != QAPI_BUILTIN_INT64 &&
        (val < int_ranges[b].min || val > (int64_t)int_ranges[b].max)) {
        err_value(name ? name : "null", int_ranges[b].name, errp);
        return NULL;
    }
    return w->keyval ? json_integer(val) : json_incref(v);
}

static json_t *walk_unsigned(Walk *w, QapiBuiltin b, const char *name,
                             json_t *v, Error **errp)
{
    uint64_t val;
    if (w->keyval) {
        const char *s = keyval_str(w, name, v, errp);
        if (!s) {
            return NULL;
        }
        bool ok = b == QAPI_BUILTIN_SIZE ? keyval_parse_size(s, &val)
                                         : keyval_parse_uint(s, &val);
        if (!ok) {
            err_value(full_name(w, name),
                      b == QAPI_BUILTIN_SIZE ? "size" : "integer", errp);
            return NULL;
        }
    } else if (json_is_integer(v)) {
        /* negative values are accepted for backward compatibility */
        val = (uint64_t)json_integer_value(v);
    } else {
        err_value(full_name(w, name), "uint64", errp);
        return NULL;
    }
    if (b != QAPI_BUILTIN_UINT64 && b != QAPI_BUILTIN_SIZE &&
        val > int_ranges[b].max) {
        err_value(name ? name : "null", int_ranges[b].name, errp);
        return NULL;
    }
    /* JSON integers are int64 in jansson: larger sizes wrap */
    return w->keyval ? json_integer((json_int_t)val) : json_incref(v);
}

static json_t *walk_builtin(Walk *w, const QapiEntity *t, const char *name,
                            json_t *v, Error **errp)
{
    const char *s;
    switch (t->builtin) {
    case QAPI_BUILTIN_ANY:
        return json_incref(v);
    case QAPI_BUILTIN_STR:
        if (w->keyval) {
            return keyval_str(w, name, v, errp) ? json_incref(v) : NULL;
        }
        if (!json_is_string(v)) {
            err_type(w, name, "string", errp);
            return NULL;
        }
        return json_incref(v);
    case QAPI_BUILTIN_INT:
    case QAPI_BUILTIN_INT8:
    case QAPI_BUILTIN_INT16:
    case QAPI_BUILTIN_INT32:
    case QAPI_BUILTIN_INT64:
        return walk_signed(w, t->builtin, name, v, errp);
    case QAPI_BUILTIN_UINT8:
    case QAPI_BUILTIN_UINT16:
    case QAPI_BUILTIN_UINT32:
    case QAPI_BUILTIN_UINT64:
    case QAPI_BUILTIN_SIZE:
        return walk_unsigned(w, t->builtin, name, v, errp);
    case QAPI_BUILTIN_NUMBER:
        if (w->keyval) {
            double d;
            if (!(s = keyval_str(w, name, v, errp))) {
                return NULL;
            }
            if (!keyval_parse_number(s, &d)) {
                err_type(w, name, "number", errp);
                return NULL;
            }
            return json_real(d);
        }
        if (!json_is_number(v)) {
            err_type(w, name, "number", errp);
            return NULL;
        }
        return json_incref(v);
    case QAPI_BUILTIN_BOOL:
        if (w->keyval) {
            bool b;
            if (!(s = keyval_str(w, name, v, errp))) {
                return NULL;
            }
            if (!keyval_parse_bool(s, &b)) {
                err_value(full_name(w, name), "'on' or 'off'", errp);
                return NULL;
            }
            return json_boolean(b);
        }
        if (!json_is_boolean(v)) {
            err_type(w, name, "boolean", errp);
            return NULL;
        }
        return json_incref(v);
    case QAPI_BUILTIN_NULL:
        if (!json_is_null(v)) {
            err_type(w, name, "null", errp);
            return NULL;
        }
        return json_incref(v);
    case QAPI_BUILTIN_NONE:
        break;
    }
    error_setg(errp, "Internal error: type '%s' can't be checked", t->name);
    return NULL;
}

static json_t *walk_enum(Walk *w, const QapiEntity *t, const char *name,
                         json_t *v, Error **errp)
{
    if (!json_is_string(v)) {
        if (w->keyval) {
            keyval_str(w, name, v, errp);
        } else {
            err_type(w, name, "string", errp);
        }
        return NULL;
    }
    if (!qapi_entity_find_member(t, json_string_value(v), w->ctx)) {
        error_setg(errp, "Parameter '%s' does not accept value '%s'",
                   name ? name : "null", json_string_value(v));
        return NULL;
    }
    return json_incref(v);
}

static json_t *walk_array(Walk *w, const QapiEntity *t, const char *name,
                          json_t *v, Error **errp)
{
    if (!json_is_array(v)) {
        err_type(w, name, "array", errp);
        return NULL;
    }
    json_t *out = w->keyval ? json_array() : NULL;
    push(w, name, true);
    for (size_t i = 0; i < json_array_size(v); i++) {
        top(w)->index = i;
        json_t *item = walk(w, t->element, NULL, json_array_get(v, i), errp);
        if (!item) {
            pop(w);
            json_decref(out);
            return NULL;
        }
        if (out) {
            json_array_append_new(out, item);
        } else {
            json_decref(item);
        }
    }
    pop(w);
    return out ? out : json_incref(v);
}

/* Visit @members of object @v (in the frame already pushed); mark the
 * keys seen in @seen. */
static bool walk_members(Walk *w, const GPtrArray *members, json_t *v,
                         json_t *out, GHashTable *seen, Error **errp)
{
    for (guint i = 0; members && i < members->len; i++) {
        const QapiMember *m = g_ptr_array_index(members, i);
        if (!qapi_member_visible(m, w->ctx)) {
            continue;
        }
        json_t *mv = json_object_get(v, m->name);
        if (!mv) {
            if (m->optional) {
                continue;
            }
            error_setg(errp, "Parameter '%s' is missing",
                       full_name(w, m->name));
            return false;
        }
        g_hash_table_add(seen, m->name);
        json_t *conv = walk(w, m->type, m->name, mv, errp);
        if (!conv) {
            return false;
        }
        if (out) {
            json_object_set_new(out, m->name, conv);
        } else {
            json_decref(conv);
        }
    }
    return true;
}

/* A struct or union (@t), or an object without members (@t NULL). */
static json_t *walk_object(Walk *w, const QapiEntity *t, const char *name,
                           json_t *v, Error **errp)
{
    if (!json_is_object(v)) {
        err_type(w, name, "object", errp);
        return NULL;
    }
    json_t *out = w->keyval ? json_object() : NULL;
    GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
    bool ok = true;
    push(w, name, false);
    if (t) {
        ok = walk_members(w, t->all_members, v, out, seen, errp);
    }
    if (ok && t && t->meta == QAPI_META_UNION) {
        json_t *tag = json_object_get(v, t->tag->name);
        const QapiMember *var = qapi_union_find_variant(t,
                                    json_string_value(tag), w->ctx);
        if (var) {
            ok = walk_members(w, var->type->all_members, v, out, seen, errp);
        }
    }
    if (ok) {
        const char *key;
        json_t *unused;
        json_object_foreach(v, key, unused) {
            if (!g_hash_table_contains(seen, key)) {
                error_setg(errp, "Parameter '%s' is unexpected",
                           full_name(w, key));
                ok = false;
                break;
            }
        }
    }
    pop(w);
    g_hash_table_destroy(seen);
    if (!ok) {
        json_decref(out);
        return NULL;
    }
    return out ? out : json_incref(v);
}

/* In keyval mode a string may stand for a number or a boolean. */
static const QapiMember *alternate_keyval_branch(Walk *w, const QapiEntity *t,
                                                 json_t *v)
{
    const char *s = json_string_value(v);
    const QapiMember *fallback = NULL;
    for (guint i = 0; i < t->variants->len; i++) {
        const QapiMember *m = g_ptr_array_index(t->variants, i);
        const QapiEntity *bt = m->type;
        if (!qapi_member_visible(m, w->ctx)) {
            continue;
        }
        if (bt->meta == QAPI_META_ENUM ||
            (bt->meta == QAPI_META_BUILTIN && bt->builtin == QAPI_BUILTIN_STR)) {
            return m;           /* a string branch takes any string */
        }
        if (bt->meta != QAPI_META_BUILTIN || fallback) {
            continue;
        }
        int64_t i64;
        uint64_t u64;
        double d;
        bool b;
        if ((bt->builtin == QAPI_BUILTIN_BOOL && keyval_parse_bool(s, &b)) ||
            (bt->builtin == QAPI_BUILTIN_NUMBER && keyval_parse_number(s, &d)) ||
            (bt->builtin == QAPI_BUILTIN_SIZE && keyval_parse_size(s, &u64)) ||
            (bt->builtin >= QAPI_BUILTIN_UINT8 && bt->builtin <= QAPI_BUILTIN_UINT64 &&
             keyval_parse_uint(s, &u64)) ||
            (bt->builtin >= QAPI_BUILTIN_INT && bt->builtin <= QAPI_BUILTIN_INT64 &&
             keyval_parse_int(s, &i64))) {
            fallback = m;
        }
    }
    return fallback;
}

/* Does a JSON value have the JSON type a branch type's values have? */
static bool branch_matches(const QapiEntity *bt, json_t *v)
{
    switch (bt->meta) {
    case QAPI_META_ENUM:
        return json_is_string(v);
    case QAPI_META_ARRAY:
        return json_is_array(v);
    case QAPI_META_STRUCT:
    case QAPI_META_UNION:
        return json_is_object(v);
    case QAPI_META_BUILTIN:
        switch (bt->builtin) {
        case QAPI_BUILTIN_STR:
            return json_is_string(v);
        case QAPI_BUILTIN_BOOL:
            return json_is_boolean(v);
        case QAPI_BUILTIN_NULL:
            return json_is_null(v);
        default:
            return json_is_number(v);
        }
    default:
        return false;
    }
}

static json_t *walk_alternate(Walk *w, const QapiEntity *t, const char *name,
                              json_t *v, Error **errp)
{
    const QapiMember *branch = NULL;
    if (w->keyval && json_is_string(v)) {
        branch = alternate_keyval_branch(w, t, v);
    } else {
        for (guint i = 0; i < t->variants->len && !branch; i++) {
            const QapiMember *m = g_ptr_array_index(t->variants, i);
            if (qapi_member_visible(m, w->ctx) && branch_matches(m->type, v)) {
                branch = m;
            }
        }
    }
    if (!branch) {
        error_setg(errp, "Invalid parameter type for '%s', expected: %s",
                   name ? name : "null", t->name);
        return NULL;
    }
    return walk(w, branch->type, name, v, errp);
}

static json_t *walk(Walk *w, const QapiEntity *t, const char *name,
                    json_t *v, Error **errp)
{
    switch (t->meta) {
    case QAPI_META_BUILTIN:
        return walk_builtin(w, t, name, v, errp);
    case QAPI_META_ENUM:
        return walk_enum(w, t, name, v, errp);
    case QAPI_META_ARRAY:
        return walk_array(w, t, name, v, errp);
    case QAPI_META_STRUCT:
    case QAPI_META_UNION:
        return walk_object(w, t, name, v, errp);
    case QAPI_META_ALTERNATE:
        return walk_alternate(w, t, name, v, errp);
    case QAPI_META_COMMAND:
    case QAPI_META_EVENT:
        break;
    }
    error_setg(errp, "Internal error: '%s' is not a type", t->name);
    return NULL;
}

json_t *qapi_validate_convert(const QapiEntity *type, json_t *value,
                              bool keyval, const QapiCondContext *ctx,
                              Error **errp)
{
    Walk w = { ctx, keyval, g_array_new(FALSE, FALSE, sizeof(Frame)),
               g_string_new("") };
    json_t *out = type ? walk(&w, type, NULL, value, errp)
                       : walk_object(&w, NULL, NULL, value, errp);
    g_array_free(w.stack, TRUE);
    g_string_free(w.buf, TRUE);
    return out;
}

bool qapi_validate(const QapiEntity *type, json_t *value,
                   const QapiCondContext *ctx, Error **errp)
{
    json_t *out = qapi_validate_convert(type, value, false, ctx, errp);
    json_decref(out);
    return out != NULL;
}

bool qapi_validate_command_args(const QapiEntity *cmd, json_t *args,
                                const QapiCondContext *ctx, Error **errp)
{
    json_t *checked = args ? json_incref(args) : json_object();
    if (cmd->open_args && json_is_object(args)) {
        /* only the declared members are checked; the rest belong to the
         * handler (device properties for device_add, say) */
        json_decref(checked);
        checked = json_object();
        const char *key;
        json_t *v;
        json_object_foreach(args, key, v) {
            if (cmd->arg_type &&
                qapi_entity_find_member(cmd->arg_type, key, ctx)) {
                json_object_set(checked, key, v);
            }
        }
    }
    bool ok = qapi_validate(cmd->arg_type, checked, ctx, errp);
    json_decref(checked);
    return ok;
}
