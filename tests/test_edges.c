/* edges: paths the coverage report (sh tests/hardening.sh coverage) showed no test reached —
 * mostly error paths a citizen's input or an old system's export takes — with what each must
 * answer. Grouped by module; each test names the behaviour, not the line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core_internal.h"
#include "test_support.h"
#include "tthc.h"

static tthc_cal *g_cal; /* the national calendar 2024-2026 */

static tthc_datetime T(const char *s) {
  tthc_datetime t;
  assert_int_equal(tthc_datetime_parse(s, strlen(s), &t, NULL), TTHC_OK);
  return t;
}

static void has(const char *text, const char *needle) {
  if (!strstr(text, needle)) fail_msg("'%s' lacks '%s'", text, needle);
}

/* ---- core ------------------------------------------------------------------------------- */

static void test_error_without_format_says_the_status(void **state) {
  (void)state;
  tthc_error e;
  assert_int_equal(tthc__error_set(&e, TTHC_ENOMEM, 0, 0, -1, NULL), TTHC_ENOMEM);
  assert_string_equal(e.message, tthc_strerror(TTHC_ENOMEM));
}

/* ---- deadlines: every kind of limit explained, in both languages ------------------------- */

static void explain(const char *received, tthc_limit lim, const tthc_deadline_policy *pol,
                    const char *const *expect_vi, const char *const *expect_en) {
  tthc_deadline_result *r = NULL;
  assert_int_equal(tthc_deadline_explain(g_cal, NULL, pol, T(received), lim, &r), TTHC_OK);
  char all_vi[4096] = "", all_en[4096] = "", buf[512];
  for (size_t i = 0; i < tthc_deadline_result_step_count(r); i++) {
    tthc_deadline_step s;
    assert_int_equal(tthc_deadline_result_step(r, i, &s), TTHC_OK);
    assert_int_equal(tthc_deadline_step_describe(&s, 1, buf, sizeof buf, NULL), TTHC_OK);
    strncat(all_vi, buf, sizeof all_vi - strlen(all_vi) - 2), strcat(all_vi, "\n");
    assert_int_equal(tthc_deadline_step_describe(&s, 0, buf, sizeof buf, NULL), TTHC_OK);
    strncat(all_en, buf, sizeof all_en - strlen(all_en) - 2), strcat(all_en, "\n");
  }
  for (; *expect_vi; expect_vi++) has(all_vi, *expect_vi);
  for (; *expect_en; expect_en++) has(all_en, *expect_en);
  tthc_deadline_result_free(r);
}

static void test_explain_every_unit(void **state) {
  (void)state;
  tthc_limit lim;
  assert_int_equal(tthc_limit_make(0, TTHC_LIMIT_IMMEDIATE, &lim), TTHC_OK);
  explain("2025-03-04T09:15", lim, NULL, (const char *const[]){"cấp ngay", "ngay khi bắt đầu", NULL},
          (const char *const[]){"immediate: due at the start", "at the start", NULL});
  assert_int_equal(tthc_limit_make(4, TTHC_LIMIT_WORKING_HOURS, &lim), TTHC_OK);
  explain("2025-03-04T09:15", lim, NULL,
          (const char *const[]){"chỉ trong giờ làm việc", "khi hết thời gian làm việc", NULL},
          (const char *const[]){"inside working sessions only", "counted working time", NULL});
  assert_int_equal(tthc_limit_make(0, TTHC_LIMIT_WORKING_DAYS, &lim), TTHC_OK);
  explain("2025-03-04T09:15", lim, NULL, (const char *const[]){"0 ngày làm việc", NULL},
          (const char *const[]){"0 working days: due on the start day", NULL});
  /* due at the start's clock time, and a cut-off with minutes */
  tthc_deadline_policy *pol = NULL;
  assert_int_equal(tthc_deadline_policy_new(&pol), TTHC_OK);
  assert_int_equal(tthc_deadline_policy_set(pol, TTHC_POLICY_DUE_TIME, TTHC_DUE_SAME_TIME), TTHC_OK);
  assert_int_equal(tthc_deadline_policy_set(pol, TTHC_POLICY_CUTOFF, 15 * 3600 + 30 * 60), TTHC_OK);
  assert_int_equal(tthc_limit_make(3, TTHC_LIMIT_WORKING_DAYS, &lim), TTHC_OK);
  explain("2025-03-04T09:15", lim, pol, (const char *const[]){"cùng giờ với thời điểm bắt đầu", NULL},
          (const char *const[]){"the start's clock time on the due day", NULL});
  explain("2025-03-04T16:10", lim, pol, (const char *const[]){"tiếp nhận sau 15 giờ 30", NULL},
          (const char *const[]){"received after the 15:30 cut-off", NULL});
  tthc_deadline_policy_free(pol);
}

