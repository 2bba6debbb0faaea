/* Statutory limits: the value type, parsing the phrases catalogs use, formatting back.
 *
 * Parsing folds the phrase privately (lower case, Vietnamese diacritics removed, đ -> d, NFC
 * and NFD alike) into word and number tokens, remembering per word whether it carried a grave
 * accent on its "a" (to tell "ngày", days, from "ngay", at once). It then reads
 * [prefix] core [qualifiers]. This is deliberately minimal: the text module owns general
 * Vietnamese folding; this file only needs the few dozen words of a time-limit phrase. */
#include <stdio.h>
#include <string.h>

#include "deadline_internal.h"

#define LIMIT_MAX 100000

/* ---- folding ----------------------------------------------------------------------------- */

enum { C_SPACE, C_LETTER, C_DIGIT, C_PUNCT, C_MARK, C_OTHER };
#define MARK_GRAVE_A 1u /* "à": the only accent the grammar needs to see */
#define MARK_OTHER 2u

/* Base letters of U+00C0..U+00FF ('.' = not a letter). */
static const char latin1[65] = "aaaaaaaceeeeiiiidnooooo.ouuuuy..aaaaaaaceeeeiiiidnooooo.ouuuuy.y";
/* Base letters of U+1EA0..U+1EF9, one per upper/lower pair. */
static const char viet_ext[46] = "aaaaaaaaaaaa" "eeeeeeee" "ii" "oooooooooooo" "uuuuuuu" "yyyy";

/* Class of code point cp; for letters *base is the folded ASCII letter and *marks its
 * diacritics; for punctuation *base is the ASCII stand-in. */
static int classify(uint32_t cp, char *base, unsigned *marks) {
  *marks = 0;
  *base = 0;
  if (cp < 0x80) {
    if (cp == ' ' || (cp >= 0x09 && cp <= 0x0D)) return C_SPACE;
    if (cp >= '0' && cp <= '9') return *base = (char)cp, C_DIGIT;
    if (cp >= 'A' && cp <= 'Z') return *base = (char)(cp + 32), C_LETTER;
    if (cp >= 'a' && cp <= 'z') return *base = (char)cp, C_LETTER;
    if (strchr(";,.:()/-\"'", (int)cp)) return *base = (char)cp, C_PUNCT;
    return C_OTHER;
  }
  if (cp == 0xA0 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F || cp == 0x205F ||
      cp == 0x3000 || cp == 0xFEFF)
    return C_SPACE;
  if (cp == 0x2013 || cp == 0x2014) return *base = '-', C_PUNCT;
  if (cp >= 0x2018 && cp <= 0x201D) return *base = '"', C_PUNCT;
  if (cp >= 0x300 && cp <= 0x36F) return C_MARK;
  if (cp >= 0xC0 && cp <= 0xFF && latin1[cp - 0xC0] != '.') {
    *base = latin1[cp - 0xC0];
    *marks = (cp == 0xC0 || cp == 0xE0) ? MARK_GRAVE_A : MARK_OTHER;
    return C_LETTER;
  }
  switch (cp) {
    case 0x102: case 0x103: *base = 'a'; break;
    case 0x110: case 0x111: *base = 'd'; break;
    case 0x128: case 0x129: *base = 'i'; break;
    case 0x168: case 0x169: *base = 'u'; break;
    case 0x1A0: case 0x1A1: *base = 'o'; break;
    case 0x1AF: case 0x1B0: *base = 'u'; break;
    default:
      if (cp >= 0x1EA0 && cp <= 0x1EF9) *base = viet_ext[(cp - 0x1EA0) / 2];
  }
  if (*base) return *marks = MARK_OTHER, C_LETTER;
  return C_OTHER;
}

/* ---- tokens ------------------------------------------------------------------------------ */

enum { TK_WORD, TK_NUM, TK_PUNCT };
#define WORD_MAX 23
#define MAX_TOKENS 128

typedef struct token {
  int kind;
  size_t start, end; /* bytes of the original text */
  char w[WORD_MAX + 1];
  int wlen;
  unsigned marks;
  int64_t value;     /* TK_NUM: integer part (saturated) */
  int32_t milli;     /* TK_NUM: thousandths */
  int ndec;          /* TK_NUM: digits after the separator */
} token;

