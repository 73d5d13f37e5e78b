#include "dryrunsamplemodel.h"

#include "canvas/mappingitems.h"
#include "common/jsontext.h"

#include <QGuiApplication>
#include <QPalette>

#include <algorithm>

namespace sluice::ui {

namespace {
// Plan order, so the samples read like the counts above them.
int kindOrder(const std::string &kind)
{
    static const std::vector<std::string> order = {"added", "changed", "removed", "unchanged", "invalid"};
    const auto it = std::find(order.begin(), order.end(), kind);
    return int(it - order.begin());
}
} // namespace

DryRunSampleModel::DryRunSampleModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void DryRunSampleModel::setSamples(std::vector<RowSample> samples)
{
    beginResetModel();
    m_samples = std::move(samples);
    std::stable_sort(m_samples.begin(), m_samples.end(), [](const RowSample &a, const RowSample &b) {
        return kindOrder(a.rowClass) < kindOrder(b.rowClass);
    });
    endResetModel();
}

int DryRunSampleModel::count(const QString &kind) const
{
    const std::string k = kind.toStdString();
    return int(std::count_if(m_samples.begin(), m_samples.end(), [&](const RowSample &s) { return s.rowClass == k; }));
}

QString DryRunSampleModel::kindName(const std::string &kind)
{
    if (kind == "added")
        return tr("added");
    if (kind == "changed")
        return tr("changed");
    if (kind == "removed")
        return tr("removed");
    if (kind == "unchanged")
        return tr("unchanged");
    if (kind == "invalid")
        return tr("invalid");
    return QString::fromStdString(kind);
}

int DryRunSampleModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_samples.size());
}

int DryRunSampleModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DryRunSampleModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_samples.size()))
        return {};
    const RowSample &s = m_samples[std::size_t(index.row())];
    QStringList problems;
    for (const auto &p : s.problems)
        problems << QString::fromStdString(p);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KindColumn: return kindName(s.rowClass);
        case KeyColumn: return QString::fromStdString(s.key);
        case PayloadColumn:
            if (!s.payload.empty())
                return oneLineJson(s.payload);
            return s.rowClass == "removed" ? tr("(deleted at the destination; no payload)") : problems.join("; ");
        }
        return {};
    case Qt::ToolTipRole: return problems.isEmpty() ? QVariant() : problems.join('\n');
    case Qt::ForegroundRole:
        if (index.column() == KindColumn && (s.rowClass == "invalid" || !s.problems.empty()))
            return CanvasStyle::problemColor(QGuiApplication::palette(), s.rowClass == "invalid");
        return {};
    case PrettyPayloadRole: return prettyJson(s.payload);
    case ProblemsRole: return problems.join('\n');
    case KindRole: return QString::fromStdString(s.rowClass);
    }
    return {};
}

QVariant DryRunSampleModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KindColumn: return tr("Kind");
    case KeyColumn: return tr("Row key");
    case PayloadColumn: return tr("Payload");
    }
    return {};
}

} // namespace sluice::ui
