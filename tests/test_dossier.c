/* dossier: codes, event log, state machine, status at an instant, bad input. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "dossier_internal.h"
#include "tthc.h"

static tthc_datetime DT(int y, int mo, int d, int h, int mi) {
  tthc_date day;
  tthc_datetime t;
  assert_int_equal(tthc_date_from_ymd(y, mo, d, &day), TTHC_OK);
  assert_int_equal(tthc_datetime_make(day, h, mi, 0, &t), TTHC_OK);
  return t;
}

static tthc_dossier_event EV(int kind, tthc_datetime at) {
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = kind;
  e.at = at;
  return e;
}

static tthc_status add(tthc_dossier *d, int kind, tthc_datetime at) {
  tthc_dossier_event e = EV(kind, at);
  return tthc_dossier_append(d, &e, NULL);
}

static tthc_status add_text(tthc_dossier *d, int kind, tthc_datetime at, const char *text) {
  tthc_dossier_event e = EV(kind, at);
  e.text = text;
  return tthc_dossier_append(d, &e, NULL);
}

static tthc_status add_due(tthc_dossier *d, int kind, tthc_datetime at, tthc_datetime due) {
  tthc_dossier_event e = EV(kind, at);
  e.due = due;
  return tthc_dossier_append(d, &e, NULL);
}

/* A dossier received and accepted on Monday 2025-03-03 09:00, due Friday 2025-03-07 17:00. */
static tthc_dossier *accepted_dossier(void) {
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("000.00.31.H26-250303-0001", DT(2025, 3, 3, 9, 0), &d),
                   TTHC_OK);
  assert_int_equal(add_due(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0), DT(2025, 3, 7, 17, 0)),
                   TTHC_OK);
  return d;
}

static tthc_dossier_status status(const tthc_dossier *d, tthc_datetime at, unsigned policy) {
  tthc_dossier_status s;
  assert_int_equal(tthc_dossier_status_at(d, at, policy, NULL, &s), TTHC_OK);
  return s;
}

/* ---- codes ---------------------------------------------------------------------------- */

static void test_code_2018(void **state) {
  (void)state;
  tthc_dossier_code c;
  const char *s = "000.00.31.H26-250124-0042";
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, NULL), TTHC_OK);
  assert_int_equal(c.layout, TTHC_CODE_2018);
  assert_string_equal(c.agency, "000.00.31.H26");
  tthc_date d;
  tthc_date_from_ymd(2025, 1, 24, &d);
  assert_int_equal(c.date, d);
  assert_int_equal(c.system, -1);
  assert_int_equal(c.sequence, 42);
  assert_int_equal(c.sequence_digits, 4);
  char buf[TTHC_DOSSIER_CODE_STRLEN];
  size_t need;
  assert_int_equal(tthc_dossier_code_format(&c, buf, sizeof buf, &need), TTHC_OK);
  assert_string_equal(buf, s);
  assert_int_equal(need, strlen(s));
  /* too small a buffer: nothing written, the size reported */
  char small[8] = "xxxxxxx";
  assert_int_equal(tthc_dossier_code_format(&c, small, sizeof small, &need), TTHC_ENOSPC);
  assert_int_equal(need, strlen(s));
  assert_string_equal(small, "xxxxxxx");
  /* a 2018 sequence wider than 4 digits cannot be written */
  c.sequence = 10000;
  assert_int_equal(tthc_dossier_code_format(&c, buf, sizeof buf, NULL), TTHC_ERANGE);
}

static void test_code_2026(void **state) {
  (void)state;
  tthc_dossier_code c;
  tthc_error err;
  const char *s = "H26.101.02-260130-070012345";
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, &err), TTHC_OK);
  assert_int_equal(c.layout, TTHC_CODE_2026);
  assert_string_equal(c.agency, "H26.101.02");
  assert_int_equal(c.system, 7);
  assert_int_equal(c.sequence, 12345);
  assert_int_equal(c.sequence_digits, 7);
  char buf[TTHC_DOSSIER_CODE_STRLEN];
  assert_int_equal(tthc_dossier_code_format(&c, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, s);
  /* exactly 4 sequence digits, and a long one */
  s = "G01.000.00-260201-990001";
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, NULL), TTHC_OK);
  assert_int_equal(c.system, 99);
  assert_int_equal(c.sequence, 1);
  s = "G01.000.00-260201-99123456789012345678";
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, NULL), TTHC_OK);
  assert_int_equal(c.sequence, 123456789012345678ull);
  s = "G01.000.00-260201-991234567890123456789";
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, NULL), TTHC_ERANGE);
  /* generate: width grows with the number, never below 4 */
  tthc_dossier_code g = {TTHC_CODE_2026, "H01.000.05", 0, 12, 123456, 0};
  tthc_date_from_ymd(2026, 2, 2, &g.date);
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "H01.000.05-260202-12123456");
  g.sequence = 5;
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_OK);
  assert_string_equal(buf, "H01.000.05-260202-120005");
  g.system = 100;
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_ERANGE);
  g.system = 1;
  strcpy(g.agency, "h01.000.05");
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_ESYNTAX);
  tthc_date_from_ymd(1999, 2, 2, &g.date);
  strcpy(g.agency, "H01.000.05");
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_ERANGE);
  g.layout = 3;
  assert_int_equal(tthc_dossier_code_format(&g, buf, sizeof buf, NULL), TTHC_EINVAL);
}

static void expect_bad(const char *s, tthc_status st, int column, const char *fragment) {
  tthc_dossier_code c;
  tthc_error err;
  tthc_error_clear(&err);
  assert_int_equal(tthc_dossier_code_parse(s, strlen(s), &c, &err), st);
  assert_int_equal(err.status, st);
  if (column) assert_int_equal(err.column, column);
  if (!strstr(err.message, fragment)) fail_msg("message '%s' lacks '%s'", err.message, fragment);
  assert_int_equal(c.layout, 0);
}

