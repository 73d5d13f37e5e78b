// Sign-in to the Snowflake fake (snowflakefake.h): the bearer token, key-pair
// JWTs, OAuth refresh, token lifetimes and the rate limit.
#include "snowflakefake.h"
#include "snowflakefakesupport.h"

#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>
#include <openssl/x509.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace sluice::fakes {

using nlohmann::json;
using namespace snowflake;

namespace {

std::string base64Text(const std::string &data)
{
    std::string out(4 * ((data.size() + 2) / 3) + 1, '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(data.data()), int(data.size()));
    out.resize(std::size_t(std::max(n, 0)));
    return out;
}

std::string base64urlDecode(std::string text)
{
    for (char &c : text)
        c = c == '-' ? '+' : c == '_' ? '/' : c;
    while (text.size() % 4)
        text += '=';
    std::string out(text.size() / 4 * 3 + 3, '\0');
    const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char *>(out.data()),
                                  reinterpret_cast<const unsigned char *>(text.data()), int(text.size()));
    if (n < 0)
        return {};
    out.resize(std::size_t(n) - (text.ends_with("==") ? 2 : text.ends_with("=") ? 1 : 0));
    return out;
}

// Why Snowflake would refuse this key-pair JWT, or "": RS256 by the key,
// issuer QUALIFIED.SHA256:<fingerprint of the key>, subject QUALIFIED, not expired.
std::string verifyJwt(const std::string &token, const std::string &publicKeyPem, const std::string &qualified)
{
    const auto dot1 = token.find('.');
    const auto dot2 = token.find('.', dot1 + 1);
    const json header = json::parse(base64urlDecode(token.substr(0, dot1)), nullptr, false);
    const json payload = json::parse(base64urlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1)), nullptr, false);
    const std::string signature = base64urlDecode(token.substr(dot2 + 1));
    if (!header.is_object() || header.value("alg", "") != "RS256" || !payload.is_object())
        return "JWT token is invalid.";
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new_mem_buf(publicKeyPem.data(), int(publicKeyPem.size())),
                                                  &BIO_free);
    std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr),
                                                            &EVP_PKEY_free);
    if (!key)
        return "JWT token is invalid.";
    unsigned char *der = nullptr;
    const int length = i2d_PUBKEY(key.get(), &der);
    unsigned char digest[SHA256_DIGEST_LENGTH];
    SHA256(der, std::size_t(length), digest);
    OPENSSL_free(der);
    const std::string fingerprint
        = "SHA256:" + base64Text(std::string(reinterpret_cast<char *>(digest), sizeof digest));
    if (payload.value("iss", "") != qualified + "." + fingerprint || payload.value("sub", "") != qualified)
        return "JWT token is invalid.";
    const auto now
        = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
    if (!payload.contains("exp") || !payload["exp"].is_number() || payload["exp"].get<std::int64_t>() < now
        || payload["exp"].get<std::int64_t>() > now + 3660)
        return "JWT token is invalid.";
    std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    const std::string signed_ = token.substr(0, dot2);
    if (EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char *>(signature.data()), signature.size(),
                            reinterpret_cast<const unsigned char *>(signed_.data()), signed_.size())
               != 1)
        return "JWT token is invalid.";
    return {};
}

} // namespace

std::string SnowflakeFake::refusal(const std::string &token, std::string &code)
{
    code = "390303";
    if (token.empty())
        return "Invalid OAuth access token.";
    if (token == m_options.token)
        return {};
    const bool issued = m_tokenUses.count(token) > 0;
    const bool jwt
        = !issued && !m_options.keyPairPublicKeyPem.empty() && std::count(token.begin(), token.end(), '.') == 2;
    if (!issued && !jwt)
        return "Invalid OAuth access token.";
    if (jwt) {
        code = "390144";
        if (auto why = verifyJwt(token, m_options.keyPairPublicKeyPem,
                                 upper(m_options.keyPairAccount) + "." + upper(m_options.keyPairUser));
            !why.empty())
            return why;
    }
    int &uses = m_tokenUses[token];
    if (m_options.tokenLifetimeRequests > 0 && uses >= m_options.tokenLifetimeRequests) {
        if (uses++ == m_options.tokenLifetimeRequests)
            ++m_expiredRefused;
        code = "390318";
        return "OAuth access token expired. [" + std::to_string(m_options.tokenLifetimeRequests) + " requests]";
    }
    ++uses;
    return {};
}

void SnowflakeFake::handleTokenRequest(const httplib::Request &request, httplib::Response &response)
{
    std::lock_guard lock(m_mutex);
    const std::size_t logIndex = logRequest(request, "/oauth/token-request");
    const std::string basic = "Basic " + base64Text(m_options.clientId + ":" + m_options.clientSecret);
    if (m_options.refreshToken.empty() || request.get_header_value("Authorization") != basic) {
        send(response, 401, {{"error", "invalid_client"}, {"error_description", "Client authentication failed."}});
    } else if (request.get_param_value("grant_type") != "refresh_token"
               || request.get_param_value("refresh_token") != m_options.refreshToken) {
        send(response, 400, {{"error", "invalid_grant"}, {"error_description", "Invalid refresh token."}});
    } else {
        const std::string token = "sf-access-" + std::to_string(++m_accessTokensIssued);
        m_tokenUses[token] = 0;
        send(response, 200, {{"access_token", token}, {"token_type", "Bearer"}, {"expires_in", 600}});
    }
    finishLog(logIndex, response);
}

int SnowflakeFake::accessTokensIssued() const
{
    std::lock_guard lock(m_mutex);
    return m_accessTokensIssued;
}

int SnowflakeFake::expiredTokensRefused() const
{
    std::lock_guard lock(m_mutex);
    return m_expiredRefused;
}

bool SnowflakeFake::admit(const httplib::Request &request, httplib::Response &response)
{
    ++m_apiRequests;
    const std::string authorization = request.get_header_value("Authorization");
    const std::string token = authorization.starts_with("Bearer ") ? authorization.substr(7) : std::string();
    std::string code;
    if (const std::string why = refusal(token, code); !why.empty()) {
        send(response, 401, {{"code", code}, {"message", why}});
        return false;
    }
    if (request.get_header_value("User-Agent").empty()) {
        send(response, 400, {{"message", "The User-Agent header is required."}});
        return false;
    }
    if (m_options.rateLimited.hits(m_apiRequests)) {
        if (m_options.retryAfterSeconds > 0)
            response.set_header("Retry-After", std::to_string(m_options.retryAfterSeconds));
        send(response, 429, {{"code", "390505"}, {"message", "Too many requests."}});
        return false;
    }
    return true;
}

} // namespace sluice::fakes
