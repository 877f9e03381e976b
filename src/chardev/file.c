/* chardev-file: output appended to (or written over) a host file, as
 * QEMU's -chardev file,path=...; input from a file is not modelled.
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <glib.h>

#include "chardev/chardev.h"

typedef struct ChardevFile {
    Chardev chr;
    char *out;          /* config */
    bool append;
    int fd;             /* run time */
} ChardevFile;

static size_t file_write(Chardev *c, const uint8_t *buf, size_t len)
{
    ChardevFile *s = (ChardevFile *)c;
    size_t done = 0;
    while (done < len) {
        ssize_t r = write(s->fd, buf + done, len - done);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0) {
            break;      /* a full disk drops output, like a full line */
        }
        done += r;
    }
    return done;
}

static char *file_filename(Chardev *c)
{
    return g_strdup_printf("file:%s", ((ChardevFile *)c)->out);
}

static const ChardevOps file_ops = { .write = file_write,
                                     .filename = file_filename };

static void file_init(Object *obj)
{
    ChardevFile *s = (ChardevFile *)obj;
    s->chr.ops = &file_ops;
    s->chr.open = true;
    s->fd = -1;
}

static bool file_realize(Object *obj, Error **errp)
{
    ChardevFile *s = (ChardevFile *)obj;
    if (!s->out || !*s->out) {
        error_setg(errp, "property 'out' (the file to write) is not set");
        return false;
    }
    s->fd = open(s->out, O_WRONLY | O_CREAT | O_CLOEXEC |
                 (s->append ? O_APPEND : O_TRUNC), 0666);
    if (s->fd < 0) {
        error_setg(errp, "cannot open '%s': %s", s->out, g_strerror(errno));
        return false;
    }
    return true;
}

static void file_unrealize(Object *obj)
{
    ChardevFile *s = (ChardevFile *)obj;
    if (s->fd >= 0) {
        close(s->fd);
        s->fd = -1;
    }
}

static const PropDef file_props[] = {
    PROP_STR("out", ChardevFile, out, NULL, "the host file that receives the output"),
    PROP_BOOL("append", ChardevFile, append, false,
              "append to the file instead of truncating it"),
    PROP_END
};

const TypeInfo chardev_file_type = {
    .name = "chardev-file",
    .parent = TYPE_CHARDEV,
    .instance_size = sizeof(ChardevFile),
    .init = file_init,
    .realize = file_realize,
    .unrealize = file_unrealize,
    .props = file_props,
    .doc = "A character backend writing its output to a host file.",
};
