/* Benchmark of the compiled calendar: add/count working days with rank/select against a
 * day-by-day walk over the same calendar (the baseline, measured in the same process), the
 * build of a 1900-2199 calendar and its memory.
 *
 * usage: bench_calendar [--short]   (--short: a quick run that checks the two methods agree) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tthc.h"

static double now(void) {
  struct timespec ts;
  timespec_get(&ts, TIME_UTC); /* C11 */
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The baseline: walk day by day asking is_workday. */
static tthc_date walk_add(const tthc_cal *cal, tthc_date d, int32_t n) {
  int w;
  while (n > 0) {
    d++;
    tthc_cal_is_workday(cal, d, &w);
    n -= w;
  }
  return d;
}

int main(int argc, char **argv) {
  int short_mode = argc > 1 && strcmp(argv[1], "--short") == 0;
  double t0 = now();
  tthc_cal *cal;
  if (tthc_cal_new_vietnam(1900, 2199, &cal) != TTHC_OK) return 1;
  double t_build = now() - t0;
  tthc_date lo = tthc_cal_first_date(cal), hi = tthc_cal_last_date(cal);
  int iters = short_mode ? 2000 : 200000;
  int32_t n_days = 22; /* a typical procedure: a month of working days */
  unsigned seed = 7;
  tthc_date *starts = malloc(sizeof *starts * (size_t)iters);
  if (!starts) return 1;
  for (int i = 0; i < iters; i++) {
    seed = seed * 1103515245u + 12345u;
    starts[i] = lo + (tthc_date)((seed >> 4) % (uint32_t)(hi - lo - 4000)); /* room for 2500 */
  }
  long long sum_fast = 0, sum_walk = 0;
  t0 = now();
  for (int i = 0; i < iters; i++) {
    tthc_date r;
    tthc_cal_add_workdays(cal, starts[i], n_days, &r);
    sum_fast += r;
  }
  double t_fast = now() - t0;
  t0 = now();
  for (int i = 0; i < iters; i++) sum_walk += walk_add(cal, starts[i], n_days);
  double t_walk = now() - t0;
  /* long spans: the rank/select cost does not grow with n, the walk does */
  int32_t n_long = 2500;
  long long sum_fast_l = 0, sum_walk_l = 0;
  int iters_l = iters / 20;
  t0 = now();
  for (int i = 0; i < iters_l; i++) {
    tthc_date r;
    tthc_cal_add_workdays(cal, starts[i], n_long, &r);
    sum_fast_l += r;
  }
  double t_fast_l = now() - t0;
  t0 = now();
  for (int i = 0; i < iters_l; i++) sum_walk_l += walk_add(cal, starts[i], n_long);
  double t_walk_l = now() - t0;
  int32_t acc = 0;
  t0 = now();
  for (int i = 0; i < iters; i++) {
    int32_t c;
    tthc_cal_count_workdays(cal, starts[i], starts[i] + 365, &c);
    acc += c;
  }
  double t_count = now() - t0;
  int ok = sum_fast == sum_walk && sum_fast_l == sum_walk_l && acc > 0;
  if (!short_mode || !ok) {
    printf("calendar 1900-2199: build %.1f ms, %zu bytes\n", t_build * 1e3, tthc_cal_memory(cal));
    printf(
        "add %d working days:   %.1f ns/op (rank/select), %.1f ns/op (day walk), walk/fast = "
        "%.0fx\n",
        n_days, t_fast / iters * 1e9, t_walk / iters * 1e9, t_walk / t_fast);
    printf(
        "add %d working days: %.1f ns/op (rank/select), %.1f ns/op (day walk), walk/fast = %.0fx\n",
        n_long, t_fast_l / iters_l * 1e9, t_walk_l / iters_l * 1e9, t_walk_l / t_fast_l);
    printf("count over 366 days:  %.1f ns/op\n", t_count / iters * 1e9);
    printf("results agree: %s\n", ok ? "yes" : "NO");
  }
  free(starts);
  tthc_cal_free(cal);
  return ok ? 0 : 1;
}
