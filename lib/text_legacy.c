/* text: legacy Vietnamese encodings — TCVN3 (ABC), VNI-Windows, VISCII, VIQR — decoding,
 * encoding with a report of what the target cannot hold, and detection. */
#include <stdlib.h>
#include <string.h>

#include "text_internal.h"

static const char *const ENC_NAMES[] = {"utf8", "tcvn3", "vni", "viscii", "viqr", "unknown"};

const char *tthc_text_encoding_name(tthc_encoding enc) {
  return (unsigned)enc < 5 ? ENC_NAMES[enc] : ENC_NAMES[5];
}

static bool ieq(const char *a, const char *b) {
  for (; *a && *b; a++, b++)
    if ((*a | 0x20) != (*b | 0x20)) return false;
  return *a == *b;
}

tthc_status tthc_text_encoding_from_name(const char *name, tthc_encoding *out) {
  TTHC_RETURN_IF(!out, TTHC_EINVAL);
  *out = TTHC_ENC_UNKNOWN;
  TTHC_RETURN_IF(!name, TTHC_EINVAL);
  static const struct {
    const char *name;
    tthc_encoding enc;
  } names[] = {{"utf8", TTHC_ENC_UTF8},   {"utf-8", TTHC_ENC_UTF8},       {"unicode", TTHC_ENC_UTF8},
               {"tcvn3", TTHC_ENC_TCVN3}, {"tcvn", TTHC_ENC_TCVN3},       {"abc", TTHC_ENC_TCVN3},
               {"vni", TTHC_ENC_VNI},     {"vni-windows", TTHC_ENC_VNI},  {"viscii", TTHC_ENC_VISCII},
               {"viqr", TTHC_ENC_VIQR}};
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (ieq(name, names[i].name)) {
      *out = names[i].enc;
      return TTHC_OK;
    }
  return TTHC_ENOTFOUND;
}

static tthc_status bad_byte(tthc_error *err, const char *s, size_t len, size_t at, tthc_encoding enc,
                            const char *why) {
  char q[96];
  size_t from = at > 16 ? at - 16 : 0;
  tthc__quote(q, sizeof q, s + from, len - from, 40);
  return tthc__error_set(err, TTHC_EFORMAT, 1, 0, (int64_t)at,
                         "byte 0x%02X at offset %zu is not valid %s: %s (in %s%s)",
                         (unsigned char)s[at], at, tthc_text_encoding_name(enc), why,
                         from ? "..." : "", q);
}

/* ---- decoding: bytes -> raw code points (composed afterwards by the normaliser) ----------- */

static void put_letter(tthc__out *o, int letter, int tone, int upper, size_t src) {
  tthc__out_cp(o, tthc__vn_cp[upper][letter][tone], src);
}

static tthc_status dec_table(const uint16_t *tab, tthc_encoding enc, const char *s, size_t len,
                             unsigned flags, tthc__out *o, tthc_error *err) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len; i++) {
    uint16_t cp = tab[u[i]];
    if (cp == 0xFFFF) {
      if (!(flags & TTHC_TEXT_REPLACE_INVALID))
        return bad_byte(err, s, len, i, enc, "the chart leaves it undefined");
      cp = 0xFFFD;
    }
    if (cp < 0x80) tthc__out_byte(o, (char)cp, i);
    else tthc__out_cp(o, cp, i);
  }
  return TTHC_OK;
}

static int ascii_vowel(unsigned c) {
  switch (c | 0x20) {
    case 'a': return TTHC__V_A;
    case 'e': return TTHC__V_E;
    case 'i': return TTHC__V_I;
    case 'o': return TTHC__V_O;
    case 'u': return TTHC__V_U;
    case 'y': return TTHC__V_Y;
    default: return -1;
  }
}

/* The vowel letter with a modifier added (a + circumflex = â), -1 if impossible. */
static int add_mod(int letter, int mod) {
  if (mod == TTHC__M_NONE) return letter;
  if (letter == TTHC__V_A) return mod == TTHC__M_BREVE ? TTHC__V_AW : mod == TTHC__M_CIRC ? TTHC__V_AA : -1;
  if (letter == TTHC__V_E) return mod == TTHC__M_CIRC ? TTHC__V_EE : -1;
  if (letter == TTHC__V_O) return mod == TTHC__M_CIRC ? TTHC__V_OO : mod == TTHC__M_HORN ? TTHC__V_OW : -1;
  if (letter == TTHC__V_U) return mod == TTHC__M_HORN ? TTHC__V_UW : -1;
  return -1;
}

