/* dossier: dossier codes, the append-only event log, its state machine, status at an instant. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "deadline_internal.h"
#include "dossier_internal.h"

/* ======================================================================================== */
/* Dossier codes                                                                              */
/* ======================================================================================== */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }

/* Check s[0..n) against a pattern: 'D' digit, 'L' uppercase letter, other chars literal.
 * Returns the index of the first mismatch, or n if it matches. */
static size_t match_pattern(const char *s, size_t n, const char *pat) {
  for (size_t i = 0; i < n; i++) {
    char p = pat[i];
    if (p == 'D' ? !is_digit(s[i]) : p == 'L' ? !is_upper(s[i]) : s[i] != p) return i;
  }
  return n;
}

static const char *pattern_expect(char p) {
  return p == 'D' ? "a digit" : p == 'L' ? "an uppercase letter" : p == '.' ? "'.'" : "'-'";
}

static tthc_status code_error(tthc_error *err, tthc_status st, const char *s, size_t len,
                              size_t at, const char *what) {
  char q[96];
  tthc__quote(q, sizeof q, s, len, 60);
  int32_t col = tthc__utf8_columns(s, at < len ? at : len) + 1;
  return tthc__error_set(err, st, 1, col, (int64_t)at, "dossier code %s: %s at column %d", q,
                         what, (int)col);
}

/* Parse YYMMDD at s into a date (20YY). */
static tthc_status parse_yymmdd(const char *s, tthc_date *out) {
  int y = 2000 + (s[0] - '0') * 10 + (s[1] - '0');
  int m = (s[2] - '0') * 10 + (s[3] - '0');
  int d = (s[4] - '0') * 10 + (s[5] - '0');
  return tthc_date_from_ymd(y, m, d, out);
}

#define AGENCY_2018 "DDD.DD.DD.LDD"
#define AGENCY_2026 "LDD.DDD.DD"

tthc_status tthc_dossier_code_parse(const char *s, size_t len, tthc_dossier_code *out,
                                    tthc_error *err) {
  if (out) memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!s || !out, TTHC_EINVAL);
  /* The agency identifier runs up to the first '-'. Its shape tells the layout. */
  const char *dash = memchr(s, '-', len);
  size_t alen = dash ? (size_t)(dash - s) : len;
  const char *pat;
  int layout;
  if (alen == strlen(AGENCY_2018) && s[9] == '.') { /* the 2018 layout is 13 long */
    pat = AGENCY_2018, layout = TTHC_CODE_2018;
  } else if (alen == strlen(AGENCY_2026)) {
    pat = AGENCY_2026, layout = TTHC_CODE_2026;
  } else {
    if (!dash)
      return code_error(err, TTHC_ESYNTAX, s, len, len,
                        "expected AGENCY-YYMMDD-SEQUENCE (no '-' found)");
    return code_error(err, TTHC_ESYNTAX, s, len, 0,
                      "the agency identifier before the first '-' must be V1V2V3.Z1Z2.Y1Y2.MX1X2 "
                      "(2018 layout) or MX1X2.Y1Y2Y3.Z1Z2 (2026 layout)");
  }
  size_t bad = match_pattern(s, alen, pat);
  if (bad < alen) {
    char what[160];
    snprintf(what, sizeof what, "expected %s in the agency identifier (%s layout %s)",
             pattern_expect(pat[bad]), layout == TTHC_CODE_2018 ? "2018" : "2026",
             layout == TTHC_CODE_2018 ? "V1V2V3.Z1Z2.Y1Y2.MX1X2" : "MX1X2.Y1Y2Y3.Z1Z2");
    return code_error(err, TTHC_ESYNTAX, s, len, bad, what);
  }
  /* "-YYMMDD-" */
  size_t p = alen;
  if (p + 8 > len || s[p] != '-' || match_pattern(s + p + 1, 6, "DDDDDD") < 6 ||
      s[p + 7] != '-') {
    size_t at = p;
    if (p < len && s[p] == '-') {
      at = p + 1;
      while (at < len && at < p + 7 && is_digit(s[at])) at++;
    }
    return code_error(err, TTHC_ESYNTAX, s, len, at,
                      at == p + 7 ? "expected '-' after the receipt date YYMMDD"
                                  : "expected the receipt date YYMMDD (six digits) after '-'");
  }
  tthc_date date;
  if (parse_yymmdd(s + p + 1, &date) != TTHC_OK)
    return code_error(err, TTHC_EDATE, s, len, p + 1, "receipt date YYMMDD is not a date");
  p += 8;
  size_t nd = len - p;
  size_t firstbad = nd;
  for (size_t i = 0; i < nd; i++)
    if (!is_digit(s[p + i])) {
      firstbad = i;
      break;
    }
  if (firstbad < nd || nd == 0)
    return code_error(err, TTHC_ESYNTAX, s, len, p + (firstbad < nd ? firstbad : 0),
                      layout == TTHC_CODE_2018
                          ? "expected the 4-digit sequence number XXXX (digits only)"
                          : "expected AA and a sequence of at least 4 digits (digits only)");
  size_t seqdigits = layout == TTHC_CODE_2018 ? nd : nd - 2;
  if (layout == TTHC_CODE_2018 && nd != 4)
    return code_error(err, TTHC_ESYNTAX, s, len, nd < 4 ? len : p + 4,
                      "the 2018 layout has exactly 4 sequence digits");
  if (layout == TTHC_CODE_2026 && nd < 6)
    return code_error(err, TTHC_ESYNTAX, s, len, len,
                      "the 2026 layout needs AA and at least 4 sequence digits");
  if (seqdigits > TTHC_DOSSIER_SEQ_MAX_DIGITS)
    return code_error(err, TTHC_ERANGE, s, len, p, "sequence number longer than 18 digits");
  uint64_t seq = 0;
  for (size_t i = nd - seqdigits; i < nd; i++) seq = seq * 10 + (uint64_t)(s[p + i] - '0');
  out->layout = layout;
  memcpy(out->agency, s, alen);
  out->agency[alen] = '\0';
  out->date = date;
  out->system = layout == TTHC_CODE_2026 ? (s[p] - '0') * 10 + (s[p + 1] - '0') : -1;
  out->sequence = seq;
  out->sequence_digits = (int)seqdigits;
  return TTHC_OK;
}

