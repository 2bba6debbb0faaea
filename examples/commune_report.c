/* commune_report: one month of a commune's dossiers against the targets it signed up to, and
 * its place among the units of the file by the 766 service index — a small program over the
 * installed libtthc (build: cc -std=c11 commune_report.c $(pkg-config --cflags --libs tthc)).
 *
 *   commune_report DOSSIERS UNIT TARGETS.json AS_OF
 *   commune_report dossiers_2025_03.csv "UBND xã An Bình" targets_2025.json 2025-03-31T23:59:59
 *
 * DOSSIERS is a JSON Lines or CSV dossier file (docs/io.md), TARGETS a target set
 * (docs/indicator.md), AS_OF the report instant. Exit status 0 when every applicable target is
 * met, 3 when one is missed, 1 on bad input, 2 on a usage error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tthc.h>

static char *read_all(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  char *buf = NULL;
  long n;
  if (f && fseek(f, 0, SEEK_END) == 0 && (n = ftell(f)) >= 0 && fseek(f, 0, SEEK_SET) == 0 &&
      (buf = malloc((size_t)n + 1)) != NULL && fread(buf, 1, (size_t)n, f) == (size_t)n)
    *len = (size_t)n;
  else
    free(buf), buf = NULL;
  if (f) fclose(f);
  return buf;
}

static int fail(const char *what, tthc_status st, const tthc_error *err) {
  fprintf(stderr, "commune_report: %s: %s\n", what,
          err && err->message[0] ? err->message : tthc_strerror(st));
  return 1;
}

int main(int argc, char **argv) {
  if (argc != 5) {
    fprintf(stderr, "usage: commune_report DOSSIERS UNIT TARGETS.json AS_OF\n");
    return 2;
  }
  const char *file = argv[1], *unit = argv[2];
  tthc_error err;
  tthc_error_clear(&err);
  tthc_datetime as_of;
  tthc_status st = tthc_datetime_parse(argv[4], strlen(argv[4]), &as_of, &err);
  if (st != TTHC_OK) return fail(argv[4], st, &err);
  size_t len;
  char *json = read_all(argv[3], &len);
  tthc_targets *targets = NULL;
  if (!json) return fail(argv[3], TTHC_EIO, NULL);
  st = tthc_targets_from_json(json, len, &targets, &err);
  free(json);
  if (st != TTHC_OK) return fail(argv[3], st, &err);

  /* Count every dossier of the file by unit, working time on the national calendar. */
  int year;
  tthc_date_to_ymd(tthc_datetime_date(as_of), &year, NULL, NULL);
  tthc_cal *cal = NULL;
  tthc_agg *agg = NULL;
  tthc_io_reader *in = NULL;
  tthc_dossier *d = NULL;
  tthc_index766 *table = NULL;
  st = tthc_cal_new_vietnam(year - 1, year + 1, &cal);
  tthc_dossier_clock clock = {cal, NULL, NULL, {NULL, NULL, NULL}};
  if (st == TTHC_OK) st = tthc_agg_new(TTHC_BY_UNIT, 0, as_of, &agg);
  if (st == TTHC_OK) st = tthc_agg_set_clock(agg, &clock);
  if (st == TTHC_OK) st = tthc_dossier_new(NULL, 0, &d);
  if (st == TTHC_OK) st = tthc_io_reader_open(file, TTHC_IO_AUTO, 0, &in, &err);
  for (int got = 1; st == TTHC_OK && got;) {
    st = tthc_io_reader_next(in, d, &got, &err);
    if (st == TTHC_OK && got) st = tthc_agg_add(agg, d, &err);
  }
  if (st == TTHC_OK) st = tthc_index766_default(&table);
  if (st != TTHC_OK) {
    int rc = fail(file, st, &err);
    tthc_io_reader_free(in), tthc_dossier_free(d), tthc_agg_free(agg), tthc_cal_free(cal);
    tthc_targets_free(targets);
    return rc;
  }

  /* The 766 index of every unit, ranked; then the unit asked for. */
  size_t n = tthc_agg_group_count(agg), me = n;
  double *share = calloc(n ? n : 1, sizeof *share);
  int32_t *rank = calloc(n ? n : 1, sizeof *rank);
  tthc_index766_result score;
  for (size_t i = 0; share && i < n; i++) {
    tthc_index766_score(table, agg, i, NULL, 0, &score);
    share[i] = score.max > 0 ? score.share : NAN;
  }
  int rc = 1;
  if (share && rank && tthc_rank(share, n, rank) == TTHC_OK &&
      tthc_agg_find(agg, unit, NULL, NULL, 0, &me) == TTHC_OK) {
    char when[TTHC_DATETIME_STRLEN], a[32], b[32];
    tthc_datetime_format(as_of, 0, when, sizeof when, NULL);
    tthc_index766_score(table, agg, me, NULL, 0, &score);
    tthc_percent_format(score.share, 2, a, sizeof a, NULL);
    tthc_rank_format(rank[me], (int32_t)n, b, sizeof b, NULL);
    printf("%s, as of %s\n", unit, when);
    printf("766 index %s (%s), rank %s of the units in %s\n", a, tthc_grade_name_vi(score.grade),
           b, file);
    rc = 0;
    for (size_t k = 0; k < tthc_targets_count(targets); k++) {
      tthc_target_check c;
      tthc_targets_check(targets, k, agg, me, &c);
      tthc_rate_format(&c.actual, 2, a, sizeof a, NULL);
      tthc_percent_format(c.bound, 0, b, sizeof b, NULL);
      printf("  %-12s %8s  target %s %-5s %s\n", tthc_rate_name(c.rate), a,
             c.is_max ? "at most" : "at least", b,
             c.pass < 0 ? "not applicable" : c.pass ? "met" : "MISSED");
      if (c.pass == 0) rc = 3;
    }
  } else {
    fprintf(stderr, "commune_report: no dossier of '%s' in %s\n", unit, file);
  }
  free(share), free(rank);
  tthc_index766_free(table), tthc_io_reader_free(in), tthc_dossier_free(d);
  tthc_agg_free(agg), tthc_cal_free(cal), tthc_targets_free(targets);
  return rc;
}
