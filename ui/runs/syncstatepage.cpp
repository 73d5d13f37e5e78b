#include "syncstatepage.h"

namespace sluice::ui {

void SyncStatePage::setSync(const QString &projectPath, const QString &syncName)
{
    if (projectPath == m_projectPath && syncName == m_syncName)
        return;
    m_projectPath = projectPath;
    m_syncName = syncName;
    reloadWhenShown();
}

void SyncStatePage::reload()
{
    if (m_projectPath.isEmpty())
        return;
    m_stale = false;
    load();
}

void SyncStatePage::reloadWhenShown()
{
    m_stale = true;
    if (isVisible())
        reload();
}

void SyncStatePage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_stale)
        reload();
}

} // namespace sluice::ui
