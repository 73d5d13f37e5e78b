#include "configeditcommand.h"

#include "projectdocument.h"

namespace sluice::ui {

namespace {
constexpr int kConfigEditId = 0x51ce;
}

ConfigEditCommand::ConfigEditCommand(ProjectDocument *document, const QString &text, ProjectConfig before,
                                     ProjectConfig after, const QString &mergeKey)
    : m_document(document), m_before(std::move(before)), m_after(std::move(after)), m_mergeKey(mergeKey)
{
    setText(text);
}

void ConfigEditCommand::undo()
{
    m_document->apply(m_before);
}

void ConfigEditCommand::redo()
{
    if (m_alreadyApplied) {
        m_alreadyApplied = false;
        return;
    }
    m_document->apply(m_after);
}

int ConfigEditCommand::id() const
{
    return m_mergeKey.isEmpty() ? -1 : kConfigEditId;
}

bool ConfigEditCommand::mergeWith(const QUndoCommand *other)
{
    const auto *next = static_cast<const ConfigEditCommand *>(other);
    if (next->m_mergeKey != m_mergeKey)
        return false;
    m_after = next->m_after;
    // The step is named after where the typing ended ("... to 250", not "... to 2").
    setText(next->text());
    // Typing back to where it started leaves nothing to undo.
    if (m_after == m_before)
        setObsolete(true);
    return true;
}

} // namespace sluice::ui
