/* One dossier reader under fuzzing (included by fuzz_jsonl.c and fuzz_csv.c):
 * - the reader always moves on (the record number grows by one per record, delivered or
 *   rejected; the bytes consumed never exceed the input) and errors are filled consistently;
 * - every dossier read survives JSON: to_json(from_json(to_json(d))) == to_json(d);
 * - save(load(x)) reloads identically: the dossiers written by tthc_io_writer in the same format
 *   read back to the same JSON;
 * - an input read without error gives the same dossiers when tthc_io_split() cuts it in parts
 *   read by separate readers (the parallel path);
 * - the status of each dossier at its last event and an aggregate over them are computed
 *   without crashing. */
#ifndef TTHC_FUZZ_IO_H
#define TTHC_FUZZ_IO_H
#include <unistd.h>

#include "fuzz_common.h"

#define IO_MAX_RECORDS 256

typedef struct io_list {
  char *json[IO_MAX_RECORDS]; /* NULL for a rejected record */
  tthc_status st[IO_MAX_RECORDS];
  size_t n, bad;
} io_list;

static void io_list_free(io_list *l) {
  for (size_t i = 0; i < l->n; i++) tthc_free(l->json[i]);
  l->n = l->bad = 0;
}

/* Read everything r delivers into l (at most IO_MAX_RECORDS records). */
static void io_read_all(tthc_io_reader *r, tthc_dossier *d, size_t size, io_list *l) {
  int64_t rec = tthc_io_reader_records(r), bytes = tthc_io_reader_bytes(r);
  while (l->n < IO_MAX_RECORDS) {
    int got = 7;
    tthc_error err;
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    int64_t rec2 = tthc_io_reader_records(r), bytes2 = tthc_io_reader_bytes(r);
    FUZZ_CHECK(bytes2 >= bytes && (uint64_t)bytes2 <= size);
    bytes = bytes2;
    if (st == TTHC_OK && !got) {
      FUZZ_CHECK(rec2 == rec);
      break;
    }
    FUZZ_CHECK(rec2 == rec + 1);
    rec = rec2;
    l->st[l->n] = st;
    l->json[l->n] = NULL;
    if (st != TTHC_OK) {
      FUZZ_CHECK(got == 0);
      fuzz_check_error(st, &err, SIZE_MAX);
      l->n++, l->bad++;
      continue;
    }
    FUZZ_CHECK(got == 1);
    char *j = NULL, *j2 = NULL;
    FUZZ_CHECK(tthc_io_dossier_to_json_alloc(d, &j) == TTHC_OK);
    tthc_dossier *d2 = NULL;
    FUZZ_CHECK(tthc_dossier_new(NULL, 0, &d2) == TTHC_OK);
    if (tthc_io_dossier_from_json(j, strlen(j), d2, &err) != TTHC_OK) {
      fprintf(stderr, "JSON of a dossier read does not read back: %s\n%s\n", err.message, j);
      FUZZ_CHECK(0);
    }
    FUZZ_CHECK(tthc_io_dossier_to_json_alloc(d2, &j2) == TTHC_OK);
    if (strcmp(j, j2) != 0) {
      fprintf(stderr, "JSON round trip differs:\n%s\n%s\n", j, j2);
      FUZZ_CHECK(0);
    }
    tthc_free(j2);
    tthc_dossier_free(d2);
    l->json[l->n++] = j;
  }
}

/* A scratch file for the writer round trip, created once per process. */
static const char *io_scratch(int format) {
  static char path[2][64];
  char *p = path[format == TTHC_IO_CSV];
  if (!p[0]) {
    snprintf(p, 64, "/tmp/tthc_fuzz_%ld_%s", (long)getpid(), format == TTHC_IO_CSV ? "csv" : "jsonl");
  }
  return p;
}

static void io_writer_roundtrip(int format, const tthc_dossier *const *ds, size_t n,
                                const io_list *l) {
  const char *path = io_scratch(format);
  tthc_io_writer *w = NULL;
  FUZZ_CHECK(tthc_io_writer_open(path, format, &w, NULL) == TTHC_OK);
  for (size_t i = 0; i < n; i++) FUZZ_CHECK(tthc_io_writer_write(w, ds[i]) == TTHC_OK);
  FUZZ_CHECK(tthc_io_writer_close(w) == TTHC_OK);
  tthc_io_reader *r = NULL;
  tthc_error err;
  FUZZ_CHECK(tthc_io_reader_open(path, format, 0, &r, &err) == TTHC_OK);
  tthc_dossier *d = NULL;
  FUZZ_CHECK(tthc_dossier_new(NULL, 0, &d) == TTHC_OK);
  size_t k = 0;
  for (size_t i = 0; i < l->n; i++) {
    if (!l->json[i]) continue;
    int got = 0;
    tthc_status st = tthc_io_reader_next(r, d, &got, &err);
    if (st != TTHC_OK) {
      fprintf(stderr, "written record %zu does not read back: %s\n", k, err.message);
      FUZZ_CHECK(0);
    }
    FUZZ_CHECK(got == 1);
    char *j = NULL;
    FUZZ_CHECK(tthc_io_dossier_to_json_alloc(d, &j) == TTHC_OK);
    if (strcmp(j, l->json[i]) != 0) {
      fprintf(stderr, "written record %zu reads back differently:\n%s\n%s\n", k, l->json[i], j);
      FUZZ_CHECK(0);
    }
    tthc_free(j);
    k++;
  }
  int got = 1;
  FUZZ_CHECK(tthc_io_reader_next(r, d, &got, &err) == TTHC_OK && got == 0);
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
  unlink(path);
}

