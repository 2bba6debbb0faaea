/* io: streaming JSON Lines and CSV reading and writing of dossiers. Schema: docs/io.md. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dossier_internal.h"
#include "io_internal.h"
#include "json_internal.h"
#include "tthc/io.h"

/* Small functions of the per-record hot path, inlined where the compiler allows it. */
#if defined(__GNUC__) || defined(__clang__)
#define HOT static inline __attribute__((always_inline))
#else
#define HOT static inline
#endif

/* ======================================================================================== */
/* Fields                                                                                     */
/* ======================================================================================== */

enum field_kind { K_TEXT, K_TIME, K_DUE, K_BOOL, K_INT, K_REASON, K_LIMIT, K_EVENTS, K_IGNORED };

/* The schema: X(id, name, kind, portal aliases "|"-separated or ""). CSV columns are written
 * in this order. */
#define FIELD_MAP(X)                                                                    \
  X(F_CODE, "code", K_TEXT, "MaHoSo")                                                   \
  X(F_PROCEDURE, "procedure", K_TEXT, "MaTTHC")                                         \
  X(F_UNIT, "unit", K_TEXT, "DonViXuLy|MaCoQuan|MaDonVi")                               \
  X(F_FIELD, "field", K_TEXT, "MaLinhVuc")                                              \
  X(F_RECEIVING_UNIT, "receiving_unit", K_TEXT, "")                                     \
  X(F_RECEIVED_AT, "received_at", K_TIME, "NgayNopHoSo")                                \
  X(F_ACCEPTED_AT, "accepted_at", K_TIME, "NgayTiepNhan")                               \
  X(F_DUE, "due", K_DUE, "NgayHenTra")                                                  \
  X(F_CHANNEL, "channel", K_INT, "KenhThucHien")                                        \
  X(F_ONLINE_KIND, "online_kind", K_INT, "")                                            \
  X(F_SUPP_REQ, "supplement_requested_at", K_TIME, "")                                  \
  X(F_SUPP_REASON, "supplement_reason", K_REASON, "")                                   \
  X(F_SUPP_RECV, "supplement_received_at", K_TIME, "")                                  \
  X(F_SUPP_DUE, "supplement_due", K_DUE, "")                                            \
  X(F_PAUSED_AT, "paused_at", K_TIME, "")                                               \
  X(F_PAUSE_REASON, "pause_reason", K_REASON, "")                                       \
  X(F_RESUMED_AT, "resumed_at", K_TIME, "")                                             \
  X(F_RESULT_AT, "result_at", K_TIME, "NgayKetThucXuLy")                                \
  X(F_RESULT_ELECTRONIC, "result_electronic", K_BOOL, "")                               \
  X(F_RESULT_DIGITISED, "result_digitised", K_BOOL, "")                                 \
  X(F_APOLOGY_AT, "apology_at", K_TIME, "")                                             \
  X(F_APOLOGY_REASON, "apology_reason", K_REASON, "")                                   \
  X(F_NEW_DUE, "new_due", K_DUE, "")                                                    \
  X(F_RETURNED_AT, "returned_at", K_TIME, "NgayTra")                                    \
  X(F_RETURN_CHANNEL, "return_channel", K_INT, "HinhThucTra")                           \
  X(F_REFUSED_AT, "refused_at", K_TIME, "NgayTuChoi")                                   \
  X(F_REFUSAL_REASON, "refusal_reason", K_REASON, "")                                   \
  X(F_WITHDRAWN_AT, "withdrawn_at", K_TIME, "")                                         \
  X(F_WITHDRAWAL_REASON, "withdrawal_reason", K_REASON, "")                             \
  X(F_PAID_ONLINE, "paid_online", K_INT, "DuocThanhToanTrucTuyen")                      \
  X(F_PAID_AT, "paid_at", K_TIME, "")                                                   \
  X(F_DIGITISED, "digitised", K_BOOL, "HoSoCoThanhPhanSoHoa")                           \
  X(F_REUSED, "reused_data", K_BOOL, "")                                                \
  X(F_VNEID, "vneid", K_BOOL, "TaiKhoanDuocXacThucVoiVNeID")                            \
  X(F_DISLIKED, "disliked", K_BOOL, "")                                                 \
  X(F_FEEDBACK, "feedback", K_BOOL, "")                                                 \
  X(F_COMPLAINT, "complaint", K_BOOL, "")                                               \
  X(F_TEST, "test", K_BOOL, "")                                                         \
  X(F_CANCELLED, "cancelled", K_BOOL, "")                                               \
  X(F_FEE, "fee", K_INT, "")                                                            \
  X(F_RESULT_DOCUMENT, "result_document", K_BOOL, "")                                   \
  X(F_FOUR_AT_PLACE, "four_at_place", K_BOOL, "")                                       \
  X(F_LIMIT, "limit", K_LIMIT, "")                                                      \
  X(F_EVAL1, "eval_1", K_INT, "")                                                       \
  X(F_EVAL2, "eval_2", K_INT, "")                                                       \
  X(F_EVAL3, "eval_3", K_INT, "")                                                       \
  X(F_EVAL4, "eval_4", K_INT, "")                                                       \
  X(F_EVAL5, "eval_5", K_INT, "")                                                       \
  X(F_EVAL6, "eval_6", K_INT, "")                                                       \
  X(F_EVAL7, "eval_7", K_INT, "")                                                       \
  X(F_EVAL8, "eval_8", K_INT, "")                                                       \
  X(F_EVAL9, "eval_9", K_INT, "")                                                       \
  X(F_EVENTS, "events", K_EVENTS, "")

enum field_id {
#define FIELD_ENUM(id, name, kind, aliases) id,
  FIELD_MAP(FIELD_ENUM)
#undef FIELD_ENUM
  F_COUNT,
  F_IGNORED = F_COUNT
};

static const struct field_def {
  const char *name;
  unsigned char kind;
  const char *aliases;
} fields[F_COUNT] = {
#define FIELD_DEF(id, name, kind, aliases) {name, kind, aliases},
    FIELD_MAP(FIELD_DEF)
#undef FIELD_DEF
};

/* Flat fields that describe events (they cannot be combined with "events"). */
static bool is_event_field(int f) {
  return f >= F_ACCEPTED_AT && f <= F_PAID_AT && f != F_CHANNEL && f != F_ONLINE_KIND;
}

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? c + 32 : c; }

static bool name_eq(const char *a, size_t n, const char *b, size_t bn) {
  if (n != bn) return false;
  if (memcmp(a, b, n) == 0) return true; /* as written, the common case */
  for (size_t i = 0; i < n; i++)
    if (lower((unsigned char)a[i]) != lower((unsigned char)b[i])) return false;
  return true;
}

static uint32_t name_hash(const char *s, size_t n) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ lower((unsigned char)s[i])) * 16777619u;
  return h;
}

#define NAME_SLOTS 256

/* Name → field lookup table (per reader; built once; names and aliases, case-insensitive). */
typedef struct name_table {
  struct {
    const char *name;
    uint16_t len;
    uint8_t field;
  } slot[NAME_SLOTS];
} name_table;

static void table_put(name_table *t, const char *name, size_t n, int f) {
  uint32_t i = name_hash(name, n) % NAME_SLOTS;
  while (t->slot[i].name) i = (i + 1) % NAME_SLOTS;
  t->slot[i].name = name;
  t->slot[i].len = (uint16_t)n;
  t->slot[i].field = (uint8_t)f;
}

static void table_build(name_table *t) {
  memset(t, 0, sizeof *t);
  for (int f = 0; f < F_COUNT; f++) {
    table_put(t, fields[f].name, strlen(fields[f].name), f);
    const char *a = fields[f].aliases;
    while (*a) {
      const char *e = strchr(a, '|');
      size_t n = e ? (size_t)(e - a) : strlen(a);
      table_put(t, a, n, f);
      a += n + (e ? 1 : 0);
    }
  }
  /* a few spelling variants */
  table_put(t, "HoSoCoThanhPhanSoHo", 19, F_DIGITISED);
  table_put(t, "digitized", 9, F_DIGITISED);
}

static int table_get(const name_table *t, const char *s, size_t n) {
  uint32_t i = name_hash(s, n) % NAME_SLOTS;
  while (t->slot[i].name) {
    if (name_eq(s, n, t->slot[i].name, t->slot[i].len)) return t->slot[i].field;
    i = (i + 1) % NAME_SLOTS;
  }
  return F_IGNORED;
}

/* ======================================================================================== */
/* One record being assembled                                                                 */
/* ======================================================================================== */

#define NO_TIME TTHC_DATETIME_NONE

typedef struct slice {
  const char *s;
  size_t n;
} slice;

/* Where a field's value came from, for error messages. The column (in characters) is only
 * worked out when an error is reported: by counting back from the offset to the start of its
 * line (CSV), or by finding the key in the record's text (JSON). */
typedef struct srcpos {
  int64_t line;
  int64_t offset;  /* absolute byte offset of the value, -1 unknown */
  int32_t column;  /* characters, 1-based, when already known; else 0 */
  const char *key; /* JSON: the key as written, or NULL */
} srcpos;

#define SRCPOS(line, offset, column) ((srcpos){(line), (offset), (column), NULL})

/* Slots of the cache of parsed limit phrases, and the slot of a phrase: its length and first
 * and last eight bytes mixed (phrases differ in their numbers, at either end). */
#define LIM_SLOTS 32

static unsigned lim_slot(const char *s, size_t n) {
  uint64_t h = n;
  if (n >= 8) {
    uint64_t a, b;
    memcpy(&a, s, 8);
    memcpy(&b, s + n - 8, 8);
    h ^= a * 0x9E3779B97F4A7C15ull ^ b * 0xC2B2AE3D27D4EB4Full;
  } else {
    for (size_t i = 0; i < n; i++) h = h * 131 + (unsigned char)s[i];
    h *= 0x9E3779B97F4A7C15ull;
  }
  return (unsigned)(h >> 59) % LIM_SLOTS;
}

/* The month of the last instant read (the instants of a record share their months). */
typedef struct month_cache {
  uint64_t key; /* the digit values of "YYYY-MM-" (see fast_iso), or 0: none */
  tthc_date first;
  int days;
} month_cache;

typedef struct rec {
  slice text[TTHC__DOSSIER_NTEXT];
  tthc_datetime t[F_COUNT]; /* instants of K_TIME / K_DUE fields */
  slice reason[F_COUNT];    /* K_REASON fields */
  int64_t iv[F_COUNT];      /* K_INT / K_BOOL values; -1000 = unset */
  bool accepted_none;       /* accepted_at explicitly "none"/null: never accepted */
  bool has_limit;
  tthc_limit limit;
  bool has_events;
  bool trusted;   /* the texts are known to be valid UTF-8 */
  month_cache month; /* of the last instant read */
  json_t *events; /* owned; NULL if none */
  slice events_text; /* CSV: the "events" cell when fast_events() read it (then events NULL) */
  int nfev;
  struct fast_event *fev; /* FAST_EVENTS_MAX events read by fast_events(), allocated on use */
  srcpos where[F_COUNT];
  bool seen[F_COUNT];
  uint8_t touched[F_COUNT]; /* fields set since the last clear */
  int ntouched;
  /* limit phrases already parsed (a file repeats a handful of them), by lim_slot() */
  struct {
    char text[48];
    uint8_t len; /* 0: empty */
    tthc_limit val;
  } lim[LIM_SLOTS];
} rec;

#define UNSET_INT (-1000)

static void clear_field(rec *r, int i) {
  r->t[i] = NO_TIME;
  r->reason[i].s = NULL, r->reason[i].n = 0;
  r->iv[i] = UNSET_INT;
  r->seen[i] = false;
}

/* Reset every field (once, when the record is created). */
static void rec_init(rec *r) {
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) r->text[i].s = NULL, r->text[i].n = 0;
  for (int i = 0; i < F_COUNT; i++) clear_field(r, i);
  r->ntouched = 0;
  for (int i = 0; i < LIM_SLOTS; i++) r->lim[i].len = 0;
  r->accepted_none = r->has_limit = r->has_events = r->trusted = false;
  r->events = NULL;
  r->fev = NULL;
  r->events_text.s = NULL, r->events_text.n = 0;
}

static void touch(rec *r, int f) {
  if (!r->seen[f]) r->touched[r->ntouched++] = (uint8_t)f;
  r->seen[f] = true;
}

/* Reset the fields the last record set (the others are still clear). */
static void rec_clear(rec *r) {
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) r->text[i].s = NULL, r->text[i].n = 0;
  for (int k = 0; k < r->ntouched; k++) clear_field(r, r->touched[k]);
  r->ntouched = 0;
  r->accepted_none = false;
  r->has_limit = false;
  r->has_events = false;
  r->trusted = false;
  if (r->events) json_decref(r->events);
  r->events = NULL;
  r->events_text.s = NULL, r->events_text.n = 0;
}

