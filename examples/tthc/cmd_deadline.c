/* tthc deadline: the due instant of a dossier; --batch over CSV; --elapsed working time. */
#define _POSIX_C_SOURCE 200809L /* getline, strncasecmp */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli_calendar.h"

#define CMD "deadline"

typedef struct opts {
  const char *received, *limit, *cutoff, *hours, *elapsed;
  bool json, explain, batch, same_time, vi, help;
  cli_cal_opts cal;
} opts;

/* "2025-02-10T17:00", with seconds only when they are not zero. */
static void fmt_instant(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  unsigned fl = tthc_datetime_time_of_day(t) % 60 ? TTHC_DATETIME_SECONDS : 0;
  if (tthc_datetime_format(t, fl, out, TTHC_DATETIME_STRLEN, NULL) != TTHC_OK) snprintf(out, TTHC_DATETIME_STRLEN, "?");
}

/* "HH:MM" or "none" -> seconds after midnight (-1 for none). */
static bool parse_cutoff(const char *s, int64_t *out) {
  if (!strcmp(s, "none") || !strcmp(s, "off")) return *out = -1, true;
  int h, m;
  char tail;
  if (sscanf(s, "%2d:%2d%c", &h, &m, &tail) != 2 || h < 0 || h > 24 || m < 0 || m > 59 ||
      (h == 24 && m)) {
    cli_usage_error(CMD, "--cutoff expects HH:MM (00:00-24:00) or none, not '%s'", s);
    return false;
  }
  *out = h * 3600 + m * 60;
  return true;
}

/* Policy and hours from the options. Returns an exit code (CLI_OK on success). */
static int setup(const opts *o, tthc_deadline_policy **pol, tthc_hours **hours) {
  *pol = NULL, *hours = NULL;
  int64_t cutoff = 15 * 3600;
  if (o->cutoff && !parse_cutoff(o->cutoff, &cutoff)) return CLI_USAGE;
  if (tthc_deadline_policy_new(pol) != TTHC_OK || tthc_hours_new(hours) != TTHC_OK)
    return cli_input_error(CMD, "out of memory");
  tthc_deadline_policy_set(*pol, TTHC_POLICY_CUTOFF, cutoff);
  if (o->cutoff) tthc_deadline_policy_set(*pol, TTHC_POLICY_PHRASE_CUTOFF, 0);
  if (o->same_time) tthc_deadline_policy_set(*pol, TTHC_POLICY_DUE_TIME, TTHC_DUE_SAME_TIME);
  if (o->hours) {
    tthc_error err;
    tthc_status st = tthc_hours_set_sessions(*hours, TTHC_WEEKDAYS_ALL, o->hours,
                                             strlen(o->hours), &err);
    if (st != TTHC_OK) return cli_status_error(CMD, st, &err);
  }
  return CLI_OK;
}

/* Days the limit may span, to size the calendar. */
static int32_t span_days(tthc_limit l) {
  switch (l.unit) {
    case TTHC_LIMIT_WORKING_DAYS: return l.value * 2 + 60;
    case TTHC_LIMIT_WORKING_HOURS: return l.value / 4 + 60;
    case TTHC_LIMIT_CALENDAR_DAYS: return l.value + 60;
    case TTHC_LIMIT_MONTHS: return l.value * 31 + 60;
    default: return 60;
  }
}