static int digits_of(uint64_t v) {
  int n = 1;
  while (v >= 10) v /= 10, n++;
  return n;
}

tthc_status tthc_dossier_code_format(const tthc_dossier_code *code, char *buf, size_t cap,
                                     size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!code || (!buf && cap > 0), TTHC_EINVAL);
  TTHC_RETURN_IF(code->layout != TTHC_CODE_2018 && code->layout != TTHC_CODE_2026, TTHC_EINVAL);
  const char *pat = code->layout == TTHC_CODE_2018 ? AGENCY_2018 : AGENCY_2026;
  size_t alen = 0;
  while (alen < sizeof code->agency && code->agency[alen]) alen++;
  TTHC_RETURN_IF(alen != strlen(pat) || match_pattern(code->agency, alen, pat) < alen,
                 TTHC_ESYNTAX);
  int y, m, d;
  TTHC_RETURN_IF(tthc_date_to_ymd(code->date, &y, &m, &d) != TTHC_OK || y < 2000 || y > 2099,
                 TTHC_ERANGE);
  int width = code->sequence_digits < 4 ? 4 : code->sequence_digits;
  int need = digits_of(code->sequence);
  if (need > width) width = need;
  if (code->layout == TTHC_CODE_2018) {
    TTHC_RETURN_IF(width != 4, TTHC_ERANGE);
  } else {
    TTHC_RETURN_IF(code->system < 0 || code->system > 99, TTHC_ERANGE);
    TTHC_RETURN_IF(width > TTHC_DOSSIER_SEQ_MAX_DIGITS, TTHC_ERANGE);
  }
  char tmp[TTHC_DOSSIER_CODE_STRLEN];
  int n;
  if (code->layout == TTHC_CODE_2018)
    n = snprintf(tmp, sizeof tmp, "%s-%02d%02d%02d-%0*llu", code->agency, y % 100, m, d, width,
                 (unsigned long long)code->sequence);
  else
    n = snprintf(tmp, sizeof tmp, "%s-%02d%02d%02d-%02d%0*llu", code->agency, y % 100, m, d,
                 code->system, width, (unsigned long long)code->sequence);
  if (needed) *needed = (size_t)n;
  TTHC_RETURN_IF((size_t)n + 1 > cap, TTHC_ENOSPC);
  memcpy(buf, tmp, (size_t)n + 1);
  return TTHC_OK;
}

/* ======================================================================================== */
/* Names                                                                                      */
/* ======================================================================================== */

const char *tthc_dossier_event_kind_name(int kind) {
  switch (kind) {
#define TTHC__EVENT_NAME(name, num, str) \
  case num:                              \
    return str;
    TTHC_DOSSIER_EVENT_MAP(TTHC__EVENT_NAME)
#undef TTHC__EVENT_NAME
    default:
      return NULL;
  }
}

const char *tthc_dossier_event_kind_label_vi(int kind) {
  static const char *const vi[TTHC__EVENT_COUNT] = {
      NULL,           "Tiếp nhận",   "Hoàn thành bước", "Yêu cầu bổ sung", "Nhận hồ sơ bổ sung",
      "Tạm dừng",     "Tiếp tục",    "Từ chối",         "Có kết quả",      "Xin lỗi, hẹn lại",
      "Trả kết quả",  "Rút hồ sơ",   "Thanh toán trực tuyến"};
  return kind >= 1 && kind < TTHC__EVENT_COUNT ? vi[kind] : NULL;
}

tthc_status tthc_dossier_event_kind_from_name(const char *name, size_t len, int *out) {
  if (out) *out = 0;
  TTHC_RETURN_IF(!name || !out, TTHC_EINVAL);
  for (int k = 1; k < TTHC__EVENT_COUNT; k++) {
    const char *n = tthc_dossier_event_kind_name(k);
    if (n && strlen(n) == len && memcmp(n, name, len) == 0) {
      *out = k;
      return TTHC_OK;
    }
  }
  return TTHC_ENOTFOUND;
}

static const char *const state_names[] = {"received",      "processing", "supplementing",
                                          "paused",        "result_issued", "returned",
                                          "refused",       "withdrawn"};
static const char *const category_names[] = {"pending", "on_track", "overdue",  "early",
                                             "on_time", "late",     "refused", "withdrawn"};
static const char *const category_vi[] = {"Chờ tiếp nhận", "Đang xử lý trong hạn",
                                          "Đang xử lý quá hạn", "Trước hạn", "Đúng hạn",
                                          "Trễ hạn", "Từ chối", "Rút hồ sơ"};

const char *tthc_dossier_state_name(int state) {
  return state >= 0 && state < 8 ? state_names[state] : NULL;
}
const char *tthc_dossier_category_name(int category) {
  return category >= 0 && category < 8 ? category_names[category] : NULL;
}
const char *tthc_dossier_category_label_vi(int category) {
  return category >= 0 && category < 8 ? category_vi[category] : NULL;
}

/* ======================================================================================== */
/* Objects and attributes                                                                     */
/* ======================================================================================== */

static bool datetime_ok(tthc_datetime t) {
  return t >= (int64_t)TTHC_DATE_MIN * TTHC_SECONDS_PER_DAY &&
         t <= (int64_t)TTHC_DATE_MAX * TTHC_SECONDS_PER_DAY + TTHC_SECONDS_PER_DAY - 1;
}

/* Reserve n more bytes in the arena; returns the offset where they go, or UINT32_MAX. */
static uint32_t arena_reserve(tthc_dossier *d, size_t n) {
  if (n > UINT32_MAX / 2 || d->alen > UINT32_MAX / 2 - n) return UINT32_MAX;
  size_t want = (size_t)d->alen + n;
  if (want > d->acap) {
    size_t cap = d->acap ? d->acap : 64;
    while (cap < want) cap *= 2;
    char *a = realloc(d->arena, cap);
    if (!a) return UINT32_MAX;
    d->arena = a;
    d->acap = (uint32_t)cap;
  }
  uint32_t off = d->alen;
  d->alen += (uint32_t)n;
  return off;
}

