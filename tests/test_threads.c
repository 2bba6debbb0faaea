/* threads: several threads share one frozen calendar, one catalog, one working-hours object,
 * one intake policy, one 766 table and one target set (everything the headers call immutable
 * once built), each aggregates its own slice of dossiers, and the merged aggregates equal the
 * aggregate of a single pass, exactly. Along the way every thread uses the shared objects the
 * way a portal's worker would: working-day arithmetic, catalog lookups and searches, due
 * instants and their explanations, text normalisation, iCalendar export and report schedules
 * (libical), JSON loading (jansson). Run under ThreadSanitizer by `sh tests/hardening.sh tsan`,
 * which also runs it under Helgrind, so races inside the uninstrumented libical, jansson and
 * utf8proc show too. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gen/dossier_gen.h"
#include "tthc.h"

#define THREADS 4
#define DOSSIERS 1200 /* each thread aggregates DOSSIERS / THREADS of them */

typedef struct shared {
  const tthc_cal *cal;
  const tthc_catalog *catalog;
  const tthc_hours *hours;
  const tthc_deadline_policy *policy;
  const tthc_index766 *index;
  const tthc_targets *targets;
  tthc_datetime as_of;
} shared;

typedef struct job {
  const shared *sh;
  size_t first, last; /* dossiers [first, last) */
  tthc_agg *agg;      /* built by the job */
  uint64_t sum;       /* hash of everything else the job computed */
  tthc_status st;     /* first failure, or TTHC_OK */
  int line;           /* where it failed */
} job;

static uint64_t mix(uint64_t h, uint64_t v) {
  h ^= v + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h;
}

static uint64_t mix_str(uint64_t h, const char *s) {
  for (; s && *s; s++) h = mix(h, (unsigned char)*s);
  return mix(h, 0);
}

/* Dossier i of the test: the synthetic generator seeded by i, its procedure replaced by a
 * procedure of the catalog (so the aggregate looks the catalog up) and, for one dossier in
 * three, no field and no limit of its own (the catalog supplies them). */
static void make_dossier(const shared *sh, size_t i, tthc_dossier *d) {
  gen g;
  gen_init(&g, 1000 + i, 7, 40);
  gen_next(&g, d);
  size_t n = tthc_catalog_count(sh->catalog);
  const tthc_proc *p = tthc_catalog_at(sh->catalog, i % n);
  tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, tthc_proc_code(p));
  if (i % 3 == 0) {
    tthc_dossier_set_text(d, TTHC_DOSSIER_FIELD, NULL);
    tthc_dossier_clear_limit(d);
  }
}

static tthc_status new_agg(const shared *sh, tthc_agg **out) {
  tthc_dossier_clock clock;
  memset(&clock, 0, sizeof clock);
  clock.cal = sh->cal, clock.hours = sh->hours, clock.policy = sh->policy;
  tthc_status st = tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_FIELD | TTHC_BY_PERIOD,
                                TTHC_PERIOD_QUARTER, sh->as_of, out);
  if (st == TTHC_OK) st = tthc_agg_set_clock(*out, &clock);
  if (st == TTHC_OK) st = tthc_agg_set_catalog(*out, sh->catalog);
  return st;
}

#define CHECK(expr)                                    \
  do {                                                 \
    tthc_status st_ = (expr);                          \
    if (st_ != TTHC_OK && j->st == TTHC_OK) {          \
      j->st = st_, j->line = __LINE__;                 \
    }                                                  \
    if (st_ != TTHC_OK) goto out;                      \
  } while (0)