/* Error context of the record being read. */
typedef struct ectx {
  tthc_error *err;
  int64_t record;
  int64_t line;
  const char *buf; /* the bytes at absolute offset `base` (CSV window or JSON line), or NULL */
  int64_t base;
  size_t len;
  bool general; /* no fast path (tthc__io_reader_general): the reference for tests */
} ectx;

/* Column (characters) of "key" in a JSON text, and its byte offset; 0 if not found. */
static int32_t key_column(const char *line, size_t n, const char *key, size_t *at) {
  size_t kl = strlen(key);
  for (size_t i = 0; i + kl + 2 <= n; i++)
    if (line[i] == '"' && memcmp(line + i + 1, key, kl) == 0 && line[i + 1 + kl] == '"') {
      *at = i;
      return tthc__utf8_columns(line, i) + 1;
    }
  return 0;
}

static tthc_status field_error(const ectx *c, const srcpos *p, tthc_status st, const char *field,
                               const char *s, size_t n, const char *what) {
  char q[96];
  tthc__quote(q, sizeof q, s ? s : "", s ? n : 0, 60);
  int32_t column = p->column;
  int64_t offset = p->offset;
  if (!column && p->key && c->buf) {
    size_t at = 0;
    column = key_column(c->buf, c->len, p->key, &at);
    if (column) offset = c->base + (int64_t)at;
  } else if (!column && c->buf && p->offset >= c->base &&
             p->offset <= c->base + (int64_t)c->len) {
    size_t at = (size_t)(p->offset - c->base), from = at;
    while (from > 0 && c->buf[from - 1] != '\n') from--;
    column = tthc__utf8_columns(c->buf + from, at - from) + 1;
  }
  if (field[0] == '(') /* not a field: the row, the header, the JSON text */
    tthc__error_set(c->err, st, (int32_t)p->line, column, offset, "line %lld: %s%s%s%s",
                    (long long)p->line, field + 1, s ? " " : "", s ? q : "", what);
  else
    tthc__error_set(c->err, st, (int32_t)p->line, column, offset,
                    "line %lld, field '%s'%s%s: %s", (long long)p->line, field,
                    s ? " value " : "", s ? q : "", what);
  return tthc__error_record(c->err, c->record, st);
}

/* ---- value parsers ------------------------------------------------------------------- */

static bool all_digits(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] < '0' || s[i] > '9') return false;
  return n > 0;
}

/* "DD/MM/YYYY[ HH:MM[:SS]]", the common Vietnamese export form. */
static tthc_status parse_dmy(const char *s, size_t n, tthc_datetime *out, bool *date_only) {
  if (n < 10 || s[2] != '/' || s[5] != '/' || !all_digits(s, 2) || !all_digits(s + 3, 2) ||
      !all_digits(s + 6, 4))
    return TTHC_ESYNTAX;
  char iso[32];
  if (n > 10 + 1 + 8) return TTHC_ESYNTAX;
  memcpy(iso, s + 6, 4);
  iso[4] = '-';
  memcpy(iso + 5, s + 3, 2);
  iso[7] = '-';
  memcpy(iso + 8, s, 2);
  memcpy(iso + 10, s + 10, n - 10);
  *date_only = n == 10;
  return tthc_datetime_parse(iso, n, out, NULL);
}

/* Bytes s[0..8) as a word, s[0] lowest (a single load on little-endian machines). */
HOT uint64_t load8(const char *s) {
  const unsigned char *u = (const unsigned char *)s;
  return (uint64_t)u[0] | (uint64_t)u[1] << 8 | (uint64_t)u[2] << 16 | (uint64_t)u[3] << 24 |
         (uint64_t)u[4] << 32 | (uint64_t)u[5] << 40 | (uint64_t)u[6] << 48 | (uint64_t)u[7] << 56;
}

