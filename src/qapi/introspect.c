/* Introspection in QEMU's SchemaInfo format (qapi/introspect.json,
 * scripts/qapi/introspect.py of QEMU 7.2), unmasked type names.
 * SPDX-License-Identifier: MIT */
#include "qapi/introspect.h"

#include <string.h>

typedef struct Intro {
    const QapiSchema *s;
    const QapiCondContext *ctx;
    json_t *out;
    GHashTable *queued;         /* type names already queued */
    GQueue todo;                /* const QapiEntity * */
} Intro;

static void use_type(Intro *in, const QapiEntity *t)
{
    if (!g_hash_table_contains(in->queued, t->name)) {
        g_hash_table_add(in->queued, t->name);
        g_queue_push_tail(&in->todo, (gpointer)t);
    }
}

static json_t *features_json(const GPtrArray *features,
                             const QapiCondContext *ctx)
{
    json_t *a = json_array();
    for (guint i = 0; features && i < features->len; i++) {
        const QapiFeature *f = g_ptr_array_index(features, i);
        if (qapi_cond_eval(f->cond, ctx)) {
            json_array_append_new(a, json_string(f->name));
        }
    }
    return a;
}

static void add_features(json_t *obj, const GPtrArray *features,
                         const QapiCondContext *ctx)
{
    json_t *a = features_json(features, ctx);
    if (json_array_size(a)) {
        json_object_set_new(obj, "features", a);
    } else {
        json_decref(a);
    }
}

static const char *json_type_name(QapiBuiltin b)
{
    switch (b) {
    case QAPI_BUILTIN_STR:
        return "string";
    case QAPI_BUILTIN_NUMBER:
        return "number";
    case QAPI_BUILTIN_BOOL:
        return "boolean";
    case QAPI_BUILTIN_NULL:
        return "null";
    case QAPI_BUILTIN_ANY:
        return "value";
    default:
        return "int";
    }
}

static json_t *members_json(Intro *in, const GPtrArray *members)
{
    json_t *a = json_array();
    for (guint i = 0; members && i < members->len; i++) {
        const QapiMember *m = g_ptr_array_index(members, i);
        if (!qapi_member_visible(m, in->ctx)) {
            continue;
        }
        json_t *o = json_pack("{s:s, s:s}", "name", m->name,
                              "type", m->type->name);
        if (m->optional) {
            json_object_set_new(o, "default", json_null());
        }
        add_features(o, m->features, in->ctx);
        json_array_append_new(a, o);
        use_type(in, m->type);
    }
    return a;
}

static void info_object(Intro *in, const QapiEntity *t, json_t *o)
{
    json_object_set_new(o, "members", members_json(in, t->all_members));
    if (t->meta != QAPI_META_UNION) {
        return;
    }
    json_t *vars = json_array();
    for (guint i = 0; i < t->variants->len; i++) {
        const QapiMember *v = g_ptr_array_index(t->variants, i);
        if (qapi_member_visible(v, in->ctx)) {
            json_array_append_new(vars, json_pack("{s:s, s:s}", "case",
                                                  v->name, "type",
                                                  v->type->name));
            use_type(in, v->type);
        }
    }
    json_object_set_new(o, "tag", json_string(t->tag->name));
    json_object_set_new(o, "variants", vars);
}

static void info_enum(Intro *in, const QapiEntity *t, json_t *o)
{
    json_t *members = json_array(), *values = json_array();
    for (guint i = 0; i < t->members->len; i++) {
        const QapiMember *m = g_ptr_array_index(t->members, i);
        if (qapi_member_visible(m, in->ctx)) {
            json_t *mo = json_pack("{s:s}", "name", m->name);
            add_features(mo, m->features, in->ctx);
            json_array_append_new(members, mo);
            json_array_append_new(values, json_string(m->name));
        }
    }
    json_object_set_new(o, "members", members);
    json_object_set_new(o, "values", values);
}

static const QapiEntity *q_empty(Intro *in)
{
    return qapi_schema_lookup(in->s, "q_empty");
}

static void info_command(Intro *in, const QapiEntity *e, json_t *o)
{
    const QapiEntity *arg = e->arg_type ? e->arg_type : q_empty(in);
    json_object_set_new(o, "arg-type", json_string(arg->name));
    use_type(in, arg);
    if (e->meta == QAPI_META_EVENT) {
        return;
    }
    const QapiEntity *ret = e->ret_type ? e->ret_type : q_empty(in);
    json_object_set_new(o, "ret-type", json_string(ret->name));
    use_type(in, ret);
    if (e->allow_oob) {
        json_object_set_new(o, "allow-oob", json_true());
    }
}

