/* Unit tests for the stream chardev backends with a test frontend: a
 * listening chardev-socket (connect, receive, write, disconnect,
 * reconnect), input flow control, bounded output, client mode.
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "chardev/chardev.h"
#include "system/types.h"

typedef struct Fe {
    GString *in;
    int opened, closed, drained;
    bool stop;              /* can_receive says no */
} Fe;

static void fe_receive(void *opaque, const uint8_t *buf, size_t len)
{
    g_string_append_len(((Fe *)opaque)->in, (const char *)buf, len);
}

static bool fe_can_receive(void *opaque)
{
    return !((Fe *)opaque)->stop;
}

static void fe_event(void *opaque, ChardevEvent ev)
{
    Fe *fe = opaque;
    fe->opened += ev == CHARDEV_OPENED;
    fe->closed += ev == CHARDEV_CLOSED;
    fe->drained += ev == CHARDEV_DRAINED;
}

static const ChardevFrontendOps fe_ops = {
    .receive = fe_receive, .can_receive = fe_can_receive, .event = fe_event,
};

static Chardev *new_socket(Object *root, const char *name, const char *props)
{
    Error *err = NULL;
    Object *obj = object_new_child(root, "chardev-socket", name, &err);
    json_t *p = json_loads(props, 0, NULL);
    const char *key;
    json_t *v;

    json_object_foreach(p, key, v) {
        g_assert_true(object_prop_set(obj, key, v, false, &err));
    }
    json_decref(p);
    if (!object_realize(obj, &err)) {
        g_error("%s", err->msg);
    }
    return (Chardev *)obj;
}

static int connect_unix(const char *path)
{
    struct sockaddr_un sun = { .sun_family = AF_UNIX };
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);

    g_strlcpy(sun.sun_path, path, sizeof(sun.sun_path));
    g_assert_cmpint(connect(fd, (struct sockaddr *)&sun, sizeof(sun)), ==, 0);
    return fd;
}

/* Run the loop until cond holds (5 s at most). */
#define RUN_UNTIL(cond) do { \
        gint64 end_ = g_get_monotonic_time() + 5 * G_USEC_PER_SEC; \
        while (!(cond) && g_get_monotonic_time() < end_) { \
            if (!g_main_context_iteration(NULL, FALSE)) { \
                g_usleep(200); \
            } \
        } \
        g_assert_true(cond); \
    } while (0)

static void spin(int n)
{
    for (int i = 0; i < n; i++) {
        g_main_context_iteration(NULL, FALSE);
        g_usleep(1000);
    }
}