/* First day (days from 1970-01-01) and length of month m of year y; false if there is none. */
static bool month_of(int y, int m, tthc_date *first, int *days) {
  static const int16_t before[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
  if (y < 1 || y > 9999 || m < 1 || m > 12) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int64_t py = y - 1;
  *days = before[m] - before[m - 1] + (m == 2 && leap);
  *first = (tthc_date)(365 * py + py / 4 - py / 100 + py / 400 - 719162 + before[m - 1] +
                       (m > 2 && leap));
  return true;
}

/* "YYYY-MM-DDTHH:MM[:SS]" read directly (the writer's form); false if not in that form or not
 * a valid instant (the general parser then explains). `mc` (may be NULL) saves the month
 * arithmetic when the month repeats. */
HOT bool fast_iso(const char *s, size_t n, tthc_datetime *out, month_cache *mc) {
  if (n != 16 && n != 19) return false;
  /* XOR with the pattern "0000-00-" / "00T00:00": digits become their values 0-9 and the
   * separators 0; anything else leaves a byte >= 10 or a separator byte not 0 */
  const uint64_t k = 0x7676767676767676ull, h = 0x8080808080808080ull;
  uint64_t a = load8(s) ^ 0x2D30302D30303030ull, b = load8(s + 8) ^ 0x30303A3030543030ull;
  if ((((a + k) | a | (b + k) | b) & h) || (a & 0xFF0000FF00000000ull) ||
      (b & 0x0000FF0000FF0000ull))
    return false;
  int sec = 0;
  if (n == 19) {
    unsigned c = (unsigned char)s[16], x = (unsigned char)s[17] - '0', y = (unsigned char)s[18] - '0';
    if (c != ':' || x > 9 || y > 9) return false;
    sec = (int)(x * 10 + y);
  }
#define B(w, i) ((int)((w) >> (8 * (i))) & 0xFF)
  tthc_date first;
  int days;
  if (mc && mc->key == a) {
    first = mc->first, days = mc->days;
  } else {
    int y = B(a, 0) * 1000 + B(a, 1) * 100 + B(a, 2) * 10 + B(a, 3), mo = B(a, 5) * 10 + B(a, 6);
    if (!month_of(y, mo, &first, &days)) return false;
    if (mc) mc->key = a, mc->first = first, mc->days = days;
  }
  int d = B(b, 0) * 10 + B(b, 1), hh = B(b, 3) * 10 + B(b, 4), mi = B(b, 6) * 10 + B(b, 7);
#undef B
  if (d < 1 || d > days || hh > 23 || mi > 59 || sec > 59) return false;
  *out = (int64_t)(first + d - 1) * TTHC_SECONDS_PER_DAY + hh * 3600 + mi * 60 + sec;
  return true;
}

/* An instant or an appointment (due: a date alone means the end of that day). fast: try
 * fast_iso() first (with month cache mc, may be NULL). */
static tthc_status parse_time_value(const char *s, size_t n, bool due, bool fast,
                                    month_cache *mc, tthc_datetime *out, char *why,
                                    size_t whycap) {
  if (fast && fast_iso(s, n, out, mc)) return TTHC_OK;
  tthc_error e;
  tthc_error_clear(&e);
  bool date_only = false;
  tthc_status st = TTHC_ESYNTAX;
  if (n == 8 && all_digits(s, 8)) { /* yyyyMMdd */
    char iso[11] = {s[0], s[1], s[2], s[3], '-', s[4], s[5], '-', s[6], s[7], 0};
    st = tthc_datetime_parse(iso, 10, out, &e);
    date_only = true;
  } else if (n >= 10 && s[2] == '/') {
    st = parse_dmy(s, n, out, &date_only);
    if (st != TTHC_OK) snprintf(e.message, sizeof e.message, "expected DD/MM/YYYY[ HH:MM[:SS]]");
  } else {
    st = tthc_datetime_parse(s, n, out, &e);
    date_only = n == 10;
  }
  if (st != TTHC_OK) {
    /* keep the parser's explanation, without its own quoting of the input */
    const char *m = strstr(e.message, ": ");
    snprintf(why, whycap, "is not a date-time (%.150s)", m ? m + 2 : e.message);
    return TTHC_EFORMAT;
  }
  /* A date-only appointment means "by the end of that day". */
  if (due && date_only) *out += TTHC_SECONDS_PER_DAY - 1;
  return TTHC_OK;
}

static int parse_bool(const char *s, size_t n) {
  if (n == 1 && (s[0] == '0' || s[0] == '1')) return s[0] - '0';
  static const char *const yes[] = {"1", "true", "yes", "x", "co", "có"};
  static const char *const no[] = {"0", "false", "no", "khong", "không"};
  for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
    if (name_eq(s, n, yes[i], strlen(yes[i]))) return 1;
  for (size_t i = 0; i < sizeof no / sizeof *no; i++)
    if (name_eq(s, n, no[i], strlen(no[i]))) return 0;
  return -1;
}

static bool parse_int(const char *s, size_t n, int64_t lo, int64_t hi, int64_t *out) {
  bool neg = n > 0 && s[0] == '-';
  if (!all_digits(s + neg, n - neg) || n - neg > 6) return false;
  int64_t v = 0;
  for (size_t i = neg; i < n; i++) v = v * 10 + (s[i] - '0');
  if (neg) v = -v;
  if (v < lo || v > hi) return false;
  *out = v;
  return true;
}

/* Named values of enum-like fields: names first, then the number range. */
static const char *const online_names[] = {"none", "partial", "full", "unknown", NULL};
static const char *const return_names[] = {"unknown", "counter", "post", "electronic", NULL};

static bool parse_named(const char *s, size_t n, const char *const *names, int64_t *out) {
  for (int i = 0; names[i]; i++)
    if (name_eq(s, n, names[i], strlen(names[i]))) {
      *out = i;
      return true;
    }
  return false;
}

/* A channel: a name, or the portal's KenhThucHien number (1 direct, 2 online, 3 postal;
 * 0 not recorded). Stored as a tthc_channel or -1. */
static bool parse_channel(const char *s, size_t n, int64_t *out) {
  static const struct {
    const char *name;
    int v;
  } names[] = {{"direct", TTHC_CHANNEL_DIRECT}, {"counter", TTHC_CHANNEL_DIRECT},
               {"online", TTHC_CHANNEL_ONLINE}, {"postal", TTHC_CHANNEL_POSTAL},
               {"post", TTHC_CHANNEL_POSTAL},   {"unknown", -1}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (name_eq(s, n, names[i].name, strlen(names[i].name))) {
      *out = names[i].v;
      return true;
    }
  int64_t v;
  if (!parse_int(s, n, 0, 3, &v)) return false;
  *out = v - 1;
  return true;
}

/* The value of an integer field in its usual forms (a name as written, one digit), as set_value()
 * would read it; false for anything else (set_value() then reads it, or explains). */
static bool int_fast(int f, const char *s, size_t n, int64_t *out) {
  static const char *const channels[] = {"direct", "counter", "online", "postal", "post",
                                         "unknown", NULL};
  static const int channel_values[] = {TTHC_CHANNEL_DIRECT, TTHC_CHANNEL_DIRECT,
                                       TTHC_CHANNEL_ONLINE, TTHC_CHANNEL_POSTAL,
                                       TTHC_CHANNEL_POSTAL, -1};
  int d = n == 1 && s[0] >= '0' && s[0] <= '9' ? s[0] - '0' : -1;
  const char *const *names = f == F_CHANNEL        ? channels
                             : f == F_ONLINE_KIND    ? online_names
                             : f == F_RETURN_CHANNEL ? return_names
                                                     : NULL;
  for (int i = 0; n && names && names[i]; i++)
    if (names[i][0] == s[0] && strlen(names[i]) == n && memcmp(s, names[i], n) == 0) {
      *out = f == F_CHANNEL ? channel_values[i] : i;
      return true;
    }
  int hi = names ? 3 : 2; /* a channel, kind or return channel 0-3; the others 0-2 */
  if (d < 0 || d > hi) return false;
  *out = f == F_CHANNEL ? d - 1 : d;
  return true;
}

/* Parse one scalar value of field f into the record. `null_value` marks JSON null. */
static tthc_status set_value(const ectx *c, rec *r, int f, const char *s, size_t n,
                             bool null_value, const srcpos *p) {
  const char *name = fields[f].name;
  if (r->seen[f])
    return field_error(c, p, TTHC_EFORMAT, name, NULL, 0, "appears twice in the record");
  touch(r, f);
  r->where[f] = *p;
  if (f == F_ACCEPTED_AT && (null_value || name_eq(s, n, "none", 4))) {
    r->accepted_none = true;
    return TTHC_OK;
  }
  if (null_value || n == 0) return TTHC_OK; /* empty = absent */
  char why[200];
  switch (fields[f].kind) {
    case K_TEXT:
      r->text[f - F_CODE].s = s;
      r->text[f - F_CODE].n = n;
      return TTHC_OK;
    case K_REASON:
      r->reason[f].s = s;
      r->reason[f].n = n;
      return TTHC_OK;
    case K_LIMIT: {
      unsigned k = lim_slot(s, n);
      if (n == r->lim[k].len && memcmp(s, r->lim[k].text, n) == 0) {
        r->limit = r->lim[k].val, r->has_limit = true;
        return TTHC_OK;
      }
      tthc_error le;
      tthc_error_clear(&le);
      if (tthc_limit_parse(s, n, &r->limit, &le) != TTHC_OK) {
        const char *m = strstr(le.message, ": ");
        snprintf(why, sizeof why, "is not a statutory limit (%.150s)", m ? m + 2 : le.message);
        return field_error(c, p, TTHC_EFORMAT, name, s, n, why);
      }
      r->has_limit = true;
      if (n < sizeof r->lim[0].text) {
        memcpy(r->lim[k].text, s, n);
        r->lim[k].len = (uint8_t)n;
        r->lim[k].val = r->limit;
      }
      return TTHC_OK;
    }
    case K_TIME:
    case K_DUE: {
      tthc_status st =
          parse_time_value(s, n, fields[f].kind == K_DUE, !c->general, &r->month, &r->t[f],
                           why, sizeof why);
      if (st != TTHC_OK) return field_error(c, p, st, name, s, n, why);
      return TTHC_OK;
    }
    case K_BOOL: {
      int b = parse_bool(s, n);
      if (b < 0) return field_error(c, p, TTHC_EFORMAT, name, s, n, "is not a boolean (0/1)");
      r->iv[f] = b;
      return TTHC_OK;
    }
    case K_INT: {
      int64_t v = 0;
      bool ok;
      if (f == F_CHANNEL) ok = parse_channel(s, n, &v);
      else if (f == F_ONLINE_KIND)
        ok = parse_named(s, n, online_names, &v) || parse_int(s, n, 0, 3, &v);
      else if (f == F_RETURN_CHANNEL)
        ok = parse_named(s, n, return_names, &v) || parse_int(s, n, 0, 3, &v);
      else if (f == F_FEE) ok = parse_int(s, n, -1, 2, &v);
      else ok = parse_int(s, n, 0, 2, &v); /* F_PAID_ONLINE (gateway 0-2), eval_i (score 0-2) */
      if (!ok) {
        const char *expect =
            f == F_CHANNEL ? "is not a channel (direct, online, postal, or KenhThucHien 1-3)"
            : f == F_ONLINE_KIND ? "is not an online kind (none, partial, full, unknown or 0-3)"
            : f == F_RETURN_CHANNEL ? "is not a return channel (counter, post, electronic, 0-3)"
            : f == F_PAID_ONLINE    ? "is not a payment gateway (0 none, 1 portal, 2 province)"
            : f == F_FEE            ? "is not a fee status (-1, 0, 1, 2)"
                                    : "is not an evaluation score (0, 1, 2)";
        return field_error(c, p, TTHC_EFORMAT, name, s, n, expect);
      }
      r->iv[f] = v;
      return TTHC_OK;
    }
    default:
      return TTHC_OK;
  }
}

/* ---- events from JSON ------------------------------------------------------------------ */

static const char *json_str(json_t *o, const char *key, size_t *n) {
  json_t *v = json_object_get(o, key);
  if (!v || !json_is_string(v)) return NULL;
  *n = json_string_length(v);
  return json_string_value(v);
}

static tthc_status append_json_event(const ectx *c, tthc_dossier *d, json_t *ev, size_t idx,
                                     const srcpos *p) {
  char what[200];
  if (!json_is_object(ev)) {
    snprintf(what, sizeof what, "event %zu is not a JSON object", idx);
    return field_error(c, p, TTHC_EFORMAT, "events", NULL, 0, what);
  }
  tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
  size_t n = 0;
  const char *k = json_str(ev, "kind", &n);
  if (!k || tthc_dossier_event_kind_from_name(k, n, &e.kind) != TTHC_OK) {
    snprintf(what, sizeof what, "event %zu has no valid \"kind\"", idx);
    return field_error(c, p, TTHC_EFORMAT, "events", k, n, what);
  }
  const char *at = json_str(ev, "at", &n);
  if (!at || parse_time_value(at, n, false, !c->general, NULL, &e.at, what, sizeof what) != TTHC_OK) {
    char w2[240];
    snprintf(w2, sizeof w2, "event %zu (%s): \"at\" %s", idx, k, at ? what : "is missing");
    return field_error(c, p, TTHC_EFORMAT, "events", at, at ? n : 0, w2);
  }
  const char *due = json_str(ev, "due", &n);
  if (due && parse_time_value(due, n, true, !c->general, NULL, &e.due, what, sizeof what) != TTHC_OK) {
    char w2[240];
    snprintf(w2, sizeof w2, "event %zu (%s): \"due\" %s", idx, k, what);
    return field_error(c, p, TTHC_EFORMAT, "events", due, n, w2);
  }
  size_t tn = 0;
  const char *text = json_str(ev, "reason", &tn);
  if (!text) text = json_str(ev, "step", &tn);
  json_t *ch = json_object_get(ev, "channel");
  if (!ch) ch = json_object_get(ev, "gateway");
  if (json_is_integer(ch)) { /* json_is_*(NULL) is false */
    json_int_t v = json_integer_value(ch);
    e.channel = v < 0 || v > 9 ? 99 : (int)v;
  } else if (json_is_string(ch)) {
    int64_t v = 99;
    parse_named(json_string_value(ch), json_string_length(ch), return_names, &v);
    e.channel = (int)v;
  }
  if (json_is_true(json_object_get(ev, "electronic"))) e.flags |= TTHC_EVENT_FLAG_ELECTRONIC;
  if (json_is_true(json_object_get(ev, "digitised"))) e.flags |= TTHC_EVENT_FLAG_DIGITISED;
  tthc_status st = tthc__dossier_append(d, &e, text, tn, NULL);
  if (st != TTHC_OK) {
    tthc_error sub; /* the failed append changed nothing: again for the explanation */
    tthc_error_clear(&sub);
    tthc__dossier_append(d, &e, text, tn, &sub);
    snprintf(what, sizeof what, "event %zu: %.170s", idx, sub.message);
    return field_error(c, p, st, "events", NULL, 0, what);
  }
  return TTHC_OK;
}

static tthc_status append_json_events(const ectx *c, tthc_dossier *d, json_t *arr,
                                      const srcpos *p) {
  if (!json_is_array(arr))
    return field_error(c, p, TTHC_EFORMAT, "events", NULL, 0, "is not a JSON array of events");
  for (size_t i = 0; i < json_array_size(arr); i++)
    TTHC_TRY(append_json_event(c, d, json_array_get(arr, i), i, p));
  return TTHC_OK;
}

/* ---- events written by this library, without jansson ---------------------------------- */

#define FAST_EVENTS_MAX 32

/* What append_json_event() reads of one event. */
typedef struct fast_event {
  slice kind, at, due, reason, step; /* .s NULL: absent */
  int channel;                       /* as append_json_event() sets it (0: absent) */
  unsigned flags;
} fast_event;

typedef struct jscan {
  const char *s, *e;
} jscan;

static void js_ws(jscan *j) {
  while (j->s < j->e && (*j->s == ' ' || *j->s == '\t' || *j->s == '\n' || *j->s == '\r')) j->s++;
}

static bool js_char(jscan *j, char ch) {
  js_ws(j);
  if (j->s >= j->e || *j->s != ch) return false;
  j->s++;
  return true;
}

/* A string without escapes or control characters (the bytes are valid UTF-8 already). */
static bool js_string(jscan *j, slice *out) {
  if (!js_char(j, '"')) return false;
  const char *b = j->s;
  while (j->s < j->e && *j->s != '"') {
    if (*j->s == '\\' || (unsigned char)*j->s < 0x20) return false;
    j->s++;
  }
  if (j->s >= j->e) return false;
  out->s = b, out->n = (size_t)(j->s - b);
  j->s++;
  return true;
}

enum { JS_STRING, JS_INT, JS_TRUE, JS_FALSE, JS_NULL };

/* The scalar ends here: a delimiter, white space or the end follows. */
static bool js_end(const jscan *j, const char *d) {
  return d == j->e || *d == ',' || *d == '}' || *d == ']' || *d == ' ' || *d == '\t' ||
         *d == '\n' || *d == '\r';
}

/* A scalar: a string, an integer of at most nine digits, true, false or null. */
static bool js_scalar(jscan *j, int *type, slice *str, int *num) {
  js_ws(j);
  if (j->s >= j->e) return false;
  char ch = *j->s;
  if (ch == '"') return *type = JS_STRING, js_string(j, str);
  static const struct {
    const char *w;
    int type;
  } lit[] = {{"true", JS_TRUE}, {"false", JS_FALSE}, {"null", JS_NULL}};
  for (size_t i = 0; i < sizeof lit / sizeof *lit; i++)
    if (ch == lit[i].w[0]) {
      size_t l = strlen(lit[i].w);
      if ((size_t)(j->e - j->s) < l || memcmp(j->s, lit[i].w, l) != 0 || !js_end(j, j->s + l))
        return false;
      j->s += l;
      *type = lit[i].type;
      return true;
    }
  bool neg = ch == '-';
  const char *d = j->s + neg;
  int v = 0, nd = 0;
  while (d < j->e && *d >= '0' && *d <= '9' && nd < 10) v = v * 10 + (*d++ - '0'), nd++;
  /* at most nine digits, no leading zero, no "-0", then a delimiter (no fraction, exponent) */
  if (nd == 0 || nd > 9 || (d[-nd] == '0' && (nd > 1 || neg)) || !js_end(j, d)) return false;
  j->s = d;
  *type = JS_INT;
  *num = neg ? -v : v;
  return true;
}

/* Read an "events" array as this library writes it into r->fev: objects of scalars, strings
 * without escapes, no key of interest twice. false for anything else: jansson then reads it
 * (and explains what is wrong). */
static bool fast_events(const char *s, size_t n, rec *r) {
  if (!r->fev) {
    r->fev = malloc(FAST_EVENTS_MAX * sizeof *r->fev);
    if (!r->fev) return false;
  }
  jscan j = {s, s + n};
  r->nfev = 0;
  if (!js_char(&j, '[')) return false;
  js_ws(&j);
  if (j.s < j.e && *j.s == ']') {
    j.s++;
  } else {
    for (;;) {
      if (r->nfev == FAST_EVENTS_MAX || !js_char(&j, '{')) return false;
      fast_event *f = &r->fev[r->nfev++];
      memset(f, 0, sizeof *f);
      unsigned seen = 0;
      int ch_type[2] = {-1, -1}, ch_num[2] = {0, 0};
      slice ch_str[2];
      js_ws(&j);
      if (j.s < j.e && *j.s == '}') {
        j.s++;
      } else {
        for (;;) {
          slice key, str = {NULL, 0};
          int type, num = 0;
          if (!js_string(&j, &key) || !js_char(&j, ':') || !js_scalar(&j, &type, &str, &num))
            return false;
          static const char *const keys[] = {"kind",    "at",      "due",        "reason",
                                             "step",    "channel", "gateway",    "electronic",
                                             "digitised"};
          int k = -1;
          for (int i = 0; i < (int)(sizeof keys / sizeof *keys); i++)
            if (key.n == strlen(keys[i]) && memcmp(key.s, keys[i], key.n) == 0) k = i;
          if (k >= 0) {
            if (seen & (1u << k)) return false; /* jansson keeps the last one: let it */
            seen |= 1u << k;
            if (k <= 4) {
              if (type != JS_STRING) return false;
              slice *dst[] = {&f->kind, &f->at, &f->due, &f->reason, &f->step};
              *dst[k] = str;
            } else if (k <= 6) {
              if (type != JS_STRING && type != JS_INT) return false;
              ch_type[k - 5] = type, ch_num[k - 5] = num, ch_str[k - 5] = str;
            } else {
              if (type != JS_TRUE && type != JS_FALSE) return false;
              if (type == JS_TRUE)
                f->flags |= k == 7 ? TTHC_EVENT_FLAG_ELECTRONIC : TTHC_EVENT_FLAG_DIGITISED;
            }
          }
          if (js_char(&j, '}')) break;
          if (!js_char(&j, ',')) return false;
        }
      }
      /* "channel", else "gateway": an integer 0-9 (else 99), or a return channel name */
      int c = ch_type[0] >= 0 ? 0 : ch_type[1] >= 0 ? 1 : -1;
      if (c >= 0 && ch_type[c] == JS_INT) {
        f->channel = ch_num[c] < 0 || ch_num[c] > 9 ? 99 : ch_num[c];
      } else if (c >= 0) {
        int64_t v = 99;
        parse_named(ch_str[c].s, ch_str[c].n, return_names, &v);
        f->channel = (int)v;
      }
      if (js_char(&j, ']')) break;
      if (!js_char(&j, ',')) return false;
    }
  }
  js_ws(&j);
  return j.s == j.e;
}

/* Append the events fast_events() read, as append_json_events() would. false (and d as it
 * was) if one cannot be appended: append_json_events() then says why. */
static bool append_fast_events(tthc_dossier *d, const rec *r) {
  size_t nev = d->nev;
  uint32_t alen = d->alen;
  uint8_t state = d->state;
  bool accepted = d->accepted, apologised = d->apologised;
  for (int i = 0; i < r->nfev; i++) {
    const fast_event *f = &r->fev[i];
    tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
    char what[200];
    slice text = f->reason.s ? f->reason : f->step;
    e.channel = f->channel;
    e.flags = f->flags;
    if (!f->kind.s || tthc_dossier_event_kind_from_name(f->kind.s, f->kind.n, &e.kind) != TTHC_OK ||
        !f->at.s ||
        parse_time_value(f->at.s, f->at.n, false, true, NULL, &e.at, what, sizeof what) != TTHC_OK ||
        (f->due.s &&
         parse_time_value(f->due.s, f->due.n, true, true, NULL, &e.due, what, sizeof what) != TTHC_OK) ||
        tthc__dossier_append(d, &e, text.s, text.n, NULL) != TTHC_OK) {
      d->nev = nev, d->alen = alen, d->state = state;
      d->accepted = accepted, d->apologised = apologised;
      return false;
    }
  }
  return true;
}

/* ---- building the dossier from a record ----------------------------------------------- */

typedef struct synth {
  tthc_datetime at;
  int field; /* the field the event comes from (for errors) */
  tthc_dossier_event ev;
  slice text;
} synth;

/* Events of the flat form in log order: by instant, ties broken by the natural order. */
static int flat_events(const rec *r, tthc_datetime accepted, synth *out) {
  static const struct {
    int field, kind, reason, due;
  } map[] = {
      /* in the natural order, which breaks ties between equal instants */
      {F_PAID_AT, TTHC_EVENT_PAID_ONLINE, -1, -1},
      {F_ACCEPTED_AT, TTHC_EVENT_ACCEPTED, -1, F_DUE},
      {F_SUPP_REQ, TTHC_EVENT_SUPPLEMENT_REQUESTED, F_SUPP_REASON, -1},
      {F_SUPP_RECV, TTHC_EVENT_SUPPLEMENT_RECEIVED, -1, F_SUPP_DUE},
      {F_PAUSED_AT, TTHC_EVENT_PAUSED, F_PAUSE_REASON, -1},
      {F_RESUMED_AT, TTHC_EVENT_RESUMED, -1, -1},
      {F_APOLOGY_AT, TTHC_EVENT_APOLOGY, F_APOLOGY_REASON, F_NEW_DUE},
      {F_RESULT_AT, TTHC_EVENT_RESULT_ISSUED, -1, -1},
      {F_RETURNED_AT, TTHC_EVENT_RESULT_RETURNED, -1, -1},
      {F_REFUSED_AT, TTHC_EVENT_REFUSED, F_REFUSAL_REASON, -1},
      {F_WITHDRAWN_AT, TTHC_EVENT_WITHDRAWN, F_WITHDRAWAL_REASON, -1},
  };
  /* the instants, sorted as they are found (a strict comparison keeps ties in map order) */
  enum { M = sizeof map / sizeof *map };
  tthc_datetime ats[M];
  uint8_t idx[M];
  int n = 0;
  for (int i = 0; i < M; i++) {
    tthc_datetime at = r->t[map[i].field];
    if (map[i].field == F_ACCEPTED_AT) at = accepted;
    if (map[i].field == F_PAID_AT && r->iv[F_PAID_ONLINE] > 0 && at == NO_TIME)
      at = r->t[F_RECEIVED_AT];
    if (map[i].field == F_PAID_AT && !(r->iv[F_PAID_ONLINE] > 0)) at = NO_TIME;
    if (at == NO_TIME) continue;
    int j = n++;
    /* ats[0..n-1] are set; cppcheck does not follow the insertion sort */
    /* cppcheck-suppress uninitvar */
    for (; j > 0 && ats[j - 1] > at; j--) ats[j] = ats[j - 1], idx[j] = idx[j - 1];
    ats[j] = at, idx[j] = (uint8_t)i;
  }
  for (int k = 0; k < n; k++) {
    int i = idx[k];
    synth *s = &out[k];
    tthc_dossier_event e = TTHC_DOSSIER_EVENT_INIT;
    e.kind = map[i].kind;
    e.at = ats[k];
    if (map[i].due >= 0) e.due = r->t[map[i].due];
    if (e.kind == TTHC_EVENT_PAID_ONLINE) e.channel = (int)r->iv[F_PAID_ONLINE];
    if (e.kind == TTHC_EVENT_RESULT_RETURNED && r->iv[F_RETURN_CHANNEL] != UNSET_INT)
      e.channel = (int)r->iv[F_RETURN_CHANNEL];
    if (e.kind == TTHC_EVENT_RESULT_ISSUED) {
      if (r->iv[F_RESULT_ELECTRONIC] == 1) e.flags |= TTHC_EVENT_FLAG_ELECTRONIC;
      if (r->iv[F_RESULT_DIGITISED] == 1) e.flags |= TTHC_EVENT_FLAG_DIGITISED;
    }
    s->at = ats[k];
    s->field = map[i].field;
    s->ev = e;
    s->text = map[i].reason >= 0 ? r->reason[map[i].reason] : (slice){NULL, 0};
  }
  return n;
}

static tthc_status build(const ectx *c, rec *r, tthc_dossier *d) {
  /* received_at: NgayNopHoSo, else the acceptance instant (NgayTiepNhan). */
  tthc_datetime received = r->t[F_RECEIVED_AT];
  if (received == NO_TIME) received = r->t[F_ACCEPTED_AT];
  if (received == NO_TIME) {
    srcpos p = SRCPOS(c->line, -1, 0);
    return field_error(c, &p, TTHC_EFORMAT, "received_at", NULL, 0,
                       "is missing (give received_at/NgayNopHoSo or accepted_at/NgayTiepNhan)");
  }
  touch(r, F_RECEIVED_AT);
  r->t[F_RECEIVED_AT] = received;
  tthc_status st;
  if (r->trusted) {
    const char *ts[TTHC__DOSSIER_NTEXT];
    size_t tn[TTHC__DOSSIER_NTEXT];
    for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) ts[i] = r->text[i].s, tn[i] = r->text[i].n;
    st = tthc__dossier_reset_texts(d, received, ts, tn);
  } else {
    st = tthc_dossier_reset(d, NULL, received);
    for (int i = 0; st == TTHC_OK && i < TTHC__DOSSIER_NTEXT; i++)
      if (r->text[i].n) st = tthc__dossier_set_textn(d, i, r->text[i].s, r->text[i].n);
  }
  if (st != TTHC_OK) {
    for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++)
      if (r->text[i].n && !tthc__utf8_valid(r->text[i].s, r->text[i].n))
        return field_error(c, &r->where[F_CODE + i], TTHC_EUTF8, fields[F_CODE + i].name,
                           r->text[i].s, r->text[i].n, "is not valid UTF-8");
    return st;
  }
  if (r->iv[F_CHANNEL] != UNSET_INT) d->channel = (int8_t)r->iv[F_CHANNEL];
  if (r->iv[F_ONLINE_KIND] != UNSET_INT) d->online_kind = (int8_t)r->iv[F_ONLINE_KIND];
  if (r->iv[F_FEE] != UNSET_INT) d->fee = (int8_t)r->iv[F_FEE];
  if (r->iv[F_RESULT_DOCUMENT] != UNSET_INT) d->result_doc = (int8_t)r->iv[F_RESULT_DOCUMENT];
  if (r->iv[F_FOUR_AT_PLACE] != UNSET_INT) d->four = (int8_t)r->iv[F_FOUR_AT_PLACE];
  if (r->has_limit) d->limit = r->limit, d->has_limit = true;
  static const struct {
    int field;
    unsigned flag;
  } flagmap[] = {{F_DIGITISED, TTHC_DOSSIER_FLAG_DIGITISED}, {F_REUSED, TTHC_DOSSIER_FLAG_REUSED_DATA},
                 {F_VNEID, TTHC_DOSSIER_FLAG_VNEID},         {F_DISLIKED, TTHC_DOSSIER_FLAG_DISLIKED},
                 {F_FEEDBACK, TTHC_DOSSIER_FLAG_FEEDBACK},   {F_COMPLAINT, TTHC_DOSSIER_FLAG_COMPLAINT},
                 {F_TEST, TTHC_DOSSIER_FLAG_TEST},           {F_CANCELLED, TTHC_DOSSIER_FLAG_CANCELLED}};
  for (size_t i = 0; i < sizeof flagmap / sizeof *flagmap; i++)
    if (r->iv[flagmap[i].field] == 1) d->flags |= flagmap[i].flag;
  for (int i = 0; i < 9; i++)
    if (r->iv[F_EVAL1 + i] != UNSET_INT) d->eval[i] = (int8_t)r->iv[F_EVAL1 + i];

  if (r->has_events) {
    for (int f = 0; f < F_COUNT; f++)
      if (r->seen[f] && is_event_field(f) && (r->t[f] != NO_TIME || r->reason[f].n ||
                                               (r->iv[f] != UNSET_INT && r->iv[f] != 0)))
        return field_error(c, &r->where[f], TTHC_EFORMAT, fields[f].name, NULL, 0,
                           "cannot be combined with \"events\" (give the events only)");
    if (r->events_text.s) {
      if (append_fast_events(d, r)) return TTHC_OK;
      json_error_t je; /* something cannot be appended: jansson's reading explains it */
      int oom;
      r->events = tthc__json_loadb(r->events_text.s, r->events_text.n, 0, &je, &oom);
      if (!r->events) /* fast_events() read it already: only memory can be missing */
        return field_error(c, &r->where[F_EVENTS], TTHC_ENOMEM, "events", NULL, 0,
                           "out of memory");
    }
    if (r->events) return append_json_events(c, d, r->events, &r->where[F_EVENTS]);
    return TTHC_OK;
  }
  tthc_datetime accepted =
      r->accepted_none ? NO_TIME : (r->t[F_ACCEPTED_AT] != NO_TIME ? r->t[F_ACCEPTED_AT] : received);
  synth ev[16];
  int n = flat_events(r, accepted, ev);
  for (int i = 0; i < n; i++) {
    st = tthc__dossier_append(d, &ev[i].ev, ev[i].text.s, ev[i].text.n, NULL);
    if (st != TTHC_OK) {
      /* the failed append changed nothing: run it again for the explanation */
      tthc_error sub;
      tthc_error_clear(&sub);
      tthc__dossier_append(d, &ev[i].ev, ev[i].text.s, ev[i].text.n, &sub);
      int f = ev[i].field;
      /* A missing reason belongs to the reason column. */
      if (st == TTHC_EINVAL && strstr(sub.message, "reason")) {
        int rf = f == F_PAUSED_AT ? F_PAUSE_REASON : f == F_REFUSED_AT ? F_REFUSAL_REASON : f;
        srcpos p = r->seen[rf] ? r->where[rf] : r->where[f];
        return field_error(c, &p, TTHC_EFORMAT, fields[rf].name, NULL, 0,
                           "is required (a written reason)");
      }
      srcpos p = r->seen[f] ? r->where[f] : SRCPOS(c->line, -1, 0);
      return field_error(c, &p, st == TTHC_EINVAL ? TTHC_EFORMAT : st, fields[f].name, NULL, 0,
                         sub.message);
    }
  }
  return TTHC_OK;
}

