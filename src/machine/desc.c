/* Machine descriptions: read a file (JSON or YAML) with what it extends
 * and includes, check it, and compile it to a plan of the schema's own
 * commands. The language is documented in docs/machine-description.md.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "core/data.h"
#include "core/size.h"
#include "machine/expr.h"
#include "machine/machine.h"

enum {
    MDESC_MAX_FILES = 64,        /* files one description may read */
    MDESC_MAX_LOOP = 100000,     /* iterations of one 'for' */
    MDESC_MAX_CMDS = 200000,     /* commands of one plan (~300 MB at most) */
    MDESC_MAX_DEPTH = 32,        /* nesting of children and templates */
};

/* A machine type's QOM type, built from the description's parameters. */
typedef struct DataType {
    TypeInfo info;
    PropDef *props;
    GPtrArray *strings;          /* owned names, docs, defaults */
} DataType;

struct MachineDesc {
    GPtrArray *docs;             /* DataDoc *, every file read */
    GHashTable *pos;             /* where members of merged containers were
                                  * written: "%p/k/KEY", "%p/i/N" -> "f:l:c" */
    json_t *root;                /* the description, merged */
    json_t *templates;           /* name -> template, from every file */
    char *file;
    const char *name, *doc;      /* borrowed from root */
    DataType *type;              /* parameters as properties */
};

static const char *const top_keys[] = { "machine", "doc", "extends", "include",
    "params", "templates", "objects", "connect", "memory", NULL };
static const char *const param_keys[] = { "type", "default", "min", "max",
    "doc", NULL };
static const char *const template_keys[] = { "doc", "type", "params", "props",
    "objects", "connect", "memory", NULL };
static const char *const object_keys[] = { "type", "props", "children", "for",
    "if", "remove", NULL };
static const char *const connect_keys[] = { "from", "to", "for", "if", "remove",
    NULL };
static const char *const memory_keys[] = { "address-space", "object", "region",
    "addr", "priority", "for", "if", "remove", NULL };
static const char *const param_types[] = { "int", "uint64", "size", "bool",
    "str", NULL };

/* ---- positions ----------------------------------------------------------- */

static char *pos_key(const json_t *c, const char *key, size_t index)
{
    return key ? g_strdup_printf("%p/k/%s", (const void *)c, key)
               : g_strdup_printf("%p/i/%zu", (const void *)c, index);
}

/* "file:line:col" of member key of obj (key NULL: element index of an
 * array); the file alone when unknown. */
static char *where(const MachineDesc *d, const json_t *c, const char *key,
                   size_t index)
{
    g_autofree char *k = pos_key(c, key, index);
    const char *w = g_hash_table_lookup(d->pos, k);
    if (w) {
        return g_strdup(w);
    }
    for (guint i = d->docs->len; i-- > 0;) {
        DataDoc *doc = d->docs->pdata[i];
        DataPos p;
        if (key ? data_pos_member(doc, c, key, &p)
                : data_pos_element(doc, c, index, &p)) {
            return g_strdup_printf("%s:%d:%d", data_file(doc), p.line, p.col);
        }
    }
    return g_strdup(d->file);
}

/* A place in the files, formatted only when an error needs it. */
typedef struct Pos {
    const json_t *c;
    const char *key;           /* NULL: element index of an array */
    size_t index;
} Pos;

static Pos pos_m(const json_t *c, const char *key) { return (Pos){ c, key, 0 }; }

static char *pos_where(const MachineDesc *d, Pos p)
{
    return where(d, p.c, p.key, p.index);
}

/* An error at a place: "file:line:col: message". */
G_GNUC_PRINTF(4, 5)
static void error_pos(const MachineDesc *d, Pos p, Error **errp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    g_autofree char *w = pos_where(d, p);
    error_setg(errp, "%s: %s", w, msg);
}

/* Record that member key (or element index) of the new container to came
 * from member skey (or element sindex) of from. */
static void pos_copy(MachineDesc *d, const json_t *to, const char *key,
                     size_t index, const json_t *from, const char *skey,
                     size_t sindex)
{
    g_hash_table_insert(d->pos, pos_key(to, key, index),
                        where(d, from, skey, sindex));
}

static void set_member(MachineDesc *d, json_t *to, const char *key,
                       const json_t *from)
{
    json_object_set(to, key, json_object_get(from, key));
    pos_copy(d, to, key, 0, from, key, 0);
}

static void add_element(MachineDesc *d, json_t *to, const json_t *from,
                        size_t index)
{
    pos_copy(d, to, NULL, json_array_size(to), from, NULL, index);
    json_array_append(to, json_array_get(from, index));
}

/* ---- checks ------------------------------------------------------------- */

static size_t strv_len(const char *const *v)
{
    size_t n = 0;
    while (v[n]) {
        n++;
    }
    return n;
}

static bool check_keys(const MachineDesc *d, const json_t *obj,
                       const char *const *allowed, const char *what,
                       Error **errp)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) {
        if (!g_strv_contains(allowed, key)) {
            g_autofree char *w = where(d, obj, key, 0);
            g_autofree char *hint = suggest_hint(suggest_name(key, allowed,
                                                              strv_len(allowed)));
            g_autofree char *all = g_strjoinv("', '", (char **)allowed);
            error_setg(errp, "%s: unknown member '%s' of %s%s (it may have: "
                       "'%s')", w, key, what, hint, all);
            return false;
        }
    }
    return true;
}

/* Member key of obj must be absent or of JSON type t. */
static bool check_type(const MachineDesc *d, const json_t *obj, const char *key,
                       json_type t, Error **errp)
{
    static const char *const names[] = {
        [JSON_OBJECT] = "an object", [JSON_ARRAY] = "a list",
        [JSON_STRING] = "a string", [JSON_INTEGER] = "an integer",
        [JSON_REAL] = "a number", [JSON_TRUE] = "a boolean",
        [JSON_FALSE] = "a boolean", [JSON_NULL] = "null",
    };
    json_t *v = json_object_get(obj, key);
    if (!v || json_typeof(v) == t ||
        (t == JSON_TRUE && json_is_boolean(v))) {
        return true;
    }
    g_autofree char *w = where(d, obj, key, 0);
    error_setg(errp, "%s: '%s' must be %s", w, key, names[t]);
    return false;
}

static const char *str_member(const json_t *obj, const char *key)
{
    return json_string_value(json_object_get(obj, key));
}

/* ---- parameters --------------------------------------------------------- */

/* A parameter value given as JSON (or a string in command-line spelling)
 * as the typed value of type ptype ("int", "size", ...); NULL on error. */
static json_t *param_convert(const char *ptype, const char *pname, json_t *v,
                             Error **errp)
{
    const char *s = json_string_value(v);
    if (!strcmp(ptype, "str")) {
        if (s) {
            return json_incref(v);
        }
    } else if (!strcmp(ptype, "bool")) {
        if (json_is_boolean(v)) {
            return json_incref(v);
        }
        if (s && (!strcmp(s, "on") || !strcmp(s, "true"))) {
            return json_true();
        }
        if (s && (!strcmp(s, "off") || !strcmp(s, "false"))) {
            return json_false();
        }
    } else if (!strcmp(ptype, "int")) {
        int64_t i;
        if (json_is_integer(v)) {
            return json_incref(v);
        }
        if (s && size_parse_int(s, &i, NULL)) {
            return json_integer(i);
        }
    } else {
        uint64_t u;
        if (json_is_integer(v) && json_integer_value(v) >= 0) {
            return json_incref(v);
        }
        if (s && (!strcmp(ptype, "size") ? size_parse(s, &u, NULL)
                                         : size_parse_uint(s, &u, NULL)) &&
            u <= INT64_MAX) {
            return json_integer((json_int_t)u);
        }
    }
    error_setg(errp, "parameter '%s' expects %s", pname,
               !strcmp(ptype, "bool") ? "a boolean" :
               !strcmp(ptype, "str") ? "a string" :
               !strcmp(ptype, "int") ? "an integer" :
               "a non-negative integer");
    return NULL;
}

