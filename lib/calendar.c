/* calendar: holiday rules, official schedules, local days, and the compiled working calendar.
 *
 * The compiled calendar (struct tthc_cal) keeps a bitmap of its days in 64-bit words, bit i = 1
 * if day first+i is a working day, with a rank index (working days before each word) and a
 * select sample (the day of every 32nd working day): adding and counting working days are a
 * rank and a select, O(1) (see "the arithmetic" below). Its entries (holidays, compensatory,
 * swapped, make-up and local days) are 8-byte records in date order, found by binary search;
 * their names and sources are the library's static strings or, for a builder's own days, one
 * copy of each distinct text. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <immintrin.h> /* _pdep_u64, _tzcnt_u64: used only in functions built for BMI2 */
#endif

#include "calendar_internal.h"
#include "json_internal.h"
#include "tthc/lunar.h"

#define ALL_WEEKDAYS                                                                              \
  (TTHC_CAL_REST(1) | TTHC_CAL_REST(2) | TTHC_CAL_REST(3) | TTHC_CAL_REST(4) | TTHC_CAL_REST(5) | \
   TTHC_CAL_REST(6) | TTHC_CAL_REST(7))
#define KNOWN_FLAGS (TTHC_CAL_RULES_ONLY | TTHC_CAL_CULTURE_DAY | TTHC_CAL_EMPTY)

/* ---- small helpers ------------------------------------------------------------------------- */

