#pragma once
// Translation context for UI code that is not a QObject (Qt Creator's per-module Tr).
#include <QCoreApplication>

namespace sluice::ui {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Sluice)
};
} // namespace sluice::ui
