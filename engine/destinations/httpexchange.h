#pragma once
// One way for every HTTP destination to show a request and its answer in the
// API inspector, so none forgets to redact a header or cut a body.

#include "destinations/contract/destination.h"
#include "http/httpclient.h"

#include <functional>
#include <string>

namespace sluice {

// The exchange as the inspector shows it: credential headers redacted, bodies
// cut to the inspector's size, and without an HTTP answer the transport error
// (the most useful thing to show). `redact`, when given, is applied to the URL,
// headers and bodies too (a connector that knows its own secrets' values).
HttpExchange inspectorExchange(const HttpRequest &request, const HttpResponse &response,
                               const std::function<std::string(std::string)> &redact = {});

} // namespace sluice
