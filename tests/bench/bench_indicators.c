/* bench_indicators: aggregation of synthetic dossiers from CSV and from JSON Lines, against the
 * bare cost of reading and parsing the same files; memory; 2 threads (split + merge) against 1.
 *
 *   bench_indicators            10 000 000 dossiers (files in a temporary directory, ~9 GB)
 *   bench_indicators N          N dossiers
 *   bench_indicators --short    2 000 dossiers: checks that everything runs (ctest)
 *   bench_indicators --write FILE [N]   only write N (default 1 000 000) dossiers to FILE (CSV
 *                               for *.csv, else JSON Lines), e.g. to time tthc indicators
 *
 * Figures are printed as rates and as ratios against baselines measured in the same process.
 * Nothing is asserted about time. */
#define _POSIX_C_SOURCE 200809L
#include <jansson.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "../gen/dossier_gen.h"
#include "tthc.h"

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* CPU time of the calling thread: what a core spent, whatever else the machine runs. */
static double cpu(void) {
  struct timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Resident set size in MB (Linux /proc; 0 elsewhere). */
static double rss_mb(void) {
  FILE *f = fopen("/proc/self/statm", "r");
  long pages = 0, rss = 0;
  if (f) {
    if (fscanf(f, "%ld %ld", &pages, &rss) != 2) rss = 0;
    fclose(f);
  }
  return (double)rss * (double)sysconf(_SC_PAGESIZE) / 1e6;
}

static void die(const char *what, tthc_status st, const tthc_error *err) {
  fprintf(stderr, "bench_indicators: %s: %s\n", what, err && err->message[0] ? err->message : tthc_strerror(st));
  exit(1);
}

static tthc_cal *g_cal;
static tthc_datetime g_as_of;

static tthc_agg *new_agg(void) {
  tthc_agg *a;
  tthc_dossier_clock ck = {g_cal, NULL, NULL, {NULL, NULL, NULL}};
  if (tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, g_as_of, &a) != TTHC_OK ||
      tthc_agg_set_clock(a, &ck) != TTHC_OK)
    die("aggregate", TTHC_ENOMEM, NULL);
  return a;
}

/* Read every record of r; aggregate into a if not NULL. Returns the records read. */
static int64_t drain(tthc_io_reader *r, tthc_agg *a) {
  tthc_dossier *d;
  if (tthc_dossier_new(NULL, 0, &d) != TTHC_OK) die("dossier", TTHC_ENOMEM, NULL);
  int64_t n = 0;
  tthc_error err;
  for (;;) {
    int got;
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st != TTHC_OK) die("read", st, &err);
    if (!got) break;
    if (a && (st = tthc_agg_add(a, d, &err)) != TTHC_OK) die("add", st, &err);
    n++;
  }
  tthc_dossier_free(d);
  return n;
}

static int64_t file_pass(const char *path, tthc_agg *a) {
  tthc_io_reader *r;
  tthc_error err;
  tthc_status st = tthc_io_reader_open(path, TTHC_IO_AUTO, 0, &r, &err);
  if (st != TTHC_OK) die(path, st, &err);
  int64_t n = drain(r, a);
  tthc_io_reader_free(r);
  return n;
}

/* The bare CSV cost: read the file in 1 MB chunks and split it into records and fields. */
static int64_t bare_csv(const char *path, int64_t *fields) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path, TTHC_EIO, NULL);
  size_t cap = 1 << 20, len = 0;
  char *buf = malloc(cap);
  int64_t lines = 0, commas = 0;
  for (;;) {
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    size_t i = 0;
    for (;;) {
      const char *nl = memchr(buf + i, '\n', len - i);
      if (!nl) break;
      for (const char *p = buf + i; (p = memchr(p, ',', (size_t)(nl - p))) != NULL; p++) commas++;
      lines++;
      i = (size_t)(nl - buf) + 1;
    }
    memmove(buf, buf + i, len - i);
    len -= i;
    if (got == 0) break;
  }
  free(buf);
  fclose(f);
  *fields = commas + lines;
  return lines - 1; /* header */
}

/* The bare JSON Lines cost: read lines and parse each with jansson. */
static int64_t bare_jsonl(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path, TTHC_EIO, NULL);
  size_t cap = 1 << 20, len = 0;
  char *buf = malloc(cap);
  int64_t n = 0;
  for (;;) {
    size_t got = fread(buf + len, 1, cap - len, f);
    len += got;
    size_t i = 0;
    for (;;) {
      const char *nl = memchr(buf + i, '\n', len - i);
      if (!nl) break;
      json_error_t je;
      json_t *o = json_loadb(buf + i, (size_t)(nl - buf) - i, 0, &je);
      if (!o) die("jansson", TTHC_ESYNTAX, NULL);
      json_decref(o);
      n++;
      i = (size_t)(nl - buf) + 1;
    }
    memmove(buf, buf + i, len - i);
    len -= i;
    if (got == 0) break;
  }
  free(buf);
  fclose(f);
  return n;
}

