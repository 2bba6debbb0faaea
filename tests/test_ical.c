/* ical: export format, import(export(x)) == x, plain .ics from other sources, malformed files
 * with their line, all-or-nothing import, and libical reading our exports. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "calendar_internal.h"
#include "test_support.h"
#include "tthc.h"

static tthc_cal *build(tthc_cal_builder *b) {
  tthc_cal *cal = NULL;
  assert_int_equal(tthc_cal_build(b, &cal), TTHC_OK);
  return cal;
}

/* Every day of [a, b]: same working bit, same kind, same entry texts; same statuses, rest. */
static void assert_same_calendar(const tthc_cal *x, const tthc_cal *y, tthc_date a, tthc_date b) {
  assert_int_equal(tthc_cal_weekly_rest(x), tthc_cal_weekly_rest(y));
  for (tthc_date d = a; d <= b; d++) {
    int wx, wy;
    tthc_day_kind kx, ky;
    const tthc_cal_entry *ex, *ey;
    assert_int_equal(tthc_cal_is_workday(x, d, &wx), TTHC_OK);
    assert_int_equal(tthc_cal_is_workday(y, d, &wy), TTHC_OK);
    assert_int_equal(wx, wy);
    assert_int_equal(tthc_cal_day(x, d, &kx, &ex), TTHC_OK);
    assert_int_equal(tthc_cal_day(y, d, &ky, &ey), TTHC_OK);
    assert_int_equal(kx, ky);
    assert_int_equal(ex == NULL, ey == NULL);
    if (ex) {
      assert_string_equal(tthc_cal_entry_name_vi(ex), tthc_cal_entry_name_vi(ey));
      assert_string_equal(tthc_cal_entry_name_en(ex), tthc_cal_entry_name_en(ey));
      assert_string_equal(tthc_cal_entry_source(ex), tthc_cal_entry_source(ey));
    }
  }
  int y0, y1;
  tthc_date_to_ymd(a, &y0, NULL, NULL);
  tthc_date_to_ymd(b, &y1, NULL, NULL);
  for (int yr = y0; yr <= y1; yr++) {
    tthc_year_status sx, sy;
    assert_int_equal(tthc_cal_year_status(x, yr, &sx), TTHC_OK);
    assert_int_equal(tthc_cal_year_status(y, yr, &sy), TTHC_OK);
    assert_int_equal(sx, sy);
  }
}

/* A calendar with every kind, awkward characters, a long name and another weekly rest. */
static tthc_cal *sample(void) {
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2018, 2027, TTHC_CAL_CULTURE_DAY, &b), TTHC_OK);
  assert_int_equal(tthc_cal_builder_add_day(b, D(2025, 3, 12), TTHC_DAY_LOCAL,
                                            "Ngày giải phóng tỉnh; \"Quảng Trị\", \\ 100%",
                                            "Province liberation day, a;b\\c",
                                            "Quyết định 1/QĐ-UBND, Điều 2; khoản 3"),
                   TTHC_OK);
  assert_int_equal(
      tthc_cal_builder_add_day(b, D(2025, 6, 7), TTHC_DAY_MAKEUP_WORKDAY,
                               "Làm bù ngày nghỉ địa phương của Ủy ban nhân dân tỉnh theo "
                               "quyết định của Chủ tịch Ủy ban nhân dân tỉnh năm hai nghìn "
                               "không trăm hai mươi lăm — ảnh hưởng đến mọi cơ quan",
                               NULL, NULL),
      TTHC_OK);
  assert_int_equal(tthc_cal_builder_set_weekly_rest(b, TTHC_CAL_REST_SUN), TTHC_OK);
  tthc_cal *cal = build(b);
  tthc_cal_builder_free(b);
  return cal;
}

