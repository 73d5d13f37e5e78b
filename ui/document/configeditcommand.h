#pragma once
// The undo step of every project edit: the configuration before and after.
// Snapshots rather than per-field deltas because a project configuration is
// small (kilobytes) and a snapshot can never drift from what was saved.

#include "core/entities.h"

#include <QUndoCommand>

namespace sluice::ui {

class ProjectDocument;

class ConfigEditCommand : public QUndoCommand {
public:
    ConfigEditCommand(ProjectDocument *document, const QString &text, ProjectConfig before, ProjectConfig after,
                      const QString &mergeKey);

    void undo() override;
    void redo() override;
    int id() const override;
    bool mergeWith(const QUndoCommand *other) override;

    const QString &mergeKey() const { return m_mergeKey; }

private:
    ProjectDocument *m_document;
    ProjectConfig m_before;
    ProjectConfig m_after;
    QString m_mergeKey;
    bool m_alreadyApplied = true; // edit() saved it before pushing
};

} // namespace sluice::ui
