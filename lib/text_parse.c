/* text: Vietnamese numbers ("1.234.567,5", "87,03%"), amounts in words, dates in Vietnamese,
 * legal document references. */
#include <stdio.h>
#include <string.h>

#include "text_internal.h"

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static tthc_status syntax(tthc_error *err, const char *what, const char *s, size_t len, size_t at,
                          const char *why) {
  char q[96];
  tthc__quote(q, sizeof q, s, len, 64);
  int32_t col = tthc__utf8_columns(s, at) + 1;
  return tthc__error_set(err, TTHC_ESYNTAX, 1, col, (int64_t)at, "invalid %s %s at column %d: %s",
                         what, q, (int)col, why);
}

static tthc_status emit_str(const char *tmp, size_t n, char *buf, size_t cap, size_t *needed) {
  if (needed) *needed = n;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(cap < n + 1, TTHC_ENOSPC);
  memcpy(buf, tmp, n);
  buf[n] = '\0';
  return TTHC_OK;
}

/* ---- numbers ------------------------------------------------------------------------------- */

tthc_status tthc_text_number_parse(const char *s, size_t len, tthc_decimal *out, int *percent,
                                   tthc_error *err) {
  if (percent) *percent = 0;
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  out->units = 0, out->scale = 0;
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "number text is NULL");
  const unsigned char *u = (const unsigned char *)s;
  size_t i = 0, end = len;
  while (i < end && u[i] == ' ') i++;
  while (end > i && u[end - 1] == ' ') end--;
  bool neg = false;
  if (i < end && (u[i] == '-' || u[i] == '+')) neg = u[i++] == '-';
  else if (end - i >= 3 && memcmp(s + i, "\xE2\x88\x92", 3) == 0) neg = true, i += 3; /* − */
  uint64_t v = 0;
  int ndig = 0, scale = 0;
  size_t gstart = i;
  if (i >= end || !is_digit(u[i]))
    return syntax(err, "number", s, len, i, "expected a digit");
  while (i < end && is_digit(u[i])) v = v * 10 + (u[i++] - '0'), ndig++;
  if (ndig > 18) return tthc__error_set(err, TTHC_ERANGE, 1, 1, 0, "number has more than 18 digits");
  if (i < end && u[i] == '.') {
    if (i - gstart > 3)
      return syntax(err, "number", s, len, gstart,
                    "a group before a thousands '.' has at most 3 digits");
    while (i < end && u[i] == '.') {
      size_t g = ++i;
      while (i < end && is_digit(u[i])) v = v * 10 + (u[i++] - '0'), ndig++;
      if (i - g != 3)
        return syntax(err, "number", s, len, g,
                      "'.' separates thousands in Vietnamese numbers and must be followed by "
                      "exactly 3 digits (the decimal separator is ',')");
      if (ndig > 18)
        return tthc__error_set(err, TTHC_ERANGE, 1, 1, 0, "number has more than 18 digits");
    }
  }
  if (i < end && u[i] == ',') {
    size_t f = ++i;
    while (i < end && is_digit(u[i])) v = v * 10 + (u[i++] - '0'), ndig++, scale++;
    if (i == f) return syntax(err, "number", s, len, i, "expected digits after the decimal ','");
    if (ndig > 18)
      return tthc__error_set(err, TTHC_ERANGE, 1, 1, 0, "number has more than 18 digits");
  }
  size_t sp = i;
  while (i < end && u[i] == ' ') i++;
  if (i < end && u[i] == '%') {
    if (percent) *percent = 1;
    i++;
  } else {
    i = sp;
  }
  if (i != end) return syntax(err, "number", s, len, i, "unexpected characters after the number");
  out->units = neg ? -(int64_t)v : (int64_t)v;
  out->scale = scale;
  return TTHC_OK;
}

tthc_status tthc_text_number_format(tthc_decimal v, unsigned flags, char *buf, size_t cap,
                                    size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(v.scale < 0 || v.scale > 18, TTHC_ERANGE);
  char digits[32], tmp[64];
  uint64_t m = v.units < 0 ? (uint64_t)0 - (uint64_t)v.units : (uint64_t)v.units;
  int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)m);
  /* pad so that there is at least one integer digit */
  while (nd <= v.scale) {
    memmove(digits + 1, digits, (size_t)nd + 1);
    digits[0] = '0';
    nd++;
  }
  size_t n = 0;
  if (v.units < 0) tmp[n++] = '-';
  int intd = nd - v.scale;
  for (int k = 0; k < intd; k++) {
    if (k && (intd - k) % 3 == 0) tmp[n++] = '.';
    tmp[n++] = digits[k];
  }
  if (v.scale) {
    tmp[n++] = ',';
    for (int k = intd; k < nd; k++) tmp[n++] = digits[k];
  }
  if (flags & TTHC_NUMBER_PERCENT) tmp[n++] = '%';
  return emit_str(tmp, n, buf, cap, needed);
}

