#include "snowflakefake.h"

#include <sqlite3.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <optional>
#include <regex>
#include <stdexcept>

namespace sluice::fakes {

using nlohmann::json;

namespace {

constexpr const char *kContentType = "application/json";

std::string upper(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

std::string lower(std::string s)
{
    for (char &c : s)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

std::int64_t nowMillis()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string gzip(const std::string &data)
{
    z_stream stream{};
    deflateInit2(&stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
    std::string out(deflateBound(&stream, static_cast<uLong>(data.size())) + 32, '\0');
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    stream.avail_in = static_cast<uInt>(data.size());
    stream.next_out = reinterpret_cast<Bytef *>(out.data());
    stream.avail_out = static_cast<uInt>(out.size());
    deflate(&stream, Z_FINISH);
    out.resize(stream.total_out);
    deflateEnd(&stream);
    return out;
}

// ---- Snowflake's wire encoding of values --------------------------------

struct SnowColumn {
    std::string name;
    std::string type = "text"; // rowType "type"
    int precision = 0;
    int scale = 0;
    bool hasPrecision = false;
};

// Days from 1970-01-01 of a civil date.
std::int64_t daysFromCivil(std::int64_t y, unsigned m, unsigned d)
{
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

struct Parsed {
    std::int64_t days = 0;
    std::int64_t secondsOfDay = 0;
    std::int64_t nanos = 0;
    std::optional<int> offsetMinutes;
    bool hasDate = false;
};

// "2026-03-29", "2026-03-29 01:30:00.5", "2026-03-29T01:30Z", "01:30:00", "... +02:00".
bool parseDateTime(const std::string &text, Parsed &out)
{
    static const std::regex pattern(
        R"(^\s*(?:(-?\d{1,4})-(\d{2})-(\d{2}))?(?:[ T]?(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?\s*$)");
    std::smatch m;
    if (!std::regex_match(text, m, pattern) || (!m[1].matched && !m[4].matched))
        return false;
    if (m[1].matched) {
        out.hasDate = true;
        out.days = daysFromCivil(std::stoll(m[1].str()), unsigned(std::stoi(m[2].str())), unsigned(std::stoi(m[3].str())));
    }
    if (m[4].matched)
        out.secondsOfDay = std::stoll(m[4].str()) * 3600 + std::stoll(m[5].str()) * 60
                           + (m[6].matched ? std::stoll(m[6].str()) : 0);
    if (m[7].matched) {
        std::string digits = m[7].str();
        digits.resize(9, '0');
        out.nanos = std::stoll(digits);
    }
    if (m[8].matched) {
        const std::string z = m[8].str();
        if (z == "Z") {
            out.offsetMinutes = 0;
        } else {
            const int sign = z[0] == '-' ? -1 : 1;
            std::string rest = z.substr(1);
            rest.erase(std::remove(rest.begin(), rest.end(), ':'), rest.end());
            const int hours = std::stoi(rest.substr(0, 2));
            const int minutes = rest.size() > 2 ? std::stoi(rest.substr(2)) : 0;
            out.offsetMinutes = sign * (hours * 60 + minutes);
        }
    }
    return true;
}

std::string epochText(std::int64_t seconds, std::int64_t nanos)
{
    // Snowflake writes the fraction with 9 digits; a negative time keeps the
    // sign on the whole value ("-0.500000000").
    char text[64];
    if (seconds < 0 && nanos > 0) {
        seconds += 1;
        nanos = 1'000'000'000 - nanos;
        std::snprintf(text, sizeof text, "-%lld.%09lld", static_cast<long long>(-seconds), static_cast<long long>(nanos));
    } else {
        std::snprintf(text, sizeof text, "%lld.%09lld", static_cast<long long>(seconds), static_cast<long long>(nanos));
    }
    return text;
}

std::string shortestDouble(double v)
{
    char buffer[64];
    const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, v);
    return ec == std::errc() ? std::string(buffer, end) : std::to_string(v);
}

// The rowType of a declared column type (Snowflake's names; SQLite keeps them as written).
bool typeFromDeclared(const std::string &declaredIn, SnowColumn &c)
{
    const std::string d = upper(declaredIn);
    if (d.empty())
        return false;
    auto has = [&](const char *s) { return d.find(s) != std::string::npos; };
    if (has("TIMESTAMP_TZ") || has("TIMESTAMPTZ")) {
        c.type = "timestamp_tz";
    } else if (has("TIMESTAMP_LTZ") || has("TIMESTAMPLTZ")) {
        c.type = "timestamp_ltz";
    } else if (has("TIMESTAMP") || has("DATETIME")) {
        c.type = "timestamp_ntz";
    } else if (has("DATE")) {
        c.type = "date";
        return true;
    } else if (has("TIME")) {
        c.type = "time";
    } else if (has("BOOL")) {
        c.type = "boolean";
        return true;
    } else if (d.starts_with("NUMBER") || d.starts_with("DECIMAL") || d.starts_with("NUMERIC") || has("INT")) {
        c.type = "fixed";
        c.hasPrecision = true;
        c.precision = 38;
        c.scale = 0;
        static const std::regex ps(R"(\(\s*(\d+)\s*(?:,\s*(\d+)\s*)?\))");
        std::smatch m;
        if (!has("INT") && std::regex_search(d, m, ps)) {
            c.precision = std::stoi(m[1].str());
            c.scale = m[2].matched ? std::stoi(m[2].str()) : 0;
        }
        return true;
    } else if (has("FLOAT") || has("DOUBLE") || has("REAL")) {
        c.type = "real";
        return true;
    } else if (has("CHAR") || has("TEXT") || has("STRING")) {
        c.type = "text";
        return true;
    } else if (has("BINARY") || has("BLOB")) {
        c.type = "binary";
        return true;
    } else if (has("VARIANT") || has("OBJECT") || has("ARRAY")) {
        c.type = lower(d.substr(0, d.find('(')));
        return true;
    } else {
        c.type = "text";
        return true;
    }
    // time and timestamps: fraction digits
    c.scale = 9;
    static const std::regex p(R"(\(\s*(\d+)\s*\))");
    std::smatch m;
    if (std::regex_search(d, m, p))
        c.scale = std::stoi(m[1].str());
    return true;
}

// A SQLite value to Snowflake's JSON cell for the column.
json encodeCell(sqlite3_stmt *st, int i, const SnowColumn &c, bool nullsAsText)
{
    const int kind = sqlite3_column_type(st, i);
    if (kind == SQLITE_NULL)
        return nullsAsText ? json("null") : json();
    const auto *raw = reinterpret_cast<const char *>(sqlite3_column_text(st, i));
    const std::string text = raw ? raw : "";
    if (c.type == "fixed") {
        if (kind == SQLITE_INTEGER && c.scale == 0)
            return std::to_string(sqlite3_column_int64(st, i));
        if (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT) {
            char buffer[64];
            std::snprintf(buffer, sizeof buffer, "%.*f", c.scale, sqlite3_column_double(st, i));
            return std::string(buffer);
        }
        return text;
    }
    if (c.type == "real") {
        if (kind == SQLITE_INTEGER)
            return std::to_string(sqlite3_column_int64(st, i));
        if (kind == SQLITE_FLOAT)
            return shortestDouble(sqlite3_column_double(st, i));
        return text;
    }
    if (c.type == "boolean") {
        if (kind == SQLITE_INTEGER || kind == SQLITE_FLOAT)
            return std::string(sqlite3_column_double(st, i) != 0 ? "true" : "false");
        const std::string l = lower(text);
        if (l == "true" || l == "t" || l == "yes")
            return std::string("true");
        if (l == "false" || l == "f" || l == "no")
            return std::string("false");
        return text;
    }
    if (c.type == "binary") {
        const auto *bytes = static_cast<const unsigned char *>(sqlite3_column_blob(st, i));
        const int n = sqlite3_column_bytes(st, i);
        std::string hex;
        char two[3];
        for (int k = 0; k < n; ++k) {
            std::snprintf(two, sizeof two, "%02X", bytes[k]);
            hex += two;
        }
        return hex;
    }
    if (c.type == "date" || c.type == "time" || c.type.starts_with("timestamp")) {
        if (kind == SQLITE_INTEGER && c.type != "date") // epoch seconds
            return epochText(sqlite3_column_int64(st, i), 0);
        Parsed p;
        if (!parseDateTime(text, p))
            return text;
        if (c.type == "date")
            return std::to_string(p.days);
        if (c.type == "time")
            return epochText(p.secondsOfDay, p.nanos);
        std::int64_t seconds = p.days * 86400 + p.secondsOfDay;
        if (c.type == "timestamp_ntz")
            return epochText(seconds, p.nanos); // the wall clock; an offset is dropped
        const int offset = p.offsetMinutes.value_or(0);
        seconds -= std::int64_t(offset) * 60; // to UTC
        if (c.type == "timestamp_ltz")
            return epochText(seconds, p.nanos);
        return epochText(seconds, p.nanos) + " " + std::to_string(offset + 1440);
    }
    if (kind == SQLITE_BLOB)
        return std::string(reinterpret_cast<const char *>(sqlite3_column_blob(st, i)),
                           std::size_t(sqlite3_column_bytes(st, i)));
    return text;
}

json rowTypeEntry(const SnowColumn &c, const std::string &database, const std::string &schema)
{
    json e = {{"name", c.name},     {"database", database}, {"schema", schema}, {"table", ""},
              {"nullable", true},   {"type", c.type},       {"collation", nullptr},
              {"precision", nullptr}, {"scale", nullptr},   {"length", nullptr}, {"byteLength", nullptr}};
    if (c.type == "fixed") {
        e["precision"] = c.precision;
        e["scale"] = c.scale;
    } else if (c.type == "time" || c.type.starts_with("timestamp")) {
        e["precision"] = 0;
        e["scale"] = c.scale;
    } else if (c.type == "text") {
        e["length"] = 16777216;
        e["byteLength"] = 16777216;
    }
    return e;
}

// Where `name` first appears in `sql` as a word: Snowflake's "line L at
// position P" (line from 1, position from 0 within the line).
std::pair<int, int> positionOf(const std::string &sql, const std::string &name)
{
    const std::string haystack = upper(sql);
    const std::string needle = upper(name);
    std::size_t at = 0;
    while (!needle.empty() && (at = haystack.find(needle, at)) != std::string::npos) {
        const bool startOk = at == 0 || !(std::isalnum(static_cast<unsigned char>(haystack[at - 1])) || haystack[at - 1] == '_');
        const std::size_t end = at + needle.size();
        const bool endOk = end >= haystack.size() || !(std::isalnum(static_cast<unsigned char>(haystack[end])) || haystack[end] == '_');
        if (startOk && endOk)
            break;
        ++at;
    }
    if (at == std::string::npos || needle.empty())
        return {1, 0};
    const int line = 1 + int(std::count(sql.begin(), sql.begin() + std::ptrdiff_t(at), '\n'));
    const std::size_t lineStart = sql.rfind('\n', at == 0 ? 0 : at - 1);
    const int position = int(lineStart == std::string::npos || at == 0 ? at : at - lineStart - 1);
    return {line, position};
}

struct SqlFailure {
    std::string code;
    std::string sqlState;
    std::string message;
};

// SQLite's error in Snowflake's words.
SqlFailure snowflakeError(const std::string &sqliteMessage, const std::string &sql, const std::string &database,
                          const std::string &schema)
{
    static const std::regex noColumn(R"(^no such column: (.+)$)");
    static const std::regex noTable(R"(^no such table: (.+)$)");
    static const std::regex near(R"(^near \"(.*)\": syntax error$)");
    std::smatch m;
    if (std::regex_match(sqliteMessage, m, noColumn)) {
        const std::string name = m[1].str();
        const std::string last = name.substr(name.rfind('.') == std::string::npos ? 0 : name.rfind('.') + 1);
        auto [line, position] = positionOf(sql, name);
        if (line == 1 && position == 0)
            std::tie(line, position) = positionOf(sql, last);
        const bool quoted = sql.find("\"" + last + "\"") != std::string::npos;
        return {"000904", "42000",
                "SQL compilation error: error line " + std::to_string(line) + " at position " + std::to_string(position)
                    + "\ninvalid identifier '" + (quoted ? name : upper(name)) + "'"};
    }
    if (std::regex_match(sqliteMessage, m, noTable)) {
        std::string name = upper(m[1].str());
        if (name.find('.') == std::string::npos)
            name = database + "." + schema + "." + name;
        return {"002003", "42S02", "SQL compilation error:\nObject '" + name + "' does not exist or not authorized."};
    }
    if (std::regex_match(sqliteMessage, m, near)) {
        const auto [line, position] = positionOf(sql, m[1].str());
        return {"001003", "42000",
                "SQL compilation error:\nsyntax error line " + std::to_string(line) + " at position "
                    + std::to_string(position) + " unexpected '" + m[1].str() + "'."};
    }
    if (sqliteMessage == "incomplete input") {
        const int lines = 1 + int(std::count(sql.begin(), sql.end(), '\n'));
        return {"001003", "42000",
                "SQL compilation error:\nsyntax error line " + std::to_string(lines) + " at position 0 unexpected '<EOF>'."};
    }
    return {"100000", "P0000", "SQL execution error: " + sqliteMessage};
}

// TO_DATE / TO_TIME / TO_TIMESTAMP_*(text, format) for the formats Sluice
// sends ('YYYY-MM-DD', 'HH24:MI:SS[.FFn]', 'YYYY-MM-DD HH24:MI:SS[.FFn][TZH:TZM]'):
// the text must have exactly the parts the format names.
bool canonicalDateTime(const std::string &function, const std::string &text, const std::string &format,
                       std::string &out)
{
    static const std::regex formats(R"(^(YYYY-MM-DD)?( ?HH24:MI:SS(\.FF[0-9])?)?(TZH:TZM)?$)");
    std::smatch f;
    if (!std::regex_match(format, f, formats) || format.empty())
        return false;
    static const std::regex texts(
        R"(^(\d{4}-\d{2}-\d{2})?( ?(\d{2}:\d{2}:\d{2})(\.(\d{1,9}))?)?([+-]\d{2}:\d{2})?$)");
    std::smatch t;
    if (!std::regex_match(text, t, texts))
        return false;
    if (f[1].matched != t[1].matched || f[2].matched != t[2].matched || f[3].matched != t[4].matched
        || f[4].matched != t[6].matched)
        return false;
    const bool wantsDate = function != "to_time";
    const bool wantsTime = function != "to_date";
    if (wantsDate != t[1].matched || wantsTime != t[2].matched)
        return false;
    out.clear();
    if (t[1].matched)
        out += t[1].str();
    if (t[2].matched) {
        if (!out.empty())
            out += ' ';
        out += t[3].str();
        std::string fraction = t[5].str();
        while (!fraction.empty() && fraction.back() == '0')
            fraction.pop_back();
        if (!fraction.empty())
            out += "." + fraction;
    }
    if (t[6].matched)
        out += t[6].str();
    return true;
}

std::optional<SqlFailure> collationOnNonText(sqlite3 *db, const std::string &sql)
{
    // Snowflake applies COLLATE to text only. The fake looks up each column
    // named right before a COLLATE in its tables: when every column of that
    // name is of another type, the statement is refused as Snowflake does.
    static const std::regex collated(R"re((?:"([^"]+)"|([A-Za-z_][A-Za-z0-9_$]*))\s+COLLATE\s+')re",
                                     std::regex::icase);
    for (auto it = std::sregex_iterator(sql.begin(), sql.end(), collated); it != std::sregex_iterator(); ++it) {
        const std::string name = (*it)[1].matched ? (*it)[1].str() : upper((*it)[2].str());
        sqlite3_stmt *st = nullptr;
        sqlite3_prepare_v2(db,
                           "SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA <> "
                           "'INFORMATION_SCHEMA' AND upper(COLUMN_NAME) = upper(?1)",
                           -1, &st, nullptr);
        sqlite3_bind_text(st, 1, name.c_str(), -1, SQLITE_TRANSIENT);
        std::string otherType;
        bool text = false;
        while (sqlite3_step(st) == SQLITE_ROW) {
            const std::string type = reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
            if (type == "TEXT")
                text = true;
            else
                otherType = type;
        }
        sqlite3_finalize(st);
        if (!text && !otherType.empty()) {
            const auto [line, position] = positionOf(sql, (*it)[0].str());
            if (otherType.starts_with("TIMESTAMP") || otherType == "TIME")
                otherType += "(9)";
            return SqlFailure{"001044", "42P13",
                              "SQL compilation error: error line " + std::to_string(line) + " at position "
                                  + std::to_string(position) + "\nInvalid argument types for function 'COLLATE': ("
                                  + otherType + ", VARCHAR(4))"};
        }
    }
    return std::nullopt;
}

std::string base64Text(const std::string &data)
{
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(data.data()), int(data.size()));
    out.resize(std::size_t(std::max(n, 0)));
    return out;
}

std::string base64urlDecode(std::string text)
{
    for (char &c : text)
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4)
        text += '=';
    std::string out(text.size() / 4 * 3 + 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(text.data()), int(text.size()));
    if (n < 0)
        return {};
    out.resize(std::size_t(n) - (text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0));
    return out;
}

// Why Snowflake would refuse this key-pair JWT, or "": RS256 by the key,
// issuer QUALIFIED.SHA256:<fingerprint of the key>, subject QUALIFIED, not expired.
std::string verifyJwt(const std::string &token, const std::string &publicKeyPem, const std::string &qualified)
{
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    const json header = json::parse(base64urlDecode(token.substr(0, dot1)), nullptr, false);
    const json payload = json::parse(base64urlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1)), nullptr, false);
    const std::string signature = base64urlDecode(token.substr(dot2 + 1));
    if (!header.is_object() || header.value("alg", "") != "RS256" || !payload.is_object())
        return "JWT token is invalid.";
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(publicKeyPem.data(), int(publicKeyPem.size())),
                                                   &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                             &EVP_PKEY_free);
    if (!key)
        return "JWT token is invalid.";
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(length), digest);
    OPENSSL_free(der);
    const std::string fingerprint = "SHA256:" + base64Text(std::string(reinterpret_cast<char *>(digest), sizeof digest));
    if (payload.value("iss", "") != qualified + "." + fingerprint || payload.value("sub", "") != qualified)
        return "JWT token is invalid.";
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    if (!payload.contains("exp") || !payload["exp"].is_number() || payload["exp"].get<std::int64_t>() < now
        || payload["exp"].get<std::int64_t>() > now + 3660)
        return "JWT token is invalid.";
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::string signed_ = token.substr(0, dot2);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char *>(signed_.data()), signed_.size())
               != 1)
        return "JWT token is invalid.";
    return {};
}

