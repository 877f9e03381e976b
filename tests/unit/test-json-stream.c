/* Unit tests for the JSON stream splitter/parser and the QEMU-style writer:
 * every error text QEMU 7.2 sends, pieces and byte-at-a-time feeding,
 * recovery after control characters, limits.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "monitor/json-stream.h"
#include "monitor/json-writer.h"

typedef struct Collect {
    GString *log;   /* one line per emitted item: the value or "E:msg" */
    int n;
} Collect;

static void collect(void *opaque, json_t *v, Error *err)
{
    Collect *c = opaque;

    if (err) {
        g_string_append_printf(c->log, "E:%s\n", err->msg);
        g_assert_null(v);
        error_free(err);
    } else {
        json_writer_append(c->log, v);
        g_string_append_c(c->log, '\n');
        json_decref(v);
    }
    c->n++;
}

/* Feed `in` in pieces of `step` bytes (0: all at once); return the log. */
static char *run(const char *in, size_t len, size_t step,
                 const JsonStreamLimits *lim)
{
    Collect c = { g_string_new(NULL), 0 };
    JsonStream *js = json_stream_new(collect, &c);

    json_stream_set_limits(js, lim);
    if (!step) {
        step = len ? len : 1;
    }
    for (size_t off = 0; off < len; off += step) {
        size_t n = MIN(step, len - off);
        g_assert_cmpuint(json_stream_feed(js, in + off, n, false), ==, n);
    }
    json_stream_free(js);
    return g_string_free(c.log, FALSE);
}

typedef struct Case {
    const char *in;
    const char *out;
} Case;