static json_t *param_range_check(const MachineDesc *d, json_t *p,
                                 const char *name, json_t *v, Error **errp);

/* Check a parameter declaration (of the machine or of a template). */
static bool check_param(const MachineDesc *d, json_t *params, const char *name,
                        bool need_default, Error **errp)
{
    json_t *p = json_object_get(params, name);
    g_autofree char *w = where(d, params, name, 0);
    if (!json_is_object(p)) {
        error_setg(errp, "%s: parameter '%s' must be an object with 'type', "
                   "'default' and 'doc'", w, name);
        return false;
    }
    if (!check_keys(d, p, param_keys, "a parameter", errp) ||
        !check_type(d, p, "type", JSON_STRING, errp) ||
        !check_type(d, p, "doc", JSON_STRING, errp)) {
        return false;
    }
    const char *type = str_member(p, "type");
    if (!type || !g_strv_contains(param_types, type)) {
        g_autofree char *hint = suggest_hint(type ? suggest_name(type, param_types,
                                             strv_len(param_types)) : NULL);
        error_setg(errp, "%s: parameter '%s' needs a 'type': int, uint64, "
                   "size, bool or str%s", w, name, hint);
        return false;
    }
    if (!str_member(p, "doc") || !*str_member(p, "doc")) {
        error_setg(errp, "%s: parameter '%s' needs a 'doc' (parameters are "
                   "documented properties)", w, name);
        return false;
    }
    if (!object_name_valid(name) || strchr(name, '[') || strchr(name, '.')) {
        error_setg(errp, "%s: '%s' is not a valid parameter name (letters, "
                   "digits, '-' and '_')", w, name);
        return false;
    }
    json_t *def = json_object_get(p, "default");
    if (!def && need_default) {
        error_setg(errp, "%s: parameter '%s' needs a 'default'", w, name);
        return false;
    }
    for (const char *const *k = (const char *const[]){ "default", "min", "max",
                                                         NULL }; *k; k++) {
        json_t *v = json_object_get(p, *k);
        Error *err = NULL;
        json_t *c = v ? param_convert(type, name, v, &err) : NULL;
        if (v && !c) {
            g_autofree char *wk = where(d, p, *k, 0);
            error_setg(errp, "%s: '%s' of %s", wk, *k, error_get_pretty(err));
            error_free(err);
            return false;
        }
        json_decref(c);
    }
    Error *err = NULL;
    json_t *c = def ? param_range_check(d, p, name, def, &err) : NULL;
    if (def && !c) {
        g_autofree char *wd = where(d, p, "default", 0);
        error_setg(errp, "%s: 'default' of %s", wd, error_get_pretty(err));
        error_free(err);
        return false;
    }
    json_decref(c);
    return true;
}

static json_t *param_range_check(const MachineDesc *d, json_t *p,
                                 const char *name, json_t *v, Error **errp)
{
    const char *type = str_member(p, "type");
    json_t *c = param_convert(type, name, v, errp);
    if (!c || !json_is_integer(c)) {
        return c;
    }
    for (int hi = 0; hi < 2; hi++) {
        json_t *lim = json_object_get(p, hi ? "max" : "min");
        json_t *l = lim ? param_convert(type, name, lim, NULL) : NULL;
        bool bad = l && (hi ? json_integer_value(c) > json_integer_value(l)
                            : json_integer_value(c) < json_integer_value(l));
        if (bad) {
            error_setg(errp, "parameter '%s' is %" JSON_INTEGER_FORMAT
                       ", %s %" JSON_INTEGER_FORMAT, name, json_integer_value(c),
                       hi ? "above its maximum" : "below its minimum",
                       json_integer_value(l));
        }
        json_decref(l);
        if (bad) {
            json_decref(c);
            return NULL;
        }
    }
    return c;
}

static const char *keep(DataType *dt, char *s)
{
    g_ptr_array_add(dt->strings, s);
    return s;
}

static void data_type_free(const TypeInfo *ti)
{
    DataType *dt = (DataType *)ti;
    g_free(dt->props);
    g_ptr_array_free(dt->strings, true);
    g_free(dt);
}

/* The machine type: "NAME-machine", a read-only property per parameter,
 * stored in 8-byte slots after the Machine struct. */
static DataType *data_type_new(const MachineDesc *d)
{
    json_t *params = json_object_get(d->root, "params");
    size_t n = json_object_size(params), i = 0;
    size_t base = (sizeof(Machine) + 7) & ~(size_t)7;
    DataType *dt = g_new0(DataType, 1);
    dt->strings = g_ptr_array_new_with_free_func(g_free);
    dt->props = g_new0(PropDef, n + 1);
    dt->info.name = keep(dt, g_strdup_printf("%s-machine", d->name));
    dt->info.parent = TYPE_MACHINE;
    dt->info.doc = keep(dt, g_strdup(d->doc));
    dt->info.instance_size = base + n * 8;
    dt->info.props = dt->props;
    const char *name;
    json_t *p;
    json_object_foreach(params, name, p) {
        PropDef *pd = &dt->props[i];
        const char *type = str_member(p, "type");
        json_t *def = param_convert(type, name, json_object_get(p, "default"), NULL);
        json_t *lo = json_object_get(p, "min"), *hi = json_object_get(p, "max");
        json_t *clo = lo ? param_convert(type, name, lo, NULL) : NULL;
        json_t *chi = hi ? param_convert(type, name, hi, NULL) : NULL;
        pd->name = keep(dt, g_strdup(name));
        pd->doc = keep(dt, g_strdup(str_member(p, "doc")));
        pd->offset = base + i * 8;
        pd->flags = PROP_F_READONLY;
        if (!strcmp(type, "bool")) {
            pd->type = PROP_T_BOOL;
            pd->def.b = json_is_true(def);
        } else if (!strcmp(type, "str")) {
            pd->type = PROP_T_STR;
            pd->def.s = keep(dt, g_strdup(json_string_value(def)));
        } else if (!strcmp(type, "int")) {
            pd->type = PROP_T_INT;
            pd->def.i = json_integer_value(def);
            pd->flags |= PROP_F_RANGE;
            pd->min = clo ? json_integer_value(clo) : INT64_MIN;
            pd->max = chi ? json_integer_value(chi) : INT64_MAX;
        } else {
            pd->type = !strcmp(type, "size") ? PROP_T_SIZE : PROP_T_UINT64;
            pd->def.u = (uint64_t)json_integer_value(def);
            if (clo || chi) {
                pd->flags |= PROP_F_RANGE;
                pd->umin = clo ? (uint64_t)json_integer_value(clo) : 0;
                pd->umax = chi ? (uint64_t)json_integer_value(chi) : UINT64_MAX;
            }
        }
        json_decref(def);
        json_decref(clo);
        json_decref(chi);
        i++;
    }
    return dt;
}

/* ---- reading files ------------------------------------------------------ */

typedef struct Loader {
    MachineDesc *d;
    GPtrArray *stack;            /* canonical paths being read */
    GPtrArray *shown;            /* the same as written, for messages */
} Loader;

static json_t *load_file(Loader *L, const char *path, const char *from,
                         Error **errp);

/* A file named in 'include' or 'extends', relative to the naming file. */
static char *relative_to(const char *file, const char *name)
{
    if (g_path_is_absolute(name)) {
        return g_strdup(name);
    }
    g_autofree char *dir = g_path_get_dirname(file);
    return g_build_filename(dir, name, NULL);
}

static bool has_data_suffix(const char *s)
{
    return g_str_has_suffix(s, ".json") || g_str_has_suffix(s, ".yaml") ||
           g_str_has_suffix(s, ".yml");
}