int utf8Collation(void *, int la, const void *a, int lb, const void *b)
{
    const int n = std::memcmp(a, b, std::size_t(std::min(la, lb)));
    return n != 0 ? n : (la < lb ? -1 : la > lb ? 1 : 0);
}

std::map<std::string, std::string> queryOf(const httplib::Request &request)
{
    std::map<std::string, std::string> q;
    for (const auto &[k, v] : request.params)
        q[k] = v;
    return q;
}

std::string param(const httplib::Request &request, const char *name)
{
    return request.has_param(name) ? request.get_param_value(name) : std::string();
}

void send(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), kContentType);
}

} // namespace

struct SnowflakeFake::Stored {
    SnowflakeStatement info;
    std::vector<SnowColumn> columns;
    std::vector<json> rows; // each a JSON array of cells
    std::vector<std::pair<std::size_t, std::size_t>> partitions; // [begin, end) into rows
    bool isLong = false;
    int pollsLeft = 0;
    int failStatus = 0;
    json failBody;
    std::int64_t createdOn = 0;
};

SnowflakeFake::SnowflakeFake(SnowflakeFakeOptions options) : m_options(std::move(options))
{
    if (sqlite3_open(":memory:", &m_db) != SQLITE_OK)
        throw std::runtime_error("Snowflake fake: cannot open SQLite");
    sqlite3_exec(m_db, "ATTACH DATABASE ':memory:' AS INFORMATION_SCHEMA", nullptr, nullptr, nullptr);
    sqlite3_exec(m_db,
                 "CREATE TABLE INFORMATION_SCHEMA.TABLES (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, "
                 "TABLE_TYPE TEXT, ROW_COUNT NUMBER(38,0));"
                 "CREATE TABLE INFORMATION_SCHEMA.COLUMNS (TABLE_CATALOG TEXT, TABLE_SCHEMA TEXT, TABLE_NAME TEXT, "
                 "COLUMN_NAME TEXT, ORDINAL_POSITION NUMBER(38,0), IS_NULLABLE TEXT, DATA_TYPE TEXT, "
                 "CHARACTER_MAXIMUM_LENGTH NUMBER(38,0), NUMERIC_PRECISION NUMBER(38,0), NUMERIC_SCALE NUMBER(38,0))",
                 nullptr, nullptr, nullptr);
    sqlite3_create_collation(m_db, "utf8", SQLITE_UTF8, nullptr, utf8Collation);
    // The session functions answer from m_session (set while a statement runs).
    static const char *const names[] = {"current_version", "current_account", "current_database",
                                        "current_schema", "current_warehouse", "current_role"};
    for (std::size_t i = 0; i < std::size(names); ++i) {
        m_functions[i] = SessionFunction{this, int(i)};
        sqlite3_create_function(
            m_db, names[i], 0, SQLITE_UTF8, &m_functions[i],
            [](sqlite3_context *context, int, sqlite3_value **) {
                const auto *fn = static_cast<const SessionFunction *>(sqlite3_user_data(context));
                const SnowflakeFake &self = *fn->fake;
                static const char *const keys[] = {"", "", "database", "schema", "warehouse", "role"};
                std::string value;
                if (fn->which == 0)
                    value = self.m_options.version;
                else if (fn->which == 1)
                    value = self.m_options.account;
                else if (self.m_session.contains(keys[fn->which]) && self.m_session[keys[fn->which]].is_string())
                    value = self.m_session[keys[fn->which]].get<std::string>();
                if (value.empty())
                    sqlite3_result_null(context);
                else
                    sqlite3_result_text(context, value.c_str(), int(value.size()), SQLITE_TRANSIENT);
            },
            nullptr, nullptr);
    }
    // TO_DATE, TO_TIME and TO_TIMESTAMP_NTZ/LTZ/TZ(text, format): the text
    // parsed by the format, as the fake stores date-times (ISO text, the
    // fraction without trailing zeros), so comparisons with stored values
    // are in time order. A text the format does not describe is refused.
    static const char *const parsers[] = {"to_date", "to_time", "to_timestamp_ntz", "to_timestamp_ltz",
                                          "to_timestamp_tz"};
    for (const char *name : parsers)
        sqlite3_create_function(
            m_db, name, 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, const_cast<char *>(name),
            [](sqlite3_context *context, int, sqlite3_value **argv) {
                const std::string function = static_cast<const char *>(sqlite3_user_data(context));
                if (sqlite3_value_type(argv[0]) == SQLITE_NULL) {
                    sqlite3_result_null(context);
                    return;
                }
                const std::string text = reinterpret_cast<const char *>(sqlite3_value_text(argv[0]));
                const std::string format = upper(reinterpret_cast<const char *>(sqlite3_value_text(argv[1])));
                std::string result;
                if (!canonicalDateTime(function, text, format, result)) {
                    const std::string message = "Can't parse '" + text + "' as " + upper(function.substr(3))
                                                + " with format '" + format + "'";
                    sqlite3_result_error(context, message.c_str(), -1);
                    return;
                }
                sqlite3_result_text(context, result.c_str(), int(result.size()), SQLITE_TRANSIENT);
            },
            nullptr, nullptr);
    refreshInformationSchema();
}

