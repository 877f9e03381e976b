/* The QAPI schema: definitions built from parsed expressions, then
 * resolved and checked (qapi-code-gen.rst, QEMU 7.2), plus hemu's
 * run-time conditions and per-command run states (docs/qapi.md).
 * SPDX-License-Identifier: MIT */
#include "qapi/schema-int.h"

#include <string.h>

#define ERR_AT(errp, pos, ...) \
    error_set_at(errp, (pos).file, (pos).line, (pos).col, __VA_ARGS__)

/* Conditions. */

static void cond_free(QapiCond *c)
{
    if (c) {
        g_free(c->name);
        if (c->args) {
            g_ptr_array_free(c->args, TRUE);
        }
        g_free(c);
    }
}

static bool in_list(const char *const *list, const char *name)
{
    for (; list && *list; list++) {
        if (!strcmp(*list, name)) {
            return true;
        }
    }
    return false;
}

bool qapi_cond_eval(const QapiCond *c, const QapiCondContext *ctx)
{
    if (!c) {
        return true;
    }
    switch (c->kind) {
    case QAPI_COND_NAME:
        if (ctx && ctx->is_defined) {
            return ctx->is_defined(c->name, ctx->opaque);
        }
        return ctx && in_list(ctx->defined, c->name);
    case QAPI_COND_TARGET:
        if (ctx && ctx->has_target) {
            return ctx->has_target(c->name, ctx->opaque);
        }
        return ctx && in_list(ctx->targets, c->name);
    case QAPI_COND_ALL:
        for (guint i = 0; i < c->args->len; i++) {
            if (!qapi_cond_eval(g_ptr_array_index(c->args, i), ctx)) {
                return false;
            }
        }
        return true;
    case QAPI_COND_ANY:
        for (guint i = 0; i < c->args->len; i++) {
            if (qapi_cond_eval(g_ptr_array_index(c->args, i), ctx)) {
                return true;
            }
        }
        return false;
    case QAPI_COND_NOT:
        return !qapi_cond_eval(g_ptr_array_index(c->args, 0), ctx);
    }
    return false;
}

static void cond_format(GString *out, const QapiCond *c, bool nested)
{
    switch (c->kind) {
    case QAPI_COND_NAME:
        g_string_append(out, c->name);
        return;
    case QAPI_COND_TARGET:
        g_string_append_printf(out, "target %s", c->name);
        return;
    case QAPI_COND_NOT:
        g_string_append(out, "not ");
        cond_format(out, g_ptr_array_index(c->args, 0), true);
        return;
    case QAPI_COND_ALL:
    case QAPI_COND_ANY:
        if (nested && c->args->len > 1) {
            g_string_append_c(out, '(');
        }
        for (guint i = 0; i < c->args->len; i++) {
            if (i) {
                g_string_append(out, c->kind == QAPI_COND_ALL ? " and " : " or ");
            }
            cond_format(out, g_ptr_array_index(c->args, i), true);
        }
        if (nested && c->args->len > 1) {
            g_string_append_c(out, ')');
        }
        return;
    }
}

char *qapi_cond_format(const QapiCond *c)
{
    GString *out = g_string_new("");
    if (c) {
        cond_format(out, c, false);
    }
    return g_string_free(out, FALSE);
}

static QapiCond *parse_cond(const QapiNode *n, Error **errp)
{
    QapiCond *c = g_new0(QapiCond, 1);
    if (n->kind == QAPI_NODE_STR) {
        if (!n->str[0]) {
            ERR_AT(errp, n->pos, "'if' condition '' makes no sense");
            g_free(c);
            return NULL;
        }
        c->kind = QAPI_COND_NAME;
        c->name = g_strdup(n->str);
        return c;
    }
    if (n->kind != QAPI_NODE_DICT || n->keys->len != 1) {
        ERR_AT(errp, n->pos, "'if' condition must be a string or an object "
               "with one key: 'all', 'any', 'not' or 'target'");
        g_free(c);
        return NULL;
    }
    const char *op = ((QapiNode *)g_ptr_array_index(n->keys, 0))->str;
    const QapiNode *arg = g_ptr_array_index(n->items, 0);
    c->args = g_ptr_array_new_with_free_func((GDestroyNotify)cond_free);
    if (!strcmp(op, "target")) {
        if (arg->kind != QAPI_NODE_STR || !arg->str[0]) {
            ERR_AT(errp, arg->pos, "'target' condition needs a target name");
            goto fail;
        }
        c->kind = QAPI_COND_TARGET;
        c->name = g_strdup(arg->str);
    } else if (!strcmp(op, "not")) {
        c->kind = QAPI_COND_NOT;
        QapiCond *sub = parse_cond(arg, errp);
        if (!sub) {
            goto fail;
        }
        g_ptr_array_add(c->args, sub);
    } else if (!strcmp(op, "all") || !strcmp(op, "any")) {
        c->kind = op[1] == 'l' ? QAPI_COND_ALL : QAPI_COND_ANY;
        if (arg->kind != QAPI_NODE_LIST || !arg->items->len) {
            ERR_AT(errp, arg->pos, "'if' condition '%s' needs a non-empty list",
                   op);
            goto fail;
        }
        for (guint i = 0; i < arg->items->len; i++) {
            QapiCond *sub = parse_cond(g_ptr_array_index(arg->items, i), errp);
            if (!sub) {
                goto fail;
            }
            g_ptr_array_add(c->args, sub);
        }
    } else {
        ERR_AT(errp, n->pos, "'if' condition has unknown operator '%s'", op);
        goto fail;
    }
    return c;
fail:
    cond_free(c);
    return NULL;
}

/* Entities. */

static void feature_free(QapiFeature *f)
{
    g_free(f->name);
    cond_free(f->cond);
    g_free(f);
}

static void member_free(QapiMember *m)
{
    g_free(m->name);
    g_free(m->type_name);
    cond_free(m->cond);
    if (m->features) {
        g_ptr_array_free(m->features, TRUE);
    }
    g_free(m);
}

static void entity_free(QapiEntity *e)
{
    g_free(e->name);
    cond_free(e->cond);
    g_ptr_array_free(e->features, TRUE);
    if (e->members) {
        g_ptr_array_free(e->members, TRUE);
    }
    if (e->all_members) {
        g_ptr_array_free(e->all_members, TRUE);
    }
    if (e->variants) {
        g_ptr_array_free(e->variants, TRUE);
    }
    g_free(e->base_name);
    g_free(e->tag_name);
    g_free(e->arg_name);
    g_free(e->ret_name);
    g_free(e);
}

static GPtrArray *member_array(void)
{
    return g_ptr_array_new_with_free_func((GDestroyNotify)member_free);
}

