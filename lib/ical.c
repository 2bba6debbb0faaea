/* ical: RFC 5545 export (through libical) and import (a strict reader of our own).
 *
 * Export builds the VCALENDAR with libical's object model and lets libical serialize it
 * (escaping, CRLF, folding). Every value handed to libical is built here from checked data.
 *
 * Import reads the text itself rather than through icalparser: libical's parser reports
 * problems through a process-wide errno (and aborts when the host enabled fatal errors), and
 * it does not say on which line a problem is, which users need. The reader below unfolds
 * content lines (tracking physical lines), checks UTF-8, the content-line grammar, BEGIN/END
 * nesting and every value it uses, and reports the line, column and byte offset. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libical/ical.h>

#include "calendar_internal.h"
#include "tthc/ical.h"

/* C11 has no strncasecmp/strdup. ASCII case-insensitive compare of n bytes. */
static int ci_ncmp(const char *a, const char *b, size_t n) {
  for (size_t i = 0; i < n; i++) {
    int x = tolower((unsigned char)a[i]), y = tolower((unsigned char)b[i]);
    if (x != y) return x - y;
    if (!x) return 0;
  }
  return 0;
}

static int ci_cmp(const char *a, const char *b) {
  size_t la = strlen(a), lb = strlen(b);
  return la != lb ? 1 : ci_ncmp(a, b, la);
}

/* ---- export ---------------------------------------------------------------------------------- */

static const char *const wd_codes[8] = {"", "MO", "TU", "WE", "TH", "FR", "SA", "SU"};

static struct icaltimetype ical_date(tthc_date d) {
  struct icaltimetype t = icaltime_null_date();
  int y, m, dd;
  tthc_date_to_ymd(d, &y, &m, &dd);
  t.year = y, t.month = m, t.day = dd;
  t.is_date = 1;
  return t;
}

static struct icaltimetype ical_stamp(tthc_date d) {
  struct icaltimetype t = icaltime_null_time();
  int y, m, dd;
  tthc_date_to_ymd(d, &y, &m, &dd);
  t.year = y, t.month = m, t.day = dd;
  t.zone = icaltimezone_get_utc_timezone();
  return t;
}

/* An X- property holding TEXT; icalproperty_new_x() escapes it (RFC 5545 3.3.11). */
static int add_x(icalcomponent *c, const char *name, const char *text) {
  icalproperty *p = icalproperty_new_x(text);
  if (!p) return 0;
  icalproperty_set_x_name(p, name);
  icalcomponent_add_property(c, p);
  return 1;
}

static int add_prop(icalcomponent *c, icalproperty *p) {
  if (!p) return 0;
  icalcomponent_add_property(c, p);
  return 1;
}

static int add_event(icalcomponent *vcal, const tthc_cal_entry *e) {
  tthc_date d = tthc_cal_entry_date(e);
  int y, m, dd;
  tthc_date_to_ymd(d, &y, &m, &dd);
  char uid[48];
  snprintf(uid, sizeof uid, "%04d%02d%02d@tthc", y, m, dd);
  const char *en = tthc_cal_entry_name_en(e), *src = tthc_cal_entry_source(e);
  size_t dl = strlen(en) + strlen(src) + 32;
  char *desc = malloc(dl);
  icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
  int ok = desc && ev;
  if (ok) {
    snprintf(desc, dl, "%s%s%s", en, src[0] ? "\nNguồn / Source: " : "", src);
    ok = add_prop(ev, icalproperty_new_uid(uid)) &&
         add_prop(ev, icalproperty_new_dtstamp(ical_stamp(d))) &&
         add_prop(ev, icalproperty_new_dtstart(ical_date(d))) &&
         add_prop(ev, icalproperty_new_dtend(ical_date(d + 1))) &&
         add_prop(ev, icalproperty_new_summary(tthc_cal_entry_name_vi(e))) &&
         add_prop(ev, icalproperty_new_description(desc)) &&
         add_prop(ev, icalproperty_new_categories(tthc_day_kind_name(tthc_cal_entry_kind(e)))) &&
         add_prop(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT)) &&
         add_x(ev, "X-TTHC-NAME-EN", en) &&
         (!src[0] || add_x(ev, "X-TTHC-SOURCE", src)); /* libical rejects empty X- values */
  }
  free(desc);
  if (ok)
    icalcomponent_add_component(vcal, ev);
  else if (ev)
    icalcomponent_free(ev);
  return ok;
}

