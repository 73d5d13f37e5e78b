#include "synceditor.h"

#include "projectdocument.h"
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
