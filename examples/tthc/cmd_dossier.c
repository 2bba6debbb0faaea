/* tthc dossier: the timeline and status of one dossier found by code in a JSON Lines or CSV
 * file. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli_calendar.h"

#define CMD "dossier"

static void fmt_t(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  if (t == TTHC_DATETIME_NONE) {
    strcpy(out, "-");
    return;
  }
  unsigned fl = tthc_datetime_time_of_day(t) % 60 ? TTHC_DATETIME_SECONDS : 0;
  if (tthc_datetime_format(t, fl, out, TTHC_DATETIME_STRLEN, NULL) != TTHC_OK) strcpy(out, "?");
}

/* "2 d 03 h 10 min" of calendar time; "11 h 05 min" of working time */
static void fmt_span(int64_t s, bool days, char out[48]) {
  int64_t m = s / 60;
  if (days && m >= 24 * 60)
    snprintf(out, 48, "%lld d %02lld h %02lld min", (long long)(m / 1440), (long long)(m / 60 % 24),
             (long long)(m % 60));
  else
    snprintf(out, 48, "%lld h %02lld min", (long long)(m / 60), (long long)(m % 60));
}

/* Find the dossier whose code is `id`; returns 1 found, 0 not found, -1 error (printed). */
static int find(const char *path, const char *id, tthc_dossier *d, int64_t *bad) {
  tthc_io_reader *r;
  tthc_error err;
  tthc_status st = tthc_io_reader_open(path, TTHC_IO_AUTO, 0, &r, &err);
  if (st != TTHC_OK) {
    cli_status_error(CMD, st, &err);
    return -1;
  }
  int found = 0;
  for (;;) {
    int got;
    st = tthc_io_reader_next(r, d, &got, &err);
    if (st == TTHC_EIO || st == TTHC_ENOMEM) {
      cli_status_error(CMD, st, &err);
      found = -1;
      break;
    }
    if (st != TTHC_OK) {
      (*bad)++;
      continue;
    }
    if (!got) break;
    if (!strcmp(tthc_dossier_get_text(d, TTHC_DOSSIER_CODE), id)) {
      found = 1;
      break;
    }
  }
  tthc_io_reader_free(r);
  return found;
}

static const char *channel_text(int64_t ch) {
  return ch == TTHC_CHANNEL_DIRECT ? "trực tiếp" : ch == TTHC_CHANNEL_ONLINE ? "trực tuyến"
         : ch == TTHC_CHANNEL_POSTAL ? "bưu chính" : "kênh không rõ";
}

