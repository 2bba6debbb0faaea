/* deadline: limit phrases, working hours, due instants worked by hand across Tết 2025 and the
 * 30/4-1/5/2025 swap, explanations, the clock ledger, postal transit, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"
#include "tthc.h"

static tthc_cal *CAL; /* national calendar 2023-2027, built once */

static int setup(void **state) {
  (void)state;
  return tthc_cal_new_vietnam(2023, 2027, &CAL) == TTHC_OK ? 0 : -1;
}

static int teardown(void **state) {
  (void)state;
  tthc_cal_free(CAL);
  return 0;
}

static tthc_datetime T(const char *s) {
  tthc_datetime t;
  assert_int_equal(tthc_datetime_parse(s, strlen(s), &t, NULL), TTHC_OK);
  return t;
}

static tthc_date D(const char *s) {
  tthc_date d;
  assert_int_equal(tthc_date_parse(s, strlen(s), &d, NULL), TTHC_OK);
  return d;
}

static tthc_limit L(const char *s) {
  tthc_limit l;
  tthc_error err;
  tthc_status st = tthc_limit_parse(s, strlen(s), &l, &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  return l;
}

/* Format an instant "YYYY-MM-DDTHH:MM" into a static-free caller buffer. */
static const char *F(tthc_datetime t, char buf[TTHC_DATETIME_STRLEN]) {
  assert_int_equal(tthc_datetime_format(t, 0, buf, TTHC_DATETIME_STRLEN, NULL), TTHC_OK);
  return buf;
}

/* Assert the due instant (and optionally the start) of a receipt under a policy. */
static void due_is(const tthc_deadline_policy *pol, const tthc_hours *h, const char *received,
                   const char *limit, const char *start, const char *due) {
  tthc_datetime s, d;
  char b1[TTHC_DATETIME_STRLEN], b2[TTHC_DATETIME_STRLEN];
  tthc_status st = tthc_deadline_due(CAL, h, pol, T(received), L(limit), &s, &d);
  if (st != TTHC_OK) fail_msg("%s / %s: %s", received, limit, tthc_strerror(st));
  if (start && strcmp(F(s, b1), start)) fail_msg("%s / %s: start %s, expected %s", received, limit, b1, start);
  if (strcmp(F(d, b2), due)) fail_msg("%s / %s: due %s, expected %s", received, limit, b2, due);
}

/* ---- limits -------------------------------------------------------------------------------- */

typedef struct phrase_case {
  const char *text;
  int32_t value, milli;
  tthc_limit_unit unit;
  uint32_t flags;
  int32_t cutoff;
} phrase_case;

static const phrase_case PHRASES[] = {
    {"05 ngày làm việc", 5, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"03 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", 3, 0, TTHC_LIMIT_WORKING_DAYS,
     TTHC_LIMIT_FROM_COMPLETE, -1},
    {"Trong ngày", 0, 0, TTHC_LIMIT_WITHIN_DAY, 0, -1},
    {"04 giờ làm việc", 4, 0, TTHC_LIMIT_WORKING_HOURS, 0, -1},
    {"15 ngày", 15, 0, TTHC_LIMIT_CALENDAR_DAYS, 0, -1},
    {"Không quá 10 ngày làm việc", 10, 0, TTHC_LIMIT_WORKING_DAYS, TTHC_LIMIT_AT_MOST, -1},
    {"Ngay trong ngày làm việc", 0, 0, TTHC_LIMIT_WITHIN_DAY, 0, -1},
    {"30 ngày", 30, 0, TTHC_LIMIT_CALENDAR_DAYS, 0, -1},
    {"Trong thời hạn 20 ngày làm việc, kể từ ngày nhận đủ hồ sơ theo quy định", 20, 0,
     TTHC_LIMIT_WORKING_DAYS, TTHC_LIMIT_AT_MOST | TTHC_LIMIT_FROM_COMPLETE, -1},
    {"Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo", 0, 0,
     TTHC_LIMIT_WITHIN_DAY, TTHC_LIMIT_CUTOFF_NEXT_DAY, 15 * 3600},
    {"Không quá 08 giờ làm việc", 8, 0, TTHC_LIMIT_WORKING_HOURS, TTHC_LIMIT_AT_MOST, -1},
    {"0,5 ngày làm việc", 0, 500, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"01 tháng", 1, 0, TTHC_LIMIT_MONTHS, 0, -1},
    {"Cấp ngay", 0, 0, TTHC_LIMIT_IMMEDIATE, 0, -1},
    /* FACTS §7.2 and variations */
    {"07 Ngày làm việc", 7, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"05 ngày làm việc kể từ ngày nhận được hồ sơ hợp lệ", 5, 0, TTHC_LIMIT_WORKING_DAYS,
     TTHC_LIMIT_FROM_COMPLETE, -1},
    {"15 ngày làm việc, kể từ ngày nhận đủ hồ sơ hợp lệ.", 15, 0, TTHC_LIMIT_WORKING_DAYS,
     TTHC_LIMIT_FROM_COMPLETE, -1},
    {"05 ngay lam viec", 5, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"TRONG NGÀY", 0, 0, TTHC_LIMIT_WITHIN_DAY, 0, -1},
    {"trong ngay", 0, 0, TTHC_LIMIT_WITHIN_DAY, 0, -1},
    {"cap ngay", 0, 0, TTHC_LIMIT_IMMEDIATE, 0, -1},
    {"  05 (năm) ngày làm việc  ", 5, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"2.5 ngày làm việc", 2, 500, TTHC_LIMIT_WORKING_DAYS, 0, -1},
    {"1,25 giờ làm việc", 1, 250, TTHC_LIMIT_WORKING_HOURS, 0, -1},
    {"Trong 03 ngày làm việc", 3, 0, TTHC_LIMIT_WORKING_DAYS, TTHC_LIMIT_AT_MOST, -1},
    {"Trong ngày; nếu tiếp nhận sau 15h30 thì trả kết quả trong ngày làm việc tiếp theo", 0, 0,
     TTHC_LIMIT_WITHIN_DAY, TTHC_LIMIT_CUTOFF_NEXT_DAY, 15 * 3600 + 1800},
    {"03 ngày làm việc; nếu tiếp nhận sau 15:00 thì tính từ ngày làm việc tiếp theo", 3, 0,
     TTHC_LIMIT_WORKING_DAYS, TTHC_LIMIT_CUTOFF_NEXT_DAY, 15 * 3600},
    {"10 ngày kể từ ngày có kết luận thanh tra", 10, 0, TTHC_LIMIT_CALENDAR_DAYS,
     TTHC_LIMIT_FROM_OTHER, -1},
    {"Cấp ngay khi nhận đủ hồ sơ hợp lệ", 0, 0, TTHC_LIMIT_IMMEDIATE, TTHC_LIMIT_FROM_COMPLETE,
     -1},
};

static void test_parse_phrases(void **state) {
  (void)state;
  for (size_t i = 0; i < sizeof PHRASES / sizeof PHRASES[0]; i++) {
    const phrase_case *c = &PHRASES[i];
    tthc_limit l = L(c->text);
    if (l.value != c->value || l.milli != c->milli || l.unit != c->unit ||
        l.flags != c->flags || l.cutoff != c->cutoff)
      fail_msg("%s: got %d.%03d unit %d flags %u cutoff %d", c->text, l.value, l.milli, l.unit,
               l.flags, l.cutoff);
  }
}

static void test_parse_nfd_and_case(void **state) {
  (void)state;
  /* NFD: a + U+0300, e + U+0323 + U+0302 */
  const char nfd[] = "05 nga\xCC\x80y la\xCC\x80m vie\xCC\xA3\xCC\x82" "c";
  tthc_limit l = L(nfd);
  assert_int_equal(l.unit, TTHC_LIMIT_WORKING_DAYS);
  assert_int_equal(l.value, 5);
  const char nfd_days[] = "15 NGA\xCC\x80" "Y"; /* calendar days: the accent is there */
  assert_int_equal(L(nfd_days).unit, TTHC_LIMIT_CALENDAR_DAYS);
  /* NBSP and en dash tolerated as space / punctuation */
  assert_int_equal(L("05\xC2\xA0ngày làm việc").value, 5);
}

static void expect_error(const char *text, size_t len, tthc_status st, const char *needle,
                         int32_t column) {
  tthc_limit l;
  tthc_error err;
  l.value = 77;
  assert_int_equal(tthc_limit_parse(text, len, &l, &err), st);
  assert_int_equal(err.status, st);
  assert_int_equal(l.value, 0);
  assert_int_equal(l.cutoff, -1);
  if (!strstr(err.message, needle)) fail_msg("message '%s' lacks '%s'", err.message, needle);
  if (column) assert_int_equal(err.column, column);
}

static void test_parse_errors(void **state) {
  (void)state;
  expect_error("05 ngay", 7, TTHC_ESYNTAX, "\"05 ngay\" is not a statutory limit:", 4);
  expect_error("05 ngay", 7, TTHC_ESYNTAX, "write \"05 ngày\" for calendar days", 4);
  expect_error("24 giờ", strlen("24 giờ"), TTHC_ESYNTAX, "clock or working hours", 4);
  expect_error("", 0, TTHC_ESYNTAX, "the text is empty", 0);
  expect_error("   ", 3, TTHC_ESYNTAX, "the text is empty", 0);
  expect_error("abc", 3, TTHC_ESYNTAX, "unexpected \"abc\" at column 1", 1);
  expect_error("05 ngày làm việc xyz", strlen("05 ngày làm việc xyz"), TTHC_ESYNTAX,
               "unexpected \"xyz\" at column 18", 18);
  expect_error("05", 2, TTHC_ESYNTAX, "needs a unit", 3);
  expect_error("05 tuần", strlen("05 tuần"), TTHC_ESYNTAX, "needs a unit", 4);
  expect_error("1,5 tháng", strlen("1,5 tháng"), TTHC_ESYNTAX, "fraction of a month", 1);
  expect_error("1,5 ngày", strlen("1,5 ngày"), TTHC_ESYNTAX, "fraction of a calendar day", 1);
  expect_error("100001 ngày", strlen("100001 ngày"), TTHC_ERANGE, "over 100000", 1);
  expect_error("0,1234 ngày làm việc", strlen("0,1234 ngày làm việc"), TTHC_ERANGE,
               "more than 3 decimals", 1);
  expect_error("05 ng\xFF", 6, TTHC_EUTF8, "invalid UTF-8 at column 6", 6);
  expect_error("05 ngáy", strlen("05 ngáy"), TTHC_ESYNTAX, "is not a unit of time", 4);
  expect_error("Trong ngày; nếu tiếp nhận sau giờ hành chính", strlen("Trong ngày; nếu tiếp nhận sau giờ hành chính"),
               TTHC_ESYNTAX, "could not read the cut-off hour", 13);
  expect_error("Trong ngày; nếu tiếp nhận sau 15 giờ thì chuyển xử lý", strlen("Trong ngày; nếu tiếp nhận sau 15 giờ thì chuyển xử lý"),
               TTHC_ESYNTAX, "does not say what happens after the cut-off", 13);
  expect_error("05 (năm ngày làm việc", strlen("05 (năm ngày làm việc"), TTHC_ESYNTAX,
               "unclosed '('", 4);
  /* long text is quoted, truncated, and still named */
  char big[600];
  memset(big, 'x', sizeof big);
  expect_error(big, sizeof big, TTHC_ESYNTAX, "...\" is not a statutory limit", 1);
  tthc_limit l;
  assert_int_equal(tthc_limit_parse(NULL, 3, &l, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_limit_parse("x", 1, NULL, NULL), TTHC_EINVAL);
  /* an input that need not be NUL-terminated: only len bytes are read */
  assert_int_equal(tthc_limit_parse("05 ngày làm việc GARBAGE", strlen("05 ngày làm việc"), &l,
                                    NULL), TTHC_OK);
}

static void test_format_roundtrip(void **state) {
  (void)state;
  char buf[320];
  size_t need;
  for (size_t i = 0; i < sizeof PHRASES / sizeof PHRASES[0]; i++) {
    tthc_limit a = L(PHRASES[i].text), b;
    for (unsigned fl = 0; fl <= TTHC_LIMIT_FORMAT_FULL; fl += TTHC_LIMIT_FORMAT_FULL) {
      assert_int_equal(tthc_limit_format(a, fl, buf, sizeof buf, NULL), TTHC_OK);
      assert_int_equal(tthc_limit_parse(buf, strlen(buf), &b, NULL), TTHC_OK);
      assert_int_equal(a.value, b.value);
      assert_int_equal(a.milli, b.milli);
      assert_int_equal(a.unit, b.unit);
      assert_int_equal(a.cutoff, b.cutoff);
    }
  }
  struct { const char *in; unsigned fl; const char *out; } F[] = {
      {"5 ngày làm việc", 0, "05 ngày làm việc"},
      {"5 ngày làm việc", TTHC_LIMIT_FORMAT_EN, "5 working days"},
      {"1 ngày làm việc", TTHC_LIMIT_FORMAT_EN, "1 working day"},
      {"0,5 ngày làm việc", 0, "0,5 ngày làm việc"},
      {"0,5 ngày làm việc", TTHC_LIMIT_FORMAT_EN, "0.5 working days"},
      {"2,25 giờ làm việc", 0, "2,25 giờ làm việc"},
      {"15 ngày", TTHC_LIMIT_FORMAT_EN, "15 calendar days"},
      {"1 tháng", 0, "01 tháng"},
      {"2 tháng", TTHC_LIMIT_FORMAT_EN, "2 months"},
      {"trong ngay", 0, "Trong ngày"},
      {"cap ngay", TTHC_LIMIT_FORMAT_EN, "immediately"},
      {"Không quá 10 ngày làm việc", 0, "10 ngày làm việc"},
      {"Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ", TTHC_LIMIT_FORMAT_FULL,
       "Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ"},
      {"Không quá 10 ngày làm việc kể từ ngày nhận đủ hồ sơ",
       TTHC_LIMIT_FORMAT_FULL | TTHC_LIMIT_FORMAT_EN,
       "at most 10 working days from receipt of the complete dossier"},
      {"Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo", 0,
       "Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo"},
      {"Trong ngày; nếu tiếp nhận sau 15h30 thì trong ngày làm việc tiếp theo",
       TTHC_LIMIT_FORMAT_EN, "within the day; by the end of the next working day if received after 15:30"},
  };
  for (size_t i = 0; i < sizeof F / sizeof F[0]; i++) {
    assert_int_equal(tthc_limit_format(L(F[i].in), F[i].fl, buf, sizeof buf, &need), TTHC_OK);
    assert_string_equal(buf, F[i].out);
    assert_int_equal(need, strlen(F[i].out));
  }
  /* too small: nothing written, needed returned */
  memset(buf, '#', 4);
  assert_int_equal(tthc_limit_format(L("05 ngày làm việc"), 0, buf, 5, &need), TTHC_ENOSPC);
  assert_int_equal(need, strlen("05 ngày làm việc"));
  assert_int_equal(buf[0], '#');
  tthc_limit bad = {-1, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1};
  assert_int_equal(tthc_limit_format(bad, 0, buf, sizeof buf, NULL), TTHC_EINVAL);
  assert_string_equal(tthc_limit_unit_name(TTHC_LIMIT_WORKING_DAYS), "working_days");
  assert_string_equal(tthc_limit_unit_name(TTHC_LIMIT_WITHIN_DAY), "within_day");
  assert_null(tthc_limit_unit_name((tthc_limit_unit)9));
}

static void test_limit_make(void **state) {
  (void)state;
  tthc_limit l;
  assert_int_equal(tthc_limit_make(5, TTHC_LIMIT_WORKING_DAYS, &l), TTHC_OK);
  assert_int_equal(l.value, 5);
  assert_int_equal(l.cutoff, -1);
  assert_int_equal(tthc_limit_make(-1, TTHC_LIMIT_WORKING_DAYS, &l), TTHC_ERANGE);
  assert_int_equal(tthc_limit_make(100001, TTHC_LIMIT_MONTHS, &l), TTHC_ERANGE);
  assert_int_equal(tthc_limit_make(1, TTHC_LIMIT_WITHIN_DAY, &l), TTHC_ERANGE);
  assert_int_equal(tthc_limit_make(1, (tthc_limit_unit)42, &l), TTHC_EINVAL);
  assert_int_equal(tthc_limit_make(1, TTHC_LIMIT_MONTHS, NULL), TTHC_EINVAL);
}

/* ---- working hours ------------------------------------------------------------------------- */

static void test_hours_config(void **state) {
  (void)state;
  tthc_hours *h;
  tthc_error err;
  char buf[64];
  int32_t s[4], e[4];
  size_t n;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  assert_int_equal(tthc_hours_format(h, D("2025-04-26"), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "08:00-12:00,13:00-17:00"); /* a Saturday: the calendar decides */
  assert_int_equal(tthc_hours_day_length(h), 28800);
  assert_int_equal(tthc_hours_day_length(NULL), 28800);
  const char *summer = "07:00-11:30, 13:30-17:00";
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_MON_FRI, summer, strlen(summer), &err),
                   TTHC_OK);
  assert_int_equal(tthc_hours_format(h, D("2025-06-02"), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "07:00-11:30,13:30-17:00");
  assert_int_equal(tthc_hours_sessions(h, D("2025-06-02"), s, e, 4, &n), TTHC_OK);
  assert_int_equal(n, 2);
  assert_int_equal(s[1], 13 * 3600 + 1800);
  assert_int_equal(tthc_hours_sessions(h, D("2025-06-02"), s, e, 1, &n), TTHC_ENOSPC);
  assert_int_equal(n, 2);
  /* winter season wrapping the year end, Nghệ An style */
  const char *winter = "07:30-12:00,13:30-17:00";
  assert_int_equal(tthc_hours_add_season(h, 10, 16, 4, 15, TTHC_WEEKDAYS_ALL, winter,
                                         strlen(winter), &err), TTHC_OK);
  assert_int_equal(tthc_hours_format(h, D("2025-01-06"), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "07:30-12:00,13:30-17:00");
  assert_int_equal(tthc_hours_format(h, D("2025-04-16"), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "07:00-11:30,13:30-17:00");
  assert_int_equal(h->uniform, 8 * 3600); /* every table is 8 h long: the O(1) path holds */
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAY_BIT(5), "07:00-11:00", 11, &err), TTHC_OK);
  assert_int_equal(h->uniform, 0); /* a short Friday: one step per day */
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAY_BIT(5), summer, strlen(summer), &err), TTHC_OK);
  /* bad specs leave h unchanged */
  struct { const char *spec; tthc_status st; const char *msg; } bad[] = {
      {"", TTHC_ESYNTAX, "at least one session"},
      {"08:00", TTHC_ESYNTAX, "expected '-'"},
      {"08:00-25:00", TTHC_EDATE, "out of range"},
      {"08:70-12:00", TTHC_EDATE, "minutes out of range"},
      {"12:00-08:00", TTHC_EDATE, "must end after it starts"},
      {"08:00-12:00,11:00-17:00", TTHC_EDATE, "must not overlap"},
      {"1:00-2:00,3:00-4:00,5:00-6:00,7:00-8:00,9:00-10:00", TTHC_ERANGE, "at most 4"},
      {"08:00-12:00 13:00-17:00", TTHC_ESYNTAX, "expected ','"},
      {"8-12", TTHC_ESYNTAX, "expected ':'"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, bad[i].spec,
                                             strlen(bad[i].spec), &err), bad[i].st);
    if (!strstr(err.message, bad[i].msg)) fail_msg("%s: %s", bad[i].spec, err.message);
    assert_non_null(strstr(err.message, "invalid working hours"));
  }
  assert_int_equal(tthc_hours_format(h, D("2025-06-02"), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "07:00-11:30,13:30-17:00");
  assert_int_equal(tthc_hours_set_sessions(h, 0, summer, strlen(summer), &err), TTHC_EINVAL);
  assert_int_equal(tthc_hours_set_sessions(NULL, 2, summer, strlen(summer), &err), TTHC_EINVAL);
  assert_int_equal(tthc_hours_add_season(h, 2, 30, 3, 1, 2, summer, strlen(summer), &err),
                   TTHC_EDATE);
  assert_int_equal(tthc_hours_set_day_length(h, 100), TTHC_ERANGE);
  assert_int_equal(tthc_hours_set_day_length(h, 7 * 3600), TTHC_OK);
  assert_int_equal(tthc_hours_day_length(h), 7 * 3600);
  for (int i = 0; i < 15; i++)
    assert_int_equal(tthc_hours_add_season(h, 1, 1, 1, 2, 2, summer, strlen(summer), NULL), TTHC_OK);
  assert_int_equal(tthc_hours_add_season(h, 1, 1, 1, 2, 2, summer, strlen(summer), &err), TTHC_ERANGE);
  tthc_hours_free(h);
  tthc_hours_free(NULL);
  assert_int_equal(tthc_hours_new(NULL), TTHC_EINVAL);
}