/* Expected texts observed on qemu-system-riscv64 7.2 (-qmp stdio). */
static const Case cases[] = {
    /* values, and how QEMU prints them back */
    { "{\"a\": 1, \"b\": [true, false, null]}\n",
      "{\"a\": 1, \"b\": [true, false, null]}\n" },
    { "{'execute':'x'}", "{\"execute\": \"x\"}\n" },
    { "[9223372036854775807, 1.5, 0.1, 1E2, -0, -0.0, 1e-400]\n",
      "[9223372036854775807, 1.5, 0.10000000000000001, 100, 0, -0, 0]\n" },
    { "[123456789012345678901234567890]",
      "[1.2345678901234568e+29]\n" },
    { "[-9223372036854775809]", "[-9.2233720368547758e+18]\n" },
    { "\"\\u0000\\u00e9\\ud83d\\ude00\"\n",
      "\"\\u0000\\u00E9\\uD83D\\uDE00\"\n" },
    { "\"\xc0\x80\"\n", "\"\\u0000\"\n" },
    { "\"\xf0\x9f\x98\x80\x7f\"\n", "\"\\uD83D\\uDE00\\u007F\"\n" },
    { "\"\\/\\b\\f\\n\\r\\t\\\"\\\\\\'\"\n", "\"/\\b\\f\\n\\r\\t\\\"\\\\'\"\n" },
    { "'say \"hi\"'\n", "\"say \\\"hi\\\"\"\n" },
    { "1 2\n", "1\n2\n" },
    { "{}{}[]", "{}\n{}\n[]\n" },
    { "1", "" },                    /* a number waits for its end */
    { "true\n", "true\n" },
    /* parser errors */
    { "{\"a\" 1}", "E:JSON parse error, missing : in object pair\n" },
    { "{\"a\":}", "E:JSON parse error, expecting value\n" },
    { "{1:2}", "E:JSON parse error, key is not a string in object\n" },
    { "{,}", "E:JSON parse error, expecting value\n" },
    { "foo\n", "E:JSON parse error, invalid keyword 'foo'\n" },
    { "]", "E:JSON parse error, expecting value\n" },
    { "}", "E:JSON parse error, expecting value\n" },
    { "[}", "E:JSON parse error, expecting value\n" },
    { "{]", "E:JSON parse error, expecting value\n" },
    { "[1}", "E:JSON parse error, expected separator in list\n" },
    { "{\"a\":1]", "E:JSON parse error, expected separator in dict\n" },
    { "{\"a\":1,\"a\":2}", "E:JSON parse error, duplicate key\n" },
    { "[1,2,]", "E:JSON parse error, expecting value\n" },
    { "[,]", "E:JSON parse error, expecting value\n" },
    { "{\"a\":1,}", "E:JSON parse error, expecting value\n" },
    { "{\"a\":1 \"b\":2}", "E:JSON parse error, expected separator in dict\n" },
    { "[1 2]", "E:JSON parse error, expected separator in list\n" },
    { "{\"execute\":\"q\"}}",
      "{\"execute\": \"q\"}\nE:JSON parse error, expecting value\n" },
    /* string errors */
    { "\"\\ud800\"", "E:JSON parse error, \\ud800 is not a valid Unicode character\n" },
    { "\"\\ud800\\u0041\"", "E:JSON parse error, \\ud800 is not a valid Unicode character\n" },
    { "\"\\udc00\"", "E:JSON parse error, \\udc00 is not a valid Unicode character\n" },
    { "\"\\ufffe\"", "E:JSON parse error, \\ufffe is not a valid Unicode character\n" },
    { "\"\\uFDD0\"", "E:JSON parse error, \\uFDD0 is not a valid Unicode character\n" },
    { "\"\\u12G4\"", "E:JSON parse error, \\u12G4 is not a valid Unicode character\n" },
    { "[\"\\u1\", 1]", "E:JSON parse error, \\u1\" is not a valid Unicode character\n" },
    { "\"\\x\"", "E:JSON parse error, invalid escape sequence in string\n" },
    { "\"\xc3\x28\"", "E:JSON parse error, invalid UTF-8 sequence in string\n" },
    { "\"\xef\xbf\xbe\"", "E:JSON parse error, invalid UTF-8 sequence in string\n" },
    { "\"\xed\xa0\x80\"", "E:JSON parse error, invalid UTF-8 sequence in string\n" },
    { "\"\xc1\x81\"", "E:JSON parse error, invalid UTF-8 sequence in string\n" },
    { "[1e400]", "E:JSON parse error, number out of range\n" },
    /* lexical errors and recovery */
    { "%d\n", "E:JSON parse error, stray '%'\n" },
    { "01\n", "E:JSON parse error, stray '01'\n" },
    { "-\n", "E:JSON parse error, stray '-\n'\n" },
    { "[1.]", "E:JSON parse error, stray '1.]'\n" },
    { "\f\n", "E:JSON parse error, stray '\f'\n" },
    { "fooBar ]", "E:JSON parse error, invalid keyword 'foo'\n"
      "E:JSON parse error, stray 'B'\nE:JSON parse error, expecting value\n" },
    { "{\"execute\":\"x\x01\"}\n",
      "E:JSON parse error, stray '\"x\x01'\nE:JSON parse error, expecting value\n" },
    { "{\"execute\":\xff\"x\"}\n",
      "E:JSON parse error, stray '\xff'\nE:JSON parse error, expecting value\n" },
    { "\"abc\n{\"a\":1}\n", "E:JSON parse error, stray '\"abc\n'\n{\"a\": 1}\n" },
    { "\xfe{\"a\":1}", "E:JSON parse error, stray '\xfe'\n{\"a\": 1}\n" },
    /* a partial value, then a control character and a good one */
    { "{\"execute\": \"q\x1b{\"a\":[]}", "E:JSON parse error, stray '\"q\x1b'\n{\"a\": []}\n" },
};

static void test_cases_with_step(size_t step)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *got = run(cases[i].in, strlen(cases[i].in), step, NULL);

        if (strcmp(got, cases[i].out)) {
            g_test_message("input %zu (step %zu): '%s'", i, step, cases[i].in);
        }
        g_assert_cmpstr(got, ==, cases[i].out);
        g_free(got);
    }
}

static void test_whole(void)
{
    test_cases_with_step(0);
}

static void test_bytewise(void)
{
    test_cases_with_step(1);
}

static void test_pieces(void)
{
    test_cases_with_step(3);
    test_cases_with_step(7);
}

/* All cases back to back in one stream, fed in odd pieces: the same
 * result as one at a time, when each case ends at a delimiter. */
static void test_concatenated(void)
{
    GString *in = g_string_new(NULL), *want = g_string_new(NULL);

    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const char *s = cases[i].in;
        size_t l = strlen(s);

        if (strcmp(s, "1") == 0 || s[l - 1] == '"' || s[0] == '"') {
            continue;   /* needs a delimiter, or ends inside a string */
        }
        g_string_append(in, s);
        g_string_append(in, "\n");
        g_string_append(want, cases[i].out);
    }
    for (size_t step = 1; step < 20; step += 6) {
        char *got = run(in->str, in->len, step, NULL);
        g_assert_cmpstr(got, ==, want->str);
        g_free(got);
    }
    g_string_free(in, TRUE);
    g_string_free(want, TRUE);
}

