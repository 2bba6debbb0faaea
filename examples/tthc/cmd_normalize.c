/* tthc normalize: Vietnamese text normalisation, folding, collation keys and legacy decoding,
 * stdin to stdout, line by line. */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* One line: decode, normalise, then fold or key. Returns 0 or prints the error and returns 1. */
static int one_line(const char *line, size_t len, size_t lineno, tthc_encoding from, unsigned flags,
                    bool fold, bool key) {
  tthc_error err;
  char *dec = NULL, *norm = NULL, *out = NULL;
  size_t dl, nl, ol;
  tthc_status st = tthc_text_decode_alloc(line, len, from, 0, &dec, &dl, &err);
  if (st == TTHC_OK) st = tthc_text_normalize_alloc(dec, dl, flags, &norm, &nl, &err);
  if (st == TTHC_OK && fold) st = tthc_text_fold_alloc(norm, nl, 0, &out, &ol, &err);
  else if (st == TTHC_OK && key)
    st = tthc_text_collation_key_alloc(norm, nl, 0, (unsigned char **)&out, &ol, &err);
  if (st == TTHC_OK) {
    if (key)
      for (size_t i = 0; i < ol; i++) printf("%02x", (unsigned char)out[i]);
    else fwrite(fold ? out : norm, 1, fold ? ol : nl, stdout);
    putchar('\n');
  } else {
    fprintf(stderr, "tthc normalize: line %zu: %s\n", lineno,
            err.message[0] ? err.message : tthc_strerror(st));
  }
  tthc_free(dec), tthc_free(norm), tthc_free(out);
  return st == TTHC_OK ? 0 : 1;
}

int cmd_normalize(int argc, char **argv) {
  bool help = false, nfc = false, nfd = false, fold = false, key = false;
  const char *from = "utf8", *tone = "traditional";
  cli_opt opts[] = {{"--from", true, &from, NULL},  {"--nfc", false, NULL, &nfc},
                    {"--nfd", false, NULL, &nfd},   {"--tone", true, &tone, NULL},
                    {"--fold", false, NULL, &fold}, {"--key", false, NULL, &key},
                    {0}};
  const char *pos[1];
  int n = cli_parse(argc, argv, opts, pos, 0, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc normalize [--from utf8|tcvn3|vni|viscii|viqr|auto] [--nfc|--nfd]\n"
         "                      [--tone traditional|modern] [--fold] [--key]\n"
         "Reads text on stdin and writes it normalised to stdout, line by line (a final CR of a\n"
         "line is dropped). Without options: --from utf8 --nfc --tone traditional.\n"
         "  --from ENC   decode the input from a legacy encoding first; auto detects it over the\n"
         "               whole input (and fails when it cannot tell)\n"
         "  --tone       tone-mark placement: traditional (hòa, khỏe, thủy) or modern (hoà, khoẻ, thuỷ)\n"
         "  --fold       print the search key instead (no diacritics, lowercase, single spaces)\n"
         "  --key        print the collation key in hex instead (sorts in Vietnamese order)\n"
         "A line that cannot be read is reported on stderr with its number; the other lines are\n"
         "still written, and the exit status is 1.");
    return CLI_OK;
  }
  if (nfc && nfd) return cli_usage_error("normalize", "--nfc and --nfd exclude each other");
  if (fold && key) return cli_usage_error("normalize", "--fold and --key exclude each other");
  unsigned flags = nfd ? TTHC_TEXT_NFD : 0;
  if (!strcmp(tone, "modern")) flags |= TTHC_TEXT_TONE_MODERN;
  else if (strcmp(tone, "traditional") != 0)
    return cli_usage_error("normalize", "--tone must be traditional or modern, not '%s'", tone);
  tthc_encoding enc = TTHC_ENC_UTF8;
  bool autodetect = !strcmp(from, "auto");
  if (!autodetect && (tthc_text_encoding_from_name(from, &enc) != TTHC_OK || !strcmp(from, "unicode")))
    return cli_usage_error("normalize",
                           "--from must be utf8, tcvn3, vni, viscii, viqr or auto, not '%s'", from);
  int bad = 0;
  size_t lineno = 0;
  if (!autodetect) { /* stream: each line is written as soon as it is read */
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    while ((got = getline(&line, &lcap, stdin)) >= 0) {
      size_t le = (size_t)got;
      if (le && line[le - 1] == '\n') le--;
      if (le && line[le - 1] == '\r') le--;
      bad |= one_line(line, le, ++lineno, enc, flags, fold, key);
    }
    free(line);
    return bad ? CLI_BAD_INPUT : CLI_OK;
  }
  /* --from auto: the encoding is detected over the whole input, then the lines are read */
  size_t len;
  char *in = cli_read_stdin(&len);
  if (!in) return cli_input_error("normalize", "out of memory reading stdin");
  {
    double conf;
    tthc_encoding second;
    tthc_text_detect(in, len, &enc, &conf, &second);
    if (enc == TTHC_ENC_UNKNOWN) {
      free(in);
      if (second != TTHC_ENC_UNKNOWN)
        return cli_input_error("normalize", "cannot tell the input's encoding: it reads as %s "
                               "about as well as another encoding; use --from", tthc_text_encoding_name(second));
      return cli_input_error("normalize", "cannot tell the input's encoding (it does not read "
                             "as Vietnamese in any of them); use --from");
    }
  }
  for (size_t i = 0; i < len;) {
    const char *nl = memchr(in + i, '\n', len - i);
    size_t e = nl ? (size_t)(nl - in) : len, le = e;
    if (le > i && in[le - 1] == '\r') le--;
    bad |= one_line(in + i, le - i, ++lineno, enc, flags, fold, key);
    i = nl ? e + 1 : len;
  }
  free(in);
  return bad ? CLI_BAD_INPUT : CLI_OK;
}