/* What one worker does with the shared objects for one dossier. */
static uint64_t use_shared(job *j, const tthc_dossier *d, uint64_t h) {
  const shared *sh = j->sh;
  int64_t received;
  tthc_date day, next;
  int32_t n;
  int work;
  char buf[512];
  size_t len;
  CHECK(tthc_dossier_get_int(d, TTHC_DOSSIER_RECEIVED_AT, &received));
  day = tthc_datetime_date(received);
  /* the calendar */
  CHECK(tthc_cal_is_workday(sh->cal, day, &work));
  CHECK(tthc_cal_add_workdays(sh->cal, day, 10, &next));
  CHECK(tthc_cal_count_workdays(sh->cal, day, next, &n));
  h = mix(mix(mix(h, (uint64_t)work), (uint64_t)next), (uint64_t)n);
  tthc_day_kind kind;
  const tthc_cal_entry *entry = NULL;
  CHECK(tthc_cal_day(sh->cal, next, &kind, &entry));
  h = mix_str(mix(h, kind), tthc_cal_entry_name_vi(entry));
  /* the catalog */
  const tthc_proc *p = NULL;
  tthc_status st = tthc_catalog_get(sh->catalog, tthc_dossier_get_text(d, TTHC_DOSSIER_PROCEDURE),
                                    &p);
  CHECK(st);
  const tthc_proc *res[4];
  tthc_match m[4];
  size_t found = 0;
  const char *name = tthc_proc_name(p);
  CHECK(tthc_catalog_search(sh->catalog, name, strlen(name), res, m, 4, &found));
  h = mix(h, found);
  for (size_t k = 0; k < found && k < 4; k++) h = mix_str(mix(h, m[k]), tthc_proc_code(res[k]));
  /* a due instant and its explanation, under the procedure's limit */
  tthc_limit lim;
  if (tthc_proc_limit(p, TTHC_CHANNEL_DIRECT, &lim, NULL) == TTHC_OK) {
    tthc_datetime start, due;
    CHECK(tthc_deadline_due(sh->cal, sh->hours, sh->policy, received, lim, &start, &due));
    h = mix(mix(h, (uint64_t)start), (uint64_t)due);
    tthc_deadline_result *r = NULL;
    CHECK(tthc_deadline_explain(sh->cal, sh->hours, sh->policy, received, lim, &r));
    for (size_t k = 0; k < tthc_deadline_result_step_count(r); k++) {
      tthc_deadline_step step;
      if (tthc_deadline_result_step(r, k, &step) == TTHC_OK &&
          tthc_deadline_step_describe(&step, 1, buf, sizeof buf, &len) == TTHC_OK)
        h = mix_str(h, buf);
    }
    h = mix(h, (uint64_t)tthc_deadline_result_due(r));
    tthc_deadline_result_free(r);
  }
  /* text: normalisation, folding, collation (utf8proc underneath) */
  const char *unit = tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT);
  char *norm = NULL, *fold = NULL;
  size_t nl, fl;
  CHECK(tthc_text_normalize_alloc(name, strlen(name), TTHC_TEXT_NFD, &norm, &nl, NULL));
  CHECK(tthc_text_fold_alloc(norm, nl, 0, &fold, &fl, NULL));
  int cmp = 0;
  CHECK(tthc_text_compare(unit, strlen(unit), name, strlen(name), 0, &cmp, NULL));
  h = mix(mix_str(mix_str(h, norm), fold), (uint64_t)(cmp + 1));
  tthc_free(norm);
  tthc_free(fold);
out:
  return h;
}

/* What one worker does once with the shared objects (libical and jansson underneath). */
static uint64_t use_libraries(job *j, uint64_t h) {
  const shared *sh = j->sh;
  char *ics = NULL;
  size_t len;
  tthc_date from, to, due[16];
  size_t count = 0;
  CHECK(tthc_date_from_ymd(2025, 1, 1, &from));
  CHECK(tthc_date_from_ymd(2025, 6, 30, &to));
  CHECK(tthc_ical_export_alloc(sh->cal, from, to, &ics, &len));
  h = mix(h, len);
  /* the export imported into this thread's own builder */
  tthc_cal_builder *b = NULL;
  CHECK(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b));
  tthc_status st = tthc_ical_import(b, ics, len, NULL);
  tthc_cal *mine = NULL;
  int32_t feb = 0;
  if (st == TTHC_OK) st = tthc_cal_build(b, &mine);
  if (st == TTHC_OK) st = tthc_cal_month_workdays(mine, 2025, 2, &feb);
  h = mix(h, (uint64_t)feb);
  tthc_cal_free(mine);
  tthc_cal_builder_free(b);
  tthc_free(ics);
  CHECK(st);
  static const char rule[] = "FREQ=MONTHLY;BYMONTHDAY=20";
  CHECK(tthc_schedule_dates(rule, strlen(rule), from, sh->cal, from, to, NULL, due, 16, &count,
                            NULL));
  for (size_t k = 0; k < count; k++) h = mix(h, (uint64_t)due[k]);
  /* JSON read and written by jansson in every thread at once */
  char *json = NULL;
  CHECK(tthc_index766_to_json_alloc(sh->index, &json));
  tthc_index766 *copy = NULL;
  st = tthc_index766_from_json(json, strlen(json), &copy, NULL);
  h = mix(h, tthc_index766_count(copy));
  tthc_index766_free(copy);
  tthc_free(json);
  CHECK(st);