/* ---- dossiers and feedback ---------------------------------------------------------------- */

static void test_appointment_out_of_range(void **state) {
  (void)state;
  tthc_dossier *d = NULL;
  assert_int_equal(tthc_dossier_new("x", T("2025-03-03T08:00"), &d), TTHC_OK);
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = TTHC_EVENT_ACCEPTED, e.at = T("2025-03-03T08:30"), e.due = INT64_MAX / 2;
  tthc_error err;
  assert_int_equal(tthc_dossier_append(d, &e, &err), TTHC_EINVAL);
  has(err.message, "appointment out of range");
  assert_int_equal(tthc_dossier_event_count(d), 0);
  tthc_dossier_free(d);
}

static void test_feedback_awaiting_supplement(void **state) {
  (void)state;
  /* received Monday 3 March 2025; supplementation must be asked within 5 working days */
  tthc_feedback f = TTHC_FEEDBACK_INIT;
  f.received_at = T("2025-03-03T09:00");
  f.supplement_at = T("2025-03-07T10:00");
  tthc_feedback_status s;
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, T("2025-03-12T10:00"), &s), TTHC_OK);
  assert_int_equal(s.stage, TTHC_FEEDBACK_SUPPLEMENTING);
  assert_int_equal(s.late_step, TTHC_FEEDBACK_STEP_NONE);
  assert_int_equal(s.on_time, 1);
  f.supplement_at = T("2025-03-12T10:00"); /* the 7th working day: late */
  assert_int_equal(tthc_feedback_status_at(&f, g_cal, T("2025-03-13T10:00"), &s), TTHC_OK);
  assert_int_equal(s.stage, TTHC_FEEDBACK_SUPPLEMENTING);
  assert_int_equal(s.late_step, TTHC_FEEDBACK_STEP_SUPPLEMENT);
  assert_int_equal(s.on_time, 0);
}

/* ---- aggregates ------------------------------------------------------------------------- */

static void test_aggregate_skips_a_dossier_outside_the_calendar(void **state) {
  (void)state;
  tthc_agg *a = NULL;
  assert_int_equal(tthc_agg_new(0, 0, T("2030-12-31T17:00"), &a), TTHC_OK);
  tthc_dossier_clock clock;
  memset(&clock, 0, sizeof clock);
  clock.cal = g_cal;
  assert_int_equal(tthc_agg_set_clock(a, &clock), TTHC_OK);
  tthc_dossier *d = NULL;
  assert_int_equal(tthc_dossier_new("000.00.31.H26-280303-0001", T("2028-03-03T08:00"), &d),
                   TTHC_OK);
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = TTHC_EVENT_ACCEPTED, e.at = T("2028-03-03T08:30");
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  tthc_limit lim;
  assert_int_equal(tthc_limit_make(5, TTHC_LIMIT_WORKING_DAYS, &lim), TTHC_OK);
  assert_int_equal(tthc_dossier_set_limit(d, lim), TTHC_OK);
  tthc_error err;
  assert_int_equal(tthc_agg_add(a, d, &err), TTHC_ERANGE);
  has(err.message, "000.00.31.H26-280303-0001");
  assert_int_equal(tthc_agg_skipped(a, TTHC_SKIP_ERROR), 1);
  assert_int_equal(tthc_agg_group_count(a), 0);
  tthc_dossier_free(d);
  tthc_agg_free(a);
}