size_t tthc__cal_utf8_prefix(const char *s, size_t len) {
  const unsigned char *p = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    unsigned char c = p[i];
    size_t n;
    uint32_t cp;
    if (c < 0x80) {
      i++;
      continue;
    }
    if (c >= 0xC2 && c <= 0xDF)
      n = 2, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
      n = 3, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 4, cp = c & 0x07;
    else
      return i;
    if (len - i < n) return i;
    for (size_t k = 1; k < n; k++) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((n == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
        (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
      return i;
    i += n;
  }
  return len;
}

int tthc__cal_utf8_valid(const char *s, size_t len) {
  return tthc__cal_utf8_prefix(s, len) == len && !memchr(s, 0, len);
}

char *tthc__cal_strdup(const char *s) {
  size_t n = strlen(s) + 1;
  char *r = malloc(n);
  if (r) memcpy(r, s, n);
  return r;
}

int tthc__cal_grow(void **arr, size_t *cap, size_t need, size_t sz) {
  if (need <= *cap) return 1;
  size_t nc = *cap ? *cap * 2 : 16;
  while (nc < need) nc *= 2;
  void *p = realloc(*arr, nc * sz);
  if (!p) return 0;
  *arr = p;
  *cap = nc;
  return 1;
}

static int32_t ymd_key(tthc_date d) {
  int y, m, dd;
  tthc_date_to_ymd(d, &y, &m, &dd);
  return y * 10000 + m * 100 + dd;
}

static tthc_date ymd(int y, int m, int d) {
  tthc_date r = 0;
  tthc_date_from_ymd(y, m, d, &r);
  return r;
}

static int year_of(tthc_date d) {
  int y = 0;
  tthc_date_to_ymd(d, &y, NULL, NULL);
  return y;
}

/* ---- names ------------------------------------------------------------------------------- */

static const char *const kind_names[] = {"workday",  "weekly_rest",    "holiday", "compensatory",
                                         "swap_off", "makeup_workday", "local"};
static const char *const status_names[] = {"rules", "official", "custom"};

const char *tthc_day_kind_name(tthc_day_kind kind) {
  return (unsigned)kind < 7 ? kind_names[kind] : NULL;
}

tthc_status tthc_day_kind_parse(const char *name, size_t len, tthc_day_kind *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = TTHC_DAY_WORKDAY;
  TTHC_RETURN_IF(!name, TTHC_EINVAL);
  for (int k = 0; k < 7; k++)
    if (strlen(kind_names[k]) == len && memcmp(kind_names[k], name, len) == 0) {
      *out = (tthc_day_kind)k;
      return TTHC_OK;
    }
  return TTHC_ENOTFOUND;
}

const char *tthc_year_status_name(tthc_year_status status) {
  return (unsigned)status < 3 ? status_names[status] : NULL;
}

/* ---- builder ----------------------------------------------------------------------------- */

typedef struct bday {
  tthc_date date;
  int kind; /* tthc_day_kind; -1 = removal (overlays only) */
  char *vi, *en, *src;
} bday;

typedef struct bsched {
  int year;
  tthc_year_status status;
  char *source;
  bday *days;
  size_t n;
} bsched;

typedef struct bystat {
  int year;
  tthc_year_status status;
} bystat;

struct tthc_cal_builder {
  int first_year, last_year;
  unsigned flags, rest;
  bsched *scheds;
  size_t nscheds, capscheds;
  bday *over;
  size_t nover, capover;
  bystat *ystat;
  size_t nystat, capystat;
};

static void bday_free(bday *d) {
  free(d->vi);
  free(d->en);
  free(d->src);
}

static void bsched_free(bsched *s) {
  for (size_t i = 0; i < s->n; i++) bday_free(&s->days[i]);
  free(s->days);
  free(s->source);
}

tthc_status tthc_cal_builder_new(int first_year, int last_year, unsigned flags,
                                 tthc_cal_builder **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(flags & ~(unsigned)KNOWN_FLAGS, TTHC_EINVAL);
  int lo = (flags & TTHC_CAL_EMPTY) ? 1 : TTHC_CAL_MIN_YEAR;
  int hi = (flags & TTHC_CAL_EMPTY) ? 9999 : TTHC_CAL_MAX_YEAR;
  TTHC_RETURN_IF(first_year < lo || last_year > hi || last_year < first_year, TTHC_ERANGE);
  tthc_cal_builder *b = calloc(1, sizeof *b);
  TTHC_RETURN_IF(!b, TTHC_ENOMEM);
  b->first_year = first_year;
  b->last_year = last_year;
  b->flags = flags;
  b->rest = TTHC_CAL_REST_SAT_SUN;
  *out = b;
  return TTHC_OK;
}

void tthc_cal_builder_free(tthc_cal_builder *b) {
  if (!b) return;
  for (size_t i = 0; i < b->nscheds; i++) bsched_free(&b->scheds[i]);
  free(b->scheds);
  for (size_t i = 0; i < b->nover; i++) bday_free(&b->over[i]);
  free(b->over);
  free(b->ystat);
  free(b);
}

tthc_status tthc_cal_builder_set_weekly_rest(tthc_cal_builder *b, unsigned mask) {
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  TTHC_RETURN_IF((mask & ~(unsigned)ALL_WEEKDAYS) || mask == ALL_WEEKDAYS, TTHC_EINVAL);
  b->rest = mask;
  return TTHC_OK;
}

static int valid_str(const char *s) { return tthc__cal_utf8_valid(s, strlen(s)); }

/* 1 if s has a control character (C0 or DEL): names and sources are one line of text. */
static int has_ctl(const char *s) {
  for (; *s; s++)
    if ((unsigned char)*s < 0x20 || *s == 0x7F) return 1;
  return 0;
}

/* Append an overlay day (its strings already owned by nd); frees them on failure. */
static tthc_status push_overlay(tthc_cal_builder *b, bday nd) {
  if (!tthc__cal_grow((void **)&b->over, &b->capover, b->nover + 1, sizeof *b->over)) {
    bday_free(&nd);
    return TTHC_ENOMEM;
  }
  b->over[b->nover++] = nd;
  return TTHC_OK;
}

tthc_status tthc_cal_builder_add_day(tthc_cal_builder *b, tthc_date d, tthc_day_kind kind,
                                     const char *name_vi, const char *name_en, const char *source) {
  TTHC_RETURN_IF(!b || !name_vi, TTHC_EINVAL);
  TTHC_RETURN_IF(
      (unsigned)kind > TTHC_DAY_LOCAL || kind == TTHC_DAY_WORKDAY || kind == TTHC_DAY_WEEKLY_REST,
      TTHC_EINVAL);
  TTHC_RETURN_IF(!tthc_date_is_valid(d), TTHC_ERANGE);
  TTHC_RETURN_IF(!name_vi[0], TTHC_EINVAL);
  if (!name_en || !name_en[0]) name_en = name_vi;
  if (!source) source = "";
  TTHC_RETURN_IF(!valid_str(name_vi) || !valid_str(name_en) || !valid_str(source), TTHC_EUTF8);
  TTHC_RETURN_IF(has_ctl(name_vi) || has_ctl(name_en) || has_ctl(source), TTHC_EINVAL);
  bday nd = {d, (int)kind, tthc__cal_strdup(name_vi), tthc__cal_strdup(name_en),
             tthc__cal_strdup(source)};
  if (!nd.vi || !nd.en || !nd.src) {
    bday_free(&nd);
    return TTHC_ENOMEM;
  }
  return push_overlay(b, nd);
}

tthc_status tthc_cal_builder_remove_day(tthc_cal_builder *b, tthc_date d) {
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  TTHC_RETURN_IF(!tthc_date_is_valid(d), TTHC_ERANGE);
  return push_overlay(b, (bday){d, -1, NULL, NULL, NULL});
}

tthc_status tthc_cal_builder_set_year_status(tthc_cal_builder *b, int year,
                                             tthc_year_status status) {
  TTHC_RETURN_IF(!b || (unsigned)status > TTHC_YEAR_CUSTOM, TTHC_EINVAL);
  TTHC_RETURN_IF(year < 1 || year > 9999, TTHC_ERANGE);
  for (size_t i = 0; i < b->nystat; i++)
    if (b->ystat[i].year == year) {
      b->ystat[i].status = status;
      return TTHC_OK;
    }
  TTHC_RETURN_IF(!tthc__cal_grow((void **)&b->ystat, &b->capystat, b->nystat + 1, sizeof *b->ystat),
                 TTHC_ENOMEM);
  b->ystat[b->nystat++] = (bystat){year, status};
  return TTHC_OK;
}

void tthc__cal_builder_years(const tthc_cal_builder *b, int *first, int *last) {
  *first = b->first_year;
  *last = b->last_year;
}

tthc_status tthc__cal_builder_reserve(tthc_cal_builder *b, size_t days, size_t statuses) {
  TTHC_RETURN_IF(!tthc__cal_grow((void **)&b->over, &b->capover, b->nover + days, sizeof *b->over),
                 TTHC_ENOMEM);
  TTHC_RETURN_IF(
      !tthc__cal_grow((void **)&b->ystat, &b->capystat, b->nystat + statuses, sizeof *b->ystat),
      TTHC_ENOMEM);
  return TTHC_OK;
}

/* Takes ownership of the strings (so they are not const). */
/* NOLINTBEGIN(readability-non-const-parameter) */
void tthc__cal_builder_push_day(tthc_cal_builder *b, tthc_date d, tthc_day_kind kind, char *vi,
                                char *en, char *src) {
  b->over[b->nover++] = (bday){d, (int)kind, vi, en, src};
}
/* NOLINTEND(readability-non-const-parameter) */

void tthc__cal_builder_push_status(tthc_cal_builder *b, int year, tthc_year_status status) {
  tthc_cal_builder_set_year_status(b, year, status); /* room reserved: cannot fail */
}

/* ---- JSON schedules -------------------------------------------------------------------------- */

typedef struct jctx {
  tthc_error *err;
  char path[96]; /* "$[1]" or "$" */
  int64_t record;
} jctx;

static tthc_status jfail(jctx *c, tthc_status st, const char *fmt, ...) TTHC_PRINTF(3, 4);

static tthc_status jfail(jctx *c, tthc_status st, const char *fmt, ...) {
  char msg[TTHC_ERROR_MESSAGE_SIZE];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return tthc__error_record(c->err, c->record, tthc__error_set(c->err, st, 0, 0, -1, "%s", msg));
}

static const char *jtype(const json_t *v) {
  switch (json_typeof(v)) {
    case JSON_OBJECT:
      return "an object";
    case JSON_ARRAY:
      return "an array";
    case JSON_STRING:
      return "a string";
    case JSON_INTEGER:
      return "an integer";
    case JSON_REAL:
      return "a number";
    case JSON_TRUE:
    case JSON_FALSE:
      return "a boolean";
    default:
      return "null";
  }
}

/* A string member: required or optional (NULL when absent). */
static tthc_status jstring(jctx *c, json_t *obj, const char *key, const char *where, int required,
                           const char **out) {
  json_t *v = json_object_get(obj, key);
  *out = NULL;
  if (!v) {
    if (required) return jfail(c, TTHC_EFORMAT, "%s: missing \"%s\"", where, key);
    return TTHC_OK;
  }
  if (!json_is_string(v))
    return jfail(c, TTHC_EFORMAT, "%s.%s: expected a string, found %s", where, key, jtype(v));
  *out = json_string_value(v);
  if (strlen(*out) != json_string_length(v))
    return jfail(c, TTHC_EFORMAT, "%s.%s: the string contains a NUL character", where, key);
  return TTHC_OK;
}

static tthc_status jkeys(jctx *c, json_t *obj, const char *where, const char *const *allowed) {
  const char *key;
  json_t *v;
  json_object_foreach(obj, key, v) {
    int ok = 0;
    for (const char *const *a = allowed; *a; a++) ok |= strcmp(*a, key) == 0;
    if (!ok) {
      char q[80], list[96] = "";
      size_t n = 0;
      for (const char *const *a = allowed; *a && n < sizeof list; a++)
        n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", a == allowed ? "" : ", ", *a);
      tthc__quote(q, sizeof q, key, strlen(key), 40);
      return jfail(c, TTHC_EFORMAT, "%s: unknown key %s (expected %s)", where, q, list);
    }
  }
  return TTHC_OK;
}

static tthc_status parse_day(jctx *c, json_t *v, int year, const char *where, bday *out) {
  static const char *const keys[] = {"date", "kind", "name_vi", "name_en", "source", NULL};
  const char *date_s, *kind_s, *vi, *en, *src;
  memset(out, 0, sizeof *out);
  if (!json_is_object(v))
    return jfail(c, TTHC_EFORMAT, "%s: expected an object, found %s", where, jtype(v));
  TTHC_TRY(jkeys(c, v, where, keys));
  TTHC_TRY(jstring(c, v, "date", where, 1, &date_s));
  TTHC_TRY(jstring(c, v, "kind", where, 1, &kind_s));
  TTHC_TRY(jstring(c, v, "name_vi", where, 1, &vi));
  TTHC_TRY(jstring(c, v, "name_en", where, 0, &en));
  TTHC_TRY(jstring(c, v, "source", where, 0, &src));
  if (!date_s || !kind_s || !vi) return TTHC_EFORMAT; /* required: jstring failed already */
  tthc_error derr;
  tthc_error_clear(&derr);
  tthc_status st = tthc_date_parse(date_s, strlen(date_s), &out->date, &derr);
  if (st != TTHC_OK) return jfail(c, st, "%s.date: %s", where, derr.message);
  if (out->date < ymd(year > 1 ? year - 1 : 1, 1, 1) ||
      out->date > ymd(year < 9999 ? year + 1 : 9999, 12, 31))
    return jfail(c, TTHC_ERANGE, "%s.date: %s is more than a year away from the schedule's year %d",
                 where, date_s, year);
  tthc_day_kind k;
  if (tthc_day_kind_parse(kind_s, strlen(kind_s), &k) != TTHC_OK || k == TTHC_DAY_WORKDAY ||
      k == TTHC_DAY_WEEKLY_REST) {
    char q[80];
    tthc__quote(q, sizeof q, kind_s, strlen(kind_s), 40);
    return jfail(c, TTHC_EFORMAT,
                 "%s.kind: unknown kind %s (expected holiday, compensatory, swap_off, "
                 "makeup_workday or local)",
                 where, q);
  }
  if (!vi[0]) return jfail(c, TTHC_EFORMAT, "%s.name_vi: empty name", where);
  if (has_ctl(vi) || (en && has_ctl(en)) || (src && has_ctl(src)))
    return jfail(c, TTHC_EFORMAT, "%s: a name or source contains a control character", where);
  out->kind = (int)k;
  out->vi = tthc__cal_strdup(vi);
  out->en = tthc__cal_strdup(en && en[0] ? en : vi);
  out->src = tthc__cal_strdup(src ? src : "");
  if (!out->vi || !out->en || !out->src) {
    bday_free(out);
    return jfail(c, TTHC_ENOMEM, "%s: out of memory", where);
  }
  return TTHC_OK;
}

static tthc_status parse_schedule(jctx *c, json_t *v, bsched *out) {
  static const char *const keys[] = {"year", "status", "source", "days", NULL};
  const char *where = c->path, *status_s, *src;
  memset(out, 0, sizeof *out);
  if (!json_is_object(v))
    return jfail(c, TTHC_EFORMAT, "%s: expected a schedule object, found %s", where, jtype(v));
  TTHC_TRY(jkeys(c, v, where, keys));
  json_t *jy = json_object_get(v, "year");
  if (!jy) return jfail(c, TTHC_EFORMAT, "%s: missing \"year\"", where);
  if (!json_is_integer(jy))
    return jfail(c, TTHC_EFORMAT, "%s.year: expected an integer, found %s", where, jtype(jy));
  json_int_t y = json_integer_value(jy);
  if (y < 1 || y > 9999)
    return jfail(c, TTHC_ERANGE, "%s.year: %lld is outside 1-9999", where, (long long)y);
  TTHC_TRY(jstring(c, v, "status", where, 1, &status_s));
  if (!status_s) return TTHC_EFORMAT; /* required: jstring failed already */
  if (strcmp(status_s, "official") == 0)
    out->status = TTHC_YEAR_OFFICIAL;
  else if (strcmp(status_s, "rules") == 0)
    out->status = TTHC_YEAR_RULES;
  else {
    char q[80];
    tthc__quote(q, sizeof q, status_s, strlen(status_s), 40);
    return jfail(c, TTHC_EFORMAT, "%s.status: unknown status %s (expected official or rules)",
                 where, q);
  }
  TTHC_TRY(jstring(c, v, "source", where, 0, &src));
  json_t *days = json_object_get(v, "days");
  if (!days) return jfail(c, TTHC_EFORMAT, "%s: missing \"days\"", where);
  if (!json_is_array(days))
    return jfail(c, TTHC_EFORMAT, "%s.days: expected an array, found %s", where, jtype(days));
  out->year = (int)y;
  out->source = tthc__cal_strdup(src ? src : "");
  size_t n = json_array_size(days);
  out->days = calloc(n ? n : 1, sizeof *out->days);
  if (!out->source || !out->days) {
    bsched_free(out);
    return jfail(c, TTHC_ENOMEM, "%s: out of memory", where);
  }
  for (size_t i = 0; i < n; i++) {
    char w[128];
    snprintf(w, sizeof w, "%s.days[%zu]", where, i);
    tthc_status st = parse_day(c, json_array_get(days, i), out->year, w, &out->days[i]);
    if (st == TTHC_OK) {
      for (size_t j = 0; j < i && st == TTHC_OK; j++)
        if (out->days[j].date == out->days[i].date) {
          char ds[TTHC_DATE_STRLEN];
          tthc_date_format(out->days[i].date, ds, sizeof ds, NULL);
          st = jfail(c, TTHC_EFORMAT, "%s.date: %s is listed twice (also %s.days[%zu])", w, ds,
                     where, j);
        }
      if (st != TTHC_OK) bday_free(&out->days[i]);
    }
    if (st != TTHC_OK) {
      bsched_free(out);
      return st;
    }
    out->n = i + 1;
  }
  return TTHC_OK;
}

tthc_status tthc_cal_builder_load_json(tthc_cal_builder *b, const char *json, size_t len,
                                       tthc_error *err) {
  if (!b || !json)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "%s is NULL", !b ? "builder" : "JSON text");
  json_error_t je;
  int oom;
  json_t *root = tthc__json_loadb(json, len, JSON_REJECT_DUPLICATES, &je, &oom);
  if (oom) return tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, "out of memory");
  if (!root) {
    tthc_status st = json_error_code(&je) == json_error_invalid_utf8 ? TTHC_EUTF8 : TTHC_ESYNTAX;
    return tthc__error_set(err, st, je.line > 0 ? je.line : 0, je.column > 0 ? je.column : 0,
                           je.position, "%s JSON schedule at line %d, column %d: %s",
                           st == TTHC_EUTF8 ? "invalid UTF-8 in the" : "invalid", je.line,
                           je.column, je.text);
  }
  jctx c = {err, "$", 0};
  int is_array = json_is_array(root);
  size_t n = is_array ? json_array_size(root) : 1;
  bsched *tmp = calloc(n ? n : 1, sizeof *tmp);
  size_t ok = 0;
  tthc_status st = tmp ? TTHC_OK : TTHC_ENOMEM;
  for (size_t i = 0; i < n && st == TTHC_OK; i++) {
    c.record = (int64_t)i;
    if (is_array) snprintf(c.path, sizeof c.path, "$[%zu]", i);
    st = parse_schedule(&c, is_array ? json_array_get(root, i) : root, &tmp[i]);
    if (st != TTHC_OK) break;
    ok = i + 1;
    for (size_t j = 0; j < i; j++)
      if (tmp[j].year == tmp[i].year) {
        st = jfail(&c, TTHC_EFORMAT, "%s.year: %d is loaded twice (also $[%zu])", c.path,
                   tmp[i].year, j);
        break;
      }
  }
  json_decref(root);
  /* Commit: make room first so nothing can fail half-way. */
  if (st == TTHC_OK &&
      !tthc__cal_grow((void **)&b->scheds, &b->capscheds, b->nscheds + n, sizeof *b->scheds))
    st = tthc__error_set(err, TTHC_ENOMEM, 0, 0, -1, "out of memory");
  if (st != TTHC_OK) {
    for (size_t i = 0; i < ok; i++) bsched_free(&tmp[i]);
    free(tmp);
    if (st == TTHC_ENOMEM && err && !err->message[0])
      tthc__error_set(err, st, 0, 0, -1, "out of memory");
    return st;
  }
  for (size_t i = 0; i < n; i++) {
    size_t j = 0;
    while (j < b->nscheds && b->scheds[j].year != tmp[i].year) j++;
    if (j < b->nscheds) {
      bsched_free(&b->scheds[j]);
      b->scheds[j] = tmp[i];
    } else {
      b->scheds[b->nscheds++] = tmp[i];
    }
  }
  free(tmp);
  return TTHC_OK;
}