typedef struct lparser {
  const char *s;
  size_t len;
  token t[MAX_TOKENS];
  int n, i;
  tthc_error *err;
} lparser;

static tthc_status lerr(lparser *p, tthc_status st, size_t at, const char *fmt, ...)
    TTHC_PRINTF(4, 5);

static tthc_status lerr(lparser *p, tthc_status st, size_t at, const char *fmt, ...) {
  char q[128], why[200];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, sizeof why, fmt, ap);
  va_end(ap);
  tthc__quote(q, sizeof q, p->s, p->len, 96);
  int32_t col = at <= p->len ? tthc__utf8_columns(p->s, at) + 1 : 0;
  return tthc__error_set(p->err, st, 1, col, (int64_t)at, "%s is not a statutory limit: %s", q,
                         why);
}

/* Quote token i's original text into out. */
static const char *tok_text(lparser *p, int i, char *out, size_t cap) {
  size_t a = p->t[i].start, b = p->t[i].end;
  size_t n = b - a < cap - 1 ? b - a : cap - 1;
  memcpy(out, p->s + a, n);
  out[n] = '\0';
  return out;
}

static int32_t tok_col(lparser *p, int i) {
  return tthc__utf8_columns(p->s, p->t[i].start) + 1;
}

static tthc_status tokenize(lparser *p) {
  const unsigned char *s = (const unsigned char *)p->s;
  token *cur = NULL;
  for (size_t pos = 0; pos < p->len;) {
    uint32_t cp;
    size_t l = tthc__utf8_decode(s + pos, p->len - pos, &cp);
    if (cp == TTHC__UTF8_INVALID) return lerr(p, TTHC_EUTF8, pos, "invalid UTF-8 at column %d",
                        (int)(tthc__utf8_columns(p->s, pos) + 1));
    char base;
    unsigned marks;
    int cls = classify(cp, &base, &marks);
    /* A decimal separator inside a number: "0,5", "2.5". */
    if (cur && cur->kind == TK_NUM && cur->ndec < 0 && (cp == ',' || cp == '.') &&
        pos + 1 < p->len && s[pos + 1] >= '0' && s[pos + 1] <= '9') {
      cur->ndec = 0;
      cur->end = pos += l;
      continue;
    }
    if (cls == C_MARK && cur && cur->kind == TK_WORD) {
      cur->marks |= (cp == 0x300 && cur->wlen > 0 && cur->w[cur->wlen - 1] == 'a' &&
                     !(cur->marks & MARK_GRAVE_A))
                        ? MARK_GRAVE_A
                        : MARK_OTHER;
      cur->end = pos += l;
      continue;
    }
    int want = cls == C_DIGIT ? TK_NUM
               : (cls == C_LETTER || cls == C_OTHER || cls == C_MARK) ? TK_WORD
               : -1;
    if (cls == C_SPACE || cls == C_PUNCT || !cur || cur->kind != want) cur = NULL;
    if (cls == C_SPACE) {
      pos += l;
      continue;
    }
    if (!cur) {
      if (p->n == MAX_TOKENS)
        return lerr(p, TTHC_ESYNTAX, pos, "the phrase is too long (over %d words)", MAX_TOKENS);
      cur = &p->t[p->n++];
      memset(cur, 0, sizeof *cur);
      cur->kind = cls == C_PUNCT ? TK_PUNCT : want;
      cur->start = pos;
      cur->ndec = -1;
    }
    cur->end = pos + l;
    if (cls == C_PUNCT) {
      cur->w[0] = base, cur->wlen = 1;
      cur = NULL;
    } else if (cls == C_DIGIT) {
      int dgt = base - '0';
      if (cur->ndec < 0) cur->value = cur->value > 10 * LIMIT_MAX ? cur->value : cur->value * 10 + dgt;
      else if (++cur->ndec <= 3) cur->milli += dgt * (cur->ndec == 1 ? 100 : cur->ndec == 2 ? 10 : 1);
    } else {
      if (cur->wlen < WORD_MAX) cur->w[cur->wlen++] = cls == C_LETTER ? base : '?';
      else cur->w[WORD_MAX - 1] = '?'; /* too long to be one of ours */
      cur->marks |= marks;
    }
    pos += l;
  }
  return TTHC_OK;
}

/* ---- grammar helpers ----------------------------------------------------------------------- */

