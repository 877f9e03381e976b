/* Unit tests for the Arm CMSDK peripherals of the mps2 boards, through
 * their registers: the APB UART on a ring-buffer backend (transmit, the
 * TX interrupt, TX overrun, receive with the one-byte buffer and its
 * backlog, INTCLEAR), the APB timer and the dual timer in virtual time
 * (a virtual-clock with no CPUs jumps to the next timer deadline), and
 * the mps2 FPGA blocks beside them (FPGAIO counters and LEDs, the SCC).
 * SPDX-License-Identifier: MIT */
#include <string.h>
#include <glib.h>

#include "chardev/chardev.h"
#include "core/log.h"
#include "exec/types.h"
#include "exec/vclock.h"
#include "hw/core/device.h"
#include "hw/types.h"
#include "memory/memory.h"
#include "hw-test.h"

static uint64_t rd(AddressSpace *as, uint64_t addr)
{
    uint64_t v = 0;
    g_assert_true(addrspace_ld(as, addr, 4, &v));
    return v;
}

static void wr(AddressSpace *as, uint64_t addr, uint64_t v)
{
    g_assert_true(addrspace_st(as, addr, 4, v));
}

enum { DATA = 0x0, STATE = 0x4, CTRL = 0x8, INTSTATUS = 0xc, BAUDDIV = 0x10 };

