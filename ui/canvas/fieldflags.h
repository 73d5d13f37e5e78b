#pragma once
// The marks of a destination field in words, one way for the table's Flags
// column and the field editor's header.

#include "destinations/contract/destinationfield.h"

#include <QString>

namespace sluice::ui {

// "identifier, required" (the list separator translated: "标识、必填"), or
// `unlisted` when the destination does not list the field (`field` null).
QString fieldFlagsText(const DestinationField *field, const QString &unlisted);

} // namespace sluice::ui
