/* Numbers and sizes as users write them (see size.h).
 * SPDX-License-Identifier: MIT */
#include "core/size.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <glib.h>

bool size_parse_uint(const char *s, uint64_t *out, Error **errp)
{
    char *end;
    int base = 10;
    const char *p = s;

    if (!*p || *p == '-' || *p == '+' || g_ascii_isspace(*p)) {
        goto bad;
    }
    if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
        base = 16;
        p += 2;
    } else if (p[0] == '0' && (p[1] == 'b' || p[1] == 'B')) {
        base = 2;
        p += 2;
    }
    if (!g_ascii_isxdigit(*p)) {
        goto bad;
    }
    errno = 0;
    unsigned long long v = strtoull(p, &end, base);
    if (*end) {
        goto bad;
    }
    if (errno == ERANGE) {
        error_setg(errp, "'%s' is too large for a 64-bit number", s);
        return false;
    }
    *out = v;
    return true;
bad:
    error_setg(errp, "'%s' is not a number", s);
    return false;
}

bool size_parse_int(const char *s, int64_t *out, Error **errp)
{
    bool neg = *s == '-';
    uint64_t u;
    Error *err = NULL;

    if (!size_parse_uint(s + neg, &u, &err)) {
        error_free(err);
        error_setg(errp, "'%s' is not a number", s);
        return false;
    }
    if (u > (uint64_t)INT64_MAX + neg) {
        error_setg(errp, "'%s' is out of range for a 64-bit integer", s);
        return false;
    }
    *out = neg ? (int64_t)(0 - u) : (int64_t)u;
    return true;
}

static int suffix_shift(char c)
{
    switch (g_ascii_toupper(c)) {
    case 'B': return 0;
    case 'K': return 10;
    case 'M': return 20;
    case 'G': return 30;
    case 'T': return 40;
    case 'P': return 50;
    case 'E': return 60;
    default: return -1;
    }
}

bool size_parse(const char *s, uint64_t *out, Error **errp)
{
    size_t len = strlen(s);
    int shift = len ? suffix_shift(s[len - 1]) : -1;
    g_autofree char *num = NULL;

    if (shift < 0 || (len >= 2 && (s[0] == '0') && (s[1] == 'x' || s[1] == 'X'))) {
        /* no suffix (a trailing 'B' in hex is a digit) */
        if (size_parse_uint(s, out, NULL)) {
            return true;
        }
        if (shift < 0) {
            goto bad;
        }
    }
    num = g_strndup(s, len - 1);
    uint64_t whole;
    if (size_parse_uint(num, &whole, NULL)) {
        if (shift && whole > (UINT64_MAX >> shift)) {
            goto range;
        }
        *out = whole << shift;
        return true;
    }
    /* a fraction, "1.5G": allowed as in QEMU, must come out whole */
    char *end;
    if (!g_ascii_isdigit(num[0])) {
        goto bad;
    }
    errno = 0;
    double d = g_ascii_strtod(num, &end);
    if (*end || errno || d < 0) {
        goto bad;
    }
    double v = ldexp(d, shift);
    if (v >= 18446744073709551616.0) {
        goto range;
    }
    if (v != floor(v)) {
        error_setg(errp, "'%s' is not a whole number of bytes", s);
        return false;
    }
    *out = (uint64_t)v;
    return true;
range:
    error_setg(errp, "'%s' is too large for a 64-bit size", s);
    return false;
bad:
    error_setg(errp, "'%s' is not a size (a number with an optional suffix "
               "B, K, M, G, T, P or E)", s);
    return false;
}

char *size_format(uint64_t v)
{
    static const char suffixes[] = "KMGTPE";
    int i = -1;

    while (v && (v & 1023) == 0 && i < 5) {
        v >>= 10;
        i++;
    }
    if (i < 0) {
        return g_strdup_printf("%" G_GUINT64_FORMAT, v);
    }
    return g_strdup_printf("%" G_GUINT64_FORMAT "%c", v, suffixes[i]);
}
