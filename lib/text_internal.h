/* Private declarations of the text module: Vietnamese letter tables (lib/text_data.c, generated
 * by lib/gen/gen_text_data.c) and helpers shared between text.c and text_legacy.c. */
#ifndef TTHC_TEXT_INTERNAL_H
#define TTHC_TEXT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core_internal.h"
#include "tthc/text.h"

/* Vowels in the order of the Vietnamese alphabet; TTHC__D_STROKE (đ) is letter 12. Tones in the
 * order of CLDR's Vietnamese collation: none (ngang), grave (huyền), hook above (hỏi), tilde (ngã),
 * acute (sắc), dot below (nặng). */
enum {
  TTHC__V_A, TTHC__V_AW, TTHC__V_AA, TTHC__V_E, TTHC__V_EE, TTHC__V_I, TTHC__V_O, TTHC__V_OO,
  TTHC__V_OW, TTHC__V_U, TTHC__V_UW, TTHC__V_Y, TTHC__D_STROKE, TTHC__NLETTERS
};
enum { TTHC__T_NONE, TTHC__T_GRAVE, TTHC__T_HOOK, TTHC__T_TILDE, TTHC__T_ACUTE, TTHC__T_DOT };
enum { TTHC__M_NONE, TTHC__M_BREVE, TTHC__M_CIRC, TTHC__M_HORN };

/* [upper][letter][tone] -> code point (0 where no letter exists: đ with a tone). */
extern const uint16_t tthc__vn_cp[2][TTHC__NLETTERS][6];
/* Code point -> packed letter: 0 = not a Vietnamese letter, else 1 + (letter*6 + tone)*2 + upper.
 * Indexed by cp - 0xC0 for U+00C0..U+01B0 and by cp - 0x1EA0 for U+1EA0..U+1EF9. */
#define TTHC__VN_LAT_FIRST 0xC0u
#define TTHC__VN_LAT_LAST 0x1B0u
#define TTHC__VN_EXT_FIRST 0x1EA0u
#define TTHC__VN_EXT_LAST 0x1EF9u
extern const uint8_t tthc__vn_lat[TTHC__VN_LAT_LAST - TTHC__VN_LAT_FIRST + 1];
extern const uint8_t tthc__vn_ext[TTHC__VN_EXT_LAST - TTHC__VN_EXT_FIRST + 1];
/* ASCII base and modifier of each letter (đ: 'd', none). */
extern const char tthc__vn_base[TTHC__NLETTERS];
extern const uint8_t tthc__vn_mod[TTHC__NLETTERS];

/* Legacy charts: byte -> code point (0xFFFF = undefined). */
extern const uint16_t tthc__tcvn3_dec[256];
extern const uint16_t tthc__viscii_dec[256];
extern const uint16_t tthc__vni_dec[256]; /* bytes outside the VNI letter/mark set (cp1252) */
/* Letters -> bytes: [upper][letter][tone]; 0 = not representable. */
extern const uint8_t tthc__tcvn3_enc[2][TTHC__NLETTERS][6];
extern const uint8_t tthc__viscii_enc[2][TTHC__NLETTERS][6];
/* VNI: [upper][letter][tone] -> one or two bytes (second 0 when one). */
extern const uint8_t tthc__vni_enc[2][TTHC__NLETTERS][6][2];
/* VNI decoding: a byte that is a letter on its own (packed as tthc__vn_lat) and a byte that is a
 * mark after a base vowel: 0 = none, else 1 + (modifier*6 + tone)*2 + upper. */
extern const uint8_t tthc__vni_single[256];
extern const uint8_t tthc__vni_mark[256];
/* Other characters a chart holds: sorted (code point, byte) pairs for encoding. */
typedef struct tthc__cp_byte {
  uint16_t cp;
  uint8_t byte;
} tthc__cp_byte;
extern const tthc__cp_byte tthc__tcvn3_other[];
extern const size_t tthc__tcvn3_nother;
extern const tthc__cp_byte tthc__viscii_other[];
extern const size_t tthc__viscii_nother;
extern const tthc__cp_byte tthc__vni_other[];
extern const size_t tthc__vni_nother;

/* ---- shared helpers (text.c) ----------------------------------------------------------- */

/* Packed letter of a code point (see tthc__vn_lat), 0 if not a precomposed Vietnamese letter. */
static inline unsigned tthc__vn_letter(uint32_t cp) {
  if (cp >= TTHC__VN_LAT_FIRST && cp <= TTHC__VN_LAT_LAST) return tthc__vn_lat[cp - TTHC__VN_LAT_FIRST];
  if (cp >= TTHC__VN_EXT_FIRST && cp <= TTHC__VN_EXT_LAST) return tthc__vn_ext[cp - TTHC__VN_EXT_FIRST];
  return 0;
}

/* Encode cp as UTF-8 into out (4 bytes room); returns the length. */
size_t tthc__utf8_encode(uint32_t cp, char *out);

/* A growable output buffer with an optional offset map. Writes past the caller's capacity are
 * counted but not stored (to report the needed size). */
typedef struct tthc__out {
  char *buf;
  size_t cap, len;
  size_t *map;  /* NULL or cap entries */
  bool grow;    /* the _alloc variants: realloc instead of counting */
  bool nomem;
} tthc__out;

void tthc__out_bytes(tthc__out *o, const char *p, size_t n, size_t src);
void tthc__out_cp(tthc__out *o, uint32_t cp, size_t src);
static inline void tthc__out_byte(tthc__out *o, char c, size_t src) {
  if (o->len + 1 < o->cap) {
    o->buf[o->len] = c;
    if (o->map) o->map[o->len] = src;
    o->len++;
  } else {
    tthc__out_bytes(o, &c, 1, src);
  }
}
/* Finish: NUL-terminate, map[len] = srclen, report needed; returns OK/ENOSPC/ENOMEM. */
tthc_status tthc__out_finish(tthc__out *o, size_t srclen, size_t *needed);

/* Report invalid UTF-8 at byte offset @p at of @p s into @p err. */
tthc_status tthc__utf8_error(tthc_error *err, const char *s, size_t len, size_t at);

/* Is the word (letters, tones) a Vietnamese syllable? Fill the index of the vowel that carries
 * the tone in each placement. letters[] hold letter ids (0..12) or ASCII consonants + 100. */
typedef struct tthc__syl {
  int tone_trad, tone_modern; /* index into the word's letters */
} tthc__syl;
bool tthc__syllable(const int *letters, int n, tthc__syl *out);

/* Run a transformation into a fresh allocation (the _alloc convenience functions). */
typedef tthc_status (*tthc__xform_fn)(const char *s, size_t len, unsigned flags, const void *ctx,
                                      tthc__out *o, tthc_error *err);
tthc_status tthc__run(tthc__xform_fn fn, const void *ctx, const char *s, size_t len,
                      unsigned flags, char *buf, size_t cap, size_t *needed, size_t *map,
                      tthc_error *err);
tthc_status tthc__run_alloc(tthc__xform_fn fn, const void *ctx, const char *s, size_t len,
                            unsigned flags, char **out, size_t *out_len, tthc_error *err);

/* Score how Vietnamese a UTF-8 text reads: words with diacritics that are syllables (good) and
 * words or characters that make no sense in Vietnamese (bad). Invalid UTF-8 counts as bad. */
void tthc__vn_score(const char *s, size_t len, long *good, long *bad);

/* The normalisation xform (also used by the legacy codecs to compose their output). */
tthc_status tthc__normalize_into(const char *s, size_t len, unsigned flags, tthc__out *o,
                                 tthc_error *err);

#endif
