/* Guest benchmark: a CoreMark-like mix (not CoreMark itself) of the
 * kernels embedded code spends its time in: a linked-list walk, search and
 * reversal; small int16 matrix operations; a state machine scanning
 * numbers in a string; CRC-16 over every result. Prints the CRC of all
 * iterations and the instructions retired (bench.h).
 * SPDX-License-Identifier: MIT */
#include <stdint.h>
#include <stdio.h>

#include "bench.h"

#ifndef ITERS
#define ITERS 50000
#endif

/* ---- CRC-16/ARC, bit by bit as CoreMark's crcu8 ---------------------- */

static uint16_t crc8(uint8_t data, uint16_t crc)
{
    for (int i = 0; i < 8; i++) {
        uint8_t x16 = (uint8_t)((data & 1) ^ ((uint8_t)crc & 1));
        data >>= 1;
        if (x16) {
            crc ^= 0x4002;
            crc = (uint16_t)(crc >> 1) | 0x8000;
        } else {
            crc >>= 1;
        }
    }
    return crc;
}

static uint16_t crc16(uint16_t v, uint16_t crc)
{
    return crc8((uint8_t)(v >> 8), crc8((uint8_t)v, crc));
}

/* ---- Linked list ------------------------------------------------------ */

#define NODES 128

typedef struct Node {
    struct Node *next;
    int16_t key, val;
} Node;

static Node nodes[NODES];

static Node *list_build(uint32_t seed)
{
    Node *head = NULL;
    for (int i = 0; i < NODES; i++) {
        seed = seed * 1103515245u + 12345u;
        nodes[i].key = (int16_t)(i * 37 % NODES);
        nodes[i].val = (int16_t)(seed >> 17);
        nodes[i].next = head;
        head = &nodes[i];
    }
    return head;
}

static Node *list_reverse(Node *p)
{
    Node *r = NULL;
    while (p) {
        Node *n = p->next;
        p->next = r;
        r = p;
        p = n;
    }
    return r;
}

static uint16_t list_work(Node **head, int iter, uint16_t crc)
{
    /* find a few keys, sum the values on the way, reverse */
    for (int f = 0; f < 4; f++) {
        int16_t want = (int16_t)((iter + f * 29) % NODES);
        int steps = 0;
        for (Node *p = *head; p; p = p->next, steps++) {
            if (p->key == want) {
                p->val = (int16_t)(p->val + 1);
                crc = crc16((uint16_t)(p->val ^ steps), crc);
                break;
            }
        }
    }
    *head = list_reverse(*head);
    int32_t sum = 0;
    for (Node *p = *head; p; p = p->next) {
        sum += p->val & 0xff;
    }
    return crc16((uint16_t)sum, crc);
}

/* ---- Matrices --------------------------------------------------------- */

#define M 12

static int16_t ma[M][M], mb[M][M];
static int32_t mc[M][M];

static uint16_t matrix_work(int iter, uint16_t crc)
{
    int16_t k = (int16_t)(iter & 0xff);
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < M; j++) {
            ma[i][j] = (int16_t)(ma[i][j] + k);
        }
    }
    for (int i = 0; i < M; i++) {            /* matrix times vector */
        int32_t s = 0;
        for (int j = 0; j < M; j++) {
            s += ma[i][j] * mb[j][0];
        }
        mc[i][0] = s;
    }
    for (int i = 0; i < M; i++) {            /* matrix times matrix, bits */
        for (int j = 0; j < M; j++) {
            int32_t s = 0;
            for (int n = 0; n < M; n++) {
                s += ((ma[i][n] * mb[n][j]) >> 2) & 0xf;
            }
            mc[i][j] = s;
        }
    }
    int32_t acc = 0;
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < M; j++) {
            acc += mc[i][j];
        }
        ma[i][i] = (int16_t)(ma[i][i] - k);
    }
    return crc16((uint16_t)acc, crc);
}

/* ---- State machine over a string of numbers --------------------------- */

enum { S_START, S_INT, S_FRAC, S_EXP, S_EXPSIGN, S_EXPDIGIT, S_HEX, S_BAD };

static const char text[] =
    "5012,1.5e-12,-190,0x1f3a,3.14159,+77,9e9,abc,0x,-.5,12..3,8E+2,"
    "0x7fffffff,42,6.02e23,-0.0,1e,--3,256,0xdeadbeef,7.,1234567,";

static uint16_t scan_work(int iter, uint16_t crc)
{
    unsigned counts[8] = { 0 };
    unsigned state = S_START, digits = 0;
    for (const char *p = text; *p; p++) {
        char c = *p;
        if (c == ',') {
            counts[state]++;
            crc = crc16((uint16_t)(digits + state), crc);
            state = S_START;
            digits = 0;
            continue;
        }
        int d = c >= '0' && c <= '9';
        switch (state) {
        case S_START:
            state = d ? S_INT : (c == '+' || c == '-') ? S_INT :
                    c == '.' ? S_FRAC : S_BAD;
            if (d && c == '0' && (p[1] == 'x' || p[1] == 'X')) {
                state = S_HEX;
                p++;
            }
            break;
        case S_INT:
            state = d ? S_INT : c == '.' ? S_FRAC :
                    (c == 'e' || c == 'E') ? S_EXP : S_BAD;
            break;
        case S_FRAC:
            state = d ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : S_BAD;
            break;
        case S_EXP:
            state = (c == '+' || c == '-') ? S_EXPSIGN : d ? S_EXPDIGIT : S_BAD;
            break;
        case S_EXPSIGN:
        case S_EXPDIGIT:
            state = d ? S_EXPDIGIT : S_BAD;
            break;
        case S_HEX:
            state = d || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')
                    ? S_HEX : S_BAD;
            break;
        default:
            break;
        }
        digits += d;
    }
    for (int i = 0; i < 8; i++) {
        crc = crc16((uint16_t)(counts[i] + iter), crc);
    }
    return crc;
}

int main(void)
{
    Node *head = list_build(7);
    for (int i = 0; i < M; i++) {
        for (int j = 0; j < M; j++) {
            ma[i][j] = (int16_t)(i * 3 - j * 5);
            mb[i][j] = (int16_t)((i ^ j) * 7 - 20);
        }
    }
    uint64_t start = bench_instret();
    uint16_t crc = 0;
    for (int it = 0; it < ITERS; it++) {
        crc = list_work(&head, it, crc);
        crc = matrix_work(it, crc);
        crc = scan_work(it, crc);
    }
    uint64_t end = bench_instret();
    printf("mix: %d iterations of list, matrix, state machine and CRC-16\n",
           ITERS);
    printf("checksum: %#x\n", crc);
    printf("instructions: %llu\n", (unsigned long long)(end - start));
    return 0;
}