static int add_header(icalcomponent *vcal, const tthc_cal *cal, tthc_date from, tthc_date to) {
  char buf[64];
  size_t n = 0;
  unsigned rest = tthc_cal_weekly_rest(cal);
  for (int wd = 1; wd <= 7; wd++)
    if (rest & TTHC_CAL_REST(wd))
      n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", n ? "," : "", wd_codes[wd]);
  if (!n) snprintf(buf, sizeof buf, "NONE");
  int ok =
      add_prop(vcal, icalproperty_new_prodid("-//libtthc//tthc " TTHC_VERSION_STRING "//VI")) &&
      add_prop(vcal, icalproperty_new_version("2.0")) &&
      add_prop(vcal, icalproperty_new_calscale("GREGORIAN")) &&
      add_x(vcal, "X-WR-CALNAME", "Lịch nghỉ lễ, Tết và ngày làm việc") &&
      add_x(vcal, "X-TTHC-WEEKLY-REST", buf);
  int y0, y1;
  tthc_date_to_ymd(from, &y0, NULL, NULL);
  tthc_date_to_ymd(to, &y1, NULL, NULL);
  for (int y = y0; ok && y <= y1; y++) {
    tthc_year_status st;
    if (tthc_cal_year_status(cal, y, &st) != TTHC_OK) continue;
    snprintf(buf, sizeof buf, "%d %s", y, tthc_year_status_name(st));
    ok = add_x(vcal, "X-TTHC-YEAR-STATUS", buf);
  }
  return ok;
}

tthc_status tthc_ical_export_alloc(const tthc_cal *cal, tthc_date from, tthc_date to, char **out,
                                   size_t *len) {
  if (len) *len = 0;
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  if (from < tthc_cal_first_date(cal)) from = tthc_cal_first_date(cal);
  if (to > tthc_cal_last_date(cal)) to = tthc_cal_last_date(cal);
  TTHC_RETURN_IF(to < from, TTHC_ERANGE);
  icalcomponent *vcal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
  TTHC_RETURN_IF(!vcal, TTHC_ENOMEM);
  int ok = add_header(vcal, cal, from, to);
  tthc_cal_iter *it = NULL;
  if (ok) ok = tthc_cal_iter_new(cal, from, to, &it) == TTHC_OK;
  for (const tthc_cal_entry *e; ok && (e = tthc_cal_iter_next(it)) != NULL;)
    ok = add_event(vcal, e);
  tthc_cal_iter_free(it);
  char *s = ok ? icalcomponent_as_ical_string_r(vcal) : NULL;
  icalcomponent_free(vcal);
  TTHC_RETURN_IF(!s, TTHC_ENOMEM);
  /* Hand over memory the caller frees with tthc_free() (libical's is free()d here), and repair
   * libical 3.0's folding: when a property ends exactly at a fold point it writes the fold
   * between the CR and the LF of the line end ("\r" "\r\n " "\n"). */
  size_t n = strlen(s), k = 0;
  char *r = malloc(n + 1);
  for (size_t i = 0; r && i < n; i++) {
    if (s[i] == '\r' && i + 4 < n && memcmp(s + i + 1, "\r\n \n", 4) == 0) {
      r[k++] = '\r';
      r[k++] = '\n';
      i += 4;
      continue;
    }
    r[k++] = s[i];
  }
  if (r) r[k] = '\0';
  n = k;
  free(s);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  *out = r;
  if (len) *len = n;
  return TTHC_OK;
}

/* ---- import: content lines ---------------------------------------------------------------- */

typedef struct seg {
  size_t off;   /* offset of the segment in the unfolded line */
  size_t raw;   /* offset in the input of the segment's first byte */
  size_t bol;   /* offset in the input of the physical line's start */
  int32_t line; /* physical line */
} seg;

typedef struct param {
  size_t n, nl, v, vl; /* offsets/lengths in the unfolded line */
} param;

typedef struct reader {
  const char *s;
  size_t len, pos;
  int32_t next_line; /* physical line number at pos */
  char *buf;         /* unfolded logical line */
  size_t n, cap;
  seg *segs;
  size_t nsegs, capsegs;
  /* parsed content line */
  size_t name_len;
  param params[8];
  int nparams;
  size_t value_at, value_len;
  tthc_error *err;
  int64_t record;
} reader;

static tthc_status rfail(reader *r, tthc_status st, size_t at, const char *fmt, ...)
    TTHC_PRINTF(4, 5);

/* Fail at byte `at` of the current logical line (SIZE_MAX: at its start). */
static tthc_status rfail(reader *r, tthc_status st, size_t at, const char *fmt, ...) {
  char why[200], q[96];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  int32_t line = r->next_line, col = 1;
  int64_t off = (int64_t)r->pos;
  q[0] = '\0';
  if (r->nsegs) {
    if (at == SIZE_MAX) at = 0;
    size_t i = r->nsegs - 1;
    while (i > 0 && r->segs[i].off > at) i--;
    const seg *sg = &r->segs[i];
    size_t raw = sg->raw + (at - sg->off);
    line = sg->line;
    col = tthc__utf8_columns(r->s + sg->bol, raw - sg->bol) + 1;
    off = (int64_t)raw;
    tthc__quote(q, sizeof q, r->buf, r->n, 60);
  }
  if (q[0])
    tthc__error_set(r->err, st, line, col, off,
                    "invalid iCalendar at line %d, column %d: %s (in %s)", (int)line, (int)col,
                    why, q);
  else
    tthc__error_set(r->err, st, line, col, off, "invalid iCalendar at line %d: %s", (int)line,
                    why);
  return tthc__error_record(r->err, r->record, st);
}

