/* JSON text as QEMU 7.2 prints it on QMP (qobject/json-writer.c, qdict.c):
 * ", " and ": " separators, non-ASCII as \uXXXX, doubles as %.17g, and
 * object members in QDict hash-table order, so replies match byte for byte.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MONITOR_JSON_WRITER_H
#define HEMU_MONITOR_JSON_WRITER_H

#include <stddef.h>
#include <glib.h>
#include <jansson.h>

/* Append the text of v (compact, one line) to out. */
void json_writer_append(GString *out, const json_t *v);
/* Append s (len bytes of modified UTF-8) as a quoted JSON string. */
void json_writer_append_string(GString *out, const char *s, size_t len);

/* The order in which QEMU's QDict iterates obj's members: fills keys[] with
 * up to max keys and returns the member count (which may exceed max).
 * QEMU hashes keys into 512 buckets and walks buckets in order, newest
 * entry first within a bucket. */
size_t json_writer_qdict_order(const json_t *obj, const char **keys,
                               size_t max);

/* Decode one modified UTF-8 sequence at s (at most n bytes): returns the
 * code point and sets *end past it, or -1 for an invalid sequence
 * (QEMU's mod_utf8_codepoint(): "\xC0\x80" is U+0000; overlong forms,
 * surrogates, noncharacters and values past U+10FFFF are invalid). */
int json_writer_utf8_decode(const char *s, size_t n, const char **end);
/* Encode cp into buf (5 bytes) as modified UTF-8; returns the length or
 * -1 when cp is not a valid character (as QEMU's mod_utf8_encode()). */
int json_writer_utf8_encode(char *buf, int cp);

#endif
