/* Calendar schedules in JSON (tthc_cal_builder_load_json) into a national builder of 2026-2028:
 * - on failure the builder is unchanged (all or nothing) and the error is filled consistently;
 * - on success loading the same text again changes nothing (a schedule replaces its year), and
 *   the built calendar survives an iCalendar round trip into an empty builder (fuzz_cal.h). */
#include "fuzz_cal.h"

#define FIRST_YEAR 2026
#define LAST_YEAR 2028

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static uint64_t pristine; /* an untouched builder, computed once */
  const char *json = (const char *)data;
  tthc_cal_builder *b = NULL;
  FUZZ_CHECK(tthc_cal_builder_new(FIRST_YEAR, LAST_YEAR, TTHC_CAL_DEFAULT, &b) == TTHC_OK);
  if (!pristine) pristine = builder_fingerprint(b);
  tthc_error err;
  tthc_status st = tthc_cal_builder_load_json(b, json, size, &err);
  tthc_cal *cal = cal_build(b);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(cal_fingerprint(cal) == pristine);
  } else {
    FUZZ_CHECK(tthc_cal_builder_load_json(b, json, size, &err) == TTHC_OK);
    FUZZ_CHECK(builder_fingerprint(b) == cal_fingerprint(cal));
    cal_ical_roundtrip(cal, FIRST_YEAR, LAST_YEAR, TTHC_CAL_EMPTY);
  }
  tthc_cal_free(cal);
  tthc_cal_builder_free(b);
  return 0;
}