/* ---- compiled calendar ------------------------------------------------------------------------
 */

/* An entry is 8 bytes: no pointer. Its text (names, source) is found from the entry alone (the
 * accessors get no calendar): the calendar keeps its texts and its entries in one block, texts
 * first, and `meta` holds the distance from the entry back to its text. */
struct tthc_cal_entry {
  tthc_date date;
  uint32_t meta; /* bits 0-2: tthc_day_kind; bits 3-31: distance back to the text, in 4 bytes */
};

#define ENTRY_KIND_BITS 3
#define ENTRY_UNIT 4 /* texts and entries are multiples of 4 bytes in size and alignment */

typedef tthc_status (*cal_add_fn)(const tthc_cal *, tthc_date, int32_t, tthc_date *);
typedef tthc_status (*cal_count_fn)(const tthc_cal *, tthc_date, tthc_date, int32_t *);

struct tthc_cal {
  /* the arithmetic (hot: first) */
  cal_add_fn add; /* add/count built for the CPU found when the calendar was built */
  cal_count_fn count;
  uint64_t *work; /* nwords + 1 words: bit i = day first+i is a working day; last word 0 */
  uint32_t *rank; /* nwords + 1: working days in the words before w */
  uint32_t *sel;  /* nsel: day index of the working day of rank 32*j */
  tthc_date first, last;
  uint32_t ndays, nwords, nsel, total; /* total: working days in the calendar */
  int path;                            /* PATH_*, for tthc__cal_path() */
  int weekday_makeup; /* 1 if a make-up working day falls on a day that is not weekly rest */
  /* the rest */
  int first_year, last_year;
  unsigned rest, flags;
  void *block;             /* texts, then entries */
  tthc__cal_text *texts;   /* ntexts, in block */
  tthc_cal_entry *entries; /* nentries in date order, in block */
  size_t ntexts, nentries;
  char *strings; /* copies of the builder's own names and sources (built-in ones are borrowed) */
  size_t strings_size;
  uint8_t *status; /* per year */
};