static void test_reconcile_many_codes(void **state) {
  (void)state;
  /* enough codes that the code table grows several times */
  tthc_recon *r = NULL;
  assert_int_equal(tthc_recon_new(0, 0, &r), TTHC_OK);
  tthc_dossier *d = NULL;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  enum { N = 3000 };
  for (int i = 0; i < N; i++) {
    char code[40];
    snprintf(code, sizeof code, "000.00.31.H26-250303-%04d", i);
    assert_int_equal(tthc_dossier_reset(d, code, T("2025-03-03T08:00")), TTHC_OK);
    assert_int_equal(tthc_recon_add(r, 0, d), TTHC_OK);
    if (i % 3) assert_int_equal(tthc_recon_add(r, 1, d), TTHC_OK); /* B lacks one in three */
  }
  assert_int_equal(tthc_recon_finish(r), TTHC_OK);
  assert_int_equal(tthc_recon_side_count(r, 0), N);
  assert_int_equal(tthc_recon_count(r), N / 3); /* exactly the codes missing from B */
  tthc_recon_item it;
  assert_int_equal(tthc_recon_get(r, 0, &it), TTHC_OK);
  assert_int_equal(it.kind, TTHC_RECON_ONLY_A);
  assert_string_equal(it.code, "000.00.31.H26-250303-0000");
  tthc_dossier_free(d);
  tthc_recon_free(r);
}

static void test_schedule_with_too_many_occurrences(void **state) {
  (void)state;
  tthc_cal *wide = NULL;
  assert_int_equal(tthc_cal_new_vietnam(1900, 2199, &wide), TTHC_OK);
  static const char daily[] = "FREQ=DAILY";
  size_t n = 0;
  tthc_error err;
  /* from 2 January 1900 (1 January is a holiday whose working day before is not in it) */
  assert_int_equal(tthc_schedule_dates(daily, strlen(daily), D(1900, 1, 2), wide, D(1900, 1, 2),
                                       D(2199, 12, 31), NULL, NULL, 0, &n, &err),
                   TTHC_ERANGE);
  has(err.message, "more than 100000 occurrences");
  tthc_cal_free(wide);
}

/* ---- JSON Lines and CSV: what an old system's export gets wrong ------------------------- */

typedef struct bad_record {
  int format;
  const char *text;
  tthc_status st;
  const char *message;
} bad_record;

static void test_io_bad_records(void **state) {
  (void)state;
  static const bad_record bad[] = {
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"events\":[1]}",
       TTHC_EFORMAT, "event 0 is not a JSON object"},
      {TTHC_IO_JSONL,
       "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"events\":[{\"kind\":\"accepted\","
       "\"at\":\"2025-03-03T09:00\",\"due\":\"soon\"}]}",
       TTHC_EFORMAT, "\"due\""},
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"events\":{}}",
       TTHC_EFORMAT, "is not a JSON array of events"},
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"limit\":\"05 tuần\"}",
       TTHC_EFORMAT, "is not a statutory limit"},
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"unit\":[5]}",
       TTHC_EFORMAT, "'unit': must be a string"},
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"channel\":1.5}",
       TTHC_EFORMAT, "must be a string, an integer, a boolean or null"},
      {TTHC_IO_JSONL,
       "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"NgayNopHoSo\":\"2025-03-03\"}",
       TTHC_EFORMAT, "appears twice"},
      {TTHC_IO_JSONL, "{\"code\":\"a\",\"received_at\":\"2025-03-03T09:00\",\"digitised\":\"maybe\"}",
       TTHC_EFORMAT, "digitised"},
      {TTHC_IO_CSV, "code,received_at\nA,2025-03-03,extra\n", TTHC_EFORMAT,
       "the row has 3 fields, the header has 2"},
      {TTHC_IO_CSV, "code,received_at,events\nA,2025-03-03,[oops\n", TTHC_ESYNTAX,
       "is not a JSON array of events"},
      {TTHC_IO_CSV, "code,received_at,events\nA,2025-03-03,\"[oops, \"\"x\"\"\"\n", TTHC_ESYNTAX,
       "is not JSON"},
      {TTHC_IO_CSV, "code,received_at\n\"A\"x,2025-03-03\n", TTHC_ESYNTAX,
       "unexpected character after a closing quote"},
  };
  tthc_dossier *d = NULL;
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_io_reader *r = NULL;
    tthc_error err;
    assert_int_equal(tthc_io_reader_new_mem(bad[i].text, strlen(bad[i].text), bad[i].format, 0,
                                            &r, &err),
                     TTHC_OK);
    int got = 7;
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st != bad[i].st) fail_msg("record %zu: %s, expected %s (%s)", i, tthc_status_name(st),
                                  tthc_status_name(bad[i].st), st ? err.message : "");
    has(err.message, bad[i].message);
    assert_int_equal(err.record, 0);
    assert_int_equal(got, 0);
    assert_int_equal(tthc_io_reader_next(r, d, &got, NULL), TTHC_OK); /* then the end */
    assert_int_equal(got, 0);
    tthc_io_reader_free(r);
  }
  /* a CSV header whose quote is never closed */
  tthc_io_reader *r = (tthc_io_reader *)1;
  tthc_error err;
  static const char hdr[] = "\"code,received_at\nA,2025-03-03\n";
  assert_int_equal(tthc_io_reader_new_mem(hdr, strlen(hdr), TTHC_IO_CSV, 0, &r, &err),
                   TTHC_ESYNTAX);
  assert_null(r);
  has(err.message, "quoted field is not closed");
  assert_int_equal(tthc_io_reader_new_mem(hdr, strlen(hdr), 9, 0, &r, &err), TTHC_EINVAL);
  tthc_dossier_free(d);
}

