/* core: status table, error details, version. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "core_internal.h"
#include "tthc.h"

static void test_status_table(void **state) {
  (void)state;
  assert_string_equal(tthc_status_name(TTHC_OK), "OK");
  assert_string_equal(tthc_status_name(TTHC_EDATE), "EDATE");
  assert_string_equal(tthc_strerror(TTHC_OK), "success");
  for (int i = 0; i < TTHC__STATUS_COUNT; i++) {
    assert_non_null(tthc_status_name(i));
    assert_non_null(tthc_strerror(i));
    assert_string_not_equal(tthc_strerror(i), "unknown status");
  }
  assert_null(tthc_status_name(TTHC__STATUS_COUNT));
  assert_null(tthc_status_name(-1));
  assert_string_equal(tthc_strerror(-1), "unknown status");
  assert_string_equal(tthc_strerror(9999), "unknown status");
}

static void test_version(void **state) {
  (void)state;
  assert_string_equal(tthc_version(), TTHC_VERSION_STRING);
  assert_int_equal(tthc_version_number(), TTHC_VERSION_NUMBER);
  assert_int_equal(TTHC_VERSION_NUMBER,
                   TTHC_VERSION_MAJOR * 10000 + TTHC_VERSION_MINOR * 100 + TTHC_VERSION_PATCH);
}

static void test_error_set_and_clear(void **state) {
  (void)state;
  tthc_error e;
  tthc_error_clear(&e);
  assert_int_equal(e.status, TTHC_OK);
  assert_int_equal(e.offset, -1);
  assert_int_equal(e.record, -1);
  assert_string_equal(e.message, "");
  /* whatever the caller's struct held (here garbage) is not kept: record is -1 unless set */
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(tthc__error_set(&e, TTHC_ESYNTAX, 3, 4, 12, "bad %s", "thing"), TTHC_ESYNTAX);
  assert_int_equal(e.record, -1);
  assert_int_equal(e.reserved_[0], 0);
  /* a streaming reader sets its record after filling the error */
  assert_int_equal(tthc__error_record(&e, 7, TTHC_ESYNTAX), TTHC_ESYNTAX);
  assert_int_equal(e.status, TTHC_ESYNTAX);
  assert_int_equal(e.line, 3);
  assert_int_equal(e.column, 4);
  assert_int_equal(e.offset, 12);
  assert_int_equal(e.record, 7);
  assert_string_equal(e.message, "bad thing");
  assert_int_equal(tthc__error_set(NULL, TTHC_ENOMEM, 0, 0, -1, "x"), TTHC_ENOMEM);
  tthc_error_clear(NULL);
  tthc_free(NULL);
}

/* Regression: a parser used to copy tthc_error::record from the caller's struct, so a fresh
 * (uninitialised) tthc_error came back with a garbage record instead of -1. */
static void test_error_record_not_inherited(void **state) {
  (void)state;
  tthc_error e;
  tthc_date d;
  tthc_limit l;
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(tthc_date_parse("2025-02-30", 10, &d, &e), TTHC_EDATE);
  assert_int_equal(e.record, -1);
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(tthc_limit_parse("05 tuần", strlen("05 tuần"), &l, &e), TTHC_ESYNTAX);
  assert_int_equal(e.record, -1);
  tthc_catalog *c = NULL;
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(tthc_catalog_load_json("[1]", 3, &c, &e), TTHC_EFORMAT);
  assert_int_equal(e.record, -1);
  tthc_cal_builder *b = NULL;
  assert_int_equal(tthc_cal_builder_new(2025, 2025, TTHC_CAL_EMPTY, &b), TTHC_OK);
  static const char ics[] = "BEGIN:VCALENDAR\r\nVERSION:1.0\r\nEND:VCALENDAR\r\n";
  memset(&e, 0x5a, sizeof e);
  assert_int_equal(tthc_ical_import(b, ics, strlen(ics), &e), TTHC_EFORMAT);
  assert_int_equal(e.record, -1);
  tthc_cal_builder_free(b);
}