static json_t *step_json(const tthc_deadline_step *s, bool vi) {
  char text[512], d[TTHC_DATE_STRLEN], t[TTHC_DATETIME_STRLEN];
  if (tthc_deadline_step_describe(s, vi, text, sizeof text, NULL) != TTHC_OK) snprintf(text, sizeof text, "?");
  json_t *o = json_pack("{s:s}", "step", tthc_step_kind_name(s->kind));
  switch (s->kind) {
    case TTHC_STEP_RECEIVED:
    case TTHC_STEP_START:
    case TTHC_STEP_DUE:
      fmt_instant(s->at, t);
      json_object_set_new(o, "at", json_string(t));
      if (s->kind != TTHC_STEP_RECEIVED)
        json_object_set_new(o, "reason", json_string(tthc_step_reason_name(s->reason)));
      break;
    case TTHC_STEP_COUNT:
      cli_fmt_date(s->date, d);
      json_object_set_new(o, "from", json_string(d));
      cli_fmt_date(s->date2, d);
      json_object_set_new(o, "to", json_string(d));
      break;
    default:
      cli_fmt_date(s->date, d);
      json_object_set_new(o, "date", json_string(d));
      json_object_set_new(o, "day_kind", json_string(tthc_day_kind_name(s->day_kind)));
      if (s->entry)
        json_object_set_new(o, "entry", json_string(vi ? tthc_cal_entry_name_vi(s->entry)
                                                        : tthc_cal_entry_name_en(s->entry)));
      if (s->kind == TTHC_STEP_ROLL) {
        cli_fmt_date(s->date2, d);
        json_object_set_new(o, "to", json_string(d));
      }
  }
  json_object_set_new(o, "text", json_string(text));
  return o;
}

static json_t *limit_json(tthc_limit l) {
  json_t *v = l.milli ? json_real(l.value + l.milli / 1000.0) : json_integer(l.value);
  return json_pack("{s:o,s:s}", "value", v, "unit", tthc_limit_unit_name(l.unit));
}

static int single(const opts *o) {
  tthc_datetime received;
  tthc_limit limit;
  tthc_error err;
  if (!cli_parse_datetime(CMD, o->received, &received)) return CLI_BAD_INPUT;
  tthc_status st = tthc_limit_parse(o->limit, strlen(o->limit), &limit, &err);
  if (st != TTHC_OK) return cli_status_error(CMD, st, &err);
  tthc_deadline_policy *pol;
  tthc_hours *hours;
  tthc_cal *cal = NULL;
  tthc_deadline_result *r = NULL;
  int rc = setup(o, &pol, &hours);
  tthc_date d = tthc_datetime_date(received);
  if (rc == CLI_OK) rc = cli_cal_build_span(CMD, d, d + span_days(limit), &o->cal, &cal);
  if (rc == CLI_OK) {
    st = tthc_deadline_explain(cal, hours, pol, received, limit, &r);
    if (st != TTHC_OK)
      rc = cli_input_error(CMD, "%s (the calendar covers %d days around the receipt)",
                           tthc_strerror(st), (int)(tthc_cal_last_date(cal) -
                                                    tthc_cal_first_date(cal) + 1));
  }
  if (rc == CLI_OK) {
    char rs[TTHC_DATETIME_STRLEN], ss[TTHC_DATETIME_STRLEN], ds[TTHC_DATETIME_STRLEN];
    fmt_instant(received, rs);
    fmt_instant(tthc_deadline_result_start(r), ss);
    fmt_instant(tthc_deadline_result_due(r), ds);
    size_t n = tthc_deadline_result_step_count(r);
    tthc_deadline_step s;
    if (o->json) {
      json_t *j = json_pack("{s:s,s:s,s:o,s:s}", "received", rs, "start", ss, "limit",
                            limit_json(limit), "due", ds);
      if (o->explain) {
        json_t *a = json_array();
        for (size_t i = 0; i < n; i++)
          if (tthc_deadline_result_step(r, i, &s) == TTHC_OK)
            json_array_append_new(a, step_json(&s, o->vi));
        json_object_set_new(j, "explain", a);
      }
      rc = cli_print_json(j);
    } else {
      puts(ds);
      for (size_t i = 0; o->explain && i < n; i++) {
        char text[512];
        if (tthc_deadline_result_step(r, i, &s) == TTHC_OK &&
            tthc_deadline_step_describe(&s, o->vi, text, sizeof text, NULL) == TTHC_OK)
          printf("  %s\n", text);
      }
    }
  }
  tthc_deadline_result_free(r);
  tthc_cal_free(cal);
  tthc_hours_free(hours);
  tthc_deadline_policy_free(pol);
  return rc;
}