/* ---- amounts in words ---------------------------------------------------------------------- */

static const char *const DIGIT[10] = {"không", "một", "hai", "ba", "bốn",
                                      "năm",   "sáu", "bảy", "tám", "chín"};

typedef struct words {
  char b[600];
  size_t n;
  bool southern;
} words;

static void w_add(words *w, const char *s) {
  size_t l = strlen(s);
  if (w->n && w->n + 1 < sizeof w->b) w->b[w->n++] = ' ';
  if (w->n + l < sizeof w->b) memcpy(w->b + w->n, s, l), w->n += l;
}

/* One group of three digits; full = read the hundreds even when 0 ("không trăm linh năm"). */
static void w_group(words *w, unsigned g, bool full) {
  unsigned h = g / 100, t = g / 10 % 10, u = g % 10;
  if (full || h) w_add(w, DIGIT[h]), w_add(w, "trăm");
  if (t == 0) {
    if (u && (full || h)) w_add(w, w->southern ? "lẻ" : "linh");
    if (u) w_add(w, DIGIT[u]);
  } else if (t == 1) {
    w_add(w, "mười");
    if (u) w_add(w, u == 5 ? "lăm" : DIGIT[u]);
  } else {
    w_add(w, DIGIT[t]), w_add(w, "mươi");
    if (u) w_add(w, u == 1 ? "mốt" : u == 4 ? "tư" : u == 5 ? "lăm" : DIGIT[u]);
  }
}

static void w_below_billion(words *w, unsigned n, bool full) {
  unsigned m = n / 1000000, k = n / 1000 % 1000, r = n % 1000;
  if (m) w_group(w, m, full), w_add(w, "triệu"), full = true;
  if (k) w_group(w, k, full), w_add(w, w->southern ? "ngàn" : "nghìn"), full = true;
  if (r) w_group(w, r, full);
}

static void w_number(words *w, uint64_t n) {
  if (n >= 1000000000u) {
    w_number(w, n / 1000000000u);
    w_add(w, "tỷ");
    if (n % 1000000000u) w_below_billion(w, (unsigned)(n % 1000000000u), true);
  } else {
    w_below_billion(w, (unsigned)n, false);
  }
}

tthc_status tthc_text_amount_words(int64_t amount, unsigned flags, char *buf, size_t cap,
                                   size_t *needed) {
  if (needed) *needed = 0;
  words w = {.n = 0, .southern = flags & TTHC_WORDS_SOUTHERN};
  uint64_t m = amount < 0 ? (uint64_t)0 - (uint64_t)amount : (uint64_t)amount;
  if (amount < 0) w_add(&w, "âm");
  if (m == 0) w_add(&w, DIGIT[0]);
  else w_number(&w, m);
  if (flags & TTHC_WORDS_DONG) w_add(&w, "đồng");
  if (flags & TTHC_WORDS_CAPITALIZE) {
    if (w.b[0] >= 'a' && w.b[0] <= 'z') w.b[0] = (char)(w.b[0] - 32);
    else if ((unsigned char)w.b[0] == 0xC3 && (unsigned char)w.b[1] == 0xA2) w.b[1] = (char)0x82; /* â */
  }
  return emit_str(w.b, w.n, buf, cap, needed);
}

/* ---- dates ---------------------------------------------------------------------------------- */

/* Does s[pos..) start with the word (lowercase NFC), in lowercase, capitalised or uppercase? */
static size_t match_word(const char *s, size_t len, size_t pos, const char *lower, const char *upper) {
  size_t l = strlen(lower);
  if (pos + l > len) return 0;
  const char *p = s + pos;
  bool ok = memcmp(p, lower, l) == 0 || memcmp(p, upper, l) == 0 ||
            (p[0] == upper[0] && memcmp(p + 1, lower + 1, l - 1) == 0);
  if (!ok) return 0;
  if (pos + l < len) { /* must end a word */
    unsigned char c = (unsigned char)s[pos + l];
    if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') return 0;
    if (c >= 0x80) return 0;
  }
  return l;
}

