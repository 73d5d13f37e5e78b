// Core building blocks: values, secret references, settings validation and
// the SQL wrapping that pushes LIMIT / ORDER BY down to sources.

#include "core/envref.h"
#include "core/settingsspec.h"
#include "core/value.h"
#include "sources/source.h"
#include "sources/sourcekinds.h"

#include <QTest>

using namespace sluice;
using nlohmann::json;

class TstValues : public QObject {
    Q_OBJECT
private slots:
    void valueText()
    {
        QCOMPARE(Value().toString(), std::string());
        QVERIFY(Value().isNull());
        QCOMPARE(Value(std::int64_t(-42)).toString(), std::string("-42"));
        QCOMPARE(Value(0.1).toString(), std::string("0.1"));
        QCOMPARE(Value(1520.0).toString(), std::string("1520"));
        QCOMPARE(Value(true).toString(), std::string("true"));
        QCOMPARE(Value("张伟").toString(), std::string("张伟"));
        QCOMPARE(Value(std::int64_t(1)).type(), ValueType::Integer);
        QCOMPARE(valueTypeName(ValueType::Real), std::string_view("real"));
    }

    void secretReferences()
    {
        QVERIFY(isSecretReference("${env:PGPASSWORD}"));
        QVERIFY(isSecretReference("${keychain:sluice/warehouse}"));
        QVERIFY(!isSecretReference("hunter2"));
        QVERIFY(!isSecretReference("x${env:A}"));
        qputenv("SLUICE_TST_SECRET", "s3cr3t");
        auto r = resolveReferences("pw=${env:SLUICE_TST_SECRET};", "f", SecretAccess::Allowed);
        QVERIFY(r);
        QCOMPARE(*r, std::string("pw=s3cr3t;"));
        qunsetenv("SLUICE_TST_MISSING");
        auto missing = resolveReferences("${env:SLUICE_TST_MISSING}", "sources.pg.password", SecretAccess::Allowed);
        QVERIFY(!missing);
        QCOMPARE(missing.error().code, std::string("secret.env_missing"));
        QCOMPARE(missing.error().describe(),
                 std::string("sources.pg.password: environment variable SLUICE_TST_MISSING is not set"));
        // Headless: no keychain installed.
        auto kc = resolveReferences("${keychain:x}", "f", SecretAccess::Allowed);
        QVERIFY(!kc);
        QCOMPARE(kc.error().code, std::string("secret.no_keychain"));
        setKeychainLookup([](const std::string &key) -> Result<std::string> { return "kc-" + key; });
        auto kc2 = resolveReferences("${keychain:abc}", "f", SecretAccess::Allowed);
        QVERIFY(kc2);
        QCOMPARE(*kc2, std::string("kc-abc"));
        // An untrusted project's references are not read at all (issue 19).
        auto denied = resolveReferences("pw=${env:SLUICE_TST_SECRET}", "f", SecretAccess::Denied);
        QVERIFY(!denied);
        QCOMPARE(denied.error().code, std::string("secret.untrusted"));
        QVERIFY(denied.error().message.find("s3cr3t") == std::string::npos);
        QCOMPARE(*resolveReferences("no reference", "f", SecretAccess::Denied), std::string("no reference"));
        setKeychainLookup({});
    }

    void settingsValidation()
    {
        const KindSpec *pg = findSourceKind("postgres");
        QVERIFY(pg);
        QVERIFY(validateSettings(*pg, json{{"database", "w"}, {"user", "u"}}, "$"));
        auto plain = validateSettings(*pg, json{{"database", "w"}, {"user", "u"}, {"password", "hunter2"}}, "$.s");
        QVERIFY(!plain);
        QCOMPARE(plain.error().code, std::string("settings.plain_secret"));
        QCOMPARE(plain.error().where, std::string("$.s.password"));
        auto unknown = validateSettings(*pg, json{{"database", "w"}, {"user", "u"}, {"pasword", "x"}}, "$");
        QCOMPARE(unknown.error().code, std::string("settings.unknown"));
        auto required = validateSettings(*pg, json{{"user", "u"}}, "$");
        QCOMPARE(required.error().code, std::string("settings.required"));
        QVERIFY(required.error().message.find("database") != std::string::npos);
        auto type = validateSettings(*pg, json{{"database", "w"}, {"user", "u"}, {"port", "abc"}}, "$");
        QCOMPARE(type.error().code, std::string("settings.type"));
        QCOMPARE(type.error().where, std::string("$.port"));
        auto choice = validateSettings(*pg, json{{"database", "w"}, {"user", "u"}, {"sslmode", "maybe"}}, "$");
        QCOMPARE(choice.error().code, std::string("settings.choice"));
        const KindSpec *csv = findSourceKind("csv");
        auto delim = validateSettings(*csv, json{{"path", "a.csv"}, {"delimiter", ";;"}}, "$");
        QCOMPARE(delim.error().code, std::string("settings.character"));
        QVERIFY(validateSettings(*csv, json{{"path", "a.csv"}, {"delimiter", "\\t"}}, "$"));
        const json filled = withDefaults(*pg, json{{"database", "w"}});
        QCOMPARE(filled["port"].get<int>(), 5432);
        QCOMPARE(filled["host"].get<std::string>(), std::string("127.0.0.1"));
    }

    void wrapSql()
    {
        QuerySpec plain;
        QCOMPARE(wrapModelSql("SELECT 1;  \n", plain), std::string("SELECT 1"));
        QuerySpec limited;
        limited.limit = 10;
        QCOMPARE(wrapModelSql("SELECT * FROM t -- note", limited),
                 std::string("SELECT * FROM (\nSELECT * FROM t -- note\n) AS sluice_model LIMIT 10"));
        QuerySpec ordered;
        ordered.orderBy = {"id", "we\"ird"};
        QCOMPARE(wrapModelSql("SELECT 1", ordered),
                 std::string("SELECT * FROM (\nSELECT 1\n) AS sluice_model ORDER BY \"id\", \"we\"\"ird\""));
    }

    void unknownSourceKind()
    {
        auto s = makeSource(SourceDef{"x", "oracle", json::object()}, {});
        QVERIFY(!s);
        QCOMPARE(s.error().code, std::string("source.unknown_kind"));
        QCOMPARE(s.error().where, std::string("source 'x'"));
    }
};

QTEST_GUILESS_MAIN(TstValues)
#include "tst_values.moc"
