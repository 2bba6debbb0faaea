/**
 * @file core.h
 * @brief Status codes, error details, memory release and version of libtthc.
 *
 * Every libtthc function that can fail returns a ::tthc_status (0 is TTHC_OK) and passes
 * results through out parameters. Parsers additionally fill a caller-owned ::tthc_error with the
 * position (line, column, byte offset, record) and a message a person can act on.
 *
 * Thread safety: every function in this header is safe to call from any thread.
 */
#ifndef TTHC_CORE_H
#define TTHC_CORE_H

#include <stddef.h>
#include <stdint.h>

#include "tthc/version.h"

#ifdef __cplusplus
extern "C" {
#endif

/** @cond INTERNAL */
#if defined(_WIN32)
#  if defined(TTHC_BUILDING)
#    define TTHC_API __declspec(dllexport)
#  else
#    define TTHC_API
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define TTHC_API __attribute__((visibility("default")))
#else
#  define TTHC_API
#endif
#if defined(__GNUC__) || defined(__clang__)
#  define TTHC_DEPRECATED(msg) __attribute__((deprecated(msg)))
#  define TTHC_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#  define TTHC_DEPRECATED(msg)
#  define TTHC_PRINTF(f, a)
#endif
/** @endcond */

/**
 * The list of status codes: X(name, number, message).
 * Numbers are pinned once released; new codes are only ever appended.
 * The same list generates ::tthc_status, tthc_strerror(), tthc_status_name() and, through
 * those functions, the exception table of the Python binding.
 */
#define TTHC_STATUS_MAP(X)                                                           \
  X(OK,          0,  "success")                                                      \
  X(EINVAL,      1,  "invalid argument")                                             \
  X(ENOMEM,      2,  "out of memory")                                                \
  X(ERANGE,      3,  "value out of the supported range")                             \
  X(ESYNTAX,     4,  "syntax error")                                                 \
  X(EDATE,       5,  "invalid date or time")                                         \
  X(EUTF8,       6,  "invalid UTF-8")                                                \
  X(ENOSPC,      7,  "output buffer too small")                                      \
  X(ENOTFOUND,   8,  "not found")                                                    \
  X(ESTATE,      9,  "not allowed in the current state")                             \
  X(EEXIST,      10, "already exists")                                               \
  X(EIO,         11, "input/output error")                                           \
  X(EFORMAT,     12, "malformed data")                                               \
  X(EUNSUPPORTED, 13, "not supported")                                               \
  X(EENCODING,   14, "character not representable in the target encoding")          \
  X(EFROZEN,     15, "object is frozen")

/** Result of every libtthc function that can fail. @since 0.1.0 */
typedef enum tthc_status {
#define TTHC__STATUS_ENUM(name, num, msg) TTHC_##name = (num),
  TTHC_STATUS_MAP(TTHC__STATUS_ENUM)
#undef TTHC__STATUS_ENUM
  TTHC__STATUS_COUNT /**< number of status codes; not a status */
} tthc_status;

/**
 * A short English description of @p status ("invalid date or time").
 * @return a static string; never NULL ("unknown status" for a value outside the list).
 * @since 0.1.0
 */
TTHC_API const char *tthc_strerror(int status);

/**
 * The symbolic name of @p status without prefix ("EDATE", "OK").
 * @return a static string, or NULL for a value that is not a status code (this lets a binding
 *         enumerate the codes by calling it with 0, 1, 2 … until NULL).
 * @since 0.1.0
 */
TTHC_API const char *tthc_status_name(int status);

/** Capacity of tthc_error::message, including the terminating NUL. */
#define TTHC_ERROR_MESSAGE_SIZE 256

/**
 * Where and why a parser or loader failed. Caller-owned; pass NULL when not wanted.
 *
 * Positions are 1-based; 0 (or -1 for offsets and records) means "not applicable".
 * @c column counts characters (Unicode code points), not bytes. @c message is a complete
 * English sentence fragment naming the position and the problem, NUL-terminated, and may quote
 * the offending input (it is always valid UTF-8).
 * @since 0.1.0
 */
typedef struct tthc_error {
  tthc_status status;   /**< the status the failing call returned */
  int32_t line;         /**< 1-based line, 0 if not applicable */
  int32_t column;       /**< 1-based column in characters, 0 if not applicable */
  int64_t offset;       /**< 0-based byte offset in the input, -1 if not applicable */
  int64_t record;       /**< 0-based record (row, array element, event), -1 if n/a */
  char message[TTHC_ERROR_MESSAGE_SIZE]; /**< what went wrong, where */
  unsigned char reserved_[64];           /**< room to grow; zero */
} tthc_error;

/**
 * Reset @p err to "no error" (status OK, positions unknown, empty message).
 * NULL is a no-op. @since 0.1.0
 */
TTHC_API void tthc_error_clear(tthc_error *err);

/**
 * Release memory that libtthc allocated and handed over (functions named `_dup`/`_alloc`).
 * NULL is a no-op. @since 0.1.0
 */
TTHC_API void tthc_free(void *ptr);

/**
 * Version of the library actually linked, "MAJOR.MINOR.PATCH" (compare with
 * TTHC_VERSION_STRING, the version of the headers compiled against).
 * @return a static string, never NULL. @since 0.1.0
 */
TTHC_API const char *tthc_version(void);

/** Version of the linked library as TTHC_VERSION_NUMBER computes it. @since 0.1.0 */
TTHC_API int tthc_version_number(void);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_CORE_H */