static bool add_templates(Loader *L, json_t *root, Error **errp)
{
    MachineDesc *d = L->d;
    json_t *tmpls = json_object_get(root, "templates");
    const char *name;
    json_t *t;
    if (!check_type(d, root, "templates", JSON_OBJECT, errp)) {
        return false;
    }
    json_object_foreach(tmpls, name, t) {
        g_autofree char *w = where(d, tmpls, name, 0);
        if (!json_is_object(t)) {
            error_setg(errp, "%s: template '%s' must be an object", w, name);
            return false;
        }
        if (!check_keys(d, t, template_keys, "a template", errp) ||
            !check_type(d, t, "params", JSON_OBJECT, errp) ||
            !check_type(d, t, "props", JSON_OBJECT, errp) ||
            !check_type(d, t, "objects", JSON_OBJECT, errp) ||
            !check_type(d, t, "connect", JSON_ARRAY, errp) ||
            !check_type(d, t, "memory", JSON_ARRAY, errp) ||
            !check_type(d, t, "type", JSON_STRING, errp)) {
            return false;
        }
        if (type_lookup(name)) {
            error_setg(errp, "%s: template '%s' has the name of a type", w, name);
            return false;
        }
        json_t *tp = json_object_get(t, "params");
        const char *pn;
        json_t *pv;
        json_object_foreach(tp, pn, pv) {
            if (!check_param(d, tp, pn, false, errp)) {
                return false;
            }
        }
        set_member(d, d->templates, name, tmpls);
    }
    return true;
}

/* ---- extends: merging a description into the one it extends ------------ */

/* The first path component of a reference ("soc/uart0:irq" -> "soc"). */
static bool refers_to(const char *ref, GPtrArray *removed)
{
    if (!ref) {
        return false;
    }
    size_t len = strcspn(ref, "/:");
    for (guint i = 0; i < removed->len; i++) {
        const char *r = removed->pdata[i];
        if (strlen(r) == len && !strncmp(ref, r, len)) {
            return true;
        }
    }
    return false;
}

static json_t *merge_objects(MachineDesc *d, json_t *base, json_t *der,
                             GPtrArray *removed, Error **errp);

/* A new object: base's members, then der's replacing them one by one. */
static json_t *merge_flat(MachineDesc *d, json_t *base, json_t *der)
{
    json_t *out = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(base, k, v) {
        set_member(d, out, k, base);
    }
    json_object_foreach(der, k, v) {
        set_member(d, out, k, der);
    }
    return out;
}

static json_t *merge_object(MachineDesc *d, json_t *base, json_t *der,
                            Error **errp)
{
    json_t *out = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(base, key, v) {
        set_member(d, out, key, base);
    }
    json_object_foreach(der, key, v) {
        json_t *bv = json_object_get(base, key);
        if (!strcmp(key, "props") && json_is_object(bv) && json_is_object(v)) {
            json_object_set_new(out, key, merge_flat(d, bv, v));
            pos_copy(d, out, key, 0, der, key, 0);
        } else if (!strcmp(key, "children") && json_is_object(bv) &&
                   json_is_object(v)) {
            g_autoptr(GPtrArray) gone = g_ptr_array_new();
            json_t *c = merge_objects(d, bv, v, gone, errp);
            if (!c) {
                json_decref(out);
                return NULL;
            }
            json_object_set_new(out, key, c);
            pos_copy(d, out, key, 0, der, key, 0);
        } else {
            set_member(d, out, key, der);
        }
    }
    return out;
}

static bool is_removal(const json_t *spec)
{
    return json_is_true(json_object_get(spec, "remove"));
}

static json_t *merge_objects(MachineDesc *d, json_t *base, json_t *der,
                             GPtrArray *removed, Error **errp)
{
    json_t *out = json_object();
    const char *key;
    json_t *v;
    json_object_foreach(base, key, v) {
        json_t *dv = json_object_get(der, key);
        if (!dv) {
            set_member(d, out, key, base);
        } else if (is_removal(dv)) {
            g_ptr_array_add(removed, (void *)key);
        } else if (json_is_object(dv) && json_is_object(v)) {
            json_t *m = merge_object(d, v, dv, errp);
            if (!m) {
                json_decref(out);
                return NULL;
            }
            json_object_set_new(out, key, m);
            pos_copy(d, out, key, 0, der, key, 0);
        } else {
            set_member(d, out, key, der);
        }
    }
    json_object_foreach(der, key, v) {
        if (json_object_get(base, key)) {
            continue;
        }
        if (is_removal(v)) {
            g_autofree char *w = where(d, der, key, 0);
            g_autofree const char **names = (const char **)
                g_new0(char *, json_object_size(base) + 1);
            size_t n = 0;
            const char *bk;
            json_t *bv;
            json_object_foreach(base, bk, bv) {
                names[n++] = bk;
            }
            g_autofree char *hint = suggest_hint(suggest_name(key, names, n));
            error_setg(errp, "%s: cannot remove '%s': the description it "
                       "extends has no such object%s", w, key, hint);
            json_decref(out);
            return NULL;
        }
        set_member(d, out, key, der);
    }
    return out;
}

/* Two entries of 'connect' or 'memory' name the same wire or mapping. */
static bool same_entry(const json_t *a, const json_t *b, bool memory)
{
    static const char *const ck[] = { "from", "to", NULL };
    static const char *const mk[] = { "address-space", "object", "region", NULL };
    for (const char *const *k = memory ? mk : ck; *k; k++) {
        if (!json_equal(json_object_get(a, *k), json_object_get(b, *k)) &&
            (json_object_get(a, *k) || json_object_get(b, *k))) {
            return false;
        }
    }
    return true;
}

static json_t *merge_list(MachineDesc *d, json_t *base, json_t *der,
                          GPtrArray *removed, bool memory, Error **errp)
{
    json_t *out = json_array();
    size_t i, j;
    json_t *v, *dv;
    json_array_foreach(base, i, v) {
        bool drop = refers_to(str_member(v, memory ? "object" : "from"), removed) ||
                    refers_to(str_member(v, memory ? "address-space" : "to"), removed);
        json_array_foreach(der, j, dv) {
            drop = drop || (is_removal(dv) && same_entry(v, dv, memory));
        }
        if (!drop) {
            add_element(d, out, base, i);
        }
    }
    json_array_foreach(der, j, dv) {
        if (!is_removal(dv)) {
            add_element(d, out, der, j);
            continue;
        }
        bool found = false;
        json_array_foreach(base, i, v) {
            found = found || same_entry(v, dv, memory);
        }
        if (!found) {
            g_autofree char *w = where(d, der, NULL, j);
            error_setg(errp, "%s: cannot remove this %s: the description it "
                       "extends has no such entry", w,
                       memory ? "mapping" : "connection");
            json_decref(out);
            return NULL;
        }
    }
    return out;
}

static json_t *merge_top(MachineDesc *d, json_t *base, json_t *der,
                         Error **errp)
{
    json_t *out = json_object();
    g_autoptr(GPtrArray) removed = g_ptr_array_new();
    const char *key;
    json_t *v;

    for (const char *const *k = (const char *const[]){ "machine", "doc", NULL };
         *k; k++) {
        json_t *src = json_object_get(der, *k) ? der : base;
        if (json_object_get(src, *k)) {
            set_member(d, out, *k, src);
        }
    }
    /* parameters: a declared one is changed member by member */
    json_t *bp = json_object_get(base, "params");
    json_t *dp = json_object_get(der, "params");
    json_t *params = merge_flat(d, bp, dp);
    json_object_foreach(dp, key, v) {
        json_t *b = json_object_get(bp, key);
        if (json_is_object(b) && json_is_object(v)) {
            json_object_set_new(params, key, merge_flat(d, b, v));
            pos_copy(d, params, key, 0, dp, key, 0);
        }
    }
    json_object_set_new(out, "params", params);

    json_t *objs = merge_objects(d, json_object_get(base, "objects") ?: json_object(),
                                 json_object_get(der, "objects"), removed, errp);
    json_t *conn = objs ? merge_list(d, json_object_get(base, "connect"),
                                     json_object_get(der, "connect"), removed,
                                     false, errp) : NULL;
    json_t *mem = conn ? merge_list(d, json_object_get(base, "memory"),
                                    json_object_get(der, "memory"), removed,
                                    true, errp) : NULL;
    if (!mem) {
        json_decref(objs);
        json_decref(conn);
        json_decref(out);
        return NULL;
    }
    json_object_set_new(out, "objects", objs);
    json_object_set_new(out, "connect", conn);
    json_object_set_new(out, "memory", mem);
    return out;
}

