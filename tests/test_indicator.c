/* indicator: the hand-computed March 2025 example, the merge property, rates, time statistics,
 * TT 01/2018 evaluation, the 766 index, targets, ranking, feedback, catalog, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gen/dossier_gen.h"
#include "indicator_internal.h"
#include "io_internal.h"
#include "test_support.h"
#include "tthc.h"

static char *slurp(const char *name, size_t *len) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", TTHC_TEST_DATA, name);
  FILE *f = fopen(path, "rb");
  assert_non_null(f);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *buf = malloc((size_t)n + 1);
  assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
  buf[n] = '\0';
  fclose(f);
  *len = (size_t)n;
  return buf;
}

/* Aggregate a data file; every record must read. */
static void add_file(tthc_agg *a, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", TTHC_TEST_DATA, name);
  tthc_io_reader *r;
  tthc_error err;
  if (tthc_io_reader_open(path, TTHC_IO_AUTO, TTHC_IO_STRICT, &r, &err) != TTHC_OK)
    fail_msg("%s", err.message);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  for (;;) {
    int got;
    if (tthc_io_reader_next(r, d, &got, &err) != TTHC_OK) fail_msg("%s", err.message);
    if (!got) break;
    if (tthc_agg_add(a, d, &err) != TTHC_OK) fail_msg("%s", err.message);
  }
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
}

static int64_t CNT(const tthc_agg *a, size_t g, int id) {
  int64_t v;
  assert_int_equal(tthc_agg_count(a, g, id, &v), TTHC_OK);
  return v;
}

static tthc_rate RATE(const tthc_agg *a, size_t g, int id) {
  tthc_rate r;
  assert_int_equal(tthc_agg_rate(a, g, id, &r), TTHC_OK);
  return r;
}

static void expect_rate(const tthc_agg *a, size_t g, int id, int64_t num, int64_t den) {
  tthc_rate r = RATE(a, g, id);
  if (r.num * den != num * r.den || (den == 0) != (r.den == 0))
    fail_msg("%s: %lld/%lld, expected %lld/%lld", tthc_rate_name(id), (long long)r.num,
             (long long)r.den, (long long)num, (long long)den);
  assert_int_equal(r.applicable, den != 0);
}

static size_t unit_group(const tthc_agg *a, const char *unit) {
  size_t g;
  assert_int_equal(tthc_agg_find(a, unit, NULL, NULL, 0, &g), TTHC_OK);
  return g;
}

#define UA "UBND xã An Bình"
#define UB "UBND xã Bình Minh"
#define UC "UBND xã Hòa Lạc"
#define UD "UBND phường Tân An"

/* ==== The published-style example: tests/data/dossiers_2025_03.csv ==================== */
/*
 * 24 records, March 2025, four communes, report instant 2025-03-31T23:59:59, by unit.
 * Working clock: the national calendar (no holiday in March 2025; weekends 1-2, 8-9, 15-16,
 * 22-23, 29-30) and the default hours 08:00-12:00, 13:00-17:00.
 *
 * An Bình (A1..A6)                 category       working time used / allowed
 *   A1 online, due 03-05 17:00, result 03-04 10:00 e      early   7.5+2 = 9.5 h / 7.5+8+8 = 23.5 h
 *   A2 direct, due 03-06 17:00, result 03-06 15:00 paper  on time 7+8+6 = 21 h / 7+8+8 = 23 h
 *   A3 online, paid, due 03-10 17:00, result 14:00 e      on time 2+1 = 3 h / 2+4 = 6 h
 *   A4 online, due 03-19 17:00, result 03-20 09:00 e      late    8+8+8+1 = 25 h / 24 h
 *   A5 direct, fee, due 03-27 17:00, still open           overdue
 *   A6 online, due 04-02 17:00, still open                on track
 *   received 6, accepted 6, resolved 4 (early 1, on time 2, late 1), overdue 1, on track 1
 *   on_time_766 = (1+2+1+0)/6 = 4/6; online 4/6; paid_online 1/2 (A3 of fee-bearing A3, A5)
 *   e_result 3/6 (A1, A3, A4 of six document results); digitised 3/6 (A1, A2, A3)
 *   online_766 = online with an e-result: A1, A3, A4 = 3/6 (A6 has no result yet)
 *   digitised_766 = digitised with an e-result: A1, A3 = 2/6; reuse 1/6; vneid 2/6
 *   late_766 = (late 1 + overdue 1)/6 = 2/6, disliked 0/6 → satisfaction_766 = 1 − 1/3 = 2/3
 *   time: 4 timed, sum 9.5+21+3+25 = 58.5 h = 210600 s, median (9.5+21)/2 = 15.25 h = 54900 s
 *         budget 23.5+23+6+24 = 76.5 h = 275400 s → used share 210600/275400 = 76,47 %
 * Bình Minh (B1..B6)
 *   B1 direct, due 03-05, result 03-04 16:00, returned at the counter    early   3+7 = 10 h
 *   B2 online, supplement 03-05 15:00 → 03-10 09:00 (4 d 18 h subtracted), result 03-11 10:00:
 *      effective end 03-06 16:00 before the due date 03-07                early   5+7+2 = 14 h
 *   B3 direct, fee, refused 03-12 10:00 with a reason, due 03-12 17:00   refused, closed in time
 *   B4 online, paused 03-19 09:00 → 03-21 09:00 (2 d), apology 03-21 10:00 (the due was then
 *      03-22 17:00: a day before, in time) with a new appointment 03-25 17:00, result 03-24
 *      09:00: effective end 03-22 09:00                                   early   7+1+7+1 = 16 h
 *   B5 online, paid (gateway 2), withdrawn 03-27 09:00, due 03-28        withdrawn, in time
 *   B6 direct, received 03-31 16:00, not accepted                        pending
 *   received 6, accepted 5, resolved 3 early, refused 1, withdrawn 1, pending 1
 *   on_time_766 = (3 + 2 closed in time)/5 = 5/5; online 3/6; paid 1/2 (B5 of B3, B5)
 *   e_result 2/6; digitised 2/6; online_766 2/6 (B2, B4); digitised_766 1/6 (B2)
 *   reuse 0/6; vneid 0/6; satisfaction_766 = 1 − (0/5 + 0/6) = 1
 *   time: 3 timed, 10+14+16 = 40 h = 144000 s, median 14 h = 50400 s
 * Hòa Lạc (C1..C5)
 *   C1 direct, due 03-06 17:00, result 03-06 17:00 (at the due instant)  on time 24 h
 *   C2 online, two supplementation rounds (events column), result e      late (766: > 1 round)
 *      working 2+2+2 = 6 h
 *   C3 refused at receipt (never accepted)                               refused at receipt
 *   C4 test record                                                       skipped
 *   C5 direct, fee, 4-at-place, due 03-20 17:00, result 03-20 11:00      on time, same day, 3 h
 *   received 4, accepted 3, resolved 3 (on time 2, late 1), refused 1 (at receipt)
 *   on_time_766 2/3; online 1/4; paid 0/1 (C5 fee-bearing, not paid: 0 %, applicable)
 *   e_result 1/3 (C1, C2, C5 have document results; C3 unknown); digitised 2/4
 *   online_766 1/4; digitised_766 1/4 (C2); satisfaction_766 = 1 − (1/3 + 0) = 2/3
 *   same_day 1/1; time: 24+6+3 = 33 h, median 6 h
 * Tân An (D1..D7)
 *   D1 early (6 h), D2 early (8+1 = 9 h), D3 on time same day 4-at-place paid (2 h),
 *   D4 early (8+4+3 = 15 h), D5 early (8+1 = 9 h), D6 on time (8+8+1 = 17 h), D7 open on track,
 *   disliked. received 7, accepted 7, resolved 6 (early 4, on time 2), on track 1
 *   on_time_766 7/7; online 5/7; paid 1/1; e_result 6/7; digitised 7/7; online_766 5/7;
 *   digitised_766 6/7; reuse 4/7; vneid 3/7; disliked 1/7 → satisfaction_766 6/7
 *   time: 6 timed, 6+9+2+15+9+17 = 58 h, median (9+9)/2 = 9 h
 *
 * 766 score with the default table; external indicators (no data) are left out:
 * applicable 2.1 (20), 3.3 (6, T 50 %), 3.6 (4), 4.1 (6), 4.2 (6, T 80 %), 4.3 (4, T 80 %),
 * 4.5 (3), 5.4 (6, T 90 %): maximum 55 for every unit.
 *   A: 20·4/6 + 6 (0.5 ≥ T) + 4·1/2 + 6·3/6 + 6·(2/6)/0.8 + 4·(1/6)/0.8 + 3·2/6 + 6·(2/3)/0.9
 *      = 13.3333 + 6 + 2 + 3 + 2.5 + 0.8333 + 1 + 4.4444 = 33.1111 → 60,20 %  average
 *   B: 20 + 6·(2/6)/0.5 + 2 + 6·2/6 + 6·(1/6)/0.8 + 0 + 0 + 6 = 20+4+2+2+1.25+6 = 35.25 → 64,09 %
 *   C: 20·2/3 + 6·(1/4)/0.5 + 0 + 6·1/3 + 6·(1/4)/0.8 + 0 + 0 + 6·(2/3)/0.9
 *      = 13.3333 + 3 + 0 + 2 + 1.875 + 4.4444 = 24.6528 → 44,82 %  weak
 *   D: 20 + 6 + 4 + 6·6/7 + 6 + 4·(4/7)/0.8 + 3·3/7 + 6·(6/7)/0.9
 *      = 20+6+4+5.142857+6+2.857143+1.285714+5.714286 = 51 → 92,73 %  excellent
 *   ranks: D 01/04, B 02/04, A 03/04, C 04/04
 *
 * TT 01/2018 (indices 1, 3, 7 from the dossiers; 8 and 9 from the unit's counts):
 *   A: i1 (2+1+1+0)/4 = 1.0, i3 2.0, i7 1.0, i8 2 (no feedback), i9 0 (A4 online and late)
 *      total 6.0 → average
 *   B: i1 2.0, i3 (2+1+2+2+2)/5 = 1.8, i7 2.0, i8 2, i9 2 (50 % online, none late) → 9.8 fair
 *   C: i1 (1+0+1)/3 = 0.67 → 0.7, i3 (2+0+2)/3 = 1.33 → 1.3, i7 0.7, i8 2, i9 0 (C2 late)
 *      → 4.7 weak
 *   D: i1 (4·2+2·1)/6 = 1.67 → 1.7, i3 2.0, i7 1.7, i8 2, i9 2 → 9.4 fair
 */

