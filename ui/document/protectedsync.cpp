#include "protectedsync.h"

#include "common/tr.h"

#include <QMessageBox>
#include <QSet>

namespace sluice::ui {

namespace {

ProtectedConfirmer &confirmer()
{
    static ProtectedConfirmer c = [](QWidget *parent, const QString &title, const QString &text) {
        return QMessageBox::question(parent, title, text, QMessageBox::Yes | QMessageBox::No, QMessageBox::No)
            == QMessageBox::Yes;
    };
    return c;
}

// Project path and sync name of the syncs the user agreed to edit.
QSet<QString> &confirmed()
{
    static QSet<QString> set;
    return set;
}

} // namespace

bool confirmProtectedEdit(QWidget *parent, const QString &projectPath, const SyncDef &sync, ProtectedChange change)
{
    if (!sync.settings.is_object() || !sync.settings.value("protected", false))
        return true;
    const QString name = QString::fromStdString(sync.name);
    const QString key = projectPath + QChar('\n') + name;
    if (change == ProtectedChange::SwitchToMirror) {
        if (!confirmer()(parent, Tr::tr("Switch a protected sync to mirror mode?"),
                         Tr::tr("'%1' is protected. In mirror mode, records removed from the model are deleted at "
                                "the destination on every run. Switch it to mirror mode?")
                             .arg(name)))
            return false;
        confirmed().insert(key);
        return true;
    }
    if (confirmed().contains(key))
        return true;
    if (!confirmer()(parent, Tr::tr("Edit a protected sync?"),
                     Tr::tr("'%1' is protected: its settings are meant to stay as they are. Edit it anyway? "
                            "(You will not be asked again for this sync until Sluice restarts.)")
                         .arg(name)))
        return false;
    confirmed().insert(key);
    return true;
}

bool protectedEditConfirmed(const QString &projectPath, const SyncDef &sync)
{
    if (!sync.settings.is_object() || !sync.settings.value("protected", false))
        return true;
    return confirmed().contains(projectPath + QChar('\n') + QString::fromStdString(sync.name));
}

void setProtectedConfirmer(ProtectedConfirmer c)
{
    confirmer() = std::move(c);
}

void forgetProtectedConfirmations()
{
    confirmed().clear();
}

} // namespace sluice::ui