static void test_uart(void)
{
    Object *root = object_new_root();
    Object *chr = object_new_child(root, "chardev-ringbuf", "rb", NULL);
    g_assert_true(object_realize(chr, NULL));
    Object *u = object_new_child(root, "cmsdk-apb-uart", "uart", NULL);
    g_assert_true(object_prop_set_str(u, "chardev", "/rb", NULL));
    g_assert_true(object_realize(u, NULL));
    object_reset(u);
    AddressSpace *as = map_alone(root, u, "regs");
    uint8_t buf[8];

    /* identification, reset values */
    g_assert_cmphex(rd(as, 0xfe0), ==, 0x21);        /* PID0 */
    g_assert_cmphex(rd(as, 0xff0), ==, 0x0d);        /* CID0 */
    g_assert_cmphex(rd(as, 0xffc), ==, 0xb1);        /* CID3 */
    g_assert_cmphex(rd(as, STATE), ==, 0);
    g_assert_cmphex(rd(as, CTRL), ==, 0);

    /* transmit: bytes reach the backend at once; the transmitter is
     * ready again, which raises the TX interrupt with TXINTEN */
    wr(as, BAUDDIV, 217);
    g_assert_cmpuint(rd(as, BAUDDIV), ==, 217);
    wr(as, CTRL, 0x05);                              /* TXEN | TXINTEN */
    g_assert_true(addrspace_st(as, DATA, 1, 'h'));   /* byte access */
    wr(as, DATA, 'i');
    g_assert_cmpuint(chardev_ringbuf_read((Chardev *)chr, buf, sizeof(buf)), ==, 2);
    g_assert_cmpmem(buf, 2, "hi", 2);
    g_assert_cmphex(rd(as, STATE), ==, 0);           /* not TXFULL */
    g_assert_cmphex(rd(as, INTSTATUS), ==, 0x1);
    g_assert_cmpuint(pin_level(u, "txint", 0), ==, 1);
    g_assert_cmpuint(pin_level(u, "uartint", 0), ==, 1);
    g_assert_cmpuint(pin_level(u, "rxint", 0), ==, 0);
    wr(as, INTSTATUS, 0x1);                          /* INTCLEAR */
    g_assert_cmphex(rd(as, INTSTATUS), ==, 0);
    g_assert_cmpuint(pin_level(u, "txint", 0), ==, 0);
    g_assert_cmpuint(pin_level(u, "uartint", 0), ==, 0);

    /* TX off: the byte waits (TXFULL); a second write is an overrun */
    wr(as, CTRL, 0x10);                              /* TXOVINTEN */
    wr(as, DATA, 'a');
    g_assert_cmphex(rd(as, STATE), ==, 0x1);
    g_assert_cmpuint(pin_level(u, "txovrint", 0), ==, 0);
    wr(as, DATA, 'b');
    g_assert_cmphex(rd(as, STATE), ==, 0x5);         /* TXFULL | TXOVERRUN */
    g_assert_cmphex(rd(as, INTSTATUS), ==, 0x4);
    g_assert_cmpuint(pin_level(u, "txovrint", 0), ==, 1);
    g_assert_cmpuint(pin_level(u, "uartint", 0), ==, 1);
    wr(as, INTSTATUS, 0x4);                          /* clears STATE's bit too */
    g_assert_cmphex(rd(as, STATE), ==, 0x1);
    g_assert_cmpuint(pin_level(u, "txovrint", 0), ==, 0);
    wr(as, DATA, 'c');
    g_assert_cmpuint(pin_level(u, "txovrint", 0), ==, 1);
    wr(as, STATE, 0x4);                              /* STATE: write 1 to clear */
    g_assert_cmphex(rd(as, STATE), ==, 0x1);
    g_assert_cmpuint(pin_level(u, "txovrint", 0), ==, 0);
    g_assert_cmpuint(chardev_ringbuf_read((Chardev *)chr, buf, sizeof(buf)), ==, 0);
    wr(as, CTRL, 0x01);                              /* TX on: the last byte goes */
    g_assert_cmpuint(chardev_ringbuf_read((Chardev *)chr, buf, sizeof(buf)), ==, 1);
    g_assert_cmpuint(buf[0], ==, 'c');
    g_assert_cmphex(rd(as, STATE), ==, 0);

    /* receive: off, input is dropped and the backend is told to wait */
    g_assert_false(chardev_can_deliver((Chardev *)chr));
    chardev_deliver((Chardev *)chr, "x", 1);
    g_assert_cmphex(rd(as, STATE), ==, 0);

    /* on: one byte in the buffer (RXFULL, RX interrupt), the rest waits */
    wr(as, CTRL, 0x0a);                              /* RXEN | RXINTEN */
    g_assert_true(chardev_can_deliver((Chardev *)chr));
    chardev_deliver((Chardev *)chr, "ok", 2);
    g_assert_cmphex(rd(as, STATE), ==, 0x2);         /* RXFULL, no overrun */
    g_assert_cmphex(rd(as, INTSTATUS), ==, 0x2);
    g_assert_cmpuint(pin_level(u, "rxint", 0), ==, 1);
    g_assert_cmpuint(pin_level(u, "uartint", 0), ==, 1);
    g_assert_false(chardev_can_deliver((Chardev *)chr));
    wr(as, INTSTATUS, 0x2);
    g_assert_cmpuint(pin_level(u, "rxint", 0), ==, 0);
    g_assert_cmpuint(rd(as, DATA), ==, 'o');
    /* the waiting byte arrives: full again, interrupt again */
    g_assert_cmphex(rd(as, STATE), ==, 0x2);
    g_assert_cmpuint(pin_level(u, "rxint", 0), ==, 1);
    wr(as, INTSTATUS, 0x2);
    g_assert_cmpuint(rd(as, DATA), ==, 'k');
    g_assert_cmphex(rd(as, STATE), ==, 0);
    g_assert_cmpuint(pin_level(u, "rxint", 0), ==, 0);
    g_assert_true(chardev_can_deliver((Chardev *)chr));

    /* RXOVERRUN is write-1-to-clear like TXOVERRUN; reading it with no
     * overrun gives 0, and interrupts without their enables stay low */
    wr(as, CTRL, 0x02);                              /* RXEN only */
    chardev_deliver((Chardev *)chr, "z", 1);
    g_assert_cmphex(rd(as, STATE), ==, 0x2);
    g_assert_cmphex(rd(as, INTSTATUS), ==, 0);
    g_assert_cmpuint(pin_level(u, "uartint", 0), ==, 0);
    g_assert_cmpuint(rd(as, DATA), ==, 'z');

    /* bad accesses are guest errors, not failures */
    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_cmphex(rd(as, 0x14), ==, 0);
    wr(as, 0xfe0, 1);
    g_assert_cmphex(rd(as, 0xfe0), ==, 0x21);
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 2);

    /* reset clears the registers and lowers the lines */
    wr(as, CTRL, 0x05);
    wr(as, DATA, '!');
    g_assert_cmpuint(pin_level(u, "txint", 0), ==, 1);
    object_reset(u);
    g_assert_cmpuint(pin_level(u, "txint", 0), ==, 0);
    g_assert_cmphex(rd(as, CTRL), ==, 0);
    object_destroy(root);
}

