/* lunar: day-by-day comparison with Hồ Ngọc Đức's published tables (tests/data/
 * lunar_hnd_tk.txt, lunar years 1800-2199), which Vietnamese calendar software uses.
 *
 * Compared: the default convention (TTHC_LUNAR_VIETNAM) from 1968-01-01 to 2199-12-31 and
 * before 1968, and pure UTC+7 over the whole table. Every run of disagreeing days must be
 * listed in tests/data/lunar_hnd_differences.txt (and explained in docs/lunar.md); a new or a
 * vanished difference fails the test and prints the actual list in the file's format. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_support.h"
#include "tthc.h"

#define HND_FIRST 1800
#define HND_LAST 2199
#define HND_YEARS (HND_LAST - HND_FIRST + 1)

/* ---- Hồ Ngọc Đức's tables: our own decoder of his layout ----------------------------------- */

static uint32_t hnd[HND_YEARS];
static tthc_date hnd_first, hnd_last; /* Tết 1800 .. the day before Tết 2200 */
static tthc_lunar_date *hnd_day;      /* indexed by date - hnd_first */

static void load_hnd(void) {
  FILE *f = fopen(TTHC_TEST_DATA "/lunar_hnd_tk.txt", "r");
  assert_non_null(f);
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    int year;
    unsigned code;
    assert_int_equal(sscanf(line, "%d %x", &year, &code), 2);
    assert_int_equal(year, HND_FIRST + n);
    hnd[n++] = code;
  }
  fclose(f);
  assert_int_equal(n, HND_YEARS);
}

/* Months of lunar year y in order: lengths, numbers, leap flags; returns Tết. */
static tthc_date hnd_year(int y, int *count, int len[13], int num[13], int leap[13]) {
  uint32_t c = hnd[y - HND_FIRST];
  int lm = (int)(c & 0xf), n = 0;
  for (int m = 1; m <= 12; m++) {
    len[n] = 29 + (int)(c >> (16 - m) & 1), num[n] = m, leap[n] = 0, n++;
    if (m == lm) len[n] = 29 + (int)(c >> 16 & 1), num[n] = m, leap[n] = 1, n++;
  }
  *count = n;
  return D(y, 1, 1) + (tthc_date)(c >> 17);
}

static int setup(void **state) {
  (void)state;
  load_hnd();
  int n, len[13], num[13], leap[13];
  hnd_first = hnd_year(HND_FIRST, &n, len, num, leap);
  hnd_last = hnd_first - 1;
  for (int y = HND_FIRST; y <= HND_LAST; y++) {
    tthc_date tet = hnd_year(y, &n, len, num, leap);
    assert_int_equal(tet, hnd_last + 1); /* the table chains */
    for (int i = 0; i < n; i++) hnd_last += len[i];
  }
  hnd_day = calloc((size_t)(hnd_last - hnd_first + 1), sizeof *hnd_day);
  assert_non_null(hnd_day);
  tthc_date d = hnd_first;
  for (int y = HND_FIRST; y <= HND_LAST; y++) {
    hnd_year(y, &n, len, num, leap);
    for (int i = 0; i < n; i++)
      for (int k = 1; k <= len[i]; k++)
        hnd_day[d++ - hnd_first] = (tthc_lunar_date){y, (int8_t)num[i], (int8_t)k, (int8_t)leap[i]};
  }
  return 0;
}

static int teardown(void **state) {
  (void)state;
  free(hnd_day);
  return 0;
}

/* ---- comparison ------------------------------------------------------------------------------ */

typedef struct run {
  char conv[8];
  tthc_date first;
  int days;
} run;

static int same(tthc_lunar_date a, tthc_lunar_date b) {
  return a.year == b.year && a.month == b.month && a.day == b.day && a.leap == b.leap;
}

static void fmt_lunar(tthc_lunar_date ld, char *out, size_t cap) {
  snprintf(out, cap, "%d-%02d-%02d%s", (int)ld.year, ld.month, ld.day, ld.leap ? "L" : "");
}