SnowflakeFake::~SnowflakeFake()
{
    sqlite3_close(m_db);
}

std::string SnowflakeFake::refusal(const std::string &token, std::string &code)
{
    code = "390303";
    if (token.empty())
        return "Invalid OAuth access token.";
    if (token == m_options.token)
        return {};
    const bool issued = m_tokenUses.count(token) > 0;
    const bool jwt = !issued && !m_options.keyPairPublicKeyPem.empty() && std::count(token.begin(), token.end(), '.') == 2;
    if (!issued && !jwt)
        return "Invalid OAuth access token.";
    if (jwt) {
        code = "390144";
        if (auto why = verifyJwt(token, m_options.keyPairPublicKeyPem, upper(m_options.keyPairAccount) + "."
                                                                          + upper(m_options.keyPairUser));
            !why.empty())
            return why;
    }
    int &uses = m_tokenUses[token];
    if (m_options.tokenLifetimeRequests > 0 && uses >= m_options.tokenLifetimeRequests) {
        if (uses++ == m_options.tokenLifetimeRequests)
            ++m_expiredRefused;
        code = "390318";
        return "OAuth access token expired. [" + std::to_string(m_options.tokenLifetimeRequests) + " requests]";
    }
    ++uses;
    return {};
}

void SnowflakeFake::handleTokenRequest(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t logIndex = logRequest(request, "/oauth/token-request");
    const std::string basic = "Basic " + base64Text(m_options.clientId + ":" + m_options.clientSecret);
    if (m_options.refreshToken.empty() || request.get_header_value("Authorization") != basic) {
        send(response, 401, {{"error", "invalid_client"}, {"error_description", "Client authentication failed."}});
    } else if (request.get_param_value("grant_type") != "refresh_token"
               || request.get_param_value("refresh_token") != m_options.refreshToken) {
        send(response, 400, {{"error", "invalid_grant"}, {"error_description", "Invalid refresh token."}});
    } else {
        const std::string token = "sf-access-" + std::to_string(++m_accessTokensIssued);
        m_tokenUses[token] = 0;
        send(response, 200, {{"access_token", token}, {"token_type", "Bearer"}, {"expires_in", 600}});
    }
    finishLog(logIndex, response);
}

