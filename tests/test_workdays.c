/* Working-day arithmetic as the deadline module uses it: the compiled calendar's O(1) add and
 * count against a straightforward day-by-day loop over the same calendar (random inputs,
 * negative N, dates at the range edges), and the vectorised calls. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "tthc.h"

static tthc_cal *CAL;
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

static int work(tthc_date d) {
  int w = 0;
  assert_int_equal(tthc_cal_is_workday(CAL, d, &w), TTHC_OK);
  return w;
}

/* The reference: walk day by day. ERANGE when the walk leaves the calendar. */
static tthc_status loop_add(tthc_date d, int32_t n, tthc_date *out) {
  if (d < FIRST || d > LAST) return TTHC_ERANGE;
  if (n == 0) {
    while (!work(d))
      if (++d > LAST) return TTHC_ERANGE;
  }
  while (n > 0) {
    if (++d > LAST) return TTHC_ERANGE;
    if (work(d)) n--;
  }
  while (n < 0) {
    if (--d < FIRST) return TTHC_ERANGE;
    if (work(d)) n++;
  }
  *out = d;
  return TTHC_OK;
}

static int32_t loop_count(tthc_date a, tthc_date b) {
  if (b < a) return -loop_count(b, a);
  int32_t n = 0;
  for (tthc_date d = a; d <= b; d++) n += work(d);
  return n;
}

static uint64_t rng = 88172645463325252ull;
static uint32_t rnd(void) { /* xorshift64 */
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static void check_add(tthc_date d, int32_t n) {
  tthc_date a = 0, b = 0;
  tthc_status sa = tthc_cal_add_workdays(CAL, d, n, &a), sb = loop_add(d, n, &b);
  if (sa != sb || (sa == TTHC_OK && a != b))
    fail_msg("add %d working days to day %d: compiled %d (%d), loop %d (%d)", n, d, a, sa, b, sb);
}

static void test_compiled_equals_loop(void **state) {
  (void)state;
  int32_t span = LAST - FIRST + 1;
  for (int i = 0; i < 30000; i++) {
    tthc_date d = FIRST + (tthc_date)(rnd() % (uint32_t)span);
    int32_t n = (int32_t)(rnd() % 121) - 60;
    check_add(d, n);
    tthc_date e = d + (int32_t)(rnd() % 181) - 90;
    if (e < FIRST || e > LAST) continue;
    int32_t c;
    assert_int_equal(tthc_cal_count_workdays(CAL, d, e, &c), TTHC_OK);
    assert_int_equal(c, loop_count(d, e));
  }
  /* the edges of the range, both directions, including answers that fall outside */
  for (int32_t k = 0; k < 12; k++)
    for (int32_t n = -15; n <= 15; n++) {
      check_add(FIRST + k, n);
      check_add(LAST - k, n);
    }
  tthc_date out;
  assert_int_equal(tthc_cal_add_workdays(CAL, FIRST - 1, 0, &out), TTHC_ERANGE);
  assert_int_equal(tthc_cal_add_workdays(CAL, LAST + 1, -1, &out), TTHC_ERANGE);
  int32_t c;
  assert_int_equal(tthc_cal_count_workdays(CAL, FIRST, LAST, &c), TTHC_OK);
  assert_int_equal(c, loop_count(FIRST, LAST));
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
      cmocka_unit_test(test_many),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
