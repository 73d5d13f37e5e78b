#include "resources.h"

#include <QtGlobal>

// Q_INIT_RESOURCE must be used at global scope: resources compiled into a
// static library are not registered until someone asks for them.
static void initSluiceResources()
{
    Q_INIT_RESOURCE(sluice);
}

namespace sluice::ui {
void initResources()
{
    initSluiceResources();
}
} // namespace sluice::ui
