/* chardev-stdio: the emulator's standard input and output (fds 0 and 1,
 * made non-blocking while realized), as QEMU's -chardev stdio.  Only one
 * may exist.  End of input stops reading; output goes on (QEMU keeps
 * running after stdin closes), so the frontend is not told CLOSED.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "chardev/chardev.h"

typedef struct ChardevStdio {
    ChardevFd fd;
    int saved_in, saved_out;    /* run time: fd flags to restore */
} ChardevStdio;

static char *stdio_filename(Chardev *c)
{
    return g_strdup("stdio");
}

static const ChardevOps stdio_ops = { CHARDEV_FD_OPS,
                                      .filename = stdio_filename };

static void stdio_init(Object *obj)
{
    ChardevStdio *s = (ChardevStdio *)obj;
    chardev_fd_init(&s->fd, &stdio_ops);
    s->saved_in = s->saved_out = -1;
}

static void stdio_unrealize(Object *obj);

static bool stdio_realize(Object *obj, Error **errp)
{
    ChardevStdio *s = (ChardevStdio *)obj;

    if (obj->parent) {
        OBJECT_FOREACH_CHILD(obj->parent, o) {
            if (o != obj && object_is_a(o, "chardev-stdio")
                && object_is_realized(o)) {
                error_setg(errp, "cannot use stdio by multiple character "
                           "devices (%s is one)", o->name);
                return false;
            }
        }
    }
    if (!chardev_fd_set_nonblock(0, &s->saved_in)
        || !chardev_fd_set_nonblock(1, &s->saved_out)) {
        error_setg(errp, "stdio: %s", g_strerror(errno));
        stdio_unrealize(obj);
        return false;
    }
    chardev_fd_start(&s->fd);
    chardev_fd_connect(&s->fd, 0, 1);
    return true;
}

static void stdio_unrealize(Object *obj)
{
    ChardevStdio *s = (ChardevStdio *)obj;

    chardev_fd_stop(&s->fd);
    if (s->saved_in >= 0) {
        fcntl(0, F_SETFL, s->saved_in);
    }
    if (s->saved_out >= 0) {
        fcntl(1, F_SETFL, s->saved_out);
    }
    s->saved_in = s->saved_out = -1;
}

const TypeInfo chardev_stdio_type = {
    .name = "chardev-stdio",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevStdio),
    .init = stdio_init,
    .realize = stdio_realize,
    .unrealize = stdio_unrealize,
    .doc = "A character backend on the emulator's standard input and "
           "output; only one may exist.",
};