static void clear_all(tthc_dossier *d) {
  d->alen = 1;
  d->arena[0] = '\0';
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) d->text_off[i] = 0, d->text_len[i] = 0;
  d->received_at = 0;
  d->channel = -1;
  d->online_kind = TTHC_ONLINE_UNKNOWN;
  d->fee = d->result_doc = d->four = -1;
  d->flags = 0;
  memset(d->eval, -1, sizeof d->eval);
  d->nev = 0;
  d->has_limit = false;
  d->state = TTHC_STATE_RECEIVED;
  d->accepted = d->apologised = false;
}

tthc_status tthc__dossier_set_textn(tthc_dossier *d, int which, const char *s, size_t n) {
  TTHC_RETURN_IF(s && n && !tthc__utf8_valid(s, n), TTHC_EUTF8);
  return tthc__dossier_set_text_trusted(d, which, s, n);
}

tthc_status tthc__dossier_set_text_trusted(tthc_dossier *d, int which, const char *s, size_t n) {
  TTHC_RETURN_IF(!d || which < 0 || which >= TTHC__DOSSIER_NTEXT, TTHC_EINVAL);
  if (!s || n == 0) {
    d->text_off[which] = 0, d->text_len[which] = 0;
    return TTHC_OK;
  }
  /* Overwrite in place when the new value fits in the old slot (keeps a reused dossier small). */
  if (d->text_off[which] != 0 && n <= d->text_len[which]) {
    char *dst = d->arena + d->text_off[which];
    memmove(dst, s, n);
    dst[n] = '\0';
    d->text_len[which] = (uint32_t)n;
    return TTHC_OK;
  }
  uint32_t off = arena_reserve(d, n + 1);
  TTHC_RETURN_IF(off == UINT32_MAX, TTHC_ENOMEM);
  memcpy(d->arena + off, s, n);
  d->arena[off + n] = '\0';
  d->text_off[which] = off;
  d->text_len[which] = (uint32_t)n;
  return TTHC_OK;
}

tthc_status tthc_dossier_reset(tthc_dossier *d, const char *code, tthc_datetime received_at) {
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  clear_all(d);
  TTHC_RETURN_IF(!datetime_ok(received_at), TTHC_ERANGE);
  d->received_at = received_at;
  return tthc__dossier_set_textn(d, TTHC_DOSSIER_CODE, code, code ? strlen(code) : 0);
}

tthc_status tthc__dossier_reset_texts(tthc_dossier *d, tthc_datetime received_at,
                                      const char *const s[TTHC__DOSSIER_NTEXT],
                                      const size_t n[TTHC__DOSSIER_NTEXT]) {
  clear_all(d);
  TTHC_RETURN_IF(!datetime_ok(received_at), TTHC_ERANGE);
  d->received_at = received_at;
  size_t total = 0;
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) total += n[i] ? n[i] + 1 : 0;
  if (!total) return TTHC_OK;
  uint32_t off = arena_reserve(d, total);
  TTHC_RETURN_IF(off == UINT32_MAX, TTHC_ENOMEM);
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) {
    if (!n[i]) continue;
    memcpy(d->arena + off, s[i], n[i]);
    d->arena[off + n[i]] = '\0';
    d->text_off[i] = off;
    d->text_len[i] = (uint32_t)n[i];
    off += (uint32_t)n[i] + 1;
  }
  return TTHC_OK;
}

tthc_status tthc_dossier_new(const char *code, tthc_datetime received_at, tthc_dossier **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  tthc_dossier *d = calloc(1, sizeof *d);
  TTHC_RETURN_IF(!d, TTHC_ENOMEM);
  d->arena = malloc(64);
  if (!d->arena) {
    free(d);
    return TTHC_ENOMEM;
  }
  d->acap = 64;
  tthc_status st = tthc_dossier_reset(d, code, received_at);
  if (st != TTHC_OK) {
    tthc_dossier_free(d);
    return st;
  }
  *out = d;
  return TTHC_OK;
}

void tthc_dossier_free(tthc_dossier *d) {
  if (!d) return;
  free(d->arena);
  free(d->ev);
  free(d);
}

tthc_status tthc_dossier_clone(const tthc_dossier *d, tthc_dossier **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  tthc_dossier *c = malloc(sizeof *c);
  TTHC_RETURN_IF(!c, TTHC_ENOMEM);
  *c = *d;
  c->arena = malloc(d->acap);
  c->ev = d->nev ? malloc(d->nev * sizeof *d->ev) : NULL;
  if (!c->arena || (d->nev && !c->ev)) {
    free(c->arena);
    free(c->ev);
    free(c);
    return TTHC_ENOMEM;
  }
  memcpy(c->arena, d->arena, d->alen);
  if (d->nev) memcpy(c->ev, d->ev, d->nev * sizeof *d->ev);
  c->evcap = d->nev;
  *out = c;
  return TTHC_OK;
}

tthc_status tthc_dossier_set_text(tthc_dossier *d, tthc_dossier_text which, const char *value) {
  return tthc__dossier_set_textn(d, (int)which, value, value ? strlen(value) : 0);
}

const char *tthc_dossier_get_text(const tthc_dossier *d, tthc_dossier_text which) {
  if (!d || (int)which < 0 || (int)which >= TTHC__DOSSIER_NTEXT) return NULL;
  return d->arena + d->text_off[which];
}

#define ALL_DOSSIER_FLAGS 255u

