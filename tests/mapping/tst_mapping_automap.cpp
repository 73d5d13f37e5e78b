// Auto-mapping by name (exact, normalised, synonyms) and checkMapping's
// report of unmapped required fields, identifiers and type mismatches.

#include "mapping/automap.h"
#include "mapping/checkmapping.h"

#include "mappingtest.h"

#include <QTest>

using namespace sluice;
using nlohmann::json;

namespace {

std::vector<Column> cols(std::initializer_list<const char *> names)
{
    std::vector<Column> out;
    for (const char *n : names)
        out.push_back({n, ValueType::Text, "TEXT"});
    return out;
}

std::vector<DestinationField> fields(std::initializer_list<const char *> names)
{
    std::vector<DestinationField> out;
    for (const char *n : names)
        out.push_back({n, FieldType::Unknown, false, false});
    return out;
}

// "field<-column (kind)" per proposal.
std::string proposals(const std::vector<AutoMapping> &list)
{
    std::string out;
    for (const AutoMapping &m : list)
        out += m.field + "<-" + m.column
             + (m.match == MatchKind::Exact        ? " (exact)"
                : m.match == MatchKind::Normalized ? " (normalized)"
                                                   : " (synonym)")
             + "\n";
    return out;
}

std::string report(const std::vector<MappingIssue> &issues)
{
    std::string out;
    for (const MappingIssue &i : issues)
        out += std::string(i.severity == IssueSeverity::Error ? "error " : "warning ") + i.code + " [" + i.field + "] "
             + i.where + ": " + i.message + "\n";
    return out;
}

const std::vector<Column> leadColumns = {
    {"email", ValueType::Text, "TEXT"},          {"last_name", ValueType::Text, "TEXT"},
    {"lead_score", ValueType::Text, "TEXT"},     {"score", ValueType::Integer, "INTEGER"},
    {"signup", ValueType::Text, "DATE"},         {"active", ValueType::Integer, "INTEGER"},
    {"created", ValueType::Text, "timestamptz"}, {"company_id", ValueType::Integer, "INTEGER"},
};

const std::vector<DestinationField> leadFields = {
    {"Email", FieldType::Text, true, true},           {"LastName", FieldType::Text, true, false},
    {"Company", FieldType::Text, true, false},        {"Lead_Score__c", FieldType::Integer, false, false},
    {"Birthdate", FieldType::Date, false, false},     {"IsActive", FieldType::Boolean, false, false},
    {"External_Id__c", FieldType::Text, false, true}, {"CreatedAt", FieldType::DateTime, false, false},
    {"Notes", FieldType::Text, false, false},
};

} // namespace

class TstMappingAutoMap : public QObject {
    Q_OBJECT
private slots:
    void normalisedNames()
    {
        QCOMPARE(normalizedFieldName("E-Mail Address"), std::string("emailaddress"));
        QCOMPARE(normalizedFieldName("Lead_Score__c"), std::string("leadscore"));
        QCOMPARE(normalizedFieldName("first_name"), std::string("firstname"));
        QCOMPARE(normalizedFieldName("FirstName"), std::string("firstname"));
        QCOMPARE(normalizedFieldName("user.id"), std::string("userid"));
        QCOMPARE(normalizedFieldName("__c"), std::string("c"));
        QCOMPARE(normalizedFieldName("城市"), std::string("城市"));
    }

    void salesforceLeads()
    {
        const auto result = autoMap(cols({"user_id", "email", "first_name", "last_name", "organization", "lead_score",
                                          "lead_source", "tel", "mobile"}),
                                    fields({"Email", "FirstName", "LastName", "Company", "Lead_Score__c", "LeadSource",
                                            "Phone", "MobilePhone", "Title"}));
        QCOMPARE(proposals(result), std::string("Email<-email (normalized)\n"
                                                "FirstName<-first_name (normalized)\n"
                                                "LastName<-last_name (normalized)\n"
                                                "Company<-organization (synonym)\n"
                                                "Lead_Score__c<-lead_score (normalized)\n"
                                                "LeadSource<-lead_source (normalized)\n"
                                                "Phone<-tel (synonym)\n"
                                                "MobilePhone<-mobile (synonym)\n"));
        QCOMPARE(autoMappingJson(result)[3].dump(), std::string(R"({"column":"organization","field":"Company"})"));
        QCOMPARE(autoMappingJson({}).dump(), std::string("[]"));
    }