static tthc_cal *g_cal;

static tthc_agg *march_agg(unsigned keys, int period) {
  tthc_agg *a;
  assert_int_equal(tthc_agg_new(keys, period, DT(2025, 3, 31, 23, 59, 59), &a), TTHC_OK);
  tthc_dossier_clock ck = {g_cal, NULL, NULL, {NULL, NULL, NULL}};
  assert_int_equal(tthc_agg_set_clock(a, &ck), TTHC_OK);
  add_file(a, "dossiers_2025_03.csv");
  return a;
}

static void test_example_counts(void **state) {
  (void)state;
  tthc_agg *a = march_agg(TTHC_BY_UNIT, 0);
  assert_int_equal(tthc_agg_group_count(a), 4);
  assert_int_equal(tthc_agg_skipped(a, TTHC_SKIP_TEST), 1);
  assert_int_equal(tthc_agg_skipped(a, TTHC_SKIP_CANCELLED), 0);
  size_t A = unit_group(a, UA), B = unit_group(a, UB), C = unit_group(a, UC), D = unit_group(a, UD);
  /* An Bình */
  assert_int_equal(CNT(a, A, TTHC_COUNT_RECEIVED), 6);
  assert_int_equal(CNT(a, A, TTHC_COUNT_ACCEPTED), 6);
  assert_int_equal(CNT(a, A, TTHC_COUNT_RESOLVED), 4);
  assert_int_equal(CNT(a, A, TTHC_COUNT_EARLY), 1);
  assert_int_equal(CNT(a, A, TTHC_COUNT_ON_TIME), 2);
  assert_int_equal(CNT(a, A, TTHC_COUNT_LATE), 1);
  assert_int_equal(CNT(a, A, TTHC_COUNT_OVERDUE), 1);
  assert_int_equal(CNT(a, A, TTHC_COUNT_ON_TRACK), 1);
  assert_int_equal(CNT(a, A, TTHC_COUNT_APOLOGY_OWED), 2); /* A4 late, A5 overdue */
  expect_rate(a, A, TTHC_RATE_ON_TIME_766, 4, 6);
  expect_rate(a, A, TTHC_RATE_ONLINE_RATE, 4, 6);
  expect_rate(a, A, TTHC_RATE_PAID_ONLINE_RATE, 1, 2);
  expect_rate(a, A, TTHC_RATE_E_RESULT_RATE, 3, 6);
  expect_rate(a, A, TTHC_RATE_DIGITISED_RATE, 3, 6);
  expect_rate(a, A, TTHC_RATE_ONLINE_766_RATE, 3, 6);
  expect_rate(a, A, TTHC_RATE_DIGITISED_766_RATE, 2, 6);
  expect_rate(a, A, TTHC_RATE_REUSE_RATE, 1, 6);
  expect_rate(a, A, TTHC_RATE_VNEID_RATE, 2, 6);
  expect_rate(a, A, TTHC_RATE_SATISFACTION_766, 2, 3);
  expect_rate(a, A, TTHC_RATE_SAME_DAY_RATE, 0, 0); /* no 4-at-place procedure: N/A, not 0 % */
  /* Bình Minh */
  assert_int_equal(CNT(a, B, TTHC_COUNT_RECEIVED), 6);
  assert_int_equal(CNT(a, B, TTHC_COUNT_ACCEPTED), 5);
  assert_int_equal(CNT(a, B, TTHC_COUNT_PENDING), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_EARLY), 3);
  assert_int_equal(CNT(a, B, TTHC_COUNT_REFUSED), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_REFUSED_AT_RECEIPT), 0);
  assert_int_equal(CNT(a, B, TTHC_COUNT_WITHDRAWN), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_CLOSED_IN_TIME), 2);
  assert_int_equal(CNT(a, B, TTHC_COUNT_PAUSED), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_SUPPLEMENTED), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_APOLOGY_ISSUED), 1);
  assert_int_equal(CNT(a, B, TTHC_COUNT_APOLOGY_LATE), 0);
  assert_int_equal(CNT(a, B, TTHC_COUNT_PAID_ONLINE_ANY), 1);
  expect_rate(a, B, TTHC_RATE_ON_TIME_766, 5, 5);
  expect_rate(a, B, TTHC_RATE_ONLINE_RATE, 3, 6);
  expect_rate(a, B, TTHC_RATE_PAID_ONLINE_RATE, 1, 2);
  expect_rate(a, B, TTHC_RATE_E_RESULT_RATE, 2, 6);
  expect_rate(a, B, TTHC_RATE_DIGITISED_RATE, 2, 6);
  expect_rate(a, B, TTHC_RATE_ONLINE_766_RATE, 2, 6);
  expect_rate(a, B, TTHC_RATE_DIGITISED_766_RATE, 1, 6);
  expect_rate(a, B, TTHC_RATE_SATISFACTION_766, 1, 1);
  expect_rate(a, B, TTHC_RATE_APOLOGY_IN_TIME_RATE, 1, 1);
  /* Hòa Lạc */
  assert_int_equal(CNT(a, C, TTHC_COUNT_RECEIVED), 4);
  assert_int_equal(CNT(a, C, TTHC_COUNT_ACCEPTED), 3);
  assert_int_equal(CNT(a, C, TTHC_COUNT_ON_TIME), 2);
  assert_int_equal(CNT(a, C, TTHC_COUNT_LATE), 1);
  assert_int_equal(CNT(a, C, TTHC_COUNT_MULTI_SUPPLEMENT), 1);
  assert_int_equal(CNT(a, C, TTHC_COUNT_REFUSED_AT_RECEIPT), 1);
  expect_rate(a, C, TTHC_RATE_ON_TIME_766, 2, 3);
  expect_rate(a, C, TTHC_RATE_ONLINE_RATE, 1, 4);
  expect_rate(a, C, TTHC_RATE_PAID_ONLINE_RATE, 0, 1); /* 0 %, applicable */
  expect_rate(a, C, TTHC_RATE_E_RESULT_RATE, 1, 3);
  expect_rate(a, C, TTHC_RATE_DIGITISED_RATE, 2, 4);
  expect_rate(a, C, TTHC_RATE_SATISFACTION_766, 2, 3);
  expect_rate(a, C, TTHC_RATE_SAME_DAY_RATE, 1, 1);
  /* Tân An */
  assert_int_equal(CNT(a, D, TTHC_COUNT_EARLY), 4);
  assert_int_equal(CNT(a, D, TTHC_COUNT_ON_TIME), 2);
  assert_int_equal(CNT(a, D, TTHC_COUNT_ON_TRACK), 1);
  expect_rate(a, D, TTHC_RATE_ON_TIME_766, 7, 7);
  expect_rate(a, D, TTHC_RATE_ONLINE_RATE, 5, 7);
  expect_rate(a, D, TTHC_RATE_E_RESULT_RATE, 6, 7);
  expect_rate(a, D, TTHC_RATE_DIGITISED_RATE, 7, 7);
  expect_rate(a, D, TTHC_RATE_REUSE_RATE, 4, 7);
  expect_rate(a, D, TTHC_RATE_SATISFACTION_766, 6, 7);
  expect_rate(a, D, TTHC_RATE_SAME_DAY_RATE, 1, 1);
  tthc_agg_free(a);
}