/* ======================================================================================== */
/* Reader                                                                                     */
/* ======================================================================================== */

struct tthc_io_reader {
  int format;
  unsigned flags;
  FILE *fp;       /* file input (owned unless stdin), or NULL for memory */
  bool own_fp;
  char *own;      /* owned window for file input */
  size_t owncap;
  const char *buf; /* current window */
  size_t len;      /* bytes in the window */
  size_t pos;      /* next record starts here */
  int64_t base;    /* absolute offset of buf[0] */
  bool eof;        /* no more input beyond the window */
  int64_t line;    /* line number at pos */
  int64_t record;  /* records consumed */
  size_t body;     /* memory input: offset of the first record */
  int64_t body_line;
  char sep;
  int ncols;
  uint8_t *colmap; /* CSV column -> field */
  name_table names;
  rec rec;
  char numbuf[F_COUNT][24]; /* JSON integers given as text */
  char *scratch;   /* unquoted CSV cells */
  size_t scratchcap;
  slice *cells;
  int64_t *celloff; /* absolute offset of each cell */
  int64_t *cellline; /* line of each cell */
  int cellcap;
  uint64_t *seps; /* CSV: separator bits of a record (scan_row) */
  size_t sepcap;  /* words at seps */
  uint32_t *cst, *cen; /* bounds of its cells that are not empty (cell_bounds) */
  bool general;   /* tthc__io_reader_general() */
};

void tthc__io_reader_general(tthc_io_reader *r, bool on) { r->general = on; }

static tthc_status refill(tthc_io_reader *r) {
  if (!r->fp || r->eof) return TTHC_OK;
  /* move the unread tail to the front */
  size_t keep = r->len - r->pos;
  if (r->pos > 0) {
    memmove(r->own, r->own + r->pos, keep);
    r->base += (int64_t)r->pos;
    r->pos = 0;
    r->len = keep;
  }
  if (r->len == r->owncap) {
    size_t cap = r->owncap ? r->owncap * 2 : 4096;
    char *b = realloc(r->own, cap);
    TTHC_RETURN_IF(!b, TTHC_ENOMEM);
    r->own = b;
    r->owncap = cap;
  }
  size_t got = fread(r->own + r->len, 1, r->owncap - r->len, r->fp);
  if (got == 0) {
    if (ferror(r->fp)) return TTHC_EIO;
    r->eof = true;
  }
  r->len += got;
  r->buf = r->own;
  return TTHC_OK;
}

