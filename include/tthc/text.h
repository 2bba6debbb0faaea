/**
 * @file text.h
 * @brief Vietnamese text: NFC/NFD, tone-mark placement, search folding, collation keys, legacy
 *        encodings (TCVN3, VNI, VISCII, VIQR), Vietnamese numbers and amounts in words, dates in
 *        Vietnamese, and legal document references.
 *
 * Conventions shared by every function here:
 * - Input is UTF-8 given as pointer + length (it need not be NUL-terminated). Invalid UTF-8 is
 *   TTHC_EUTF8 with its byte offset in the ::tthc_error, unless ::TTHC_TEXT_REPLACE_INVALID asks
 *   for U+FFFD instead (one per maximal ill-formed subpart, as Python's "replace" does).
 * - Output goes into a caller buffer @p buf of capacity @p cap bytes and is NUL-terminated.
 *   @p needed (may be NULL) receives the output length without the NUL, also when the buffer is
 *   too small, in which case the function returns TTHC_ENOSPC (the buffer content is then
 *   unspecified). @p buf may be NULL when @p cap is 0, to ask for the size. Input and output
 *   must not overlap.
 * - @p map (may be NULL) is an array of at least @p cap entries: on success map[i] is the byte
 *   offset in the input of the character that produced output byte i, and map[n] (n = output
 *   length) is the input length. Offsets never decrease, so an output range [a, b) came from the
 *   input range [map[a], map[b]) — highlight a search hit found in normalised text in the original.
 * - The `_alloc` variants allocate the result (NUL-terminated, release with tthc_free()) and
 *   report its length in @p out_len (may be NULL).
 * - Every Unicode-to-Unicode transformation is idempotent: applying it to its own output
 *   changes nothing.
 *
 * Thread safety: every function here is pure (no global state) and safe to call from any thread.
 */
#ifndef TTHC_TEXT_H
#define TTHC_TEXT_H

#include "tthc/core.h"
#include "tthc/date.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Options of the text functions (combine with |). @since 0.1.0 */
typedef enum tthc_text_flags {
  TTHC_TEXT_DEFAULT = 0,               /**< NFC, traditional tone placement, strict UTF-8 */
  TTHC_TEXT_NFD = 1u << 0,             /**< decomposed output (NFD) instead of NFC */
  TTHC_TEXT_TONE_MODERN = 1u << 1,     /**< modern placement: "hoà", "khoẻ", "thuỷ" */
  TTHC_TEXT_TONE_KEEP = 1u << 2,       /**< leave tone marks where they are (pure NFC/NFD) */
  TTHC_TEXT_REPLACE_INVALID = 1u << 3, /**< invalid input becomes U+FFFD instead of an error */
  TTHC_TEXT_SUBSTITUTE = 1u << 4       /**< encoding: write a fallback for what the target lacks */
} tthc_text_flags;

/**
 * Normalise Vietnamese text: NFC (or NFD) and tone marks on the right vowel.
 *
 * Each word (a run of letters) that is a Vietnamese syllable — initial consonant, medial, nucleus,
 * final — gets its tone mark on the vowel the chosen placement asks for: traditional (default,
 * as in the official document templates: "hòa", "khỏe", "thủy", "Ủy ban") or modern
 * (::TTHC_TEXT_TONE_MODERN: "hoà", "khoẻ", "thuỷ"). The two differ only for oa, oe, uy without
 * a final consonant. Misplaced marks are moved ("cuả" → "của", "tòan" → "toàn"); case is kept
 * letter by letter ("HOÀ" → "HÒA"). Words that are not Vietnamese syllables (English words,
 * codes, words with two tone marks) keep their marks where they are and are only normalised.
 * Characters other than Vietnamese letters are normalised by utf8proc.
 *
 * @param s, len the text. @param flags ::tthc_text_flags (NFD, TONE_MODERN, TONE_KEEP,
 *        REPLACE_INVALID). @param buf, cap, needed, map see the file conventions.
 * @param err details on failure; may be NULL.
 * @return TTHC_OK; TTHC_ENOSPC; TTHC_EUTF8 (err->offset = byte offset of the bad sequence);
 *         TTHC_EINVAL (NULL @p s with @p len > 0, NULL @p buf with @p cap > 0, both
 *         TONE_MODERN and TONE_KEEP); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_normalize(const char *s, size_t len, unsigned flags, char *buf,
                                         size_t cap, size_t *needed, size_t *map,
                                         tthc_error *err);

/** tthc_text_normalize() into a new allocation (*out, release with tthc_free(); NULL on
 *  failure). @return as tthc_text_normalize(), never TTHC_ENOSPC. @since 0.1.0 */