int SnowflakeFake::accessTokensIssued() const
{
    std::lock_guard lock(m_mutex);
    return m_accessTokensIssued;
}

int SnowflakeFake::expiredTokensRefused() const
{
    std::lock_guard lock(m_mutex);
    return m_expiredRefused;
}

void SnowflakeFake::mount(httplib::Server &server, const std::string &prefix)
{
    m_prefix = prefix;
    server.Post(prefix + "/oauth/token-request", [this](const httplib::Request &req, httplib::Response &res) {
        handleTokenRequest(req, res);
    });
    server.Post(prefix + "/api/v2/statements", [this](const httplib::Request &req, httplib::Response &res) {
        handleSubmit(req, res);
    });
    server.Get(prefix + R"(/api/v2/statements/([^/]+))", [this](const httplib::Request &req, httplib::Response &res) {
        handleStatus(req, res, req.matches[1].str());
    });
    server.Post(prefix + R"(/api/v2/statements/([^/]+)/cancel)",
                [this](const httplib::Request &req, httplib::Response &res) {
                    handleCancel(req, res, req.matches[1].str());
                });
}

void SnowflakeFake::exec(const std::string &sql)
{
    std::lock_guard lock(m_mutex);
    char *error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        const std::string message = error ? error : "unknown error";
        sqlite3_free(error);
        throw std::runtime_error("Snowflake fake: " + message);
    }
    refreshInformationSchema();
}