static void test_code_bad(void **state) {
  (void)state;
  expect_bad("", TTHC_ESYNTAX, 1, "no '-' found");
  expect_bad("000.00.31.H26", TTHC_ESYNTAX, 14, "receipt date YYMMDD");
  expect_bad("000.00.31.h26-250124-0042", TTHC_ESYNTAX, 11, "uppercase letter");
  expect_bad("000.0X.31.H26-250124-0042", TTHC_ESYNTAX, 6, "a digit");
  expect_bad("000.00.31.H26-250231-0042", TTHC_EDATE, 15, "not a date");
  expect_bad("000.00.31.H26-25012-0042", TTHC_ESYNTAX, 20, "YYMMDD");
  expect_bad("000.00.31.H26-250124-042", TTHC_ESYNTAX, 0, "exactly 4");
  expect_bad("000.00.31.H26-250124-00420", TTHC_ESYNTAX, 26, "exactly 4");
  expect_bad("000.00.31.H26-250124-00a2", TTHC_ESYNTAX, 24, "digits only");
  expect_bad("H26.101.02-260130-07001", TTHC_ESYNTAX, 0, "at least 4");
  expect_bad("H26.101-260130-070012", TTHC_ESYNTAX, 1, "agency identifier");
  expect_bad("H26.1O1.02-260130-070012", TTHC_ESYNTAX, 6, "a digit");
  /* invalid UTF-8 is quoted, not copied raw */
  expect_bad("\xff\xfe-250124-0001", TTHC_ESYNTAX, 1, "\\xFF");
  tthc_dossier_code c;
  assert_int_equal(tthc_dossier_code_parse(NULL, 0, &c, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_code_parse("x", 1, NULL, NULL), TTHC_EINVAL);
  /* not NUL-terminated input: only len bytes are read */
  const char buf[] = "000.00.31.H26-250124-00421234";
  assert_int_equal(tthc_dossier_code_parse(buf, 25, &c, NULL), TTHC_OK);
  assert_int_equal(c.sequence, 42);
}

/* ---- objects and attributes ----------------------------------------------------------- */

static void test_attributes(void **state) {
  (void)state;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new(NULL, DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "");
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, "UBND xã Hòa Bình"), TTHC_OK);
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, "1.001193"), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "UBND xã Hòa Bình");
  /* shorter value in place, longer value appended */
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, "X"), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "X");
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, "UBND phường Ba Đình"), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "UBND phường Ba Đình");
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_PROCEDURE), "1.001193");
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_FIELD, "bad \xc3"), TTHC_EUTF8);
  assert_int_equal(tthc_dossier_set_text(d, (tthc_dossier_text)9, "x"), TTHC_EINVAL);
  assert_null(tthc_dossier_get_text(d, (tthc_dossier_text)9));
  assert_null(tthc_dossier_get_text(NULL, TTHC_DOSSIER_CODE));
  assert_int_equal(tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, NULL), TTHC_OK);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT), "");

  int64_t v;
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, TTHC_CHANNEL_ONLINE), TTHC_OK);
  assert_int_equal(tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &v), TTHC_OK);
  assert_int_equal(v, TTHC_CHANNEL_ONLINE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, 3), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, -2), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_ONLINE_KIND, 4), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_FLAGS, 256), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_FEE, -2), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_FEE, 2), TTHC_OK);
  assert_int_equal(tthc_dossier_get_int(d, TTHC_DOSSIER_RESULT_DOCUMENT, &v), TTHC_OK);
  assert_int_equal(v, -1);
  assert_int_equal(tthc_dossier_set_int(d, (tthc_dossier_int)42, 0), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_get_int(d, (tthc_dossier_int)42, &v), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_get_int(NULL, TTHC_DOSSIER_FLAGS, &v), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_RECEIVED_AT, DT(2025, 3, 2, 8, 0)),
                   TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_set_int(d, TTHC_DOSSIER_RECEIVED_AT, DT(2025, 3, 2, 8, 0)),
                   TTHC_ESTATE);

  int sc;
  assert_int_equal(tthc_dossier_get_evaluation(d, 4, &sc), TTHC_OK);
  assert_int_equal(sc, -1);
  assert_int_equal(tthc_dossier_set_evaluation(d, 4, 2), TTHC_OK);
  assert_int_equal(tthc_dossier_get_evaluation(d, 4, &sc), TTHC_OK);
  assert_int_equal(sc, 2);
  assert_int_equal(tthc_dossier_set_evaluation(d, 10, 2), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_set_evaluation(d, 1, 3), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_get_evaluation(d, 0, &sc), TTHC_ERANGE);

  /* clone is deep; reset empties */
  tthc_dossier *c;
  assert_int_equal(tthc_dossier_clone(d, &c), TTHC_OK);
  assert_int_equal(tthc_dossier_event_count(c), 1);
  assert_int_equal(tthc_dossier_reset(d, "B", DT(2025, 4, 1, 8, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_event_count(d), 0);
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), "B");
  assert_string_equal(tthc_dossier_get_text(d, TTHC_DOSSIER_PROCEDURE), "");
  assert_string_equal(tthc_dossier_get_text(c, TTHC_DOSSIER_PROCEDURE), "1.001193");
  assert_int_equal(tthc_dossier_get_evaluation(d, 4, &sc), TTHC_OK);
  assert_int_equal(sc, -1);
  tthc_dossier_free(c);
  tthc_dossier_free(d);
  tthc_dossier_free(NULL);

  tthc_dossier *x = (tthc_dossier *)1;
  assert_int_equal(tthc_dossier_new("a", TTHC_DATETIME_NONE, &x), TTHC_ERANGE);
  assert_null(x);
  assert_int_equal(tthc_dossier_new("\xc0\xaf", 0, &x), TTHC_EUTF8);
  assert_null(x);
  assert_int_equal(tthc_dossier_new("a", 0, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_clone(NULL, &x), TTHC_EINVAL);
}

