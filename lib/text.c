/* text: NFC/NFD with Vietnamese tone placement, search folding, collation keys.
 * Legacy encodings are in text_legacy.c; numbers, dates and references in text_parse.c. */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "text_internal.h"

/* ---- UTF-8 ------------------------------------------------------------------------------ */

size_t tthc__utf8_encode(uint32_t cp, char *out) {
  unsigned char *o = (unsigned char *)out;
  if (cp < 0x80) return o[0] = (unsigned char)cp, 1;
  if (cp < 0x800) {
    o[0] = (unsigned char)(0xC0 | (cp >> 6)), o[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    o[0] = (unsigned char)(0xE0 | (cp >> 12)), o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  o[0] = (unsigned char)(0xF0 | (cp >> 18)), o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F)), o[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

tthc_status tthc__utf8_error(tthc_error *err, const char *s, size_t len, size_t at) {
  char q[96];
  size_t from = at > 16 ? at - 16 : 0;
  tthc__quote(q, sizeof q, s + from, len - from, 40);
  int32_t col = tthc__utf8_columns(s, at) + 1;
  return tthc__error_set(err, TTHC_EUTF8, 1, col, (int64_t)at,
                         "invalid UTF-8 at byte %zu (column %d): byte 0x%02X in %s%s", at,
                         (int)col, (unsigned char)s[at], from ? "..." : "", q);
}

/* ---- output buffer ----------------------------------------------------------------------- */

void tthc__out_bytes(tthc__out *o, const char *p, size_t n, size_t src) {
  if (o->grow && o->len + n + 1 > o->cap && !o->nomem) {
    size_t ncap = o->cap ? o->cap : 64;
    while (ncap < o->len + n + 1) ncap *= 2;
    char *nb = realloc(o->buf, ncap);
    size_t *nm = o->map ? realloc(o->map, ncap * sizeof *nm) : NULL;
    if (!nb || (o->map && !nm)) {
      if (nb) o->buf = nb;
      if (nm) o->map = nm;
      o->nomem = true;
    } else {
      o->buf = nb, o->map = nm, o->cap = ncap;
    }
  }
  if (o->len + n < o->cap) {
    memcpy(o->buf + o->len, p, n);
    if (o->map)
      for (size_t i = 0; i < n; i++) o->map[o->len + i] = src;
  }
  o->len += n;
}

void tthc__out_cp(tthc__out *o, uint32_t cp, size_t src) {
  char tmp[4];
  tthc__out_bytes(o, tmp, tthc__utf8_encode(cp, tmp), src);
}

tthc_status tthc__out_finish(tthc__out *o, size_t srclen, size_t *needed) {
  if (needed) *needed = o->len;
  if (o->nomem) return TTHC_ENOMEM;
  if (o->len >= o->cap) return TTHC_ENOSPC;
  o->buf[o->len] = '\0';
  if (o->map) o->map[o->len] = srclen;
  return TTHC_OK;
}

/* map is written through o.map (clang-tidy does not follow it into the struct) */
tthc_status tthc__run(tthc__xform_fn fn, const void *ctx, const char *s, size_t len,
                      unsigned flags, char *buf, size_t cap, size_t *needed,
                      size_t *map, // NOLINT(readability-non-const-parameter)
                      tthc_error *err) {
  if (needed) *needed = 0;
  if ((!s && len) || (!buf && cap))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL text or output buffer");
  if (cap) buf[0] = '\0';
  tthc__out o = {buf, cap, 0, map, false, false};
  TTHC_TRY(fn(s ? s : "", len, flags, ctx, &o, err));
  tthc_status st = tthc__out_finish(&o, len, needed);
  if (st == TTHC_ENOSPC)
    tthc__error_set(err, st, 0, 0, -1, "output needs %zu bytes and a NUL, the buffer has %zu",
                    o.len, cap);
  return st;
}

tthc_status tthc__run_alloc(tthc__xform_fn fn, const void *ctx, const char *s, size_t len,
                            unsigned flags, char **out, size_t *out_len, tthc_error *err) {
  if (out_len) *out_len = 0;
  if (!out) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "output pointer is NULL");
  *out = NULL;
  if (!s && len) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL text");
  tthc__out o = {malloc(len + 16), len + 16, 0, NULL, true, false};
  if (!o.buf) return TTHC_ENOMEM;
  tthc_status st = fn(s ? s : "", len, flags, ctx, &o, err);
  if (st == TTHC_OK) st = tthc__out_finish(&o, len, out_len);
  if (st != TTHC_OK) {
    free(o.buf);
    return st == TTHC_ENOMEM ? tthc__error_set(err, st, 0, 0, -1, "out of memory") : st;
  }
  *out = o.buf;
  return TTHC_OK;
}

/* ---- clusters: a starter and its combining marks ---------------------------------------- */

enum { K_ASCII_WORD, K_ASCII_OTHER, K_LETTER, K_FOREIGN_WORD, K_FOREIGN_OTHER, K_INVALID };

typedef struct cluster {
  size_t start, end;
  int kind;
  int letter; /* K_LETTER: 0..12, or 100 + lowercase ASCII consonant */
  int tone, upper;
  uint32_t cp; /* the starter */
} cluster;

/* Tone of a combining tone mark, -1 if not one. */
static int tone_of_mark(uint32_t cp) {
  switch (cp) {
    case 0x0300: return TTHC__T_GRAVE;
    case 0x0309: return TTHC__T_HOOK;
    case 0x0303: return TTHC__T_TILDE;
    case 0x0301: return TTHC__T_ACUTE;
    case 0x0323: return TTHC__T_DOT;
    default: return -1;
  }
}

static int mod_of_mark(uint32_t cp) {
  return cp == 0x0306 ? TTHC__M_BREVE : cp == 0x0302 ? TTHC__M_CIRC : cp == 0x031B ? TTHC__M_HORN : -1;
}

/* Letter id of an ASCII vowel base with a modifier, -1 if the pair is not Vietnamese. */
static int vowel_with_mod(char base, int mod) {
  switch (base) {
    case 'a': return mod == 0 ? TTHC__V_A : mod == TTHC__M_BREVE ? TTHC__V_AW : mod == TTHC__M_CIRC ? TTHC__V_AA : -1;
    case 'e': return mod == 0 ? TTHC__V_E : mod == TTHC__M_CIRC ? TTHC__V_EE : -1;
    case 'i': return mod == 0 ? TTHC__V_I : -1;
    case 'o': return mod == 0 ? TTHC__V_O : mod == TTHC__M_CIRC ? TTHC__V_OO : mod == TTHC__M_HORN ? TTHC__V_OW : -1;
    case 'u': return mod == 0 ? TTHC__V_U : mod == TTHC__M_HORN ? TTHC__V_UW : -1;
    case 'y': return mod == 0 ? TTHC__V_Y : -1;
    default: return -1;
  }
}

static bool is_foreign_word(uint32_t cp) {
  utf8proc_category_t c = utf8proc_category((utf8proc_int32_t)cp);
  return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_NO;
}

/* 1 if m combines with what precedes it: a combining class other than 0, or (U+0F73, U+0F75,
 * U+0F81: class 0 but "non-starter decompositions") a canonical decomposition that begins with
 * such a mark. Canonical ordering must see those inside the cluster they attach to. */
static bool combines_backward(uint32_t m) {
  const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)m);
  if (p->combining_class) return true;
  if (p->category != UTF8PROC_CATEGORY_MN || p->decomp_seqindex == UINT16_MAX) return false;
  utf8proc_int32_t d[4];
  int boundclass = 0;
  utf8proc_ssize_t k =
      utf8proc_decompose_char((utf8proc_int32_t)m, d, 4, UTF8PROC_DECOMPOSE, &boundclass);
  return k > 0 && k <= 4 && utf8proc_get_property(d[0])->combining_class != 0;
}