static char *find_extended(MachineDesc *d, json_t *root, const char *file,
                           Error **errp)
{
    const char *ext = str_member(root, "extends");
    if (strchr(ext, '/') || has_data_suffix(ext)) {
        return relative_to(file, ext);
    }
    char *path = mdesc_find(ext);
    if (!path) {
        g_autofree char *w = where(d, root, "extends", 0);
        json_t *all = mdesc_list();
        g_autofree const char **names = g_new0(const char *, json_array_size(all) + 1);
        size_t i;
        json_t *m;
        json_array_foreach(all, i, m) {
            names[i] = str_member(m, "name");
        }
        g_autofree char *hint = suggest_hint(suggest_name(ext, names, i));
        error_setg(errp, "%s: no machine '%s' to extend in the machine search "
                   "path%s", w, ext, hint);
        json_decref(all);
    }
    return path;
}

static json_t *load_file(Loader *L, const char *path, const char *from,
                         Error **errp)
{
    MachineDesc *d = L->d;
    g_autofree char *canon = realpath(path, NULL);
    if (!canon) {
        error_setg(errp, "%s%scannot read '%s': %s", from ? from : "",
                   from ? ": " : "", path, g_strerror(errno));
        return NULL;
    }
    for (guint i = 0; i < L->stack->len; i++) {
        if (!strcmp(L->stack->pdata[i], canon)) {
            GString *chain = g_string_new(NULL);
            for (guint j = i; j < L->stack->len; j++) {
                g_string_append_printf(chain, "%s -> ", (char *)L->shown->pdata[j]);
            }
            g_string_append(chain, path);
            error_setg(errp, "%s: cycle of extends/include: %s", from, chain->str);
            g_string_free(chain, true);
            return NULL;
        }
    }
    if (d->docs->len >= MDESC_MAX_FILES) {
        error_setg(errp, "%s: more than %d files in one description", from,
                   MDESC_MAX_FILES);
        return NULL;
    }
    DataDoc *doc = data_load_file(path, errp);
    if (!doc) {
        if (from) {
            error_prepend(errp, "%s: ", from);
        }
        return NULL;
    }
    g_ptr_array_add(d->docs, doc);
    json_t *root = data_root(doc);
    if (!json_is_object(root)) {
        error_setg(errp, "%s:1:1: a machine description is an object "
                   "(with 'machine', 'objects', ...)", path);
        return NULL;
    }
    if (!check_keys(d, root, top_keys, "a machine description", errp) ||
        !check_type(d, root, "machine", JSON_STRING, errp) ||
        !check_type(d, root, "doc", JSON_STRING, errp) ||
        !check_type(d, root, "extends", JSON_STRING, errp) ||
        !check_type(d, root, "params", JSON_OBJECT, errp) ||
        !check_type(d, root, "objects", JSON_OBJECT, errp) ||
        !check_type(d, root, "connect", JSON_ARRAY, errp) ||
        !check_type(d, root, "memory", JSON_ARRAY, errp)) {
        return NULL;
    }
    g_ptr_array_add(L->stack, g_strdup(canon));
    g_ptr_array_add(L->shown, g_strdup(path));
    json_t *out = NULL;
    json_t *inc = json_object_get(root, "include");
    if (inc && !json_is_array(inc)) {
        g_autofree char *w = where(d, root, "include", 0);
        error_setg(errp, "%s: 'include' must be a list of files", w);
        goto done;
    }
    size_t i;
    json_t *f;
    json_array_foreach(inc, i, f) {
        g_autofree char *w = where(d, inc, NULL, i);
        if (!json_is_string(f)) {
            error_setg(errp, "%s: 'include' must be a list of files", w);
            goto done;
        }
        g_autofree char *p = relative_to(path, json_string_value(f));
        json_t *lib = load_file(L, p, w, errp);
        if (!lib) {
            goto done;
        }
        json_decref(lib);   /* its templates are in d->templates */
    }
    if (json_object_get(root, "extends")) {
        g_autofree char *w = where(d, root, "extends", 0);
        g_autofree char *p = find_extended(d, root, path, errp);
        json_t *base = p ? load_file(L, p, w, errp) : NULL;
        if (!base || !add_templates(L, root, errp)) {
            json_decref(base);
            goto done;
        }
        if (!json_object_get(root, "machine") && json_object_get(base, "machine")) {
            error_setg(errp, "%s:1:1: a description that extends a machine "
                       "needs its own 'machine' name", path);
            json_decref(base);
            goto done;
        }
        out = merge_top(d, base, root, errp);
        json_decref(base);
    } else if (add_templates(L, root, errp)) {
        out = json_incref(root);
    }
done:
    g_free(g_ptr_array_steal_index(L->stack, L->stack->len - 1));
    g_free(g_ptr_array_steal_index(L->shown, L->shown->len - 1));
    return out;
}

MachineDesc *mdesc_load(const char *path, Error **errp)
{
    MachineDesc *d = g_new0(MachineDesc, 1);
    d->docs = g_ptr_array_new_with_free_func((GDestroyNotify)data_doc_free);
    d->pos = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    d->templates = json_object();
    d->file = g_strdup(path);
    Loader L = { d, g_ptr_array_new_with_free_func(g_free),
                 g_ptr_array_new_with_free_func(g_free) };
    d->root = load_file(&L, path, NULL, errp);
    g_ptr_array_free(L.stack, true);
    g_ptr_array_free(L.shown, true);
    if (!d->root) {
        mdesc_free(d);
        return NULL;
    }
    d->name = str_member(d->root, "machine");
    d->doc = str_member(d->root, "doc");
    json_t *params = json_object_get(d->root, "params");
    const char *pn;
    json_t *pv;
    if (!d->name) {
        error_setg(errp, "%s:1:1: not a machine description: it has no "
                   "'machine' name (a file of templates is used with "
                   "'include')", path);
        goto fail;
    }
    if (!object_name_valid(d->name) || strchr(d->name, '[')) {
        g_autofree char *w = where(d, d->root, "machine", 0);
        error_setg(errp, "%s: '%s' is not a valid machine name", w, d->name);
        goto fail;
    }
    if (!d->doc || !*d->doc) {
        error_setg(errp, "%s:1:1: machine '%s' needs a 'doc'", path, d->name);
        goto fail;
    }
    json_object_foreach(params, pn, pv) {
        if (!check_param(d, params, pn, true, errp)) {
            goto fail;
        }
        if (!strcmp(pn, "name")) {
            g_autofree char *w = where(d, params, pn, 0);
            error_setg(errp, "%s: 'name' is the machine's own property, not "
                       "a parameter name", w);
            goto fail;
        }
    }
    d->type = data_type_new(d);
    return d;
fail:
    mdesc_free(d);
    return NULL;
}

void mdesc_free(MachineDesc *d)
{
    if (!d) {
        return;
    }
    json_decref(d->root);
    json_decref(d->templates);
    g_hash_table_destroy(d->pos);
    g_ptr_array_free(d->docs, true);
    if (d->type) {
        data_type_free(&d->type->info);
    }
    g_free(d->file);
    g_free(d);
}

const char *mdesc_name(const MachineDesc *d) { return d->name; }
const char *mdesc_doc(const MachineDesc *d) { return d->doc; }
const char *mdesc_file(const MachineDesc *d) { return d->file; }