static void test_event_names(void **state) {
  (void)state;
  assert_string_equal(tthc_dossier_event_kind_name(TTHC_EVENT_SUPPLEMENT_REQUESTED),
                      "supplement_requested");
  assert_null(tthc_dossier_event_kind_name(0));
  assert_null(tthc_dossier_event_kind_name(TTHC__EVENT_COUNT));
  int k;
  for (int i = 1; i < TTHC__EVENT_COUNT; i++) {
    const char *n = tthc_dossier_event_kind_name(i);
    assert_int_equal(tthc_dossier_event_kind_from_name(n, strlen(n), &k), TTHC_OK);
    assert_int_equal(k, i);
  }
  assert_int_equal(tthc_dossier_event_kind_from_name("accept", 6, &k), TTHC_ENOTFOUND);
  assert_int_equal(tthc_dossier_event_kind_from_name(NULL, 0, &k), TTHC_EINVAL);
  assert_string_equal(tthc_dossier_state_name(TTHC_STATE_PAUSED), "paused");
  assert_null(tthc_dossier_state_name(8));
  assert_string_equal(tthc_dossier_category_name(TTHC_CAT_OVERDUE), "overdue");
  assert_string_equal(tthc_dossier_category_label_vi(TTHC_CAT_EARLY), "Trước hạn");
  assert_null(tthc_dossier_category_label_vi(-1));
}

/* ---- state machine -------------------------------------------------------------------- */

/* Append must fail with `st`, name `fragment`, and leave the dossier byte-for-byte as it was. */
static void expect_reject(tthc_dossier *d, const tthc_dossier_event *e, tthc_status st,
                          const char *fragment) {
  tthc_dossier *before;
  assert_int_equal(tthc_dossier_clone(d, &before), TTHC_OK);
  tthc_error err;
  tthc_error_clear(&err);
  assert_int_equal(tthc_dossier_append(d, e, &err), st);
  if (!strstr(err.message, fragment)) fail_msg("message '%s' lacks '%s'", err.message, fragment);
  assert_int_equal(d->nev, before->nev);
  assert_int_equal(d->state, before->state);
  assert_int_equal(d->alen, before->alen);
  assert_memory_equal(d->ev, before->ev, d->nev * sizeof *d->ev);
  tthc_dossier_free(before);
}

