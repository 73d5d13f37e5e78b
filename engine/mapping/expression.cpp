#include "expression.h"

#include "columnlookup.h"
#include "formats/datetime.h"
#include "formats/numbers.h"
#include "formats/textutil.h"
#include "valuefunctions.h"

#include <utility>

namespace sluice::mapping {

namespace {

bool isKeyword(const Token &t, std::string_view word)
{
    return t.kind == TokenKind::Identifier && !t.backquoted && equalsIgnoringAsciiCase(t.text, word);
}

struct FunctionSpec {
    std::string_view name;
    ExprFunction function;
    int minArgs;
    int maxArgs; // -1: any
};

constexpr FunctionSpec functions[] = {
    {"days_since", ExprFunction::DaysSince, 1, 1}, {"lower", ExprFunction::Lower, 1, 1},
    {"upper", ExprFunction::Upper, 1, 1},          {"trim", ExprFunction::Trim, 1, 1},
    {"length", ExprFunction::Length, 1, 1},        {"coalesce", ExprFunction::Coalesce, 1, -1},
};

// Deeper nesting is refused rather than risking the stack on hostile input.
constexpr int maxNesting = 64;

class Parser {
public:
    Parser(std::string_view source, const std::vector<Token> &tokens, std::size_t &index,
           const std::vector<Column> &columns, ExprProgram &program)
        : m_source(source), m_tokens(tokens), m_i(index), m_columns(columns), m_program(program)
    { }

    Result<int> orExpr()
    {
        auto left = andExpr();
        while (left && isKeyword(peek(), "or")) {
            ++m_i;
            auto right = andExpr();
            if (!right)
                return right;
            left = m_program.add(ExprNode{ExprNode::Kind::Or, {}, -1, {}, {}, false, {*left, *right}});
        }
        return left;
    }

private:
    const Token &peek() const { return m_tokens[m_i]; }

    std::unexpected<Error> unexpected(const Token &t) const
    {
        return syntaxError(m_source, t.offset, "unexpected " + describeToken(m_source, t));
    }

    Result<int> andExpr()
    {
        auto left = notExpr();
        while (left && isKeyword(peek(), "and")) {
            ++m_i;
            auto right = notExpr();
            if (!right)
                return right;
            left = m_program.add(ExprNode{ExprNode::Kind::And, {}, -1, {}, {}, false, {*left, *right}});
        }
        return left;
    }

    // Counts one level of nesting for as long as it lives.
    struct Nesting {
        int &depth;
        explicit Nesting(int &d) : depth(++d) { }
        ~Nesting() { --depth; }
    };

    std::optional<Error> tooDeep(const Token &t) const
    {
        if (m_depth <= maxNesting)
            return std::nullopt;
        return syntaxError(m_source, t.offset, "nesting deeper than " + std::to_string(maxNesting) + " levels").error();
    }

    Result<int> notExpr()
    {
        if (isKeyword(peek(), "not")) {
            const Nesting nesting(m_depth);
            if (auto e = tooDeep(peek()))
                return std::unexpected(*e);
            ++m_i;
            auto inner = notExpr();
            if (!inner)
                return inner;
            return m_program.add(ExprNode{ExprNode::Kind::Not, {}, -1, {}, {}, false, {*inner}});
        }
        return compare();
    }