json_t *mdesc_params_info(const MachineDesc *d)
{
    json_t *list = json_array();
    for (const PropDef *p = d->type->props; p->name; p++) {
        g_autofree char *type = prop_type_name(p);
        json_t *e = json_pack("{s:s, s:s, s:s}", "name", p->name, "type", type,
                              "description", p->doc);
        json_t *def = prop_default_json(p);
        if (def) {
            json_object_set_new(e, "default-value", def);
        }
        json_array_append_new(list, e);
    }
    return list;
}

const char *mdesc_register_type(MachineDesc *d, Error **errp)
{
    DataType *dt = data_type_new(d);
    if (!type_register_data(&dt->info, data_type_free, errp)) {
        data_type_free(&dt->info);
        return NULL;
    }
    return dt->info.name;
}

/* ---- compiling to a plan ------------------------------------------------ */

typedef struct Compiler {
    const MachineDesc *d;
    json_t *step[4];             /* adds, link sets, connects, maps */
    GArray *pos[4];              /* Pos of each command */
    GHashTable *objs;            /* absolute path -> TypeImpl, declared */
    size_t ncmds;
} Compiler;

enum { STEP_ADD, STEP_LINK, STEP_WIRE, STEP_MAP };

static bool emit(Compiler *C, int step, const char *cmd, json_t *args,
                 Pos at, Error **errp)
{
    if (++C->ncmds > MDESC_MAX_CMDS) {
        error_pos(C->d, at, errp, "the description makes more than %d commands",
                  MDESC_MAX_CMDS);
        json_decref(args);
        return false;
    }
    json_array_append_new(C->step[step], json_pack("{s:s, s:o}", "execute", cmd,
                                                   "arguments", args));
    g_array_append_val(C->pos[step], at);
    return true;
}

/* A value of the description with its ${...} parts evaluated. */
static json_t *eval_value(const MachineDesc *d, json_t *v, json_t *scope,
                          Pos at, const char *what, Error **errp)
{
    if (json_is_string(v) && expr_has_subst(json_string_value(v))) {
        Error *err = NULL;
        json_t *r = expr_eval_string(json_string_value(v), scope, NULL, &err);
        if (!r) {
            error_pos(d, at, errp, "%s: %s", what, error_get_pretty(err));
            error_free(err);
        }
        return r;
    }
    if (json_is_array(v)) {
        json_t *out = json_array();
        size_t i;
        json_t *e;
        json_array_foreach(v, i, e) {
            json_t *r = eval_value(d, e, scope, at, what, errp);
            if (!r) {
                json_decref(out);
                return NULL;
            }
            json_array_append_new(out, r);
        }
        return out;
    }
    return json_incref(v);
}

/* Member key of obj evaluated as a string (NULL and an error otherwise). */
static char *eval_str(const Compiler *C, json_t *obj, const char *key,
                      json_t *scope, const char *what, Error **errp)
{
    const Pos at = pos_m(obj, key);
    json_t *v = json_object_get(obj, key);
    if (!v) {
        error_pos(C->d, at, errp, "%s is missing", what);
        return NULL;
    }
    json_t *r = eval_value(C->d, v, scope, at, what, errp);
    if (r && !json_is_string(r)) {
        error_pos(C->d, at, errp, "%s must be a string", what);
    }
    char *s = json_is_string(r) ? g_strdup(json_string_value(r)) : NULL;
    json_decref(r);
    return s;
}

/* An absolute path for a reference written in scope base. */
static char *abs_path(const char *base, const char *ref)
{
    return ref[0] == '/' ? g_strdup(ref) : g_strconcat(base, "/", ref, NULL);
}

/* The declared type at path, with an error suggesting a sibling if none. */
static const TypeImpl *declared(const Compiler *C, const char *path,
                                Pos w, Error **errp)
{
    const TypeImpl *t = g_hash_table_lookup(C->objs, path);
    if (t || !g_str_has_prefix(path, "/machine/")) {
        if (!t) {
            error_pos(C->d, w, errp, "'%s' is outside the machine: descriptions "
                      "refer to their own objects", path);
        }
        return t;
    }
    g_autofree char *dir = g_path_get_dirname(path);
    g_autofree char *base = g_path_get_basename(path);
    g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func(g_free);
    GHashTableIter it;
    gpointer k;
    g_hash_table_iter_init(&it, C->objs);
    while (g_hash_table_iter_next(&it, &k, NULL)) {
        g_autofree char *kd = g_path_get_dirname(k);
        if (!strcmp(kd, dir)) {
            g_ptr_array_add(names, g_path_get_basename(k));
        }
    }
    g_autofree char *hint = suggest_hint(suggest_name(base,
                            (const char *const *)names->pdata, names->len));
    error_pos(C->d, w, errp, "no object '%s' in the description%s", path, hint);
    return NULL;
}

static char *type_hint(const Compiler *C, const char *name)
{
    const char *near = type_suggest(name);
    if (!near) {
        g_autofree const char **names = g_new0(const char *,
                                        json_object_size(C->d->templates) + 1);
        size_t n = 0;
        const char *k;
        json_t *v;
        json_object_foreach(C->d->templates, k, v) {
            names[n++] = k;
        }
        near = suggest_name(name, names, n);
    }
    return suggest_hint(near);
}

static bool compile_objects(Compiler *C, json_t *objs, const char *parent,
                            const char *base, json_t *scope, int depth,
                            Error **errp);
static bool compile_list(Compiler *C, json_t *list, bool memory,
                         const char *base, json_t *scope, Error **errp);

/* Properties of spec (of an object of type t at path) into args, link
 * properties as qom-set commands. */
static bool compile_props(Compiler *C, json_t *props, const TypeImpl *t,
                          const char *path, const char *base, json_t *scope,
                          json_t *args, Error **errp)
{
    const char *k;
    json_t *v;
    json_object_foreach(props, k, v) {
        const Pos w = { props, k, 0 };
        const PropDef *p = type_prop_find(t, k);
        if (!p || (p->flags & PROP_F_READONLY)) {
            size_t n;
            const PropDef *const *all = type_props(t, &n);
            g_autofree const char **names = g_new0(const char *, n + 1);
            for (size_t i = 0; i < n; i++) {
                names[i] = all[i]->name;
            }
            g_autofree char *hint = suggest_hint(suggest_name(k, names, n));
            error_pos(C->d, w, errp, "%s: type '%s' has no %sproperty '%s'%s",
                       path, type_name(t), p ? "settable " : "", k, hint);
            return false;
        }
        g_autofree char *what = g_strdup_printf("%s: property '%s'", path, k);
        json_t *r = eval_value(C->d, v, scope, w, what, errp);
        if (!r) {
            return false;
        }
        if (p->type == PROP_T_LINK && json_is_string(r) && !*json_string_value(r)) {
            json_decref(r);     /* "": no link */
            continue;
        }
        if (p->type == PROP_T_LINK && json_is_string(r)) {
            g_autofree char *target = abs_path(base, json_string_value(r));
            json_decref(r);
            if (!emit(C, STEP_LINK, "qom-set", json_pack("{s:s, s:s, s:s}",
                      "path", path, "property", k, "value", target), w, errp)) {
                return false;
            }
            continue;
        }
        json_object_set_new(args, k, r);
    }
    return true;
}

