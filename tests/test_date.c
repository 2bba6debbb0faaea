/* date: day numbers, ISO weeks, date-times, parsing and formatting, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "test_support.h"
#include "tthc.h"

static void test_epoch_and_range(void **state) {
  (void)state;
  assert_int_equal(D(1970, 1, 1), 0);
  assert_int_equal(D(1, 1, 1), TTHC_DATE_MIN);
  assert_int_equal(D(9999, 12, 31), TTHC_DATE_MAX);
  assert_int_equal(D(2000, 3, 1), 11017);
  assert_int_equal(D(2025, 1, 29), 20117);
  tthc_date r = 5;
  assert_int_equal(tthc_date_from_ymd(0, 1, 1, &r), TTHC_ERANGE);
  assert_int_equal(r, 0);
  assert_int_equal(tthc_date_from_ymd(10000, 1, 1, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_from_ymd(-5, 1, 1, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_from_ymd(2025, 2, 29, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2024, 2, 30, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2025, 13, 1, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2025, 0, 1, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2025, 4, 31, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2025, 4, 0, &r), TTHC_EDATE);
  assert_int_equal(tthc_date_from_ymd(2025, 4, 1, NULL), TTHC_EINVAL);
  assert_int_equal(D(2024, 2, 29) + 1, D(2024, 3, 1));
}

static void test_roundtrip_every_day(void **state) {
  (void)state;
  /* Every day of the range converts back to itself and consecutive days are consecutive. */
  int py = 0, pm = 0, pd = 0;
  for (tthc_date d = TTHC_DATE_MIN; d <= TTHC_DATE_MAX; d++) {
    int y, m, dd;
    assert_int_equal(tthc_date_to_ymd(d, &y, &m, &dd), TTHC_OK);
    if (d > TTHC_DATE_MIN) {
      int next = (dd == 1) ? 1 : 0;
      if (next) {
        assert_int_equal(pd, tthc_date_days_in_month(py, pm));
      } else {
        assert_int_equal(dd, pd + 1);
      }
    }
    tthc_date back;
    if (dd == 1 || dd == 28) { /* spot the inverse often enough */
      assert_int_equal(tthc_date_from_ymd(y, m, dd, &back), TTHC_OK);
      assert_int_equal(back, d);
    }
    py = y, pm = m, pd = dd;
  }
  int y, m, d;
  assert_int_equal(tthc_date_to_ymd(TTHC_DATE_MAX + 1, &y, &m, &d), TTHC_ERANGE);
  assert_int_equal(y, 0);
  assert_int_equal(tthc_date_to_ymd(TTHC_DATE_MIN - 1, NULL, NULL, NULL), TTHC_ERANGE);
}

static void test_leap_and_month_lengths(void **state) {
  (void)state;
  assert_true(tthc_date_is_leap_year(2000));
  assert_false(tthc_date_is_leap_year(1900));
  assert_true(tthc_date_is_leap_year(2024));
  assert_false(tthc_date_is_leap_year(2025));
  assert_int_equal(tthc_date_days_in_month(2024, 2), 29);
  assert_int_equal(tthc_date_days_in_month(2100, 2), 28);
  assert_int_equal(tthc_date_days_in_month(2025, 12), 31);
  assert_int_equal(tthc_date_days_in_month(2025, 13), 0);
  assert_int_equal(tthc_date_days_in_month(2025, 0), 0);
}