TTHC_API tthc_status tthc_text_normalize_alloc(const char *s, size_t len, unsigned flags,
                                               char **out, size_t *out_len, tthc_error *err);

/**
 * Search key: diacritics removed (đ → d, also the look-alike Ð), lowercase, every run of
 * whitespace, punctuation and symbols collapsed to one space, none at either end. "Đoàn  Kết",
 * "ĐOÀN KẾT" and "doan ket" all give "doan ket". Letters of other scripts are case-folded and
 * lose their marks (utf8proc); ASCII runs take a table-driven fast path that never calls utf8proc.
 * Idempotent. @p flags: only ::TTHC_TEXT_REPLACE_INVALID is used (U+FFFD folds to a space).
 * @return as tthc_text_normalize(). @since 0.1.0
 */
TTHC_API tthc_status tthc_text_fold(const char *s, size_t len, unsigned flags, char *buf,
                                    size_t cap, size_t *needed, size_t *map, tthc_error *err);

/** tthc_text_fold() into a new allocation. @since 0.1.0 */
TTHC_API tthc_status tthc_text_fold_alloc(const char *s, size_t len, unsigned flags, char **out,
                                          size_t *out_len, tthc_error *err);

/**
 * Collation key: bytes whose memcmp() order is Vietnamese dictionary order.
 *
 * Letters compare in the order of the Vietnamese alphabet (a ă â b c d đ e ê g h i k l m n o ô ơ
 * p q r s t u ư v x y; f j w z at their Latin places), digits before letters; then, syllable by
 * syllable, the tone: ngang < huyền < hỏi < ngã < sắc < nặng (the order of CLDR's Vietnamese
 * collation, `&̀<<̉<<̃<<́<<̣`); case only breaks ties (lowercase first). Spaces and punctuation
 * separate syllables. Tone placement and NFC/NFD do not matter: "Hòa" and "Hoà" have the same key.
 * The key is binary (contains no NUL inside the levels but ends with level separators); there
 * is no offset map. @p buf is written without a terminating NUL; @p needed is the key length.
 * @return as tthc_text_normalize(). @since 0.1.0
 */
TTHC_API tthc_status tthc_text_collation_key(const char *s, size_t len, unsigned flags,
                                             unsigned char *buf, size_t cap, size_t *needed,
                                             tthc_error *err);

/** tthc_text_collation_key() into a new allocation. @since 0.1.0 */
TTHC_API tthc_status tthc_text_collation_key_alloc(const char *s, size_t len, unsigned flags,
                                                   unsigned char **out, size_t *out_len,
                                                   tthc_error *err);

/**
 * Compare two texts in Vietnamese dictionary order (as their collation keys would).
 * @param a first text (UTF-8). @param alen its length. @param b second text. @param blen its
 *        length. @param flags ::TTHC_TEXT_REPLACE_INVALID or 0. @param err details; may be NULL.
 * @param[out] result -1, 0 or 1. @return TTHC_OK, TTHC_EUTF8, TTHC_EINVAL, TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_compare(const char *a, size_t alen, const char *b, size_t blen,
                                       unsigned flags, int *result, tthc_error *err);

/* ---- legacy encodings ------------------------------------------------------------------ */

/** Encodings. @since 0.1.0 */
typedef enum tthc_encoding {
  TTHC_ENC_UTF8 = 0,   /**< UTF-8 (Unicode) */
  TTHC_ENC_TCVN3 = 1,  /**< TCVN 5712:1993 VN3, the "ABC" fonts (.VnTime); decodes VN1 too */
  TTHC_ENC_VNI = 2,    /**< VNI-Windows (base letter + mark byte) */
  TTHC_ENC_VISCII = 3, /**< VISCII (RFC 1456) */
  TTHC_ENC_VIQR = 4,   /**< VIQR (RFC 1456), 7-bit mnemonics: "Vie^.t Nam" */
  TTHC_ENC_UNKNOWN = 5 /**< the detector could not tell (ambiguous or not Vietnamese) */
} tthc_encoding;

