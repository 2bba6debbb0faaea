/* procedure: the text module's folding, collation keys and legal references, as the procedure
 * module uses them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "procedure_internal.h"
#include "tthc/text.h"

char *tthc__proc_fold(const char *s, size_t len) {
  char *out = NULL;
  if (tthc_text_fold_alloc(s, len, 0, &out, NULL, NULL) != TTHC_OK) return NULL;
  return out;
}

char *tthc__proc_coll(const char *s, size_t len, size_t *klen) {
  unsigned char *out = NULL;
  if (tthc_text_collation_key_alloc(s, len, 0, &out, klen, NULL) != TTHC_OK) return NULL;
  return (char *)out;
}

tthc_status tthc__proc_find_ref(const char *text, char **number, const char **type,
                                tthc_date *date) {
  *number = NULL, *type = NULL, *date = 0;
  char *nfc = NULL;
  size_t len = 0;
  /* The reference parser expects NFC; keep the tone marks where they are. */
  tthc_status st = tthc_text_normalize_alloc(text, strlen(text), TTHC_TEXT_TONE_KEEP, &nfc, &len,
                                             NULL);
  if (st != TTHC_OK) return st == TTHC_ENOMEM ? st : TTHC_OK;
  tthc_text_ref r;
  if (tthc_text_ref_find(nfc, len, 0, &r) == TTHC_OK && r.number >= 0) {
    /* Keep the number as written ("07/2025/NĐ-CP", not "7/2025/NĐ-CP"): walk back from the
     * symbol over "/", the year, "/" and the digits of the number. */
    size_t end = r.symbol_offset + r.symbol_length, b = r.symbol_offset;
    bool shape = b > 0 && nfc[b - 1] == '/';
    if (shape) b--;
    if (shape && r.year) {
      size_t yd = 0;
      while (b > 0 && nfc[b - 1] >= '0' && nfc[b - 1] <= '9') b--, yd++;
      shape = yd == 4 && b > 0 && nfc[b - 1] == '/';
      if (shape) b--;
    }
    size_t nd = 0;
    while (shape && b > 0 && nfc[b - 1] >= '0' && nfc[b - 1] <= '9') b--, nd++;
    if (shape && nd > 0 && b >= r.offset) {
      *number = tthc__proc_strndup(nfc + b, end - b);
      if (!*number) st = TTHC_ENOMEM;
      *type = r.type;
      *date = r.has_date ? r.date : 0;
      free(nfc);
      return st;
    }
    char buf[256];
    int n = r.year ? snprintf(buf, sizeof buf, "%lld/%d/%.*s", (long long)r.number, (int)r.year,
                              (int)r.symbol_length, nfc + r.symbol_offset)
                   : snprintf(buf, sizeof buf, "%lld/%.*s", (long long)r.number,
                              (int)r.symbol_length, nfc + r.symbol_offset);
    if (n > 0 && (size_t)n < sizeof buf) {
      *number = tthc__proc_strndup(buf, (size_t)n);
      if (!*number) st = TTHC_ENOMEM;
      *type = r.type;
      *date = r.has_date ? r.date : 0;
    }
  }
  free(nfc);
  return st;
}
