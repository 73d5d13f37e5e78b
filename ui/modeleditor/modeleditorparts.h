#pragma once
// Internal to the model editor's files (modeleditor.cpp, modeleditor_sql.cpp,
// modeleditor_key.cpp).

#include "core/entities.h"

#include <QString>

namespace sluice::ui::modeleditor {

inline ModelDef *findModel(ProjectConfig &c, const QString &name)
{
    for (auto &m : c.models)
        if (m.name == name.toStdString())
            return &m;
    return nullptr;
}

inline constexpr const char *kErrorStyle = "QLabel { color: #c62828; }";
inline constexpr const char *kErrorColor = "#c62828";
inline constexpr const char *kOkColor = "#2e7d32";

} // namespace sluice::ui::modeleditor