static void test_quote(void **state) {
  (void)state;
  char q[64];
  tthc__quote(q, sizeof q, "Hòa", strlen("Hòa"), 40);
  assert_string_equal(q, "\"Hòa\"");
  tthc__quote(q, sizeof q, "a\xff" "b", 3, 40);
  assert_string_equal(q, "\"a\\xFFb\"");
  tthc__quote(q, sizeof q, "abcdefghij", 10, 4);
  assert_string_equal(q, "\"abcd...\"");
  tthc__quote(q, sizeof q, NULL, 0, 4);
  assert_string_equal(q, "\"\"");
  assert_int_equal(tthc__utf8_columns("Đoàn", strlen("Đoàn")), 4);
}

static void test_floor_helpers(void **state) {
  (void)state;
  assert_int_equal(tthc__floordiv(-1, 7), -1);
  assert_int_equal(tthc__floormod(-1, 7), 6);
  assert_int_equal(tthc__floordiv(14, 7), 2);
  assert_int_equal(tthc__floormod(-14, 7), 0);
  int64_t r;
  assert_true(tthc__add_i64(INT64_MAX, 1, &r));
  assert_false(tthc__add_i64(1, 2, &r));
  assert_int_equal(r, 3);
}

/* tthc__utf8_valid (sixteen bytes at a time where it can) agrees with decoding sequence by
 * sequence, on random strings of valid and broken pieces cut anywhere. */
static int valid_by_decoding(const unsigned char *p, size_t n) {
  for (size_t i = 0; i < n;) {
    uint32_t cp;
    if (p[i] == 0) return 0;
    i += tthc__utf8_decode(p + i, n - i, &cp);
    if (cp == TTHC__UTF8_INVALID) return 0;
  }
  return 1;
}

static void test_utf8_valid_property(void **state) {
  (void)state;
  static const char *const pieces[] = {
      "a", " ", ",", "0", "ộ", "ị", "ã", "Đ", "\xe2\x82\xac", "\xef\xbf\xbf", "\xc2\x80",
      "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xf0\x9f\x98\x80", "\xf4\x8f\xbf\xbf",
      /* broken: lone bytes, overlong, surrogate, out of range, NUL */
      "\xc3", "\xe1\xbb", "\x80", "\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xc0\x80", "\xc1\xbf",
      "\xf4\x90\x80\x80", "\xf5", "\xff", "\xe0", "\xed", ""};
  uint64_t x = 12345;
  unsigned char buf[160];
  int valid = 0, invalid = 0;
  for (int it = 0; it < 200000; it++) {
    size_t n = 0;
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    int k = (int)(x % 40);
    for (int j = 0; j < k; j++) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      /* mostly valid pieces, so that long valid strings occur */
      size_t pick = x % 8 ? x % 16 : x % (sizeof pieces / sizeof *pieces);
      const char *pc = pieces[pick];
      size_t l = pc[0] ? strlen(pc) : 1; /* "" is one NUL byte */
      if (n + l > sizeof buf) break;
      memcpy(buf + n, pc, l);
      n += l;
    }
    if (x % 5 == 0 && n) n = (size_t)(x >> 8) % (n + 1); /* cut anywhere */
    int want = valid_by_decoding(buf, n);
    if (tthc__utf8_valid((const char *)buf, n) != want)
      fail_msg("case %d (%zu bytes): expected %d", it, n, want);
    want ? valid++ : invalid++;
  }
  assert_true(valid > 20000 && invalid > 20000);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test(test_status_table),     cmocka_unit_test(test_version),
      cmocka_unit_test(test_error_set_and_clear), cmocka_unit_test(test_error_record_not_inherited),
      cmocka_unit_test(test_quote),
      cmocka_unit_test(test_floor_helpers), cmocka_unit_test(test_utf8_valid_property),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