/** Lowercase name of an encoding ("tcvn3"), "unknown" for other values. Never NULL. @since 0.1.0 */
TTHC_API const char *tthc_text_encoding_name(tthc_encoding enc);

/** Encoding named @p name ("utf8"/"utf-8", "tcvn3"/"abc", "vni", "viscii", "viqr"; any case).
 *  @return TTHC_OK, TTHC_ENOTFOUND (*out = ::TTHC_ENC_UNKNOWN), TTHC_EINVAL. @since 0.1.0 */
TTHC_API tthc_status tthc_text_encoding_from_name(const char *name, tthc_encoding *out);

/**
 * Decode legacy-encoded bytes to Unicode (NFC, or NFD with ::TTHC_TEXT_NFD). Tone placement is
 * kept as written (normalise afterwards to change it). For ::TTHC_ENC_UTF8 this validates and
 * normalises. VIQR follows RFC 1456: a mark character after a vowel is a diacritic, "\" escapes
 * the next character, "dd"/"DD" is đ/Đ; a "?" or "." at the end of a word is read as a tone mark
 * only where the syllable takes its tone on that vowel ("cu?" → "củ", but "dda^u?" → "đâu?").
 * @param s bytes in @p enc. @param len their length. @param enc the encoding.
 * @param flags NFD, REPLACE_INVALID (undefined bytes and malformed VNI sequences become U+FFFD
 *        instead of TTHC_EFORMAT). @param buf output buffer (UTF-8). @param cap its capacity.
 * @param needed output length. @param map offset map or NULL (see the file conventions).
 * @param err details on failure; may be NULL.
 * @return TTHC_OK; TTHC_ENOSPC; TTHC_EFORMAT (a byte the encoding leaves undefined, a VNI
 *         mark byte after a letter that cannot carry it; err->offset); TTHC_EUTF8 (UTF-8 input);
 *         TTHC_EINVAL (bad encoding, NULLs); TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_decode(const char *s, size_t len, tthc_encoding enc,
                                      unsigned flags, char *buf, size_t cap, size_t *needed,
                                      size_t *map, tthc_error *err);

/** tthc_text_decode() into a new allocation. @since 0.1.0 */
TTHC_API tthc_status tthc_text_decode_alloc(const char *s, size_t len, tthc_encoding enc,
                                            unsigned flags, char **out, size_t *out_len,
                                            tthc_error *err);

/**
 * Encode Unicode text (any normalisation form) for export in a legacy encoding. The output is
 * bytes in @p enc, NUL-terminated. Characters the target cannot hold are never dropped: without
 * ::TTHC_TEXT_SUBSTITUTE the call fails with TTHC_EENCODING and @p err names the first one
 * (position and character; tthc_text_encode_check() lists them all). With it, a fallback is
 * written: for TCVN3's missing capital toned vowels the lowercase toned byte (how the ABC
 * capital fonts such as .VnTimeH display capitals), for anything else '?'.
 * @return TTHC_OK; TTHC_EENCODING; TTHC_ENOSPC; TTHC_EUTF8; TTHC_EINVAL; TTHC_ENOMEM.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_encode(const char *s, size_t len, tthc_encoding enc,
                                      unsigned flags, char *buf, size_t cap, size_t *needed,
                                      size_t *map, tthc_error *err);

/** tthc_text_encode() into a new allocation. @since 0.1.0 */
TTHC_API tthc_status tthc_text_encode_alloc(const char *s, size_t len, tthc_encoding enc,
                                            unsigned flags, char **out, size_t *out_len,
                                            tthc_error *err);

/**
 * List every character of @p s that @p enc cannot hold: its byte offset in @p s and its code
 * point, in order. Up to @p cap entries are stored into @p offsets and @p codepoints (either may
 * be NULL); @p count receives the total number found (which may exceed @p cap).
 * @return TTHC_OK (also when some were found), TTHC_EUTF8, TTHC_EINVAL. @since 0.1.0
 */
TTHC_API tthc_status tthc_text_encode_check(const char *s, size_t len, tthc_encoding enc,
                                            size_t *offsets, uint32_t *codepoints, size_t cap,
                                            size_t *count, tthc_error *err);