static int is_word(lparser *p, int i, const char *w) {
  return i < p->n && p->t[i].kind == TK_WORD && strcmp(p->t[i].w, w) == 0;
}

static int is_punct(lparser *p, int i, char c) {
  return i < p->n && p->t[i].kind == TK_PUNCT && p->t[i].w[0] == c;
}

/* If the words of `seq` (space-separated) follow at p->i, consume them and return 1. */
static int match(lparser *p, const char *seq) {
  int i = p->i;
  char w[WORD_MAX + 1];
  while (*seq) {
    size_t n = strcspn(seq, " ");
    if (n > WORD_MAX) return 0;
    memcpy(w, seq, n);
    w[n] = '\0';
    if (!is_word(p, i, w)) return 0;
    i++;
    seq += n;
    while (*seq == ' ') seq++;
  }
  p->i = i;
  return 1;
}

static int match_any(lparser *p, const char *const *seqs) {
  for (; *seqs; seqs++)
    if (match(p, *seqs)) return 1;
  return 0;
}

/* "ngày": a grave on the a, or no diacritic at all (when `plain_ok`). */
static int ngay_is_day(const token *t, int plain_ok) {
  return t->marks == MARK_GRAVE_A || (plain_ok && t->marks == 0);
}

static size_t end_offset(lparser *p, int i) { return i < p->n ? p->t[i].start : p->len; }

/* Index of the end of the clause starting at i: the next ';' or ')' or the end. */
static int clause_end(lparser *p, int i) {
  while (i < p->n && !is_punct(p, i, ';') && !is_punct(p, i, ')')) i++;
  return i;
}

static int clause_has(lparser *p, int from, int to, const char *a, const char *b) {
  for (int i = from; i + 1 < to; i++)
    if (is_word(p, i, a) && is_word(p, i + 1, b)) return 1;
  return 0;
}

/* "nếu tiếp nhận sau 15 giờ [30] thì trong ngày làm việc tiếp theo", or "(… trước 15 giờ)". */
static tthc_status cutoff_clause(lparser *p, tthc_limit *lim) {
  int start = p->i - 1, end = clause_end(p, p->i), i = p->i;
  char tx[64];
  if (lim->flags & TTHC_LIMIT_CUTOFF_NEXT_DAY)
    return lerr(p, TTHC_ESYNTAX, p->t[start].start, "a second cut-off clause at column %d",
                (int)tok_col(p, start));
  while (i < end && !is_word(p, i, "sau") && !is_word(p, i, "truoc")) i++;
  int after = is_word(p, i, "sau");
  i++;
  if (i >= end || p->t[i].kind != TK_NUM || p->t[i].ndec >= 0 || p->t[i].value > 23)
    return lerr(p, TTHC_ESYNTAX, p->t[start].start,
                "could not read the cut-off hour in the clause at column %d "
                "(expected \"sau 15 giờ\")", (int)tok_col(p, start));
  int32_t h = (int32_t)p->t[i++].value, m = 0;
  if (!(is_word(p, i, "gio") || is_word(p, i, "h") || is_punct(p, i, ':')))
    return lerr(p, TTHC_ESYNTAX, end_offset(p, i), "expected \"giờ\" after the cut-off hour at "
                "column %d", (int)tthc__utf8_columns(p->s, end_offset(p, i)) + 1);
  i++;
  if (i < end && p->t[i].kind == TK_NUM && p->t[i].ndec < 0) {
    if (p->t[i].value > 59)
      return lerr(p, TTHC_ESYNTAX, p->t[i].start, "minute %s of the cut-off is out of range",
                  tok_text(p, i, tx, sizeof tx));
    m = (int32_t)p->t[i++].value;
    if (is_word(p, i, "phut")) i++;
  }
  if (after && !clause_has(p, i, end, "tiep", "theo"))
    return lerr(p, TTHC_ESYNTAX, p->t[start].start,
                "the clause at column %d does not say what happens after the cut-off "
                "(expected \"… thì trong ngày làm việc tiếp theo\")", (int)tok_col(p, start));
  lim->flags |= TTHC_LIMIT_CUTOFF_NEXT_DAY;
  lim->cutoff = h * 3600 + m * 60;
  p->i = end;
  return TTHC_OK;
}

