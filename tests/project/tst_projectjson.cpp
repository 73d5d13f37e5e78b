// The shareable export format: canonical bytes, round trips, and an error
// naming the JSON path (or line and column) for every kind of bad input.

#include "project/projectjson.h"
#include "project/syncsettings.h"

#include <QTest>

using namespace sluice;
using nlohmann::json;

namespace {

ProjectConfig sample()
{
    ProjectConfig c;
    c.name = "Demo 演示";
    c.sources.push_back(SourceDef{"wh", "sqlite", {{"path", "wh.sqlite"}}});
    c.sources.push_back(SourceDef{"crm", "csv", {{"path", "crm.csv"}, {"delimiter", ";"}}});
    c.models.push_back(ModelDef{"users", "wh", "-- every user\nSELECT *\nFROM users", {"user_id"}, "All users"});
    c.models.push_back(ModelDef{"contacts", "crm", "", {"id"}, ""});
    c.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
    c.syncs.push_back(SyncDef{"s", "users", "file", "mirror", json::array(), json::object()});
    return c;
}

json exported()
{
    return json::parse(exportText(sample()));
}

} // namespace

class TstProjectJson : public QObject {
    Q_OBJECT
private slots:
    void canonicalText()
    {
        const std::string text = exportText(sample());
        // Sorted keys, two-space indent, trailing newline, SQL as lines,
        // arrays sorted by name.
        QVERIFY(text.starts_with("{\n  \"destinations\": [\n    {\n      \"kind\": \"jsonl\","));
        QVERIFY(text.ends_with("}\n"));
        QVERIFY(text.find("\"formatVersion\": 1,") != std::string::npos);
        QVERIFY(
            text.find("\"sql\": [\n        \"-- every user\",\n        \"SELECT *\",\n        \"FROM users\"\n      ]")
            != std::string::npos);
        QVERIFY(text.find("\"name\": \"contacts\"") < text.find("\"name\": \"users\""));
        QVERIFY(text.find("Demo 演示") != std::string::npos); // UTF-8 kept readable, not \u-escaped
    }

    void roundTripIsByteIdentical()
    {
        const std::string first = exportText(sample());
        auto parsed = parseProjectText(first, "a.json");
        QVERIFY2(parsed, parsed ? "" : parsed.error().describe().c_str());
        QCOMPARE(exportText(*parsed), first);
        // Input order does not matter.
        ProjectConfig shuffled = sample();
        std::swap(shuffled.sources[0], shuffled.sources[1]);
        std::swap(shuffled.models[0], shuffled.models[1]);
        QCOMPARE(exportText(shuffled), first);
    }

    void acceptsSqlAsOneString()
    {
        json doc = exported();
        doc["models"][1]["sql"] = "SELECT 1\nFROM t";
        auto parsed = parseProjectText(doc.dump(), "a.json");
        QVERIFY(parsed);
        auto it = std::find_if(parsed->models.begin(), parsed->models.end(), [](auto &m) { return m.name == "users"; });
        QCOMPARE(it->sql, std::string("SELECT 1\nFROM t"));
    }

