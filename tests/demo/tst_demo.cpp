// The demo project: deterministic data, the three models of scenarios.md,
// and keys that pass the check.

#include "demo/demoproject.h"
#include "models/modelrunner.h"
#include "project/projectstore.h"
#include "sources/sourcekinds.h"
#include "testsupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace sluice;

class TstDemo : public QObject {
    Q_OBJECT
private slots:
    void createsProjectWithModels()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("demo.sluice").toStdString();
        auto r = createDemoProject(path, 2000);
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
        QVERIFY(QFile::exists(dir.filePath("demo.warehouse.sqlite")));
        auto store = ProjectStore::open(path);
        QVERIFY(store);
        auto config = (*store)->load();
        QCOMPARE(config->models.size(), std::size_t(3));
        QCOMPARE(config->sources[0].settings["path"].get<std::string>(), std::string("demo.warehouse.sqlite"));
        auto source = makeSource(config->sources[0], SourceContext{(*store)->directory(), SecretAccess::Allowed});
        QVERIFY(source);
        for (const auto &m : config->models) {
            auto k = checkModelKey(**source, m);
            QVERIFY2(k, k ? "" : k.error().describe().c_str());
            QVERIFY2(k->ok(), (m.name + ": " + k->summary()).c_str());
            if (m.name != "salesforce_leads")
                QCOMPARE(k->rows, std::int64_t(2000));
            else
                QVERIFY(k->rows > 0 && k->rows < 2000);
        }
        // user_tier takes all three values, engagement_level both.
        auto tiers = (*source)->query(
            QuerySpec{"SELECT user_tier, count(*) FROM (" + config->models[2].sql + ") GROUP BY 1 ORDER BY 1", {}, {}});
        QVERIFY(tiers);
        std::vector<std::string> names;
        Row row;
        while (*(*tiers)->next(row))
            names.push_back(row[0].asText());
        QCOMPARE(names, (std::vector<std::string>{"Premium", "Standard", "VIP"}));
        auto levels = (*source)->query(
            QuerySpec{"SELECT DISTINCT engagement_level FROM (" + config->models[0].sql + ") ORDER BY 1", {}, {}});
        names.clear();
        while (*(*levels)->next(row))
            names.push_back(row[0].asText());
        QCOMPARE(names, (std::vector<std::string>{"Active", "Inactive"}));
    }

    void deterministic()
    {
        QTemporaryDir a, b;
        QVERIFY(createDemoProject(a.filePath("d.sluice").toStdString(), 500));
        QVERIFY(createDemoProject(b.filePath("d.sluice").toStdString(), 500));
        auto rows = [](const QString &dir) {
            auto s = makeSource(SourceDef{"w", "sqlite", {{"path", "d.warehouse.sqlite"}}},
                                SourceContext{dir.toStdString(), SecretAccess::Allowed});
            auto c
                = (*s)->query(QuerySpec{"SELECT * FROM users JOIN orders USING (user_id) ORDER BY order_id", {}, {}});
            std::vector<Row> out;
            Row r;
            while (*(*c)->next(r))
                out.push_back(r);
            return out;
        };
        const auto ra = rows(a.path());
        QVERIFY(ra.size() > 500);
        QVERIFY(ra == rows(b.path()));
    }

    void refusesToOverwrite()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("d.sluice").toStdString();
        QVERIFY(createDemoProject(path, 10));
        const QByteArray before = test::fileSha256(dir.filePath("d.sluice"));
        auto again = createDemoProject(path, 10);
        QVERIFY(!again);
        QCOMPARE(again.error().code, std::string("project.exists"));
        QCOMPARE(test::fileSha256(dir.filePath("d.sluice")), before);
    }
};

QTEST_GUILESS_MAIN(TstDemo)
#include "tst_demo.moc"