static tthc_status dec_vni(const char *s, size_t len, unsigned flags, tthc__out *o, tthc_error *err) {
  const unsigned char *u = (const unsigned char *)s;
  for (size_t i = 0; i < len;) {
    unsigned b = u[i];
    int letter = -1, tone = 0, upper = 0;
    if (tthc__vni_single[b]) {
      unsigned pk = tthc__vni_single[b] - 1u;
      upper = pk & 1, letter = (int)(pk >> 1) / 6, tone = (int)(pk >> 1) % 6;
    } else if (ascii_vowel(b) >= 0) {
      letter = ascii_vowel(b), upper = b < 'a';
    }
    if (letter >= 0 && i + 1 < len && tthc__vni_mark[u[i + 1]] && letter != TTHC__D_STROKE) {
      unsigned mk = tthc__vni_mark[u[i + 1]] - 1u;
      int mod = (int)(mk >> 1) / 6, mtone = (int)(mk >> 1) % 6;
      int l2 = tone ? -1 : add_mod(letter, mod);
      if (l2 >= 0 && (mod != TTHC__M_NONE || mtone) && (letter != TTHC__V_I || mod == TTHC__M_NONE)) {
        put_letter(o, l2, mtone, upper, i);
        i += 2;
        continue;
      }
      if (!(flags & TTHC_TEXT_REPLACE_INVALID))
        return bad_byte(err, s, len, i + 1, TTHC_ENC_VNI, "this mark cannot go on the letter before it");
      if (letter >= 0 && b >= 0x80) put_letter(o, letter, tone, upper, i);
      else tthc__out_byte(o, (char)b, i);
      tthc__out_cp(o, 0xFFFD, i + 1);
      i += 2;
      continue;
    }
    if (tthc__vni_single[b]) put_letter(o, letter, tone, upper, i);
    else if (b < 0x80) tthc__out_byte(o, (char)b, i);
    else if (tthc__vni_dec[b] != 0xFFFF) tthc__out_cp(o, tthc__vni_dec[b], i);
    else if (!(flags & TTHC_TEXT_REPLACE_INVALID))
      return bad_byte(err, s, len, i, TTHC_ENC_VNI,
                      tthc__vni_mark[b] ? "a mark byte that does not follow a vowel"
                                        : "the chart leaves it undefined");
    else tthc__out_cp(o, 0xFFFD, i);
    i++;
  }
  return TTHC_OK;
}

/* VIQR (RFC 1456). The current word is kept as letters until it ends. */
typedef struct vword {
  int letter[32], tone[32], upper[32];
  size_t src[32];
  int n;
  bool toned;
} vword;

static void vflush(vword *w, tthc__out *o) {
  for (int k = 0; k < w->n; k++) {
    int l = w->letter[k];
    if (l >= 100) tthc__out_byte(o, (char)(w->upper[k] ? l - 100 - 32 : l - 100), w->src[k]);
    else if (l >= 0 && l < TTHC__NLETTERS) put_letter(o, l, w->tone[k], w->upper[k], w->src[k]);
  }
  w->n = 0, w->toned = false;
}

static int viqr_tone(unsigned c) {
  switch (c) {
    case '`': return TTHC__T_GRAVE;
    case '?': return TTHC__T_HOOK;
    case '~': return TTHC__T_TILDE;
    case '\'': return TTHC__T_ACUTE;
    case '.': return TTHC__T_DOT;
    default: return 0;
  }
}

static int viqr_mod(unsigned c) {
  return c == '(' ? TTHC__M_BREVE : c == '^' ? TTHC__M_CIRC : c == '+' ? TTHC__M_HORN : 0;
}

static bool is_letter(unsigned c) { return ((c | 0x20) >= 'a' && (c | 0x20) <= 'z'); }

