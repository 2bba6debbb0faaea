/* bench_workdays: the compiled calendar's O(1) working-day add and count against a
 * straightforward day-by-day loop over the same calendar (tthc_cal_is_workday), on the same
 * random inputs: 10 million pairs, start dates 2000-2030, N 0-60 (issue 4). Also the vectorised
 * call, due instants, and the memory of compiled calendars.
 *
 * Method. The inputs are generated into arrays before any timing and the output arrays are
 * faulted in first, so neither the RNG nor page faults are measured. The pairs are processed in
 * chunks of 64 Ki; on each chunk, back to back: the loop, an empty loop (the same arrays and a
 * call to a no-op with the same arguments, through a pointer the compiler cannot see through),
 * and the compiled call with every build of the select this CPU runs ("bmi2", "popcnt",
 * "portable"; the calendar picks one when it is built). Interleaving at this grain puts every
 * method under the same load of a shared machine, so the ratios are stable even when the rates
 * are not. Each run sums its chunks; rates are the median of the runs, and a ratio is computed
 * within each run and the median of those is reported (with the range).
 *
 *   bench_workdays            full run, 5 runs (build with the release preset for real figures)
 *   bench_workdays --short    a quick check that compiled == loop for every build (ctest)
 *   bench_workdays --pairs N  another number of pairs
 *   bench_workdays --runs R   another number of runs (1-31)
 */
#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar_internal.h"
#include "tthc.h"

enum { MAX_RUNS = 31, NBUILDS = 3, CHUNK = 65536 };
static const char *const BUILDS[NBUILDS] = {"bmi2", "popcnt", "portable"};

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

/* The empty loop's callee: the arguments in, a result out, nothing computed. Called through a
 * volatile pointer so that the compiler keeps the call and the array traffic. */
static tthc_status nop_add(const tthc_cal *cal, tthc_date d, int32_t n, tthc_date *out) {
  (void)cal, (void)n;
  *out = d;
  return TTHC_OK;
}
static tthc_status (*volatile nop_fn)(const tthc_cal *, tthc_date, int32_t, tthc_date *) = nop_add;

/* The inputs and one output array; each timer runs over the pairs [a, b). */
typedef struct job {
  const tthc_cal *cal;
  const int32_t *d, *n, *e; /* start, N, end of the count */
  int32_t *out;
} job;

static double time_empty(const job *j, size_t a, size_t b) {
  tthc_status (*f)(const tthc_cal *, tthc_date, int32_t, tthc_date *) = nop_fn;
  double t0 = now();
  for (size_t i = a; i < b; i++) f(j->cal, j->d[i], j->n[i], &j->out[i]);
  return now() - t0;
}

static double time_add(const job *j, size_t a, size_t b) {
  double t0 = now();
  for (size_t i = a; i < b; i++) tthc_cal_add_workdays(j->cal, j->d[i], j->n[i], &j->out[i]);
  return now() - t0;
}

static double time_count(const job *j, size_t a, size_t b) {
  double t0 = now();
  for (size_t i = a; i < b; i++) tthc_cal_count_workdays(j->cal, j->d[i], j->e[i], &j->out[i]);
  return now() - t0;
}

static double time_loop_add(const job *j, size_t a, size_t b) {
  double t0 = now();
  for (size_t i = a; i < b; i++) j->out[i] = loop_add(j->cal, j->d[i], j->n[i]);
  return now() - t0;
}

static double time_loop_count(const job *j, size_t a, size_t b) {
  double t0 = now();
  for (size_t i = a; i < b; i++) j->out[i] = loop_count(j->cal, j->d[i], j->e[i]);
  return now() - t0;
}

typedef double (*timer)(const job *, size_t, size_t);

static size_t differ(const int32_t *a, const int32_t *b, size_t n) {
  size_t bad = 0;
  for (size_t i = 0; i < n; i++) bad += a[i] != b[i];
  return bad;
}

/* One run of one operation over all pairs, chunk by chunk: the loop (into ref), the empty loop
 * and every build (into out, checked against ref). Times are added to *t_loop, *t_empty and
 * t_build[b]; *bad counts the answers that differ from the loop's. */