enum { T_CTRL = 0x0, T_VALUE = 0x4, T_RELOAD = 0x8, T_INT = 0xc };

static void test_timer(void)
{
    Object *root = object_new_root();
    VClock *clk = (VClock *)object_new_child(root, "virtual-clock", "clock", NULL);
    Object *t = object_new_child(root, "cmsdk-apb-timer", "timer", NULL);
    g_assert_true(object_prop_set_str(t, "clock", "/clock", NULL));
    g_assert_true(object_prop_set_str(t, "pclk-frq", "1000000", NULL));  /* 1 us */
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, t, "regs");

    g_assert_cmphex(rd(as, 0xfe0), ==, 0x22);        /* PID0 */
    g_assert_cmphex(rd(as, T_VALUE), ==, 0);

    /* stopped: VALUE holds */
    clk->now = 5000;
    wr(as, T_RELOAD, 10);                            /* sets VALUE too */
    g_assert_cmpuint(rd(as, T_VALUE), ==, 10);
    clk->now = 8000;
    g_assert_cmpuint(rd(as, T_VALUE), ==, 10);

    /* running: one step per us; 1 -> 0 at 10 us raises the interrupt */
    wr(as, T_CTRL, 0x9);                             /* EN | IRQEN */
    clk->now = 11000;
    g_assert_cmpuint(rd(as, T_VALUE), ==, 7);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 0);
    g_assert_false(vclock_run(clk, 1000000));        /* no CPUs: jumps to it */
    g_assert_cmpuint(clk->now, ==, 18000);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 1);
    g_assert_cmpuint(rd(as, T_INT), ==, 1);
    g_assert_cmpuint(rd(as, T_VALUE), ==, 0);
    /* 0 holds for a tick, then RELOAD, then 10 more ticks */
    clk->now = 19000;
    g_assert_cmpuint(rd(as, T_VALUE), ==, 10);
    clk->now = 20000;
    g_assert_cmpuint(rd(as, T_VALUE), ==, 9);
    wr(as, T_INT, 1);                                /* INTCLEAR */
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 0);
    g_assert_cmpuint(rd(as, T_INT), ==, 0);
    g_assert_false(vclock_run(clk, 1000000));
    g_assert_cmpuint(clk->now, ==, 29000);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 1);

    /* crossings while IRQEN is clear are not remembered */
    wr(as, T_INT, 1);
    wr(as, T_CTRL, 0x1);                             /* EN only */
    clk->now = 45000;                                /* past 40 us */
    wr(as, T_CTRL, 0x9);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 0);
    g_assert_cmpuint(rd(as, T_VALUE), ==, 6);       /* 40: 0, 41: 10, 45: 6 */
    g_assert_false(vclock_run(clk, 1000000));
    g_assert_cmpuint(clk->now, ==, 51000);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 1);

    /* writing VALUE restarts the count; RELOAD 0 stops at 0 */
    wr(as, T_INT, 1);
    wr(as, T_RELOAD, 0);
    wr(as, T_VALUE, 3);
    g_assert_false(vclock_run(clk, 1000000));
    g_assert_cmpuint(clk->now, ==, 54000);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 1);
    wr(as, T_INT, 1);
    g_assert_false(vclock_run(clk, 1000000));        /* nothing more armed */
    g_assert_cmpuint(rd(as, T_VALUE), ==, 0);
    g_assert_cmpuint(pin_level(t, "timerint", 0), ==, 0);

    /* disabled: the count stops */
    wr(as, T_RELOAD, 100);
    clk->now = 60000;
    wr(as, T_CTRL, 0x0);
    clk->now = 90000;
    g_assert_cmpuint(rd(as, T_VALUE), ==, 100 - 6);
    object_destroy(root);
}

static void test_timer_needs_clock(void)
{
    Object *root = object_new_root();
    Error *err = NULL;
    Object *t = object_new_child(root, "cmsdk-apb-timer", "timer", NULL);
    g_assert_false(object_realize(t, &err));
    g_assert_nonnull(strstr(err->msg, "clock"));
    error_free(err);
    err = NULL;
    Object *d = object_new_child(root, "cmsdk-apb-dualtimer", "dual", NULL);
    g_assert_false(object_realize(d, &err));
    g_assert_nonnull(strstr(err->msg, "clock"));
    error_free(err);
    object_destroy(root);
}

