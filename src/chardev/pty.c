/* chardev-pty: a new pseudo-terminal, as QEMU's -chardev pty: the emulator
 * holds the master, a user attaches a terminal program to the slave whose
 * name is printed on stderr and given by query-chardev ("pty:/dev/pts/N").
 * The slave stays open here, so output is buffered (bounded) while no one
 * reads it and the backend is always open.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

#include "chardev/chardev.h"

typedef struct ChardevPty {
    ChardevFd fd;
    int master, slave;  /* run time */
    char *name;         /* /dev/pts/N */
} ChardevPty;

static char *pty_filename(Chardev *c)
{
    ChardevPty *s = (ChardevPty *)c;
    return g_strdup_printf("pty:%s", s->name ? s->name : "");
}

static const ChardevOps pty_ops = { CHARDEV_FD_OPS, .filename = pty_filename };

static void pty_init(Object *obj)
{
    ChardevPty *s = (ChardevPty *)obj;
    chardev_fd_init(&s->fd, &pty_ops);
    s->master = s->slave = -1;
}

static bool pty_realize(Object *obj, Error **errp)
{
    ChardevPty *s = (ChardevPty *)obj;
    char name[256];
    struct termios tty;

    if (openpty(&s->master, &s->slave, name, NULL, NULL) < 0) {
        error_setg(errp, "Failed to create PTY: %s", g_strerror(errno));
        return false;
    }
    if (tcgetattr(s->slave, &tty) == 0) {
        cfmakeraw(&tty);
        tcsetattr(s->slave, TCSAFLUSH, &tty);
    }
    fcntl(s->master, F_SETFD, FD_CLOEXEC);
    fcntl(s->slave, F_SETFD, FD_CLOEXEC);
    chardev_fd_set_nonblock(s->master, NULL);
    s->name = g_strdup(name);
    g_printerr("char device redirected to %s (label %s)\n", name, obj->name);
    chardev_fd_start(&s->fd);
    chardev_fd_connect(&s->fd, s->master, s->master);
    return true;
}

static void pty_unrealize(Object *obj)
{
    ChardevPty *s = (ChardevPty *)obj;

    chardev_fd_stop(&s->fd);
    if (s->master >= 0) {
        close(s->master);
    }
    if (s->slave >= 0) {
        close(s->slave);
    }
    s->master = s->slave = -1;
    g_clear_pointer(&s->name, g_free);
}

const TypeInfo chardev_pty_type = {
    .name = "chardev-pty",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevPty),
    .init = pty_init,
    .realize = pty_realize,
    .unrealize = pty_unrealize,
    .doc = "A character backend on a new pseudo-terminal, whose name "
           "query-chardev gives.",
};