static void test_hours_arithmetic(void **state) {
  (void)state;
  char b[TTHC_DATETIME_STRLEN];
  tthc_datetime t;
  int64_t s;
  /* next start */
  assert_int_equal(tthc_hours_next_start(CAL, NULL, T("2025-01-24T12:30"), &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-01-24T13:00");
  assert_int_equal(tthc_hours_next_start(CAL, NULL, T("2025-01-24T17:00"), &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-02-03T08:00");
  assert_int_equal(tthc_hours_next_start(CAL, NULL, T("2025-01-24T09:15"), &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-01-24T09:15");
  /* add: a boundary lands on the end of the earlier session */
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-24T08:00"), 4 * 3600, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-01-24T12:00");
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-24T08:00"), 8 * 3600, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-01-24T17:00");
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-24T16:00"), 2 * 3600, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-02-03T09:00"); /* across the 9-day Tết closure */
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-25T10:00"), 9 * 3600, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-02-04T09:00");
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-24T16:00"), 0, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-01-24T16:00");
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-01-24T16:00"), -1, &t), TTHC_EINVAL);
  /* 40 working hours from Friday 25/4 10:00 over the make-up Saturday and the 30/4 swap */
  assert_int_equal(tthc_hours_add(CAL, NULL, T("2025-04-25T10:00"), 40 * 3600, &t), TTHC_OK);
  assert_string_equal(F(t, b), "2025-05-06T10:00");
  /* between */
  assert_int_equal(tthc_hours_between(CAL, NULL, T("2025-01-24T16:00"), T("2025-02-03T09:00"), &s),
                   TTHC_OK);
  assert_int_equal(s, 2 * 3600);
  assert_int_equal(tthc_hours_between(CAL, NULL, T("2025-02-03T09:00"), T("2025-01-24T16:00"), &s),
                   TTHC_OK);
  assert_int_equal(s, -2 * 3600);
  assert_int_equal(tthc_hours_between(CAL, NULL, T("2025-01-25T09:00"), T("2025-01-26T09:00"), &s),
                   TTHC_OK);
  assert_int_equal(s, 0);
  assert_int_equal(tthc_hours_between(CAL, NULL, T("2025-01-20T12:15"), T("2025-01-20T13:45"), &s),
                   TTHC_OK);
  assert_int_equal(s, 45 * 60);
  assert_int_equal(tthc_hours_between(CAL, NULL, T("2025-01-06T08:00"), T("2025-01-10T17:00"), &s),
                   TTHC_OK);
  assert_int_equal(s, 40 * 3600);
  assert_int_equal(tthc_hours_between(CAL, NULL, T("1999-01-06T08:00"), T("2025-01-10T17:00"), &s),
                   TTHC_ERANGE);
  int64_t days;
  int32_t hh, mm;
  tthc_hours_split(NULL, 100800 + 600, &days, &hh, &mm);
  assert_int_equal(days, 3);
  assert_int_equal(hh, 4);
  assert_int_equal(mm, 10);
  tthc_hours_split(NULL, -(100800 + 600), &days, &hh, &mm);
  assert_int_equal(days, -3);
  assert_int_equal(hh, -4);
  assert_int_equal(mm, -10);
  /* is_open: Saturday reception */
  tthc_hours *h;
  int open;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-03-08T09:00"), &open), TTHC_OK);
  assert_int_equal(open, 0);
  assert_int_equal(tthc_hours_set_reception(h, TTHC_WEEKDAY_BIT(6), "07:30-11:30", 11, NULL),
                   TTHC_OK);
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-03-08T09:00"), &open), TTHC_OK);
  assert_int_equal(open, 1);
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-03-08T12:00"), &open), TTHC_OK);
  assert_int_equal(open, 0);
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-02-01T09:00"), &open), TTHC_OK);
  assert_int_equal(open, 1); /* a Saturday inside Tết is still a weekly-rest Saturday */
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-03-10T12:30"), &open), TTHC_OK);
  assert_int_equal(open, 0);
  assert_int_equal(tthc_hours_set_reception(h, TTHC_WEEKDAY_BIT(6), NULL, 0, NULL), TTHC_OK);
  assert_int_equal(tthc_hours_is_open(CAL, h, T("2025-03-08T09:00"), &open), TTHC_OK);
  assert_int_equal(open, 0);
  tthc_hours_free(h);
}

/* add() and between() are inverse, and the O(1) path agrees with the day-by-day path. */
static void test_hours_property(void **state) {
  (void)state;
  tthc_hours *slow;
  assert_int_equal(tthc_hours_new(&slow), TTHC_OK);
  slow->uniform = 0; /* force the per-day walk */
  srand(12345);
  tthc_date lo = D("2023-06-01");
  for (int i = 0; i < 20000; i++) {
    tthc_datetime t = (tthc_datetime)(lo + rand() % 1100) * 86400 + (rand() % 1440) * 60;
    int64_t secs = (int64_t)(rand() % (400 * 60)) * 60;
    tthc_datetime a, b, ns;
    int64_t back;
    assert_int_equal(tthc_hours_add(CAL, NULL, t, secs, &a), TTHC_OK);
    assert_int_equal(tthc_hours_add(CAL, slow, t, secs, &b), TTHC_OK);
    assert_true(a == b);
    assert_int_equal(tthc_hours_between(CAL, NULL, t, a, &back), TTHC_OK);
    assert_true(back == secs);
    assert_int_equal(tthc_hours_between(CAL, slow, t, a, &back), TTHC_OK);
    assert_true(back == secs);
    assert_int_equal(tthc_hours_next_start(CAL, NULL, t, &ns), TTHC_OK);
    assert_true(ns >= t && a >= ns);
  }
  tthc_hours_free(slow);
}

/* The working-time cache (tthc__hours_between_cached) answers as tthc_hours_between: values and
 * statuses, in either order, on and off the calendar (2023-2027), with the default hours, with
 * seasonal hours, and after the hours change. */
static void test_hours_cache(void **state) {
  (void)state;
  tthc_hours *h;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  const char *summer = "07:00-11:30,13:30-17:00";
  assert_int_equal(tthc_hours_add_season(h, 5, 1, 9, 30, TTHC_WEEKDAYS_ALL, summer,
                                         strlen(summer), NULL),
                   TTHC_OK);
  const tthc_hours *which[2] = {NULL, h};
  srand(777);
  tthc_date lo = D("2022-10-01");
  for (int w = 0; w < 2; w++) {
    tthc__hours_cache *c;
    assert_int_equal(tthc__hours_cache_new(CAL, which[w], &c), TTHC_OK);
    int outside = 0;
    for (int i = 0; i < 20000; i++) {
      tthc_datetime a = (tthc_datetime)(lo + rand() % 2200) * 86400 + (rand() % 1440) * 60;
      tthc_datetime b = rand() % 4 ? a + (int64_t)(rand() % (60 * 86400)) : a - rand() % 86400;
      if (i == 10000 && w == 1) /* the hours change (shorter days): the cache must follow */
        assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, "08:00-15:00", 11, NULL),
                         TTHC_OK);
      int64_t x = -1, y = -2;
      tthc_status sx = tthc__hours_between_cached(c, a, b, &x);
      tthc_status sy = tthc_hours_between(CAL, which[w], a, b, &y);
      assert_int_equal(sx, sy);
      if (x != y) fail_msg("hours %d, pair %d: %lld cached, %lld computed", w, i, (long long)x,
                           (long long)y);
      outside += sy != TTHC_OK;
    }
    assert_true(outside > 100); /* some pairs fell off the calendar */
    tthc__hours_cache_free(c);
  }
  tthc__hours_cache_free(NULL);
  tthc_hours_free(h);
}

