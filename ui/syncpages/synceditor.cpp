#include "synceditor.h"

#include "document/projectdocument.h"
#include "runs/apiinspectorpage.h"
#include "runs/rejectedrowspage.h"
#include "syncmappingpage.h"
#include "syncpage.h"
#include "syncpages/confighistorypage.h"
#include "syncsettingspage.h"

#include <QTabWidget>
#include <QVBoxLayout>

namespace sluice::ui {

SyncEditor::SyncEditor(ProjectDocument *document, const QString &syncName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(syncName), m_pages(new QTabWidget), m_runs(new SyncPage)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_pages->setDocumentMode(true);
    // The mapping first: it is what a sync is opened for most often.
    auto *mapping = new SyncMappingPage(document, syncName);
    m_mapping = mapping;
    mapping->setObjectName(QStringLiteral("mapping"));
    m_pages->addTab(mapping, QIcon(QStringLiteral(":/icons/mapping.svg")), tr("Mapping"));
    // A dry run is recorded in the history: show it there too.
    connect(mapping, &SyncMappingPage::dryRunFinished, this, [this] {
        if (const SyncDef *sync = m_document->sync(m_name))
            m_runs->setSync(m_document->path(), *sync);
    });
    connect(mapping, &SyncMappingPage::runRequested, this, [this] {
        showPage(QStringLiteral("runs")); // where its progress, result and history are
        m_runs->run(RunKind::Normal);
    });
    m_runs->setObjectName(QStringLiteral("runs"));
    m_pages->addTab(m_runs, QIcon(QStringLiteral(":/icons/play.svg")), tr("Runs"));
    // Settings go just before the runs: Mapping, Settings, Runs, Rejected Rows, API Inspector, History.
    m_settings = new SyncSettingsPage(document, syncName);
    m_settings->setObjectName(QStringLiteral("settings"));
    m_pages->insertTab(m_pages->indexOf(m_runs), m_settings, QIcon(QStringLiteral(":/icons/settings.svg")),
                       tr("Settings"));
    m_rejected = new RejectedRowsPage;
    m_rejected->setObjectName(QStringLiteral("rejected"));
    m_pages->addTab(m_rejected, QIcon(QStringLiteral(":/icons/rejected.svg")), tr("Rejected Rows"));
    m_inspector = new ApiInspectorPage;
    m_inspector->setObjectName(QStringLiteral("inspector"));
    m_pages->addTab(m_inspector, QIcon(QStringLiteral(":/icons/inspector.svg")), tr("API Inspector"));
    m_history = new ConfigHistoryPage(document, syncName);
    m_history->setObjectName(QStringLiteral("history"));
    m_pages->addTab(m_history, QIcon(QStringLiteral(":/icons/history.svg")), tr("History"));
    // Retry Now runs on the runs page (one run per sync, its progress shown there).
    connect(m_rejected, &RejectedRowsPage::retryRequested, this, [this] {
        m_runs->run(RunKind::RetryRejected);
        m_rejected->setRunActive(m_runs->isRunning());
    });
    connect(m_runs, &SyncPage::runStarted, m_rejected, [this] { m_rejected->setRunActive(true); });
    connect(m_runs, &SyncPage::runEnded, this, [this] {
        m_rejected->setRunActive(false);
        m_settings->refreshRunState();
    });
    connect(m_runs, &SyncPage::runFinished, m_inspector,
            [this](const QString &, qint64 runId) { m_inspector->showRun(runId); });
    connect(m_runs, &SyncPage::runSelected, m_inspector, &ApiInspectorPage::showRun);
    layout->addWidget(m_pages);
    connect(m_document, &ProjectDocument::configChanged, this, &SyncEditor::reload);
    reload();
}

SyncEditor::~SyncEditor() = default;

bool SyncEditor::showPage(const QString &name)
{
    for (int i = 0; i < m_pages->count(); ++i) {
        if (m_pages->widget(i)->objectName() == name) {
            m_pages->setCurrentIndex(i);
            return true;
        }
    }
    return false;
}

void SyncEditor::reload()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync || (m_shown && *sync == *m_shown))
        return;
    m_shown = *sync;
    m_runs->setSync(m_document->path(), *sync);
    m_rejected->setSync(m_document->path(), m_name);
    m_inspector->setSync(m_document->path(), m_name);
}

} // namespace sluice::ui