static tthc_status put(reader *r, const char *p, size_t n) {
  if (r->n + n + 1 > r->cap) {
    size_t nc = r->cap ? r->cap : 256;
    while (nc < r->n + n + 1) nc *= 2;
    char *b = realloc(r->buf, nc);
    TTHC_RETURN_IF(!b, TTHC_ENOMEM);
    r->buf = b;
    r->cap = nc;
  }
  TTHC_RETURN_IF(!r->buf, TTHC_ENOMEM); /* cannot happen: for the analyzer */
  if (n) memcpy(r->buf + r->n, p, n);
  r->n += n;
  r->buf[r->n] = '\0';
  return TTHC_OK;
}

static tthc_status add_seg(reader *r, size_t raw, size_t bol, int32_t line) {
  if (r->nsegs == r->capsegs) {
    size_t nc = r->capsegs ? r->capsegs * 2 : 8;
    seg *s = realloc(r->segs, nc * sizeof *s);
    TTHC_RETURN_IF(!s, TTHC_ENOMEM);
    r->segs = s;
    r->capsegs = nc;
  }
  r->segs[r->nsegs++] = (seg){r->n, raw, bol, line};
  return TTHC_OK;
}

/* Physical line at pos: [pos, end) without the line break; *next after it. */
static void phys_line(const reader *r, size_t pos, size_t *end, size_t *next) {
  const char *nl = memchr(r->s + pos, '\n', r->len - pos);
  size_t e = nl ? (size_t)(nl - r->s) : r->len;
  *next = nl ? e + 1 : r->len;
  if (e > pos && r->s[e - 1] == '\r') e--;
  *end = e;
}

/* Read the next non-empty logical line into buf; *eof = 1 at the end of input. */
static tthc_status next_logical(reader *r, int *eof) {
  r->n = 0;
  r->nsegs = 0;
  if (r->buf) r->buf[0] = '\0';
  *eof = 0;
  for (;;) {
    if (r->pos >= r->len) {
      *eof = 1;
      return TTHC_OK;
    }
    size_t end, next;
    phys_line(r, r->pos, &end, &next);
    if (end == r->pos) { /* blank line: tolerated */
      r->pos = next;
      r->next_line++;
      continue;
    }
    if (r->s[r->pos] == ' ' || r->s[r->pos] == '\t') {
      r->nsegs = 0;
      return rfail(r, TTHC_ESYNTAX, SIZE_MAX,
                   "a continuation line (starting with a space) has no line to continue");
    }
    TTHC_TRY(add_seg(r, r->pos, r->pos, r->next_line));
    TTHC_TRY(put(r, r->s + r->pos, end - r->pos));
    r->pos = next;
    r->next_line++;
    /* continuation lines */
    while (r->pos < r->len && (r->s[r->pos] == ' ' || r->s[r->pos] == '\t')) {
      phys_line(r, r->pos, &end, &next);
      TTHC_TRY(add_seg(r, r->pos + 1, r->pos, r->next_line));
      TTHC_TRY(put(r, r->s + r->pos + 1, end - r->pos - 1));
      r->pos = next;
      r->next_line++;
    }
    return TTHC_OK;
  }
}

static int name_char(char c) { return isalnum((unsigned char)c) || c == '-'; }

/* name *(";" param) ":" value */
static tthc_status parse_cline(reader *r) {
  const char *b = r->buf;
  size_t i = 0, n = r->n;
  while (i < n && name_char(b[i])) i++;
  if (i == 0) return rfail(r, TTHC_ESYNTAX, 0, "expected a property name");
  r->name_len = i;
  r->nparams = 0;
  while (i < n && b[i] == ';') {
    size_t ps = ++i;
    while (i < n && name_char(b[i])) i++;
    if (i == ps) return rfail(r, TTHC_ESYNTAX, i, "expected a parameter name after ';'");
    if (i >= n || b[i] != '=')
      return rfail(r, TTHC_ESYNTAX, i, "expected '=' after the parameter name");
    size_t pnl = i - ps, vs = ++i;
    for (;;) { /* param-value *("," param-value) */
      if (i < n && b[i] == '"') {
        i++;
        while (i < n && b[i] != '"') {
          if ((unsigned char)b[i] < 0x20 && b[i] != '\t')
            return rfail(r, TTHC_ESYNTAX, i, "control character in a quoted parameter value");
          i++;
        }
        if (i >= n) return rfail(r, TTHC_ESYNTAX, vs, "unterminated quoted parameter value");
        i++;
      } else {
        while (i < n && b[i] != ';' && b[i] != ':' && b[i] != ',' && b[i] != '"') {
          if ((unsigned char)b[i] < 0x20 && b[i] != '\t')
            return rfail(r, TTHC_ESYNTAX, i, "control character in a parameter value");
          i++;
        }
      }
      if (i < n && b[i] == ',') {
        i++;
        continue;
      }
      break;
    }
    if (r->nparams < 8) r->params[r->nparams++] = (param){ps, pnl, vs, i - vs};
  }
  if (i >= n || b[i] != ':')
    return rfail(r, TTHC_ESYNTAX, i, "expected ':' between the property name and its value");
  r->value_at = ++i;
  r->value_len = n - i;
  for (size_t k = i; k < n; k++)
    if (((unsigned char)b[k] < 0x20 && b[k] != '\t') || b[k] == 0x7F)
      return rfail(r, TTHC_ESYNTAX, k, "control character 0x%02X in the value",
                   (unsigned char)b[k]);
  return TTHC_OK;
}

