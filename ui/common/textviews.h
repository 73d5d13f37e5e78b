#pragma once
// The read-only text views the app shows payloads, HTTP messages and saved
// configurations in, so they all read alike: monospace, not wrapped (JSON
// and headers keep their lines), named for screen readers.

class QColor;
class QLabel;
class QPlainTextEdit;
class QString;
class QWidget;

namespace sluice::ui {

QPlainTextEdit *monospaceView(const QString &accessibleName);
// The problems of a row under its payload: wrapped text in `color`, on the
// window's background, that scrolls rather than overlapping the payload
// when the pane is short (a label cannot: it has no height of its own to give).
QPlainTextEdit *problemsView(const QString &accessibleName);
void setProblemsColor(QPlainTextEdit *view, const QColor &color);
// A section's title: a bold label.
QLabel *boldTitle(const QString &text);
// `title` above `view`, no margins: one side of a splitter.
QWidget *titledPane(QLabel *title, QWidget *view);

} // namespace sluice::ui
