#pragma once
// Shared by the model editor tests (tst_modeleditor, tst_modeldrafts): the
// model's SQL as saved in the file, and typing that replaces the editor's text.

#include "modeleditor/sqleditor.h"
#include "project/projectstore.h"

#include <QString>
#include <QTest>

#include <string>

namespace sluice::test {

// The model as saved in the project file, read through a connection of its own.
inline std::string savedSql(const QString &project, const std::string &model)
{
    auto store = ProjectStore::open(project.toStdString());
    if (!store)
        return "<cannot open: " + store.error().describe() + ">";
    auto config = (*store)->load();
    if (!config)
        return "<cannot load>";
    for (const auto &m : config->models)
        if (m.name == model)
            return m.sql;
    return "<no model>";
}

// Selects all and types `text` over it, as a user does.
inline void replaceSqlByTyping(ui::SqlEditor *sql, const QString &text)
{
    sql->setFocus();
    QTest::keyClick(sql, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClick(sql, Qt::Key_Delete);
    QTest::keyClicks(sql, text);
}

} // namespace sluice::test