static int name_is(const reader *r, const char *name) {
  return strlen(name) == r->name_len && ci_ncmp(r->buf, name, r->name_len) == 0;
}

static int value_is(const reader *r, const char *v) {
  return strlen(v) == r->value_len && ci_ncmp(r->buf + r->value_at, v, r->value_len) == 0;
}

/* The VALUE= parameter, or NULL. */
static const char *value_param(const reader *r, size_t *vl) {
  for (int i = 0; i < r->nparams; i++)
    if (r->params[i].nl == 5 && ci_ncmp(r->buf + r->params[i].n, "VALUE", 5) == 0) {
      *vl = r->params[i].vl;
      return r->buf + r->params[i].v;
    }
  return NULL;
}

/* TEXT value unescaped (RFC 5545 3.3.11) into a new string. With `list`, stop at an unescaped
 * ',' (CATEGORIES) and leave *at after it. An unknown escape keeps its backslash. */
static char *unescape(const char *s, size_t n, size_t *at, int list) {
  char *o = malloc(n + 1);
  size_t k = 0, i = *at;
  if (!o) return NULL;
  for (; i < n; i++) {
    char c = s[i];
    if (c == ',' && list) {
      i++;
      break;
    }
    if (c == '\\' && i + 1 < n) {
      char e = s[++i];
      if (e == 'n' || e == 'N')
        o[k++] = '\n';
      else if (e == '\\' || e == ';' || e == ',')
        o[k++] = e;
      else
        o[k++] = '\\', o[k++] = e;
      continue;
    }
    o[k++] = c;
  }
  o[k] = '\0';
  *at = i;
  return o;
}

/* ---- import: events -------------------------------------------------------------------------- */

typedef struct evt {
  int32_t line; /* of BEGIN:VEVENT */
  int has_start, has_end, has_dur, has_rrule, cancelled;
  tthc_date start, end;
  int32_t dur;
  int kind; /* -1: no category names a kind */
  char *summary, *name_en, *source;
  int interval, count, bymonth, bymonthday;
  tthc_date until;
} evt;

typedef struct pend {
  tthc_date d;
  int kind;
  char *vi, *en, *src;
} pend;

typedef struct ystat_p {
  int year;
  tthc_year_status st;
} ystat_p;

typedef struct importer {
  reader r;
  evt ev;
  int first_year, last_year;
  pend *days;
  size_t ndays, capdays;
  ystat_p *stats;
  size_t nstats, capstats;
  int has_rest;
  unsigned rest;
} importer;

static void evt_clear(evt *e) {
  free(e->summary);
  free(e->name_en);
  free(e->source);
  memset(e, 0, sizeof *e);
  e->kind = -1;
  e->interval = 1;
}

static int all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return 0;
  return n > 0;
}

static int num(const char *s, size_t n) {
  int v = 0;
  for (size_t i = 0; i < n; i++) v = v * 10 + (s[i] - '0');
  return v;
}

/* YYYYMMDD at s (8 digits known) -> date, or EDATE. */
static tthc_status ymd8(importer *im, const char *s, size_t at, tthc_date *out) {
  int y = num(s, 4), m = num(s + 4, 2), d = num(s + 6, 2);
  if (y < 1) return rfail(&im->r, TTHC_EDATE, at, "year 0000 does not exist");
  if (m < 1 || m > 12) return rfail(&im->r, TTHC_EDATE, at + 4, "month %d is out of range 1-12", m);
  if (d < 1 || d > tthc_date_days_in_month(y, m))
    return rfail(&im->r, TTHC_EDATE, at + 6, "day %d does not exist in %04d-%02d", d, y, m);
  return tthc_date_from_ymd(y, m, d, out);
}

/* DTSTART / DTEND of an all-day event. */
static tthc_status date_prop(importer *im, const char *what, tthc_date *out) {
  reader *r = &im->r;
  const char *v = r->buf + r->value_at;
  size_t n = r->value_len, pl = 0;
  const char *p = value_param(r, &pl);
  int timed = memchr(v, 'T', n) != NULL || (p && pl == 9 && ci_ncmp(p, "DATE-TIME", 9) == 0);
  if (timed)
    return rfail(r, TTHC_EUNSUPPORTED, r->value_at,
                 "%s is a date-time: only all-day events (VALUE=DATE) can be imported", what);
  if (p && !(pl == 4 && ci_ncmp(p, "DATE", 4) == 0))
    return rfail(r, TTHC_EFORMAT, p - r->buf, "%s has VALUE=%.*s, expected VALUE=DATE", what,
                 (int)pl, p);
  if (n != 8 || !all_digits(v, 8))
    return rfail(r, TTHC_ESYNTAX, r->value_at, "%s must be a date YYYYMMDD", what);
  return ymd8(im, v, r->value_at, out);
}

