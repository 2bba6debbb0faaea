/* Benchmark of the compiled calendar over its whole default span (1900-2199): add working days
 * by rank/select against a day-by-day walk over the same calendar (the baseline, measured in
 * the same process), for a typical N (22, a month) and a long one (2,500, ten years), with
 * every select build this CPU runs; the count over a year; the build time and the memory of
 * the calendar. bench_workdays is the issue-4 benchmark (2000-2030, N 0-60).
 *
 * usage: bench_calendar [--short]   (--short: a quick run that checks the two methods agree) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar_internal.h"
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

/* Seconds for `iters` adds of n working days from starts[], their dates summed in *sum. */
static double time_add(const tthc_cal *cal, const tthc_date *starts, int iters, int32_t n,
                       long long *sum) {
  double t0 = now();
  for (int i = 0; i < iters; i++) {
    tthc_date r;
    tthc_cal_add_workdays(cal, starts[i], n, &r);
    *sum += r;
  }
  return now() - t0;
}

static double time_walk(const tthc_cal *cal, const tthc_date *starts, int iters, int32_t n,
                        long long *sum) {
  double t0 = now();
  for (int i = 0; i < iters; i++) *sum += walk_add(cal, starts[i], n);
  return now() - t0;
}

int main(int argc, char **argv) {
  static const char *const builds[] = {"bmi2", "popcnt", "portable"};
  int short_mode = argc > 1 && strcmp(argv[1], "--short") == 0;
  tthc_cal *cal;
  double t0 = now();
  if (tthc_cal_new_vietnam(1900, 2199, &cal) != TTHC_OK) return 1;
  double t_build = now() - t0;
  const char *own = tthc__cal_path(cal);
  tthc_date lo = tthc_cal_first_date(cal), hi = tthc_cal_last_date(cal);
  int iters = short_mode ? 2000 : 1000000, iters_l = iters / 20;
  int32_t n_days = 22, n_long = 2500; /* a month of working days; about ten years */
  unsigned seed = 7;
  tthc_date *starts = malloc(sizeof *starts * (size_t)iters);
  if (!starts) return 1;
  for (int i = 0; i < iters; i++) {
    seed = seed * 1103515245u + 12345u;
    starts[i] = lo + (tthc_date)((seed >> 4) % (uint32_t)(hi - lo - 4000)); /* room for 2500 */
  }
  long long walk = 0, walk_l = 0;
  double t_walk = time_walk(cal, starts, iters, n_days, &walk);
  double t_walk_l = time_walk(cal, starts, iters_l, n_long, &walk_l);
  int ok = 1;
  if (!short_mode) {
    printf("calendar 1900-2199: built in %.2f ms, %zu bytes (bench_workdays gives the parts)\n",
           t_build * 1e3, tthc_cal_memory(cal));
    printf("day walk: add %d working days %.1f ns/op, add %d: %.1f ns/op\n", n_days,
           t_walk / iters * 1e9, n_long, t_walk_l / iters_l * 1e9);
  }
  for (size_t b = 0; b < sizeof builds / sizeof *builds; b++) {
    if (!tthc__cal_use_path(cal, builds[b])) continue;
    long long fast = 0, fast_l = 0;
    double t_fast = time_add(cal, starts, iters, n_days, &fast);
    double t_fast_l = time_add(cal, starts, iters_l, n_long, &fast_l);
    int32_t acc = 0;
    t0 = now();
    for (int i = 0; i < iters; i++) {
      int32_t c;
      tthc_cal_count_workdays(cal, starts[i], starts[i] + 365, &c);
      acc += c;
    }
    double t_count = now() - t0;
    int agree = fast == walk && fast_l == walk_l && acc > 0;
    ok &= agree;
    if (!short_mode || !agree)
      printf("[%s]%s add %d: %.2f ns/op (walk/fast %.0fx), add %d: %.2f ns/op (%.0fx), count "
             "over 366 days: %.2f ns/op; agree with the walk: %s\n",
             builds[b], strcmp(builds[b], own) ? "" : " (chosen)", n_days, t_fast / iters * 1e9,
             t_walk / t_fast, n_long, t_fast_l / iters_l * 1e9, t_walk_l / t_fast_l,
             t_count / iters * 1e9, agree ? "yes" : "NO");
  }
  free(starts);
  tthc_cal_free(cal);
  return ok ? 0 : 1;
}
