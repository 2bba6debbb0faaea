/* tthc refs: every legal document reference in a text, one JSON object per line. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int cmd_refs(int argc, char **argv) {
  bool help = false;
  const char *pos[1];
  cli_opt opts[] = {{0}};
  if (cli_parse(argc, argv, opts, pos, 0, &help) < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc refs < TEXT\n"
         "Prints one JSON object per legal document reference found in the text on stdin:\n"
         "{\"text\",\"type\",\"number\",\"year\",\"issuer\",\"symbol\",\"date\",\"offset\"}\n"
         "(offset: byte offset in the input; number, year, type, date: null when absent).");
    return CLI_OK;
  }
  size_t len;
  char *in = cli_read_stdin(&len);
  if (!in) return cli_input_error("refs", "out of memory reading stdin");
  /* Search the NFC form (tones as written) and map positions back to the input. */
  size_t *map = malloc((2 * len + 64) * sizeof *map);
  char *nfc = malloc(2 * len + 64);
  size_t nl;
  tthc_error err;
  tthc_status st = map && nfc ? tthc_text_normalize(in, len, TTHC_TEXT_TONE_KEEP | TTHC_TEXT_REPLACE_INVALID,
                                                    nfc, 2 * len + 64, &nl, map, &err)
                              : TTHC_ENOMEM;
  if (st == TTHC_ENOSPC) { /* NFC of hostile input can grow more: retry with the needed size */
    free(map), free(nfc);
    map = malloc((nl + 1) * sizeof *map), nfc = malloc(nl + 1);
    st = map && nfc ? tthc_text_normalize(in, len, TTHC_TEXT_TONE_KEEP | TTHC_TEXT_REPLACE_INVALID,
                                          nfc, nl + 1, &nl, map, &err)
                    : TTHC_ENOMEM;
  }
  int rc = CLI_OK;
  if (st != TTHC_OK) rc = cli_status_error("refs", st, &err);
  tthc_text_ref ref;
  for (size_t from = 0; rc == CLI_OK && tthc_text_ref_find(nfc, nl, from, &ref) == TTHC_OK;
       from = ref.offset + ref.length) {
    char date[TTHC_DATE_STRLEN];
    if (ref.has_date) cli_fmt_date(ref.date, date);
    json_t *o = json_object();
    json_object_set_new(o, "text", json_stringn(nfc + ref.offset, ref.length));
    json_object_set_new(o, "type", ref.type ? json_string(ref.type) : json_null());
    json_object_set_new(o, "number", ref.number >= 0 ? json_integer(ref.number) : json_null());
    json_object_set_new(o, "year", ref.year ? json_integer(ref.year) : json_null());
    json_object_set_new(o, "issuer", json_stringn(nfc + ref.issuer_offset, ref.issuer_length));
    json_object_set_new(o, "symbol", json_stringn(nfc + ref.symbol_offset, ref.symbol_length));
    json_object_set_new(o, "date", ref.has_date ? json_string(date) : json_null());
    json_object_set_new(o, "offset", json_integer((json_int_t)map[ref.offset]));
    cli_print_json(o);
  }
  free(in), free(map), free(nfc);
  return rc;
}