/* Compare [from, to] and append runs of disagreeing days; returns the days compared. */
static long compare(const char *name, tthc_lunar_convention conv, tthc_date from, tthc_date to,
                    run *runs, int *nruns, int cap, long *bad_days) {
  long n = 0;
  for (tthc_date d = from; d <= to; d++, n++) {
    tthc_lunar_date ours;
    assert_int_equal(tthc_lunar_from_solar(d, conv, &ours), TTHC_OK);
    if (same(ours, hnd_day[d - hnd_first])) continue;
    (*bad_days)++;
    run *last = *nruns ? &runs[*nruns - 1] : NULL;
    if (last && !strcmp(last->conv, name) && last->first + last->days == d) {
      last->days++;
    } else {
      assert_true(*nruns < cap);
      snprintf(runs[*nruns].conv, sizeof runs[*nruns].conv, "%s", name);
      runs[*nruns].first = d;
      runs[*nruns].days = 1;
      (*nruns)++;
    }
  }
  return n;
}

static int load_expected(run *runs, int cap) {
  FILE *f = fopen(TTHC_TEST_DATA "/lunar_hnd_differences.txt", "r");
  assert_non_null(f);
  char line[256];
  int n = 0;
  while (fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    char conv[8], date[16];
    int days;
    assert_int_equal(sscanf(line, "%7s %15s %d", conv, date, &days), 3);
    assert_true(n < cap);
    snprintf(runs[n].conv, sizeof runs[n].conv, "%s", conv);
    tthc_error err;
    assert_int_equal(tthc_date_parse(date, strlen(date), &runs[n].first, &err), TTHC_OK);
    runs[n].days = days;
    n++;
  }
  fclose(f);
  return n;
}

static void test_against_hnd(void **state) {
  (void)state;
  enum { CAP = 512 };
  static run got[CAP], want[CAP];
  int ngot = 0;
  long bad_vn = 0, bad_vn_old = 0, bad_7 = 0;
  tthc_date switch_year = D(1968, 1, 1), end = D(2199, 12, 31);
  assert_true(hnd_first <= D(1800, 1, 25) && hnd_last >= end);
  long n_vn = compare("vietnam", TTHC_LUNAR_VIETNAM, switch_year, end, got, &ngot, CAP, &bad_vn);
  long n_old =
      compare("vietnam", TTHC_LUNAR_VIETNAM, hnd_first, switch_year - 1, got, &ngot, CAP, &bad_vn_old);
  long n_7 = compare("utc7", TTHC_LUNAR_UTC7, hnd_first, end, got, &ngot, CAP, &bad_7);
  print_message("Hồ Ngọc Đức's tables vs libtthc, day by day:\n"
                "  vietnam 1968-01-01..2199-12-31: %ld days, %ld disagree\n"
                "  vietnam %s..1967-12-31: %ld days, %ld disagree\n"
                "  utc7    %s..2199-12-31: %ld days, %ld disagree\n",
                n_vn, bad_vn, "1800-01-25", n_old, bad_vn_old, "1800-01-25", n_7, bad_7);
  int nwant = load_expected(want, CAP);
  int ok = ngot == nwant;
  for (int i = 0; ok && i < ngot; i++)
    ok = !strcmp(got[i].conv, want[i].conv) && got[i].first == want[i].first &&
         got[i].days == want[i].days;
  if (!ok) {
    print_message("differences found (expected %d runs, got %d):\n", nwant, ngot);
    for (int i = 0; i < ngot; i++) {
      char s[TTHC_DATE_STRLEN], ours[24], theirs[24];
      tthc_lunar_date ld;
      tthc_lunar_from_solar(got[i].first,
                            strcmp(got[i].conv, "utc7") ? TTHC_LUNAR_VIETNAM : TTHC_LUNAR_UTC7,
                            &ld);
      tthc_date_format(got[i].first, s, sizeof s, NULL);
      fmt_lunar(ld, ours, sizeof ours);
      fmt_lunar(hnd_day[got[i].first - hnd_first], theirs, sizeof theirs);
      print_message("%s %s %d # libtthc %s, HND %s\n", got[i].conv, s, got[i].days, ours,
                    theirs);
    }
  }
  assert_true(ok);
  /* Issue 3: from 1968 the default agrees day for day except near-midnight new moons. */
  assert_true(bad_vn <= 60);
}

int main(void) {
  const struct CMUnitTest tests[] = {
      cmocka_unit_test_setup_teardown(test_against_hnd, setup, teardown),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