    Result<int> compare()
    {
        auto left = value();
        if (!left)
            return left;
        const Token &t = peek();
        if (t.kind == TokenKind::Operator && t.text != "-") {
            static constexpr std::pair<std::string_view, CompareOp> ops[] = {
                {"==", CompareOp::Equal},    {"=", CompareOp::Equal},         {"!=", CompareOp::NotEqual},
                {"<>", CompareOp::NotEqual}, {"<", CompareOp::Less},          {"<=", CompareOp::LessEqual},
                {">", CompareOp::Greater},   {">=", CompareOp::GreaterEqual},
            };
            CompareOp op = CompareOp::Equal;
            for (const auto &[text, o] : ops)
                if (t.text == text)
                    op = o;
            ++m_i;
            auto right = value();
            if (!right)
                return right;
            ExprNode n{ExprNode::Kind::Compare, {}, -1, op, {}, false, {*left, *right}};
            return m_program.add(std::move(n));
        }
        if (isKeyword(t, "is")) {
            ++m_i;
            const bool negated = isKeyword(peek(), "not");
            if (negated)
                ++m_i;
            if (!isKeyword(peek(), "null"))
                return syntaxError(m_source, peek().offset,
                                   "expected 'null' after 'is" + std::string(negated ? " not" : "") + "'");
            ++m_i;
            return m_program.add(ExprNode{ExprNode::Kind::IsNull, {}, -1, {}, {}, negated, {*left}});
        }
        bool negatedIn = false;
        if (isKeyword(t, "not") && isKeyword(m_tokens[m_i + 1], "in")) {
            negatedIn = true;
            ++m_i;
        }
        if (isKeyword(peek(), "in")) {
            ++m_i;
            if (peek().kind != TokenKind::LeftParen)
                return syntaxError(m_source, peek().offset, "expected '(' after 'in'");
            ++m_i;
            ExprNode n{ExprNode::Kind::In, {}, -1, {}, {}, negatedIn, {*left}};
            for (;;) {
                auto item = value();
                if (!item)
                    return item;
                n.args.push_back(*item);
                if (peek().kind == TokenKind::Comma) {
                    ++m_i;
                    continue;
                }
                if (peek().kind != TokenKind::RightParen)
                    return syntaxError(m_source, peek().offset,
                                       "expected ',' or ')' but found " + describeToken(m_source, peek()));
                ++m_i;
                break;
            }
            return m_program.add(std::move(n));
        }
        return left;
    }

    Result<int> value()
    {
        const Token &t = peek();
        switch (t.kind) {
        case TokenKind::Number: ++m_i; return literal(t.number);
        case TokenKind::String: ++m_i; return literal(Value(t.text));
        case TokenKind::Operator:
            if (t.text == "-" && m_tokens[m_i + 1].kind == TokenKind::Number) {
                const Value &n = m_tokens[m_i + 1].number;
                m_i += 2;
                return literal(n.type() == ValueType::Integer ? Value(-n.asInteger()) : Value(-n.asReal()));
            }
            return unexpected(t);
        case TokenKind::LeftParen: {
            const Nesting nesting(m_depth);
            if (auto e = tooDeep(t))
                return std::unexpected(*e);
            ++m_i;
            auto inner = orExpr();
            if (!inner)
                return inner;
            if (peek().kind != TokenKind::RightParen)
                return syntaxError(m_source, peek().offset,
                                   "expected ')' but found " + describeToken(m_source, peek()));
            ++m_i;
            return inner;
        }
        case TokenKind::Identifier: return identifier();
        default: return unexpected(t);
        }
    }

    Result<int> identifier()
    {
        const Token &t = peek();
        if (!t.backquoted) {
            if (isKeyword(t, "true") || isKeyword(t, "false")) {
                ++m_i;
                return literal(Value(isKeyword(t, "true")));
            }
            if (isKeyword(t, "null")) {
                ++m_i;
                return literal(Value());
            }
            for (std::string_view word : {"and", "or", "not", "is", "in"})
                if (isKeyword(t, word))
                    return unexpected(t);
            if (m_tokens[m_i + 1].kind == TokenKind::LeftParen)
                return call();
        }
        const auto index = columnIndex(m_columns, t.text);
        if (!index) {
            auto e = syntaxError(m_source, t.offset, unknownColumnMessage(t.text, m_columns));
            e.error().code = "mapping.unknown_column";
            return e;
        }
        ++m_i;
        ExprNode n;
        n.kind = ExprNode::Kind::Column;
        n.column = *index;
        return m_program.add(std::move(n));
    }