/* ---- due instants worked by hand ----------------------------------------------------------
 * Tết 2025: closed Sat 25/1 - Sun 2/2 (5 holidays Mon 27/1 - Fri 31/1 + two weekends).
 * 30/4-1/5/2025: off Wed 30/4 - Sun 4/5 (Fri 2/5 swapped), Sat 26/4 is a make-up working day. */

static void test_due_tet_2025(void **state) {
  (void)state;
  /* receipt instant, limit, start, due */
  due_is(NULL, NULL, "2025-01-24T16:10", "05 ngày làm việc", "2025-02-03T08:00", "2025-02-10T17:00");
  due_is(NULL, NULL, "2025-01-24T10:00", "05 ngày làm việc", "2025-01-24T10:00", "2025-02-07T17:00");
  due_is(NULL, NULL, "2025-01-24T15:00:00", "05 ngày làm việc", "2025-01-24T15:00", "2025-02-07T17:00");
  due_is(NULL, NULL, "2025-01-24T15:00:01", "05 ngày làm việc", "2025-02-03T08:00", "2025-02-10T17:00");
  due_is(NULL, NULL, "2025-01-24T07:00", "05 ngày làm việc", "2025-01-24T08:00", "2025-02-07T17:00");
  due_is(NULL, NULL, "2025-01-24T17:30", "05 ngày làm việc", "2025-02-03T08:00", "2025-02-10T17:00");
  due_is(NULL, NULL, "2025-01-23T12:30", "05 ngày làm việc", "2025-01-23T13:00", "2025-02-06T17:00");
  due_is(NULL, NULL, "2025-01-25T09:00", "05 ngày làm việc", "2025-02-03T08:00", "2025-02-10T17:00");
  due_is(NULL, NULL, "2025-01-29T09:00", "05 ngày làm việc", "2025-02-03T08:00", "2025-02-10T17:00");
  due_is(NULL, NULL, "2025-01-22T10:00", "10 ngày làm việc", NULL, "2025-02-12T17:00");
  /* within the day, N = 0, hours, fractions */
  due_is(NULL, NULL, "2025-01-24T14:00", "Trong ngày", NULL, "2025-01-24T17:00");
  due_is(NULL, NULL, "2025-01-24T16:10", "Trong ngày", "2025-02-03T08:00", "2025-02-03T17:00");
  due_is(NULL, NULL, "2025-01-24T10:00", "0 ngày làm việc", NULL, "2025-01-24T17:00");
  due_is(NULL, NULL, "2025-01-24T14:10", "04 giờ làm việc", NULL, "2025-02-03T09:10");
  due_is(NULL, NULL, "2025-01-24T16:10", "04 giờ làm việc", "2025-02-03T08:00", "2025-02-03T12:00");
  due_is(NULL, NULL, "2025-01-24T16:10", "Không quá 08 giờ làm việc", NULL, "2025-02-03T17:00");
  due_is(NULL, NULL, "2025-01-23T10:00", "0,5 ngày làm việc", NULL, "2025-01-24T12:00");
  due_is(NULL, NULL, "2025-01-24T10:00", "0,5 ngày làm việc", NULL, "2025-02-03T12:00");
  due_is(NULL, NULL, "2025-01-23T10:00", "1,5 ngày làm việc", NULL, "2025-02-03T12:00");
  /* calendar days and months: a non-working last day rolls forward (art. 148(5)) */
  due_is(NULL, NULL, "2025-01-24T10:00", "15 ngày", NULL, "2025-02-10T17:00"); /* 8/2 Sat */
  due_is(NULL, NULL, "2025-01-24T16:10", "15 ngày", "2025-02-03T08:00", "2025-02-18T17:00");
  due_is(NULL, NULL, "2025-01-22T10:00", "05 ngày", NULL, "2025-02-03T17:00"); /* 27/1 Tết */
  due_is(NULL, NULL, "2025-01-24T14:10", "30 ngày", NULL, "2025-02-24T17:00"); /* 23/2 Sun */
  due_is(NULL, NULL, "2024-01-31T10:00", "01 tháng", NULL, "2024-02-29T17:00"); /* clamped */
  due_is(NULL, NULL, "2025-10-31T10:00", "01 tháng", NULL, "2025-12-01T17:00"); /* 30/11 Sun */
  due_is(NULL, NULL, "2025-01-03T10:00", "01 tháng", NULL, "2025-02-03T17:00"); /* 3/2 Mon */
  /* immediate ignores the cut-off, not the working hours */
  due_is(NULL, NULL, "2025-01-24T16:10", "Cấp ngay", "2025-01-24T16:10", "2025-01-24T16:10");
  due_is(NULL, NULL, "2025-01-25T09:00", "Cấp ngay", "2025-02-03T08:00", "2025-02-03T08:00");
}

