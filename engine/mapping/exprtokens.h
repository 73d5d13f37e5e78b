#pragma once
// The tokenizer shared by row filter expressions and template tags. It only
// turns text into tokens: no evaluation, no file, network or process access.
// Positions in errors are 1-based characters of the whole text (a template's
// tag errors point into the template, not into the tag).

#include "core/error.h"
#include "core/value.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sluice::mapping {

enum class TokenKind {
    End,        // end of an expression
    Identifier, // column, keyword, function or filter name
    String,     // 'text' or "text"
    Number,
    Operator, // == != <> = < <= > >= -
    LeftParen,
    RightParen,
    Comma,
    Pipe,        // | between a template value and its filters
    CloseOutput, // }} (template tags only)
    CloseTag,    // %} (template tags only)
};

struct Token {
    TokenKind kind = TokenKind::End;
    std::size_t offset = 0; // bytes from the start of the whole text
    std::size_t length = 0; // bytes of source text
    std::string text;       // identifier name, string contents or operator
    Value number;
    bool backquoted = false; // `a column` is never a keyword
};

// Tokenizes a whole expression; ends with an End token.
Result<std::vector<Token>> tokenizeExpression(std::string_view source);

// Tokenizes a template tag from `begin` (just after "{{" or "{%") up to and
// including its closing "}}" or "%}"; `opener` is the tag's "{{"/"{%"
// offset, named when the tag is never closed.
Result<std::vector<Token>> tokenizeTag(std::string_view source, std::size_t begin, std::size_t opener);

// How a token is named in an error: 'and', '}}', text 'abc', end of expression.
std::string describeToken(std::string_view source, const Token &token);

std::unexpected<Error> syntaxError(std::string_view source, std::size_t offset, std::string what);

} // namespace sluice::mapping
