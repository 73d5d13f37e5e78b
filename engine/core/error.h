#pragma once
// Errors are values: every fallible engine call returns Result<T>.
// An Error carries a stable machine code (for the UI to translate and for
// tests to match), an English one-line message (what sluicectl prints), and
// where it happened (file, JSON path, line, field) so the user can find it.

#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace sluice {

enum class ErrorKind {
    InvalidInput, // the user handed us something wrong: bad file, bad setting (CLI exit 2)
    Failed,       // the operation ran and failed: server down, query error (CLI exit 1)
    Cancelled,    // stopped on request
};

struct Error {
    ErrorKind kind = ErrorKind::Failed;
    std::string code;    // e.g. "project.newer_schema"
    std::string message; // e.g. "written by a newer Sluice (schema 9; this build reads up to 2)"
    std::string where;   // e.g. "demo.sluice", "$.models[2].primaryKey", "users.csv:14"
    // The variable parts of the message, in order, so that the app can say it
    // in the user's language by code (settings.required: {key}); the English
    // message stays the CLI's and the logs'.
    std::vector<std::string> args = {};

    // "where: message", the single line the CLI prints.
    std::string describe() const { return where.empty() ? message : where + ": " + message; }

    // Returns a copy whose `where` is prefixed by an outer context.
    Error within(const std::string &outer) const
    {
        Error e = *this;
        e.where = where.empty() ? outer : outer + ": " + where;
        return e;
    }
};

template <typename T = void> using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorKind kind, std::string code, std::string message, std::string where = {})
{
    return std::unexpected(Error{kind, std::move(code), std::move(message), std::move(where)});
}

inline std::unexpected<Error> invalidInput(std::string code, std::string message, std::string where = {})
{
    return fail(ErrorKind::InvalidInput, std::move(code), std::move(message), std::move(where));
}

inline std::unexpected<Error> failed(std::string code, std::string message, std::string where = {})
{
    return fail(ErrorKind::Failed, std::move(code), std::move(message), std::move(where));
}

inline std::unexpected<Error> cancelled(std::string where = {})
{
    return fail(ErrorKind::Cancelled, "cancelled", "cancelled", std::move(where));
}

} // namespace sluice
