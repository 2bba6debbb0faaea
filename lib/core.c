/* core: status codes, error details, version. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core_internal.h"

const char *tthc_strerror(int status) {
  switch (status) {
#define TTHC__STATUS_MSG(name, num, msg) \
  case num:                              \
    return msg;
    TTHC_STATUS_MAP(TTHC__STATUS_MSG)
#undef TTHC__STATUS_MSG
    default:
      return "unknown status";
  }
}

const char *tthc_status_name(int status) {
  switch (status) {
#define TTHC__STATUS_NAME(name, num, msg) \
  case num:                               \
    return #name;
    TTHC_STATUS_MAP(TTHC__STATUS_NAME)
#undef TTHC__STATUS_NAME
    default:
      return NULL;
  }
}

void tthc_error_clear(tthc_error *err) {
  if (!err) return;
  memset(err, 0, sizeof *err);
  err->offset = -1;
  err->record = -1;
}

tthc_status tthc__error_vset(tthc_error *err, tthc_status st, int32_t line, int32_t column,
                             int64_t offset, const char *fmt, va_list ap) {
  if (!err) return st;
  tthc_error_clear(err); /* record -1: a streaming caller sets it after (tthc__error_record) */
  err->status = st;
  err->line = line;
  err->column = column;
  err->offset = offset;
  if (fmt) vsnprintf(err->message, sizeof err->message, fmt, ap);
  else snprintf(err->message, sizeof err->message, "%s", tthc_strerror(st));
  return st;
}

tthc_status tthc__error_set(tthc_error *err, tthc_status st, int32_t line, int32_t column,
                            int64_t offset, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  tthc__error_vset(err, st, line, column, offset, fmt, ap);
  va_end(ap);
  return st;
}

size_t tthc__utf8_decode(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned c = s[0];
  if (c < 0x80) {
    *cp = c;
    return 1;
  }
  size_t need;
  uint32_t v;
  unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
  if (c >= 0xC2 && c <= 0xDF) need = 1, v = c & 0x1F;
  else if (c >= 0xE0 && c <= 0xEF) {
    need = 2, v = c & 0x0F;
    if (c == 0xE0) lo = 0xA0;
    if (c == 0xED) hi = 0x9F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    need = 3, v = c & 0x07;
    if (c == 0xF0) lo = 0x90;
    if (c == 0xF4) hi = 0x8F;
  } else {
    *cp = TTHC__UTF8_INVALID;
    return 1;
  }
  size_t i = 1;
  for (; i <= need; i++) {
    if (i >= n) break;
    unsigned b = s[i];
    if (i == 1 ? (b < lo || b > hi) : (b & 0xC0) != 0x80) break;
    v = (v << 6) | (b & 0x3F);
  }
  if (i <= need) { /* truncated or broken: the maximal subpart is s[0..i) */
    *cp = TTHC__UTF8_INVALID;
    return i;
  }
  *cp = v;
  return need + 1;
}

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 if invalid. */
static size_t utf8_seq_len(const unsigned char *s, size_t n) {
  uint32_t cp;
  size_t l = tthc__utf8_decode(s, n, &cp);
  return cp == TTHC__UTF8_INVALID ? 0 : l;
}

void tthc__quote(char *out, size_t cap, const char *s, size_t len, size_t max) {
  size_t o = 0;
  const unsigned char *p = (const unsigned char *)s;
  if (cap < 8) {
    if (cap) out[0] = '\0';
    return;
  }
  out[o++] = '"';
  size_t i = 0;
  for (; s && i < len && i < max;) {
    size_t l = utf8_seq_len(p + i, len - i);
    if (l == 1 && p[i] >= 0x20 && p[i] != 0x7F && p[i] != '"' && p[i] != '\\') {
      if (o + 1 >= cap - 5) break;
      out[o++] = (char)p[i];
    } else if (l > 1) {
      if (o + l >= cap - 5) break;
      memcpy(out + o, p + i, l);
      o += l;
    } else {
      if (o + 4 >= cap - 5) break;
      snprintf(out + o, 5, "\\x%02X", p[i]);
      o += 4;
      l = 1;
    }
    i += l;
  }
  if (s && i < len) {
    /* "..." marks truncation */
    out[o++] = '.', out[o++] = '.', out[o++] = '.';
  }
  out[o++] = '"';
  out[o] = '\0';
}