tthc_status tthc_dossier_set_int(tthc_dossier *d, tthc_dossier_int which, int64_t v) {
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  switch (which) {
    case TTHC_DOSSIER_RECEIVED_AT:
      TTHC_RETURN_IF(!datetime_ok(v), TTHC_ERANGE);
      TTHC_RETURN_IF(d->nev > 0, TTHC_ESTATE);
      d->received_at = v;
      return TTHC_OK;
    case TTHC_DOSSIER_CHANNEL:
      TTHC_RETURN_IF(v < -1 || v >= TTHC_CHANNEL_COUNT, TTHC_ERANGE);
      d->channel = (int8_t)v;
      return TTHC_OK;
    case TTHC_DOSSIER_ONLINE_KIND:
      TTHC_RETURN_IF(v < 0 || v > TTHC_ONLINE_UNKNOWN, TTHC_ERANGE);
      d->online_kind = (int8_t)v;
      return TTHC_OK;
    case TTHC_DOSSIER_FLAGS:
      TTHC_RETURN_IF(v < 0 || ((uint64_t)v & ~(uint64_t)ALL_DOSSIER_FLAGS), TTHC_ERANGE);
      d->flags = (unsigned)v;
      return TTHC_OK;
    case TTHC_DOSSIER_FEE:
      TTHC_RETURN_IF(v < -1 || v > 2, TTHC_ERANGE);
      d->fee = (int8_t)v;
      return TTHC_OK;
    case TTHC_DOSSIER_RESULT_DOCUMENT:
      TTHC_RETURN_IF(v < -1 || v > 1, TTHC_ERANGE);
      d->result_doc = (int8_t)v;
      return TTHC_OK;
    case TTHC_DOSSIER_FOUR_AT_PLACE:
      TTHC_RETURN_IF(v < -1 || v > 1, TTHC_ERANGE);
      d->four = (int8_t)v;
      return TTHC_OK;
  }
  return TTHC_EINVAL;
}

tthc_status tthc_dossier_get_int(const tthc_dossier *d, tthc_dossier_int which, int64_t *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = 0;
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  switch (which) {
    case TTHC_DOSSIER_RECEIVED_AT: *out = d->received_at; return TTHC_OK;
    case TTHC_DOSSIER_CHANNEL: *out = d->channel; return TTHC_OK;
    case TTHC_DOSSIER_ONLINE_KIND: *out = d->online_kind; return TTHC_OK;
    case TTHC_DOSSIER_FLAGS: *out = d->flags; return TTHC_OK;
    case TTHC_DOSSIER_FEE: *out = d->fee; return TTHC_OK;
    case TTHC_DOSSIER_RESULT_DOCUMENT: *out = d->result_doc; return TTHC_OK;
    case TTHC_DOSSIER_FOUR_AT_PLACE: *out = d->four; return TTHC_OK;
  }
  return TTHC_EINVAL;
}

tthc_status tthc_dossier_set_evaluation(tthc_dossier *d, int index, int score) {
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  TTHC_RETURN_IF(index < 1 || index > 9 || score < -1 || score > 2, TTHC_ERANGE);
  d->eval[index - 1] = (int8_t)score;
  return TTHC_OK;
}

tthc_status tthc_dossier_get_evaluation(const tthc_dossier *d, int index, int *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = -1;
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  TTHC_RETURN_IF(index < 1 || index > 9, TTHC_ERANGE);
  *out = d->eval[index - 1];
  return TTHC_OK;
}

size_t tthc_dossier_event_count(const tthc_dossier *d) { return d ? d->nev : 0; }

tthc_status tthc_dossier_event_get(const tthc_dossier *d, size_t i, tthc_dossier_event *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  tthc_dossier_event init = TTHC_DOSSIER_EVENT_INIT;
  *out = init;
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  TTHC_RETURN_IF(i >= d->nev, TTHC_ERANGE);
  const tthc__event *e = &d->ev[i];
  out->kind = e->kind;
  out->at = e->at;
  out->due = e->due;
  out->text = tthc__dossier_event_text(d, e);
  out->channel = e->channel;
  out->flags = e->flags;
  return TTHC_OK;
}

/* ======================================================================================== */
/* Status                                                                                     */
/* ======================================================================================== */

#define ALL_POLICIES 7u

tthc_status tthc_dossier_set_limit(tthc_dossier *d, tthc_limit limit) {
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  char buf[8];
  size_t need;
  /* a limit is valid when the deadline module can write it */
  tthc_status st = tthc_limit_format(limit, 0, buf, sizeof buf, &need);
  TTHC_RETURN_IF(st != TTHC_OK && st != TTHC_ENOSPC, TTHC_EINVAL);
  d->limit = limit;
  d->has_limit = true;
  return TTHC_OK;
}

tthc_status tthc_dossier_clear_limit(tthc_dossier *d) {
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  d->has_limit = false;
  return TTHC_OK;
}

tthc_status tthc_dossier_get_limit(const tthc_dossier *d, tthc_limit *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  TTHC_RETURN_IF(!d->has_limit, TTHC_ENOTFOUND);
  *out = d->limit;
  return TTHC_OK;
}

tthc_status tthc__clock_init(tthc__clock *c, const tthc_dossier_clock *src, unsigned policy) {
  memset(c, 0, sizeof *c);
  if (!src) return TTHC_OK;
  TTHC_RETURN_IF(!src->cal, TTHC_EINVAL);
  TTHC_TRY(tthc_deadline_policy_new(&c->policy));
  /* copy every parameter of the caller's policy (keys are 0, 1, 2 … until EINVAL) */
  for (int key = 0; src->policy; key++) {
    int64_t v;
    if (tthc_deadline_policy_get(src->policy, (tthc_policy_param)key, &v) != TTHC_OK) break;
    tthc_deadline_policy_set(c->policy, (tthc_policy_param)key, v);
  }
  tthc_deadline_policy_set(c->policy, TTHC_POLICY_SUPPLEMENT,
                           (policy & TTHC_STATUS_SUPPLEMENT_RESTART) ? TTHC_SUPPLEMENT_RESTART
                                                                     : TTHC_SUPPLEMENT_SUBTRACT);
  c->cal = src->cal;
  c->hours = src->hours;
  return TTHC_OK;
}

void tthc__clock_free(tthc__clock *c) {
  tthc_deadline_policy_free(c->policy);
  c->policy = NULL;
  tthc__hours_cache_free(c->cache);
  c->cache = NULL;
}

tthc_status tthc__clock_cache(tthc__clock *c) {
  TTHC_RETURN_IF(!c->cal, TTHC_EINVAL);
  if (c->cache) return TTHC_OK;
  return tthc__hours_cache_new(c->cal, c->hours, &c->cache);
}

