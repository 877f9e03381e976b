/* JSON text as QEMU 7.2 prints it on QMP (see json-writer.h).
 * SPDX-License-Identifier: MIT */
#include "monitor/json-writer.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define QDICT_BUCKETS 512

static const char hexdig[] = "0123456789ABCDEF";

static bool valid_codepoint(int cp)
{
    if (cp < 0 || cp > 0x10FFFF) {
        return false;
    }
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFE) == 0xFFFE) {
        return false;   /* noncharacter */
    }
    return !(cp >= 0xD800 && cp <= 0xDFFF);
}

int json_writer_utf8_decode(const char *s, size_t n, const char **end)
{
    static const int min_cp[5] = { 0x80, 0x800, 0x10000, 0x200000, 0x4000000 };
    const unsigned char *p = (const unsigned char *)s;
    unsigned byte, len, mask;
    int cp;

    if (n == 0) {
        *end = s;
        return -1;
    }
    byte = *p++;
    if (byte < 0x80) {
        *end = (const char *)p;
        return byte;
    }
    if (byte >= 0xFE || !(byte & 0x40)) {
        *end = (const char *)p;   /* impossible byte or stray continuation */
        return -1;
    }
    len = 0;
    for (mask = 0x80; byte & mask; mask >>= 1) {
        len++;
    }
    cp = byte & (mask - 1);
    for (unsigned i = 1; i < len; i++) {
        byte = i < n ? *p : 0;
        if ((byte & 0xC0) != 0x80) {
            *end = (const char *)p;
            return -1;
        }
        p++;
        cp = (cp << 6) | (byte & 0x3F);
    }
    *end = (const char *)p;
    if (cp > 0x10FFFF || (cp >= 0xFDD0 && cp <= 0xFDEF)
        || (cp & 0xFFFE) == 0xFFFE || (cp >= 0xD800 && cp <= 0xDFFF)) {
        return -1;
    }
    if (cp < min_cp[len - 2] && !(cp == 0 && len == 2)) {
        return -1;  /* overlong, other than C0 80 */
    }
    return cp;
}

