/* Report schedules (tthc_schedule_dates: an RRULE checked, then evaluated by libical): a failure
 * fills the error consistently; the occurrences lie in the range asked, in increasing order,
 * and each deadline is the working day on or before its nominal date. */
#include "fuzz_common.h"

#define CAP 800

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static tthc_cal *cal;
  static tthc_date start, from, to;
  if (!cal) {
    FUZZ_CHECK(tthc_cal_new_vietnam(2024, 2027, &cal) == TTHC_OK);
    FUZZ_CHECK(tthc_date_parse("2025-01-01", 10, &start, NULL) == TTHC_OK);
    FUZZ_CHECK(tthc_date_parse("2025-03-01", 10, &from, NULL) == TTHC_OK);
    FUZZ_CHECK(tthc_date_parse("2026-12-31", 10, &to, NULL) == TTHC_OK);
  }
  static tthc_date nominal[CAP], due[CAP];
  size_t count = 0;
  tthc_error err;
  tthc_status st = tthc_schedule_dates((const char *)data, size, start, cal, from, to, nominal,
                                       due, CAP, &count, &err);
  if (st != TTHC_OK && st != TTHC_ENOSPC) {
    fuzz_check_error(st, &err, size);
    return 0;
  }
  FUZZ_CHECK(st == TTHC_OK ? count <= CAP : count > CAP);
  size_t n = count < CAP ? count : CAP;
  for (size_t i = 0; i < n; i++) {
    int work = 0;
    FUZZ_CHECK(nominal[i] >= from && nominal[i] <= to);
    FUZZ_CHECK(i == 0 || nominal[i] > nominal[i - 1]);
    FUZZ_CHECK(due[i] <= nominal[i] && (i == 0 || due[i] >= due[i - 1]));
    FUZZ_CHECK(tthc_cal_is_workday(cal, due[i], &work) == TTHC_OK && work);
  }
  /* counting only (no buffers) gives the same number */
  size_t again = 0;
  FUZZ_CHECK(tthc_schedule_dates((const char *)data, size, start, cal, from, to, NULL, NULL, 0,
                                 &again, NULL) == (count ? TTHC_ENOSPC : TTHC_OK));
  FUZZ_CHECK(again == count);
  return 0;
}
