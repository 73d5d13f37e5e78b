#include "sqlhighlighter.h"

#include "common/sqlkeywords.h"

#include <QApplication>
#include <QPalette>
#include <QSet>

namespace sluice::ui {

namespace {

bool isWordStart(QChar c)
{
    return c.isLetter() || c == u'_';
}

bool isWordChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_' || c == u'$';
}

QTextCharFormat makeFormat(const QColor &colour, bool bold = false, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(colour);
    if (bold)
        f.setFontWeight(QFont::Bold);
    f.setFontItalic(italic);
    return f;
}

} // namespace

SqlHighlighter::SqlHighlighter(QTextDocument *document) : QSyntaxHighlighter(document)
{
    setPalette(QApplication::palette());
}

bool SqlHighlighter::isKeyword(const QString &word)
{
    return isSqlKeyword(word);
}

void SqlHighlighter::setPalette(const QPalette &palette)
{
    // Two hand-picked sets (contrast >= 4.5:1 on white and on #1e1e1e)
    // rather than colours derived from the palette, which can land on
    // unreadable tones with unusual themes.
    const bool dark = palette.color(QPalette::Base).lightness() < 128;
    if (dark) {
        m_keyword = makeFormat(QColor(0x82, 0xaa, 0xff), true);
        m_string = makeFormat(QColor(0xa5, 0xd6, 0x7a));
        m_number = makeFormat(QColor(0xf7, 0x8c, 0x6c));
        m_comment = makeFormat(QColor(0x9e, 0xa3, 0xab), false, true);
        m_identifier = makeFormat(QColor(0xd0, 0x9c, 0xf0));
    } else {
        m_keyword = makeFormat(QColor(0x00, 0x33, 0xb3), true);
        m_string = makeFormat(QColor(0x06, 0x7d, 0x17));
        m_number = makeFormat(QColor(0xa6, 0x3d, 0x00));
        m_comment = makeFormat(QColor(0x6a, 0x6f, 0x77), false, true);
        m_identifier = makeFormat(QColor(0x87, 0x10, 0x94));
    }
    rehighlight();
}

QTextCharFormat SqlHighlighter::format(Token token) const
{
    switch (token) {
    case Token::Keyword: return m_keyword;
    case Token::String: return m_string;
    case Token::Number: return m_number;
    case Token::Comment: return m_comment;
    case Token::QuotedIdentifier: return m_identifier;
    }
    return {};
}

int SqlHighlighter::scanQuoted(const QString &text, int from, QChar quote) const
{
    // A doubled quote is the quote character itself ('it''s', "a""b").
    for (int i = from; i < text.size(); ++i) {
        if (text[i] != quote)
            continue;
        if (i + 1 < text.size() && text[i + 1] == quote) {
            ++i;
            continue;
        }
        return i + 1;
    }
    return -1;
}

void SqlHighlighter::highlightBlock(const QString &text)
{
    const int n = int(text.size());
    int i = 0;
    setCurrentBlockState(Normal);

    // Continue what the previous line left open.
    switch (previousBlockState()) {
    case InBlockComment: {
        const int end = int(text.indexOf(QLatin1String("*/")));
        if (end < 0) {
            setFormat(0, n, m_comment);
            setCurrentBlockState(InBlockComment);
            return;
        }
        setFormat(0, end + 2, m_comment);
        i = end + 2;
        break;
    }
    case InString:
    case InQuotedIdentifier: {
        const bool isString = previousBlockState() == InString;
        const int end = scanQuoted(text, 0, isString ? u'\'' : u'"');
        const QTextCharFormat &f = isString ? m_string : m_identifier;
        if (end < 0) {
            setFormat(0, n, f);
            setCurrentBlockState(previousBlockState());
            return;
        }
        setFormat(0, end, f);
        i = end;
        break;
    }
    default: break;
    }

    while (i < n) {
        const QChar c = text[i];
        const QChar next = i + 1 < n ? text[i + 1] : QChar();
        if (c == u'-' && next == u'-') {
            setFormat(i, n - i, m_comment);
            return;
        }
        if (c == u'/' && next == u'*') {
            const int end = int(text.indexOf(QLatin1String("*/"), i + 2));
            if (end < 0) {
                setFormat(i, n - i, m_comment);
                setCurrentBlockState(InBlockComment);
                return;
            }
            setFormat(i, end + 2 - i, m_comment);
            i = end + 2;
            continue;
        }
        if (c == u'\'' || c == u'"' || c == u'`') {
            const int end = scanQuoted(text, i + 1, c);
            const QTextCharFormat &f = c == u'\'' ? m_string : m_identifier;
            if (end < 0) {
                setFormat(i, n - i, f);
                // Backquotes are MySQL/SQLite-only and never span lines here.
                if (c != u'`')
                    setCurrentBlockState(c == u'\'' ? InString : InQuotedIdentifier);
                return;
            }
            setFormat(i, end - i, f);
            i = end;
            continue;
        }
        if (c.isDigit() || (c == u'.' && next.isDigit())) {
            // Part of a word (col1, t2.x) is not a number.
            if (i > 0 && isWordChar(text[i - 1])) {
                ++i;
                continue;
            }
            int j = i;
            while (j < n && (text[j].isDigit() || text[j] == u'.'))
                ++j;
            if (j < n && (text[j] == u'e' || text[j] == u'E')) {
                int k = j + 1;
                if (k < n && (text[k] == u'+' || text[k] == u'-'))
                    ++k;
                if (k < n && text[k].isDigit()) {
                    j = k;
                    while (j < n && text[j].isDigit())
                        ++j;
                }
            }
            if (j < n && isWordChar(text[j])) { // 1abc: not a number either
                while (j < n && isWordChar(text[j]))
                    ++j;
                i = j;
                continue;
            }
            setFormat(i, j - i, m_number);
            i = j;
            continue;
        }
        if (isWordStart(c)) {
            int j = i + 1;
            while (j < n && isWordChar(text[j]))
                ++j;
            if (isKeyword(text.mid(i, j - i)))
                setFormat(i, j - i, m_keyword);
            i = j;
            continue;
        }
        ++i;
    }
}

} // namespace sluice::ui