static tthc_status duration_prop(importer *im) {
  reader *r = &im->r;
  const char *v = r->buf + r->value_at;
  size_t n = r->value_len, i = 0;
  if (i < n && v[i] == '+') i++;
  if (i >= n || v[i] != 'P')
    return rfail(r, TTHC_ESYNTAX, r->value_at, "DURATION must look like P1D or P2W");
  i++;
  size_t ds = i;
  while (i < n && v[i] >= '0' && v[i] <= '9') i++;
  if (i == ds || i + 1 != n || (v[i] != 'D' && v[i] != 'W') || i - ds > 4) {
    if (memchr(v, 'T', n))
      return rfail(r, TTHC_EUNSUPPORTED, r->value_at,
                   "DURATION with hours or minutes: only whole days can be imported");
    return rfail(r, TTHC_ESYNTAX, r->value_at, "DURATION must look like P1D or P2W");
  }
  int k = num(v + ds, i - ds) * (v[i] == 'W' ? 7 : 1);
  if (k < 1 || k > 3660)
    return rfail(r, TTHC_EFORMAT, r->value_at, "DURATION of %d days is outside 1-3660", k);
  im->ev.dur = k;
  im->ev.has_dur = 1;
  return TTHC_OK;
}

/* RRULE: FREQ=YEARLY with INTERVAL, COUNT, UNTIL, BYMONTH, BYMONTHDAY (checked later against
 * DTSTART), WKST. */
static tthc_status rrule_prop(importer *im) {
  reader *r = &im->r;
  const char *v = r->buf + r->value_at;
  size_t n = r->value_len, i = 0;
  int freq = 0;
  evt *e = &im->ev;
  while (i < n) {
    size_t ks = i;
    while (i < n && v[i] != '=' && v[i] != ';') i++;
    if (i >= n || v[i] != '=')
      return rfail(r, TTHC_ESYNTAX, r->value_at + ks, "RRULE part without '='");
    size_t kl = i - ks, vs = ++i;
    while (i < n && v[i] != ';') i++;
    size_t vl = i - vs;
    const char *k = v + ks, *val = v + vs;
    size_t at = r->value_at + vs;
    if (i < n) i++;
#define KEY(s) (kl == sizeof(s) - 1 && ci_ncmp(k, s, kl) == 0)
    if (KEY("FREQ")) {
      if (!(vl == 6 && ci_ncmp(val, "YEARLY", 6) == 0))
        return rfail(r, TTHC_EUNSUPPORTED, at, "RRULE FREQ=%.*s is not supported (only YEARLY)",
                     (int)(vl > 20 ? 20 : vl), val);
      freq = 1;
    } else if (KEY("INTERVAL") || KEY("COUNT") || KEY("BYMONTH") || KEY("BYMONTHDAY")) {
      if (!all_digits(val, vl) || vl > 4)
        return rfail(r, TTHC_EUNSUPPORTED, at, "RRULE %.*s must be one number", (int)kl, k);
      int x = num(val, vl);
      if (x < 1) return rfail(r, TTHC_EFORMAT, at, "RRULE %.*s must be at least 1", (int)kl, k);
      if (KEY("INTERVAL"))
        e->interval = x;
      else if (KEY("COUNT"))
        e->count = x;
      else if (KEY("BYMONTH"))
        e->bymonth = x;
      else
        e->bymonthday = x;
    } else if (KEY("UNTIL")) {
      if (vl < 8 || !all_digits(val, 8) ||
          (vl > 8 && !(vl >= 15 && val[8] == 'T' && all_digits(val + 9, 6) &&
                       (vl == 15 || (vl == 16 && val[15] == 'Z')))))
        return rfail(r, TTHC_ESYNTAX, at, "RRULE UNTIL must be YYYYMMDD or YYYYMMDDTHHMMSS[Z]");
      TTHC_TRY(ymd8(im, val, at, &e->until));
    } else if (KEY("WKST")) {
      /* irrelevant for yearly rules */
    } else {
      return rfail(r, TTHC_EUNSUPPORTED, r->value_at + ks,
                   "RRULE part %.*s is not supported (FREQ=YEARLY with INTERVAL, COUNT, UNTIL)",
                   (int)(kl > 20 ? 20 : kl), k);
    }
#undef KEY
  }
  if (!freq) return rfail(r, TTHC_EFORMAT, r->value_at, "RRULE without FREQ");
  if (e->count && e->until)
    return rfail(r, TTHC_EFORMAT, r->value_at, "RRULE has both COUNT and UNTIL");
  e->has_rrule = 1;
  return TTHC_OK;
}

static tthc_status text_prop(importer *im, char **slot, const char *what) {
  reader *r = &im->r;
  if (*slot) return rfail(r, TTHC_EFORMAT, SIZE_MAX, "a second %s in the same event", what);
  size_t at = 0;
  *slot = unescape(r->buf + r->value_at, r->value_len, &at, 0);
  TTHC_RETURN_IF(!*slot, TTHC_ENOMEM);
  /* names are one line: an escaped newline or a tab becomes a space */
  for (char *p = *slot; *p; p++)
    if ((unsigned char)*p < 0x20 || *p == 0x7F) *p = ' ';
  return TTHC_OK;
}