static void test_round_trip(void **state) {
  (void)state;
  tthc_cal *x = sample();
  char *ics;
  size_t len;
  assert_int_equal(tthc_ical_export_alloc(x, D(2018, 1, 1), D(2027, 12, 31), &ics, &len), TTHC_OK);
  assert_int_equal(strlen(ics), len);
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2018, 2027, TTHC_CAL_EMPTY, &b), TTHC_OK);
  tthc_error err;
  tthc_status st = tthc_ical_import(b, ics, len, &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  tthc_cal *y = build(b);
  assert_same_calendar(x, y, D(2018, 1, 1), D(2027, 12, 31));
  /* and again: export(import(export(x))) is byte-identical */
  char *ics2;
  assert_int_equal(tthc_ical_export_alloc(y, D(2018, 1, 1), D(2027, 12, 31), &ics2, NULL), TTHC_OK);
  assert_string_equal(ics, ics2);
  tthc_free(ics2);
  tthc_cal_free(y);
  tthc_cal_builder_free(b);
  /* the national base plus the same file is the file's calendar too */
  assert_int_equal(tthc_cal_builder_new(2018, 2027, TTHC_CAL_DEFAULT, &b), TTHC_OK);
  assert_int_equal(tthc_ical_import(b, ics, len, NULL), TTHC_OK);
  y = build(b);
  assert_same_calendar(x, y, D(2018, 1, 1), D(2027, 12, 31));
  tthc_cal_free(y);
  tthc_cal_builder_free(b);
  tthc_free(ics);
  tthc_cal_free(x);
}

static void test_export_format(void **state) {
  (void)state;
  tthc_cal *x = sample();
  char *ics;
  size_t len;
  assert_int_equal(tthc_ical_export_alloc(x, D(2024, 12, 1), D(2026, 1, 31), &ics, &len), TTHC_OK);
  /* CRLF line ends, at most 75 octets a line, each line valid UTF-8 (no split characters) */
  size_t lines = 0;
  for (const char *p = ics; *p;) {
    const char *e = strstr(p, "\r\n");
    assert_non_null(e);
    assert_true(e - p <= 75);
    assert_true(tthc__cal_utf8_valid(p, (size_t)(e - p)));
    assert_null(memchr(p, '\n', (size_t)(e - p)));
    p = e + 2;
    lines++;
  }
  assert_true(lines > 50);
  assert_non_null(strstr(ics, "BEGIN:VCALENDAR\r\nPRODID:-//libtthc//tthc "));
  assert_non_null(strstr(ics, "VERSION:2.0\r\n"));
  assert_non_null(strstr(ics, "X-TTHC-WEEKLY-REST:SU\r\n"));
  assert_non_null(strstr(ics, "X-TTHC-YEAR-STATUS:2025 official\r\n"));
  assert_non_null(strstr(ics, "UID:20250129@tthc\r\n"));
  assert_non_null(strstr(ics, "DTSTART;VALUE=DATE:20250129\r\nDTEND;VALUE=DATE:20250130\r\n"));
  assert_non_null(strstr(ics, "SUMMARY:Tết Nguyên đán\r\n"));
  assert_non_null(strstr(ics, "CATEGORIES:makeup_workday\r\n")); /* 26/4/2025 included */
  assert_non_null(strstr(ics, "UID:20250426@tthc\r\n"));
  assert_non_null(strstr(ics, "CATEGORIES:swap_off\r\n"));
  assert_non_null(strstr(ics, "SUMMARY:Ngày giải phóng tỉnh\\; \"Quảng Trị\"\\, \\\\ 100%\r\n"));
  assert_null(strstr(ics, "UID:20241130@tthc")); /* outside the range */
  assert_non_null(strstr(ics, "UID:20260101@tthc"));
  assert_null(strstr(ics, "UID:20260216@tthc"));
  /* deterministic */
  char *again;
  assert_int_equal(tthc_ical_export_alloc(x, D(2024, 12, 1), D(2026, 1, 31), &again, NULL),
                   TTHC_OK);
  assert_string_equal(ics, again);
  tthc_free(again);
  /* libical itself reads it without complaint: every event, no X-LIC-ERROR */
  icalcomponent *c = icalparser_parse_string(ics);
  assert_non_null(c);
  size_t n = 0;
  for (icalcomponent *ev = icalcomponent_get_first_component(c, ICAL_VEVENT_COMPONENT); ev;
       ev = icalcomponent_get_next_component(c, ICAL_VEVENT_COMPONENT)) {
    assert_null(icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY));
    assert_true(icalcomponent_get_dtstart(ev).is_date);
    n++;
  }
  size_t expect;
  assert_int_equal(tthc_cal_entry_count(x, D(2024, 12, 1), D(2026, 1, 31), &expect), TTHC_OK);
  assert_int_equal(n, expect);
  icalcomponent_free(c);
  tthc_free(ics);
  /* bad arguments */
  assert_int_equal(tthc_ical_export_alloc(x, D(2026, 1, 1), D(2025, 1, 1), &ics, &len),
                   TTHC_ERANGE);
  assert_null(ics);
  assert_int_equal(len, 0);
  assert_int_equal(tthc_ical_export_alloc(x, D(2030, 1, 1), D(2031, 1, 1), &ics, NULL),
                   TTHC_ERANGE);
  assert_int_equal(tthc_ical_export_alloc(NULL, 0, 1, &ics, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_ical_export_alloc(x, 0, 1, NULL, NULL), TTHC_EINVAL);
  tthc_cal_free(x);
}

