// sluicectl audience size|preview|sql on the demo warehouse with a customer
// schema and audiences imported from a project file: the sizes against
// hand-written SQL on the warehouse's own tables, the members, the SQL, the
// export round trip, and the one-line errors of bad input.

#include "clitesting.h"

#include <sqlite3.h>

namespace {

// One number from `sql` on a SQLite file, outside sluicectl; -1 on error.
long long count(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    long long n = -1;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW)
            n = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return n;
}

// Runs `sql` on a SQLite file outside sluicectl; false on error.
bool execute(const QString &path, const QString &sql)
{
    sqlite3 *db = nullptr;
    bool ok = sqlite3_open(path.toUtf8().constData(), &db) == SQLITE_OK
           && sqlite3_exec(db, sql.toUtf8().constData(), nullptr, nullptr, nullptr) == SQLITE_OK;
    sqlite3_close(db);
    return ok;
}

// The first column of `sql`'s rows as text, in order.
QStringList column(const QString &path, const QString &sql)
{
    QStringList out;
    sqlite3 *db = nullptr;
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql.toUtf8().constData(), -1, &st, nullptr) == SQLITE_OK)
            while (sqlite3_step(st) == SQLITE_ROW)
                out << QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return out;
}

// The tier as user_360 computes it, written by hand on the base tables.
const QString kSpend = "(SELECT user_id, ROUND(SUM(amount), 2) AS spend FROM orders WHERE status = 'completed' "
                       "GROUP BY user_id)";

QJsonObject condition(const QString &property, const QString &op, const QJsonValue &value)
{
    return QJsonObject{{"property", property}, {"op", op}, {"value", value}};
}

QJsonObject audience(const QString &name, const QJsonArray &conditions, const QString &match = "all")
{
    return QJsonObject{{"name", name}, {"match", match}, {"conditions", conditions}};
}

} // namespace

class TstCliAudience : public CliTestCase {
    Q_OBJECT
    QString m_project;
    QString m_plain;

    QJsonObject withAudiences(const QJsonArray &audiences) const
    {
        QJsonObject p
            = appended(demoExport(), "models", model("orders", "warehouse", "SELECT * FROM orders", {"order_id"}));
        p["customerSchema"] = QJsonObject{{"parent", QJsonObject{{"model", "user_360"}, {"key", "user_id"}}},
                                          {"relations", QJsonArray{QJsonObject{{"name", "orders"},
                                                                               {"model", "orders"},
                                                                               {"fromColumn", "user_id"},
                                                                               {"column", "user_id"},
                                                                               {"cardinality", "oneToMany"},
                                                                               {"timeColumn", "ordered_at"}}}},
                                          {"events", QJsonArray{}},
                                          {"timeZone", "Asia/Shanghai"}};
        p["audiences"] = audiences;
        return p;
    }

    // The demo without its customer schema and audiences, imported once.
    QString withoutAudiences()
    {
        if (m_plain.isEmpty()) {
            QJsonObject p = demoExport();
            p.remove("customerSchema");
            p.remove("audiences");
            m_plain = importNextToDemo("plain.sluice", p);
        }
        return m_plain;
    }

private slots:
    void initTestCase()
    {
        initDemo();
        const QJsonArray audiences{
            audience("shanghai_vip", {condition("user_tier", "equals", "VIP"), condition("city", "equals", "上海")}),
            audience("big_buyers", {QJsonObject{{"relation", "orders"},
                                                {"quantifier", "any"},
                                                {"where", QJsonArray{condition("amount", "greater", 900),
                                                                     condition("status", "equals", "completed")}}}}),
            audience("active_not_shanghai_vip", {condition("status", "equals", "active"),
                                                 QJsonObject{{"audience", "shanghai_vip"}, {"include", false}}}),
        };
        m_project = importNextToDemo("audiences.sluice", withAudiences(audiences));
        QVERIFY(!m_project.isEmpty());
    }