static tthc_status categories_prop(importer *im) {
  reader *r = &im->r;
  size_t at = 0;
  while (at < r->value_len) {
    char *c = unescape(r->buf + r->value_at, r->value_len, &at, 1);
    TTHC_RETURN_IF(!c, TTHC_ENOMEM);
    char *t = c;
    while (*t == ' ') t++;
    size_t tl = strlen(t);
    while (tl && t[tl - 1] == ' ') tl--;
    for (size_t k = 0; k < tl; k++) t[k] = (char)tolower((unsigned char)t[k]);
    tthc_day_kind kind;
    if (im->ev.kind < 0 && tthc_day_kind_parse(t, tl, &kind) == TTHC_OK &&
        kind != TTHC_DAY_WORKDAY && kind != TTHC_DAY_WEEKLY_REST)
      im->ev.kind = (int)kind;
    free(c);
  }
  return TTHC_OK;
}

static tthc_status event_prop(importer *im) {
  reader *r = &im->r;
  evt *e = &im->ev;
  if (name_is(r, "DTSTART")) {
    if (e->has_start) return rfail(r, TTHC_EFORMAT, SIZE_MAX, "a second DTSTART in the same event");
    TTHC_TRY(date_prop(im, "DTSTART", &e->start));
    e->has_start = 1;
  } else if (name_is(r, "DTEND")) {
    if (e->has_end) return rfail(r, TTHC_EFORMAT, SIZE_MAX, "a second DTEND in the same event");
    TTHC_TRY(date_prop(im, "DTEND", &e->end));
    e->has_end = 1;
  } else if (name_is(r, "DURATION")) {
    if (e->has_dur) return rfail(r, TTHC_EFORMAT, SIZE_MAX, "a second DURATION in the same event");
    TTHC_TRY(duration_prop(im));
  } else if (name_is(r, "RRULE")) {
    if (e->has_rrule) return rfail(r, TTHC_EUNSUPPORTED, SIZE_MAX, "more than one RRULE");
    TTHC_TRY(rrule_prop(im));
  } else if (name_is(r, "RDATE") || name_is(r, "EXDATE")) {
    return rfail(r, TTHC_EUNSUPPORTED, SIZE_MAX, "%.*s is not supported", (int)r->name_len, r->buf);
  } else if (name_is(r, "SUMMARY")) {
    TTHC_TRY(text_prop(im, &e->summary, "SUMMARY"));
  } else if (name_is(r, "X-TTHC-NAME-EN")) {
    TTHC_TRY(text_prop(im, &e->name_en, "X-TTHC-NAME-EN"));
  } else if (name_is(r, "X-TTHC-SOURCE")) {
    TTHC_TRY(text_prop(im, &e->source, "X-TTHC-SOURCE"));
  } else if (name_is(r, "CATEGORIES")) {
    TTHC_TRY(categories_prop(im));
  } else if (name_is(r, "STATUS")) {
    e->cancelled = value_is(r, "CANCELLED");
  }
  return TTHC_OK;
}

static tthc_status push_day(importer *im, tthc_date d, int kind, const char *vi, const char *en,
                            const char *src) {
  TTHC_RETURN_IF(!tthc__cal_grow((void **)&im->days, &im->capdays, im->ndays + 1, sizeof *im->days),
                 TTHC_ENOMEM);
  pend p = {d, kind, tthc__cal_strdup(vi), tthc__cal_strdup(en), tthc__cal_strdup(src)};
  if (!p.vi || !p.en || !p.src) {
    free(p.vi), free(p.en), free(p.src);
    return TTHC_ENOMEM;
  }
  im->days[im->ndays++] = p;
  return TTHC_OK;
}

/* END:VEVENT: check the event and add its days (every occurrence inside the builder's years). */
static tthc_status finish_event(importer *im) {
  reader *r = &im->r;
  evt *e = &im->ev;
  if (e->cancelled) return TTHC_OK;
  if (!e->has_start)
    return rfail(r, TTHC_EFORMAT, SIZE_MAX, "the event that begins at line %d has no DTSTART",
                 (int)e->line);
  if (e->has_end && e->has_dur)
    return rfail(r, TTHC_EFORMAT, SIZE_MAX,
                 "the event that begins at line %d has both DTEND and DURATION", (int)e->line);
  int32_t span = 1;
  if (e->has_end) {
    if (e->end <= e->start)
      return rfail(r, TTHC_EFORMAT, SIZE_MAX,
                   "the event that begins at line %d ends (DTEND) before it starts", (int)e->line);
    if (e->end - e->start > 3660)
      return rfail(r, TTHC_EFORMAT, SIZE_MAX,
                   "the event that begins at line %d lasts more than 3660 days", (int)e->line);
    span = e->end - e->start;
  } else if (e->has_dur) {
    span = e->dur;
  }
  int kind = e->kind >= 0 ? e->kind : TTHC_DAY_LOCAL;
  const char *vi = e->summary && e->summary[0]       ? e->summary
                   : kind == TTHC_DAY_MAKEUP_WORKDAY ? "Ngày làm bù"
                                                     : "Ngày nghỉ";
  const char *en = e->name_en && e->name_en[0]       ? e->name_en
                   : e->summary && e->summary[0]     ? e->summary
                   : kind == TTHC_DAY_MAKEUP_WORKDAY ? "Make-up working day"
                                                     : "Day off";
  const char *src = e->source ? e->source : "";
  int y0, m0, d0;
  tthc_date_to_ymd(e->start, &y0, &m0, &d0);
  if (e->has_rrule && ((e->bymonth && e->bymonth != m0) || (e->bymonthday && e->bymonthday != d0)))
    return rfail(r, TTHC_EUNSUPPORTED, SIZE_MAX,
                 "the RRULE of the event that begins at line %d picks days other than DTSTART's",
                 (int)e->line);
  tthc_date lo, hi;
  tthc_date_from_ymd(im->first_year, 1, 1, &lo);
  tthc_date_from_ymd(im->last_year, 12, 31, &hi);
  int occurrences = 0;
  for (int y = y0; y <= 9999; y += e->interval) {
    tthc_date occ;
    if (!e->has_rrule && y != y0) break;
    if (d0 > tthc_date_days_in_month(y, m0)) continue; /* 29 February in a common year */
    tthc_date_from_ymd(y, m0, d0, &occ);
    if (e->until && occ > e->until) break;
    if (e->count && occurrences >= e->count) break;
    occurrences++;
    if (occ > hi) break;
    for (int32_t k = 0; k < span; k++)
      if (occ + k >= lo && occ + k <= hi) TTHC_TRY(push_day(im, occ + k, kind, vi, en, src));
    if (e->interval > 9999 - y) break;
  }
  return TTHC_OK;
}