static void test_impossible_events(void **state) {
  (void)state;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("A", DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  tthc_dossier_event e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 3, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "before acceptance");
  e = EV(TTHC_EVENT_RESUMED, DT(2025, 3, 3, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "not paused");
  e = EV(TTHC_EVENT_APOLOGY, DT(2025, 3, 3, 10, 0));
  e.due = DT(2025, 3, 20, 17, 0);
  expect_reject(d, &e, TTHC_ESTATE, "accepted");
  e = EV(TTHC_EVENT_RESULT_RETURNED, DT(2025, 3, 3, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "no result");
  e = EV(TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 8, 0));
  expect_reject(d, &e, TTHC_ESTATE, "earlier than the receipt");

  assert_int_equal(add_due(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0), DT(2025, 3, 7, 17, 0)),
                   TTHC_OK);
  e = EV(TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 30));
  expect_reject(d, &e, TTHC_ESTATE, "already accepted");
  e = EV(TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0));
  expect_reject(d, &e, TTHC_EINVAL, "written reason");
  e.text = "";
  expect_reject(d, &e, TTHC_EINVAL, "written reason");
  e.text = "ch\xe1";
  expect_reject(d, &e, TTHC_EUTF8, "UTF-8");
  assert_int_equal(add_text(d, TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0), "chờ xác minh"), TTHC_OK);
  e = EV(TTHC_EVENT_PAUSED, DT(2025, 3, 4, 10, 0));
  e.text = "x";
  expect_reject(d, &e, TTHC_ESTATE, "already paused");
  e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 4, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "resume");
  e = EV(TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 4, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "resume");
  e = EV(TTHC_EVENT_STEP_DONE, DT(2025, 3, 4, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "while processing");
  e = EV(TTHC_EVENT_RESUMED, DT(2025, 3, 4, 8, 0));
  expect_reject(d, &e, TTHC_ESTATE, "earlier than the previous event");
  assert_int_equal(add(d, TTHC_EVENT_RESUMED, DT(2025, 3, 4, 11, 0)), TTHC_OK);
  e = EV(TTHC_EVENT_RESUMED, DT(2025, 3, 4, 12, 0));
  expect_reject(d, &e, TTHC_ESTATE, "not paused");
  e = EV(TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 4, 12, 0));
  expect_reject(d, &e, TTHC_ESTATE, "no supplementation");

  /* the apology: one only, with a later appointment */
  e = EV(TTHC_EVENT_APOLOGY, DT(2025, 3, 5, 9, 0));
  expect_reject(d, &e, TTHC_EINVAL, "new appointment");
  e.due = DT(2025, 3, 6, 17, 0);
  expect_reject(d, &e, TTHC_EINVAL, "later than the current due");
  e.due = DT(2025, 3, 4, 17, 0);
  expect_reject(d, &e, TTHC_EINVAL, "earlier than the event");
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 5, 9, 0), DT(2025, 3, 12, 17, 0)),
                   TTHC_OK);
  e = EV(TTHC_EVENT_APOLOGY, DT(2025, 3, 10, 9, 0));
  e.due = DT(2025, 3, 20, 17, 0);
  expect_reject(d, &e, TTHC_ESTATE, "only once");

  e = EV(TTHC_EVENT_PAID_ONLINE, DT(2025, 3, 10, 9, 0));
  e.channel = 3;
  expect_reject(d, &e, TTHC_EINVAL, "gateway");
  e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 10, 9, 0));
  e.flags = 64;
  expect_reject(d, &e, TTHC_EINVAL, "flags");
  e = EV(99, DT(2025, 3, 10, 9, 0));
  expect_reject(d, &e, TTHC_EINVAL, "unknown event kind");
  e = EV(TTHC_EVENT_STEP_DONE, TTHC_DATETIME_NONE);
  expect_reject(d, &e, TTHC_EINVAL, "out of range");

  e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 10, 9, 0));
  e.flags = TTHC_EVENT_FLAG_ELECTRONIC;
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 10, 9, 0));
  expect_reject(d, &e, TTHC_ESTATE, "already issued");
  e = EV(TTHC_EVENT_WITHDRAWN, DT(2025, 3, 10, 10, 0));
  expect_reject(d, &e, TTHC_ESTATE, "result is issued");
  e = EV(TTHC_EVENT_REFUSED, DT(2025, 3, 10, 10, 0));
  e.text = "x";
  expect_reject(d, &e, TTHC_ESTATE, "cannot be refused");
  e = EV(TTHC_EVENT_RESULT_RETURNED, DT(2025, 3, 10, 10, 0));
  e.channel = 5;
  expect_reject(d, &e, TTHC_EINVAL, "channel");
  e.channel = TTHC_RETURN_POST;
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  e = EV(TTHC_EVENT_PAID_ONLINE, DT(2025, 3, 11, 10, 0));
  e.channel = 1;
  expect_reject(d, &e, TTHC_ESTATE, "closed");
  assert_int_equal(tthc_dossier_append(NULL, &e, NULL), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_append(d, NULL, NULL), TTHC_EINVAL);

  /* the log reads back in order, with the texts */
  assert_int_equal(tthc_dossier_event_count(d), 6);
  tthc_dossier_event r;
  assert_int_equal(tthc_dossier_event_get(d, 1, &r), TTHC_OK);
  assert_int_equal(r.kind, TTHC_EVENT_PAUSED);
  assert_string_equal(r.text, "chờ xác minh");
  assert_int_equal(tthc_dossier_event_get(d, 2, &r), TTHC_OK);
  assert_null(r.text);
  assert_int_equal(tthc_dossier_event_get(d, 5, &r), TTHC_OK);
  assert_int_equal(r.channel, TTHC_RETURN_POST);
  assert_int_equal(tthc_dossier_event_get(d, 6, &r), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_event_get(NULL, 0, &r), TTHC_EINVAL);
  tthc_dossier_free(d);
}

static void test_supplement_before_acceptance(void **state) {
  (void)state;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("A", DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 3, 9, 10)), TTHC_OK);
  tthc_dossier_event e = EV(TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 20));
  expect_reject(d, &e, TTHC_ESTATE, "has not been received");
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 5, 9, 0)), TTHC_OK);
  tthc_dossier_status s = status(d, DT(2025, 3, 5, 9, 30), 0);
  assert_int_equal(s.state, TTHC_STATE_RECEIVED);
  assert_int_equal(s.category, TTHC_CAT_PENDING);
  assert_int_equal(s.supplement_rounds, 0); /* guidance at receipt is not a processing round */
  assert_int_equal(add_due(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 5, 9, 0), DT(2025, 3, 7, 17, 0)),
                   TTHC_OK);
  s = status(d, DT(2025, 3, 5, 9, 30), 0);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  assert_int_equal(s.used_seconds, 30 * 60);
  /* refused at receipt: needs no acceptance */
  tthc_dossier *r;
  assert_int_equal(tthc_dossier_new("B", DT(2025, 3, 3, 9, 0), &r), TTHC_OK);
  assert_int_equal(add_text(r, TTHC_EVENT_REFUSED, DT(2025, 3, 3, 9, 5), "không thuộc thẩm quyền"),
                   TTHC_OK);
  s = status(r, DT(2025, 3, 4, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_REFUSED);
  assert_int_equal(s.closed_in_time, 0);
  assert_int_equal(s.finished_at, DT(2025, 3, 3, 9, 5));
  tthc_dossier_free(r);
  tthc_dossier_free(d);
}

/* ---- status ---------------------------------------------------------------------------- */