    void sizeMatchesHandWrittenSql()
    {
        const long long vip = count(m_warehouse, "SELECT COUNT(*) FROM " + kSpend + " WHERE spend > 10000");
        const long long shanghaiVip = count(m_warehouse, "SELECT COUNT(*) FROM users u JOIN " + kSpend
                                                             + " s ON s.user_id = u.user_id WHERE spend > 10000 "
                                                               "AND u.city = '上海'");
        QVERIFY(vip > 0 && shanghaiVip > 0 && shanghaiVip < vip);
        const CliResult r = runSluicectl({"audience", "size", m_project, "--audience", "shanghai_vip", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(doc["members"].toInteger(), shanghaiVip);
        QCOMPARE(doc["customers"].toInteger(), 10000);
        QCOMPARE(doc["funnel"].toArray(), (QJsonArray{vip, shanghaiVip}));

        const long long buyers = count(m_warehouse, "SELECT COUNT(DISTINCT user_id) FROM orders WHERE amount > 900 "
                                                    "AND status = 'completed'");
        QVERIFY(buyers > 0);
        const CliResult b = runSluicectl({"audience", "size", m_project, "--audience", "big_buyers"});
        SLUICE_VERIFY_OK(b);
        QVERIFY2(QString::fromUtf8(b.out).startsWith(QString("big_buyers: %1 of 10000 customers (").arg(buyers)),
                 b.out.constData());

        // Exclusion: active users minus the Shanghai VIPs among them.
        const long long active = count(m_warehouse, "SELECT COUNT(*) FROM users WHERE status = 'active'");
        const long long activeShanghaiVip = count(m_warehouse, "SELECT COUNT(*) FROM users u JOIN " + kSpend
                                                                   + " s ON s.user_id = u.user_id WHERE spend > 10000 "
                                                                     "AND u.city = '上海' AND u.status = 'active'");
        const CliResult x
            = runSluicectl({"audience", "size", m_project, "--audience", "active_not_shanghai_vip", "--json"});
        SLUICE_VERIFY_OK(x);
        SLUICE_PARSE_JSON(excluded, x.out);
        QCOMPARE(excluded["members"].toInteger(), active - activeShanghaiVip);
    }

    void previewShowsMembersOnly()
    {
        const CliResult r
            = runSluicectl({"audience", "preview", m_project, "--audience", "shanghai_vip", "--limit", "5", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        const QStringList columns = stringList(doc["columns"].toArray());
        const int city = int(columns.indexOf("city"));
        const int tier = int(columns.indexOf("user_tier"));
        QVERIFY(city >= 0 && tier >= 0);
        QCOMPARE(doc["rowCount"].toInt(), 5);
        QCOMPARE(doc["more"].toBool(), true);
        long long previous = 0;
        for (const QJsonValue &row : doc["rows"].toArray()) {
            QCOMPARE(row[city].toString(), QString("上海"));
            QCOMPARE(row[tier].toString(), QString("VIP"));
            QVERIFY(row[0].toInteger() > previous); // in key order
            previous = row[0].toInteger();
        }
    }

    void sqlIsShownPerDialect()
    {
        const CliResult r = runSluicectl({"audience", "sql", m_project, "--audience", "shanghai_vip"});
        SLUICE_VERIFY_OK(r);
        const QString text = QString::fromUtf8(r.out);
        QVERIFY2(text.startsWith("-- shanghai_vip (SQLite)\nSELECT p.* FROM (\n"), qPrintable(text));
        QVERIFY(text.contains("(p.\"city\" = '上海')"));
        QVERIFY(text.endsWith("ORDER BY p.\"user_id\";\n"));
        const CliResult pg = runSluicectl(
            {"audience", "sql", m_project, "--audience", "big_buyers", "--dialect", "postgres", "--json"});
        SLUICE_VERIFY_OK(pg);
        SLUICE_PARSE_JSON(doc, pg.out);
        QCOMPARE(doc["dialect"].toString(), QString("PostgreSQL"));
        QVERIFY(doc["membersSql"].toString().contains("EXISTS (SELECT 1 FROM (\nSELECT * FROM orders\n) AS a1 WHERE "
                                                      "a1.\"user_id\" = p.\"user_id\""));
        QVERIFY(doc["funnelSql"].toString().startsWith(
            "SELECT COUNT(*),\n  COALESCE(SUM(CASE WHEN f.sluice_reach >= 1 THEN 1 ELSE 0 END), 0)"));
    }

    void exportKeepsTheAudiencesInOrder()
    {
        const CliResult e = runSluicectl({"export", m_project, "-"});
        SLUICE_VERIFY_OK(e);
        SLUICE_PARSE_JSON(doc, e.out);
        QCOMPARE(names(doc["audiences"].toArray()),
                 (QStringList{"active_not_shanghai_vip", "big_buyers", "shanghai_vip"}));
        QCOMPARE(doc["customerSchema"].toObject()["timeZone"].toString(), QString("Asia/Shanghai"));
        // Importing the export and exporting again gives the same bytes.
        const QString again = importNextToDemo("again.sluice", doc);
        QVERIFY(!again.isEmpty());
        const CliResult e2 = runSluicectl({"export", again, "-"});
        SLUICE_VERIFY_OK(e2);
        QCOMPARE(e2.out, e.out);
        // A project without audiences exports without the keys.
        const CliResult plain = runSluicectl({"export", withoutAudiences(), "-"});
        SLUICE_VERIFY_OK(plain);
        QVERIFY(!plain.out.contains("customerSchema"));
        QVERIFY(!plain.out.contains("\"audiences\""));
    }

    // The demo comes with a customer schema and two audiences to start from.
    void theDemoHasAudiences()
    {
        const long long vipInChina = count(m_warehouse, "SELECT COUNT(*) FROM users u JOIN " + kSpend
                                                            + " s ON s.user_id = u.user_id WHERE spend > 10000 "
                                                              "AND u.country = 'CN'");
        QVERIFY(vipInChina > 0);
        const CliResult r = runSluicectl({"audience", "size", m_demo, "--audience", "vip_in_china", "--json"});
        SLUICE_VERIFY_OK(r);
        SLUICE_PARSE_JSON(doc, r.out);
        QCOMPARE(doc["members"].toInteger(), vipInChina);
        const CliResult away = runSluicectl({"audience", "size", m_demo, "--audience", "paying_but_away"});
        SLUICE_VERIFY_OK(away);
        QVERIFY2(away.out.startsWith("paying_but_away: ") && away.out.contains(" of 10000 customers ("),
                 away.out.constData());
        QCOMPARE(away.out.count("condition "), 3); // the funnel, one line per condition
    }

    void badInputIsOneLine()
    {
        SLUICE_VERIFY_ERROR(runSluicectl({"audience", "size", m_project, "--audience", "nope"}), 2,
                            "error: " + m_project
                                + ": no audience named 'nope' (the project has: active_not_shanghai_vip, big_buyers, "
                                  "shanghai_vip)");
        const QString plain = withoutAudiences();
        SLUICE_VERIFY_ERROR(runSluicectl({"audience", "size", plain, "--audience", "x"}), 2,
                            "error: " + plain
                                + ": the project has no customer schema, so no audiences (docs/audiences.md)");
        SLUICE_VERIFY_ERROR(runSluicectl({"audience", "count", m_project, "--audience", "x"}), 2,
                            "error: the action is size, preview or sql, not 'count' (usage: sluicectl audience "
                            "size|preview|sql PROJECT --audience NAME [--limit N] [--dialect D] [--json])");
        SLUICE_VERIFY_ERROR(
            runSluicectl({"audience", "sql", m_project, "--audience", "big_buyers", "--dialect", "oracle"}), 2,
            "error: --dialect is sqlite, postgres or snowflake, not 'oracle' (usage: sluicectl audience "
            "size|preview|sql PROJECT --audience NAME [--limit N] [--dialect D] [--json])");

        // A typo in an imported audience names its JSON path, and nothing is created.
        const QString file = m_demoDir.filePath("typo.json");
        writeFile(file, jsonText(withAudiences({audience("a", {condition("city", "eqals", "x")})})));
        const QStringList before = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR_START(runSluicectl({"import", file, m_demoDir.filePath("typo.sluice")}), 2,
                                  "error: " + file + ": $.audiences[0].conditions[0].op: unknown operator 'eqals'");
        QCOMPARE(folderState(m_demoDir.path()), before);

        // A customer schema naming a model the project lacks.
        QJsonObject p = withAudiences({});
        QJsonObject schema = p["customerSchema"].toObject();
        schema["parent"] = QJsonObject{{"model", "customers"}, {"key", "id"}};
        p["customerSchema"] = schema;
        writeFile(file, jsonText(p));
        const QStringList before2 = folderState(m_demoDir.path());
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, m_demoDir.filePath("typo.sluice")}), 2,
                            "error: " + file + ": $.customerSchema.parent.model: no model named 'customers'");
        QCOMPARE(folderState(m_demoDir.path()), before2);
    }

    // An audience is a model: a mirror sync of it sends who joined and
    // deletes who left, and nothing else, as the customers' data changes.
    void anAudienceIsAModelItsDiffIsJoinAndLeave()
    {
        const QString table = m_demoDir.filePath("vips.sqlite");
        QJsonObject p = withAudiences(
            {audience("shanghai_vip", {condition("user_tier", "equals", "VIP"), condition("city", "equals", "上海")})});
        p = appended(p, "destinations",
                     QJsonObject{{"name", "vip_table"},
                                 {"kind", "sqlite_table"},
                                 {"settings", QJsonObject{{"path", table}, {"table", "vips"}, {"createTable", true}}}});
        p = appended(
            p, "syncs",
            QJsonObject{{"name", "vips"}, {"model", "shanghai_vip"}, {"destination", "vip_table"}, {"mode", "mirror"}});
        const QString project = importNextToDemo("audience_sync.sluice", p);
        QVERIFY(!project.isEmpty());

        // The members by hand: VIP (spend over 10000) and in Shanghai.
        const QString members = "SELECT u.user_id FROM users u JOIN " + kSpend
                              + " s ON s.user_id = u.user_id WHERE spend > 10000 AND u.city = '%1' ORDER BY "
                                "u.user_id";
        const QStringList first = column(m_warehouse, members.arg("上海"));
        QVERIFY(first.size() > 5);
        const CliResult r1 = runSluicectl({"run", project, "--sync", "vips", "--json"});
        SLUICE_VERIFY_OK(r1);
        SLUICE_PARSE_JSON(run1, r1.out);
        QCOMPARE(run1["planned"]["added"].toInteger(), first.size());
        QCOMPARE(run1["delivered"].toInteger(), first.size());
        QCOMPARE(column(table, "SELECT user_id FROM vips ORDER BY user_id"), first);

        // Two members move to Beijing (they leave), three Beijing VIPs move
        // to Shanghai (they join); every other customer stays as they were.
        const QStringList beijing = column(m_warehouse, members.arg("北京"));
        QVERIFY(beijing.size() >= 3);
        const QStringList leaving{first[0], first[1]};
        const QStringList joining{beijing[0], beijing[1], beijing[2]};
        auto moveTo = [&](const QString &city, const QStringList &ids) {
            return execute(m_warehouse,
                           "UPDATE users SET city = '" + city + "' WHERE user_id IN (" + ids.join(',') + ")");
        };
        QVERIFY(moveTo("北京", leaving));
        QVERIFY(moveTo("上海", joining));
        const CliResult r2 = runSluicectl({"run", project, "--sync", "vips", "--json"});
        QVERIFY(moveTo("上海", leaving)); // the warehouse as the other tests know it
        QVERIFY(moveTo("北京", joining));
        SLUICE_VERIFY_OK(r2);
        SLUICE_PARSE_JSON(run2, r2.out);
        QCOMPARE(run2["planned"]["added"].toInteger(), 3);
        QCOMPARE(run2["planned"]["removed"].toInteger(), 2);
        QCOMPARE(run2["planned"]["changed"].toInteger(), 0);
        QCOMPARE(run2["planned"]["unchanged"].toInteger(), first.size() - 2);
        QCOMPARE(run2["delivered"].toInteger(), 5);
        QStringList expected = first.mid(2) + joining;
        std::sort(expected.begin(), expected.end(),
                  [](const QString &a, const QString &b) { return a.toLongLong() < b.toLongLong(); });
        QCOMPARE(column(table, "SELECT user_id FROM vips ORDER BY user_id"), expected);

        // The members previewed as a model, and the sync's payloads.
        const CliResult preview
            = runSluicectl({"preview", project, "--model", "shanghai_vip", "--limit", "3", "--json"});
        SLUICE_VERIFY_OK(preview);
        SLUICE_PARSE_JSON(previewed, preview.out);
        QCOMPARE(previewed["primaryKey"].toArray(), QJsonArray{"user_id"});
        QCOMPARE(previewed["rows"].toArray().size(), 3);
        QCOMPARE(QString::number(previewed["rows"].toArray()[0].toArray()[0].toInteger()), first[0]);

        // Names are shared: an audience may not take a model's name.
        const QString file = m_demoDir.filePath("clash.json");
        writeFile(file, jsonText(withAudiences({audience("user_360", {condition("city", "equals", "x")})})));
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, m_demoDir.filePath("clash.sluice")}), 2,
                            "error: " + file + ": $.audiences[0].name: the name 'user_360' is already used by a model");
    }

    // Tags: two audiences published as tags become true/false columns of the
    // tags model, next to the key and the e-mail; a tag sync sends every
    // customer once, then only those whose tags changed.
    void aTagSyncSendsTagChangesOnly()
    {
        const QString table = m_demoDir.filePath("tags.sqlite");
        QJsonObject shanghai
            = audience("shanghai_vip", {condition("user_tier", "equals", "VIP"), condition("city", "equals", "上海")});
        shanghai["tag"] = "tag_shanghai_vip";
        QJsonObject active = audience("active", {condition("status", "equals", "active")});
        active["tag"] = "tag_active";
        QJsonObject p = withAudiences({shanghai, active, audience("untagged", {})});
        QJsonObject schema = p["customerSchema"].toObject();
        schema["tags"] = QJsonObject{{"model", "customer_tags"}, {"columns", QJsonArray{"email"}}};
        p["customerSchema"] = schema;
        p = appended(p, "destinations",
                     QJsonObject{{"name", "tag_table"},
                                 {"kind", "sqlite_table"},
                                 {"settings", QJsonObject{{"path", table}, {"table", "tags"}, {"createTable", true}}}});
        p = appended(
            p, "syncs",
            QJsonObject{
                {"name", "tags"}, {"model", "customer_tags"}, {"destination", "tag_table"}, {"mode", "upsert"}});
        const QString project = importNextToDemo("tags.sluice", p);
        QVERIFY(!project.isEmpty());

        const CliResult r1 = runSluicectl({"run", project, "--sync", "tags", "--json"});
        SLUICE_VERIFY_OK(r1);
        SLUICE_PARSE_JSON(run1, r1.out);
        QCOMPARE(run1["planned"]["added"].toInteger(), 10000);
        QCOMPARE(column(table, "SELECT name FROM pragma_table_info('tags') ORDER BY cid"),
                 (QStringList{"user_id", "email", "tag_active", "tag_shanghai_vip"}));
        const QString members = "SELECT u.user_id FROM users u JOIN " + kSpend
                              + " s ON s.user_id = u.user_id WHERE spend > 10000 AND u.city = '上海' ORDER BY "
                                "u.user_id";
        const QStringList vips = column(m_warehouse, members);
        QVERIFY(vips.size() > 2);
        QCOMPARE(column(table, "SELECT user_id FROM tags WHERE tag_shanghai_vip = 1 ORDER BY user_id"), vips);
        QCOMPARE(count(table, "SELECT COUNT(*) FROM tags WHERE tag_active = 1"),
                 count(m_warehouse, "SELECT COUNT(*) FROM users WHERE status = 'active'"));

        // Two Shanghai VIPs move to Beijing: their tag turns false, and only
        // they are sent, although every customer is read.
        const QString moved = vips[0] + "," + vips[1];
        QVERIFY(execute(m_warehouse, "UPDATE users SET city = '北京' WHERE user_id IN (" + moved + ")"));
        const CliResult r2 = runSluicectl({"run", project, "--sync", "tags", "--json"});
        QVERIFY(execute(m_warehouse, "UPDATE users SET city = '上海' WHERE user_id IN (" + moved + ")"));
        SLUICE_VERIFY_OK(r2);
        SLUICE_PARSE_JSON(run2, r2.out);
        QCOMPARE(run2["queried"].toInteger(), 10000);
        QCOMPARE(run2["planned"]["changed"].toInteger(), 2);
        QCOMPARE(run2["planned"]["added"].toInteger(), 0);
        QCOMPARE(run2["delivered"].toInteger(), 2);
        QCOMPARE(column(table, "SELECT user_id FROM tags WHERE tag_shanghai_vip = 1 ORDER BY user_id"), vips.mid(2));

        // A tag needs the tags model; two audiences may not share a tag.
        const QString file = m_demoDir.filePath("badtag.json");
        QJsonObject noModel = withAudiences({shanghai});
        writeFile(file, jsonText(noModel));
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, m_demoDir.filePath("badtag.sluice")}), 2,
                            "error: " + file
                                + ": $.audiences[0].tag: a tag needs the customer schema's tags model "
                                  "($.customerSchema.tags)");
        QJsonObject twice = p;
        QJsonObject again = active;
        again["name"] = "active_again";
        twice["audiences"] = QJsonArray{shanghai, active, again};
        writeFile(file, jsonText(twice));
        SLUICE_VERIFY_ERROR(runSluicectl({"import", file, m_demoDir.filePath("badtag.sluice")}), 2,
                            "error: " + file
                                + ": $.audiences[2].tag: the tag 'tag_active' is already published by $.audiences[1]");
    }
};

QTEST_GUILESS_MAIN(TstCliAudience)
#include "tst_cli_audience.moc"