static void emit(Intro *in, const QapiEntity *e)
{
    static const char *const metas[] = {
        [QAPI_META_BUILTIN] = "builtin", [QAPI_META_ENUM] = "enum",
        [QAPI_META_ARRAY] = "array", [QAPI_META_STRUCT] = "object",
        [QAPI_META_UNION] = "object", [QAPI_META_ALTERNATE] = "alternate",
        [QAPI_META_COMMAND] = "command", [QAPI_META_EVENT] = "event",
    };
    json_t *o = json_pack("{s:s, s:s}", "name", e->name,
                          "meta-type", metas[e->meta]);
    switch (e->meta) {
    case QAPI_META_BUILTIN:
        json_object_set_new(o, "json-type",
                            json_string(json_type_name(e->builtin)));
        break;
    case QAPI_META_ENUM:
        info_enum(in, e, o);
        break;
    case QAPI_META_ARRAY:
        json_object_set_new(o, "element-type", json_string(e->element->name));
        use_type(in, e->element);
        break;
    case QAPI_META_STRUCT:
    case QAPI_META_UNION:
        info_object(in, e, o);
        break;
    case QAPI_META_ALTERNATE: {
        json_t *a = json_array();
        for (guint i = 0; i < e->variants->len; i++) {
            const QapiMember *v = g_ptr_array_index(e->variants, i);
            if (qapi_member_visible(v, in->ctx)) {
                json_array_append_new(a, json_pack("{s:s}", "type",
                                                   v->type->name));
                use_type(in, v->type);
            }
        }
        json_object_set_new(o, "members", a);
        break;
    }
    case QAPI_META_COMMAND:
    case QAPI_META_EVENT:
        info_command(in, e, o);
        break;
    }
    add_features(o, e->features, in->ctx);
    json_array_append_new(in->out, o);
}

json_t *qapi_introspect(const QapiSchema *s, const QapiCondContext *ctx)
{
    Intro in = { s, ctx, json_array(), g_hash_table_new(g_str_hash,
                                                        g_str_equal) };
    g_queue_init(&in.todo);
    for (guint i = 0; i < s->entities->len; i++) {
        const QapiEntity *e = g_ptr_array_index(s->entities, i);
        if ((e->meta == QAPI_META_COMMAND || e->meta == QAPI_META_EVENT) &&
            qapi_entity_visible(e, ctx)) {
            emit(&in, e);
        }
    }
    const QapiEntity *t;
    while ((t = g_queue_pop_head(&in.todo))) {
        emit(&in, t);
    }
    g_hash_table_destroy(in.queued);
    return in.out;
}

GPtrArray *qapi_introspect_command_names(const QapiSchema *s,
                                         const QapiCondContext *ctx)
{
    GPtrArray *names = g_ptr_array_new();
    for (guint i = 0; i < s->entities->len; i++) {
        const QapiEntity *e = g_ptr_array_index(s->entities, i);
        if (e->meta == QAPI_META_COMMAND && qapi_entity_visible(e, ctx)) {
            g_ptr_array_add(names, e->name);
        }
    }
    return names;
}

json_t *qapi_introspect_commands(const QapiSchema *s,
                                 const QapiCondContext *ctx)
{
    GPtrArray *names = qapi_introspect_command_names(s, ctx);
    json_t *a = json_array();
    for (guint i = 0; i < names->len; i++) {
        json_array_append_new(a, json_pack("{s:s}", "name",
                                           (char *)g_ptr_array_index(names, i)));
    }
    g_ptr_array_free(names, TRUE);
    return a;
}

bool qapi_introspect_command_info(const QapiSchema *s, const char *name,
                                  const QapiCondContext *ctx,
                                  QapiCommandInfo *info)
{
    const QapiEntity *e = qapi_schema_lookup_command(s, name, ctx);
    memset(info, 0, sizeof(*info));
    if (!e) {
        return false;
    }
    info->cmd = e;
    info->name = e->name;
    info->arg_type = e->arg_type ? e->arg_type->name : "q_empty";
    info->ret_type = e->ret_type ? e->ret_type->name : "q_empty";
    info->states = e->states;
    info->allow_oob = e->allow_oob;
    info->allow_preconfig = e->allow_preconfig;
    info->coroutine = e->coroutine;
    info->boxed = e->boxed;
    info->features = g_ptr_array_new();
    for (guint i = 0; i < e->features->len; i++) {
        const QapiFeature *f = g_ptr_array_index(e->features, i);
        if (qapi_cond_eval(f->cond, ctx)) {
            g_ptr_array_add(info->features, f->name);
        }
    }
    return true;
}

void qapi_command_info_clear(QapiCommandInfo *info)
{
    if (info->features) {
        g_ptr_array_free(info->features, TRUE);
    }
    memset(info, 0, sizeof(*info));
}