/* NUM [ "(" words ")" ] unit */
static tthc_status amount(lparser *p, tthc_limit *lim) {
  token *num = &p->t[p->i++];
  char tx[64], nx[32];
  if (num->value > LIMIT_MAX)
    return lerr(p, TTHC_ERANGE, num->start, "the amount %s is over %d",
                tok_text(p, (int)(num - p->t), tx, sizeof tx), LIMIT_MAX);
  if (num->ndec > 3)
    return lerr(p, TTHC_ERANGE, num->start, "the amount %s has more than 3 decimals",
                tok_text(p, (int)(num - p->t), tx, sizeof tx));
  lim->value = (int32_t)num->value;
  lim->milli = num->ndec > 0 ? num->milli : 0;
  if (is_punct(p, p->i, '(')) { /* "05 (năm) ngày làm việc" */
    int j = p->i + 1;
    while (j < p->n && p->t[j].kind == TK_WORD) j++;
    if (!is_punct(p, j, ')'))
      return lerr(p, TTHC_ESYNTAX, p->t[p->i].start, "unclosed '(' at column %d",
                  (int)tok_col(p, p->i));
    p->i = j + 1;
  }
  int u = p->i;
  if (is_word(p, u, "ngay")) {
    p->i++;
    if (match(p, "lam viec") && ngay_is_day(&p->t[u], 1)) {
      lim->unit = TTHC_LIMIT_WORKING_DAYS;
    } else if (p->i == u + 1 && ngay_is_day(&p->t[u], 0)) {
      lim->unit = TTHC_LIMIT_CALENDAR_DAYS;
    } else if (p->t[u].marks == 0) {
      return lerr(p, TTHC_ESYNTAX, p->t[u].start,
                  "\"%s\" at column %d without its accent could be \"ngày\" (days) or \"ngay\" "
                  "(at once); write \"%s ngày\" for calendar days or \"%s ngày làm việc\" for "
                  "working days", tok_text(p, u, tx, sizeof tx), (int)tok_col(p, u),
                  tok_text(p, (int)(num - p->t), nx, sizeof nx), nx);
    } else {
      return lerr(p, TTHC_ESYNTAX, p->t[u].start, "\"%s\" at column %d is not a unit of time",
                  tok_text(p, u, tx, sizeof tx), (int)tok_col(p, u));
    }
  } else if (is_word(p, u, "gio")) {
    p->i++;
    if (!match(p, "lam viec"))
      return lerr(p, TTHC_ESYNTAX, p->t[u].start,
                  "hours without \"làm việc\" at column %d could be clock or working hours; "
                  "write \"%s giờ làm việc\"", (int)tok_col(p, u),
                  tok_text(p, (int)(num - p->t), tx, sizeof tx));
    lim->unit = TTHC_LIMIT_WORKING_HOURS;
  } else if (is_word(p, u, "thang")) {
    p->i++;
    lim->unit = TTHC_LIMIT_MONTHS;
  } else {
    return lerr(p, TTHC_ESYNTAX, end_offset(p, u),
                "the amount at column %d needs a unit (\"ngày làm việc\", \"giờ làm việc\", "
                "\"ngày\", \"tháng\")", (int)tok_col(p, (int)(num - p->t)));
  }
  if (lim->milli && (lim->unit == TTHC_LIMIT_CALENDAR_DAYS || lim->unit == TTHC_LIMIT_MONTHS))
    return lerr(p, TTHC_ESYNTAX, num->start, "a fraction of a %s is not a statutory limit",
                lim->unit == TTHC_LIMIT_MONTHS ? "month" : "calendar day");
  return TTHC_OK;
}

static const char *const at_most[] = {"khong qua", "toi da", "trong thoi han", "trong vong",
                                      "thoi han", NULL};
static const char *const verbs[] = {"giai quyet", "tra ket qua", "cap", "tra", NULL};
static const char *const ignorable[] = {"theo quy dinh", NULL};