static tthc_status dec_viqr(const char *s, size_t len, unsigned flags, tthc__out *o, tthc_error *err) {
  const unsigned char *u = (const unsigned char *)s;
  vword w = {.n = 0};
  for (size_t i = 0; i < len;) {
    unsigned c = u[i];
    int last = w.n ? w.letter[w.n - 1] : -1;
    if (c == '\\' && i + 1 < len && (viqr_tone(u[i + 1]) || viqr_mod(u[i + 1]) ||
                                     (u[i + 1] | 0x20) == 'd' || u[i + 1] == '\\')) {
      vflush(&w, o);
      tthc__out_byte(o, (char)u[i + 1], i);
      i += 2;
      continue;
    }
    if (is_letter(c)) {
      if (w.n == 32) vflush(&w, o); /* a very long word: continue as a new one */
      int l = ascii_vowel(c), up = c < 'a';
      size_t n = 1;
      if ((c | 0x20) == 'd' && i + 1 < len && (u[i + 1] | 0x20) == 'd') l = TTHC__D_STROKE, n = 2;
      else if (l < 0) l = 100 + (int)(c | 0x20);
      w.letter[w.n] = l, w.tone[w.n] = 0, w.upper[w.n] = up, w.src[w.n] = i, w.n++;
      i += n;
      continue;
    }
    if (viqr_mod(c) && last >= 0 && last < TTHC__D_STROKE && w.tone[w.n - 1] == 0 &&
        tthc__vn_mod[last] == 0 && add_mod(last, viqr_mod(c)) >= 0) {
      w.letter[w.n - 1] = add_mod(last, viqr_mod(c));
      i++;
      continue;
    }
    if (viqr_tone(c) && last >= 0 && last < TTHC__D_STROKE && w.tone[w.n - 1] == 0) {
      bool apply = true;
      bool word_end = i + 1 >= len || !(is_letter(u[i + 1]) || viqr_mod(u[i + 1]));
      if ((c == '?' || c == '.') && word_end) { /* a question mark or a full stop? */
        tthc__syl syl;
        apply = !w.toned && tthc__syllable(w.letter, w.n, &syl) &&
                (syl.tone_trad == w.n - 1 || syl.tone_modern == w.n - 1);
      }
      if (apply) {
        w.tone[w.n - 1] = viqr_tone(c), w.toned = true;
        i++;
        continue;
      }
    }
    vflush(&w, o);
    if (c < 0x80) {
      tthc__out_byte(o, (char)c, i);
      i++;
      continue;
    }
    uint32_t cp; /* VIQR is 7-bit; let UTF-8 through, reject other bytes */
    size_t n = tthc__utf8_decode(u + i, len - i, &cp);
    if (cp == TTHC__UTF8_INVALID) {
      if (!(flags & TTHC_TEXT_REPLACE_INVALID))
        return bad_byte(err, s, len, i, TTHC_ENC_VIQR, "VIQR is 7-bit ASCII");
      tthc__out_cp(o, 0xFFFD, i);
    } else {
      tthc__out_bytes(o, s + i, n, i);
    }
    i += n;
  }
  vflush(&w, o);
  return TTHC_OK;
}

static tthc_status dec_raw(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                           tthc__out *o, tthc_error *err) {
  switch (enc) {
    case TTHC_ENC_UTF8: tthc__out_bytes(o, s, len, 0); /* validated by the normaliser */
      if (o->map)
        for (size_t i = 0; i < len && i < o->cap; i++) o->map[i] = i;
      return TTHC_OK;
    case TTHC_ENC_TCVN3: return dec_table(tthc__tcvn3_dec, enc, s, len, flags, o, err);
    case TTHC_ENC_VISCII: return dec_table(tthc__viscii_dec, enc, s, len, flags, o, err);
    case TTHC_ENC_VNI: return dec_vni(s, len, flags, o, err);
    case TTHC_ENC_VIQR: return dec_viqr(s, len, flags, o, err);
    default: return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "unknown encoding %d", (int)enc);
  }
}

/* Decode into a temporary (with its map to the input), then normalise it into the caller's
 * output (NFC/NFD, tones kept) and compose the two maps. */
static tthc_status decode_into(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                               tthc__out *o, tthc_error *err) {
  tthc__out raw = {NULL, 0, 0, NULL, true, false};
  size_t *rmap = NULL;
  raw.map = NULL;
  if (o->map) {
    raw.map = malloc(sizeof(size_t) * 16); /* grown by out_bytes alongside buf */
    raw.cap = 0;
    if (!raw.map) return TTHC_ENOMEM;
  }
  tthc_status st = dec_raw(s, len, enc, flags, &raw, err);
  if (st == TTHC_OK && raw.nomem) st = TTHC_ENOMEM;
  if (st == TTHC_OK) {
    size_t before = o->len;
    unsigned nf = (flags & (TTHC_TEXT_NFD | TTHC_TEXT_REPLACE_INVALID)) | TTHC_TEXT_TONE_KEEP;
    st = tthc__normalize_into(raw.buf ? raw.buf : "", raw.len, nf, o, err);
    rmap = raw.map;
    if (st == TTHC_OK && o->map && rmap)
      for (size_t i = before; i < o->len && i < o->cap; i++)
        o->map[i] = o->map[i] < raw.len ? rmap[o->map[i]] : len;
  }
  free(raw.buf);
  free(raw.map);
  return st;
}

