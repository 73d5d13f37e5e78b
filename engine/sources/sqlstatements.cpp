#include "sqlstatements.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <set>

namespace sluice {

namespace {

std::string upper(std::string_view s)
{
    std::string out(s);
    for (char &c : out)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return out;
}

// The first word of a statement, skipping blanks, comments and opening parentheses.
std::string leadingWord(std::string_view text)
{
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (std::isspace(static_cast<unsigned char>(c)) || c == '(') {
            ++i;
        } else if (c == '-' && i + 1 < text.size() && text[i + 1] == '-') {
            while (i < text.size() && text[i] != '\n')
                ++i;
        } else if (c == '/' && i + 1 < text.size() && text[i + 1] == '*') {
            int depth = 0;
            do {
                if (text.compare(i, 2, "/*") == 0) {
                    ++depth;
                    i += 2;
                } else if (text.compare(i, 2, "*/") == 0) {
                    --depth;
                    i += 2;
                } else {
                    ++i;
                }
            } while (i < text.size() && depth > 0);
        } else {
            break;
        }
    }
    std::size_t end = i;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_'))
        ++end;
    return upper(text.substr(i, end - i));
}

// Words of a statement in upper case, outside quotes (enough to read SET's target).
std::vector<std::string> words(std::string_view text)
{
    std::vector<std::string> out;
    std::string word;
    for (char c : text) {
        if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
            word += char(std::toupper(static_cast<unsigned char>(c)));
        } else {
            if (!word.empty())
                out.push_back(word);
            word.clear();
            if (c == '=')
                out.push_back("=");
        }
    }
    if (!word.empty())
        out.push_back(word);
    return out;
}

} // namespace

std::vector<SqlStatement> splitSqlStatements(std::string_view sql)
{
    std::vector<SqlStatement> out;
    std::size_t start = 0;
    int line = 1, startLine = 1;
    bool content = false;
    auto finish = [&](std::size_t end) {
        if (content) {
            std::string_view text = sql.substr(start, end - start);
            out.push_back(SqlStatement{std::string(text), leadingWord(text), startLine});
        }
        content = false;
    };
    std::size_t i = 0;
    while (i < sql.size()) {
        const char c = sql[i];
        if (c == '\n') {
            ++line;
            ++i;
            continue;
        }
        if (std::isspace(static_cast<unsigned char>(c))) {
            ++i;
            continue;
        }
        if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
            while (i < sql.size() && sql[i] != '\n')
                ++i;
            continue;
        }
        if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
            int depth = 0;
            while (i < sql.size()) {
                if (sql.compare(i, 2, "/*") == 0) {
                    ++depth;
                    i += 2;
                } else if (sql.compare(i, 2, "*/") == 0) {
                    i += 2;
                    if (--depth == 0)
                        break;
                } else {
                    if (sql[i] == '\n')
                        ++line;
                    ++i;
                }
            }
            continue;
        }
        if (c == ';') {
            finish(i);
            start = ++i;
            continue;
        }
        if (!content) {
            content = true;
            startLine = line;
        }
        if (c == '\'' || c == '"') {
            // E'...' strings take backslash escapes.
            const bool backslashes = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e');
            ++i;
            while (i < sql.size()) {
                if (sql[i] == '\n')
                    ++line;
                if (backslashes && sql[i] == '\\') {
                    i += 2;
                    continue;
                }
                if (sql[i] == c) {
                    if (i + 1 < sql.size() && sql[i + 1] == c) { // '' or "" inside
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                ++i;
            }
            continue;
        }
        if (c == '$') {
            // $tag$ ... $tag$ (a tag of letters, digits and _; $1 is a parameter).
            std::size_t end = i + 1;
            while (end < sql.size() && (std::isalnum(static_cast<unsigned char>(sql[end])) || sql[end] == '_'))
                ++end;
            if (end < sql.size() && sql[end] == '$'
                && !(end > i + 1 && std::isdigit(static_cast<unsigned char>(sql[i + 1])))) {
                const std::string_view tag = sql.substr(i, end - i + 1);
                const std::size_t close = sql.find(tag, end + 1);
                const std::size_t stop = close == std::string_view::npos ? sql.size() : close + tag.size();
                line += int(std::count(sql.begin() + std::ptrdiff_t(i), sql.begin() + std::ptrdiff_t(stop), '\n'));
                i = stop;
                continue;
            }
        }
        ++i;
    }
    finish(sql.size());
    return out;
}

