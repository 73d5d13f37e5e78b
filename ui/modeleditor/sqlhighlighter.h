#pragma once
// Colours SQL as it is typed: keywords, strings, numbers, comments and quoted
// identifiers. A hand-written scanner rather than regular expressions because
// block comments and strings run across lines, which needs per-line state.
// Colours come in a light and a dark set chosen from the palette's base
// colour, so the text stays readable when the system palette flips.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

class QPalette;

namespace sluice::ui {

class SqlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Token { Keyword, String, Number, Comment, QuotedIdentifier };

    explicit SqlHighlighter(QTextDocument *document);

    // Picks the colour set for `palette` and re-colours the document.
    void setPalette(const QPalette &palette);
    QTextCharFormat format(Token token) const;
    static bool isKeyword(const QString &word);

protected:
    void highlightBlock(const QString &text) override;

private:
    // Line-crossing state, kept per text block.
    enum State { Normal = 0, InBlockComment = 1, InString = 2, InQuotedIdentifier = 3 };
    int scanQuoted(const QString &text, int from, QChar quote) const;

    QTextCharFormat m_keyword, m_string, m_number, m_comment, m_identifier;
};

} // namespace sluice::ui
