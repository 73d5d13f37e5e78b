#include "template.h"

#include "formats/numbers.h"
#include "formats/textutil.h"
#include "valuefunctions.h"

#include <algorithm>

namespace sluice::mapping {

namespace {

struct FilterSpec {
    std::string_view name;
    Template::Filter::Kind kind;
    std::string_view usage;
};

constexpr FilterSpec filterSpecs[] = {
    {"lower", Template::Filter::Kind::Lower, "it takes none"},
    {"upper", Template::Filter::Kind::Upper, "it takes none"},
    {"trim", Template::Filter::Kind::Trim, "it takes none"},
    {"default", Template::Filter::Kind::Default, "it takes one value, as in default('n/a')"},
    {"date", Template::Filter::Kind::Date,
     "it takes a format and an optional time zone, as in date('%Y-%m-%d', '+08:00')"},
    {"truncate", Template::Filter::Kind::Truncate,
     "it takes a length of at least 1 and an optional suffix, as in truncate(20, '...')"},
    {"round", Template::Filter::Kind::Round, "it takes the number of decimals (0 to 15), as in round(2)"},
};

constexpr int maxIfNesting = 32;

} // namespace

class TemplateParser {
public:
    TemplateParser(std::string_view text, const std::vector<Column> &columns, Template &tmpl)
        : m_text(text), m_columns(columns), m_template(tmpl)
    { }

    Result<void> parse()
    {
        auto end = body(m_template.m_nodes);
        if (!end)
            return std::unexpected(end.error());
        if (!end->name.empty())
            return syntaxError(m_text, end->offset, "unexpected '" + end->name + "' (no open 'if')");
        return {};
    }

private:
    // The tag that ended a body: elif, else, endif, or "" at the end of the text.
    struct EndTag {
        std::string name;
        std::size_t offset = 0;
        std::vector<Token> tokens;
    };

    Result<EndTag> body(std::vector<Template::Node> &out)
    {
        for (;;) {
            const std::size_t output = m_text.find("{{", m_pos);
            const std::size_t tag = m_text.find("{%", m_pos);
            const std::size_t next = std::min(output, tag);
            if (next > m_pos)
                appendText(out, m_text.substr(m_pos, next == std::string_view::npos ? next : next - m_pos));
            if (next == std::string_view::npos) {
                m_pos = m_text.size();
                return EndTag{{}, m_text.size(), {}};
            }
            auto tokens = tokenizeTag(m_text, next + 2, next);
            if (!tokens)
                return std::unexpected(tokens.error());
            m_pos = tokens->back().offset + tokens->back().length;
            if (next == output) {
                if (auto r = outputTag(*tokens, out); !r)
                    return std::unexpected(r.error());
                continue;
            }
            const Token &name = tokens->front();
            if (name.kind != TokenKind::Identifier || name.backquoted)
                return syntaxError(m_text, name.offset,
                                   "unexpected " + describeToken(m_text, name)
                                       + " (tags are if, elif, else and endif)");
            std::string word = name.text;
            toLowerAscii(word);
            if (word == "elif" || word == "else" || word == "endif")
                return EndTag{word, name.offset, std::move(*tokens)};
            if (word != "if")
                return syntaxError(m_text, name.offset,
                                   "unknown tag " + quoteText(name.text) + " (tags are if, elif, else and endif)");
            // Nested ifs recurse: refuse depth that could exhaust the stack.
            if (m_openIfs >= maxIfNesting)
                return syntaxError(m_text, next,
                                   "'if' blocks nested deeper than " + std::to_string(maxIfNesting) + " levels");
            ++m_openIfs;
            auto r = ifBlock(*tokens, next, out);
            --m_openIfs;
            if (!r)
                return std::unexpected(r.error());
        }
    }

    void appendText(std::vector<Template::Node> &out, std::string_view text)
    {
        if (!out.empty() && out.back().kind == Template::Node::Kind::Text)
            out.back().text += text;
        else
            out.push_back(Template::Node{Template::Node::Kind::Text, std::string(text), -1, {}, {}});
    }

    // Parses the expression after tokens[index] and requires `close` to end the tag.
    Result<int> condition(const std::vector<Token> &tokens, std::size_t index, TokenKind close)
    {
        auto value = parseExpression(m_text, tokens, index, m_columns, m_template.m_program);
        if (!value)
            return value;
        if (tokens[index].kind != close)
            return syntaxError(m_text, tokens[index].offset, "unexpected " + describeToken(m_text, tokens[index]));
        return value;
    }

