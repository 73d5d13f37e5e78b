#pragma once
// The open project as the UI sees it: the ProjectStore, the configuration
// last saved, and the one project-wide QUndoStack every editor pushes to.
//
// Every user edit is a ConfigEditCommand: a before/after snapshot of the
// configuration. It is validated and saved (one transaction, one revision per
// changed entity) before it is pushed, so an edit the engine refuses never
// reaches the stack, and undo/redo save again. Editors never keep their own
// copy as the truth: they listen to configChanged() and show what it says.

#include "core/entities.h"
#include "core/envref.h"

#include <QHash>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>

class QUndoStack;

namespace sluice {
class ProjectStore;
}

namespace sluice::ui {

class ProjectDocument : public QObject {
    Q_OBJECT
public:
    explicit ProjectDocument(QObject *parent = nullptr);
    ~ProjectDocument() override;

    // Opens `path`; on failure returns the engine's description and keeps
    // the project open before.
    bool open(const QString &path, QString *error = nullptr);
    void close();
    bool isOpen() const { return bool(m_store); }

    QString path() const;
    QString directory() const; // relative settings resolve against it
    const ProjectConfig &config() const { return m_config; }
    ProjectStore *store() const { return m_store.get(); }
    QUndoStack *undoStack() const { return m_undo; }

    const SourceDef *source(const QString &name) const;
    const ModelDef *model(const QString &name) const;
    const DestinationDef *destination(const QString &name) const;
    const SyncDef *sync(const QString &name) const;

    // One user edit: `change` is applied to a copy of the configuration, the
    // result validated and saved, then pushed as an undoable command named
    // `text`. Consecutive edits with the same non-empty `mergeKey` (typing
    // in one field) merge into one undo step. Returns false, with
    // editFailed() emitted and nothing changed, when the engine refuses it.
    bool edit(const QString &text, const std::function<void(ProjectConfig &)> &change, const QString &mergeKey = {});

    // Saves without an undo step (used by undo/redo themselves).
    // `amendRevision`: the save continues the previous one (typing merged
    // into one undo step), so the configuration history keeps one version.
    bool apply(const ProjectConfig &config, QString *error = nullptr, bool amendRevision = false);

    // Trust on this machine (engine/project/truststore.h): until the project
    // is reviewed and trusted, nothing of it runs and its secret references
    // are not read. Edits made here keep a trusted project trusted.
    bool isTrusted() const { return m_trusted; }
    bool trust(QString *error = nullptr);
    // What engine jobs started now may do with the open project's secret
    // references (the one project this process has open).
    static SecretAccess secretAccess();

    // A model's SQL typed but not saved because its check failed (the model
    // editor's draft), kept while the project is open so closing the tab
    // loses nothing. Empty: none.
    QString sqlDraft(const QString &model) const { return m_sqlDrafts.value(model); }
    void setSqlDraft(const QString &model, const QString &sql);

signals:
    void opened();
    void closed();
    // After every saved change, including undo and redo.
    void configChanged();
    void editFailed(const QString &message);
    void trustChanged(bool trusted);

private:
    QHash<QString, QString> m_sqlDrafts;
    void setTrusted(bool trusted);

    std::unique_ptr<ProjectStore> m_store;
    bool m_trusted = false;
    ProjectConfig m_config;
    QUndoStack *m_undo;
};

} // namespace sluice::ui
