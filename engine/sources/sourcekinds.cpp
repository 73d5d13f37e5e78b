#include "sourcekinds.h"

#include "core/settingsspec.h"

#include "core/envref.h"
#include "core/fileutil.h"
#include "sources/csvsource.h"
#include "sources/postgressource.h"
#include "sources/snowflakesource.h"
#include "sources/sqlitesource.h"

namespace sluice {

using nlohmann::json;

const std::vector<KindSpec> &sourceKinds()
{
    static const std::vector<KindSpec> kinds = {
        {"sqlite", "SQLite file",
         {{"path", SettingType::Path, true, false, {}, {}, "Database file",
           "Path to the SQLite file; relative paths resolve against the project's folder."}}},
        {"postgres", "PostgreSQL",
         {{"host", SettingType::String, false, false, "127.0.0.1", {}, "Host", ""},
          {"port", SettingType::Integer, false, false, 5432, {}, "Port", ""},
          {"database", SettingType::String, true, false, {}, {}, "Database", ""},
          {"user", SettingType::String, true, false, {}, {}, "User", ""},
          {"password", SettingType::String, false, true, {}, {}, "Password",
           "A reference such as ${env:PGPASSWORD}; the desktop app keeps it in the keychain."},
          {"sslmode", SettingType::Choice, false, false, "prefer",
           {"disable", "allow", "prefer", "require", "verify-ca", "verify-full"}, "SSL mode", ""},
          {"connectTimeout", SettingType::Integer, false, false, 10, {}, "Connect timeout (s)",
           ""}}},
        {"csv", "CSV file",
         {{"path", SettingType::Path, true, false, {}, {}, "CSV file",
           "Relative paths resolve against the project's folder."},
          {"delimiter", SettingType::Character, false, false, ",", {}, "Delimiter",
           "One character; \\t for tab."},
          {"quote", SettingType::Character, false, false, "\"", {}, "Quote character", ""},
          {"header", SettingType::Boolean, false, false, true, {}, "First row is a header", ""},
          {"inferenceRows", SettingType::Integer, false, false, 1000, {},
           "Rows read to infer types", ""}}},
        {"snowflake", "Snowflake (SQL API)",
         {{"account", SettingType::String, false, false, {}, {}, "Account identifier",
           "orgname-accountname (or the account locator with its region); the API is "
           "https://ACCOUNT.snowflakecomputing.com. Give this or a base URL."},
          {"baseUrl", SettingType::String, false, false, {}, {}, "Base URL",
           "Replaces the URL made from the account; change only to point at a sandbox."},
          {"token", SettingType::String, true, true, {}, {}, "Token",
           "OAuth access token, programmatic access token or key-pair JWT, as a reference such as "
           "${env:SNOWFLAKE_TOKEN}."},
          {"tokenType", SettingType::Choice, false, false, "OAUTH",
           {"OAUTH", "PROGRAMMATIC_ACCESS_TOKEN", "KEYPAIR_JWT"}, "Token type", ""},
          {"warehouse", SettingType::String, false, false, {}, {}, "Warehouse",
           "Empty: the user's default warehouse."},
          {"database", SettingType::String, false, false, {}, {}, "Database",
           "Empty: the user's default namespace."},
          {"schema", SettingType::String, false, false, {}, {}, "Schema", ""},
          {"role", SettingType::String, false, false, {}, {}, "Role", "Empty: the user's default role."},
          {"timeoutSeconds", SettingType::Integer, false, false, 600, {}, "Statement timeout (s)",
           "Snowflake cancels a statement that runs longer; 0 is Snowflake's maximum (7 days)."}}},
    };
    return kinds;
}

const KindSpec *findSourceKind(const std::string &kind)
{
    for (const auto &k : sourceKinds())
        if (k.kind == kind)
            return &k;
    return nullptr;
}

namespace {
Result<std::string> stringSetting(const json &s, const std::string &key, const std::string &where)
{
    if (!s.contains(key) || s[key].is_null())
        return std::string();
    if (s[key].is_string()) {
        // Credentials (and URLs, which may carry one) are remembered for redaction.
        const std::string &value = s[key].get<std::string>();
        if (looksLikeCredential(key) || value.starts_with("http"))
            return resolveSecretReferences(value, where + "." + key);
        return resolveReferences(value, where + "." + key);
    }
    return s[key].dump();
}

Result<int> intSetting(const json &s, const std::string &key, const std::string &where)
{
    if (s[key].is_number_integer())
        return s[key].get<int>();
    auto text = stringSetting(s, key, where);
    if (!text)
        return std::unexpected(text.error());
    try {
        return std::stoi(*text);
    } catch (...) {
        return invalidInput("settings.type", "must be an integer", where + "." + key);
    }
}

char charSetting(const std::string &v)
{
    return v == "\\t" ? '\t' : (v.empty() ? ',' : v[0]);
}
} // namespace

Result<std::unique_ptr<Source>> makeSource(const SourceDef &def, const SourceContext &ctx)
{
    const std::string where = "source '" + def.name + "'";
    const KindSpec *spec = findSourceKind(def.kind);
    if (!spec)
        return invalidInput("source.unknown_kind", "unknown source kind '" + def.kind + "'", where);
    if (auto ok = validateSettings(*spec, def.settings, "settings"); !ok)
        return std::unexpected(ok.error().within(where));
    const json s = withDefaults(*spec, def.settings);

#define SLUICE_TRY_ASSIGN(var, expr)                                                             \
    auto var##_r = (expr);                                                                       \
    if (!var##_r)                                                                                \
        return std::unexpected(var##_r.error().within(where));                                   \
    auto var = *var##_r;

    if (def.kind == "sqlite") {
        SLUICE_TRY_ASSIGN(path, stringSetting(s, "path", "settings"));
        return std::make_unique<SqliteSource>(SqliteSettings{absolutePath(path, ctx.projectDir)});
    }
    if (def.kind == "postgres") {
        PostgresSettings p;
        SLUICE_TRY_ASSIGN(host, stringSetting(s, "host", "settings"));
        SLUICE_TRY_ASSIGN(port, intSetting(s, "port", "settings"));
        SLUICE_TRY_ASSIGN(database, stringSetting(s, "database", "settings"));
        SLUICE_TRY_ASSIGN(user, stringSetting(s, "user", "settings"));
        SLUICE_TRY_ASSIGN(password, stringSetting(s, "password", "settings"));
        SLUICE_TRY_ASSIGN(sslmode, stringSetting(s, "sslmode", "settings"));
        SLUICE_TRY_ASSIGN(timeout, intSetting(s, "connectTimeout", "settings"));
        p.host = host;
        p.port = port;
        p.database = database;
        p.user = user;
        p.password = password;
        p.sslmode = sslmode;
        p.connectTimeoutSeconds = timeout;
        return std::make_unique<PostgresSource>(std::move(p));
    }
    if (def.kind == "snowflake") {
        SnowflakeSettings f;
        SLUICE_TRY_ASSIGN(account, stringSetting(s, "account", "settings"));
        SLUICE_TRY_ASSIGN(baseUrl, stringSetting(s, "baseUrl", "settings"));
        if (baseUrl.empty() && account.empty())
            return invalidInput("settings.required", "give the account identifier (or a baseUrl)", where + ": settings");
        SLUICE_TRY_ASSIGN(token, stringSetting(s, "token", "settings"));
        SLUICE_TRY_ASSIGN(tokenType, stringSetting(s, "tokenType", "settings"));
        SLUICE_TRY_ASSIGN(warehouse, stringSetting(s, "warehouse", "settings"));
        SLUICE_TRY_ASSIGN(database, stringSetting(s, "database", "settings"));
        SLUICE_TRY_ASSIGN(schema, stringSetting(s, "schema", "settings"));
        SLUICE_TRY_ASSIGN(role, stringSetting(s, "role", "settings"));
        SLUICE_TRY_ASSIGN(timeout, intSetting(s, "timeoutSeconds", "settings"));
        if (timeout < 0)
            return invalidInput("settings.range", "must be 0 or more", where + ": settings.timeoutSeconds");
        f.baseUrl = baseUrl.empty() ? snowflakeAccountUrl(account) : baseUrl;
        f.token = token;
        f.tokenType = tokenType;
        f.warehouse = warehouse;
        f.database = database;
        f.schema = schema;
        f.role = role;
        f.timeoutSeconds = timeout;
        return std::make_unique<SnowflakeSource>(std::move(f));
    }
    // csv
    CsvSettings c;
    SLUICE_TRY_ASSIGN(path, stringSetting(s, "path", "settings"));
    SLUICE_TRY_ASSIGN(rows, intSetting(s, "inferenceRows", "settings"));
    c.path = absolutePath(path, ctx.projectDir);
    c.delimiter = charSetting(s["delimiter"].get<std::string>());
    c.quote = charSetting(s["quote"].get<std::string>());
    c.header = s["header"].get<bool>();
    c.inferenceRows = rows;
    return std::make_unique<CsvSource>(std::move(c));
#undef SLUICE_TRY_ASSIGN
}

} // namespace sluice
