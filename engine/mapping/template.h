#pragma once
// Templates for destination fields: text with {{ value | filter }} outputs
// and {% if %} / {% elif %} / {% else %} / {% endif %} blocks, e.g.
//
//   {{ first_name | trim }} {{ last_name | default('') }}
//   {% if total_spend > 10000 %}VIP{% elif total_spend > 1000 %}Premium{% else %}Standard{% endif %}
//
// Inside a tag the expression language of row filters applies (expression.h).
// Filters: lower, upper, trim, default(value), date(format[, zone]),
// truncate(length[, suffix]), round(decimals). A template is parsed once into
// a tree; rendering only reads the row. There is no loop, include, variable
// assignment or call out of the engine, so a template always finishes, in
// time linear in its size.

#include "core/error.h"
#include "core/value.h"
#include "expression.h"
#include "formats/datetime.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

class Template {
public:
    static Result<Template> compile(std::string_view text, const std::vector<Column> &columns, std::int64_t nowSeconds);

    // Appends the text for `row`. A filter that cannot apply (date() on text
    // that is no date) passes its input through and describes the problem in
    // `warning` (the first one of the row only).
    void render(const Row &row, std::string &out, std::string &warning) const;

    struct Filter {
        enum class Kind { Lower, Upper, Trim, Default, Date, Truncate, Round } kind = Kind::Lower;
        Value argument;                       // default
        std::size_t length = 0;               // truncate
        std::string suffix;                   // truncate
        int decimals = 0;                     // round
        std::optional<DateFormat> format;     // date
        std::shared_ptr<const TimeZone> zone; // date
    };
    struct Node;
    struct Branch {
        int condition = -1; // -1: else
        std::vector<Node> body;
    };
    struct Node {
        enum class Kind { Text, Output, If } kind = Kind::Text;
        std::string text;
        int value = -1;
        std::vector<Filter> filters;
        std::vector<Branch> branches;
    };

private:
    friend class TemplateParser;
    void renderNodes(const std::vector<Node> &nodes, const Row &row, std::string &out, std::string &warning) const;
    Value applyFilter(const Filter &filter, Value value, std::string &warning) const;

    ExprProgram m_program;
    std::vector<Node> m_nodes;
};

} // namespace sluice::mapping