static tthc_status decode_xf(const char *s, size_t len, unsigned flags, const void *ctx,
                             tthc__out *o, tthc_error *err) {
  return decode_into(s, len, *(const tthc_encoding *)ctx, flags, o, err);
}

tthc_status tthc_text_decode(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                             char *buf, size_t cap, size_t *needed, size_t *map, tthc_error *err) {
  return tthc__run(decode_xf, &enc, s, len, flags, buf, cap, needed, map, err);
}

tthc_status tthc_text_decode_alloc(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                                   char **out, size_t *out_len, tthc_error *err) {
  return tthc__run_alloc(decode_xf, &enc, s, len, flags, out, out_len, err);
}

/* ---- encoding ------------------------------------------------------------------------------ */

static int find_other(const tthc__cp_byte *tab, size_t n, uint32_t cp) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (tab[mid].cp == cp) return tab[mid].byte;
    if (tab[mid].cp < cp) lo = mid + 1;
    else hi = mid;
  }
  return -1;
}

/* Bytes for one code point of NFC text in enc; returns the count (0 = not representable). When
 * subst, a fallback is written instead. */
typedef struct enc_state {
  tthc_encoding enc;
  unsigned prev; /* VIQR: the last byte written, for escaping */
  bool prev_letter;
  uint32_t next; /* VIQR: the code point after this one (0 at the end) */
} enc_state;

static size_t enc_cp(enc_state *es, uint32_t cp, bool subst, char out[8]) {
  unsigned pk = tthc__vn_letter(cp);
  int letter = -1, tone = 0, upper = 0;
  if (pk) {
    pk--;
    upper = pk & 1, letter = (int)(pk >> 1) / 6, tone = (int)(pk >> 1) % 6;
  } else if (cp < 0x80 && ascii_vowel(cp) >= 0) {
    letter = ascii_vowel(cp), upper = cp < 'a';
  } else if (cp == 'd' || cp == 'D') {
    letter = -2, upper = cp == 'D';
  }
  switch (es->enc) {
    case TTHC_ENC_TCVN3:
    case TTHC_ENC_VISCII: {
      bool tc = es->enc == TTHC_ENC_TCVN3;
      const uint16_t *dec = tc ? tthc__tcvn3_dec : tthc__viscii_dec;
      if (letter >= 0) {
        uint8_t b = (tc ? tthc__tcvn3_enc : tthc__viscii_enc)[upper][letter][tone];
        if (!b && tc && subst) b = tthc__tcvn3_enc[0][letter][tone]; /* .VnTimeH convention */
        if (b) return out[0] = (char)b, 1;
      } else if (cp < 0x80 && dec[cp] == cp) {
        return out[0] = (char)cp, 1;
      } else if (cp >= 0x80) {
        int b = tc ? find_other(tthc__tcvn3_other, tthc__tcvn3_nother, cp)
                   : find_other(tthc__viscii_other, tthc__viscii_nother, cp);
        if (b >= 0) return out[0] = (char)b, 1;
      }
      break;
    }
    case TTHC_ENC_VNI:
      if (letter >= 0) {
        const uint8_t *e = tthc__vni_enc[upper][letter][tone];
        out[0] = (char)e[0], out[1] = (char)e[1];
        return e[1] ? 2 : 1;
      }
      if (cp < 0x80) return out[0] = (char)cp, 1;
      {
        int b = find_other(tthc__vni_other, tthc__vni_nother, cp);
        if (b >= 0) return out[0] = (char)b, 1;
      }
      break;
    case TTHC_ENC_VIQR: {
      size_t n = 0;
      if (letter >= 0) {
        static const char mods[4] = {0, '(', '^', '+'};
        static const char tones[6] = {0, '`', '?', '~', '\'', '.'};
        if (letter == TTHC__D_STROKE) {
          out[n++] = upper ? 'D' : 'd', out[n++] = upper ? 'D' : 'd';
        } else {
          char base = tthc__vn_base[letter];
          out[n++] = upper ? (char)(base - 32) : base;
          if (tthc__vn_mod[letter]) out[n++] = mods[tthc__vn_mod[letter]];
          if (tone) out[n++] = tones[tone];
        }
        es->prev_letter = true;
        es->prev = (unsigned char)out[n - 1];
        return n;
      }
      if (cp >= 0x80) break; /* VIQR is 7-bit */
      /* escape what the decoder would read as a mark or as the second d of "dd" */
      bool special = viqr_tone(cp) || viqr_mod(cp) || cp == '\\';
      /* a d that the decoder would pair with the d before it, or with the "dd" of a đ after */
      bool dd = letter == -2 && ((es->prev_letter && (es->prev | 0x20) == 'd') ||
                                 es->next == 0x0111 || es->next == 0x0110);
      if (cp == '\\' || (special && es->prev_letter) || dd) out[n++] = '\\';
      out[n++] = (char)cp;
      es->prev_letter = is_letter(cp) && !dd;
      es->prev = (unsigned)cp;
      return n;
    }
    default: break;
  }
  if (subst) return out[0] = '?', 1;
  return 0;
}