static void test_example_time(void **state) {
  (void)state;
  tthc_agg *a = march_agg(TTHC_BY_UNIT, 0);
  tthc_time_stats t;
  assert_int_equal(tthc_agg_time(a, unit_group(a, UA), &t), TTHC_OK);
  assert_int_equal(t.working, 1);
  assert_int_equal(t.count, 4);
  assert_int_equal(t.sum, 210600);
  assert_int_equal(t.min, 3 * 3600);
  assert_int_equal(t.max, 25 * 3600);
  assert_int_equal(t.median_exact, 1);
  assert_true(t.median == 54900.0);
  assert_int_equal(t.budgeted, 4);
  assert_int_equal(t.budget, 275400);
  char buf[32];
  assert_int_equal(tthc_rate_format(&t.used_share, 2, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "76,47%");
  assert_int_equal(tthc_agg_time(a, unit_group(a, UB), &t), TTHC_OK);
  assert_int_equal(t.count, 3);
  assert_int_equal(t.sum, 40 * 3600);
  assert_true(t.median == 14 * 3600.0);
  assert_int_equal(tthc_agg_time(a, unit_group(a, UC), &t), TTHC_OK);
  assert_int_equal(t.sum, 33 * 3600);
  assert_true(t.median == 6 * 3600.0);
  assert_int_equal(tthc_agg_time(a, unit_group(a, UD), &t), TTHC_OK);
  assert_int_equal(t.count, 6);
  assert_int_equal(t.sum, 58 * 3600);
  assert_true(t.median == 9 * 3600.0);
  assert_true(fabs(t.mean - 58 * 3600.0 / 6) < 1e-9);
  tthc_agg_free(a);
}

static void test_example_scores(void **state) {
  (void)state;
  tthc_agg *a = march_agg(TTHC_BY_UNIT, 0);
  tthc_index766 *t;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  const char *units[4] = {UA, UB, UC, UD};
  const double want_total[4] = {33.0 + 1.0 / 9, 35.25, 24.0 + 0.6527777777777778, 51};
  const char *want_share[4] = {"60,20%", "64,09%", "44,82%", "92,73%"};
  const int want_grade[4] = {TTHC_GRADE_AVERAGE, TTHC_GRADE_AVERAGE, TTHC_GRADE_WEAK,
                             TTHC_GRADE_EXCELLENT};
  double share[4];
  for (int u = 0; u < 4; u++) {
    tthc_index766_result r;
    assert_int_equal(tthc_index766_score(t, a, unit_group(a, units[u]), NULL, 0, &r), TTHC_OK);
    assert_true(fabs(r.max - 55) < 1e-9);
    if (fabs(r.total - want_total[u]) > 1e-9) fail_msg("%s: %.10f", units[u], r.total);
    char buf[32];
    assert_int_equal(tthc_percent_format(r.share, 2, buf, sizeof buf, NULL), TTHC_OK);
    assert_string_equal(buf, want_share[u]);
    assert_int_equal(r.grade, want_grade[u]);
    share[u] = r.share;
  }
  int32_t ranks[4];
  assert_int_equal(tthc_rank(share, 4, ranks), TTHC_OK);
  assert_int_equal(ranks[0], 3);
  assert_int_equal(ranks[1], 2);
  assert_int_equal(ranks[2], 4);
  assert_int_equal(ranks[3], 1);
  char rb[16];
  assert_int_equal(tthc_rank_format(ranks[3], 4, rb, sizeof rb, NULL), TTHC_OK);
  assert_string_equal(rb, "01/04");
  /* with "not applicable" scoring 0 the maximum is the full 100 */
  tthc_index766_result r;
  assert_int_equal(tthc_index766_score(t, a, unit_group(a, UD), NULL, TTHC_766_NA_ZERO, &r),
                   TTHC_OK);
  assert_true(fabs(r.max - 100) < 1e-9);
  assert_true(fabs(r.total - 51) < 1e-9);
  assert_int_equal(r.grade, TTHC_GRADE_AVERAGE); /* 51 %: between 50 and 70 is average */
  tthc_index766_free(t);

  /* TT 01/2018 */
  const int want_tenths[4][9] = {{10, -1, 20, -1, -1, -1, 10, 20, 0},
                                 {20, -1, 18, -1, -1, -1, 20, 20, 20},
                                 {7, -1, 13, -1, -1, -1, 7, 20, 0},
                                 {17, -1, 20, -1, -1, -1, 17, 20, 20}};
  const int want_total10[4] = {60, 98, 47, 94};
  const int want_eval_grade[4] = {TTHC_GRADE_AVERAGE, TTHC_GRADE_FAIR, TTHC_GRADE_WEAK,
                                  TTHC_GRADE_FAIR};
  for (int u = 0; u < 4; u++) {
    tthc_eval e;
    assert_int_equal(tthc_agg_eval(a, unit_group(a, units[u]), &e), TTHC_OK);
    for (int k = 0; k < 9; k++)
      if (e.tenths[k] != want_tenths[u][k])
        fail_msg("%s index %d: %d, expected %d", units[u], k + 1, e.tenths[k], want_tenths[u][k]);
    assert_int_equal(e.total_tenths, want_total10[u]);
    assert_int_equal(e.grade, want_eval_grade[u]);
    assert_int_equal(e.indices, 5);
  }
  tthc_agg_free(a);
}

static void test_example_targets(void **state) {
  (void)state;
  size_t len;
  char *json = slurp("targets_2025.json", &len);
  tthc_targets *t;
  tthc_error err;
  assert_int_equal(tthc_targets_from_json(json, len, &t, &err), TTHC_OK);
  free(json);
  assert_int_equal(tthc_targets_count(t), 5);
  assert_string_equal(tthc_targets_name(t), "Chỉ tiêu chuyển đổi số 2025 (ví dụ)");
  tthc_agg *a = march_agg(TTHC_BY_UNIT, 0);
  /* pass matrix: online 85 %, paid 50 %, digitised 70 %, e-result 80 %, on time 98 % */
  const char *units[4] = {UA, UB, UC, UD};
  const int want[4][5] = {{0, 1, 0, 0, 0}, {0, 1, 0, 0, 1}, {0, 0, 0, 0, 0}, {0, 1, 1, 1, 1}};
  for (int u = 0; u < 4; u++)
    for (size_t k = 0; k < 5; k++) {
      tthc_target_check c;
      assert_int_equal(tthc_targets_check(t, k, a, unit_group(a, units[u]), &c), TTHC_OK);
      if (c.pass != want[u][k]) fail_msg("%s target %zu: pass %d", units[u], k, c.pass);
    }
  tthc_target_check c;
  assert_int_equal(tthc_targets_check(t, 0, a, unit_group(a, UA), &c), TTHC_OK);
  assert_true(fabs(c.gap - (0.85 - 4.0 / 6)) < 1e-12); /* 18,33 points short */
  assert_int_equal(tthc_targets_check(t, 1, a, unit_group(a, UD), &c), TTHC_OK);
  assert_true(fabs(c.gap - (0.5 - 1.0)) < 1e-12); /* met with 50 points to spare */
  assert_int_equal(tthc_targets_check(t, 5, a, 0, &c), TTHC_ERANGE);
  tthc_agg_free(a);
  tthc_targets_free(t);
}

/* ==== Merge: a property over random splits ============================================= */

/* Everything an aggregate holds, in a canonical text (groups in key order). */
static char *dump(const tthc_agg *a) {
  size_t cap = 1 << 16, n = 0;
  char *s = malloc(cap);
#define OUT(...)                                                       \
  do {                                                                 \
    int w_ = snprintf(s + n, cap - n, __VA_ARGS__);                    \
    if ((size_t)w_ >= cap - n) {                                       \
      cap = cap * 2 + (size_t)w_;                                      \
      s = realloc(s, cap);                                             \
      w_ = snprintf(s + n, cap - n, __VA_ARGS__);                      \
    }                                                                  \
    n += (size_t)w_;                                                   \
  } while (0)
  OUT("skipped %lld %lld %lld %lld\n", (long long)tthc_agg_skipped(a, 0),
      (long long)tthc_agg_skipped(a, 1), (long long)tthc_agg_skipped(a, 2),
      (long long)tthc_agg_skipped(a, 3));
  for (size_t i = 0; i < tthc_agg_group_count(a); i++) {
    tthc_agg_key k;
    assert_int_equal(tthc_agg_group(a, i, &k), TTHC_OK);
    OUT("[%s|%s|%s|%s]", k.unit, k.field, k.procedure, k.label);
    const tthc__group *g = tthc__agg_group_at(a, i);
    for (int c = 0; c < TTHC__COUNT_N; c++) OUT(" %lld", (long long)g->c[c]);
    for (int c = 0; c < 9; c++) OUT(" e%lld/%lld", (long long)g->eval_sum[c], (long long)g->eval_n[c]);
    OUT(" t%lld %lld %lld %lld %lld %lld %lld", (long long)g->t_count, (long long)g->t_sum,
        (long long)g->t_min, (long long)g->t_max, (long long)g->t_budgeted,
        (long long)g->t_used_b, (long long)g->t_budget);
    if (g->exact) { /* a multiset: compare sorted */
      int64_t sorted[TTHC_AGG_EXACT_VALUES];
      memcpy(sorted, g->exact, (size_t)g->t_count * sizeof *sorted);
      for (int64_t x = 1; x < g->t_count; x++)
        for (int64_t y = x; y > 0 && sorted[y - 1] > sorted[y]; y--) {
          int64_t tmp = sorted[y];
          sorted[y] = sorted[y - 1], sorted[y - 1] = tmp;
        }
      for (int64_t v = 0; v < g->t_count; v++) OUT(" x%lld", (long long)sorted[v]);
    }
    for (int c = 0; g->hist && c < TTHC__HIST_CHUNKS; c++)
      if (g->hist[c])
        for (int b = 0; b < TTHC__HIST_CHUNK; b++)
          if (g->hist[c][b]) OUT(" h%d:%llu", c * TTHC__HIST_CHUNK + b, (unsigned long long)g->hist[c][b]);
    tthc_time_stats ts;
    assert_int_equal(tthc_agg_time(a, i, &ts), TTHC_OK);
    OUT(" m%lld-%lld\n", (long long)ts.median_lo, (long long)ts.median_hi);
  }
#undef OUT
  return s;
}

static void merge_property(unsigned keys, int period, int with_clock, int units, uint64_t seed) {
  enum { N = 3000 };
  tthc_datetime as_of = DT(2025, 9, 30, 17, 0, 0);
  tthc_dossier_clock ck = {g_cal, NULL, NULL, {NULL, NULL, NULL}};
  tthc_dossier **ds = malloc(N * sizeof *ds);
  gen g;
  gen_init(&g, seed, units, 12);
  for (int i = 0; i < N; i++) {
    assert_int_equal(tthc_dossier_new(NULL, 0, &ds[i]), TTHC_OK);
    gen_next(&g, ds[i]);
  }
  tthc_agg *whole;
  assert_int_equal(tthc_agg_new(keys, period, as_of, &whole), TTHC_OK);
  if (with_clock) assert_int_equal(tthc_agg_set_clock(whole, &ck), TTHC_OK);
  for (int i = 0; i < N; i++) assert_int_equal(tthc_agg_add(whole, ds[i], NULL), TTHC_OK);
  char *want = dump(whole);
  /* several random splits into k parts, each part fed in a shuffled order */
  for (int trial = 0; trial < 4; trial++) {
    int k = 2 + trial * 3;
    tthc_agg *parts[11];
    for (int p = 0; p < k; p++) {
      assert_int_equal(tthc_agg_new(keys, period, as_of, &parts[p]), TTHC_OK);
      if (with_clock) assert_int_equal(tthc_agg_set_clock(parts[p], &ck), TTHC_OK);
    }
    int *perm = malloc(N * sizeof *perm);
    for (int i = 0; i < N; i++) perm[i] = i;
    for (int i = N - 1; i > 0; i--) {
      int j = gen_int(&g, i + 1), tmp = perm[i];
      perm[i] = perm[j], perm[j] = tmp;
    }
    for (int i = 0; i < N; i++)
      assert_int_equal(tthc_agg_add(parts[gen_int(&g, k)], ds[perm[i]], NULL), TTHC_OK);
    free(perm);
    /* merge in a random tree shape: repeatedly merge a random part into another */
    int alive = k;
    while (alive > 1) {
      int x = gen_int(&g, alive), y = gen_int(&g, alive - 1);
      if (y >= x) y++;
      assert_int_equal(tthc_agg_merge(parts[x], parts[y]), TTHC_OK);
      tthc_agg_free(parts[y]);
      parts[y] = parts[alive - 1];
      alive--;
    }
    char *got = dump(parts[0]);
    if (strcmp(got, want)) fail_msg("merge differs (keys %u, trial %d)", keys, trial);
    free(got);
    tthc_agg_free(parts[0]);
  }
  /* rollup to fewer keys equals building with those keys */
  if (keys) {
    unsigned fewer = keys & TTHC_BY_UNIT;
    tthc_agg *direct, *rolled;
    assert_int_equal(tthc_agg_new(fewer, 0, as_of, &direct), TTHC_OK);
    if (with_clock) assert_int_equal(tthc_agg_set_clock(direct, &ck), TTHC_OK);
    for (int i = 0; i < N; i++) assert_int_equal(tthc_agg_add(direct, ds[i], NULL), TTHC_OK);
    assert_int_equal(tthc_agg_rollup(whole, fewer, &rolled), TTHC_OK);
    char *x = dump(direct), *y = dump(rolled);
    assert_string_equal(x, y);
    free(x), free(y);
    tthc_agg_free(direct);
    tthc_agg_free(rolled);
  }
  free(want);
  tthc_agg_free(whole);
  for (int i = 0; i < N; i++) tthc_dossier_free(ds[i]);
  free(ds);
}

static void test_merge_property(void **state) {
  (void)state;
  /* few units: groups pass the exact-value limit and use the histogram */
  merge_property(TTHC_BY_UNIT, 0, 1, 3, 1);
  merge_property(TTHC_BY_UNIT | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, 1, 5, 2);
  merge_property(TTHC_BY_UNIT | TTHC_BY_FIELD | TTHC_BY_PERIOD, TTHC_PERIOD_QUARTER, 0, 20, 3);
  merge_property(TTHC_BY_PROCEDURE | TTHC_BY_PERIOD, TTHC_PERIOD_WEEK, 0, 10, 4);
  merge_property(0, 0, 0, 4, 5);
}

static void test_merge_mismatch(void **state) {
  (void)state;
  tthc_agg *a, *b;
  tthc_datetime t = DT(2025, 1, 1, 0, 0, 0);
  assert_int_equal(tthc_agg_new(TTHC_BY_UNIT, 0, t, &a), TTHC_OK);
  assert_int_equal(tthc_agg_new(TTHC_BY_FIELD, 0, t, &b), TTHC_OK);
  assert_int_equal(tthc_agg_merge(a, b), TTHC_EINVAL);
  tthc_agg_free(b);
  assert_int_equal(tthc_agg_new(TTHC_BY_UNIT, 0, t + 1, &b), TTHC_OK);
  assert_int_equal(tthc_agg_merge(a, b), TTHC_EINVAL);
  tthc_agg_free(b);
  assert_int_equal(tthc_agg_new(TTHC_BY_UNIT, 0, t, &b), TTHC_OK);
  assert_int_equal(tthc_agg_set_policy(b, TTHC_STATUS_EARLY_BY_INSTANT), TTHC_OK);
  assert_int_equal(tthc_agg_merge(a, b), TTHC_EINVAL);
  assert_int_equal(tthc_agg_merge(a, a), TTHC_EINVAL);
  assert_int_equal(tthc_agg_merge(NULL, b), TTHC_EINVAL);
  tthc_agg *r;
  assert_int_equal(tthc_agg_rollup(a, TTHC_BY_FIELD, &r), TTHC_EINVAL);
  assert_null(r);
  tthc_agg_free(a);
  tthc_agg_free(b);
}

/* ==== Time statistics beyond the exact list ============================================ */

static void test_median_histogram(void **state) {
  (void)state;
  tthc_datetime as_of = DT(2026, 1, 1, 0, 0, 0);
  tthc_agg *a;
  assert_int_equal(tthc_agg_new(0, 0, as_of, &a), TTHC_OK);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  /* 101 dossiers taking 1, 2, … 101 hours of calendar time: median 51 h */
  for (int i = 1; i <= 101; i++) {
    tthc_datetime t0 = DT(2025, 3, 3, 8, 0, 0);
    assert_int_equal(tthc_dossier_reset(d, "M", t0), TTHC_OK);
    tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
    e.kind = TTHC_EVENT_ACCEPTED, e.at = t0, e.due = t0 + 200 * 3600;
    assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
    tthc_dossier_event r = TTHC_DOSSIER_EVENT_INIT;
    r.kind = TTHC_EVENT_RESULT_ISSUED, r.at = t0 + i * 3600;
    assert_int_equal(tthc_dossier_append(d, &r, NULL), TTHC_OK);
    assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
    tthc_time_stats ts;
    assert_int_equal(tthc_agg_time(a, 0, &ts), TTHC_OK);
    if (i <= TTHC_AGG_EXACT_VALUES) assert_int_equal(ts.median_exact, 1);
  }
  tthc_time_stats ts;
  assert_int_equal(tthc_agg_time(a, 0, &ts), TTHC_OK);
  assert_int_equal(ts.count, 101);
  assert_int_equal(ts.median_exact, 0);
  assert_true(ts.median_lo <= 51 * 3600 && 51 * 3600 < ts.median_hi);
  /* bin width at 3060 minutes: 2^(11-5) = 64 minutes */
  assert_true(ts.median_hi - ts.median_lo <= 64 * 60);
  assert_int_equal(ts.min, 3600);
  assert_int_equal(ts.max, 101 * 3600);
  assert_int_equal(ts.working, 0);
  assert_int_equal(ts.budgeted, 0); /* no clock: no budget */
  assert_int_equal(ts.used_share.applicable, 0);
  tthc_dossier_free(d);
  tthc_agg_free(a);
}

/* ==== Evaluation, 766 table, targets, ranking, formatting ============================== */

static void test_eval_score(void **state) {
  (void)state;
  int64_t sum[9] = {5, 0, 8, 0, 0, 0, 3, 0, 0}, n[9] = {4, 0, 4, 0, 0, 0, 2, 0, 0};
  tthc_eval e;
  assert_int_equal(tthc_eval_score(sum, n, &e), TTHC_OK);
  assert_int_equal(e.tenths[0], 13); /* 5/4 = 1.25 → 1.3 (half up) */
  assert_int_equal(e.tenths[2], 20);
  assert_int_equal(e.tenths[6], 15);
  assert_int_equal(e.tenths[1], -1);
  assert_int_equal(e.total_tenths, 48);
  assert_int_equal(e.grade, TTHC_GRADE_WEAK);
  int64_t all[9], ns[9];
  for (int i = 0; i < 9; i++) all[i] = 10 * 2, ns[i] = 10;
  assert_int_equal(tthc_eval_score(all, ns, &e), TTHC_OK);
  assert_int_equal(e.total_tenths, 180);
  assert_int_equal(e.grade, TTHC_GRADE_EXCELLENT);
  all[0] = 21;
  assert_int_equal(tthc_eval_score(all, ns, &e), TTHC_EINVAL);
  assert_int_equal(tthc_eval_score(NULL, ns, &e), TTHC_EINVAL);
  int64_t none[9] = {0};
  assert_int_equal(tthc_eval_score(none, none, &e), TTHC_OK);
  assert_int_equal(e.grade, TTHC_GRADE_NONE);
  assert_string_equal(tthc_grade_name(TTHC_GRADE_GOOD), "good");
  assert_string_equal(tthc_grade_name_vi(TTHC_GRADE_EXCELLENT), "Xuất sắc");
  assert_null(tthc_grade_name(0));
}

static void test_index766_table(void **state) {
  (void)state;
  tthc_index766 *t, *u;
  assert_int_equal(tthc_index766_default(&t), TTHC_OK);
  assert_int_equal(tthc_index766_count(t), 19);
  double group[5] = {0};
  for (size_t i = 0; i < tthc_index766_count(t); i++) {
    tthc_index766_item it;
    assert_int_equal(tthc_index766_item_get(t, i, &it), TTHC_OK);
    group[it.group] += it.points;
  }
  assert_true(group[0] == 18 && group[1] == 20 && group[2] == 22 && group[3] == 22 &&
              group[4] == 18);
  /* JSON round trip */
  char *json;
  assert_int_equal(tthc_index766_to_json_alloc(t, &json), TTHC_OK);
  tthc_error err;
  assert_int_equal(tthc_index766_from_json(json, strlen(json), &u, &err), TTHC_OK);
  char *json2;
  assert_int_equal(tthc_index766_to_json_alloc(u, &json2), TTHC_OK);
  assert_string_equal(json, json2);
  tthc_free(json), tthc_free(json2);
  tthc_index766_free(u);
  /* the formula */
  tthc_index766_item it;
  size_t k33 = 7;
  assert_int_equal(tthc_index766_item_get(t, k33, &it), TTHC_OK);
  assert_string_equal(it.id, "3.3");
  tthc_rate r = {30, 100, 0.3, 1};
  double p;
  assert_int_equal(tthc_index766_item_points(t, k33, &r, &p), TTHC_OK);
  assert_true(fabs(p - 0.3 / 0.5 * 6) < 1e-12);
  r = (tthc_rate){60, 100, 0.6, 1};
  assert_int_equal(tthc_index766_item_points(t, k33, &r, &p), TTHC_OK);
  assert_true(p == 6);
  r = (tthc_rate){0, 0, 0, 0};
  assert_int_equal(tthc_index766_item_points(t, k33, &r, &p), TTHC_OK);
  assert_true(p == 0);
  assert_int_equal(tthc_index766_item_points(t, 99, &r, &p), TTHC_ERANGE);
  tthc_index766_free(t);

  /* bad tables */
  static const struct {
    const char *json, *fragment;
    tthc_status st;
  } bad[] = {
      {"{", "line 1", TTHC_ESYNTAX},
      {"[]", "JSON object", TTHC_EFORMAT},
      {"{\"indicators\":[]}", "non-empty", TTHC_EFORMAT},
      {"{\"indicators\":[{\"id\":\"x\",\"group\":\"fun\",\"points\":1}]}", "must name a group",
       TTHC_EFORMAT},
      {"{\"indicators\":[{\"id\":\"x\",\"group\":\"progress\",\"points\":21}]}",
       "above the group maximum", TTHC_EFORMAT},
      {"{\"indicators\":[{\"id\":\"x\",\"group\":\"progress\",\"points\":1,\"rate\":\"speed\"}]}",
       "unknown rate \"speed\"", TTHC_EFORMAT},
      {"{\"indicators\":[{\"id\":\"x\",\"group\":\"progress\",\"points\":1,\"threshold\":2}]}",
       "fraction", TTHC_EFORMAT},
      {"{\"indicators\":[{\"id\":\"x\",\"group\":\"progress\",\"points\":1},"
       "{\"id\":\"x\",\"group\":\"progress\",\"points\":1}]}",
       "appears twice", TTHC_EFORMAT},
      {"{\"bands\":{\"excellent\":50,\"good\":80},\"indicators\":[{\"id\":\"x\",\"group\":"
       "\"progress\",\"points\":1}]}",
       "decrease", TTHC_EFORMAT},
      {"{\"groups\":{\"fun\":3},\"indicators\":[]}", "unknown group", TTHC_EFORMAT},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_error_clear(&err);
    assert_int_equal(tthc_index766_from_json(bad[i].json, strlen(bad[i].json), &u, &err),
                     bad[i].st);
    assert_null(u);
    if (!strstr(err.message, bad[i].fragment))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.message, bad[i].fragment);
  }
  /* a custom table: one indicator, full points at 90 % on time */
  const char *one = "{\"groups\":{\"progress\":10},\"bands\":{\"excellent\":95},"
                    "\"indicators\":[{\"id\":\"2.1\",\"group\":\"progress\",\"points\":10,"
                    "\"threshold\":0.9,\"rate\":\"on_time_766\"}]}";
  assert_int_equal(tthc_index766_from_json(one, strlen(one), &u, &err), TTHC_OK);
  assert_int_equal(tthc_index766_count(u), 1);
  tthc_index766_free(u);
}

