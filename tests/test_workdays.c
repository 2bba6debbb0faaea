/* Working-day arithmetic as the deadline module uses it: the compiled calendar's O(1) add and
 * count against a straightforward day-by-day loop over the same calendar (random inputs,
 * negative N, dates at the range edges), for several calendars and every build of the select
 * this CPU runs, and the vectorised calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "calendar_internal.h"
#include "test_support.h"
#include "tthc.h"

static tthc_cal *CAL; /* national, 2000-2030 */
static tthc_date FIRST, LAST;

static int setup(void **state) {
  (void)state;
  if (tthc_cal_new_vietnam(2000, 2030, &CAL) != TTHC_OK) return -1;
  FIRST = tthc_cal_first_date(CAL);
  LAST = tthc_cal_last_date(CAL);
  return 0;
}

static int teardown(void **state) {
  (void)state;
  tthc_cal_free(CAL);
  return 0;
}

static int work(const tthc_cal *cal, tthc_date d) {
  int w = 0;
  assert_int_equal(tthc_cal_is_workday(cal, d, &w), TTHC_OK);
  return w;
}

/* The reference: walk day by day. ERANGE when the walk leaves the calendar. */
static tthc_status loop_add(const tthc_cal *cal, tthc_date d, int32_t n, tthc_date *out) {
  tthc_date first = tthc_cal_first_date(cal), last = tthc_cal_last_date(cal);
  if (d < first || d > last) return TTHC_ERANGE;
  if (n == 0) {
    while (!work(cal, d))
      if (++d > last) return TTHC_ERANGE;
  }
  while (n > 0) {
    if (++d > last) return TTHC_ERANGE;
    if (work(cal, d)) n--;
  }
  while (n < 0) {
    if (--d < first) return TTHC_ERANGE;
    if (work(cal, d)) n++;
  }
  *out = d;
  return TTHC_OK;
}

