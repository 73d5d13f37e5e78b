#pragma once
// The palette of transform types, as a list model that views can drag from
// (the mime data is the new step's JSON, mime::transform()).

#include <QAbstractListModel>

namespace sluice::ui {

class TransformPaletteModel : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role { TypeRole = Qt::UserRole + 1, StepJsonRole };

    explicit TransformPaletteModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override { return Qt::CopyAction; }

    int rowOf(const QString &type) const;
};

} // namespace sluice::ui