static size_t skip_spaces(const char *s, size_t len, size_t i) {
  while (i < len && (s[i] == ' ' || s[i] == '\t')) i++;
  return i;
}

static size_t read_int(const char *s, size_t len, size_t i, int maxd, int *v) {
  size_t st = i;
  *v = 0;
  while (i < len && is_digit((unsigned char)s[i]) && (int)(i - st) < maxd) *v = *v * 10 + (s[i++] - '0');
  if (i < len && is_digit((unsigned char)s[i])) return 0;
  return i - st;
}

typedef struct dparse {
  const char *s;
  size_t len;
  tthc_error *err;
  const char *what;
} dparse;

static tthc_status dfail(dparse *p, size_t at, const char *why) {
  return syntax(p->err, p->what, p->s, p->len, at, why);
}

static tthc_status make_date(dparse *p, int y, int m, int d, size_t at, tthc_date *out) {
  static const char *const months[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"};
  if (y < 1 || y > 9999)
    return tthc__error_set(p->err, TTHC_ERANGE, 1, tthc__utf8_columns(p->s, at) + 1, (int64_t)at,
                           "year %d is outside the supported range 1-9999", y);
  if (m < 1 || m > 12)
    return tthc__error_set(p->err, TTHC_EDATE, 1, tthc__utf8_columns(p->s, at) + 1, (int64_t)at,
                           "month %d is out of range 1-12", m);
  if (d < 1 || d > tthc_date_days_in_month(y, m))
    return tthc__error_set(p->err, TTHC_EDATE, 1, tthc__utf8_columns(p->s, at) + 1, (int64_t)at,
                           "ngày %d tháng %s năm %d does not exist (that month has %d days)", d,
                           months[m - 1], y, tthc_date_days_in_month(y, m));
  return tthc_date_from_ymd(y, m, d, out);
}

/* Parse "D/M/Y", "D-M-Y", "D.M.Y" or "D tháng M năm Y" at i (after "ngày"); *end after it. */
static tthc_status date_at(dparse *p, size_t i, size_t *end, tthc_date *out) {
  const char *s = p->s;
  size_t len = p->len, n, at = i;
  int d, m, y;
  if (!(n = read_int(s, len, i, 2, &d))) return dfail(p, i, "expected the day (1-2 digits)");
  i += n;
  if (i < len && (s[i] == '/' || s[i] == '-' || s[i] == '.')) {
    char sep = s[i++];
    if (!(n = read_int(s, len, i, 2, &m))) return dfail(p, i, "expected the month (1-2 digits)");
    i += n;
    if (i >= len || s[i] != sep) return dfail(p, i, "expected the same separator before the year");
    i++;
    if (!(n = read_int(s, len, i, 4, &y))) return dfail(p, i, "expected the year (1-4 digits)");
    i += n;
  } else {
    i = skip_spaces(s, len, i);
    if (!(n = match_word(s, len, i, "tháng", "THÁNG")))
      return dfail(p, i, "expected 'tháng' or a '/' after the day");
    i = skip_spaces(s, len, i + n);
    if (!(n = read_int(s, len, i, 2, &m))) return dfail(p, i, "expected the month (1-2 digits)");
    i = skip_spaces(s, len, i + n);
    if (!(n = match_word(s, len, i, "năm", "NĂM"))) return dfail(p, i, "expected 'năm' after the month");
    i = skip_spaces(s, len, i + n);
    if (!(n = read_int(s, len, i, 4, &y))) return dfail(p, i, "expected the year (1-4 digits)");
    i += n;
  }
  *end = i;
  return make_date(p, y, m, d, at, out);
}

tthc_status tthc_text_date_parse(const char *s, size_t len, tthc_date *out, size_t *place_len,
                                 tthc_error *err) {
  if (place_len) *place_len = 0;
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  *out = 0;
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "date text is NULL");
  for (size_t i = 0; i < len;) {
    uint32_t cp;
    size_t n = tthc__utf8_decode((const unsigned char *)s + i, len - i, &cp);
    if (cp == TTHC__UTF8_INVALID) return tthc__utf8_error(err, s, len, i);
    i += n;
  }
  dparse p = {s, len, err, "date"};
  size_t i = skip_spaces(s, len, 0), start = i, place_end = 0;
  bool has_place = false;
  /* a place ends at the last ',' before the date */
  for (size_t k = i; k < len; k++)
    if (s[k] == ',') {
      size_t j = skip_spaces(s, len, k + 1);
      if (match_word(s, len, j, "ngày", "NGÀY") || (j < len && is_digit((unsigned char)s[j]))) {
        place_end = k, i = j, has_place = true;
        break;
      }
    }
  if (has_place) {
    size_t e = place_end;
    while (e > start && s[e - 1] == ' ') e--;
    if (e == start) return dfail(&p, start, "empty place before ','");
    if (start != 0) return dfail(&p, 0, "leading spaces before the place");
    if (place_len) *place_len = e;
  }
  size_t n = match_word(s, len, i, "ngày", "NGÀY");
  if (n) i = skip_spaces(s, len, i + n);
  size_t end;
  tthc_status st = date_at(&p, i, &end, out);
  if (st != TTHC_OK) {
    if (place_len) *place_len = 0;
    return st;
  }
  end = skip_spaces(s, len, end);
  if (end != len) {
    *out = 0;
    if (place_len) *place_len = 0;
    return dfail(&p, end, "unexpected characters after the date");
  }
  return TTHC_OK;
}