static void test_due_swap_30_4(void **state) {
  (void)state;
  due_is(NULL, NULL, "2025-04-25T10:00", "05 ngày làm việc", NULL, "2025-05-06T17:00");
  due_is(NULL, NULL, "2025-04-26T10:00", "05 ngày làm việc", "2025-04-26T10:00", "2025-05-07T17:00");
  due_is(NULL, NULL, "2025-04-25T16:00", "05 ngày làm việc", "2025-04-26T08:00", "2025-05-07T17:00");
  due_is(NULL, NULL, "2025-04-29T16:00", "05 ngày làm việc", "2025-05-05T08:00", "2025-05-12T17:00");
  due_is(NULL, NULL, "2025-05-02T09:00", "05 ngày làm việc", "2025-05-05T08:00", "2025-05-12T17:00");
  due_is(NULL, NULL, "2025-04-29T10:00", "01 ngày làm việc", NULL, "2025-05-05T17:00");
  due_is(NULL, NULL, "2025-04-29T16:00", "Trong ngày", NULL, "2025-05-05T17:00");
  due_is(NULL, NULL, "2025-04-17T10:00", "15 ngày", NULL, "2025-05-05T17:00"); /* 2/5 swapped */
  due_is(NULL, NULL, "2025-04-11T10:00", "15 ngày", NULL, "2025-04-26T17:00"); /* make-up Sat */
}