/* Working time of [from, to) on the clock, added to *acc. */
static tthc_status add_working(const tthc__clock *ck, tthc_datetime from, tthc_datetime to,
                               int64_t *acc) {
  if (from == TTHC_DATETIME_NONE || to <= from) return TTHC_OK;
  int64_t w;
  if (ck->cache) TTHC_TRY(tthc__hours_between_cached(ck->cache, from, to, &w));
  else TTHC_TRY(tthc_hours_between(ck->cal, ck->hours, from, to, &w));
  *acc += w;
  return TTHC_OK;
}

/* Replay the log up to instant t. Fills every field of *s; see docs/dossier.md for the rules. */
static tthc_status evaluate(const tthc_dossier *d, tthc_datetime t, unsigned policy,
                            const tthc__clock *ck, tthc_ledger **ledger,
                            tthc_dossier_status *s) {
  const tthc_datetime NONE = TTHC_DATETIME_NONE;
  memset(s, 0, sizeof *s);
  s->state = TTHC_STATE_RECEIVED;
  s->accepted_at = s->original_due = s->appointment = s->due = s->finished_at = NONE;
  s->working_seconds = s->budget_seconds = -1;
  if (ck && !ck->cal) ck = NULL;
  bool restart = policy & TTHC_STATUS_SUPPLEMENT_RESTART;
  bool accepted = false;
  tthc_datetime start = NONE;   /* clock start: acceptance or last restart */
  tthc_datetime stop_at = NONE; /* open pause or supplementation */
  bool stop_paused = false;     /* the open stop is a pause */
  int64_t excluded = 0;         /* seconds excluded since `start` */
  tthc_datetime result_at = NONE, returned_at = NONE, closed_at = NONE;
  tthc_datetime apology_at = NONE, due_before_apology = NONE;
  int state = TTHC_STATE_RECEIVED;
  int64_t work = 0;             /* working time counted (clock only) */
  tthc_datetime run_from = NONE;
  tthc_ledger *L = NULL;
  for (size_t i = 0; i < d->nev && d->ev[i].at <= t; i++) {
    const tthc__event *e = &d->ev[i];
    bool stop_running = false;
    switch (e->kind) {
      case TTHC_EVENT_ACCEPTED:
        accepted = true;
        s->accepted_at = start = run_from = e->at;
        s->original_due = s->appointment = e->due;
        state = TTHC_STATE_PROCESSING;
        if (ck && d->has_limit && e->due == NONE) {
          TTHC_TRY(tthc_ledger_new(ck->cal, ck->hours, ck->policy, e->at, d->limit, &L));
          *ledger = L;
          tthc_ledger_status ls;
          TTHC_TRY(tthc_ledger_status_at(L, e->at, &ls));
          s->original_due = ls.due;
        }
        break;
      case TTHC_EVENT_SUPPLEMENT_REQUESTED:
        if (accepted) {
          s->supplement_rounds++;
          stop_at = e->at;
          stop_paused = false;
          stop_running = true;
          if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_SUPPLEMENT_REQUEST, e->at, 0, NULL));
        }
        state = TTHC_STATE_SUPPLEMENTING;
        break;
      case TTHC_EVENT_SUPPLEMENT_RECEIVED:
        if (accepted) {
          int64_t dur = e->at - stop_at;
          s->supplement_seconds += dur;
          if (restart) {
            /* The limit counts again from here: a new appointment if the system issued one,
             * else the old appointment moved by the whole time since the clock started. */
            if (e->due != NONE) s->appointment = e->due;
            else if (s->appointment != NONE) s->appointment += e->at - start;
            start = e->at;
            excluded = 0;
            work = 0;
          } else {
            excluded += dur;
          }
          run_from = e->at;
          stop_at = NONE;
          state = TTHC_STATE_PROCESSING;
          if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_SUPPLEMENT_RECEIVED, e->at, 0, NULL));
        } else {
          state = TTHC_STATE_RECEIVED;
        }
        break;
      case TTHC_EVENT_PAUSED:
        s->pauses++;
        stop_at = e->at;
        stop_paused = true;
        stop_running = true;
        state = TTHC_STATE_PAUSED;
        if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_PAUSE, e->at, 0, NULL));
        break;
      case TTHC_EVENT_RESUMED:
        s->paused_seconds += e->at - stop_at;
        excluded += e->at - stop_at;
        stop_at = NONE;
        run_from = e->at;
        state = TTHC_STATE_PROCESSING;
        if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_RESUME, e->at, 0, NULL));
        break;
      case TTHC_EVENT_REFUSED:
      case TTHC_EVENT_WITHDRAWN:
        closed_at = e->at;
        state = e->kind == TTHC_EVENT_REFUSED ? TTHC_STATE_REFUSED : TTHC_STATE_WITHDRAWN;
        stop_running = accepted;
        if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_FINISH, e->at, 0, NULL));
        break;
      case TTHC_EVENT_RESULT_ISSUED:
        result_at = e->at;
        s->result_electronic = (e->flags & TTHC_EVENT_FLAG_ELECTRONIC) != 0;
        s->result_digitised = (e->flags & TTHC_EVENT_FLAG_DIGITISED) != 0;
        state = TTHC_STATE_RESULT_ISSUED;
        stop_running = true;
        if (L) TTHC_TRY(tthc_ledger_add(L, TTHC_LEDGER_FINISH, e->at, 0, NULL));
        break;
      case TTHC_EVENT_APOLOGY:
        s->apology_issued = 1;
        apology_at = e->at;
        if (L) {
          tthc_ledger_status ls;
          TTHC_TRY(tthc_ledger_status_at(L, e->at, &ls));
          due_before_apology = ls.due;
          /* a new appointment not later than the computed due does not extend it */
          tthc_ledger_add(L, TTHC_LEDGER_EXTEND, e->at, e->due, NULL);
        } else if (s->appointment != NONE) {
          due_before_apology = s->appointment + excluded;
        }
        s->appointment = e->due;
        break;
      case TTHC_EVENT_RESULT_RETURNED:
        returned_at = e->at;
        s->return_channel = e->channel;
        state = TTHC_STATE_RETURNED;
        break;
      case TTHC_EVENT_PAID_ONLINE:
        if (!s->paid_online) s->paid_online = e->channel;
        break;
      default:
        break;
    }
    if (ck && stop_running && run_from != NONE) {
      TTHC_TRY(add_working(ck, run_from, e->at, &work));
      run_from = NONE;
    }
  }
  s->state = state;
  s->apology_in_time = s->apology_issued && (due_before_apology == NONE ||
                                             tthc_datetime_date(apology_at) <
                                                 tthc_datetime_date(due_before_apology));
  /* End of processing: result issued > result returned > refused / withdrawn (766 §2.1). */
  s->finished_at = result_at != NONE ? result_at : returned_at != NONE ? returned_at : closed_at;
  if (!accepted) {
    s->category = state == TTHC_STATE_REFUSED     ? TTHC_CAT_REFUSED
                  : state == TTHC_STATE_WITHDRAWN ? TTHC_CAT_WITHDRAWN
                                                  : TTHC_CAT_PENDING;
    return TTHC_OK;
  }
  tthc_datetime end = s->finished_at != NONE ? s->finished_at : t;
  /* A pause or supplementation still open at the end (the instant asked, or a refusal or
   * withdrawal during it) excludes its time up to the end. */
  if (stop_at != NONE) {
    int64_t open = end - stop_at;
    excluded += open;
    if (stop_paused) s->paused_seconds += open;
    else s->supplement_seconds += open;
  }
  if (ck && run_from != NONE) TTHC_TRY(add_working(ck, run_from, end, &work));
  s->used_seconds = end - start - excluded;
  bool multi = s->supplement_rounds > 1 && !(policy & TTHC_STATUS_MULTI_SUPPLEMENT_NOT_LATE);
  bool late;
  tthc_datetime cmp_end, cmp_due; /* compared for early / on time */
  if (L) {
    tthc_ledger_status ls;
    TTHC_TRY(tthc_ledger_status_at(L, t, &ls));
    s->due = s->appointment = ls.due;
    s->working_seconds = ls.used;
    s->budget_seconds = ls.budget;
    late = multi || ls.overdue;
    cmp_end = end;
    cmp_due = ls.due;
  } else {
    if (ck) {
      s->working_seconds = work;
      if (s->appointment != NONE) {
        s->budget_seconds = 0;
        TTHC_TRY(add_working(ck, start, s->appointment, &s->budget_seconds));
      }
    }
    if (s->appointment != NONE) s->due = s->appointment + excluded;
    cmp_end = end - excluded;
    cmp_due = s->appointment;
    late = multi || (cmp_due != NONE && cmp_end > cmp_due);
  }
  if (state == TTHC_STATE_REFUSED || state == TTHC_STATE_WITHDRAWN) {
    s->category = state == TTHC_STATE_REFUSED ? TTHC_CAT_REFUSED : TTHC_CAT_WITHDRAWN;
    s->closed_in_time = !late;
  } else if (s->finished_at == NONE) {
    s->category = late ? TTHC_CAT_OVERDUE : TTHC_CAT_ON_TRACK;
  } else if (late) {
    s->category = TTHC_CAT_LATE;
  } else if (cmp_due == NONE) {
    s->category = TTHC_CAT_ON_TIME;
  } else if (policy & TTHC_STATUS_EARLY_BY_INSTANT) {
    s->category = cmp_end < cmp_due ? TTHC_CAT_EARLY : TTHC_CAT_ON_TIME;
  } else {
    s->category = tthc__floordiv(cmp_end, TTHC_SECONDS_PER_DAY) <
                          tthc__floordiv(cmp_due, TTHC_SECONDS_PER_DAY)
                      ? TTHC_CAT_EARLY
                      : TTHC_CAT_ON_TIME;
  }
  s->apology_owed = (s->category == TTHC_CAT_LATE || s->category == TTHC_CAT_OVERDUE) &&
                    !s->apology_in_time;
  return TTHC_OK;
}