static void run_op(tthc_cal *cal, const job *j, const job *jr, size_t pairs, timer loop,
                   timer compiled, const int *have, double *t_loop, double *t_empty,
                   double *t_build, size_t *bad) {
  for (size_t a = 0; a < pairs; a += CHUNK) {
    size_t b = pairs - a < CHUNK ? pairs : a + CHUNK;
    *t_loop += loop(jr, a, b);
    if (t_empty) *t_empty += time_empty(j, a, b);
    for (int k = 0; k < NBUILDS; k++)
      if (have[k]) {
        tthc__cal_use_path(cal, BUILDS[k]);
        t_build[k] += compiled(j, a, b);
        *bad += differ(j->out + a, jr->out + a, b - a);
      }
  }
}

static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static double median(const double *v, int n) {
  double s[MAX_RUNS];
  memcpy(s, v, (size_t)n * sizeof *s);
  qsort(s, (size_t)n, sizeof *s, cmp_double);
  return n % 2 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

static void span(const double *v, int n, double *lo, double *hi) {
  *lo = *hi = v[0];
  for (int i = 1; i < n; i++) *lo = v[i] < *lo ? v[i] : *lo, *hi = v[i] > *hi ? v[i] : *hi;
}

/* "compiled add  248.0 M/s  4.03 ns  20.1x the loop (runs 19.5-21.5x)" */
static void print_op(const char *what, double mpairs, const double *t, const double *t_loop,
                     int runs) {
  double ratio[MAX_RUNS] = {0}, lo, hi, m = median(t, runs);
  for (int r = 0; r < runs; r++) ratio[r] = t_loop[r] / t[r];
  span(ratio, runs, &lo, &hi);
  printf("    %-14s %7.1f M/s %6.2f ns  %5.1fx the loop (runs %.1f-%.1fx)\n", what, mpairs / m,
         m / mpairs * 1e3, median(ratio, runs), lo, hi);
}

static void print_memory(const char *what, int first, int last) {
  tthc_cal *c;
  double t0 = now();
  if (tthc_cal_new_vietnam(first, last, &c) != TTHC_OK) return;
  double t = now() - t0;
  size_t part[3], m = tthc_cal_memory(c);
  tthc__cal_memory_parts(c, part);
  printf("  memory %s: %zu bytes = %.1f KiB (bitmap + rank + select %.1f, entries %.1f, "
         "texts %.1f), built in %.2f ms\n",
         what, m, m / 1024.0, part[0] / 1024.0, part[1] / 1024.0, part[2] / 1024.0, t * 1e3);
  tthc_cal_free(c);
}

int main(int argc, char **argv) {
  size_t pairs = 10 * 1000 * 1000;
  int shortmode = 0, runs = 5;
  for (int i = 1; i < argc; i++) {
    if (!strcmp(argv[i], "--short")) shortmode = 1, pairs = 20000, runs = 1;
    else if (!strcmp(argv[i], "--pairs") && i + 1 < argc) pairs = strtoul(argv[++i], NULL, 10);
    else if (!strcmp(argv[i], "--runs") && i + 1 < argc) runs = atoi(argv[++i]);
    else return fprintf(stderr, "usage: bench_workdays [--short] [--pairs N] [--runs R]\n"), 2;
  }
  if (runs < 1 || runs > MAX_RUNS || pairs == 0)
    return fprintf(stderr, "bench_workdays: 1-%d runs and at least 1 pair\n", MAX_RUNS), 2;
  tthc_cal *cal;
  if (tthc_cal_new_vietnam(2000, 2031, &cal) != TTHC_OK) return fprintf(stderr, "calendar\n"), 1;
  const char *chosen = tthc__cal_path(cal);
  tthc_date lo, hi;
  tthc_date_from_ymd(2000, 1, 1, &lo);
  tthc_date_from_ymd(2030, 12, 31, &hi);
  int32_t *d = malloc(pairs * sizeof *d), *n = malloc(pairs * sizeof *n);
  int32_t *e = malloc(pairs * sizeof *e), *out = malloc(pairs * sizeof *out);
  int32_t *ref = malloc(pairs * sizeof *ref);
  if (!d || !n || !e || !out || !ref) return fprintf(stderr, "out of memory\n"), 1;
  for (size_t i = 0; i < pairs; i++) {
    d[i] = lo + (int32_t)(rnd() % (uint32_t)(hi - lo + 1));
    n[i] = (int32_t)(rnd() % 61);
    e[i] = d[i] + n[i] * 7 / 5; /* count over about N working days */
  }
  memset(out, 0, pairs * sizeof *out); /* fault the pages in before timing */
  memset(ref, 0, pairs * sizeof *ref);
  job j = {cal, d, n, e, out}, jr = {cal, d, n, e, ref};

  int have[NBUILDS];
  for (int k = 0; k < NBUILDS; k++) have[k] = tthc__cal_use_path(cal, BUILDS[k]);
  double t_empty[MAX_RUNS] = {0}, t_ladd[MAX_RUNS] = {0}, t_lcount[MAX_RUNS] = {0};
  double t_add[NBUILDS][MAX_RUNS] = {{0}}, t_count[NBUILDS][MAX_RUNS] = {{0}};
  double ta[NBUILDS], tc[NBUILDS];
  size_t bad = 0;
  for (int r = 0; r < runs; r++) {
    memset(ta, 0, sizeof ta);
    memset(tc, 0, sizeof tc);
    run_op(cal, &j, &jr, pairs, time_loop_add, time_add, have, &t_ladd[r], &t_empty[r], ta, &bad);
    run_op(cal, &j, &jr, pairs, time_loop_count, time_count, have, &t_lcount[r], NULL, tc, &bad);
    for (int k = 0; k < NBUILDS; k++) t_add[k][r] = ta[k], t_count[k][r] = tc[k];
  }
  tthc__cal_use_path(cal, chosen);

  /* vectorised add: one call */
  double t0 = now();
  tthc_deadline_add_workdays_many(cal, d, n, pairs, out, NULL);
  double t_many = now() - t0;
  uint64_t sum = 0;
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
    printf("bench_workdays --short: %zu pairs, compiled == loop (builds:", pairs);
    for (int k = 0; k < NBUILDS; k++)
      if (have[k]) printf(" %s", BUILDS[k]);
    printf("; the calendar uses %s)\n", chosen);
  } else {
    double P = (double)pairs / 1e6;
    double me = median(t_empty, runs), mla = median(t_ladd, runs), mlc = median(t_lcount, runs);
    printf("bench_workdays: %zu random pairs, start dates 2000-2030, N 0-60; medians of %d runs "
           "(checksum %llu)\n",
           pairs, runs, (unsigned long long)(sum & 0xFFFF));
    printf("  select build chosen for this CPU: %s\n", chosen);
    printf("  empty loop       %7.1f M/s %6.2f ns  (loop, arrays, a call to a no-op)\n", P / me,
           me / P * 1e3);
    printf("  loop add         %7.1f M/s %6.2f ns  (day by day with tthc_cal_is_workday)\n",
           P / mla, mla / P * 1e3);
    printf("  loop count       %7.1f M/s %6.2f ns\n", P / mlc, mlc / P * 1e3);
    for (int k = 0; k < NBUILDS; k++) {
      if (!have[k]) {
        printf("  [%s] not available on this CPU or build\n", BUILDS[k]);
        continue;
      }
      printf("  [%s]%s\n", BUILDS[k], strcmp(BUILDS[k], chosen) ? "" : " (chosen)");
      print_op("compiled add", P, t_add[k], t_ladd, runs);
      print_op("compiled count", P, t_count[k], t_lcount, runs);
    }
    printf("  vectorised add   %7.1f M/s  (tthc_deadline_add_workdays_many, one call)\n",
           P / t_many);
    printf("  due instants     %7.1f M/s  (tthc_deadline_due, %zu receipts)\n",
           (double)dues / t_due / 1e6, dues);
    print_memory("2000-2030", 2000, 2030);
    print_memory("1900-2199", 1900, 2199);
  }
  free(d), free(n), free(e), free(out), free(ref);
  tthc_cal_free(cal);
  return 0;
}