enum {
    LOAD = 0x0, VALUE = 0x4, CONTROL = 0x8, INTCLR = 0xc, RIS = 0x10,
    MIS = 0x14, BGLOAD = 0x18, T2 = 0x20,
    C_ONESHOT = 0x01, C_32 = 0x02, C_DIV16 = 0x04, C_INTEN = 0x20,
    C_PERIODIC = 0x40, C_ENABLE = 0x80,
};

static void test_dualtimer(void)
{
    Object *root = object_new_root();
    VClock *clk = (VClock *)object_new_child(root, "virtual-clock", "clock", NULL);
    Object *d = object_new_child(root, "cmsdk-apb-dualtimer", "dual", NULL);
    g_assert_true(object_prop_set_str(d, "clock", "/clock", NULL));
    g_assert_true(object_prop_set_str(d, "pclk-frq", "1000000", NULL));
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, d, "regs");

    /* reset: free-running, 16-bit, INTEN, stopped, VALUE 0xffffffff */
    g_assert_cmphex(rd(as, 0xfe0), ==, 0x23);
    g_assert_cmphex(rd(as, CONTROL), ==, C_INTEN);
    g_assert_cmphex(rd(as, T2 + CONTROL), ==, C_INTEN);
    g_assert_cmphex(rd(as, VALUE), ==, 0xffffffff);

    /* periodic, 32-bit, prescale 16: a tick is 16 us; 5 ticks, then 6 */
    wr(as, LOAD, 5);
    wr(as, CONTROL, C_ENABLE | C_PERIODIC | C_INTEN | C_32 | C_DIV16);
    clk->now = 33000;
    g_assert_cmpuint(rd(as, VALUE), ==, 3);
    g_assert_false(vclock_run(clk, 10000000));
    g_assert_cmpuint(clk->now, ==, 80000);
    g_assert_cmpuint(rd(as, RIS), ==, 1);
    g_assert_cmpuint(rd(as, MIS), ==, 1);
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 1);
    g_assert_cmpuint(pin_level(d, "timerintc", 0), ==, 1);
    g_assert_cmpuint(pin_level(d, "timerint2", 0), ==, 0);
    wr(as, INTCLR, 1);
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 0);
    g_assert_cmpuint(pin_level(d, "timerintc", 0), ==, 0);
    /* BGLOAD changes the next period, not the current count: at 112 us
     * the count is 4 (80: 0, 96: 5, 112: 4) */
    clk->now = 112000;
    g_assert_cmpuint(rd(as, VALUE), ==, 4);
    wr(as, BGLOAD, 9);
    g_assert_cmpuint(rd(as, VALUE), ==, 4);
    g_assert_cmpuint(rd(as, LOAD), ==, 9);
    g_assert_false(vclock_run(clk, 10000000));
    g_assert_cmpuint(clk->now, ==, 176000);          /* 112 + 4 * 16 */
    wr(as, INTCLR, 1);
    g_assert_false(vclock_run(clk, 10000000));
    g_assert_cmpuint(clk->now, ==, 336000);          /* + 10 * 16 */
    wr(as, CONTROL, C_PERIODIC | C_INTEN | C_32);    /* stop */
    wr(as, INTCLR, 1);

    /* one-shot, timer 2: one event, then it stays at 0 */
    wr(as, T2 + LOAD, 3);
    wr(as, T2 + CONTROL, C_ENABLE | C_ONESHOT | C_INTEN | C_32);
    g_assert_false(vclock_run(clk, 10000000));
    g_assert_cmpuint(clk->now, ==, 339000);
    g_assert_cmpuint(pin_level(d, "timerint2", 0), ==, 1);
    g_assert_cmpuint(pin_level(d, "timerintc", 0), ==, 1);
    wr(as, T2 + INTCLR, 1);
    g_assert_false(vclock_run(clk, 10000000));       /* nothing armed */
    clk->now = 900000;
    g_assert_cmpuint(rd(as, T2 + VALUE), ==, 0);
    g_assert_cmpuint(rd(as, T2 + RIS), ==, 0);
    /* loading it again restarts it */
    wr(as, T2 + LOAD, 2);
    g_assert_false(vclock_run(clk, 10000000));
    g_assert_cmpuint(clk->now, ==, 902000);
    g_assert_cmpuint(rd(as, T2 + RIS), ==, 1);
    wr(as, T2 + CONTROL, 0);
    wr(as, T2 + INTCLR, 1);

    /* 16-bit free-running: the top half reads from the load; it wraps
     * to 0xffff; without INTEN, RIS is set but MIS and the line are not */
    wr(as, LOAD, 0x12345);
    g_assert_cmphex(rd(as, VALUE), ==, 0x12345);
    clk->now = 1000000;
    wr(as, CONTROL, C_ENABLE);
    clk->now = 1000000 + 0x2345 * 1000;
    g_assert_cmphex(rd(as, VALUE), ==, 0x10000);
    g_assert_cmpuint(rd(as, RIS), ==, 1);
    g_assert_cmpuint(rd(as, MIS), ==, 0);
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 0);
    clk->now += 1000;
    g_assert_cmphex(rd(as, VALUE), ==, 0x1ffff);
    wr(as, CONTROL, C_ENABLE | C_INTEN);             /* the line follows MIS */
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 1);
    wr(as, INTCLR, 1);
    g_assert_false(vclock_run(clk, 100000000));
    g_assert_cmpuint(clk->now, ==, 1000000 + (0x2345 + 0x10000) * 1000);
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 1);
    /* to 32 bits: the top half joins the count */
    wr(as, INTCLR, 1);
    wr(as, CONTROL, C_32);
    g_assert_cmphex(rd(as, VALUE), ==, 0x10000);

    /* integration test mode drives the lines from TIMERITOP */
    wr(as, 0xf00, 1);
    wr(as, 0xf04, 2);
    g_assert_cmpuint(pin_level(d, "timerint1", 0), ==, 0);
    g_assert_cmpuint(pin_level(d, "timerint2", 0), ==, 1);
    g_assert_cmpuint(pin_level(d, "timerintc", 0), ==, 1);
    wr(as, 0xf00, 0);
    g_assert_cmpuint(pin_level(d, "timerintc", 0), ==, 0);

    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_cmphex(rd(as, 0x1c), ==, 0);
    wr(as, 0x40, 0);
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 2);
    object_destroy(root);
}

