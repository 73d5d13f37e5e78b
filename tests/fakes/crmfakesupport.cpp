#include "crmfakesupport.h"

#include <cctype>

#include <cmath>
#include <cstdio>
#include <ctime>
#include <regex>

namespace sluice::fakes::crm {

using nlohmann::json;

void answer(httplib::Response &response, int status, const json &body)
{
    response.status = status;
    response.set_content(body.dump(), "application/json;charset=UTF-8");
}

std::string lower(std::string text)
{
    for (char &c : text)
        if (c >= 'A' && c <= 'Z')
            c = static_cast<char>(c - 'A' + 'a');
    return text;
}

bool isDecimal(const std::string &text)
{
    static const std::regex re(R"(^-?[0-9]+(\.[0-9]+)?$)");
    return std::regex_match(text, re);
}

bool isInteger(const std::string &text)
{
    static const std::regex re(R"(^-?[0-9]+$)");
    return std::regex_match(text, re);
}

bool isDate(const std::string &text)
{
    static const std::regex re(R"(^([0-9]{4})-([0-9]{2})-([0-9]{2})$)");
    std::smatch m;
    if (!std::regex_match(text, m, re))
        return false;
    const int month = std::stoi(m[2]), day = std::stoi(m[3]);
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool isDateTime(const std::string &text)
{
    static const std::regex re(
        R"(^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:?[0-9]{2})$)");
    return std::regex_match(text, re) && isDate(text.substr(0, 10));
}

std::string correlationId(int n)
{
    char buf[40];
    std::snprintf(buf, sizeof buf, "5b1c6e2a-0000-4000-8000-%012d", n);
    return buf;
}

void answerHubspotError(httplib::Response &response, std::size_t index, int status, const std::string &category,
                        const std::string &message, const nlohmann::json &extra)
{
    nlohmann::json body = {{"status", "error"},
                           {"message", message},
                           {"correlationId", correlationId(int(index))},
                           {"category", category}};
    for (auto &[k, v] : extra.items())
        body[k] = v;
    answer(response, status, body);
}

std::string isoAt(long long secondsAfterBase, bool salesforceStyle)
{
    const std::time_t t = 1714554000 + secondsAfterBase; // 2024-05-01T09:00:00Z
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::strftime(buf, sizeof buf, salesforceStyle ? "%Y-%m-%dT%H:%M:%S.000+0000" : "%Y-%m-%dT%H:%M:%S.000Z", &tm);
    return buf;
}

std::vector<std::vector<std::string>> parseCsv(const std::string &text)
{
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, started = false;
    auto endCell = [&] {
        row.push_back(std::move(cell));
        cell.clear();
        started = false;
    };
    auto endRow = [&] {
        endCell();
        if (!(row.size() == 1 && row[0].empty()))
            rows.push_back(std::move(row));
        row.clear();
    };
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                cell += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                cell += c;
            }
        } else if (c == '"' && !started) {
            quoted = started = true;
        } else if (c == ',') {
            endCell();
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;
            endRow();
        } else {
            cell += c;
            started = true;
        }
    }
    if (started || !cell.empty() || !row.empty())
        endRow();
    return rows;
}

std::string textOf(const json &value)
{
    if (value.is_string())
        return value.get<std::string>();
    if (value.is_null())
        return {};
    if (value.is_number_float()) {
        const double d = value.get<double>();
        if (std::floor(d) == d && std::fabs(d) < 9e15)
            return std::to_string(static_cast<long long>(d));
    }
    return value.dump();
}

json sfError(const std::string &code, const std::string &message, const std::vector<std::string> &fields)
{
    return json{{"statusCode", code}, {"message", message}, {"fields", fields}};
}

json sfRequestError(const std::string &code, const std::string &message)
{
    return json::array({json{{"errorCode", code}, {"message", message}}});
}

// Text equality as the org compares a field: exact for case-sensitive fields,
// else without regard to (ASCII) case.
bool sfSameText(const SalesforceFieldDef *field, const std::string &a, const std::string &b)
{
    if (!field || field->caseSensitive || field->type == "id")
        return a == b;
    return lower(a) == lower(b);
}

} // namespace sluice::fakes::crm