// Functions with effects a read-only transaction does not stop (large
// objects, other sessions, other connections, the server), by name.
const char *sideEffectFunction(const std::string &text)
{
    static const char *const names[] = {"lo_create",
                                        "lo_creat",
                                        "lo_import",
                                        "lo_export",
                                        "lo_unlink",
                                        "lo_from_bytea",
                                        "lo_put",
                                        "lo_truncate",
                                        "lowrite",
                                        "dblink_exec",
                                        "dblink_connect",
                                        "dblink_connect_u",
                                        "dblink_send_query",
                                        "dblink",
                                        "pg_terminate_backend",
                                        "pg_cancel_backend",
                                        "pg_reload_conf",
                                        "pg_rotate_logfile",
                                        "pg_promote",
                                        "pg_switch_wal",
                                        "pg_create_restore_point",
                                        "set_config",
                                        "pg_notify",
                                        "pg_advisory_lock",
                                        "pg_advisory_xact_lock",
                                        "pg_read_file",
                                        "pg_read_binary_file",
                                        "system$cancel_all_queries",
                                        "system$abort_session"};
    std::string lowered;
    lowered.reserve(text.size());
    for (char c : text)
        lowered += char(std::tolower(static_cast<unsigned char>(c)));
    for (const char *name : names) {
        const std::size_t length = std::strlen(name);
        for (std::size_t at = lowered.find(name); at != std::string::npos; at = lowered.find(name, at + 1)) {
            const bool startsWord = at == 0
                                 || !(std::isalnum(static_cast<unsigned char>(lowered[at - 1]))
                                      || lowered[at - 1] == '_' || lowered[at - 1] == '$');
            std::size_t after = at + length;
            while (after < lowered.size() && std::isspace(static_cast<unsigned char>(lowered[after])))
                ++after;
            if (startsWord && after < lowered.size() && lowered[after] == '(')
                return name;
        }
    }
    return nullptr;
}

Result<std::vector<SqlStatement>> readOnlyModelStatements(std::string_view sql, bool allowShow)
{
    static const std::set<std::string> queries = {"SELECT", "WITH", "VALUES", "TABLE"};
    static const std::set<std::string> shows = {"SHOW", "DESCRIBE", "DESC"};
    // Session settings a model may make first; none of them can make the
    // session writable or end its transaction.
    static const std::set<std::string> settable
        = {"SEARCH_PATH",        "TIMEZONE",          "TIME",         "DATESTYLE",
           "INTERVALSTYLE",      "STATEMENT_TIMEOUT", "LOCK_TIMEOUT", "WORK_MEM",
           "EXTRA_FLOAT_DIGITS", "APPLICATION_NAME",  "JIT"};
    const auto statements = splitSqlStatements(sql);
    if (statements.empty())
        return invalidInput("sql.empty", "the model's SQL is empty", "model SQL");
    const std::string rule = "a model is one read-only query (SELECT or WITH; SET search_path ... may come before it)";
    for (std::size_t k = 0; k < statements.size(); ++k) {
        const SqlStatement &s = statements[k];
        const std::string where = "model SQL line " + std::to_string(s.line);
        const bool last = k + 1 == statements.size();
        if (last) {
            if (!queries.contains(s.firstWord) && !(allowShow && shows.contains(s.firstWord)))
                return invalidInput(
                    "sql.not_read_only",
                    (s.firstWord.empty() ? std::string("this") : s.firstWord) + " is not allowed: " + rule, where);
            if (const char *function = sideEffectFunction(s.text))
                return invalidInput("sql.not_read_only",
                                    std::string(function)
                                        + "() is not allowed: it has effects a read-only "
                                          "transaction does not stop, and a model only reads",
                                    where);
            // WITH ... INSERT / UPDATE / DELETE writes through a CTE.
            if (s.firstWord == "WITH")
                for (const std::string &w : words(s.text))
                    if (w == "INSERT" || w == "UPDATE" || w == "DELETE" || w == "MERGE")
                        return invalidInput("sql.not_read_only",
                                            "a WITH query that writes (" + w + ") is not allowed: " + rule, where);
            continue;
        }
        if (s.firstWord == "SET") {
            auto w = words(s.text);
            std::size_t at = 1;
            if (at < w.size() && (w[at] == "SESSION" || w[at] == "LOCAL"))
                ++at;
            if (at < w.size() && settable.contains(w[at])
                && !(w[at] == "TIME" && (at + 1 >= w.size() || w[at + 1] != "ZONE")))
                continue;
            return invalidInput("sql.not_read_only",
                                "SET " + (at < w.size() ? w[at] : std::string()) + " is not allowed: " + rule, where);
        }
        if (queries.contains(s.firstWord))
            return invalidInput("sql.not_read_only", "only one query is allowed, the last statement: " + rule, where);
        return invalidInput(
            "sql.not_read_only",
            (s.firstWord.empty() ? std::string("this statement") : s.firstWord) + " is not allowed: " + rule, where);
    }
    return statements;
}

} // namespace sluice