out:
  return h;
}

static void *worker(void *arg) {
  job *j = arg;
  const shared *sh = j->sh;
  uint64_t h = use_libraries(j, 0);
  tthc_dossier *d = NULL;
  CHECK(new_agg(sh, &j->agg));
  CHECK(tthc_dossier_new(NULL, 0, &d));
  for (size_t i = j->first; i < j->last && j->st == TTHC_OK; i++) {
    make_dossier(sh, i, d);
    h = use_shared(j, d, h);
    tthc_status st = tthc_agg_add(j->agg, d, NULL);
    if (st != TTHC_ERANGE) CHECK(st); /* ERANGE: counted as skipped, outside the calendar */
  }
  /* the shared 766 table and targets read against this thread's aggregate */
  for (size_t g = 0; g < tthc_agg_group_count(j->agg); g++) {
    tthc_index766_result r;
    CHECK(tthc_index766_score(sh->index, j->agg, g, NULL, 0, &r));
    tthc_target_check c;
    CHECK(tthc_targets_check(sh->targets, 0, j->agg, g, &c));
  }
out:
  tthc_dossier_free(d);
  j->sum = h;
  return NULL;
}

/* Every statistic of every group of two aggregates is equal, bit for bit. */
static void assert_same_agg(const tthc_agg *a, const tthc_agg *b) {
  assert_int_equal(tthc_agg_group_count(a), tthc_agg_group_count(b));
  for (int r = 0; r <= TTHC_SKIP_ERROR; r++)
    assert_int_equal(tthc_agg_skipped(a, r), tthc_agg_skipped(b, r));
  for (size_t g = 0; g < tthc_agg_group_count(a); g++) {
    tthc_agg_key ka, kb;
    assert_int_equal(tthc_agg_group(a, g, &ka), TTHC_OK);
    assert_int_equal(tthc_agg_group(b, g, &kb), TTHC_OK);
    assert_string_equal(ka.unit, kb.unit);
    assert_string_equal(ka.field, kb.field);
    assert_string_equal(ka.label, kb.label);
    for (int id = 0; id < TTHC__COUNT_N; id++) {
      int64_t x, y;
      assert_int_equal(tthc_agg_count(a, g, id, &x), TTHC_OK);
      assert_int_equal(tthc_agg_count(b, g, id, &y), TTHC_OK);
      assert_int_equal(x, y);
    }
    for (int id = 0; id < TTHC__RATE_N; id++) {
      tthc_rate x, y;
      assert_int_equal(tthc_agg_rate(a, g, id, &x), TTHC_OK);
      assert_int_equal(tthc_agg_rate(b, g, id, &y), TTHC_OK);
      assert_true(x.num == y.num && x.den == y.den && x.value == y.value);
    }
    tthc_time_stats x, y;
    assert_int_equal(tthc_agg_time(a, g, &x), TTHC_OK);
    assert_int_equal(tthc_agg_time(b, g, &y), TTHC_OK);
    assert_true(x.count == y.count && x.sum == y.sum && x.min == y.min && x.max == y.max);
    assert_true(x.mean == y.mean && x.median == y.median && x.median_lo == y.median_lo &&
                x.median_hi == y.median_hi && x.median_exact == y.median_exact);
    assert_true(x.budgeted == y.budgeted && x.used_budgeted == y.used_budgeted &&
                x.budget == y.budget);
    tthc_eval ea, eb;
    assert_int_equal(tthc_agg_eval(a, g, &ea), TTHC_OK);
    assert_int_equal(tthc_agg_eval(b, g, &eb), TTHC_OK);
    assert_int_equal(ea.total_tenths, eb.total_tenths);
    assert_int_equal(ea.grade, eb.grade);
    for (int i = 0; i < 9; i++) assert_int_equal(ea.tenths[i], eb.tenths[i]);
  }
}

static tthc_catalog *load_catalog(void) {
  tthc_catalog *c = NULL;
  tthc_error err;
  if (tthc_catalog_load_file(TTHC_TEST_DATA "/catalog_commune.json", &c, &err) != TTHC_OK)
    fail_msg("catalog: %s", err.message);
  return c;
}