static void test_status_categories(void **state) {
  (void)state;
  tthc_dossier *d = accepted_dossier();
  tthc_dossier_status s = status(d, DT(2025, 3, 3, 9, 0), 0);
  assert_int_equal(s.state, TTHC_STATE_PROCESSING);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  assert_int_equal(s.due, DT(2025, 3, 7, 17, 0));
  assert_int_equal(s.used_seconds, 0);
  s = status(d, DT(2025, 3, 7, 17, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK); /* exactly at the due instant: not yet over */
  s = status(d, DT(2025, 3, 7, 17, 1), 0);
  assert_int_equal(s.category, TTHC_CAT_OVERDUE);
  assert_int_equal(s.apology_owed, 1);
  /* asking before the receipt is an error */
  tthc_dossier_status bad;
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 1, 0, 0), 0, NULL, &bad), TTHC_ERANGE);
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 4, 0, 0), 64, NULL, &bad), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_status_at(NULL, 0, 0, NULL, &bad), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_status_at(d, 0, 0, NULL, NULL), TTHC_EINVAL);
  tthc_dossier_clock noclock = {0};
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 4, 0, 0), 0, &noclock, &bad),
                   TTHC_EINVAL);

  /* finished on the due date before the due instant: on time (by date), early (by instant) */
  tthc_dossier_event e = EV(TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 7, 10, 0));
  e.flags = TTHC_EVENT_FLAG_DIGITISED;
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  s = status(d, DT(2025, 3, 31, 0, 0), 0);
  assert_int_equal(s.state, TTHC_STATE_RESULT_ISSUED);
  assert_int_equal(s.category, TTHC_CAT_ON_TIME);
  assert_int_equal(s.finished_at, DT(2025, 3, 7, 10, 0));
  assert_int_equal(s.used_seconds, 4 * 86400 + 3600);
  assert_int_equal(s.result_digitised, 1);
  assert_int_equal(s.result_electronic, 0);
  assert_int_equal(s.apology_owed, 0);
  s = status(d, DT(2025, 3, 31, 0, 0), TTHC_STATUS_EARLY_BY_INSTANT);
  assert_int_equal(s.category, TTHC_CAT_EARLY);
  /* the status before the result ignores later events */
  s = status(d, DT(2025, 3, 6, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  assert_int_equal(s.finished_at, TTHC_DATETIME_NONE);
  tthc_dossier_free(d);

  /* finished a day before: early; after the due instant: late */
  d = accepted_dossier();
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 6, 16, 0)), TTHC_OK);
  assert_int_equal(status(d, DT(2025, 4, 1, 0, 0), 0).category, TTHC_CAT_EARLY);
  tthc_dossier_free(d);
  d = accepted_dossier();
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 7, 17, 30)), TTHC_OK);
  e = EV(TTHC_EVENT_RESULT_RETURNED, DT(2025, 3, 10, 8, 0));
  e.channel = TTHC_RETURN_COUNTER;
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_LATE);
  assert_int_equal(s.state, TTHC_STATE_RETURNED);
  assert_int_equal(s.finished_at, DT(2025, 3, 7, 17, 30)); /* issued, not returned */
  assert_int_equal(s.apology_owed, 1);
  assert_int_equal(s.return_channel, TTHC_RETURN_COUNTER);
  tthc_dossier_free(d);
}

static void test_pauses_and_supplements(void **state) {
  (void)state;
  /* Paused a whole day: the due instant moves one day; a result 30 min after the original due
   * is not late. */
  tthc_dossier *d = accepted_dossier();
  assert_int_equal(add_text(d, TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0), "chờ kết quả xác minh"),
                   TTHC_OK);
  tthc_dossier_status s = status(d, DT(2025, 3, 4, 21, 0), 0);
  assert_int_equal(s.state, TTHC_STATE_PAUSED);
  assert_int_equal(s.paused_seconds, 12 * 3600); /* open pause counts up to the instant asked */
  assert_int_equal(s.due, DT(2025, 3, 8, 5, 0));
  assert_int_equal(s.used_seconds, 86400);
  assert_int_equal(add(d, TTHC_EVENT_RESUMED, DT(2025, 3, 5, 9, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 7, 17, 30)), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.pauses, 1);
  assert_int_equal(s.paused_seconds, 86400);
  assert_int_equal(s.due, DT(2025, 3, 8, 17, 0));
  assert_int_equal(s.category, TTHC_CAT_EARLY); /* effective end 2025-03-06T17:30 */
  assert_int_equal(s.used_seconds, 4 * 86400 + 8 * 3600 + 1800 - 86400);
  tthc_dossier_free(d);

  /* One supplementation of two days (subtracted by default; 766 rule). */
  d = accepted_dossier();
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 4, 9, 0)), TTHC_OK);
  s = status(d, DT(2025, 3, 10, 9, 0), 0);
  assert_int_equal(s.state, TTHC_STATE_SUPPLEMENTING);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK); /* awaiting the applicant: clock stopped */
  assert_int_equal(s.used_seconds, 86400);
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 6, 9, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 9, 16, 0)), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.supplement_rounds, 1);
  assert_int_equal(s.supplement_seconds, 2 * 86400);
  assert_int_equal(s.category, TTHC_CAT_ON_TIME); /* effective end 03-07 16:00 ≤ 03-07 17:00 */
  /* Restart policy: the limit counts again from the supplement: appointment 03-10 17:00. */
  s = status(d, DT(2025, 4, 1, 0, 0), TTHC_STATUS_SUPPLEMENT_RESTART);
  assert_int_equal(s.appointment, DT(2025, 3, 10, 17, 0));
  assert_int_equal(s.category, TTHC_CAT_EARLY);
  assert_int_equal(s.used_seconds, 3 * 86400 + 7 * 3600);
  tthc_dossier_free(d);

  /* Restart with a new appointment written on the new receipt. */
  d = accepted_dossier();
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 4, 9, 0)), TTHC_OK);
  assert_int_equal(
      add_due(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 6, 9, 0), DT(2025, 3, 13, 17, 0)),
      TTHC_OK);
  s = status(d, DT(2025, 3, 12, 0, 0), TTHC_STATUS_SUPPLEMENT_RESTART);
  assert_int_equal(s.appointment, DT(2025, 3, 13, 17, 0));
  assert_int_equal(s.original_due, DT(2025, 3, 7, 17, 0));
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  /* subtract policy ignores the new appointment: 03-12 − 2 days > 03-07 17:00 */
  s = status(d, DT(2025, 3, 12, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_OVERDUE);

  /* Two supplementation requests: late under the 766 rule, unless the policy says not. */
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 6, 10, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 6, 11, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 6, 12, 0)), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.supplement_rounds, 2);
  assert_int_equal(s.category, TTHC_CAT_LATE);
  s = status(d, DT(2025, 4, 1, 0, 0), TTHC_STATUS_MULTI_SUPPLEMENT_NOT_LATE);
  assert_int_equal(s.category, TTHC_CAT_EARLY);
  tthc_dossier_free(d);
}