/* End of the CSV record starting at i in b[0..n): a newline outside quotes. A quote opens a
 * quoted section only at the start of a cell (after `sep`, or either separator when sep is 0).
 * Returns 1 with *end (the newline) and *nl (newlines inside quotes), 0 if the record does not
 * end within the data (need more), -1 if a quote is still open at the end of the data. */
static int csv_record_end(const char *b, size_t i, size_t n, char sep, bool final, size_t *end,
                          int *nl) {
  *nl = 0;
  /* fast path: a line without quotes */
  const char *q = memchr(b + i, '\n', n - i);
  size_t lim = q ? (size_t)(q - b) : n;
  if (!memchr(b + i, '"', lim - i)) {
    if (q) {
      *end = lim;
      return 1;
    }
    return 0;
  }
  bool inq = false, cellstart = true;
  for (size_t j = i; j < n; j++) {
    char c = b[j];
    if (inq) {
      if (c == '"') {
        if (j + 1 < n && b[j + 1] == '"') j++;
        else if (j + 1 >= n && !final) return 0;
        else inq = false;
      } else if (c == '\n') {
        (*nl)++;
      }
      continue;
    }
    if (c == '\n') {
      *end = j;
      return 1;
    }
    if (c == '"' && cellstart) {
      inq = true;
      cellstart = false;
    } else {
      cellstart = sep ? c == sep : (c == ',' || c == ';');
    }
  }
  return inq && final ? -1 : 0;
}

/* Find the end of the record starting at r->pos (refilling a file window as needed): *end is
 * the newline (or the end of input), *next the start of the following record, *nl the newlines
 * inside the record. *more is false at the end of the input. ESYNTAX: a CSV quote never closes. */
static tthc_status record_span(tthc_io_reader *r, size_t *end, size_t *next, int *nl,
                               bool *more) {
  *more = false;
  *nl = 0;
  for (;;) {
    const char *b = r->buf;
    size_t i = r->pos, n = r->len;
    bool final = r->eof || !r->fp;
    int found;
    if (r->format == TTHC_IO_JSONL) {
      const char *q = i < n ? memchr(b + i, '\n', n - i) : NULL;
      found = q ? 1 : 0;
      if (q) *end = (size_t)(q - b);
    } else {
      found = i < n ? csv_record_end(b, i, n, r->sep, final, end, nl) : 0;
    }
    if (found == 1) {
      *next = *end + 1;
      *more = true;
      return TTHC_OK;
    }
    if (final) {
      *end = n;
      *next = n;
      *more = i < n;
      return found < 0 ? TTHC_ESYNTAX : TTHC_OK;
    }
    TTHC_TRY(refill(r));
  }
}

/* ---- CSV --------------------------------------------------------------------------------- */

static tthc_status grow_cells(tthc_io_reader *r, int need) {
  if (need <= r->cellcap) return TTHC_OK;
  int cap = r->cellcap ? r->cellcap * 2 : 64;
  while (cap < need) cap *= 2;
  slice *c = realloc(r->cells, (size_t)cap * sizeof *c);
  TTHC_RETURN_IF(!c, TTHC_ENOMEM);
  r->cells = c;
  int64_t *o = realloc(r->celloff, (size_t)cap * sizeof *o);
  TTHC_RETURN_IF(!o, TTHC_ENOMEM);
  r->celloff = o;
  int64_t *l = realloc(r->cellline, (size_t)cap * sizeof *l);
  TTHC_RETURN_IF(!l, TTHC_ENOMEM);
  r->cellline = l;
  r->cellcap = cap;
  return TTHC_OK;
}

static srcpos cell_pos(const tthc_io_reader *r, int i) {
  return SRCPOS(r->cellline[i], r->celloff[i], 0);
}

/* Iterator over the cells of one CSV record [i, end). */
typedef struct cell_it {
  size_t i, end;
  int64_t line;
  char *out;  /* where the next quoted cell is unquoted (in r->scratch) */
  bool done;
} cell_it;

static tthc_status cells_begin(tthc_io_reader *r, size_t start, size_t end, cell_it *it) {
  size_t need = end - start + 1;
  if (need > r->scratchcap) {
    char *s = realloc(r->scratch, need);
    TTHC_RETURN_IF(!s, TTHC_ENOMEM);
    r->scratch = s;
    r->scratchcap = need;
  }
  *it = (cell_it){start, end, r->line, r->scratch, false};
  return TTHC_OK;
}

/* The next cell: its value (quoted cells unquoted into scratch), absolute offset and line.
 * *got is false when the record has no more cells. */
static tthc_status cells_next(tthc_io_reader *r, cell_it *it, slice *v, int64_t *off,
                              int64_t *line, bool *got, ectx *c) {
  const char *b = r->buf;
  size_t i = it->i, end = it->end;
  *got = !it->done;
  if (it->done) return TTHC_OK;
  *off = r->base + (int64_t)i;
  *line = it->line;
  if (i < end && b[i] == '"') {
    char *o0 = it->out, *out = it->out;
    i++;
    for (;;) {
      if (i >= end) {
        srcpos q = SRCPOS(*line, *off, 0);
        return field_error(c, &q, TTHC_ESYNTAX, "(", NULL, 0, "a quoted field is not closed");
      }
      if (b[i] == '"') {
        if (i + 1 < end && b[i + 1] == '"') {
          *out++ = '"';
          i += 2;
          continue;
        }
        i++;
        break;
      }
      if (b[i] == '\n') it->line++;
      *out++ = b[i++];
    }
    v->s = o0;
    v->n = (size_t)(out - o0);
    it->out = out;
    if (i < end && b[i] != r->sep && !(b[i] == '\r' && i + 1 == end)) {
      srcpos q = SRCPOS(it->line, r->base + (int64_t)i, 0);
      return field_error(c, &q, TTHC_ESYNTAX, "(", NULL, 0,
                         "unexpected character after a closing quote");
    }
  } else {
    size_t j = i;
    while (j < end && b[j] != r->sep) j++;
    size_t k = j;
    if (k == end && k > i && b[k - 1] == '\r') k--;
    v->s = b + i;
    v->n = k - i;
    i = j;
  }
  if (i >= end || (b[i] == '\r' && i + 1 == end)) it->done = true;
  else i++; /* separator; a trailing one leaves an empty last cell */
  it->i = i;
  return TTHC_OK;
}

/* Split the record [start, end) into r->cells (the header row). */
static tthc_status split_csv(tthc_io_reader *r, size_t start, size_t end, int *ncells,
                             ectx *c) {
  cell_it it;
  TTHC_TRY(cells_begin(r, start, end, &it));
  int n = 0;
  for (;;) {
    if (n + 2 > r->cellcap) TTHC_TRY(grow_cells(r, n + 2));
    bool got;
    TTHC_TRY(cells_next(r, &it, &r->cells[n], &r->celloff[n], &r->cellline[n], &got, c));
    if (!got) break;
    n++;
  }
  *ncells = n;
  return TTHC_OK;
}

static tthc_status read_header(tthc_io_reader *r, tthc_error *err) {
  ectx c = {err, -1, 1, NULL, 0, 0, r->general};
  size_t end, next;
  int nl;
  bool more;
  TTHC_TRY(refill(r));
  /* skip a UTF-8 byte order mark */
  if (r->len - r->pos >= 3 && memcmp(r->buf + r->pos, "\xEF\xBB\xBF", 3) == 0) r->pos += 3;
  tthc_status st = record_span(r, &end, &next, &nl, &more);
  c.buf = r->buf, c.base = r->base, c.len = r->len; /* the window after any refill */
  if (!more)
    return tthc__error_set(err, TTHC_EFORMAT, 1, 1, 0, "CSV input has no header row");
  if (st != TTHC_OK)
    return tthc__error_set(err, TTHC_ESYNTAX, 1, 1, 0, "CSV header: quoted field is not closed");
  /* separator: ',' unless the header has more ';' than ',' */
  int commas = 0, semis = 0;
  for (size_t i = r->pos; i < end; i++) commas += r->buf[i] == ',', semis += r->buf[i] == ';';
  r->sep = semis > commas ? ';' : ',';
  int n;
  TTHC_TRY(split_csv(r, r->pos, end, &n, &c));
  r->colmap = calloc(n > 0 ? (size_t)n : 1, 1);
  TTHC_RETURN_IF(!r->colmap, TTHC_ENOMEM);
  r->ncols = n;
  bool used[F_COUNT] = {false};
  for (int i = 0; i < n; i++) {
    const char *s = r->cells[i].s;
    size_t len = r->cells[i].n;
    while (len && (*s == ' ' || *s == '\t')) s++, len--;
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t')) len--;
    int f = table_get(&r->names, s, len);
    if (f == F_IGNORED && (r->flags & TTHC_IO_STRICT))
      return field_error(&c, &(srcpos){cell_pos(r, i).line, r->celloff[i], 0, NULL},
                         TTHC_EFORMAT, "(header column", s, len,
                         ": is not a known column (strict mode)");
    if (f != F_IGNORED && used[f])
      return field_error(&c, &(srcpos){cell_pos(r, i).line, r->celloff[i], 0, NULL},
                         TTHC_EFORMAT, "(header column", s, len,
                         ": names a field that already has a column");
    if (f != F_IGNORED) used[f] = true;
    r->colmap[i] = (uint8_t)f;
  }
  r->line += 1 + nl;
  r->pos = next;
  r->body = next;
  r->body_line = r->line;
  return TTHC_OK;
}

/* What scan_row() met besides separators. */
enum { ROW_HIGH = 1u, ROW_NUL = 2u, ROW_QUOTE = 4u };

/* One pass over a record's bytes p[0..n): bit i of sm[i / 64] tells whether p[i] is a separator
 * (sm has (n + 63) / 64 words; bits past n are 0), and *seen whether the record holds a byte
 * >= 0x80 (UTF-8 to check), a NUL or a quote (the general path). Sixteen bytes at a time where
 * SSE2 exists. */
HOT void scan_row(const char *p, size_t n, char sep, uint64_t *sm, unsigned *seen) {
  unsigned hi = 0, z = 0, q = 0;
#if defined(__SSE2__)
  const __m128i vs = _mm_set1_epi8(sep), vq = _mm_set1_epi8('"'), vz = _mm_setzero_si128();
  uint64_t word = 0; /* the bits of the 64 bytes being scanned */
  size_t i = 0;
  for (; i < n; i += 16) {
    __m128i v;
    unsigned valid = 0xFFFF;
    unsigned shift = 0; /* the last bytes: the block ending with them, bits shifted down */
    if (i + 16 <= n) {
      v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    } else if (n >= 16) {
      v = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16));
      shift = (unsigned)(16 - (n - i));
    } else { /* a short record, in a zeroed block */
      unsigned char tail[16] = {0};
      memcpy(tail, p + i, n - i);
      v = _mm_loadu_si128((const __m128i *)(const void *)tail);
      valid = (1u << (n - i)) - 1;
    }
#define MASK(x) (((unsigned)_mm_movemask_epi8(x) >> shift) & valid)
    word |= (uint64_t)MASK(_mm_cmpeq_epi8(v, vs)) << (i % 64);
    hi |= MASK(v);
    z |= MASK(_mm_cmpeq_epi8(v, vz));
    q |= MASK(_mm_cmpeq_epi8(v, vq));
#undef MASK
    if (i % 64 == 48 || i + 16 >= n) sm[i / 64] = word, word = 0;
  }
#else
  memset(sm, 0, (n + 63) / 64 * sizeof *sm);
  for (size_t i = 0; i < n; i++) {
    unsigned char ch = (unsigned char)p[i];
    sm[i / 64] |= (uint64_t)(ch == (unsigned char)sep) << (i % 64);
    hi |= ch >> 7;
    z |= ch == 0;
    q |= ch == '"';
  }
#endif
  *seen = (hi ? ROW_HIGH : 0u) | (z ? ROW_NUL : 0u) | (q ? ROW_QUOTE : 0u);
}

/* The cells that are not empty, from the separator bits sm of n bytes (scan_row): cell k is
 * [st[k], en[k]). Returns their number. Between the end of one cell and the start of the next
 * there are only separators, so the column of cell k is st[0] + the sum of st[j] - en[j - 1]
 * (see csv_record). */
HOT size_t cell_bounds(const uint64_t *sm, size_t n, uint32_t *st, uint32_t *en) {
  size_t words = (n + 63) / 64, ns = 0, ne = 0;
  uint64_t prev_sep = 1, prev_data = 0; /* before the record: as after a separator */
  for (size_t w = 0; w < words; w++) {
    uint64_t sep = sm[w], data = ~sep;
    if (w == words - 1 && n % 64) data &= (1ull << (n % 64)) - 1; /* no bytes past n */
    uint64_t starts = data & (sep << 1 | prev_sep), ends = sep & (data << 1 | prev_data);
    prev_sep = sep >> 63, prev_data = data >> 63;
    for (; starts; starts &= starts - 1) st[ns++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(starts));
    for (; ends; ends &= ends - 1) en[ne++] = (uint32_t)(w * 64 + (size_t)__builtin_ctzll(ends));
  }
  if (ne < ns) en[ne++] = (uint32_t)n; /* the last cell runs to the end */
  return ns;
}