static void test_targets_bad(void **state) {
  (void)state;
  static const struct {
    const char *json, *fragment;
    tthc_status st;
  } bad[] = {
      {"{\"targets\":[{\"rate\":\"online\",\"min\":0.5}", "line 1", TTHC_ESYNTAX},
      {"{\"targets\":{}}", "must be an array", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"speed\",\"min\":0.5}]}", "unknown rate", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"online\"}]}", "exactly one", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"online\",\"min\":0.5,\"max\":0.9}]}", "exactly one", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"online\",\"min\":85}]}", "fraction 0-1", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"online\",\"min\":\"85\"}]}", "fraction 0-1", TTHC_EFORMAT},
      {"{\"targets\":[{\"rate\":\"online\",\"min\":\"8x%\"}]}", "fraction 0-1", TTHC_EFORMAT},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_targets *t;
    tthc_error err;
    tthc_error_clear(&err);
    assert_int_equal(tthc_targets_from_json(bad[i].json, strlen(bad[i].json), &t, &err),
                     bad[i].st);
    assert_null(t);
    if (!strstr(err.message, bad[i].fragment))
      fail_msg("case %zu: '%s' lacks '%s'", i, err.message, bad[i].fragment);
  }
  /* a maximum target and a not-applicable one */
  const char *js = "{\"targets\":[{\"rate\":\"late\",\"max\":\"2%\"},{\"rate\":\"same_day\","
                   "\"min\":\"87,5%\"}]}";
  tthc_targets *t;
  assert_int_equal(tthc_targets_from_json(js, strlen(js), &t, NULL), TTHC_OK);
  tthc_agg *a = march_agg(TTHC_BY_UNIT, 0);
  tthc_target_check c;
  assert_int_equal(tthc_targets_check(t, 0, a, unit_group(a, UA), &c), TTHC_OK);
  assert_int_equal(c.is_max, 1);
  assert_int_equal(c.pass, 0); /* 1 late of 4 resolved = 25 % */
  assert_true(fabs(c.gap - (0.25 - 0.02)) < 1e-12);
  assert_int_equal(tthc_targets_check(t, 1, a, unit_group(a, UA), &c), TTHC_OK);
  assert_int_equal(c.pass, -1); /* no 4-at-place procedure: not applicable */
  assert_true(fabs(c.bound - 0.875) < 1e-12);
  tthc_agg_free(a);
  tthc_targets_free(t);
}

