/* iCalendar import (tthc_ical_import) into a national builder of 2024-2026:
 * - on failure the builder is unchanged (all or nothing) and the error is filled consistently;
 * - on success the built calendar, exported and imported into a fresh builder, gives back the
 *   same calendar (fuzz_cal.h compares everything a calendar holds). */
#include "fuzz_cal.h"

#define FIRST_YEAR 2024
#define LAST_YEAR 2026

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static uint64_t pristine; /* an untouched builder, computed once */
  tthc_cal_builder *b = NULL;
  FUZZ_CHECK(tthc_cal_builder_new(FIRST_YEAR, LAST_YEAR, TTHC_CAL_DEFAULT, &b) == TTHC_OK);
  if (!pristine) pristine = builder_fingerprint(b);
  tthc_error err;
  tthc_status st = tthc_ical_import(b, (const char *)data, size, &err);
  tthc_cal *cal = cal_build(b);
  tthc_cal_builder_free(b);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(err.record >= -1);
    FUZZ_CHECK(cal_fingerprint(cal) == pristine);
  } else {
    cal_ical_roundtrip(cal, FIRST_YEAR, LAST_YEAR, TTHC_CAL_DEFAULT);
  }
  tthc_cal_free(cal);
  return 0;
}
