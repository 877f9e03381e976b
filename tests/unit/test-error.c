/* Unit tests for core/error: classes, formatting, propagation.
 * SPDX-License-Identifier: MIT */
#include <glib.h>
#include "core/error.h"

static void test_set_and_class(void)
{
    Error *err = NULL;
    error_set(&err, ERROR_CLASS_DEVICE_NOT_FOUND, "Device '%s' not found", "x");
    g_assert_nonnull(err);
    g_assert_cmpstr(error_class_name(err->cls), ==, "DeviceNotFound");
    g_assert_cmpstr(error_get_pretty(err), ==, "Device 'x' not found");
    g_assert_cmpint(error_class_lookup("CommandNotFound"), ==,
                    ERROR_CLASS_COMMAND_NOT_FOUND);
    g_assert_cmpint(error_class_lookup("NoSuchClass"), ==, -1);
    error_free(err);
}

static void test_null_errp_ignored(void)
{
    error_setg(NULL, "ignored %d", 1);
    error_prepend(NULL, "x");
}

static void test_prepend_and_position(void)
{
    Error *err = NULL;
    error_set_at(&err, "board.yaml", 3, 7, "unknown type '%s'", "uartt");
    g_assert_cmpstr(err->msg, ==, "board.yaml:3:7: unknown type 'uartt'");
    g_assert_cmpint(err->line, ==, 3);
    g_assert_cmpint(err->col, ==, 7);
    error_free(err);

    err = NULL;
    error_setg(&err, "bad");
    error_prepend(&err, "/machine/uart0: ");
    g_assert_cmpstr(err->msg, ==, "/machine/uart0: bad");
    Error *copy = error_copy(err);
    g_assert_cmpstr(copy->msg, ==, err->msg);
    error_free(copy);
    error_free(err);
}

static void test_propagate(void)
{
    Error *dst = NULL, *a = NULL, *b = NULL;
    error_setg(&a, "first");
    error_setg(&b, "second");
    error_propagate(&dst, a);
    error_propagate(&dst, b);   /* the first error wins; b is freed */
    g_assert_cmpstr(dst->msg, ==, "first");
    error_propagate(&dst, NULL);
    error_free(dst);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/error/set-and-class", test_set_and_class);
    g_test_add_func("/error/null-errp", test_null_errp_ignored);
    g_test_add_func("/error/prepend-and-position", test_prepend_and_position);
    g_test_add_func("/error/propagate", test_propagate);
    return g_test_run();
}