static void test_due_policies(void **state) {
  (void)state;
  tthc_deadline_policy *p;
  int64_t v;
  assert_int_equal(tthc_deadline_policy_new(&p), TTHC_OK);
  assert_int_equal(tthc_deadline_policy_get(p, TTHC_POLICY_CUTOFF, &v), TTHC_OK);
  assert_int_equal(v, 54000);
  assert_int_equal(tthc_deadline_policy_get(NULL, TTHC_POLICY_MAX_EXTENSIONS, &v), TTHC_OK);
  assert_int_equal(v, 1);
  /* same clock time */
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_DUE_TIME, TTHC_DUE_SAME_TIME), TTHC_OK);
  due_is(p, NULL, "2025-01-24T10:00", "05 ngày làm việc", NULL, "2025-02-07T10:00");
  due_is(p, NULL, "2025-01-24T16:10", "05 ngày làm việc", NULL, "2025-02-10T08:00");
  due_is(p, NULL, "2025-01-24T10:00", "Trong ngày", NULL, "2025-01-24T17:00");
  due_is(p, NULL, "2025-01-24T10:00", "0 ngày làm việc", NULL, "2025-01-24T17:00");
  due_is(p, NULL, "2025-01-24T10:00", "15 ngày", NULL, "2025-02-10T17:00"); /* rolled: end */
  due_is(p, NULL, "2025-01-24T10:00", "18 ngày", NULL, "2025-02-11T10:00");
  due_is(p, NULL, "2025-01-24T10:00", "0,5 ngày làm việc", NULL, "2025-01-24T15:00");
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_DUE_TIME, TTHC_DUE_END_OF_DAY), TTHC_OK);
  /* cut-off disabled / moved; the phrase's own cut-off */
  const char *phrase = "Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo";
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_CUTOFF, -1), TTHC_OK);
  due_is(p, NULL, "2025-01-24T16:10", "Trong ngày", NULL, "2025-01-24T17:00");
  due_is(p, NULL, "2025-01-24T16:10", phrase, NULL, "2025-02-03T17:00");
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_PHRASE_CUTOFF, 0), TTHC_OK);
  due_is(p, NULL, "2025-01-24T16:10", phrase, NULL, "2025-01-24T17:00");
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_CUTOFF, 16 * 3600 + 30 * 60), TTHC_OK);
  due_is(p, NULL, "2025-01-24T16:10", "Trong ngày", NULL, "2025-01-24T17:00");
  due_is(p, NULL, "2025-01-24T16:40", "Trong ngày", NULL, "2025-02-03T17:00");
  /* bounds leave the policy unchanged */
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_CUTOFF, 86401), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_DUE_TIME, 2), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_MAX_EXTENSIONS, 101), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_policy_set(p, (tthc_policy_param)9, 0), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_policy_set(NULL, TTHC_POLICY_CUTOFF, 0), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_policy_get(p, TTHC_POLICY_CUTOFF, &v), TTHC_OK);
  assert_int_equal(v, 16 * 3600 + 30 * 60);
  assert_int_equal(tthc_deadline_policy_get(p, (tthc_policy_param)9, &v), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_policy_get(p, TTHC_POLICY_CUTOFF, NULL), TTHC_EINVAL);
  tthc_deadline_policy_free(p);
  tthc_deadline_policy_free(NULL);
  /* summer hours of the unit: due at the end of its day */
  tthc_hours *h;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, "07:00-11:30,13:30-17:30", 23,
                                           NULL), TTHC_OK);
  due_is(NULL, h, "2025-06-02T07:10", "02 ngày làm việc", "2025-06-02T07:10", "2025-06-04T17:30");
  due_is(NULL, h, "2025-06-02T12:00", "04 giờ làm việc", "2025-06-02T13:30", "2025-06-02T17:30");
  due_is(NULL, h, "2025-06-02T06:00", "Trong ngày", "2025-06-02T07:00", "2025-06-02T17:30");
  tthc_hours_free(h);
}

static void test_due_bad_input(void **state) {
  (void)state;
  tthc_datetime s = 1, d = 1;
  tthc_limit ok = L("05 ngày làm việc"), bad = ok;
  bad.milli = 1000;
  assert_int_equal(tthc_deadline_due(NULL, NULL, NULL, T("2025-01-24T10:00"), ok, &s, &d), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_due(CAL, NULL, NULL, T("2025-01-24T10:00"), ok, &s, NULL), TTHC_EINVAL);
  assert_int_equal(s, 0);
  assert_int_equal(tthc_deadline_due(CAL, NULL, NULL, T("2025-01-24T10:00"), bad, &s, &d), TTHC_EINVAL);
  assert_int_equal(d, 0);
  /* outside the calendar (2023-2027) */
  assert_int_equal(tthc_deadline_due(CAL, NULL, NULL, T("2020-01-24T10:00"), ok, &s, &d), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_due(CAL, NULL, NULL, T("2027-12-30T10:00"), ok, &s, &d), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_due(CAL, NULL, NULL, T("2027-10-30T10:00"), L("12 tháng"), &s, &d),
                   TTHC_ERANGE);
  /* due_many: one bad element does not stop the others */
  tthc_datetime rec[3] = {T("2025-01-24T16:10"), T("2020-01-01T10:00"), T("2025-04-25T10:00")};
  tthc_limit lim[3] = {ok, ok, ok};
  tthc_datetime out[3];
  size_t first;
  char b[TTHC_DATETIME_STRLEN];
  assert_int_equal(tthc_deadline_due_many(CAL, NULL, NULL, rec, lim, 3, out, &first), TTHC_ERANGE);
  assert_int_equal(first, 1);
  assert_string_equal(F(out[0], b), "2025-02-10T17:00");
  assert_true(out[1] == INT64_MIN);
  assert_string_equal(F(out[2], b), "2025-05-06T17:00");
  assert_int_equal(tthc_deadline_due_many(CAL, NULL, NULL, rec, lim, 1, out, &first), TTHC_OK);
  assert_int_equal(first, 1);
  assert_int_equal(tthc_deadline_due_many(CAL, NULL, NULL, NULL, lim, 1, out, &first), TTHC_EINVAL);
  assert_int_equal(tthc_deadline_due_many(CAL, NULL, NULL, NULL, NULL, 0, NULL, NULL), TTHC_OK);
}

