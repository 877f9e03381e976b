/* KEY=VALUE,... parsing as QEMU's util/keyval.c (7.2): keys are dotted
 * paths, numeric fragments make lists, ",," escapes a comma, an implied
 * first key and "help" are supported; then conversion through a type.
 * SPDX-License-Identifier: MIT */
#include "qapi/keyval.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "qapi/validate.h"

/* Scalars. */

bool keyval_parse_int(const char *str, int64_t *out)
{
    char *end;
    if (!*str) {
        return false;
    }
    errno = 0;
    long long v = strtoll(str, &end, 0);
    if (errno || *end || end == str) {
        return false;
    }
    *out = v;
    return true;
}

bool keyval_parse_uint(const char *str, uint64_t *out)
{
    char *end;
    const char *p = str;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (!*p || *p == '-') {
        return false;
    }
    errno = 0;
    unsigned long long v = strtoull(p, &end, 0);
    if (errno || *end || end == p) {
        return false;
    }
    *out = v;
    return true;
}

bool keyval_parse_size(const char *str, uint64_t *out)
{
    const char *p = str;
    char *end;
    uint64_t ival;
    double frac = 0;
    while (g_ascii_isspace(*p)) {
        p++;
    }
    if (!g_ascii_isdigit(*p)) {
        return false;
    }
    errno = 0;
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        ival = strtoull(p, &end, 16);
        if (end == p + 2) {
            return false;
        }
    } else {
        ival = strtoull(p, &end, 10);
        if (*end == '.') {
            const char *f = end;
            frac = strtod(f, &end);
            if (end == f + 1) {
                return false;   /* "1." */
            }
        }
    }
    if (errno) {
        return false;
    }
    int shift = 0;
    if (*end) {
        const char *suffixes = "BKMGTPE";
        const char *s = strchr(suffixes, g_ascii_toupper(*end));
        if (!s || end[1]) {
            return false;
        }
        shift = 10 * (int)(s - suffixes);
    }
    if (frac && !shift) {
        return false;           /* a fraction of a byte */
    }
    if (shift && ival > (UINT64_MAX >> shift)) {
        return false;
    }
    uint64_t v = ival << shift;
    uint64_t f = (uint64_t)(frac * (double)(1ULL << shift));
    if (v + f < v) {
        return false;
    }
    *out = v + f;
    return true;
}

bool keyval_parse_number(const char *str, double *out)
{
    char *end;
    if (!*str) {
        return false;
    }
    errno = 0;
    double d = strtod(str, &end);
    if (errno || *end || end == str || !isfinite(d)) {
        return false;
    }
    *out = d;
    return true;
}

bool keyval_parse_bool(const char *str, bool *out)
{
    static const char *const yes[] = { "on", "yes", "true", NULL };
    static const char *const no[] = { "off", "no", "false", NULL };
    if (g_strv_contains((const gchar *const *)yes, str)) {
        *out = true;
        return true;
    }
    if (g_strv_contains((const gchar *const *)no, str)) {
        *out = false;
        return true;
    }
    return false;
}

/* Parsing. */

/* Length of a key fragment that is a list index (digits), else 0. */
static size_t index_len(const char *s)
{
    size_t n = 0;
    while (g_ascii_isdigit(s[n])) {
        n++;
    }
    return n;
}

/* Length of a QAPI name at @s (letters, digits, '-', '_', starting with
 * a letter or "__"), else 0; as QEMU's parse_qapi_name(). */
static size_t name_len(const char *s)
{
    size_t n = 0;
    if (!g_ascii_isalpha(s[0]) && !(s[0] == '_' && s[1] == '_')) {
        return 0;
    }
    while (g_ascii_isalnum(s[n]) || s[n] == '-' || s[n] == '_') {
        n++;
    }
    return n;
}

/* Map @key_in_cur in @cur to an object (@value NULL) or to @value. */
static json_t *put(json_t *cur, const char *key_in_cur, json_t *value,
                   const char *key, size_t key_len, Error **errp)
{
    json_t *old = json_object_get(cur, key_in_cur);
    if (old) {
        if (value ? !json_is_string(old) : !json_is_object(old)) {
            error_setg(errp, "Parameters '%.*s.*' used inconsistently",
                       (int)key_len, key);
            json_decref(value);
            return NULL;
        }
        if (!value) {
            return old;
        }
    }
    json_t *n = value ? value : json_object();
    json_object_set_new(cur, key_in_cur, n);
    return n;
}

/* "help" or "?" as a whole item: its length, else 0. */
static size_t help_len(const char *s)
{
    if (!strncmp(s, "help", 4) && (s[4] == ',' || !s[4])) {
        return 4;
    }
    if (s[0] == '?' && (s[1] == ',' || !s[1])) {
        return 1;
    }
    return 0;
}

/* Parse one KEY=VALUE at @params into @root; return where the next one
 * starts, or NULL on error. */
