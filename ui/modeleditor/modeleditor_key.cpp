// ModelEditor: the primary key. A ticked or unticked column makes a draft
// key, checked over every row off the GUI thread before it replaces the key
// the syncs plan with: a key that is present and unique is saved (one undo
// step); when the check finds NULLs or repeats, fails or is cancelled, the
// saved key stays in use and the draft waits for Use Anyway or Keep. A sync
// never starts planning with a key nobody checked or chose.

#include "modeleditor.h"

#include "common/textviews.h"
#include "document/projectdocument.h"
#include "jobs/keycheckjob.h"
#include "keycolumnsmodel.h"
#include "modeleditorparts.h"
#include "previewtablemodel.h"

#include <QAction>
#include <QColor>
#include <QHBoxLayout>
#include <QLocale>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>

namespace sluice::ui {

using namespace modeleditor;

namespace {

std::vector<std::string> toStd(const QStringList &key)
{
    std::vector<std::string> out;
    for (const QString &k : key)
        out.push_back(k.toStdString());
    return out;
}

QString joined(const QStringList &key)
{
    return key.join(QStringLiteral(", "));
}

} // namespace

void ModelEditor::setKeyResult(const QString &text, KeyNote kind)
{
    m_keyResult->setPlainText(text);
    setProblemsColor(m_keyResult, kind == KeyNote::Problem ? QColor(kErrorColor)
                                  : kind == KeyNote::Ok    ? QColor(kOkColor)
                                                           : palette().color(QPalette::WindowText));
    m_keyResult->setVisible(!text.isEmpty());
}

QWidget *ModelEditor::buildKeyDraftBar()
{
    m_keyDraftBar = new QWidget;
    auto *row = new QHBoxLayout(m_keyDraftBar);
    row->setContentsMargins(0, 0, 0, 0);
    m_useKeyAnyway = new QPushButton(tr("Use Anyway"));
    m_useKeyAnyway->setToolTip(tr("Save this key although the check did not pass; rows with a NULL or repeated "
                                  "key are then reported as invalid in each run and not sent"));
    connect(m_useKeyAnyway, &QPushButton::clicked, this, &ModelEditor::useKeyDraft);
    m_keepSavedKey = new QPushButton;
    m_keepSavedKey->setToolTip(tr("Forget the unchecked key and keep the one the syncs use"));
    connect(m_keepSavedKey, &QPushButton::clicked, this, &ModelEditor::dropKeyDraft);
    row->addWidget(m_useKeyAnyway);
    row->addWidget(m_keepSavedKey);
    row->addStretch(1);
    m_keyDraftBar->hide();
    return m_keyDraftBar;
}

QStringList ModelEditor::keyDraft() const
{
    return m_keyDraft.value_or(QStringList());
}

void ModelEditor::proposeKey(const QStringList &key)
{
    commitSql();
    if (key.isEmpty()) {
        setKeyResult(tr("A model needs at least one key column."), KeyNote::Problem);
        reload();
        return;
    }
    m_keyDraftBar->hide();
    if (key == m_savedKey) { // ticked back to what is saved: nothing to check
        dropKeyDraft();
        return;
    }
    m_keyDraft = key;
    m_keyModel->setKey(key);
    noteDraftChange();
    startKeyCheck();
}

void ModelEditor::checkKey()
{
    commitSql();
    startKeyCheck();
}

void ModelEditor::startKeyCheck()
{
    const ModelDef *model = m_document->model(m_name);
    const SourceDef *source = model ? m_document->source(QString::fromStdString(model->source)) : nullptr;
    if (!model || !source)
        return;
    if (m_keyJob->isRunning()) {
        // A newer key to check: the running scan ends, then this one starts.
        m_restartKeyCheck = true;
        m_keyJob->cancel();
        return;
    }
    ModelDef checked = *model;
    if (m_keyDraft)
        checked.primaryKey = toStd(*m_keyDraft);
    m_keyJob->start(*source, checked, m_document->directory());
    m_checkKeyAction->setEnabled(false);
    m_cancelKeyCheckAction->setEnabled(true);
    m_keyProgress->setFormat(tr("Scanning…"));
    m_keyProgress->show();
    m_keyClock.start();
    setKeyResult(m_keyDraft ? tr("Checking %1 in every row before it becomes the key…").arg(joined(*m_keyDraft))
                            : tr("Checking %1 in every row…").arg(joined(m_savedKey)));
    emit statusMessage(tr("Checking the key of %1…").arg(m_name));
}

void ModelEditor::cancelKeyCheck()
{
    m_keyJob->cancel();
}

void ModelEditor::onKeyCheckFinished(const KeyCheckOutcome &outcome)
{
    m_keyClock.stop();
    m_keyProgress->hide();
    m_checkKeyAction->setEnabled(true);
    m_cancelKeyCheckAction->setEnabled(false);
    if (m_restartKeyCheck) {
        m_restartKeyCheck = false;
        startKeyCheck();
        return;
    }
    if (m_discardKeyCheck) { // its draft was dropped: nothing to say about it
        m_discardKeyCheck = false;
        return;
    }
    const bool forDraft = m_keyDraft && outcome.model.primaryKey == toStd(*m_keyDraft);
    // Why the draft waits, after what the check said.
    const auto held = [&](const QString &said) {
        if (!forDraft)
            return said;
        m_keepSavedKey->setText(tr("Keep %1").arg(joined(m_savedKey)));
        m_keyDraftBar->show();
        return said + QLatin1Char('\n')
             + tr("Not saved: the syncs keep %1 as the key until you choose Use Anyway.").arg(joined(m_savedKey));
    };
    if (outcome.cancelled) {
        setKeyResult(held(tr("Key check cancelled.")));
        emit statusMessage(tr("Key check cancelled"));
        emit keyCheckFinished(false);
        return;
    }
    if (!outcome.error.isEmpty()) {
        setKeyResult(held(outcome.error), KeyNote::Problem);
        emit statusMessage(tr("Key check failed"));
        emit keyCheckFinished(false);
        return;
    }
    QStringList key;
    for (const auto &k : outcome.model.primaryKey)
        key << QString::fromStdString(k);
    const KeyCheck &check = *outcome.check;
    const QString said = describeKeyCheck(check, key);
    if (forDraft && check.ok()) {
        m_checked = outcome.model;
        setKeyResult(said, KeyNote::Ok);
        saveKeyDraft();
        emit statusMessage(tr("Key of %1 saved: %2, checked in %3 ms")
                               .arg(m_name, joined(key), QLocale().toString(check.elapsedMs, 'f', 0)));
    } else {
        if (!forDraft)
            m_checked = outcome.model;
        setKeyResult(held(said), check.ok() ? KeyNote::Ok : KeyNote::Problem);
        emit statusMessage(tr("Key checked in %1 ms").arg(QLocale().toString(check.elapsedMs, 'f', 0)));
    }
    emit keyCheckFinished(check.ok());
}

void ModelEditor::useKeyDraft()
{
    if (!m_keyDraft)
        return;
    // What the check said stays; "Not saved" (its last line) no longer holds.
    const QString said = keyCheckText();
    setKeyResult(said.left(said.lastIndexOf(QLatin1Char('\n'))) + QLatin1Char('\n')
                     + tr("Saved anyway: rows with a NULL or repeated key are reported as invalid in each "
                          "run and not sent."),
                 KeyNote::Problem);
    if (const ModelDef *model = m_document->model(m_name)) { // the result shown is about this key now
        m_checked = *model;
        m_checked->primaryKey = toStd(*m_keyDraft);
    }
    saveKeyDraft();
}

void ModelEditor::saveKeyDraft()
{
    const QStringList key = *m_keyDraft;
    m_keyDraft.reset(); // before the edit: its reload shows the saved key (and notes the change)
    m_keyDraftBar->hide();
    const std::vector<std::string> columns = toStd(key);
    m_document->edit(tr("Set primary key of %1 to %2").arg(m_name, joined(key)), [&](ProjectConfig &c) {
        if (ModelDef *m = findModel(c, m_name))
            m->primaryKey = columns;
    });
    m_previewModel->setPreview(m_previewModel->preview(), columns); // key marks in the grid
}

void ModelEditor::dropKeyDraft()
{
    const bool had = m_keyDraft.has_value();
    m_keyDraft.reset();
    m_keyDraftBar->hide();
    if (had && m_keyJob->isRunning()) {
        m_discardKeyCheck = true;
        m_keyJob->cancel();
    }
    m_restartKeyCheck = false;
    m_keyModel->setKey(m_savedKey);
    noteDraftChange();
    if (had) {
        setKeyResult(tr("Kept %1 as the key.").arg(joined(m_savedKey)));
    }
}

} // namespace sluice::ui