/* ---- explanations ------------------------------------------------------------------------- */

static void test_explain_tet(void **state) {
  (void)state;
  tthc_deadline_result *r;
  tthc_deadline_step s;
  char text[512], b[TTHC_DATETIME_STRLEN];
  assert_int_equal(tthc_deadline_explain(CAL, NULL, NULL, T("2025-01-24T16:10"),
                                         L("05 ngày làm việc"), &r), TTHC_OK);
  assert_string_equal(F(tthc_deadline_result_due(r), b), "2025-02-10T17:00");
  assert_string_equal(F(tthc_deadline_result_start(r), b), "2025-02-03T08:00");
  assert_string_equal(F(tthc_deadline_result_received(r), b), "2025-01-24T16:10");
  assert_int_equal(tthc_deadline_result_limit(r).value, 5);
  /* received, 9 closed days, start, count, 2 weekend days, due */
  static const tthc_step_kind kinds[] = {
      TTHC_STEP_RECEIVED, TTHC_STEP_SKIP, TTHC_STEP_SKIP, TTHC_STEP_SKIP, TTHC_STEP_SKIP,
      TTHC_STEP_SKIP,     TTHC_STEP_SKIP, TTHC_STEP_SKIP, TTHC_STEP_SKIP, TTHC_STEP_SKIP,
      TTHC_STEP_START,    TTHC_STEP_COUNT, TTHC_STEP_SKIP, TTHC_STEP_SKIP, TTHC_STEP_DUE};
  assert_int_equal(tthc_deadline_result_step_count(r), sizeof kinds / sizeof kinds[0]);
  for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
    assert_int_equal(tthc_deadline_result_step(r, i, &s), TTHC_OK);
    assert_int_equal(s.kind, kinds[i]);
  }
  assert_int_equal(tthc_deadline_result_step(r, 3, &s), TTHC_OK); /* Mon 27/1 */
  assert_int_equal(s.date, D("2025-01-27"));
  assert_int_equal(s.day_kind, TTHC_DAY_HOLIDAY);
  assert_non_null(s.entry);
  assert_non_null(strstr(tthc_cal_entry_name_vi(s.entry), "Tết"));
  assert_int_equal(tthc_deadline_step_describe(&s, 0, text, sizeof text, NULL), TTHC_OK);
  assert_non_null(strstr(text, "skip 2025-01-27 (Mon): public holiday: "));
  assert_int_equal(tthc_deadline_result_step(r, 1, &s), TTHC_OK);
  assert_int_equal(s.day_kind, TTHC_DAY_WEEKLY_REST);
  assert_int_equal(tthc_deadline_result_step(r, 10, &s), TTHC_OK);
  assert_int_equal(s.reason, TTHC_REASON_CUTOFF);
  assert_int_equal(s.count, 54000);
  assert_int_equal(tthc_deadline_step_describe(&s, 0, text, sizeof text, NULL), TTHC_OK);
  assert_string_equal(text, "start 2025-02-03T08:00 (Mon): received after the 15:00 cut-off; "
                            "the clock starts at the next working day's first session");
  assert_int_equal(tthc_deadline_step_describe(&s, 1, text, sizeof text, NULL), TTHC_OK);
  assert_string_equal(text, "bắt đầu tính 2025-02-03T08:00 (T2): tiếp nhận sau 15 giờ; tính từ "
                            "đầu giờ ngày làm việc tiếp theo");
  assert_int_equal(tthc_deadline_result_step(r, 11, &s), TTHC_OK);
  assert_int_equal(s.date, D("2025-02-03"));
  assert_int_equal(s.date2, D("2025-02-10"));
  assert_int_equal(tthc_deadline_step_describe(&s, 0, text, sizeof text, NULL), TTHC_OK);
  assert_string_equal(text, "count 5 working days after the start day 2025-02-03 (Mon) (Civil "
                            "Code art. 147: the start day itself is not counted): the last day "
                            "is 2025-02-10 (Mon)");
  assert_int_equal(tthc_deadline_result_step(r, 14, &s), TTHC_OK);
  assert_int_equal(s.reason, TTHC_REASON_END_OF_DAY);
  size_t need;
  assert_int_equal(tthc_deadline_step_describe(&s, 0, text, 4, &need), TTHC_ENOSPC);
  assert_int_equal(need, strlen("due 2025-02-10T17:00 (Mon): end of the last working session of "
                                "the due day"));
  assert_int_equal(tthc_deadline_result_step(r, 15, &s), TTHC_ERANGE);
  assert_int_equal(tthc_deadline_result_step(r, 0, NULL), TTHC_EINVAL);
  tthc_deadline_result_free(r);
  tthc_deadline_result_free(NULL);
  assert_int_equal(tthc_deadline_result_step_count(NULL), 0);
  assert_string_equal(tthc_step_kind_name(TTHC_STEP_SKIP), "skip");
  assert_string_equal(tthc_step_reason_name(TTHC_REASON_NON_WORKING_DAY), "non_working_day");
  assert_null(tthc_step_kind_name((tthc_step_kind)6));
  assert_null(tthc_step_reason_name((tthc_step_reason)12));
}

static void test_explain_roll_and_reasons(void **state) {
  (void)state;
  tthc_deadline_result *r;
  tthc_deadline_step s;
  char text[512];
  /* 05 calendar days from Wed 22/1 end on Mon 27/1 (Tết): rolled to Mon 3/2 */
  assert_int_equal(tthc_deadline_explain(CAL, NULL, NULL, T("2025-01-22T10:00"), L("05 ngày"), &r),
                   TTHC_OK);
  size_t n = tthc_deadline_result_step_count(r), rolls = 0, skips = 0;
  for (size_t i = 0; i < n; i++) {
    assert_int_equal(tthc_deadline_result_step(r, i, &s), TTHC_OK);
    if (s.kind == TTHC_STEP_ROLL) {
      rolls++;
      assert_int_equal(s.date, D("2025-01-27"));
      assert_int_equal(s.date2, D("2025-02-03"));
      assert_int_equal(tthc_deadline_step_describe(&s, 0, text, sizeof text, NULL), TTHC_OK);
      assert_non_null(strstr(text, "Civil Code art. 148(5)"));
    }
    if (s.kind == TTHC_STEP_SKIP) skips++;
  }
  assert_int_equal(rolls, 1);
  assert_int_equal(skips, 7); /* 27/1 - 2/2; the weekend 25-26/1 is inside the period */
  tthc_deadline_result_free(r);
  /* reasons */
  struct { const char *at; tthc_step_reason reason; tthc_day_kind kind; } R[] = {
      {"2025-01-24T10:00", TTHC_REASON_IN_HOURS, 0},
      {"2025-01-24T07:00", TTHC_REASON_BEFORE_HOURS, 0},
      {"2025-01-24T12:10", TTHC_REASON_BREAK, 0},
      {"2025-01-24T17:10", TTHC_REASON_AFTER_HOURS, 0},
      {"2025-01-29T10:00", TTHC_REASON_NON_WORKING_DAY, TTHC_DAY_HOLIDAY},
      {"2025-05-02T10:00", TTHC_REASON_NON_WORKING_DAY, TTHC_DAY_SWAP_OFF},
  };
  for (size_t i = 0; i < sizeof R / sizeof R[0]; i++) {
    assert_int_equal(tthc_deadline_explain(CAL, NULL, NULL, T(R[i].at), L("Trong ngày"), &r), TTHC_OK);
    size_t k = 0;
    do assert_int_equal(tthc_deadline_result_step(r, k++, &s), TTHC_OK);
    while (s.kind != TTHC_STEP_START);
    assert_int_equal(s.reason, R[i].reason);
    assert_int_equal(s.day_kind, R[i].kind);
    assert_int_equal(tthc_deadline_step_describe(&s, 1, text, sizeof text, NULL), TTHC_OK);
    tthc_deadline_result_free(r);
  }
  /* reception on a Saturday morning: explained, the clock still starts on Monday */
  tthc_hours *h;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  assert_int_equal(tthc_hours_set_reception(h, TTHC_WEEKDAY_BIT(6), "07:30-11:30", 11, NULL), TTHC_OK);
  assert_int_equal(tthc_deadline_explain(CAL, h, NULL, T("2025-03-08T09:00"), L("Trong ngày"), &r), TTHC_OK);
  assert_int_equal(tthc_deadline_result_step(r, 3, &s), TTHC_OK); /* after skipping Sat, Sun */
  assert_int_equal(s.kind, TTHC_STEP_START);
  assert_int_equal(s.reason, TTHC_REASON_RECEPTION_DAY);
  assert_int_equal(tthc_deadline_step_describe(&s, 0, text, sizeof text, NULL), TTHC_OK);
  assert_string_equal(text, "start 2025-03-10T08:00 (Mon): received during reception hours of a "
                            "day off (weekly rest day); the clock starts at the next working session");
  tthc_deadline_result_free(r);
  tthc_hours_free(h);
  assert_int_equal(tthc_deadline_explain(CAL, NULL, NULL, T("2025-01-24T10:00"), L("Trong ngày"), NULL),
                   TTHC_EINVAL);
  r = (tthc_deadline_result *)1;
  assert_int_equal(tthc_deadline_explain(CAL, NULL, NULL, T("2029-01-24T10:00"), L("Trong ngày"), &r),
                   TTHC_ERANGE);
  assert_null(r);
}

