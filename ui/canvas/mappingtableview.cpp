#include "mappingtableview.h"

#include "canvastr.h"
#include "mappingdocument.h"
#include "mappingtablemodel.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>

namespace sluice::ui {

MappingTableView::MappingTableView(MappingDocument *document, QAbstractItemModel *model, QWidget *parent)
    : QTableView(parent), m_document(document)
{
    setModel(model);
    setItemDelegate(new SourceDelegate(document, this));
    setAccessibleName(CanvasTr::tr("Field mappings"));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                    | QAbstractItemView::AnyKeyPressed);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 10);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    setColumnWidth(MappingTableModel::FieldColumn, 180);
    setColumnWidth(MappingTableModel::FlagsColumn,
                   fontMetrics().horizontalAdvance(CanvasTr::tr("identifier, required")) + 24);
    setColumnWidth(MappingTableModel::SourceColumn, 180);
    setColumnWidth(MappingTableModel::SampleColumn, 150);
    setColumnWidth(MappingTableModel::SuggestionColumn, 150);
    setColumnWidth(MappingTableModel::TransformsColumn, 180);

    m_connectSuggested = new QAction(CanvasTr::tr("Connect Suggested Columns"), this);
    m_connectSuggested->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_L));
    m_connectSuggested->setShortcutContext(Qt::WidgetShortcut);
    m_connectSuggested->setToolTip(CanvasTr::tr("Connect each selected field to the column suggested for it"));
    connect(m_connectSuggested, &QAction::triggered, this, &MappingTableView::connectSuggested);
    addAction(m_connectSuggested);
    m_disconnect = new QAction(CanvasTr::tr("Disconnect selected fields"), this);
    m_disconnect->setShortcut(QKeySequence::Delete);
    m_disconnect->setShortcutContext(Qt::WidgetShortcut);
    connect(m_disconnect, &QAction::triggered, this, [this] { m_document->disconnectFields(selectedFields()); });
    addAction(m_disconnect);
    setContextMenuPolicy(Qt::ActionsContextMenu);
}

void MappingTableView::addMenuAction(QAction *action)
{
    addAction(action);
}

QStringList MappingTableView::selectedFields() const
{
    QStringList fields;
    for (const QModelIndex &i : selectionModel()->selectedRows())
        fields << i.data(MappingTableModel::FieldNameRole).toString();
    if (fields.isEmpty() && currentIndex().isValid())
        fields << currentIndex().data(MappingTableModel::FieldNameRole).toString();
    return fields;
}

int MappingTableView::connectSuggested()
{
    const QStringList fields = selectedFields();
    return fields.isEmpty() ? 0 : m_document->autoMapFields(fields);
}

} // namespace sluice::ui
