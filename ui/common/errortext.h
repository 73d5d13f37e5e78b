#pragma once
// An engine error in the user's language. Errors that carry their variable
// parts (Error::args) are said again from their code, with the setting's
// label as the form shows it; any other error keeps the engine's English
// message (the CLI's and the logs' wording), never a JSON path alone.

#include "core/error.h"

#include <QString>

#include <functional>

namespace sluice::ui {

// `label` names a setting by its key as the user sees it (the form's label,
// translated); without it the key itself is used.
QString userErrorText(const Error &error, const std::function<QString(const QString &key)> &label = {});

} // namespace sluice::ui