/* ---- ledger ------------------------------------------------------------------------------- */

static tthc_ledger_status at(const tthc_ledger *l, const char *when) {
  tthc_ledger_status st;
  assert_int_equal(tthc_ledger_status_at(l, T(when), &st), TTHC_OK);
  return st;
}

static void add_ok(tthc_ledger *l, tthc_ledger_kind k, const char *when, const char *new_due) {
  tthc_error err;
  if (tthc_ledger_add(l, k, T(when), new_due ? T(new_due) : 0, &err) != TTHC_OK)
    fail_msg("%s at %s: %s", tthc_ledger_kind_name(k), when, err.message);
}

static void test_ledger_pause_and_restart(void **state) {
  (void)state;
  tthc_ledger *l;
  char b[TTHC_DATETIME_STRLEN];
  /* Mon 3/3/2025 09:00, 5 working days: due Mon 10/3 17:00, budget 47 working hours */
  assert_int_equal(tthc_ledger_new(CAL, NULL, NULL, T("2025-03-03T09:00"), L("05 ngày làm việc"), &l),
                   TTHC_OK);
  tthc_ledger_status st = at(l, "2025-03-03T09:00");
  assert_string_equal(F(st.due, b), "2025-03-10T17:00");
  assert_int_equal(st.budget, 47 * 3600);
  assert_int_equal(st.used, 0);
  add_ok(l, TTHC_LEDGER_PAUSE, "2025-03-05T10:00", NULL);
  st = at(l, "2025-03-06T09:00");
  assert_int_equal(st.state, TTHC_CLOCK_PAUSED);
  assert_string_equal(F(st.due, b), "2025-03-11T16:00"); /* projected: 7 h stopped so far */
  add_ok(l, TTHC_LEDGER_RESUME, "2025-03-06T10:00", NULL);
  st = at(l, "2025-03-07T12:00");
  assert_int_equal(st.state, TTHC_CLOCK_RUNNING);
  assert_string_equal(F(st.due, b), "2025-03-11T17:00"); /* pushed by the 8 h pause */
  assert_int_equal(st.stopped, 8 * 3600);
  assert_int_equal(st.used, 27 * 3600);
  assert_int_equal(st.remaining, 20 * 3600);
  /* the past is still answerable */
  st = at(l, "2025-03-04T17:00");
  assert_string_equal(F(st.due, b), "2025-03-10T17:00");
  assert_int_equal(st.used, 15 * 3600);
  /* supplementation, restart (NĐ 61 art. 19(4)) */
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_REQUEST, "2025-03-07T12:00", NULL);
  st = at(l, "2025-03-11T09:00");
  assert_int_equal(st.state, TTHC_CLOCK_AWAITING_SUPPLEMENT);
  assert_int_equal(st.overdue, 0);
  assert_string_equal(F(st.due, b), "2025-03-18T17:00"); /* if complete now */
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, "2025-03-12T10:00", NULL);
  st = at(l, "2025-03-12T11:00");
  assert_string_equal(F(st.start, b), "2025-03-12T10:00");
  assert_string_equal(F(st.due, b), "2025-03-19T17:00");
  assert_int_equal(st.used, 3600);
  assert_int_equal(st.supplement_rounds, 1);
  /* a second round */
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_REQUEST, "2025-03-13T09:00", NULL);
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, "2025-03-17T16:00", NULL); /* after the cut-off */
  st = at(l, "2025-03-18T09:00");
  assert_string_equal(F(st.start, b), "2025-03-18T08:00");
  assert_string_equal(F(st.due, b), "2025-03-25T17:00");
  assert_int_equal(st.supplement_rounds, 2);
  assert_int_equal(st.overdue_before_restart, 0);
  add_ok(l, TTHC_LEDGER_FINISH, "2025-03-26T10:00", NULL);
  st = at(l, "2025-04-30T10:00");
  assert_int_equal(st.state, TTHC_CLOCK_FINISHED);
  assert_int_equal(st.overdue, 1);
  assert_int_equal(st.late_by, 2 * 3600);
  assert_int_equal(tthc_ledger_count(l), 8);
  tthc_ledger_kind k;
  tthc_datetime t, nd;
  assert_int_equal(tthc_ledger_entry(l, 3, &k, &t, &nd), TTHC_OK);
  assert_int_equal(k, TTHC_LEDGER_SUPPLEMENT_REQUEST);
  assert_string_equal(F(t, b), "2025-03-07T12:00");
  assert_int_equal(tthc_ledger_entry(l, 8, &k, &t, &nd), TTHC_ERANGE);
  tthc_ledger_free(l);
}

static void test_ledger_subtract(void **state) {
  (void)state;
  tthc_ledger *l;
  tthc_deadline_policy *p;
  char b[TTHC_DATETIME_STRLEN];
  assert_int_equal(tthc_deadline_policy_new(&p), TTHC_OK);
  assert_int_equal(tthc_deadline_policy_set(p, TTHC_POLICY_SUPPLEMENT, TTHC_SUPPLEMENT_SUBTRACT), TTHC_OK);
  assert_int_equal(tthc_ledger_new(CAL, NULL, p, T("2025-03-03T09:00"), L("05 ngày làm việc"), &l), TTHC_OK);
  tthc_deadline_policy_free(p); /* the ledger keeps its own copy */
  add_ok(l, TTHC_LEDGER_PAUSE, "2025-03-05T10:00", NULL);
  add_ok(l, TTHC_LEDGER_RESUME, "2025-03-06T10:00", NULL); /* 8 h */
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_REQUEST, "2025-03-07T12:00", NULL);
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, "2025-03-12T10:00", NULL); /* 22 h */
  tthc_ledger_status st = at(l, "2025-03-12T11:00");
  assert_string_equal(F(st.start, b), "2025-03-03T09:00");
  assert_int_equal(st.stopped, 30 * 3600);
  assert_string_equal(F(st.due, b), "2025-03-14T15:00");
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_REQUEST, "2025-03-13T09:00", NULL);
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, "2025-03-17T09:00", NULL); /* 16 h */
  st = at(l, "2025-03-18T14:00");
  assert_int_equal(st.stopped, 46 * 3600);
  assert_string_equal(F(st.due, b), "2025-03-18T15:00");
  assert_int_equal(st.remaining, 3600);
  assert_int_equal(st.supplement_rounds, 2);
  st = at(l, "2025-03-18T16:00");
  assert_int_equal(st.overdue, 1);
  assert_int_equal(st.late_by, 3600);
  assert_int_equal(st.remaining, -3600);
  tthc_ledger_free(l);
}