static QapiEntity *entity_new(QapiMeta meta, const char *name, QapiPos pos)
{
    QapiEntity *e = g_new0(QapiEntity, 1);
    e->meta = meta;
    e->name = g_strdup(name);
    e->pos = pos;
    e->features = g_ptr_array_new_with_free_func((GDestroyNotify)feature_free);
    e->states = RUN_STATE_MASK_ANY;
    return e;
}

const char *qapi_meta_name(QapiMeta meta)
{
    static const char *const names[] = {
        [QAPI_META_BUILTIN] = "built-in type",
        [QAPI_META_ENUM] = "enum",
        [QAPI_META_ARRAY] = "array type",
        [QAPI_META_STRUCT] = "struct",
        [QAPI_META_UNION] = "union",
        [QAPI_META_ALTERNATE] = "alternate",
        [QAPI_META_COMMAND] = "command",
        [QAPI_META_EVENT] = "event",
    };
    return names[meta];
}

static bool add_entity(QapiSchema *s, QapiEntity *e, Error **errp)
{
    QapiEntity *old = g_hash_table_lookup(s->by_name, e->name);
    if (old) {
        if (old->pos.file) {
            ERR_AT(errp, e->pos, "'%s' is already defined at %s:%d:%d",
                   e->name, old->pos.file, old->pos.line, old->pos.col);
        } else {
            ERR_AT(errp, e->pos, "'%s' is already defined (%s)", e->name,
                   qapi_meta_name(old->meta));
        }
        entity_free(e);
        return false;
    }
    g_ptr_array_add(s->entities, e);
    g_hash_table_insert(s->by_name, e->name, e);
    return true;
}

static const struct {
    const char *name;
    QapiBuiltin builtin;
} builtins[] = {
    { "str", QAPI_BUILTIN_STR },
    { "number", QAPI_BUILTIN_NUMBER },
    { "int", QAPI_BUILTIN_INT },
    { "int8", QAPI_BUILTIN_INT8 },
    { "int16", QAPI_BUILTIN_INT16 },
    { "int32", QAPI_BUILTIN_INT32 },
    { "int64", QAPI_BUILTIN_INT64 },
    { "uint8", QAPI_BUILTIN_UINT8 },
    { "uint16", QAPI_BUILTIN_UINT16 },
    { "uint32", QAPI_BUILTIN_UINT32 },
    { "uint64", QAPI_BUILTIN_UINT64 },
    { "size", QAPI_BUILTIN_SIZE },
    { "bool", QAPI_BUILTIN_BOOL },
    { "null", QAPI_BUILTIN_NULL },
    { "any", QAPI_BUILTIN_ANY },
};

static QapiSchema *schema_new(void)
{
    QapiSchema *s = g_new0(QapiSchema, 1);
    s->entities = g_ptr_array_new_with_free_func((GDestroyNotify)entity_free);
    s->by_name = g_hash_table_new(g_str_hash, g_str_equal);
    s->docs = g_ptr_array_new_with_free_func((GDestroyNotify)qapi_doc_free);
    s->files = g_ptr_array_new_with_free_func(g_free);
    for (size_t i = 0; i < G_N_ELEMENTS(builtins); i++) {
        QapiEntity *e = entity_new(QAPI_META_BUILTIN, builtins[i].name,
                                   (QapiPos){ 0 });
        e->builtin = builtins[i].builtin;
        e->implicit = true;
        e->resolving = 2;
        add_entity(s, e, NULL);
    }
    QapiEntity *empty = entity_new(QAPI_META_STRUCT, "q_empty", (QapiPos){ 0 });
    empty->implicit = true;
    empty->members = member_array();
    add_entity(s, empty, NULL);
    return s;
}

void qapi_schema_free(QapiSchema *s)
{
    if (!s) {
        return;
    }
    g_hash_table_destroy(s->by_name);
    g_ptr_array_free(s->entities, TRUE);
    g_ptr_array_free(s->docs, TRUE);
    g_ptr_array_free(s->files, TRUE);
    g_free(s);
}

/* Building definitions from expressions. */

/* The definition being built, for messages: "struct 'Foo'". */
typedef struct Def {
    QapiSchema *s;
    const QapiNode *expr;
    const char *meta;           /* "struct", "command", ... */
    const char *name;
} Def;

static bool check_name(const QapiNode *n, const char *what, bool allow_digit,
                       Error **errp)
{
    const char *p = n->str;
    if (n->kind != QAPI_NODE_STR) {
        ERR_AT(errp, n->pos, "%s requires a string name", what);
        return false;
    }
    if (!(g_ascii_isalpha(*p) || *p == '_' || (allow_digit && g_ascii_isdigit(*p)))) {
        ERR_AT(errp, n->pos, "%s has an invalid name '%s'", what, n->str);
        return false;
    }
    for (; *p; p++) {
        if (!g_ascii_isalnum(*p) && !strchr("-_.", *p)) {
            ERR_AT(errp, n->pos, "%s has an invalid name '%s'", what, n->str);
            return false;
        }
    }
    return true;
}

static bool check_keys(const Def *d, const char *const *allowed,
                       const char *const *required, Error **errp)
{
    const QapiNode *e = d->expr;
    for (guint i = 0; i < e->keys->len; i++) {
        const QapiNode *k = g_ptr_array_index(e->keys, i);
        if (!g_strv_contains((const gchar *const *)allowed, k->str)) {
            ERR_AT(errp, k->pos, "%s '%s' has unknown key '%s'", d->meta,
                   d->name, k->str);
            return false;
        }
    }
    for (; required && *required; required++) {
        if (!qapi_node_get(e, *required)) {
            ERR_AT(errp, e->pos, "%s '%s' misses key '%s'", d->meta, d->name,
                   *required);
            return false;
        }
    }
    return true;
}

static bool get_bool(const Def *d, const char *key, bool *out, Error **errp)
{
    const QapiNode *n = qapi_node_get(d->expr, key);
    *out = false;
    if (!n) {
        return true;
    }
    if (n->kind != QAPI_NODE_BOOL) {
        ERR_AT(errp, n->pos, "'%s' of %s '%s' must be true or false", key,
               d->meta, d->name);
        return false;
    }
    *out = n->b;
    return true;
}

static bool get_cond(const QapiNode *dict, QapiCond **out, Error **errp)
{
    const QapiNode *n = qapi_node_get(dict, "if");
    *out = NULL;
    if (!n) {
        return true;
    }
    *out = parse_cond(n, errp);
    return *out != NULL;
}