static void test_apology(void **state) {
  (void)state;
  /* In time: two days before the due date. The new appointment replaces the due. */
  tthc_dossier *d = accepted_dossier();
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 5, 15, 0), DT(2025, 3, 12, 17, 0)),
                   TTHC_OK);
  tthc_dossier_event r;
  tthc_dossier_event_get(d, 1, &r);
  assert_int_equal(r.flags & TTHC_EVENT_FLAG_LATE, 0);
  tthc_dossier_status s = status(d, DT(2025, 3, 10, 9, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  assert_int_equal(s.apology_issued, 1);
  assert_int_equal(s.apology_in_time, 1);
  assert_int_equal(s.due, DT(2025, 3, 12, 17, 0));
  assert_int_equal(s.original_due, DT(2025, 3, 7, 17, 0));
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 13, 8, 0)), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_LATE);
  assert_int_equal(s.apology_owed, 0); /* late again, but the one apology allowed was in time */
  tthc_dossier_free(d);

  /* The day before the due date is the last day in time; the due date itself is flagged. */
  d = accepted_dossier();
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 6, 23, 59), DT(2025, 3, 12, 17, 0)),
                   TTHC_OK);
  tthc_dossier_event_get(d, 1, &r);
  assert_int_equal(r.flags & TTHC_EVENT_FLAG_LATE, 0);
  tthc_dossier_free(d);
  d = accepted_dossier();
  tthc_dossier_event e = EV(TTHC_EVENT_APOLOGY, DT(2025, 3, 7, 8, 0));
  e.due = DT(2025, 3, 12, 17, 0);
  e.flags = TTHC_EVENT_FLAG_LATE; /* ignored on input: the library decides */
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  tthc_dossier_event_get(d, 1, &r);
  assert_int_equal(r.flags & TTHC_EVENT_FLAG_LATE, TTHC_EVENT_FLAG_LATE);
  s = status(d, DT(2025, 3, 13, 0, 0), 0);
  assert_int_equal(s.apology_issued, 1);
  assert_int_equal(s.apology_in_time, 0);
  assert_int_equal(s.category, TTHC_CAT_OVERDUE);
  assert_int_equal(s.apology_owed, 1);
  tthc_dossier_free(d);
  /* Issued after the due instant passed: accepted, flagged. */
  d = accepted_dossier();
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 8, 9, 0), DT(2025, 3, 12, 17, 0)),
                   TTHC_OK);
  tthc_dossier_event_get(d, 1, &r);
  assert_true(r.flags & TTHC_EVENT_FLAG_LATE);
  tthc_dossier_free(d);
  /* A pause moves the due date, so the apology's deadline moves too. */
  d = accepted_dossier();
  assert_int_equal(add_text(d, TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0), "x"), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESUMED, DT(2025, 3, 6, 9, 0)), TTHC_OK);
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 8, 9, 0), DT(2025, 3, 14, 17, 0)),
                   TTHC_OK); /* due is now 03-09 17:00 */
  tthc_dossier_event_get(d, 3, &r);
  assert_int_equal(r.flags & TTHC_EVENT_FLAG_LATE, 0);
  tthc_dossier_free(d);
}

static void test_refused_withdrawn_paid(void **state) {
  (void)state;
  tthc_dossier *d = accepted_dossier();
  tthc_dossier_event e = EV(TTHC_EVENT_PAID_ONLINE, DT(2025, 3, 3, 9, 5));
  e.channel = 2;
  assert_int_equal(tthc_dossier_append(d, &e, NULL), TTHC_OK);
  assert_int_equal(add_text(d, TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0), "x"), TTHC_OK);
  assert_int_equal(add_text(d, TTHC_EVENT_REFUSED, DT(2025, 3, 10, 9, 0), "không đủ điều kiện"),
                   TTHC_OK);
  tthc_dossier_status s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_REFUSED);
  assert_int_equal(s.paid_online, 2);
  assert_int_equal(s.paused_seconds, 6 * 86400); /* the pause ran until the refusal */
  assert_int_equal(s.closed_in_time, 1);        /* end − pause = 03-04 09:00 ≤ due */
  assert_int_equal(s.finished_at, DT(2025, 3, 10, 9, 0));
  tthc_dossier_free(d);

  d = accepted_dossier();
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 4, 9, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_WITHDRAWN, DT(2025, 3, 20, 9, 0)), TTHC_OK);
  s = status(d, DT(2025, 4, 1, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_WITHDRAWN);
  assert_int_equal(s.supplement_seconds, 16 * 86400);
  assert_int_equal(s.used_seconds, 86400);
  tthc_dossier_free(d);

  /* No appointment at all: on track while open, on time once finished. */
  tthc_dossier *n;
  assert_int_equal(tthc_dossier_new("N", DT(2025, 3, 3, 9, 0), &n), TTHC_OK);
  assert_int_equal(add(n, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0)), TTHC_OK);
  s = status(n, DT(2026, 1, 1, 0, 0), 0);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  assert_int_equal(s.due, TTHC_DATETIME_NONE);
  assert_int_equal(add(n, TTHC_EVENT_STEP_DONE, DT(2025, 3, 4, 9, 0)), TTHC_OK);
  assert_int_equal(add(n, TTHC_EVENT_RESULT_ISSUED, DT(2025, 5, 3, 9, 0)), TTHC_OK);
  assert_int_equal(status(n, DT(2026, 1, 1, 0, 0), 0).category, TTHC_CAT_ON_TIME);
  tthc_dossier_free(n);
}