struct tthc_cal_iter {
  const tthc_cal *cal;
  size_t next, end;
};

void tthc_cal_free(tthc_cal *cal) {
  if (!cal) return;
  free(cal->work);
  free(cal->sel);
  free(cal->block);
  free(cal->strings);
  free(cal->status);
  free(cal);
}

/* A candidate entry during the build. */
typedef struct cand {
  tthc_date date;
  uint8_t kind;
  uint8_t prio;  /* higher wins: 3 overlay, 2 schedule of the date's year, 1 neighbour year's,
                    0 pending rule laid over an official year */
  uint8_t owned; /* 1: the strings belong to the builder (copy them); 0: static tables */
  const char *vi, *en, *src;
} cand;

typedef struct cands {
  cand *v;
  size_t n, cap;
} cands;

static tthc_status cand_push(cands *c, tthc_date d, int kind, int prio, int owned, const char *vi,
                             const char *en, const char *src) {
  TTHC_RETURN_IF(!tthc__cal_grow((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v), TTHC_ENOMEM);
  c->v[c->n++] = (cand){d, (uint8_t)kind, (uint8_t)prio, (uint8_t)owned, vi, en, src};
  return TTHC_OK;
}

static int is_rest(unsigned rest, tthc_date d) { return (rest >> tthc_date_weekday(d)) & 1u; }

static const tthc__cal_era *era_of(int32_t key) {
  for (size_t i = 0; i < tthc__cal_neras; i++)
    if (key >= tthc__cal_eras[i].from && key <= tthc__cal_eras[i].to) return &tthc__cal_eras[i];
  return &tthc__cal_eras[tthc__cal_neras - 1];
}

/* Solar date of lunar month/day (regular month, never the leap twin) of lunar year `year`, in
 * the calendar Vietnam uses (TTHC_LUNAR_VIETNAM). */
static tthc_status lunar_day(int year, int month, int day, tthc_date *out) {
  tthc_lunar_date ld = {year, (int8_t)month, (int8_t)day, 0};
  return tthc_lunar_to_solar(ld, TTHC_LUNAR_VIETNAM, out);
}

typedef struct hol {
  tthc_date date;
  const char *vi, *en, *src, *cvi, *cen, *csrc;
} hol;

/* The holidays of solar year `year` under the rules (only pending rules if pending_only),
 * with their compensatory days under weekly rest `rest`, pushed as candidates. */
static tthc_status rules_year(int year, unsigned flags, unsigned rest, int pending_only, int prio,
                              cands *out) {
  hol h[32];
  size_t nh = 0;
  for (size_t r = 0; r < tthc__cal_nrules; r++) {
    const tthc__cal_rule *ru = &tthc__cal_rules[r];
    if (ru->flag ? !(flags & ru->flag) : pending_only) continue;
    tthc_date base, first;
    int n = 1;
    if (ru->type == TTHC__RULE_SOLAR || ru->type == TTHC__RULE_ADJACENT) {
      base = first = ymd(year, ru->month, ru->day);
    } else {
      TTHC_TRY(lunar_day(year, ru->month, ru->day, &base));
      first = base;
      if (ru->type == TTHC__RULE_LUNAR_SPAN) first = base + ru->start, n = ru->span;
    }
    int32_t key = ymd_key(base);
    if (key < ru->from || key > ru->to) continue;
    const tthc__cal_era *era = era_of(key);
    const char *src = ru->source ? ru->source : era->holiday_source;
    const char *csrc = ru->source ? ru->source : era->comp_source;
    for (int i = 0; i < n && nh < 30; i++)
      h[nh++] = (hol){first + i, ru->name_vi, ru->name_en, src, ru->comp_vi, ru->comp_en, csrc};
    if (ru->type == TTHC__RULE_ADJACENT) {
      tthc_date adj = base + ru->adjacent[tthc_date_weekday(base) - 1];
      h[nh++] = (hol){adj, ru->adj_vi, ru->adj_en, src, ru->comp_vi, ru->comp_en, csrc};
    }
  }
  /* sort by date (insertion sort: a dozen items); the first of two on one date stays */
  for (size_t i = 1; i < nh; i++)
    for (size_t j = i; j > 0 && h[j - 1].date > h[j].date; j--) {
      hol t = h[j];
      h[j] = h[j - 1];
      h[j - 1] = t;
    }
  tthc_date comp[32];
  size_t nc = 0;
  for (size_t i = 0; i < nh; i++) {
    if (i > 0 && h[i].date == h[i - 1].date) continue;
    TTHC_TRY(cand_push(out, h[i].date, TTHC_DAY_HOLIDAY, prio, 0, h[i].vi, h[i].en, h[i].src));
    if (!is_rest(rest, h[i].date)) continue;
    /* Art. 111(3): the next working day that is neither rest, holiday nor already given. */
    tthc_date c = h[i].date + 1;
    for (;;) {
      int taken = is_rest(rest, c);
      for (size_t k = 0; k < nh && !taken; k++) taken = h[k].date == c;
      for (size_t k = 0; k < nc && !taken; k++) taken = comp[k] == c;
      if (!taken) break;
      c++;
    }
    comp[nc++] = c;
    TTHC_TRY(cand_push(out, c, TTHC_DAY_COMPENSATORY, prio, 0, h[i].cvi, h[i].cen, h[i].csrc));
  }
  return TTHC_OK;
}

static const bsched *loaded(const tthc_cal_builder *b, int year) {
  for (size_t i = 0; i < b->nscheds; i++)
    if (b->scheds[i].year == year) return &b->scheds[i];
  return NULL;
}

/* Candidates of one year's base, and its status. */
static tthc_status base_year(const tthc_cal_builder *b, int year, cands *out,
                             tthc_year_status *status) {
  const bsched *ls = loaded(b, year);
  const tthc__cal_official_year *oy =
      (b->flags & (TTHC_CAL_RULES_ONLY | TTHC_CAL_EMPTY)) ? NULL : tthc__cal_official(year);
  if (ls) {
    *status = ls->status;
    for (size_t i = 0; i < ls->n; i++) {
      const bday *d = &ls->days[i];
      TTHC_TRY(cand_push(out, d->date, d->kind, year_of(d->date) == year ? 2 : 1, 1, d->vi, d->en,
                         d->src));
    }
  } else if (oy) {
    *status = TTHC_YEAR_OFFICIAL;
    for (unsigned i = oy->first; i < oy->first + oy->count; i++) {
      const tthc__cal_official_day *d = &tthc__cal_official_days[i];
      const tthc__cal_text *t = &tthc__cal_official_texts[d->text];
      TTHC_TRY(cand_push(out, ymd(d->year, d->month, d->day), d->kind, d->year == year ? 2 : 1, 0,
                         t->name_vi, t->name_en, t->source));
    }
  } else if (b->flags & TTHC_CAL_EMPTY) {
    *status = TTHC_YEAR_CUSTOM;
    return TTHC_OK;
  } else {
    *status = TTHC_YEAR_RULES;
    return rules_year(year, b->flags, b->rest, 0, 2, out);
  }
  if (b->flags & TTHC_CAL_CULTURE_DAY) return rules_year(year, b->flags, b->rest, 1, 0, out);
  return TTHC_OK;
}

/* ---- the arithmetic: rank and select ------------------------------------------------------
 *
 * add(d, n) = select(rank(d) + n) and count(a, b) = rank(b + 1) - rank(a), where rank(i) is the
 * number of working days before day i and select(k) the day of the working day of rank k.
 *
 * rank(i) = rank[i/64] + popcount(work[i/64] below bit i%64).
 * select(k): sel[k/32] is the day p of the working day of rank 32*(k/32); the answer is the
 * (k%32)-th working day from p, found by a select in one word: the days from p (window_at).
 * Any 57 consecutive days of the national calendar 1800-2199 hold at least 34 working days
 * (9-day Tết breaks included); when the window falls short (months off in a custom calendar)
 * a binary search of rank[] between two samples finds the word (select_search, out of line).
 * No loop, and no branch that the data make hard to predict.
 *
 * The select in a word has three builds, picked once per calendar when it is built and kept in
 * it as function pointers (cal->add, cal->count; there is no global state):
 *   "bmi2"      x86-64 with BMI2 (except AMD Zen 1 and 2, where PDEP is microcoded and slow):
 *               POPCNT for rank, PDEP + TZCNT for select.
 *   "popcnt"    x86-64 with POPCNT: POPCNT for rank; select by byte prefix sums in one
 *               multiplication (Vigna, "Broadword implementation of rank/select queries",
 *               2008) and a 256 x 8 table for the bit inside the byte.
 *   "portable"  any CPU: the same with a SWAR popcount (on baseline x86-64 a plain
 *               __builtin_popcountll is a call into libgcc).
 * One body (always inlined) serves the three, specialised by a constant `path`. */

enum { PATH_PORTABLE = 0, PATH_POPCNT = 1, PATH_BMI2 = 2, PATH_COUNT = 3 };

#if defined(__GNUC__) || defined(__clang__)
#define HOT static inline __attribute__((always_inline))
#define COLD static __attribute__((noinline, cold))
#define LIKELY(x) __builtin_expect(!!(x), 1)
#else
#define HOT static inline
#define COLD static
#define LIKELY(x) (x)
#endif

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define CAL_X86 1
#define TARGET_POPCNT __attribute__((target("popcnt")))
#define TARGET_BMI2 __attribute__((target("popcnt,bmi,bmi2")))
#endif

/* SELECT8[b][j]: position of the j-th (0-based) set bit of byte b, 8 if b has no such bit. It is
 * the number of low parts b & (2^p - 1), p = 1..8, that hold at most j set bits; the table is
 * computed by the compiler from that definition. */
#define POP8(b)                                                                                    \
  (((b) & 1) + (((b) >> 1) & 1) + (((b) >> 2) & 1) + (((b) >> 3) & 1) + (((b) >> 4) & 1) +         \
   (((b) >> 5) & 1) + (((b) >> 6) & 1) + (((b) >> 7) & 1))
#define SEL8(b, j)                                                                                 \
  ((POP8((b) & 1) <= (j)) + (POP8((b) & 3) <= (j)) + (POP8((b) & 7) <= (j)) +                      \
   (POP8((b) & 15) <= (j)) + (POP8((b) & 31) <= (j)) + (POP8((b) & 63) <= (j)) +                   \
   (POP8((b) & 127) <= (j)) + (POP8((b) & 255) <= (j)))
#define SEL8_ROW(b)                                                                                \
  { SEL8(b, 0), SEL8(b, 1), SEL8(b, 2), SEL8(b, 3), SEL8(b, 4), SEL8(b, 5), SEL8(b, 6), SEL8(b, 7) }
#define SEL8_4(b) SEL8_ROW(b), SEL8_ROW((b) + 1), SEL8_ROW((b) + 2), SEL8_ROW((b) + 3)
#define SEL8_16(b) SEL8_4(b), SEL8_4((b) + 4), SEL8_4((b) + 8), SEL8_4((b) + 12)
#define SEL8_64(b) SEL8_16(b), SEL8_16((b) + 16), SEL8_16((b) + 32), SEL8_16((b) + 48)
static const uint8_t SELECT8[256][8] = {SEL8_64(0), SEL8_64(64), SEL8_64(128), SEL8_64(192)};

static const uint64_t ONES = UINT64_C(0x0101010101010101), HIGHS = UINT64_C(0x8080808080808080);

/* Set bits of each byte of x, in that byte (SWAR). */
static inline uint64_t byte_counts(uint64_t x) {
  x = x - ((x >> 1) & UINT64_C(0x5555555555555555));
  x = (x & UINT64_C(0x3333333333333333)) + ((x >> 2) & UINT64_C(0x3333333333333333));
  return (x + (x >> 4)) & UINT64_C(0x0F0F0F0F0F0F0F0F);
}

#ifdef CAL_X86
TARGET_POPCNT static inline uint32_t pop_hw(uint64_t x) {
  return (uint32_t)__builtin_popcountll(x);
}
/* Position of the m-th (0-based) set bit of w; 64 if w has no more than m set bits. */
TARGET_BMI2 static inline uint32_t select_bmi2(uint64_t w, uint32_t m) {
  return (uint32_t)_tzcnt_u64(_pdep_u64(UINT64_C(1) << m, w));
}
#endif

HOT uint32_t popc(uint64_t x, int path) {
#ifdef CAL_X86
  if (path != PATH_PORTABLE) return pop_hw(x);
#endif
  (void)path;
  return (uint32_t)((byte_counts(x) * ONES) >> 56);
}

/* Position of the m-th (0-based, m < 64) set bit of w; 64 if w has no more than m set bits. */
HOT uint32_t select64(uint64_t w, uint32_t m, int path) {
#ifdef CAL_X86
  if (path == PATH_BMI2) return select_bmi2(w, m);
#endif
  uint64_t sums = byte_counts(w) * ONES; /* byte i: set bits in bytes 0..i */
  if (m >= (uint32_t)(sums >> 56)) return 64;
  uint64_t le = ((m * ONES | HIGHS) - sums) & HIGHS; /* bytes whose sum is <= m */
  /* bit offset of the answer's byte: 8 times the number of those bytes (one bit each) */
  uint32_t nbytes = path == PATH_PORTABLE ? (uint32_t)(((le >> 7) * ONES) >> 56) : popc(le, path);
  uint32_t place = 8 * nbytes;
  uint32_t before = (uint32_t)((sums << 8) >> place) & 0xFF;
  return place + SELECT8[(w >> place) & 0xFF][m - before];
}

/* Working days before day index i (0 <= i <= ndays). */
HOT uint32_t rank_at(const tthc_cal *cal, uint32_t i, int path) {
  uint64_t below = cal->work[i >> 6] & ((UINT64_C(1) << (i & 63)) - 1);
  return cal->rank[i >> 6] + popc(below, path);
}

/* Day index of the working day of rank k (k < total), by a binary search of rank[] between
 * the words of two samples: for a sample whose window holds too few working days. */
static uint32_t select_search(const tthc_cal *cal, uint32_t k) {
  uint32_t j = k >> 5, lo = cal->sel[j] >> 6;
  uint32_t hi = j + 1 < cal->nsel ? cal->sel[j + 1] >> 6 : cal->nwords - 1;
  while (lo < hi) {
    uint32_t mid = lo + (hi - lo + 1) / 2;
    if (cal->rank[mid] <= k)
      lo = mid;
    else
      hi = mid - 1;
  }
  return (lo << 6) + select64(cal->work[lo], k - cal->rank[lo], PATH_PORTABLE);
}

/* The days from day p as one word (bit 0 = day p). On x86 (little-endian) one unaligned load
 * of the bytes holding day p, shifted: days p .. p+56 at least, zeros above the bytes it read
 * (zeros can only make a select fail, never answer wrongly). Elsewhere two words joined: days
 * p .. p+63. Either reads within work[]: it has a zero word after the last day. */
HOT uint64_t window_at(const tthc_cal *cal, uint32_t p, int path) {
  if (path != PATH_PORTABLE) {
    uint64_t v;
    memcpy(&v, (const unsigned char *)cal->work + (p >> 3), sizeof v);
    return v >> (p & 7);
  }
  const uint64_t *w = cal->work + (p >> 6);
  uint32_t s = p & 63;
  return (w[0] >> s) | ((w[1] << 1) << (63 - s));
}

/* Day index of the working day of rank k (k < total); not on the hot path. */
static uint32_t select_at(const tthc_cal *cal, uint32_t k) {
  uint32_t p = cal->sel[k >> 5];
  uint32_t off = select64(window_at(cal, p, PATH_PORTABLE), k & 31, PATH_PORTABLE);
  return off < 64 ? p + off : select_search(cal, k);
}

/* The hot functions set *out only here on failure (the public wrappers do not zero it first). */
COLD tthc_status range_error(int32_t *out) {
  *out = 0;
  return TTHC_ERANGE;
}

COLD tthc_status add_slow(const tthc_cal *cal, uint32_t k, tthc_date *out) {
  *out = cal->first + (tthc_date)select_search(cal, k);
  return TTHC_OK;
}

HOT tthc_status add_body(const tthc_cal *cal, tthc_date d, int32_t n, tthc_date *out, int path) {
  uint32_t i = (uint32_t)d - (uint32_t)cal->first; /* wraps above ndays when d < first */
  if (i >= cal->ndays) return range_error(out);
  uint64_t word = cal->work[i >> 6];
  uint32_t r = i & 63;
  /* k: rank of the answer. n < 0: rank(d) + n; n == 0: rank(d) (d itself if it is a working
   * day, else the next one); n > 0: rank(d) + n, less one when d is not a working day. */
  int64_t k = (int64_t)cal->rank[i >> 6] + popc(word & ((UINT64_C(1) << r) - 1), path) + n;
  k -= (int64_t)((uint64_t)(n > 0) & ~(word >> r) & 1);
  if ((uint64_t)k >= cal->total) return range_error(out);
  /* select(k) in the window of days from the sample before k */
  uint32_t p = cal->sel[(uint32_t)k >> 5];
  uint32_t off = select64(window_at(cal, p, path), (uint32_t)k & 31, path);
  if (!LIKELY(off < 64)) return add_slow(cal, (uint32_t)k, out); /* a tail call */
  *out = cal->first + (tthc_date)(p + off);
  return TTHC_OK;
}

HOT tthc_status count_body(const tthc_cal *cal, tthc_date from, tthc_date to, int32_t *out,
                           int path) {
  uint32_t a = (uint32_t)from - (uint32_t)cal->first, b = (uint32_t)to - (uint32_t)cal->first;
  if (a >= cal->ndays || b >= cal->ndays) return range_error(out);
  uint32_t lo = a < b ? a : b, hi = a < b ? b : a;
  int32_t c = (int32_t)(rank_at(cal, hi + 1, path) - rank_at(cal, lo, path));
  *out = b < a ? -c : c;
  return TTHC_OK;
}

static tthc_status add_portable(const tthc_cal *cal, tthc_date d, int32_t n, tthc_date *out) {
  return add_body(cal, d, n, out, PATH_PORTABLE);
}
static tthc_status count_portable(const tthc_cal *cal, tthc_date a, tthc_date b, int32_t *out) {
  return count_body(cal, a, b, out, PATH_PORTABLE);
}
#ifdef CAL_X86
TARGET_POPCNT static tthc_status add_popcnt(const tthc_cal *cal, tthc_date d, int32_t n,
                                            tthc_date *out) {
  return add_body(cal, d, n, out, PATH_POPCNT);
}
TARGET_POPCNT static tthc_status count_popcnt(const tthc_cal *cal, tthc_date a, tthc_date b,
                                              int32_t *out) {
  return count_body(cal, a, b, out, PATH_POPCNT);
}
TARGET_BMI2 static tthc_status add_bmi2(const tthc_cal *cal, tthc_date d, int32_t n,
                                        tthc_date *out) {
  return add_body(cal, d, n, out, PATH_BMI2);
}
#endif

static const struct {
  const char *name;
  cal_add_fn add;
  cal_count_fn count;
} PATHS[PATH_COUNT] = {
    {"portable", add_portable, count_portable},
#ifdef CAL_X86
    {"popcnt", add_popcnt, count_popcnt},
    {"bmi2", add_bmi2, count_popcnt},
#else
    {"popcnt", NULL, NULL},
    {"bmi2", NULL, NULL},
#endif
};

/* 1 if this CPU can run `path`. */
static int path_runs(int path) {
#ifdef CAL_X86
  if (path == PATH_POPCNT) return __builtin_cpu_supports("popcnt");
  if (path == PATH_BMI2)
    return __builtin_cpu_supports("popcnt") && __builtin_cpu_supports("bmi") &&
           __builtin_cpu_supports("bmi2");
#endif
  return path == PATH_PORTABLE;
}

static int best_path(void) {
#ifdef CAL_X86
  int slow_pdep = __builtin_cpu_is("znver1") || __builtin_cpu_is("znver2");
  if (!slow_pdep && path_runs(PATH_BMI2)) return PATH_BMI2;
#endif
  return path_runs(PATH_POPCNT) ? PATH_POPCNT : PATH_PORTABLE;
}

static void use_path(tthc_cal *cal, int path) {
  cal->path = path;
  cal->add = PATHS[path].add;
  cal->count = PATHS[path].count;
}

const char *tthc__cal_path(const tthc_cal *cal) { return PATHS[cal->path].name; }

int tthc__cal_use_path(tthc_cal *cal, const char *name) {
  for (int p = 0; p < PATH_COUNT; p++)
    if (strcmp(PATHS[p].name, name) == 0 && PATHS[p].add && path_runs(p)) {
      use_path(cal, p);
      return 1;
    }
  return 0;
}

/* ---- building ---------------------------------------------------------------------------- */

/* Intern a text triple (by content) into the calendar's table during the build. */
typedef struct interner {
  const char **keys; /* 3 pointers per slot, NULL = empty */
  uint32_t *idx;
  size_t cap;
} interner;

static uint64_t hash3(const char *a, const char *b, const char *c) {
  uint64_t h = 1469598103934665603u;
  const char *s[3] = {a, b, c};
  for (int i = 0; i < 3; i++) {
    for (const unsigned char *p = (const unsigned char *)s[i]; *p; p++)
      h = (h ^ *p) * 1099511628211u;
    h = (h ^ 0xFF) * 1099511628211u;
  }
  return h;
}

/* The distinct texts of the n chosen candidates (text_of[i]: the text of candidate i), each
 * distinct triple once, its strings borrowed (*owned set if the builder owns them). */
static tthc_status intern_texts(const cand *chosen, size_t n, uint32_t *text_of,
                                tthc__cal_text *texts, uint8_t *owned, size_t *ntexts) {
  size_t cap = 64;
  while (cap < n * 2) cap *= 2;
  interner in = {calloc(cap * 3, sizeof(char *)), calloc(cap, sizeof(uint32_t)), cap};
  if (!in.keys || !in.idx) {
    free(in.keys), free(in.idx);
    return TTHC_ENOMEM;
  }
  size_t nt = 0;
  for (size_t i = 0; i < n; i++) {
    const char *vi = chosen[i].vi ? chosen[i].vi : "", *en = chosen[i].en ? chosen[i].en : "",
               *src = chosen[i].src ? chosen[i].src : "";
    size_t s = hash3(vi, en, src) & (cap - 1);
    while (in.keys[s * 3] && (strcmp(in.keys[s * 3], vi) != 0 ||
                              strcmp(in.keys[s * 3 + 1], en) != 0 ||
                              strcmp(in.keys[s * 3 + 2], src) != 0))
      s = (s + 1) & (cap - 1);
    if (!in.keys[s * 3]) {
      in.keys[s * 3] = vi, in.keys[s * 3 + 1] = en, in.keys[s * 3 + 2] = src;
      in.idx[s] = (uint32_t)nt;
      owned[nt] = chosen[i].owned;
      texts[nt++] = (tthc__cal_text){vi, en, src};
    }
    text_of[i] = in.idx[s];
  }
  free(in.keys);
  free(in.idx);
  *ntexts = nt;
  return TTHC_OK;
}

/* Entries (the n chosen candidates, in date order) and their texts, in one block. Built-in
 * names and sources are the library's static strings, borrowed; the builder's own (user days,
 * loaded schedules) are copied once into cal->strings. */
static tthc_status build_entries(tthc_cal *cal, const cand *chosen, size_t n) {
  size_t m = n ? n : 1;
  uint32_t *text_of = malloc(m * sizeof *text_of);
  tthc__cal_text *texts = malloc(m * sizeof *texts);
  uint8_t *owned = malloc(m);
  size_t nt = 0;
  tthc_status st = text_of && texts && owned ? TTHC_OK : TTHC_ENOMEM;
  if (st == TTHC_OK) st = intern_texts(chosen, n, text_of, texts, owned, &nt);
  size_t bytes = 0;
  for (size_t t = 0; st == TTHC_OK && t < nt; t++)
    if (owned[t])
      bytes += strlen(texts[t].name_vi) + strlen(texts[t].name_en) + strlen(texts[t].source) + 3;
  size_t head = nt * sizeof(tthc__cal_text);
  if (st == TTHC_OK) {
    cal->block = malloc(head + n * sizeof(tthc_cal_entry) + 1);
    cal->strings = malloc(bytes ? bytes : 1);
    if (!cal->block || !cal->strings) st = TTHC_ENOMEM;
  }
  if (st == TTHC_OK) {
    cal->texts = cal->block;
    cal->entries = (tthc_cal_entry *)(void *)((char *)cal->block + head);
    cal->ntexts = nt;
    cal->nentries = n;
    cal->strings_size = bytes;
    char *p = cal->strings;
    for (size_t t = 0; t < nt; t++) {
      cal->texts[t] = texts[t];
      if (!owned[t]) continue;
      const char **f[3] = {&cal->texts[t].name_vi, &cal->texts[t].name_en, &cal->texts[t].source};
      for (int k = 0; k < 3; k++) {
        size_t l = strlen(*f[k]) + 1;
        memcpy(p, *f[k], l);
        *f[k] = p;
        p += l;
      }
    }
    for (size_t i = 0; i < n; i++) {
      cal->weekday_makeup |= chosen[i].kind == TTHC_DAY_MAKEUP_WORKDAY &&
                             !is_rest(cal->rest, chosen[i].date);
      size_t back =
          (size_t)((const char *)&cal->entries[i] - (const char *)&cal->texts[text_of[i]]);
      cal->entries[i] = (tthc_cal_entry){
          chosen[i].date, chosen[i].kind | (uint32_t)(back / ENTRY_UNIT) << ENTRY_KIND_BITS};
    }
  }
  free(text_of);
  free(texts);
  free(owned);
  return st;
}

/* Bitmap, rank and select sample from the per-day slots (slot[i]: the winning candidate of
 * day i, or -1). */
static tthc_status build_index(tthc_cal *cal, const int32_t *slot, const cand *cv) {
  uint32_t nw = cal->nwords;
  /* one block: work[nw + 1] then rank[nw + 1] */
  cal->work = calloc(1, ((size_t)nw + 1) * (sizeof(uint64_t) + sizeof(uint32_t)));
  TTHC_RETURN_IF(!cal->work, TTHC_ENOMEM);
  cal->rank = (uint32_t *)(void *)(cal->work + nw + 1);
  for (uint32_t i = 0; i < cal->ndays; i++) {
    int working = slot[i] >= 0 && cv ? cv[slot[i]].kind == TTHC_DAY_MAKEUP_WORKDAY
                                     : !is_rest(cal->rest, cal->first + (tthc_date)i);
    if (working) cal->work[i >> 6] |= UINT64_C(1) << (i & 63);
  }
  for (uint32_t w = 0; w < nw; w++)
    cal->rank[w + 1] = cal->rank[w] + (uint32_t)((byte_counts(cal->work[w]) * ONES) >> 56);
  cal->total = cal->rank[nw];
  cal->nsel = (cal->total + 31) / 32;
  cal->sel = malloc((cal->nsel ? cal->nsel : 1) * sizeof(uint32_t));
  TTHC_RETURN_IF(!cal->sel, TTHC_ENOMEM);
  for (uint32_t i = 0, k = 0; i < cal->ndays; i++)
    if ((cal->work[i >> 6] >> (i & 63)) & 1) {
      if ((k & 31) == 0) cal->sel[k >> 5] = i;
      k++;
    }
  use_path(cal, best_path());
  return TTHC_OK;
}

static tthc_status build(const tthc_cal_builder *b, tthc_cal *cal, cands *cs, int32_t **slotp) {
  cal->first = ymd(b->first_year, 1, 1);
  cal->last = ymd(b->last_year, 12, 31);
  cal->first_year = b->first_year;
  cal->last_year = b->last_year;
  cal->rest = b->rest;
  cal->flags = b->flags;
  cal->ndays = (uint32_t)(cal->last - cal->first + 1);
  cal->nwords = (cal->ndays + 63) / 64;
  int ny = b->last_year - b->first_year + 1;
  cal->status = malloc((size_t)ny);
  TTHC_RETURN_IF(!cal->status, TTHC_ENOMEM);
  int ylo = b->first_year, yhi = b->last_year;
  int lim_lo = (b->flags & TTHC_CAL_EMPTY) ? 1 : TTHC_CAL_MIN_YEAR;
  int lim_hi = (b->flags & TTHC_CAL_EMPTY) ? 9999 : TTHC_CAL_MAX_YEAR;
  if (ylo > lim_lo) ylo--; /* neighbour years: their breaks may reach into the range */
  if (yhi < lim_hi) yhi++;
  for (int y = ylo; y <= yhi; y++) {
    tthc_year_status st;
    size_t mark = cs->n;
    tthc_status e = base_year(b, y, cs, &st);
    if (y >= b->first_year && y <= b->last_year) {
      TTHC_TRY(e);
      cal->status[y - b->first_year] = (uint8_t)st;
    } else if (e != TTHC_OK) {
      cs->n = mark; /* a neighbour year only lends its cross-year days; skip it if it fails */
    }
  }
  for (size_t i = 0; i < b->nystat; i++)
    if (b->ystat[i].year >= b->first_year && b->ystat[i].year <= b->last_year)
      cal->status[b->ystat[i].year - b->first_year] = (uint8_t)b->ystat[i].status;
  int32_t *slot = malloc(cal->ndays * sizeof(int32_t));
  *slotp = slot;
  TTHC_RETURN_IF(!slot, TTHC_ENOMEM);
  memset(slot, 0xFF, cal->ndays * sizeof(int32_t));
  for (size_t i = 0; i < cs->n; i++) {
    const cand *c = &cs->v[i];
    if (c->date < cal->first || c->date > cal->last) continue;
    int32_t *s = &slot[c->date - cal->first];
    if (*s < 0 || cs->v[*s].prio < c->prio) *s = (int32_t)i;
  }
  /* overlays in call order: the later wins */
  for (size_t i = 0; i < b->nover; i++) {
    const bday *o = &b->over[i];
    if (o->date < cal->first || o->date > cal->last) continue;
    if (o->kind < 0) {
      slot[o->date - cal->first] = -1;
      continue;
    }
    TTHC_TRY(cand_push(cs, o->date, o->kind, 3, 1, o->vi, o->en, o->src));
    slot[o->date - cal->first] = (int32_t)(cs->n - 1);
  }
  TTHC_TRY(build_index(cal, slot, cs->v));
  /* entries in date order */
  size_t ne = 0;
  for (uint32_t i = 0; i < cal->ndays; i++) ne += slot[i] >= 0;
  cand *chosen = calloc(ne ? ne : 1, sizeof *chosen);
  TTHC_RETURN_IF(!chosen, TTHC_ENOMEM);
  for (uint32_t i = 0, k = 0; i < cal->ndays; i++)
    if (slot[i] >= 0 && cs->v) chosen[k++] = cs->v[slot[i]]; /* cs->v: for the analyzer */
  tthc_status st = build_entries(cal, chosen, ne);
  free(chosen);
  return st;
}

tthc_status tthc_cal_build(const tthc_cal_builder *b, tthc_cal **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!b, TTHC_EINVAL);
  tthc_cal *cal = calloc(1, sizeof *cal);
  TTHC_RETURN_IF(!cal, TTHC_ENOMEM);
  cands cs = {0};
  int32_t *slot = NULL;
  tthc_status st = build(b, cal, &cs, &slot);
  free(cs.v);
  free(slot);
  if (st != TTHC_OK) {
    tthc_cal_free(cal);
    return st;
  }
  *out = cal;
  return TTHC_OK;
}

