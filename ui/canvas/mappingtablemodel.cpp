#include "mappingtablemodel.h"

#include "canvastr.h"
#include "common/typewords.h"
#include "fieldflags.h"
#include "mappingitems.h"
#include "stepcatalog.h"

#include <QApplication>
#include <QComboBox>
#include <QFont>
#include <QIcon>
#include <QLineEdit>
#include <QSet>

namespace sluice::ui {

using nlohmann::json;

MappingTableModel::MappingTableModel(MappingDocument *document, QObject *parent)
    : QAbstractTableModel(parent), m_document(document), m_rows(document->fieldNames())
{
    connect(document, &MappingDocument::aboutToReset, this, [this] { beginResetModel(); });
    connect(document, &MappingDocument::resetDone, this, [this] {
        m_suggestionsStale = true;
        m_rows = m_document->fieldNames();
        endResetModel();
    });
    auto onEntry = [this] {
        if (!m_document->inBatch())
            syncRows();
    };
    connect(document, &MappingDocument::entryAdded, this, onEntry);
    connect(document, &MappingDocument::entryRemoved, this, onEntry);
    connect(document, &MappingDocument::entryChanged, this, onEntry);
    connect(document, &MappingDocument::batchFinished, this, &MappingTableModel::syncRows);
    connect(document, &MappingDocument::changed, this, [this] { m_suggestionsStale = true; });
    connect(document, &MappingDocument::problemsChanged, this, [this] {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, ProblemsColumn), index(int(m_rows.size()) - 1, ProblemsColumn));
    });
}

void MappingTableModel::setSampleValues(QHash<QString, QString> values)
{
    m_samples = std::move(values);
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, SampleColumn), index(int(m_rows.size()) - 1, SampleColumn));
}

QString MappingTableModel::suggestionFor(const QString &field) const
{
    if (m_suggestionsStale) {
        m_suggestions.clear();
        for (const AutoMapping &m : m_document->autoMapProposal())
            m_suggestions.insert(QString::fromStdString(m.field), m);
        m_suggestionsStale = false;
    }
    const auto it = m_suggestions.constFind(field);
    return it == m_suggestions.constEnd() ? QString() : QString::fromStdString(it->column);
}

