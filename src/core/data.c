/* Data files with positions (see data.h). JSON here is RFC 8259 plus //
 * and block comments and trailing commas; YAML goes through core/yaml.c.
 * SPDX-License-Identifier: MIT */
#include "core/data.h"
#include "core/file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

#include "core/yaml.h"

#define DATA_MAX_DEPTH 256

struct DataDoc {
    json_t *root;
    char *file;
    GHashTable *pos;        /* PosEntry -> itself */
};

/* Where a member (key) or an element (index) of parent starts. Recorded
 * for every value of a file, looked up only to report an error: hashed on
 * (parent, key or index), with no formatting and no allocation to look up. */
typedef struct PosEntry {
    const json_t *parent;
    const char *key;        /* NULL for an element; else the copy after it */
    size_t index;
    DataPos pos;
} PosEntry;

static guint pos_hash(gconstpointer p)
{
    const PosEntry *e = p;
    guint h = g_direct_hash(e->parent);
    return e->key ? h ^ g_str_hash(e->key) : h ^ (guint)(e->index * 2654435761u);
}

static gboolean pos_equal(gconstpointer a, gconstpointer b)
{
    const PosEntry *x = a, *y = b;
    return x->parent == y->parent && !x->key == !y->key &&
           (x->key ? !strcmp(x->key, y->key) : x->index == y->index);
}

static void pos_record(void *opaque, const json_t *parent, const char *key,
                       size_t index, int line, int col)
{
    DataDoc *d = opaque;
    size_t klen = key ? strlen(key) + 1 : 0;
    PosEntry *e = g_malloc(sizeof(PosEntry) + klen);
    e->parent = parent;
    e->key = key ? memcpy(e + 1, key, klen) : NULL;
    e->index = key ? 0 : index;
    e->pos.line = line;
    e->pos.col = col;
    g_hash_table_replace(d->pos, e, e);
}

json_t *data_root(const DataDoc *d) { return d->root; }
const char *data_file(const DataDoc *d) { return d->file; }

static bool pos_lookup(const DataDoc *d, const json_t *parent, const char *key,
                       size_t index, DataPos *out)
{
    PosEntry probe = { parent, key, key ? 0 : index, { 0, 0 } };
    const PosEntry *e = g_hash_table_lookup(d->pos, &probe);
    if (e) {
        *out = e->pos;
    }
    return e != NULL;
}

bool data_pos_member(const DataDoc *d, const json_t *obj, const char *key,
                     DataPos *out)
{
    return pos_lookup(d, obj, key, 0, out);
}

bool data_pos_element(const DataDoc *d, const json_t *arr, size_t index,
                      DataPos *out)
{
    return pos_lookup(d, arr, NULL, index, out);
}

void data_error_at(Error **errp, const DataDoc *d, DataPos pos,
                   const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    g_autofree char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    error_set_at(errp, d->file, pos.line, pos.col, "%s", msg);
}

/* ---- JSON with comments ------------------------------------------------- */

typedef struct Parser {
    DataDoc *d;
    const char *p, *end, *line_start;
    int line;
    Error **errp;
} Parser;

static DataPos here(const Parser *ps)
{
    return (DataPos){ ps->line, (int)(ps->p - ps->line_start) + 1 };
}

static void perror_at(Parser *ps, const char *fmt, const char *what)
{
    if (ps->errp && !*ps->errp) {
        DataPos pos = here(ps);
        error_set_at(ps->errp, ps->d->file, pos.line, pos.col, fmt, what);
    }
}

static void skip_space(Parser *ps)
{
    while (ps->p < ps->end) {
        char c = *ps->p;
        if (c == '\n') {
            ps->line++;
            ps->line_start = ++ps->p;
        } else if (c == ' ' || c == '\t' || c == '\r') {
            ps->p++;
        } else if (c == '/' && ps->p + 1 < ps->end && ps->p[1] == '/') {
            while (ps->p < ps->end && *ps->p != '\n') {
                ps->p++;
            }
        } else if (c == '/' && ps->p + 1 < ps->end && ps->p[1] == '*') {
            const char *start = ps->p, *start_line = ps->line_start;
            int line = ps->line;
            ps->p += 2;
            while (ps->p + 1 < ps->end && !(ps->p[0] == '*' && ps->p[1] == '/')) {
                if (*ps->p == '\n') {
                    ps->line++;
                    ps->line_start = ps->p + 1;
                }
                ps->p++;
            }
            if (ps->p + 1 >= ps->end) {
                ps->p = start;     /* point at where the comment began */
                ps->line = line;
                ps->line_start = start_line;
                perror_at(ps, "%s", "unterminated comment");
                ps->p = ps->end;
                return;
            }
            ps->p += 2;
        } else {
            return;
        }
    }
}

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        int h = g_ascii_xdigit_value(s[i]);
        if (h < 0) {
            return -1;
        }
        v = v * 16 + h;
    }
    return v;
}