int json_writer_utf8_encode(char *buf, int cp)
{
    if (!valid_codepoint(cp)) {
        return -1;
    }
    if (cp > 0 && cp <= 0x7F) {
        buf[0] = (char)cp;
        buf[1] = 0;
        return 1;
    }
    if (cp <= 0x7FF) {
        buf[0] = (char)(0xC0 | (cp >> 6));
        buf[1] = (char)(0x80 | (cp & 0x3F));
        buf[2] = 0;
        return 2;
    }
    if (cp <= 0xFFFF) {
        buf[0] = (char)(0xE0 | (cp >> 12));
        buf[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[2] = (char)(0x80 | (cp & 0x3F));
        buf[3] = 0;
        return 3;
    }
    buf[0] = (char)(0xF0 | (cp >> 18));
    buf[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    buf[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    buf[3] = (char)(0x80 | (cp & 0x3F));
    buf[4] = 0;
    return 4;
}

static void append_u(GString *out, unsigned v)
{
    char b[6] = { '\\', 'u', hexdig[(v >> 12) & 15], hexdig[(v >> 8) & 15],
                  hexdig[(v >> 4) & 15], hexdig[v & 15] };
    g_string_append_len(out, b, 6);
}

void json_writer_append_string(GString *out, const char *s, size_t len)
{
    const char *p = s, *e = s + len, *run;
    int cp;

    g_string_append_c(out, '"');
    while (p < e) {
        /* copy runs of plain printable ASCII in one go */
        run = p;
        while (p < e && (unsigned char)*p >= 0x20 && (unsigned char)*p < 0x7F
               && *p != '"' && *p != '\\') {
            p++;
        }
        if (p > run) {
            g_string_append_len(out, run, p - run);
            if (p == e) {
                break;
            }
        }
        if (*p == 0) {      /* a real NUL (QEMU strings cannot hold one) */
            cp = 0;
            p++;
        } else {
            cp = json_writer_utf8_decode(p, e - p, &p);
        }
        switch (cp) {
        case '"':  g_string_append(out, "\\\""); break;
        case '\\': g_string_append(out, "\\\\"); break;
        case '\b': g_string_append(out, "\\b"); break;
        case '\f': g_string_append(out, "\\f"); break;
        case '\n': g_string_append(out, "\\n"); break;
        case '\r': g_string_append(out, "\\r"); break;
        case '\t': g_string_append(out, "\\t"); break;
        default:
            if (cp < 0) {
                cp = 0xFFFD;
            }
            if (cp > 0xFFFF) {
                append_u(out, 0xD800 + ((cp - 0x10000) >> 10));
                append_u(out, 0xDC00 + ((cp - 0x10000) & 0x3FF));
            } else if (cp < 0x20 || cp >= 0x7F) {
                append_u(out, cp);
            } else {
                g_string_append_c(out, (char)cp);
            }
        }
    }
    g_string_append_c(out, '"');
}

/* QEMU's tdb_hash() (qobject/qdict.c), reduced to a bucket. */
static unsigned qdict_bucket(const char *name)
{
    unsigned value = 0x238F13AF * (unsigned)strlen(name);

    for (unsigned i = 0; name[i]; i++) {
        value += ((unsigned)(unsigned char)name[i]) << (i * 5 % 24);
    }
    return (1103515243 * value + 12345) % QDICT_BUCKETS;
}

typedef struct KeyOrder {
    const char *key;
    unsigned bucket;
    unsigned idx;
} KeyOrder;

static int keyorder_cmp(const void *a, const void *b)
{
    const KeyOrder *x = a, *y = b;

    if (x->bucket != y->bucket) {
        return x->bucket < y->bucket ? -1 : 1;
    }
    return x->idx > y->idx ? -1 : 1;    /* newest first within a bucket */
}

static size_t sort_keys(const json_t *obj, KeyOrder *ko)
{
    const char *key;
    json_t *val;
    size_t n = 0;

    json_object_foreach((json_t *)obj, key, val) {
        ko[n].key = key;
        ko[n].bucket = qdict_bucket(key);
        ko[n].idx = n;
        n++;
    }
    if (n > 1) {
        qsort(ko, n, sizeof(*ko), keyorder_cmp);
    }
    return n;
}

size_t json_writer_qdict_order(const json_t *obj, const char **keys,
                               size_t max)
{
    size_t n = json_object_size(obj);
    KeyOrder small[16];
    KeyOrder *ko = n <= G_N_ELEMENTS(small) ? small : g_new(KeyOrder, n);

    n = sort_keys(obj, ko);
    for (size_t i = 0; i < n && i < max; i++) {
        keys[i] = ko[i].key;
    }
    if (ko != small) {
        g_free(ko);
    }
    return n;
}

void json_writer_append(GString *out, const json_t *v)
{
    char buf[G_ASCII_DTOSTR_BUF_SIZE];

    switch (json_typeof(v)) {
    case JSON_OBJECT: {
        size_t n = json_object_size(v);
        KeyOrder small[16];
        KeyOrder *ko = n <= G_N_ELEMENTS(small) ? small : g_new(KeyOrder, n);

        n = sort_keys(v, ko);
        g_string_append_c(out, '{');
        for (size_t i = 0; i < n; i++) {
            if (i) {
                g_string_append(out, ", ");
            }
            json_writer_append_string(out, ko[i].key, strlen(ko[i].key));
            g_string_append(out, ": ");
            json_writer_append(out, json_object_get(v, ko[i].key));
        }
        g_string_append_c(out, '}');
        if (ko != small) {
            g_free(ko);
        }
        break;
    }
    case JSON_ARRAY:
        g_string_append_c(out, '[');
        for (size_t i = 0; i < json_array_size(v); i++) {
            if (i) {
                g_string_append(out, ", ");
            }
            json_writer_append(out, json_array_get(v, i));
        }
        g_string_append_c(out, ']');
        break;
    case JSON_STRING:
        json_writer_append_string(out, json_string_value(v),
                                  json_string_length(v));
        break;
    case JSON_INTEGER:
        g_string_append_printf(out, "%" JSON_INTEGER_FORMAT,
                               json_integer_value(v));
        break;
    case JSON_REAL:
        g_string_append(out, g_ascii_formatd(buf, sizeof(buf), "%.17g",
                                             json_real_value(v)));
        break;
    case JSON_TRUE:
        g_string_append(out, "true");
        break;
    case JSON_FALSE:
        g_string_append(out, "false");
        break;
    case JSON_NULL:
        g_string_append(out, "null");
        break;
    }
}
