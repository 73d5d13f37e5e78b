#pragma once
// The read-only text views the app shows payloads, HTTP messages and saved
// configurations in, so they all read alike: monospace, not wrapped (JSON
// and headers keep their lines), named for screen readers.

class QLabel;
class QPlainTextEdit;
class QString;
class QWidget;

namespace sluice::ui {

QPlainTextEdit *monospaceView(const QString &accessibleName);
// `title` above `view`, no margins: one side of a splitter.
QWidget *titledPane(QLabel *title, QWidget *view);

} // namespace sluice::ui
