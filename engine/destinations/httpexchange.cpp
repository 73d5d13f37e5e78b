#include "httpexchange.h"

#include "http/answers.h"

namespace sluice {

HttpExchange inspectorExchange(const HttpRequest &request, const HttpResponse &response,
                               const std::function<std::string(std::string)> &redact)
{
    const auto shown = [&](std::string text) { return redact ? redact(std::move(text)) : text; };
    HttpExchange exchange;
    exchange.method = request.method;
    exchange.url = shown(request.url);
    exchange.status = response.status;
    exchange.latencyMs = response.latencyMs;
    exchange.requestHeaders = shown(formatHeadersRedacted(request.headers));
    exchange.requestBody = shown(cutForInspector(request.body));
    exchange.responseHeaders = shown(formatHeadersRedacted(response.headers));
    exchange.responseBody = response.status == 0 ? response.transportError : shown(cutForInspector(response.body));
    return exchange;
}

} // namespace sluice
