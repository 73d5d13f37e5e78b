// The HubSpot connector against the loopback HubSpot fake: mirror deletes,
// testConnection, describe, and the demo's hubspot_contacts model synced over
// several runs.

#include "hubspottesting.h"

#include "demo/demoproject.h"
#include "project/projectstore.h"
#include "project/runrecorder.h"
#include "project/statestore.h"
#include "sync/destinationfields.h"

#include <QTemporaryDir>

#include <sqlite3.h>

#include <set>

namespace {

Record removal(const std::string &email)
{
    return contact(email, "", Value(), "", Value(), RecordOp::Delete);
}

} // namespace

class TstHubspotMirror : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("SLUICE_TST_HUBSPOT_TOKEN", "sandbox-token"); }

    void mirrorDeletesByEmail()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Mirror, &recorder)));
        QVERIFY(hs.write(1, std::vector<Record>{contact(email(1)), contact(email(2)), contact(email(3))}));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(3));
        // Upserts and deletes in one batch; one delete names a contact HubSpot never had.
        auto r = hs.write(2, std::vector<Record>{contact(email(4)), removal(email(1)), removal("C3@example.com"),
                                                 removal("ghost@example.com")});
        QVERIFY(r && allDelivered(*r));
        std::set<std::string> left;
        for (const auto &c : server.crm.hubspotContacts())
            left.insert(props(c)["email"].get<std::string>());
        QCOMPARE(left, (std::set<std::string>{email(2), email(4)}));
        std::vector<std::string> paths;
        for (const auto &q : server.crm.requests("hubspot"))
            if (q.path.find("/batch/") != std::string::npos)
                paths.push_back(q.path.substr(q.path.rfind('/') + 1));
        QCOMPARE(paths, (std::vector<std::string>{"upsert", "upsert", "read", "archive"}));
        const json read = json::parse(recorder.exchanges.at(2).requestBody);
        QCOMPARE(read["idProperty"].get<std::string>(), std::string("email"));
    }

    void testConnectionInTheUsersTerms()
    {
        CrmServer server;
        {
            HubspotDestination hs(settingsFor(server));
            auto ok = hs.testConnection();
            QVERIFY2(ok, ok ? "" : ok.error().describe().c_str());
            QCOMPARE(*ok, std::string("connected to HubSpot: contacts can be read and written"));
        }
        {
            HubspotSettings s = settingsFor(server);
            s.accessToken = "nope";
            auto refused = HubspotDestination(s).testConnection();
            QVERIFY(!refused);
            QCOMPARE(refused.error().message, std::string("the token was refused (HubSpot answered 401)"));
        }
        {
            HubspotBehaviour b;
            b.scopes = {"crm.objects.contacts.read"};
            server.crm.setHubspotBehaviour(b);
            auto scope = HubspotDestination(settingsFor(server)).testConnection();
            QVERIFY(!scope);
            QCOMPARE(scope.error().message, std::string("missing scope crm.objects.contacts.write"));
            b.scopes = {"crm.objects.companies.read"};
            server.crm.setHubspotBehaviour(b);
            auto read = HubspotDestination(settingsFor(server)).testConnection();
            QVERIFY(!read);
            QCOMPARE(read.error().message, std::string("missing scope crm.objects.contacts.read"));
            server.crm.setHubspotBehaviour(HubspotBehaviour{});
        }
        {
            HubspotSettings s = settingsFor(server);
            s.object = "contactz";
            auto unknown = HubspotDestination(s).testConnection();
            QVERIFY(!unknown);
            QCOMPARE(unknown.error().message, std::string("unknown object 'contactz'"));
        }
        {
            HubspotSettings s = settingsFor(server);
            s.baseUrl = "http://127.0.0.1:1/hubspot";
            auto down = HubspotDestination(s).testConnection();
            QVERIFY(!down);
            QCOMPARE(down.error().code, std::string("hubspot.unreachable"));
        }
    }

    void describeReadsThePropertySchema()
    {
        CrmServer server;
        fakes::HubspotPropertyDef tier;
        tier.name = "loyalty_tier";
        tier.type = "enumeration";
        tier.fieldType = "select";
        tier.options = {"Bronze", "Silver", "Gold"};
        server.crm.defineHubspotProperty("contacts", tier);
        HubspotSettings s = settingsFor(server);
        s.customFields = {{"favourite_colour", "string"}};
        HubspotDestination hs(s);
        auto objects = hs.describe();
        QVERIFY2(objects, objects ? "" : objects.error().describe().c_str());
        QCOMPARE(objects->size(), std::size_t(2));
        const DestinationObject &contacts = (*objects)[0];
        QCOMPARE(contacts.name, std::string("contacts"));
        auto field = [&](const std::string &name) -> const ObjectField * {
            for (const auto &f : contacts.fields)
                if (f.name == name)
                    return &f;
            return nullptr;
        };
        QVERIFY(field("email") && field("email")->identifier && field("email")->required);
        QCOMPARE(field("email")->format, std::string("email"));
        QCOMPARE(contacts.fields.front().name, std::string("email"));
        for (const char *name : {"firstname", "lastname", "phone", "company", "lifecyclestage", "hs_lead_status"})
            QVERIFY2(field(name), name);
        QCOMPARE(field("phone")->format, std::string("phone"));
        QCOMPARE(field("lifecyclestage")->format, std::string("enum"));
        QVERIFY(std::count(field("lifecyclestage")->options.begin(), field("lifecyclestage")->options.end(),
                           std::string("marketingqualifiedlead"))
                == 1);
        // Custom properties read from HubSpot, and the ones typed in the settings.
        QVERIFY(field("loyalty_tier") && field("loyalty_tier")->custom);
        QCOMPARE(field("loyalty_tier")->options, (std::vector<std::string>{"Bronze", "Silver", "Gold"}));
        QCOMPARE(field("lifetime_value")->type, ValueType::Real);
        QCOMPARE(field("last_activity_date")->format, std::string("date"));
        QVERIFY(field("favourite_colour") && field("favourite_colour")->custom);
        // Read-only properties are not offered.
        QVERIFY(!field("hs_object_id"));
        QVERIFY(!field("createdate"));
        QCOMPARE((*objects)[1].name, std::string("companies"));
        QVERIFY(!(*objects)[1].fields.empty());
        // The fields a sync maps to: the object left at its default (not
        // stored in the settings) is HubSpot's "contacts", never "any field".
        auto mappable = mappingFieldsOf(hs, json::object());
        QVERIFY2(mappable, mappable ? "" : mappable.error().describe().c_str());
        QCOMPARE(mappable->size(), contacts.fields.size());
        QCOMPARE(mappable->front().name, std::string("email"));
        QVERIFY(mappable->front().identifier);
        auto companies = mappingFieldsOf(hs, json{{"object", "companies"}});
        QVERIFY(companies);
        QCOMPARE(companies->size(), (*objects)[1].fields.size());

        // With a refused token describe says so.
        HubspotSettings bad = settingsFor(server);
        bad.accessToken = "nope";
        auto refused = HubspotDestination(bad).describe();
        QVERIFY(!refused);
        QCOMPARE(refused.error().code, std::string("hubspot.token_refused"));
    }

    // "Done means": the demo's hubspot_contacts model mirrored to HubSpot over
    // several runs that insert, update and delete rows, with a rejected row
    // carrying HubSpot's reason into the job log and `sluicectl rejected`.
    void demoContactsOverSeveralRuns()
    {
        CrmServer server;
        QTemporaryDir dir;
        const std::string project = dir.filePath("demo.sluice").toStdString();
        QVERIFY(createDemoProject(project, 60));
        const std::string warehouse = demoWarehousePath(project);
        {
            auto store = ProjectStore::open(project);
            QVERIFY(store);
            auto config = (*store)->load();
            QVERIFY(config);
            config->destinations.push_back(DestinationDef{"hubspot",
                                                          "hubspot",
                                                          {{"baseUrl", server.hubspotUrl()},
                                                           {"accessToken", "${env:SLUICE_TST_HUBSPOT_TOKEN}"},
                                                           {"timeoutSeconds", 10}}});
            config->syncs.push_back(SyncDef{"contacts_to_hubspot", "hubspot_contacts", "hubspot", "mirror",
                                            json::array(), json{{"batchSize", 25}, {"retryBaseMs", 20}}});
            QVERIFY((*store)->save(*config));
        }
        auto model = [&] {
            // What HubSpot should hold: the model's rows as property strings.
            auto store = ProjectStore::open(project);
            const ModelDef def = *(*store)->model("hubspot_contacts");
            std::map<std::string, json> rows;
            for (const auto &row : sqliteRows(warehouse, "SELECT * FROM (" + def.sql + ")")) {
                json p = {{"email", row[0]}, {"user_tier", row[1]}, {"engagement_level", row[4]}};
                const double ltv = std::stod(row[2]);
                p["lifetime_value"] = *HubspotDestination::propertyText(Value(ltv), "number", false);
                if (row[3] != "NULL")
                    p["last_activity_date"] = row[3];
                rows[row[0]] = p;
            }
            return rows;
        };
        auto held = [&] {
            std::map<std::string, json> rows;
            for (const auto &c : server.crm.hubspotContacts())
                rows[props(c)["email"].get<std::string>()] = props(c);
            return rows;
        };
        // Each run as a user starts it from a shell: `sluicectl run --json`.
        auto runOnce = [&] { return runSyncWithSluicectlOrStop(project, "contacts_to_hubspot"); };

        const RunSummary first = runOnce();
        QCOMPARE(first.status, std::string("succeeded"));
        QCOMPARE(first.added.delivered, std::int64_t(60));
        QCOMPARE(held(), model());

        // Changes in the warehouse: a new user, a login that makes one active,
        // a user gone, and an e-mail HubSpot will not take.
        const std::string firstEmail = sqliteRows(warehouse, "SELECT email FROM users WHERE user_id = 1")[0][0];
        const std::string goneEmail = sqliteRows(warehouse, "SELECT email FROM users WHERE user_id = 2")[0][0];
        const std::string badOld = sqliteRows(warehouse, "SELECT email FROM users WHERE user_id = 3")[0][0];
        sqliteExec(
            warehouse,
            "INSERT INTO users SELECT 1001, 'new.user@example.com', 'New', 'User', NULL, country, city, company, "
            "status, lifecycle_stage, lead_source, lead_score, created_at FROM users WHERE user_id = 1;"
            "INSERT INTO behaviours VALUES (1001, (SELECT today FROM demo_clock), 3);"
            "UPDATE behaviours SET last_login_date = (SELECT today FROM demo_clock) WHERE user_id = 1;"
            "UPDATE behaviours SET last_login_date = '2020-01-01' WHERE user_id = 4;"
            "DELETE FROM behaviours WHERE user_id = 2; DELETE FROM users WHERE user_id = 2;"
            "UPDATE users SET email = 'not-an-email' WHERE user_id = 3;");
        const RunSummary second = runOnce();
        QCOMPARE(second.status, std::string("partial"));
        QCOMPARE(second.added.planned, std::int64_t(2)); // the new user and the renamed one
        QCOMPARE(second.added.rejected, std::int64_t(1));
        QCOMPARE(second.removed.delivered, std::int64_t(2)); // the deleted user and the old e-mail
        auto expected = model();
        expected.erase("not-an-email");
        QCOMPARE(held(), expected);
        QVERIFY(held().count("new.user@example.com"));
        QVERIFY(!held().count(goneEmail));
        QVERIFY(!held().count(badOld));
        QCOMPARE(held()[firstEmail]["engagement_level"].get<std::string>(), std::string("Active"));

        // The job log and `sluicectl rejected` carry HubSpot's reason.
        const std::string reason = "INVALID_EMAIL: Email address not-an-email is invalid";
        QVERIFY(rejectionLogged(project, second.runId, "not-an-email", reason));
        auto state = StateStore::open(project);
        QVERIFY(state);
        auto exchanges = RunRecorder::exchanges((*state)->handle(), second.runId);
        QVERIFY(exchanges && !exchanges->empty());
        QVERIFY(exchanges->front().exchange.responseHeaders.find("X-HubSpot-RateLimit-Daily-Remaining")
                != std::string::npos);
        state->reset();
        const CliResult cli
            = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "contacts_to_hubspot"});
        QCOMPARE(cli.exitCode, 0);
        QVERIFY2(cli.out.contains("not-an-email") && cli.out.contains(QByteArray::fromStdString(reason)),
                 cli.out.constData());

        // Fixed at the source, and one more user gone: HubSpot matches the model again.
        sqliteExec(warehouse, "UPDATE users SET email = 'fixed.user@example.com' WHERE user_id = 3;"
                              "DELETE FROM users WHERE user_id = 5;");
        const RunSummary third = runOnce();
        QCOMPARE(third.status, std::string("succeeded"));
        QCOMPARE(held(), model());
        QCOMPARE(held().size(), std::size_t(59));
        const CliResult after
            = runSluicectl({"rejected", QString::fromStdString(project), "--sync", "contacts_to_hubspot"});
        QVERIFY(!after.out.contains("not-an-email"));
    }
};

QTEST_GUILESS_MAIN(TstHubspotMirror)
#include "tst_hubspot_mirror.moc"
