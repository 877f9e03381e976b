/* Unit tests for number and size parsing.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include "core/size.h"

static void ok_size(const char *s, uint64_t want)
{
    uint64_t v = 0;
    Error *err = NULL;
    g_assert_true(size_parse(s, &v, &err));
    g_assert_null(err);
    g_assert_cmpuint(v, ==, want);
}

static void bad_size(const char *s)
{
    uint64_t v;
    Error *err = NULL;
    g_assert_false(size_parse(s, &v, &err));
    g_assert_nonnull(err);
    error_free(err);
}

static void test_sizes(void)
{
    ok_size("0", 0);
    ok_size("4096", 4096);
    ok_size("0x1000", 4096);
    ok_size("0x1B", 27);        /* B is a hex digit here */
    ok_size("64K", 65536);
    ok_size("64k", 65536);
    ok_size("128M", 128ull << 20);
    ok_size("1G", 1ull << 30);
    ok_size("2T", 2ull << 40);
    ok_size("1.5G", 3ull << 29);
    ok_size("512B", 512);
    ok_size("15E", 15ull << 60);
    bad_size("");
    bad_size("K");
    bad_size("-1");
    bad_size("12Q");
    bad_size("16E");            /* does not fit in 64 bits */
    bad_size("1.1B");           /* not a whole number of bytes */
    bad_size(" 4");
}

static void test_numbers(void)
{
    uint64_t u;
    int64_t i;
    g_assert_true(size_parse_uint("0b101", &u, NULL));
    g_assert_cmpuint(u, ==, 5);
    g_assert_true(size_parse_uint("18446744073709551615", &u, NULL));
    g_assert_cmpuint(u, ==, UINT64_MAX);
    g_assert_false(size_parse_uint("18446744073709551616", &u, NULL));
    g_assert_false(size_parse_uint("12abc", &u, NULL));
    g_assert_true(size_parse_int("-9223372036854775808", &i, NULL));
    g_assert_cmpint(i, ==, INT64_MIN);
    g_assert_false(size_parse_int("9223372036854775808", &i, NULL));
    g_assert_true(size_parse_int("-0x10", &i, NULL));
    g_assert_cmpint(i, ==, -16);
}

static void test_format(void)
{
    char *s = size_format(65536);
    g_assert_cmpstr(s, ==, "64K");
    g_free(s);
    s = size_format(1ull << 30);
    g_assert_cmpstr(s, ==, "1G");
    g_free(s);
    s = size_format(1536);
    g_assert_cmpstr(s, ==, "1536");
    g_free(s);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/size/sizes", test_sizes);
    g_test_add_func("/size/numbers", test_numbers);
    g_test_add_func("/size/format", test_format);
    return g_test_run();
}
