// The payload preview checked against what the destination describes of its
// fields: a value that is not among a field's options (HubSpot's
// lifecyclestage fed the e-mail column), text in a number or true/false
// field. Such rows are shown as rejected with the destination's reason, as
// the destination would refuse them; values that fit pass untouched.

#include "sync/syncpreview.h"

#include "jsoncompare.h"

#include <QtTest>

using namespace sluice;
using namespace sluice::test;
using nlohmann::json;

namespace {

ModelPreview sample()
{
    ModelPreview p;
    p.columns = {{"id", ValueType::Integer, "INTEGER"},
                 {"email", ValueType::Text, "TEXT"},
                 {"stage", ValueType::Text, "TEXT"},
                 {"score", ValueType::Text, "TEXT"},
                 {"vip", ValueType::Text, "TEXT"}};
    p.rows = {{Value(std::int64_t(1)), Value("ana@example.com"), Value("lead"), Value("12"), Value("true")},
              {Value(std::int64_t(2)), Value("bo@example.com"), Value("customer"), Value("n/a"), Value("yes")},
              {Value(std::int64_t(3)), Value("cy@example.com"), Value(), Value("7.5"), Value()}};
    return p;
}

std::vector<DestinationField> hubspotLikeFields()
{
    DestinationField stage{"lifecyclestage", FieldType::Text, false, false, {"subscriber", "lead", "customer"}};
    return {DestinationField{"email", FieldType::Text, true, true, {}}, stage,
            DestinationField{"visits", FieldType::Integer, false, false, {}},
            DestinationField{"vip", FieldType::Boolean, false, false, {}}};
}

SyncDef syncMapping(const char *mapping)
{
    SyncDef sync;
    sync.name = "contacts";
    sync.mapping = J(mapping);
    return sync;
}

} // namespace

class TstSyncPreview : public QObject {
    Q_OBJECT
private slots:
    void valueOutsideTheOptionsIsRejected()
    {
        // The e-mail column fed into lifecyclestage: every row refused.
        auto preview = previewSync(
            syncMapping("[{'field': 'email', 'column': 'email'}, {'field': 'lifecyclestage', 'column': 'email'}]"),
            sample(), {"id"});
        QVERIFY(preview);
        for (const auto &row : preview->rows)
            QVERIFY(!row.rejected); // without the destination's fields nothing is known
        checkAgainstDestination(*preview, hubspotLikeFields());
        QCOMPARE(preview->rows.size(), std::size_t(3));
        for (const auto &row : preview->rows) {
            QVERIFY(row.rejected);
            QCOMPARE(row.problems.size(), std::size_t(1));
            QCOMPARE(row.problems[0].field, std::string("lifecyclestage"));
            QCOMPARE(row.problems[0].rule, std::string("destinationOptions"));
            QCOMPARE(row.problems[0].action, ProblemAction::Reject);
        }
        QCOMPARE(preview->rows[0].problems[0].message,
                 std::string("'ana@example.com' is not one of the destination's options for lifecyclestage "
                             "(subscriber, lead, customer)"));
        // Its parts, for the app to say it in the user's language.
        QCOMPARE(preview->rows[0].problems[0].args,
                 (std::vector<std::string>{"ana@example.com", "subscriber, lead, customer", "3"}));
    }

    void valuesThatFitPassAndNullsAreNotChecked()
    {
        auto preview = previewSync(syncMapping("[{'field': 'email', 'column': 'email'},"
                                               " {'field': 'lifecyclestage', 'column': 'stage'}]"),
                                   sample(), {"id"});
        QVERIFY(preview);
        checkAgainstDestination(*preview, hubspotLikeFields());
        for (const auto &row : preview->rows) {
            QVERIFY2(!row.rejected, row.payload.c_str());
            QVERIFY(row.problems.empty());
        }
    }

    void textInNumberAndBooleanFields()
    {
        auto preview = previewSync(syncMapping("[{'field': 'email', 'column': 'email'},"
                                               " {'field': 'visits', 'column': 'score'},"
                                               " {'field': 'vip', 'column': 'vip'}]"),
                                   sample(), {"id"});
        QVERIFY(preview);
        checkAgainstDestination(*preview, hubspotLikeFields());
        QVERIFY(!preview->rows[0].rejected); // "12", "true"
        QVERIFY(preview->rows[1].rejected);  // "n/a", "yes"
        QCOMPARE(preview->rows[1].problems.size(), std::size_t(2));
        QCOMPARE(preview->rows[1].problems[0].message, std::string("'n/a' is not a whole number, which visits takes"));
        QCOMPARE(preview->rows[1].problems[1].message, std::string("'yes' is not true or false, which vip takes"));
        QVERIFY(preview->rows[2].rejected); // 7.5 is not whole; a null vip is not checked
        QCOMPARE(preview->rows[2].problems.size(), std::size_t(1));
        QCOMPARE(preview->rows[2].problems[0].rule, std::string("destinationType"));
        QCOMPARE(preview->rows[2].problems[0].args, (std::vector<std::string>{"7.5", "integer"}));
    }

    void longOptionListsAreShortened()
    {
        DestinationField many{"tier", FieldType::Text, false, false, {}};
        for (int i = 1; i <= 9; ++i)
            many.options.push_back("t" + std::to_string(i));
        auto preview = previewSync(syncMapping("[{'field': 'tier', 'column': 'email'}]"), sample(), {"id"});
        QVERIFY(preview);
        checkAgainstDestination(*preview, {many});
        QCOMPARE(preview->rows[0].problems[0].message,
                 std::string("'ana@example.com' is not one of the destination's options for tier "
                             "(t1, t2, t3, t4, t5, t6, ... 9 in all)"));
    }
};

QTEST_GUILESS_MAIN(TstSyncPreview)
#include "tst_syncpreview.moc"