static void test_socket_server(void)
{
    Error *err = NULL;
    Object *root = object_new_root();
    g_autofree char *dir = g_dir_make_tmp("hemu-chr-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "s", NULL);
    g_autofree char *props = g_strdup_printf("{\"path\": \"%s\", \"server\": true, "
                                             "\"wait\": false}", path);
    Chardev *c = new_socket(root, "s", props);
    Fe fe = { .in = g_string_new(NULL) };
    char buf[64];
    int a, b;

    g_assert_true(chardev_attach(c, "test", &fe_ops, &fe, &err));
    g_assert_cmpint(fe.opened, ==, 0);
    g_assert_false(c->open);
    g_autofree char *fn0 = c->ops->filename(c);
    g_autofree char *want0 = g_strdup_printf("disconnected:unix:%s,server=on", path);
    g_assert_cmpstr(fn0, ==, want0);

    /* connect, receive, write */
    a = connect_unix(path);
    RUN_UNTIL(fe.opened == 1);
    g_assert_true(c->open);
    g_assert_cmpint(send(a, "ping", 4, 0), ==, 4);
    RUN_UNTIL(fe.in->len == 4);
    g_assert_cmpstr(fe.in->str, ==, "ping");
    g_assert_cmpuint(chardev_write(c, "pong", 4), ==, 4);
    g_assert_cmpint(recv(a, buf, sizeof(buf), 0), ==, 4);

    /* flow control: nothing is read while the frontend cannot take it */
    fe.stop = true;
    chardev_accept_input(c);
    g_string_truncate(fe.in, 0);
    g_assert_cmpint(send(a, "later", 5, 0), ==, 5);
    spin(30);
    g_assert_cmpuint(fe.in->len, ==, 0);
    fe.stop = false;
    chardev_accept_input(c);
    RUN_UNTIL(fe.in->len == 5);

    /* a second client waits for the first one to go */
    b = connect_unix(path);
    spin(20);
    g_assert_cmpint(fe.opened, ==, 1);
    close(a);
    RUN_UNTIL(fe.closed == 1 && fe.opened == 2);
    g_assert_cmpuint(chardev_write(c, "hi", 2), ==, 2);
    g_assert_cmpint(recv(b, buf, sizeof(buf), 0), ==, 2);

    /* output that the peer does not read is buffered, bounded: a short
     * write reports it full; reading drains it and DRAINED follows */
    {
        static char big[65536];
        size_t total = 0, n;

        do {
            n = chardev_write(c, big, sizeof(big));
            total += n;
        } while (n == sizeof(big) && total < (64u << 20));
        g_assert_cmpuint(n, <, sizeof(big));
        g_assert_cmpuint(chardev_pending(c), ==, CHARDEV_FD_OUT_MAX);
        while (fe.drained == 0) {
            ssize_t r = recv(b, big, sizeof(big), MSG_DONTWAIT);
            if (r <= 0) {
                g_main_context_iteration(NULL, FALSE);
            }
        }
        g_assert_cmpuint(chardev_pending(c), ==, 0);
    }

    /* the frontend drops the peer */
    chardev_disconnect(c);
    RUN_UNTIL(fe.closed == 2);
    while (recv(b, buf, sizeof(buf), MSG_DONTWAIT) > 0) {
        continue;
    }
    g_assert_cmpint(recv(b, buf, sizeof(buf), 0), ==, 0);
    close(b);

    chardev_detach(c);
    object_destroy(root);
    g_assert_false(g_file_test(path, G_FILE_TEST_EXISTS));
    g_rmdir(dir);
    g_string_free(fe.in, TRUE);
}

/* server=off connects once; the peer going is CLOSED for good. */
static void test_socket_client(void)
{
    Error *err = NULL;
    Object *root = object_new_root();
    g_autofree char *dir = g_dir_make_tmp("hemu-chr-XXXXXX", NULL);
    g_autofree char *path = g_build_filename(dir, "l", NULL);
    g_autofree char *sprops = g_strdup_printf("{\"path\": \"%s\", \"server\": true, "
                                              "\"wait\": false}", path);
    g_autofree char *cprops = g_strdup_printf("{\"path\": \"%s\"}", path);
    Chardev *srv = new_socket(root, "srv", sprops);
    Chardev *cli = new_socket(root, "cli", cprops);
    Fe fs = { .in = g_string_new(NULL) }, fc = { .in = g_string_new(NULL) };

    g_assert_true(chardev_attach(srv, "s", &fe_ops, &fs, &err));
    g_assert_true(chardev_attach(cli, "c", &fe_ops, &fc, &err));
    g_assert_cmpint(fc.opened, ==, 1);      /* already open: sent on attach */
    RUN_UNTIL(fs.opened == 1);
    chardev_write(cli, "abc", 3);
    RUN_UNTIL(fs.in->len == 3);
    chardev_write(srv, "xyz", 3);
    RUN_UNTIL(fc.in->len == 3);
    g_assert_cmpstr(fc.in->str, ==, "xyz");
    chardev_disconnect(srv);
    RUN_UNTIL(fc.closed == 1);
    spin(20);
    g_assert_cmpint(fc.opened, ==, 1);
    g_assert_false(cli->open);
    chardev_detach(srv);
    chardev_detach(cli);
    object_destroy(root);
    g_rmdir(dir);
    g_string_free(fs.in, TRUE);
    g_string_free(fc.in, TRUE);
}

int main(int argc, char **argv)
{
    Error *err = NULL;

    g_test_init(&argc, &argv, NULL);
    g_assert_true(hemu_types_init(&err));
    g_test_add_func("/chardev/socket-server", test_socket_server);
    g_test_add_func("/chardev/socket-client", test_socket_client);
    return g_test_run();
}