static int print_text(const tthc_dossier *d, const tthc_dossier_status *s, tthc_datetime as_of) {
  char a[TTHC_DATETIME_STRLEN], b[TTHC_DATETIME_STRLEN], x[48], y[48];
  int64_t ch, recv;
  tthc_dossier_get_int(d, TTHC_DOSSIER_CHANNEL, &ch);
  tthc_dossier_get_int(d, TTHC_DOSSIER_RECEIVED_AT, &recv);
  printf("Hồ sơ %s", tthc_dossier_get_text(d, TTHC_DOSSIER_CODE));
  const char *p = tthc_dossier_get_text(d, TTHC_DOSSIER_PROCEDURE);
  const char *u = tthc_dossier_get_text(d, TTHC_DOSSIER_UNIT);
  const char *f = tthc_dossier_get_text(d, TTHC_DOSSIER_FIELD);
  if (*p) printf(" — thủ tục %s", p);
  if (*u) printf(" — %s", u);
  if (*f) printf(" (%s)", f);
  printf(" — %s\n", channel_text(ch));
  fmt_t(recv, a);
  printf("  %-19s %s\n", a, "Nhận hồ sơ (received)");
  for (size_t i = 0; i < tthc_dossier_event_count(d); i++) {
    tthc_dossier_event e;
    tthc_dossier_event_get(d, i, &e);
    fmt_t(e.at, a);
    printf("  %-19s %s (%s)", a, tthc_dossier_event_kind_label_vi(e.kind),
           tthc_dossier_event_kind_name(e.kind));
    if (e.due != TTHC_DATETIME_NONE) fmt_t(e.due, b), printf(", hẹn trả %s", b);
    if (e.kind == TTHC_EVENT_APOLOGY) printf(e.flags & TTHC_EVENT_FLAG_LATE ? ", LESS than a day before the due date" : "");
    if (e.flags & TTHC_EVENT_FLAG_ELECTRONIC) printf(", electronic");
    if (e.flags & TTHC_EVENT_FLAG_DIGITISED) printf(", digitised");
    if (e.kind == TTHC_EVENT_RESULT_RETURNED && e.channel)
      printf(", %s", e.channel == 1 ? "at the counter" : e.channel == 2 ? "by post" : "electronically");
    if (e.kind == TTHC_EVENT_PAID_ONLINE) printf(", gateway %d", e.channel);
    if (e.text) printf(": %s", e.text);
    printf("\n");
  }
  fmt_t(as_of, a);
  printf("Status at %s: %s — %s (%s)\n", a, tthc_dossier_state_name(s->state),
         tthc_dossier_category_label_vi(s->category), tthc_dossier_category_name(s->category));
  if (s->due != TTHC_DATETIME_NONE) {
    fmt_t(s->due, a), fmt_t(s->appointment, b);
    printf("  due %s", a);
    if (s->appointment != s->due) printf(" (appointment %s, moved by the time the clock stood still)", b);
    printf("\n");
  } else if (s->accepted_at != TTHC_DATETIME_NONE) {
    printf("  no due instant (no appointment on record and no statutory limit)\n");
  }
  if (s->finished_at != TTHC_DATETIME_NONE) fmt_t(s->finished_at, a), printf("  end of processing %s\n", a);
  if (s->accepted_at != TTHC_DATETIME_NONE) {
    fmt_span(s->used_seconds, true, x);
    printf("  time used %s", x);
    if (s->working_seconds >= 0) fmt_span(s->working_seconds, false, y), printf(" (working time %s", y);
    if (s->budget_seconds > 0) fmt_span(s->budget_seconds, false, y), printf(" of %s allowed", y);
    if (s->working_seconds >= 0) printf(")");
    printf("\n");
  }
  if (s->pauses || s->supplement_rounds) {
    fmt_span(s->paused_seconds, true, x), fmt_span(s->supplement_seconds, true, y);
    printf("  paused %d time(s), %s; supplementation %d round(s), %s\n", s->pauses, x,
           s->supplement_rounds, y);
  }
  printf("  apology: %s; owed: %s\n",
         !s->apology_issued ? "none" : s->apology_in_time ? "issued in time" : "issued LATE",
         s->apology_owed ? "YES" : "no");
  return CLI_OK;
}

static int print_json(const tthc_dossier *d, const tthc_dossier_status *s, tthc_datetime as_of) {
  char *js;
  if (tthc_io_dossier_to_json_alloc(d, &js) != TTHC_OK) return cli_input_error(CMD, "out of memory");
  json_t *dossier = json_loads(js, 0, NULL);
  tthc_free(js);
  char a[TTHC_DATETIME_STRLEN];
#define T(t)                                                                       \
  ((t) == TTHC_DATETIME_NONE                                                        \
       ? json_null()                                                                \
       : (tthc_datetime_format((t), TTHC_DATETIME_SECONDS, a, sizeof a, NULL), json_string(a)))
  json_t *st = json_object();
  json_object_set_new(st, "as_of", T(as_of));
  json_object_set_new(st, "state", json_string(tthc_dossier_state_name(s->state)));
  json_object_set_new(st, "category", json_string(tthc_dossier_category_name(s->category)));
  json_object_set_new(st, "category_vi", json_string(tthc_dossier_category_label_vi(s->category)));
  json_object_set_new(st, "accepted_at", T(s->accepted_at));
  json_object_set_new(st, "original_due", T(s->original_due));
  json_object_set_new(st, "appointment", T(s->appointment));
  json_object_set_new(st, "due", T(s->due));
  json_object_set_new(st, "finished_at", T(s->finished_at));
#undef T
  json_object_set_new(st, "used_seconds", json_integer(s->used_seconds));
  json_object_set_new(st, "working_seconds", s->working_seconds >= 0 ? json_integer(s->working_seconds) : json_null());
  json_object_set_new(st, "budget_seconds", s->budget_seconds >= 0 ? json_integer(s->budget_seconds) : json_null());
  json_object_set_new(st, "paused_seconds", json_integer(s->paused_seconds));
  json_object_set_new(st, "supplement_seconds", json_integer(s->supplement_seconds));
  json_object_set_new(st, "supplement_rounds", json_integer(s->supplement_rounds));
  json_object_set_new(st, "pauses", json_integer(s->pauses));
  json_object_set_new(st, "apology_issued", json_boolean(s->apology_issued));
  json_object_set_new(st, "apology_in_time", json_boolean(s->apology_in_time));
  json_object_set_new(st, "apology_owed", json_boolean(s->apology_owed));
  return cli_print_json(json_pack("{s:o,s:o}", "dossier", dossier ? dossier : json_null(), "status", st));
}

