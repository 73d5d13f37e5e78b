#pragma once
// Internal to the mapping document's sources (mappingdocument*.cpp,
// mappingentry.cpp), not for other code: helpers they share.

#include <QString>

#include <string>

namespace sluice::ui::MappingDocumentInternal {

inline QString qs(const std::string &s)
{
    return QString::fromStdString(s);
}

} // namespace sluice::ui::MappingDocumentInternal
