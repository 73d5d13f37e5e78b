// SyncSettingsPage: saving a change of the sync's settings as one undoable
// edit of the project (typing in one field merges into one step), asking
// first when the sync is protected.

#include "syncsettingspage.h"

#include "document/projectdocument.h"
#include "runs/runwords.h"

#include <QComboBox>

namespace sluice::ui {

using nlohmann::json;

bool SyncSettingsPage::editSync(const QString &text, const std::function<void(SyncDef &)> &change,
                                const QString &mergeKey, ProtectedChange protection)
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return false;
    if (!confirmProtectedEdit(this, m_document->path(), *sync, protection)) {
        m_shown.reset(); // show the configuration again, as it still is
        reload();
        return false;
    }
    const std::string name = m_name.toStdString();
    const bool ok = m_document->edit(
        text,
        [&](ProjectConfig &c) {
            for (SyncDef &s : c.syncs) {
                if (s.name != name)
                    continue;
                if (!s.settings.is_object())
                    s.settings = json::object();
                change(s);
            }
        },
        mergeKey);
    if (!ok) {
        m_shown.reset();
        reload();
    }
    return ok;
}

void SyncSettingsPage::setSetting(const char *key, const json &value, const QString &label, const QString &valueText,
                                  bool merge)
{
    // The label in the middle of a sentence ("Set batch size of ...").
    QString what = label;
    if (!what.isEmpty())
        what[0] = what[0].toLower();
    const QString text = value.is_null() ? tr("Reset %1 of %2").arg(what, m_name)
                                         : tr("Set %1 of %2 to %3").arg(what, m_name, valueText);
    editSync(
        text,
        [&](SyncDef &s) {
            if (value.is_null())
                s.settings.erase(key);
            else
                s.settings[key] = value;
        },
        merge ? QStringLiteral("setting:%1:%2").arg(m_name, QString::fromLatin1(key)) : QString());
}

void SyncSettingsPage::updateLock()
{
    const SyncDef *sync = m_document->sync(m_name);
    const bool locked = sync && !protectedEditConfirmed(m_document->path(), *sync);
    m_lockBar->setVisible(locked);
    m_fields->setEnabled(!locked);
}

void SyncSettingsPage::unlockProtected()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (sync && confirmProtectedEdit(this, m_document->path(), *sync))
        updateLock();
    if (m_fields->isEnabled())
        m_mode->setFocus(Qt::OtherFocusReason);
}

void SyncSettingsPage::modeChosen(int index)
{
    const QString mode = m_mode->itemData(index).toString();
    if (!m_shown || mode.toStdString() == m_shown->mode)
        return;
    const ProtectedChange protection
        = mode == QLatin1String("mirror") ? ProtectedChange::SwitchToMirror : ProtectedChange::Edit;
    editSync(
        tr("Set mode of %1 to %2").arg(m_name, syncModeText(mode.toStdString())),
        [&](SyncDef &s) { s.mode = mode.toStdString(); }, {}, protection);
}

} // namespace sluice::ui
