#include "welcomepage.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QListView>
#include <QPushButton>
#include <QStandardItemModel>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
QPushButton *bigButton(const QString &icon, const QString &text, const QString &detail)
{
    auto *b = new QPushButton(QIcon(icon), text + QLatin1Char('\n') + detail);
    b->setIconSize(QSize(24, 24));
    b->setMinimumHeight(56);
    b->setStyleSheet(QStringLiteral("QPushButton { text-align: left; padding: 6px 12px; }"));
    return b;
}
} // namespace

WelcomePage::WelcomePage(QWidget *parent) : QWidget(parent), m_recent(new QStandardItemModel(this))
{
    auto *outer = new QHBoxLayout(this);
    auto *column = new QVBoxLayout;
    outer->addStretch(1);
    outer->addLayout(column, 3);
    outer->addStretch(1);

    auto *logo = new QLabel;
    logo->setPixmap(QIcon(QStringLiteral(":/icons/sluice.svg")).pixmap(64, 64));
    auto *title = new QLabel(tr("Welcome to Sluice"));
    QFont f = title->font();
    f.setPointSizeF(f.pointSizeF() * 2);
    f.setBold(true);
    title->setFont(f);
    auto *subtitle = new QLabel(tr("Send warehouse models to the tools that need them — only what changed, "
                                   "with every row accounted for."));
    subtitle->setWordWrap(true);
    m_hint = new QLabel;
    m_hint->setWordWrap(true);
    m_hint->hide();

    m_demo = bigButton(QStringLiteral(":/icons/play.svg"), tr("Open the demo project"),
                       tr("A sample warehouse, three models and two syncs ready to run"));
    m_demo->setObjectName(QStringLiteral("openDemo"));
    auto *newButton
        = bigButton(QStringLiteral(":/icons/add.svg"), tr("New project…"), tr("An empty project file (.sluice)"));
    auto *openButton
        = bigButton(QStringLiteral(":/icons/project.svg"), tr("Open project…"), tr("A .sluice file from disk"));
    connect(m_demo, &QPushButton::clicked, this, &WelcomePage::openDemoRequested);
    connect(newButton, &QPushButton::clicked, this, &WelcomePage::newProjectRequested);
    connect(openButton, &QPushButton::clicked, this, &WelcomePage::openProjectRequested);

    m_recentTitle = new QLabel(tr("Recent projects"));
    QFont bold = m_recentTitle->font();
    bold.setBold(true);
    m_recentTitle->setFont(bold);
    m_recentView = new QListView;
    m_recentView->setModel(m_recent);
    m_recentView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recentView->setAccessibleName(tr("Recent projects"));
    m_recentView->setMaximumHeight(180);
    auto open = [this](const QModelIndex &index) {
        if (index.isValid())
            emit openRecentRequested(index.data(Qt::UserRole).toString());
    };
    connect(m_recentView, &QListView::activated, this, open);

    column->addStretch(1);
    column->addWidget(logo);
    column->addWidget(title);
    column->addWidget(subtitle);
    column->addWidget(m_hint);
    column->addSpacing(16);
    column->addWidget(m_demo);
    column->addWidget(newButton);
    column->addWidget(openButton);
    column->addSpacing(16);
    column->addWidget(m_recentTitle);
    column->addWidget(m_recentView);
    column->addStretch(2);
}

void WelcomePage::setRecentProjects(const QStringList &paths)
{
    m_recent->clear();
    for (const QString &p : paths) {
        if (!QFileInfo::exists(p))
            continue;
        // The display text is for people; the path rides along for opening.
        auto *item = new QStandardItem(
            QIcon(QStringLiteral(":/icons/project.svg")),
            tr("%1 — %2").arg(QFileInfo(p).fileName(), QDir::toNativeSeparators(QFileInfo(p).absolutePath())));
        item->setData(p, Qt::UserRole);
        item->setToolTip(QDir::toNativeSeparators(p));
        m_recent->appendRow(item);
    }
    const bool any = m_recent->rowCount() > 0;
    m_recentTitle->setVisible(any);
    m_recentView->setVisible(any);
}

void WelcomePage::setProjectOpen(bool open)
{
    m_hint->setText(tr("Pick an item in the project explorer on the left to open it, or start from here."));
    m_hint->setVisible(open);
}

} // namespace sluice::ui
