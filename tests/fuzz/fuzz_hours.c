/* Working-hours specifications (tthc_hours_set_sessions, add_season, set_reception): a failure
 * fills the error consistently and leaves the hours unchanged; sessions set are increasing and
 * within the day, and their formatted text sets the same sessions again. */
#include "fuzz_common.h"

static void sessions_of(const tthc_hours *h, tthc_date d, char *buf, size_t cap) {
  size_t n;
  FUZZ_CHECK(tthc_hours_format(h, d, buf, cap, &n) == TTHC_OK && n < cap);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_hours *h = NULL;
  FUZZ_CHECK(tthc_hours_new(&h) == TTHC_OK);
  tthc_date monday, winter;
  FUZZ_CHECK(tthc_date_parse("2025-03-03", 10, &monday, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_date_parse("2025-12-01", 10, &winter, NULL) == TTHC_OK);
  char before[256], after[256], again[256];
  sessions_of(h, monday, before, sizeof before);
  tthc_error err;
  tthc_status st = tthc_hours_set_sessions(h, TTHC_WEEKDAYS_ALL, s, size, &err);
  sessions_of(h, monday, after, sizeof after);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(strcmp(before, after) == 0);
  } else {
    int32_t starts[TTHC_HOURS_MAX_SESSIONS], ends[TTHC_HOURS_MAX_SESSIONS];
    size_t n;
    FUZZ_CHECK(tthc_hours_sessions(h, monday, starts, ends, TTHC_HOURS_MAX_SESSIONS, &n) == TTHC_OK);
    FUZZ_CHECK(n >= 1 && n <= TTHC_HOURS_MAX_SESSIONS);
    for (size_t i = 0; i < n; i++) {
      FUZZ_CHECK(starts[i] >= 0 && starts[i] < ends[i] && ends[i] <= 86400);
      if (i) FUZZ_CHECK(starts[i] >= ends[i - 1]);
    }
    tthc_hours *h2 = NULL;
    FUZZ_CHECK(tthc_hours_new(&h2) == TTHC_OK);
    FUZZ_CHECK(tthc_hours_set_sessions(h2, TTHC_WEEKDAYS_ALL, after, strlen(after), NULL) == TTHC_OK);
    sessions_of(h2, monday, again, sizeof again);
    FUZZ_CHECK(strcmp(after, again) == 0);
    tthc_hours_free(h2);
  }
  /* the same text as a winter season and as Saturday reception */
  sessions_of(h, winter, before, sizeof before);
  tthc_status st2 = tthc_hours_add_season(h, 10, 16, 4, 15, TTHC_WEEKDAYS_ALL, s, size, &err);
  FUZZ_CHECK(st2 == st || st2 == TTHC_ENOMEM);
  sessions_of(h, winter, after, sizeof after);
  if (st2 != TTHC_OK) FUZZ_CHECK(strcmp(before, after) == 0);
  st2 = tthc_hours_set_reception(h, TTHC_WEEKDAY_BIT(6), s, size, &err);
  size_t lead = 0;
  while (lead < size && (s[lead] == ' ' || s[lead] == '\t')) lead++;
  FUZZ_CHECK(st2 == (lead == size ? TTHC_OK : st)); /* a blank spec removes reception */
  tthc_hours_free(h);
  return 0;
}