#if defined(__SSE2__)
/* UTF-8 of one- to three-byte sequences (all of Vietnamese) checked sixteen bytes at a time
 * without branches on the bytes: the continuation bytes must be exactly those the lead bytes
 * call for, E0 and ED must be followed by their narrower ranges, and no byte is NUL.
 * 1 valid, 0 invalid, -1 undecided (a byte of C0, C1 or F0-FF: the scalar check decides). */
static int utf8_valid_sse2(const unsigned char *p, size_t n) {
#define GT(a, b) _mm_cmpgt_epi8((a), _mm_set1_epi8((char)(b)))
#define LT(a, b) _mm_cmpgt_epi8(_mm_set1_epi8((char)(b)), (a))
#define MASK(x) ((unsigned)_mm_movemask_epi8(x))
  /* as signed bytes: 80-BF are -128..-65, C2-DF -62..-33, E0-EF -32..-17, F0-FF -16..-1 */
  unsigned carry = 0; /* positions of the next block that must be continuation bytes */
  unsigned e0 = 0, ed = 0; /* the previous block ended with E0 / ED */
  unsigned bad = 0;
  for (size_t i = 0; i < n; i += 16) {
    __m128i v;
    unsigned valid = 0xFFFF, shift = 0;
    if (i + 16 <= n) {
      v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    } else if (n >= 16) { /* the last bytes: the block ending with them, bits shifted down */
      v = _mm_loadu_si128((const __m128i *)(const void *)(p + n - 16));
      shift = (unsigned)(16 - (n - i));
    } else {
      unsigned char tail[16] = {0};
      memcpy(tail, p + i, n - i);
      v = _mm_loadu_si128((const __m128i *)(const void *)tail);
      valid = (1u << (n - i)) - 1;
    }
#undef MASK
#define MASK(x) (((unsigned)_mm_movemask_epi8(x) >> shift) & valid)
    bad |= MASK(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
    if (!(MASK(v) | carry)) continue; /* ASCII, nothing pending */
    unsigned cont = MASK(LT(v, -64));
    unsigned lead2 = MASK(_mm_and_si128(GT(v, -63), LT(v, -32)));
    unsigned lead3 = MASK(_mm_and_si128(GT(v, -33), LT(v, -16)));
    if (MASK(_mm_and_si128(GT(v, -65), LT(v, -62))) | MASK(_mm_and_si128(GT(v, -17), LT(v, 0))))
      return -1;
    unsigned expect = lead2 << 1 | lead3 << 1 | lead3 << 2 | carry;
    bad |= (expect & 0xFFFF) ^ cont;
    carry = expect >> 16;
    /* after E0 not 80-9F (overlong), after ED not A0-BF (surrogates) */
    unsigned x0 = MASK(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xE0)));
    unsigned xd = MASK(_mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xED)));
    bad |= ((x0 << 1 | e0) & MASK(LT(v, -96))) | ((xd << 1 | ed) & MASK(_mm_and_si128(GT(v, -97), LT(v, -64))));
    e0 = (x0 >> 15) & 1, ed = (xd >> 15) & 1;
  }
#undef GT
#undef LT
#undef MASK
  return !(bad | carry);
}
#endif

/* Index of the first non-ASCII or NUL byte of p[i, n), or n: sixteen bytes at a time with SSE2,
 * eight at a time otherwise (the word trick finds the first stop byte on little-endian hosts;
 * elsewhere it only skips whole words of plain ASCII). */
static size_t skip_ascii(const unsigned char *p, size_t i, size_t n) {
#if defined(__SSE2__)
  while (i + 16 <= n) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
    unsigned stop = (unsigned)_mm_movemask_epi8(v) |
                    (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_setzero_si128()));
    if (stop) return i + (size_t)__builtin_ctz(stop);
    i += 16;
  }
