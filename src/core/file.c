/* Bounded reads of regular files (see file.h).
 * SPDX-License-Identifier: MIT */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib.h>

#include "core/file.h"

char *file_read(const char *path, uint64_t max, size_t *len, Error **errp)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0) {
        error_setg(errp, "cannot read '%s': %s", path, g_strerror(errno));
        return NULL;
    }
    if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
        error_setg(errp, "cannot read '%s': not a regular file", path);
        close(fd);
        return NULL;
    }
    if ((uint64_t)st.st_size > max) {
        error_setg(errp, "cannot read '%s': %" PRIu64 " bytes, more than the "
                   "limit of %" PRIu64, path, (uint64_t)st.st_size, max);
        close(fd);
        return NULL;
    }
    size_t size = (size_t)st.st_size, got = 0;
    char *buf = g_malloc(size + 1);
    while (got < size) {
        ssize_t n = read(fd, buf + got, size - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;      /* the file shrank: take what is there */
        }
        got += (size_t)n;
    }
    close(fd);
    buf[got] = '\0';
    *len = got;
    return buf;
}

GPtrArray *file_firmware_dirs(void)
{
    GPtrArray *dirs = g_ptr_array_new_with_free_func(g_free);
    const char *env = g_getenv("HEMU_FIRMWARE_PATH");
    if (env) {
        g_auto(GStrv) parts = g_strsplit(env, ":", -1);
        for (char **p = parts; *p; p++) {
            if (**p) {
                g_ptr_array_add(dirs, g_strdup(*p));
            }
        }
    }
    g_ptr_array_add(dirs, g_strdup(HEMU_FIRMWARE_DIR));
    g_ptr_array_add(dirs, g_strdup(HEMU_INSTALLED_FIRMWARE_DIR));
    return dirs;
}

char *file_find_firmware(const char *name, Error **errp)
{
    if (strchr(name, '/') || g_file_test(name, G_FILE_TEST_EXISTS)) {
        return g_strdup(name);
    }
    g_autoptr(GPtrArray) dirs = file_firmware_dirs();
    for (guint i = 0; i < dirs->len; i++) {
        char *path = g_build_filename(dirs->pdata[i], name, NULL);
        if (g_file_test(path, G_FILE_TEST_EXISTS)) {
            return path;
        }
        g_free(path);
    }
    g_ptr_array_add(dirs, NULL);
    g_autofree char *list = g_strjoinv(", ", (char **)dirs->pdata);
    error_setg(errp, "cannot find firmware '%s' in the working directory or "
               "in %s", name, list);
    return NULL;
}