tthc_status tthc__dossier_evaluate(const tthc_dossier *d, tthc_datetime t, unsigned policy,
                                   const tthc__clock *clock, tthc_dossier_status *s) {
  tthc_ledger *L = NULL;
  tthc_status st = evaluate(d, t, policy, clock, &L, s);
  tthc_ledger_free(L);
  if (st != TTHC_OK) memset(s, 0, sizeof *s);
  return st;
}

tthc_status tthc_dossier_status_at(const tthc_dossier *d, tthc_datetime at, unsigned policy,
                                   const tthc_dossier_clock *clock, tthc_dossier_status *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!d || (policy & ~ALL_POLICIES) || (clock && !clock->cal), TTHC_EINVAL);
  TTHC_RETURN_IF(at < d->received_at, TTHC_ERANGE);
  tthc__clock ck;
  TTHC_TRY(tthc__clock_init(&ck, clock, policy));
  tthc_status st = tthc__dossier_evaluate(d, at, policy, clock ? &ck : NULL, out);
  tthc__clock_free(&ck);
  return st;
}

/* ======================================================================================== */
/* Append: the state machine                                                                  */
/* ======================================================================================== */

static tthc_status reject(tthc_error *err, const char *kind, const tthc_dossier *d,
                          const char *why) {
  return tthc__error_set(err, TTHC_ESTATE, 0, 0, -1, "cannot append '%s' (dossier is %s): %s",
                         kind, state_names[d->state], why);
}

