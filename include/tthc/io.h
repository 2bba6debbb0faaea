/**
 * @file io.h
 * @brief Streaming read and write of dossiers as JSON Lines and CSV.
 *
 * A reader delivers one dossier per call to tthc_io_reader_next(), reusing the caller's
 * ::tthc_dossier, so memory does not grow with the input. A malformed record is reported with
 * its line, column, record number and field name in a ::tthc_error; the reader is then positioned
 * on the next record, so the caller chooses to skip it (call next again) or stop. Records read
 * before it are never affected.
 *
 * The schema is documented in docs/io.md. Each record carries a dossier either as flat fields
 * (one column per instant: received_at, accepted_at, due, result_at, returned_at …, as in the
 * national portal's sync data, whose field names — MaHoSo, MaTTHC, NgayTiepNhan, NgayHenTra,
 * NgayKetThucXuLy, KenhThucHien, DuocThanhToanTrucTuyen … — are accepted as aliases) or as a
 * full event log ("events": a JSON array of events, also allowed as a CSV column holding JSON).
 *
 * Thread safety: a reader or writer belongs to one thread; distinct readers may run in parallel
 * (tthc_io_split() cuts an in-memory input into parts for that).
 */
#ifndef TTHC_IO_H
#define TTHC_IO_H

#include "tthc/core.h"
#include "tthc/dossier.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Input/output formats. @since 0.1.0 */
typedef enum tthc_io_format {
  TTHC_IO_AUTO = 0,  /**< reading a path: by extension (.csv → CSV, else JSON Lines) */
  TTHC_IO_JSONL = 1, /**< JSON Lines: one JSON object per line */
  TTHC_IO_CSV = 2    /**< CSV (RFC 4180) with a header row; ',' or ';' separated */
} tthc_io_format;

/** Reader flags. @since 0.1.0 */
typedef enum tthc_io_flags {
  /** An unknown field (JSON key or CSV column) is an error instead of being ignored. */
  TTHC_IO_STRICT = 1u
} tthc_io_flags;

/** A streaming dossier reader. Opaque. @since 0.1.0 */
typedef struct tthc_io_reader tthc_io_reader;

/**
 * Open a file for reading. @p path "-" reads standard input.
 * @param format ::tthc_io_format; ::TTHC_IO_AUTO chooses by extension.
 * @param flags ::tthc_io_flags.
 * @param[out] out the reader (NULL on failure), freed with tthc_io_reader_free().
 * @param[out] err details on failure (a CSV header that cannot be read); may be NULL.
 * @return TTHC_OK; TTHC_EIO (cannot open; the message names the file and the system error);
 *         TTHC_EFORMAT / TTHC_ESYNTAX (a CSV header row that is missing or malformed, or
 *         a column that appears twice); TTHC_ENOMEM; TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_reader_open(const char *path, int format, unsigned flags,
                                         tthc_io_reader **out, tthc_error *err);

/**
 * A reader over @p len bytes at @p buf (not copied: the buffer must outlive the reader).
 * @param format ::TTHC_IO_JSONL or ::TTHC_IO_CSV (AUTO is TTHC_EINVAL).
 * @return as tthc_io_reader_open().
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_reader_new_mem(const char *buf, size_t len, int format,
                                            unsigned flags, tthc_io_reader **out,
                                            tthc_error *err);

/**
 * A reader over a part of an input that another reader @p like has started: same format and
 * flags and, for CSV, the same columns (the part has no header row). @p first_line is the line
 * number of the part's first line in the whole input (for error messages) and @p first_record
 * the number of records before it (0 if unknown).
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_reader_new_mem_like(const tthc_io_reader *like, const char *buf,
                                                 size_t len, int64_t first_line,
                                                 int64_t first_record, tthc_io_reader **out);

/**
 * Byte offset in the reader's memory input where the records start (after a CSV header row
 * and a UTF-8 byte order mark), and the line number there. For tthc_io_split().
 * @return TTHC_OK, or TTHC_EINVAL (NULL argument, or a reader over a file).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_reader_body(const tthc_io_reader *r, size_t *offset, int64_t *line);

/** Free a reader (closes its file); NULL is a no-op. @since 0.1.0 */
TTHC_API void tthc_io_reader_free(tthc_io_reader *r);

