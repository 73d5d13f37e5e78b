#include "confighistorymodel.h"

#include <QDateTime>
#include <QFont>
#include <QLocale>
#include <QTimeZone>

namespace sluice::ui {

using nlohmann::json;

namespace {

QString settingLabel(const std::string &key)
{
    static const std::pair<const char *, const char *> labels[] = {
        {"batchSize", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "batch size")},
        {"concurrency", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "concurrency")},
        {"requestsPerSecond", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "rate limit")},
        {"maxAttempts", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "max attempts")},
        {"retryBaseMs", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "retry back-off")},
        {"mirrorGuardPercent", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "mirror guard")},
        {"schedule", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "schedule")},
        {"alerts", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "alert rules")},
        {"notify", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "default alert channels")},
        {"smtp", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "mail server")},
        {"protected", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "protected")},
        {"changeDetection", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "change detection")},
        {"timestampColumn", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "timestamp column")},
        {"backfill", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "backfill")},
        {"initialTimestamp", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "initial timestamp")},
        {"filter", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "row filter")},
        {"samplePercent", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "sampling")},
        {"logRetentionRuns", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "job log retention")},
        {"httpRetentionRuns", QT_TRANSLATE_NOOP("sluice::ui::ConfigHistoryModel", "HTTP retention")},
    };
    for (const auto &[k, label] : labels)
        if (key == k)
            return ConfigHistoryModel::tr(label);
    return QString::fromStdString(key);
}

// A value short enough for one line: scalars as written, others by size.
QString shortValue(const json &v)
{
    if (v.is_null())
        return ConfigHistoryModel::tr("default");
    if (v.is_string())
        return QString::fromStdString(v.get<std::string>());
    if (v.is_primitive())
        return QString::fromStdString(v.dump());
    if (v.is_object() && v.contains("type") && v["type"].is_string()) // a schedule
        return QString::fromStdString(v["type"].get<std::string>());
    if (v.is_array())
        return v.size() == 1 ? ConfigHistoryModel::tr("1 item") : ConfigHistoryModel::tr("%1 items").arg(v.size());
    return QStringLiteral("{…}");
}

} // namespace

ConfigHistoryModel::ConfigHistoryModel(QObject *parent) : QAbstractTableModel(parent)
{ }

QString ConfigHistoryModel::summarize(const json &older, const json &newer)
{
    if (older.is_null())
        return tr("created");
    QStringList parts;
    auto field
        = [](const json &doc, const char *key) { return doc.is_object() && doc.contains(key) ? doc[key] : json(); };
    if (field(older, "name") != field(newer, "name"))
        parts << tr("renamed %1 → %2").arg(shortValue(field(older, "name")), shortValue(field(newer, "name")));
    for (const auto &[key, label] :
         {std::pair{"mode", tr("mode")}, std::pair{"model", tr("model")}, std::pair{"destination", tr("destination")}})
        if (field(older, key) != field(newer, key))
            parts << tr("%1 %2 → %3").arg(label, shortValue(field(older, key)), shortValue(field(newer, key)));
    const json om = field(older, "mapping"), nm = field(newer, "mapping");
    if (om != nm)
        parts << (om.size() == nm.size() ? tr("mapping edited")
                                         : tr("mapping %1 → %2 fields").arg(om.size()).arg(nm.size()));
    const json os = field(older, "settings").is_object() ? field(older, "settings") : json::object();
    const json ns = field(newer, "settings").is_object() ? field(newer, "settings") : json::object();
    json keys = os;
    keys.update(ns);
    for (const auto &[key, ignored] : keys.items()) {
        const json a = os.contains(key) ? os[key] : json(), b = ns.contains(key) ? ns[key] : json();
        if (a == b)
            continue;
        const QString label = settingLabel(key);
        if (key == "protected")
            parts << (b.is_boolean() && b.get<bool>() ? tr("protected") : tr("no longer protected"));
        else if ((a.is_primitive() && b.is_primitive()) || key == "schedule")
            parts << tr("%1 %2 → %3").arg(label, shortValue(a), shortValue(b));
        else if (a.is_null())
            parts << tr("%1 added").arg(label);
        else if (b.is_null())
            parts << tr("%1 removed").arg(label);
        else if (a.is_array() && b.is_array() && a.size() != b.size())
            parts << tr("%1 %2 → %3").arg(label).arg(a.size()).arg(b.size());
        else
            parts << tr("%1 changed").arg(label);
    }
    return parts.isEmpty() ? tr("saved again, unchanged") : parts.join(QStringLiteral("; "));
}

QString ConfigHistoryModel::localTime(const std::string &savedAt)
{
    QDateTime t = QDateTime::fromString(QString::fromStdString(savedAt), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(QString::fromStdString(savedAt), Qt::ISODate);
    if (!t.isValid())
        return QString::fromStdString(savedAt);
    if (t.timeSpec() == Qt::LocalTime)
        t.setTimeZone(QTimeZone::utc()); // the store writes UTC
    return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"));
}

void ConfigHistoryModel::setRevisions(std::vector<Revision> revisions, const json &current)
{
    beginResetModel();
    m_rows.clear();
    m_current = current;
    json previous;
    std::vector<Row> oldestFirst;
    for (Revision &r : revisions) {
        Row row;
        row.document = json::parse(r.document, nullptr, false);
        if (row.document.is_discarded())
            row.document = json();
        row.summary = r.deleted ? tr("deleted") : summarize(previous, row.document);
        previous = r.deleted ? json() : row.document;
        row.revision = std::move(r);
        oldestFirst.push_back(std::move(row));
    }
    m_rows.assign(std::make_move_iterator(oldestFirst.rbegin()), std::make_move_iterator(oldestFirst.rend()));
    endResetModel();
}

int ConfigHistoryModel::currentRow() const
{
    for (std::size_t i = 0; i < m_rows.size(); ++i) // newest first
        if (!m_rows[i].revision.deleted && m_rows[i].document == m_current)
            return int(i);
    return -1;
}

void ConfigHistoryModel::setCurrent(const json &current)
{
    m_current = current;
    if (!m_rows.empty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
}

int ConfigHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ConfigHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ConfigHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const Row &r = m_rows[std::size_t(index.row())];
    // Only the newest version equal to the configuration is "current"; an
    // older one with the same content (an edit undone) is "same as current".
    const bool sameAsCurrent = !r.revision.deleted && r.document == m_current;
    const bool current = sameAsCurrent && index.row() == currentRow();
    if (role == RevisionIdRole)
        return qint64(r.revision.id);
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case SavedAt: return localTime(r.revision.savedAt);
        case Change:
            return current       ? tr("%1 (current)").arg(r.summary)
                 : sameAsCurrent ? tr("%1 (same as current)").arg(r.summary)
                                 : r.summary;
        }
    }
    if (role == Qt::ToolTipRole)
        return tr("Saved %1 UTC").arg(QString::fromStdString(r.revision.savedAt));
    if (role == Qt::FontRole && current) {
        QFont f;
        f.setBold(true);
        return f;
    }
    return {};
}

QVariant ConfigHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SavedAt: return tr("Saved");
    case Change: return tr("What changed");
    }
    return {};
}

} // namespace sluice::ui