void SnowflakeFake::setOptions(SnowflakeFakeOptions options)
{
    std::lock_guard lock(m_mutex);
    m_options = std::move(options);
}

SnowflakeFakeOptions SnowflakeFake::options() const
{
    std::lock_guard lock(m_mutex);
    return m_options;
}

void SnowflakeFake::reset()
{
    std::lock_guard lock(m_mutex);
    m_statements.clear();
    m_byHandle.clear();
    m_byRequestId.clear();
    m_requests.clear();
    m_apiRequests = m_submissions = m_cancels = 0;
}

std::vector<SnowflakeStatement> SnowflakeFake::statements() const
{
    std::lock_guard lock(m_mutex);
    std::vector<SnowflakeStatement> out;
    for (const auto &s : m_statements)
        out.push_back(s.info);
    return out;
}

int SnowflakeFake::executions() const
{
    std::lock_guard lock(m_mutex);
    return int(m_statements.size());
}

int SnowflakeFake::executions(const std::string &requestId) const
{
    std::lock_guard lock(m_mutex);
    return int(std::count_if(m_statements.begin(), m_statements.end(),
                             [&](const Stored &s) { return s.info.requestId == requestId; }));
}

int SnowflakeFake::cancels() const
{
    std::lock_guard lock(m_mutex);
    return m_cancels;
}

std::vector<SnowflakeRequest> SnowflakeFake::requests() const
{
    std::lock_guard lock(m_mutex);
    return m_requests;
}

json SnowflakeFake::contents() const
{
    std::lock_guard lock(m_mutex);
    json statements = json::array();
    for (const auto &s : m_statements)
        statements.push_back({{"handle", s.info.handle}, {"requestId", s.info.requestId}, {"sql", s.info.sql},
                              {"rows", s.info.rows}, {"partitions", s.info.partitions}, {"failed", s.info.failed},
                              {"cancelled", s.info.cancelled}});
    json tables = json::object();
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db, "SELECT TABLE_NAME, ROW_COUNT FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA <> 'INFORMATION_SCHEMA'",
                       -1, &st, nullptr);
    while (st && sqlite3_step(st) == SQLITE_ROW)
        tables[reinterpret_cast<const char *>(sqlite3_column_text(st, 0))] = sqlite3_column_int64(st, 1);
    sqlite3_finalize(st);
    return {{"statements", statements}, {"tables", tables}};
}