/**
 * Tell which encoding bytes are in. Every candidate decodes the input and is scored by how much
 * of it reads as Vietnamese syllables; the best wins unless another decoding that differs scores
 * almost as well, in which case the answer is ::TTHC_ENC_UNKNOWN ("ambiguous") rather than a
 * guess. Plain ASCII with no VIQR marks is ::TTHC_ENC_UTF8 (every encoding reads it the same).
 * @param s the bytes. @param len their length.
 * @param[out] enc the encoding or ::TTHC_ENC_UNKNOWN. @param[out] confidence 0–1 (may be NULL):
 *        the winner's share of the evidence; for UNKNOWN, that of the best candidate.
 * @param[out] runner_up the second candidate (may be NULL; ::TTHC_ENC_UNKNOWN if none).
 * @return TTHC_OK, TTHC_EINVAL, TTHC_ENOMEM. @since 0.1.0
 */
TTHC_API tthc_status tthc_text_detect(const char *s, size_t len, tthc_encoding *enc,
                                      double *confidence, tthc_encoding *runner_up);

/* ---- numbers and amounts --------------------------------------------------------------- */

/** A decimal number: value = units / 10^scale. @since 0.1.0 */
typedef struct tthc_decimal {
  int64_t units; /**< all the digits as an integer */
  int32_t scale; /**< digits after the decimal comma, 0–18 */
} tthc_decimal;

/** Flags of tthc_text_number_format() and tthc_text_amount_words(). @since 0.1.0 */
typedef enum tthc_number_flags {
  TTHC_NUMBER_PERCENT = 1u << 0,   /**< format: append "%" */
  TTHC_WORDS_CAPITALIZE = 1u << 1, /**< words: capital first letter ("Năm mươi nghìn") */
  TTHC_WORDS_DONG = 1u << 2,       /**< words: append " đồng" */
  TTHC_WORDS_SOUTHERN = 1u << 3    /**< words: "ngàn", "lẻ" instead of "nghìn", "linh" */
} tthc_number_flags;

/**
 * Parse a number written the Vietnamese way: "." groups thousands (groups of exactly three
 * digits), "," is the decimal comma, optional sign, optional "%" (spaces allowed before it):
 * "87,03", "1.234.567,5", "-2.000", "87,03%". The whole input must be the number.
 * @param s the text. @param len its length. @param err details on failure; may be NULL.
 * @param[out] out the value. @param[out] percent 1 if a "%" followed (may be NULL).
 * @return TTHC_OK; TTHC_ESYNTAX (with the column: "1.5" is an error, a "." separates
 *         thousands); TTHC_ERANGE (more than 18 digits); TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_number_parse(const char *s, size_t len, tthc_decimal *out,
                                            int *percent, tthc_error *err);

/**
 * Format a decimal the Vietnamese way ("1.234.567,5"; with ::TTHC_NUMBER_PERCENT "87,03%"),
 * keeping v.scale decimals. @return TTHC_OK, TTHC_ENOSPC, TTHC_ERANGE (scale outside 0–18),
 * TTHC_EINVAL. @since 0.1.0
 */
TTHC_API tthc_status tthc_text_number_format(tthc_decimal v, unsigned flags, char *buf,
                                             size_t cap, size_t *needed);

/**
 * An amount in words as fee receipts write it: 50000 → "năm mươi nghìn", 1005000 → "một triệu
 * không trăm linh năm nghìn", 21 → "hai mươi mốt", 15 → "mười lăm", 24 → "hai mươi tư",
 * 10^18 → "một tỷ tỷ"; negative amounts start with "âm". Covers the whole int64 range.
 * @param amount the amount (any int64). @param flags ::TTHC_WORDS_CAPITALIZE, ::TTHC_WORDS_DONG,
 *        ::TTHC_WORDS_SOUTHERN. @param buf output (UTF-8, NUL-terminated). @param cap its
 *        capacity. @param needed receives the length without the NUL (may be NULL).
 * @return TTHC_OK, TTHC_ENOSPC (512 bytes always suffice), TTHC_EINVAL. @since 0.1.0
 */
TTHC_API tthc_status tthc_text_amount_words(int64_t amount, unsigned flags, char *buf,
                                            size_t cap, size_t *needed);

/* ---- dates ----------------------------------------------------------------------------- */

/** Flags of tthc_text_date_format(). @since 0.1.0 */
typedef enum tthc_text_date_flags {
  TTHC_TEXT_DATE_WORDS = 0,       /**< "ngày 08 tháng 8 năm 2023" (default) */
  TTHC_TEXT_DATE_NUMERIC = 1u << 0, /**< "08/8/2023" */
  TTHC_TEXT_DATE_NO_PAD = 1u << 1,  /**< no leading zero: "ngày 8 tháng 1 năm 2023" */
  TTHC_TEXT_DATE_CAPITALIZE = 1u << 2 /**< "Ngày 20 tháng 4 năm 2023" (without a place) */
} tthc_text_date_flags;

