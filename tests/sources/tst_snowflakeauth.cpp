// Snowflake sign-in that renews itself (issue 13): a key-pair JWT signed by
// the user's RSA key, and OAuth access tokens from a refresh token. A token
// that expires in the middle of a long download is renewed and the download
// goes on from the partition it reached: the statement runs once.

#include "fakehttpserver.h"
#include "snowflakefake.h"

#include "project/projectstore.h"
#include "sources/snowflakeauth.h"
#include "sync/syncrunner.h"

#include <QTemporaryDir>
#include <QTest>

#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>

#include <set>

using namespace sluice;
using namespace sluice::fakes;
using nlohmann::json;

namespace {

struct KeyPair {
    std::string privatePem; // PKCS#8
    std::string publicPem;  // SubjectPublicKeyInfo
};

KeyPair makeKeyPair()
{
    EVP_PKEY *key = EVP_RSA_gen(2048);
    auto pem = [](auto write) {
        BIO *bio = BIO_new(BIO_s_mem());
        write(bio);
        char *data = nullptr;
        const long n = BIO_get_mem_data(bio, &data);
        std::string out(data, std::size_t(n));
        BIO_free(bio);
        return out;
    };
    KeyPair k{pem([&](BIO *b) { PEM_write_bio_PKCS8PrivateKey(b, key, nullptr, nullptr, 0, nullptr, nullptr); }),
              pem([&](BIO *b) { PEM_write_bio_PUBKEY(b, key); })};
    EVP_PKEY_free(key);
    return k;
}

class Server {
public:
    explicit Server(SnowflakeFakeOptions options) : fake(std::move(options))
    {
        fake.mount(http.http(), "/snowflake");
        fake.exec("CREATE TABLE PEOPLE (ID NUMBER(38,0) NOT NULL, EMAIL VARCHAR)");
        fake.exec("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40) "
                  "INSERT INTO PEOPLE SELECT i, 'p' || i || '@example.com' FROM n");
        http.start();
    }
    ~Server() { http.stop(); }
    std::string baseUrl() const { return http.url("/snowflake"); }

    FakeHttpServer http;
    SnowflakeFake fake;
};

// A project syncing PEOPLE to a JSON Lines file, signing in with `source` settings.
RunSummary syncOnce(const Server &server, json source, QTemporaryDir &dir)
{
    const std::string project = dir.filePath("p.sluice").toStdString();
    if (!QFileInfo::exists(dir.filePath("p.sluice")))
        ProjectStore::create(project, "sign-in");
    source["baseUrl"] = server.baseUrl();
    ProjectConfig c;
    c.name = "sign-in";
    c.sources.push_back(SourceDef{"sf", "snowflake", source});
    c.models.push_back(ModelDef{"people", "sf", "SELECT ID, EMAIL FROM PEOPLE", {"ID"}, ""});
    c.destinations.push_back(DestinationDef{"file", "jsonl", {{"path", "out.jsonl"}}});
    c.syncs.push_back(SyncDef{"s", "people", "file", "mirror", json::array(), json::object()});
    auto store = ProjectStore::open(project);
    if (auto r = (*store)->save(c); !r)
        qFatal("%s", r.error().describe().c_str());
    CancelToken cancel;
    auto run = runSync(project, "s", RunOptions{}, cancel);
    if (!run)
        qFatal("%s", run.error().describe().c_str());
    return *run;
}

SnowflakeFakeOptions longDownload()
{
    SnowflakeFakeOptions o;
    o.longRows = 10; // the model's read is long: polled, then partitions
    o.pendingPolls = 1;
    o.partitions = 4;
    o.maxPartitionRows = 10;
    o.tokenLifetimeRequests = 4; // probe, submit, two polls: expires before partition 1
    return o;
}

} // namespace