static int32_t loop_count(const tthc_cal *cal, tthc_date a, tthc_date b) {
  if (b < a) return -loop_count(cal, b, a);
  int32_t n = 0;
  for (tthc_date d = a; d <= b; d++) n += work(cal, d);
  return n;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void) { /* xorshift64 */
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static void check_add(const tthc_cal *cal, tthc_date d, int32_t n) {
  tthc_date a = 0, b = 0;
  tthc_status sa = tthc_cal_add_workdays(cal, d, n, &a), sb = loop_add(cal, d, n, &b);
  if (sa != sb || (sa == TTHC_OK && a != b))
    fail_msg("[%s] add %d working days to day %d: compiled %d (%d), loop %d (%d)",
             tthc__cal_path(cal), n, d, a, sa, b, sb);
  if (sa != TTHC_OK) assert_int_equal(a, 0);
}

static void check_count(const tthc_cal *cal, tthc_date a, tthc_date b) {
  int32_t c = -1;
  tthc_status st = tthc_cal_count_workdays(cal, a, b, &c);
  if (a < tthc_cal_first_date(cal) || a > tthc_cal_last_date(cal) ||
      b < tthc_cal_first_date(cal) || b > tthc_cal_last_date(cal)) {
    assert_int_equal(st, TTHC_ERANGE);
    assert_int_equal(c, 0);
    return;
  }
  assert_int_equal(st, TTHC_OK);
  if (c != loop_count(cal, a, b))
    fail_msg("[%s] count %d..%d: compiled %d, loop %d", tthc__cal_path(cal), a, b, c,
             loop_count(cal, a, b));
}

/* Random adds and counts (N from -60 to 60, sometimes up to +-1500 working days), then every
 * N in -15..15 from the first and last 12 days (answers falling outside included), and the
 * dates just outside. */
static void check_calendar(const tthc_cal *cal, int rounds) {
  tthc_date first = tthc_cal_first_date(cal), last = tthc_cal_last_date(cal);
  int32_t span = last - first + 1;
  for (int i = 0; i < rounds; i++) {
    tthc_date d = first + (tthc_date)(rnd() % (uint32_t)span);
    int32_t n = i % 16 ? (int32_t)(rnd() % 121) - 60 : (int32_t)(rnd() % 3001) - 1500;
    check_add(cal, d, n);
    check_count(cal, d, d + (int32_t)(rnd() % 181) - 90);
  }
  for (int32_t k = 0; k < 12; k++)
    for (int32_t n = -15; n <= 15; n++) {
      check_add(cal, first + k, n);
      check_add(cal, last - k, n);
    }
  check_add(cal, first - 1, 0);
  check_add(cal, last + 1, -1);
  check_add(cal, INT32_MIN, 1);
  check_add(cal, INT32_MAX, -1);
  check_add(cal, first, INT32_MAX);
  check_add(cal, last, INT32_MIN);
  check_count(cal, first, last);
  check_count(cal, last, first);
  check_count(cal, first - 1, last);
  check_count(cal, first, last + 1);
}

/* Every day: tthc_cal_day agrees with the bitmap, and a day has an entry exactly when its
 * kind is neither an ordinary working day nor weekly rest; the iterator sees the same entries. */
static void check_days(const tthc_cal *cal) {
  tthc_date first = tthc_cal_first_date(cal), last = tthc_cal_last_date(cal);
  size_t entries = 0, counted = 0;
  for (tthc_date d = first; d <= last; d++) {
    tthc_day_kind k;
    const tthc_cal_entry *e;
    assert_int_equal(tthc_cal_day(cal, d, &k, &e), TTHC_OK);
    assert_int_equal(k == TTHC_DAY_WORKDAY || k == TTHC_DAY_MAKEUP_WORKDAY, work(cal, d));
    assert_int_equal(e != NULL, k != TTHC_DAY_WORKDAY && k != TTHC_DAY_WEEKLY_REST);
    if (e) assert_int_equal(tthc_cal_entry_date(e), d), assert_int_equal(tthc_cal_entry_kind(e), k);
    entries += e != NULL;
  }
  tthc_cal_iter *it;
  assert_int_equal(tthc_cal_iter_new(cal, first, last, &it), TTHC_OK);
  while (tthc_cal_iter_next(it)) counted++;
  tthc_cal_iter_free(it);
  assert_int_equal(counted, entries);
}

/* Every build of the select this CPU runs, then back to the calendar's own. */
static void check_every_build(tthc_cal *cal, int rounds) {
  check_days(cal);
  static const char *const names[] = {"bmi2", "popcnt", "portable"};
  const char *own = tthc__cal_path(cal);
  int ran = 0;
  for (size_t p = 0; p < sizeof names / sizeof *names; p++) {
    if (!tthc__cal_use_path(cal, names[p])) continue;
    assert_string_equal(tthc__cal_path(cal), names[p]);
    check_calendar(cal, rounds);
    ran++;
  }
  assert_true(ran >= 1); /* "portable" runs everywhere */
  assert_int_equal(tthc__cal_use_path(cal, "no-such-build"), 0);
  assert_int_equal(tthc__cal_use_path(cal, own), 1);
}

static void test_compiled_equals_loop(void **state) {
  (void)state;
  check_every_build(CAL, 20000);
}

/* Build the calendar and free its builder. */
static tthc_cal *build_and_free(tthc_cal_builder *b) {
  tthc_cal *cal = NULL;
  assert_int_equal(tthc_cal_build(b, &cal), TTHC_OK);
  tthc_cal_builder_free(b);
  return cal;
}

/* A unit that works on Saturdays (weekly rest Sunday only) with local days. */
static void test_saturday_unit(void **state) {
  (void)state;
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2015, 2030, TTHC_CAL_DEFAULT, &b), TTHC_OK);
  assert_int_equal(tthc_cal_builder_set_weekly_rest(b, TTHC_CAL_REST_SUN), TTHC_OK);
  for (int y = 2015; y <= 2030; y++)
    assert_int_equal(tthc_cal_builder_add_day(b, D(y, 3, 12), TTHC_DAY_LOCAL, "Ngày của tỉnh",
                                              "Province day", "QĐ 1/UBND"),
                     TTHC_OK);
  tthc_cal *cal = build_and_free(b); /* the calendar keeps its own copy of the names */
  size_t locals = 0;
  tthc_cal_iter *it;
  assert_int_equal(tthc_cal_iter_new(cal, D(2015, 1, 1), D(2030, 12, 31), &it), TTHC_OK);
  for (const tthc_cal_entry *e; (e = tthc_cal_iter_next(it)) != NULL;)
    if (tthc_cal_entry_kind(e) == TTHC_DAY_LOCAL) {
      locals++;
      assert_string_equal(tthc_cal_entry_name_en(e), "Province day");
      assert_string_equal(tthc_cal_entry_source(e), "QĐ 1/UBND");
    }
  tthc_cal_iter_free(it);
  assert_int_equal(locals, 16);
  assert_int_equal(work(cal, D(2025, 3, 15)), 1); /* a Saturday */
  check_every_build(cal, 8000);
  tthc_cal_free(cal);
}

/* Local days, among them closures long enough that 57 days from a sample hold fewer than 32
 * working days (the out-of-line search), and make-up days inside a closure, one of them on a
 * Wednesday (so an ordinary working day may have an entry: tthc_cal_day must look). */
