#include "sources/snowflakeauth.h"

#include "core/envref.h"
#include "core/percentencoding.h"
#include "http/httpclient.h"

#include <nlohmann/json.hpp>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cctype>

namespace sluice {

namespace {

using Clock = std::chrono::system_clock;

// Key-pair JWTs live an hour at most; a new one is made this long before.
constexpr auto kJwtLife = std::chrono::minutes(59);
constexpr auto kRenewAhead = std::chrono::seconds(60);

std::string base64(const unsigned char *data, std::size_t size)
{
    std::string out(4 * ((size + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()), data, int(size));
    out.resize(std::size_t(std::max(n, 0)));
    return out;
}

std::string base64url(std::string_view data)
{
    std::string out = base64(reinterpret_cast<const unsigned char *>(data.data()), data.size());
    for (char &c : out)
        c = c == '+' ? '-' : c == '/' ? '_' : c;
    while (!out.empty() && out.back() == '=')
        out.pop_back();
    return out;
}

std::string upper(std::string s)
{
    for (char &c : s)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

struct PkeyDeleter {
    void operator()(EVP_PKEY *k) const { EVP_PKEY_free(k); }
};
using PkeyPtr = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

Result<PkeyPtr> readPrivateKey(const std::string &pem, const std::string &passphrase)
{
    if (pem.find("-----BEGIN") == std::string::npos)
        return invalidInput("snowflake.private_key",
                            "the private key is not PEM text (it starts with -----BEGIN PRIVATE KEY-----)",
                            "settings.privateKey");
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(pem.data(), int(pem.size())), &BIO_free);
    if (!bio)
        return failed("snowflake.private_key", "out of memory", "settings.privateKey");
    std::string pass = passphrase;
    PkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, pass.empty() ? nullptr : pass.data()));
    if (!key)
        return invalidInput("snowflake.private_key",
                            passphrase.empty() ? "the private key cannot be read (encrypted? give "
                                                 "privateKeyPassphrase)"
                                               : "the private key cannot be read with this passphrase",
                            "settings.privateKey");
    if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_RSA)
        return invalidInput("snowflake.private_key", "Snowflake key-pair authentication needs an RSA key",
                            "settings.privateKey");
    return key;
}

Result<std::string> fingerprintOf(EVP_PKEY *key)
{
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key, &der);
    if (length <= 0)
        return failed("snowflake.private_key", "the public key cannot be derived from the private key");
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(length), digest);
    OPENSSL_free(der);
    return "SHA256:" + base64(digest, sizeof digest);
}

// The account part of a key-pair JWT's names: upper case, without the
// region or cloud of a locator ("xy12345.eu-west-1" -> "XY12345").
std::string jwtAccount(const std::string &account)
{
    return upper(account.substr(0, account.find('.')));
}

} // namespace

struct SnowflakeAuth::Key {
    PkeyPtr pkey;
};

SnowflakeAuth::SnowflakeAuth(SnowflakeAuthSettings settings) : m_settings(std::move(settings))
{ }
SnowflakeAuth::~SnowflakeAuth() = default;

Result<std::shared_ptr<SnowflakeAuth>> SnowflakeAuth::make(SnowflakeAuthSettings settings)
{
    using Method = SnowflakeAuthSettings::Method;
    std::shared_ptr<SnowflakeAuth> auth(new SnowflakeAuth(std::move(settings)));
    const SnowflakeAuthSettings &s = auth->m_settings;
    switch (s.method) {
    case Method::Token:
        if (s.token.empty())
            return invalidInput("settings.required", "give the token (or choose key-pair or OAuth refresh sign-in)",
                                "settings.token");
        auth->m_token = s.token;
        auth->m_expires = Clock::time_point::max();
        break;
    case Method::KeyPair: {
        if (s.account.empty())
            return invalidInput("settings.required", "key-pair sign-in needs the account identifier",
                                "settings.account");
        if (s.user.empty())
            return invalidInput("settings.required", "key-pair sign-in needs the Snowflake user", "settings.user");
        auto key = readPrivateKey(s.privateKeyPem, s.privateKeyPassphrase);
        if (!key)
            return std::unexpected(key.error());
        auto fingerprint = fingerprintOf(key->get());
        if (!fingerprint)
            return std::unexpected(fingerprint.error());
        auth->m_key = std::make_unique<Key>(Key{std::move(*key)});
        auth->m_fingerprint = *fingerprint;
        break;
    }
    case Method::OAuthRefresh:
        if (s.refreshToken.empty())
            return invalidInput("settings.required", "OAuth refresh needs the refresh token", "settings.refreshToken");
        if (s.clientId.empty())
            return invalidInput("settings.required", "OAuth refresh needs the client id", "settings.clientId");
        if (s.tokenUrl.empty())
            return invalidInput("settings.required", "OAuth refresh needs the token URL", "settings.tokenUrl");
        break;
    }
    return auth;
}

