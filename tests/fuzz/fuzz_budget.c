/* Step budgets of internal processes (tthc_process_parse_budget): a failure fills the error
 * consistently; the syntax verdict does not depend on the working-day length, a budget is
 * within 0–30 days and 0 when not counted, and a budget parsed is accepted by
 * tthc_process_add_step with its wording (the process total is the sum of the steps). */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  static const int32_t per_day[] = {60, 480, 1440};
  tthc_status first = TTHC_OK;
  for (size_t i = 0; i < sizeof per_day / sizeof per_day[0]; i++) {
    int32_t minutes = -1;
    int counted = -1;
    tthc_error err;
    tthc_status st = tthc_process_parse_budget(s, size, per_day[i], &minutes, &counted, &err);
    if (i == 0) first = st;
    if (st == TTHC_ESYNTAX || st == TTHC_EUTF8 || first == TTHC_ESYNTAX || first == TTHC_EUTF8)
      FUZZ_CHECK(st == first);
    if (st != TTHC_OK) {
      fuzz_check_error(st, &err, size);
      continue;
    }
    FUZZ_CHECK(counted == 0 || counted == 1);
    FUZZ_CHECK(minutes >= 0 && minutes <= 30 * per_day[i]);
    if (!counted) FUZZ_CHECK(minutes == 0);
    if (memchr(s, '\0', size)) continue;
    char *text = fuzz_cstr(data, size);
    tthc_process *p = NULL;
    FUZZ_CHECK(tthc_process_new(&p) == TTHC_OK);
    st = tthc_process_add_step(p, TTHC_PROCESS_RECEIVE, "Tiếp nhận", "Bộ phận một cửa", minutes,
                               counted, text);
    FUZZ_CHECK(st == TTHC_OK || (st == TTHC_ERANGE && minutes > 14400));
    if (st == TTHC_OK) {
      FUZZ_CHECK(tthc_process_add_step(p, TTHC_PROCESS_RETURN, NULL, NULL, minutes, counted, text) ==
                 TTHC_OK);
      FUZZ_CHECK(tthc_process_total(p) == 2 * minutes);
      const char *bt = NULL;
      FUZZ_CHECK(tthc_process_step(p, 1, NULL, NULL, NULL, NULL, NULL, &bt) == TTHC_OK);
      FUZZ_CHECK(bt && strcmp(bt, text) == 0);
    }
    tthc_process_free(p);
    free(text);
  }
  return 0;
}