static void test_local_days_and_closures(void **state) {
  (void)state;
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2020, 2024, TTHC_CAL_DEFAULT, &b), TTHC_OK);
  for (tthc_date d = D(2021, 6, 1); d <= D(2021, 9, 30); d++) /* four months closed */
    assert_int_equal(tthc_cal_builder_add_day(b, d, TTHC_DAY_LOCAL, "Đóng cửa", NULL, NULL),
                     TTHC_OK);
  assert_int_equal(tthc_cal_builder_add_day(b, D(2021, 7, 31), TTHC_DAY_MAKEUP_WORKDAY, "Trực",
                                            "On duty", NULL),
                   TTHC_OK);
  assert_int_equal(tthc_cal_builder_add_day(b, D(2021, 7, 14), TTHC_DAY_MAKEUP_WORKDAY, "Trực",
                                            "On duty", NULL), /* a Wednesday */
                   TTHC_OK);
  for (tthc_date d = D(2023, 1, 2); d <= D(2023, 2, 20); d += 2) /* every other day off */
    assert_int_equal(tthc_cal_builder_add_day(b, d, TTHC_DAY_LOCAL, "Nghỉ luân phiên", NULL, NULL),
                     TTHC_OK);
  tthc_cal *cal = build_and_free(b);
  tthc_date r;
  assert_int_equal(tthc_cal_add_workdays(cal, D(2021, 5, 31), 1, &r), TTHC_OK);
  assert_int_equal(r, D(2021, 7, 14));
  assert_int_equal(tthc_cal_add_workdays(cal, D(2021, 7, 14), 1, &r), TTHC_OK);
  assert_int_equal(r, D(2021, 7, 31));
  assert_int_equal(tthc_cal_add_workdays(cal, D(2021, 7, 31), 1, &r), TTHC_OK);
  assert_int_equal(r, D(2021, 10, 1));
  check_every_build(cal, 8000);
  /* around the closures, every start and N in -40..40 */
  for (tthc_date d = D(2021, 5, 1); d <= D(2021, 11, 1); d += 3)
    for (int32_t n = -40; n <= 40; n += 7) check_add(cal, d, n);
  tthc_cal_free(cal);
}

/* No national base, one working day a week: every select takes the out-of-line search. */
static void test_sparse_calendar(void **state) {
  (void)state;
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(1999, 2003, TTHC_CAL_EMPTY, &b), TTHC_OK);
  assert_int_equal(tthc_cal_builder_set_weekly_rest(b, TTHC_CAL_REST(1) | TTHC_CAL_REST(2) |
                                                           TTHC_CAL_REST(3) | TTHC_CAL_REST(4) |
                                                           TTHC_CAL_REST(5) | TTHC_CAL_REST(6)),
                   TTHC_OK);
  tthc_cal *cal = build_and_free(b);
  check_every_build(cal, 3000);
  int32_t c;
  assert_int_equal(tthc_cal_month_workdays(cal, 2001, 9, &c), TTHC_OK);
  assert_int_equal(c, 5); /* the Sundays of September 2001: 2, 9, 16, 23, 30 */
  tthc_date r;
  assert_int_equal(tthc_cal_month_nth_workday(cal, 2001, 9, -1, &r), TTHC_OK);
  assert_int_equal(r, D(2001, 9, 30));
  tthc_cal_free(cal);
}

static void test_many(void **state) {
  (void)state;
  enum { N = 1000 };
  int32_t dates[N], ns[N], out[N], to[N], cnt[N];
  size_t first;
  tthc_date base;
  assert_int_equal(tthc_date_from_ymd(2010, 1, 1, &base), TTHC_OK);
  for (int i = 0; i < N; i++) {
    dates[i] = base + (int32_t)(rnd() % 6000);
    ns[i] = (int32_t)(rnd() % 121) - 60;
    to[i] = dates[i] + (int32_t)(rnd() % 200) - 100;
  }
  assert_int_equal(tthc_deadline_add_workdays_many(CAL, dates, ns, N, out, &first), TTHC_OK);
  assert_int_equal(first, N);
  assert_int_equal(tthc_deadline_count_workdays_many(CAL, dates, to, N, cnt, &first), TTHC_OK);
  for (int i = 0; i < N; i++) {
    tthc_date r;
    int32_t c;
    assert_int_equal(tthc_cal_add_workdays(CAL, dates[i], ns[i], &r), TTHC_OK);
    assert_int_equal(out[i], r);
    assert_int_equal(tthc_cal_count_workdays(CAL, dates[i], to[i], &c), TTHC_OK);
    assert_int_equal(cnt[i], c);
  }
  /* a failing element: INT32_MIN there, the rest computed */
  dates[3] = LAST;
  ns[3] = 5;
  to[7] = FIRST - 1;
  assert_int_equal(tthc_deadline_add_workdays_many(CAL, dates, ns, N, out, &first), TTHC_ERANGE);
  assert_int_equal(first, 3);
  assert_int_equal(out[3], INT32_MIN);
  assert_true(out[4] != INT32_MIN);
  assert_int_equal(tthc_deadline_count_workdays_many(CAL, dates, to, N, cnt, &first), TTHC_ERANGE);
  assert_int_equal(first, 7);
  assert_int_equal(cnt[7], INT32_MIN);
  assert_int_equal(tthc_deadline_add_workdays_many(NULL, dates, ns, N, out, &first), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_add_workdays_many(CAL, NULL, ns, 1, out, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_count_workdays_many(CAL, dates, to, 1, NULL, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_add_workdays_many(CAL, NULL, NULL, 0, NULL, NULL), TTHC_OK);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_compiled_equals_loop),
      cmocka_unit_test(test_saturday_unit),
      cmocka_unit_test(test_local_days_and_closures),
      cmocka_unit_test(test_sparse_calendar),
      cmocka_unit_test(test_many),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
