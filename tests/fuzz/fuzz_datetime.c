/* ISO 8601 dates and date-times (tthc_date_parse, tthc_datetime_parse: extended, with a space,
 * seconds, fractions, offsets, and the 14-digit compact form): a value parsed is formatted in
 * every form and parses back to the same value; a failure fills the error consistently. */
#include "fuzz_common.h"

static void date_roundtrip(const char *s, size_t size) {
  tthc_date d = 1, back;
  tthc_error err;
  tthc_status st = tthc_date_parse(s, size, &d, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(d == 0);
    return;
  }
  FUZZ_CHECK(tthc_date_is_valid(d));
  char buf[TTHC_DATE_STRLEN];
  size_t n;
  FUZZ_CHECK(tthc_date_format(d, buf, sizeof buf, &n) == TTHC_OK && n == 10);
  FUZZ_CHECK(n == size && memcmp(buf, s, n) == 0); /* the only form is the canonical one */
  FUZZ_CHECK(tthc_date_parse(buf, n, &back, NULL) == TTHC_OK && back == d);
}

static void datetime_roundtrip(const char *s, size_t size) {
  tthc_datetime t = 1, back;
  tthc_error err;
  tthc_status st = tthc_datetime_parse(s, size, &t, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(t == 0);
    return;
  }
  static const unsigned forms[] = {TTHC_DATETIME_SECONDS,
                                   TTHC_DATETIME_SECONDS | TTHC_DATETIME_OFFSET,
                                   TTHC_DATETIME_COMPACT};
  char buf[TTHC_DATETIME_STRLEN];
  size_t n;
  for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
    FUZZ_CHECK(tthc_datetime_format(t, forms[i], buf, sizeof buf, &n) == TTHC_OK);
    FUZZ_CHECK(n < sizeof buf && strlen(buf) == n);
    FUZZ_CHECK(tthc_datetime_parse(buf, n, &back, NULL) == TTHC_OK && back == t);
  }
  /* minutes only: the same instant truncated to the minute */
  FUZZ_CHECK(tthc_datetime_format(t, TTHC_DATETIME_MINUTES, buf, sizeof buf, &n) == TTHC_OK);
  FUZZ_CHECK(tthc_datetime_parse(buf, n, &back, NULL) == TTHC_OK);
  FUZZ_CHECK(back == t - tthc_datetime_time_of_day(t) % 60);
  /* the date part agrees with the date parser when the input is a plain date */
  tthc_date d;
  if (tthc_date_parse(s, size, &d, NULL) == TTHC_OK) FUZZ_CHECK(tthc_datetime_date(t) == d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  date_roundtrip(s, size);
  datetime_roundtrip(s, size);
  return 0;
}