static tthc_targets *load_targets(void) {
  static const char json[] =
      "{\"name\":\"t\",\"targets\":[{\"rate\":\"on_time_766\",\"min\":\"95%\"},"
      "{\"rate\":\"late\",\"max\":0.05}]}";
  tthc_targets *t = NULL;
  assert_int_equal(tthc_targets_from_json(json, strlen(json), &t, NULL), TTHC_OK);
  return t;
}

static void test_threads_share_and_merge(void **state) {
  (void)state;
  tthc_cal *cal = NULL;
  tthc_hours *hours = NULL;
  tthc_deadline_policy *policy = NULL;
  tthc_index766 *index = NULL;
  assert_int_equal(tthc_cal_new_vietnam(2024, 2026, &cal), TTHC_OK);
  assert_int_equal(tthc_hours_new(&hours), TTHC_OK);
  static const char summer[] = "07:00-11:30,13:30-17:00";
  assert_int_equal(tthc_hours_set_sessions(hours, TTHC_WEEKDAYS_ALL, summer, strlen(summer), NULL),
                   TTHC_OK);
  assert_int_equal(tthc_deadline_policy_new(&policy), TTHC_OK);
  assert_int_equal(tthc_index766_default(&index), TTHC_OK);
  tthc_catalog *catalog = load_catalog();
  tthc_targets *targets = load_targets();
  shared sh = {cal, catalog, hours, policy, index, targets, 0};
  assert_int_equal(tthc_datetime_parse("2025-12-31T17:00", 16, &sh.as_of, NULL), TTHC_OK);

  /* one pass over everything in this thread */
  job ref = {&sh, 0, DOSSIERS, NULL, 0, TTHC_OK, 0};
  worker(&ref);
  if (ref.st != TTHC_OK) fail_msg("single pass: %s at line %d", tthc_strerror(ref.st), ref.line);

  /* the same work cut into slices, one per thread, all at once */
  pthread_t th[THREADS];
  job jobs[THREADS];
  for (int k = 0; k < THREADS; k++) {
    jobs[k] = (job){&sh, (size_t)k * DOSSIERS / THREADS, (size_t)(k + 1) * DOSSIERS / THREADS,
                    NULL, 0, TTHC_OK, 0};
    assert_int_equal(pthread_create(&th[k], NULL, worker, &jobs[k]), 0);
  }
  for (int k = 0; k < THREADS; k++) assert_int_equal(pthread_join(th[k], NULL), 0);
  tthc_agg *merged = NULL;
  assert_int_equal(new_agg(&sh, &merged), TTHC_OK);
  for (int k = 0; k < THREADS; k++) {
    if (jobs[k].st != TTHC_OK)
      fail_msg("thread %d: %s at line %d", k, tthc_strerror(jobs[k].st), jobs[k].line);
    assert_int_equal(tthc_agg_merge(merged, jobs[k].agg), TTHC_OK);
  }
  assert_true(tthc_agg_group_count(merged) > 10);
  int64_t received = 0, v;
  for (size_t g = 0; g < tthc_agg_group_count(merged); g++) {
    assert_int_equal(tthc_agg_count(merged, g, TTHC_COUNT_RECEIVED, &v), TTHC_OK);
    received += v;
  }
  for (int r = 0; r <= TTHC_SKIP_ERROR; r++) received += tthc_agg_skipped(merged, r);
  assert_int_equal(received, DOSSIERS); /* every dossier counted once */
  assert_true(tthc_agg_skipped(merged, TTHC_SKIP_ERROR) == 0);
  assert_same_agg(merged, ref.agg);

  /* the per-dossier results do not depend on the thread either: recompute the reference hash
   * slice by slice in this thread and compare with each thread's */
  for (int k = 0; k < THREADS; k++) {
    job again = {&sh, jobs[k].first, jobs[k].last, NULL, 0, TTHC_OK, 0};
    worker(&again);
    assert_int_equal(again.st, TTHC_OK);
    assert_true(again.sum == jobs[k].sum);
    tthc_agg_free(again.agg);
    tthc_agg_free(jobs[k].agg);
  }
  tthc_agg_free(merged);
  tthc_agg_free(ref.agg);
  tthc_targets_free(targets);
  tthc_catalog_free(catalog);
  tthc_index766_free(index);
  tthc_deadline_policy_free(policy);
  tthc_hours_free(hours);
  tthc_cal_free(cal);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_threads_share_and_merge),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