tthc_status tthc_cal_new_vietnam(int first_year, int last_year, tthc_cal **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  tthc_cal_builder *b;
  TTHC_TRY(tthc_cal_builder_new(first_year, last_year, TTHC_CAL_DEFAULT, &b));
  tthc_status st = tthc_cal_build(b, out);
  tthc_cal_builder_free(b);
  return st;
}

/* ---- queries ------------------------------------------------------------------------------- */

tthc_date tthc_cal_first_date(const tthc_cal *cal) { return cal ? cal->first : 0; }
tthc_date tthc_cal_last_date(const tthc_cal *cal) { return cal ? cal->last : 0; }
unsigned tthc_cal_weekly_rest(const tthc_cal *cal) { return cal ? cal->rest : 0; }

static int in_cal(const tthc_cal *cal, tthc_date d) { return d >= cal->first && d <= cal->last; }

tthc_status tthc_cal_is_workday(const tthc_cal *cal, tthc_date d, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  TTHC_RETURN_IF(!in_cal(cal, d), TTHC_ERANGE);
  uint32_t i = (uint32_t)(d - cal->first);
  *out = (int)((cal->work[i >> 6] >> (i & 63)) & 1u);
  return TTHC_OK;
}

/* Index of the first entry dated on or after d (nentries if none): binary search. */
static size_t entry_at_or_after(const tthc_cal *cal, tthc_date d) {
  const tthc_cal_entry *base = cal->entries;
  size_t n = cal->nentries;
  if (n == 0) return 0;
  /* branch-free: the answer stays within [base, base + n]; a conditional move per step */
  while (n > 1) {
    size_t half = n / 2;
    base = base[half].date < d ? base + half : base;
    n -= half;
  }
  return (size_t)(base - cal->entries) + (base->date < d);
}

