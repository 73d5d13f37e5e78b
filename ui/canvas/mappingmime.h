#pragma once
// Drag-and-drop formats of the mapping designer.

#include <QString>

namespace sluice::ui::mime {
// A model column's name (UTF-8): dropped on a field, connects it.
inline QString column()
{
    return QStringLiteral("application/x-sluice-column");
}
// A new transform step as JSON: dropped on an edge or node, inserts it.
inline QString transform()
{
    return QStringLiteral("application/x-sluice-transform");
}
// The field whose edge end is dragged (UTF-8): dropped on another field, rewires it.
inline QString edgeEnd()
{
    return QStringLiteral("application/x-sluice-edge-end");
}
} // namespace sluice::ui::mime
