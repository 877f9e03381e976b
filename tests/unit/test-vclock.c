/* Unit tests for virtual time and the scheduler: CPUs run in tree order for
 * their share of each quantum, rounds end at timer deadlines, idle time is
 * skipped, time inside a CPU's turn counts its retired instructions, and
 * over many rounds a CPU's time is its retired count (overshoot, early
 * returns and fractions of an instruction carried).
 * SPDX-License-Identifier: MIT */
#include <glib.h>

#include "exec/types.h"
#include "exec/vclock.h"
#include "memory/memory.h"

/* A CPU that retires what it is given, rounded up to whole blocks of
 * block instructions if set (as interpreters end at a block boundary), at
 * most cap per call if set (as when exceptions use up the budget),
 * logging its turns; it halts when its instruction count reaches halt_at. */
typedef struct TCpu {
    Cpu cpu;
    uint64_t pc;
    uint64_t halt_at;
    uint64_t block, cap;
    uint64_t exit_at;          /* asks to stop (a reset request) here */
    GString *log;
} TCpu;

static uint64_t tcpu_exec(Cpu *cpu, uint64_t budget)
{
    TCpu *t = (TCpu *)cpu;
    uint64_t n = t->block ? (budget + t->block - 1) / t->block * t->block : budget;
    n = t->cap && n > t->cap ? t->cap : n;
    if (t->halt_at && cpu->retired + n >= t->halt_at) {
        n = t->halt_at - cpu->retired;
        cpu->halted = true;
    }
    if (t->exit_at && cpu->retired < t->exit_at && cpu->retired + n >= t->exit_at) {
        n = t->exit_at - cpu->retired;
        cpu->exit_request = true;
    }
    cpu->retired += n;
    g_string_append_printf(t->log, "%s+%" G_GUINT64_FORMAT " ", cpu->obj.name, n);
    return n;
}

static uint64_t tcpu_get_pc(Cpu *cpu) { return ((TCpu *)cpu)->pc; }
static void tcpu_set_pc(Cpu *cpu, uint64_t pc) { ((TCpu *)cpu)->pc = pc; }

static const CpuOps tcpu_ops = { tcpu_exec, tcpu_get_pc, tcpu_set_pc };

static const TypeInfo tcpu_type = {
    .name = "test-cpu", .parent = TYPE_CPU, .doc = "a CPU that only counts",
    .instance_size = sizeof(TCpu), .class_ops = &tcpu_ops, .target = "test",
};
static const TypeInfo *const test_types[] = { &tcpu_type, NULL };

typedef struct Fired {
    GString *log;
    VClock *c;
} Fired;

static void on_timer(void *opaque)
{
    Fired *f = opaque;
    g_string_append_printf(f->log, "T@%" G_GUINT64_FORMAT " ", vclock_now(f->c));
}

static Object *root;

static TCpu *new_cpu(Object *parent, const char *name, const char *freq,
                     GString *log)
{
    Object *o = object_new_child(parent, "test-cpu", name, NULL);
    g_assert_true(object_prop_set_str(o, "address-space", "/as", NULL));
    g_assert_true(object_prop_set_str(o, "clock-frequency", freq, NULL));
    ((TCpu *)o)->log = log;
    return (TCpu *)o;
}

/* Under parent: the address space the test CPUs see ("as") and a clock
 * of the given quantum (ns). */
static VClock *new_clock(Object *parent, const char *quantum)
{
    object_new_child(parent, "address-space", "as", NULL);
    VClock *c = (VClock *)object_new_child(parent, TYPE_VIRTUAL_CLOCK, "clock", NULL);
    g_assert_true(object_prop_set_str(&c->obj, "quantum", quantum, NULL));
    return c;
}

/* Realize and reset the tree; the clock takes the CPUs below its parent. */
static void start(VClock *c)
{
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    vclock_attach_cpus(c);
}

static void test_rounds_and_timers(void)
{
    root = object_new_root();
    GString *log = g_string_new(NULL);
    object_new_child(root, "address-space", "as", NULL);
    Object *m = object_new_child(root, "container", "m", NULL);
    VClock *c = (VClock *)object_new_child(m, TYPE_VIRTUAL_CLOCK, "clock", NULL);
    g_assert_true(object_prop_set_str(&c->obj, "quantum", "1000", NULL));
    new_cpu(m, "a", "1000000000", log);          /* 1 insn per ns */
    Object *sub = object_new_child(m, "container", "sub", NULL);
    new_cpu(sub, "b", "500000000", log);         /* 1 insn per 2 ns */
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    vclock_attach_cpus(c);
    g_assert_cmpuint(c->ncpus, ==, 2);

    Fired f = { log, c };
    VTimer t;
    vtimer_init(&t, on_timer, &f);
    vtimer_mod(&t, c, 1500);
    g_assert_true(vclock_run(c, 3000));
    /* rounds of 1000 ns; the second ends at the deadline 1500 */
    g_assert_cmpstr(log->str, ==, "a+1000 b+500 a+500 b+250 T@1500 "
                    "a+1000 b+500 a+500 b+250 ");
    g_assert_cmpuint(c->now, ==, 3000);
    g_assert_false(t.armed);
    object_destroy(root);
    g_string_free(log, true);
}