tthc_status tthc_text_date_format(tthc_date d, const char *place, size_t place_len, unsigned flags,
                                  char *buf, size_t cap, size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!place && place_len, TTHC_EINVAL);
  int y, m, dd;
  TTHC_TRY(tthc_date_to_ymd(d, &y, &m, &dd));
  for (size_t i = 0; i < place_len;) {
    uint32_t cp;
    size_t n = tthc__utf8_decode((const unsigned char *)place + i, place_len - i, &cp);
    TTHC_RETURN_IF(cp == TTHC__UTF8_INVALID, TTHC_EUTF8);
    i += n;
  }
  bool pad = !(flags & TTHC_TEXT_DATE_NO_PAD);
  char ds[16], ms[16], tail[96];
  snprintf(ds, sizeof ds, pad && dd < 10 ? "%02d" : "%d", dd);
  snprintf(ms, sizeof ms, pad && m <= 2 ? "%02d" : "%d", m);
  if (flags & TTHC_TEXT_DATE_NUMERIC) snprintf(tail, sizeof tail, "%s/%s/%d", ds, ms, y);
  else
    snprintf(tail, sizeof tail, "%s %s tháng %s năm %d",
             (flags & TTHC_TEXT_DATE_CAPITALIZE) && !place_len ? "Ngày" : "ngày", ds, ms, y);
  size_t tl = strlen(tail), n = place_len ? place_len + 2 + tl : tl;
  if (needed) *needed = n;
  TTHC_RETURN_IF(!buf && cap > 0, TTHC_EINVAL);
  TTHC_RETURN_IF(cap < n + 1, TTHC_ENOSPC);
  size_t o = 0;
  if (place_len) memcpy(buf, place, place_len), o = place_len, buf[o++] = ',', buf[o++] = ' ';
  memcpy(buf + o, tail, tl + 1);
  return TTHC_OK;
}

/* ---- legal document references --------------------------------------------------------------- */

static const struct {
  const char *abbr, *name;
} DOC_TYPES[] = {
    {"NĐ", "Nghị định"},   {"QĐ", "Quyết định"},        {"TT", "Thông tư"},
    {"TTLT", "Thông tư liên tịch"}, {"NQ", "Nghị quyết"}, {"NQLT", "Nghị quyết liên tịch"},
    {"CT", "Chỉ thị"},     {"CĐ", "Công điện"},         {"KH", "Kế hoạch"},
    {"TB", "Thông báo"},   {"TTr", "Tờ trình"},         {"BC", "Báo cáo"},
    {"HD", "Hướng dẫn"},   {"CV", "Công văn"},          {"VBHN", "Văn bản hợp nhất"},
    {"PL", "Pháp lệnh"},   {"L", "Lệnh"}};
/* Names that may precede a number, longest first where one is a prefix of another. */
static const char *const TYPE_WORDS[] = {
    "Thông tư liên tịch", "Nghị quyết liên tịch", "Văn bản hợp nhất", "Nghị định", "Quyết định",
    "Thông tư", "Nghị quyết", "Chỉ thị", "Công điện", "Kế hoạch", "Thông báo", "Tờ trình",
    "Báo cáo", "Hướng dẫn", "Công văn", "Pháp lệnh", "Bộ luật", "Luật", "Lệnh"};