void MappingTableModel::syncRows()
{
    m_suggestionsStale = true;
    // Destination fields never change here; rows of fields the destination
    // does not list come and go with the entries that name them.
    const QStringList wanted = m_document->fieldNames();
    if (wanted == m_rows) {
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
        return;
    }
    const QSet<QString> wantedSet(wanted.begin(), wanted.end());
    for (int i = int(m_rows.size()) - 1; i >= 0; --i)
        if (!wantedSet.contains(m_rows[i])) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    for (int i = 0; i < int(wanted.size()); ++i)
        if (i >= int(m_rows.size()) || m_rows[i] != wanted[i]) {
            if (m_rows.contains(wanted[i]))
                break; // reordered: handled by the reset below
            beginInsertRows({}, i, i);
            m_rows.insert(i, wanted[i]);
            endInsertRows();
        }
    if (m_rows != wanted) {
        beginResetModel();
        m_rows = wanted;
        endResetModel();
        return;
    }
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

QString MappingTableModel::sourceKindName(SourceKind kind)
{
    switch (kind) {
    case SourceKind::Column: return CanvasTr::tr("Column");
    case SourceKind::Value: return CanvasTr::tr("Static value");
    case SourceKind::Template: return CanvasTr::tr("Template");
    case SourceKind::None: break;
    }
    return CanvasTr::tr("No source");
}

int MappingTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int MappingTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant MappingTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_rows.size()))
        return {};
    const QString field = m_rows[index.row()];
    const DestinationField *f = m_document->destinationField(field);
    const MappingEntry *e = m_document->entryForField(field);
    const bool valid = e && e->valid;
    const SourceKind kind = valid ? e->source : SourceKind::None;
    if (role == FieldNameRole)
        return field;
    if (role == SourceKindRole)
        return int(kind);

    switch (index.column()) {
    case FieldColumn:
        if (role == Qt::DisplayRole)
            return field;
        if (role == Qt::DecorationRole && f && f->identifier)
            return QIcon(QStringLiteral(":/icons/key.svg"));
        if (role == Qt::FontRole && f && (f->required || f->identifier)) {
            QFont font;
            font.setBold(true);
            return font;
        }
        if (role == Qt::ToolTipRole && f)
            return CanvasTr::tr("%1 (%2)").arg(field, typeWord(f->type));
        break;
    case FlagsColumn:
        if (role == Qt::DisplayRole)
            return fieldFlagsText(f, CanvasTr::tr("custom"));
        break;
    case SourceKindColumn:
        if (role == Qt::DisplayRole)
            return e && !e->valid ? CanvasTr::tr("Invalid entry") : sourceKindName(kind);
        if (role == Qt::EditRole)
            return int(kind);
        break;
    case SourceColumn:
        if (role == Qt::DisplayRole || role == Qt::EditRole || role == Qt::ToolTipRole) {
            if (e && !e->valid)
                return jsonToText(e->raw);
            switch (kind) {
            case SourceKind::Column: return e->column;
            case SourceKind::Value: return scalarToText(e->value);
            case SourceKind::Template:
                return role == Qt::DisplayRole
                         ? QString(e->templateText).replace(QLatin1Char('\n'), QStringLiteral(" ⏎ "))
                         : e->templateText;
            case SourceKind::None: return QString();
            }
        }
        break;
    case SampleColumn: {
        const QString column = kind == SourceKind::Column ? e->column : e ? QString() : suggestionFor(field);
        if (role == Qt::DisplayRole && kind == SourceKind::Value)
            return scalarToText(e->value);
        if (column.isEmpty() || !m_samples.contains(column))
            break;
        if (role == Qt::DisplayRole)
            return m_samples.value(column);
        if (role == Qt::ToolTipRole)
            return CanvasTr::tr("%1 in the model's first row: %2").arg(column, m_samples.value(column));
        if (role == Qt::ForegroundRole && kind != SourceKind::Column) // the suggestion's, not sent yet
            return QApplication::palette().color(QPalette::PlaceholderText);
        break;
    }
    case SuggestionColumn: {
        if (e)
            break; // mapped already
        const QString column = suggestionFor(field);
        if (column.isEmpty())
            break;
        if (role == Qt::DisplayRole || role == SuggestedColumnRole)
            return column;
        if (role == Qt::ToolTipRole) {
            const MatchKind match = m_suggestions.value(field).match;
            const QString why = match == MatchKind::Exact ? CanvasTr::tr("the same name")
                              : match == MatchKind::Normalized
                                  ? CanvasTr::tr("the same name but for case and separators")
                                  : CanvasTr::tr("a name that means the same");
            return CanvasTr::tr("Suggested: %1 (%2). Select rows and press Ctrl+L to connect the suggestions.")
                .arg(column, why);
        }
        if (role == Qt::ForegroundRole)
            return QApplication::palette().color(QPalette::PlaceholderText);
        break;
    }
    case TransformsColumn:
        if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && valid)
            return stepsSummary(StepList::Transforms, e->transforms);
        break;
    case RulesColumn:
        if ((role == Qt::DisplayRole || role == Qt::ToolTipRole) && valid)
            return stepsSummary(StepList::Rules, e->rules);
        break;
    case ProblemsColumn: {
        const auto problems = m_document->problemsForField(field);
        if (role == ProblemCountRole)
            return int(problems.size());
        if (problems.empty())
            break;
        if (role == Qt::DisplayRole) {
            QStringList titles;
            for (const MappingProblem &p : problems)
                if (!titles.contains(p.title))
                    titles << p.title;
            return titles.join(QStringLiteral("; "));
        }
        if (role == Qt::ToolTipRole) {
            QStringList lines;
            for (const MappingProblem &p : problems)
                lines << p.text();
            return lines.join(QLatin1Char('\n'));
        }
        if (role == Qt::ForegroundRole) {
            const bool error
                = std::any_of(problems.begin(), problems.end(), [](const MappingProblem &p) { return p.error; });
            return CanvasStyle::problemColor(QApplication::palette(), error);
        }
        break;
    }
    default: break;
    }
    return {};
}