/**
 * Read the next dossier into @p d (reset first; its memory is reused).
 * @param[out] got 1 if a dossier was read, 0 at the end of the input.
 * @param[out] err on failure: line and column (characters) of the offending field, the 0-based
 *             record number, and a message naming the field and quoting the value.
 * @return TTHC_OK (check @p got); TTHC_ESYNTAX (malformed JSON or CSV); TTHC_EFORMAT (a
 *         field with a wrong value: not a date-time, unknown channel …, or a missing
 *         received_at); TTHC_ESTATE (the record's events are impossible, e.g. a result before
 *         acceptance); TTHC_EUTF8; TTHC_EIO; TTHC_ENOMEM; TTHC_EINVAL. After any
 *         record-level error the reader is on the next record: call again to skip the bad
 *         one, or stop. @p d then holds an unspecified partial record.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_reader_next(tthc_io_reader *r, tthc_dossier *d, int *got,
                                         tthc_error *err);

/** Records delivered or rejected so far (the 0-based number of the next record). @since 0.1.0 */
TTHC_API int64_t tthc_io_reader_records(const tthc_io_reader *r);

/** Bytes consumed so far (for progress reports). @since 0.1.0 */
TTHC_API int64_t tthc_io_reader_bytes(const tthc_io_reader *r);

/**
 * Cut @p len bytes of records at @p buf into at most @p parts pieces at record boundaries, for
 * parallel reading. CSV input is scanned for quotes so a cut never falls inside a quoted field,
 * whichever separator (',' or ';') the input uses: a cut is made only where the records read
 * with either separator agree, else the part runs on (fewer, longer parts). JSON Lines cut at
 * newlines. @p buf must start at a record (see tthc_io_reader_body()).
 * @param[out] cuts receives @p parts + 1 offsets: part i is [cuts[i], cuts[i+1]); empty parts
 *             are possible for small inputs.
 * @param[out] lines if not NULL, receives @p parts line counts: lines[i] is the number of newline
 *             characters before cuts[i] (add the body's first line for absolute numbers).
 * @return TTHC_OK, TTHC_EINVAL (NULL arguments, @p parts < 1, bad format).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_split(const char *buf, size_t len, int format, int parts,
                                   size_t *cuts, int64_t *lines);

/** A streaming dossier writer. Opaque. @since 0.1.0 */
typedef struct tthc_io_writer tthc_io_writer;

/**
 * Open @p path for writing (truncating it); "-" writes standard output. CSV output starts with
 * the header row.
 * @param format ::TTHC_IO_JSONL or ::TTHC_IO_CSV (AUTO chooses by extension).
 * @return TTHC_OK, TTHC_EIO (message with the system error), TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_writer_open(const char *path, int format, tthc_io_writer **out,
                                         tthc_error *err);

/**
 * Write one dossier. JSON Lines carry the full event log; CSV rows use the flat columns and add
 * the log as JSON in the "events" column only when the flat columns cannot hold it (several
 * pauses or supplementation rounds, steps …). Reading the output back gives the same dossier.
 * @return TTHC_OK, TTHC_EIO, TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_writer_write(tthc_io_writer *w, const tthc_dossier *d);

/**
 * Flush and close; returns the first write error if any. Frees @p w (NULL is a no-op, OK).
 * @return TTHC_OK or TTHC_EIO.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_writer_close(tthc_io_writer *w);

/**
 * One dossier as a JSON object (the JSON Lines form, no newline), allocated: free with
 * tthc_free().
 * @return TTHC_OK, TTHC_ENOMEM, TTHC_EINVAL.
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_dossier_to_json_alloc(const tthc_dossier *d, char **out);

/**
 * Read one dossier from a JSON object (the JSON Lines form) into @p d (reset first).
 * @return as tthc_io_reader_next() (without the end-of-input case).
 * @since 0.1.0
 */
TTHC_API tthc_status tthc_io_dossier_from_json(const char *s, size_t len, tthc_dossier *d,
                                               tthc_error *err);

#ifdef __cplusplus
}
#endif
#endif /* TTHC_IO_H */