tthc_status tthc_cal_day(const tthc_cal *cal, tthc_date d, tthc_day_kind *kind,
                         const tthc_cal_entry **entry) {
  if (kind) *kind = TTHC_DAY_WORKDAY;
  if (entry) *entry = NULL;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  TTHC_RETURN_IF(!in_cal(cal, d), TTHC_ERANGE);
  uint32_t di = (uint32_t)(d - cal->first);
  int rest = is_rest(cal->rest, d);
  /* an ordinary working day has no entry unless some make-up day falls on a working weekday */
  if (!rest && ((cal->work[di >> 6] >> (di & 63)) & 1) && !cal->weekday_makeup) return TTHC_OK;
  size_t i = entry_at_or_after(cal, d);
  if (i < cal->nentries && cal->entries[i].date == d) {
    const tthc_cal_entry *e = &cal->entries[i];
    if (kind) *kind = tthc_cal_entry_kind(e);
    if (entry) *entry = e;
  } else if (kind) {
    *kind = rest ? TTHC_DAY_WEEKLY_REST : TTHC_DAY_WORKDAY;
  }
  return TTHC_OK;
}

tthc_status tthc_cal_year_status(const tthc_cal *cal, int year, tthc_year_status *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = TTHC_YEAR_RULES;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  TTHC_RETURN_IF(year < cal->first_year || year > cal->last_year, TTHC_ERANGE);
  *out = (tthc_year_status)cal->status[year - cal->first_year];
  return TTHC_OK;
}

