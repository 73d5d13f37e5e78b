#include "transformpalettemodel.h"

#include "canvastr.h"
#include "mappingmime.h"
#include "stepcatalog.h"

#include <QMimeData>

namespace sluice::ui {

TransformPaletteModel::TransformPaletteModel(QObject *parent) : QAbstractListModel(parent)
{ }

int TransformPaletteModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(stepSpecs(StepList::Transforms).size());
}

QVariant TransformPaletteModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const StepSpec &spec = stepSpecs(StepList::Transforms)[std::size_t(index.row())];
    switch (role) {
    // People read "Map values"; the project and the docs keep "valueMap".
    case Qt::DisplayRole: return stepLabel(spec.type);
    case TypeRole: return spec.type;
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2").arg(spec.description, CanvasTr::tr("In the project file: %1").arg(spec.type));
    case Qt::AccessibleDescriptionRole: return spec.description;
    case StepJsonRole: return QString::fromStdString(spec.initial.dump());
    default: return {};
    }
}

Qt::ItemFlags TransformPaletteModel::flags(const QModelIndex &index) const
{
    return index.isValid() ? Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled : Qt::NoItemFlags;
}

QStringList TransformPaletteModel::mimeTypes() const
{
    return {mime::transform()};
}

QMimeData *TransformPaletteModel::mimeData(const QModelIndexList &indexes) const
{
    if (indexes.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(mime::transform(), indexes.front().data(StepJsonRole).toString().toUtf8());
    data->setText(indexes.front().data(TypeRole).toString());
    return data;
}

int TransformPaletteModel::rowOf(const QString &type) const
{
    const auto &specs = stepSpecs(StepList::Transforms);
    for (std::size_t i = 0; i < specs.size(); ++i)
        if (specs[i].type == type)
            return int(i);
    return -1;
}

} // namespace sluice::ui