static int elapsed(const opts *o, const char *to_arg) {
  tthc_datetime a, b;
  if (!cli_parse_datetime(CMD, o->elapsed, &a) || !cli_parse_datetime(CMD, to_arg, &b))
    return CLI_BAD_INPUT;
  tthc_deadline_policy *pol;
  tthc_hours *hours;
  tthc_cal *cal = NULL;
  int rc = setup(o, &pol, &hours);
  tthc_date da = tthc_datetime_date(a), db = tthc_datetime_date(b);
  if (rc == CLI_OK) rc = cli_cal_build_span(CMD, da < db ? da : db, da < db ? db : da, &o->cal, &cal);
  int64_t secs = 0, days = 0;
  int32_t h = 0, m = 0;
  tthc_status st;
  if (rc == CLI_OK && (st = tthc_hours_between(cal, hours, a, b, &secs)) != TTHC_OK)
    rc = cli_status_error(CMD, st, NULL);
  if (rc == CLI_OK) {
    tthc_hours_split(hours, secs, &days, &h, &m);
    if (o->json)
      rc = cli_print_json(json_pack("{s:s,s:s,s:I,s:I,s:i,s:i}", "from", o->elapsed, "to",
                                    to_arg, "seconds", (json_int_t)secs, "days",
                                    (json_int_t)days, "hours", (int)h, "minutes", (int)m));
    else
      printf("%s%lld working day%s %d h %02d min (%.2f working hours)\n",
             secs < 0 ? "-" : "", llabs((long long)days), llabs((long long)days) == 1 ? "" : "s",
             abs(h), abs(m), secs / 3600.0);
  }
  tthc_cal_free(cal);
  tthc_hours_free(hours);
  tthc_deadline_policy_free(pol);
  return rc;
}

/* ---- batch: CSV "received,limit" on stdin -> "received,limit,due" on stdout -------------- */

#define CACHE 16
typedef struct limit_cache {
  char text[CACHE][160];
  size_t len[CACHE];
  tthc_limit lim[CACHE];
  unsigned next;
} limit_cache;

static tthc_status cached_limit(limit_cache *c, const char *s, size_t n, tthc_limit *out,
                                tthc_error *err) {
  for (unsigned i = 0; i < CACHE; i++)
    if (c->len[i] == n && n && memcmp(c->text[i], s, n) == 0) return *out = c->lim[i], TTHC_OK;
  tthc_status st = tthc_limit_parse(s, n, out, err);
  if (st != TTHC_OK) return st;
  if (n < sizeof c->text[0]) {
    unsigned k = c->next++ % CACHE;
    memcpy(c->text[k], s, n);
    c->len[k] = n, c->lim[k] = *out;
  }
  return TTHC_OK;
}

static char *trim(char *s, size_t *n) {
  while (*n && (*s == ' ' || *s == '\t')) s++, (*n)--;
  while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t')) (*n)--;
  return s;
}

/* Split a line into received and limit; unquote a quoted limit in place. NULL message = ok. */
static const char *split_line(char *line, size_t len, char **rec, size_t *rn, char **lim,
                              size_t *ln) {
  char *comma = memchr(line, ',', len);
  if (!comma) return "expected two fields: received,limit";
  *rn = (size_t)(comma - line);
  *rec = trim(line, rn);
  *ln = len - (size_t)(comma + 1 - line);
  *lim = trim(comma + 1, ln);
  if (*ln && **lim == '"') {
    char *src = *lim + 1, *end = *lim + *ln, *dst = *lim;
    for (;;) {
      if (src >= end) return "unterminated quoted field";
      if (*src == '"') {
        if (src + 1 < end && src[1] == '"') {
          *dst++ = '"', src += 2;
          continue;
        }
        src++;
        break;
      }
      *dst++ = *src++;
    }
    while (src < end && (*src == ' ' || *src == '\t')) src++;
    if (src != end) return "unexpected text after a quoted field";
    *ln = (size_t)(dst - *lim);
  }
  return NULL;
}

static void write_field(FILE *f, const char *s, size_t n) {
  bool q = n && (memchr(s, ',', n) || memchr(s, '"', n) || memchr(s, ';', n));
  if (!q) {
    fwrite(s, 1, n, f);
    return;
  }
  fputc('"', f);
  for (size_t i = 0; i < n; i++) {
    if (s[i] == '"') fputc('"', f);
    fputc(s[i], f);
  }
  fputc('"', f);
}

/* Make sure cal covers [lo, hi]; rebuild with a margin when it does not. ERANGE for dates the
 * calendar cannot cover; EIO when building failed (the message is already printed). */