class TstSnowflakeAuth : public QObject {
    Q_OBJECT
private slots:
    void keyPairTokenIsRenewedMidDownload()
    {
        const KeyPair keys = makeKeyPair();
        SnowflakeFakeOptions options = longDownload();
        options.keyPairPublicKeyPem = keys.publicPem;
        options.keyPairAccount = "myorg-acme";
        options.keyPairUser = "sluice_reader";
        Server server(options);
        qputenv("SLUICE_TST_SF_KEY", QByteArray::fromStdString(keys.privatePem));
        QTemporaryDir dir;
        const RunSummary r = syncOnce(server,
                                      {{"authentication", "keyPair"},
                                       {"account", "myorg-acme"},
                                       {"user", "sluice_reader"},
                                       {"privateKey", "${env:SLUICE_TST_SF_KEY}"}},
                                      dir);
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.added.delivered, 40);
        QCOMPARE(server.fake.expiredTokensRefused(), 1);
        // The model was probed and read once each: nothing ran twice.
        QCOMPARE(server.fake.executions(), 2);
        std::set<std::string> tokens;
        for (const auto &request : server.fake.requests()) {
            tokens.insert(request.authorization);
            QCOMPARE(request.tokenType, std::string("KEYPAIR_JWT"));
        }
        QCOMPARE(tokens.size(), std::size_t(2)); // the first JWT, then its renewal
        qunsetenv("SLUICE_TST_SF_KEY");
    }

    void keyPairJwtIsWhatSnowflakeExpects()
    {
        const KeyPair keys = makeKeyPair();
        SnowflakeAuthSettings s;
        s.method = SnowflakeAuthSettings::Method::KeyPair;
        s.account = "xy12345.eu-west-1";
        s.user = "reader";
        s.privateKeyPem = keys.privatePem;
        auto auth = SnowflakeAuth::make(s);
        QVERIFY2(auth, auth ? "" : auth.error().describe().c_str());
        auto token = (*auth)->token();
        QVERIFY(token);
        const auto dot = token->find('.');
        QByteArray payloadText = QByteArray::fromBase64(
            QByteArray::fromStdString(token->substr(dot + 1, token->find('.', dot + 1) - dot - 1)),
            QByteArray::Base64UrlEncoding);
        const json payload = json::parse(payloadText.toStdString());
        auto fingerprint = SnowflakeAuth::publicKeyFingerprint(keys.privatePem, "");
        QVERIFY(fingerprint && fingerprint->starts_with("SHA256:"));
        QCOMPARE(payload["iss"].get<std::string>(), "XY12345.READER." + *fingerprint);
        QCOMPARE(payload["sub"].get<std::string>(), std::string("XY12345.READER"));
        QVERIFY(payload["exp"].get<std::int64_t>() - payload["iat"].get<std::int64_t>() <= 3600);
        QCOMPARE((*auth)->tokenType(), std::string("KEYPAIR_JWT"));
        // A renewal is a new token.
        auto renewed = (*auth)->renew(*token);
        QVERIFY(renewed && *renewed != *token);

        s.privateKeyPem = "not a key";
        auto bad = SnowflakeAuth::make(s);
        QVERIFY(!bad);
        QCOMPARE(bad.error().where, std::string("settings.privateKey"));
        s.privateKeyPem = keys.privatePem;
        s.user.clear();
        QCOMPARE(SnowflakeAuth::make(s).error().message, std::string("key-pair sign-in needs the Snowflake user"));
    }

    void oauthRefreshRenewsTheAccessToken()
    {
        SnowflakeFakeOptions options = longDownload();
        options.refreshToken = "refresh-token-1";
        options.clientId = "sluice";
        options.clientSecret = "client-secret-1";
        Server server(options);
        qputenv("SLUICE_TST_SF_REFRESH", "refresh-token-1");
        qputenv("SLUICE_TST_SF_CLIENT", "client-secret-1");
        QTemporaryDir dir;
        const json source = {{"authentication", "oauthRefresh"},
                             {"refreshToken", "${env:SLUICE_TST_SF_REFRESH}"},
                             {"clientId", "sluice"},
                             {"clientSecret", "${env:SLUICE_TST_SF_CLIENT}"}};
        RunSummary r = syncOnce(server, source, dir);
        QVERIFY2(r.status == "succeeded", r.error.c_str());
        QCOMPARE(r.added.delivered, 40);
        QCOMPARE(server.fake.accessTokensIssued(), 2); // the first, then one after it expired
        QCOMPARE(server.fake.expiredTokensRefused(), 1);
        QCOMPARE(server.fake.executions(), 2);

        // A refresh token the endpoint refuses: a clear failure, nothing sent.
        qputenv("SLUICE_TST_SF_REFRESH", "revoked");
        QTemporaryDir other;
        r = syncOnce(server, source, other);
        QCOMPARE(r.status, std::string("failed"));
        QVERIFY2(r.error.find("the OAuth token endpoint gave no access token: Invalid refresh token.")
                     != std::string::npos,
                 r.error.c_str());
        qunsetenv("SLUICE_TST_SF_REFRESH");
        qunsetenv("SLUICE_TST_SF_CLIENT");
    }
};

QTEST_GUILESS_MAIN(TstSnowflakeAuth)
#include "tst_snowflakeauth.moc"
