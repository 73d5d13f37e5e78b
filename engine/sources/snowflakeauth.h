#pragma once
// How Sluice signs in to Snowflake's SQL API, and renews the token when it
// runs out in the middle of a long download (issue 13):
//
//   token         a token given as is (OAuth access token or programmatic
//                 access token); cannot be renewed
//   keyPair       a JSON Web Token Sluice signs with the user's RSA private
//                 key (RS256; iss ACCOUNT.USER.SHA256:<public key
//                 fingerprint>, sub ACCOUNT.USER, an hour of life), made
//                 again shortly before it expires or when Snowflake says so
//   oauthRefresh  access tokens from the OAuth token endpoint in exchange for
//                 a refresh token (grant_type=refresh_token, client id and
//                 secret in HTTP Basic), asked for again when one expires
//
// Thread-safe: a source and its open cursors share one.

#include "core/error.h"

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

namespace sluice {

struct SnowflakeAuthSettings {
    enum class Method { Token, KeyPair, OAuthRefresh } method = Method::Token;
    std::string token;               // Token: as given (resolved)
    std::string tokenType = "OAUTH"; // Token: OAUTH | PROGRAMMATIC_ACCESS_TOKEN | KEYPAIR_JWT
    // KeyPair
    std::string account; // the account identifier, as in the URL
    std::string user;
    std::string privateKeyPem;        // PKCS#8 or PKCS#1 PEM text (resolved)
    std::string privateKeyPassphrase; // when the PEM is encrypted
    // OAuthRefresh
    std::string tokenUrl; // default: BASE/oauth/token-request
    std::string refreshToken;
    std::string clientId;
    std::string clientSecret;
    int requestTimeoutMs = 30000;
};

class SnowflakeAuth {
public:
    // Checks the settings (a readable key, the fields each method needs).
    static Result<std::shared_ptr<SnowflakeAuth>> make(SnowflakeAuthSettings settings);
    ~SnowflakeAuth();

    // The token to send now, renewed first when it is about to expire.
    Result<std::string> token();
    // After a 401: a new token, or an error saying why none can be had
    // ("a given token cannot be renewed", the token endpoint's answer).
    Result<std::string> renew(const std::string &rejected);
    bool canRenew() const { return m_settings.method != SnowflakeAuthSettings::Method::Token; }
    // The X-Snowflake-Authorization-Token-Type header's value.
    std::string tokenType() const;
    int renewals() const;

    // For tests and the fake: the fingerprint Snowflake expects in a key-pair
    // JWT's issuer, "SHA256:<base64 of the DER public key's SHA-256>".
    static Result<std::string> publicKeyFingerprint(const std::string &privateKeyPem, const std::string &passphrase);

private:
    explicit SnowflakeAuth(SnowflakeAuthSettings settings);
    Result<> obtain(); // a fresh token into m_token (m_mutex held)

    SnowflakeAuthSettings m_settings;
    struct Key;
    std::unique_ptr<Key> m_key; // the parsed private key (KeyPair)
    std::string m_fingerprint;
    mutable std::mutex m_mutex;
    std::string m_token;
    std::chrono::system_clock::time_point m_expires{};
    int m_renewals = 0;
    std::int64_t m_lastIssuedAt = 0; // iat of the last key-pair JWT
};

} // namespace sluice