/* Field f of the record was given at (line, offset). */
HOT void mark(rec *r, int f, int64_t line, int64_t offset) {
  touch(r, f);
  r->where[f] = SRCPOS(line, offset, 0);
}

static tthc_status csv_record(tthc_io_reader *r, size_t start, size_t end, tthc_dossier *d,
                              ectx *c) {
  rec *rc = &r->rec;
  rec_clear(rc);
  const char *b = r->buf;
  size_t len = end - start;
  if (len && b[end - 1] == '\r') len--;
  unsigned seen = ROW_QUOTE | ROW_HIGH; /* not scanned: the general path, validated */
  if (r->ncols > 0 && len <= INT32_MAX && !c->general) {
    size_t words = (len + 63) / 64;
    if (words > r->sepcap) { /* separator bits, and room for the bounds of len / 2 + 1 cells */
      uint64_t *m = realloc(r->seps, words * sizeof *m);
      TTHC_RETURN_IF(!m, TTHC_ENOMEM);
      r->seps = m;
      uint32_t *st = realloc(r->cst, (words * 32 + 1) * sizeof *st);
      TTHC_RETURN_IF(!st, TTHC_ENOMEM);
      r->cst = st;
      uint32_t *en = realloc(r->cen, (words * 32 + 1) * sizeof *en);
      TTHC_RETURN_IF(!en, TTHC_ENOMEM);
      r->cen = en;
      r->sepcap = words;
    }
    scan_row(b + start, len, r->sep, r->seps, &seen);
  }
  /* the record's bytes are checked once; the fields taken from them are then trusted */
  if ((seen & (ROW_HIGH | ROW_NUL)) && !tthc__utf8_valid(b + start, end - start)) {
    size_t bad = start;
    while (bad < end && tthc__utf8_valid(b + start, bad + 1 - start)) bad++;
    srcpos p = SRCPOS(r->line, r->base + (int64_t)bad, 0);
    for (size_t k = start; k < bad; k++) p.line += b[k] == '\n';
    return field_error(c, &p, TTHC_EUTF8, "(", NULL, 0, "invalid UTF-8");
  }
  rc->trusted = true;
  if (!(seen & ROW_QUOTE)) {
    /* fast path: no quote, so every separator ends a cell. The cells that are not empty are
     * found from the separator bits; between one's end and the next one's start there are
     * only separators, so their count gives the next cell's column */
    const int ncols = r->ncols;
    const char *row = b + start;
    size_t ncells = cell_bounds(r->seps, len, r->cst, r->cen);
    int64_t col = 0; /* separators before the cell */
    for (size_t k = 0; k < ncells; k++) {
      size_t cs = r->cst[k], ce = r->cen[k];
      col += (int64_t)cs - (k ? (int64_t)r->cen[k - 1] : 0);
      int f = col < ncols ? r->colmap[col] : F_IGNORED;
      if (f != F_IGNORED) {
        const char *v = row + cs;
        size_t vn = ce - cs;
        int64_t off = r->base + (int64_t)(start + cs);
        int kind = fields[f].kind;
        if (kind == K_TEXT) {
          mark(rc, f, r->line, off);
          rc->text[f - F_CODE].s = v;
          rc->text[f - F_CODE].n = vn;
        } else if (((kind == K_TIME || kind == K_DUE) && fast_iso(v, vn, &rc->t[f], &rc->month)) ||
                   (kind == K_INT && int_fast(f, v, vn, &rc->iv[f]))) {
          mark(rc, f, r->line, off);
        } else if (kind == K_BOOL && vn == 1 && (v[0] == '0' || v[0] == '1')) {
          mark(rc, f, r->line, off);
          rc->iv[f] = v[0] - '0';
        } else if (f == F_EVENTS) {
          /* a JSON array without quotes cannot hold an event */
          srcpos pos = SRCPOS(r->line, off, 0);
          return field_error(c, &pos, TTHC_ESYNTAX, "events", v, vn,
                             "is not a JSON array of events");
        } else {
          srcpos pos = SRCPOS(r->line, off, 0);
          TTHC_TRY(set_value(c, rc, f, v, vn, false, &pos));
        }
      }
    }
    /* separators: before the last cell, and after it up to the end (all, without cells) */
    int64_t nf = 1 + (ncells ? col + (int64_t)(len - r->cen[ncells - 1]) : (int64_t)len);
    if (nf != ncols) {
      srcpos pos = SRCPOS(r->line, r->base + (int64_t)start, 1);
      char what[96];
      snprintf(what, sizeof what, "the row has %d fields, the header has %d", (int)nf, ncols);
      return field_error(c, &pos, TTHC_EFORMAT, "(", NULL, 0, what);
    }
    return build(c, rc, d);
  }
  cell_it it;
  TTHC_TRY(cells_begin(r, start, end, &it));
  int n = 0;
  for (;; n++) {
    slice v = {NULL, 0};
    int64_t off, line;
    bool got;
    TTHC_TRY(cells_next(r, &it, &v, &off, &line, &got, c));
    if (!got) break;
    if (n >= r->ncols) break;
    int f = r->colmap[n];
    if (f == F_IGNORED || v.n == 0) continue; /* an empty cell is an absent value */
    srcpos p = SRCPOS(line, off, 0);
    if (f == F_EVENTS && c->general && !memchr(b + start, '"', end - start)) {
      /* as the plain path says it (the reference reads plain rows here too) */
      return field_error(c, &p, TTHC_ESYNTAX, "events", v.s, v.n,
                         "is not a JSON array of events");
    }
    if (f == F_EVENTS) {
      rc->has_events = true;
      touch(rc, f);
      rc->where[f] = p;
      if (!c->general && fast_events(v.s, v.n, rc)) { /* the common case, without jansson */
        rc->events_text = v;
        continue;
      }
      json_error_t je;
      int oom;
      rc->events = tthc__json_loadb(v.s, v.n, 0, &je, &oom);
      if (oom)
        return field_error(c, &p, TTHC_ENOMEM, "events", NULL, 0, "out of memory");
      if (!rc->events) {
        char what[240];
        snprintf(what, sizeof what, "is not JSON: %s", je.text);
        return field_error(c, &p, TTHC_ESYNTAX, "events", NULL, 0, what);
      }
      continue;
    }
    TTHC_TRY(set_value(c, rc, f, v.s, v.n, false, &p));
  }
  if (n != r->ncols || !it.done) {
    while (!it.done) { /* count the rest for the message */
      slice v;
      int64_t off, line;
      bool got;
      TTHC_TRY(cells_next(r, &it, &v, &off, &line, &got, c));
      n++;
    }
    srcpos p = SRCPOS(r->line, r->base + (int64_t)start, 1);
    char what[96];
    snprintf(what, sizeof what, "the row has %d fields, the header has %d", n, r->ncols);
    return field_error(c, &p, TTHC_EFORMAT, "(", NULL, 0, what);
  }
  return build(c, rc, d);
}

/* ---- JSON Lines ------------------------------------------------------------------------ */

static tthc_status json_record(tthc_io_reader *r, const char *s, size_t n, int64_t base,
                               tthc_dossier *d, ectx *c) {
  json_error_t je;
  int oom;
  json_t *o = tthc__json_loadb(s, n, JSON_REJECT_DUPLICATES, &je, &oom);
  if (oom) {
    srcpos p = SRCPOS(c->line, base, 1);
    return field_error(c, &p, TTHC_ENOMEM, "(", NULL, 0, "out of memory");
  }
  if (!o) {
    srcpos p = SRCPOS(c->line, base + je.position, je.column > 0 ? je.column : 1);
    char what[200];
    snprintf(what, sizeof what, "invalid JSON: %s", je.text);
    return field_error(c, &p, TTHC_ESYNTAX, "(", NULL, 0, what);
  }
  if (!json_is_object(o)) {
    json_decref(o);
    srcpos p = SRCPOS(c->line, base, 1);
    return field_error(c, &p, TTHC_EFORMAT, "(", NULL, 0, "the record is not a JSON object");
  }
  rec *rc = &r->rec;
  rec_clear(rc);
  rc->trusted = true; /* jansson accepts only valid UTF-8 */
  tthc_status st = TTHC_OK;
  const char *key;
  json_t *v;
  json_object_foreach(o, key, v) {
    size_t kl = strlen(key);
    int f = table_get(&r->names, key, kl);
    srcpos p = SRCPOS(c->line, base, 0);
    p.key = key;
    if (f == F_IGNORED) {
      if (r->flags & TTHC_IO_STRICT) {
        st = field_error(c, &p, TTHC_EFORMAT, key, NULL, 0, "is not a known field (strict mode)");
        break;
      }
      continue;
    }
    if (f == F_EVENTS) {
      if (rc->seen[f]) continue;
      touch(rc, f);
      rc->has_events = true;
      rc->where[f] = p;
      rc->events = json_incref(v);
      continue;
    }
    char num[32];
    const char *vs = NULL;
    size_t vn = 0;
    bool isnull = false;
    if (json_is_string(v)) vs = json_string_value(v), vn = json_string_length(v);
    else if (json_is_integer(v)) {
      vn = (size_t)snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
      vs = num;
    } else if (json_is_true(v)) vs = "1", vn = 1;
    else if (json_is_false(v)) vs = "0", vn = 1;
    else if (json_is_null(v)) isnull = true;
    else if (f == F_UNIT || fields[f].kind == K_TEXT) {
      st = field_error(c, &p, TTHC_EFORMAT, fields[f].name, NULL, 0, "must be a string");
      break;
    } else {
      st = field_error(c, &p, TTHC_EFORMAT, fields[f].name, NULL, 0,
                       "must be a string, an integer, a boolean or null");
      break;
    }
    if (vs == num) { /* the record keeps a slice: the digits must outlive this loop */
      memcpy(r->numbuf[f], num, vn);
      vs = r->numbuf[f];
    }
    st = set_value(c, rc, f, vs, vn, isnull, &p);
    if (st != TTHC_OK) break;
  }
  if (st == TTHC_OK) st = build(c, rc, d);
  rec_clear(rc);
  json_decref(o);
  return st;
}

/* ---- public reader API ------------------------------------------------------------------ */

static tthc_io_reader *reader_alloc(int format, unsigned flags) {
  tthc_io_reader *r = calloc(1, sizeof *r);
  if (!r) return NULL;
  r->format = format;
  r->flags = flags;
  r->line = 1;
  table_build(&r->names);
  rec_init(&r->rec);
  return r;
}

/* Read the CSV header if any, then hand the reader over (freed on failure). */
static tthc_status reader_start(tthc_io_reader *r, tthc_io_reader **out, tthc_error *err) {
  if (r->format == TTHC_IO_CSV) {
    tthc_status st = read_header(r, err);
    if (st != TTHC_OK) {
      tthc_io_reader_free(r);
      return st;
    }
  }
  *out = r;
  return TTHC_OK;
}

static bool ends_with(const char *s, const char *suf) {
  size_t n = strlen(s), m = strlen(suf);
  return n >= m && name_eq(s + n - m, m, suf, m);
}

tthc_status tthc_io_reader_open(const char *path, int format, unsigned flags,
                                tthc_io_reader **out, tthc_error *err) {
  if (out) *out = NULL;
  if (!path || !out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  if (format < 0 || format > 2 || (flags & ~(unsigned)TTHC_IO_STRICT))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "unknown format or flags");
  if (format == TTHC_IO_AUTO) format = ends_with(path, ".csv") ? TTHC_IO_CSV : TTHC_IO_JSONL;
  tthc_io_reader *r = reader_alloc(format, flags);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  if (strcmp(path, "-") == 0) {
    r->fp = stdin;
  } else {
    r->fp = fopen(path, "rb");
    if (!r->fp) {
      int e = errno;
      tthc_io_reader_free(r);
      return tthc__error_set(err, TTHC_EIO, 0, 0, -1, "cannot open '%s': %s", path, strerror(e));
    }
    r->own_fp = true;
  }
  r->owncap = 1 << 20;
  r->own = malloc(r->owncap);
  if (!r->own) {
    tthc_io_reader_free(r);
    return TTHC_ENOMEM;
  }
  r->buf = r->own;
  return reader_start(r, out, err);
}

tthc_status tthc_io_reader_new_mem(const char *buf, size_t len, int format, unsigned flags,
                                   tthc_io_reader **out, tthc_error *err) {
  if (out) *out = NULL;
  if ((!buf && len) || !out || (format != TTHC_IO_JSONL && format != TTHC_IO_CSV) ||
      (flags & ~(unsigned)TTHC_IO_STRICT))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "bad argument");
  tthc_io_reader *r = reader_alloc(format, flags);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  r->buf = buf ? buf : "";
  r->len = len;
  r->eof = true;
  return reader_start(r, out, err);
}

