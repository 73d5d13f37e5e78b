#include "cliargs.h"

#include <charconv>

namespace sluice::cli {

std::optional<std::string> Args::option(const std::string &o) const
{
    auto it = options.find(o);
    return it == options.end() ? std::nullopt : std::optional(it->second);
}

Result<std::optional<long long>> Args::integer(const std::string &o, long long min, long long max) const
{
    auto v = option(o);
    if (!v)
        return std::optional<long long>();
    long long n = 0;
    auto [end, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || end != v->data() + v->size() || n < min || n > max)
        return invalidInput("usage.integer", o + " needs a whole number from " + std::to_string(min) + " to "
                                                 + std::to_string(max) + ", not '" + *v + "'");
    return std::optional<long long>(n);
}

Result<Args> parse(const CommandSpec &spec, const std::vector<std::string> &argv)
{
    Args a;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        const std::string &arg = argv[i];
        if (arg.size() > 1 && arg.rfind("--", 0) == 0) {
            std::string name = arg, value;
            const auto eq = arg.find('=');
            const bool inlineValue = eq != std::string::npos;
            if (inlineValue) {
                name = arg.substr(0, eq);
                value = arg.substr(eq + 1);
            }
            if (spec.flags.count(name) && !inlineValue) {
                a.flags.insert(name);
            } else if (spec.valueOptions.count(name)) {
                if (!inlineValue) {
                    if (i + 1 >= argv.size())
                        return invalidInput("usage.missing_value", name + " needs a value");
                    value = argv[++i];
                }
                a.options[name] = value;
            } else {
                return invalidInput("usage.unknown_option", "unknown option '" + name + "' for '" + spec.name + "'");
            }
        } else {
            a.positionals.push_back(arg);
        }
    }
    if (a.positionals.size() < spec.positionals.size())
        return invalidInput("usage.missing_argument",
                            "missing " + spec.positionals[a.positionals.size()] + " (usage: " + spec.usage + ")");
    if (a.positionals.size() > spec.positionals.size())
        return invalidInput("usage.extra_argument", "unexpected argument '" + a.positionals[spec.positionals.size()]
                                                        + "' (usage: " + spec.usage + ")");
    for (const auto &r : spec.required)
        if (!a.options.count(r))
            return invalidInput("usage.missing_option", "missing " + r + " (usage: " + spec.usage + ")");
    return a;
}

} // namespace sluice::cli