/* Bind a template's parameters: defaults, then the values given. */
static json_t *template_scope(Compiler *C, const char *tname, json_t *tmpl,
                              json_t *given, json_t *scope, const char *path,
                              Error **errp)
{
    json_t *params = json_object_get(tmpl, "params");
    json_t *ts = json_object();
    const char *k;
    json_t *v;
    json_object_foreach(given, k, v) {
        const Pos w = { given, k, 0 };
        json_t *p = json_object_get(params, k);
        if (!p) {
            g_autofree const char **names = g_new0(const char *,
                                                   json_object_size(params) + 1);
            size_t n = 0;
            const char *pk;
            json_t *pv;
            json_object_foreach(params, pk, pv) {
                names[n++] = pk;
            }
            g_autofree char *hint = suggest_hint(suggest_name(k, names, n));
            error_pos(C->d, w, errp, "%s: template '%s' has no parameter '%s'%s", path, tname, k, hint);
            goto fail;
        }
        g_autofree char *what = g_strdup_printf("%s: parameter '%s'", path, k);
        json_t *r = eval_value(C->d, v, scope, w, what, errp);
        Error *err = NULL;
        json_t *c = r ? param_range_check(C->d, p, k, r, &err) : NULL;
        json_decref(r);
        if (!c) {
            if (err) {
                error_pos(C->d, w, errp, "%s: %s", path, error_get_pretty(err));
                error_free(err);
            }
            goto fail;
        }
        json_object_set_new(ts, k, c);
    }
    json_object_foreach(params, k, v) {
        if (json_object_get(ts, k)) {
            continue;
        }
        json_t *def = json_object_get(v, "default");
        if (!def) {
            g_autofree char *w = where(C->d, params, k, 0);
            error_setg(errp, "%s: template '%s' needs parameter '%s' (declared "
                       "at %s)", path, tname, k, w);
            goto fail;
        }
        json_object_set_new(ts, k, param_convert(str_member(v, "type"), k, def, NULL));
    }
    return ts;
fail:
    json_decref(ts);
    return NULL;
}

/* An entry's 'if': a boolean (or an expression giving one); true when
 * absent. */
static bool condition(const Compiler *C, json_t *spec, json_t *scope, bool *on,
                      Error **errp)
{
    json_t *v = json_object_get(spec, "if");
    *on = true;
    if (!v) {
        return true;
    }
    const Pos w = { spec, "if", 0 };
    json_t *r = eval_value(C->d, v, scope, w, "'if'", errp);
    if (r && !json_is_boolean(r)) {
        error_pos(C->d, w, errp, "'if' must be a boolean (or an expression "
                   "giving one)");
        json_decref(r);
        return false;
    }
    *on = json_is_true(r);
    json_decref(r);
    return r != NULL;
}

static bool compile_one(Compiler *C, json_t *objs, const char *key,
                        const char *parent, const char *base, json_t *scope,
                        int depth, Error **errp)
{
    json_t *spec = json_object_get(objs, key);
    bool on;
    if (!condition(C, spec, scope, &on, errp)) {
        return false;
    }
    if (!on) {
        return true;   /* left out */
    }
    const Pos w = { objs, key, 0 };
    json_t *namev = json_string(key);
    json_t *nv = eval_value(C->d, namev, scope, w, "object name", errp);
    json_decref(namev);
    if (!nv) {
        return false;
    }
    g_autofree char *name = g_strdup(json_is_string(nv) ? json_string_value(nv) : "");
    json_decref(nv);
    if (!object_name_valid(name)) {
        error_pos(C->d, w, errp, "'%s' is not a valid object name (1 to 64 of "
                   "A-Z a-z 0-9 _ . - and [N])", name);
        return false;
    }
    g_autofree char *path = g_strconcat(parent, "/", name, NULL);
    if (g_hash_table_contains(C->objs, path)) {
        error_pos(C->d, w, errp, "%s is declared twice%s", path,
                   json_object_get(spec, "for") ? " (a loop's object names "
                   "must use its variable)" : "");
        return false;
    }
    bool peripheral = !strcmp(path, "/machine/peripheral");
    g_autofree char *tname = json_object_get(spec, "type") || !peripheral
        ? eval_str(C, spec, "type", scope, "the object's 'type'", errp)
        : g_strdup("container");
    if (!tname) {
        if (!json_object_get(spec, "type")) {
            error_prepend(errp, "%s: ", path);
        }
        return false;
    }
    json_t *tmpl = json_object_get(C->d->templates, tname);
    const char *itype = tmpl ? (str_member(tmpl, "type") ?: "container") : tname;
    const TypeImpl *t = type_lookup(itype);
    if (!t || type_is_abstract(t) || type_is_a(t, TYPE_MACHINE)) {
        const Pos tw = { spec, "type", 0 };
        g_autofree char *hint = type_hint(C, itype);
        error_pos(C->d, tw, errp, "%s: '%s' is %s%s", path, itype,
                   !t ? "neither a type nor a template" :
                   type_is_abstract(t) ? "an abstract type" : "a machine type",
                   hint);
        return false;
    }
    if (peripheral && !type_is_a(t, "container")) {
        error_pos(C->d, w, errp, "/machine/peripheral is the machine's container "
                   "of devices: it can only have children");
        return false;
    }
    if (depth > MDESC_MAX_DEPTH) {
        error_pos(C->d, w, errp, "%s: objects or templates nested more than %d "
                   "deep (does a template use itself?)", path, MDESC_MAX_DEPTH);
        return false;
    }
    bool device = type_is_a(t, "device");
    json_t *args = device
        ? json_pack("{s:s, s:s, s:s, s:b}", "driver", itype, "id", name,
                    "parent", parent, "realized", 0)
        : json_pack("{s:s, s:s, s:s, s:b}", "qom-type", itype, "id", name,
                    "parent", parent, "realized", 0);
    json_t *tscope = NULL;
    bool ok;
    if (tmpl) {
        tscope = template_scope(C, tname, tmpl, json_object_get(spec, "props"),
                                scope, path, errp);
        ok = tscope && compile_props(C, json_object_get(tmpl, "props"), t, path,
                                     path, tscope, args, errp);
    } else {
        ok = compile_props(C, json_object_get(spec, "props"), t, path, base,
                           scope, args, errp);
    }
    if (ok && !peripheral) {
        ok = emit(C, STEP_ADD, device ? "device_add" : "object-add",
                  json_incref(args), w, errp);
    }
    json_decref(args);
    g_hash_table_insert(C->objs, g_strdup(path), (void *)t);
    if (ok && tmpl) {
        ok = compile_objects(C, json_object_get(tmpl, "objects"), path, path,
                             tscope, depth + 1, errp) &&
             compile_list(C, json_object_get(tmpl, "connect"), false, path,
                          tscope, errp) &&
             compile_list(C, json_object_get(tmpl, "memory"), true, path,
                          tscope, errp);
    }
    json_decref(tscope);
    return ok && compile_objects(C, json_object_get(spec, "children"), path,
                                 base, scope, depth + 1, errp);
}

/* "VAR in FIRST..END" (END excluded), after ${...} substitution. */
static bool parse_loop(const Compiler *C, json_t *spec, json_t *scope,
                       char **var, int64_t *first, int64_t *end, Error **errp)
{
    const Pos w = { spec, "for", 0 };
    g_autofree char *text = eval_str(C, spec, "for", scope, "'for'", errp);
    if (!text) {
        return false;
    }
    g_auto(GStrv) words = g_strsplit_set(g_strstrip(text), " \t", -1);
    g_autofree char *range = NULL;
    size_t nw = 0;
    for (char **p = words; *p; p++) {
        if (**p) {
            words[nw++] = *p;
        } else {
            g_free(*p);
        }
    }
    words[nw] = NULL;
    char *dots = nw == 3 ? strstr(words[2], "..") : NULL;
    if (nw != 3 || strcmp(words[1], "in") || !dots ||
        !g_regex_match_simple("^[A-Za-z_][A-Za-z0-9_]*$", words[0], 0, 0)) {
        error_pos(C->d, w, errp, "'for' must read 'NAME in FIRST..END' (END "
                   "excluded), e.g. \"i in 0..${cpus}\"; got '%s'", text);
        return false;
    }
    *dots = '\0';
    if (!size_parse_int(words[2], first, NULL) ||
        !size_parse_int(dots + 2, end, NULL)) {
        error_pos(C->d, w, errp, "the bounds of 'for' must be integers; got '%s..%s'", words[2], dots + 2);
        return false;
    }
    if (*end > *first && (uint64_t)(*end - *first) > MDESC_MAX_LOOP) {
        error_pos(C->d, w, errp, "loop '%s' would run %" PRIu64 " times, more "
                  "than the limit of %d", words[0], (uint64_t)(*end - *first),
                  MDESC_MAX_LOOP);
        return false;
    }
    *var = g_strdup(words[0]);
    return true;
}

