#include "alertdelivery.h"

#include "http/answers.h"

#include "http/httpclient.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <memory>
#include <mutex>
#include <random>
#include <thread>

namespace sluice {

using namespace std::chrono;

std::string_view deliveryStatusName(DeliveryResult::Status status)
{
    switch (status) {
    case DeliveryResult::Status::Delivered: return "delivered";
    case DeliveryResult::Status::Undeliverable: return "undeliverable";
    case DeliveryResult::Status::Failed: return "failed";
    }
    return "failed";
}

namespace {

// Waits in short slices so a cancel (SIGTERM to the daemon) is not held up
// by a long Retry-After. False when cancelled.
bool waitFor(milliseconds delay, CancelToken *cancel)
{
    const auto until = steady_clock::now() + delay;
    while (steady_clock::now() < until) {
        if (cancel && cancel->isCancelled())
            return false;
        std::this_thread::sleep_for(std::min<steady_clock::duration>(milliseconds(100), until - steady_clock::now()));
    }
    return !(cancel && cancel->isCancelled());
}

// What a permanent webhook answer means for the user (Slack's codes).
std::string webhookAdvice(int status, const std::string &body)
{
    if (status == 410 || body.find("channel_is_archived") != std::string::npos)
        return "the channel is archived, so the hook is dead: point the rule at a live hook";
    if (body.find("no_service") != std::string::npos || body.find("no_team") != std::string::npos)
        return "the hook was disabled or revoked: create a new one and update the reference";
    if (body.find("channel_not_found") != std::string::npos)
        return "the hook's channel no longer exists: point the rule at a live hook";
    if (status == 401 || status == 403)
        return "the hook refuses to post (invalid token or not allowed): check the hook";
    if (status == 404)
        return "no hook at this URL: check the URL and its reference";
    return "the hook refuses the message; retrying cannot help";
}

bool isAscii(std::string_view s)
{
    return std::all_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

std::string base64(std::string_view data)
{
    static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((data.size() + 2) / 3 * 4);
    for (std::size_t i = 0; i < data.size(); i += 3) {
        const std::uint32_t b0 = static_cast<unsigned char>(data[i]);
        const std::uint32_t b1 = i + 1 < data.size() ? static_cast<unsigned char>(data[i + 1]) : 0;
        const std::uint32_t b2 = i + 2 < data.size() ? static_cast<unsigned char>(data[i + 2]) : 0;
        const std::uint32_t n = (b0 << 16) | (b1 << 8) | b2;
        out += kAlphabet[(n >> 18) & 63];
        out += kAlphabet[(n >> 12) & 63];
        out += i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=';
        out += i + 2 < data.size() ? kAlphabet[n & 63] : '=';
    }
    return out;
}

// Header values come from names users typed: a CR or LF would start a new
// header (header injection), so they become spaces.
std::string oneLine(std::string_view s)
{
    std::string out(s);
    std::replace_if(
        out.begin(), out.end(), [](char c) { return c == '\r' || c == '\n'; }, ' ');
    return out;
}

// RFC 2047: non-ASCII header text as =?UTF-8?B?...?= words of at most 75
// characters (45 bytes of text each), split between UTF-8 sequences, folded.
std::string encodeHeaderText(std::string_view text)
{
    if (isAscii(text))
        return std::string(text);
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + 45);
        while (end < text.size() && end > start && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        if (!out.empty())
            out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

// "Sluice Bot <a@b>" with a non-ASCII display name: encode the name only.
std::string encodeAddress(const std::string &address)
{
    const std::string clean = oneLine(address);
    const auto open = clean.rfind('<');
    if (isAscii(clean) || open == std::string::npos)
        return clean;
    std::string name = clean.substr(0, open);
    while (!name.empty() && name.back() == ' ')
        name.pop_back();
    return encodeHeaderText(name) + " " + clean.substr(open);
}

std::string rfc5322Date(system_clock::time_point t)
{
    static constexpr std::array<const char *, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr std::array<const char *, 12> kMonths
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto secs = floor<seconds>(t);
    const auto day = floor<days>(secs);
    const year_month_day ymd{day};
    const hh_mm_ss hms{secs - day};
    return fmt::format("{}, {:02} {} {} {:02}:{:02}:{:02} +0000", kDays[weekday{day}.c_encoding()], unsigned(ymd.day()),
                       kMonths[unsigned(ymd.month()) - 1], int(ymd.year()), hms.hours().count(), hms.minutes().count(),
                       hms.seconds().count());
}

std::string domainOf(const std::string &address)
{
    const std::string a = envelopeAddress(address);
    const auto at = a.find('@');
    return at == std::string::npos ? std::string("sluice.invalid") : a.substr(at + 1);
}

void ensureCurlInitialized()
{
    // curl_global_init must run before the first easy handle; it counts its
    // callers, so running it here as well as in the HTTP client is harmless.
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

struct CurlDeleter {
    void operator()(CURL *c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
    void operator()(curl_slist *l) const { curl_slist_free_all(l); }
};

struct Upload {
    const std::string *data = nullptr;
    std::size_t offset = 0;
};

size_t readUpload(char *buffer, size_t size, size_t count, void *user)
{
    auto *upload = static_cast<Upload *>(user);
    const std::size_t n = std::min(size * count, upload->data->size() - upload->offset);
    std::copy_n(upload->data->data() + upload->offset, n, buffer);
    upload->offset += n;
    return n;
}

std::string urlHost(const std::string &url)
{
    std::string host;
    CURLU *parsed = curl_url();
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        char *h = nullptr;
        if (curl_url_get(parsed, CURLUPART_HOST, &h, 0) == CURLUE_OK)
            host = h;
        curl_free(h);
    }
    curl_url_cleanup(parsed);
    return host;
}

bool isLoopback(const std::string &host)
{
    return host == "localhost" || host == "::1" || host == "[::1]" || host.starts_with("127.");
}

} // namespace

std::string redactedUrl(const std::string &url)
{
    CURLU *parsed = curl_url();
    std::string out = "(URL not shown)";
    if (curl_url_set(parsed, CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME) == CURLUE_OK) {
        char *scheme = nullptr;
        char *host = nullptr;
        char *port = nullptr;
        if (curl_url_get(parsed, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK
            && curl_url_get(parsed, CURLUPART_HOST, &host, 0) == CURLUE_OK) {
            out = std::string(scheme) + "://" + host;
            if (curl_url_get(parsed, CURLUPART_PORT, &port, 0) == CURLUE_OK)
                out += std::string(":") + port;
            out += "/…";
        }
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(parsed);
    return out;
}

DeliveryResult postWebhookAlert(const std::string &url, const std::string &text, const WebhookDeliveryOptions &options,
                                CancelToken *cancel)
{
    DeliveryResult result;
    result.channel = "webhook " + redactedUrl(url);
    HttpRequest request;
    request.method = "POST";
    request.url = url;
    request.headers = {{"Content-Type", "application/json"}};
    request.body = nlohmann::json{{"text", text}}.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    request.timeoutMs = options.timeoutMs;
    std::mt19937_64 rng(std::random_device{}());
    std::string last;
    const int attempts = std::max(1, options.maxAttempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        result.attempts = attempt;
        const HttpResponse response = HttpClient::forThisThread().send(request);
        const int status = response.status;
        if (status >= 200 && status < 300) {
            result.status = DeliveryResult::Status::Delivered;
            result.detail.clear();
            return result;
        }
        milliseconds wait{0};
        if (status == 429) {
            // Slack sends Retry-After in seconds; without one, its documented
            // rate (one message a second) is the wait.
            const milliseconds hint = response.retryAfter().value_or(seconds{1});
            if (hint > options.maxRetryAfter) {
                result.status = DeliveryResult::Status::Failed;
                result.detail = fmt::format("HTTP 429: the hook asked to wait {} s, longer than an alert may "
                                            "wait ({} s)",
                                            duration_cast<seconds>(hint).count(),
                                            duration_cast<seconds>(options.maxRetryAfter).count());
                return result;
            }
            wait = hint;
            last = "HTTP 429 (rate limited)";
        } else if (status == 0 || status >= 500) {
            last = status == 0 ? response.transportError : fmt::format("HTTP {} {}", status, excerpt(response.body));
            wait = options.backoff.delayBefore(attempt + 1, response.retryAfter(), rng);
        } else {
            result.status = DeliveryResult::Status::Undeliverable;
            result.detail
                = fmt::format("HTTP {} {}: {}", status, excerpt(response.body), webhookAdvice(status, response.body));
            return result;
        }
        if (attempt == attempts)
            break;
        if (!waitFor(wait, cancel)) {
            result.status = DeliveryResult::Status::Failed;
            result.detail = last + "; stopped while waiting to retry";
            return result;
        }
    }
    result.status = DeliveryResult::Status::Failed;
    result.detail = fmt::format("gave up after {} attempts; last: {}", result.attempts, last);
    return result;
}

std::string formatMailMessage(const MailMessage &m)
{
    std::string to;
    for (const auto &address : m.to)
        to += (to.empty() ? "" : ", ") + oneLine(address);
    std::string messageId = oneLine(m.messageId);
    if (messageId.empty()) {
        std::mt19937_64 rng(std::random_device{}());
        messageId = fmt::format("{}.{:016x}@{}", duration_cast<milliseconds>(m.date.time_since_epoch()).count(), rng(),
                                domainOf(m.from));
    }
    std::string body;
    for (char c : m.body) {
        if (c == '\r')
            continue;
        if (c == '\n')
            body += "\r\n";
        else
            body += c;
    }
    if (!body.ends_with("\r\n"))
        body += "\r\n";
    // 7bit needs ASCII and lines of at most 998 octets; anything else goes base64.
    bool sevenBit = isAscii(body);
    for (std::size_t start = 0; sevenBit && start < body.size();) {
        const auto end = body.find("\r\n", start);
        sevenBit = end - start <= 998;
        start = end + 2;
    }
    std::string text;
    text += "Date: " + rfc5322Date(m.date) + "\r\n";
    text += "From: " + encodeAddress(m.from) + "\r\n";
    text += "To: " + to + "\r\n";
    text += "Subject: " + encodeHeaderText(oneLine(m.subject)) + "\r\n";
    text += "Message-ID: <" + messageId + ">\r\n";
    text += "MIME-Version: 1.0\r\n";
    text += "Content-Type: text/plain; charset=utf-8\r\n";
    text += std::string("Content-Transfer-Encoding: ") + (sevenBit ? "7bit" : "base64") + "\r\n";
    text += "X-Mailer: Sluice\r\n";
    text += "\r\n";
    if (sevenBit) {
        text += body;
    } else {
        const std::string encoded = base64(m.body);
        for (std::size_t i = 0; i < encoded.size(); i += 76)
            text += encoded.substr(i, 76) + "\r\n";
    }
    return text;
}

DeliveryResult sendAlertMail(const SmtpSettings &smtp, const MailMessage &message, const SmtpDeliveryOptions &options,
                             CancelToken *cancel)
{
    ensureCurlInitialized();
    DeliveryResult result;
    std::string to;
    for (const auto &address : message.to)
        to += (to.empty() ? "" : ", ") + address;
    result.channel = "e-mail to " + to;
    const std::string text = formatMailMessage(message);
    const std::string from = "<" + envelopeAddress(message.from) + ">";
    // A password only travels encrypted to another machine; a relay on this
    // machine (or tls: none, chosen explicitly) may go without.
    long useSsl = CURLUSESSL_TRY;
    if (smtp.tls == "required" || (smtp.tls == "auto" && !smtp.password.empty() && !isLoopback(urlHost(smtp.url))))
        useSsl = CURLUSESSL_ALL;
    else if (smtp.tls == "none")
        useSsl = CURLUSESSL_NONE;

    std::mt19937_64 rng(std::random_device{}());
    const int attempts = std::max(1, options.maxAttempts);
    for (int attempt = 1; attempt <= attempts; ++attempt) {
        result.attempts = attempt;
        std::unique_ptr<CURL, CurlDeleter> curl(curl_easy_init());
        if (!curl) {
            result.status = DeliveryResult::Status::Failed;
            result.detail = "could not create an SMTP client (libcurl)";
            return result;
        }
        std::unique_ptr<curl_slist, SlistDeleter> recipients;
        for (const auto &address : message.to)
            recipients.reset(curl_slist_append(recipients.release(), ("<" + envelopeAddress(address) + ">").c_str()));
        Upload upload{&text, 0};
        char errors[CURL_ERROR_SIZE] = {};
        CURL *c = curl.get();
        curl_easy_setopt(c, CURLOPT_URL, smtp.url.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
        curl_easy_setopt(c, CURLOPT_MAIL_RCPT, recipients.get());
        curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
        curl_easy_setopt(c, CURLOPT_READFUNCTION, readUpload);
        curl_easy_setopt(c, CURLOPT_READDATA, &upload);
        curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(text.size()));
        curl_easy_setopt(c, CURLOPT_USE_SSL, useSsl);
        curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
        curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(std::min(smtp.timeoutSeconds, 10)));
        curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(smtp.timeoutSeconds));
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errors);
        if (!smtp.user.empty()) {
            curl_easy_setopt(c, CURLOPT_USERNAME, smtp.user.c_str());
            curl_easy_setopt(c, CURLOPT_PASSWORD, smtp.password.c_str());
        }
        const CURLcode rc = curl_easy_perform(c);
        if (rc == CURLE_OK) {
            result.status = DeliveryResult::Status::Delivered;
            result.detail.clear();
            return result;
        }
        long reply = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
        const std::string why = errors[0] ? std::string(errors) : std::string(curl_easy_strerror(rc));
        result.detail = reply > 0 ? fmt::format("SMTP {}: {}", reply, why) : why;
        // Permanent: the server said no (5xx), the login was refused, TLS was
        // required and not offered, or the URL is wrong. Retrying cannot help.
        if (reply >= 500 || rc == CURLE_LOGIN_DENIED || rc == CURLE_USE_SSL_FAILED || rc == CURLE_URL_MALFORMAT
            || rc == CURLE_UNSUPPORTED_PROTOCOL) {
            if (rc == CURLE_USE_SSL_FAILED)
                result.detail += " (the server does not offer STARTTLS; settings.smtp.tls \"none\" sends in the "
                                 "clear, for a relay on a trusted network only)";
            result.status = DeliveryResult::Status::Undeliverable;
            return result;
        }
        if (attempt == attempts)
            break;
        if (!waitFor(options.backoff.delayBefore(attempt + 1, std::nullopt, rng), cancel)) {
            result.status = DeliveryResult::Status::Failed;
            result.detail += "; stopped while waiting to retry";
            return result;
        }
    }
    result.status = DeliveryResult::Status::Failed;
    result.detail = fmt::format("gave up after {} attempts; last: {}", result.attempts, result.detail);
    return result;
}

} // namespace sluice