static void test_nul_byte(void)
{
    /* a NUL inside a string is a lexical error; the text stops at it */
    static const char in[] = "{\"id\":\"\0\"}\n";
    char *got = run(in, sizeof(in) - 1, 0, NULL);

    g_assert_cmpstr(got, ==, "E:JSON parse error, stray '\"'\n"
                    "E:JSON parse error, expecting value\n");
    g_free(got);
}

static void test_limits_nesting(void)
{
    GString *in = g_string_new(NULL);
    char *got;

    for (int i = 0; i < 1024; i++) {
        g_string_append_c(in, '[');
    }
    for (int i = 0; i < 1024; i++) {
        g_string_append_c(in, ']');
    }
    got = run(in->str, in->len, 0, NULL);
    g_assert_true(g_str_has_prefix(got, "[[[[") && strstr(got, "]]]]\n"));
    g_free(got);

    g_string_truncate(in, 0);
    for (int i = 0; i < 1025; i++) {
        if (i % 2) {
            g_string_append(in, "{\"k\":");
        } else {
            g_string_append_c(in, '[');
        }
    }
    g_string_append(in, "\n{\"a\":1}");
    got = run(in->str, in->len, 0, NULL);
    g_assert_cmpstr(got, ==, "E:JSON nesting depth limit exceeded\n{\"a\": 1}\n");
    g_free(got);
    g_string_free(in, TRUE);
}

static void test_limits_small(void)
{
    JsonStreamLimits lim = { .max_token_size = 16, .max_token_count = 5,
                             .max_nesting = 2 };
    char *got;

    /* token count: the 6th token of a value */
    got = run("[1,2,3]", 7, 0, &lim);
    g_assert_cmpstr(got, ==, "E:JSON token count limit exceeded\n"
                    "E:JSON parse error, expecting value\n");
    g_free(got);
    got = run("[1,2]", 5, 0, &lim);
    g_assert_cmpstr(got, ==, "[1, 2]\n");
    g_free(got);

    /* token size: the sum of a value's tokens (+1) */
    got = run("[\"0123456789abc\"]", 17, 0, &lim);
    g_assert_cmpstr(got, ==, "E:JSON token size limit exceeded\n"
                    "E:JSON parse error, expecting value\n");
    g_free(got);
    /* one token longer than the limit: cut, and lexing goes on */
    got = run("\"aaaaaaaaaaaaaaaaaaaaaa\"\n", 25, 1, &lim);
    g_assert_cmpstr(got, ==, "E:JSON token size limit exceeded\n"
                    "E:JSON parse error, invalid keyword 'aaaaaa'\n"
                    "E:JSON parse error, stray '\"\n'\n");
    g_free(got);

    /* nesting */
    got = run("[[[]]]", 6, 0, &lim);
    g_assert_cmpstr(got, ==, "E:JSON nesting depth limit exceeded\n"
                    "E:JSON parse error, expecting value\n"
                    "E:JSON parse error, expecting value\n"
                    "E:JSON parse error, expecting value\n");
    g_free(got);
}

static void test_limits_qemu_size(void)
{
    /* QEMU's real token size limit: a 64 MiB string, memory stays bound */
    size_t m = JSON_STREAM_MAX_TOKEN_SIZE;
    GString *in = g_string_sized_new(m + 16);
    char *got;

    g_string_append(in, "[\"");
    for (size_t i = 0; i < m - 3; i++) {
        g_string_append_c(in, 'a');
    }
    g_string_append(in, "\"]\n");
    got = run(in->str, in->len, 65536, NULL);
    g_assert_cmpstr(got, ==, "E:JSON token size limit exceeded\n"
                    "E:JSON parse error, expecting value\n");
    g_free(got);
    g_string_free(in, TRUE);
}