/* 'features': ['name', {'name': .., 'if': ..}] */
static bool get_features(const QapiNode *dict, GPtrArray *into, Error **errp)
{
    const QapiNode *n = qapi_node_get(dict, "features");
    if (!n) {
        return true;
    }
    if (n->kind != QAPI_NODE_LIST) {
        ERR_AT(errp, n->pos, "'features' must be an array");
        return false;
    }
    for (guint i = 0; i < n->items->len; i++) {
        const QapiNode *f = g_ptr_array_index(n->items, i);
        const QapiNode *name = f;
        QapiCond *cond = NULL;
        if (f->kind == QAPI_NODE_DICT) {
            name = qapi_node_get(f, "name");
            if (!name) {
                ERR_AT(errp, f->pos, "feature misses key 'name'");
                return false;
            }
            if (!get_cond(f, &cond, errp)) {
                return false;
            }
        }
        if (!check_name(name, "feature", false, errp)) {
            cond_free(cond);
            return false;
        }
        QapiFeature *feat = g_new0(QapiFeature, 1);
        feat->name = g_strdup(name->str);
        feat->cond = cond;
        g_ptr_array_add(into, feat);
    }
    return true;
}

/* A type reference: 'T' or ['T']; the result is "T" or "[T]". */
static char *get_type_ref(const QapiNode *n, const char *what, Error **errp)
{
    if (n->kind == QAPI_NODE_STR) {
        return g_strdup(n->str);
    }
    if (n->kind == QAPI_NODE_LIST && n->items->len == 1 &&
        ((QapiNode *)g_ptr_array_index(n->items, 0))->kind == QAPI_NODE_STR) {
        return g_strdup_printf("[%s]",
                               ((QapiNode *)g_ptr_array_index(n->items, 0))->str);
    }
    ERR_AT(errp, n->pos, "%s should be a type name", what);
    return NULL;
}

/* Members of 'data' of a struct (or an implicit one): name: type or
 * name: {'type': .., 'if': .., 'features': ..}; '*name' is optional. */
static bool get_members(const Def *d, const QapiNode *data, GPtrArray *into,
                        Error **errp)
{
    if (data->kind != QAPI_NODE_DICT) {
        ERR_AT(errp, data->pos, "'data' of %s '%s' should be an object",
               d->meta, d->name);
        return false;
    }
    for (guint i = 0; i < data->keys->len; i++) {
        const QapiNode *k = g_ptr_array_index(data->keys, i);
        const QapiNode *v = g_ptr_array_index(data->items, i);
        const char *name = k->str[0] == '*' ? k->str + 1 : k->str;
        QapiNode tmp = *k;
        tmp.str = (char *)name;
        char *what = g_strdup_printf("member '%s' of %s '%s'", name, d->meta,
                                     d->name);
        QapiMember *m = g_new0(QapiMember, 1);
        m->name = g_strdup(name);
        m->optional = k->str[0] == '*';
        m->pos = k->pos;
        m->features = g_ptr_array_new_with_free_func((GDestroyNotify)feature_free);
        g_ptr_array_add(into, m);
        bool ok = check_name(&tmp, what, false, errp);
        const QapiNode *t = v;
        if (ok && v->kind == QAPI_NODE_DICT) {
            static const char *const keys[] = { "type", "if", "features", NULL };
            for (guint j = 0; ok && j < v->keys->len; j++) {
                const QapiNode *vk = g_ptr_array_index(v->keys, j);
                if (!g_strv_contains((const gchar *const *)keys, vk->str)) {
                    ERR_AT(errp, vk->pos, "%s has unknown key '%s'", what,
                           vk->str);
                    ok = false;
                }
            }
            t = qapi_node_get(v, "type");
            if (ok && !t) {
                ERR_AT(errp, v->pos, "%s misses key 'type'", what);
                ok = false;
            }
            ok = ok && get_cond(v, &m->cond, errp) &&
                 get_features(v, m->features, errp);
        }
        if (ok) {
            m->type_pos = t->pos;
            m->type_name = get_type_ref(t, what, errp);
            ok = m->type_name != NULL;
        }
        g_free(what);
        if (!ok) {
            return false;
        }
    }
    return true;
}

static bool def_common(const Def *d, QapiEntity *e, Error **errp)
{
    return get_cond(d->expr, &e->cond, errp) &&
           get_features(d->expr, e->features, errp);
}