static tthc_status ensure_cal(const cli_cal_opts *co, tthc_cal **cal, tthc_date lo,
                              tthc_date hi) {
  if (*cal && lo >= tthc_cal_first_date(*cal) && hi <= tthc_cal_last_date(*cal)) return TTHC_OK;
  int y0, y1;
  if (tthc_date_to_ymd(lo, &y0, NULL, NULL) != TTHC_OK ||
      tthc_date_to_ymd(hi, &y1, NULL, NULL) != TTHC_OK)
    return TTHC_ERANGE;
  if (y0 < TTHC_CAL_MIN_YEAR || y1 > TTHC_CAL_MAX_YEAR) return TTHC_ERANGE; /* no rebuild */
  if (*cal) {
    int a, b;
    tthc_date_to_ymd(tthc_cal_first_date(*cal), &a, NULL, NULL);
    tthc_date_to_ymd(tthc_cal_last_date(*cal), &b, NULL, NULL);
    y0 = y0 < a ? y0 : a, y1 = y1 > b ? y1 : b;
  }
  y0 = y0 - 5 > TTHC_CAL_MIN_YEAR ? y0 - 5 : TTHC_CAL_MIN_YEAR;
  y1 = y1 + 5 < TTHC_CAL_MAX_YEAR ? y1 + 5 : TTHC_CAL_MAX_YEAR;
  tthc_cal *n;
  if (cli_cal_build(CMD, y0, y1, co, &n) != CLI_OK) return TTHC_EIO;
  tthc_cal_free(*cal);
  *cal = n;
  return TTHC_OK;
}