/* ---- with a working clock: the deadline module decides ---------------------------------- */

static tthc_cal *vn_cal(void) {
  tthc_cal *cal;
  assert_int_equal(tthc_cal_new_vietnam(2024, 2026, &cal), TTHC_OK);
  return cal;
}

static tthc_limit LIM(const char *phrase) {
  tthc_limit l;
  assert_int_equal(tthc_limit_parse(phrase, strlen(phrase), &l, NULL), TTHC_OK);
  return l;
}

static void test_limit_attribute(void **state) {
  (void)state;
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("L", DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  tthc_limit l;
  assert_int_equal(tthc_dossier_get_limit(d, &l), TTHC_ENOTFOUND);
  assert_int_equal(tthc_dossier_set_limit(d, LIM("05 ngày làm việc")), TTHC_OK);
  assert_int_equal(tthc_dossier_get_limit(d, &l), TTHC_OK);
  assert_int_equal(l.value, 5);
  assert_int_equal(l.unit, TTHC_LIMIT_WORKING_DAYS);
  tthc_limit bad = l;
  bad.unit = (tthc_limit_unit)42;
  assert_int_equal(tthc_dossier_set_limit(d, bad), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_get_limit(d, &l), TTHC_OK); /* unchanged */
  assert_int_equal(tthc_dossier_clear_limit(d), TTHC_OK);
  assert_int_equal(tthc_dossier_get_limit(d, &l), TTHC_ENOTFOUND);
  assert_int_equal(tthc_dossier_set_limit(NULL, l), TTHC_EINVAL);
  assert_int_equal(tthc_dossier_get_limit(d, NULL), TTHC_EINVAL);
  tthc_dossier_free(d);
}

static void test_clock_from_limit(void **state) {
  (void)state;
  tthc_cal *cal = vn_cal();
  tthc_dossier_clock ck = {cal, NULL, NULL, {NULL, NULL, NULL}};
  /* Accepted Monday 2025-03-03 09:00, "05 ngày làm việc", no appointment on record. */
  tthc_dossier *d;
  assert_int_equal(tthc_dossier_new("C", DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_limit(d, LIM("05 ngày làm việc")), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0)), TTHC_OK);
  tthc_datetime due;
  assert_int_equal(tthc_deadline_due(cal, NULL, NULL, DT(2025, 3, 3, 9, 0), LIM("05 ngày làm việc"),
                                     NULL, &due),
                   TTHC_OK);
  assert_int_equal(due, DT(2025, 3, 10, 17, 0)); /* the 5th working day after the start day */
  tthc_dossier_status s;
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 5, 10, 0), 0, &ck, &s), TTHC_OK);
  assert_int_equal(s.due, due);
  assert_int_equal(s.original_due, due);
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  /* working time: Mon 09-12 + 13-17 (7 h), Tue 8 h, Wed 08-10 (2 h) = 17 h */
  assert_int_equal(s.working_seconds, 17 * 3600);
  int64_t budget;
  assert_int_equal(tthc_hours_between(cal, NULL, DT(2025, 3, 3, 9, 0), due, &budget), TTHC_OK);
  assert_int_equal(s.budget_seconds, budget);
  /* without a clock the limit is not used: no due */
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 5, 10, 0), 0, NULL, &s), TTHC_OK);
  assert_int_equal(s.due, TTHC_DATETIME_NONE);
  assert_int_equal(s.working_seconds, -1);

  /* A pause Tue 09:00 → Thu 09:00 holds the clock two working days: due Wed 2025-03-12 17:00. */
  assert_int_equal(add_text(d, TTHC_EVENT_PAUSED, DT(2025, 3, 4, 9, 0), "xác minh"), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESUMED, DT(2025, 3, 6, 9, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 3, 11, 9, 0), 0, &ck, &s), TTHC_OK);
  assert_int_equal(s.due, DT(2025, 3, 12, 17, 0));
  assert_int_equal(s.category, TTHC_CAT_ON_TRACK);
  /* Apology on Tue 11th (a day before the due date): in time; new appointment Fri 14th. */
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 11, 10, 0), DT(2025, 3, 14, 17, 0)),
                   TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 13, 16, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 4, 1, 0, 0), 0, &ck, &s), TTHC_OK);
  assert_int_equal(s.apology_in_time, 1);
  assert_int_equal(s.due, DT(2025, 3, 14, 17, 0));
  assert_int_equal(s.category, TTHC_CAT_EARLY);
  assert_int_equal(s.paused_seconds, 2 * 86400);
  /* working: Mon 7 h + Tue 08-09 (1 h) + Thu 09-17 (7 h) + Fri 8 h + Mon 8 h + Tue 8 h
   * + Wed 8 h + Thu 08-16 (7 h) = 54 h */
  assert_int_equal(s.working_seconds, 54 * 3600);
  tthc_dossier_free(d);

  /* Late against the limit, and an apology on the due date itself (not in time). */
  assert_int_equal(tthc_dossier_new("D", DT(2025, 3, 3, 9, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_limit(d, LIM("05 ngày làm việc")), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_ACCEPTED, DT(2025, 3, 3, 9, 0)), TTHC_OK);
  assert_int_equal(add_due(d, TTHC_EVENT_APOLOGY, DT(2025, 3, 10, 9, 0), DT(2025, 3, 12, 17, 0)),
                   TTHC_OK);
  tthc_dossier_event r;
  tthc_dossier_event_get(d, 1, &r);
  assert_int_equal(r.flags & TTHC_EVENT_FLAG_LATE, 0); /* unknown at append: no appointment */
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 13, 9, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 4, 1, 0, 0), 0, &ck, &s), TTHC_OK);
  assert_int_equal(s.apology_in_time, 0);
  assert_int_equal(s.category, TTHC_CAT_LATE);
  assert_int_equal(s.apology_owed, 1);
  /* an instant outside the calendar */
  assert_int_equal(tthc_dossier_status_at(d, DT(2027, 6, 1, 0, 0), 0, &ck, &s), TTHC_OK);
  tthc_dossier_free(d);
  assert_int_equal(tthc_dossier_new("E", DT(2030, 3, 4, 9, 0), &d), TTHC_OK);
  assert_int_equal(tthc_dossier_set_limit(d, LIM("05 ngày làm việc")), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_ACCEPTED, DT(2030, 3, 4, 9, 0)), TTHC_OK);
  assert_int_equal(tthc_dossier_status_at(d, DT(2030, 3, 5, 0, 0), 0, &ck, &s), TTHC_ERANGE);
  tthc_dossier_free(d);
  tthc_cal_free(cal);
}