static tthc_status calendar_prop(importer *im) {
  reader *r = &im->r;
  const char *v = r->buf + r->value_at;
  size_t n = r->value_len;
  if (name_is(r, "VERSION")) {
    if (!value_is(r, "2.0")) return rfail(r, TTHC_EFORMAT, r->value_at, "VERSION must be 2.0");
  } else if (name_is(r, "X-TTHC-WEEKLY-REST")) {
    unsigned mask = 0;
    size_t at = 0;
    char *u = unescape(v, n, &at, 0); /* "SA,SU" or "SA\,SU" */
    TTHC_RETURN_IF(!u, TTHC_ENOMEM);
    size_t un = strlen(u);
    int ok = 1;
    if (strcmp(u, "NONE") != 0)
      for (size_t i = 0; i < un && ok; i += 3) {
        int wd = 0;
        for (int k = 1; k <= 7; k++)
          if (i + 2 <= un && ci_ncmp(u + i, wd_codes[k], 2) == 0) wd = k;
        ok = wd && (i + 2 == un || u[i + 2] == ',');
        mask |= wd ? TTHC_CAL_REST(wd) : 0;
      }
    free(u);
    if (!ok)
      return rfail(r, TTHC_EFORMAT, r->value_at,
                   "X-TTHC-WEEKLY-REST must list weekdays MO,TU,WE,TH,FR,SA,SU or be NONE");
    if (mask == (TTHC_CAL_REST(1) | TTHC_CAL_REST(2) | TTHC_CAL_REST(3) | TTHC_CAL_REST(4) |
                 TTHC_CAL_REST(5) | TTHC_CAL_REST(6) | TTHC_CAL_REST(7)))
      return rfail(r, TTHC_EFORMAT, r->value_at, "X-TTHC-WEEKLY-REST leaves no working day");
    im->rest = mask;
    im->has_rest = 1;
  } else if (name_is(r, "X-TTHC-YEAR-STATUS")) {
    size_t i = 0;
    while (i < n && v[i] >= '0' && v[i] <= '9') i++;
    tthc_year_status st;
    if (i == 0 || i > 4 || i + 1 >= n || v[i] != ' ')
      return rfail(r, TTHC_EFORMAT, r->value_at,
                   "X-TTHC-YEAR-STATUS must be a year and a status, e.g. \"2027 official\"");
    const char *sv = v + i + 1;
    size_t sl = n - i - 1;
    if (sl == 8 && strncmp(sv, "official", 8) == 0)
      st = TTHC_YEAR_OFFICIAL;
    else if (sl == 5 && strncmp(sv, "rules", 5) == 0)
      st = TTHC_YEAR_RULES;
    else if (sl == 6 && strncmp(sv, "custom", 6) == 0)
      st = TTHC_YEAR_CUSTOM;
    else
      return rfail(r, TTHC_EFORMAT, r->value_at + i + 1,
                   "unknown year status (expected official, rules or custom)");
    int y = num(v, i);
    if (y < 1) return rfail(r, TTHC_EFORMAT, r->value_at, "year 0 does not exist");
    TTHC_RETURN_IF(
        !tthc__cal_grow((void **)&im->stats, &im->capstats, im->nstats + 1, sizeof *im->stats),
        TTHC_ENOMEM);
    im->stats[im->nstats++] = (ystat_p){y, st};
  }
  return TTHC_OK;
}

#define MAX_DEPTH 16

