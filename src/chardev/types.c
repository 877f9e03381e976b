/* The types of src/chardev, for the registry.
 * SPDX-License-Identifier: MIT */
#include "chardev/chardev.h"

const TypeInfo *const chardev_types[] = {
    &chardev_type, &chardev_null_type, &chardev_file_type,
    &chardev_ringbuf_type, &chardev_socket_type, &chardev_stdio_type,
    &chardev_pty_type, &chardev_mux_type, &chardev_mux_port_type, NULL,
};
