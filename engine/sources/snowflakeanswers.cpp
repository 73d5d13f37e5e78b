// Reading the Snowflake SQL API's answers: gzip-encoded bodies, status and
// error fields, a result set's columns and partitions, and a failed answer
// in the user's terms.

#include "sources/snowflakeinternal.h"

#include <zlib.h>

#include <regex>

namespace sluice {

using nlohmann::json;
using namespace snowflake;

namespace {

// Snowflake's messages span lines ("SQL compilation error:\nerror line 1 ...");
// the CLI prints one line.
std::string oneLine(const std::string &message)
{
    std::string out;
    bool space = false;
    for (char c : message) {
        if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
            space = !out.empty();
            continue;
        }
        if (space)
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

// gzip (as later partitions may arrive) to text.
Result<std::string> gunzip(const std::string &data)
{
    z_stream stream{};
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK)
        return failed("snowflake.encoding", "cannot start gzip decoding");
    std::string out;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    char buffer[65536];
    int status = Z_OK;
    while (status != Z_STREAM_END) {
        stream.next_out = reinterpret_cast<Bytef *>(buffer);
        stream.avail_out = sizeof buffer;
        status = inflate(&stream, Z_NO_FLUSH);
        if (status != Z_OK && status != Z_STREAM_END) {
            inflateEnd(&stream);
            return failed("snowflake.encoding", "a gzip-encoded answer could not be decoded");
        }
        out.append(buffer, sizeof buffer - stream.avail_out);
        if (status == Z_OK && stream.avail_in == 0 && stream.avail_out != 0)
            break; // truncated input
    }
    inflateEnd(&stream);
    if (status != Z_STREAM_END)
        return failed("snowflake.encoding", "a gzip-encoded answer was cut short");
    return out;
}

} // namespace

namespace snowflake {

Answer parseAnswer(const std::string &body)
{
    Answer a;
    const json doc = json::parse(body, nullptr, false);
    if (!doc.is_object())
        return a;
    a.code = stringField(doc, "code");
    a.message = oneLine(stringField(doc, "message"));
    a.sqlState = stringField(doc, "sqlState");
    a.statementHandle = stringField(doc, "statementHandle");
    return a;
}

} // namespace snowflake

// Later partitions may come gzip-encoded, asked for or not.
Result<void> SnowflakeConnection::decode(HttpResponse &response) const
{
    const auto encoding = response.header("Content-Encoding");
    if (!encoding || lower(*encoding).find("gzip") == std::string::npos)
        return {};
    auto text = gunzip(response.body);
    if (!text)
        return std::unexpected(text.error().within(where()));
    response.body = std::move(*text);
    return {};
}

Result<json> SnowflakeConnection::parseBody(const HttpResponse &response, const std::string &handle) const
{
    json doc = json::parse(response.body, nullptr, false);
    if (!doc.is_object())
        return failed("snowflake.protocol", "Snowflake's answer is not a JSON object", statementWhere(handle));
    return doc;
}

Result<StatementResult> SnowflakeConnection::resultSet(const HttpResponse &response)
{
    auto parsed = parseBody(response, {});
    if (!parsed)
        return std::unexpected(parsed.error());
    json &doc = *parsed;
    StatementResult result;
    result.handle = stringField(doc, "statementHandle");
    const auto meta = doc.find("resultSetMetaData");
    if (meta == doc.end() || !meta->is_object())
        return failed("snowflake.protocol", "the result came without resultSetMetaData", statementWhere(result.handle));
    if (const auto handles = doc.find("statementHandles"); handles != doc.end() && handles->is_array())
        return invalidInput("snowflake.multi_statement", "the SQL holds several statements; a model is one SELECT",
                            statementWhere(result.handle));
    const auto rowType = meta->find("rowType");
    if (rowType == meta->end() || !rowType->is_array())
        return failed("snowflake.protocol", "the result came without rowType", statementWhere(result.handle));
    for (const json &field : *rowType) {
        Column column;
        ColumnCodec codec;
        if (field.is_object())
            describeColumn(field, column, codec);
        result.columns.push_back(std::move(column));
        result.codecs.push_back(codec);
    }
    const auto numRows = meta->find("numRows");
    if (numRows != meta->end() && numRows->is_number_integer())
        result.numRows = numRows->get<std::int64_t>();
    if (const auto info = meta->find("partitionInfo"); info != meta->end() && info->is_array())
        for (const json &p : *info)
            result.partitionRows.push_back(p.is_object() ? p.value("rowCount", std::int64_t(-1)) : -1);
    if (const auto data = doc.find("data"); data != doc.end() && data->is_array())
        result.firstData = std::move(*data);
    // A result without partitionInfo is one partition, the one sent.
    if (result.partitionRows.empty() && (result.numRows > 0 || !result.firstData.is_null()))
        result.partitionRows.push_back(result.numRows);
    return result;
}

Error SnowflakeConnection::answerError(const HttpResponse &response, std::string handle, int lineOffset) const
{
    const Answer a = parseAnswer(response.body);
    if (!a.statementHandle.empty())
        handle = a.statementHandle;
    const std::string at = statementWhere(handle);
    const std::string said = a.message.empty() ? std::string() : ": " + a.message;
    switch (response.status) {
    case 401: return Error{ErrorKind::Failed, "snowflake.auth", "Snowflake refused the token (401)" + said, where()};
    case 403:
        return Error{ErrorKind::Failed, "snowflake.forbidden",
                     "Snowflake refused access (403): the SQL API is not enabled for this account or the "
                     "role may not use it"
                         + said,
                     where()};
    case 404:
        return Error{ErrorKind::Failed, "snowflake.not_found",
                     "no Snowflake SQL API at " + m_settings.baseUrl + " (404); check the account or baseUrl" + said,
                     at};
    case 408:
        return Error{ErrorKind::Failed, "snowflake.timeout",
                     "the statement ran longer than its timeout (" + std::to_string(m_settings.timeoutSeconds)
                         + " s) and was cancelled" + said,
                     at};
    case 422: {
        if (a.code == "000604" && m_cancelled)
            return cancelled(where()).error();
        if (a.code == "000630")
            return Error{ErrorKind::Failed, "snowflake.timeout", a.message, at};
        std::string message = a.message.empty() ? std::string("the statement failed") : a.message;
        // "error line 2 at position 7": the line counts in the statement
        // sent; say it in the user's SQL, below the wrapper's first line.
        if (lineOffset > 0) {
            static const std::regex linePattern(R"(line ([0-9]+) at position)");
            std::smatch m;
            if (std::regex_search(message, m, linePattern)) {
                const int line = std::stoi(m[1].str());
                if (line > lineOffset)
                    message.replace(std::size_t(m.position(1)), std::size_t(m.length(1)),
                                    std::to_string(line - lineOffset));
            }
        }
        if (!a.code.empty() || !a.sqlState.empty())
            message += " (Snowflake error " + (a.code.empty() ? std::string("?") : a.code)
                     + (a.sqlState.empty() ? std::string() : ", SQL state " + a.sqlState) + ")";
        return Error{ErrorKind::InvalidInput, "snowflake.sql", message, at};
    }
    default: break;
    }
    if (response.status >= 400 && response.status < 500)
        return Error{ErrorKind::Failed, "snowflake.request",
                     "Snowflake refused the request (HTTP " + std::to_string(response.status) + ")" + said, at};
    return Error{ErrorKind::Failed, "snowflake.error",
                 "Snowflake answered HTTP " + std::to_string(response.status) + said, at};
}

} // namespace sluice
