#include "sourcekinds.h"

#include "core/settingsspec.h"

#include "core/envref.h"
#include "core/fileutil.h"
#include "postgres/pgsettings.h"
#include "sources/csvsource.h"
#include "sources/postgressource.h"
#include "sources/snowflakesource.h"
#include "sources/sqlitesource.h"

namespace sluice {

using nlohmann::json;

const std::vector<KindSpec> &sourceKinds()
{
    static const std::vector<KindSpec> kinds = {
        {"sqlite",
         "SQLite file",
         {{"path",
           SettingType::Path,
           true,
           false,
           {},
           {},
           "Database file",
           "Path to the SQLite file; relative paths resolve against the project's folder."}}},
        {"postgres", "PostgreSQL",
         pg::connectionSettings(
             {{"connectTimeout", SettingType::Integer, false, false, 10, {}, "Connect timeout (s)", ""}})},
        {"csv",
         "CSV file",
         {{"path",
           SettingType::Path,
           true,
           false,
           {},
           {},
           "CSV file",
           "Relative paths resolve against the project's folder."},
          {"delimiter", SettingType::Character, false, false, ",", {}, "Delimiter", "One character; \\t for tab."},
          {"quote", SettingType::Character, false, false, "\"", {}, "Quote character", ""},
          {"header", SettingType::Boolean, false, false, true, {}, "First row is a header", ""},
          {"inferenceRows", SettingType::Integer, false, false, 1000, {}, "Rows read to infer types", ""}}},
        {"snowflake",
         "Snowflake (SQL API)",
         {{"account",
           SettingType::String,
           false,
           false,
           {},
           {},
           "Account identifier",
           "orgname-accountname (or the account locator with its region); the API is "
           "https://ACCOUNT.snowflakecomputing.com. Give this or a base URL."},
          {"baseUrl",
           SettingType::String,
           false,
           false,
           {},
           {},
           "Base URL",
           "Replaces the URL made from the account; change only to point at a sandbox."},
          {"authentication",
           SettingType::Choice,
           false,
           false,
           "token",
           {"token", "keyPair", "oauthRefresh"},
           "Sign-in",
           "token: a token as given (it cannot be renewed); keyPair: Sluice signs its own tokens with your RSA "
           "private key and renews them; oauthRefresh: access tokens from your OAuth refresh token, renewed when "
           "they expire."},
          {"token",
           SettingType::String,
           false,
           true,
           {},
           {},
           "Token",
           "OAuth access token, programmatic access token or key-pair JWT, as a reference such as "
           "${env:SNOWFLAKE_TOKEN} (sign-in: token)."},
          {"tokenType",
           SettingType::Choice,
           false,
           false,
           "OAUTH",
           {"OAUTH", "PROGRAMMATIC_ACCESS_TOKEN", "KEYPAIR_JWT"},
           "Token type",
           ""},
          {"user", SettingType::String, false, false, {}, {}, "User", "The Snowflake user (sign-in: keyPair)."},
          {"privateKey",
           SettingType::String,
           false,
           true,
           {},
           {},
           "Private key",
           "The user's RSA private key as PEM text, as a reference such as ${env:SNOWFLAKE_PRIVATE_KEY} "
           "(sign-in: keyPair)."},
          {"privateKeyPassphrase",
           SettingType::String,
           false,
           true,
           {},
           {},
           "Private key passphrase",
           "When the key is encrypted, as a reference."},
          {"refreshToken",
           SettingType::String,
           false,
           true,
           {},
           {},
           "Refresh token",
           "OAuth refresh token, as a reference (sign-in: oauthRefresh)."},
          {"clientId", SettingType::String, false, false, {}, {}, "OAuth client id", ""},
          {"clientSecret", SettingType::String, false, true, {}, {}, "OAuth client secret", "As a reference."},
          {"tokenUrl",
           SettingType::String,
           false,
           false,
           {},
           {},
           "OAuth token URL",
           "Default: the account's /oauth/token-request."},
          {"warehouse", SettingType::String, false, false, {}, {}, "Warehouse", "Empty: the user's default warehouse."},
          {"database", SettingType::String, false, false, {}, {}, "Database", "Empty: the user's default namespace."},
          {"schema", SettingType::String, false, false, {}, {}, "Schema", ""},
          {"role", SettingType::String, false, false, {}, {}, "Role", "Empty: the user's default role."},
          {"timeoutSeconds",
           SettingType::Integer,
           false,
           false,
           600,
           {},
           "Statement timeout (s)",
           "Snowflake cancels a statement that runs longer; 0 is Snowflake's maximum (7 days)."}}},
    };
    return kinds;
}

const KindSpec *findSourceKind(const std::string &kind)
{
    return findKind(sourceKinds(), kind);
}

namespace {
Result<int> intSetting(const json &s, const std::string &key, const std::string &where, SecretAccess access)
{
    if (s[key].is_number_integer())
        return s[key].get<int>();
    auto text = resolvedSetting(s, key, where, access);
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

#define SLUICE_TRY_ASSIGN(var, expr)                                                                                   \
    auto var##_r = (expr);                                                                                             \
    if (!var##_r)                                                                                                      \
        return std::unexpected(var##_r.error().within(where));                                                         \
    auto var = *var##_r;

    if (def.kind == "sqlite") {
        SLUICE_TRY_ASSIGN(path, resolvedSetting(s, "path", "settings", ctx.secrets));
        return std::make_unique<SqliteSource>(SqliteSettings{absolutePath(path, ctx.projectDir)});
    }
    if (def.kind == "postgres") {
        PostgresSettings p;
        SLUICE_TRY_ASSIGN(host, resolvedSetting(s, "host", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(port, intSetting(s, "port", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(database, resolvedSetting(s, "database", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(user, resolvedSetting(s, "user", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(password, resolvedSetting(s, "password", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(sslmode, resolvedSetting(s, "sslmode", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(timeout, intSetting(s, "connectTimeout", "settings", ctx.secrets));
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
        SLUICE_TRY_ASSIGN(account, resolvedSetting(s, "account", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(baseUrl, resolvedSetting(s, "baseUrl", "settings", ctx.secrets));
        if (baseUrl.empty() && account.empty())
            return invalidInput("settings.required", "give the account identifier (or a baseUrl)",
                                where + ": settings");
        SLUICE_TRY_ASSIGN(method, resolvedSetting(s, "authentication", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(token, resolvedSetting(s, "token", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(tokenType, resolvedSetting(s, "tokenType", "settings", ctx.secrets));
        SnowflakeAuthSettings auth;
        auth.method = method == "keyPair"      ? SnowflakeAuthSettings::Method::KeyPair
                    : method == "oauthRefresh" ? SnowflakeAuthSettings::Method::OAuthRefresh
                                               : SnowflakeAuthSettings::Method::Token;
        auth.token = token;
        auth.tokenType = tokenType;
        auth.account = account;
        SLUICE_TRY_ASSIGN(user, resolvedSetting(s, "user", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(privateKey, resolvedSetting(s, "privateKey", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(passphrase, resolvedSetting(s, "privateKeyPassphrase", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(refreshToken, resolvedSetting(s, "refreshToken", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(clientId, resolvedSetting(s, "clientId", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(clientSecret, resolvedSetting(s, "clientSecret", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(tokenUrl, resolvedSetting(s, "tokenUrl", "settings", ctx.secrets));
        auth.user = user;
        auth.privateKeyPem = privateKey;
        auth.privateKeyPassphrase = passphrase;
        auth.refreshToken = refreshToken;
        auth.clientId = clientId;
        auth.clientSecret = clientSecret;
        SLUICE_TRY_ASSIGN(warehouse, resolvedSetting(s, "warehouse", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(database, resolvedSetting(s, "database", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(schema, resolvedSetting(s, "schema", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(role, resolvedSetting(s, "role", "settings", ctx.secrets));
        SLUICE_TRY_ASSIGN(timeout, intSetting(s, "timeoutSeconds", "settings", ctx.secrets));
        if (timeout < 0)
            return invalidInput("settings.range", "must be 0 or more", where + ": settings.timeoutSeconds");
        f.baseUrl = baseUrl.empty() ? snowflakeAccountUrl(account) : baseUrl;
        auth.tokenUrl = tokenUrl.empty() ? f.baseUrl + "/oauth/token-request" : tokenUrl;
        auto signIn = SnowflakeAuth::make(std::move(auth));
        if (!signIn)
            return std::unexpected(signIn.error().within(where));
        f.auth = std::move(*signIn);
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
    SLUICE_TRY_ASSIGN(path, resolvedSetting(s, "path", "settings", ctx.secrets));
    SLUICE_TRY_ASSIGN(rows, intSetting(s, "inferenceRows", "settings", ctx.secrets));
    c.path = absolutePath(path, ctx.projectDir);
    c.delimiter = charSetting(s["delimiter"].get<std::string>());
    c.quote = charSetting(s["quote"].get<std::string>());
    c.header = s["header"].get<bool>();
    c.inferenceRows = rows;
    return std::make_unique<CsvSource>(std::move(c));
#undef SLUICE_TRY_ASSIGN
}

} // namespace sluice