Result<std::string> SnowflakeAuth::publicKeyFingerprint(const std::string &privateKeyPem, const std::string &passphrase)
{
    auto key = readPrivateKey(privateKeyPem, passphrase);
    if (!key)
        return std::unexpected(key.error());
    return fingerprintOf(key->get());
}

std::string SnowflakeAuth::tokenType() const
{
    switch (m_settings.method) {
    case SnowflakeAuthSettings::Method::Token: return m_settings.tokenType;
    case SnowflakeAuthSettings::Method::KeyPair: return "KEYPAIR_JWT";
    case SnowflakeAuthSettings::Method::OAuthRefresh: return "OAUTH";
    }
    return {};
}

int SnowflakeAuth::renewals() const
{
    std::lock_guard lock(m_mutex);
    return m_renewals;
}

Result<std::string> SnowflakeAuth::token()
{
    std::lock_guard lock(m_mutex);
    if (m_token.empty() || Clock::now() + kRenewAhead >= m_expires)
        if (auto r = obtain(); !r)
            return std::unexpected(r.error());
    return m_token;
}

Result<std::string> SnowflakeAuth::renew(const std::string &rejected)
{
    std::lock_guard lock(m_mutex);
    if (!canRenew())
        return failed("snowflake.auth", "the token was refused and a given token cannot be renewed (sign in with a "
                                        "key pair or an OAuth refresh token to have Sluice renew it)");
    // Another thread may have renewed it already.
    if (m_token != rejected && !m_token.empty())
        return m_token;
    if (auto r = obtain(); !r)
        return std::unexpected(r.error());
    ++m_renewals;
    return m_token;
}

Result<> SnowflakeAuth::obtain()
{
    using Method = SnowflakeAuthSettings::Method;
    const auto now = Clock::now();
    if (m_settings.method == Method::Token)
        return {};
    if (m_settings.method == Method::KeyPair) {
        const std::string qualified = jwtAccount(m_settings.account) + "." + upper(m_settings.user);
        // A renewed token is always a new one, even within the same second.
        const auto iat = std::max<std::int64_t>(
            std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count(), m_lastIssuedAt + 1);
        m_lastIssuedAt = iat;
        const auto exp = iat + std::chrono::duration_cast<std::chrono::seconds>(kJwtLife).count();
        const std::string header = base64url(R"({"alg":"RS256","typ":"JWT"})");
        const std::string payload = base64url(
            nlohmann::json{{"iss", qualified + "." + m_fingerprint}, {"sub", qualified}, {"iat", iat}, {"exp", exp}}
                .dump());
        const std::string signingInput = header + "." + payload;
        std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
        std::size_t length = 0;
        if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, m_key->pkey.get()) != 1
            || EVP_DigestSign(ctx.get(), nullptr, &length, reinterpret_cast<const unsigned char *>(signingInput.data()),
                              signingInput.size())
                   != 1)
            return failed("snowflake.jwt", "the key-pair token could not be signed");
        std::string signature(length, '\0');
        if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                           reinterpret_cast<const unsigned char *>(signingInput.data()), signingInput.size())
            != 1)
            return failed("snowflake.jwt", "the key-pair token could not be signed");
        signature.resize(length);
        m_token = signingInput + "." + base64url(signature);
        m_expires = now + kJwtLife;
        rememberSecret(m_token); // scrubbed from anything stored or printed
        return {};
    }
    // OAuth refresh.
    HttpRequest request;
    request.method = "POST";
    request.url = m_settings.tokenUrl;
    request.timeoutMs = m_settings.requestTimeoutMs;
    const std::string credentials = m_settings.clientId + ":" + m_settings.clientSecret;
    request.headers
        = {{"Content-Type", "application/x-www-form-urlencoded"},
           {"Accept", "application/json"},
           {"Authorization",
            "Basic " + base64(reinterpret_cast<const unsigned char *>(credentials.data()), credentials.size())}};
    request.body = "grant_type=refresh_token&refresh_token=" + urlEncode(m_settings.refreshToken);
    const HttpResponse response = HttpClient::forThisThread().send(request);
    if (response.status == 0)
        return failed("snowflake.auth", "cannot reach the OAuth token endpoint: " + response.transportError,
                      m_settings.tokenUrl);
    const nlohmann::json body = nlohmann::json::parse(response.body, nullptr, false);
    if (response.status != 200 || !body.is_object() || !body.contains("access_token")
        || !body["access_token"].is_string()) {
        std::string said
            = body.is_object() ? body.value("error_description", body.value("error", std::string())) : std::string();
        if (said.empty())
            said = "HTTP " + std::to_string(response.status);
        return failed("snowflake.auth", "the OAuth token endpoint gave no access token: " + said, m_settings.tokenUrl);
    }
    m_token = body["access_token"].get<std::string>();
    rememberSecret(m_token);
    const int seconds
        = body.contains("expires_in") && body["expires_in"].is_number_integer() ? body["expires_in"].get<int>() : 600;
    m_expires = now + std::chrono::seconds(std::max(seconds, 1));
    return {};
}

} // namespace sluice