void SnowflakeFake::refreshInformationSchema()
{
    sqlite3_exec(m_db, "DELETE FROM INFORMATION_SCHEMA.TABLES; DELETE FROM INFORMATION_SCHEMA.COLUMNS", nullptr,
                 nullptr, nullptr);
    struct Table {
        std::string name, type;
    };
    std::vector<Table> tables;
    sqlite3_stmt *st = nullptr;
    sqlite3_prepare_v2(m_db,
                       "SELECT name, type FROM main.sqlite_schema WHERE type IN ('table', 'view') AND name NOT LIKE "
                       "'sqlite\\_%' ESCAPE '\\' ORDER BY name",
                       -1, &st, nullptr);
    while (sqlite3_step(st) == SQLITE_ROW)
        tables.push_back({reinterpret_cast<const char *>(sqlite3_column_text(st, 0)),
                          reinterpret_cast<const char *>(sqlite3_column_text(st, 1))});
    sqlite3_finalize(st);

    sqlite3_stmt *addTable = nullptr;
    sqlite3_stmt *addColumn = nullptr;
    sqlite3_prepare_v2(m_db, "INSERT INTO INFORMATION_SCHEMA.TABLES VALUES (?, ?, ?, ?, ?)", -1, &addTable, nullptr);
    sqlite3_prepare_v2(m_db, "INSERT INTO INFORMATION_SCHEMA.COLUMNS VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1,
                       &addColumn, nullptr);
    auto insertTable = [&](const std::string &schema, const std::string &name, const char *type, std::int64_t rows) {
        sqlite3_reset(addTable);
        sqlite3_bind_text(addTable, 1, m_options.database.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 2, schema.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 3, name.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(addTable, 4, type, -1, SQLITE_TRANSIENT);
        if (rows >= 0)
            sqlite3_bind_int64(addTable, 5, rows);
        else
            sqlite3_bind_null(addTable, 5);
        sqlite3_step(addTable);
    };
    auto insertColumns = [&](const std::string &schema, const std::string &table, const std::string &sqliteSchema) {
        sqlite3_stmt *info = nullptr;
        const std::string sql = "SELECT cid, name, type, \"notnull\" FROM pragma_table_info(?, ?)";
        sqlite3_prepare_v2(m_db, sql.c_str(), -1, &info, nullptr);
        sqlite3_bind_text(info, 1, table.c_str(), -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(info, 2, sqliteSchema.c_str(), -1, SQLITE_TRANSIENT);
        while (sqlite3_step(info) == SQLITE_ROW) {
            SnowColumn c;
            const char *declared = reinterpret_cast<const char *>(sqlite3_column_text(info, 2));
            typeFromDeclared(declared ? declared : "TEXT", c);
            std::string dataType = c.type == "fixed" ? "NUMBER" : c.type == "real" ? "FLOAT" : upper(c.type);
            sqlite3_reset(addColumn);
            sqlite3_bind_text(addColumn, 1, m_options.database.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 2, schema.c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 3, upper(table).c_str(), -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 4, upper(reinterpret_cast<const char *>(sqlite3_column_text(info, 1))).c_str(),
                              -1, SQLITE_TRANSIENT);
            sqlite3_bind_int64(addColumn, 5, sqlite3_column_int64(info, 0) + 1);
            sqlite3_bind_text(addColumn, 6, sqlite3_column_int(info, 3) ? "NO" : "YES", -1, SQLITE_TRANSIENT);
            sqlite3_bind_text(addColumn, 7, dataType.c_str(), -1, SQLITE_TRANSIENT);
            if (c.type == "text")
                sqlite3_bind_int64(addColumn, 8, 16777216);
            else
                sqlite3_bind_null(addColumn, 8);
            if (c.type == "fixed") {
                sqlite3_bind_int(addColumn, 9, c.precision);
                sqlite3_bind_int(addColumn, 10, c.scale);
            } else {
                sqlite3_bind_null(addColumn, 9);
                sqlite3_bind_null(addColumn, 10);
            }
            sqlite3_step(addColumn);
        }
        sqlite3_finalize(info);
    };
    for (const Table &t : tables) {
        std::int64_t rows = -1;
        if (t.type == "table") {
            sqlite3_stmt *count = nullptr;
            const std::string sql = "SELECT count(*) FROM main.\"" + t.name + "\"";
            if (sqlite3_prepare_v2(m_db, sql.c_str(), -1, &count, nullptr) == SQLITE_OK
                && sqlite3_step(count) == SQLITE_ROW)
                rows = sqlite3_column_int64(count, 0);
            sqlite3_finalize(count);
        }
        insertTable(m_options.schema, upper(t.name), t.type == "view" ? "VIEW" : "BASE TABLE", rows);
        insertColumns(m_options.schema, t.name, "main");
    }
    for (const char *view : {"COLUMNS", "TABLES"}) {
        insertTable("INFORMATION_SCHEMA", view, "VIEW", -1);
        insertColumns("INFORMATION_SCHEMA", view, "INFORMATION_SCHEMA");
    }
    sqlite3_finalize(addTable);
    sqlite3_finalize(addColumn);
}

std::size_t SnowflakeFake::logRequest(const httplib::Request &request, const std::string &path)
{
    SnowflakeRequest r;
    r.method = request.method;
    r.path = path;
    r.query = queryOf(request);
    r.body = request.body;
    r.authorization = request.get_header_value("Authorization");
    r.tokenType = request.get_header_value("X-Snowflake-Authorization-Token-Type");
    r.userAgent = request.get_header_value("User-Agent");
    r.acceptEncoding = request.get_header_value("Accept-Encoding");
    m_requests.push_back(std::move(r));
    return m_requests.size() - 1;
}

void SnowflakeFake::finishLog(std::size_t index, const httplib::Response &response)
{
    if (index < m_requests.size()) {
        m_requests[index].status = response.status;
        m_requests[index].gzipped = response.get_header_value("Content-Encoding") == "gzip";
    }
}

bool SnowflakeFake::admit(const httplib::Request &request, httplib::Response &response)
{
    ++m_apiRequests;
    const std::string authorization = request.get_header_value("Authorization");
    const std::string token = authorization.starts_with("Bearer ") ? authorization.substr(7) : std::string();
    std::string code;
    if (const std::string why = refusal(token, code); !why.empty()) {
        send(response, 401, {{"code", code}, {"message", why}});
        return false;
    }
    if (request.get_header_value("User-Agent").empty()) {
        send(response, 400, {{"message", "The User-Agent header is required."}});
        return false;
    }
    if (m_options.rateLimited.hits(m_apiRequests)) {
        if (m_options.retryAfterSeconds > 0)
            response.set_header("Retry-After", std::to_string(m_options.retryAfterSeconds));
        send(response, 429, {{"code", "390505"}, {"message", "Too many requests."}});
        return false;
    }
    return true;
}

void SnowflakeFake::handleSubmit(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t logIndex = logRequest(request, "/api/v2/statements");
    struct Finish {
        SnowflakeFake *self;
        std::size_t index;
        httplib::Response &response;
        ~Finish() { self->finishLog(index, response); }
    } finish{this, logIndex, response};

    if (!admit(request, response))
        return;
    if (request.get_header_value("Content-Type").rfind("application/json", 0) != 0) {
        send(response, 415, {{"message", "Unsupported media type: send application/json."}});
        return;
    }
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_object() || !body.contains("statement") || !body["statement"].is_string()) {
        send(response, 400, {{"code", "390142"}, {"message", "Incoming request does not contain a valid payload."}});
        return;
    }
    const std::string requestId = param(request, "requestId");
    const bool retry = param(request, "retry") == "true";
    const bool async = param(request, "async") == "true";
    const bool nullsAsText = param(request, "nullable") == "false";

    // A resubmission: answer for the statement already run.
    if (retry && !requestId.empty()) {
        if (const auto known = m_byRequestId.find(requestId); known != m_byRequestId.end()) {
            answer(m_statements[known->second], true, async, request, response);
            return;
        }
    }
    ++m_submissions;
    json session = {{"database", body.value("database", m_options.database)},
                    {"schema", body.value("schema", m_options.schema)},
                    {"warehouse", body.value("warehouse", m_options.warehouse)},
                    {"role", body.value("role", m_options.role)}};
    if (session["database"].get<std::string>() != m_options.database) {
        send(response, 422, {{"code", "390201"},
                             {"message", "The requested database does not exist or not authorized."},
                             {"sqlState", "08004"}});
        return;
    }
    Stored stored = execute(body["statement"].get<std::string>(), session, requestId, nullsAsText);
    m_statements.push_back(std::move(stored));
    Stored &statement = m_statements.back();
    m_byHandle[statement.info.handle] = m_statements.size() - 1;
    if (!requestId.empty())
        m_byRequestId[requestId] = m_statements.size() - 1;
    if (m_options.submitServerError.hits(m_submissions)) {
        send(response, m_options.serverErrorStatus, {{"message", "Internal error: the answer was lost."}});
        return;
    }
    answer(statement, true, async, request, response);
}

void SnowflakeFake::handleStatus(const httplib::Request &request, httplib::Response &response,
                                 const std::string &handle)
{
    std::lock_guard lock(m_mutex);
    const std::size_t logIndex = logRequest(request, "/api/v2/statements/" + handle);
    struct Finish {
        SnowflakeFake *self;
        std::size_t index;
        httplib::Response &response;
        ~Finish() { self->finishLog(index, response); }
    } finish{this, logIndex, response};
    if (!admit(request, response))
        return;
    const auto found = m_byHandle.find(handle);
    if (found == m_byHandle.end()) {
        send(response, 422, {{"code", "000709"}, {"sqlState", "02000"},
                             {"message", "Statement " + handle + " not found"}, {"statementHandle", handle}});
        return;
    }
    Stored &statement = m_statements[found->second];
    if (request.has_param("partition")) {
        int partition = -1;
        const std::string text = param(request, "partition");
        std::from_chars(text.data(), text.data() + text.size(), partition);
        answerPartition(statement, partition, request, response);
        return;
    }
    answer(statement, false, false, request, response);
}

void SnowflakeFake::handleCancel(const httplib::Request &request, httplib::Response &response,
                                 const std::string &handle)
{
    std::lock_guard lock(m_mutex);
    const std::size_t logIndex = logRequest(request, "/api/v2/statements/" + handle + "/cancel");
    struct Finish {
        SnowflakeFake *self;
        std::size_t index;
        httplib::Response &response;
        ~Finish() { self->finishLog(index, response); }
    } finish{this, logIndex, response};
    if (!admit(request, response))
        return;
    const auto found = m_byHandle.find(handle);
    if (found == m_byHandle.end()) {
        send(response, 422, {{"code", "000709"}, {"sqlState", "02000"},
                             {"message", "Statement " + handle + " not found"}, {"statementHandle", handle}});
        return;
    }
    ++m_cancels;
    Stored &statement = m_statements[found->second];
    if (statement.pollsLeft > 0)
        statement.info.cancelled = true;
    send(response, 200, {{"code", "000000"}, {"sqlState", "00000"}, {"message", "successfully executed"},
                         {"statementHandle", handle},
                         {"statementStatusUrl", m_prefix + "/api/v2/statements/" + handle}});
}

SnowflakeFake::Stored SnowflakeFake::execute(const std::string &sql, const json &session, const std::string &requestId,
                                             bool nullsAsText)
{
    Stored s;
    char handle[64];
    std::snprintf(handle, sizeof handle, "01b8f4a2-0000-5e1c-0000-%012llx",
                  static_cast<unsigned long long>(m_nextHandle++));
    s.info.handle = handle;
    s.info.requestId = requestId;
    s.info.sql = sql;
    s.info.session = session;
    s.createdOn = nowMillis();
    const std::string database = session.value("database", m_options.database);
    const std::string schema = session.value("schema", m_options.schema);

    auto fail = [&](const SqlFailure &f) {
        s.info.failed = true;
        s.failStatus = 422;
        s.failBody = {{"code", f.code}, {"sqlState", f.sqlState}, {"message", f.message},
                      {"statementHandle", s.info.handle}};
    };

    m_session = session;
    if (auto refused = collationOnNonText(m_db, sql)) {
        fail(*refused);
        return s;
    }
    sqlite3_stmt *st = nullptr;
    const char *tail = nullptr;
    if (sqlite3_prepare_v2(m_db, sql.c_str(), int(sql.size()), &st, &tail) != SQLITE_OK) {
        fail(snowflakeError(sqlite3_errmsg(m_db), sql, database, schema));
        return s;
    }
    if (tail) {
        const std::string rest(tail);
        if (rest.find_first_not_of(" \t\r\n;") != std::string::npos) {
            sqlite3_finalize(st);
            fail({"000008", "0A000",
                  "Actual statement count 2 did not match the desired statement count 1."});
            return s;
        }
    }
    if (!st) { // only whitespace or comments
        fail({"000900", "42601", "SQL compilation error:\nEmpty SQL statement."});
        return s;
    }
    const int n = sqlite3_column_count(st);
    std::vector<bool> declared(std::size_t(n), false);
    for (int i = 0; i < n; ++i) {
        SnowColumn c;
        const std::string name = sqlite3_column_name(st, i);
        c.name = sql.find("\"" + name + "\"") != std::string::npos ? name : upper(name);
        const char *decl = sqlite3_column_decltype(st, i);
        declared[std::size_t(i)] = decl && typeFromDeclared(decl, c);
        s.columns.push_back(c);
    }
    // Rows as SQLite values first: undeclared columns are typed by their values.
    int rc = SQLITE_ROW;
    struct Cell {
        int kind;
        std::int64_t i;
        double d;
        std::string text;
    };
    std::vector<std::vector<Cell>> cells;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        std::vector<Cell> row;
        for (int i = 0; i < n; ++i) {
            Cell c{sqlite3_column_type(st, i), sqlite3_column_int64(st, i), sqlite3_column_double(st, i), {}};
            if (c.kind == SQLITE_TEXT || c.kind == SQLITE_BLOB)
                c.text.assign(static_cast<const char *>(sqlite3_column_blob(st, i)),
                              std::size_t(sqlite3_column_bytes(st, i)));
            row.push_back(std::move(c));
        }
        cells.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        const std::string message = sqlite3_errmsg(m_db);
        sqlite3_finalize(st);
        fail(snowflakeError(message, sql, database, schema));
        return s;
    }
    const bool changesSchema = !sqlite3_stmt_readonly(st);
    sqlite3_finalize(st);
    for (int i = 0; i < n; ++i) {
        if (declared[std::size_t(i)])
            continue;
        SnowColumn &c = s.columns[std::size_t(i)];
        c.type = "text";
        for (const auto &row : cells) {
            const int kind = row[std::size_t(i)].kind;
            if (kind == SQLITE_NULL)
                continue;
            if (kind == SQLITE_INTEGER) {
                c.type = "fixed";
                c.hasPrecision = true;
                c.precision = 38;
                c.scale = 0;
            } else if (kind == SQLITE_FLOAT) {
                c.type = "real";
            }
            break;
        }
    }
    // Encode through a scratch statement so encodeCell reads real SQLite values.
    sqlite3_stmt *values = nullptr;
    std::string select = "SELECT ";
    for (int i = 0; i < n; ++i)
        select += (i ? ", ?" : "?");
    if (n > 0 && sqlite3_prepare_v2(m_db, select.c_str(), -1, &values, nullptr) == SQLITE_OK) {
        for (const auto &row : cells) {
            sqlite3_reset(values);
            for (int i = 0; i < n; ++i) {
                const Cell &c = row[std::size_t(i)];
                switch (c.kind) {
                case SQLITE_INTEGER: sqlite3_bind_int64(values, i + 1, c.i); break;
                case SQLITE_FLOAT: sqlite3_bind_double(values, i + 1, c.d); break;
                case SQLITE_TEXT: sqlite3_bind_text(values, i + 1, c.text.data(), int(c.text.size()), SQLITE_TRANSIENT); break;
                case SQLITE_BLOB: sqlite3_bind_blob(values, i + 1, c.text.data(), int(c.text.size()), SQLITE_TRANSIENT); break;
                default: sqlite3_bind_null(values, i + 1); break;
                }
            }
            if (sqlite3_step(values) != SQLITE_ROW)
                break;
            json out = json::array();
            for (int i = 0; i < n; ++i)
                out.push_back(encodeCell(values, i, s.columns[std::size_t(i)], nullsAsText));
            s.rows.push_back(std::move(out));
        }
        sqlite3_finalize(values);
    }
    if (n == 0) {
        // DDL and DML: a one-cell status, as Snowflake answers them.
        SnowColumn status;
        status.name = "status";
        s.columns.push_back(status);
        s.rows.push_back(json::array({"Statement executed successfully."}));
    }
    if (changesSchema)
        refreshInformationSchema();

    // Long or not, and the partitions.
    const auto total = std::int64_t(s.rows.size());
    s.isLong = (!m_options.longMarker.empty() && sql.find(m_options.longMarker) != std::string::npos)
               || (m_options.longRows > 0 && total >= m_options.longRows);
    std::int64_t count = 1;
    if (m_options.maxPartitionRows > 0)
        count = std::max<std::int64_t>(1, (total + m_options.maxPartitionRows - 1) / m_options.maxPartitionRows);
    if (s.isLong)
        count = std::max<std::int64_t>(count, m_options.partitions);
    count = std::max<std::int64_t>(1, std::min(count, std::max<std::int64_t>(total, 1)));
    std::size_t begin = 0;
    for (std::int64_t p = 0; p < count; ++p) {
        const std::size_t size = std::size_t(total / count + (p < total % count ? 1 : 0));
        s.partitions.emplace_back(begin, begin + size);
        begin += size;
    }
    s.pollsLeft = s.isLong ? m_options.pendingPolls : 0;
    s.info.rows = total;
    s.info.partitions = int(s.partitions.size());
    return s;
}