static const char PLAIN[] =
    "BEGIN:VCALENDAR\n" /* LF line ends are accepted too */
    "VERSION:2.0\n"
    "PRODID:-//Some portal//EN\n"
    "BEGIN:VTIMEZONE\n"
    "TZID:Asia/Ho_Chi_Minh\n"
    "BEGIN:STANDARD\n"
    "DTSTART:19700101T000000\n"
    "TZOFFSETFROM:+0700\n"
    "TZOFFSETTO:+0700\n"
    "END:STANDARD\n"
    "END:VTIMEZONE\n"
    "BEGIN:VEVENT\n"
    "UID:a@x\n"
    "DTSTART;VALUE=DATE:20250310\n"
    "DTEND;VALUE=DATE:20250313\n"
    "SUMMARY:Lễ hội của tỉnh\n"
    "BEGIN:VALARM\n"
    "TRIGGER:-PT15M\n"
    "ACTION:DISPLAY\n"
    "END:VALARM\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "UID:b@x\n"
    "DTSTART:20250602\n"
    "DURATION:P1W\n"
    "SUMMARY:Nghỉ hè\n"
    "  của đơn vị\n" /* folded: the continuation's first space is dropped */
    "CATEGORIES:Vacation,HOLIDAY\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "UID:c@x\n"
    "DTSTART;VALUE=DATE:20200229\n"
    "RRULE:FREQ=YEARLY;COUNT=3\n"
    "SUMMARY:Ngày nhuận\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "UID:d@x\n"
    "DTSTART;VALUE=DATE:20190815\n"
    "RRULE:FREQ=YEARLY;INTERVAL=2;UNTIL=20270101T000000Z;BYMONTH=8;BYMONTHDAY=15\n"
    "SUMMARY:Ngày thành lập\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "UID:e@x\n"
    "DTSTART;VALUE=DATE:20250704\n"
    "STATUS:CANCELLED\n"
    "SUMMARY:Hủy\n"
    "END:VEVENT\n"
    "BEGIN:VEVENT\n"
    "UID:f@x\n"
    "DTSTART;VALUE=DATE:20250705\n"
    "CATEGORIES:makeup_workday\n"
    "END:VEVENT\n"
    "BEGIN:VTODO\n"
    "DTSTART:20250101T090000\n"
    "END:VTODO\n"
    "END:VCALENDAR\n";

