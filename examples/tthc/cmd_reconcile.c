/* tthc reconcile: compare two records of the same dossiers (e.g. the one-stop system's export
 * and the paper tracking book). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define CMD "reconcile"

/* Add every dossier of a file to one side. Returns an exit code. */
static int load(tthc_recon *r, int side, const char *path, bool skip_bad, int64_t *bad) {
  tthc_io_reader *rd;
  tthc_error err;
  tthc_status st = tthc_io_reader_open(path, TTHC_IO_AUTO, 0, &rd, &err);
  if (st != TTHC_OK) return cli_status_error(CMD, st, &err);
  tthc_dossier *d;
  if (tthc_dossier_new(NULL, 0, &d) != TTHC_OK) {
    tthc_io_reader_free(rd);
    return cli_input_error(CMD, "out of memory");
  }
  int rc = CLI_OK;
  for (;;) {
    int got;
    tthc_error_clear(&err);
    st = tthc_io_reader_next(rd, d, &got, &err);
    if (st == TTHC_OK && got) {
      st = tthc_recon_add(r, side, d);
      if (st == TTHC_EINVAL) snprintf(err.message, sizeof err.message, "record %lld has no dossier code",
                                      (long long)tthc_io_reader_records(rd));
    }
    if (st != TTHC_OK) {
      fprintf(stderr, "tthc %s: %s: %s\n", CMD, path, err.message[0] ? err.message : tthc_strerror(st));
      if (!skip_bad || st == TTHC_EIO || st == TTHC_ENOMEM) {
        rc = CLI_BAD_INPUT;
        break;
      }
      (*bad)++;
      continue;
    }
    if (!got) break;
  }
  tthc_dossier_free(d);
  tthc_io_reader_free(rd);
  return rc;
}

static bool parse_fields(const char *s, unsigned *mask) {
  *mask = 0;
  while (*s) {
    const char *e = strchr(s, ',');
    size_t n = e ? (size_t)(e - s) : strlen(s);
    int i = 0;
    for (; i < TTHC_RECON_FIELDS; i++)
      if (strlen(tthc_recon_field_name(i)) == n && !strncmp(tthc_recon_field_name(i), s, n)) break;
    if (i == TTHC_RECON_FIELDS) {
      cli_usage_error(CMD, "--fields: unknown field '%.*s'", (int)n, s);
      return false;
    }
    *mask |= 1u << i;
    s += n + (e ? 1 : 0);
  }
  return true;
}

int cmd_reconcile(int argc, char **argv) {
  bool json = false, help = false, instants = false, skip_bad = false;
  const char *fields = NULL;
  const char *pos[2];
  cli_opt opts[] = {{"--json", false, NULL, &json},
                    {"--instants", false, NULL, &instants},
                    {"--fields", true, &fields, NULL},
                    {"--skip-bad", false, NULL, &skip_bad},
                    {0}};
  int n = cli_parse(argc, argv, opts, pos, 2, &help);
  if (n < 0) return CLI_USAGE;
  if (help) {
    puts("usage: tthc reconcile A B [--instants] [--fields F,...] [--skip-bad] [--json]\n"
         "Compare two records of the same dossiers, matched by dossier code: A (e.g. the one-stop\n"
         "system's export) and B (e.g. the paper tracking book), each JSON Lines or CSV (*.csv;\n"
         "the portal's column names such as MaHoSo, NgayTiepNhan, NgayHenTra are accepted).\n"
         "Lists the codes in one record only, codes written twice, and fields that disagree.\n"
         "Dates are compared unless --instants. Procedure, unit, field and channel are not\n"
         "compared when one side leaves them empty.\n"
         "  --fields F,... compare only these: procedure, unit, field, channel, received,\n"
         "                accepted, due, result, returned, refused, withdrawn, state");
    return CLI_OK;
  }
  if (n != 2) return cli_usage_error(CMD, "expected two files A and B (see tthc reconcile --help)");
  unsigned mask = 0;
  if (fields && !parse_fields(fields, &mask)) return CLI_USAGE;
  tthc_recon *r;
  if (tthc_recon_new(instants ? TTHC_RECON_INSTANTS : 0, mask, &r) != TTHC_OK)
    return cli_input_error(CMD, "out of memory");
  int64_t bad = 0;
  int rc = load(r, 0, pos[0], skip_bad, &bad);
  if (rc == CLI_OK) rc = load(r, 1, pos[1], skip_bad, &bad);
  if (rc == CLI_OK && tthc_recon_finish(r) != TTHC_OK) rc = cli_input_error(CMD, "out of memory");
  if (rc != CLI_OK) {
    tthc_recon_free(r);
    return rc;
  }
  size_t count[5] = {0};
  json_t *items = json ? json_array() : NULL;
  for (size_t i = 0; i < tthc_recon_count(r); i++) {
    tthc_recon_item it;
    tthc_recon_get(r, i, &it);
    count[it.kind]++;
    if (json) {
      json_t *o = json_pack("{s:s,s:s}", "kind", tthc_recon_kind_name(it.kind), "code", it.code);
      if (it.kind == TTHC_RECON_MISMATCH)
        json_object_set_new(o, "field", json_string(it.field)),
            json_object_set_new(o, "a", json_string(it.a)),
            json_object_set_new(o, "b", json_string(it.b));
      if (it.kind == TTHC_RECON_DUPLICATE) json_object_set_new(o, "side", json_string(it.field));
      json_array_append_new(items, o);
    } else if (it.kind == TTHC_RECON_ONLY_A) {
      printf("%s: only in A (%s)\n", it.code, pos[0]);
    } else if (it.kind == TTHC_RECON_ONLY_B) {
      printf("%s: only in B (%s)\n", it.code, pos[1]);
    } else if (it.kind == TTHC_RECON_DUPLICATE) {
      printf("%s: written more than once in %s\n", it.code, it.field);
    } else {
      printf("%s: %s differs: A %s, B %s\n", it.code, it.field, *it.a ? it.a : "(none)",
             *it.b ? it.b : "(none)");
    }
  }
  size_t na = tthc_recon_side_count(r, 0), nb = tthc_recon_side_count(r, 1);
  if (json) {
    rc = cli_print_json(json_pack("{s:I,s:I,s:I,s:I,s:I,s:I,s:I,s:o}", "a", (json_int_t)na, "b",
                                  (json_int_t)nb, "only_a", (json_int_t)count[1], "only_b",
                                  (json_int_t)count[2], "mismatches", (json_int_t)count[3],
                                  "duplicates", (json_int_t)count[4], "unreadable",
                                  (json_int_t)bad, "differences", items));
  } else {
    printf("A: %zu dossiers, B: %zu dossiers; %zu only in A, %zu only in B, %zu duplicated, "
           "%zu field differences%s\n",
           na, nb, count[1], count[2], count[4], count[3],
           tthc_recon_count(r) == 0 ? " — the records agree" : "");
  }
  tthc_recon_free(r);
  return rc;
}