/* Call fn for spec once, or once per value of its loop variable. */
typedef bool (*EachFn)(Compiler *C, json_t *scope, void *opaque, Error **errp);

static bool for_each(Compiler *C, json_t *spec, json_t *scope, EachFn fn,
                     void *opaque, Error **errp)
{
    if (!json_object_get(spec, "for")) {
        return fn(C, scope, opaque, errp);
    }
    g_autofree char *var = NULL;
    int64_t first, end;
    if (!parse_loop(C, spec, scope, &var, &first, &end, errp)) {
        return false;
    }
    json_t *s = json_copy(scope);
    bool ok = true;
    for (int64_t i = first; ok && i < end; i++) {
        json_object_set_new(s, var, json_integer(i));
        ok = fn(C, s, opaque, errp);
    }
    json_decref(s);
    return ok;
}

typedef struct ObjArgs {
    json_t *objs;
    const char *key, *parent, *base;
    int depth;
} ObjArgs;

static bool each_object(Compiler *C, json_t *scope, void *opaque, Error **errp)
{
    ObjArgs *a = opaque;
    return compile_one(C, a->objs, a->key, a->parent, a->base, scope, a->depth,
                       errp);
}

static bool compile_objects(Compiler *C, json_t *objs, const char *parent,
                            const char *base, json_t *scope, int depth,
                            Error **errp)
{
    const char *key;
    json_t *spec;
    json_object_foreach(objs, key, spec) {
        const Pos w = { objs, key, 0 };
        if (!json_is_object(spec)) {
            error_pos(C->d, w, errp, "object '%s' must be an object (with a "
                       "'type')", key);
            return false;
        }
        if (!check_keys(C->d, spec, object_keys, "an object", errp) ||
            !check_type(C->d, spec, "props", JSON_OBJECT, errp) ||
            !check_type(C->d, spec, "children", JSON_OBJECT, errp)) {
            return false;
        }
        ObjArgs a = { objs, key, parent, base, depth };
        if (!for_each(C, spec, scope, each_object, &a, errp)) {
            return false;
        }
    }
    return true;
}

/* One end of a wire: "PATH:PIN" or "PATH:PIN[N]". */
static char *wire_end(Compiler *C, json_t *e, const char *key, const char *base,
                      json_t *scope, Error **errp)
{
    const Pos w = { e, key, 0 };
    g_autofree char *what = g_strdup_printf("'%s'", key);
    g_autofree char *ref = eval_str(C, e, key, scope, what, errp);
    if (!ref) {
        return NULL;
    }
    char *colon = strrchr(ref, ':');
    if (!colon) {
        error_pos(C->d, w, errp, "'%s' must read PATH:PIN or PATH:PIN[N]; got '%s'", key, ref);
        return NULL;
    }
    *colon = '\0';
    g_autofree char *path = abs_path(base, ref);
    const TypeImpl *t = declared(C, path, w, errp);
    g_autofree char *pin = NULL;
    uint32_t n;
    if (!t || !pin_ref_parse(colon + 1, &pin, &n, errp)) {
        return NULL;
    }
    if (!type_pin_find(t, pin)) {
        size_t np;
        const PinDef *const *pins = type_pins(t, &np);
        g_autofree const char **names = g_new0(const char *, np + 1);
        for (size_t i = 0; i < np; i++) {
            names[i] = pins[i]->name;
        }
        g_autofree char *hint = suggest_hint(suggest_name(pin, names, np));
        error_pos(C->d, w, errp, "%s (%s) has no pin '%s'%s", path,
                   type_name(t), pin, hint);
        return NULL;
    }
    return g_strconcat(path, ":", colon + 1, NULL);
}

/* An integer member (JSON integer, or a string such as "0x8000_0000"). */
static bool int_member(Compiler *C, json_t *e, const char *key, json_t *scope,
                       bool optional, int64_t *out, Error **errp)
{
    const Pos w = { e, key, 0 };
    json_t *v = json_object_get(e, key);
    if (!v) {
        if (!optional) {
            error_pos(C->d, w, errp, "'%s' is missing", key);
        }
        return optional;
    }
    g_autofree char *what = g_strdup_printf("'%s'", key);
    /* a string is an expression, with or without ${...} around it */
    json_t *text = json_is_string(v) && !expr_has_subst(json_string_value(v))
        ? json_sprintf("${%s}", json_string_value(v)) : json_incref(v);
    json_t *r = eval_value(C->d, text, scope, w, what, errp);
    json_decref(text);
    bool ok = json_is_integer(r);
    if (ok) {
        *out = json_integer_value(r);
    } else if (r) {
        error_pos(C->d, w, errp, "'%s' must be an integer", key);
    }
    json_decref(r);
    return ok;
}

typedef struct ListArgs {
    json_t *e;
    const char *base;
    Pos w;
    bool memory;
} ListArgs;

static bool each_wire(Compiler *C, json_t *scope, void *opaque, Error **errp)
{
    ListArgs *a = opaque;
    bool on;
    if (!condition(C, a->e, scope, &on, errp)) {
        return false;
    }
    if (!on) {
        return true;
    }
    g_autofree char *from = wire_end(C, a->e, "from", a->base, scope, errp);
    g_autofree char *to = from ? wire_end(C, a->e, "to", a->base, scope, errp) : NULL;
    return to && emit(C, STEP_WIRE, "connect",
                      json_pack("{s:s, s:s}", "from", from, "to", to), a->w, errp);
}

static bool each_map(Compiler *C, json_t *scope, void *opaque, Error **errp)
{
    ListArgs *a = opaque;
    json_t *e = a->e;
    bool on;
    if (!condition(C, e, scope, &on, errp)) {
        return false;
    }
    if (!on) {
        return true;
    }
    g_autofree char *asr = eval_str(C, e, "address-space", scope, "'address-space'", errp);
    g_autofree char *objr = asr ? eval_str(C, e, "object", scope, "'object'", errp) : NULL;
    if (!objr) {
        return false;
    }
    const Pos aw = { e, "address-space", 0 };
    const Pos ow = { e, "object", 0 };
    g_autofree char *as = abs_path(a->base, asr);
    g_autofree char *obj = abs_path(a->base, objr);
    const TypeImpl *at = declared(C, as, aw, errp);
    const TypeImpl *ot = at ? declared(C, obj, ow, errp) : NULL;
    if (!ot) {
        return false;
    }
    if (!type_is_a(at, "address-space")) {
        error_pos(C->d, aw, errp, "%s is a '%s', not an address space", as,
                   type_name(at));
        return false;
    }
    size_t nr;
    const RegionDef *const *rds = type_regions(ot, &nr);
    g_autofree char *region = json_object_get(e, "region")
        ? eval_str(C, e, "region", scope, "'region'", errp)
        : nr == 1 ? g_strdup(rds[0]->name) : NULL;
    g_autofree const char **names = g_new0(const char *, nr + 1);
    for (size_t i = 0; i < nr; i++) {
        names[i] = rds[i]->name;
    }
    g_autofree char *all = g_strjoinv("', '", (char **)names);
    if (!region) {
        if (json_object_get(e, "region")) {
            return false;
        }
        error_pos(C->d, ow, errp, "%s (%s) has %s: say which with 'region'%s%s%s", obj, type_name(ot), nr ? "several regions" : "no region",
                   nr ? " ('" : "", nr ? all : "", nr ? "')" : "");
        return false;
    }
    if (!type_region_find(ot, region)) {
        const Pos rw = { e, "region", 0 };
        g_autofree char *hint = suggest_hint(suggest_name(region, names, nr));
        error_pos(C->d, rw, errp, "%s (%s) has no region '%s'%s", obj,
                   type_name(ot), region, hint);
        return false;
    }
    int64_t addr, prio = 0;
    if (!int_member(C, e, "addr", scope, false, &addr, errp) ||
        !int_member(C, e, "priority", scope, true, &prio, errp)) {
        return false;
    }
    json_t *args = json_pack("{s:s, s:s, s:s, s:I}", "address-space", as,
                             "object", obj, "region", region, "addr", (json_int_t)addr);
    if (json_object_get(e, "priority")) {
        json_object_set_new(args, "priority", json_integer(prio));
    }
    return emit(C, STEP_MAP, "memory-map", args, a->w, errp);
}