static void test_import_plain(void **state) {
  (void)state;
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2019, 2028, TTHC_CAL_EMPTY, &b), TTHC_OK);
  tthc_error err;
  tthc_status st = tthc_ical_import(b, PLAIN, strlen(PLAIN), &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  tthc_cal *cal = build(b);
  tthc_day_kind k;
  const tthc_cal_entry *e;
  for (int d = 10; d <= 12; d++) {
    assert_int_equal(tthc_cal_day(cal, D(2025, 3, d), &k, &e), TTHC_OK);
    assert_int_equal(k, TTHC_DAY_LOCAL); /* no category names a kind */
    assert_string_equal(tthc_cal_entry_name_vi(e), "Lễ hội của tỉnh");
    assert_string_equal(tthc_cal_entry_name_en(e), "Lễ hội của tỉnh");
  }
  assert_int_equal(tthc_cal_day(cal, D(2025, 3, 13), &k, &e), TTHC_OK);
  assert_null(e);
  for (int d = 2; d <= 8; d++) {
    assert_int_equal(tthc_cal_day(cal, D(2025, 6, d), &k, &e), TTHC_OK);
    assert_int_equal(k, TTHC_DAY_HOLIDAY);
    assert_string_equal(tthc_cal_entry_name_vi(e), "Nghỉ hè của đơn vị");
  }
  assert_int_equal(tthc_cal_day(cal, D(2025, 6, 9), &k, &e), TTHC_OK);
  assert_null(e);
  /* 29 February, COUNT=3: 2020, 2024, 2028 (2020 is outside the builder's years) */
  size_t n;
  assert_int_equal(tthc_cal_day(cal, D(2024, 2, 29), &k, NULL), TTHC_OK);
  assert_int_equal(k, TTHC_DAY_LOCAL);
  assert_int_equal(tthc_cal_day(cal, D(2028, 2, 29), &k, NULL), TTHC_OK);
  assert_int_equal(k, TTHC_DAY_LOCAL);
  assert_int_equal(tthc_cal_entry_count(cal, D(2021, 2, 28), D(2021, 3, 1), &n), TTHC_OK);
  assert_int_equal(n, 0);
  /* every other year from 2019 until 2027-01-01: 2019, 2021, 2023, 2025 */
  static const int yrs[] = {2019, 2021, 2023, 2025};
  for (int i = 0; i < 4; i++) {
    assert_int_equal(tthc_cal_day(cal, D(yrs[i], 8, 15), &k, NULL), TTHC_OK);
    assert_int_equal(k, TTHC_DAY_LOCAL);
  }
  assert_int_equal(tthc_cal_entry_count(cal, D(2027, 8, 15), D(2027, 8, 15), &n), TTHC_OK);
  assert_int_equal(n, 0);
  assert_int_equal(tthc_cal_entry_count(cal, D(2020, 8, 15), D(2020, 8, 15), &n), TTHC_OK);
  assert_int_equal(n, 0);
  /* cancelled: nothing; a make-up day without a summary gets a default name */
  assert_int_equal(tthc_cal_day(cal, D(2025, 7, 4), &k, &e), TTHC_OK);
  assert_null(e);
  assert_int_equal(tthc_cal_day(cal, D(2025, 7, 5), &k, &e), TTHC_OK);
  assert_int_equal(k, TTHC_DAY_MAKEUP_WORKDAY);
  assert_string_equal(tthc_cal_entry_name_vi(e), "Ngày làm bù");
  int w;
  assert_int_equal(tthc_cal_is_workday(cal, D(2025, 7, 5), &w), TTHC_OK);
  assert_int_equal(w, 1);
  tthc_cal_free(cal);
  tthc_cal_builder_free(b);
}

typedef struct bad_ics {
  const char *text;
  tthc_status status;
  int line;
  const char *message;
} bad_ics;

#define HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
#define EV(body) "BEGIN:VEVENT\r\n" body "END:VEVENT\r\n"
#define TAIL "END:VCALENDAR\r\n"