static QapiEntity *def_enum(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = { "enum", "data", "prefix", "if",
                                        "features", NULL };
    static const char *const req[] = { "data", NULL };
    if (!check_keys(d, keys, req, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_ENUM, d->name, pos);
    e->members = member_array();
    const QapiNode *data = qapi_node_get(d->expr, "data");
    if (!def_common(d, e, errp)) {
        goto fail;
    }
    if (data->kind != QAPI_NODE_LIST) {
        ERR_AT(errp, data->pos, "'data' of enum '%s' must be an array",
               d->name);
        goto fail;
    }
    for (guint i = 0; i < data->items->len; i++) {
        const QapiNode *v = g_ptr_array_index(data->items, i);
        const QapiNode *name = v;
        QapiMember *m = g_new0(QapiMember, 1);
        m->features = g_ptr_array_new_with_free_func((GDestroyNotify)feature_free);
        m->pos = v->pos;
        g_ptr_array_add(e->members, m);
        if (v->kind == QAPI_NODE_DICT) {
            name = qapi_node_get(v, "name");
            if (!name) {
                ERR_AT(errp, v->pos, "value of enum '%s' misses key 'name'",
                       d->name);
                goto fail;
            }
            if (!get_cond(v, &m->cond, errp) ||
                !get_features(v, m->features, errp)) {
                goto fail;
            }
        }
        char *what = g_strdup_printf("value of enum '%s'", d->name);
        bool ok = check_name(name, what, true, errp);
        g_free(what);
        if (!ok) {
            goto fail;
        }
        for (guint j = 0; j + 1 < e->members->len; j++) {
            if (!strcmp(((QapiMember *)g_ptr_array_index(e->members, j))->name,
                        name->str)) {
                ERR_AT(errp, name->pos, "enum '%s' has value '%s' twice",
                       d->name, name->str);
                goto fail;
            }
        }
        m->name = g_strdup(name->str);
    }
    return e;
fail:
    entity_free(e);
    return NULL;
}

/* An implicit struct for inline 'data'/'base': q_obj_NAME-SUFFIX. */
static QapiEntity *implicit_struct(const Def *d, const QapiNode *data,
                                   const char *suffix, QapiEntity *owner,
                                   Error **errp)
{
    char *name = g_strdup_printf("q_obj_%s-%s", d->name, suffix);
    QapiEntity *e = entity_new(QAPI_META_STRUCT, name, data->pos);
    g_free(name);
    e->implicit = true;
    e->members = member_array();
    if (!get_members(d, data, e->members, errp)) {
        entity_free(e);
        return NULL;
    }
    e->owner = owner;
    return e;
}

static QapiEntity *def_struct(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = { "struct", "data", "base", "if",
                                        "features", NULL };
    static const char *const req[] = { "data", NULL };
    if (!check_keys(d, keys, req, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_STRUCT, d->name, pos);
    e->members = member_array();
    const QapiNode *base = qapi_node_get(d->expr, "base");
    if (!def_common(d, e, errp) ||
        !get_members(d, qapi_node_get(d->expr, "data"), e->members, errp)) {
        goto fail;
    }
    if (base) {
        if (base->kind != QAPI_NODE_STR) {
            ERR_AT(errp, base->pos, "'base' of struct '%s' should be a type "
                   "name", d->name);
            goto fail;
        }
        e->base_name = g_strdup(base->str);
        e->base_pos = base->pos;
    }
    return e;
fail:
    entity_free(e);
    return NULL;
}

/* Union and alternate branches: name: type or name: {'type':, 'if':}. */
static bool get_branches(const Def *d, const QapiNode *data, GPtrArray *into,
                         Error **errp)
{
    if (data->kind != QAPI_NODE_DICT) {
        ERR_AT(errp, data->pos, "'data' of %s '%s' should be an object",
               d->meta, d->name);
        return false;
    }
    for (guint i = 0; i < data->keys->len; i++) {
        const QapiNode *k = g_ptr_array_index(data->keys, i);
        const QapiNode *v = g_ptr_array_index(data->items, i);
        char *what = g_strdup_printf("branch '%s' of %s '%s'", k->str,
                                     d->meta, d->name);
        QapiMember *m = g_new0(QapiMember, 1);
        m->name = g_strdup(k->str);
        m->pos = k->pos;
        m->features = g_ptr_array_new_with_free_func((GDestroyNotify)feature_free);
        g_ptr_array_add(into, m);
        bool ok = check_name(k, what, true, errp);
        const QapiNode *t = v;
        if (ok && v->kind == QAPI_NODE_DICT) {
            t = qapi_node_get(v, "type");
            if (!t) {
                ERR_AT(errp, v->pos, "%s misses key 'type'", what);
                ok = false;
            }
            ok = ok && get_cond(v, &m->cond, errp);
        }
        if (ok) {
            m->type_pos = t->pos;
            m->type_name = get_type_ref(t, what, errp);
            ok = m->type_name != NULL;
        }
        g_free(what);
        if (!ok) {
            return false;
        }
    }
    if (!into->len) {
        ERR_AT(errp, data->pos, "%s '%s' has no branches", d->meta, d->name);
        return false;
    }
    return true;
}

static QapiEntity *def_union(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = { "union", "base", "discriminator",
                                        "data", "if", "features", NULL };
    static const char *const req[] = { "base", "discriminator", "data", NULL };
    if (!check_keys(d, keys, req, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_UNION, d->name, pos);
    e->variants = member_array();
    const QapiNode *base = qapi_node_get(d->expr, "base");
    const QapiNode *tag = qapi_node_get(d->expr, "discriminator");
    if (!def_common(d, e, errp) ||
        !get_branches(d, qapi_node_get(d->expr, "data"), e->variants, errp)) {
        goto fail;
    }
    if (tag->kind != QAPI_NODE_STR) {
        ERR_AT(errp, tag->pos, "'discriminator' of union '%s' should be a "
               "member name", d->name);
        goto fail;
    }
    e->tag_name = g_strdup(tag->str);
    e->tag_pos = tag->pos;
    e->base_pos = base->pos;
    if (base->kind == QAPI_NODE_DICT) {
        QapiEntity *b = implicit_struct(d, base, "base", e, errp);
        if (!b) {
            goto fail;
        }
        e->base_name = g_strdup(b->name);
        if (!add_entity(d->s, b, errp)) {
            goto fail;
        }
    } else if (base->kind == QAPI_NODE_STR) {
        e->base_name = g_strdup(base->str);
    } else {
        ERR_AT(errp, base->pos, "'base' of union '%s' should be a type name "
               "or an object", d->name);
        goto fail;
    }
    return e;
fail:
    entity_free(e);
    return NULL;
}

static QapiEntity *def_alternate(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = { "alternate", "data", "if",
                                        "features", NULL };
    static const char *const req[] = { "data", NULL };
    if (!check_keys(d, keys, req, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_ALTERNATE, d->name, pos);
    e->variants = member_array();
    if (!def_common(d, e, errp) ||
        !get_branches(d, qapi_node_get(d->expr, "data"), e->variants, errp)) {
        entity_free(e);
        return NULL;
    }
    return e;
}

/* 'data' of a command or event: a type name or an inline object. */
static bool get_arg_type(const Def *d, QapiEntity *e, Error **errp)
{
    const QapiNode *data = qapi_node_get(d->expr, "data");
    if (!data) {
        return true;
    }
    e->arg_pos = data->pos;
    if (data->kind == QAPI_NODE_STR) {
        e->arg_name = g_strdup(data->str);
        return true;
    }
    if (data->kind != QAPI_NODE_DICT || e->boxed) {
        ERR_AT(errp, data->pos, "'data' of %s '%s' should be %s", d->meta,
               d->name, e->boxed ? "a type name" : "a type name or an object");
        return false;
    }
    QapiEntity *arg = implicit_struct(d, data, "arg", e, errp);
    if (!arg) {
        return false;
    }
    e->arg_name = g_strdup(arg->name);
    return add_entity(d->s, arg, errp);
}

static bool get_states(const Def *d, QapiEntity *e, Error **errp)
{
    const QapiNode *n = qapi_node_get(d->expr, "states");
    if (!n) {
        return true;
    }
    if (n->kind != QAPI_NODE_LIST || !n->items->len) {
        ERR_AT(errp, n->pos, "'states' of command '%s' must be a non-empty "
               "array of run states", d->name);
        return false;
    }
    e->states = 0;
    for (guint i = 0; i < n->items->len; i++) {
        const QapiNode *st = g_ptr_array_index(n->items, i);
        uint32_t mask = st->kind == QAPI_NODE_STR ?
                        run_state_mask_lookup(st->str) : 0;
        if (!mask) {
            ERR_AT(errp, st->pos, "'states' of command '%s': unknown run "
                   "state '%s'", d->name,
                   st->kind == QAPI_NODE_STR ? st->str : "?");
            return false;
        }
        e->states |= mask;
    }
    return true;
}

static QapiEntity *def_command(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = {
        "command", "data", "returns", "boxed", "if", "features", "gen",
        "success-response", "allow-oob", "allow-preconfig", "coroutine",
        "states", NULL };
    if (!check_keys(d, keys, NULL, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_COMMAND, d->name, pos);
    bool unused, gen;
    const QapiNode *ret = qapi_node_get(d->expr, "returns");
    if (!def_common(d, e, errp) ||
        !get_bool(d, "boxed", &e->boxed, errp) ||
        !get_bool(d, "allow-oob", &e->allow_oob, errp) ||
        !get_bool(d, "allow-preconfig", &e->allow_preconfig, errp) ||
        !get_bool(d, "coroutine", &e->coroutine, errp) ||
        !get_bool(d, "gen", &gen, errp) ||
        !get_bool(d, "success-response", &unused, errp) ||
        !get_states(d, e, errp) ||
        !get_arg_type(d, e, errp)) {
        goto fail;
    }
    /* 'gen': false (as QEMU's device_add): the arguments may carry members
     * beyond 'data', which go to the handler unchecked */
    e->open_args = qapi_node_get(d->expr, "gen") && !gen;
    if (ret) {
        e->ret_pos = ret->pos;
        e->ret_name = get_type_ref(ret, "'returns'", errp);
        if (!e->ret_name) {
            goto fail;
        }
    }
    return e;
fail:
    entity_free(e);
    return NULL;
}

static QapiEntity *def_event(const Def *d, QapiPos pos, Error **errp)
{
    static const char *const keys[] = { "event", "data", "boxed", "if",
                                        "features", NULL };
    if (!check_keys(d, keys, NULL, errp)) {
        return NULL;
    }
    QapiEntity *e = entity_new(QAPI_META_EVENT, d->name, pos);
    if (!def_common(d, e, errp) ||
        !get_bool(d, "boxed", &e->boxed, errp) ||
        !get_arg_type(d, e, errp)) {
        entity_free(e);
        return NULL;
    }
    return e;
}

static const struct {
    const char *meta;
    QapiEntity *(*def)(const Def *d, QapiPos pos, Error **errp);
} def_table[] = {
    { "enum", def_enum },
    { "struct", def_struct },
    { "union", def_union },
    { "alternate", def_alternate },
    { "command", def_command },
    { "event", def_event },
};

/* Loading files and includes. */

typedef struct Loader {
    QapiSchema *s;
    const QapiSource *srcs;     /* in-memory files, or NULL: read from disk */
    size_t n;
    GHashTable *seen;           /* files already included */
    int depth;
    bool docs;                  /* parse and check doc comments */
} Loader;

static bool load_file(Loader *ld, const char *name, QapiPos from,
                      Error **errp);

static bool do_pragma(Loader *ld, const QapiNode *expr, Error **errp)
{
    const QapiNode *p = qapi_node_get(expr, "pragma");
    if (expr->keys->len != 1 || p->kind != QAPI_NODE_DICT) {
        ERR_AT(errp, expr->pos, "'pragma' must be the only key and its value "
               "an object");
        return false;
    }
    const QapiNode *dr = qapi_node_get(p, "doc-required");
    if (dr) {
        if (dr->kind != QAPI_NODE_BOOL) {
            ERR_AT(errp, dr->pos, "pragma 'doc-required' must be true or "
                   "false");
            return false;
        }
        ld->s->doc_required = dr->b && ld->docs;
    }
    return true;   /* other pragmas are accepted and ignored */
}

/* "a/b/../c/./d" -> "a/c/d", so a file included twice is seen once. */
static char *normalize_path(const char *path)
{
    gchar **parts = g_strsplit(path, "/", -1);
    GPtrArray *out = g_ptr_array_new();
    for (int i = 0; parts[i]; i++) {
        const char *p = parts[i];
        if (!strcmp(p, ".") || (!p[0] && i > 0)) {
            continue;
        }
        if (!strcmp(p, "..") && out->len &&
            strcmp(g_ptr_array_index(out, out->len - 1), "..") &&
            ((char *)g_ptr_array_index(out, out->len - 1))[0]) {
            g_ptr_array_remove_index(out, out->len - 1);
            continue;
        }
        g_ptr_array_add(out, (char *)p);
    }
    g_ptr_array_add(out, NULL);
    char *joined = g_strjoinv("/", (char **)out->pdata);
    g_ptr_array_free(out, TRUE);
    g_strfreev(parts);
    return joined;
}

static bool do_include(Loader *ld, const char *file, const QapiNode *expr,
                       Error **errp)
{
    const QapiNode *inc = qapi_node_get(expr, "include");
    if (expr->keys->len != 1 || inc->kind != QAPI_NODE_STR) {
        ERR_AT(errp, expr->pos, "'include' must be the only key and its "
               "value a file name");
        return false;
    }
    char *dir = g_path_get_dirname(file);
    char *joined = strcmp(dir, ".") ? g_build_filename(dir, inc->str, NULL)
                                    : g_strdup(inc->str);
    char *path = normalize_path(joined);
    g_free(joined);
    g_free(dir);
    bool ok = load_file(ld, path, inc->pos, errp);
    g_free(path);
    return ok;
}

/* Which meta key an expression has, or NULL. */
static const char *expr_meta(const QapiNode *expr, const QapiNode **name)
{
    static const char *const metas[] = { "enum", "struct", "union",
        "alternate", "command", "event", "include", "pragma", NULL };
    for (int i = 0; metas[i]; i++) {
        *name = qapi_node_get(expr, metas[i]);
        if (*name) {
            return metas[i];
        }
    }
    return NULL;
}

static bool do_definition(Loader *ld, const QapiTopItem *it, Error **errp)
{
    const QapiNode *name;
    const char *meta = expr_meta(it->expr, &name);
    if (!meta) {
        ERR_AT(errp, it->expr->pos, "expression is missing metatype");
        return false;
    }
    Def d = { ld->s, it->expr, meta, name->kind == QAPI_NODE_STR ? name->str : "" };
    if (!check_name(name, meta, false, errp)) {
        return false;
    }
    if (g_str_has_prefix(name->str, "q_")) {
        ERR_AT(errp, name->pos, "%s name '%s' uses the reserved prefix 'q_'",
               meta, name->str);
        return false;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(def_table); i++) {
        if (!strcmp(def_table[i].meta, meta)) {
            QapiEntity *e = def_table[i].def(&d, name->pos, errp);
            if (!e) {
                return false;
            }
            if (it->doc) {
                e->doc = it->doc;
                it->doc->entity = e;
            }
            return add_entity(ld->s, e, errp);
        }
    }
    return false;
}

static bool load_text(Loader *ld, const char *file, const char *text,
                      Error **errp)
{
    GPtrArray *items = g_ptr_array_new();
    bool ok = qapi_parse_text(file, text, ld->docs, items, errp);
    for (guint i = 0; i < items->len; i++) {
        QapiTopItem *it = g_ptr_array_index(items, i);
        if (it->doc) {
            g_ptr_array_add(ld->s->docs, it->doc);     /* schema owns docs */
        }
        if (ok && it->expr) {
            const QapiNode *name;
            const char *meta = expr_meta(it->expr, &name);
            if (meta && !strcmp(meta, "include")) {
                ok = do_include(ld, file, it->expr, errp);
            } else if (meta && !strcmp(meta, "pragma")) {
                ok = do_pragma(ld, it->expr, errp);
            } else {
                ok = do_definition(ld, it, errp);
            }
            if (ok && it->doc && !it->doc->entity) {
                ERR_AT(errp, it->doc->pos, "documentation comment for '%s' "
                       "is not followed by its definition", it->doc->symbol);
                ok = false;
            }
        } else if (ok && it->doc && it->doc->symbol) {
            ERR_AT(errp, it->doc->pos, "documentation comment for '%s' is "
                   "not followed by its definition", it->doc->symbol);
            ok = false;
        }
        qapi_node_free(it->expr);
        g_free(it);
    }
    g_ptr_array_free(items, TRUE);
    return ok;
}

static bool load_file(Loader *ld, const char *name, QapiPos from,
                      Error **errp)
{
    if (g_hash_table_contains(ld->seen, name)) {
        return true;                /* included once */
    }
    if (ld->depth > 32) {
        ERR_AT(errp, from, "includes nested too deeply");
        return false;
    }
    char *file = g_strdup(name);
    g_ptr_array_add(ld->s->files, file);
    g_hash_table_add(ld->seen, file);
    const char *text = NULL;
    char *owned = NULL;
    if (ld->srcs) {
        for (size_t i = 0; i < ld->n; i++) {
            if (!strcmp(ld->srcs[i].name, name)) {
                text = ld->srcs[i].text;
            }
        }
    } else {
        GError *gerr = NULL;
        if (g_file_get_contents(name, &owned, NULL, &gerr)) {
            text = owned;
        } else {
            g_error_free(gerr);
        }
    }
    if (!text) {
        if (from.file) {
            ERR_AT(errp, from, "can't read include file '%s'", name);
        } else {
            error_setg(errp, "can't read schema file '%s'", name);
        }
        return false;
    }
    ld->depth++;
    bool ok = load_text(ld, file, text, errp);
    ld->depth--;
    g_free(owned);
    return ok;
}

/* Resolving and checking. */

static bool resolve(QapiSchema *s, QapiEntity *e, Error **errp);

static const QapiEntity *resolve_ref(QapiSchema *s, const char *name,
                                     QapiPos pos, const char *what,
                                     Error **errp)
{
    size_t len = strlen(name);
    if (len > 2 && name[0] == '[' && name[len - 1] == ']') {
        QapiEntity *arr = g_hash_table_lookup(s->by_name, name);
        if (arr) {
            return arr;
        }
        char *elem_name = g_strndup(name + 1, len - 2);
        const QapiEntity *elem = resolve_ref(s, elem_name, pos, what, errp);
        g_free(elem_name);
        if (!elem) {
            return NULL;
        }
        arr = entity_new(QAPI_META_ARRAY, name, elem->pos);
        arr->element = elem;
        arr->implicit = true;
        arr->resolving = 2;
        add_entity(s, arr, NULL);
        return arr;
    }
    QapiEntity *t = g_hash_table_lookup(s->by_name, name);
    if (!t || t->meta == QAPI_META_COMMAND || t->meta == QAPI_META_EVENT) {
        ERR_AT(errp, pos, "%s uses unknown type '%s'", what, name);
        return NULL;
    }
    return t;
}

static bool resolve_members(QapiSchema *s, QapiEntity *e, GPtrArray *members,
                            const char *kind, Error **errp)
{
    for (guint i = 0; i < members->len; i++) {
        QapiMember *m = g_ptr_array_index(members, i);
        const QapiEntity *o = e->owner ? e->owner : e;
        char *what = g_strdup_printf("%s '%s' of %s '%s'", kind, m->name,
                                     qapi_meta_name(o->meta), o->name);
        m->type = resolve_ref(s, m->type_name, m->type_pos, what, errp);
        g_free(what);
        if (!m->type) {
            return false;
        }
    }
    return true;
}

/* A struct or union base: resolved first, so all_members is known. */
static const QapiEntity *resolve_base(QapiSchema *s, QapiEntity *e,
                                      Error **errp)
{
    char *what = g_strdup_printf("base of %s '%s'", qapi_meta_name(e->meta),
                                 e->name);
    QapiEntity *b = (QapiEntity *)resolve_ref(s, e->base_name, e->base_pos,
                                              what, errp);
    g_free(what);
    if (!b) {
        return NULL;
    }
    if (b->meta != QAPI_META_STRUCT) {
        ERR_AT(errp, e->base_pos, "base of %s '%s' must be a struct, not %s "
               "'%s'", qapi_meta_name(e->meta), e->name,
               qapi_meta_name(b->meta), b->name);
        return NULL;
    }
    if (b->resolving == 1) {
        ERR_AT(errp, e->base_pos, "base of %s '%s': '%s' is its own base",
               qapi_meta_name(e->meta), e->name, b->name);
        return NULL;
    }
    return resolve(s, b, errp) ? b : NULL;
}

static const QapiMember *find_in(const GPtrArray *members, const char *name)
{
    for (guint i = 0; members && i < members->len; i++) {
        const QapiMember *m = g_ptr_array_index(members, i);
        if (!strcmp(m->name, name)) {
            return m;
        }
    }
    return NULL;
}

static bool resolve_struct(QapiSchema *s, QapiEntity *e, Error **errp)
{
    e->all_members = g_ptr_array_new();
    if (e->base_name) {
        e->base = resolve_base(s, e, errp);
        if (!e->base) {
            return false;
        }
        for (guint i = 0; i < e->base->all_members->len; i++) {
            g_ptr_array_add(e->all_members,
                            g_ptr_array_index(e->base->all_members, i));
        }
    }
    for (guint i = 0; i < e->members->len; i++) {
        QapiMember *m = g_ptr_array_index(e->members, i);
        if (find_in(e->all_members, m->name)) {
            ERR_AT(errp, m->pos, "member '%s' of struct '%s' collides with "
                   "member '%s' of base '%s'", m->name, e->name, m->name,
                   e->base_name);
            return false;
        }
        g_ptr_array_add(e->all_members, m);
    }
    return resolve_members(s, e, e->members, "member", errp);
}

static bool resolve_union(QapiSchema *s, QapiEntity *e, Error **errp)
{
    e->base = resolve_base(s, e, errp);
    if (!e->base) {
        return false;
    }
    e->all_members = g_ptr_array_copy(e->base->all_members, NULL, NULL);
    const QapiMember *tag = find_in(e->all_members, e->tag_name);
    const char *bname = e->base->implicit ? "base" : e->base->name;
    if (!tag) {
        ERR_AT(errp, e->tag_pos, "discriminator '%s' is not a member of %s%s%s",
               e->tag_name, e->base->implicit ? "" : "base struct '",
               bname, e->base->implicit ? "" : "'");
        return false;
    }
    if (tag->optional) {
        ERR_AT(errp, e->tag_pos, "discriminator member '%s' must not be "
               "optional", e->tag_name);
        return false;
    }
    if (tag->type->meta != QAPI_META_ENUM) {
        ERR_AT(errp, e->tag_pos, "discriminator member '%s' must be of enum "
               "type, not '%s'", e->tag_name, tag->type->name);
        return false;
    }
    if (tag->cond) {
        ERR_AT(errp, e->tag_pos, "discriminator member '%s' must not be "
               "conditional", e->tag_name);
        return false;
    }
    e->tag = tag;
    if (!resolve_members(s, e, e->variants, "branch", errp)) {
        return false;
    }
    for (guint i = 0; i < e->variants->len; i++) {
        QapiMember *v = g_ptr_array_index(e->variants, i);
        if (!find_in(tag->type->members, v->name)) {
            ERR_AT(errp, v->pos, "branch '%s' of union '%s' is not a value of "
                   "%s '%s'", v->name, e->name, "enum", tag->type->name);
            return false;
        }
        if (v->type->meta != QAPI_META_STRUCT) {
            ERR_AT(errp, v->type_pos, "branch '%s' of union '%s' cannot use "
                   "%s '%s'", v->name, e->name, qapi_meta_name(v->type->meta),
                   v->type->name);
            return false;
        }
        if (!resolve(s, (QapiEntity *)v->type, errp)) {
            return false;
        }
        for (guint j = 0; j < v->type->all_members->len; j++) {
            const QapiMember *m = g_ptr_array_index(v->type->all_members, j);
            if (find_in(e->all_members, m->name)) {
                ERR_AT(errp, v->type_pos, "member '%s' of branch '%s' of union "
                       "'%s' collides with member '%s' of the base", m->name,
                       v->name, e->name, m->name);
                return false;
            }
        }
    }
    return true;
}

/* The JSON type class a type's values have, for telling alternate
 * branches apart: 's'tring, 'n'umber, 'b'oolean, 'z' null, 'o'bject,
 * 'a'rray, or 0 for any. */
static char json_class(const QapiEntity *t)
{
    switch (t->meta) {
    case QAPI_META_ENUM:
        return 's';
    case QAPI_META_ARRAY:
        return 'a';
    case QAPI_META_STRUCT:
    case QAPI_META_UNION:
        return 'o';
    case QAPI_META_BUILTIN:
        switch (t->builtin) {
        case QAPI_BUILTIN_STR:
            return 's';
        case QAPI_BUILTIN_BOOL:
            return 'b';
        case QAPI_BUILTIN_NULL:
            return 'z';
        case QAPI_BUILTIN_ANY:
            return 0;
        default:
            return 'n';
        }
    default:
        return 0;
    }
}

static bool resolve_alternate(QapiSchema *s, QapiEntity *e, Error **errp)
{
    if (!resolve_members(s, e, e->variants, "branch", errp)) {
        return false;
    }
    for (guint i = 0; i < e->variants->len; i++) {
        QapiMember *v = g_ptr_array_index(e->variants, i);
        char cls = json_class(v->type);
        if (!cls) {
            ERR_AT(errp, v->type_pos, "branch '%s' of alternate '%s' cannot "
                   "use %s '%s'", v->name, e->name,
                   qapi_meta_name(v->type->meta), v->type->name);
            return false;
        }
        for (guint j = 0; j < i; j++) {
            QapiMember *w = g_ptr_array_index(e->variants, j);
            if (json_class(w->type) == cls) {
                ERR_AT(errp, v->pos, "branch '%s' of alternate '%s' can't be "
                       "distinguished from '%s'", v->name, e->name, w->name);
                return false;
            }
        }
    }
    return true;
}

static bool resolve_command(QapiSchema *s, QapiEntity *e, Error **errp)
{
    const char *meta = qapi_meta_name(e->meta);
    if (e->arg_name) {
        char *what = g_strdup_printf("'data' of %s '%s'", meta, e->name);
        QapiEntity *arg = (QapiEntity *)resolve_ref(s, e->arg_name,
                                                    e->arg_pos, what, errp);
        g_free(what);
        if (!arg) {
            return false;
        }
        if (arg->meta != QAPI_META_STRUCT &&
            !(e->boxed && arg->meta == QAPI_META_UNION)) {
            ERR_AT(errp, e->arg_pos, "'data' of %s '%s' cannot use %s '%s'",
                   meta, e->name, qapi_meta_name(arg->meta), arg->name);
            return false;
        }
        if (arg->implicit) {
            arg->cond = NULL;   /* visible with its command */
        }
        e->arg_type = arg;
    } else if (e->boxed) {
        ERR_AT(errp, e->pos, "%s '%s' requires 'data' when 'boxed'", meta,
               e->name);
        return false;
    }
    if (e->ret_name) {
        char *what = g_strdup_printf("'returns' of command '%s'", e->name);
        e->ret_type = resolve_ref(s, e->ret_name, e->ret_pos, what, errp);
        g_free(what);
        if (!e->ret_type) {
            return false;
        }
    }
    return true;
}

static bool resolve(QapiSchema *s, QapiEntity *e, Error **errp)
{
    if (e->resolving) {
        return true;
    }
    e->resolving = 1;
    bool ok = true;
    switch (e->meta) {
    case QAPI_META_STRUCT:
        ok = resolve_struct(s, e, errp);
        break;
    case QAPI_META_UNION:
        ok = resolve_union(s, e, errp);
        break;
    case QAPI_META_ALTERNATE:
        ok = resolve_alternate(s, e, errp);
        break;
    case QAPI_META_COMMAND:
    case QAPI_META_EVENT:
        ok = resolve_command(s, e, errp);
        break;
    default:
        break;
    }
    e->resolving = 2;
    return ok;
}

/* Doc checks: documented names must exist; definitions need docs when
 * the 'doc-required' pragma is set. */
static bool check_doc(QapiSchema *s, const QapiEntity *e, Error **errp)
{
    const QapiDoc *d = e->doc;
    if (!d) {
        if (s->doc_required && !e->implicit) {
            ERR_AT(errp, e->pos, "documentation comment required for '%s'",
                   e->name);
            return false;
        }
        return true;
    }
    if (strcmp(d->symbol, e->name)) {
        ERR_AT(errp, e->pos, "definition of '%s' follows documentation for "
               "'%s'", e->name, d->symbol);
        return false;
    }
    const GPtrArray *members = e->members;
    if (e->meta == QAPI_META_UNION) {
        members = e->base->implicit ? e->base->members : NULL;
    } else if ((e->meta == QAPI_META_COMMAND || e->meta == QAPI_META_EVENT) &&
               e->arg_type && e->arg_type->implicit) {
        members = e->arg_type->members;
    }
    for (guint i = 0; i < d->args->len; i++) {
        const QapiDocItem *it = g_ptr_array_index(d->args, i);
        if (!find_in(members, it->name) && !find_in(e->variants, it->name)) {
            ERR_AT(errp, it->pos, "documented member '%s' is not in the "
                   "definition of '%s'", it->name, e->name);
            return false;
        }
    }
    for (guint i = 0; i < d->features->len; i++) {
        const QapiDocItem *it = g_ptr_array_index(d->features, i);
        bool found = false;
        for (guint j = 0; j < e->features->len; j++) {
            found |= !strcmp(((QapiFeature *)g_ptr_array_index(e->features, j))->name,
                             it->name);
        }
        for (guint j = 0; members && j < members->len; j++) {
            const QapiMember *m = g_ptr_array_index(members, j);
            for (guint k = 0; m->features && k < m->features->len; k++) {
                found |= !strcmp(((QapiFeature *)g_ptr_array_index(m->features, k))->name,
                                 it->name);
            }
        }
        if (!found) {
            ERR_AT(errp, it->pos, "documented feature '%s' is not in the "
                   "definition of '%s'", it->name, e->name);
            return false;
        }
    }
    return true;
}

static bool check_schema(QapiSchema *s, Error **errp)
{
    /* entities may be appended (array types) while we go */
    for (guint i = 0; i < s->entities->len; i++) {
        if (!resolve(s, g_ptr_array_index(s->entities, i), errp)) {
            return false;
        }
    }
    for (guint i = 0; i < s->entities->len; i++) {
        if (!check_doc(s, g_ptr_array_index(s->entities, i), errp)) {
            return false;
        }
    }
    return true;
}

static QapiSchema *load(const QapiSource *srcs, size_t n, const char *main,
                        bool docs, Error **errp)
{
    QapiSchema *s = schema_new();
    Loader ld = { s, srcs, n, g_hash_table_new(g_str_hash, g_str_equal), 0,
                  docs };
    bool ok = load_file(&ld, main, (QapiPos){ 0 }, errp) &&
              check_schema(s, errp);
    g_hash_table_destroy(ld.seen);
    if (!ok) {
        qapi_schema_free(s);
        return NULL;
    }
    return s;
}

QapiSchema *qapi_schema_load_sources(const QapiSource *srcs, size_t n,
                                     const char *main_name, Error **errp)
{
    static const QapiSource none[1];
    return load(srcs ? srcs : none, srcs ? n : 0, main_name, true, errp);
}

QapiSchema *qapi_schema_load_builtin(Error **errp)
{
    return qapi_schema_load_sources(qapi_builtin_sources,
                                    qapi_builtin_sources_count,
                                    QAPI_BUILTIN_MAIN, errp);
}

QapiSchema *qapi_schema_load_builtin_nodoc(Error **errp)
{
    return load(qapi_builtin_sources, qapi_builtin_sources_count,
                QAPI_BUILTIN_MAIN, false, errp);
}

QapiSchema *qapi_schema_load_file(const char *path, Error **errp)
{
    return load(NULL, 0, path, true, errp);
}

QapiSchema *qapi_schema_parse_string(const char *filename, const char *text,
                                     Error **errp)
{
    QapiSource src = { filename, text };
    return qapi_schema_load_sources(&src, 1, filename, errp);
}

/* Lookups. */

const QapiEntity *qapi_schema_lookup(const QapiSchema *s, const char *name)
{
    return g_hash_table_lookup(s->by_name, name);
}

bool qapi_entity_visible(const QapiEntity *e, const QapiCondContext *ctx)
{
    return e && qapi_cond_eval(e->cond, ctx);
}

bool qapi_member_visible(const QapiMember *m, const QapiCondContext *ctx)
{
    return m && qapi_cond_eval(m->cond, ctx);
}

const QapiEntity *qapi_schema_lookup_type(const QapiSchema *s,
                                          const char *name,
                                          const QapiCondContext *ctx)
{
    const QapiEntity *e = qapi_schema_lookup(s, name);
    if (!e || e->meta == QAPI_META_COMMAND || e->meta == QAPI_META_EVENT ||
        !qapi_entity_visible(e, ctx)) {
        return NULL;
    }
    return e;
}

static const QapiEntity *lookup_meta(const QapiSchema *s, const char *name,
                                     QapiMeta meta, const QapiCondContext *ctx)
{
    const QapiEntity *e = qapi_schema_lookup(s, name);
    return e && e->meta == meta && qapi_entity_visible(e, ctx) ? e : NULL;
}

const QapiEntity *qapi_schema_lookup_command(const QapiSchema *s,
                                             const char *name,
                                             const QapiCondContext *ctx)
{
    return lookup_meta(s, name, QAPI_META_COMMAND, ctx);
}

const QapiEntity *qapi_schema_lookup_event(const QapiSchema *s,
                                           const char *name,
                                           const QapiCondContext *ctx)
{
    return lookup_meta(s, name, QAPI_META_EVENT, ctx);
}

bool qapi_entity_has_feature(const QapiEntity *e, const char *name,
                             const QapiCondContext *ctx)
{
    for (guint i = 0; i < e->features->len; i++) {
        const QapiFeature *f = g_ptr_array_index(e->features, i);
        if (!strcmp(f->name, name) && qapi_cond_eval(f->cond, ctx)) {
            return true;
        }
    }
    return false;
}

const QapiMember *qapi_entity_find_member(const QapiEntity *e,
                                          const char *name,
                                          const QapiCondContext *ctx)
{
    const GPtrArray *list = e->meta == QAPI_META_ENUM ? e->members
                                                      : e->all_members;
    const QapiMember *m = find_in(list, name);
    return qapi_member_visible(m, ctx) ? m : NULL;
}

const QapiMember *qapi_union_find_variant(const QapiEntity *u,
                                          const char *tag,
                                          const QapiCondContext *ctx)
{
    const QapiMember *m = find_in(u->variants, tag);
    return qapi_member_visible(m, ctx) ? m : NULL;
}
