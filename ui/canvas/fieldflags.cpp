#include "fieldflags.h"

#include "canvastr.h"

#include <QStringList>

namespace sluice::ui {

QString fieldFlagsText(const DestinationField *field, const QString &unlisted)
{
    if (!field)
        return unlisted;
    QStringList flags;
    if (field->identifier)
        flags << CanvasTr::tr("identifier");
    if (field->required)
        flags << CanvasTr::tr("required");
    //: Separates the items of a short list ("identifier, required").
    return flags.join(CanvasTr::tr(", "));
}

} // namespace sluice::ui
