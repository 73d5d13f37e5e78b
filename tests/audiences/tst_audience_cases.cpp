// The audience cases: every tests/audiences/cases/<topic>.json is a list of
// cases (an audience, the audiences it may name, and the members, funnel or
// error it must give), each run on the warehouse of cases/fixture.json in
// SQLite and in PostgreSQL. A new condition case is a new entry, not code;
// the format is in cases/README.md.

#include "audiences/audiencejson.h"
#include "audiences/audiencerunner.h"
#include "formats/isotime.h"
#include "formats/sqlquote.h"
#include "pgsession.h"
#include "sources/postgressource.h"
#include "sources/sqlitesource.h"
#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <map>
#include <memory>

#ifndef SLUICE_AUDIENCE_CASES
#error "SLUICE_AUDIENCE_CASES must name the cases folder (see tests/audiences/CMakeLists.txt)"
#endif

using namespace sluice;
using namespace sluice::audiences;
using namespace sluice::test;
using ojson = nlohmann::ordered_json; // keeps the fixture's column order

namespace {

ojson readJson(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return nullptr;
    return ojson::parse(file.readAll().toStdString(), nullptr, false);
}

std::string sqliteType(const std::string &type)
{
    if (type == "integer")
        return "INTEGER";
    if (type == "numeric")
        return "REAL";
    return "TEXT"; // SQLite keeps dates and times as ISO text
}

std::string literal(const ojson &v)
{
    if (v.is_null())
        return "NULL";
    if (v.is_string())
        return sqlLiteral(Value(v.get<std::string>()));
    return v.dump();
}

// CREATE TABLE and INSERT statements for the fixture's tables.
std::string fixtureSql(const ojson &tables, bool postgres)
{
    std::string sql;
    for (const auto &[name, table] : tables.items()) {
        sql += "DROP TABLE IF EXISTS " + name + ";\nCREATE TABLE " + name + " (";
        bool first = true;
        for (const auto &column : table["columns"]) {
            const std::string type = column[1].get<std::string>();
            sql += (first ? "" : ", ") + column[0].get<std::string>() + " " + (postgres ? type : sqliteType(type));
            first = false;
        }
        sql += ");\n";
        for (const auto &row : table["rows"]) {
            sql += "INSERT INTO " + name + " VALUES (";
            for (std::size_t i = 0; i < row.size(); ++i)
                sql += (i ? ", " : "") + literal(row[i]);
            sql += ");\n";
        }
    }
    return sql;
}

struct Warehouse {
    Dialect dialect;
    std::unique_ptr<Source> source;
    std::map<std::string, ModelShape> shapes;
};

} // namespace

class TstAudienceCases : public QObject {
    Q_OBJECT
    QTemporaryDir m_dir;
    ojson m_fixture;
    CustomerSchema m_schema;
    std::vector<ModelDef> m_models;
    std::map<QString, Warehouse> m_warehouses; // "sqlite", "postgres"

    QString shapeWarehouse(const QString &name, Dialect dialect, std::unique_ptr<Source> source)
    {
        auto shapes = readModelShapes(*source, "warehouse", m_models, m_schema);
        if (!shapes)
            return QString::fromStdString(shapes.error().describe());
        m_warehouses[name] = Warehouse{dialect, std::move(source), std::move(*shapes)};
        return {};
    }

private slots:
    void initTestCase()
    {
        m_fixture = readJson(SLUICE_AUDIENCE_CASES "/fixture.json");
        QVERIFY2(m_fixture.is_object(), "cases/fixture.json is not readable JSON");
        auto schema = customerSchemaFromJson(nlohmann::json::parse(m_fixture["schema"].dump()));
        QVERIFY2(schema, schema ? "" : schema.error().describe().c_str());
        m_schema = *schema;
        for (const auto &[name, sql] : m_fixture["models"].items())
            m_models.push_back(ModelDef{name, "warehouse", sql.get<std::string>(), {}, {}});

        const std::string sqlitePath = m_dir.filePath("warehouse.db").toStdString();
        sqlite3 *db = nullptr;
        QCOMPARE(sqlite3_open(sqlitePath.c_str(), &db), SQLITE_OK);
        char *error = nullptr;
        const int rc = sqlite3_exec(db, fixtureSql(m_fixture["tables"], false).c_str(), nullptr, nullptr, &error);
        const std::string why = error ? error : "";
        sqlite3_free(error);
        sqlite3_close(db);
        QVERIFY2(rc == SQLITE_OK, why.c_str());
        QCOMPARE(shapeWarehouse("sqlite", Dialect::SQLite, std::make_unique<SqliteSource>(SqliteSettings{sqlitePath})),
                 QString());

        QString whyNot;
        auto server = pgServer(&whyNot);
        if (!server)
            QFAIL(qPrintable("PostgreSQL: " + whyNot));
        PgSession pg(*server);
        pg.exec(fixtureSql(m_fixture["tables"], true));
        QCOMPARE(shapeWarehouse("postgres", Dialect::PostgreSQL, std::make_unique<PostgresSource>(pgSettings(*server))),
                 QString());
    }