static void test_io_odd_but_valid_values(void **state) {
  (void)state;
  /* a date-only YYYYMMDD, booleans in words, and text that JSON must escape */
  static const char csv[] = "code,received_at,digitised,vneid,unit\n"
                            "A,20250303,có,không,\"x\\y\ttab\r\x01\"\n";
  tthc_io_reader *r = NULL;
  tthc_dossier *d = NULL, *back = NULL;
  assert_int_equal(tthc_io_reader_new_mem(csv, strlen(csv), TTHC_IO_CSV, 0, &r, NULL), TTHC_OK);
  assert_int_equal(tthc_dossier_new(NULL, 0, &d), TTHC_OK);
  int got = 0;
  tthc_error err;
  tthc_status st = tthc_io_reader_next(r, d, &got, &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  assert_int_equal(got, 1);
  int64_t v;
  assert_int_equal(tthc_dossier_get_int(d, TTHC_DOSSIER_RECEIVED_AT, &v), TTHC_OK);
  assert_int_equal(v, T("2025-03-03T00:00"));
  assert_int_equal(tthc_dossier_get_int(d, TTHC_DOSSIER_FLAGS, &v), TTHC_OK);
  assert_int_equal(v, TTHC_DOSSIER_FLAG_DIGITISED);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "x\\y\ttab\r\x01");
  char *json = NULL;
  assert_int_equal(tthc_io_dossier_to_json_alloc(d, &json), TTHC_OK);
  has(json, "x\\\\y\\ttab\\r\\u0001");
  assert_int_equal(tthc_dossier_new(NULL, 0, &back), TTHC_OK);
  assert_int_equal(tthc_io_dossier_from_json(json, strlen(json), back, NULL), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(back, TTHC_DOSSIER_UNIT), "x\\y\ttab\r\x01");
  tthc_free(json);
  tthc_dossier_free(back);
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
}

/* ---- iCalendar import: malformed files ------------------------------------------------------ */

#define ICS_HEAD "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
#define ICS_TAIL "END:VCALENDAR\r\n"
#define EVENT(body) "BEGIN:VEVENT\r\n" body "END:VEVENT\r\n"