static void test_rank_and_format(void **state) {
  (void)state;
  double s[6] = {0.5, 0.9, 0.5, NAN, 0.1, 0.9};
  int32_t r[6];
  assert_int_equal(tthc_rank(s, 6, r), TTHC_OK);
  assert_int_equal(r[0], 3);
  assert_int_equal(r[1], 1);
  assert_int_equal(r[2], 3);
  assert_int_equal(r[3], 6);
  assert_int_equal(r[4], 5);
  assert_int_equal(r[5], 1);
  assert_int_equal(tthc_rank(NULL, 0, NULL), TTHC_OK);
  assert_int_equal(tthc_rank(NULL, 2, r), TTHC_EINVAL);
  char b[32];
  size_t need;
  assert_int_equal(tthc_rank_format(1, 16, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "01/16");
  assert_int_equal(tthc_rank_format(7, 120, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "007/120");
  assert_int_equal(tthc_rank_format(3, 3, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "03/03");
  assert_int_equal(tthc_rank_format(0, 3, b, sizeof b, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_rank_format(4, 3, b, sizeof b, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_rank_format(1, 16, b, 4, &need), TTHC_ENOSPC);
  assert_int_equal(need, 5);

  tthc_rate r1 = {8703, 10000, 0.8703, 1};
  assert_int_equal(tthc_rate_format(&r1, 2, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "87,03%");
  tthc_rate r2 = {1, 8, 0.125, 1}; /* 12,5 % → one decimal: exact half rounds up */
  assert_int_equal(tthc_rate_format(&r2, 0, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "13%");
  assert_int_equal(tthc_rate_format(&r2, 1, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "12,5%");
  tthc_rate r3 = {2, 3, 0, 1};
  assert_int_equal(tthc_rate_format(&r3, 2, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "66,67%");
  tthc_rate na = {0, 0, 0, 0};
  assert_int_equal(tthc_rate_format(&na, 2, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "N/A");
  tthc_rate zero = {0, 5, 0, 1};
  assert_int_equal(tthc_rate_format(&zero, 2, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "0,00%");
  tthc_rate bad = {6, 5, 0, 1};
  assert_int_equal(tthc_rate_format(&bad, 2, b, sizeof b, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_rate_format(&r1, 7, b, sizeof b, NULL), TTHC_ERANGE);
  assert_int_equal(tthc_rate_format(&r1, 2, b, 3, &need), TTHC_ENOSPC);
  assert_int_equal(need, 6);
  assert_int_equal(tthc_percent_format(0.92727272, 2, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "92,73%");
  assert_int_equal(tthc_percent_format(1, 0, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "100%");
  assert_int_equal(tthc_percent_format(12.3456, 1, b, sizeof b, NULL), TTHC_OK);
  assert_string_equal(b, "1.234,6%");
  assert_int_equal(tthc_percent_format(NAN, 1, b, sizeof b, NULL), TTHC_ERANGE);

  /* names */
  int id;
  assert_int_equal(tthc_rate_from_name("paid_online", &id), TTHC_OK);
  assert_int_equal(id, TTHC_RATE_PAID_ONLINE_RATE);
  assert_int_equal(tthc_count_from_name("same_day", &id), TTHC_OK);
  assert_int_equal(id, TTHC_COUNT_SAME_DAY);
  assert_int_equal(tthc_rate_from_name("nope", &id), TTHC_ENOTFOUND);
  assert_int_equal(tthc_count_from_name(NULL, &id), TTHC_EINVAL);
  assert_null(tthc_rate_name(TTHC__RATE_N));
  assert_null(tthc_count_name(-1));
  for (int i = 0; i < TTHC__COUNT_N; i++) assert_non_null(tthc_count_name(i));
  for (int i = 0; i < TTHC__RATE_N; i++) assert_non_null(tthc_rate_name(i));
  assert_string_equal(tthc_766_group_name(TTHC_766_DIGITISATION), "digitisation");
}

/* ==== Periods, keys, feedback, catalog ================================================= */

static void test_periods_and_keys(void **state) {
  (void)state;
  tthc_agg *a = march_agg(TTHC_BY_FIELD | TTHC_BY_PERIOD, TTHC_PERIOD_WEEK);
  /* weeks of March 2025: W10 (3-9) … W14 (31 Mar - 6 Apr) */
  tthc_agg_key k;
  assert_int_equal(tthc_agg_group(a, 0, &k), TTHC_OK);
  assert_string_equal(k.field, "Chứng thực");
  assert_string_equal(k.unit, "");
  assert_string_equal(k.label, "2025-W11");
  tthc_date d;
  tthc_date_from_ymd(2025, 3, 10, &d);
  assert_int_equal(k.period_start, d);
  assert_int_equal(k.period_end, d + 6);
  size_t g;
  tthc_date_from_ymd(2025, 4, 2, &d);
  assert_int_equal(tthc_agg_find(a, NULL, "Hộ tịch", NULL, d, &g), TTHC_OK); /* W14 */
  assert_int_equal(CNT(a, g, TTHC_COUNT_RECEIVED), 1);                       /* B6 */
  assert_int_equal(tthc_agg_find(a, NULL, "Đất đai", NULL, d, &g), TTHC_ENOTFOUND);
  assert_int_equal(tthc_agg_group(a, 99, &k), TTHC_ERANGE);
  assert_int_equal(tthc_agg_count(a, 99, 0, NULL), TTHC_EINVAL);
  int64_t v;
  assert_int_equal(tthc_agg_count(a, 0, TTHC__COUNT_N, &v), TTHC_EINVAL);
  assert_int_equal(tthc_agg_count(a, 99, 0, &v), TTHC_ERANGE);
  tthc_agg_free(a);

  static const struct {
    int period;
    const char *label;
  } labels[] = {{TTHC_PERIOD_DAY, "2025-03-03"},
                {TTHC_PERIOD_MONTH, "2025-03"},
                {TTHC_PERIOD_QUARTER, "2025-Q1"},
                {TTHC_PERIOD_YEAR, "2025"}};
  for (size_t i = 0; i < 4; i++) {
    a = march_agg(TTHC_BY_PERIOD, labels[i].period);
    assert_int_equal(tthc_agg_group(a, 0, &k), TTHC_OK);
    assert_string_equal(k.label, labels[i].label);
    tthc_agg_free(a);
  }
  /* bad arguments */
  assert_int_equal(tthc_agg_new(TTHC_BY_PERIOD, 0, 0, &a), TTHC_EINVAL);
  assert_int_equal(tthc_agg_new(TTHC_BY_PERIOD, 6, 0, &a), TTHC_EINVAL);
  assert_int_equal(tthc_agg_new(64, 0, 0, &a), TTHC_EINVAL);
  assert_int_equal(tthc_agg_new(0, 0, TTHC_DATETIME_NONE, &a), TTHC_ERANGE);
  assert_int_equal(tthc_agg_new(0, 0, 0, NULL), TTHC_EINVAL);
  a = march_agg(TTHC_BY_UNIT, 0);
  assert_int_equal(tthc_agg_set_policy(a, 0), TTHC_ESTATE); /* not empty any more */
  assert_int_equal(tthc_agg_set_clock(a, NULL), TTHC_ESTATE);
  assert_int_equal(tthc_agg_add(a, NULL, NULL), TTHC_EINVAL);
  tthc_agg_free(a);
  tthc_agg_free(NULL);
}

static void test_future_cancelled_and_policy(void **state) {
  (void)state;
  tthc_agg *a;
  assert_int_equal(tthc_agg_new(0, 0, DT(2025, 3, 6, 12, 0, 0), &a), TTHC_OK);
  assert_int_equal(tthc_agg_set_policy(a, TTHC_STATUS_EARLY_BY_INSTANT), TTHC_OK);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("x", DT(2025, 3, 7, 8, 0, 0), &d), TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK); /* after the report instant */
  assert_int_equal(tthc_dossier_reset(d, "y", DT(2025, 3, 3, 8, 0, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_FLAGS, TTHC_DOSSIER_FLAG_CANCELLED),
                   TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
  assert_int_equal(tthc_agg_skipped(a, TTHC_SKIP_FUTURE), 1);
  assert_int_equal(tthc_agg_skipped(a, TTHC_SKIP_CANCELLED), 1);
  assert_int_equal(tthc_agg_group_count(a), 0);
  /* the instant policy: finishing on the due date before the due instant is early */
  assert_int_equal(tthc_dossier_reset(d, "z", DT(2025, 3, 3, 8, 0, 0)), TTHC_OK);
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = TTHC_EVENT_ACCEPTED, e.at = DT(2025, 3, 3, 8, 0, 0), e.due = DT(2025, 3, 5, 17, 0, 0);
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  tthc_dossier_event r = TTHC_DOSSIER_EVENT_INIT;
  r.kind = TTHC_EVENT_RESULT_ISSUED, r.at = DT(2025, 3, 5, 9, 0, 0);
  assert_int_equal(tthc_dossier_append(d, &r, NULL), TTHC_OK);
  /* an event after the report instant does not exist for the report */
  tthc_dossier_event ret = TTHC_DOSSIER_EVENT_INIT;
  ret.kind = TTHC_EVENT_RESULT_RETURNED, ret.at = DT(2025, 3, 10, 9, 0, 0), ret.channel = 1;
  assert_int_equal(tthc_dossier_append(d, &ret, NULL), TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
  assert_int_equal(CNT(a, 0, TTHC_COUNT_EARLY), 1);
  assert_int_equal(CNT(a, 0, TTHC_COUNT_NO_DUE), 0);
  assert_int_equal(CNT(a, 0, TTHC_COUNT_DIRECT), 1); /* channel not recorded counts as direct */
  tthc_dossier_free(d);
  tthc_agg_free(a);
}

static void test_feedback(void **state) {
  (void)state;
  /* received Mon 2025-03-03: refuse by Wed 03-05, supplement by Mon 03-10, handle by Mon 03-24 */
  tthc_feedback f = TTHC_FEEDBACK_INIT;
  f.received_at = DT(2025, 3, 3, 9, 0, 0);
  tthc_feedback_status s;
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 20, 0, 0, 0), &s), TTHC_OK);
  tthc_date d;
  tthc_date_from_ymd(2025, 3, 5, &d);
  assert_int_equal(s.refuse_by, d);
  assert_int_equal(s.supplement_by, d + 5);
  assert_int_equal(s.handle_by, d + 19);
  assert_int_equal(s.stage, TTHC_FEEDBACK_OPEN);
  assert_int_equal(s.on_time, 1);
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 25, 0, 0, 0), &s), TTHC_OK);
  assert_int_equal(s.on_time, 0);
  assert_int_equal(s.late_step, TTHC_FEEDBACK_STEP_HANDLE);
  f.handled_at = DT(2025, 3, 21, 10, 0, 0); /* handled in time; publish by Tue 03-25 */
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_OK);
  assert_int_equal(s.stage, TTHC_FEEDBACK_HANDLED);
  assert_int_equal(s.late_step, TTHC_FEEDBACK_STEP_PUBLISH);
  f.published_at = DT(2025, 3, 25, 16, 0, 0);
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_OK);
  assert_int_equal(s.stage, TTHC_FEEDBACK_PUBLISHED);
  assert_int_equal(s.on_time, 1);
  assert_int_equal(s.satisfied, 1);
  f.disliked = 1;
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_OK);
  assert_int_equal(s.satisfied, 0);
  tthc_feedback r = TTHC_FEEDBACK_INIT;
  r.received_at = DT(2025, 3, 3, 9, 0, 0);
  r.refused_at = DT(2025, 3, 6, 9, 0, 0); /* one day too late */
  assert_int_equal(tthc_feedback_status_at(&r, g_cal, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_OK);
  assert_int_equal(s.stage, TTHC_FEEDBACK_REFUSED);
  assert_int_equal(s.late_step, TTHC_FEEDBACK_STEP_REFUSE);
  /* bad input */
  tthc_feedback bad = TTHC_FEEDBACK_INIT;
  assert_int_equal(tthc_feedback_status_at(&bad, g_cal, 0, &s), TTHC_EINVAL);
  bad.received_at = DT(2025, 3, 3, 9, 0, 0);
  bad.published_at = DT(2025, 3, 4, 9, 0, 0); /* published but never handled */
  assert_int_equal(tthc_feedback_status_at(&bad, g_cal, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_EINVAL);
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2025, 3, 1, 0, 0, 0), &s), TTHC_ERANGE);
  assert_int_equal(tthc_feedback_status_at(&f, NULL, DT(2025, 3, 26, 0, 0, 0), &s), TTHC_EINVAL);
  f.received_at = DT(2040, 1, 1, 0, 0, 0), f.handled_at = f.published_at = TTHC_DATETIME_NONE;
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, DT(2040, 1, 2, 0, 0, 0), &s), TTHC_ERANGE);

  /* into an aggregate: rates 5.1-5.3 and TT 01/2018 index 8 */
  tthc_agg *a;
  assert_int_equal(tthc_agg_new(TTHC_BY_UNIT, 0, DT(2025, 3, 31, 23, 0, 0), &a), TTHC_OK);
  tthc_feedback ok = TTHC_FEEDBACK_INIT;
  ok.received_at = DT(2025, 3, 3, 9, 0, 0);
  assert_int_equal(tthc_agg_add_feedback(a, "U", &ok), TTHC_ESTATE); /* needs a clock */
  tthc_dossier_clock ck = {g_cal, NULL, NULL, {NULL, NULL, NULL}};
  assert_int_equal(tthc_agg_set_clock(a, &ck), TTHC_OK);
  ok.classified = 1;
  ok.handled_at = DT(2025, 3, 10, 9, 0, 0);
  ok.published_at = DT(2025, 3, 11, 9, 0, 0);
  for (int i = 0; i < 9; i++) assert_int_equal(tthc_agg_add_feedback(a, "U", &ok), TTHC_OK);
  assert_int_equal(tthc_agg_add_feedback(a, "U", &r), TTHC_OK); /* refused late */
  assert_int_equal(tthc_agg_add_feedback(a, "U", &bad), TTHC_EINVAL);
  expect_rate(a, 0, TTHC_RATE_FB_CLASSIFIED_RATE, 9, 10);
  expect_rate(a, 0, TTHC_RATE_FB_ON_TIME_RATE, 9, 10);
  expect_rate(a, 0, TTHC_RATE_FB_SATISFIED_RATE, 9, 10);
  tthc_eval e;
  assert_int_equal(tthc_agg_eval(a, 0, &e), TTHC_OK);
  assert_int_equal(e.tenths[7], 10); /* 90 % on time → 1 */
  assert_int_equal(e.derived[7], 1);
  assert_int_equal(e.tenths[8], -1); /* no dossier: index 9 has no data */
  tthc_agg_free(a);
}

static void test_catalog(void **state) {
  (void)state;
  /* a catalog: 1.000001 "05 ngày làm việc" with a fee, field "Đất đai" */
  tthc_catalog_builder *b;
  assert_int_equal(tthc_catalog_builder_new(&b), TTHC_OK);
  tthc_proc *p;
  assert_int_equal(tthc_proc_new("1.000001", "Thủ tục thử", &p, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_set_field(p, "DD", "Đất đai"), TTHC_OK);
  tthc_limit lim;
  assert_int_equal(tthc_limit_parse("05 ngày làm việc", strlen("05 ngày làm việc"), &lim, NULL),
                   TTHC_OK);
  assert_int_equal(tthc_proc_set_limit(p, TTHC_CHANNELS_ALL, lim, NULL), TTHC_OK);
  assert_int_equal(tthc_proc_add_fee(p, TTHC_CHANNELS_ALL, TTHC_FEE_CHARGE, 50000, NULL), TTHC_OK);
  assert_int_equal(tthc_catalog_builder_add(b, p), TTHC_OK);
  tthc_catalog *cat;
  assert_int_equal(tthc_catalog_build(b, &cat), TTHC_OK);
  tthc_catalog_builder_free(b);

  tthc_agg *a;
  assert_int_equal(tthc_agg_new(TTHC_BY_FIELD, 0, DT(2025, 3, 31, 23, 0, 0), &a), TTHC_OK);
  tthc_dossier_clock ck = {g_cal, NULL, NULL, {NULL, NULL, NULL}};
  assert_int_equal(tthc_agg_set_clock(a, &ck), TTHC_OK);
  assert_int_equal(tthc_agg_set_catalog(a, cat), TTHC_OK);
  /* no appointment, no limit, no field in the record: the catalog supplies them */
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("c", DT(2025, 3, 3, 9, 0, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, "1.000001"), TTHC_OK);
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = TTHC_EVENT_ACCEPTED, e.at = DT(2025, 3, 3, 9, 0, 0);
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  tthc_dossier_event r = TTHC_DOSSIER_EVENT_INIT;
  r.kind = TTHC_EVENT_RESULT_ISSUED, r.at = DT(2025, 3, 11, 9, 0, 0); /* due Mon 03-10 17:00 */
  assert_int_equal(tthc_dossier_append(d, &r, NULL), TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
  /* an unknown procedure: no due, counted on time */
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, "9.999999"), TTHC_OK);
  assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
  size_t g;
  assert_int_equal(tthc_agg_find(a, NULL, "Đất đai", NULL, 0, &g), TTHC_OK);
  assert_int_equal(CNT(a, g, TTHC_COUNT_LATE), 1);
  assert_int_equal(CNT(a, g, TTHC_COUNT_FEE_BEARING), 1);
  assert_int_equal(tthc_agg_find(a, NULL, "", NULL, 0, &g), TTHC_OK);
  assert_int_equal(CNT(a, g, TTHC_COUNT_ON_TIME), 1);
  assert_int_equal(CNT(a, g, TTHC_COUNT_NO_DUE), 1);
  assert_int_equal(CNT(a, g, TTHC_COUNT_FEE_BEARING), 0);
  tthc_dossier_free(d);
  tthc_agg_free(a);
  tthc_catalog_free(cat);
}


/* ==== Reconciliation: tests/data/anbinh_system.csv vs anbinh_register.csv ============== */
/* The register (dates only) lacks A4 (250317), writes A2's result a day late (03-07 for 03-06),
 * has A3 (250310) twice and a dossier the system does not know (250331). It records neither
 * the procedure nor the channel: those are not compared. */
static void add_side(tthc_recon *r, int side, const char *name) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", TTHC_TEST_DATA, name);
  tthc_io_reader *rd;
  tthc_error err;
  if (tthc_io_reader_open(path, TTHC_IO_AUTO, 0, &rd, &err) != TTHC_OK) fail_msg("%s", err.message);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  for (;;) {
    int got;
    if (tthc_io_reader_next(rd, d, &got, &err) != TTHC_OK) fail_msg("%s", err.message);
    if (!got) break;
    assert_int_equal(tthc_recon_add(r, side, d), TTHC_OK);
  }
  tthc_dossier_free(d);
  tthc_io_reader_free(rd);
}

static void test_reconcile(void **state) {
  (void)state;
  tthc_recon *r;
  assert_int_equal(tthc_recon_new(0, 0, &r), TTHC_OK);
  add_side(r, 0, "anbinh_system.csv");
  add_side(r, 1, "anbinh_register.csv");
  assert_int_equal(tthc_recon_count(r), 0); /* nothing before finish */
  assert_int_equal(tthc_recon_finish(r), TTHC_OK);
  assert_int_equal(tthc_recon_finish(r), TTHC_OK);
  assert_int_equal(tthc_recon_side_count(r, 0), 6);
  assert_int_equal(tthc_recon_side_count(r, 1), 7);
  assert_int_equal(tthc_recon_count(r), 4);
  static const struct {
    int kind;
    const char *code, *field, *a, *b;
  } want[] = {
      {TTHC_RECON_MISMATCH, "000.00.01.H26-250304-0001", "result", "2025-03-06", "2025-03-07"},
      {TTHC_RECON_DUPLICATE, "000.00.01.H26-250310-0001", "B", "", ""},
      {TTHC_RECON_ONLY_A, "000.00.01.H26-250317-0001", "", "", ""},
      {TTHC_RECON_ONLY_B, "000.00.01.H26-250331-0001", "", "", ""},
  };
  for (size_t i = 0; i < 4; i++) {
    tthc_recon_item it;
    assert_int_equal(tthc_recon_get(r, i, &it), TTHC_OK);
    assert_int_equal(it.kind, want[i].kind);
    assert_string_equal(it.code, want[i].code);
    assert_string_equal(it.field, want[i].field);
    assert_string_equal(it.a, want[i].a);
    assert_string_equal(it.b, want[i].b);
  }
  tthc_recon_item it;
  assert_int_equal(tthc_recon_get(r, 4, &it), TTHC_ERANGE);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("x", 0, &d), TTHC_OK);
  assert_int_equal(tthc_recon_add(r, 0, d), TTHC_ESTATE);
  tthc_recon_free(r);

  /* instants: the register's midnight times now differ from the system's */
  assert_int_equal(tthc_recon_new(TTHC_RECON_INSTANTS, 1u << 7, &r), TTHC_OK); /* result only */
  add_side(r, 0, "anbinh_system.csv");
  add_side(r, 1, "anbinh_register.csv");
  assert_int_equal(tthc_recon_finish(r), TTHC_OK);
  size_t mismatches = 0;
  for (size_t i = 0; i < tthc_recon_count(r); i++) {
    assert_int_equal(tthc_recon_get(r, i, &it), TTHC_OK);
    if (it.kind == TTHC_RECON_MISMATCH) {
      assert_string_equal(it.field, "result");
      mismatches++;
    }
  }
  assert_int_equal(mismatches, 3); /* A1, A2, A3 have results */
  tthc_recon_free(r);
  /* bad input */
  assert_int_equal(tthc_recon_new(4, 0, &r), TTHC_EINVAL);
  assert_int_equal(tthc_recon_new(0, 1u << 12, &r), TTHC_EINVAL);
  assert_int_equal(tthc_recon_new(0, 0, &r), TTHC_OK);
  assert_int_equal(tthc_recon_add(r, 2, d), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_reset(d, "  ", 0), TTHC_OK);
  assert_int_equal(tthc_recon_add(r, 0, d), TTHC_EINVAL); /* no code */
  tthc_recon_free(r);
  tthc_recon_free(NULL);
  tthc_dossier_free(d);
  assert_string_equal(tthc_recon_kind_name(TTHC_RECON_ONLY_B), "only_b");
  assert_string_equal(tthc_recon_field_name(11), "state");
  assert_null(tthc_recon_field_name(12));
}


/* ==== Report schedules ==================================================================== */
static void test_schedules(void **state) {
  (void)state;
  tthc_date nom[8], due[8];
  size_t n;
  tthc_error err;
  /* every Friday: Friday 2 May 2025 is a swapped day off after the 30/4-1/5 holidays, so the
   * report is due on Tuesday 29 April */
  const char *fri = "FREQ=WEEKLY;BYDAY=FR";
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2025, 4, 1), g_cal, D(2025, 4, 21),
                                       D(2025, 5, 10), nom, due, 8, &n, &err),
                   TTHC_OK);
  assert_int_equal(n, 3);
  assert_int_equal(nom[1], D(2025, 5, 2));
  assert_int_equal(due[0], D(2025, 4, 25));
  assert_int_equal(due[1], D(2025, 4, 29));
  assert_int_equal(due[2], D(2025, 5, 9));
  /* the 20th of each month: Sunday 20 July → Friday 18; Saturday 20 September → Friday 19 */
  const char *m20 = "RRULE:FREQ=MONTHLY;BYMONTHDAY=20";
  assert_int_equal(tthc_schedule_dates(m20, strlen(m20), D(2025, 1, 1), g_cal, D(2025, 7, 1),
                                       D(2025, 9, 30), NULL, due, 8, &n, &err),
                   TTHC_OK);
  assert_int_equal(n, 3);
  assert_int_equal(due[0], D(2025, 7, 18));
  assert_int_equal(due[1], D(2025, 8, 20));
  assert_int_equal(due[2], D(2025, 9, 19));
  /* the 2nd: 2 September 2025 (National Day) and 1 September (adjacent day off) → 29 August */
  const char *m2 = "FREQ=MONTHLY;BYMONTHDAY=2";
  assert_int_equal(tthc_schedule_dates(m2, strlen(m2), D(2025, 1, 1), g_cal, D(2025, 9, 1),
                                       D(2025, 9, 30), nom, due, 8, &n, &err),
                   TTHC_OK);
  assert_int_equal(n, 1);
  assert_int_equal(due[0], D(2025, 8, 29));
  /* counting only, and a buffer too small */
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2025, 1, 1), g_cal, D(2025, 1, 1),
                                       D(2025, 12, 31), NULL, NULL, 0, &n, NULL),
                   TTHC_ENOSPC);
  assert_int_equal(n, 52);
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2025, 1, 1), g_cal, D(2025, 1, 1),
                                       D(2025, 3, 31), NULL, due, 2, &n, NULL),
                   TTHC_ENOSPC);
  assert_int_equal(n, 13);
  assert_int_equal(due[0], D(2025, 1, 3));
  /* bad rules are refused before libical */
  static const struct {
    const char *rule, *fragment;
    tthc_status st;
  } bad[] = {
      {"FREQ=HOURLY", "daily at the finest", TTHC_EUNSUPPORTED},
      {"BYDAY=FR", "FREQ is missing", TTHC_ESYNTAX},
      {"freq=weekly", "uppercase", TTHC_ESYNTAX},
      {"FREQ=FORTNIGHTLY", "FREQ must be", TTHC_ESYNTAX},
      {"FREQ=MONTHLY;BYMONTHDAY=40", "not a valid RRULE", TTHC_ESYNTAX},
      {"FREQ=YEARLY;BYMONTH=13", "cannot be evaluated", TTHC_ESYNTAX},
      {"FREQ=WEEKLY;BYDAY=FR\n", "only uppercase", TTHC_ESYNTAX},
      {"", "1-512 bytes", TTHC_ESYNTAX},
      /* libical 3.0 gives a Tuesday, then an earlier Monday, for this rule (found by fuzzing) */
      {"FREQ=YEARLY;BYWEEKNO=1;BYDAY=MO", "BYWEEKNO is not supported", TTHC_EUNSUPPORTED},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_error_clear(&err);
    assert_int_equal(tthc_schedule_dates(bad[i].rule, strlen(bad[i].rule), D(2025, 1, 1), g_cal,
                                         D(2025, 1, 1), D(2025, 12, 31), NULL, due, 8, &n,
                                         &err),
                     bad[i].st);
    if (!strstr(err.message, bad[i].fragment))
      fail_msg("rule %zu: '%s' lacks '%s'", i, err.message, bad[i].fragment);
  }
  /* positions count the "RRULE:" prefix */
  const char *lower = "RRULE:FREQ=weekly";
  assert_int_equal(tthc_schedule_dates(lower, strlen(lower), D(2025, 1, 1), g_cal,
                                       D(2025, 1, 1), D(2025, 12, 31), NULL, due, 8, &n, &err),
                   TTHC_ESYNTAX);
  assert_int_equal(err.column, 12); /* the 'w' */
  assert_int_equal(err.offset, 11);
  char longrule[600];
  memset(longrule, 'A', sizeof longrule);
  assert_int_equal(tthc_schedule_dates(longrule, sizeof longrule, D(2025, 1, 1), g_cal,
                                       D(2025, 1, 1), D(2025, 12, 31), NULL, due, 8, &n, NULL),
                   TTHC_ESYNTAX);
  /* out of range */
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(1800, 1, 1), g_cal, D(2025, 1, 1),
                                       D(2025, 12, 31), NULL, due, 8, &n, NULL),
                   TTHC_ERANGE);
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2026, 12, 1), g_cal, D(2026, 12, 1),
                                       D(2027, 2, 1), NULL, due, 8, &n, NULL),
                   TTHC_ERANGE); /* the calendar ends with 2026 */
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2025, 1, 1), g_cal, D(2025, 2, 1),
                                       D(2025, 1, 1), NULL, due, 8, &n, NULL),
                   TTHC_EINVAL);
  assert_int_equal(tthc_schedule_dates(NULL, 0, D(2025, 1, 1), g_cal, D(2025, 1, 1),
                                       D(2025, 2, 1), NULL, due, 8, &n, NULL),
                   TTHC_EINVAL);
  /* a start after the window: nothing */
  assert_int_equal(tthc_schedule_dates(fri, strlen(fri), D(2026, 1, 1), g_cal, D(2025, 1, 1),
                                       D(2025, 12, 31), NULL, due, 8, &n, NULL),
                   TTHC_OK);
  assert_int_equal(n, 0);
}