static const char *parse_one(json_t *root, const char *params,
                             const char *implied_key, bool *help,
                             Error **errp)
{
    const char *key = params, *s, *val_start;
    size_t len = strcspn(params, "=,");
    if (len && key[len] != '=') {
        size_t h = help_len(key);
        if (h == len) {
            *help = true;
            s = key + len;
            return *s == ',' ? s + 1 : s;
        }
        if (implied_key) {
            key = implied_key;
            len = strlen(implied_key);
        }
    }
    const char *key_end = key + len;
    json_t *cur = root;
    char frag[128] = "";
    s = key;
    for (;;) {
        size_t n = s != key && index_len(s) ? index_len(s) : name_len(s);
        if (!n || (s + n < key_end && s[n] != '.')) {
            error_setg(errp, "Invalid parameter '%.*s'", (int)(key_end - key),
                       key);
            return NULL;
        }
        if (n >= sizeof(frag)) {
            error_setg(errp, "Parameter%s '%.*s' is too long",
                       s != key || s + n != key_end ? " fragment" : "",
                       (int)n, s);
            return NULL;
        }
        if (s != key) {
            cur = put(cur, frag, NULL, key, s - 1 - key, errp);
            if (!cur) {
                return NULL;
            }
        }
        memcpy(frag, s, n);
        frag[n] = 0;
        s += n;
        if (*s != '.') {
            break;
        }
        s++;
    }
    if (key == implied_key) {
        val_start = params;
    } else {
        if (*s != '=') {
            error_setg(errp, "Expected '=' after parameter '%.*s'",
                       (int)(s - key), key);
            return NULL;
        }
        val_start = s + 1;
    }
    GString *val = g_string_new("");
    for (s = val_start; *s;) {
        if (*s == ',') {
            s++;
            if (*s != ',') {
                break;
            }
        }
        g_string_append_c(val, *s++);
    }
    json_t *str = json_string(val->str);
    g_string_free(val, TRUE);
    if (!put(cur, frag, str, key, key_end - key, errp)) {
        return NULL;
    }
    return s;
}

static char *reassemble(GPtrArray *path)
{
    GString *s = g_string_new("");
    for (guint i = 0; i < path->len; i++) {
        g_string_append_printf(s, "%s.", (char *)g_ptr_array_index(path, i));
    }
    return g_string_free(s, FALSE);
}

/* Replace objects whose keys are all list indexes by arrays; return a
 * new reference to @cur or its replacement. */
static json_t *listify(json_t *cur, GPtrArray *path, Error **errp)
{
    bool has_index = false, has_member = false;
    const char *key;
    json_t *val;
    void *tmp;
    json_object_foreach_safe(cur, tmp, key, val) {
        if (index_len(key) == strlen(key)) {
            has_index = true;
        } else {
            has_member = true;
        }
        if (!json_is_object(val)) {
            continue;
        }
        g_ptr_array_add(path, (char *)key);
        json_t *l = listify(val, path, errp);
        g_ptr_array_remove_index(path, path->len - 1);
        if (!l) {
            return NULL;
        }
        if (l != val) {
            json_object_set(cur, key, l);
        }
        json_decref(l);
    }
    if (has_index && has_member) {
        char *k = reassemble(path);
        error_setg(errp, "Parameters '%s*' used inconsistently", k);
        g_free(k);
        return NULL;
    }
    if (!has_index) {
        return json_incref(cur);
    }
    size_t n = json_object_size(cur);
    json_t *list = json_array();
    for (size_t i = 0; i < n; i++) {
        char idx[24];
        json_t *elt = NULL;
        /* the index may be written "01": compare numerically */
        json_object_foreach(cur, key, val) {
            if (strtoull(key, NULL, 10) == i) {
                elt = val;
            }
        }
        if (!elt) {
            char *k = reassemble(path);
            snprintf(idx, sizeof(idx), "%zu", i);
            error_setg(errp, "Parameter '%s%s' missing", k, idx);
            g_free(k);
            json_decref(list);
            return NULL;
        }
        json_array_append(list, elt);
    }
    return list;
}

json_t *keyval_parse(const char *params, const char *implied_key,
                     bool *help, Error **errp)
{
    json_t *root = json_object();
    bool want_help = false;
    for (const char *s = params; *s;) {
        s = parse_one(root, s, implied_key, &want_help, errp);
        if (!s) {
            json_decref(root);
            return NULL;
        }
        implied_key = NULL;
    }
    if (help) {
        *help = want_help;
    } else if (want_help) {
        error_setg(errp, "Help is not available for this option");
        json_decref(root);
        return NULL;
    }
    GPtrArray *path = g_ptr_array_new();
    json_t *l = listify(root, path, errp);
    g_ptr_array_free(path, TRUE);
    json_decref(root);
    return l;
}

json_t *keyval_convert(const QapiEntity *type, json_t *kv,
                       const QapiCondContext *ctx, Error **errp)
{
    return qapi_validate_convert(type, kv, true, ctx, errp);
}

json_t *keyval_parse_typed(const QapiEntity *type, const char *params,
                           const char *implied_key, bool *help,
                           const QapiCondContext *ctx, Error **errp)
{
    json_t *kv = keyval_parse(params, implied_key, help, errp);
    if (!kv || (help && *help)) {
        json_decref(kv);
        return NULL;
    }
    json_t *out = keyval_convert(type, kv, ctx, errp);
    json_decref(kv);
    return out;
}
