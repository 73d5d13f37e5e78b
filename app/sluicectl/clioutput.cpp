#include "clioutput.h"

#include "core/envref.h"

#include <iostream>

namespace sluice::cli {

std::string oneLine(const std::string &text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '\n')
            out += "\\n";
        else if (c == '\r')
            out += "\\r";
        else
            out += c;
    }
    return out;
}

int exitCodeFor(const Error &e)
{
    return e.kind == ErrorKind::InvalidInput ? 2 : 1;
}

int report(const Error &e)
{
    std::cerr << "error: " << oneLine(redactSecrets(e.describe())) << "\n";
    return exitCodeFor(e);
}

} // namespace sluice::cli