static tthc_status core(lparser *p, tthc_limit *lim) {
  char tx[64];
  for (;;) {
    if (match_any(p, at_most)) lim->flags |= TTHC_LIMIT_AT_MOST;
    else if (is_word(p, p->i, "trong") && p->i + 1 < p->n && p->t[p->i + 1].kind == TK_NUM)
      lim->flags |= TTHC_LIMIT_AT_MOST, p->i++;
    else if (!match_any(p, verbs)) break;
  }
  int i = p->i;
  if (i < p->n && p->t[i].kind == TK_NUM) return amount(p, lim);
  if (is_word(p, i, "ngay") && is_word(p, i + 1, "trong") && is_word(p, i + 2, "ngay") &&
      p->t[i].marks == 0 && ngay_is_day(&p->t[i + 2], 1)) {
    p->i += 3;
    lim->unit = TTHC_LIMIT_WITHIN_DAY;
  } else if (is_word(p, i, "trong") && is_word(p, i + 1, "ngay") &&
             ngay_is_day(&p->t[i + 1], 1)) {
    p->i += 2;
    lim->unit = TTHC_LIMIT_WITHIN_DAY;
  } else if (is_word(p, i, "ngay") && p->t[i].marks == 0) {
    p->i++;
    lim->unit = TTHC_LIMIT_IMMEDIATE;
  } else if (i < p->n) {
    return lerr(p, TTHC_ESYNTAX, p->t[i].start,
                "unexpected \"%s\" at column %d; expected an amount (\"05 ngày làm việc\"), "
                "\"Trong ngày\" or \"Cấp ngay\"", tok_text(p, i, tx, sizeof tx),
                (int)tok_col(p, i));
  } else {
    return lerr(p, TTHC_ESYNTAX, p->len, "%s", p->n ? "the phrase has no amount and no unit"
                                                     : "the text is empty");
  }
  if (lim->unit == TTHC_LIMIT_WITHIN_DAY) match(p, "lam viec");
  return TTHC_OK;
}

static tthc_status qualifiers(lparser *p, tthc_limit *lim) {
  char tx[64];
  while (p->i < p->n) {
    int i = p->i;
    if (p->t[i].kind == TK_PUNCT && strchr(",;.()\"'", p->t[i].w[0])) {
      p->i++;
    } else if (match(p, "ke tu") || match(p, "tinh tu") || match(p, "khi") ||
               match(p, "sau khi")) {
      int end = clause_end(p, p->i);
      lim->flags |= clause_has(p, p->i, end, "ho", "so") ? TTHC_LIMIT_FROM_COMPLETE
                                                          : TTHC_LIMIT_FROM_OTHER;
      p->i = end;
    } else if (match(p, "neu") || match(p, "truong hop")) {
      TTHC_TRY(cutoff_clause(p, lim));
    } else if (!match_any(p, ignorable)) {
      return lerr(p, TTHC_ESYNTAX, p->t[i].start, "unexpected \"%s\" at column %d",
                  tok_text(p, i, tx, sizeof tx), (int)tok_col(p, i));
    }
  }
  return TTHC_OK;
}

tthc_status tthc_limit_parse(const char *s, size_t len, tthc_limit *out, tthc_error *err) {
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  memset(out, 0, sizeof *out);
  out->cutoff = -1;
  if (!s) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "limit text is NULL");
  lparser p;
  p.s = s, p.len = len, p.n = 0, p.i = 0, p.err = err;
  tthc_limit lim = {0, 0, TTHC_LIMIT_WORKING_DAYS, 0, -1};
  TTHC_TRY(tokenize(&p));
  while (is_punct(&p, p.i, '"') || is_punct(&p, p.i, '\'')) p.i++;
  TTHC_TRY(core(&p, &lim));
  TTHC_TRY(qualifiers(&p, &lim));
  *out = lim;
  return TTHC_OK;
}

/* ---- values and formatting ---------------------------------------------------------------- */

int tthc__limit_valid(tthc_limit l) {
  if ((unsigned)l.unit > TTHC_LIMIT_IMMEDIATE) return 0;
  if (l.value < 0 || l.value > LIMIT_MAX || l.milli < 0 || l.milli > 999) return 0;
  if (l.cutoff < -1 || l.cutoff > TTHC_SECONDS_PER_DAY) return 0;
  if (l.milli && l.unit != TTHC_LIMIT_WORKING_DAYS && l.unit != TTHC_LIMIT_WORKING_HOURS)
    return 0;
  if ((l.unit == TTHC_LIMIT_WITHIN_DAY || l.unit == TTHC_LIMIT_IMMEDIATE) && l.value) return 0;
  return 1;
}