/* Walk the NFC form of s and call back for each code point with its original offset. */
typedef struct enc_walk {
  char *nfc;
  size_t len, *map;
} enc_walk;

static tthc_status enc_prepare(const char *s, size_t len, enc_walk *w, tthc_error *err) {
  tthc__out o = {NULL, 0, 0, NULL, true, false};
  o.map = malloc(16 * sizeof(size_t));
  if (!o.map) return TTHC_ENOMEM;
  tthc_status st = tthc__normalize_into(s, len, TTHC_TEXT_TONE_KEEP, &o, err);
  if (st == TTHC_OK && o.nomem) st = TTHC_ENOMEM;
  if (st != TTHC_OK) {
    free(o.buf), free(o.map);
    return st;
  }
  w->nfc = o.buf, w->len = o.len, w->map = o.map;
  return TTHC_OK;
}

static tthc_status unencodable(tthc_error *err, const char *s, size_t len, tthc_encoding enc,
                               size_t at, uint32_t cp, size_t total) {
  char ch[8] = {0};
  tthc__utf8_encode(cp, ch);
  const char *why = enc == TTHC_ENC_TCVN3 && tthc__vn_letter(cp)
                        ? " (TCVN3 has no capital toned vowels)" : "";
  int32_t col = tthc__utf8_columns(s, at < len ? at : len) + 1;
  return tthc__error_set(err, TTHC_EENCODING, 1, col, (int64_t)at,
                         "character '%s' (U+%04X) at byte %zu (column %d) cannot be written in "
                         "%s%s; %zu such character%s in all",
                         ch, (unsigned)cp, at, (int)col, tthc_text_encoding_name(enc), why, total,
                         total == 1 ? "" : "s");
}

static tthc_status encode_into(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                               tthc__out *o, size_t *offsets, uint32_t *cps, size_t icap,
                               size_t *count, tthc_error *err) {
  if ((unsigned)enc > TTHC_ENC_VIQR)
    return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "cannot encode to %s", tthc_text_encoding_name(enc));
  enc_walk w;
  TTHC_TRY(enc_prepare(s, len, &w, err));
  enc_state es = {enc, 0, false, 0};
  size_t nbad = 0, first = 0;
  uint32_t first_cp = 0;
  bool subst = flags & TTHC_TEXT_SUBSTITUTE;
  for (size_t i = 0; i < w.len;) {
    uint32_t cp;
    size_t n = tthc__utf8_decode((const unsigned char *)w.nfc + i, w.len - i, &cp);
    size_t src = w.map[i];
    if (i + n < w.len) tthc__utf8_decode((const unsigned char *)w.nfc + i + n, w.len - i - n, &es.next);
    else es.next = 0;
    char b[8];
    size_t nb;
    if (enc == TTHC_ENC_UTF8) memcpy(b, w.nfc + i, n), nb = n;
    else nb = enc_cp(&es, cp, false, b);
    if (nb == 0) {
      if (nbad == 0) first = src, first_cp = cp;
      if (offsets && nbad < icap) offsets[nbad] = src;
      if (cps && nbad < icap) cps[nbad] = cp;
      nbad++;
      if (subst) nb = enc_cp(&es, cp, true, b);
    }
    if (o) tthc__out_bytes(o, b, nb, src);
    i += n;
  }
  free(w.nfc), free(w.map);
  if (count) *count = nbad;
  if (nbad && !subst && o) return unencodable(err, s, len, enc, first, first_cp, nbad);
  return TTHC_OK;
}

