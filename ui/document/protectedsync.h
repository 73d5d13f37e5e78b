#pragma once
// A protected sync (settings.protected) asks before it is changed: once per
// sync and app session for ordinary edits, and every time it is switched to
// mirror mode (mirror deletes at the destination what leaves the model).
// Editors call confirmProtectedEdit() before ProjectDocument::edit().

#include "core/entities.h"

#include <QString>

#include <functional>

class QWidget;

namespace sluice::ui {

enum class ProtectedChange { Edit, SwitchToMirror };

// True when the edit may go ahead: the sync is not protected, the user
// already agreed to edit it in this session, or agrees now.
bool confirmProtectedEdit(QWidget *parent, const QString &projectPath, const SyncDef &sync,
                          ProtectedChange change = ProtectedChange::Edit);

// True when an edit needs no question: the sync is not protected or the
// user already agreed to edit it in this session. Lets an editor defer the
// question until the gesture that raised it has finished.
bool protectedEditConfirmed(const QString &projectPath, const SyncDef &sync);

// How the question is asked (a QMessageBox by default); tests answer it.
using ProtectedConfirmer = std::function<bool(QWidget *parent, const QString &title, const QString &text)>;
void setProtectedConfirmer(ProtectedConfirmer confirmer);
// Forgets the answers of this session (tests).
void forgetProtectedConfirmations();

} // namespace sluice::ui