    Result<int> call()
    {
        const Token &name = peek();
        const FunctionSpec *spec = nullptr;
        for (const FunctionSpec &f : functions)
            if (equalsIgnoringAsciiCase(f.name, name.text))
                spec = &f;
        if (!spec)
            return syntaxError(m_source, name.offset,
                               "unknown function " + quoteText(name.text)
                                   + " (functions are days_since, lower, upper, trim, length, coalesce)");
        const Nesting nesting(m_depth);
        if (auto e = tooDeep(name))
            return std::unexpected(*e);
        m_i += 2; // name and '('
        ExprNode n;
        n.kind = ExprNode::Kind::Call;
        n.function = spec->function;
        if (peek().kind != TokenKind::RightParen) {
            for (;;) {
                auto arg = orExpr();
                if (!arg)
                    return arg;
                n.args.push_back(*arg);
                if (peek().kind != TokenKind::Comma)
                    break;
                ++m_i;
            }
        }
        if (peek().kind != TokenKind::RightParen)
            return syntaxError(m_source, peek().offset,
                               "expected ',' or ')' but found " + describeToken(m_source, peek()));
        ++m_i;
        const int count = static_cast<int>(n.args.size());
        if (count < spec->minArgs || (spec->maxArgs >= 0 && count > spec->maxArgs))
            return syntaxError(
                m_source, name.offset,
                std::string(spec->name) + "() takes "
                    + (spec->maxArgs < 0 ? "at least " + std::to_string(spec->minArgs) : std::to_string(spec->minArgs))
                    + (spec->minArgs == 1 ? " argument" : " arguments") + ", not " + std::to_string(count) + ",");
        return m_program.add(std::move(n));
    }

    int literal(Value v)
    {
        ExprNode n;
        n.kind = ExprNode::Kind::Literal;
        n.literal = std::move(v);
        return m_program.add(std::move(n));
    }