/* ==== Fast paths: the same results as without them ===================================== */

/* Every record of a CSV input (JSON of the dossier, or the error) and every aggregate of four
 * configurations fed with them, read and aggregated with the fast paths or without any
 * (tthc__io_reader_general, tthc__agg_general). */
static char *fast_or_general(const char *csv, size_t len, bool general, const tthc_catalog *cat,
                             const tthc_hours *h) {
  const struct {
    unsigned keys;
    int period, clock;
    unsigned policy;
    tthc_datetime as_of;
  } cfg[] = {
      {TTHC_BY_UNIT | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, 1, 0, DT(2025, 12, 31, 23, 59, 59)},
      {TTHC_BY_UNIT | TTHC_BY_FIELD | TTHC_BY_PROCEDURE | TTHC_BY_PERIOD, TTHC_PERIOD_DAY, 0, 0,
       DT(2025, 12, 31, 23, 59, 59)},
      {TTHC_BY_FIELD | TTHC_BY_PERIOD, TTHC_PERIOD_WEEK, 2,
       TTHC_STATUS_SUPPLEMENT_RESTART | TTHC_STATUS_EARLY_BY_INSTANT, DT(2025, 6, 30, 12, 0, 0)},
      {TTHC_BY_PROCEDURE, 0, 1, TTHC_STATUS_MULTI_SUPPLEMENT_NOT_LATE, DT(2025, 9, 30, 17, 0, 0)},
  };
  enum { NCFG = sizeof cfg / sizeof *cfg };
  tthc_agg *a[NCFG];
  for (int k = 0; k < NCFG; k++) {
    assert_int_equal(tthc_agg_new(cfg[k].keys, cfg[k].period, cfg[k].as_of, &a[k]), TTHC_OK);
    tthc__agg_general(a[k], general);
    assert_int_equal(tthc_agg_set_policy(a[k], cfg[k].policy), TTHC_OK);
    tthc_dossier_clock ck = {g_cal, cfg[k].clock == 2 ? h : NULL, NULL, {NULL, NULL, NULL}};
    if (cfg[k].clock) assert_int_equal(tthc_agg_set_clock(a[k], &ck), TTHC_OK);
    if (k == 3 && cat) assert_int_equal(tthc_agg_set_catalog(a[k], cat), TTHC_OK);
  }
  tthc_io_reader *r;
  tthc_error err;
  if (tthc_io_reader_new_mem(csv, len, TTHC_IO_CSV, 0, &r, &err) != TTHC_OK)
    fail_msg("%s", err.message);
  tthc__io_reader_general(r, general);
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  size_t cap = 1 << 16, n = 0;
  char *out = malloc(cap);
  for (;;) {
    int got;
    tthc_error_clear(&err);
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    char *js = NULL;
    if (st == TTHC_OK && got) assert_int_equal(tthc_io_dossier_to_json_alloc(d, &js), TTHC_OK);
    size_t need = (js ? strlen(js) : 0) + sizeof err.message + 64;
    if (n + need > cap) out = realloc(out, cap = (cap + need) * 2);
    if (st != TTHC_OK)
      n += (size_t)snprintf(out + n, cap - n, "error %d %d:%d@%lld #%lld %s\n", (int)st,
                            (int)err.line, (int)err.column, (long long)err.offset,
                            (long long)err.record, err.message);
    else if (got)
      n += (size_t)snprintf(out + n, cap - n, "%s\n", js);
    tthc_free(js);
    if (st == TTHC_OK && !got) break;
    if (st != TTHC_OK) continue;
    for (int k = 0; k < NCFG; k++) assert_int_equal(tthc_agg_add(a[k], d, NULL), TTHC_OK);
  }
  for (int k = 0; k < NCFG; k++) {
    char *x = dump(a[k]);
    size_t xn = strlen(x);
    if (n + xn + 1 > cap) out = realloc(out, cap = (cap + xn) * 2);
    memcpy(out + n, x, xn + 1);
    n += xn;
    free(x);
    tthc_agg_free(a[k]);
  }
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
  return out;
}