/* A string after its opening quote; returns a new string or NULL. */
static char *parse_string(Parser *ps)
{
    GString *s = g_string_new(NULL);
    while (ps->p < ps->end && *ps->p != '"') {
        unsigned char c = (unsigned char)*ps->p;
        if (c < 0x20) {
            perror_at(ps, "%s", "control character in string (escape it)");
            goto fail;
        }
        if (c != '\\') {
            g_string_append_c(s, (char)c);
            ps->p++;
            continue;
        }
        if (ps->p + 1 >= ps->end) {
            break;
        }
        char e = ps->p[1];
        ps->p += 2;
        switch (e) {
        case '"': case '\\': case '/': g_string_append_c(s, e); break;
        case 'b': g_string_append_c(s, '\b'); break;
        case 'f': g_string_append_c(s, '\f'); break;
        case 'n': g_string_append_c(s, '\n'); break;
        case 'r': g_string_append_c(s, '\r'); break;
        case 't': g_string_append_c(s, '\t'); break;
        case 'u': {
            int cp = ps->end - ps->p >= 4 ? hex4(ps->p) : -1;
            if (cp < 0) {
                perror_at(ps, "%s", "\\u needs four hex digits");
                goto fail;
            }
            ps->p += 4;
            if (cp >= 0xd800 && cp < 0xdc00 && ps->end - ps->p >= 6 &&
                ps->p[0] == '\\' && ps->p[1] == 'u') {
                int lo = hex4(ps->p + 2);
                if (lo >= 0xdc00 && lo < 0xe000) {
                    cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                    ps->p += 6;
                }
            }
            if (cp == 0 || (cp >= 0xd800 && cp < 0xe000)) {
                perror_at(ps, "%s", "\\u0000 and lone surrogates are not allowed");
                goto fail;
            }
            g_string_append_unichar(s, (gunichar)cp);
            break;
        }
        default:
            ps->p -= 2;     /* point at the backslash */
            perror_at(ps, "%s", "invalid escape in string");
            goto fail;
        }
    }
    if (ps->p >= ps->end) {
        perror_at(ps, "%s", "unterminated string");
        goto fail;
    }
    ps->p++;    /* closing quote */
    if (!g_utf8_validate(s->str, s->len, NULL)) {
        perror_at(ps, "%s", "string is not valid UTF-8");
        goto fail;
    }
    return g_string_free(s, false);
fail:
    g_string_free(s, true);
    return NULL;
}

static json_t *parse_value(Parser *ps, int depth);

static json_t *parse_container(Parser *ps, int depth, bool object)
{
    json_t *out = object ? json_object() : json_array();
    char close = object ? '}' : ']';

    if (depth > DATA_MAX_DEPTH) {
        perror_at(ps, "%s", "nesting too deep");
        goto fail;
    }
    ps->p++;    /* opening bracket */
    for (;;) {
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == close) {   /* also after a comma */
            ps->p++;
            return out;
        }
        DataPos pos = here(ps);
        g_autofree char *key = NULL;
        if (object) {
            if (ps->p >= ps->end || *ps->p != '"') {
                perror_at(ps, "%s", "expected a member name in double quotes");
                goto fail;
            }
            ps->p++;
            key = parse_string(ps);
            if (!key) {
                goto fail;
            }
            if (json_object_get(out, key)) {
                ps->p = ps->line_start + pos.col - 1;
                ps->line = pos.line;
                perror_at(ps, "duplicate member '%s'", key);
                goto fail;
            }
            skip_space(ps);
            if (ps->p >= ps->end || *ps->p != ':') {
                perror_at(ps, "%s", "expected ':' after the member name");
                goto fail;
            }
            ps->p++;
            pos_record(ps->d, out, key, 0, pos.line, pos.col);
        } else {
            skip_space(ps);
            pos = here(ps);
            pos_record(ps->d, out, NULL, json_array_size(out), pos.line, pos.col);
        }
        json_t *v = parse_value(ps, depth + 1);
        if (!v) {
            goto fail;
        }
        if (object) {
            json_object_set_new(out, key, v);
        } else {
            json_array_append_new(out, v);
        }
        skip_space(ps);
        if (ps->p < ps->end && *ps->p == ',') {
            ps->p++;
        } else if (ps->p >= ps->end || *ps->p != close) {
            perror_at(ps, "%s", object ? "expected ',' or '}'" : "expected ',' or ']'");
            goto fail;
        }
    }