    std::string_view m_source;
    const std::vector<Token> &m_tokens;
    std::size_t &m_i;
    const std::vector<Column> &m_columns;
    ExprProgram &m_program;
    int m_depth = 0;
};

// <0, 0, >0, or nullopt when either side is NULL.
std::optional<int> compareValues(const Value &a, const Value &b)
{
    if (a.isNull() || b.isNull())
        return std::nullopt;
    const auto isNumber = [](const Value &v) { return v.type() == ValueType::Integer || v.type() == ValueType::Real; };
    if (a.type() == ValueType::Integer && b.type() == ValueType::Integer)
        return a.asInteger() < b.asInteger() ? -1 : a.asInteger() > b.asInteger() ? 1 : 0;
    if (isNumber(a) || isNumber(b)) {
        // A number against numeric text compares as numbers ("1520.5" > 1000).
        const auto x = numericValue(a), y = numericValue(b);
        if (x && y)
            return *x < *y ? -1 : *x > *y ? 1 : 0;
    }
    if (a.type() == ValueType::Boolean && b.type() == ValueType::Boolean)
        return int(a.asBoolean()) - int(b.asBoolean());
    const int c = a.type() == ValueType::Text && b.type() == ValueType::Text ? a.asText().compare(b.asText())
                                                                             : a.toString().compare(b.toString());
    return c < 0 ? -1 : c > 0 ? 1 : 0;
}

} // namespace

std::optional<bool> truthValue(const Value &value)
{
    switch (value.type()) {
    case ValueType::Null: return std::nullopt;
    case ValueType::Boolean: return value.asBoolean();
    case ValueType::Integer: return value.asInteger() != 0;
    case ValueType::Real: return value.asReal() != 0;
    case ValueType::Text: return !value.asText().empty();
    }
    return std::nullopt;
}

const Value &ExprProgram::reference(int index, const Row &row, Value &scratch) const
{
    static const Value null;
    const ExprNode &n = m_nodes[index];
    if (n.kind == ExprNode::Kind::Literal)
        return n.literal;
    if (n.kind == ExprNode::Kind::Column)
        return std::size_t(n.column) < row.size() ? row[n.column] : null;
    scratch = evaluate(index, row);
    return scratch;
}

int ExprProgram::add(ExprNode node)
{
    m_nodes.push_back(std::move(node));
    return static_cast<int>(m_nodes.size()) - 1;
}

Value ExprProgram::evaluate(int index, const Row &row) const
{
    const ExprNode &n = m_nodes[index];
    switch (n.kind) {
    case ExprNode::Kind::Literal: return n.literal;
    case ExprNode::Kind::Column: return std::size_t(n.column) < row.size() ? row[n.column] : Value();
    case ExprNode::Kind::Not: {
        const auto t = truthValue(evaluate(n.args[0], row));
        return t ? Value(!*t) : Value();
    }
    case ExprNode::Kind::And:
    case ExprNode::Kind::Or: {
        // Kleene logic: false AND unknown is false, true OR unknown is true.
        const bool isAnd = n.kind == ExprNode::Kind::And;
        const auto left = truthValue(evaluate(n.args[0], row));
        if (left && *left != isAnd)
            return Value(*left);
        const auto right = truthValue(evaluate(n.args[1], row));
        if (right && *right != isAnd)
            return Value(*right);
        if (!left || !right)
            return Value();
        return Value(isAnd);
    }
    case ExprNode::Kind::Compare: {
        Value left, right;
        const auto c = compareValues(reference(n.args[0], row, left), reference(n.args[1], row, right));
        if (!c)
            return Value();
        switch (n.op) {
        case CompareOp::Equal: return Value(*c == 0);
        case CompareOp::NotEqual: return Value(*c != 0);
        case CompareOp::Less: return Value(*c < 0);
        case CompareOp::LessEqual: return Value(*c <= 0);
        case CompareOp::Greater: return Value(*c > 0);
        case CompareOp::GreaterEqual: return Value(*c >= 0);
        }
        return Value();
    }
    case ExprNode::Kind::IsNull: {
        Value scratch;
        return Value(reference(n.args[0], row, scratch).isNull() != n.negated);
    }
    case ExprNode::Kind::In: {
        Value needleScratch, itemScratch;
        const Value &needle = reference(n.args[0], row, needleScratch);
        if (needle.isNull())
            return Value();
        bool sawNull = false;
        for (std::size_t i = 1; i < n.args.size(); ++i) {
            const auto c = compareValues(needle, reference(n.args[i], row, itemScratch));
            if (c && *c == 0)
                return Value(!n.negated);
            sawNull = sawNull || !c;
        }
        return sawNull ? Value() : Value(n.negated);
    }
    case ExprNode::Kind::Call: {
        if (n.function == ExprFunction::Coalesce) {
            for (int arg : n.args)
                if (Value v = evaluate(arg, row); !v.isNull())
                    return v;
            return Value();
        }
        const Value arg = evaluate(n.args[0], row);
        switch (n.function) {
        case ExprFunction::DaysSince: {
            std::int64_t days = 0;
            return daysBetween(arg, nowSeconds, days) ? Value(days) : Value();
        }
        case ExprFunction::Length: return arg.isNull() ? Value() : Value(std::int64_t(codePointCount(arg.toString())));
        case ExprFunction::Lower: return lowerValue(arg);
        case ExprFunction::Upper: return upperValue(arg);
        case ExprFunction::Trim: return trimValue(arg);
        case ExprFunction::Coalesce: break;
        }
    }
    }
    return Value();
}

Result<int> parseExpression(std::string_view source, const std::vector<Token> &tokens, std::size_t &index,
                            const std::vector<Column> &columns, ExprProgram &program)
{
    return Parser(source, tokens, index, columns, program).orExpr();
}

Result<Expression> Expression::compile(std::string_view text, const std::vector<Column> &columns,
                                       std::int64_t nowSeconds)
{
    auto tokens = tokenizeExpression(text);
    if (!tokens)
        return std::unexpected(tokens.error());
    if (tokens->front().kind == TokenKind::End)
        return invalidInput("mapping.syntax", "the expression is empty");
    Expression e;
    e.m_program.nowSeconds = nowSeconds;
    std::size_t index = 0;
    auto root = parseExpression(text, *tokens, index, columns, e.m_program);
    if (!root)
        return std::unexpected(root.error());
    if ((*tokens)[index].kind != TokenKind::End)
        return syntaxError(text, (*tokens)[index].offset, "unexpected " + describeToken(text, (*tokens)[index]));
    e.m_root = *root;
    return e;
}

} // namespace sluice::mapping