static void test_ical_bad_files(void **state) {
  (void)state;
  static const struct {
    const char *text;
    tthc_status st;
    int line;
    const char *message;
  } bad[] = {
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE;X-A=\"a\x01b\":20250310\r\n") ICS_TAIL, TTHC_ESYNTAX, 4,
       "control character in a quoted parameter value"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE;X-A=a\x01b:20250310\r\n") ICS_TAIL, TTHC_ESYNTAX, 4,
       "control character in a parameter value"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250310\r\nDURATION:1D\r\n") ICS_TAIL, TTHC_ESYNTAX, 5,
       "DURATION must look like P1D or P2W"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250310\r\nDURATION:PXD\r\n") ICS_TAIL, TTHC_ESYNTAX, 5,
       "DURATION must look like P1D or P2W"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250310\r\nRRULE:FREQ=YEARLY;COUNT\r\n") ICS_TAIL,
       TTHC_ESYNTAX, 5, "RRULE part without '='"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250310\r\nRRULE:FREQ=YEARLY;COUNT=2,3\r\n") ICS_TAIL,
       TTHC_EUNSUPPORTED, 5, "RRULE COUNT must be one number"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250310\r\nRRULE:FREQ=YEARLY;UNTIL=2025\r\n") ICS_TAIL,
       TTHC_ESYNTAX, 5, "RRULE UNTIL must be"},
      {ICS_HEAD EVENT("DTSTART;VALUE=DATE:20250101\r\nDTEND;VALUE=DATE:20400101\r\n") ICS_TAIL,
       TTHC_EFORMAT, 6, "the event that begins at line 3 lasts more than 3660 days"},
      {ICS_HEAD "BEGIN:\r\n" ICS_TAIL, TTHC_ESYNTAX, 3, "BEGIN needs a component name"},
      {ICS_HEAD "BEGIN:V EVENT\r\n" ICS_TAIL, TTHC_ESYNTAX, 3, "invalid component name"},
      {ICS_HEAD "BEGIN:X1\r\nBEGIN:X2\r\nBEGIN:X3\r\nBEGIN:X4\r\nBEGIN:X5\r\nBEGIN:X6\r\n"
                "BEGIN:X7\r\nBEGIN:X8\r\nBEGIN:X9\r\nBEGIN:X10\r\nBEGIN:X11\r\nBEGIN:X12\r\n"
                "BEGIN:X13\r\nBEGIN:X14\r\nBEGIN:X15\r\nBEGIN:X16\r\n",
       TTHC_ESYNTAX, 18, "nested more than 16 deep"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_cal_builder *b = NULL;
    assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b), TTHC_OK);
    tthc_error err;
    tthc_status st = tthc_ical_import(b, bad[i].text, strlen(bad[i].text), &err);
    if (st != bad[i].st || err.line != bad[i].line)
      fail_msg("file %zu: %s line %d (%s), expected %s line %d", i, tthc_status_name(st),
               err.line, st ? err.message : "", tthc_status_name(bad[i].st), bad[i].line);
    has(err.message, bad[i].message);
    tthc_cal_builder_free(b);
  }
}

static void test_ical_escapes_and_custom_years(void **state) {
  (void)state;
  static const char ics[] =
      ICS_HEAD "X-TTHC-YEAR-STATUS:2025 custom\r\n"
      EVENT("DTSTART;VALUE=DATE:20250310\r\nSUMMARY:Lễ hội \\\\ của tỉnh\\, xã\\; thôn \\q\r\n") ICS_TAIL;
  tthc_cal_builder *b = NULL;
  assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_DEFAULT, &b), TTHC_OK);
  tthc_error err;
  tthc_status st = tthc_ical_import(b, ics, strlen(ics), &err);
  if (st != TTHC_OK) fail_msg("%s", err.message);
  tthc_cal *cal = NULL;
  assert_int_equal(tthc_cal_build(b, &cal), TTHC_OK);
  tthc_year_status ys;
  assert_int_equal(tthc_cal_year_status(cal, 2025, &ys), TTHC_OK);
  assert_int_equal(ys, TTHC_YEAR_CUSTOM);
  const tthc_cal_entry *e = NULL;
  tthc_day_kind k;
  assert_int_equal(tthc_cal_day(cal, D(2025, 3, 10), &k, &e), TTHC_OK);
  assert_string_equal(tthc_cal_entry_name_vi(e), "Lễ hội \\ của tỉnh, xã; thôn \\q");
  tthc_cal_free(cal);
  tthc_cal_builder_free(b);
}

/* ---- calendars: names and schedules ------------------------------------------------------ */

