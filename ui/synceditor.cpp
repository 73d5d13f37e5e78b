#include "synceditor.h"

#include "projectdocument.h"
#include "syncmappingpage.h"
#include "syncpage.h"

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
    mapping->setObjectName(QStringLiteral("mapping"));
    m_pages->addTab(mapping, QIcon(QStringLiteral(":/icons/mapping.svg")), tr("Mapping"));
    // A dry run is recorded in the history: show it there too.
    connect(mapping, &SyncMappingPage::dryRunFinished, this, [this] {
        if (const SyncDef *sync = m_document->sync(m_name))
            m_runs->setSync(m_document->path(), *sync);
    });
    m_runs->setObjectName(QStringLiteral("runs"));
    m_pages->addTab(m_runs, QIcon(QStringLiteral(":/icons/play.svg")), tr("Runs"));
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
}

} // namespace sluice::ui