/* Reason an event is impossible in the dossier's current state, or NULL if it is allowed. */
static const char *transition_error(const tthc_dossier *d, int kind, uint8_t *next) {
  int s = d->state;
  bool open = s == TTHC_STATE_RECEIVED || s == TTHC_STATE_PROCESSING ||
              s == TTHC_STATE_SUPPLEMENTING || s == TTHC_STATE_PAUSED;
  if (s == TTHC_STATE_RETURNED || s == TTHC_STATE_REFUSED || s == TTHC_STATE_WITHDRAWN)
    return "the dossier is closed; nothing can follow";
  *next = (uint8_t)s;
  switch (kind) {
    case TTHC_EVENT_ACCEPTED:
      if (d->accepted) return "it was already accepted";
      if (s != TTHC_STATE_RECEIVED) return "the requested supplementation has not been received";
      *next = TTHC_STATE_PROCESSING;
      return NULL;
    case TTHC_EVENT_STEP_DONE:
      if (s != TTHC_STATE_PROCESSING) return "a step can only be done while processing";
      return NULL;
    case TTHC_EVENT_SUPPLEMENT_REQUESTED:
      if (s == TTHC_STATE_SUPPLEMENTING) return "a supplementation is already awaited";
      if (s == TTHC_STATE_PAUSED) return "resume the dossier first";
      if (s != TTHC_STATE_RECEIVED && s != TTHC_STATE_PROCESSING)
        return "supplementation can only be requested before the result";
      *next = TTHC_STATE_SUPPLEMENTING;
      return NULL;
    case TTHC_EVENT_SUPPLEMENT_RECEIVED:
      if (s != TTHC_STATE_SUPPLEMENTING) return "no supplementation was requested";
      *next = d->accepted ? TTHC_STATE_PROCESSING : TTHC_STATE_RECEIVED;
      return NULL;
    case TTHC_EVENT_PAUSED:
      if (s == TTHC_STATE_PAUSED) return "it is already paused";
      if (s != TTHC_STATE_PROCESSING) return "only an accepted dossier being processed can pause";
      *next = TTHC_STATE_PAUSED;
      return NULL;
    case TTHC_EVENT_RESUMED:
      if (s != TTHC_STATE_PAUSED) return "it is not paused";
      *next = TTHC_STATE_PROCESSING;
      return NULL;
    case TTHC_EVENT_REFUSED:
      if (!open) return "a dossier with a result cannot be refused";
      *next = TTHC_STATE_REFUSED;
      return NULL;
    case TTHC_EVENT_WITHDRAWN:
      if (!open) return "a dossier cannot be withdrawn once its result is issued";
      *next = TTHC_STATE_WITHDRAWN;
      return NULL;
    case TTHC_EVENT_RESULT_ISSUED:
      if (!d->accepted) return "a result cannot come before acceptance";
      if (s == TTHC_STATE_RESULT_ISSUED) return "the result was already issued";
      if (s == TTHC_STATE_PAUSED) return "resume the dossier first";
      if (s == TTHC_STATE_SUPPLEMENTING) return "the requested supplementation has not arrived";
      *next = TTHC_STATE_RESULT_ISSUED;
      return NULL;
    case TTHC_EVENT_APOLOGY:
      if (!d->accepted) return "an apology needs an accepted dossier (there is no due date yet)";
      if (d->apologised) return "the return date may be re-appointed only once (NĐ 61 Art. 19(9))";
      if (!open) return "the result was already issued";
      if (s == TTHC_STATE_SUPPLEMENTING)
        return "the clock is stopped while awaiting supplementation";
      return NULL;
    case TTHC_EVENT_RESULT_RETURNED:
      if (s != TTHC_STATE_RESULT_ISSUED) return "no result has been issued";
      *next = TTHC_STATE_RETURNED;
      return NULL;
    case TTHC_EVENT_PAID_ONLINE:
      return NULL;
  }
  return "unknown event";
}

static tthc_status grow_events(tthc_dossier *d) {
  if (d->nev < d->evcap) return TTHC_OK;
  size_t cap = d->evcap ? d->evcap * 2 : 8;
  tthc__event *e = realloc(d->ev, cap * sizeof *e);
  TTHC_RETURN_IF(!e, TTHC_ENOMEM);
  d->ev = e;
  d->evcap = cap;
  return TTHC_OK;
}

tthc_status tthc__dossier_append(tthc_dossier *d, const tthc_dossier_event *ev, const char *text,
                                 size_t text_len, tthc_error *err) {
  const char *kname = tthc_dossier_event_kind_name(ev->kind);
  if (!kname)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "unknown event kind %d", ev->kind);
  if (!datetime_ok(ev->at))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "'%s': instant out of range", kname);
  if (ev->flags & ~(unsigned)(TTHC_EVENT_FLAG_ELECTRONIC | TTHC_EVENT_FLAG_DIGITISED |
                              TTHC_EVENT_FLAG_LATE))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "'%s': unknown flags 0x%x", kname,
                           ev->flags);
  bool needs_text = ev->kind == TTHC_EVENT_PAUSED || ev->kind == TTHC_EVENT_REFUSED;
  if (needs_text && text_len == 0)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "'%s' needs a written reason", kname);
  if (text_len && !tthc__utf8_valid(text, text_len))
    return tthc__error_set(err, TTHC_EUTF8, 0, 0, -1, "'%s': the reason is not valid UTF-8",
                           kname);
  if (ev->kind == TTHC_EVENT_RESULT_RETURNED && (ev->channel < 0 || ev->channel > 3))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                           "'%s': return channel %d is not 0-3", kname, ev->channel);
  if (ev->kind == TTHC_EVENT_PAID_ONLINE && ev->channel != 1 && ev->channel != 2)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                           "'%s': the payment gateway must be 1 (National Portal) or 2 "
                           "(provincial gateway), not %d",
                           kname, ev->channel);
  bool takes_due = ev->kind == TTHC_EVENT_ACCEPTED || ev->kind == TTHC_EVENT_APOLOGY ||
                   ev->kind == TTHC_EVENT_SUPPLEMENT_RECEIVED;
  if (ev->kind == TTHC_EVENT_APOLOGY && ev->due == TTHC_DATETIME_NONE)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "'apology' needs the new appointment");
  if (takes_due && ev->due != TTHC_DATETIME_NONE && !datetime_ok(ev->due))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "'%s': appointment out of range", kname);
  if (takes_due && ev->due != TTHC_DATETIME_NONE && ev->due < ev->at)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                           "'%s': the appointment is earlier than the event", kname);
  /* Time order. */
  tthc_datetime last = d->nev ? d->ev[d->nev - 1].at : d->received_at;
  if (ev->at < last) {
    char a[TTHC_DATETIME_STRLEN], b[TTHC_DATETIME_STRLEN], why[96];
    tthc_datetime_format(ev->at, TTHC_DATETIME_SECONDS, a, sizeof a, NULL);
    tthc_datetime_format(last, TTHC_DATETIME_SECONDS, b, sizeof b, NULL);
    snprintf(why, sizeof why, "%s is earlier than the %s (%s)", a,
             d->nev ? "previous event" : "receipt", b);
    return reject(err, kname, d, why);
  }
  uint8_t next;
  const char *why = transition_error(d, ev->kind, &next);
  if (why) return reject(err, kname, d, why);
  unsigned flags = ev->flags & ~(unsigned)TTHC_EVENT_FLAG_LATE;
  if (ev->kind == TTHC_EVENT_APOLOGY) {
    tthc_dossier_status st;
    tthc__dossier_evaluate(d, ev->at, 0, NULL, &st);
    if (st.due != TTHC_DATETIME_NONE) {
      if (ev->due <= st.due)
        return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                               "'apology': the new appointment must be later than the current "
                               "due instant");
      /* NĐ 61 Art. 19(9): at the latest one day before the due date. */
      if (tthc_datetime_date(ev->at) >= tthc_datetime_date(st.due)) flags |= TTHC_EVENT_FLAG_LATE;
    }
  }
  TTHC_TRY(grow_events(d));
  uint32_t toff = UINT32_MAX;
  if (text_len) {
    toff = arena_reserve(d, text_len + 1);
    TTHC_RETURN_IF(toff == UINT32_MAX, TTHC_ENOMEM);
    memcpy(d->arena + toff, text, text_len);
    d->arena[toff + text_len] = '\0';
  }
  tthc__event *e = &d->ev[d->nev++];
  e->at = ev->at;
  e->due = takes_due ? ev->due : TTHC_DATETIME_NONE;
  e->text_off = toff;
  e->kind = (uint8_t)ev->kind;
  e->channel = (uint8_t)(ev->kind == TTHC_EVENT_RESULT_RETURNED || ev->kind == TTHC_EVENT_PAID_ONLINE
                             ? ev->channel
                             : 0);
  e->flags = (uint8_t)(ev->kind == TTHC_EVENT_RESULT_ISSUED || ev->kind == TTHC_EVENT_APOLOGY
                           ? flags
                           : 0);
  e->pad_ = 0;
  d->state = next;
  if (ev->kind == TTHC_EVENT_ACCEPTED) d->accepted = true;
  if (ev->kind == TTHC_EVENT_APOLOGY) d->apologised = true;
  return TTHC_OK;
}