json SnowflakeFake::resultSet(const Stored &s) const
{
    json rowType = json::array();
    for (const auto &c : s.columns)
        rowType.push_back(rowTypeEntry(c, s.info.session.value("database", ""), s.info.session.value("schema", "")));
    json partitionInfo = json::array();
    for (const auto &[b, e] : s.partitions) {
        json data = json::array();
        for (std::size_t i = b; i < e; ++i)
            data.push_back(s.rows[i]);
        partitionInfo.push_back({{"rowCount", e - b}, {"uncompressedSize", data.dump().size()}});
    }
    json first = json::array();
    if (!s.partitions.empty())
        for (std::size_t i = s.partitions[0].first; i < s.partitions[0].second; ++i)
            first.push_back(s.rows[i]);
    return {{"resultSetMetaData",
             {{"numRows", s.rows.size()}, {"format", "jsonv2"}, {"partitionInfo", partitionInfo}, {"rowType", rowType}}},
            {"data", first},
            {"code", "090001"},
            {"statementStatusUrl", m_prefix + "/api/v2/statements/" + s.info.handle + "?requestId=" + s.info.requestId},
            {"requestId", s.info.requestId},
            {"sqlState", "00000"},
            {"statementHandle", s.info.handle},
            {"message", "Statement executed successfully."},
            {"createdOn", s.createdOn}};
}

