#include "csvparser.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace sluice {

namespace {

// Large enough that the per-block overhead disappears, small enough to stay in cache.
constexpr std::size_t blockSize = 64 * 1024;

bool isStructuralCandidate(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u != 0 && u < 0x80 && c != '\n' && c != '\r';
}

std::string printable(char c)
{
    if (c == '\t')
        return "tab";
    if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f)
        return "byte " + std::to_string(static_cast<unsigned char>(c));
    return std::string("'") + c + "'";
}

} // namespace

Result<CsvReader> CsvReader::open(const std::string &path, char delimiter, char quote)
{
    if (!isStructuralCandidate(delimiter))
        return invalidInput("csv.bad_delimiter",
                            "the delimiter must be a single ASCII character other than a line "
                            "break (got "
                                + printable(delimiter) + ")",
                            path);
    if (!isStructuralCandidate(quote))
        return invalidInput("csv.bad_delimiter",
                            "the quote character must be a single ASCII character other than a "
                            "line break (got "
                                + printable(quote) + ")",
                            path);
    if (delimiter == quote)
        return invalidInput("csv.bad_delimiter", "the delimiter and the quote character are both " + printable(quote),
                            path);

    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (status.type() == fs::file_type::not_found)
        return invalidInput("csv.missing", "file not found", path);
    if (ec)
        return invalidInput("csv.unreadable", "cannot read the file: " + ec.message(), path);
    if (status.type() == fs::file_type::directory)
        return invalidInput("csv.is_directory", "is a directory, not a CSV file", path);

    std::FILE *f = std::fopen(path.c_str(), "rb");
    if (!f)
        return invalidInput("csv.unreadable", std::string("cannot read the file: ") + std::strerror(errno), path);
    // We read whole blocks into our own buffer; stdio buffering would only add a copy.
    std::setvbuf(f, nullptr, _IONBF, 0);

    CsvReader reader;
    reader.m_path = path;
    reader.m_file.reset(f);
    reader.m_delimiter = delimiter;
    reader.m_quote = quote;
    reader.m_buffer.resize(blockSize);
    return reader;
}

std::string CsvReader::where(std::int64_t line) const
{
    return m_path + ":" + std::to_string(line);
}

std::int64_t CsvReader::offsetOf(const char *p) const
{
    return m_bufferOffset + static_cast<std::int64_t>(p - m_buffer.data());
}

std::unexpected<Error> CsvReader::failWith(Error error)
{
    m_error = error;
    return std::unexpected(std::move(error));
}

std::unexpected<Error> CsvReader::utf8Error()
{
    return failWith(
        Error{ErrorKind::InvalidInput, "csv.invalid_utf8",
              "invalid UTF-8 at line " + std::to_string(m_utf8Line) + ", byte " + std::to_string(m_utf8Column),
              where(m_utf8Line)});
}

Result<bool> CsvReader::fill()
{
    if (m_atEnd)
        return false;
    m_bufferOffset += static_cast<std::int64_t>(m_end);
    m_pos = 0;
    m_end = std::fread(m_buffer.data(), 1, m_buffer.size(), m_file.get());
    if (m_end == 0) {
        if (std::ferror(m_file.get()))
            return failWith(Error{ErrorKind::Failed, "csv.read_error",
                                  std::string("cannot read the file: ") + std::strerror(errno), where(m_line)});
        m_atEnd = true;
        return false;
    }
    if (!m_started) {
        m_started = true;
        // A byte order mark is an encoding marker, not content: editors hide it,
        // so columns on line 1 are counted after it.
        if (m_end >= 3 && std::memcmp(m_buffer.data(), "\xEF\xBB\xBF", 3) == 0) {
            m_pos = 3;
            m_lineStart = 3;
        }
    }
    return true;
}

// Accounts for a CR or LF at `p`. CRLF is one line break; the CR already
// counted it, so the LF right after only moves the line start.
void CsvReader::lineBreak(const char *p)
{
    const std::int64_t offset = offsetOf(p);
    if (*p == '\r') {
        m_crOffset = offset;
        ++m_line;
    } else if (offset != m_crOffset + 1) {
        ++m_line;
    }
    m_lineStart = offset + 1;
}

// Feeds one byte >= 0x80 to the UTF-8 decoder (RFC 3629: no overlong forms,
// no surrogates, nothing above U+10FFFF). Returns false when it cannot be part
// of valid UTF-8; the error position is then the start of the sequence.
bool CsvReader::acceptNonAscii(unsigned char c, const char *p)
{
    if (m_utf8Need > 0) {
        if (c < m_utf8Low || c > m_utf8High)
            return false;
        --m_utf8Need;
        m_utf8Low = 0x80;
        m_utf8High = 0xBF;
        return true;
    }
    m_utf8Line = m_line;
    m_utf8Column = columnOf(p);
    m_utf8Low = 0x80;
    m_utf8High = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        m_utf8Need = 1;
    } else if (c == 0xE0) {
        m_utf8Need = 2;
        m_utf8Low = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
        m_utf8Need = 2;
    } else if (c == 0xED) {
        m_utf8Need = 2;
        m_utf8High = 0x9F;
    } else if (c == 0xF0) {
        m_utf8Need = 3;
        m_utf8Low = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
        m_utf8Need = 3;
    } else if (c == 0xF4) {
        m_utf8Need = 3;
        m_utf8High = 0x8F;
    } else {
        return false; // a stray continuation byte, or a lead byte UTF-8 never uses
    }
    return true;
}