/* End of the run of combining marks (Vietnamese marks or any ccc != 0) starting at j. */
static size_t marks_end(const unsigned char *s, size_t len, size_t j) {
  while (j < len && s[j] >= 0x80) {
    uint32_t m;
    size_t mn = tthc__utf8_decode(s + j, len - j, &m);
    if (m == TTHC__UTF8_INVALID || tthc__vn_letter(m)) break;
    if (tone_of_mark(m) < 0 && mod_of_mark(m) < 0 && !combines_backward(m)) break;
    j += mn;
  }
  return j;
}

/* Read the cluster at s[i]; kind K_INVALID for ill-formed UTF-8 (cl->end = end of the bad part). */
static void read_cluster(const unsigned char *s, size_t len, size_t i, cluster *cl) {
  uint32_t cp;
  size_t n = tthc__utf8_decode(s + i, len - i, &cp);
  cl->start = i, cl->end = i + n, cl->cp = cp, cl->tone = 0, cl->upper = 0;
  if (cp == TTHC__UTF8_INVALID) {
    cl->kind = K_INVALID;
    return;
  }
  /* starter */
  int letter = -1, tone = 0, upper = 0, mod = 0;
  bool above_tone = false; /* a tone mark above was seen (a later circumflex/breve is out of order) */
  unsigned pk;
  if (cp < 0x80) {
    unsigned lc = cp | 0x20;
    if (lc >= 'a' && lc <= 'z' && ((cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z'))) {
      upper = cp < 'a';
      letter = vowel_with_mod((char)lc, 0);
      if (letter < 0) letter = 100 + (int)lc;
    }
  } else if ((pk = tthc__vn_letter(cp)) != 0) {
    pk--;
    upper = pk & 1, letter = (int)(pk >> 1) / 6, tone = (int)(pk >> 1) % 6;
    mod = tthc__vn_mod[letter];
    above_tone = tone && tone != TTHC__T_DOT;
  }
  /* marks */
  bool foreign_mark = false;
  size_t j = cl->end;
  while (j < len && s[j] >= 0x80) {
    uint32_t m;
    size_t mn = tthc__utf8_decode(s + j, len - j, &m);
    if (m == TTHC__UTF8_INVALID || tthc__vn_letter(m)) break;
    int t = tone_of_mark(m), md = t < 0 ? mod_of_mark(m) : -1;
    if (t < 0 && md < 0) {
      if (!combines_backward(m)) break;
      foreign_mark = true;
    } else if (t >= 0) {
      if (tone) foreign_mark = true;
      tone = t;
      if (t != TTHC__T_DOT) above_tone = true;
    } else {
      if (mod) foreign_mark = true;
      if (md != TTHC__M_HORN && above_tone) foreign_mark = true;
      mod = md;
    }
    j += mn;
  }
  cl->end = j;
  if (letter >= 0 && letter < TTHC__NLETTERS && letter != TTHC__D_STROKE) {
    int v = vowel_with_mod(tthc__vn_base[letter], mod);
    if (v < 0) foreign_mark = true;
    else letter = v;
  } else if (letter >= 0 && (mod || tone)) {
    foreign_mark = true; /* a consonant with a mark */
  }
  if (letter >= 0 && !foreign_mark) {
    cl->kind = K_LETTER;
    cl->letter = letter, cl->tone = tone, cl->upper = upper;
    return;
  }
  if (cp < 0x80 && j == i + 1) {
    cl->kind = (cp >= '0' && cp <= '9') ? K_ASCII_WORD : K_ASCII_OTHER;
    return;
  }
  cl->kind = (letter >= 0 || is_foreign_word(cp) ||
              utf8proc_get_property((utf8proc_int32_t)cp)->combining_class != 0)
                 ? K_FOREIGN_WORD
                 : K_FOREIGN_OTHER;
}

static bool is_word_kind(int k) { return k == K_ASCII_WORD || k == K_LETTER || k == K_FOREIGN_WORD; }

/* ---- syllables ---------------------------------------------------------------------------- */

/* Vowel codes 1..12 (a ă â e ê i o ô ơ u ư y) make a nucleus key: ((v0 * 13) + v1) * 13 + v2. */
#define K1(a) (a)
#define K2(a, b) ((a) * 13 + (b))
#define K3(a, b, c) (((a) * 13 + (b)) * 13 + (c))
enum { A = 1, AW, AA, E, EE, I, O, OO, OW, U, UW, Y };

typedef struct nucleus {
  short key;
  signed char open_trad, open_modern, closed; /* index of the toned vowel; -1: not allowed */
} nucleus;

static const nucleus NUCLEI[] = {
    {K1(A), 0, 0, 0}, {K1(AW), 0, 0, 0}, {K1(AA), 0, 0, 0}, {K1(E), 0, 0, 0}, {K1(EE), 0, 0, 0},
    {K1(I), 0, 0, 0}, {K1(O), 0, 0, 0}, {K1(OO), 0, 0, 0}, {K1(OW), 0, 0, 0}, {K1(U), 0, 0, 0},
    {K1(UW), 0, 0, 0}, {K1(Y), 0, 0, 0},
    /* falling diphthongs: the tone on the first vowel in both placements */
    {K2(A, I), 0, 0, -1}, {K2(A, O), 0, 0, -1}, {K2(A, U), 0, 0, -1}, {K2(A, Y), 0, 0, -1},
    {K2(AA, U), 0, 0, -1}, {K2(AA, Y), 0, 0, -1}, {K2(E, O), 0, 0, -1}, {K2(EE, U), 0, 0, -1},
    {K2(I, A), 0, 0, -1}, {K2(I, U), 0, 0, -1}, {K2(O, I), 0, 0, -1}, {K2(OO, I), 0, 0, -1},
    {K2(OW, I), 0, 0, -1}, {K2(U, A), 0, 0, -1}, {K2(U, I), 0, 0, -1}, {K2(UW, A), 0, 0, -1},
    {K2(UW, I), 0, 0, -1}, {K2(UW, U), 0, 0, -1},
    /* medial o/u + vowel: the only place the two placements differ */
    {K2(O, A), 0, 1, 1}, {K2(O, E), 0, 1, 1}, {K2(U, Y), 0, 1, 1},
    /* the vowel with a diacritic carries the tone */
    {K2(O, AW), -1, -1, 1}, {K2(U, AA), -1, -1, 1}, {K2(U, EE), 1, 1, 1}, {K2(I, EE), -1, -1, 1},
    {K2(Y, EE), -1, -1, 1}, {K2(U, OO), -1, -1, 1}, {K2(UW, OW), -1, -1, 1}, {K2(U, OW), 1, 1, -1},
    {K2(O, O), -1, -1, 1},
    /* triphthongs: the middle vowel (uyê: the ê) */
    {K3(O, A, I), 1, 1, -1}, {K3(O, A, Y), 1, 1, -1}, {K3(O, A, O), 1, 1, -1},
    {K3(O, E, O), 1, 1, -1}, {K3(U, AA, Y), 1, 1, -1}, {K3(U, Y, A), 1, 1, -1},
    {K3(U, Y, U), 1, 1, -1}, {K3(U, OO, I), 1, 1, -1}, {K3(UW, OW, I), 1, 1, -1},
    {K3(UW, OW, U), 1, 1, -1}, {K3(I, EE, U), 1, 1, -1}, {K3(Y, EE, U), 1, 1, -1},
    {K3(U, Y, EE), -1, -1, 2}, {K3(U, EE, U), 1, 1, -1}};

bool tthc__syllable(const int *letters, int n, tthc__syl *out) {
  if (n <= 0 || n > 7) return false; /* "nghiêng" is the longest syllable */
#define C(k) ((k) < n && letters[k] >= 100 ? letters[k] - 100 : (k) < n && letters[k] == TTHC__D_STROKE ? 'D' : 0)
#define V(k) ((k) < n && letters[k] < TTHC__D_STROKE ? letters[k] + 1 : 0)
  int ini;
  switch (C(0)) {
    case 0: ini = 0; break;
    case 'n': ini = C(1) == 'g' ? (C(2) == 'h' ? 3 : 2) : C(1) == 'h' ? 2 : 1; break;
    case 'c': ini = C(1) == 'h' ? 2 : 1; break;
    case 'g': ini = C(1) == 'h' ? 2 : (V(1) == I && V(2)) ? 2 : 1; break;
    case 'k': case 'p': ini = C(1) == 'h' ? 2 : 1; break;
    case 't': ini = (C(1) == 'h' || C(1) == 'r') ? 2 : 1; break;
    case 'q': if (!(V(1) == U && V(2))) return false; ini = 2; break;
    case 'b': case 'd': case 'D': case 'h': case 'l': case 'm': case 'r': case 's': case 'v':
    case 'x': ini = 1; break;
    default: return false;
  }
  int k = ini, key = 0;
  while (k < n && V(k)) {
    if (k - ini == 3) return false;
    key = key * 13 + V(k), k++;
  }
  if (k == ini) return false;
  /* final consonant: c ch m n ng nh p t */
  int rest = n - k;
  bool fin_ok;
  switch (rest) {
    case 0: fin_ok = true; break;
    case 1: fin_ok = C(k) && strchr("cmnpt", C(k)) != NULL; break;
    case 2: fin_ok = (C(k) == 'c' && C(k + 1) == 'h') || (C(k) == 'n' && (C(k + 1) == 'g' || C(k + 1) == 'h')); break;
    default: fin_ok = false;
  }
#undef C
#undef V
  if (!fin_ok) return false;
  for (size_t j = 0; j < sizeof NUCLEI / sizeof *NUCLEI; j++) {
    if (NUCLEI[j].key != key) continue;
    int tr = rest ? NUCLEI[j].closed : NUCLEI[j].open_trad;
    int mo = rest ? NUCLEI[j].closed : NUCLEI[j].open_modern;
    if (tr < 0) return false;
    out->tone_trad = ini + tr;
    out->tone_modern = ini + mo;
    return true;
  }
  return false;
}

/* ---- normalisation ------------------------------------------------------------------------ */

#define MAXW 16

static void emit_letter(tthc__out *o, int letter, int tone, int upper, bool nfd, size_t src) {
  if (letter >= 100) {
    tthc__out_byte(o, (char)(upper ? letter - 100 - 32 : letter - 100), src);
    return;
  }
  if (!nfd || letter == TTHC__D_STROKE) {
    uint32_t cp = tthc__vn_cp[upper][letter][tone];
    if (cp < 0x80) tthc__out_byte(o, (char)cp, src);
    else tthc__out_cp(o, cp, src);
    return;
  }
  char base = tthc__vn_base[letter];
  tthc__out_byte(o, upper ? (char)(base - 32) : base, src);
  int mod = tthc__vn_mod[letter];
  if (mod == TTHC__M_HORN) tthc__out_cp(o, 0x031B, src);
  if (tone == TTHC__T_DOT) tthc__out_cp(o, 0x0323, src);
  if (mod == TTHC__M_BREVE) tthc__out_cp(o, 0x0306, src);
  if (mod == TTHC__M_CIRC) tthc__out_cp(o, 0x0302, src);
  static const uint16_t above[6] = {0, 0x0300, 0x0309, 0x0303, 0x0301, 0};
  if (above[tone]) tthc__out_cp(o, above[tone], src);
}

/* Normalise s[from..to) (valid UTF-8, no Vietnamese fast path) with utf8proc. */
static tthc_status emit_foreign(const char *s, size_t from, size_t to, bool nfd, tthc__out *o) {
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t n =
      utf8proc_map((const utf8proc_uint8_t *)s + from, (utf8proc_ssize_t)(to - from), &dst,
                   UTF8PROC_STABLE | (nfd ? UTF8PROC_DECOMPOSE : UTF8PROC_COMPOSE));
  if (n < 0) {
    free(dst);
    return n == UTF8PROC_ERROR_NOMEM ? TTHC_ENOMEM : TTHC_EUTF8;
  }
  tthc__out_bytes(o, (const char *)dst, (size_t)n, from);
  free(dst);
  return TTHC_OK;
}

static void read_cluster(const unsigned char *s, size_t len, size_t i, cluster *cl);
static bool is_word_kind(int k);

/* Emit the word of clusters cl[0..n), moving its tone mark if it is a syllable. src, if not
 * SIZE_MAX, is the input offset every output byte maps to (a word re-read after utf8proc). */
static tthc_status emit_word(const char *s, cluster *cl, int n, unsigned flags, tthc__out *o,
                             size_t src) {
  bool nfd = flags & TTHC_TEXT_NFD;
  bool vn = n <= MAXW, foreign = false;
  int toned = -1, ntoned = 0;
  for (int i = 0; i < n; i++) {
    if (cl[i].kind == K_FOREIGN_WORD) foreign = true;
    if (cl[i].kind != K_LETTER) vn = false;
    else if (cl[i].tone) toned = i, ntoned++;
  }
  if (foreign && src == SIZE_MAX && n <= MAXW) {
    /* Marks utf8proc knows more about (U+0340 is U+0300, …) may make a Vietnamese word once
     * composed: compose it, and if it then reads as Vietnamese letters, treat it so — the next
     * pass over the output would. */
    utf8proc_uint8_t *c = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s + cl[0].start,
                                      (utf8proc_ssize_t)(cl[n - 1].end - cl[0].start), &c,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (m < 0) {
      free(c);
      return m == UTF8PROC_ERROR_NOMEM ? TTHC_ENOMEM : TTHC_EUTF8;
    }
    cluster c2[MAXW];
    int n2 = 0;
    bool ok = true;
    for (size_t j = 0; ok && j < (size_t)m;) {
      cluster x;
      read_cluster(c, (size_t)m, j, &x);
      if ((x.kind != K_LETTER && x.kind != K_ASCII_WORD) || n2 == MAXW) ok = false;
      else c2[n2++] = x, j = x.end;
    }
    tthc_status st = TTHC_OK;
    if (ok && n2) st = emit_word((const char *)c, c2, n2, flags, o, cl[0].start);
    free(c);
    if (ok && n2) return st;
  }
  if (vn && ntoned == 1 && !(flags & TTHC_TEXT_TONE_KEEP)) {
    int letters[MAXW];
    tthc__syl syl;
    for (int i = 0; i < n; i++) letters[i] = cl[i].letter;
    if (tthc__syllable(letters, n, &syl)) {
      int target = (flags & TTHC_TEXT_TONE_MODERN) ? syl.tone_modern : syl.tone_trad;
      if (target != toned && cl[target].letter < TTHC__D_STROKE) {
        cl[target].tone = cl[toned].tone;
        cl[toned].tone = 0;
      }
    }
  }
  for (int i = 0; i < n;) {
    if (cl[i].kind == K_LETTER) {
      emit_letter(o, cl[i].letter, cl[i].tone, cl[i].upper, nfd, src == SIZE_MAX ? cl[i].start : src);
      i++;
    } else if (cl[i].kind == K_ASCII_WORD) {
      tthc__out_byte(o, s[cl[i].start], src == SIZE_MAX ? cl[i].start : src);
      i++;
    } else { /* a run of foreign clusters goes to utf8proc together */
      int j = i;
      while (j < n && cl[j].kind == K_FOREIGN_WORD) j++;
      TTHC_TRY(emit_foreign(s, cl[i].start, cl[j - 1].end, nfd, o));
      i = j;
    }
  }
  return TTHC_OK;
}

static const unsigned char ASCII_CLASS[128] = {
    /* 1 = letter or digit (a word character) */
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
    ['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
    ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1,
    ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1,
    ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
    ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1,
    ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1};

tthc_status tthc__normalize_into(const char *s, size_t len, unsigned flags, tthc__out *o,
                                 tthc_error *err) {
  if ((flags & TTHC_TEXT_TONE_MODERN) && (flags & TTHC_TEXT_TONE_KEEP))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1,
                           "TTHC_TEXT_TONE_MODERN and TTHC_TEXT_TONE_KEEP exclude each other");
  const unsigned char *u = (const unsigned char *)s;
  bool nfd = flags & TTHC_TEXT_NFD;
  cluster word[MAXW + 1];
  size_t i = 0;
  while (i < len) {
    /* fast path: ASCII that is not followed by a non-ASCII byte (which might be a mark) */
    unsigned c = u[i];
    if (c < 0x80 && !ASCII_CLASS[c] && (i + 1 >= len || u[i + 1] < 0x80)) {
      tthc__out_byte(o, (char)c, i);
      i++;
      continue;
    }
    cluster cl;
    read_cluster(u, len, i, &cl);
    if (cl.kind == K_INVALID) {
      if (!(flags & TTHC_TEXT_REPLACE_INVALID)) return tthc__utf8_error(err, s, len, i);
      tthc__out_cp(o, 0xFFFD, i);
      /* U+FFFD is a starter: the marks that follow belong to it (as they will when the output
       * is read again), not to the next word */
      size_t me = marks_end(u, len, cl.end);
      if (me > cl.end) TTHC_TRY(emit_foreign(s, cl.end, me, nfd, o));
      i = me;
      continue;
    }
    if (!is_word_kind(cl.kind)) {
      if (cl.kind == K_ASCII_OTHER) tthc__out_byte(o, (char)c, i);
      else TTHC_TRY(emit_foreign(s, cl.start, cl.end, nfd, o));
      i = cl.end;
      continue;
    }
    /* a word: collect up to MAXW clusters; a longer word is never a syllable and is streamed,
     * its runs of foreign clusters kept together for utf8proc */
    int n = 0;
    bool too_long = false;
    size_t run_from = SIZE_MAX, run_to = 0;
    word[n++] = cl;
    i = cl.end;
    while (i < len) {
      c = u[i];
      if (c < 0x80 && !ASCII_CLASS[c]) break;
      read_cluster(u, len, i, &cl);
      if (!is_word_kind(cl.kind)) break;
      i = cl.end;
      if (n < MAXW && !too_long) {
        word[n++] = cl;
        continue;
      }
      if (!too_long) word[n++] = cl, too_long = true; /* word[] has room for MAXW + 1 */
      else word[0] = cl, n = 1;
      for (int k = 0; k < n; k++) {
        if (word[k].kind == K_FOREIGN_WORD) {
          if (run_from == SIZE_MAX) run_from = word[k].start;
          run_to = word[k].end;
          continue;
        }
        if (run_from != SIZE_MAX) TTHC_TRY(emit_foreign(s, run_from, run_to, nfd, o));
        run_from = SIZE_MAX;
        TTHC_TRY(emit_word(s, &word[k], 1, flags | TTHC_TEXT_TONE_KEEP, o, SIZE_MAX));
      }
      n = 0;
    }
    if (too_long) {
      if (run_from != SIZE_MAX) TTHC_TRY(emit_foreign(s, run_from, run_to, nfd, o));
    } else {
      TTHC_TRY(emit_word(s, word, n, flags, o, SIZE_MAX));
    }
  }
  return TTHC_OK;
}

static tthc_status normalize_xf(const char *s, size_t len, unsigned flags, const void *ctx,
                                tthc__out *o, tthc_error *err) {
  (void)ctx;
  return tthc__normalize_into(s, len, flags, o, err);
}

tthc_status tthc_text_normalize(const char *s, size_t len, unsigned flags, char *buf, size_t cap,
                                size_t *needed, size_t *map, tthc_error *err) {
  return tthc__run(normalize_xf, NULL, s, len, flags, buf, cap, needed, map, err);
}

tthc_status tthc_text_normalize_alloc(const char *s, size_t len, unsigned flags, char **out,
                                      size_t *out_len, tthc_error *err) {
  return tthc__run_alloc(normalize_xf, NULL, s, len, flags, out, out_len, err);
}

/* ---- folding ------------------------------------------------------------------------------ */

/* ASCII folding: 0 = separator, else the folded byte. */
static const unsigned char FOLD_ASCII[256] = {
    ['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4', ['5'] = '5', ['6'] = '6',
    ['7'] = '7', ['8'] = '8', ['9'] = '9', ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
    ['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j', ['K'] = 'k',
    ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p', ['Q'] = 'q', ['R'] = 'r',
    ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
    ['Z'] = 'z', ['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e', ['f'] = 'f',
    ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j', ['k'] = 'k', ['l'] = 'l', ['m'] = 'm',
    ['n'] = 'n', ['o'] = 'o', ['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
    ['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y', ['z'] = 'z'};

typedef struct folder {
  tthc__out *o;
  bool pending; /* a separator is waiting (written before the next word character) */
  size_t sep_at;
} folder;

static inline void fold_flush(folder *f) {
  if (f->pending) {
    if (f->o->len) tthc__out_byte(f->o, ' ', f->sep_at);
    f->pending = false;
  }
}

static inline void fold_char(folder *f, char c, size_t src) {
  fold_flush(f);
  tthc__out_byte(f->o, c, src);
}

static inline void fold_sep(folder *f, size_t src) {
  if (!f->pending) f->pending = true, f->sep_at = src;
}

/* A non-ASCII, non-Vietnamese character: case-fold, strip marks, compatibility-decompose. */
static tthc_status fold_foreign(folder *f, uint32_t cp, size_t src) {
  const utf8proc_property_t *p = utf8proc_get_property((utf8proc_int32_t)cp);
  if (p->category >= UTF8PROC_CATEGORY_MN && p->category <= UTF8PROC_CATEGORY_ME) return TTHC_OK;
  if (!(p->category >= UTF8PROC_CATEGORY_LU && p->category <= UTF8PROC_CATEGORY_NO)) {
    fold_sep(f, src);
    return TTHC_OK;
  }
  char in[4];
  size_t n = tthc__utf8_encode(cp, in);
  utf8proc_uint8_t *dst = NULL;
  utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)in, (utf8proc_ssize_t)n, &dst,
                                    UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                        UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
  if (m < 0) {
    free(dst);
    return TTHC_ENOMEM;
  }
  for (utf8proc_ssize_t k = 0; k < m;) {
    uint32_t c;
    size_t l = tthc__utf8_decode(dst + k, (size_t)(m - k), &c);
    if (c < 0x80) {
      if (FOLD_ASCII[c]) fold_char(f, (char)FOLD_ASCII[c], src);
      else fold_sep(f, src);
    } else if (tthc__vn_letter(c)) {
      unsigned pk = tthc__vn_letter(c) - 1;
      fold_char(f, tthc__vn_base[(pk >> 1) / 6], src);
    } else {
      const utf8proc_property_t *q = utf8proc_get_property((utf8proc_int32_t)c);
      if (q->category >= UTF8PROC_CATEGORY_LU && q->category <= UTF8PROC_CATEGORY_NO) {
        fold_flush(f);
        tthc__out_bytes(f->o, (const char *)dst + k, l, src);
      } else if (!(q->category >= UTF8PROC_CATEGORY_MN && q->category <= UTF8PROC_CATEGORY_ME)) {
        fold_sep(f, src);
      }
    }
    k += (utf8proc_ssize_t)l;
  }
  free(dst);
  return TTHC_OK;
}

/* Folded ASCII byte of a Vietnamese letter code point in the two hot ranges, 0 if none. */
static inline char fold_vn(uint32_t cp) {
  unsigned pk = tthc__vn_letter(cp);
  return pk ? tthc__vn_base[((pk - 1) >> 1) / 6] : 0;
}

static tthc_status fold_into(const char *s, size_t len, unsigned flags, const void *ctx,
                             tthc__out *o, tthc_error *err) {
  (void)ctx;
  const unsigned char *u = (const unsigned char *)s;
  folder f = {o, false, 0};
  size_t i = 0;
  while (i < len) {
    /* ASCII fast path, never calls utf8proc: a table lookup per byte, and no capacity check
     * while the run certainly fits (folding never makes an ASCII run longer, except for the one
     * pending space). */
    if (u[i] < 0x80) {
      size_t room = o->cap > o->len + 2 ? o->cap - o->len - 2 : 0;
      size_t stop = len - i < room ? len : i + room;
      char *b = o->buf;
      size_t n = o->len;
      if (!o->map) {
        while (i < stop && u[i] < 0x80) {
          unsigned char fc = FOLD_ASCII[u[i]];
          if (!fc) {
            if (!f.pending) f.pending = true, f.sep_at = i;
            i++;
            continue;
          }
          if (f.pending) {
            if (n) b[n++] = ' ';
            f.pending = false;
          }
          do { /* a run of letters and digits: the table is 0 past ASCII, so this stops there */
            b[n++] = (char)fc;
            i++;
          } while (i < stop && (fc = FOLD_ASCII[u[i]]) != 0);
        }
      } else {
        for (; i < stop && u[i] < 0x80; i++) {
          unsigned char fc = FOLD_ASCII[u[i]];
          if (fc) {
            if (f.pending) {
              if (n) o->map[n] = f.sep_at, b[n++] = ' ';
              f.pending = false;
            }
            o->map[n] = i, b[n++] = (char)fc;
          } else if (!f.pending) {
            f.pending = true, f.sep_at = i;
          }
        }
      }
      o->len = n;
      if (i < len && u[i] < 0x80) { /* the buffer is (nearly) full: the slow, counting way */
        unsigned char fc = FOLD_ASCII[u[i]];
        if (fc) fold_char(&f, (char)fc, i);
        else fold_sep(&f, i);
        i++;
      }
      continue;
    }
    /* Vietnamese letters in 2 bytes (U+00C0-U+01B0) or 3 bytes (U+1EA0-U+1EF9) */
    if (i + 1 < len && u[i] >= 0xC3 && u[i] <= 0xC6 && (u[i + 1] & 0xC0) == 0x80) {
      char c = fold_vn(((u[i] & 0x1Fu) << 6) | (u[i + 1] & 0x3Fu));
      if (c) {
        fold_char(&f, c, i);
        i += 2;
        continue;
      }
    } else if (i + 2 < len && u[i] == 0xE1 && (u[i + 1] == 0xBA || u[i + 1] == 0xBB) &&
               (u[i + 2] & 0xC0) == 0x80) {
      char c = fold_vn(0x1000u | ((u[i + 1] & 0x3Fu) << 6) | (u[i + 2] & 0x3Fu));
      if (c) {
        fold_char(&f, c, i);
        i += 3;
        continue;
      }
    }
    uint32_t cp;
    size_t n = tthc__utf8_decode(u + i, len - i, &cp);
    if (cp == TTHC__UTF8_INVALID) {
      if (!(flags & TTHC_TEXT_REPLACE_INVALID)) return tthc__utf8_error(err, s, len, i);
      fold_sep(&f, i);
    } else {
      char c = fold_vn(cp);
      if (c) fold_char(&f, c, i);
      else if (tone_of_mark(cp) >= 0 || mod_of_mark(cp) >= 0) { /* a stripped mark */
      } else if (cp == 0xD0 || cp == 0xF0) fold_char(&f, 'd', i); /* Ð ð, mistaken for Đ đ */
      else if (cp == 0xA0 || cp == 0xFFFD) fold_sep(&f, i);
      else TTHC_TRY(fold_foreign(&f, cp, i));
    }
    i += n;
  }
  return TTHC_OK;
}

tthc_status tthc_text_fold(const char *s, size_t len, unsigned flags, char *buf, size_t cap,
                           size_t *needed, size_t *map, tthc_error *err) {
  return tthc__run(fold_into, NULL, s, len, flags, buf, cap, needed, map, err);
}

tthc_status tthc_text_fold_alloc(const char *s, size_t len, unsigned flags, char **out,
                                 size_t *out_len, tthc_error *err) {
  return tthc__run_alloc(fold_into, NULL, s, len, flags, out, out_len, err);
}

/* ---- collation keys ----------------------------------------------------------------------- */

/* Primary weights: digits 0x10-0x19, letters 0x20 + their place in the Vietnamese alphabet
 * (a ă â b c d đ e ê f g h i j k l m n o ô ơ p q r s t u ư v w x y z), other characters 0xF0 +
 * three 7-bit groups. Per syllable: 0x01, then its tone weight(s) 0x02 (none) .. 0x07 (nặng),
 * 0x08 for a foreign mark. Then 0x00, one case byte per letter (0x01 lower, 0x02 upper), 0x00,
 * and the NFC text (so that only canonically equal texts have equal keys). */
static const unsigned char VOWEL_PRIMARY[TTHC__NLETTERS] = {0, 1, 2, 7, 8, 12, 18, 19, 20, 26, 27, 31, 6};
static const unsigned char ASCII_PRIMARY[26] = {0,  3,  4,  5,  7,  9,  10, 11, 12, 13, 14, 15, 16,
                                                17, 18, 21, 22, 23, 24, 25, 26, 28, 29, 30, 31, 32};

/* Primary weight of a cluster letter: a Vietnamese letter 0-12, or 100 + an ASCII letter. */
static int letter_primary(int l) {
  if (l >= 100 + 'a' && l <= 100 + 'z') return ASCII_PRIMARY[l - 100 - 'a'];
  return l >= 0 && l < TTHC__NLETTERS ? VOWEL_PRIMARY[l] : 0;
}

typedef struct keybuf {
  tthc__out l1, l3;
} keybuf;

static void key_word_end(keybuf *k, const unsigned char *tones, int nt, bool foreign) {
  tthc__out_byte(&k->l1, 0x01, 0);
  int any = 0;
  for (int i = 0; i < nt; i++)
    if (tones[i]) tthc__out_byte(&k->l1, (char)(0x02 + tones[i]), 0), any = 1;
  if (!any) tthc__out_byte(&k->l1, 0x02, 0);
  if (foreign) tthc__out_byte(&k->l1, 0x08, 0);
}

static tthc_status key_into(const char *s, size_t len, unsigned flags, keybuf *k, tthc_error *err) {
  const unsigned char *u = (const unsigned char *)s;
  unsigned char tones[64];
  int nt = 0;
  bool in_word = false, foreign = false;
  size_t i = 0;
  while (i < len) {
    cluster cl;
    read_cluster(u, len, i, &cl);
    if (cl.kind == K_INVALID && !(flags & TTHC_TEXT_REPLACE_INVALID))
      return tthc__utf8_error(err, s, len, i);
    i = cl.end;
    if (!is_word_kind(cl.kind)) {
      if (in_word) key_word_end(k, tones, nt, foreign);
      in_word = false, nt = 0, foreign = false;
      continue;
    }
    in_word = true;
    if (cl.kind == K_ASCII_WORD) { /* a digit */
      tthc__out_byte(&k->l1, (char)(0x10 + (u[cl.start] - '0')), 0);
      tthc__out_byte(&k->l3, 0x01, 0);
      continue;
    }
    if (cl.kind == K_LETTER) {
      tthc__out_byte(&k->l1, (char)(0x20 + letter_primary(cl.letter)), 0);
      tthc__out_byte(&k->l3, cl.upper ? 0x02 : 0x01, 0);
      if (nt < 64) tones[nt++] = (unsigned char)cl.tone;
      continue;
    }
    /* foreign letter: its base letters (utf8proc: strip marks, case-fold) or its code point */
    utf8proc_uint8_t *dst = NULL;
    utf8proc_ssize_t m = utf8proc_map(u + cl.start, (utf8proc_ssize_t)(cl.end - cl.start), &dst,
                                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK);
    if (m < 0) {
      free(dst);
      return TTHC_ENOMEM;
    }
    foreign = true;
    for (utf8proc_ssize_t j = 0; j < m;) {
      uint32_t c;
      size_t l = tthc__utf8_decode(dst + j, (size_t)(m - j), &c);
      if (c >= 'a' && c <= 'z') tthc__out_byte(&k->l1, (char)(0x20 + ASCII_PRIMARY[c - 'a']), 0);
      else if (c >= '0' && c <= '9') tthc__out_byte(&k->l1, (char)(0x10 + (c - '0')), 0);
      else {
        char w[4] = {(char)0xF0, (char)(0x80 | (c >> 14)), (char)(0x80 | ((c >> 7) & 0x7F)),
                     (char)(0x80 | (c & 0x7F))};
        tthc__out_bytes(&k->l1, w, 4, 0);
      }
      j += (utf8proc_ssize_t)l;
    }
    free(dst);
    tthc__out_byte(&k->l3, utf8proc_isupper((utf8proc_int32_t)cl.cp) ? 0x02 : 0x01, 0);
  }
  if (in_word) key_word_end(k, tones, nt, foreign);
  return TTHC_OK;
}

static tthc_status key_make(const char *s, size_t len, unsigned flags, const void *ctx,
                            tthc__out *out, tthc_error *err) {
  (void)ctx;
  keybuf k = {{NULL, 0, 0, NULL, true, false}, {NULL, 0, 0, NULL, true, false}};
  tthc__out nfc = {NULL, 0, 0, NULL, true, false};
  tthc_status st = key_into(s, len, flags, &k, err);
  if (st == TTHC_OK)
    st = tthc__normalize_into(s, len, flags & TTHC_TEXT_REPLACE_INVALID, &nfc, err);
  if (st == TTHC_OK && (k.l1.nomem || k.l3.nomem || nfc.nomem)) st = TTHC_ENOMEM;
  if (st == TTHC_OK) {
    tthc__out_bytes(out, k.l1.buf ? k.l1.buf : "", k.l1.len, 0);
    tthc__out_byte(out, 0, 0);
    tthc__out_bytes(out, k.l3.buf ? k.l3.buf : "", k.l3.len, 0);
    tthc__out_byte(out, 0, 0);
    tthc__out_bytes(out, nfc.buf ? nfc.buf : "", nfc.len, 0);
  }
  free(k.l1.buf), free(k.l3.buf), free(nfc.buf);
  return st;
}

tthc_status tthc_text_collation_key(const char *s, size_t len, unsigned flags, unsigned char *buf,
                                    size_t cap, size_t *needed, tthc_error *err) {
  if (needed) *needed = 0;
  if ((!s && len) || (!buf && cap))
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL text or output buffer");
  tthc__out tmp = {NULL, 0, 0, NULL, true, false};
  TTHC_TRY(key_make(s ? s : "", len, flags, NULL, &tmp, err));
  if (tmp.nomem) {
    free(tmp.buf);
    return TTHC_ENOMEM;
  }
  if (needed) *needed = tmp.len;
  tthc_status st = TTHC_OK;
  if (tmp.len > cap) st = tthc__error_set(err, TTHC_ENOSPC, 0, 0, -1, "key needs %zu bytes", tmp.len);
  else if (tmp.len) memcpy(buf, tmp.buf, tmp.len);
  free(tmp.buf);
  return st;
}

tthc_status tthc_text_collation_key_alloc(const char *s, size_t len, unsigned flags,
                                          unsigned char **out, size_t *out_len, tthc_error *err) {
  return tthc__run_alloc(key_make, NULL, s, len, flags, (char **)out, out_len, err);
}

tthc_status tthc_text_compare(const char *a, size_t alen, const char *b, size_t blen,
                              unsigned flags, int *result, tthc_error *err) {
  if (!result) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "result pointer is NULL");
  *result = 0;
  unsigned char *ka = NULL, *kb = NULL;
  size_t la, lb;
  tthc_status st = tthc_text_collation_key_alloc(a, alen, flags, &ka, &la, err);
  if (st == TTHC_OK) st = tthc_text_collation_key_alloc(b, blen, flags, &kb, &lb, err);
  if (st == TTHC_OK) {
    size_t m = la < lb ? la : lb; /* an empty key may be NULL: no memcmp then */
    int c = m && ka && kb ? memcmp(ka, kb, m) : 0;
    *result = c ? (c < 0 ? -1 : 1) : (la < lb ? -1 : la > lb ? 1 : 0);
  }
  tthc_free(ka), tthc_free(kb);
  return st;
}

/* ---- plausibility score (the encoding detector) ------------------------------------------ */

void tthc__vn_score(const char *s, size_t len, long *good, long *bad) {
  const unsigned char *u = (const unsigned char *)s;
  cluster w[MAXW];
  long g = 0, b = 0;
  size_t i = 0;
  while (i < len) {
    cluster cl;
    read_cluster(u, len, i, &cl);
    i = cl.end;
    if (cl.kind == K_INVALID) {
      b += 2;
      continue;
    }
    if (!is_word_kind(cl.kind)) {
      if (cl.kind == K_FOREIGN_OTHER && cl.cp != 0xA0 && !(cl.cp >= 0x2000 && cl.cp <= 0x206F))
        b++;
      continue;
    }
    int n = 0;
    bool foreign = false, marked = false, too_long = false;
    for (;;) {
      if (cl.kind == K_FOREIGN_WORD) foreign = true;
      if (cl.kind == K_LETTER && (cl.tone || (cl.letter < TTHC__NLETTERS && (tthc__vn_mod[cl.letter] || cl.letter == TTHC__D_STROKE))))
        marked = true;
      if (n < MAXW) w[n++] = cl;
      else too_long = true;
      if (i >= len) break;
      read_cluster(u, len, i, &cl);
      if (!is_word_kind(cl.kind)) break;
      i = cl.end;
    }
    if (foreign) {
      b += 2;
      continue;
    }
    if (!marked) continue;
    int letters[MAXW], ntoned = 0, toned = -1;
    bool ok = !too_long;
    for (int k = 0; ok && k < n; k++) {
      if (w[k].kind != K_LETTER) ok = false;
      else letters[k] = w[k].letter;
      if (w[k].tone) ntoned++, toned = k;
    }
    tthc__syl syl;
    ok = ok && ntoned <= 1 && tthc__syllable(letters, n, &syl) &&
         (ntoned == 0 || toned == syl.tone_trad || toned == syl.tone_modern);
    if (ok) g++;
    else b++;
  }
  *good = g, *bad = b;
}