static void test_clock_with_appointment(void **state) {
  (void)state;
  tthc_cal *cal = vn_cal();
  tthc_dossier_clock ck = {cal, NULL, NULL, {NULL, NULL, NULL}};
  /* The appointment on record decides; the clock only measures working time. */
  tthc_dossier *d = accepted_dossier(); /* Mon 03-03 09:00, appointment Fri 03-07 17:00 */
  assert_int_equal(tthc_dossier_set_limit(d, LIM("02 ngày làm việc")), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, DT(2025, 3, 4, 9, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, DT(2025, 3, 6, 9, 0)), TTHC_OK);
  assert_int_equal(add(d, TTHC_EVENT_RESULT_ISSUED, DT(2025, 3, 7, 11, 0)), TTHC_OK);
  tthc_dossier_status s;
  assert_int_equal(tthc_dossier_status_at(d, DT(2025, 4, 1, 0, 0), 0, &ck, &s), TTHC_OK);
  assert_int_equal(s.category, TTHC_CAT_EARLY);  /* 03-07 11:00 − 2 days = 03-05 11:00 */
  assert_int_equal(s.due, DT(2025, 3, 9, 17, 0)); /* appointment + 2 calendar days */
  /* working: Mon 7 h + Tue 08-09 1 h + Thu 09-17 7 h + Fri 08-11 3 h = 18 h */
  assert_int_equal(s.working_seconds, 18 * 3600);
  /* budget: Mon 09:00 → Fri 17:00 = 7 + 8 + 8 + 8 + 8 = 39 h */
  assert_int_equal(s.budget_seconds, 39 * 3600);
  /* restart policy: the count restarts at the supplement: working time from Thu 09:00 */
  assert_int_equal(
      tthc_dossier_status_at(d, DT(2025, 4, 1, 0, 0), TTHC_STATUS_SUPPLEMENT_RESTART, &ck, &s),
      TTHC_OK);
  assert_int_equal(s.working_seconds, 7 * 3600 + 3 * 3600);
  tthc_dossier_free(d);
  tthc_cal_free(cal);
}

/* Random logs: whatever is appended, a rejected event never changes the dossier, and the status
 * is consistent with the log. */
static void test_random_logs(void **state) {
  (void)state;
  srand(7);
  for (int round = 0; round < 300; round++) {
    tthc_dossier *d;
    tthc_datetime t = DT(2025, 1, 6, 8, 0);
    assert_int_equal(tthc_dossier_new("R", t, &d), TTHC_OK);
    for (int i = 0; i < 20; i++) {
      t += (rand() % 5) * 3600 * 6;
      tthc_dossier_event e = EV(1 + rand() % (TTHC__EVENT_COUNT - 1), t);
      e.text = (rand() % 4) ? "lý do" : NULL;
      e.channel = 1 + rand() % 2;
      if (e.kind == TTHC_EVENT_ACCEPTED || e.kind == TTHC_EVENT_APOLOGY)
        e.due = t + (1 + rand() % 10) * 86400;
      tthc_dossier *before;
      assert_int_equal(tthc_dossier_clone(d, &before), TTHC_OK);
      tthc_status st = tthc_dossier_append(d, &e, NULL);
      if (st != TTHC_OK) {
        assert_true(st == TTHC_ESTATE || st == TTHC_EINVAL);
        assert_int_equal(d->nev, before->nev);
        assert_int_equal(d->state, before->state);
        assert_memory_equal(d->ev, before->ev, d->nev * sizeof *d->ev);
      }
      tthc_dossier_free(before);
      tthc_dossier_status s = status(d, t, 0);
      assert_int_equal(s.state, d->state);
      assert_true(s.used_seconds >= 0);
      assert_true(s.paused_seconds >= 0 && s.supplement_seconds >= 0);
    }
    tthc_dossier_free(d);
  }
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_code_2018),
      cmocka_unit_test(test_code_2026),
      cmocka_unit_test(test_code_bad),
      cmocka_unit_test(test_attributes),
      cmocka_unit_test(test_event_names),
      cmocka_unit_test(test_impossible_events),
      cmocka_unit_test(test_supplement_before_acceptance),
      cmocka_unit_test(test_status_categories),
      cmocka_unit_test(test_pauses_and_supplements),
      cmocka_unit_test(test_apology),
      cmocka_unit_test(test_refused_withdrawn_paid),
      cmocka_unit_test(test_limit_attribute),
      cmocka_unit_test(test_clock_from_limit),
      cmocka_unit_test(test_clock_with_appointment),
      cmocka_unit_test(test_random_logs),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