static tthc_status run(importer *im) {
  reader *r = &im->r;
  size_t bad = tthc__cal_utf8_prefix(r->s, r->len);
  if (bad < r->len) { /* position of the invalid byte */
    int32_t line = 1;
    size_t bol = 0;
    for (size_t i = 0; i < bad; i++)
      if (r->s[i] == '\n') line++, bol = i + 1;
    int32_t col = tthc__utf8_columns(r->s + bol, bad - bol) + 1;
    return tthc__error_set(r->err, TTHC_EUTF8, line, col, (int64_t)bad,
                           "invalid iCalendar at line %d, column %d: byte 0x%02X is not valid "
                           "UTF-8",
                           (int)line, (int)col, (unsigned char)r->s[bad]);
  }
  char stack[MAX_DEPTH][32];
  int32_t stack_line[MAX_DEPTH];
  int depth = 0, done = 0, nevents = 0;
  for (;;) {
    int eof;
    TTHC_TRY(next_logical(r, &eof));
    if (eof) break;
    TTHC_TRY(parse_cline(r));
    const char *v = r->buf + r->value_at;
    int is_begin = name_is(r, "BEGIN"), is_end = name_is(r, "END");
    if (done) return rfail(r, TTHC_ESYNTAX, 0, "content after END:VCALENDAR");
    if (depth == 0 && !(is_begin && value_is(r, "VCALENDAR")))
      return rfail(r, TTHC_ESYNTAX, 0, "an iCalendar file must start with BEGIN:VCALENDAR");
    if (is_begin) {
      if (r->value_len == 0 || r->value_len >= sizeof stack[0])
        return rfail(r, TTHC_ESYNTAX, r->value_at, "BEGIN needs a component name");
      for (size_t k = 0; k < r->value_len; k++)
        if (!name_char(v[k]))
          return rfail(r, TTHC_ESYNTAX, r->value_at + k, "invalid component name");
      if (depth == MAX_DEPTH)
        return rfail(r, TTHC_ESYNTAX, 0, "components nested more than %d deep", MAX_DEPTH);
      if (depth >= 1 && value_is(r, "VCALENDAR"))
        return rfail(r, TTHC_ESYNTAX, 0, "a VCALENDAR inside a component");
      memcpy(stack[depth], v, r->value_len);
      stack[depth][r->value_len] = '\0';
      stack_line[depth] = r->segs[0].line;
      depth++;
      if (depth == 2 && value_is(r, "VEVENT")) {
        evt_clear(&im->ev);
        im->ev.line = r->segs[0].line;
        r->record = nevents++;
      }
      continue;
    }
    if (is_end) {
      if (r->value_len != strlen(stack[depth - 1]) ||
          ci_ncmp(v, stack[depth - 1], r->value_len) != 0)
        return rfail(r, TTHC_ESYNTAX, r->value_at, "END:%.*s does not close BEGIN:%s of line %d",
                     (int)(r->value_len > 30 ? 30 : r->value_len), v, stack[depth - 1],
                     (int)stack_line[depth - 1]);
      depth--;
      if (depth == 1 && ci_cmp(stack[1], "VEVENT") == 0) {
        TTHC_TRY(finish_event(im));
        evt_clear(&im->ev);
        r->record = -1;
      }
      if (depth == 0) done = 1;
      continue;
    }
    if (depth == 1)
      TTHC_TRY(calendar_prop(im));
    else if (depth == 2 && ci_cmp(stack[1], "VEVENT") == 0)
      TTHC_TRY(event_prop(im));
  }
  if (!done) {
    r->nsegs = 0;
    if (depth == 0) return rfail(r, TTHC_ESYNTAX, 0, "empty file: expected BEGIN:VCALENDAR");
    return rfail(r, TTHC_ESYNTAX, 0, "the file ends inside BEGIN:%s of line %d (missing END)",
                 stack[depth - 1], (int)stack_line[depth - 1]);
  }
  return TTHC_OK;
}

tthc_status tthc_ical_import(tthc_cal_builder *b, const char *text, size_t len, tthc_error *err) {
  if (!b || !text)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "%s is NULL", !b ? "builder" : "text");
  importer im;
  memset(&im, 0, sizeof im);
  im.r.s = text;
  im.r.len = len;
  im.r.next_line = 1;
  im.r.err = err;
  im.r.record = -1;
  evt_clear(&im.ev);
  tthc__cal_builder_years(b, &im.first_year, &im.last_year);
  tthc_status st = run(&im);
  if (st == TTHC_OK) {
    st = tthc__cal_builder_reserve(b, im.ndays, im.nstats);
    if (st != TTHC_OK) tthc__error_set(err, st, 0, 0, -1, "out of memory");
  } else if (st == TTHC_ENOMEM && err && !err->message[0]) {
    tthc__error_set(err, st, 0, 0, -1, "out of memory");
  }
  if (st == TTHC_OK) {
    for (size_t i = 0; i < im.ndays; i++) {
      pend *p = &im.days[i];
      tthc__cal_builder_push_day(b, p->d, (tthc_day_kind)p->kind, p->vi, p->en, p->src);
    }
    for (size_t i = 0; i < im.nstats; i++)
      tthc__cal_builder_push_status(b, im.stats[i].year, im.stats[i].st);
    if (im.has_rest) tthc_cal_builder_set_weekly_rest(b, im.rest);
  } else {
    for (size_t i = 0; i < im.ndays; i++)
      free(im.days[i].vi), free(im.days[i].en), free(im.days[i].src);
  }
  evt_clear(&im.ev);
  free(im.days);
  free(im.stats);
  free(im.r.buf);
  free(im.r.segs);
  return st;
}
