#include "textviews.h"

#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace sluice::ui {

QPlainTextEdit *monospaceView(const QString &accessibleName)
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setAccessibleName(accessibleName);
    return view;
}

QPlainTextEdit *problemsView(const QString &accessibleName)
{
    auto *view = new QPlainTextEdit;
    view->setReadOnly(true);
    view->setFrameShape(QFrame::NoFrame);
    view->setAccessibleName(accessibleName);
    view->setMinimumHeight(view->fontMetrics().height() * 2 + 6);
    view->setBackgroundRole(QPalette::Window);
    view->viewport()->setAutoFillBackground(false);
    view->hide();
    return view;
}

void setProblemsColor(QPlainTextEdit *view, const QColor &color)
{
    QPalette pal = view->palette();
    pal.setColor(QPalette::Text, color);
    view->setPalette(pal);
}

QLabel *boldTitle(const QString &text)
{
    auto *label = new QLabel(text);
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    return label;
}

QWidget *titledPane(QLabel *title, QWidget *view)
{
    auto *pane = new QWidget;
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(title);
    layout->addWidget(view, 1);
    return pane;
}

} // namespace sluice::ui
