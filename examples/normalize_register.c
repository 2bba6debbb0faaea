/* normalize_register: turn a register typed in a legacy Vietnamese encoding (TCVN3 "ABC",
 * VNI, VISCII, VIQR) or in Unicode into normalised Unicode, sorted in Vietnamese dictionary
 * order, each name with its search key — a small program over the installed libtthc
 * (build: cc -std=c11 normalize_register.c $(pkg-config --cflags --libs tthc)).
 *
 *   normalize_register < register.txt
 *
 * One name per line on stdin. The encoding is detected over the whole input. Prints
 * "encoding: NAME", then one line per name: the NFC name (traditional tone placement), a tab,
 * its search key. Exit status 1 when the encoding cannot be told or a line cannot be read. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <tthc.h>

typedef struct entry {
  char *name, *key;
  unsigned char *order; /* collation key */
  size_t order_len;
} entry;

static int by_order(const void *a, const void *b) {
  const entry *x = a, *y = b;
  size_t n = x->order_len < y->order_len ? x->order_len : y->order_len;
  int c = memcmp(x->order, y->order, n);
  return c ? c : (x->order_len > y->order_len) - (x->order_len < y->order_len);
}

/* All of stdin, NUL-terminated (the caller frees it). */
static char *slurp(size_t *len) {
  size_t cap = 4096, n = 0, got;
  char *buf = malloc(cap);
  while (buf && (got = fread(buf + n, 1, cap - n - 1, stdin)) > 0) {
    n += got;
    if (n + 1 == cap) {
      char *nb = realloc(buf, cap *= 2);
      if (!nb) free(buf);
      buf = nb;
    }
  }
  if (buf) buf[n] = '\0';
  *len = n;
  return buf;
}

int main(void) {
  size_t len;
  char *in = slurp(&len);
  if (!in) return 1;
  tthc_encoding enc, second;
  double confidence;
  tthc_text_detect(in, len, &enc, &confidence, &second);
  if (enc == TTHC_ENC_UNKNOWN) {
    fprintf(stderr, "normalize_register: cannot tell the encoding (maybe %s)\n",
            tthc_text_encoding_name(second));
    free(in);
    return 1;
  }
  printf("encoding: %s\n", tthc_text_encoding_name(enc));
  entry *rows = calloc(len / 2 + 1, sizeof *rows);
  size_t n = 0;
  int bad = 0;
  for (char *line = in, *end; rows && line < in + len; line = end + 1) {
    end = memchr(line, '\n', (size_t)(in + len - line));
    if (!end) end = in + len;
    size_t ll = (size_t)(end - line);
    if (ll && line[ll - 1] == '\r') ll--;
    if (ll == 0) continue;
    char *dec = NULL;
    size_t dl, nl, kl;
    entry *e = &rows[n];
    tthc_error err;
    tthc_status st = tthc_text_decode_alloc(line, ll, enc, 0, &dec, &dl, &err);
    if (st == TTHC_OK) st = tthc_text_normalize_alloc(dec, dl, 0, &e->name, &nl, &err);
    if (st == TTHC_OK) st = tthc_text_fold_alloc(e->name, nl, 0, &e->key, &kl, &err);
    if (st == TTHC_OK)
      st = tthc_text_collation_key_alloc(e->name, nl, 0, &e->order, &e->order_len, &err);
    tthc_free(dec);
    if (st != TTHC_OK) {
      fprintf(stderr, "normalize_register: %s\n", err.message);
      tthc_free(e->name), tthc_free(e->key), tthc_free(e->order);
      *e = (entry){0};
      bad = 1;
      continue;
    }
    n++;
  }
  if (rows) qsort(rows, n, sizeof *rows, by_order);
  for (size_t i = 0; i < n; i++) {
    printf("%s\t%s\n", rows[i].name, rows[i].key);
    tthc_free(rows[i].name), tthc_free(rows[i].key), tthc_free(rows[i].order);
  }
  free(rows);
  free(in);
  return bad || !rows;
}
