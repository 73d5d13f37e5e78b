#pragma once
// Internal to MainWindow's source files (mainwindow*.cpp), not for other
// code: the explorer's item kinds as MainWindow uses them, with the entity
// kind (for project edits) and the icon of each.

#include "projecttreemodel.h"

#include "document/projectedits.h"

#include <QString>

namespace sluice::ui::MainWindowItems {

using ItemKind = ProjectTreeModel::ItemKind;

inline EntityKind entityKind(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Source: return EntityKind::Source;
    case ItemKind::Model: return EntityKind::Model;
    case ItemKind::Destination: return EntityKind::Destination;
    default: return EntityKind::Sync;
    }
}

inline QString iconFor(ItemKind kind)
{
    switch (kind) {
    case ItemKind::Source: return QStringLiteral(":/icons/source.svg");
    case ItemKind::Model: return QStringLiteral(":/icons/model.svg");
    case ItemKind::Destination: return QStringLiteral(":/icons/destination.svg");
    case ItemKind::Sync: return QStringLiteral(":/icons/sync.svg");
    default: return QStringLiteral(":/icons/project.svg");
    }
}

} // namespace sluice::ui::MainWindowItems
