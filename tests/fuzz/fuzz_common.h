/* Shared helpers of the libFuzzer targets: a check that crashes (so the fuzzer reports it). */
#ifndef TTHC_FUZZ_COMMON_H
#define TTHC_FUZZ_COMMON_H
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tthc.h"

#define FUZZ_CHECK(cond)                                                        \
  do {                                                                          \
    if (!(cond)) {                                                              \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
      abort();                                                                  \
    }                                                                           \
  } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A parser that failed with @p st filled @p err consistently: the same status, a message, and
 * a position inside the input (or none). */
static inline void fuzz_check_error(tthc_status st, const tthc_error *err, size_t size) {
  FUZZ_CHECK(st != TTHC_OK && err->status == st);
  FUZZ_CHECK(err->message[0] != '\0' && memchr(err->message, '\0', sizeof err->message));
  FUZZ_CHECK(err->offset >= -1 && (err->offset < 0 || (uint64_t)err->offset <= size));
  FUZZ_CHECK(err->line >= 0 && err->column >= 0);
}

/* A NUL-terminated copy of the input (for the functions that take C strings); free() it. */
static inline char *fuzz_cstr(const uint8_t *data, size_t size) {
  char *s = malloc(size + 1);
  FUZZ_CHECK(s != NULL);
  if (size) memcpy(s, data, size);
  s[size] = '\0';
  return s;
}

#endif
