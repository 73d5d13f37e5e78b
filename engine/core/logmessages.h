#pragma once
// What a run says in its job log, as stable codes with arguments. The English
// text is made from the code's template (the project file, the CLI and the
// logs keep it); the app shows the template translated, by code, with the same
// arguments. translations/enginestrings.cpp hands every template to lupdate,
// so a new message cannot miss the catalogue.
//
// Templates number their arguments {1}, {2}, ... A translation may reorder
// them; an argument is text as the engine has it (a count, a name, a
// destination's own reason).

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace sluice {

struct LogTemplate {
    std::string_view code;    // "run.rejected"
    std::string_view english; // "rejected: {1}"
};

// Every template, in a stable order.
std::span<const LogTemplate> logTemplates();

// The template of `code`, or nullptr.
const LogTemplate *findLogTemplate(std::string_view code);

// `pattern` with {n} replaced by args[n-1] ({n} beyond the arguments is left).
std::string fillLogTemplate(std::string_view pattern, const std::vector<std::string> &args);

struct LogMessage {
    std::string code;
    std::vector<std::string> args;

    // The English text (the code itself when unknown).
    std::string english() const;
};

} // namespace sluice