static void test_idle_skip(void)
{
    root = object_new_root();
    GString *log = g_string_new(NULL);
    object_new_child(root, "address-space", "as", NULL);
    VClock *c = (VClock *)object_new_child(root, TYPE_VIRTUAL_CLOCK, "clock", NULL);
    TCpu *a = new_cpu(root, "a", "1000000000", log);
    a->halt_at = 200;                          /* then waits (wfi) */
    g_assert_true(object_realize(root, NULL));
    object_reset(root);
    vclock_attach_cpus(c);

    Fired f = { log, c };
    VTimer t;
    vtimer_init(&t, on_timer, &f);
    vtimer_mod(&t, c, 5000000);                /* 5 ms away */
    /* a halts, time jumps to the timer; then nothing can run and no timer
     * is armed: time stops and the caller waits for an outside event */
    g_assert_false(vclock_run(c, 10000000));
    g_assert_cmpstr(log->str, ==, "a+200 T@5000000 ");
    g_assert_cmpuint(c->now, ==, 5000000);
    a->cpu.halted = false;                     /* an interrupt woke it */
    a->halt_at = 0;
    g_assert_true(vclock_run(c, 1000));
    g_assert_cmpuint(c->now, ==, 5001000);
    object_destroy(root);
    g_string_free(log, true);
}

/* A CPU that retires past its budget (whole blocks of 3) is that far
 * ahead: its next turn is shorter, so virtual time stays its retired count
 * at its frequency (it used to lose the overshoot: 2 per 1000 here). */
static void test_overshoot(void)
{
    root = object_new_root();
    GString *log = g_string_new(NULL);
    VClock *c = new_clock(root, "1000");
    TCpu *a = new_cpu(root, "a", "1000000000", log);
    a->block = 3;
    start(c);
    g_assert_true(vclock_run(c, 3000));
    g_assert_cmpstr(log->str, ==, "a+1002 a+999 a+999 ");
    g_assert_cmpuint(a->cpu.retired, ==, 3000);
    g_assert_cmpuint(a->cpu.ahead, ==, 0);
    g_assert_true(vclock_run(c, 1000));
    g_assert_cmpuint(a->cpu.retired, ==, 4002);
    g_assert_cmpuint(a->cpu.ahead, ==, 2);
    /* inside its next turn, time counts from where it got to */
    c->running = &a->cpu;
    c->running_base = a->cpu.retired - a->cpu.ahead;
    g_assert_cmpuint(vclock_now(c), ==, 4002);
    c->running = NULL;
    object_destroy(root);
    g_string_free(log, true);
}

/* A CPU whose exec returns early without waiting is run again for the
 * rest of its share; a share's fraction of an instruction is carried to
 * the next round (a third of an instruction per ns here). */
static void test_short_turns_and_fractions(void)
{
    root = object_new_root();
    GString *log = g_string_new(NULL);
    VClock *c = new_clock(root, "1000");
    TCpu *a = new_cpu(root, "a", "1000000000", log);
    a->cap = 300;
    TCpu *b = new_cpu(root, "b", "333333333", log);
    start(c);
    g_assert_true(vclock_run(c, 1000));
    g_assert_cmpstr(log->str, ==, "a+300 a+300 a+300 a+100 b+333 ");
    a->cap = 0;
    g_assert_true(vclock_run(c, 2999000));
    g_assert_cmpuint(a->cpu.retired, ==, 3000000);
    g_assert_cmpuint(b->cpu.retired, ==, 999999);   /* not 3000 * 333 */
    object_destroy(root);
    g_string_free(log, true);
}

/* A CPU that asks to stop (exit_request: a reset or exit request) ends
 * its turn there: it is not run again for the rest of its share; the
 * next CPU runs, and it goes on in the next round. */
static void test_exit_request_ends_turn(void)
{
    root = object_new_root();
    GString *log = g_string_new(NULL);
    VClock *c = new_clock(root, "1000");
    TCpu *a = new_cpu(root, "a", "1000000000", log);
    a->exit_at = 400;
    new_cpu(root, "b", "1000000000", log);
    start(c);
    g_assert_true(vclock_run(c, 2000));
    g_assert_cmpstr(log->str, ==, "a+400 b+1000 a+1000 b+1000 ");
    g_assert_false(a->cpu.exit_request);
    object_destroy(root);
    g_string_free(log, true);
}

static void test_now_inside_a_turn(void)
{
    root = object_new_root();
    object_new_child(root, "address-space", "as", NULL);
    VClock *c = (VClock *)object_new_child(root, TYPE_VIRTUAL_CLOCK, "clock", NULL);
    GString *log = g_string_new(NULL);
    TCpu *a = new_cpu(root, "a", "250000000", log);    /* 4 ns per insn */
    g_assert_true(object_realize(root, NULL));
    c->now = 1000;
    c->running = &a->cpu;
    c->running_base = a->cpu.retired;
    a->cpu.retired += 10;
    g_assert_cmpuint(vclock_now(c), ==, 1040);
    c->running = NULL;
    object_destroy(root);
    g_string_free(log, true);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_assert_true(type_registry_init((const TypeInfo *const *const[]){
        core_types, memory_types, exec_types, test_types, NULL }, NULL));
    g_test_add_func("/vclock/rounds-and-timers", test_rounds_and_timers);
    g_test_add_func("/vclock/idle-skip", test_idle_skip);
    g_test_add_func("/vclock/now-inside-a-turn", test_now_inside_a_turn);
    g_test_add_func("/vclock/overshoot", test_overshoot);
    g_test_add_func("/vclock/short-turns-and-fractions",
                    test_short_turns_and_fractions);
    g_test_add_func("/vclock/exit-request-ends-turn", test_exit_request_ends_turn);
    return g_test_run();
}