/* add and count: *out is set on every return, by the build of the arithmetic in use (0 on
 * failure, through range_error); the NULL checks stay here. */
tthc_status tthc_cal_add_workdays(const tthc_cal *cal, tthc_date d, int32_t n, tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  if (!cal) return *out = 0, TTHC_EINVAL;
  return cal->add(cal, d, n, out);
}

tthc_status tthc_cal_count_workdays(const tthc_cal *cal, tthc_date from, tthc_date to,
                                    int32_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  if (!cal) return *out = 0, TTHC_EINVAL;
  return cal->count(cal, from, to, out);
}

tthc_status tthc_cal_next_workday(const tthc_cal *cal, tthc_date d, tthc_date *out) {
  return tthc_cal_add_workdays(cal, d, 1, out);
}

tthc_status tthc_cal_prev_workday(const tthc_cal *cal, tthc_date d, tthc_date *out) {
  return tthc_cal_add_workdays(cal, d, -1, out);
}

/* Rank bounds of a month: working days before its first day and up to its last. */
static tthc_status month_bounds(const tthc_cal *cal, int year, int month, int64_t *lo,
                                int64_t *hi) {
  TTHC_RETURN_IF(month < 1 || month > 12, TTHC_EDATE);
  TTHC_RETURN_IF(year < cal->first_year || year > cal->last_year, TTHC_ERANGE);
  tthc_date a = ymd(year, month, 1);
  tthc_date z = a + tthc_date_days_in_month(year, month) - 1;
  *lo = rank_at(cal, (uint32_t)(a - cal->first), PATH_PORTABLE);
  *hi = rank_at(cal, (uint32_t)(z - cal->first) + 1, PATH_PORTABLE);
  return TTHC_OK;
}

