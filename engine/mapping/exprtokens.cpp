#include "exprtokens.h"

#include "formats/textutil.h"

#include <charconv>

namespace sluice::mapping {

namespace {

bool isIdentifierStart(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

class Tokenizer {
public:
    Tokenizer(std::string_view source, std::size_t begin, bool inTag) : m_s(source), m_i(begin), m_inTag(inTag) { }

    // Reads one token; false at the end of the text.
    Result<bool> next(Token &t)
    {
        while (m_i < m_s.size() && (m_s[m_i] == ' ' || (m_s[m_i] >= '\t' && m_s[m_i] <= '\r')))
            ++m_i;
        t = Token{};
        t.offset = m_i;
        if (m_i >= m_s.size())
            return false;
        const char c = m_s[m_i];
        const std::string_view rest = m_s.substr(m_i);
        if (m_inTag && (rest.starts_with("}}") || rest.starts_with("%}"))) {
            t.kind = c == '}' ? TokenKind::CloseOutput : TokenKind::CloseTag;
            return take(t, 2);
        }
        if (isIdentifierStart(static_cast<unsigned char>(c))) {
            std::size_t j = m_i;
            while (j < m_s.size() && (isIdentifierStart(static_cast<unsigned char>(m_s[j])) || isDigit(m_s[j])))
                ++j;
            t.kind = TokenKind::Identifier;
            t.text = std::string(m_s.substr(m_i, j - m_i));
            return take(t, j - m_i);
        }
        if (isDigit(c) || (c == '.' && m_i + 1 < m_s.size() && isDigit(m_s[m_i + 1])))
            return number(t);
        if (c == '\'' || c == '"' || c == '`')
            return quotedText(t, c);
        for (std::string_view op : {"==", "!=", "<>", "<=", ">=", "=", "<", ">", "-"}) {
            if (rest.starts_with(op)) {
                t.kind = TokenKind::Operator;
                t.text = std::string(op);
                return take(t, op.size());
            }
        }
        switch (c) {
        case '(': t.kind = TokenKind::LeftParen; return take(t, 1);
        case ')': t.kind = TokenKind::RightParen; return take(t, 1);
        case ',': t.kind = TokenKind::Comma; return take(t, 1);
        case '|':
            if (m_inTag) {
                t.kind = TokenKind::Pipe;
                return take(t, 1);
            }
            break;
        default: break;
        }
        return syntaxError(m_s, m_i, "unexpected '" + std::string(firstCodePoints(rest, 1)) + "'");
    }

    std::size_t offset() const { return m_i; }

private:
    bool take(Token &t, std::size_t length)
    {
        t.length = length;
        m_i += length;
        return true;
    }

    Result<bool> number(Token &t)
    {
        std::size_t j = m_i;
        bool integral = true;
        while (j < m_s.size() && isDigit(m_s[j]))
            ++j;
        if (j < m_s.size() && m_s[j] == '.' && j + 1 < m_s.size() && isDigit(m_s[j + 1])) {
            integral = false;
            ++j;
            while (j < m_s.size() && isDigit(m_s[j]))
                ++j;
        }
        if (j < m_s.size() && (m_s[j] == 'e' || m_s[j] == 'E')) {
            std::size_t k = j + 1;
            if (k < m_s.size() && (m_s[k] == '+' || m_s[k] == '-'))
                ++k;
            if (k < m_s.size() && isDigit(m_s[k])) {
                integral = false;
                j = k;
                while (j < m_s.size() && isDigit(m_s[j]))
                    ++j;
            }
        }
        if (j < m_s.size() && isIdentifierStart(static_cast<unsigned char>(m_s[j])))
            return syntaxError(m_s, j,
                               "unexpected '" + std::string(firstCodePoints(m_s.substr(j), 1)) + "' after a number");
        const char *first = m_s.data() + m_i;
        const char *last = m_s.data() + j;
        std::int64_t i = 0;
        if (integral && std::from_chars(first, last, i).ec == std::errc()) {
            t.number = i;
        } else {
            double d = 0;
            std::from_chars(first, last, d);
            t.number = d;
        }
        t.kind = TokenKind::Number;
        return take(t, j - m_i);
    }

    // 'text', "text" (backslash escapes; a doubled quote is a quote, as in SQL)
    // and `column name`.
    Result<bool> quotedText(Token &t, char quote)
    {
        std::size_t j = m_i + 1;
        std::string value;
        for (;;) {
            if (j >= m_s.size())
                return syntaxError(m_s, m_i, quote == '`' ? "unterminated `name`" : "unterminated text");
            const char c = m_s[j];
            if (c == quote) {
                if (j + 1 < m_s.size() && m_s[j + 1] == quote) {
                    value += quote;
                    j += 2;
                    continue;
                }
                ++j;
                break;
            }
            if (c == '\\' && quote != '`' && j + 1 < m_s.size()) {
                const char e = m_s[j + 1];
                value += e == 'n' ? '\n' : e == 't' ? '\t' : e;
                j += 2;
                continue;
            }
            value += c;
            ++j;
        }
        t.kind = quote == '`' ? TokenKind::Identifier : TokenKind::String;
        t.backquoted = quote == '`';
        t.text = std::move(value);
        return take(t, j - m_i);
    }

    std::string_view m_s;
    std::size_t m_i;
    bool m_inTag;
};

} // namespace

std::unexpected<Error> syntaxError(std::string_view source, std::size_t offset, std::string what)
{
    return invalidInput("mapping.syntax", what + " at position " + std::to_string(charPosition(source, offset)));
}

Result<std::vector<Token>> tokenizeExpression(std::string_view source)
{
    Tokenizer tokenizer(source, 0, false);
    std::vector<Token> tokens;
    for (;;) {
        Token t;
        auto more = tokenizer.next(t);
        if (!more)
            return std::unexpected(more.error());
        tokens.push_back(std::move(t));
        if (!*more)
            return tokens;
    }
}

Result<std::vector<Token>> tokenizeTag(std::string_view source, std::size_t begin, std::size_t opener)
{
    Tokenizer tokenizer(source, begin, true);
    std::vector<Token> tokens;
    for (;;) {
        Token t;
        auto more = tokenizer.next(t);
        if (!more)
            return std::unexpected(more.error());
        if (!*more)
            return syntaxError(source, opener, "unterminated '" + std::string(source.substr(opener, 2)) + "'");
        const bool closing = t.kind == TokenKind::CloseOutput || t.kind == TokenKind::CloseTag;
        tokens.push_back(std::move(t));
        if (closing)
            return tokens;
    }
}

std::string describeToken(std::string_view source, const Token &token)
{
    if (token.kind == TokenKind::End)
        return "end of expression";
    if (token.kind == TokenKind::String)
        return "text " + quoteText(token.text);
    return quoteText(source.substr(token.offset, token.length));
}

} // namespace sluice::mapping