fail:
    json_decref(out);
    return NULL;
}

static json_t *parse_number(Parser *ps)
{
    const char *s = ps->p;
    while (ps->p < ps->end && strchr("+-0123456789.eE", *ps->p)) {
        ps->p++;
    }
    g_autofree char *num = g_strndup(s, ps->p - s);
    char *end;
    errno = 0;
    if (!strpbrk(num, ".eE")) {
        long long v = strtoll(num, &end, 10);
        if (*end == '\0' && errno == 0 && end != num) {
            return json_integer(v);
        }
    }
    errno = 0;
    double d = g_ascii_strtod(num, &end);
    if (*end || errno || end == num) {
        ps->p = s;
        perror_at(ps, "'%s' is not a number", num);
        return NULL;
    }
    return json_real(d);
}

static json_t *parse_value(Parser *ps, int depth)
{
    skip_space(ps);
    if (ps->p >= ps->end) {
        perror_at(ps, "%s", "expected a value");
        return NULL;
    }
    char c = *ps->p;
    if (c == '{' || c == '[') {
        return parse_container(ps, depth, c == '{');
    }
    if (c == '"') {
        ps->p++;
        char *s = parse_string(ps);
        json_t *v = s ? json_string(s) : NULL;
        g_free(s);
        return v;
    }
    if (c == '-' || g_ascii_isdigit(c)) {
        return parse_number(ps);
    }
    static const struct { const char *word; json_t *(*make)(void); } words[] = {
        { "true", json_true }, { "false", json_false }, { "null", json_null },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(words); i++) {
        size_t n = strlen(words[i].word);
        if ((size_t)(ps->end - ps->p) >= n && !strncmp(ps->p, words[i].word, n) &&
            (ps->p + n == ps->end || !g_ascii_isalnum(ps->p[n]))) {
            ps->p += n;
            return words[i].make();
        }
    }
    perror_at(ps, "%s", "expected a value (an object, array, string, number, "
              "true, false or null)");
    return NULL;
}

static json_t *parse_json(DataDoc *d, const char *text, size_t len, Error **errp)
{
    Parser ps = { d, text, text + len, text, 1, errp };
    skip_space(&ps);
    DataPos pos = here(&ps);
    pos_record(d, NULL, NULL, 0, pos.line, pos.col);
    json_t *v = parse_value(&ps, 0);
    if (v) {
        skip_space(&ps);
        if (ps.p < ps.end) {
            perror_at(&ps, "%s", "unexpected text after the value");
            json_decref(v);
            v = NULL;
        }
    }
    return v;
}

/* ---- documents ---------------------------------------------------------- */

DataDoc *data_load_text(const char *text, size_t len, const char *name,
                        bool yaml, Error **errp)
{
    DataDoc *d = g_new0(DataDoc, 1);
    d->file = g_strdup(name);
    d->pos = g_hash_table_new_full(pos_hash, pos_equal, g_free, NULL);
    d->root = yaml ? yaml_to_json_pos(text, len, name, pos_record, d, errp)
                   : parse_json(d, text, len, errp);
    if (!d->root) {
        data_doc_free(d);
        return NULL;
    }
    return d;
}

DataDoc *data_load_file(const char *path, Error **errp)
{
    size_t len;
    g_autofree char *text = file_read(path, FILE_MAX_TEXT, &len, errp);
    if (!text) {
        return NULL;
    }
    bool yaml = g_str_has_suffix(path, ".yaml") || g_str_has_suffix(path, ".yml");
    return data_load_text(text, len, path, yaml, errp);
}

void data_doc_free(DataDoc *d)
{
    if (d) {
        json_decref(d->root);
        g_hash_table_destroy(d->pos);
        g_free(d->file);
        g_free(d);
    }
}
