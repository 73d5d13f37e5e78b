// The model editor's SQL as a draft: typing is previewed, and saved only when
// the preview passes (see modeleditor.h).

#include "modeleditor.h"

#include "document/projectdocument.h"
#include "jobs/enginebridge.h"
#include "keycolumnsmodel.h"
#include "modeleditorparts.h"
#include "previewtablemodel.h"
#include "sqleditor.h"

#include "project/projectjson.h"

#include <QAction>
#include <QLabel>
#include <QSpinBox>

#include <algorithm>

namespace sluice::ui {

using namespace modeleditor;

void ModelEditor::onSqlTextChanged()
{
    if (m_loading)
        return;
    m_sqlDirty = true;
    m_sqlTimer.start(); // restarts: checked once typing pauses
}

void ModelEditor::commitSql()
{
    if (!m_sqlDirty)
        return;
    refreshPreview(); // previews what is typed, and saves it if it passes
}

bool ModelEditor::hasDraft() const
{
    return m_sql->toPlainText().toStdString() != m_savedSql;
}

bool ModelEditor::holdsDraft() const
{
    return m_keyDraft.has_value() || hasDraft();
}

void ModelEditor::noteDraftChange()
{
    if (!m_sqlLoaded) // the SQL is being set up: nothing to compare with yet
        return;
    const bool holds = holdsDraft();
    if (holds == m_shownDraft)
        return;
    m_shownDraft = holds;
    emit draftChanged(holds);
}

QString ModelEditor::sqlNote() const
{
    return m_sqlNote->isHidden() ? QString() : m_sqlNote->text();
}

void ModelEditor::refreshPreview()
{
    m_sqlTimer.stop();
    m_sqlDirty = false;
    const ModelDef *saved = m_document->model(m_name);
    const SourceDef *source = saved ? m_document->source(QString::fromStdString(saved->source)) : nullptr;
    if (!saved || !source)
        return;
    // The SQL in the editor: a draft is previewed before it is saved.
    ModelDef model = *saved;
    model.sql = m_sql->toPlainText().toStdString();
    m_draft.reset();
    if (model.sql != saved->sql) {
        // What the project file itself refuses (an empty query) is said at
        // once, without asking the source.
        ProjectConfig next = m_document->config();
        findModel(next, m_name)->sql = model.sql;
        if (auto ok = validateConfig(next); !ok) {
            setSqlNote(tr("Not saved yet: %1").arg(QString::fromStdString(ok.error().message)));
            return;
        }
        m_draft = DraftCheck{model.sql, tr("Edit SQL of %1").arg(m_name), sqlMergeKey(), 0};
        setSqlNote(tr("Checking the query before it is saved…"), NoteKind::Progress);
    }
    m_error->hide();
    const quint64 job = m_engine->startPreview(*source, model, m_document->directory(), m_limit->value());
    if (m_draft)
        m_draft->job = job;
    m_cancelAction->setEnabled(true);
    m_previewInfo->setText(tr("Previewing…"));
    emit busyChanged(true);
    emit statusMessage(tr("Previewing %1…").arg(m_name));
}

void ModelEditor::finishDraftCheck(const PreviewOutcome &outcome)
{
    if (!m_draft || outcome.jobId != m_draft->job)
        return;
    const DraftCheck draft = *m_draft;
    m_draft.reset();
    if (m_sql->toPlainText().toStdString() != draft.sql)
        return; // typed on meanwhile: the next check decides
    if (outcome.cancelled) {
        setSqlNote(tr("Not saved: the check was cancelled. Preview again (Ctrl+Enter) to save it."));
        return;
    }
    if (!outcome.error.isEmpty()) {
        setSqlNote(tr("Not saved: the query fails (see below), so the syncs keep the last saved SQL. Fix it, "
                      "or press Ctrl+Z to go back to the saved SQL."));
        return;
    }
    const ModelDef *saved = m_document->model(m_name);
    QStringList missing;
    for (const auto &k : saved ? saved->primaryKey : std::vector<std::string>{}) {
        const auto &columns = outcome.preview->columns;
        if (std::none_of(columns.begin(), columns.end(), [&](const Column &c) { return c.name == k; }))
            missing << QString::fromStdString(k);
    }
    if (!missing.isEmpty()) {
        setSqlNote(tr("Not saved: the query has no column %1, which the primary key needs. Add it, or choose "
                      "another key on the right after saving.")
                       .arg(missing.join(tr(", "))));
        return;
    }
    saveSql(draft.what, draft.mergeKey);
}

bool ModelEditor::discardDraft()
{
    if (!hasDraft())
        return false;
    m_sqlTimer.stop();
    m_sqlDirty = false;
    m_draft.reset();
    m_document->setSqlDraft(m_name, {});
    m_loading = true;
    m_sql->replaceText(QString::fromStdString(m_savedSql));
    m_loading = false;
    setSqlNote({});
    ++m_sqlBurst;
    emit statusMessage(tr("Unsaved SQL of %1 discarded").arg(m_name));
    return true;
}

void ModelEditor::keepDraft()
{
    m_document->setSqlDraft(m_name, hasDraft() ? m_sql->toPlainText() : QString());
}

void ModelEditor::restoreDraft()
{
    const QString draft = m_document->sqlDraft(m_name);
    if (draft.isEmpty() || draft.toStdString() == m_savedSql)
        return;
    m_loading = true;
    m_sql->replaceText(draft);
    m_loading = false;
    setSqlNote(tr("Not saved: this SQL was left unsaved. Preview it (Ctrl+Enter) to save it, or press Ctrl+Z "
                  "to go back to the saved SQL."));
}

bool ModelEditor::saveSql(const QString &what, const QString &mergeKey)
{
    const std::string sql = m_sql->toPlainText().toStdString();
    const ModelDef *current = m_document->model(m_name);
    if (!current || current->sql == sql) {
        setSqlNote({});
        return true;
    }
    ProjectConfig next = m_document->config();
    findModel(next, m_name)->sql = sql;
    if (auto ok = validateConfig(next); !ok) {
        setSqlNote(tr("Not saved yet: %1").arg(QString::fromStdString(ok.error().message)));
        return false;
    }
    m_committing = true;
    const bool saved = m_document->edit(
        what,
        [&](ProjectConfig &c) {
            if (ModelDef *m = findModel(c, m_name))
                m->sql = sql;
        },
        mergeKey);
    m_committing = false;
    m_document->setSqlDraft(m_name, {});
    // Every save ends a burst (a pause, Ctrl+Enter, leaving the editor, an
    // undo): the typing after it is a step of its own.
    ++m_sqlBurst;
    setSqlNote({});
    return saved;
}

void ModelEditor::setSqlNote(const QString &text, NoteKind kind)
{
    m_sqlNote->setText(text);
    m_sqlNote->setStyleSheet(kind == NoteKind::Problem ? QString::fromLatin1(kErrorStyle) : QString());
    m_sqlNote->setVisible(!text.isEmpty());
}

void ModelEditor::onTableDropped(const QString &table)
{
    // Its own undo step, apart from typing before and after it.
    m_sqlTimer.stop();
    m_sqlDirty = false;
    m_draft.reset();
    saveSql(tr("Start %1 from table %2").arg(m_name, table), {});
    m_sql->setFocus();
}

} // namespace sluice::ui