static int batch(const opts *o) {
  tthc_deadline_policy *pol;
  tthc_hours *hours;
  int rc = setup(o, &pol, &hours);
  if (rc != CLI_OK) {
    tthc_hours_free(hours);
    tthc_deadline_policy_free(pol);
    return rc;
  }
  static char outbuf[1 << 16];
  setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
  limit_cache *cache = calloc(1, sizeof *cache);
  tthc_cal *cal = NULL;
  char *line = NULL;
  size_t cap = 0, lineno = 0, bad = 0;
  ssize_t got;
  while (cache && (got = getline(&line, &cap, stdin)) >= 0) {
    size_t len = (size_t)got;
    lineno++;
    while (len && (line[len - 1] == '\n' || line[len - 1] == '\r')) len--;
    char *p = line;
    if (lineno == 1 && len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3, len -= 3;
    size_t tn = len;
    char *t = trim(p, &tn);
    if (tn == 0) continue;
    if (lineno == 1 && tn == 14 && strncasecmp(t, "received,limit", 14) == 0) {
      fputs("received,limit,due\n", stdout);
      continue;
    }
    char *rec, *lim;
    size_t rn, ln;
    const char *why = split_line(p, len, &rec, &rn, &lim, &ln);
    tthc_error err;
    tthc_error_clear(&err);
    tthc_datetime received, due;
    tthc_limit limit;
    tthc_status st = TTHC_OK;
    if (!why && (st = tthc_datetime_parse(rec, rn, &received, &err)) == TTHC_OK &&
        (st = cached_limit(cache, lim, ln, &limit, &err)) == TTHC_OK) {
      tthc_date d = tthc_datetime_date(received);
      st = ensure_cal(&o->cal, &cal, d, d + span_days(limit));
      if (st == TTHC_EIO) break;
      if (st == TTHC_ERANGE)
        snprintf(err.message, sizeof err.message, "%.*s is too close to or outside the years "
                 "the calendar supports (%d-%d)", (int)(rn < 40 ? rn : 40), rec,
                 TTHC_CAL_MIN_YEAR, TTHC_CAL_MAX_YEAR);
      else if ((st = tthc_deadline_due(cal, hours, pol, received, limit, NULL, &due)) != TTHC_OK)
        snprintf(err.message, sizeof err.message, "%s: the due date of \"%.*s\" cannot be "
                 "computed on the calendar", tthc_strerror(st), (int)(ln < 100 ? ln : 100), lim);
    }
    if (why || st != TTHC_OK) {
      bad++;
      fflush(stdout);
      fprintf(stderr, "tthc deadline: line %zu: %s\n", lineno, why ? why : err.message);
      continue;
    }
    char ds[TTHC_DATETIME_STRLEN];
    fmt_instant(due, ds);
    write_field(stdout, rec, rn);
    fputc(',', stdout);
    write_field(stdout, lim, ln);
    fputc(',', stdout);
    fputs(ds, stdout);
    fputc('\n', stdout);
  }
  fflush(stdout);
  if (!cache) rc = cli_input_error(CMD, "out of memory");
  else if (!feof(stdin) && !ferror(stdin)) rc = CLI_BAD_INPUT; /* the calendar failed */
  else if (ferror(stdin)) rc = cli_input_error(CMD, "reading stdin: %s", strerror(errno));
  else if (bad) rc = CLI_BAD_INPUT;
  free(line);
  free(cache);
  tthc_cal_free(cal);
  tthc_hours_free(hours);
  tthc_deadline_policy_free(pol);
  return rc;
}

static const char usage[] =
    "usage: tthc deadline --received DATETIME --limit PHRASE [--cutoff HH:MM|none]\n"
    "                     [--hours SESSIONS] [--same-time] [--explain [--vi]] [--json]\n"
    "       tthc deadline --batch [--cutoff HH:MM|none] [--hours SESSIONS] [--same-time]\n"
    "       tthc deadline --elapsed FROM TO [--hours SESSIONS] [--json]\n"
    "The due instant of a dossier received at DATETIME with the statutory limit PHRASE\n"
    "(\"05 ngày làm việc\", \"Trong ngày\", \"04 giờ làm việc\", \"15 ngày\", \"01 tháng\" ...)\n"
    "on the national working calendar. The clock starts at the receipt if it is inside working\n"
    "hours and not after the cut-off (15:00 by default; a cut-off stated in the phrase applies\n"
    "unless --cutoff is given), else at the next working session. Days are counted from the day\n"
    "after the start day; the dossier is due at the end of the due day's working hours\n"
    "(--same-time: at the start's clock time). --hours sets the daily sessions\n"
    "(default 08:00-12:00,13:00-17:00). --explain adds the trace (--vi: in Vietnamese).\n"
    "--batch reads CSV lines received,limit (an optional header line received,limit; a limit\n"
    "with commas may be quoted) from stdin and writes received,limit,due; a bad line is reported\n"
    "on stderr with its number and skipped (exit status 1).\n"
    "--elapsed prints the working time between two instants.\n"
    "Calendar options:\n" CLI_CAL_HELP;

int cmd_deadline(int argc, char **argv) {
  opts o;
  memset(&o, 0, sizeof o);
  const char *pos[2];
  cli_opt table[] = {{"--received", true, &o.received, NULL}, {"--limit", true, &o.limit, NULL},
                     {"--cutoff", true, &o.cutoff, NULL},     {"--hours", true, &o.hours, NULL},
                     {"--elapsed", true, &o.elapsed, NULL},   {"--json", false, NULL, &o.json},
                     {"--explain", false, NULL, &o.explain},  {"--batch", false, NULL, &o.batch},
                     {"--same-time", false, NULL, &o.same_time}, {"--vi", false, NULL, &o.vi},
                     CLI_CAL_OPTIONS(o.cal), {0}};
  int n = cli_parse(argc, argv, table, pos, 1, &o.help);
  if (n < 0) return CLI_USAGE;
  if (o.help) return puts(usage), CLI_OK;
  if (o.batch) {
    if (o.received || o.limit || o.elapsed || n)
      return cli_usage_error(CMD, "--batch reads stdin: no --received, --limit or arguments");
    return batch(&o);
  }
  if (o.elapsed) {
    if (n != 1) return cli_usage_error(CMD, "--elapsed FROM TO needs the instant TO");
    return elapsed(&o, pos[0]);
  }
  if (n) return cli_usage_error(CMD, "unexpected argument '%s' (see tthc deadline --help)", pos[0]);
  if (!o.received || !o.limit)
    return cli_usage_error(CMD, "expected --received DATETIME and --limit PHRASE "
                                "(see tthc deadline --help)");
  return single(&o);
}
