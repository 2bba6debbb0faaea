/* bench_workdays: the compiled calendar's O(1) working-day add and count against a
 * straightforward day-by-day loop over the same calendar (tthc_cal_is_workday), on the same
 * random inputs: 10 million pairs, start dates 2000-2030, N 0-60. Also the vectorised call,
 * due instants, and the memory of a compiled calendar for 1900-2199.
 *
 *   bench_workdays            full run (build with the release preset for real figures)
 *   bench_workdays --short    a quick check that compiled == loop (ctest)
 *   bench_workdays --pairs N  another number of pairs
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tthc.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t rnd(void) {
  rng ^= rng << 13, rng ^= rng >> 7, rng ^= rng << 17;
  return (uint32_t)(rng >> 11);
}

static tthc_date loop_add(const tthc_cal *cal, tthc_date d, int32_t n) {
  int w = 0;
  if (n == 0) {
    for (tthc_cal_is_workday(cal, d, &w); !w; tthc_cal_is_workday(cal, ++d, &w)) {}
    return d;
  }
  while (n > 0) {
    tthc_cal_is_workday(cal, ++d, &w);
    n -= w;
  }
  return d;
}

static int32_t loop_count(const tthc_cal *cal, tthc_date a, tthc_date b) {
  int32_t n = 0;
  int w = 0;
  for (tthc_date d = a; d <= b; d++) tthc_cal_is_workday(cal, d, &w), n += w;
  return n;
}

int main(int argc, char **argv) {
  size_t pairs = 10 * 1000 * 1000;
  int shortmode = 0;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--short")) shortmode = 1, pairs = 20000;
    else if (!strcmp(argv[i], "--pairs") && i + 1 < argc) pairs = strtoul(argv[++i], NULL, 10);
    else return fprintf(stderr, "usage: bench_workdays [--short] [--pairs N]\n"), 2;
  }
  tthc_cal *cal, *big;
  double t0 = now();
  if (tthc_cal_new_vietnam(2000, 2031, &cal) != TTHC_OK) return fprintf(stderr, "calendar\n"), 1;
  double t_build = now() - t0;
  t0 = now();
  if (tthc_cal_new_vietnam(1900, 2199, &big) != TTHC_OK) return fprintf(stderr, "calendar\n"), 1;
  double t_build_big = now() - t0;
  tthc_date lo, hi;
  tthc_date_from_ymd(2000, 1, 1, &lo);
  tthc_date_from_ymd(2030, 12, 31, &hi);
  int32_t *d = malloc(pairs * sizeof *d), *n = malloc(pairs * sizeof *n);
  int32_t *out = malloc(pairs * sizeof *out), *ref = malloc(pairs * sizeof *ref);
  if (!d || !n || !out || !ref) return fprintf(stderr, "out of memory\n"), 1;
  for (size_t i = 0; i < pairs; i++) {
    d[i] = lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
    n[i] = (int32_t)(rnd() % 61);
  }
  uint64_t sum = 0;

  /* compiled add */
  t0 = now();
  for (size_t i = 0; i < pairs; i++) tthc_cal_add_workdays(cal, d[i], n[i], &out[i]);
  double t_add = now() - t0;
  /* loop add */
  t0 = now();
  for (size_t i = 0; i < pairs; i++) ref[i] = loop_add(cal, d[i], n[i]);
  double t_loop_add = now() - t0;
  size_t bad = 0;
  for (size_t i = 0; i < pairs; i++) bad += out[i] != ref[i];

  /* compiled count over [d, d + 1.4 N] (about N working days) */
  t0 = now();
  for (size_t i = 0; i < pairs; i++) {
    int32_t c;
    tthc_cal_count_workdays(cal, d[i], d[i] + n[i] * 7 / 5, &c);
    out[i] = c;
  }
  double t_count = now() - t0;
  t0 = now();
  for (size_t i = 0; i < pairs; i++) ref[i] = loop_count(cal, d[i], d[i] + n[i] * 7 / 5);
  double t_loop_count = now() - t0;
  for (size_t i = 0; i < pairs; i++) bad += out[i] != ref[i];

  /* vectorised add: one call */
  t0 = now();
  tthc_deadline_add_workdays_many(cal, d, n, pairs, out, NULL);
  double t_many = now() - t0;
  for (size_t i = 0; i < pairs; i++) sum += (uint32_t)out[i];

  /* due instants: "N ngày làm việc" from a receipt at 10:00 (first million pairs) */
  size_t dues = pairs < 1000000 ? pairs : 1000000;
  tthc_limit lim;
  tthc_limit_make(0, TTHC_LIMIT_WORKING_DAYS, &lim);
  t0 = now();
  for (size_t i = 0; i < dues; i++) {
    tthc_datetime due;
    lim.value = n[i];
    tthc_deadline_due(cal, NULL, NULL, (tthc_datetime)d[i] * 86400 + 36000, lim, NULL, &due);
    sum += (uint64_t)due;
  }
  double t_due = now() - t0;

  if (bad) {
    fprintf(stderr, "bench_workdays: %zu results differ between compiled and loop\n", bad);
    return 1;
  }
  if (shortmode) {
    printf("bench_workdays --short: %zu pairs, compiled == loop\n", pairs);
  } else {
    double p = (double)pairs;
    printf("bench_workdays: %zu random pairs, start dates 2000-2030, N 0-60 (checksum %llu)\n",
           pairs, (unsigned long long)(sum & 0xFFFF));
    printf("  compiled add     %8.1f M/s   (%.2f ns each)\n", p / t_add / 1e6, t_add / p * 1e9);
    printf("  loop add         %8.1f M/s   -> compiled is %.0fx the loop\n",
           p / t_loop_add / 1e6, t_loop_add / t_add);
    printf("  compiled count   %8.1f M/s   (%.2f ns each)\n", p / t_count / 1e6,
           t_count / p * 1e9);
    printf("  loop count       %8.1f M/s   -> compiled is %.0fx the loop\n",
           p / t_loop_count / 1e6, t_loop_count / t_count);
    printf("  vectorised add   %8.1f M/s   (tthc_deadline_add_workdays_many, one call)\n",
           p / t_many / 1e6);
    printf("  due instants     %8.1f M/s   (tthc_deadline_due, %zu receipts)\n",
           (double)dues / t_due / 1e6, dues);
    printf("  calendar 2000-2031: %zu bytes, built in %.2f ms\n", tthc_cal_memory(cal),
           t_build * 1e3);
    printf("  calendar 1900-2199: %zu bytes (%.1f KiB), built in %.2f ms\n",
           tthc_cal_memory(big), tthc_cal_memory(big) / 1024.0, t_build_big * 1e3);
  }
  free(d), free(n), free(out), free(ref);
  tthc_cal_free(cal);
  tthc_cal_free(big);
  return 0;
}
