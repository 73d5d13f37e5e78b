#include "sqleditor.h"

#include "sqlhighlighter.h"

#include <QFontDatabase>
#include <QKeyEvent>
#include <QMimeData>
#include <QPainter>
#include <QTextBlock>

namespace sluice::ui {

namespace {
const QString kTableMime = QStringLiteral("application/x-sluice-table");
}

// The gutter: paints nothing itself, the editor knows the block geometry.
class SqlLineNumberArea : public QWidget {
public:
    explicit SqlLineNumberArea(SqlEditor *editor) : QWidget(editor), m_editor(editor) { }
    QSize sizeHint() const override { return {m_editor->lineNumberAreaWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent *event) override { m_editor->paintGutter(event); }

private:
    SqlEditor *m_editor;
};

SqlEditor::SqlEditor(QWidget *parent)
    : QPlainTextEdit(parent), m_gutter(new SqlLineNumberArea(this)), m_highlighter(new SqlHighlighter(document()))
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * kIndent);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setUndoRedoEnabled(false);
    connect(this, &QPlainTextEdit::blockCountChanged, this, &SqlEditor::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &SqlEditor::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &SqlEditor::highlightCurrentLine);
    updateGutterWidth();
    highlightCurrentLine();
}

int SqlEditor::lineNumberAreaWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(digits, 2); // no jump in width between line 9 and 10
    return 12 + fontMetrics().horizontalAdvance(QLatin1Char('9')) * digits;
}

