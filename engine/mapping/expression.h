#pragma once
// The expression language of row filters, template conditions and "when"
// clauses: data, never code. A hand-written recursive-descent parser turns
// the text into a small tree once; evaluation walks the tree over a row and
// can do nothing but read that row's values (no file, network, process or
// clock access: "today" for days_since() is fixed when the mapping compiles).
//
//   expr    := or
//   or      := and ("or" and)*
//   and     := not ("and" not)*
//   not     := "not" not | compare
//   compare := value [ op value | "is" ["not"] "null" | ["not"] "in" "(" value ("," value)* ")" ]
//   op      := "==" | "=" | "!=" | "<>" | "<" | "<=" | ">" | ">="
//   value   := number | "-" number | 'text' | "text" | true | false | null
//            | column | `column name` | function "(" [expr ("," expr)*] ")" | "(" expr ")"
//
// Logic is SQL's three-valued logic: a comparison with NULL is unknown (NULL),
// "not unknown" is unknown, and a row filter keeps a row only when the result
// is true. Keywords are case-insensitive.

#include "core/error.h"
#include "core/value.h"
#include "exprtokens.h"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace sluice::mapping {

enum class CompareOp { Equal, NotEqual, Less, LessEqual, Greater, GreaterEqual };
enum class ExprFunction { DaysSince, Lower, Upper, Trim, Length, Coalesce };

struct ExprNode {
    enum class Kind { Literal, Column, Not, And, Or, Compare, IsNull, In, Call } kind = Kind::Literal;
    Value literal;
    int column = -1;
    CompareOp op = CompareOp::Equal;
    ExprFunction function = ExprFunction::Lower;
    bool negated = false; // "is not null", "not in"
    std::vector<int> args;
};

// The nodes of one or more expressions (a template keeps all of its
// conditions and values in one program).
class ExprProgram {
public:
    Value evaluate(int node, const Row &row) const;
    // The node's value without copying it when it is a column or a literal
    // (the common case); otherwise evaluated into `scratch`.
    const Value &reference(int node, const Row &row, Value &scratch) const;
    int add(ExprNode node);

    std::int64_t nowSeconds = 0; // "today" for days_since()

private:
    std::vector<ExprNode> m_nodes;
};

// true, false, or nullopt for unknown: Boolean as is, numbers non-zero,
// text non-empty, NULL unknown.
std::optional<bool> truthValue(const Value &value);

// Parses one expression from tokens[index...] into `program`, leaving `index`
// on the first token it did not use (the caller decides what may follow).
Result<int> parseExpression(std::string_view source, const std::vector<Token> &tokens, std::size_t &index,
                            const std::vector<Column> &columns, ExprProgram &program);

// A whole text as one expression: a row filter or a "when" clause.
class Expression {
public:
    static Result<Expression> compile(std::string_view text, const std::vector<Column> &columns,
                                      std::int64_t nowSeconds);
    Value evaluate(const Row &row) const { return m_program.evaluate(m_root, row); }
    bool isTrue(const Row &row) const { return truthValue(evaluate(row)).value_or(false); }

private:
    ExprProgram m_program;
    int m_root = -1;
};

} // namespace sluice::mapping
