/* Incremental JSON stream splitter and parser with QEMU 7.2's grammar,
 * extensions, error texts, recovery and limits (qobject/json-lexer.c,
 * json-streamer.c, json-parser.c); values become jansson json_t.
 * SPDX-License-Identifier: MIT */
#ifndef HEMU_MONITOR_JSON_STREAM_H
#define HEMU_MONITOR_JSON_STREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <jansson.h>

#include "core/error.h"

/*
 * Bytes go in through json_stream_feed() in pieces of any size; every
 * complete top-level JSON text comes out through the emit callback as a
 * value or as an Error (class GenericError), never both:
 *
 *  - lexical errors: "JSON parse error, stray '<token so far>'"; the lexer
 *    then skips input up to the next structural character, control
 *    character or 0xFE/0xFF byte (a client sends one of these to resync);
 *  - syntax errors: "JSON parse error, expecting value", "... invalid
 *    keyword 'foo'", "... key is not a string in object", "... missing : in
 *    object pair", "... expected separator in dict", "... expected separator
 *    in list", "... duplicate key", "... invalid escape sequence in string",
 *    "... \uXXXX is not a valid Unicode character", "... invalid UTF-8
 *    sequence in string", "... premature EOI" (flush only);
 *  - limits: "JSON token size limit exceeded" (64 MiB of token text per
 *    value), "JSON token count limit exceeded" (2 Mi tokens), "JSON nesting
 *    depth limit exceeded" (1024 open brackets and braces).
 *
 * Values: integers that fit int64 are json_integer; integers in
 * (INT64_MAX, UINT64_MAX] are json_integer holding the same 64-bit pattern
 * (cast json_integer_value() to uint64_t; QEMU keeps them as uint64);
 * larger integers and all fractions/exponents are json_real.  A number
 * beyond the range of a double (QEMU would produce "inf") is rejected
 * with "JSON parse error, number out of range".  Strings are stored in
 * QEMU's modified UTF-8: U+0000 ("\u0000") is the two bytes C0 80, so a
 * string never holds a NUL byte and json_string_value() sees all of it.
 * Single-quoted strings are accepted; '%' interpolation is not.
 */

typedef struct JsonStream JsonStream;

/* Receives a parsed value (a new reference, owned by the callee) or an
 * error (owned by the callee); exactly one is non-NULL. */
typedef void JsonStreamEmitFn(void *opaque, json_t *value, Error *err);

typedef struct JsonStreamLimits {
    size_t max_token_size;   /* bytes of token text in one value */
    size_t max_token_count;  /* tokens in one value */
    size_t max_nesting;      /* open '[' plus '{' at once */
} JsonStreamLimits;

/* QEMU's limits: 64 MiB, 2 Mi tokens, depth 1024. */
#define JSON_STREAM_MAX_TOKEN_SIZE  (64u << 20)
#define JSON_STREAM_MAX_TOKEN_COUNT (2u << 20)
#define JSON_STREAM_MAX_NESTING     1024u

JsonStream *json_stream_new(JsonStreamEmitFn *emit, void *opaque);
void json_stream_free(JsonStream *js);
/* Smaller limits (for tests); NULL restores QEMU's. */
void json_stream_set_limits(JsonStream *js, const JsonStreamLimits *lim);

/*
 * Feed up to len bytes.  Stops early, after the byte that completed a
 * value, when stop_after_emit is set and something was emitted; returns the
 * number of bytes consumed.  (A session uses this to stop reading when it
 * is suspended; the rest of the buffer is fed later.)
 */
size_t json_stream_feed(JsonStream *js, const char *buf, size_t len,
                        bool stop_after_emit);
/* End of input: finish a pending token ("1" waits for a delimiter) and
 * emit what is left, "premature EOI" for an unfinished value. */
void json_stream_flush(JsonStream *js);
/* Forget any partial input (a client disconnected). */
void json_stream_reset(JsonStream *js);
/* Bytes of partial input currently held (token text). */
size_t json_stream_pending(const JsonStream *js);

/* Parse one complete text (tests, tools): the first value, or an error;
 * trailing values are an error "JSON parse error, trailing data". */
json_t *json_stream_parse(const char *buf, size_t len, Error **errp);

#endif
