#pragma once
// CSV for exports (RFC 4180): fields quoted when they hold a comma, a quote
// or a line break; quotes doubled.

#include <QString>
#include <QStringList>

namespace sluice::ui {

inline QString csvField(QString s)
{
    if (s.contains(',') || s.contains('"') || s.contains('\n') || s.contains('\r'))
        s = '"' + s.replace('"', QStringLiteral("\"\"")) + '"';
    return s;
}

inline QString csvLine(const QStringList &fields)
{
    QStringList quoted;
    quoted.reserve(fields.size());
    for (const QString &f : fields)
        quoted << csvField(f);
    return quoted.join(',') + '\n';
}

} // namespace sluice::ui