static const tthc_cal *io_calendar(void) {
  static tthc_cal *cal;
  if (!cal) FUZZ_CHECK(tthc_cal_new_vietnam(2020, 2030, &cal) == TTHC_OK);
  return cal;
}

static void io_fuzz(int format, const uint8_t *data, size_t size) {
  const char *s = (const char *)data;
  tthc_io_reader *r = NULL;
  tthc_error err;
  tthc_status st = tthc_io_reader_new_mem(s, size, format, 0, &r, &err);
  if (st != TTHC_OK) {
    fuzz_check_error(st, &err, size);
    FUZZ_CHECK(r == NULL);
    return;
  }
  tthc_dossier *d = NULL;
  FUZZ_CHECK(tthc_dossier_new(NULL, 0, &d) == TTHC_OK);
  io_list all = {0};
  io_read_all(r, d, size, &all);

  /* keep the dossiers read (from their JSON) for the writer, the status and the aggregate */
  tthc_dossier *ds[IO_MAX_RECORDS];
  size_t nd = 0;
  tthc_agg *agg = NULL;
  tthc_dossier_clock clock;
  memset(&clock, 0, sizeof clock);
  clock.cal = io_calendar();
  tthc_datetime as_of;
  FUZZ_CHECK(tthc_datetime_parse("2025-12-31T17:00", 16, &as_of, NULL) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_new(TTHC_BY_UNIT | TTHC_BY_PERIOD, TTHC_PERIOD_MONTH, as_of, &agg) == TTHC_OK);
  FUZZ_CHECK(tthc_agg_set_clock(agg, &clock) == TTHC_OK);
  for (size_t i = 0; i < all.n; i++) {
    if (!all.json[i]) continue;
    FUZZ_CHECK(tthc_dossier_new(NULL, 0, &ds[nd]) == TTHC_OK);
    FUZZ_CHECK(tthc_io_dossier_from_json(all.json[i], strlen(all.json[i]), ds[nd], NULL) == TTHC_OK);
    size_t ne = tthc_dossier_event_count(ds[nd]);
    int64_t at;
    FUZZ_CHECK(tthc_dossier_get_int(ds[nd], TTHC_DOSSIER_RECEIVED_AT, &at) == TTHC_OK);
    if (ne) {
      tthc_dossier_event ev;
      FUZZ_CHECK(tthc_dossier_event_get(ds[nd], ne - 1, &ev) == TTHC_OK);
      at = ev.at;
    }
    tthc_dossier_status stt;
    st = tthc_dossier_status_at(ds[nd], at, 0, NULL, &stt);
    FUZZ_CHECK(st == TTHC_OK || st == TTHC_ERANGE);
    st = tthc_dossier_status_at(ds[nd], at, TTHC_STATUS_SUPPLEMENT_RESTART, &clock, &stt);
    FUZZ_CHECK(st == TTHC_OK || st == TTHC_ERANGE);
    st = tthc_agg_add(agg, ds[nd], NULL);
    FUZZ_CHECK(st == TTHC_OK || st == TTHC_ERANGE);
    nd++;
  }
  for (size_t g = 0; g < tthc_agg_group_count(agg); g++) {
    tthc_time_stats ts;
    tthc_eval ev;
    FUZZ_CHECK(tthc_agg_time(agg, g, &ts) == TTHC_OK && tthc_agg_eval(agg, g, &ev) == TTHC_OK);
  }
  tthc_agg_free(agg);
  io_writer_roundtrip(format, (const tthc_dossier *const *)ds, nd, &all);
  for (size_t i = 0; i < nd; i++) tthc_dossier_free(ds[i]);

  /* the parallel path: cut the records in 3 parts and read each with its own reader */
  size_t body;
  int64_t line0;
  FUZZ_CHECK(tthc_io_reader_body(r, &body, &line0) == TTHC_OK && body <= size);
  if (all.bad == 0 && all.n < IO_MAX_RECORDS) {
    size_t cuts[4];
    int64_t lines[3];
    FUZZ_CHECK(tthc_io_split(s + body, size - body, format, 3, cuts, lines) == TTHC_OK);
    FUZZ_CHECK(cuts[0] == 0 && cuts[3] == size - body);
    io_list parts = {0};
    for (int k = 0; k < 3; k++) {
      FUZZ_CHECK(cuts[k] <= cuts[k + 1]);
      tthc_io_reader *pr = NULL;
      FUZZ_CHECK(tthc_io_reader_new_mem_like(r, s + body + cuts[k], cuts[k + 1] - cuts[k],
                                             line0 + lines[k], 0, &pr) == TTHC_OK);
      io_read_all(pr, d, cuts[k + 1] - cuts[k], &parts);
      tthc_io_reader_free(pr);
    }
    if (parts.n != all.n || parts.bad) {
      fprintf(stderr, "split read: %zu records (%zu bad), whole read: %zu\n", parts.n, parts.bad,
              all.n);
      FUZZ_CHECK(0);
    }
    for (size_t i = 0; i < all.n; i++) FUZZ_CHECK(strcmp(parts.json[i], all.json[i]) == 0);
    io_list_free(&parts);
  }
  io_list_free(&all);
  tthc_dossier_free(d);
  tthc_io_reader_free(r);
}

#endif