/* Lowercase of a Vietnamese/ASCII code point. */
static uint32_t vn_lower(uint32_t cp) {
  if (cp >= 'A' && cp <= 'Z') return cp + 32;
  unsigned pk = tthc__vn_letter(cp);
  if (pk && ((pk - 1) & 1)) {
    pk--;
    return tthc__vn_cp[0][(pk >> 1) / 6][(pk >> 1) % 6];
  }
  return cp;
}

/* Case-insensitive equality of n bytes (same length in NFC for Vietnamese case pairs). */
static bool ci_equal(const char *a, const char *b, size_t n) {
  const unsigned char *x = (const unsigned char *)a, *y = (const unsigned char *)b;
  for (size_t i = 0; i < n;) {
    uint32_t ca, cb;
    size_t la = tthc__utf8_decode(x + i, n - i, &ca), lb = tthc__utf8_decode(y + i, n - i, &cb);
    if (la != lb || ca == TTHC__UTF8_INVALID || vn_lower(ca) != vn_lower(cb)) return false;
    i += la;
  }
  return true;
}

static bool is_word_byte(unsigned char c) {
  return (c | 0x20) >= 'a' && (c | 0x20) <= 'z' ? true : c >= 0x80 || is_digit(c);
}

/* Symbol: components of letters and digits, starting with a capital letter (or Đ), joined by
 * '-' (or '.' before another capital). Returns its length at i, 0 if none. */
static size_t read_symbol(const char *s, size_t len, size_t i) {
  size_t st = i;
  for (;;) {
    size_t cs = i;
    if (i < len && s[i] >= 'A' && s[i] <= 'Z') i++;
    else if (i + 1 < len && (unsigned char)s[i] == 0xC4 && (unsigned char)s[i + 1] == 0x90) i += 2;
    else return cs > st ? cs - 1 - st : 0;
    while (i < len) {
      unsigned char c = (unsigned char)s[i];
      if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || is_digit(c)) i++;
      else if (i + 1 < len && c == 0xC4 && ((unsigned char)s[i + 1] == 0x90 || (unsigned char)s[i + 1] == 0x91)) i += 2;
      else break;
    }
    if (i + 1 < len && (s[i] == '-' || s[i] == '.') &&
        ((s[i + 1] >= 'A' && s[i + 1] <= 'Z') || (unsigned char)s[i + 1] == 0xC4)) {
      i++;
      continue;
    }
    if (i < len && is_word_byte((unsigned char)s[i])) return 0;
    return i - st;
  }
}

static const char *type_of_abbr(const char *s, size_t n) {
  for (size_t k = 0; k < sizeof DOC_TYPES / sizeof *DOC_TYPES; k++)
    if (strlen(DOC_TYPES[k].abbr) == n && memcmp(DOC_TYPES[k].abbr, s, n) == 0) return DOC_TYPES[k].name;
  return NULL;
}

/* Match the core "NUMBER[/YEAR]/SYMBOL" or a blank "Số: [...]/[YEAR/]SYMBOL" at i. */
static bool match_core(const char *s, size_t len, size_t i, tthc_text_ref *r, size_t *core_start,
                       size_t *end) {
  const unsigned char *u = (const unsigned char *)s;
  size_t p = i;
  int64_t number = -1;
  if (is_digit(u[p])) {
    if (p > 0 && (is_word_byte(u[p - 1]) || u[p - 1] == '/' || u[p - 1] == '.' || u[p - 1] == ','))
      return false;
    number = 0;
    int nd = 0;
    while (p < len && is_digit(u[p]) && nd < 7) number = number * 10 + (u[p++] - '0'), nd++;
    if (p >= len || u[p] != '/') return false;
    *core_start = i;
  } else {
    size_t n = match_word(s, len, p, "số", "SỐ");
    if (!n || (p > 0 && is_word_byte(u[p - 1]))) return false;
    p += n;
    if (p < len && u[p] == ':') p++;
    p = skip_spaces(s, len, p);
    while (p < len && (u[p] == '.' || u[p] == '_')) p++;
    while (p + 2 < len && memcmp(s + p, "\xE2\x80\xA6", 3) == 0) p += 3; /* … */
    p = skip_spaces(s, len, p);
    if (p >= len || u[p] != '/') return false;
    *core_start = i;
  }
  p++; /* the '/' */
  int year = 0;
  if (p + 4 < len && is_digit(u[p]) && is_digit(u[p + 1]) && is_digit(u[p + 2]) && is_digit(u[p + 3]) &&
      u[p + 4] == '/') {
    year = (u[p] - '0') * 1000 + (u[p + 1] - '0') * 100 + (u[p + 2] - '0') * 10 + (u[p + 3] - '0');
    p += 5;
  }
  size_t sl = read_symbol(s, len, p);
  if (!sl) return false;
  r->number = number, r->year = year;
  r->symbol_offset = p, r->symbol_length = sl;
  /* issuer: the symbol without its leading type abbreviation */
  size_t first = 0;
  while (first < sl && s[p + first] != '-' && s[p + first] != '.') first++;
  r->type = type_of_abbr(s + p, first);
  if (r->type && first < sl) r->issuer_offset = p + first + 1, r->issuer_length = sl - first - 1;
  else r->issuer_offset = p, r->issuer_length = first;
  *end = p + sl;
  return true;
}

