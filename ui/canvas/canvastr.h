#pragma once
// Translation context of the mapping designer (ui/canvas), for code that is
// not a QObject (Qt Creator's per-module Tr).

#include <QCoreApplication>

namespace sluice::ui {
struct CanvasTr {
    Q_DECLARE_TR_FUNCTIONS(MappingCanvas)
};
} // namespace sluice::ui