tthc_status tthc_io_reader_new_mem_like(const tthc_io_reader *like, const char *buf, size_t len,
                                        int64_t first_line, int64_t first_record,
                                        tthc_io_reader **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!like || (!buf && len) || first_line < 1 || first_record < 0, TTHC_EINVAL);
  tthc_io_reader *r = reader_alloc(like->format, like->flags);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  r->buf = buf ? buf : "";
  r->len = len;
  r->eof = true;
  r->line = first_line;
  r->record = first_record;
  r->sep = like->sep;
  if (like->format == TTHC_IO_CSV) {
    r->colmap = malloc((size_t)like->ncols + 1);
    if (!r->colmap) {
      tthc_io_reader_free(r);
      return TTHC_ENOMEM;
    }
    memcpy(r->colmap, like->colmap, (size_t)like->ncols);
    r->ncols = like->ncols;
  }
  *out = r;
  return TTHC_OK;
}

tthc_status tthc_io_reader_body(const tthc_io_reader *r, size_t *offset, int64_t *line) {
  if (offset) *offset = 0;
  if (line) *line = 0;
  TTHC_RETURN_IF(!r || r->fp, TTHC_EINVAL);
  if (offset) *offset = r->body;
  if (line) *line = r->format == TTHC_IO_CSV ? r->body_line : 1;
  return TTHC_OK;
}

void tthc_io_reader_free(tthc_io_reader *r) {
  if (!r) return;
  if (r->own_fp) fclose(r->fp);
  rec_clear(&r->rec);
  free(r->rec.fev);
  free(r->own);
  free(r->colmap);
  free(r->scratch);
  free(r->cells);
  free(r->celloff);
  free(r->cellline);
  free(r->seps);
  free(r->cst);
  free(r->cen);
  free(r);
}

int64_t tthc_io_reader_records(const tthc_io_reader *r) { return r ? r->record : 0; }
int64_t tthc_io_reader_bytes(const tthc_io_reader *r) {
  return r ? r->base + (int64_t)r->pos : 0;
}

static bool blank(const char *s, size_t n) {
  for (size_t i = 0; i < n; i++)
    if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') return false;
  return true;
}

tthc_status tthc_io_reader_next(tthc_io_reader *r, tthc_dossier *d, int *got, tthc_error *err) {
  if (got) *got = 0;
  if (!r || !d || !got) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  for (;;) {
    size_t end, next;
    int nl;
    bool more;
    if (r->fp && r->pos >= r->len && !r->eof) TTHC_TRY(refill(r));
    tthc_status sst = record_span(r, &end, &next, &nl, &more);
    if (sst == TTHC_EIO || sst == TTHC_ENOMEM) {
      return tthc__error_record(err, r->record,
                                tthc__error_set(err, sst, (int32_t)r->line, 0, -1,
                                                "line %lld: read error", (long long)r->line));
    }
    if (!more) return TTHC_OK;
    size_t start = r->pos;
    int64_t line = r->line;
    ectx c = {err, r->record, line, r->buf, r->base, r->len, r->general};
    if (sst == TTHC_ESYNTAX) { /* unterminated quote: the rest of the input is lost */
      r->pos = next;
      r->line += nl + 1;
      r->record++;
      tthc__error_set(err, TTHC_ESYNTAX, (int32_t)line, 1, r->base + (int64_t)start,
                      "line %lld: a quoted CSV field is not closed before the end of the input",
                      (long long)line);
      return tthc__error_record(err, c.record, TTHC_ESYNTAX);
    }
    if (blank(r->buf + start, end - start)) {
      r->pos = next;
      r->line += 1 + nl;
      continue;
    }
    tthc_status st;
    if (r->format == TTHC_IO_JSONL) {
      size_t e2 = end;
      if (e2 > start && r->buf[e2 - 1] == '\r') e2--;
      c.buf = r->buf + start, c.base = r->base + (int64_t)start, c.len = e2 - start;
      st = json_record(r, r->buf + start, e2 - start, r->base + (int64_t)start, d, &c);
    } else {
      st = csv_record(r, start, end, d, &c);
    }
    r->pos = next;
    r->line += 1 + nl;
    r->record++;
    if (st != TTHC_OK) return tthc__error_record(err, c.record, st);
    *got = 1;
    return TTHC_OK;
  }
}

tthc_status tthc_io_dossier_from_json(const char *s, size_t len, tthc_dossier *d,
                                      tthc_error *err) {
  if (!s || !d) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL argument");
  tthc_io_reader *r = reader_alloc(TTHC_IO_JSONL, 0);
  TTHC_RETURN_IF(!r, TTHC_ENOMEM);
  ectx c = {err, 0, 1, s, 0, len, false};
  tthc_status st = json_record(r, s, len, 0, d, &c);
  tthc_io_reader_free(r);
  return st;
}

static int64_t count_newlines(const char *b, size_t from, size_t to) {
  int64_t n = 0;
  while (from < to) {
    const char *q = memchr(b + from, '\n', to - from);
    if (!q) break;
    n++;
    from = (size_t)(q - b) + 1;
  }
  return n;
}

/* Start of the first line at or after t (len if none). */
static size_t line_start_at(const char *buf, size_t len, size_t t) {
  if (t == 0 || t >= len) return t < len ? t : len;
  const char *q = memchr(buf + t - 1, '\n', len - (t - 1));
  return q ? (size_t)(q - buf) + 1 : len;
}

/* The first record boundary at or after target, walking records from at (a boundary) so quoted
 * newlines are never taken for one. The separator decides where a quote opens a field and the
 * split does not know it: walk the records as a ',' file and as a ';' file side by side and
 * cut only where both see a record start, which is one whatever the separator (len if none:
 * fewer parts). Lines without a quote are records whatever the separator, so a walker jumps
 * over them (to the line start it is heading for, or to the line of the next quote) and only
 * steps record by record over lines that hold a quote. */
static size_t csv_safe_cut(const char *buf, size_t len, size_t at, size_t target) {
  size_t pos[2] = {at, at};
  static const char seps[2] = {',', ';'};
  for (;;) {
    if (pos[0] == pos[1] && pos[0] >= target) return pos[0];
    int k = pos[0] <= pos[1] ? 0 : 1; /* advance the one behind */
    size_t i = pos[k];
    if (i >= len) return len;
    const char *q = memchr(buf + i, '"', len - i);
    size_t ls = len; /* start of the line of the next quote: line starts up to it are records */
    if (q) {
      ls = (size_t)(q - buf);
      while (ls > i && buf[ls - 1] != '\n') ls--;
    }
    size_t want = i < target ? line_start_at(buf, len, target) : pos[1 - k];
    if (want > i && want <= ls) {
      pos[k] = want;
    } else if (ls > i) {
      pos[k] = ls;
    } else { /* the record at i holds a quote */
      size_t end;
      int nl;
      if (csv_record_end(buf, i, len, seps[k], true, &end, &nl) != 1) return len;
      pos[k] = end + 1;
    }
  }
}

tthc_status tthc_io_split(const char *buf, size_t len, int format, int parts, size_t *cuts,
                          int64_t *lines) {
  TTHC_RETURN_IF((!buf && len) || !cuts || parts < 1, TTHC_EINVAL);
  TTHC_RETURN_IF(format != TTHC_IO_JSONL && format != TTHC_IO_CSV, TTHC_EINVAL);
  cuts[0] = 0;
  if (lines) lines[0] = 0;
  if (len == 0) { /* every part empty (and no pointer arithmetic on a NULL buffer) */
    for (int k = 1; k <= parts; k++) cuts[k] = 0;
    for (int k = 1; lines && k < parts; k++) lines[k] = 0;
    return TTHC_OK;
  }
  size_t at = 0;
  int64_t nls = 0;
  for (int k = 1; k < parts; k++) {
    size_t target = len / (size_t)parts * (size_t)k;
    size_t cut = len;
    if (target < at) target = at;
    if (format == TTHC_IO_JSONL || !memchr(buf + at, '"', len - at)) {
      /* no quotes ahead (or JSON Lines): the first newline at or after target is a boundary */
      const char *q = target < len ? memchr(buf + target, '\n', len - target) : NULL;
      cut = q ? (size_t)(q - buf) + 1 : len;
    } else {
      cut = csv_safe_cut(buf, len, at, target);
    }
    if (lines) nls += count_newlines(buf, at, cut);
    at = cut;
    cuts[k] = at;
    if (lines) lines[k] = nls;
  }
  cuts[parts] = len;
  return TTHC_OK;
}

/* ======================================================================================== */
/* Writer                                                                                     */
/* ======================================================================================== */

typedef struct sbuf {
  char *s;
  size_t n, cap;
  bool oom;
} sbuf;

static void sb_put(sbuf *b, const char *s, size_t n) {
  if (b->oom) return;
  if (b->n + n + 1 > b->cap) {
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->n + n + 1) cap *= 2;
    char *p = realloc(b->s, cap);
    if (!p) {
      b->oom = true;
      return;
    }
    b->s = p;
    b->cap = cap;
  }
  memcpy(b->s + b->n, s, n);
  b->n += n;
  b->s[b->n] = '\0';
}

static void sb_str(sbuf *b, const char *s) { sb_put(b, s, strlen(s)); }

static void sb_json_string(sbuf *b, const char *s, size_t n) {
  sb_put(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    sb_put(b, s + run, i - run);
    run = i + 1;
    char esc[8];
    switch (c) {
      case '"': sb_put(b, "\\\"", 2); break;
      case '\\': sb_put(b, "\\\\", 2); break;
      case '\n': sb_put(b, "\\n", 2); break;
      case '\r': sb_put(b, "\\r", 2); break;
      case '\t': sb_put(b, "\\t", 2); break;
      default:
        snprintf(esc, sizeof esc, "\\u%04x", c);
        sb_put(b, esc, 6);
    }
  }
  sb_put(b, s + run, n - run);
  sb_put(b, "\"", 1);
}

static void fmt_time(tthc_datetime t, char out[TTHC_DATETIME_STRLEN]) {
  if (tthc_datetime_format(t, TTHC_DATETIME_SECONDS, out, TTHC_DATETIME_STRLEN, NULL) != TTHC_OK)
    out[0] = '\0';
}

static void sb_key(sbuf *b, bool *first, const char *key) {
  if (!*first) sb_put(b, ",", 1);
  *first = false;
  sb_json_string(b, key, strlen(key));
  sb_put(b, ":", 1);
}

static void sb_json_time(sbuf *b, bool *first, const char *key, tthc_datetime t) {
  char ts[TTHC_DATETIME_STRLEN];
  fmt_time(t, ts);
  sb_key(b, first, key);
  sb_json_string(b, ts, strlen(ts));
}

static void sb_json_int(sbuf *b, bool *first, const char *key, long long v) {
  char num[24];
  sb_key(b, first, key);
  sb_put(b, num, (size_t)snprintf(num, sizeof num, "%lld", v));
}

/* The JSON array of a dossier's events. */
static void json_events(sbuf *b, const tthc_dossier *d) {
  sb_put(b, "[", 1);
  for (size_t i = 0; i < d->nev; i++) {
    const tthc__event *e = &d->ev[i];
    bool first = true;
    if (i) sb_put(b, ",", 1);
    sb_put(b, "{", 1);
    sb_key(b, &first, "kind");
    sb_str(b, "\"");
    sb_str(b, tthc_dossier_event_kind_name(e->kind));
    sb_str(b, "\"");
    sb_json_time(b, &first, "at", e->at);
    if (e->due != NO_TIME) sb_json_time(b, &first, "due", e->due);
    const char *text = tthc__dossier_event_text(d, e);
    if (text) {
      sb_key(b, &first, e->kind == TTHC_EVENT_STEP_DONE ? "step" : "reason");
      sb_json_string(b, text, strlen(text));
    }
    if (e->kind == TTHC_EVENT_RESULT_RETURNED && e->channel) {
      sb_key(b, &first, "channel");
      sb_json_string(b, return_names[e->channel], strlen(return_names[e->channel]));
    }
    if (e->kind == TTHC_EVENT_PAID_ONLINE) sb_json_int(b, &first, "gateway", e->channel);
    if (e->flags & TTHC_EVENT_FLAG_ELECTRONIC) sb_key(b, &first, "electronic"), sb_str(b, "true");
    if (e->flags & TTHC_EVENT_FLAG_DIGITISED) sb_key(b, &first, "digitised"), sb_str(b, "true");
    if (e->flags & TTHC_EVENT_FLAG_LATE) sb_key(b, &first, "late"), sb_str(b, "true");
    sb_put(b, "}", 1);
  }
  sb_put(b, "]", 1);
}