Result<bool> CsvReader::readRecord(std::vector<std::string> &fields)
{
    if (m_error)
        return std::unexpected(*m_error);

    enum class State { RecordStart, FieldStart, Unquoted, Quoted, AfterQuote };
    State state = State::RecordStart;
    std::size_t count = 0;
    std::int64_t quoteLine = 0;

    // Reuses the strings left from the previous record so their capacity is kept.
    auto beginField = [&]() -> std::string & {
        if (count == fields.size())
            fields.emplace_back();
        else
            fields[count].clear();
        return fields[count++];
    };
    auto finish = [&]() -> Result<bool> {
        fields.resize(count);
        return true;
    };

    for (;;) {
        if (m_pos == m_end) {
            const Result<bool> more = fill();
            if (!more)
                return std::unexpected(more.error());
            if (!*more) {
                if (m_utf8Need > 0)
                    return utf8Error();
                switch (state) {
                case State::RecordStart: fields.clear(); return false;
                case State::FieldStart:
                    beginField(); // "a,b," ends with an empty field
                    return finish();
                case State::Unquoted:
                case State::AfterQuote: return finish();
                case State::Quoted:
                    return failWith(
                        Error{ErrorKind::InvalidInput, "csv.unterminated_quote",
                              "the quoted field starting at line " + std::to_string(quoteLine) + " is never closed",
                              where(quoteLine)});
                }
            }
        }

        const char *p = m_buffer.data() + m_pos;
        const char *const end = m_buffer.data() + m_end;

        switch (state) {
        case State::RecordStart:
            while (p < end && (*p == '\n' || *p == '\r')) {
                lineBreak(p);
                ++p;
            }
            if (p < end) {
                m_recordLine = m_line;
                state = State::FieldStart;
            }
            break;

        case State::FieldStart: {
            const char c = *p;
            if (c == m_quote) {
                beginField();
                quoteLine = m_line;
                ++p;
                state = State::Quoted;
            } else if (c == m_delimiter) {
                beginField();
                ++p;
            } else if (c == '\n' || c == '\r') {
                beginField();
                lineBreak(p);
                m_pos = static_cast<std::size_t>(p + 1 - m_buffer.data());
                return finish();
            } else {
                beginField();
                state = State::Unquoted;
            }
            break;
        }

        case State::Unquoted: {
            // Scan the run up to the next delimiter or line break and append it in one go.
            const char *const runStart = p;
            while (p < end) {
                const auto c = static_cast<unsigned char>(*p);
                if (c < 0x80) {
                    if (m_utf8Need > 0)
                        return utf8Error(); // a multi-byte sequence cut short
                    if (*p == m_delimiter || *p == '\n' || *p == '\r')
                        break;
                } else if (!acceptNonAscii(c, p)) {
                    return utf8Error();
                }
                ++p;
            }
            fields[count - 1].append(runStart, static_cast<std::size_t>(p - runStart));
            if (p < end) {
                if (*p == m_delimiter) {
                    ++p;
                    state = State::FieldStart;
                } else {
                    lineBreak(p);
                    m_pos = static_cast<std::size_t>(p + 1 - m_buffer.data());
                    return finish();
                }
            }
            break;
        }

        case State::Quoted: {
            const char *const runStart = p;
            while (p < end) {
                const auto c = static_cast<unsigned char>(*p);
                if (c < 0x80) {
                    if (m_utf8Need > 0)
                        return utf8Error();
                    if (*p == m_quote)
                        break;
                    if (*p == '\n' || *p == '\r')
                        lineBreak(p);
                } else if (!acceptNonAscii(c, p)) {
                    return utf8Error();
                }
                ++p;
            }
            fields[count - 1].append(runStart, static_cast<std::size_t>(p - runStart));
            if (p < end) {
                ++p;
                state = State::AfterQuote;
            }
            break;
        }

        case State::AfterQuote: {
            const char c = *p;
            if (c == m_quote) { // a doubled quote stands for one quote character
                fields[count - 1].push_back(c);
                ++p;
                state = State::Quoted;
            } else if (c == m_delimiter) {
                ++p;
                state = State::FieldStart;
            } else if (c == '\n' || c == '\r') {
                lineBreak(p);
                m_pos = static_cast<std::size_t>(p + 1 - m_buffer.data());
                return finish();
            } else {
                return failWith(Error{ErrorKind::InvalidInput, "csv.text_after_quote",
                                      "unexpected text after the closing quote at line " + std::to_string(m_line)
                                          + ", byte " + std::to_string(columnOf(p))
                                          + " (a quote inside a quoted field must be doubled)",
                                      where(m_line)});
            }
            break;
        }
        }
        m_pos = static_cast<std::size_t>(p - m_buffer.data());
    }
}

} // namespace sluice