#endif
  const uint64_t hi = 0x8080808080808080ull, lo = 0x0101010101010101ull;
  while (i + 8 <= n) {
    uint64_t w;
    memcpy(&w, p + i, 8);
    uint64_t stop = (w & hi) | ((w - lo) & ~w & hi);
    if (stop) {
      const uint16_t probe = 1;
      if (*(const unsigned char *)&probe) i += (size_t)__builtin_ctzll(stop) >> 3;
      return i;
    }
    i += 8;
  }
  return i;
}

int tthc__utf8_valid(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
#if defined(__SSE2__)
  int fast = utf8_valid_sse2(p, n);
  if (fast >= 0) return fast;
#endif
  for (size_t i = 0; i < n;) {
    i = skip_ascii(p, i, n);
    if (i >= n) break;
    unsigned c = p[i];
    if (c == 0) return 0;
    if (c < 0x80) {
      i++;
      continue;
    }
    /* two- and three-byte sequences (all of Vietnamese) inline; the rest by the decoder */
    if (c >= 0xC2 && c <= 0xDF) {
      if (i + 1 >= n || (p[i + 1] & 0xC0) != 0x80) return 0;
      i += 2;
      continue;
    }
    if (c >= 0xE0 && c <= 0xEF && i + 2 < n) {
      unsigned b1 = p[i + 1], b2 = p[i + 2];
      unsigned min = c == 0xE0 ? 0xA0 : 0x80, max = c == 0xED ? 0x9F : 0xBF;
      if (b1 < min || b1 > max || (b2 & 0xC0) != 0x80) return 0;
      i += 3;
      continue;
    }
    size_t l = utf8_seq_len(p + i, n - i);
    if (!l) return 0;
    i += l;
  }
  return 1;
}

int32_t tthc__utf8_columns(const char *s, size_t n) {
  const unsigned char *p = (const unsigned char *)s;
  int32_t cols = 0;
  for (size_t i = 0; i < n;) {
    size_t l = utf8_seq_len(p + i, n - i);
    i += l ? l : 1;
    cols++;
  }
  return cols;
}

tthc_status tthc__pool_add(char **pool, size_t *len, size_t *cap, const char *s, size_t n,
                           uint32_t *off) {
  if (n > UINT32_MAX || *len + n + 1 > UINT32_MAX) return TTHC_ENOMEM;
  if (*len + n + 1 > *cap) {
    size_t c = *cap ? *cap * 2 : 256;
    while (c < *len + n + 1) c *= 2;
    char *p = realloc(*pool, c);
    if (!p) return TTHC_ENOMEM;
    *pool = p;
    *cap = c;
  }
  if (n) memcpy(*pool + *len, s, n);
  (*pool)[*len + n] = '\0';
  *off = (uint32_t)*len;
  *len += n + 1;
  return TTHC_OK;
}

tthc_status tthc__sort_index(size_t *idx, size_t n, int (*cmp)(size_t a, size_t b, void *ctx),
                             void *ctx) {
  if (n < 2) return TTHC_OK;
  size_t *tmp = malloc(n * sizeof *tmp);
  if (!tmp) return TTHC_ENOMEM;
  /* bottom-up merge sort: stable, O(n log n) */
  for (size_t w = 1; w < n; w *= 2) {
    for (size_t lo = 0; lo < n; lo += 2 * w) {
      size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
      size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = cmp(idx[j], idx[i], ctx) < 0 ? idx[j++] : idx[i++];
      while (i < mid) tmp[k++] = idx[i++];
      while (j < hi) tmp[k++] = idx[j++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
  }
  free(tmp);
  return TTHC_OK;
}

void tthc_free(void *ptr) { free(ptr); }

const char *tthc_version(void) { return TTHC_VERSION_STRING; }

int tthc_version_number(void) { return TTHC_VERSION_NUMBER; }