tthc_status tthc_cal_month_workdays(const tthc_cal *cal, int year, int month, int32_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  int64_t lo, hi;
  TTHC_TRY(month_bounds(cal, year, month, &lo, &hi));
  *out = (int32_t)(hi - lo);
  return TTHC_OK;
}

tthc_status tthc_cal_month_nth_workday(const tthc_cal *cal, int year, int month, int n,
                                       tthc_date *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  int64_t lo, hi;
  TTHC_TRY(month_bounds(cal, year, month, &lo, &hi));
  TTHC_RETURN_IF(n == 0 || (n > 0 && n > hi - lo) || (n < 0 && -(int64_t)n > hi - lo),
                 TTHC_ENOTFOUND);
  int64_t k = n > 0 ? lo + n - 1 : hi + n;
  *out = cal->first + (tthc_date)select_at(cal, (uint32_t)k);
  return TTHC_OK;
}

/* ---- entries ----------------------------------------------------------------------------- */

static void entry_span(const tthc_cal *cal, tthc_date from, tthc_date to, size_t *a, size_t *z) {
  *a = *z = 0;
  if (from < cal->first) from = cal->first;
  if (to > cal->last) to = cal->last;
  if (to < from) return;
  *a = entry_at_or_after(cal, from);
  *z = entry_at_or_after(cal, to + 1);
}

tthc_status tthc_cal_iter_new(const tthc_cal *cal, tthc_date from, tthc_date to,
                              tthc_cal_iter **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  tthc_cal_iter *it = malloc(sizeof *it);
  TTHC_RETURN_IF(!it, TTHC_ENOMEM);
  it->cal = cal;
  entry_span(cal, from, to, &it->next, &it->end);
  *out = it;
  return TTHC_OK;
}

const tthc_cal_entry *tthc_cal_iter_next(tthc_cal_iter *it) {
  if (!it || it->next >= it->end) return NULL;
  return &it->cal->entries[it->next++];
}

void tthc_cal_iter_free(tthc_cal_iter *it) { free(it); }

tthc_status tthc_cal_entry_count(const tthc_cal *cal, tthc_date from, tthc_date to, size_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!cal, TTHC_EINVAL);
  size_t a, z;
  entry_span(cal, from, to, &a, &z);
  *out = z - a;
  return TTHC_OK;
}

static const tthc__cal_text *entry_text(const tthc_cal_entry *e) {
  size_t back = (size_t)(e->meta >> ENTRY_KIND_BITS) * ENTRY_UNIT;
  return (const tthc__cal_text *)(const void *)((const char *)e - back);
}

tthc_date tthc_cal_entry_date(const tthc_cal_entry *e) { return e ? e->date : 0; }
tthc_day_kind tthc_cal_entry_kind(const tthc_cal_entry *e) {
  return e ? (tthc_day_kind)(e->meta & ((1u << ENTRY_KIND_BITS) - 1)) : TTHC_DAY_WORKDAY;
}
const char *tthc_cal_entry_name_vi(const tthc_cal_entry *e) {
  return e ? entry_text(e)->name_vi : "";
}
const char *tthc_cal_entry_name_en(const tthc_cal_entry *e) {
  return e ? entry_text(e)->name_en : "";
}
const char *tthc_cal_entry_source(const tthc_cal_entry *e) {
  return e ? entry_text(e)->source : "";
}

void tthc__cal_memory_parts(const tthc_cal *cal, size_t part[3]) {
  part[0] = ((size_t)cal->nwords + 1) * (sizeof(uint64_t) + sizeof(uint32_t)) +
            (size_t)cal->nsel * sizeof(uint32_t);
  part[1] = cal->nentries * sizeof(tthc_cal_entry);
  part[2] = cal->ntexts * sizeof(tthc__cal_text) + cal->strings_size;
}

size_t tthc_cal_memory(const tthc_cal *cal) {
  if (!cal) return 0;
  size_t part[3];
  tthc__cal_memory_parts(cal, part);
  return sizeof *cal + part[0] + part[1] + part[2] + (size_t)(cal->last_year - cal->first_year + 1);
}