QVariant MappingTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case FieldColumn: return CanvasTr::tr("Field");
    case FlagsColumn: return CanvasTr::tr("Flags");
    case SourceKindColumn: return CanvasTr::tr("Source");
    case SourceColumn: return CanvasTr::tr("Column / value / template");
    case SampleColumn: return CanvasTr::tr("Sample");
    case SuggestionColumn: return CanvasTr::tr("Suggested column");
    case TransformsColumn: return CanvasTr::tr("Transforms");
    case RulesColumn: return CanvasTr::tr("Rules");
    case ProblemsColumn: return CanvasTr::tr("Problems");
    default: return {};
    }
}

Qt::ItemFlags MappingTableModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (index.column() == SourceKindColumn || index.column() == SourceColumn)
        f |= Qt::ItemIsEditable;
    return f;
}

bool MappingTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!index.isValid() || role != Qt::EditRole || index.row() >= int(m_rows.size()))
        return false;
    const QString field = m_rows[index.row()];
    const MappingEntry *e = m_document->entryForField(field);
    const SourceKind kind = e && e->valid ? e->source : SourceKind::None;
    if (index.column() == SourceKindColumn) {
        bool ok = false;
        const int k = value.toInt(&ok);
        return ok && k >= 0 && k <= int(SourceKind::Template) && m_document->setSourceKind(field, SourceKind(k));
    }
    if (index.column() != SourceColumn)
        return false;
    const QString text = value.toString();
    switch (kind) {
    case SourceKind::Value: return m_document->setStaticValue(field, scalarFromText(text));
    case SourceKind::Template: return m_document->setTemplate(field, text);
    case SourceKind::Column:
    case SourceKind::None:
        if (text.isEmpty())
            return kind == SourceKind::Column && m_document->disconnect(field);
        return m_document->column(text) && m_document->connectColumn(field, text);
    }
    return false;
}

// ---------------------------------------------------------------- SourceDelegate

SourceDelegate::SourceDelegate(MappingDocument *document, QObject *parent)
    : QStyledItemDelegate(parent), m_document(document)
{ }

QWidget *SourceDelegate::createEditor(QWidget *parent, const QStyleOptionViewItem &option,
                                      const QModelIndex &index) const
{
    const auto kind = SourceKind(index.data(MappingTableModel::SourceKindRole).toInt());
    if (index.column() == MappingTableModel::SourceKindColumn) {
        auto *box = new QComboBox(parent);
        for (SourceKind k : {SourceKind::None, SourceKind::Column, SourceKind::Value, SourceKind::Template})
            box->addItem(MappingTableModel::sourceKindName(k), int(k));
        box->setAccessibleName(CanvasTr::tr("Source kind"));
        return box;
    }
    if (index.column() == MappingTableModel::SourceColumn && (kind == SourceKind::Column || kind == SourceKind::None)) {
        auto *box = new QComboBox(parent);
        box->addItems(m_document->columnNames());
        box->setAccessibleName(CanvasTr::tr("Source column"));
        return box;
    }
    return QStyledItemDelegate::createEditor(parent, option, index);
}

void SourceDelegate::setEditorData(QWidget *editor, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        if (index.column() == MappingTableModel::SourceKindColumn)
            box->setCurrentIndex(box->findData(index.data(Qt::EditRole)));
        else
            box->setCurrentIndex(box->findText(index.data(Qt::EditRole).toString()));
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void SourceDelegate::setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const
{
    if (auto *box = qobject_cast<QComboBox *>(editor)) {
        if (box->currentIndex() < 0)
            return;
        model->setData(index,
                       index.column() == MappingTableModel::SourceKindColumn ? box->currentData()
                                                                             : QVariant(box->currentText()),
                       Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

} // namespace sluice::ui
