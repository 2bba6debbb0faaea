/* Seeded synthetic dossiers for tests and benchmarks (header-only; static functions).
 *
 * gen_init(&g, seed, units, procedures) then gen_next(&g, d) fills a dossier with a plausible
 * life: received in 2025 during working hours, mostly accepted with an appointment, sometimes
 * supplemented, paused, refused, withdrawn, apologised for, finished early, on time or late,
 * returned at the counter, by post or electronically, paid online. The same seed always gives
 * the same sequence of dossiers (xorshift64*, no libc rand). */
#ifndef TTHC_TESTS_DOSSIER_GEN_H
#define TTHC_TESTS_DOSSIER_GEN_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tthc.h"

typedef struct gen {
  uint64_t s;
  int units, procedures;
  uint64_t seq;
  int quotes; /* 1: some reasons contain commas, quotes and newlines (CSV stress) */
} gen;

static uint64_t gen_u64(gen *g) {
  g->s ^= g->s >> 12;
  g->s ^= g->s << 25;
  g->s ^= g->s >> 27;
  return g->s * 2685821657736338717ull;
}

static int gen_int(gen *g, int n) { return (int)((gen_u64(g) >> 33) % (uint64_t)n); }

static void gen_init(gen *g, uint64_t seed, int units, int procedures) {
  g->s = seed * 0x9E3779B97F4A7C15ull + 1;
  g->units = units;
  g->procedures = procedures;
  g->seq = 0;
  g->quotes = 0;
  for (int i = 0; i < 4; i++) gen_u64(g);
}

static tthc_datetime gen_at(tthc_date d, int hour, int minute) {
  tthc_datetime t;
  tthc_datetime_make(d, hour, minute, 0, &t);
  return t;
}

static void gen_event(tthc_dossier *d, int kind, tthc_datetime at, tthc_datetime due,
                      const char *text, int channel, unsigned flags) {
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  e.kind = kind;
  e.at = at;
  e.due = due;
  e.text = text;
  e.channel = channel;
  e.flags = flags;
  tthc_dossier_append(d, &e, NULL); /* an impossible draw is simply not appended */
}