static void test_weekday_and_weeks(void **state) {
  (void)state;
  assert_int_equal(tthc_date_weekday(D(1970, 1, 1)), TTHC_THURSDAY);
  assert_int_equal(tthc_date_weekday(D(2025, 1, 29)), TTHC_WEDNESDAY); /* Tết Ất Tỵ */
  assert_int_equal(tthc_date_weekday(D(2026, 2, 17)), TTHC_TUESDAY);   /* Tết Bính Ngọ */
  assert_int_equal(tthc_date_weekday(D(1, 1, 1)), TTHC_MONDAY);
  assert_int_equal(tthc_date_weekday(D(1969, 12, 31)), TTHC_WEDNESDAY);
  int iy, wk, doy;
  assert_int_equal(tthc_date_iso_week(D(2025, 1, 29), &iy, &wk), TTHC_OK);
  assert_int_equal(iy, 2025);
  assert_int_equal(wk, 5);
  tthc_date_iso_week(D(2024, 12, 30), &iy, &wk); /* Monday of 2025-W01 */
  assert_int_equal(iy, 2025);
  assert_int_equal(wk, 1);
  tthc_date_iso_week(D(2021, 1, 3), &iy, &wk); /* Sunday of 2020-W53 */
  assert_int_equal(iy, 2020);
  assert_int_equal(wk, 53);
  tthc_date_iso_week(D(2026, 12, 31), &iy, &wk);
  assert_int_equal(iy, 2026);
  assert_int_equal(wk, 53);
  assert_int_equal(tthc_date_day_of_year(D(2025, 1, 29), &doy), TTHC_OK);
  assert_int_equal(doy, 29);
  tthc_date_day_of_year(D(2024, 12, 31), &doy);
  assert_int_equal(doy, 366);
  assert_int_equal(tthc_date_day_of_year(TTHC_DATE_MAX + 1, &doy), TTHC_ERANGE);
  assert_int_equal(tthc_date_day_of_year(0, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_date_iso_week(TTHC_DATE_MIN - 1, &iy, &wk), TTHC_ERANGE);
}

static void test_add_diff(void **state) {
  (void)state;
  tthc_date r;
  assert_int_equal(tthc_date_add_days(D(2025, 1, 1), 364, &r), TTHC_OK);
  assert_int_equal(r, D(2025, 12, 31));
  assert_int_equal(tthc_date_add_days(D(2025, 1, 1), -1, &r), TTHC_OK);
  assert_int_equal(r, D(2024, 12, 31));
  assert_int_equal(tthc_date_add_days(TTHC_DATE_MAX, 1, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_add_days(TTHC_DATE_MIN, -1, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_add_days(0, INT64_MAX, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_add_days(0, INT64_MIN, &r), TTHC_ERANGE);
  assert_int_equal(tthc_date_add_days(0, 1, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_date_diff_days(D(2025, 1, 1), D(2025, 12, 31)), 364);
  assert_int_equal(tthc_date_diff_days(D(2025, 12, 31), D(2025, 1, 1)), -364);
}

static void test_parse_date(void **state) {
  (void)state;
  tthc_date d = 1;
  tthc_error e;
  assert_int_equal(tthc_date_parse("2025-01-29", 10, &d, &e), TTHC_OK);
  assert_int_equal(d, D(2025, 1, 29));
  /* explicit length: the rest of the buffer is not read */
  assert_int_equal(tthc_date_parse("2025-01-29XYZ", 10, &d, NULL), TTHC_OK);

  struct {
    const char *in;
    tthc_status st;
    int col;
    const char *needle;
  } bad[] = {
      {"2025-02-30", TTHC_EDATE, 9, "day 30 does not exist in February 2025"},
      {"2025-13-01", TTHC_EDATE, 6, "month 13 is out of range"},
      {"2025-00-10", TTHC_EDATE, 6, "month 0"},
      {"0000-01-01", TTHC_ERANGE, 1, "year 0"},
      {"12025-01-01", TTHC_ERANGE, 1, "more than 4 digits"},
      {"2025-1-29", TTHC_ESYNTAX, 7, "expected a digit of the month"},
      {"2025/01/29", TTHC_ESYNTAX, 5, "expected '-'"},
      {"2025-01-29x", TTHC_ESYNTAX, 11, "trailing"},
      {"2025-01-29T10:00", TTHC_ESYNTAX, 11, "trailing"},
      {" 2025-01-29", TTHC_ESYNTAX, 1, "year"},
      {"2025-01", TTHC_ESYNTAX, 8, "input ends"},
      {"29/01/2025", TTHC_ESYNTAX, 3, "year"},
      {"Tết", TTHC_ESYNTAX, 1, "year"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    d = 99;
    tthc_status st = tthc_date_parse(bad[i].in, strlen(bad[i].in), &d, &e);
    if (st != bad[i].st || e.column != bad[i].col || !strstr(e.message, bad[i].needle))
      fail_msg("%s: status %d col %d message '%s'", bad[i].in, st, e.column, e.message);
    assert_int_equal(d, 0);
    assert_int_equal(e.status, st);
    assert_int_equal(e.line, 1);
    assert_non_null(strstr(e.message, "\"")); /* quotes the input */
  }
  assert_int_equal(tthc_date_parse("", 0, &d, &e), TTHC_ESYNTAX);
  assert_non_null(strstr(e.message, "empty"));
  assert_int_equal(tthc_date_parse(NULL, 10, &d, &e), TTHC_EINVAL);
  assert_int_equal(tthc_date_parse("2025-01-29", 10, NULL, &e), TTHC_EINVAL);
  /* invalid UTF-8 in the input is quoted safely */
  assert_int_equal(tthc_date_parse("20\xff" "5-01-01", 10, &d, &e), TTHC_ESYNTAX);
  assert_non_null(strstr(e.message, "\\xFF"));
  assert_int_equal(e.column, 3);
}

static void test_format_date(void **state) {
  (void)state;
  char buf[TTHC_DATE_STRLEN];
  size_t n = 0;
  assert_int_equal(tthc_date_format(D(2025, 1, 29), buf, sizeof buf, &n), TTHC_OK);
  assert_string_equal(buf, "2025-01-29");
  assert_int_equal(n, 10);
  assert_int_equal(tthc_date_format(D(1, 1, 1), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "0001-01-01");
  memset(buf, 'x', sizeof buf);
  assert_int_equal(tthc_date_format(0, buf, 10, &n), TTHC_ENOSPC);
  assert_int_equal(n, 10);
  assert_int_equal(buf[0], 'x'); /* nothing written */
  assert_int_equal(tthc_date_format(0, NULL, 0, &n), TTHC_ENOSPC);
  assert_int_equal(tthc_date_format(0, NULL, 5, &n), TTHC_EINVAL);
  assert_int_equal(tthc_date_format(TTHC_DATE_MAX + 1, buf, sizeof buf, &n), TTHC_ERANGE);
}

static void test_datetime(void **state) {
  (void)state;
  tthc_datetime t;
  tthc_date d;
  int h, m, s;
  assert_int_equal(tthc_datetime_make(D(2025, 1, 24), 16, 10, 5, &t), TTHC_OK);
  assert_int_equal(tthc_datetime_split(t, &d, &h, &m, &s), TTHC_OK);
  assert_int_equal(d, D(2025, 1, 24));
  assert_int_equal(h * 10000 + m * 100 + s, 161005);
  assert_int_equal(tthc_datetime_time_of_day(t), 16 * 3600 + 10 * 60 + 5);
  assert_int_equal(tthc_datetime_make(0, 24, 0, 0, &t), TTHC_EDATE);
  assert_int_equal(tthc_datetime_make(0, 0, 60, 0, &t), TTHC_EDATE);
  assert_int_equal(tthc_datetime_make(0, 0, 0, -1, &t), TTHC_EDATE);
  assert_int_equal(tthc_datetime_make(TTHC_DATE_MAX + 1, 0, 0, 0, &t), TTHC_ERANGE);
  assert_int_equal(tthc_datetime_make(0, 0, 0, 0, NULL), TTHC_EINVAL);
  /* before 1970: floor division */
  assert_int_equal(tthc_datetime_make(D(1969, 12, 31), 23, 0, 0, &t), TTHC_OK);
  assert_int_equal(tthc_datetime_date(t), D(1969, 12, 31));
  assert_int_equal(tthc_datetime_time_of_day(t), 23 * 3600);
  /* Unix time: 2025-01-24T16:10:00+07:00 = 2025-01-24T09:10:00Z = 1737709800 */
  assert_int_equal(tthc_datetime_from_unix(1737709800, &t), TTHC_OK);
  tthc_datetime_split(t, &d, &h, &m, &s);
  assert_int_equal(d, D(2025, 1, 24));
  assert_int_equal(h, 16);
  assert_int_equal(m, 10);
  assert_int_equal(tthc_datetime_to_unix(t), 1737709800);
  assert_int_equal(tthc_datetime_from_unix(INT64_MAX, &t), TTHC_ERANGE);
  assert_int_equal(tthc_datetime_from_unix(INT64_MIN, &t), TTHC_ERANGE);
  assert_int_equal(tthc_datetime_split(INT64_MAX, &d, &h, NULL, NULL), TTHC_ERANGE);
}

static void test_parse_datetime(void **state) {
  (void)state;
  struct {
    const char *in;
    tthc_datetime want;
  } good[] = {
      {"2025-01-24T16:10", DT(2025, 1, 24, 16, 10, 0)},
      {"2025-01-24T16:10:05", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-24 16:10:05", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-24T16:10:05+07:00", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-24T16:10+0700", DT(2025, 1, 24, 16, 10, 0)},
      {"2025-01-24T09:10:05Z", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-24T17:10:05+08:00", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-23T23:30-02:00", DT(2025, 1, 24, 8, 30, 0)},
      {"2025-01-24T16:10:05.987+07:00", DT(2025, 1, 24, 16, 10, 5)},
      {"2025-01-24", DT(2025, 1, 24, 0, 0, 0)},
      {"20250124161005", DT(2025, 1, 24, 16, 10, 5)},
  };
  for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
    tthc_datetime t;
    tthc_error e;
    if (tthc_datetime_parse(good[i].in, strlen(good[i].in), &t, &e) != TTHC_OK)
      fail_msg("%s: %s", good[i].in, e.message);
    assert_int_equal(t, good[i].want);
  }
  struct {
    const char *in;
    tthc_status st;
    int col;
  } bad[] = {
      {"2025-01-24T24:00", TTHC_EDATE, 12},
      {"2025-01-24T16:60", TTHC_EDATE, 15},
      {"2025-01-24T16:10:61", TTHC_EDATE, 18},
      {"2025-01-24T16", TTHC_ESYNTAX, 14},
      {"2025-01-24T6:10", TTHC_ESYNTAX, 13},
      {"2025-01-24X16:10", TTHC_ESYNTAX, 11},
      {"2025-01-24T16:10+7", TTHC_ESYNTAX, 19},
      {"2025-01-24T16:10+15:00", TTHC_EDATE, 17},
      {"2025-01-24T16:10 ", TTHC_ESYNTAX, 17},
      {"2025-01-24T16:10:05.", TTHC_ESYNTAX, 21},
      {"20250230161005", TTHC_EDATE, 7},
      {"20250124251005", TTHC_EDATE, 9},
      {"2025012416100", TTHC_ESYNTAX, 1},
      {"202501241610055", TTHC_ESYNTAX, 1},
      {"0001-01-01T03:00+11:00", TTHC_ERANGE, 1},
      {"9999-12-31T23:00-01:00", TTHC_ERANGE, 1},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    tthc_datetime t = 42;
    tthc_error e;
    tthc_status st = tthc_datetime_parse(bad[i].in, strlen(bad[i].in), &t, &e);
    if (st != bad[i].st || e.column != bad[i].col)
      fail_msg("%s: status %d col %d message '%s'", bad[i].in, st, e.column, e.message);
    assert_int_equal(t, 0);
  }
  tthc_datetime t;
  assert_int_equal(tthc_datetime_parse("", 0, &t, NULL), TTHC_ESYNTAX);
  assert_int_equal(tthc_datetime_parse(NULL, 1, &t, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_datetime_parse("2025-01-24", 10, NULL, NULL), TTHC_EINVAL);
}

static void test_format_datetime(void **state) {
  (void)state;
  char buf[TTHC_DATETIME_STRLEN];
  size_t n;
  tthc_datetime t = DT(2025, 1, 24, 16, 10, 5);
  assert_int_equal(tthc_datetime_format(t, 0, buf, sizeof buf, &n), TTHC_OK);
  assert_string_equal(buf, "2025-01-24T16:10");
  assert_int_equal(n, 16);
  tthc_datetime_format(t, TTHC_DATETIME_SECONDS, buf, sizeof buf, NULL);
  assert_string_equal(buf, "2025-01-24T16:10:05");
  tthc_datetime_format(t, TTHC_DATETIME_SECONDS | TTHC_DATETIME_OFFSET, buf, sizeof buf, &n);
  assert_string_equal(buf, "2025-01-24T16:10:05+07:00");
  assert_int_equal(n + 1, TTHC_DATETIME_STRLEN);
  tthc_datetime_format(t, TTHC_DATETIME_COMPACT, buf, sizeof buf, NULL);
  assert_string_equal(buf, "20250124161005");
  assert_int_equal(tthc_datetime_format(t, 0, buf, 16, &n), TTHC_ENOSPC);
  assert_int_equal(n, 16);
  assert_int_equal(tthc_datetime_format(INT64_MIN, 0, buf, sizeof buf, &n), TTHC_ERANGE);
  /* parse(format(t)) == t for every form */
  const unsigned forms[] = {TTHC_DATETIME_SECONDS, TTHC_DATETIME_SECONDS | TTHC_DATETIME_OFFSET,
                            TTHC_DATETIME_COMPACT};
  for (int i = 0; i < 3; i++) {
    tthc_datetime back;
    tthc_datetime_format(t, forms[i], buf, sizeof buf, &n);
    assert_int_equal(tthc_datetime_parse(buf, n, &back, NULL), TTHC_OK);
    assert_int_equal(back, t);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_epoch_and_range),  cmocka_unit_test(test_roundtrip_every_day),
      cmocka_unit_test(test_leap_and_month_lengths), cmocka_unit_test(test_weekday_and_weeks),
      cmocka_unit_test(test_add_diff),         cmocka_unit_test(test_parse_date),
      cmocka_unit_test(test_format_date),      cmocka_unit_test(test_datetime),
      cmocka_unit_test(test_parse_datetime),   cmocka_unit_test(test_format_datetime),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