typedef struct part {
  const tthc_io_reader *like;
  const char *buf;
  size_t len;
  int64_t line;
  tthc_agg *agg;
  int64_t n;
  double cpu; /* CPU seconds the thread used */
} part;

static int part_run(void *arg) {
  part *p = arg;
  tthc_io_reader *r;
  if (tthc_io_reader_new_mem_like(p->like, p->buf, p->len, p->line, 0, &r) != TTHC_OK)
    die("reader", TTHC_ENOMEM, NULL);
  double c0 = cpu();
  p->agg = new_agg();
  p->n = drain(r, p->agg);
  p->cpu = cpu() - c0;
  tthc_io_reader_free(r);
  return 0;
}

static char *slurp(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f) die(path, TTHC_EIO, NULL);
  fseek(f, 0, SEEK_END);
  long n = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *b = malloc((size_t)n + 1);
  if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) die(path, TTHC_EIO, NULL);
  fclose(f);
  *len = (size_t)n;
  return b;
}

/* 1 thread over the whole buffer, then 2 threads over halves merged: same result, times. */
static void threads(const char *path, double *t1, double *t2, double *c1, double *c2,
                    int *same) {
  size_t len;
  char *buf = slurp(path, &len);
  tthc_io_reader *r0;
  tthc_error err;
  if (tthc_io_reader_new_mem(buf, len, TTHC_IO_CSV, 0, &r0, &err) != TTHC_OK) die("csv", 0, &err);
  size_t body;
  int64_t line0;
  tthc_io_reader_body(r0, &body, &line0);
  size_t cuts[3];
  int64_t lines[2];
  tthc_io_split(buf + body, len - body, TTHC_IO_CSV, 2, cuts, lines);
  part whole = {r0, buf + body, len - body, line0, NULL, 0, 0};
  double t = now();
  part_run(&whole);
  *t1 = now() - t;
  part p[2];
  thrd_t th[2];
  t = now();
  for (int k = 0; k < 2; k++) {
    p[k] = (part){r0, buf + body + cuts[k], cuts[k + 1] - cuts[k], line0 + lines[k], NULL, 0, 0};
    thrd_create(&th[k], part_run, &p[k]);
  }
  for (int k = 0; k < 2; k++) thrd_join(th[k], NULL);
  double cm = cpu();
  if (tthc_agg_merge(p[0].agg, p[1].agg) != TTHC_OK) die("merge", TTHC_ENOMEM, NULL);
  *t2 = now() - t;
  *c1 = whole.cpu;
  *c2 = (p[0].cpu > p[1].cpu ? p[0].cpu : p[1].cpu) + (cpu() - cm); /* critical path */
  *same = tthc_agg_group_count(p[0].agg) == tthc_agg_group_count(whole.agg);
  for (size_t g = 0; *same && g < tthc_agg_group_count(whole.agg); g++)
    for (int c = 0; c < TTHC__COUNT_N; c++) {
      int64_t x, y;
      tthc_agg_count(whole.agg, g, c, &x);
      tthc_agg_count(p[0].agg, g, c, &y);
      if (x != y) *same = 0;
    }
  tthc_agg_free(whole.agg);
  tthc_agg_free(p[0].agg);
  tthc_agg_free(p[1].agg);
  tthc_io_reader_free(r0);
  free(buf);
}

/* --write FILE [N]: the same generated dossiers, to a file. */
static int write_only(const char *path, int64_t n) {
  gen g;
  gen_init(&g, 2025, 500, 60);
  tthc_dossier *dos;
  tthc_io_writer *w;
  tthc_error err;
  if (tthc_dossier_new(NULL, 0, &dos) || tthc_io_writer_open(path, TTHC_IO_AUTO, &w, &err))
    die(path, TTHC_EIO, &err);
  for (int64_t i = 0; i < n; i++) {
    gen_next(&g, dos);
    if (tthc_io_writer_write(w, dos)) die("write", TTHC_EIO, NULL);
  }
  if (tthc_io_writer_close(w)) die("close", TTHC_EIO, NULL);
  tthc_dossier_free(dos);
  return 0;
}