static void test_calendar_names_utf8(void **state) {
  (void)state;
  tthc_cal_builder *b = NULL;
  assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b), TTHC_OK);
  tthc_date d = D(2025, 3, 10);
  /* a 4-byte character is fine; overlong, surrogate, out-of-range and cut sequences are not */
  assert_int_equal(tthc_cal_builder_add_day(b, d, TTHC_DAY_LOCAL, "Lễ hội \xF0\x9F\x8E\x89",
                                            NULL, NULL),
                   TTHC_OK);
  static const char *const bad[] = {"x\xF0\x80\x80\x80", "x\xED\xA0\x80", "x\xF4\x90\x80\x80",
                                    "x\xE0\x80\xAF", "x\xF0\x9F\x8E", "x\xF5\x80\x80\x80",
                                    "x\xC3"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
    assert_int_equal(tthc_cal_builder_add_day(b, d, TTHC_DAY_LOCAL, bad[i], NULL, NULL),
                     TTHC_EUTF8);
  /* a year's status declared twice: the second wins */
  assert_int_equal(tthc_cal_builder_set_year_status(b, 2025, TTHC_YEAR_OFFICIAL), TTHC_OK);
  assert_int_equal(tthc_cal_builder_set_year_status(b, 2025, TTHC_YEAR_RULES), TTHC_OK);
  tthc_cal *cal = NULL;
  assert_int_equal(tthc_cal_build(b, &cal), TTHC_OK);
  tthc_year_status ys;
  assert_int_equal(tthc_cal_year_status(cal, 2025, &ys), TTHC_OK);
  assert_int_equal(ys, TTHC_YEAR_RULES);
  const tthc_cal_entry *e = NULL;
  tthc_day_kind k;
  assert_int_equal(tthc_cal_day(cal, d, &k, &e), TTHC_OK);
  assert_string_equal(tthc_cal_entry_name_vi(e), "Lễ hội \xF0\x9F\x8E\x89");
  tthc_cal_free(cal);
  tthc_cal_builder_free(b);
}