void SqlEditor::updateGutterWidth()
{
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void SqlEditor::updateGutter(const QRect &rect, int dy)
{
    if (dy)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
    if (rect.contains(viewport()->rect()))
        updateGutterWidth();
}

void SqlEditor::resizeEvent(QResizeEvent *e)
{
    QPlainTextEdit::resizeEvent(e);
    const QRect cr = contentsRect();
    m_gutter->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void SqlEditor::paintGutter(QPaintEvent *event)
{
    QPainter painter(m_gutter);
    const QPalette pal = palette();
    painter.fillRect(event->rect(), pal.color(QPalette::AlternateBase));
    const int current = textCursor().blockNumber();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    int bottom = top + qRound(blockBoundingRect(block).height());
    const int width = m_gutter->width() - 6;
    while (block.isValid() && top <= event->rect().bottom()) {
        if (block.isVisible() && bottom >= event->rect().top()) {
            const int number = block.blockNumber();
            painter.setPen(number == current ? pal.color(QPalette::Text)
                                             : pal.color(QPalette::Disabled, QPalette::Text));
            painter.drawText(0, top, width, fontMetrics().height(), Qt::AlignRight, QString::number(number + 1));
        }
        block = block.next();
        top = bottom;
        bottom = top + qRound(blockBoundingRect(block).height());
    }
}

void SqlEditor::highlightCurrentLine()
{
    QList<QTextEdit::ExtraSelection> extra;
    QTextEdit::ExtraSelection line;
    // The highlight colour, faint: visible on light and dark bases alike.
    QColor tint = palette().color(QPalette::Highlight);
    tint.setAlpha(palette().color(QPalette::Base).lightness() < 128 ? 70 : 40);
    line.format.setBackground(tint);
    line.format.setProperty(QTextFormat::FullWidthSelection, true);
    line.cursor = textCursor();
    line.cursor.clearSelection();
    extra << line;
    setExtraSelections(extra);
    m_gutter->update();
}

void SqlEditor::changeEvent(QEvent *e)
{
    QPlainTextEdit::changeEvent(e);
    if (e->type() == QEvent::PaletteChange || e->type() == QEvent::ApplicationPaletteChange) {
        m_highlighter->setPalette(palette());
        highlightCurrentLine();
    } else if (e->type() == QEvent::FontChange) {
        setTabStopDistance(fontMetrics().horizontalAdvance(QLatin1Char(' ')) * kIndent);
        updateGutterWidth();
    }
}

void SqlEditor::focusOutEvent(QFocusEvent *e)
{
    QPlainTextEdit::focusOutEvent(e);
    emit focusLost();
}

bool SqlEditor::event(QEvent *e)
{
    if (e->type() == QEvent::ShortcutOverride) {
        auto *ke = static_cast<QKeyEvent *>(e);
        if (ke->matches(QKeySequence::Undo) || ke->matches(QKeySequence::Redo)) {
            // Typing not saved yet is the owner's to discard; otherwise these
            // are the window's Undo/Redo (the project stack).
            if (m_undoInterceptor && m_undoInterceptor()) {
                e->accept(); // consumed: no shortcut runs, keyPressEvent ignores it
                return true;
            }
            e->ignore();
            return true;
        }
    }
    return QPlainTextEdit::event(e);
}

void SqlEditor::keyPressEvent(QKeyEvent *e)
{
    if (e->matches(QKeySequence::Undo) || e->matches(QKeySequence::Redo)) {
        e->ignore(); // no history of our own (see the header)
        return;
    }
    if (e->key() == Qt::Key_Backtab) {
        indentSelection(true);
        return;
    }
    if (e->key() == Qt::Key_Tab && !(e->modifiers() & (Qt::ControlModifier | Qt::AltModifier))) {
        QTextCursor c = textCursor();
        if (c.hasSelection()
            && c.document()->findBlock(c.selectionStart()) != c.document()->findBlock(c.selectionEnd())) {
            indentSelection(false);
            return;
        }
        const int column = c.positionInBlock();
        c.insertText(QString(kIndent - column % kIndent, QLatin1Char(' ')));
        return;
    }
    if ((e->key() == Qt::Key_Return || e->key() == Qt::Key_Enter) && e->modifiers() == Qt::NoModifier) {
        // Keep the indentation of the line above.
        const QString line = textCursor().block().text();
        int spaces = 0;
        while (spaces < line.size() && (line[spaces] == u' ' || line[spaces] == u'\t'))
            ++spaces;
        textCursor().insertText(QLatin1Char('\n') + line.left(qMin(spaces, textCursor().positionInBlock())));
        ensureCursorVisible();
        return;
    }
    QPlainTextEdit::keyPressEvent(e);
}

void SqlEditor::indentSelection(bool outdent)
{
    QTextCursor c = textCursor();
    QTextBlock first = document()->findBlock(c.selectionStart());
    QTextBlock last = document()->findBlock(c.hasSelection() ? c.selectionEnd() : c.position());
    c.beginEditBlock();
    for (QTextBlock b = first; b.isValid(); b = b.next()) {
        QTextCursor line(b);
        if (outdent) {
            int n = 0;
            while (n < kIndent && n < b.text().size() && b.text()[n] == u' ')
                ++n;
            line.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor, n);
            line.removeSelectedText();
        } else {
            line.insertText(QString(kIndent, QLatin1Char(' ')));
        }
        if (b == last)
            break;
    }
    c.endEditBlock();
}

void SqlEditor::replaceText(const QString &text)
{
    const QString old = toPlainText();
    if (old == text)
        return;
    int prefix = 0;
    const int shorter = int(qMin(old.size(), text.size()));
    while (prefix < shorter && old[prefix] == text[prefix])
        ++prefix;
    int suffix = 0;
    while (suffix < shorter - prefix && old[old.size() - 1 - suffix] == text[text.size() - 1 - suffix])
        ++suffix;
    const int cursorBefore = textCursor().position();
    QTextCursor c(document());
    c.setPosition(prefix);
    c.setPosition(int(old.size()) - suffix, QTextCursor::KeepAnchor);
    c.insertText(text.mid(prefix, text.size() - prefix - suffix));
    // A cursor inside the replaced part lands at its end; elsewhere the
    // document already moved it with the text around it.
    if (cursorBefore >= prefix && cursorBefore <= old.size() - suffix) {
        QTextCursor mine = textCursor();
        mine.setPosition(c.position());
        setTextCursor(mine);
    }
}

bool SqlEditor::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasFormat(kTableMime) || QPlainTextEdit::canInsertFromMimeData(source);
}

void SqlEditor::insertFromMimeData(const QMimeData *source)
{
    if (!source->hasFormat(kTableMime) || !source->hasText()) {
        QPlainTextEdit::insertFromMimeData(source);
        return;
    }
    emit flushRequested();
    const QString query = source->text();
    QTextCursor c = textCursor();
    if (toPlainText().trimmed().isEmpty()) {
        c.select(QTextCursor::Document);
        c.insertText(query);
    } else {
        // Dropped into existing SQL: keep it on lines of its own.
        const bool atLineStart = c.positionInBlock() == 0;
        c.insertText((atLineStart ? QString() : QStringLiteral("\n")) + query + QStringLiteral("\n"));
    }
    setTextCursor(c);
    emit tableDropped(QString::fromUtf8(source->data(kTableMime)));
}

} // namespace sluice::ui