    void malformedJsonNamesLineAndColumn()
    {
        auto r = parseProjectText("{\n  \"formatVersion\": 1\n  \"name\": \"x\"\n}\n", "broken.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.malformed_json"));
        QCOMPARE(r.error().kind, ErrorKind::InvalidInput);
        QCOMPARE(r.error().where, std::string("broken.json"));
        QVERIFY2(r.error().message.find("line 3, column 8") != std::string::npos, r.error().message.c_str());
    }

    void schemaViolations_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("path");
        QTest::newRow("missing models") << "remove:/models"
                                        << "$";
        QTest::newRow("key not array") << "set:/models/1/primaryKey:\"user_id\""
                                       << "$.models[1].primaryKey";
        QTest::newRow("empty key") << "set:/models/1/primaryKey:[]"
                                   << "$.models[1].primaryKey";
        QTest::newRow("unknown top-level") << "set:/extra:1"
                                           << "$";
        QTest::newRow("bad mode") << "set:/syncs/0/mode:\"sideways\""
                                  << "$.syncs[0].mode";
        QTest::newRow("unknown kind") << "set:/sources/1/kind:\"oracle\""
                                      << "$.sources[1].kind";
        QTest::newRow("name type") << "set:/sources/0/name:5"
                                   << "$.sources[0].name";
        QTest::newRow("setting object") << "set:/sources/1/settings/path:{}"
                                        << "$.sources[1].settings.path";
        QTest::newRow("format version") << "set:/formatVersion:\"1\""
                                        << "$.formatVersion";
    }

    void schemaViolations()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, path);
        json doc = exported();
        const QStringList parts = mutation.split(':');
        const json::json_pointer ptr(parts[1].toStdString());
        if (parts[0] == "remove")
            doc[ptr.parent_pointer()].erase(ptr.back());
        else
            doc[ptr] = json::parse(parts.mid(2).join(':').toStdString());
        auto r = parseProjectText(doc.dump(2), "bad.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.schema"));
        QCOMPARE(QString::fromStdString(r.error().where), "bad.json: " + path);
        QVERIFY(!r.error().message.empty());
    }

    void semanticErrors_data()
    {
        QTest::addColumn<QString>("mutation");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("where");
        QTest::newRow("unknown source") << "/models/1/source:\"nope\""
                                        << "config.unknown_source"
                                        << "$.models[1].source";
        QTest::newRow("unknown model") << "/syncs/0/model:\"nope\""
                                       << "config.unknown_model"
                                       << "$.syncs[0].model";
        QTest::newRow("unknown destination") << "/syncs/0/destination:\"nope\""
                                             << "config.unknown_destination"
                                             << "$.syncs[0].destination";
        QTest::newRow("duplicate model") << "/models/0/name:\"users\""
                                         << "config.duplicate_name"
                                         << "$.models[1].name";
        QTest::newRow("plain password") << "/sources/"
                                           "2:{\"name\":\"pg\",\"kind\":\"postgres\",\"settings\":{\"database\":\"d\","
                                           "\"user\":\"u\",\"password\":\"hunter2\"}}"
                                        << "settings.plain_secret"
                                        << "$.sources[2].settings.password";
        QTest::newRow("unknown setting") << "/sources/1/settings/file:\"x\""
                                         << "settings.unknown"
                                         << "$.sources[1].settings.file";
        QTest::newRow("empty sql") << "/models/1/sql:[\"  \"]"
                                   << "config.empty_sql"
                                   << "$.models[1].sql";
        QTest::newRow("plain header secret")
            << "/destinations/0:{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:9/"
               "\",\"headers\":{\"Authorization\":\"Bearer abc\"}}}"
            << "settings.plain_secret"
            << "$.destinations[0].settings.headers.Authorization";
        QTest::newRow("unknown destination kind") << "/destinations/0/kind:\"fax\""
                                                  << "config.unknown_kind"
                                                  << "$.destinations[0].kind";
        // Plain secrets under any header name that looks like one, in values
        // shaped like one, and in URLs (issue 13).
        QTest::newRow("custom auth header")
            << "/destinations/0:{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:9/"
               "\",\"headers\":{\"X-Auth-Key\":\"k3y-abc\"}}}"
            << "settings.plain_secret"
            << "$.destinations[0].settings.headers.X-Auth-Key";
        QTest::newRow("secret-shaped header value")
            << "/destinations/0:{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\"http://127.0.0.1:9/"
               "\",\"headers\":{\"X-Custom\":\"sk_live_4eC39HqLyjWDarjtT1zdp7dc\"}}}"
            << "settings.plain_secret"
            << "$.destinations[0].settings.headers.X-Custom";
        QTest::newRow("token in the URL")
            << "/destinations/0:{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\"https://"
               "hooks.example.com/x?team=7&token=abc123def\"}}"
            << "settings.plain_secret"
            << "$.destinations[0].settings.url";
        QTest::newRow("password in the URL")
            << "/destinations/0:{\"name\":\"hook\",\"kind\":\"webhook\",\"settings\":{\"url\":\"https://"
               "bob:hunter2@hooks.example.com/x\"}}"
            << "settings.plain_secret"
            << "$.destinations[0].settings.url";
        // Sync settings are typed and every key is known (issue 13).
        QTest::newRow("setting of the wrong type") << "/syncs/0/settings:{\"batchSize\":\"abc\"}"
                                                   << "settings.type"
                                                   << "$.syncs[0].settings.batchSize";
        QTest::newRow("setting out of range") << "/syncs/0/settings:{\"concurrency\":0}"
                                              << "settings.type"
                                              << "$.syncs[0].settings.concurrency";
        QTest::newRow("misspelt setting") << "/syncs/0/settings:{\"batchSiz\":10}"
                                          << "settings.unknown"
                                          << "$.syncs[0].settings.batchSiz";
        QTest::newRow("schedule not an object") << "/syncs/0/settings:{\"schedule\":\"hourly\"}"
                                                << "settings.type"
                                                << "$.syncs[0].settings.schedule";
    }

    // References in the same places are what a project should hold.
    void secretReferencesAreAccepted()
    {
        ProjectConfig c = sample();
        c.destinations.push_back(DestinationDef{"hook",
                                                "webhook",
                                                {{"url", "https://hooks.example.com/x?team=7&token=${env:HOOK_TOKEN}"},
                                                 {"headers",
                                                  {{"X-Auth-Key", "${env:HOOK_KEY}"},
                                                   {"Authorization", "Bearer ${keychain:hook}"},
                                                   {"X-Request-Source", "sluice"}}}}});
        auto r = parseProjectText(exportText(c), "ok.json");
        QVERIFY2(r, r ? "" : r.error().describe().c_str());
    }

    void syncSettingsErrorsSayWhatIsExpected()
    {
        auto parse = [](const char *settings) {
            auto r = parseSyncSettings(json::parse(settings), "$.syncs[0].settings");
            return r ? std::string("ok") : r.error().describe();
        };
        QCOMPARE(parse(R"({"batchSize": "abc"})"),
                 std::string("$.syncs[0].settings.batchSize: must be a whole number from 1 to 100000 (got \"abc\")"));
        QCOMPARE(parse(R"({"batchSize": 2.5})"),
                 std::string("$.syncs[0].settings.batchSize: must be a whole number from 1 to 100000 (got 2.5)"));
        QCOMPARE(parse(R"({"batchSiz": 10})"),
                 std::string("$.syncs[0].settings.batchSiz: is not a sync setting (did you mean batchSize?)"));
        QCOMPARE(parse(R"({"zzz": 1})"), std::string("$.syncs[0].settings.zzz: is not a sync setting (see "
                                                     "docs/project-format.md#sync-settings)"));
        QCOMPARE(parse(R"({"backfill": "yes"})"),
                 std::string("$.syncs[0].settings.backfill: must be true or false (got \"yes\")"));
        QCOMPARE(parse(R"({"changeDetection": "timestamp"})"),
                 std::string("$.syncs[0].settings.timestampColumn: timestamp change detection needs "
                             "settings.timestampColumn"));
        QCOMPARE(parse(R"({"mirrorGuardPercent": null, "maxAttempts": 3, "protected": true})"), std::string("ok"));
        auto typed = parseSyncSettings(json{{"maxAttempts", 3}, {"requestsPerSecond", 2.5}}, "s");
        QVERIFY(typed);
        QCOMPARE(typed->maxAttempts, 3);
        QCOMPARE(*typed->requestsPerSecond, 2.5);
        QVERIFY(!typed->batchSize);
        QCOMPARE(typed->mirrorGuardPercent, 20.0);
    }

    // Hostile numbers and nesting are errors, never a crash (issue 13).
    void hostileJsonIsAnError()
    {
        std::string text = exportText(sample());
        const auto at = text.find("\"formatVersion\": 1");
        QVERIFY(at != std::string::npos);
        std::string huge = text;
        huge.replace(at, 18, "\"formatVersion\": 1e400");
        auto r = parseProjectText(huge, "huge.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.malformed_json"));
        QVERIFY2(r.error().message.find("1e400") != std::string::npos, r.error().message.c_str());
        std::string fraction = text;
        fraction.replace(at, 18, "\"formatVersion\": 1.5");
        r = parseProjectText(fraction, "fraction.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.newer_format"));

        for (const int depth : {100000, 5000, 65}) {
            std::string deep = text;
            const auto settings = deep.find("\"settings\": {}");
            QVERIFY(settings != std::string::npos);
            deep.replace(settings, 14,
                         "\"settings\": {\"x\": " + std::string(std::size_t(depth), '[')
                             + std::string(std::size_t(depth), ']') + "}");
            r = parseProjectText(deep, "deep.json");
            QVERIFY(!r);
            QCOMPARE(r.error().code, std::string("import.malformed_json"));
            QVERIFY2(r.error().message.starts_with("malformed JSON: nested more than 64 levels deep at line "),
                     r.error().message.c_str());
        }
    }

    void semanticErrors()
    {
        QFETCH(QString, mutation);
        QFETCH(QString, code);
        QFETCH(QString, where);
        json doc = exported();
        const int colon = mutation.indexOf(':');
        doc[json::json_pointer(mutation.left(colon).toStdString())]
            = json::parse(mutation.mid(colon + 1).toStdString());
        auto r = parseProjectText(doc.dump(2), "bad.json");
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().code), code);
        QCOMPARE(QString::fromStdString(r.error().where), "bad.json: " + where);
    }

    void newerFormatVersion()
    {
        json doc = exported();
        doc["formatVersion"] = 2;
        auto r = parseProjectText(doc.dump(), "future.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.newer_format"));
        QCOMPARE(r.error().describe(), std::string("future.json: $.formatVersion: written by a newer Sluice (format "
                                                   "version 2; this build reads up to 1)"));
    }

    void notAnObject()
    {
        auto r = parseProjectText("[1, 2]", "list.json");
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("import.schema"));
        QCOMPARE(r.error().where, std::string("list.json: $"));
    }

    void syncFromRevisionRoundTrip()
    {
        // What the configuration history stores: toJson(SyncDef), compact.
        SyncDef s{
            "orders",
            "users",
            "file",
            "insert",
            json::array({json{{"field", "e"}, {"column", "email"}, {"rules", json::array({json{{"type", "email"}}})}}}),
            json{{"batchSize", 50},
                 {"protected", true},
                 {"schedule", json{{"type", "cron"}, {"expression", "0 * * * *"}}}}};
        auto back = syncFromRevision(toJson(s).dump());
        QVERIFY2(back, back ? "" : back.error().describe().c_str());
        QVERIFY(*back == s);
        // Missing mapping and settings default as an import's do.
        auto bare = syncFromRevision(R"({"name":"a","model":"m","destination":"d","mode":"upsert"})");
        QVERIFY(bare);
        QVERIFY(bare->mapping.is_array() && bare->mapping.empty());
        QVERIFY(bare->settings.is_object() && bare->settings.empty());
    }

    void syncFromRevisionErrors_data()
    {
        QTest::addColumn<QString>("document");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("where");
        QTest::newRow("malformed") << R"({"name": )"
                                   << "revision.malformed_json"
                                   << "revision";
        QTest::newRow("not an object") << "[1]"
                                       << "revision.invalid"
                                       << "revision: $";
        QTest::newRow("bad mode") << R"({"name":"a","model":"m","destination":"d","mode":"merge"})"
                                  << "revision.invalid"
                                  << "revision: $.mode";
        QTest::newRow("settings not an object")
            << R"({"name":"a","model":"m","destination":"d","mode":"upsert","settings":[]})"
            << "revision.invalid"
            << "revision: $.settings";
        QTest::newRow("unknown key") << R"({"name":"a","model":"m","destination":"d","mode":"upsert","x":1})"
                                     << "revision.invalid"
                                     << "revision: $";
    }

    void syncFromRevisionErrors()
    {
        QFETCH(QString, document);
        QFETCH(QString, code);
        QFETCH(QString, where);
        auto r = syncFromRevision(document.toStdString());
        QVERIFY(!r);
        QCOMPARE(QString::fromStdString(r.error().code), code);
        QCOMPARE(QString::fromStdString(r.error().where), where);
    }
};

QTEST_GUILESS_MAIN(TstProjectJson)
#include "tst_projectjson.moc"
