// ValueMapModel: the rows of a valueMap step's "map" as a table (from, to),
// plus an empty last row to add one; every change is an undoable edit.

#include "stepeditor.h"

#include "canvastr.h"

namespace sluice::ui {

using nlohmann::json;

// ---------------------------------------------------------------- ValueMapModel

ValueMapModel::ValueMapModel(MappingDocument *document, const QString &field, int index, QObject *parent)
    : QAbstractTableModel(parent), m_document(document), m_field(field), m_index(index)
{
    reload();
}

int ValueMapModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size()) + 1;
}

int ValueMapModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 2;
}

QVariant ValueMapModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return role == Qt::ToolTipRole ? QVariant(CanvasTr::tr("Type here to add a value")) : QVariant();
    const auto &[from, to] = m_rows[std::size_t(index.row())];
    if (role == Qt::DisplayRole || role == Qt::EditRole)
        return index.column() == 0 ? from : scalarToText(to);
    if (role == Qt::ToolTipRole && index.column() == 1)
        return CanvasTr::tr("Text as typed; 42, true, false and null are read as JSON (write \"42\" for the text)");
    return {};
}

QVariant ValueMapModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Horizontal && role == Qt::DisplayRole)
        return section == 0 ? CanvasTr::tr("From") : CanvasTr::tr("To");
    return QAbstractTableModel::headerData(section, orientation, role);
}

Qt::ItemFlags ValueMapModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.row() < int(m_rows.size()) || index.column() == 0)
        f |= Qt::ItemIsEditable;
    return f;
}

bool ValueMapModel::setMap(const json &map)
{
    return m_document->setStepOption(m_field, StepList::Transforms, m_index, QStringLiteral("map"), map);
}

bool ValueMapModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole)
        return false;
    json map = json::object();
    for (const auto &[from, to] : m_rows)
        map[from.toStdString()] = to;
    const QString text = value.toString();
    const int row = index.row();
    if (row >= int(m_rows.size())) { // the empty row: a new value
        if (text.isEmpty() || map.contains(text.toStdString()))
            return false;
        map[text.toStdString()] = "";
        return setMap(map);
    }
    const QString from = m_rows[std::size_t(row)].first;
    if (index.column() == 1) {
        map[from.toStdString()] = scalarFromText(text);
        return setMap(map);
    }
    if (text == from)
        return false;
    if (!text.isEmpty() && map.contains(text.toStdString()))
        return false; // would merge two rows
    const json to = map[from.toStdString()];
    map.erase(from.toStdString());
    if (!text.isEmpty())
        map[text.toStdString()] = to;
    return setMap(map);
}

bool ValueMapModel::removeRows(int row, int count, const QModelIndex &parent)
{
    if (parent.isValid() || row < 0 || row + count > int(m_rows.size()) || count <= 0)
        return false;
    json map = json::object();
    for (int i = 0; i < int(m_rows.size()); ++i)
        if (i < row || i >= row + count)
            map[m_rows[std::size_t(i)].first.toStdString()] = m_rows[std::size_t(i)].second;
    return setMap(map);
}

void ValueMapModel::reload()
{
    std::vector<std::pair<QString, json>> rows;
    const MappingEntry *e = m_document->entryForField(m_field);
    if (e && e->valid && m_index >= 0 && m_index < int(e->transforms.size())) {
        const json &step = e->transforms[std::size_t(m_index)];
        if (step.contains("map") && step["map"].is_object())
            for (const auto &[from, to] : step["map"].items())
                rows.emplace_back(QString::fromStdString(from), to);
    }
    if (rows == m_rows)
        return;
    if (rows.size() == m_rows.size()) { // keep the current cell of a keyboard user
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, 1));
        return;
    }
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

} // namespace sluice::ui
