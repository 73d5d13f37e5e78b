#pragma once
// A streaming RFC 4180 CSV reader. The file is read in fixed-size blocks, so
// memory stays flat however large the file is; only the current record's
// fields are held. On top of RFC 4180 it accepts LF (and lone CR) line endings,
// a configurable delimiter and quote character, a UTF-8 byte order mark, and a
// quote inside an unquoted field (taken literally, as spreadsheets write
// 12" pipe). It validates UTF-8 as it goes so a bad file is reported with the
// physical line and byte the user can jump to in an editor.
//
// Errors name the place: `where` is "path:line" and the message repeats the
// line and byte column ("invalid UTF-8 at line 14, byte 3"). Codes:
// csv.missing, csv.is_directory, csv.unreadable, csv.read_error,
// csv.bad_delimiter, csv.invalid_utf8, csv.unterminated_quote,
// csv.text_after_quote.

#include "core/error.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace sluice {

class CsvReader {
public:
    // Opens `path` for reading. `delimiter` and `quote` must be distinct ASCII
    // characters other than CR and LF: the UTF-8 check relies on structural
    // bytes never occurring inside a multi-byte sequence.
    static Result<CsvReader> open(const std::string &path, char delimiter = ',', char quote = '"');

    // Reads the next record into `fields` (resized to the record's field
    // count; the strings' capacity is reused between calls). Returns false at
    // the end of the file. Blank lines carry no fields and are skipped, so a
    // trailing newline (or several) does not produce an empty record. Errors
    // are sticky: once one is returned, every later call returns it again.
    Result<bool> readRecord(std::vector<std::string> &fields);

    // Physical 1-based line on which the record last returned started
    // (a quoted field with newlines makes a record span several lines).
    std::int64_t recordStartLine() const { return m_recordLine; }

    const std::string &path() const { return m_path; }

private:
    struct FileCloser {
        void operator()(std::FILE *f) const { std::fclose(f); }
    };

    CsvReader() = default;

    Result<bool> fill();
    void lineBreak(const char *p);
    bool acceptNonAscii(unsigned char c, const char *p);
    std::int64_t offsetOf(const char *p) const;
    std::int64_t columnOf(const char *p) const { return offsetOf(p) - m_lineStart + 1; }
    std::unexpected<Error> failWith(Error error);
    std::unexpected<Error> utf8Error();
    std::string where(std::int64_t line) const;

    std::string m_path;
    std::unique_ptr<std::FILE, FileCloser> m_file;
    char m_delimiter = ',';
    char m_quote = '"';

    std::vector<char> m_buffer;
    std::size_t m_pos = 0;           // next unread byte in m_buffer
    std::size_t m_end = 0;           // bytes of m_buffer filled
    std::int64_t m_bufferOffset = 0; // file offset of m_buffer[0]
    bool m_started = false;          // first block read (BOM handled)
    bool m_atEnd = false;

    std::int64_t m_line = 1;      // physical line of the next unread byte
    std::int64_t m_lineStart = 0; // file offset where that line starts
    std::int64_t m_crOffset = -2; // offset of the last CR, so its LF is not a second line
    std::int64_t m_recordLine = 0;

    // Incremental UTF-8 decoder state, carried across block boundaries.
    int m_utf8Need = 0;             // continuation bytes still expected
    unsigned char m_utf8Low = 0x80; // allowed range of the next continuation byte
    unsigned char m_utf8High = 0xBF;
    std::int64_t m_utf8Line = 0; // where the pending sequence started
    std::int64_t m_utf8Column = 0;

    std::optional<Error> m_error;
};

} // namespace sluice