    Result<void> ifBlock(const std::vector<Token> &tokens, std::size_t opener, std::vector<Template::Node> &out)
    {
        auto first = condition(tokens, 1, TokenKind::CloseTag);
        if (!first)
            return std::unexpected(first.error());
        Template::Node node{Template::Node::Kind::If, {}, -1, {}, {}};
        node.branches.push_back(Template::Branch{*first, {}});
        bool sawElse = false;
        for (;;) {
            auto end = body(node.branches.back().body);
            if (!end)
                return std::unexpected(end.error());
            if (end->name.empty())
                return syntaxError(m_text, opener, "missing '{% endif %}' for the 'if'");
            if (end->name == "endif" || end->name == "else") {
                if (end->tokens[1].kind != TokenKind::CloseTag)
                    return syntaxError(m_text, end->tokens[1].offset,
                                       "unexpected " + describeToken(m_text, end->tokens[1]));
            }
            if (end->name == "endif")
                break;
            if (sawElse)
                return syntaxError(m_text, end->offset, "'" + end->name + "' after 'else'");
            if (end->name == "else") {
                sawElse = true;
                node.branches.push_back(Template::Branch{-1, {}});
                continue;
            }
            auto cond = condition(end->tokens, 1, TokenKind::CloseTag);
            if (!cond)
                return std::unexpected(cond.error());
            node.branches.push_back(Template::Branch{*cond, {}});
        }
        out.push_back(std::move(node));
        return {};
    }

    Result<void> outputTag(const std::vector<Token> &tokens, std::vector<Template::Node> &out)
    {
        std::size_t i = 0;
        auto value = parseExpression(m_text, tokens, i, m_columns, m_template.m_program);
        if (!value)
            return std::unexpected(value.error());
        Template::Node node{Template::Node::Kind::Output, {}, *value, {}, {}};
        while (tokens[i].kind == TokenKind::Pipe) {
            ++i;
            auto filter = parseFilter(tokens, i);
            if (!filter)
                return std::unexpected(filter.error());
            node.filters.push_back(std::move(*filter));
        }
        if (tokens[i].kind != TokenKind::CloseOutput)
            return syntaxError(m_text, tokens[i].offset, "unexpected " + describeToken(m_text, tokens[i]));
        out.push_back(std::move(node));
        return {};
    }

    Result<Template::Filter> parseFilter(const std::vector<Token> &tokens, std::size_t &i)
    {
        const Token &name = tokens[i];
        if (name.kind != TokenKind::Identifier)
            return syntaxError(m_text, name.offset, "expected a filter name but found " + describeToken(m_text, name));
        const FilterSpec *spec = nullptr;
        for (const FilterSpec &f : filterSpecs)
            if (equalsIgnoringAsciiCase(f.name, name.text))
                spec = &f;
        if (!spec)
            return syntaxError(m_text, name.offset,
                               "unknown filter " + quoteText(name.text)
                                   + " (filters are lower, upper, trim, default, date, truncate, round)");
        ++i;
        std::vector<Argument> args;
        if (tokens[i].kind == TokenKind::LeftParen) {
            ++i;
            while (tokens[i].kind != TokenKind::RightParen) {
                auto arg = argument(tokens, i);
                if (!arg)
                    return std::unexpected(arg.error());
                args.push_back(std::move(*arg));
                if (tokens[i].kind == TokenKind::Comma)
                    ++i;
                else if (tokens[i].kind != TokenKind::RightParen)
                    return syntaxError(m_text, tokens[i].offset,
                                       "expected ',' or ')' but found " + describeToken(m_text, tokens[i]));
            }
            ++i;
        }
        Template::Filter f;
        f.kind = spec->kind;
        auto wrongArguments = [&] {
            return invalidInput("mapping.syntax", "wrong arguments for filter '" + std::string(spec->name)
                                                      + "' at position "
                                                      + std::to_string(charPosition(m_text, name.offset)) + ": "
                                                      + std::string(spec->usage));
        };
        auto isText = [](const Argument &a) { return a.value.type() == ValueType::Text; };
        auto wholeNumber = [](const Argument &a, std::int64_t lo, std::int64_t hi) -> std::optional<std::int64_t> {
            if (a.value.type() != ValueType::Integer || a.value.asInteger() < lo || a.value.asInteger() > hi)
                return std::nullopt;
            return a.value.asInteger();
        };
        switch (f.kind) {
        case Template::Filter::Kind::Lower:
        case Template::Filter::Kind::Upper:
        case Template::Filter::Kind::Trim:
            if (!args.empty())
                return wrongArguments();
            break;
        case Template::Filter::Kind::Default:
            if (args.size() != 1)
                return wrongArguments();
            f.argument = args[0].value;
            break;
        case Template::Filter::Kind::Date: {
            if (args.empty() || args.size() > 2 || !isText(args[0]) || (args.size() == 2 && !isText(args[1])))
                return wrongArguments();
            auto format = DateFormat::compile(args[0].value.asText(), m_text, args[0].offset + 1);
            if (!format)
                return std::unexpected(format.error());
            f.format = std::move(*format);
            f.zone = TimeZone::utc();
            if (args.size() == 2) {
                auto zone = TimeZone::find(args[1].value.asText());
                if (!zone)
                    return syntaxError(m_text, args[1].offset, zone.error().message);
                f.zone = *zone;
            }
            break;
        }
        case Template::Filter::Kind::Truncate: {
            const auto length = args.empty() ? std::nullopt : wholeNumber(args[0], 1, 1'000'000);
            if (!length || args.size() > 2 || (args.size() == 2 && !isText(args[1])))
                return wrongArguments();
            f.length = std::size_t(*length);
            if (args.size() == 2)
                f.suffix = args[1].value.asText();
            break;
        }
        case Template::Filter::Kind::Round: {
            const auto decimals = args.empty() ? std::optional<std::int64_t>(0) : wholeNumber(args[0], 0, 15);
            if (!decimals || args.size() > 1)
                return wrongArguments();
            f.decimals = int(*decimals);
            break;
        }
        }
        return f;
    }

