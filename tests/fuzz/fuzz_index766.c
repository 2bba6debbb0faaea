/* 766 point tables in JSON (tthc_index766_from_json): a failure fills the error consistently;
 * a table loaded is written back and reloads to the same JSON (save(load(x)) reloads
 * identically), its items are readable, and scoring a group gives points within the maxima. */
#include <math.h>

#include "fuzz_common.h"

static const tthc_agg *sample(void) {
  static tthc_agg *a;
  if (a) return a;
  tthc_datetime t0, as_of;
  FUZZ_CHECK(tthc_datetime_parse("2025-03-03T08:00", 16, &t0, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_datetime_parse("2025-03-31T17:00", 16, &as_of, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_new(0, 0, as_of, &a) == TTHC_OK);
  tthc_dossier *d = NULL;
  FUZZ_CHECK(tthc_dossier_new("x", t0, &d) == TTHC_OK);
  FUZZ_CHECK(tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, TTHC_CHANNEL_ONLINE) == TTHC_OK);
  tthc_dossier_event ev = TTHC_DOSSIER_EVENT_INIT;
  ev.kind = TTHC_EVENT_ACCEPTED, ev.at = t0, ev.due = t0 + 86400;
  FUZZ_CHECK(tthc_dossier_append(d, &ev, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_add(a, d, NULL) == TTHC_OK);
  tthc_dossier_free(d);
  return a;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  tthc_index766 *t = NULL, *t2 = NULL;
  tthc_error err;
  tthc_status st = tthc_index766_from_json((const char *)data, size, &t, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(t == NULL);
    return 0;
  }
  char *j1 = NULL, *j2 = NULL;
  FUZZ_CHECK(tthc_index766_to_json_alloc(t, &j1) == TTHC_OK);
  if (tthc_index766_from_json(j1, strlen(j1), &t2, &err) != TTHC_OK) {
    fprintf(stderr, "written table does not reload: %s\n%s\n", err.message, j1);
    FUZZ_CHECK(0);
  }
  FUZZ_CHECK(tthc_index766_to_json_alloc(t2, &j2) == TTHC_OK);
  FUZZ_CHECK(strcmp(j1, j2) == 0);
  size_t n = tthc_index766_count(t);
  FUZZ_CHECK(n >= 1 && n <= TTHC_766_MAX_ITEMS && n == tthc_index766_count(t2));
  for (size_t i = 0; i < n; i++) {
    tthc_index766_item it;
    FUZZ_CHECK(tthc_index766_item_get(t, i, &it) == TTHC_OK);
    FUZZ_CHECK(it.id && it.name_vi && tthc_766_group_name(it.group) != NULL);
    FUZZ_CHECK(it.points >= 0 && it.threshold >= 0 && it.threshold <= 1);
  }
  tthc_index766_result r;
  for (unsigned flags = 0; flags <= TTHC_766_NA_ZERO; flags++) {
    FUZZ_CHECK(tthc_index766_score(t, sample(), 0, NULL, flags, &r) == TTHC_OK);
    FUZZ_CHECK(r.items == n && isfinite(r.total) && r.total >= 0 && r.total <= r.max + 1e-9);
    FUZZ_CHECK(r.grade >= TTHC_GRADE_NONE && r.grade <= TTHC_GRADE_EXCELLENT);
    for (int g = 0; g < 5; g++) FUZZ_CHECK(r.group_total[g] <= r.group_max[g] + 1e-9);
  }
  tthc_free(j1);
  tthc_free(j2);
  tthc_index766_free(t);
  tthc_index766_free(t2);
  return 0;
}