static bool compile_list(Compiler *C, json_t *list, bool memory,
                         const char *base, json_t *scope, Error **errp)
{
    size_t i;
    json_t *e;
    json_array_foreach(list, i, e) {
        const Pos w = { list, NULL, i };
        if (!json_is_object(e)) {
            error_pos(C->d, w, errp, "an entry of '%s' must be an object",
                       memory ? "memory" : "connect");
            return false;
        }
        if (!check_keys(C->d, e, memory ? memory_keys : connect_keys,
                        memory ? "a memory mapping" : "a connection", errp)) {
            return false;
        }
        if (is_removal(e)) {
            error_pos(C->d, w, errp, "'remove' is for descriptions that extend "
                       "another, and there is nothing here to remove");
            return false;
        }
        ListArgs a = { e, base, w, memory };
        if (!for_each(C, e, scope, memory ? each_map : each_wire, &a, errp)) {
            return false;
        }
    }
    return true;
}

bool mdesc_compile(const MachineDesc *d, json_t *params, MachinePlan *plan,
                   Error **errp)
{
    Compiler C = { .d = d };
    C.objs = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 0; i < 4; i++) {
        C.step[i] = json_array();
        C.pos[i] = g_array_new(false, false, sizeof(Pos));
    }
    g_hash_table_insert(C.objs, g_strdup("/machine"), (void *)type_lookup(TYPE_MACHINE));
    json_t *scope = json_copy(params);
    bool ok = compile_objects(&C, json_object_get(d->root, "objects"), "/machine",
                              "/machine", scope, 0, errp) &&
              compile_list(&C, json_object_get(d->root, "connect"), false,
                           "/machine", scope, errp) &&
              compile_list(&C, json_object_get(d->root, "memory"), true,
                           "/machine", scope, errp);
    json_decref(scope);
    plan->cmds = json_array();
    plan->pos = g_array_new(false, false, sizeof(Pos));
    plan->desc = d;
    for (int i = 0; i < 4; i++) {
        json_array_extend(plan->cmds, C.step[i]);
        g_array_append_vals(plan->pos, C.pos[i]->data, C.pos[i]->len);
        json_decref(C.step[i]);
        g_array_free(C.pos[i], true);
    }
    g_hash_table_destroy(C.objs);
    if (!ok) {
        machine_plan_clear(plan);
    }
    return ok;
}

void machine_plan_clear(MachinePlan *plan)
{
    json_decref(plan->cmds);
    if (plan->pos) {
        g_array_free(plan->pos, true);
    }
    plan->cmds = NULL;
    plan->pos = NULL;
}

char *machine_plan_where(const MachinePlan *plan, size_t i)
{
    return pos_where(plan->desc, g_array_index(plan->pos, Pos, i));
}

/* ---- the machine search path -------------------------------------------- */

GPtrArray *mdesc_search_dirs(void)
{
    GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(dirs, g_strdup(HEMU_MACHINES_DIR));
    if (strcmp(HEMU_INSTALLED_MACHINES_DIR, HEMU_MACHINES_DIR)) {
        g_ptr_array_add(dirs, g_strdup(HEMU_INSTALLED_MACHINES_DIR));
    }
    const char *env = g_getenv("HEMU_MACHINE_PATH");
    if (env) {
        g_auto(GStrv) parts = g_strsplit(env, ":", -1);
        for (char **p = parts; *p; p++) {
            if (**p) {
                g_ptr_array_add(dirs, g_strdup(*p));
            }
        }
    }
    g_ptr_array_add(dirs, g_build_filename(g_get_user_config_dir(), "hemu",
                                           "machines", NULL));
    return dirs;
}

static const char *const suffixes[] = { ".json", ".yaml", ".yml", NULL };

char *mdesc_find(const char *name)
{
    if (!object_name_valid(name) || strchr(name, '[')) {
        return NULL;
    }
    g_autoptr(GPtrArray) dirs = mdesc_search_dirs();
    for (guint i = 0; i < dirs->len; i++) {
        for (const char *const *s = suffixes; *s; s++) {
            g_autofree char *file = g_strconcat(name, *s, NULL);
            char *path = g_build_filename(dirs->pdata[i], file, NULL);
            if (g_file_test(path, G_FILE_TEST_IS_REGULAR)) {
                return path;
            }
            g_free(path);
        }
    }
    return NULL;
}

static gint by_name(gconstpointer a, gconstpointer b)
{
    return strcmp(str_member(*(json_t *const *)a, "name"),
                  str_member(*(json_t *const *)b, "name"));
}

int64_t mdesc_cpu_max(const MachineDesc *d)
{
    int64_t count = 0;
    json_t *vals = json_object();
    for (const PropDef *p = d->type->props; p->name; p++) {
        if (!strcmp(p->name, "cpus") && p->type == PROP_T_INT &&
            (p->flags & PROP_F_RANGE)) {
            json_decref(vals);
            return p->max;
        }
        json_t *def = prop_default_json(p);
        if (def) {
            json_object_set_new(vals, p->name, def);
        }
    }
    MachinePlan plan = { 0 };
    if (mdesc_compile(d, vals, &plan, NULL)) {
        size_t i;
        json_t *c;
        json_array_foreach(plan.cmds, i, c) {
            json_t *a = json_object_get(c, "arguments");
            const char *t = json_string_value(json_object_get(a, "qom-type"));
            t = t ? t : json_string_value(json_object_get(a, "driver"));
            const TypeImpl *ti = t ? type_lookup(t) : NULL;
            count += ti && type_is_a(ti, "cpu");
        }
    }
    machine_plan_clear(&plan);
    json_decref(vals);
    return MAX(count, 1);
}

json_t *mdesc_list(void)
{
    g_autoptr(GPtrArray) dirs = mdesc_search_dirs();
    g_autoptr(GHashTable) seen = g_hash_table_new_full(g_str_hash, g_str_equal,
                                                       g_free, NULL);
    g_autoptr(GPtrArray) found = g_ptr_array_new();
    for (guint i = 0; i < dirs->len; i++) {
        GDir *dir = g_dir_open(dirs->pdata[i], 0, NULL);
        const char *ent;
        while (dir && (ent = g_dir_read_name(dir))) {
            const char *const *s = suffixes;
            while (*s && !g_str_has_suffix(ent, *s)) {
                s++;
            }
            g_autofree char *name = *s ? g_strndup(ent, strlen(ent) - strlen(*s))
                                       : NULL;
            if (!name || g_hash_table_contains(seen, name)) {
                continue;
            }
            g_autofree char *path = g_build_filename(dirs->pdata[i], ent, NULL);
            MachineDesc *d = mdesc_load(path, NULL);
            if (d && !strcmp(d->name, name)) {
                g_hash_table_add(seen, g_strdup(name));
                g_ptr_array_add(found, json_pack("{s:s, s:s, s:s, s:o, s:I}",
                    "name", d->name, "description", d->doc, "file", path,
                    "params", mdesc_params_info(d),
                    "cpu-max", (json_int_t)mdesc_cpu_max(d)));
            }
            mdesc_free(d);
        }
        if (dir) {
            g_dir_close(dir);
        }
    }
    g_ptr_array_sort(found, by_name);
    json_t *list = json_array();
    for (guint i = 0; i < found->len; i++) {
        json_array_append_new(list, found->pdata[i]);
    }
    return list;
}
