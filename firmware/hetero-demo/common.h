/* What both sides of hetero-demo's firmware share (docs/hetero-demo.md):
 * the mailbox registers and messages, the shared SRAM layout, CRC-32 and
 * number printing. Each side includes it and provides putch() for its
 * own UART. Freestanding: no C library.
 * SPDX-License-Identifier: MIT */
#ifndef HETERO_DEMO_COMMON_H
#define HETERO_DEMO_COMMON_H

#include <stdint.h>

#define REG32(a) (*(volatile uint32_t *)(uintptr_t)(a))

/* hemu-mailbox registers, from a side's base */
enum {
    MBOX_STATUS = 0x00,   /* doorbells rung for me */
    MBOX_SET = 0x04,      /* ring the other side */
    MBOX_CLEAR = 0x08,    /* acknowledge mine */
    MBOX_ENABLE = 0x0c,   /* which of mine interrupt */
    MBOX_PEER = 0x10,     /* the other side's STATUS */
    MBOX_TX = 0x40,       /* words I send */
    MBOX_RX = 0x80,       /* words the other side sent */
};

/* A message: word 0 its kind, then its arguments; doorbell bit 0. */
enum {
    MSG_HELLO = 1,        /* rv -> m3: [1] number of harts */
    MSG_WORK = 2,         /* m3 -> rv: [1] round, [2] offset in shared SRAM, [3] length */
    MSG_RESULT = 3,       /* rv -> m3: [1] round, [2] crc32 of 1st half, [3] of 2nd */
    MSG_BYE = 4,          /* m3 -> rv, and rv -> m3 as the answer */
};

/* Shared SRAM (64 KiB; m3 sees it at 0x20100000, rv at 0x90000000):
 * offsets, the same in both views. */
enum {
    SHARED_SIZE = 0x10000,
    SHARED_JOB = 0x00,    /* rv hart 0 -> hart 1: offset, length */
    SHARED_RESULT = 0x08, /* hart 1's crc32 */
    SHARED_DONE = 0x0c,   /* hart 1: result written (round number) */
    SHARED_DATA = 0x100,  /* the work: written by m3 */
    WORK_LEN = 4096,
    ROUNDS = 3,
};

void putch(char c);

static inline void print(const char *s)
{
    while (*s) {
        putch(*s++);
    }
}

static inline void print_hex(uint32_t v)
{
    print("0x");
    for (int i = 28; i >= 0; i -= 4) {
        putch("0123456789abcdef"[v >> i & 0xf]);
    }
}

static inline void print_dec(uint32_t v)
{
    char buf[11];
    int n = 0;
    do {
        buf[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n) {
        putch(buf[--n]);
    }
}

/* CRC-32 (IEEE 802.3, reflected, as zlib's crc32), bit by bit. */
static inline uint32_t crc32(const volatile uint8_t *p, uint32_t n)
{
    uint32_t crc = 0xffffffff;
    for (uint32_t i = 0; i < n; i++) {
        crc ^= p[i];
        for (int k = 0; k < 8; k++) {
            crc = crc >> 1 ^ (0xedb88320 & -(crc & 1));
        }
    }
    return ~crc;
}

#endif
