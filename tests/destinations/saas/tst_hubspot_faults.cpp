// The HubSpot connector against the loopback HubSpot fake: contract cases 5-8
// of shared/reference/destination-apis.md (the rate limit waited out, the
// daily limit, a refused token, an unknown property) driven directly (begin,
// write) and through sync runs, the other whole-request answers, and begin's
// check of the mapping.

#include "hubspottesting.h"

#include <QElapsedTimer>

class TstHubspotFaults : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { qputenv("SLUICE_TST_HUBSPOT_TOKEN", "sandbox-token"); }

    // Contract case 5.
    void rateLimitWaitsOutTheWindow()
    {
        CrmServer server;
        HubspotBehaviour b;
        b.rateLimitFirst = 1;
        server.crm.setHubspotBehaviour(b);
        HubspotDestination hs(settingsFor(server));
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        const std::vector<Record> batch = {contact(email(1)), contact(email(2))};
        auto limited = hs.write(1, batch);
        QVERIFY(!limited);
        QCOMPARE(limited.error().kind, BatchFailure::Kind::Retryable);
        QVERIFY(limited.error().message.find("TEN_SECONDLY_ROLLING") != std::string::npos);
        // No Retry-After: the window the headers name (10 s).
        QCOMPARE(limited.error().retryAfter.value_or(0ms), std::chrono::milliseconds(10000));
        QVERIFY(server.crm.hubspotContacts().empty());
        auto resent = hs.write(1, batch);
        QVERIFY(resent && allDelivered(*resent));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(2));

        // With Retry-After the client waits that long instead.
        server.crm.reset();
        b.retryAfter = "1";
        server.crm.setHubspotBehaviour(b);
        auto hinted = hs.write(1, batch);
        QVERIFY(!hinted);
        QCOMPARE(hinted.error().retryAfter.value_or(0ms), std::chrono::milliseconds(1000));

        // Through a run: the batch is resent once, after the wait, and delivered.
        server.crm.reset();
        SyncFixture f(20);
        f.addSync("s", hubspotDef(server), "upsert", fastRetries(), peopleMapping());
        QElapsedTimer timer;
        timer.start();
        const RunSummary r = f.run("s");
        QCOMPARE(r.status, std::string("succeeded"));
        QCOMPARE(r.delivered(), std::int64_t(20));
        QCOMPARE(r.retries, std::int64_t(1));
        QVERIFY(timer.elapsed() >= 950);
        const auto requests = server.crm.requests("hubspot");
        std::vector<fakes::CrmRequest> upserts;
        for (const auto &q : requests)
            if (q.path.ends_with("/batch/upsert"))
                upserts.push_back(q);
        QCOMPARE(upserts.size(), std::size_t(2));
        QCOMPARE(upserts[0].status, 429);
        QCOMPARE(upserts[1].status, 200);
        QCOMPARE(upserts[0].body, upserts[1].body);
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(20));
    }

    // Contract case 6.
    void dailyLimitEndsTheRun()
    {
        CrmServer server;
        HubspotBehaviour b;
        b.dailyLimitReached = true;
        server.crm.setHubspotBehaviour(b);
        HubspotDestination hs(settingsFor(server));
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(r.error().message,
                 std::string("HubSpot's daily API limit is reached; records stay pending for the next run"));

        server.crm.reset();
        SyncFixture f(30);
        f.addSync("s", hubspotDef(server, {{"batchSize", 10}}), "upsert", fastRetries(), peopleMapping());
        const RunSummary stopped = f.run("s");
        QCOMPARE(stopped.status, std::string("failed"));
        QCOMPARE(stopped.error,
                 std::string("HubSpot's daily API limit is reached; records stay pending for the next run"));
        QCOMPARE(stopped.delivered(), std::int64_t(0));
        QCOMPARE(stopped.pending(), std::int64_t(30));
        // No loop: one request, then the run stopped.
        QCOMPARE(server.crm.hubspotBatchRequests(), 1);
        // The next day the same records go out.
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        const RunSummary next = f.run("s");
        QCOMPARE(next.status, std::string("succeeded"));
        QCOMPARE(next.delivered(), std::int64_t(30));
        QCOMPARE(server.crm.hubspotContacts().size(), std::size_t(30));
    }

    // Contract case 7.
    void refusedTokenIsFatal()
    {
        CrmServer server;
        HubspotSettings s = settingsFor(server);
        s.accessToken = "expired-token";
        HubspotDestination hs(s);
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QVERIFY2(r.error().message.starts_with("HubSpot refused the token (401)"), r.error().message.c_str());

        server.crm.reset();
        qputenv("SLUICE_TST_HUBSPOT_BAD", "expired-token");
        SyncFixture f(30);
        f.addSync("s", hubspotDef(server, {{"accessToken", "${env:SLUICE_TST_HUBSPOT_BAD}"}, {"batchSize", 10}}),
                  "upsert", fastRetries(), peopleMapping());
        const RunSummary failed = f.run("s");
        qunsetenv("SLUICE_TST_HUBSPOT_BAD");
        QCOMPARE(failed.status, std::string("failed"));
        QVERIFY2(failed.error.starts_with("HubSpot refused the token (401)"), failed.error.c_str());
        QCOMPARE(failed.retries, std::int64_t(0));
        QCOMPARE(server.crm.hubspotBatchRequests(), 1);
        QVERIFY(server.crm.hubspotContacts().empty());
    }

    // Contract case 8.
    void unknownPropertyNamesTheField()
    {
        CrmServer server;
        server.crm.removeHubspotProperty("contacts", "lifetime_value");
        HubspotDestination hs(settingsFor(server));
        Recorder recorder;
        QVERIFY(hs.begin(contactsRun(SyncMode::Upsert, &recorder)));
        auto r = hs.write(1, std::vector<Record>{contact(email(1)), contact(email(2))});
        QVERIFY(!r);
        QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
        QCOMPARE(r.error().message,
                 std::string("HubSpot has no property 'lifetime_value' on contacts: create it or fix the mapping"));
        QCOMPARE(recorder.exchanges.at(0).status, 400);
        const json answer = json::parse(recorder.exchanges.at(0).responseBody);
        QCOMPARE(answer["errors"][0]["code"].get<std::string>(), std::string("PROPERTY_DOESNT_EXIST"));
        QVERIFY(server.crm.hubspotContacts().empty());

        // Through a run: not retried, the run fails with the same words.
        SyncFixture f(5);
        f.addSync("s", hubspotDef(server), "upsert", fastRetries(), peopleMapping());
        const RunSummary failed = f.run("s");
        QCOMPARE(failed.status, std::string("failed"));
        QCOMPARE(failed.error,
                 std::string("HubSpot has no property 'lifetime_value' on contacts: create it or fix the mapping"));
        QCOMPARE(failed.retries, std::int64_t(0));
    }

    void otherWholeRequestAnswers()
    {
        CrmServer server;
        // 403 MISSING_SCOPES names the scopes.
        HubspotBehaviour readOnly;
        readOnly.scopes = {"crm.objects.contacts.read"};
        server.crm.setHubspotBehaviour(readOnly);
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            auto r = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.ends_with("the token lacks scopes: crm.objects.contacts.write"),
                     r.error().message.c_str());
        }
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        // 404: an object HubSpot does not know.
        {
            HubspotSettings s = settingsFor(server);
            s.object = "deals";
            HubspotDestination hs(s);
            QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
            auto r = hs.write(
                1, std::vector<Record>{contact(email(1), "A", Value(1.0), "VIP", Value(), RecordOp::Insert)});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::Fatal);
            QVERIFY2(r.error().message.starts_with("HubSpot does not know object 'deals' (404"),
                     r.error().message.c_str());
        }
        // 409 on create: refused as a whole, so the executor isolates the record.
        const std::string existing = server.crm.seedHubspot("contacts", {{"email", email(5)}});
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
            auto r = hs.write(
                1, std::vector<Record>{contact(email(5), "A", Value(1.0), "VIP", Value(), RecordOp::Insert)});
            QVERIFY(!r);
            QCOMPARE(r.error().kind, BatchFailure::Kind::RejectedWhole);
            QCOMPARE(r.error().message, "CONFLICT: Contact already exists. Existing ID: " + existing);
        }
        // 423 and 5xx: retryable; 423 waits at least 2 s.
        HubspotBehaviour flaky;
        flaky.lockedFirst = 1;
        server.crm.reset();
        server.crm.setHubspotBehaviour(flaky);
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            auto locked = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!locked);
            QCOMPARE(locked.error().kind, BatchFailure::Kind::Retryable);
            QVERIFY(locked.error().retryAfter.value_or(0ms) >= 2000ms);
            flaky = HubspotBehaviour{};
            flaky.serverErrorEvery = 1;
            server.crm.setHubspotBehaviour(flaky);
            auto failed = hs.write(1, std::vector<Record>{contact(email(1))});
            QVERIFY(!failed);
            QCOMPARE(failed.error().kind, BatchFailure::Kind::Retryable);
            QVERIFY2(failed.error().message.starts_with("HubSpot failed (HTTP 502"), failed.error().message.c_str());
        }
        server.crm.setHubspotBehaviour(HubspotBehaviour{});
        // A record without an email is refused before anything is sent.
        {
            HubspotDestination hs(settingsFor(server));
            QVERIFY(hs.begin(contactsRun(SyncMode::Upsert)));
            Record blank = contact("");
            blank.fields[0] = Value();
            auto r = hs.write(1, std::vector<Record>{blank, contact(email(8))});
            QVERIFY(r);
            QCOMPARE((*r)[0].outcome, Outcome::Rejected);
            QCOMPARE((*r)[0].reason, std::string("no value for 'email', which HubSpot upserts contacts by"));
            QCOMPARE((*r)[1].outcome, Outcome::Delivered);
        }
    }

    void beginChecksTheMapping()
    {
        CrmServer server;
        HubspotDestination hs(settingsFor(server));
        RunInfo run = contactsRun(SyncMode::Upsert);
        run.fields.erase(run.fields.begin());
        auto r = hs.begin(run);
        QVERIFY(!r);
        QCOMPARE(r.error().code, std::string("hubspot.id_unmapped"));
        RunInfo mirror = contactsRun(SyncMode::Mirror);
        mirror.keyFields = {"user_id"};
        auto m = hs.begin(mirror);
        QVERIFY(!m);
        QCOMPARE(m.error().code, std::string("hubspot.mirror_key"));
        QVERIFY(hs.begin(contactsRun(SyncMode::Insert)));
    }
};

QTEST_GUILESS_MAIN(TstHubspotFaults)
#include "tst_hubspot_faults.moc"