int cmd_dossier(int argc, char **argv) {
  bool json = false, help = false, by_instant = false, restart = false, multi_ok = false;
  const char *as_of_s = NULL;
  const char *pos[2];
  cli_cal_opts calo = {0};
  cli_opt opts[] = {{"--json", false, NULL, &json},
                    {"--as-of", true, &as_of_s, NULL},
                    {"--by-instant", false, NULL, &by_instant},
                    {"--restart", false, NULL, &restart},
                    {"--multi-ok", false, NULL, &multi_ok},
                    CLI_CAL_OPTIONS(calo),
                    {0}};
  int n = cli_parse(argc, argv, opts, pos, 2, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc dossier FILE CODE [--as-of DATETIME] [--by-instant] [--restart] [--multi-ok]\n"
         "                   [--json]\n"
         "The timeline of the dossier CODE in FILE (JSON Lines, or CSV for *.csv) and its status\n"
         "at the report instant (default: now): state, early / on time / late or on track /\n"
         "overdue, due instant, time used (working time on the national calendar), pauses and\n"
         "supplementation, and whether an apology is owed.\n"
         "  --by-instant  early means before the due instant (default: before the due date)\n"
         "  --restart     supplementation restarts the time limit (default: subtracted, 766)\n"
         "  --multi-ok    more than one supplementation request is not late by itself\n"
         CLI_CAL_HELP);
    return CLI_OK;
  }
  if (n != 2) return cli_usage_error(CMD, "expected FILE and CODE (see tthc dossier --help)");
  tthc_datetime as_of;
  if (as_of_s) {
    if (!cli_parse_datetime(CMD, as_of_s, &as_of)) return CLI_BAD_INPUT;
  } else {
    tthc_datetime_from_unix((int64_t)time(NULL), &as_of);
  }
  tthc_dossier *d;
  if (tthc_dossier_new(NULL, 0, &d) != TTHC_OK) return cli_input_error(CMD, "out of memory");
  int64_t bad = 0;
  int found = find(pos[0], pos[1], d, &bad);
  int rc = CLI_OK;
  if (found < 0) rc = CLI_BAD_INPUT;
  else if (!found) {
    rc = cli_input_error(CMD, "no dossier '%s' in %s%s", pos[1], pos[0],
                         bad ? " (some records could not be read)" : "");
  } else {
    int64_t recv;
    tthc_dossier_get_int(d, TTHC_DOSSIER_RECEIVED_AT, &recv);
    tthc_cal *cal = NULL;
    rc = cli_cal_build_span(CMD, tthc_datetime_date(recv) - 31, tthc_datetime_date(as_of) + 366,
                            &calo, &cal);
    if (rc == CLI_OK) {
      unsigned policy = (by_instant ? TTHC_STATUS_EARLY_BY_INSTANT : 0) |
                        (restart ? TTHC_STATUS_SUPPLEMENT_RESTART : 0) |
                        (multi_ok ? TTHC_STATUS_MULTI_SUPPLEMENT_NOT_LATE : 0);
      tthc_dossier_clock ck = {cal, NULL, NULL, {NULL, NULL, NULL}};
      tthc_dossier_status s;
      tthc_status st = tthc_dossier_status_at(d, as_of, policy, &ck, &s);
      if (st == TTHC_ERANGE && as_of < recv) rc = cli_input_error(CMD, "--as-of is before the dossier's receipt");
      else if (st != TTHC_OK) rc = cli_status_error(CMD, st, NULL);
      else rc = json ? print_json(d, &s, as_of) : print_text(d, &s, as_of);
      tthc_cal_free(cal);
    }
  }
  tthc_dossier_free(d);
  return rc;
}