    struct Argument {
        Value value;
        std::size_t offset = 0;
    };

    // A filter argument: a literal, with an optional minus sign on numbers.
    Result<Argument> argument(const std::vector<Token> &tokens, std::size_t &i) const
    {
        const Token &t = tokens[i];
        const bool negative = t.kind == TokenKind::Operator && t.text == "-" && tokens[i + 1].kind == TokenKind::Number;
        const Token &lit = negative ? tokens[i + 1] : t;
        Argument a{{}, t.offset};
        if (lit.kind == TokenKind::String)
            a.value = lit.text;
        else if (lit.kind == TokenKind::Number && !negative)
            a.value = lit.number;
        else if (lit.kind == TokenKind::Number)
            a.value = lit.number.type() == ValueType::Integer ? Value(-lit.number.asInteger())
                                                              : Value(-lit.number.asReal());
        else if (lit.kind == TokenKind::Identifier && !lit.backquoted
                 && (equalsIgnoringAsciiCase(lit.text, "true") || equalsIgnoringAsciiCase(lit.text, "false")))
            a.value = equalsIgnoringAsciiCase(lit.text, "true");
        else if (!(lit.kind == TokenKind::Identifier && !lit.backquoted && equalsIgnoringAsciiCase(lit.text, "null")))
            return syntaxError(m_text, t.offset,
                               "filter arguments are text, numbers, true, false or null; unexpected "
                                   + describeToken(m_text, t));
        i += negative ? 2 : 1;
        return a;
    }

    std::string_view m_text;
    const std::vector<Column> &m_columns;
    Template &m_template;
    std::size_t m_pos = 0;
    int m_openIfs = 0;
};

Result<Template> Template::compile(std::string_view text, const std::vector<Column> &columns, std::int64_t nowSeconds)
{
    Template t;
    t.m_program.nowSeconds = nowSeconds;
    if (auto r = TemplateParser(text, columns, t).parse(); !r)
        return std::unexpected(r.error());
    return t;
}

void Template::render(const Row &row, std::string &out, std::string &warning) const
{
    renderNodes(m_nodes, row, out, warning);
}

namespace {

void appendText(std::string &out, const Value &v)
{
    if (v.type() == ValueType::Text)
        out += v.asText();
    else if (!v.isNull())
        out += v.toString();
}

} // namespace

void Template::renderNodes(const std::vector<Node> &nodes, const Row &row, std::string &out, std::string &warning) const
{
    for (const Node &node : nodes) {
        switch (node.kind) {
        case Node::Kind::Text: out += node.text; break;
        case Node::Kind::Output: {
            Value scratch;
            const Value &value = m_program.reference(node.value, row, scratch);
            if (node.filters.empty()) {
                appendText(out, value);
                break;
            }
            Value v = value;
            for (const Filter &f : node.filters)
                v = applyFilter(f, std::move(v), warning);
            appendText(out, v);
            break;
        }
        case Node::Kind::If:
            for (const Branch &b : node.branches) {
                if (b.condition < 0 || truthValue(m_program.evaluate(b.condition, row)).value_or(false)) {
                    renderNodes(b.body, row, out, warning);
                    break;
                }
            }
            break;
        }
    }
}

Value Template::applyFilter(const Filter &f, Value v, std::string &warning) const
{
    switch (f.kind) {
    case Filter::Kind::Lower: return lowerValue(v);
    case Filter::Kind::Upper: return upperValue(v);
    case Filter::Kind::Trim: return trimValue(v);
    case Filter::Kind::Truncate: return truncateValue(v, f.length, f.suffix);
    case Filter::Kind::Default:
        if (v.isNull() || (v.type() == ValueType::Text && v.asText().empty()))
            return f.argument;
        return v;
    case Filter::Kind::Round: {
        if (v.isNull() || v.type() == ValueType::Integer)
            return v;
        if (const auto n = numericValue(v))
            return roundDecimal(*n, f.decimals);
        if (warning.empty())
            warning = "round: " + quoteText(v.toString()) + " is not a number";
        return v;
    }
    case Filter::Kind::Date: {
        if (v.isNull())
            return v;
        DateTimeValue dt;
        std::string error;
        if (!DateFormat::iso().parse(v, *TimeZone::utc(), dt, error)) {
            if (warning.empty())
                warning = "date: " + error;
            return v;
        }
        return dt.hasTime ? f.format->formatDateTime(dt, *f.zone) : f.format->formatDate(dt, *f.zone);
    }
    }
    return v;
}

} // namespace sluice::mapping
