// The Salesforce destination's shared helpers (salesforceinternal.h):
// inspector cuts, answer excerpts and JSON, record results and error text,
// Bulk API CSV, URL encoding.

#include "destinations/saas/salesforceinternal.h"

#include <algorithm>

namespace sluice {

using nlohmann::json;

namespace salesforce {

std::string stringOf(const json &j, const char *key)
{
    if (!j.is_object())
        return {};
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

BatchFailure failure(BatchFailure::Kind kind, std::string message, std::optional<std::chrono::milliseconds> retryAfter)
{
    return BatchFailure{kind, std::move(message), retryAfter};
}

std::string errorText(const std::string &code, const std::string &message, const std::vector<std::string> &fields)
{
    std::string text = code.empty() ? std::string("ERROR") : code;
    if (!message.empty())
        text += ": " + message;
    if (!fields.empty()) {
        text += " (fields: ";
        for (std::size_t i = 0; i < fields.size(); ++i)
            text += (i ? ", " : "") + fields[i];
        text += ')';
    }
    return text;
}

bool retryableCode(const std::string &code)
{
    return code == "ALL_OR_NONE_OPERATION_ROLLED_BACK" || code == "UNABLE_TO_LOCK_ROW";
}

RecordOutcome resultOutcome(const json &result, bool deleting)
{
    if (!result.is_object())
        return {Outcome::Retryable, "Salesforce gave no result for this record"};
    if (result.value("success", false))
        return {};
    std::string reason;
    bool retryable = false;
    bool gone = deleting;
    bool anyError = false;
    if (const auto errors = result.find("errors"); errors != result.end() && errors->is_array())
        for (const auto &error : *errors) {
            anyError = true;
            const std::string code = stringOf(error, "statusCode");
            std::vector<std::string> fields;
            if (const auto f = error.find("fields"); error.is_object() && f != error.end() && f->is_array())
                for (const auto &name : *f)
                    if (name.is_string())
                        fields.push_back(name.get<std::string>());
            reason += (reason.empty() ? "" : "; ") + errorText(code, stringOf(error, "message"), fields);
            retryable = retryable || retryableCode(code);
            gone = gone && code == "ENTITY_IS_DELETED";
        }
    if (deleting && anyError && gone)
        return {}; // already deleted: what a delete wants
    if (reason.empty())
        reason = "rejected by Salesforce";
    return {retryable ? Outcome::Retryable : Outcome::Rejected, reason};
}

std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, cellStarted = false;
    std::size_t i = 0;
    if (text.starts_with("\xEF\xBB\xBF"))
        i = 3;
    auto endCell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        cellStarted = false;
    };
    auto endRow = [&] {
        endCell();
        if (!(row.size() == 1 && row[0].empty()))
            rows.push_back(std::move(row));
        row.clear();
    };
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"') {
                if (i + 1 < text.size() && text[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                cell += c;
            }
            continue;
        }
        if (c == '"' && !cellStarted) {
            quoted = true;
            cellStarted = true;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRow();
        } else {
            cell += c;
            cellStarted = true;
        }
    }
    if (cellStarted || !cell.empty() || !row.empty())
        endRow();
    return rows;
}

} // namespace salesforce

} // namespace sluice