/* Generated dossiers written as CSV into memory (some with quoted reasons and event logs). */
static char *generated_csv(uint64_t seed, int n, int units, int quotes, size_t *len) {
  char path[64];
  snprintf(path, sizeof path, "/tmp/tthc_test_indicator_%d.csv", (int)getpid());
  gen g;
  gen_init(&g, seed, units, 20);
  g.quotes = quotes;
  char *csv = gen_csv(&g, n, path, len);
  assert_non_null(csv);
  return csv;
}

/* Working hours unlike the defaults, with a summer season. */
static tthc_hours *odd_hours(void) {
  tthc_hours *h;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  const char *week = "07:30-11:30,13:00-16:30", *summer = "07:00-11:00,13:30-17:00";
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, week, strlen(week), NULL),
                   TTHC_OK);
  assert_int_equal(tthc_hours_add_season(h, 4, 15, 10, 15, TTHC_WEEKDAYS_ALL, summer,
                                         strlen(summer), NULL),
                   TTHC_OK);
  return h;
}

static void test_fast_paths_same_results(void **state) {
  (void)state;
  tthc_hours *h = odd_hours();
  /* generated: few units, so groups pass the exact-value limit into the histogram */
  for (int quotes = 0; quotes <= 1; quotes++) {
    size_t len;
    char *csv = generated_csv(7 + (uint64_t)quotes, 3000, 6, quotes, &len);
    char *fast = fast_or_general(csv, len, false, NULL, h);
    char *general = fast_or_general(csv, len, true, NULL, h);
    assert_true(strlen(fast) > 100000);
    if (strcmp(fast, general)) fail_msg("generated data (quotes %d): the fast paths differ", quotes);
    free(fast), free(general), free(csv);
  }
  /* the published-style example, with the catalog filling limits and fees */
  size_t len;
  char *csv = slurp("dossiers_2025_03.csv", &len);
  char path[512];
  snprintf(path, sizeof path, "%s/catalog_commune.json", TTHC_TEST_DATA);
  tthc_catalog *cat;
  assert_int_equal(tthc_catalog_load_file(path, &cat, NULL), TTHC_OK);
  char *fast = fast_or_general(csv, len, false, cat, h);
  char *general = fast_or_general(csv, len, true, cat, h);
  assert_non_null(strstr(fast, "UBND xã An Bình"));
  assert_string_equal(fast, general);
  free(fast), free(general), free(csv);
  tthc_catalog_free(cat);
  tthc_hours_free(h);
}