static const struct {
  int field;
  unsigned flag;
} flag_fields[] = {{F_DIGITISED, TTHC_DOSSIER_FLAG_DIGITISED}, {F_REUSED, TTHC_DOSSIER_FLAG_REUSED_DATA},
                   {F_VNEID, TTHC_DOSSIER_FLAG_VNEID},         {F_DISLIKED, TTHC_DOSSIER_FLAG_DISLIKED},
                   {F_FEEDBACK, TTHC_DOSSIER_FLAG_FEEDBACK},   {F_COMPLAINT, TTHC_DOSSIER_FLAG_COMPLAINT},
                   {F_TEST, TTHC_DOSSIER_FLAG_TEST},           {F_CANCELLED, TTHC_DOSSIER_FLAG_CANCELLED}};

static void json_dossier(sbuf *b, const tthc_dossier *d) {
  bool first = true;
  sb_put(b, "{", 1);
  for (int i = 0; i < TTHC__DOSSIER_NTEXT; i++) {
    size_t n;
    const char *t = tthc__dossier_text(d, i, &n);
    if (!n && i != TTHC_DOSSIER_CODE) continue;
    sb_key(b, &first, fields[F_CODE + i].name);
    sb_json_string(b, t, n);
  }
  sb_json_time(b, &first, "received_at", d->received_at);
  if (d->channel >= 0) {
    const char *cn = tthc_channel_name((tthc_channel)d->channel);
    sb_key(b, &first, "channel");
    sb_json_string(b, cn, strlen(cn));
  }
  if (d->online_kind != TTHC_ONLINE_UNKNOWN) {
    sb_key(b, &first, "online_kind");
    sb_json_string(b, online_names[d->online_kind], strlen(online_names[d->online_kind]));
  }
  for (size_t i = 0; i < sizeof flag_fields / sizeof *flag_fields; i++)
    if (d->flags & flag_fields[i].flag)
      sb_key(b, &first, fields[flag_fields[i].field].name), sb_str(b, "true");
  if (d->fee != -1) sb_json_int(b, &first, "fee", d->fee);
  if (d->result_doc != -1)
    sb_key(b, &first, "result_document"), sb_str(b, d->result_doc ? "true" : "false");
  if (d->four != -1) sb_key(b, &first, "four_at_place"), sb_str(b, d->four ? "true" : "false");
  if (d->has_limit) {
    char lim[128];
    if (tthc_limit_format(d->limit, 0, lim, sizeof lim, NULL) == TTHC_OK) {
      sb_key(b, &first, "limit");
      sb_json_string(b, lim, strlen(lim));
    }
  }
  for (int i = 0; i < 9; i++)
    if (d->eval[i] >= 0) sb_json_int(b, &first, fields[F_EVAL1 + i].name, d->eval[i]);
  if (!d->accepted) sb_key(b, &first, "accepted_at"), sb_str(b, "null");
  sb_key(b, &first, "events");
  json_events(b, d);
  sb_put(b, "}", 1);
}

/* The flat columns a log maps to, or false if it needs the "events" column. */
static bool flat_record(const tthc_dossier *d, rec *r) {
  static const struct {
    int kind, field, reason, due;
  } map[] = {
      {TTHC_EVENT_ACCEPTED, F_ACCEPTED_AT, -1, F_DUE},
      {TTHC_EVENT_SUPPLEMENT_REQUESTED, F_SUPP_REQ, F_SUPP_REASON, -1},
      {TTHC_EVENT_SUPPLEMENT_RECEIVED, F_SUPP_RECV, -1, F_SUPP_DUE},
      {TTHC_EVENT_PAUSED, F_PAUSED_AT, F_PAUSE_REASON, -1},
      {TTHC_EVENT_RESUMED, F_RESUMED_AT, -1, -1},
      {TTHC_EVENT_REFUSED, F_REFUSED_AT, F_REFUSAL_REASON, -1},
      {TTHC_EVENT_RESULT_ISSUED, F_RESULT_AT, -1, -1},
      {TTHC_EVENT_APOLOGY, F_APOLOGY_AT, F_APOLOGY_REASON, F_NEW_DUE},
      {TTHC_EVENT_RESULT_RETURNED, F_RETURNED_AT, -1, -1},
      {TTHC_EVENT_WITHDRAWN, F_WITHDRAWN_AT, F_WITHDRAWAL_REASON, -1},
      {TTHC_EVENT_PAID_ONLINE, F_PAID_AT, -1, -1},
  };
  for (int i = 0; i < F_COUNT; i++) {
    r->t[i] = NO_TIME;
    r->reason[i].s = NULL, r->reason[i].n = 0;
    r->iv[i] = UNSET_INT;
  }
  r->t[F_RECEIVED_AT] = d->received_at;
  for (size_t i = 0; i < d->nev; i++) {
    const tthc__event *e = &d->ev[i];
    size_t m = 0;
    while (m < sizeof map / sizeof *map && map[m].kind != e->kind) m++;
    if (m == sizeof map / sizeof *map) return false; /* step_done */
    if (r->t[map[m].field] != NO_TIME) return false; /* twice */
    const char *text = tthc__dossier_event_text(d, e);
    if (text && map[m].reason < 0) return false;
    r->t[map[m].field] = e->at;
    if (map[m].due >= 0) r->t[map[m].due] = e->due;
    if (text) r->reason[map[m].reason].s = text, r->reason[map[m].reason].n = strlen(text);
    if (e->kind == TTHC_EVENT_PAID_ONLINE) r->iv[F_PAID_ONLINE] = e->channel;
    if (e->kind == TTHC_EVENT_RESULT_RETURNED) r->iv[F_RETURN_CHANNEL] = e->channel;
    if (e->kind == TTHC_EVENT_RESULT_ISSUED) {
      r->iv[F_RESULT_ELECTRONIC] = (e->flags & TTHC_EVENT_FLAG_ELECTRONIC) != 0;
      r->iv[F_RESULT_DIGITISED] = (e->flags & TTHC_EVENT_FLAG_DIGITISED) != 0;
    }
  }
  /* Reading the flat form back must give the same log order. */
  synth ev[16];
  int n = flat_events(r, d->accepted ? r->t[F_ACCEPTED_AT] : NO_TIME, ev);
  if ((size_t)n != d->nev) return false;
  for (int i = 0; i < n; i++)
    if (ev[i].ev.kind != d->ev[i].kind) return false;
  return true;
}

static void csv_cell(sbuf *b, const char *s, size_t n) {
  bool quote = false;
  for (size_t i = 0; i < n && !quote; i++)
    quote = s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
  if (!quote) {
    sb_put(b, s, n);
    return;
  }
  sb_put(b, "\"", 1);
  size_t run = 0;
  for (size_t i = 0; i < n; i++)
    if (s[i] == '"') {
      sb_put(b, s + run, i + 1 - run);
      sb_put(b, "\"", 1);
      run = i + 1;
    }
  sb_put(b, s + run, n - run);
  sb_put(b, "\"", 1);
}

static void csv_header(sbuf *b) {
  for (int f = 0; f < F_COUNT; f++) {
    if (f) sb_put(b, ",", 1);
    sb_str(b, fields[f].name);
  }
  sb_put(b, "\n", 1);
}

static void csv_row(sbuf *b, const tthc_dossier *d) {
  rec r;
  memset(&r, 0, sizeof r);
  bool flat = flat_record(d, &r);
  for (int f = 0; f < F_COUNT; f++) {
    if (f) sb_put(b, ",", 1);
    char tmp[TTHC_DATETIME_STRLEN];
    int kind = fields[f].kind;
    if (kind == K_TEXT) {
      size_t n;
      const char *t = tthc__dossier_text(d, f - F_CODE, &n);
      csv_cell(b, t, n);
    } else if (f == F_RECEIVED_AT) {
      fmt_time(d->received_at, tmp);
      sb_str(b, tmp);
    } else if (f == F_EVENTS) {
      if (!flat) {
        sbuf j = {0};
        json_events(&j, d);
        if (j.oom) b->oom = true;
        else csv_cell(b, j.s, j.n);
        free(j.s);
      }
    } else if (f == F_CHANNEL) {
      if (d->channel >= 0) sb_str(b, tthc_channel_name((tthc_channel)d->channel));
    } else if (f == F_ONLINE_KIND) {
      if (d->online_kind != TTHC_ONLINE_UNKNOWN) sb_str(b, online_names[d->online_kind]);
    } else if (f == F_FEE) {
      if (d->fee != -1) snprintf(tmp, sizeof tmp, "%d", d->fee), sb_str(b, tmp);
    } else if (f == F_RESULT_DOCUMENT) {
      if (d->result_doc != -1) sb_str(b, d->result_doc ? "1" : "0");
    } else if (f == F_FOUR_AT_PLACE) {
      if (d->four != -1) sb_str(b, d->four ? "1" : "0");
    } else if (f == F_LIMIT) {
      char lim[128];
      if (d->has_limit && tthc_limit_format(d->limit, 0, lim, sizeof lim, NULL) == TTHC_OK)
        csv_cell(b, lim, strlen(lim));
    } else if (f >= F_EVAL1 && f <= F_EVAL9) {
      if (d->eval[f - F_EVAL1] >= 0) snprintf(tmp, sizeof tmp, "%d", d->eval[f - F_EVAL1]), sb_str(b, tmp);
    } else if (f >= F_DIGITISED && f <= F_CANCELLED) {
      for (size_t i = 0; i < sizeof flag_fields / sizeof *flag_fields; i++)
        if (flag_fields[i].field == f && (d->flags & flag_fields[i].flag)) sb_str(b, "1");
    } else if (!flat) {
      /* event columns stay empty: the log is in "events" */
      if (f == F_ACCEPTED_AT && !d->accepted) sb_str(b, "none");
    } else if (f == F_ACCEPTED_AT && !d->accepted) {
      sb_str(b, "none");
    } else if (kind == K_TIME || kind == K_DUE) {
      if (r.t[f] != NO_TIME) fmt_time(r.t[f], tmp), sb_str(b, tmp);
    } else if (kind == K_REASON) {
      if (r.reason[f].n) csv_cell(b, r.reason[f].s, r.reason[f].n);
    } else if (f == F_RETURN_CHANNEL) {
      if (r.iv[f] > 0) sb_str(b, return_names[r.iv[f]]);
    } else if (f == F_PAID_ONLINE || f == F_RESULT_ELECTRONIC || f == F_RESULT_DIGITISED) {
      if (r.iv[f] > 0) snprintf(tmp, sizeof tmp, "%d", (int)r.iv[f]), sb_str(b, tmp);
    }
  }
  sb_put(b, "\n", 1);
}

struct tthc_io_writer {
  FILE *fp;
  bool own_fp;
  int format;
  tthc_status st;
  sbuf b;
};

tthc_status tthc_io_writer_open(const char *path, int format, tthc_io_writer **out,
                                tthc_error *err) {
  if (out) *out = NULL;
  if (!path || !out || format < 0 || format > 2)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "bad argument");
  if (format == TTHC_IO_AUTO) format = ends_with(path, ".csv") ? TTHC_IO_CSV : TTHC_IO_JSONL;
  tthc_io_writer *w = calloc(1, sizeof *w);
  TTHC_RETURN_IF(!w, TTHC_ENOMEM);
  w->format = format;
  if (strcmp(path, "-") == 0) {
    w->fp = stdout;
  } else {
    w->fp = fopen(path, "wb");
    if (!w->fp) {
      int e = errno;
      free(w);
      return tthc__error_set(err, TTHC_EIO, 0, 0, -1, "cannot create '%s': %s", path,
                             strerror(e));
    }
    w->own_fp = true;
  }
  if (format == TTHC_IO_CSV) {
    csv_header(&w->b);
    if (w->b.oom || fwrite(w->b.s, 1, w->b.n, w->fp) != w->b.n) w->st = TTHC_EIO;
  }
  *out = w;
  return TTHC_OK;
}

tthc_status tthc_io_writer_write(tthc_io_writer *w, const tthc_dossier *d) {
  TTHC_RETURN_IF(!w || !d, TTHC_EINVAL);
  w->b.n = 0;
  if (w->format == TTHC_IO_CSV) csv_row(&w->b, d);
  else json_dossier(&w->b, d), sb_put(&w->b, "\n", 1);
  TTHC_RETURN_IF(w->b.oom, TTHC_ENOMEM);
  if (fwrite(w->b.s, 1, w->b.n, w->fp) != w->b.n) {
    if (w->st == TTHC_OK) w->st = TTHC_EIO;
    return TTHC_EIO;
  }
  return TTHC_OK;
}

tthc_status tthc_io_writer_close(tthc_io_writer *w) {
  if (!w) return TTHC_OK;
  tthc_status st = w->st;
  if (fflush(w->fp) != 0 && st == TTHC_OK) st = TTHC_EIO;
  if (w->own_fp && fclose(w->fp) != 0 && st == TTHC_OK) st = TTHC_EIO;
  free(w->b.s);
  free(w);
  return st;
}

tthc_status tthc_io_dossier_to_json_alloc(const tthc_dossier *d, char **out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = NULL;
  TTHC_RETURN_IF(!d, TTHC_EINVAL);
  sbuf b = {0};
  json_dossier(&b, d);
  if (b.oom) {
    free(b.s);
    return TTHC_ENOMEM;
  }
  *out = b.s;
  return TTHC_OK;
}