static void test_ledger_extension_and_rejections(void **state) {
  (void)state;
  tthc_ledger *l;
  tthc_error err;
  char b[TTHC_DATETIME_STRLEN];
  assert_int_equal(tthc_ledger_new(CAL, NULL, NULL, T("2025-03-03T09:00"), L("05 ngày làm việc"), &l),
                   TTHC_OK);
  /* impossible sequences are refused and change nothing */
  tthc_ledger_status before = at(l, "2025-03-12T09:00"), after;
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_RESUME, T("2025-03-04T09:00"), 0, &err), TTHC_ESTATE);
  assert_non_null(strstr(err.message, "resume at 2025-03-04T09:00 is not allowed: the clock is running"));
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, T("2025-03-04T09:00"), 0, &err),
                   TTHC_ESTATE);
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_RECEIVED, T("2025-03-04T09:00"), 0, &err), TTHC_EINVAL);
  assert_int_equal(tthc_ledger_add(l, (tthc_ledger_kind)17, T("2025-03-04T09:00"), 0, &err), TTHC_EINVAL);
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_PAUSE, T("2025-03-02T09:00"), 0, &err), TTHC_EINVAL);
  assert_non_null(strstr(err.message, "out of time order"));
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_EXTEND, T("2025-03-07T09:00"), T("2025-03-10T12:00"), &err),
                   TTHC_EINVAL);
  assert_non_null(strstr(err.message, "not later than the current due 2025-03-10T17:00"));
  assert_int_equal(tthc_ledger_count(l), 1);
  after = at(l, "2025-03-12T09:00");
  assert_memory_equal(&before, &after, sizeof before);
  /* one extension, then no more */
  add_ok(l, TTHC_LEDGER_EXTEND, "2025-03-07T09:00", "2025-03-14T17:00");
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_EXTEND, T("2025-03-08T09:00"), T("2025-03-20T17:00"), &err),
                   TTHC_ESTATE);
  assert_non_null(strstr(err.message, "1 extension(s) already"));
  tthc_ledger_status st = at(l, "2025-03-14T16:00");
  assert_string_equal(F(st.due, b), "2025-03-14T17:00");
  assert_int_equal(st.overdue, 0);
  assert_int_equal(st.extensions, 1);
  /* a pause after the extension pushes the new appointment */
  add_ok(l, TTHC_LEDGER_PAUSE, "2025-03-10T08:00", NULL);
  add_ok(l, TTHC_LEDGER_RESUME, "2025-03-10T17:00", NULL);
  st = at(l, "2025-03-17T09:00");
  assert_string_equal(F(st.due, b), "2025-03-17T17:00");
  add_ok(l, TTHC_LEDGER_FINISH, "2025-03-18T10:00", NULL);
  assert_int_equal(tthc_ledger_add(l, TTHC_LEDGER_PAUSE, T("2025-03-19T10:00"), 0, &err), TTHC_ESTATE);
  assert_non_null(strstr(err.message, "the clock is finished"));
  st = at(l, "2025-03-20T10:00");
  assert_int_equal(st.overdue, 1);
  assert_int_equal(st.late_by, 2 * 3600);
  assert_int_equal(tthc_ledger_status_at(l, T("2025-03-01T10:00"), &st), TTHC_EINVAL);
  assert_int_equal(tthc_ledger_status_at(NULL, T("2025-03-01T10:00"), &st), TTHC_EINVAL);
  tthc_ledger_free(l);
  tthc_ledger_free(NULL);
  assert_int_equal(tthc_ledger_new(CAL, NULL, NULL, T("2029-03-03T09:00"), L("05 ngày làm việc"), &l),
                   TTHC_ERANGE);
  assert_null(l);
  assert_int_equal(tthc_ledger_new(NULL, NULL, NULL, T("2025-03-03T09:00"), L("05 ngày làm việc"), &l),
                   TTHC_EINVAL);
  assert_string_equal(tthc_ledger_kind_name(TTHC_LEDGER_SUPPLEMENT_RECEIVED), "supplement_received");
  assert_string_equal(tthc_clock_state_name(TTHC_CLOCK_AWAITING_SUPPLEMENT), "awaiting_supplement");
  assert_null(tthc_ledger_kind_name((tthc_ledger_kind)7));
  assert_null(tthc_clock_state_name((tthc_clock_state)4));
}

static void test_ledger_overdue_before_restart(void **state) {
  (void)state;
  tthc_ledger *l;
  assert_int_equal(tthc_ledger_new(CAL, NULL, NULL, T("2025-03-03T09:00"), L("02 ngày làm việc"), &l),
                   TTHC_OK);
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_REQUEST, "2025-03-07T09:00", NULL); /* due was 5/3 17:00 */
  add_ok(l, TTHC_LEDGER_SUPPLEMENT_RECEIVED, "2025-03-10T09:00", NULL);
  tthc_ledger_status st = at(l, "2025-03-10T10:00");
  assert_int_equal(st.overdue, 0);
  assert_int_equal(st.overdue_before_restart, 1);
  tthc_ledger_free(l);
}

/* ---- postal --------------------------------------------------------------------------------- */

static void test_postal(void **state) {
  (void)state;
  int32_t n;
  tthc_date d;
  static const int32_t plain[] = {1, 2, 3, 4}, slip[] = {2, 4, 6, 8};
  for (int r = 0; r < 4; r++) {
    assert_int_equal(tthc_postal_transit_days((tthc_postal_route)r, 0, &n), TTHC_OK);
    assert_int_equal(n, plain[r]);
    assert_int_equal(tthc_postal_transit_days((tthc_postal_route)r, 1, &n), TTHC_OK);
    assert_int_equal(n, slip[r]);
  }
  assert_int_equal(tthc_postal_transit_days((tthc_postal_route)4, 0, &n), TTHC_EINVAL);
  /* J = Fri 24/1/2025, other inter-province J+4: Mon 3/2 .. Thu 6/2 */
  assert_int_equal(tthc_postal_arrival(CAL, TTHC_POSTAL_INTER_PROVINCE_OTHER, 0, D("2025-01-24"), &d), TTHC_OK);
  assert_int_equal(d, D("2025-02-06"));
  assert_int_equal(tthc_postal_arrival(CAL, TTHC_POSTAL_SAME_DISTRICT, 1, D("2025-04-29"), &d), TTHC_OK);
  assert_int_equal(d, D("2025-05-06"));
  assert_int_equal(tthc_postal_arrival(NULL, TTHC_POSTAL_SAME_DISTRICT, 1, D("2025-04-29"), &d), TTHC_EINVAL);
  assert_string_equal(tthc_postal_route_name(TTHC_POSTAL_INTER_PROVINCE_MAJOR), "inter_province_major");
  assert_null(tthc_postal_route_name((tthc_postal_route)4));
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_parse_phrases),
      cmocka_unit_test(test_parse_nfd_and_case),
      cmocka_unit_test(test_parse_errors),
      cmocka_unit_test(test_format_roundtrip),
      cmocka_unit_test(test_limit_make),
      cmocka_unit_test(test_hours_config),
      cmocka_unit_test(test_hours_arithmetic),
      cmocka_unit_test(test_hours_property),
      cmocka_unit_test(test_hours_cache),
      cmocka_unit_test(test_due_tet_2025),
      cmocka_unit_test(test_due_swap_30_4),
      cmocka_unit_test(test_due_policies),
      cmocka_unit_test(test_due_bad_input),
      cmocka_unit_test(test_explain_tet),
      cmocka_unit_test(test_explain_roll_and_reasons),
      cmocka_unit_test(test_ledger_pause_and_restart),
      cmocka_unit_test(test_ledger_subtract),
      cmocka_unit_test(test_ledger_extension_and_rejections),
      cmocka_unit_test(test_ledger_overdue_before_restart),
      cmocka_unit_test(test_postal),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
