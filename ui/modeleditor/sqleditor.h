#pragma once
// A plain-text SQL editor: line numbers in a gutter, the current line
// highlighted, syntax colours (SqlHighlighter), a monospace font, Tab as four
// spaces and auto-indent.
//
// It keeps no undo history of its own: undo belongs to the project-wide
// stack, so Ctrl+Z / Ctrl+Shift+Z pass through to the window's actions,
// unless the owner's undo interceptor takes them first (to discard typing
// that is not saved: a draft).
// A table dropped from a schema browser (application/x-sluice-table with the
// starting query as text) replaces an empty editor or is inserted at the drop
// position, and tableDropped() tells the owner to save it as one step.

#include <QPlainTextEdit>

#include <functional>

namespace sluice::ui {

class SqlHighlighter;

class SqlEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    static constexpr int kIndent = 4;

    explicit SqlEditor(QWidget *parent = nullptr);

    SqlHighlighter *highlighter() const { return m_highlighter; }
    int lineNumberAreaWidth() const;
    QWidget *lineNumberArea() const { return m_gutter; }
    // Replaces the text with the fewest changes, so the cursor and the
    // scroll position stay where the user left them.
    void replaceText(const QString &text);
    // Asked on Ctrl+Z / Ctrl+Shift+Z before the window's Undo/Redo: true
    // when it handled the key itself (the window's action then does not run).
    void setUndoInterceptor(std::function<bool()> intercept) { m_undoInterceptor = std::move(intercept); }

signals:
    // Pending typing should be saved now (an undo or a drop is coming).
    void flushRequested();
    void tableDropped(const QString &table);
    void focusLost();

protected:
    bool event(QEvent *e) override;
    void keyPressEvent(QKeyEvent *e) override;
    void resizeEvent(QResizeEvent *e) override;
    void changeEvent(QEvent *e) override;
    void focusOutEvent(QFocusEvent *e) override;
    bool canInsertFromMimeData(const QMimeData *source) const override;
    void insertFromMimeData(const QMimeData *source) override;

private:
    std::function<bool()> m_undoInterceptor;
    friend class SqlLineNumberArea;
    void paintGutter(QPaintEvent *event);
    void updateGutterWidth();
    void updateGutter(const QRect &rect, int dy);
    void highlightCurrentLine();
    void indentSelection(bool outdent);

    QWidget *m_gutter;
    SqlHighlighter *m_highlighter;
};

} // namespace sluice::ui