void SnowflakeFake::answer(Stored &s, bool fromSubmit, bool async, const httplib::Request &, httplib::Response &response)
{
    if (s.info.cancelled) {
        send(response, 422, {{"code", "000604"}, {"sqlState", "57014"}, {"message", "SQL execution canceled"},
                             {"statementHandle", s.info.handle}});
        return;
    }
    const json status = {{"code", "333334"},
                         {"message", "Asynchronous execution in progress. Use provided query id to perform query "
                                     "monitoring and management."},
                         {"statementHandle", s.info.handle},
                         {"statementStatusUrl", m_prefix + "/api/v2/statements/" + s.info.handle}};
    if (fromSubmit && (async || s.pollsLeft > 0)) {
        send(response, 202, status);
        return;
    }
    if (!fromSubmit && s.pollsLeft > 0) {
        --s.pollsLeft;
        send(response, 202, status);
        return;
    }
    if (s.info.failed) {
        send(response, s.failStatus, s.failBody);
        return;
    }
    send(response, 200, resultSet(s));
}

void SnowflakeFake::answerPartition(Stored &s, int partition, const httplib::Request &request,
                                    httplib::Response &response)
{
    if (s.info.cancelled || s.info.failed || s.pollsLeft > 0) {
        answer(s, false, false, request, response);
        return;
    }
    if (partition < 0 || std::size_t(partition) >= s.partitions.size()) {
        send(response, 422, {{"code", "000002"}, {"sqlState", "22023"},
                             {"message", "Invalid partition " + std::to_string(partition) + ": the result has "
                                             + std::to_string(s.partitions.size()) + " partitions."},
                             {"statementHandle", s.info.handle}});
        return;
    }
    if (partition == 0) {
        send(response, 200, resultSet(s));
        return;
    }
    json data = json::array();
    for (std::size_t i = s.partitions[std::size_t(partition)].first; i < s.partitions[std::size_t(partition)].second; ++i)
        data.push_back(s.rows[i]);
    const std::string base = m_prefix + "/api/v2/statements/" + s.info.handle + "?partition=";
    std::string link = "<" + base + "0>; rel=\"first\"";
    if (std::size_t(partition) + 1 < s.partitions.size())
        link += ",<" + base + std::to_string(partition + 1) + ">; rel=\"next\"";
    link += ",<" + base + std::to_string(partition - 1) + ">; rel=\"prev\"";
    link += ",<" + base + std::to_string(s.partitions.size() - 1) + ">; rel=\"last\"";
    response.set_header("Link", link);
    response.status = 200;
    const std::string body = json{{"data", data}}.dump();
    if (m_options.gzipPartitions) {
        response.set_header("Content-Encoding", "gzip");
        // Not a type cpp-httplib compresses itself: the body is gzip already.
        response.set_content(gzip(body), "application/json; charset=utf-8");
    } else {
        response.set_content(body, "application/json; charset=utf-8");
    }
}

} // namespace sluice::fakes
