/* bench_lunar: conversions per second, table-driven against the direct astronomical
 * computation (the model the tables are generated from), measured in the same run.
 *
 * usage: bench_lunar [--short]     (--short, or TTHC_BENCH_SHORT=1: a quick run for ctest) */
#define _POSIX_C_SOURCE 199309L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lunar_internal.h"
#include "tthc.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static volatile long sink;

/* Inputs are prepared before timing so that only the conversions are measured. */
#define NINPUT 65536
static tthc_date days[NINPUT];
static tthc_lunar_date lunar_days[NINPUT];

/* Days spread over the whole range in a scattered order (a stride coprime to its length). */
static tthc_date nth_day(long i) {
  long span = (long)TTHC_LUNAR_DATE_MAX - TTHC_LUNAR_DATE_MIN + 1;
  return TTHC_LUNAR_DATE_MIN + (tthc_date)((i * 7919L) % span);
}

typedef tthc_status (*from_solar_fn)(tthc_date d, int arg, tthc_lunar_date *out);

static tthc_status table_from_solar(tthc_date d, int conv, tthc_lunar_date *out) {
  return tthc_lunar_from_solar(d, (tthc_lunar_convention)conv, out);
}

/* Solar -> lunar conversions per second through fn (the table, or the astronomy). */
static double bench_from_solar(long n, from_solar_fn fn, int arg) {
  double t0 = now();
  long acc = 0;
  for (long i = 0; i < n; i++) {
    tthc_lunar_date ld;
    if (fn(days[i % NINPUT], arg, &ld) != TTHC_OK) abort();
    acc += ld.day;
  }
  sink = acc;
  return n / (now() - t0);
}

static double bench_table_to_solar(long n) {
  double t0 = now();
  long acc = 0;
  for (long i = 0; i < n; i++) {
    tthc_date d;
    if (tthc_lunar_to_solar(lunar_days[i % NINPUT], TTHC_LUNAR_VIETNAM, &d) != TTHC_OK) abort();
    acc += d;
  }
  sink = acc;
  return n / (now() - t0);
}

int main(int argc, char **argv) {
  const char *env = getenv("TTHC_BENCH_SHORT");
  int short_mode = (argc > 1 && !strcmp(argv[1], "--short")) || (env && *env && *env != '0');
  long n_table = short_mode ? 200000 : 20000000, n_astro = short_mode ? 200 : 20000;
  for (long i = 0; i < NINPUT; i++) {
    days[i] = nth_day(i);
    if (tthc_lunar_from_solar(days[i], TTHC_LUNAR_VIETNAM, &lunar_days[i]) != TTHC_OK) return 1;
  }
  /* Check first that both paths agree on what is measured. */
  for (long i = 0; i < (short_mode ? 50 : 2000); i++) {
    tthc_lunar_date a, b;
    if (tthc_lunar_from_solar(nth_day(i), TTHC_LUNAR_UTC7, &a) != TTHC_OK ||
        tthc__lunar_astro_from_solar(nth_day(i), 7, &b) != TTHC_OK || a.year != b.year ||
        a.month != b.month || a.day != b.day || a.leap != b.leap) {
      fprintf(stderr, "bench_lunar: table and astronomy disagree on day %d\n", nth_day(i));
      return 1;
    }
  }
  double from7 = bench_from_solar(n_table, table_from_solar, TTHC_LUNAR_UTC7);
  double fromvn = bench_from_solar(n_table, table_from_solar, TTHC_LUNAR_VIETNAM);
  double to = bench_table_to_solar(n_table);
  double astro = bench_from_solar(n_astro, tthc__lunar_astro_from_solar, 7);
  printf("bench_lunar%s (%ld table / %ld astronomical conversions)\n",
         short_mode ? " --short" : "", n_table, n_astro);
  printf("  solar->lunar, table, utc7      %12.0f conversions/s  %8.1f ns each\n", from7,
         1e9 / from7);
  printf("  solar->lunar, table, vietnam   %12.0f conversions/s  %8.1f ns each\n", fromvn,
         1e9 / fromvn);
  printf("  lunar->solar, table, vietnam   %12.0f conversions/s  %8.1f ns each\n", to, 1e9 / to);
  printf("  solar->lunar, astronomical     %12.0f conversions/s  %8.1f us each\n", astro,
         1e6 / astro);
  printf("  table / astronomical: %.0fx faster\n", from7 / astro);
  printf("  table size: %zu bytes (2 reckonings x %d lunar years x 4 bytes)\n",
         sizeof tthc__lunar_table_utc7 + sizeof tthc__lunar_table_utc8, TTHC__LUNAR_YEARS);
  return 0;
}