static tthc_status encode_xf(const char *s, size_t len, unsigned flags, const void *ctx,
                             tthc__out *o, tthc_error *err) {
  return encode_into(s, len, *(const tthc_encoding *)ctx, flags, o, NULL, NULL, 0, NULL, err);
}

tthc_status tthc_text_encode(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                             char *buf, size_t cap, size_t *needed, size_t *map, tthc_error *err) {
  return tthc__run(encode_xf, &enc, s, len, flags, buf, cap, needed, map, err);
}

tthc_status tthc_text_encode_alloc(const char *s, size_t len, tthc_encoding enc, unsigned flags,
                                   char **out, size_t *out_len, tthc_error *err) {
  return tthc__run_alloc(encode_xf, &enc, s, len, flags, out, out_len, err);
}

tthc_status tthc_text_encode_check(const char *s, size_t len, tthc_encoding enc, size_t *offsets,
                                   uint32_t *codepoints, size_t cap, size_t *count,
                                   tthc_error *err) {
  if (count) *count = 0;
  if (!s && len) return tthc__error_set(err, TTHC_EINVAL, 0, 0, -1, "NULL text");
  return encode_into(s ? s : "", len, enc, 0, NULL, offsets, codepoints, cap, count, err);
}

/* ---- detection ------------------------------------------------------------------------------ */

tthc_status tthc_text_detect(const char *s, size_t len, tthc_encoding *enc, double *confidence,
                             tthc_encoding *runner_up) {
  if (enc) *enc = TTHC_ENC_UNKNOWN;
  if (confidence) *confidence = 0;
  if (runner_up) *runner_up = TTHC_ENC_UNKNOWN;
  TTHC_RETURN_IF(!enc || (!s && len), TTHC_EINVAL);
  if (!s) s = "";
  bool ascii = true;
  for (size_t i = 0; i < len && ascii; i++) ascii = (unsigned char)s[i] < 0x80;
  char *dec[5] = {0};
  size_t dlen[5] = {0};
  long score[5], good[5], bad[5];
  tthc_status st = TTHC_OK;
  for (int e = 0; e < 5; e++) {
    score[e] = good[e] = bad[e] = 0;
    if (e == TTHC_ENC_UTF8) {
      dec[e] = malloc(len + 1);
      if (!dec[e]) {
        st = TTHC_ENOMEM;
        break;
      }
      memcpy(dec[e], s, len), dlen[e] = len;
    } else {
      st = tthc_text_decode_alloc(s, len, (tthc_encoding)e, TTHC_TEXT_REPLACE_INVALID, &dec[e],
                                  &dlen[e], NULL);
      if (st != TTHC_OK) break;
    }
    tthc__vn_score(dec[e], dlen[e], &good[e], &bad[e]);
    score[e] = good[e] * 2 - bad[e] * 3;
  }
  if (st == TTHC_OK) {
    int best = -1, second = -1;
    for (int e = 0; e < 5; e++) {
      if (best < 0 || score[e] > score[best]) second = best, best = e;
      else if (second < 0 || score[e] > score[second]) second = e;
    }
    /* decodings identical to the best's are not rivals (ASCII reads the same everywhere) */
    int rival = -1;
    for (int e = 0; e < 5; e++)
      if (e != best && !(dlen[e] == dlen[best] && memcmp(dec[e], dec[best], dlen[e]) == 0) &&
          (rival < 0 || score[e] > score[rival]))
        rival = e;
    if (ascii && (good[TTHC_ENC_VIQR] == 0 || best != TTHC_ENC_VIQR)) {
      *enc = TTHC_ENC_UTF8;
      if (confidence) *confidence = 1.0;
      if (runner_up) *runner_up = good[TTHC_ENC_VIQR] ? TTHC_ENC_VIQR : TTHC_ENC_UNKNOWN;
    } else {
      long b = score[best], r = rival >= 0 ? score[rival] : 0;
      double conf = good[best] + bad[best] > 0 ? (double)good[best] / (double)(good[best] + bad[best]) : 0;
      if (b > 0 && r > 0) conf *= (double)(b - r) / (double)b;
      if (runner_up) *runner_up = rival >= 0 && score[rival] > 0 ? (tthc_encoding)rival : TTHC_ENC_UNKNOWN;
      if (b > 0 && (r <= 0 || r * 10 < b * 8)) *enc = (tthc_encoding)best;
      if (confidence) *confidence = conf < 0 ? 0 : conf;
    }
    (void)second;
  }
  for (int e = 0; e < 5; e++) free(dec[e]);
  return st;
}
