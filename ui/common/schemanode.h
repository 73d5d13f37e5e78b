#pragma once
// One table (or destination object) of a connection's schema with its
// fields, as a connection check reads it and the schema browser shows it.

#include <QString>
#include <QStringList>

#include <vector>

namespace sluice::ui {

struct SchemaNode {
    QString name;
    QString detail; // table / view / object label
    struct Field {
        QString name;
        QString type;
        QStringList flags; // "identifier", "required", "custom"
    };
    std::vector<Field> fields;
};

} // namespace sluice::ui