/* Fill d (reset) with the next synthetic dossier. */
static void gen_next(gen *g, tthc_dossier *d) {
  static const char *const fields[] = {"Hộ tịch", "Chứng thực",   "Đất đai", "Xây dựng",
                                       "Lao động", "Bảo trợ xã hội", "Kinh doanh", "Y tế"};
  tthc_date jan1;
  tthc_date_from_ymd(2025, 1, 1, &jan1);
  int unit = gen_int(g, g->units);
  int proc = gen_int(g, g->procedures);
  tthc_date day = jan1 + gen_int(g, 365);
  int wd = tthc_date_weekday(day);
  if (wd >= 6) day += 8 - wd; /* received on a working day */
  tthc_datetime received = gen_at(day, 7 + gen_int(g, 10), gen_int(g, 60));
  char code[64], unit_name[48], proc_code[16];
  int y, m, dd;
  tthc_date_to_ymd(day, &y, &m, &dd);
  snprintf(code, sizeof code, "000.%02d.%02d.H26-%02d%02d%02d-%04d", unit % 100, unit / 100 % 100,
           y % 100, m, dd, (int)(++g->seq % 10000));
  snprintf(unit_name, sizeof unit_name, "UBND xã %03d", unit);
  snprintf(proc_code, sizeof proc_code, "%d.%06d", 1 + proc % 2, 1000 + proc);
  tthc_dossier_reset(d, code, received);
  tthc_dossier_set_text(d, TTHC_DOSSIER_UNIT, unit_name);
  tthc_dossier_set_text(d, TTHC_DOSSIER_PROCEDURE, proc_code);
  tthc_dossier_set_text(d, TTHC_DOSSIER_FIELD, fields[proc % 8]);
  int r = gen_int(g, 100);
  int channel = r < 55 ? TTHC_CHANNEL_ONLINE : r < 95 ? TTHC_CHANNEL_DIRECT : TTHC_CHANNEL_POSTAL;
  tthc_dossier_set_int(d, TTHC_DOSSIER_CHANNEL, channel);
  if (channel == TTHC_CHANNEL_ONLINE)
    tthc_dossier_set_int(d, TTHC_DOSSIER_ONLINE_KIND, proc % 3 ? TTHC_ONLINE_FULL : TTHC_ONLINE_PARTIAL);
  unsigned flags = 0;
  if (gen_int(g, 100) < 70) flags |= TTHC_DOSSIER_FLAG_DIGITISED;
  if (gen_int(g, 100) < 40) flags |= TTHC_DOSSIER_FLAG_REUSED_DATA;
  if (gen_int(g, 100) < 3) flags |= TTHC_DOSSIER_FLAG_DISLIKED;
  if (gen_int(g, 1000) < 2) flags |= TTHC_DOSSIER_FLAG_TEST;
  tthc_dossier_set_int(d, TTHC_DOSSIER_FLAGS, flags);
  tthc_dossier_set_int(d, TTHC_DOSSIER_FEE, proc % 4 == 0 ? 1 : 0);
  tthc_dossier_set_int(d, TTHC_DOSSIER_RESULT_DOCUMENT, proc % 5 != 0);
  tthc_dossier_set_int(d, TTHC_DOSSIER_FOUR_AT_PLACE, proc % 7 == 0);
  if (gen_int(g, 10) == 0) tthc_dossier_set_evaluation(d, 2, gen_int(g, 3));

  int limit_days = 1 + proc % 15;
  tthc_limit lim;
  if (tthc_limit_make(limit_days, TTHC_LIMIT_WORKING_DAYS, &lim) == TTHC_OK)
    tthc_dossier_set_limit(d, lim);
  if (channel == TTHC_CHANNEL_ONLINE && proc % 4 == 0 && gen_int(g, 2))
    gen_event(d, TTHC_EVENT_PAID_ONLINE, received, TTHC_DATETIME_NONE, NULL, 1 + gen_int(g, 2), 0);
  r = gen_int(g, 100);
  if (r < 2) { /* refused at receipt */
    gen_event(d, TTHC_EVENT_REFUSED, received + 600, TTHC_DATETIME_NONE,
              g->quotes ? "không thuộc thẩm quyền, \"xã\"\nchuyển huyện" : "không thuộc thẩm quyền",
              0, 0);
    return;
  }
  if (r < 4) return; /* still awaiting acceptance */
  tthc_datetime accepted = received + gen_int(g, 4) * 900;
  tthc_datetime due = gen_at(day + limit_days + (limit_days + 4) / 5 * 2, 17, 0);
  gen_event(d, TTHC_EVENT_ACCEPTED, accepted, due, NULL, 0, 0);
  tthc_datetime t = accepted;
  if (gen_int(g, 100) < 10) {
    t += 3600 * (1 + gen_int(g, 30));
    gen_event(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, t, TTHC_DATETIME_NONE,
              g->quotes ? "thiếu bản sao, \"giấy khai sinh\"" : NULL, 0, 0);
    if (gen_int(g, 10) == 0) return; /* the applicant never came back */
    t += 86400 * (1 + gen_int(g, 5));
    gen_event(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, t, TTHC_DATETIME_NONE, NULL, 0, 0);
    if (gen_int(g, 10) == 0) { /* a second round: late under the 766 rule */
      t += 3600;
      gen_event(d, TTHC_EVENT_SUPPLEMENT_REQUESTED, t, TTHC_DATETIME_NONE, NULL, 0, 0);
      t += 86400;
      gen_event(d, TTHC_EVENT_SUPPLEMENT_RECEIVED, t, TTHC_DATETIME_NONE, NULL, 0, 0);
    }
  }
  if (gen_int(g, 100) < 5) {
    t += 3600 * (1 + gen_int(g, 20));
    gen_event(d, TTHC_EVENT_PAUSED, t, TTHC_DATETIME_NONE, "chờ xác minh", 0, 0);
    t += 3600 * (1 + gen_int(g, 72));
    gen_event(d, TTHC_EVENT_RESUMED, t, TTHC_DATETIME_NONE, NULL, 0, 0);
  }
  r = gen_int(g, 100);
  if (r < 3) {
    gen_event(d, TTHC_EVENT_REFUSED, t + 86400, TTHC_DATETIME_NONE, "không đủ điều kiện", 0, 0);
    return;
  }
  if (r < 5) {
    gen_event(d, TTHC_EVENT_WITHDRAWN, t + 3600 * (1 + gen_int(g, 48)), TTHC_DATETIME_NONE, NULL,
              0, 0);
    return;
  }
  /* finish: mostly before the due instant, sometimes after */
  int span = (int)((due - accepted) / 3600);
  int when = gen_int(g, 100) < 88 ? gen_int(g, span > 1 ? span : 1) : span + gen_int(g, 72);
  tthc_datetime fin = accepted + (int64_t)when * 3600 + gen_int(g, 3600);
  if (fin <= t) fin = t + 600;
  if (when > span && gen_int(g, 3) == 0) { /* an apology, usually in time */
    tthc_datetime ap = gen_int(g, 4) ? due - 2 * 86400 : due - 3600;
    gen_event(d, TTHC_EVENT_APOLOGY, ap < t ? t : ap, fin + 86400, NULL, 0, 0);
  }
  if (gen_int(g, 50) == 0) return; /* still in progress */
  unsigned rflags = 0;
  if (gen_int(g, 100) < 60) rflags |= TTHC_EVENT_FLAG_ELECTRONIC;
  if (gen_int(g, 100) < 50) rflags |= TTHC_EVENT_FLAG_DIGITISED;
  gen_event(d, TTHC_EVENT_RESULT_ISSUED, fin, TTHC_DATETIME_NONE, NULL, 0, rflags);
  if (gen_int(g, 10) < 8)
    gen_event(d, TTHC_EVENT_RESULT_RETURNED, fin + 3600 * gen_int(g, 30), TTHC_DATETIME_NONE, NULL,
              1 + gen_int(g, 3), 0);
}

/* n dossiers of g written as CSV (through the file at path, removed after) and read back into
 * memory: malloc'ed, NUL-terminated, *len bytes. NULL on any failure. */
static inline char *gen_csv(gen *g, int n, const char *path, size_t *len) {
  tthc_io_writer *w;
  tthc_dossier *d;
  char *buf = NULL;
  *len = 0;
  if (tthc_dossier_new(NULL, 0, &d) != TTHC_OK) return NULL;
  if (tthc_io_writer_open(path, TTHC_IO_CSV, &w, NULL) == TTHC_OK) {
    tthc_status st = TTHC_OK;
    for (int i = 0; i < n && st == TTHC_OK; i++) {
      gen_next(g, d);
      st = tthc_io_writer_write(w, d);
    }
    FILE *f = tthc_io_writer_close(w) == TTHC_OK && st == TTHC_OK ? fopen(path, "rb") : NULL;
    long size = f && fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (buf = malloc((size_t)size + 1)) != NULL) {
      if (fread(buf, 1, (size_t)size, f) == (size_t)size) {
        buf[size] = '\0';
        *len = (size_t)size;
      } else {
        free(buf);
        buf = NULL;
      }
    }
    if (f) fclose(f);
    remove(path);
  }
  tthc_dossier_free(d);
  return buf;
}

#endif