static void test_fpgaio(void)
{
    Object *root = object_new_root();
    VClock *clk = (VClock *)object_new_child(root, "virtual-clock", "clock", NULL);
    Object *f = object_new_child(root, "mps2-fpgaio", "fpgaio", NULL);
    g_assert_true(object_prop_set_str(f, "clock", "/clock", NULL));
    g_assert_true(object_prop_set_str(f, "prescale-clk", "1000000", NULL));
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, f, "regs");
    uint64_t v = 9;

    /* LEDs: two on AN385 */
    wr(as, 0x00, 0xff);
    g_assert_cmphex(rd(as, 0x00), ==, 0x3);
    g_assert_true(pin_get(f, "led", 1, &v, NULL));
    g_assert_cmpuint(v, ==, 1);
    g_assert_cmphex(rd(as, 0x08), ==, 0);            /* BUTTON */

    /* 1 Hz and 100 Hz counters; with PRESCALE and PSCNTR 0 at reset,
     * COUNTER counts every prescale tick */
    clk->now = 2500000000ULL;
    g_assert_cmpuint(rd(as, 0x10), ==, 2);
    g_assert_cmpuint(rd(as, 0x14), ==, 250);
    g_assert_cmpuint(rd(as, 0x18), ==, 2500000);
    wr(as, 0x10, 100);
    clk->now += 1000000000ULL;
    g_assert_cmpuint(rd(as, 0x10), ==, 101);

    /* PSCNTR counts down, reloads from PRESCALE, COUNTER steps then */
    wr(as, 0x18, 0);                                 /* COUNTER */
    wr(as, 0x1c, 4);                                 /* PRESCALE */
    wr(as, 0x20, 2);                                 /* PSCNTR */
    uint64_t t0 = clk->now;
    static const uint32_t ps[] = { 2, 1, 0, 4, 3, 2, 1, 0, 4 };
    static const uint32_t cnt[] = { 0, 0, 0, 1, 1, 1, 1, 1, 2 };
    for (unsigned i = 0; i < G_N_ELEMENTS(ps); i++) {
        clk->now = t0 + i * 1000;
        g_assert_cmpuint(rd(as, 0x20), ==, ps[i]);
        g_assert_cmpuint(rd(as, 0x18), ==, cnt[i]);
    }
    g_assert_cmpuint(rd(as, 0x1c), ==, 4);

    unsigned long errs = log_count(LOG_GUEST_ERROR);
    g_assert_cmphex(rd(as, 0x28), ==, 0);            /* no SWITCH on AN385 */
    g_assert_cmpuint(log_count(LOG_GUEST_ERROR), ==, errs + 1);
    wr(as, 0x4c, 0x5);
    g_assert_cmphex(rd(as, 0x4c), ==, 0x5);
    object_destroy(root);
}