static void test_flush(void)
{
    Collect c = { g_string_new(NULL), 0 };
    JsonStream *js = json_stream_new(collect, &c);

    json_stream_feed(js, "1", 1, false);
    json_stream_flush(js);
    json_stream_feed(js, "[1, {\"a\"", 8, false);
    g_assert_cmpuint(json_stream_pending(js), >, 0);
    json_stream_flush(js);
    json_stream_feed(js, "\"abc", 4, false);
    json_stream_flush(js);
    json_stream_feed(js, "[1", 2, false);
    json_stream_reset(js);
    g_assert_cmpuint(json_stream_pending(js), ==, 0);
    json_stream_feed(js, "{}", 2, false);
    g_assert_cmpstr(c.log->str, ==, "1\nE:JSON parse error, premature EOI\n"
                    "E:JSON parse error, stray '\"abc'\n{}\n");
    json_stream_free(js);
    g_string_free(c.log, TRUE);
}

static void test_stop_after_emit(void)
{
    Collect c = { g_string_new(NULL), 0 };
    JsonStream *js = json_stream_new(collect, &c);
    const char *in = "{}[] 1 ";
    size_t n;

    n = json_stream_feed(js, in, strlen(in), true);
    g_assert_cmpuint(n, ==, 2);
    n += json_stream_feed(js, in + n, strlen(in) - n, true);
    g_assert_cmpuint(n, ==, 4);
    n += json_stream_feed(js, in + n, strlen(in) - n, true);
    g_assert_cmpuint(n, ==, 7);
    g_assert_cmpint(c.n, ==, 3);
    json_stream_free(js);
    g_string_free(c.log, TRUE);
}

static void test_parse_one(void)
{
    Error *err = NULL;
    json_t *v = json_stream_parse("{\"a\": [1]}", 10, &err);

    g_assert_nonnull(v);
    g_assert_null(err);
    json_decref(v);
    v = json_stream_parse("1 2", 3, &err);
    g_assert_null(v);
    g_assert_cmpstr(err->msg, ==, "JSON parse error, trailing data");
    error_free(err);
    err = NULL;
    v = json_stream_parse("", 0, &err);
    g_assert_null(v);
    error_free(err);
}

static void test_uint64(void)
{
    Error *err = NULL;
    json_t *v = json_stream_parse("18446744073709551615", 20, &err);

    g_assert_true(json_is_integer(v));
    g_assert_cmphex((unsigned long long)json_integer_value(v), ==,
                    18446744073709551615ull);
    json_decref(v);
    v = json_stream_parse("18446744073709551616", 20, &err);
    g_assert_true(json_is_real(v));
    json_decref(v);
}

static void test_writer_order(void)
{
    /* QEMU's QDict order: StatusInfo is built running, singlestep, status
     * and printed status, singlestep, running */
    json_t *o = json_pack("{s:b,s:b,s:s}", "running", 1, "singlestep", 0,
                          "status", "running");
    GString *g = g_string_new(NULL);

    json_writer_append(g, o);
    g_assert_cmpstr(g->str, ==, "{\"status\": \"running\", \"singlestep\": "
                    "false, \"running\": true}");
    json_decref(o);
    g_string_truncate(g, 0);
    o = json_pack("{s:i,s:i,s:i}", "major", 7, "minor", 2, "micro", 0);
    json_writer_append(g, o);
    g_assert_cmpstr(g->str, ==, "{\"micro\": 0, \"minor\": 2, \"major\": 7}");
    json_decref(o);
    g_string_free(g, TRUE);
}

static void test_writer_strings(void)
{
    GString *g = g_string_new(NULL);

    json_writer_append_string(g, "a\0b\xff\x7f\xe2\x82\xac", 8);
    g_assert_cmpstr(g->str, ==, "\"a\\u0000b\\uFFFD\\u007F\\u20AC\"");
    g_string_free(g, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/json-stream/whole", test_whole);
    g_test_add_func("/json-stream/bytewise", test_bytewise);
    g_test_add_func("/json-stream/pieces", test_pieces);
    g_test_add_func("/json-stream/concatenated", test_concatenated);
    g_test_add_func("/json-stream/nul-byte", test_nul_byte);
    g_test_add_func("/json-stream/limits/nesting", test_limits_nesting);
    g_test_add_func("/json-stream/limits/small", test_limits_small);
    g_test_add_func("/json-stream/limits/qemu-size", test_limits_qemu_size);
    g_test_add_func("/json-stream/flush", test_flush);
    g_test_add_func("/json-stream/stop-after-emit", test_stop_after_emit);
    g_test_add_func("/json-stream/parse-one", test_parse_one);
    g_test_add_func("/json-stream/uint64", test_uint64);
    g_test_add_func("/json-writer/order", test_writer_order);
    g_test_add_func("/json-writer/strings", test_writer_strings);
    return g_test_run();
}