    void cases_data()
    {
        QTest::addColumn<QString>("warehouse");
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("index");
        const QStringList files = QDir(SLUICE_AUDIENCE_CASES).entryList({"*.json"}, QDir::Files, QDir::Name);
        int total = 0;
        for (const QString &warehouse : {QStringLiteral("sqlite"), QStringLiteral("postgres")})
            for (const QString &file : files) {
                if (file == "fixture.json")
                    continue;
                const ojson cases = readJson(QString(SLUICE_AUDIENCE_CASES) + "/" + file);
                QVERIFY2(cases.is_array(), qPrintable(file + " is not a JSON list of cases"));
                for (std::size_t i = 0; i < cases.size(); ++i, ++total)
                    QTest::newRow(qPrintable(warehouse + ": " + file + ": "
                                             + QString::fromStdString(cases[i].value("name", "?"))))
                        << warehouse << file << int(i);
            }
        QVERIFY2(total >= 80, qPrintable(QString::number(total))); // the cases were all found
    }

    void cases()
    {
        QFETCH(QString, warehouse);
        QFETCH(QString, file);
        QFETCH(int, index);
        const ojson c = readJson(QString(SLUICE_AUDIENCE_CASES) + "/" + file)[std::size_t(index)];
        Warehouse &w = m_warehouses.at(warehouse);

        // Parse every audience; the first failure is the case's error.
        std::optional<Error> error;
        std::map<std::string, AudienceDef> audiences;
        AudienceDef audience;
        for (const auto &other : c.value("audiences", ojson::array())) {
            auto parsed = audienceFromJson(nlohmann::json::parse(other.dump()));
            QVERIFY2(parsed, parsed ? "" : parsed.error().describe().c_str());
            audiences[parsed->name] = *parsed;
        }
        nlohmann::json main = nlohmann::json::parse(c["audience"].dump());
        main["name"] = "case";
        auto parsed = audienceFromJson(main);
        if (parsed) {
            audience = *parsed;
            audiences["case"] = audience;
            // The canonical form reads back to the same audience.
            auto again = audienceFromJson(audienceToJson(audience));
            QVERIFY(again && *again == audience);
        } else
            error = parsed.error();

        std::optional<CompiledAudience> compiled;
        if (!error) {
            auto zone = mapping::TimeZone::find(c.value("timeZone", m_fixture["timeZone"].get<std::string>()));
            QVERIFY(zone);
            CompileContext context{
                &m_schema,
                &w.shapes,
                &audiences,
                w.dialect,
                std::chrono::floor<std::chrono::seconds>(*parseIsoUtc(m_fixture["now"].get<std::string>())),
                *zone};
            auto result = compileAudience(audience, context);
            if (result)
                compiled = *result;
            else
                error = result.error();
        }

        if (c.contains("error")) {
            QVERIFY2(error, "compiled, but the case expects an error");
            QCOMPARE(QString::fromStdString(error->where), QString::fromStdString(c["error"]["where"]));
            QCOMPARE(QString::fromStdString(error->message), QString::fromStdString(c["error"]["message"]));
            return;
        }
        QVERIFY2(!error, error ? error->describe().c_str() : "");
        auto members = previewMembers(*w.source, *compiled, 1000);
        QVERIFY2(members, members ? "" : (members.error().describe() + "\n" + compiled->membersSql).c_str());
        std::vector<std::int64_t> ids;
        for (const Row &row : members->rows)
            ids.push_back(row[0].type() == ValueType::Integer ? row[0].asInteger() : -1);
        QCOMPARE(QString::fromStdString(nlohmann::json(ids).dump()), QString::fromStdString(c["members"].dump()));

        auto size = measureAudience(*w.source, *compiled, audience.root.match);
        QVERIFY2(size, size ? "" : (size.error().describe() + "\n" + compiled->funnelSql).c_str());
        QCOMPARE(size->members, std::int64_t(ids.size()));
        QCOMPARE(size->customers, std::int64_t(m_fixture["tables"]["aud_customers"]["rows"].size()));
        if (c.contains("funnel")) {
            std::vector<std::int64_t> funnel{size->customers};
            funnel.insert(funnel.end(), size->funnel.begin(), size->funnel.end());
            QCOMPARE(QString::fromStdString(nlohmann::json(funnel).dump()), QString::fromStdString(c["funnel"].dump()));
        }
    }

    // A value with quotes and a statement in it was text: the table is whole.
    void cleanupTestCase()
    {
        for (auto &[name, w] : m_warehouses) {
            auto cursor = w.source->query(QuerySpec{"SELECT COUNT(*) FROM aud_customers", std::nullopt, {}, false, {}});
            QVERIFY2(cursor, qPrintable(name));
            Row row;
            QVERIFY((*cursor)->next(row).value_or(false));
            QCOMPARE(row[0].toString(), std::string("6"));
        }
    }
};

QTEST_GUILESS_MAIN(TstAudienceCases)
#include "tst_audience_cases.moc"