tthc_status tthc_dossier_append(tthc_dossier *d, const tthc_dossier_event *ev, tthc_error *err) {
  if (!d || !ev) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL dossier or event");
  return tthc__dossier_append(d, ev, ev->text, ev->text ? strlen(ev->text) : 0, err);
}

/* ======================================================================================== */
/* Feedback and petitions                                                                     */
/* ======================================================================================== */

tthc_status tthc_feedback_status_at(const tthc_feedback *f, const tthc_cal *cal,
                                    tthc_datetime at, tthc_feedback_status *out) {
  const tthc_datetime NONE = TTHC_DATETIME_NONE;
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!f || !cal || f->received_at == NONE, TTHC_EINVAL);
  TTHC_RETURN_IF(!datetime_ok(f->received_at) || !datetime_ok(at), TTHC_ERANGE);
  TTHC_RETURN_IF(at < f->received_at, TTHC_ERANGE);
  const tthc_datetime steps[4] = {f->refused_at, f->supplement_at, f->handled_at, f->published_at};
  for (int i = 0; i < 4; i++)
    TTHC_RETURN_IF(steps[i] != NONE && (!datetime_ok(steps[i]) || steps[i] < f->received_at),
                   TTHC_EINVAL);
  TTHC_RETURN_IF(f->published_at != NONE &&
                     (f->handled_at == NONE || f->published_at < f->handled_at),
                 TTHC_EINVAL);
  tthc_date r = tthc_datetime_date(f->received_at), now = tthc_datetime_date(at);
  TTHC_TRY(tthc_cal_add_workdays(cal, r, 2, &out->refuse_by));
  TTHC_TRY(tthc_cal_add_workdays(cal, r, 5, &out->supplement_by));
  TTHC_TRY(tthc_cal_add_workdays(cal, r, 15, &out->handle_by));
  bool refused = f->refused_at != NONE && f->refused_at <= at;
  bool supplement = f->supplement_at != NONE && f->supplement_at <= at;
  bool handled = f->handled_at != NONE && f->handled_at <= at;
  bool published = f->published_at != NONE && f->published_at <= at;
  int late = TTHC_FEEDBACK_STEP_NONE;
  if (refused) {
    out->stage = TTHC_FEEDBACK_REFUSED;
    if (tthc_datetime_date(f->refused_at) > out->refuse_by) late = TTHC_FEEDBACK_STEP_REFUSE;
  } else if (handled) {
    tthc_date h = tthc_datetime_date(f->handled_at);
    TTHC_TRY(tthc_cal_add_workdays(cal, h, 2, &out->publish_by));
    out->stage = published ? TTHC_FEEDBACK_PUBLISHED : TTHC_FEEDBACK_HANDLED;
    tthc_date p = published ? tthc_datetime_date(f->published_at) : now;
    if (h > out->handle_by) late = TTHC_FEEDBACK_STEP_HANDLE;
    else if (p > out->publish_by) late = TTHC_FEEDBACK_STEP_PUBLISH;
  } else if (supplement) {
    out->stage = TTHC_FEEDBACK_SUPPLEMENTING;
    if (tthc_datetime_date(f->supplement_at) > out->supplement_by)
      late = TTHC_FEEDBACK_STEP_SUPPLEMENT;
  } else {
    out->stage = TTHC_FEEDBACK_OPEN;
    if (now > out->handle_by) late = TTHC_FEEDBACK_STEP_HANDLE;
  }
  out->late_step = late;
  out->on_time = late == TTHC_FEEDBACK_STEP_NONE;
  out->satisfied = out->on_time && !f->disliked && !f->raised_again;
  return TTHC_OK;
}