    void hubspotContacts()
    {
        const auto result = autoMap(cols({"E_Mail", "given_name", "surname", "phone_number", "Company Name", "status"}),
                                    fields({"email", "firstname", "lastname", "phone", "company", "lifecyclestage"}));
        QCOMPARE(proposals(result), std::string("email<-E_Mail (normalized)\n"
                                                "firstname<-given_name (synonym)\n"
                                                "lastname<-surname (synonym)\n"
                                                "phone<-phone_number (synonym)\n"
                                                "company<-Company Name (synonym)\n"));
    }

    void synonymsBothWays()
    {
        QCOMPARE(proposals(autoMap(cols({"email_address"}), fields({"Email"}))),
                 std::string("Email<-email_address (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"email"}), fields({"email_address"}))),
                 std::string("email_address<-email (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"family_name", "firstname"}), fields({"last_name", "first_name"}))),
                 std::string("last_name<-family_name (synonym)\nfirst_name<-firstname (normalized)\n"));
        QCOMPARE(proposals(autoMap(cols({"mobile"}), fields({"phone_number"}))),
                 std::string("phone_number<-mobile (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"organisation"}), fields({"company"}))),
                 std::string("company<-organisation (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"zip_code"}), fields({"PostalCode"}))),
                 std::string("PostalCode<-zip_code (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"user_id"}), fields({"external_id"}))),
                 std::string("external_id<-user_id (synonym)\n"));
        QCOMPARE(proposals(autoMap(cols({"status"}), fields({"lifecyclestage"}))), std::string());
    }

    void exactWinsAndColumnsAreUsedOnce()
    {
        QCOMPARE(proposals(autoMap(cols({"Email", "email"}), fields({"email", "Email"}))),
                 std::string("email<-email (exact)\nEmail<-Email (exact)\n"));
        // One column, two fields that want it: the first field takes it.
        QCOMPARE(proposals(autoMap(cols({"email"}), fields({"email", "email_address"}))),
                 std::string("email<-email (exact)\n"));
        // A normalised match beats a synonym even for a later field.
        QCOMPARE(proposals(autoMap(cols({"mail", "email"}), fields({"e-mail"}))),
                 std::string("e-mail<-email (normalized)\n"));
        QCOMPARE(autoMap({}, fields({"email"})).size(), std::size_t(0));
    }

    void checkReportsProblemsBeforeARun()
    {
        const json mapping = json::parse(R"([
          {"field": "Email", "column": "email"},
          {"field": "Lead_Score__c", "column": "lead_score"},
          {"field": "Birthdate", "column": "signup"},
          {"field": "IsActive", "column": "active"},
          {"field": "CreatedAt", "column": "created"},
          {"field": "Notes", "column": "signup"},
          {"field": "email", "value": "duplicate in another case"}
        ])");
        QCOMPARE(report(checkMapping(mapping, leadColumns, leadFields)),
                 std::string(
                     "error mapping.required_unmapped [LastName] $.mapping: required field 'LastName' is not mapped\n"
                     "error mapping.required_unmapped [Company] $.mapping: required field 'Company' is not mapped\n"
                     "warning mapping.type_mismatch [Lead_Score__c] $.mapping[1]: 'Lead_Score__c' expects integer "
                     "but the mapping gives string; add a cast transform\n"
                     "warning mapping.type_mismatch [IsActive] $.mapping[3]: 'IsActive' expects boolean but the "
                     "mapping gives integer; add a cast transform\n"
                     "warning mapping.unknown_field [email] $.mapping[6].field: 'email' is not a field of the "
                     "destination (did you mean 'Email'?)\n"));
    }

    void castsAndIdentifiers()
    {
        const json fixed = json::parse(R"([
          {"field": "External_Id__c", "template": "u-{{ company_id }}"},
          {"field": "LastName", "column": "last_name"},
          {"field": "Company", "value": "Acme"},
          {"field": "Lead_Score__c", "column": "lead_score", "transforms": [{"type": "cast", "to": "integer"}]},
          {"field": "IsActive", "column": "active", "transforms": [{"type": "cast", "to": "boolean"}]},
          {"field": "Birthdate", "column": "created", "transforms": [{"type": "cast", "to": "date"}]}
        ])");
        const std::string missingEmail
            = "error mapping.required_unmapped [Email] $.mapping: required field 'Email' is not mapped\n";
        QCOMPARE(report(checkMapping(fixed, leadColumns, leadFields)), missingEmail);

        const json noIdentifier = json::parse(R"([{"field": "Notes", "value": "x"}])");
        const std::vector<DestinationField> optional = {{"Email", FieldType::Text, false, true},
                                                        {"External_Id__c", FieldType::Text, false, true},
                                                        {"Notes", FieldType::Text, false, false}};
        QCOMPARE(
            report(checkMapping(noIdentifier, leadColumns, optional)),
            std::string("error mapping.no_identifier [] $.mapping: no identifier field is mapped (map one of: Email, "
                        "External_Id__c); the destination cannot match records\n"));
        QCOMPARE(report(checkMapping(json::parse(R"([{"field": "Email", "column": "email"}])"), leadColumns, optional)),
                 std::string());
    }

    void checkStillReportsWhenTheMappingDoesNotCompile()
    {
        const json broken = json::parse(R"([
          {"field": "Email", "template": "{{ email | lowr }}"},
          {"field": "LastName", "column": "last_name"}
        ])");
        QCOMPARE(report(checkMapping(broken, leadColumns, leadFields)),
                 std::string(
                     "error mapping.syntax [] $.mapping[0].template: unknown filter 'lowr' (filters are lower, "
                     "upper, trim, default, date, truncate, round) at position 12\n"
                     "error mapping.required_unmapped [Company] $.mapping: required field 'Company' is not mapped\n"));
    }

    void lookupsAreCheckedForShapeOnly()
    {
        const json mapping = json::parse(R"([{"field": "Company", "column": "company_id",
            "transforms": [{"type": "lookup", "model": "companies", "key": "id", "column": "name"}]}])");
        QCOMPARE(report(checkMapping(mapping, leadColumns, {{"Company", FieldType::Text, true, false}})),
                 std::string());
        const json typo = json::parse(R"([{"field": "Company", "column": "company_id",
            "transforms": [{"type": "lookup", "model": "companies", "key": "id"}]}])");
        QCOMPARE(report(checkMapping(typo, leadColumns, {})),
                 std::string("error mapping.invalid [] $.mapping[0].transforms[0]: missing 'column'\n"));
    }

    void typeCompatibility()
    {
        QVERIFY(typeFits(FieldType::Decimal, FieldType::Integer));
        QVERIFY(!typeFits(FieldType::Integer, FieldType::Decimal));
        QVERIFY(typeFits(FieldType::Text, FieldType::DateTime));
        QVERIFY(!typeFits(FieldType::DateTime, FieldType::Text));
        QVERIFY(!typeFits(FieldType::Date, FieldType::DateTime));
        QVERIFY(typeFits(FieldType::Unknown, FieldType::Boolean));
        QVERIFY(typeFits(FieldType::Boolean, FieldType::Unknown));
        QCOMPARE(fieldTypeFromName("timestamp"), std::optional<FieldType>(FieldType::DateTime));
        QCOMPARE(fieldTypeFromName("Number"), std::optional<FieldType>(FieldType::Decimal));
        QCOMPARE(fieldTypeFromName("money"), std::nullopt);
        QCOMPARE(fieldTypeOf(Column{"c", ValueType::Text, "timestamptz"}), FieldType::DateTime);
        QCOMPARE(fieldTypeOf(Column{"c", ValueType::Text, "DATE"}), FieldType::Date);
        QCOMPARE(fieldTypeOf(Column{"c", ValueType::Real, "REAL"}), FieldType::Decimal);
    }
};

QTEST_GUILESS_MAIN(TstMappingAutoMap)
#include "tst_mapping_automap.moc"