/* Extend a matched core backwards over "[type] [số[:]]" and forwards over "[,] ngày DATE". */
static void extend(const char *s, size_t len, tthc_text_ref *r, size_t core, size_t end) {
  size_t start = core;
  if (r->number >= 0) { /* "số" before a number */
    size_t k = start;
    while (k > 0 && s[k - 1] == ' ') k--;
    if (k > 0 && s[k - 1] == ':') k--;
    size_t n = strlen("số");
    if (k >= n && ci_equal(s + k - n, "số", n) && (k == n || !is_word_byte((unsigned char)s[k - n - 1])))
      start = k - n;
  }
  size_t k = start;
  while (k > 0 && s[k - 1] == ' ') k--;
  for (size_t t = 0; t < sizeof TYPE_WORDS / sizeof *TYPE_WORDS; t++) {
    size_t n = strlen(TYPE_WORDS[t]);
    if (k >= n && ci_equal(s + k - n, TYPE_WORDS[t], n) &&
        (k == n || !is_word_byte((unsigned char)s[k - n - 1]))) {
      start = k - n;
      r->type = TYPE_WORDS[t];
      break;
    }
  }
  /* a date */
  size_t p = end;
  while (p < len && (s[p] == ' ' || s[p] == ',')) p++;
  size_t n = match_word(s, len, p, "ngày", "NGÀY");
  if (n) {
    dparse dp = {s, len, NULL, "date"};
    size_t de = end;
    tthc_date d = 0;
    if (date_at(&dp, skip_spaces(s, len, p + n), &de, &d) == TTHC_OK) {
      r->date = d, r->has_date = 1;
      end = de;
    }
  }
  r->offset = start, r->length = end - start;
}

tthc_status tthc_text_ref_find(const char *s, size_t len, size_t from, tthc_text_ref *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  memset(out, 0, sizeof *out);
  TTHC_RETURN_IF(!s && len, TTHC_EINVAL);
  for (size_t i = from; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (!is_digit(c) && c != 's' && c != 'S') continue;
    tthc_text_ref r;
    memset(&r, 0, sizeof r);
    size_t core, end;
    if (match_core(s, len, i, &r, &core, &end)) {
      extend(s, len, &r, core, end);
      *out = r;
      return TTHC_OK;
    }
  }
  return TTHC_ENOTFOUND;
}

tthc_status tthc_text_ref_parse(const char *s, size_t len, tthc_text_ref *out, tthc_error *err) {
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  memset(out, 0, sizeof *out);
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "reference text is NULL");
  size_t b = skip_spaces(s, len, 0), e = len;
  while (e > b && s[e - 1] == ' ') e--;
  tthc_text_ref r;
  if (tthc_text_ref_find(s, e, b, &r) != TTHC_OK)
    return syntax(err, "document reference", s, len, b,
                  "expected a document number such as 61/2018/NĐ-CP or 1661/QĐ-UBND");
  if (r.offset != b)
    return syntax(err, "document reference", s, len, b,
                  "unexpected text before the document number (known types: Nghị định, "
                  "Quyết định, Thông tư, Công văn, Luật …)");
  if (r.offset + r.length != e) {
    size_t at = r.offset + r.length;
    size_t p = at;
    while (p < e && (s[p] == ' ' || s[p] == ',')) p++;
    size_t n = match_word(s, e, p, "ngày", "NGÀY");
    if (n) { /* a date that did not parse: report the date's own error */
      dparse dp = {s, len, err, "date in reference"};
      size_t de;
      tthc_date d;
      tthc_status st = date_at(&dp, skip_spaces(s, e, p + n), &de, &d);
      if (st != TTHC_OK) return st;
    }
    return syntax(err, "document reference", s, len, at, "unexpected text after the reference");
  }
  *out = r;
  return TTHC_OK;
}