static void test_scc(void)
{
    Object *root = object_new_root();
    Object *c = object_new_child(root, "mps2-scc", "scc", NULL);
    g_assert_true(object_prop_set_str(c, "scc-id", "0x41043850", NULL));
    g_assert_true(object_prop_set_str(c, "scc-aid", "0x00200008", NULL));
    g_assert_true(object_prop_set_str(c, "scc-cfg4", "2", NULL));
    json_t *osc = json_pack("[iii]", 50000000, 24576000, 25000000);
    g_assert_true(object_prop_set(c, "oscclk", osc, false, NULL));
    json_decref(osc);
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    AddressSpace *as = map_alone(root, c, "regs");
    uint64_t v = 9;

    g_assert_cmphex(rd(as, 0xffc), ==, 0x41043850);
    g_assert_cmphex(rd(as, 0xff8), ==, 0x00200008);
    g_assert_cmphex(rd(as, 0x010), ==, 2);
    g_assert_cmphex(rd(as, 0x00c), ==, 0);           /* switches */
    g_assert_cmphex(rd(as, 0x100), ==, 0xffff0001);  /* DLLs locked */
    g_assert_cmphex(rd(as, 0x0a8), ==, 0x100000);

    /* CFG0 bit 0 is the remap line, CFG1 the LEDs */
    wr(as, 0x000, 1);
    g_assert_cmpuint(pin_level(c, "remap", 0), ==, 1);
    wr(as, 0x004, 0x81);
    g_assert_true(pin_get(c, "led", 7, &v, NULL));
    g_assert_cmpuint(v, ==, 1);
    g_assert_cmpuint(pin_level(c, "led", 0), ==, 1);
    g_assert_cmphex(rd(as, 0x004), ==, 0x81);
    wr(as, 0x100, 0x12345678);
    g_assert_cmphex(rd(as, 0x100), ==, 0x12ff0001);

    /* SYS_CFG: read OSCCLK1, write OSCCLK2, a missing device errs */
    wr(as, 0x0a8, 0x80000000u | 1 << 20 | 1);
    g_assert_cmphex(rd(as, 0x0ac), ==, 1);           /* DONE */
    g_assert_cmpuint(rd(as, 0x0a0), ==, 24576000);
    g_assert_cmphex(rd(as, 0x0a8), ==, 1 << 20 | 1); /* START reads 0 */
    wr(as, 0x0a4, 1234);
    wr(as, 0x0a8, 0xc0000000u | 1 << 20 | 2);
    g_assert_cmphex(rd(as, 0x0ac), ==, 1);
    wr(as, 0x0a8, 0x80000000u | 1 << 20 | 2);
    g_assert_cmpuint(rd(as, 0x0a0), ==, 1234);
    wr(as, 0x0a8, 0x80000000u | 1 << 20 | 5);
    g_assert_cmphex(rd(as, 0x0ac), ==, 3);           /* DONE | ERROR */
    wr(as, 0x0a8, 0);
    g_assert_cmphex(rd(as, 0x0ac), ==, 0);

    /* reset: the oscillators and the lines come back */
    object_reset(c);
    g_assert_cmpuint(pin_level(c, "remap", 0), ==, 0);
    wr(as, 0x0a8, 0x80000000u | 1 << 20 | 2);
    g_assert_cmpuint(rd(as, 0x0a0), ==, 25000000);
    object_destroy(root);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, chardev_types, hw_types, NULL },
        NULL));
    g_test_add_func("/cmsdk/apb-uart", test_uart);
    g_test_add_func("/cmsdk/apb-timer", test_timer);
    g_test_add_func("/cmsdk/needs-clock", test_timer_needs_clock);
    g_test_add_func("/cmsdk/apb-dualtimer", test_dualtimer);
    g_test_add_func("/cmsdk/mps2-fpgaio", test_fpgaio);
    g_test_add_func("/cmsdk/mps2-scc", test_scc);
    return g_test_run();
}
