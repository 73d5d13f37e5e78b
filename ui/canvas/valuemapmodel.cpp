// ValueMapModel: the rows of a valueMap step's "map" as a table (from, to),
// plus an empty last row to add one; every change is an undoable edit.

#include "stepeditor.h"

#include "canvastr.h"

#include <set>

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
    const bool changed = m_document->setStepOption(m_field, StepList::Transforms, m_index, QStringLiteral("map"), map);
    // At once, not when the editor around refreshes: a view committing a cell
    // on Tab moves to the next cell right after setData() returns, and that
    // cell must already be the new row's target.
    reload();
    return changed;
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
    m_renaming = {from, text};
    const bool changed = setMap(map);
    m_renaming = {};
    return changed;
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
    json map = json::object();
    const MappingEntry *e = m_document->entryForField(m_field);
    if (e && e->valid && m_index >= 0 && m_index < int(e->transforms.size())) {
        const json &step = e->transforms[std::size_t(m_index)];
        if (step.contains("map") && step["map"].is_object())
            map = step["map"];
    }
    // The rows already shown keep their places (a retyped From keeps its row);
    // values new to the table go last, in key order.
    std::vector<std::pair<QString, json>> rows;
    std::set<std::string> placed;
    for (const auto &[from, to] : m_rows) {
        QString key = from;
        if (!m_renaming.first.isEmpty() && from == m_renaming.first)
            key = m_renaming.second;
        const auto it = map.find(key.toStdString());
        if (it != map.end() && placed.insert(it.key()).second)
            rows.emplace_back(key, *it);
    }
    for (const auto &[from, to] : map.items())
        if (placed.insert(from).second)
            rows.emplace_back(QString::fromStdString(from), to);
    if (rows == m_rows)
        return;

    const auto sameKeys = [](const auto &a, const auto &b, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            if (a[i].first != b[i].first)
                return false;
        return true;
    };
    const std::size_t before = m_rows.size();
    if (rows.size() == before) { // values or a retyped From: keep the current cell of a keyboard user
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, 1));
    } else if (rows.size() > before && sameKeys(rows, m_rows, before)) {
        // Typed into the empty row: that row now holds the value and a new
        // empty row follows it, so the view's current cell stays on it.
        beginInsertRows({}, int(before) + 1, int(rows.size()));
        m_rows = std::move(rows);
        endInsertRows();
        emit dataChanged(index(0, 0), index(int(before), 1));
    } else if (rows.size() + 1 == before) {
        std::size_t gone = 0;
        while (gone < rows.size() && rows[gone].first == m_rows[gone].first)
            ++gone;
        beginRemoveRows({}, int(gone), int(gone));
        m_rows.erase(m_rows.begin() + std::ptrdiff_t(gone));
        endRemoveRows();
        m_rows = std::move(rows);
        emit dataChanged(index(0, 0), index(rowCount() - 1, 1));
    } else {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
}

} // namespace sluice::ui