/**
 * Parse a date written in Vietnamese: "ngày 20 tháng 4 năm 2023" (any case, "ngày" optional),
 * "20/4/2023", "20-04-2023", "20.4.2023", or a heading line "Tân Hồng, ngày 20 tháng 4 năm 2023"
 * whose place comes back as the first @p place_len bytes of @p s (without the spaces before the
 * comma; 0 if none). Spaces may surround a date without a place; a place must start the input.
 * Nothing else may follow the date.
 * @return TTHC_OK; TTHC_ESYNTAX; TTHC_EDATE (no such day: "ngày 30 tháng 2"); TTHC_ERANGE
 *         (year outside 1–9999); TTHC_EUTF8; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_date_parse(const char *s, size_t len, tthc_date *out,
                                          size_t *place_len, tthc_error *err);

/**
 * Format a date the way Vietnamese official documents do: "ngày 08 tháng 8 năm 2023" — days
 * below 10 and the months 1 and 2 take a leading zero (the rule of Decree 30/2020/NĐ-CP,
 * appendix I) unless ::TTHC_TEXT_DATE_NO_PAD. With a place (UTF-8, @p place_len bytes; NULL or 0
 * for none): "Tân Hồng, ngày 20 tháng 4 năm 2023".
 * @return TTHC_OK, TTHC_ENOSPC, TTHC_ERANGE, TTHC_EUTF8 (place), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_date_format(tthc_date d, const char *place, size_t place_len,
                                           unsigned flags, char *buf, size_t cap,
                                           size_t *needed);

/* ---- legal document references --------------------------------------------------------- */

/**
 * A legal document reference found in text ("Nghị định số 61/2018/NĐ-CP ngày 23/4/2018").
 * Text fields are slices of the input (offset + length in bytes), borrowed, not copied.
 * @since 0.1.0
 */
typedef struct tthc_text_ref {
  size_t offset;                       /**< start of the whole reference in the input */
  size_t length;                       /**< its length in bytes */
  const char *type;                    /**< "Nghị định", "Quyết định" … (static) or NULL */
  int64_t number;                      /**< 61; -1 for a draft with a blank number */
  int32_t year;                        /**< 2018; 0 when the number carries no year */
  size_t symbol_offset;                /**< the symbol: "NĐ-CP", "QĐ-UBND", "VPCP-KGVX", "QH14" */
  size_t symbol_length;                /**< its length in bytes */
  size_t issuer_offset;                /**< the issuer: "CP", "UBND", "VPCP", "QH14" */
  size_t issuer_length;                /**< its length in bytes */
  tthc_date date;                      /**< the date after "ngày", if has_date */
  int32_t has_date;                    /**< 1 if a date followed */
  unsigned char reserved_[32];         /**< room to grow; zero */
} tthc_text_ref;

/**
 * Parse one reference; the whole input must be it (surrounding spaces allowed). Forms:
 * [type [số]] NUMBER[/YEAR]/SYMBOL [ngày DATE], e.g. "Quyết định số 1661/QĐ-UBND ngày 08/8/2023",
 * "51/2020/QĐ-UBND", "Công văn 12729/VPCP-KGVX", "Luật số 45/2019/QH14", and drafts with a blank
 * number "Số: /CV-UBND" (also "Số: …/QĐ-UBND"). The type comes from the words before the number
 * or, failing that, from the symbol's first part (NĐ → Nghị định, QĐ → Quyết định, TT → Thông tư …).
 * Input is expected in NFC (normalise first and map offsets back).
 * @return TTHC_OK, TTHC_ESYNTAX (err says where), TTHC_EDATE, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_ref_parse(const char *s, size_t len, tthc_text_ref *out,
                                         tthc_error *err);

/**
 * Find the next reference in @p s starting at byte @p from: the iterator over every reference of
 * a text (continue from out->offset + out->length). Invalid UTF-8 is skipped over.
 * @return TTHC_OK (found), TTHC_ENOTFOUND (no more; *out zeroed), TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_text_ref_find(const char *s, size_t len, size_t from,
                                        tthc_text_ref *out);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_TEXT_H */
