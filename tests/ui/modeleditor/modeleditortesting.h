#pragma once
// Shared by the model editor tests (tst_modeleditor, tst_modeldrafts): a
// fresh demo project open in a document, the model's SQL as saved in the
// file, and typing that replaces the editor's text.

#include "demo/demoproject.h"
#include "document/projectdocument.h"
#include "modeleditor/sqleditor.h"
#include "project/projectstore.h"

#include <QString>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <string>

namespace sluice::test {

// A fresh demo project (1000 users) in a folder of its own, open in a
// ProjectDocument: one per test, as the tests edit it.
struct OpenDemo {
    std::unique_ptr<QTemporaryDir> dir;
    QString project;
    std::unique_ptr<ui::ProjectDocument> doc;

    // "" once open, else what went wrong.
    QString reopen()
    {
        doc.reset();
        dir = std::make_unique<QTemporaryDir>();
        project = dir->filePath("demo.sluice");
        if (auto r = createDemoProject(project.toStdString(), 1000); !r)
            return QString::fromStdString(r.error().describe());
        doc = std::make_unique<ui::ProjectDocument>();
        QString error;
        return doc->open(project, &error) ? QString() : error;
    }
};

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
