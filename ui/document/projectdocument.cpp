#include "projectdocument.h"

#include <atomic>

#include "configeditcommand.h"

#include "project/projectstore.h"

#include <QUndoStack>

namespace sluice::ui {

namespace {
template <typename T> const T *findByName(const std::vector<T> &items, const QString &name)
{
    const std::string n = name.toStdString();
    for (const auto &item : items)
        if (item.name == n)
            return &item;
    return nullptr;
}
} // namespace

ProjectDocument::ProjectDocument(QObject *parent) : QObject(parent), m_undo(new QUndoStack(this))
{ }

ProjectDocument::~ProjectDocument() = default;

bool ProjectDocument::open(const QString &path, QString *error)
{
    auto store = ProjectStore::open(path.toStdString());
    if (!store) {
        if (error)
            *error = QString::fromStdString(store.error().describe());
        return false;
    }
    auto config = (*store)->load();
    if (!config) {
        if (error)
            *error = QString::fromStdString(config.error().describe());
        return false;
    }
    m_undo->clear();
    m_store = std::move(*store);
    m_config = std::move(*config);
    m_sqlDrafts.clear();
    const auto trusted = m_store->trusted();
    setTrusted(trusted && *trusted);
    emit opened();
    emit configChanged();
    return true;
}

namespace {
std::atomic<bool> g_openProjectTrusted{false};
}

SecretAccess ProjectDocument::secretAccess()
{
    return g_openProjectTrusted.load() ? SecretAccess::Allowed : SecretAccess::Denied;
}

void ProjectDocument::setTrusted(bool trusted)
{
    g_openProjectTrusted = trusted;
    if (trusted == m_trusted)
        return;
    m_trusted = trusted;
    emit trustChanged(trusted);
}

bool ProjectDocument::trust(QString *error)
{
    if (!m_store)
        return false;
    if (auto r = m_store->trust(); !r) {
        if (error)
            *error = QString::fromStdString(r.error().describe());
        return false;
    }
    setTrusted(true);
    return true;
}

void ProjectDocument::close()
{
    if (!m_store)
        return;
    m_undo->clear();
    m_store.reset();
    m_config = {};
    m_sqlDrafts.clear();
    setTrusted(false);
    emit closed();
}

QString ProjectDocument::path() const
{
    return m_store ? QString::fromStdString(m_store->path()) : QString();
}

QString ProjectDocument::directory() const
{
    return m_store ? QString::fromStdString(m_store->directory()) : QString();
}

const SourceDef *ProjectDocument::source(const QString &name) const
{
    return findByName(m_config.sources, name);
}
const ModelDef *ProjectDocument::model(const QString &name) const
{
    return findByName(m_config.models, name);
}
const DestinationDef *ProjectDocument::destination(const QString &name) const
{
    return findByName(m_config.destinations, name);
}
const SyncDef *ProjectDocument::sync(const QString &name) const
{
    return findByName(m_config.syncs, name);
}

bool ProjectDocument::apply(const ProjectConfig &config, QString *error, bool amendRevision)
{
    if (!m_store)
        return false;
    if (auto saved = m_store->save(config, ConfigSaveOptions{amendRevision}); !saved) {
        const QString message = QString::fromStdString(saved.error().describe());
        if (error)
            *error = message;
        emit editFailed(message);
        return false;
    }
    m_config = config;
    emit configChanged();
    return true;
}

bool ProjectDocument::edit(const QString &text, const std::function<void(ProjectConfig &)> &change,
                           const QString &mergeKey)
{
    if (!m_store)
        return false;
    ProjectConfig before = m_config;
    ProjectConfig after = m_config;
    change(after);
    if (after == before)
        return true;
    // Typing into a field merges into the undo step on top: its save amends
    // that step's version in the configuration history instead of adding one.
    const auto *top = m_undo->index() == m_undo->count() && m_undo->index() > 0
                        ? dynamic_cast<const ConfigEditCommand *>(m_undo->command(m_undo->index() - 1))
                        : nullptr;
    const bool continuesTop = !mergeKey.isEmpty() && top && top->mergeKey() == mergeKey && !top->isObsolete();
    if (!apply(after, nullptr, continuesTop))
        return false;
    m_undo->push(new ConfigEditCommand(this, text, std::move(before), std::move(after), mergeKey));
    return true;
}

void ProjectDocument::setSqlDraft(const QString &model, const QString &sql)
{
    if (sql.isEmpty())
        m_sqlDrafts.remove(model);
    else
        m_sqlDrafts.insert(model, sql);
}

} // namespace sluice::ui