/* The aggregate's working-time cache follows working hours changed between two additions. */
static void test_fast_paths_hours_change(void **state) {
  (void)state;
  size_t len;
  char *csv = generated_csv(11, 600, 4, 0, &len);
  char *out[3];
  for (int run = 0; run < 3; run++) { /* fast, general, fast without the change */
    tthc_hours *h = odd_hours();
    tthc_agg *a;
    assert_int_equal(tthc_agg_new(TTHC_BY_UNIT, 0, DT(2025, 12, 31, 23, 0, 0), &a), TTHC_OK);
    tthc__agg_general(a, run == 1);
    tthc_dossier_clock ck = {g_cal, h, NULL, {NULL, NULL, NULL}};
    assert_int_equal(tthc_agg_set_clock(a, &ck), TTHC_OK);
    tthc_io_reader *r;
    assert_int_equal(tthc_io_reader_new_mem(csv, len, TTHC_IO_CSV, 0, &r, NULL), TTHC_OK);
    tthc_dossier *d;
    assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
    for (int i = 0;; i++) {
      int got;
      assert_int_equal(tthc_io_reader_next(r, d, &got, NULL), TTHC_OK);
      if (!got) break;
      if (i == 300 && run != 2)
        assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, "08:00-15:00", 11, NULL),
                         TTHC_OK);
      assert_int_equal(tthc_agg_add(a, d, NULL), TTHC_OK);
    }
    out[run] = dump(a);
    tthc_dossier_free(d);
    tthc_io_reader_free(r);
    tthc_agg_free(a);
    tthc_hours_free(h);
  }
  assert_string_equal(out[0], out[1]);
  assert_true(strcmp(out[0], out[2]) != 0); /* the change matters */
  for (int run = 0; run < 3; run++) free(out[run]);
  free(csv);
}

static int setup(void **state) {
  (void)state;
  return tthc_cal_new_vietnam(2024, 2026, &g_cal) == TTHC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  tthc_cal_free(g_cal);
  return 0;
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_example_counts),
      cmocka_unit_test(test_example_time),
      cmocka_unit_test(test_example_scores),
      cmocka_unit_test(test_example_targets),
      cmocka_unit_test(test_merge_property),
      cmocka_unit_test(test_merge_mismatch),
      cmocka_unit_test(test_median_histogram),
      cmocka_unit_test(test_eval_score),
      cmocka_unit_test(test_index766_table),
      cmocka_unit_test(test_targets_bad),
      cmocka_unit_test(test_rank_and_format),
      cmocka_unit_test(test_periods_and_keys),
      cmocka_unit_test(test_future_cancelled_and_policy),
      cmocka_unit_test(test_feedback),
      cmocka_unit_test(test_catalog),
      cmocka_unit_test(test_reconcile),
      cmocka_unit_test(test_schedules),
      cmocka_unit_test(test_fast_paths_same_results),
      cmocka_unit_test(test_fast_paths_hours_change),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
