#pragma once
// CSV for the app's exports, through the engine's one CSV writer
// (formats/csvwriter.h): the same quoting as the CSV destination.

#include "formats/csvwriter.h"

#include <QString>
#include <QStringList>

#include <string>

namespace sluice::ui {

inline QString csvField(const QString &s)
{
    std::string out;
    appendCsvField(out, s.toStdString());
    return QString::fromStdString(out);
}

inline QString csvLine(const QStringList &fields)
{
    std::string line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += ',';
        appendCsvField(line, fields[i].toStdString());
    }
    line += '\n';
    return QString::fromStdString(line);
}

} // namespace sluice::ui