static void test_calendar_bad_schedules(void **state) {
  (void)state;
  static const struct {
    const char *json;
    const char *message;
  } bad[] = {
      {"{\"year\":2026,\"status\":\"official\",\"days\":[5]}", "$.days[0]: expected an object, found an integer"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[[1]]}", "expected an object, found an array"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[1.5]}", "expected an object, found a number"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[true]}", "expected an object, found a boolean"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[null]}", "expected an object, found null"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[\"x\"]}", "expected an object, found a string"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[{\"date\":{}}]}", "date: expected a string, found an object"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":{}}", "days: expected an array, found an object"},
      {"{\"year\":2026,\"status\":\"official\",\"days\":[{\"date\":\"2026-05-01\",\"kind\":\"local\","
       "\"name_vi\":\"a\\tb\"}]}",
       "a name or source contains a control character"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_cal_builder *b = NULL;
    assert_int_equal(tthc_cal_builder_new(2026, 2026, TTHC_CAL_DEFAULT, &b), TTHC_OK);
    tthc_error err;
    tthc_status st = tthc_cal_builder_load_json(b, bad[i].json, strlen(bad[i].json), &err);
    if (st != TTHC_EFORMAT) fail_msg("schedule %zu: %s (%s)", i, tthc_status_name(st), err.message);
    has(err.message, bad[i].message);
    tthc_cal_builder_free(b);
  }
}

/* ---- limit phrases, working hours, legal references --------------------------------------- */

static void test_limit_phrase_errors(void **state) {
  (void)state;
  char longp[2048] = "05 ngày làm việc";
  for (int i = 0; i < 130; i++) strcat(longp, " x");
  const struct {
    const char *text;
    const char *message;
  } bad[] = {
      {"Trong ngày; nếu tiếp nhận sau 15 giờ thì trong ngày làm việc tiếp theo; nếu tiếp nhận "
       "sau 16 giờ thì trong ngày làm việc tiếp theo",
       "a second cut-off clause"},
      {"Trong ngày; nếu tiếp nhận sau 15 thì trong ngày làm việc tiếp theo",
       "expected \"giờ\" after the cut-off hour"},
      {"Trong ngày; nếu tiếp nhận sau 15 giờ 75 thì trong ngày làm việc tiếp theo",
       "minute 75 of the cut-off is out of range"},
      {longp, "the phrase is too long (over 128 words)"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_limit l;
    tthc_error err;
    assert_int_equal(tthc_limit_parse(bad[i].text, strlen(bad[i].text), &l, &err), TTHC_ESYNTAX);
    has(err.message, bad[i].message);
  }
  /* "ĩ" and "ũ" are letters of a word (quoted whole in the message), not punctuation */
  tthc_limit l;
  tthc_error err;
  static const char odd[] = "05 ngày làm việc kĩ cũ";
  assert_int_equal(tthc_limit_parse(odd, strlen(odd), &l, &err), TTHC_ESYNTAX);
  has(err.message, "unexpected \"kĩ\" at column 18");
}

static void test_hours_errors(void **state) {
  (void)state;
  tthc_hours *h = NULL;
  assert_int_equal(tthc_hours_new(&h), TTHC_OK);
  tthc_error err;
  assert_int_equal(tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, "07:3-11:00", 10, &err),
                   TTHC_ESYNTAX);
  has(err.message, "expected two digits of minutes");
  assert_int_equal(tthc_hours_set_reception(h, 0, "07:30-11:30", 11, &err), TTHC_EINVAL);
  has(err.message, "selects no weekday");
  assert_int_equal(tthc_hours_add_season(h, 10, 16, 4, 15, 0, "07:30-11:30", 11, &err),
                   TTHC_EINVAL);
  has(err.message, "selects no weekday");
  /* a season within one year (not wrapping the year end) applies inside it only */
  assert_int_equal(tthc_hours_add_season(h, 5, 1, 9, 30, TTHC_WEEKDAYS_ALL, "07:00-11:00", 11,
                                         &err),
                   TTHC_OK);
  char buf[64];
  assert_int_equal(tthc_hours_format(h, D(2025, 6, 2), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "07:00-11:00");
  assert_int_equal(tthc_hours_format(h, D(2025, 10, 1), buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "08:00-12:00,13:00-17:00");
  tthc_hours_free(h);
}

/* ---- catalogs: schema errors ------------------------------------------------------------- */

#define PROC(extra) "{\"procedures\":[{\"code\":\"1.000001\",\"name\":\"Thủ tục\"" extra "}]}"

static void test_catalog_schema_errors(void **state) {
  (void)state;
  static const struct {
    const char *json;
    const char *message;
  } bad[] = {
      {PROC(",\"field\":5"), "$.procedures[0].field: expected a string or an object, found an integer"},
      {PROC(",\"documents\":[true]"), "expected a string or an object, found a boolean"},
      {PROC(",\"online\":2.5"), "expected \"none\", \"partial\", \"full\" or an object, found a number"},
      {PROC(",\"online\":null"), "found null"},
      {PROC(",\"limit\":{}"), "expected at least one channel"},
      {PROC(",\"process\":{\"steps\":[{\"kind\":\"receive\",\"budget\":\"1 ngày\",\"minutes\":480}]}"),
       "give either \"budget\" or \"minutes\", not both"},
      {PROC(",\"process\":{\"steps\":[{\"kind\":\"return\",\"budget\":\"Không tính thời gian\","
            "\"counted\":true}]}"),
       "\"counted\" contradicts the budget"},
      {PROC(",\"process\":{\"steps\":[{\"kind\":\"return\",\"minutes\":30,\"counted\":false}]}"),
       "an uncounted step cannot have 30 minutes"},
      {"{\"format\":\"other\",\"procedures\":[]}", "expected \"tthc-catalog\""},
      {"{\"title\":\"x\",\"colour\":1,\"procedures\":[]}", "colour"},
      {"{\"rules\":{\"reduction\":{\"targets\":[10]}},\"procedures\":[]}",
       "expected two percentages, found 1"},
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
    tthc_catalog *c = NULL;
    tthc_error err;
    tthc_status st = tthc_catalog_load_json(bad[i].json, strlen(bad[i].json), &c, &err);
    if (st != TTHC_EFORMAT) fail_msg("catalog %zu: %s (%s)", i, tthc_status_name(st), err.message);
    assert_null(c);
    has(err.message, bad[i].message);
  }
  /* a field given as a plain string and documents as plain strings are fine */
  static const char ok[] = PROC(",\"field\":\"Hộ tịch\",\"documents\":[\"Tờ khai\"]");
  tthc_catalog *c = NULL;
  tthc_error err;
  if (tthc_catalog_load_json(ok, strlen(ok), &c, &err) != TTHC_OK) fail_msg("%s", err.message);
  assert_string_equal(tthc_proc_field_name(tthc_catalog_at(c, 0)), "Hộ tịch");
  assert_int_equal(tthc_proc_document_count(tthc_catalog_at(c, 0)), 1);
  tthc_catalog_free(c);
  /* a file that cannot be read */
  assert_int_equal(tthc_catalog_load_file("/", &c, &err), TTHC_EIO);
  has(err.message, "cannot read");
}

/* ---- internal processes ------------------------------------------------------------------- */

static void test_scaling_keeps_every_counted_step(void **state) {
  (void)state;
  /* two short steps and a long one scaled to 3 units of 30 minutes: by share the short ones
   * would get nothing; each counted step keeps one unit (tthc_process_scale's promise) */
  tthc_process *p = NULL, *s = NULL;
  assert_int_equal(tthc_process_new(&p), TTHC_OK);
  assert_int_equal(tthc_process_add_step(p, TTHC_PROCESS_RECEIVE, "Tiếp nhận", NULL, 30, 1, NULL),
                   TTHC_OK);
  assert_int_equal(tthc_process_add_step(p, TTHC_PROCESS_APPRAISE, "Thẩm định", NULL, 4740, 1,
                                         NULL),
                   TTHC_OK);
  assert_int_equal(tthc_process_add_step(p, TTHC_PROCESS_APPROVE, "Ký", NULL, 30, 1, NULL),
                   TTHC_OK);
  assert_int_equal(tthc_process_add_step(p, TTHC_PROCESS_RETURN, "Trả", NULL, 0, 0, NULL), TTHC_OK);
  assert_int_equal(tthc_process_scale(p, 90, NULL, &s), TTHC_OK);
  assert_int_equal(tthc_process_total(s), 90);
  for (size_t i = 0; i < 3; i++) {
    int32_t m;
    assert_int_equal(tthc_process_step(s, i, NULL, NULL, NULL, &m, NULL, NULL), TTHC_OK);
    assert_int_equal(m, 30);
  }
  tthc_process_free(s);
  /* with fewer units than counted steps, the shares decide */
  assert_int_equal(tthc_process_scale(p, 60, NULL, &s), TTHC_OK);
  assert_int_equal(tthc_process_total(s), 60);
  int32_t m;
  assert_int_equal(tthc_process_step(s, 1, NULL, NULL, NULL, &m, NULL, NULL), TTHC_OK);
  assert_int_equal(m, 60);
  tthc_process_free(s);
  tthc_process_free(p);
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
      cmocka_unit_test(test_error_without_format_says_the_status),
      cmocka_unit_test(test_explain_every_unit),
      cmocka_unit_test(test_appointment_out_of_range),
      cmocka_unit_test(test_feedback_awaiting_supplement),
      cmocka_unit_test(test_aggregate_skips_a_dossier_outside_the_calendar),
      cmocka_unit_test(test_reconcile_many_codes),
      cmocka_unit_test(test_schedule_with_too_many_occurrences),
      cmocka_unit_test(test_io_bad_records),
      cmocka_unit_test(test_io_odd_but_valid_values),
      cmocka_unit_test(test_ical_bad_files),
      cmocka_unit_test(test_ical_escapes_and_custom_years),
      cmocka_unit_test(test_calendar_names_utf8),
      cmocka_unit_test(test_calendar_bad_schedules),
      cmocka_unit_test(test_limit_phrase_errors),
      cmocka_unit_test(test_hours_errors),
      cmocka_unit_test(test_catalog_schema_errors),
      cmocka_unit_test(test_scaling_keeps_every_counted_step),
  };
  return cmocka_run_group_tests(tests, setup, teardown);
}