int main(int argc, char **argv) {
  if (argc > 2 && !strcmp(argv[1], "--write"))
    return write_only(argv[2], argc > 3 ? atoll(argv[3]) : 1000000);
  int64_t n = 10000000;
  bool shortmode = argc > 1 && !strcmp(argv[1], "--short");
  if (shortmode) n = 2000;
  else if (argc > 1) n = atoll(argv[1]);
  if (n < 1) n = 1;
  char dir[] = "/tmp/tthc_bench_XXXXXX";
  if (!mkdtemp(dir)) die("mkdtemp", TTHC_EIO, NULL);
  char csv[64], jsonl[64];
  snprintf(csv, sizeof csv, "%s/dossiers.csv", dir);
  snprintf(jsonl, sizeof jsonl, "%s/dossiers.jsonl", dir);
  if (tthc_cal_new_vietnam(2024, 2026, &g_cal) != TTHC_OK) die("calendar", TTHC_ENOMEM, NULL);
  tthc_date d;
  tthc_date_from_ymd(2025, 12, 31, &d);
  tthc_datetime_make(d, 23, 59, 59, &g_as_of);

  /* generate */
  double t = now();
  gen g;
  gen_init(&g, 2025, 500, 60);
  tthc_dossier *dos;
  tthc_io_writer *wc, *wj;
  tthc_error err;
  if (tthc_dossier_new(NULL, 0, &dos) || tthc_io_writer_open(csv, TTHC_IO_CSV, &wc, &err) ||
      tthc_io_writer_open(jsonl, TTHC_IO_JSONL, &wj, &err))
    die("writer", TTHC_EIO, &err);
  for (int64_t i = 0; i < n; i++) {
    gen_next(&g, dos);
    if (tthc_io_writer_write(wc, dos) || tthc_io_writer_write(wj, dos)) die("write", TTHC_EIO, NULL);
  }
  if (tthc_io_writer_close(wc) || tthc_io_writer_close(wj)) die("close", TTHC_EIO, NULL);
  tthc_dossier_free(dos);
  double tgen = now() - t;
  printf("bench_indicators: %lld synthetic dossiers (500 units, 60 procedures, 2025), "
         "grouped by unit x month with the national working calendar\n", (long long)n);
  printf("  generate + write CSV and JSON Lines      %8.2f s\n", tgen);

  /* CSV */
  int64_t fields;
  double c;
  t = now(), c = cpu();
  int64_t rows = bare_csv(csv, &fields);
  double tbare_csv = now() - t, cbare_csv = cpu() - c;
  t = now(), c = cpu();
  int64_t r1 = file_pass(csv, NULL);
  double tread_csv = now() - t, cread_csv = cpu() - c;
  double rss0 = rss_mb();
  tthc_agg *a = new_agg();
  t = now(), c = cpu();
  int64_t r2 = file_pass(csv, a);
  double tagg_csv = now() - t, cagg_csv = cpu() - c;
  double rss1 = rss_mb();
  size_t groups = tthc_agg_group_count(a);
  tthc_agg_free(a);
  if (rows != n || r1 != n || r2 != n) die("record count", TTHC_EFORMAT, NULL);
  printf("  (wall = elapsed; cpu = CPU time of the working thread: per-core speed)\n");
  printf("  CSV   bare read + split (%lld fields)  wall %7.2f s  cpu %7.2f s  %6.2f M records/s/core\n",
         (long long)fields, tbare_csv, cbare_csv, n / cbare_csv / 1e6);
  printf("  CSV   read into dossiers             wall %7.2f s  cpu %7.2f s  %6.2f M dossiers/s/core"
         "  (%.2fx bare)\n", tread_csv, cread_csv, n / cread_csv / 1e6, cread_csv / cbare_csv);
  printf("  CSV   read + aggregate               wall %7.2f s  cpu %7.2f s  %6.2f M dossiers/s/core"
         "  (%.2fx bare)\n", tagg_csv, cagg_csv, n / cagg_csv / 1e6, cagg_csv / cbare_csv);

  /* JSON Lines */
  t = now(), c = cpu();
  int64_t j0 = bare_jsonl(jsonl);
  double tbare_j = now() - t, cbare_j = cpu() - c;
  t = now(), c = cpu();
  a = new_agg();
  int64_t j1 = file_pass(jsonl, a);
  double tagg_j = now() - t, cagg_j = cpu() - c;
  tthc_agg_free(a);
  if (j0 != n || j1 != n) die("record count", TTHC_EFORMAT, NULL);
  printf("  JSONL bare jansson parse             wall %7.2f s  cpu %7.2f s  %6.2f M records/s/core\n",
         tbare_j, cbare_j, n / cbare_j / 1e6);
  printf("  JSONL read + aggregate               wall %7.2f s  cpu %7.2f s  %6.2f M dossiers/s/core"
         "  (%.2fx bare jansson)\n", tagg_j, cagg_j, n / cagg_j / 1e6, cagg_j / cbare_j);

  printf("  memory: %zu groups; resident %.1f MB before the CSV aggregation pass, %.1f MB after\n",
         groups, rss0, rss1);

  /* threads */
  double t1, t2, c1, c2;
  int same;
  threads(csv, &t1, &t2, &c1, &c2, &same);
  printf("  CSV in memory, 1 thread              wall %7.2f s  cpu %7.2f s  %6.2f M dossiers/s\n",
         t1, c1, n / t1 / 1e6);
  printf("  CSV in memory, 2 threads + merge     wall %7.2f s  cpu %7.2f s  (longest thread + merge)\n"
         "    speed-up %.2fx by elapsed time, %.2fx by the critical path's CPU time%s\n",
         t2, c2, t1 / t2, c1 / c2, same ? "" : "  RESULTS DIFFER");
  unlink(csv);
  unlink(jsonl);
  rmdir(dir);
  tthc_cal_free(g_cal);
  return same ? 0 : 1;
}
