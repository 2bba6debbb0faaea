/* Target sets in JSON (tthc_targets_from_json): a failure fills the error consistently; a set
 * loaded has a name and targets that can be checked against an aggregate (a group with
 * dossiers, where every rate is defined, and the target's bound is a fraction in [0, 1]). */
#include "fuzz_common.h"

static const tthc_agg *sample(void) {
  static tthc_agg *a;
  if (a) return a;
  tthc_datetime t0, t1, as_of;
  FUZZ_CHECK(tthc_datetime_parse("2025-03-03T08:00", 16, &t0, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_datetime_parse("2025-03-04T10:00", 16, &t1, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_datetime_parse("2025-03-31T17:00", 16, &as_of, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_new(0, 0, as_of, &a) == TTHC_OK);
  tthc_dossier *d = NULL;
  FUZZ_CHECK(tthc_dossier_new("000.00.31.H26-250303-0001", t0, &d) == TTHC_OK);
  tthc_dossier_event ev = TTHC_DOSSIER_EVENT_INIT;
  ev.kind = TTHC_EVENT_ACCEPTED, ev.at = t0, ev.due = t1 + 86400;
  FUZZ_CHECK(tthc_dossier_append(d, &ev, NULL) == TTHC_OK);
  ev.kind = TTHC_EVENT_RESULT_ISSUED, ev.at = t1, ev.due = TTHC_DATETIME_NONE;
  FUZZ_CHECK(tthc_dossier_append(d, &ev, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_add(a, d, NULL) == TTHC_OK);
  tthc_dossier_free(d);
  return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tthc_targets *t = NULL;
  tthc_error err;
  tthc_status st = tthc_targets_from_json((const char *)data, size, &t, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(t == NULL);
    return 0;
  }
  FUZZ_CHECK(tthc_targets_name(t) != NULL);
  const tthc_agg *a = sample();
  size_t n = tthc_targets_count(t);
  for (size_t k = 0; k < n; k++) {
    tthc_target_check c;
    FUZZ_CHECK(tthc_targets_check(t, k, a, 0, &c) == TTHC_OK);
    FUZZ_CHECK(tthc_rate_name(c.rate) != NULL);
    FUZZ_CHECK(c.bound >= 0 && c.bound <= 1);
    FUZZ_CHECK(c.pass >= -1 && c.pass <= 1);
  }
  tthc_target_check c;
  FUZZ_CHECK(tthc_targets_check(t, n, a, 0, &c) == TTHC_ERANGE);
  tthc_targets_free(t);
  return 0;
}