static void test_import_errors(void **state) {
  (void)state;
  static const bad_ics bad[] = {
      {"", TTHC_ESYNTAX, 1, "empty file"},
      {"\r\n\r\n", TTHC_ESYNTAX, 3, "empty file"},
      {"BEGIN:VEVENT\r\n", TTHC_ESYNTAX, 1, "must start with BEGIN:VCALENDAR"},
      {HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20250101\r\n", TTHC_ESYNTAX, 5,
       "ends inside BEGIN:VEVENT of line 3"},
      {HEAD EV("DTSTART;VALUE=DATE:20250101\r\n"), TTHC_ESYNTAX, 6,
       "ends inside BEGIN:VCALENDAR of line 1"},
      {HEAD "BEGIN:VEVENT\r\nEND:VTODO\r\n" TAIL, TTHC_ESYNTAX, 4,
       "END:VTODO does not close BEGIN:VEVENT of line 3"},
      {HEAD EV("DTSTART;VALUE=DATE:20250101\r\n") TAIL "X:1\r\n", TTHC_ESYNTAX, 7,
       "content after END:VCALENDAR"},
      {HEAD EV("DTSTART;VALUE=DATE 20250101\r\n") TAIL, TTHC_ESYNTAX, 4,
       "column 28: expected ':' between the property name and its value"},
      {HEAD EV(":20250101\r\n") TAIL, TTHC_ESYNTAX, 4, "expected a property name"},
      {HEAD EV("DTSTART;=DATE:20250101\r\n") TAIL, TTHC_ESYNTAX, 4, "expected a parameter name"},
      {HEAD EV("SUMMARY;X=\"abc:x\r\n") TAIL, TTHC_ESYNTAX, 4, "unterminated quoted"},
      {HEAD EV("SUMMARY:a\x01 b\r\n") TAIL, TTHC_ESYNTAX, 4, "control character 0x01"},
      {" VERSION:2.0\r\n", TTHC_ESYNTAX, 1, "continuation line"},
      {HEAD EV("SUMMARY:Tết \xC3\x28\r\n") TAIL, TTHC_EUTF8, 4, "column 13: byte 0xC3"},
      {HEAD EV("SUMMARY:x\r\n") TAIL, TTHC_EFORMAT, 5,
       "the event that begins at line 3 has no DTSTART"},
      {HEAD EV("DTSTART:20250101T090000\r\n") TAIL, TTHC_EUNSUPPORTED, 4, "only all-day events"},
      {HEAD EV("DTSTART;VALUE=DATE-TIME:20250101\r\n") TAIL, TTHC_EUNSUPPORTED, 4,
       "only all-day events"},
      {HEAD EV("DTSTART;VALUE=PERIOD:20250101\r\n") TAIL, TTHC_EFORMAT, 4, "expected VALUE=DATE"},
      {HEAD EV("DTSTART;VALUE=DATE:2025-01-01\r\n") TAIL, TTHC_ESYNTAX, 4,
       "DTSTART must be a date YYYYMMDD"},
      {HEAD EV("DTSTART;VALUE=DATE:20250230\r\n") TAIL, TTHC_EDATE, 4,
       "column 26: day 30 does not exist in 2025-02"},
      {HEAD EV("DTSTART;VALUE=DATE:20251301\r\n") TAIL, TTHC_EDATE, 4, "month 13"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nDTEND;VALUE=DATE:20250105\r\n") TAIL, TTHC_EFORMAT,
       6, "ends (DTEND) before it starts"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nDTSTART;VALUE=DATE:20250106\r\n") TAIL, TTHC_EFORMAT,
       5, "a second DTSTART"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nDTEND;VALUE=DATE:20250107\r\nDURATION:P1D\r\n") TAIL,
       TTHC_EFORMAT, 7, "both DTEND and DURATION"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nDURATION:PT1H\r\n") TAIL, TTHC_EUNSUPPORTED, 5,
       "only whole days"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nDURATION:P0D\r\n") TAIL, TTHC_EFORMAT, 5,
       "outside 1-3660"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRRULE:FREQ=MONTHLY\r\n") TAIL, TTHC_EUNSUPPORTED, 5,
       "FREQ=MONTHLY is not supported"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRRULE:FREQ=YEARLY;BYDAY=MO\r\n") TAIL,
       TTHC_EUNSUPPORTED, 5, "RRULE part BYDAY is not supported"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRRULE:FREQ=YEARLY;COUNT=2;UNTIL=20300101\r\n") TAIL,
       TTHC_EFORMAT, 5, "both COUNT and UNTIL"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRRULE:FREQ=YEARLY;BYMONTH=2\r\n") TAIL,
       TTHC_EUNSUPPORTED, 6, "picks days other than DTSTART's"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRRULE:INTERVAL=2\r\n") TAIL, TTHC_EFORMAT, 5,
       "RRULE without FREQ"},
      {HEAD EV("DTSTART;VALUE=DATE:20250105\r\nRDATE;VALUE=DATE:20250106\r\n") TAIL,
       TTHC_EUNSUPPORTED, 5, "RDATE is not supported"},
      {"BEGIN:VCALENDAR\r\nVERSION:1.0\r\n" TAIL, TTHC_EFORMAT, 2, "VERSION must be 2.0"},
      {HEAD "X-TTHC-WEEKLY-REST:SA,XX\r\n" TAIL, TTHC_EFORMAT, 3, "X-TTHC-WEEKLY-REST"},
      {HEAD "X-TTHC-WEEKLY-REST:MO,TU,WE,TH,FR,SA,SU\r\n" TAIL, TTHC_EFORMAT, 3,
       "leaves no working day"},
      {HEAD "X-TTHC-YEAR-STATUS:2025 announced\r\n" TAIL, TTHC_EFORMAT, 3, "unknown year status"},
      {HEAD "X-TTHC-YEAR-STATUS:official\r\n" TAIL, TTHC_EFORMAT, 3, "a year and a status"},
      {HEAD "BEGIN:VCALENDAR\r\n" TAIL TAIL, TTHC_ESYNTAX, 3, "a VCALENDAR inside"},
  };
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_DEFAULT, &b), TTHC_OK);
  for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
    tthc_error err;
    tthc_error_clear(&err);
    tthc_status st = tthc_ical_import(b, bad[i].text, strlen(bad[i].text), &err);
    if (st != bad[i].status || err.line != bad[i].line || !strstr(err.message, bad[i].message))
      fail_msg("case %zu: %s line %d: %s", i, tthc_status_name(st), (int)err.line, err.message);
    assert_int_equal(err.status, st);
  }
  /* all or nothing: the 2nd event is bad, so the first is not added; record = event index */
  const char *half = HEAD EV("DTSTART;VALUE=DATE:20250303\r\nSUMMARY:ok\r\n")
      EV("DTSTART;VALUE=DATE:20250304\r\nDTSTART;VALUE=DATE:20250305\r\n") TAIL;
  tthc_error err;
  assert_int_equal(tthc_ical_import(b, half, strlen(half), &err), TTHC_EFORMAT);
  assert_int_equal(err.record, 1);
  assert_int_equal(err.line, 9);
  assert_int_equal(err.column, 1);
  assert_int_equal(tthc_ical_import(b,
                                    HEAD "X-TTHC-WEEKLY-REST:SU\r\n"
                                         "X-TTHC-YEAR-STATUS:2025 rules\r\n"
                                         "BEGIN:X\r\n",
                                    strlen(HEAD "X-TTHC-WEEKLY-REST:SU\r\n"
                                                "X-TTHC-YEAR-STATUS:2025 rules\r\n"
                                                "BEGIN:X\r\n"),
                                    NULL),
                   TTHC_ESYNTAX);
  tthc_cal *cal = build(b);
  tthc_day_kind k;
  assert_int_equal(tthc_cal_day(cal, D(2025, 3, 3), &k, NULL), TTHC_OK);
  assert_int_equal(k, TTHC_DAY_WORKDAY);
  assert_int_equal(tthc_cal_weekly_rest(cal), TTHC_CAL_REST_SAT_SUN);
  tthc_year_status ys;
  assert_int_equal(tthc_cal_year_status(cal, 2025, &ys), TTHC_OK);
  assert_int_equal(ys, TTHC_YEAR_OFFICIAL);
  tthc_cal_free(cal);
  /* truncated inputs never crash and always fail */
  for (size_t n = 0; n + 1 < strlen(half); n += 7)
    assert_int_not_equal(tthc_ical_import(b, half, n, NULL), TTHC_OK);
  assert_int_equal(tthc_ical_import(NULL, "x", 1, &err), TTHC_EINVAL);
  assert_int_equal(tthc_ical_import(b, NULL, 1, &err), TTHC_EINVAL);
  tthc_cal_builder_free(b);
}

static void test_folded_error_position(void **state) {
  (void)state;
  /* the error is reported at the physical line and column of the continuation */
  const char *t = HEAD "BEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2025\r\n 0231\r\nEND:VEVENT\r\n" TAIL;
  tthc_cal_builder *b;
  assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b), TTHC_OK);
  tthc_error err;
  assert_int_equal(tthc_ical_import(b, t, strlen(t), &err), TTHC_EDATE);
  assert_int_equal(err.line, 5);
  assert_int_equal(err.column, 4);
  assert_int_equal(err.offset, (int64_t)(strstr(t, " 0231") - t) + 3);
  assert_non_null(strstr(err.message, "\"DTSTART;VALUE=DATE:20250231\""));
  tthc_cal_builder_free(b);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_round_trip),
      cmocka_unit_test(test_export_format),
      cmocka_unit_test(test_import_plain),
      cmocka_unit_test(test_import_errors),
      cmocka_unit_test(test_folded_error_position),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