tthc_status tthc_limit_make(int32_t value, tthc_limit_unit unit, tthc_limit *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  tthc_limit l = {value, 0, unit, 0, -1};
  memset(out, 0, sizeof *out);
  out->cutoff = -1;
  TTHC_RETURN_IF((unsigned)unit > TTHC_LIMIT_IMMEDIATE, TTHC_EINVAL);
  TTHC_RETURN_IF(!tthc__limit_valid(l), TTHC_ERANGE);
  *out = l;
  return TTHC_OK;
}

const char *tthc_limit_unit_name(tthc_limit_unit unit) {
  static const char *const names[] = {"working_days", "working_hours", "calendar_days",
                                      "months", "within_day", "immediate"};
  return (unsigned)unit <= TTHC_LIMIT_IMMEDIATE ? names[unit] : NULL;
}

/* "05", "0,5", "2,25" (Vietnamese) or "5", "0.5" (English). */
static int fmt_amount(char *out, size_t cap, tthc_limit l, int en) {
  if (!l.milli) return snprintf(out, cap, en ? "%d" : "%02d", (int)l.value);
  int m = l.milli, digits = 3;
  while (m % 10 == 0) m /= 10, digits--;
  return snprintf(out, cap, "%d%c%0*d", (int)l.value, en ? '.' : ',', digits, m);
}

tthc_status tthc_limit_format(tthc_limit l, unsigned flags, char *buf, size_t cap,
                              size_t *needed) {
  if (needed) *needed = 0;
  TTHC_RETURN_IF(!tthc__limit_valid(l) || (!buf && cap > 0), TTHC_EINVAL);
  int en = (flags & TTHC_LIMIT_FORMAT_EN) != 0, full = (flags & TTHC_LIMIT_FORMAT_FULL) != 0;
  int amount_unit = l.unit <= TTHC_LIMIT_MONTHS;
  int one = l.value == 1 && !l.milli;
  char tmp[320], a[24];
  size_t n = 0;
  fmt_amount(a, sizeof a, l, en);
#define OUT(...) (n += (size_t)snprintf(tmp + n, sizeof tmp - n, __VA_ARGS__))
  if (full && amount_unit && (l.flags & TTHC_LIMIT_AT_MOST)) OUT("%s", en ? "at most " : "Không quá ");
  switch (l.unit) {
    case TTHC_LIMIT_WORKING_DAYS: OUT(en ? "%s working day%s" : "%s ngày làm việc", a, one ? "" : "s"); break;
    case TTHC_LIMIT_WORKING_HOURS: OUT(en ? "%s working hour%s" : "%s giờ làm việc", a, one ? "" : "s"); break;
    case TTHC_LIMIT_CALENDAR_DAYS: OUT(en ? "%s calendar day%s" : "%s ngày", a, one ? "" : "s"); break;
    case TTHC_LIMIT_MONTHS: OUT(en ? "%s month%s" : "%s tháng", a, one ? "" : "s"); break;
    case TTHC_LIMIT_WITHIN_DAY: OUT("%s", en ? "within the day" : "Trong ngày"); break;
    case TTHC_LIMIT_IMMEDIATE: OUT("%s", en ? "immediately" : "Cấp ngay"); break;
  }
  if (full && amount_unit && (l.flags & TTHC_LIMIT_FROM_COMPLETE))
    OUT("%s", en ? " from receipt of the complete dossier" : " kể từ ngày nhận đủ hồ sơ hợp lệ");
  if ((l.flags & TTHC_LIMIT_CUTOFF_NEXT_DAY) && l.cutoff >= 0) {
    int h = l.cutoff / 3600, m = l.cutoff / 60 % 60;
    int within = l.unit == TTHC_LIMIT_WITHIN_DAY;
    if (en)
      OUT("; %s the next working day if received after %02d:%02d",
          within ? "by the end of" : "counted from", h, m);
    else if (m)
      OUT("; nếu tiếp nhận sau %d giờ %02d thì %s ngày làm việc tiếp theo", h, m,
          within ? "trong" : "tính từ");
    else
      OUT("; nếu tiếp nhận sau %d giờ thì %s ngày làm việc tiếp theo", h,
          within ? "trong" : "tính từ");
  }
#undef OUT
  if (needed) *needed = n;
  TTHC_RETURN_IF(cap < n + 1, TTHC_ENOSPC);
  memcpy(buf, tmp, n + 1);
  return TTHC_OK;
}
