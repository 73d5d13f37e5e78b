#include "rules.h"

#include "contactfields.h"
#include "formats/numbers.h"
#include "formats/textutil.h"
#include "specreader.h"

#include <regex>
#include <unordered_set>

namespace sluice::mapping {

namespace {

// libstdc++'s regex matcher recurses per character (about 700 bytes of stack
// each for "^(a|b)*$"), so a long value could exhaust a worker thread's stack;
// longer values fail the rule instead. Validation patterns check short codes,
// names and addresses, far below this.
constexpr std::size_t maxRegexInput = 2'000;

class RequiredRule : public Rule {
public:
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull() || (value.type() == ValueType::Text && trimmed(value.asText()).empty())) {
            message = "a value is required";
            return false;
        }
        return true;
    }
};

class EmailRule : public Rule {
public:
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull() || isValidEmail(value.toString()))
            return true;
        message = quoteText(value.toString()) + " is not a valid e-mail address";
        return false;
    }
};

class PhoneRule : public Rule {
public:
    std::string countryCode;
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull())
            return true;
        std::string e164;
        if (!normalizePhone(value.toString(), countryCode, e164, message))
            return false;
        value = std::move(e164);
        return true;
    }
};

class RegexRule : public Rule {
public:
    std::regex regex;
    std::string pattern;
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull())
            return true;
        const std::string text = value.toString();
        if (text.size() > maxRegexInput) {
            message = "the value is too long to check against the pattern (more than " + std::to_string(maxRegexInput)
                    + " bytes)";
            return false;
        }
        try {
            if (std::regex_search(text, regex))
                return true;
        } catch (const std::regex_error &) { // error_complexity / error_stack while matching
            message = "the pattern is too complex to check against this value";
            return false;
        }
        message = quoteText(text) + " does not match the pattern " + quoteText(pattern, 80);
        return false;
    }
};

class RangeRule : public Rule {
public:
    std::optional<double> min, max;
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull())
            return true;
        const auto n = value.type() == ValueType::Boolean ? std::nullopt : numericValue(value);
        if (!n) {
            message = quoteText(value.toString()) + " is not a number";
            return false;
        }
        if (min && *n < *min) {
            message = value.toString() + " is below the minimum " + formatDouble(*min);
            return false;
        }
        if (max && *n > *max) {
            message = value.toString() + " is above the maximum " + formatDouble(*max);
            return false;
        }
        return true;
    }
};

class MaxLengthRule : public Rule {
public:
    std::size_t max = 0;
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull())
            return true;
        const std::string text = value.toString();
        const std::size_t length = codePointCount(text);
        if (length <= max)
            return true;
        message = quoteText(text) + " is " + std::to_string(length) + " characters long; the maximum is "
                + std::to_string(max);
        return false;
    }
};

class AllowedValuesRule : public Rule {
public:
    std::unordered_set<std::string> values;
    std::string shown; // the list as the message shows it
    bool ignoreCase = false;
    bool check(Value &value, std::string &message) const override
    {
        if (value.isNull())
            return true;
        std::string text = value.toString();
        if (ignoreCase)
            toLowerAscii(text);
        if (values.contains(text))
            return true;
        message = quoteText(value.toString()) + " is not one of the allowed values: " + shown;
        return false;
    }
};

std::string regexProblem(std::regex_constants::error_type code)
{
    namespace rc = std::regex_constants;
    switch (code) {
    case rc::error_collate: return "unknown collating element";
    case rc::error_ctype: return "unknown character class";
    case rc::error_escape: return "invalid escape or a trailing backslash";
    case rc::error_backref: return "back-reference to a group that does not exist";
    case rc::error_brack: return "unbalanced [ ]";
    case rc::error_paren: return "unbalanced ( )";
    case rc::error_brace: return "unbalanced { }";
    case rc::error_badbrace: return "invalid repetition count in { }";
    case rc::error_range: return "invalid character range";
    case rc::error_space:
    case rc::error_stack:
    case rc::error_complexity: return "the pattern is too complex";
    case rc::error_badrepeat: return "*, + or ? with nothing to repeat";
    default: return "invalid pattern";
    }
}

// libstdc++ reports a leading quantifier ("*abc", "(+a)") as unbalanced
// parentheses, which sends the user looking for the wrong mistake; this finds
// a quantifier with nothing before it so the message can say so.
std::optional<std::size_t> quantifierWithoutOperand(std::string_view pattern)
{
    enum class Before { Nothing, Atom, Quantifier, Lazy } before = Before::Nothing;
    bool inClass = false;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (inClass) {
            if (c == '\\')
                ++i;
            else if (c == ']') {
                inClass = false;
                before = Before::Atom;
            }
            continue;
        }
        switch (c) {
        case '\\':
            ++i;
            before = Before::Atom;
            break;
        case '[': inClass = true; break;
        case '(':
            before = Before::Nothing;
            if (i + 1 < pattern.size() && pattern[i + 1] == '?') // (?: (?= (?! (?<= (?<!
                i += i + 2 < pattern.size() && pattern[i + 2] == '<' ? 3 : 2;
            break;
        case '|':
        case '^': before = Before::Nothing; break;
        case '*':
        case '+':
        case '?':
            if (before == Before::Atom)
                before = Before::Quantifier;
            else if (before == Before::Quantifier && c == '?')
                before = Before::Lazy; // a*? is the lazy form
            else
                return i;
            break;
        default: before = Before::Atom;
        }
    }
    return std::nullopt;
}

template <typename T> Result<std::unique_ptr<Rule>> done(std::unique_ptr<T> rule)
{
    return std::unique_ptr<Rule>(std::move(rule));
}

Result<std::unique_ptr<Rule>> build(const std::string &type, const SpecReader &spec)
{
    auto allow = [&](std::vector<std::string_view> own) {
        own.insert(own.end(), {"type", "action", "comment"});
        return spec.allowOnly(own);
    };
    if (type == "required" || type == "email") {
        if (auto r = allow({}); !r)
            return std::unexpected(r.error());
        if (type == "required")
            return done(std::make_unique<RequiredRule>());
        return done(std::make_unique<EmailRule>());
    }
    if (type == "phone") {
        if (auto r = allow({"defaultCountryCode"}); !r)
            return std::unexpected(r.error());
        auto code = spec.text("defaultCountryCode", "");
        if (!code)
            return std::unexpected(code.error());
        auto rule = std::make_unique<PhoneRule>();
        rule->countryCode = countryCallingCode(*code);
        if (!code->empty() && rule->countryCode.empty())
            return spec.error("defaultCountryCode", "must be a country calling code such as \"86\" or \"+1\"");
        return done(std::move(rule));
    }
    if (type == "regex") {
        if (auto r = allow({"pattern", "ignoreCase"}); !r)
            return std::unexpected(r.error());
        auto pattern = spec.text("pattern");
        auto ignoreCase = spec.boolean("ignoreCase", false);
        if (!pattern)
            return std::unexpected(pattern.error());
        if (!ignoreCase)
            return std::unexpected(ignoreCase.error());
        auto rule = std::make_unique<RegexRule>();
        rule->pattern = *pattern;
        if (const auto at = quantifierWithoutOperand(*pattern))
            return invalidInput("mapping.regex",
                                "invalid regular expression " + quoteText(*pattern, 80) + ": '" + (*pattern)[*at]
                                    + "' at position " + std::to_string(charPosition(*pattern, *at))
                                    + " has nothing to repeat",
                                spec.path("pattern"));
        try {
            auto flags = std::regex::ECMAScript | std::regex::optimize;
            if (*ignoreCase)
                flags |= std::regex::icase;
            rule->regex = std::regex(*pattern, flags);
        } catch (const std::regex_error &e) {
            return invalidInput("mapping.regex",
                                "invalid regular expression " + quoteText(*pattern, 80) + ": " + regexProblem(e.code()),
                                spec.path("pattern"));
        }
        return done(std::move(rule));
    }
    if (type == "range") {
        if (auto r = allow({"min", "max"}); !r)
            return std::unexpected(r.error());
        auto rule = std::make_unique<RangeRule>();
        if (spec.has("min")) {
            auto min = spec.number("min");
            if (!min)
                return std::unexpected(min.error());
            rule->min = *min;
        }
        if (spec.has("max")) {
            auto max = spec.number("max");
            if (!max)
                return std::unexpected(max.error());
            rule->max = *max;
        }
        if (!rule->min && !rule->max)
            return spec.error({}, "a range needs 'min', 'max' or both");
        if (rule->min && rule->max && *rule->min > *rule->max)
            return spec.error("min", "is greater than 'max'");
        return done(std::move(rule));
    }
    if (type == "maxLength") {
        if (auto r = allow({"max"}); !r)
            return std::unexpected(r.error());
        if (!spec.has("max"))
            return spec.error({}, "missing 'max'");
        auto max = spec.integer("max", 0, 1, 100'000'000);
        if (!max)
            return std::unexpected(max.error());
        auto rule = std::make_unique<MaxLengthRule>();
        rule->max = std::size_t(*max);
        return done(std::move(rule));
    }
    if (type == "allowedValues") {
        if (auto r = allow({"values", "ignoreCase"}); !r)
            return std::unexpected(r.error());
        auto ignoreCase = spec.boolean("ignoreCase", false);
        if (!ignoreCase)
            return std::unexpected(ignoreCase.error());
        if (!spec.has("values") || !spec.at("values").is_array() || spec.at("values").empty())
            return spec.error(spec.has("values") ? "values" : "", "needs 'values', a non-empty list");
        auto rule = std::make_unique<AllowedValuesRule>();
        rule->ignoreCase = *ignoreCase;
        std::string shown;
        for (std::size_t i = 0; i < spec.at("values").size(); ++i) {
            Value v;
            if (!valueFromJson(spec.at("values")[i], v) || v.isNull())
                return invalidInput("mapping.invalid", "must be a text, number or boolean",
                                    spec.path("values") + "[" + std::to_string(i) + "]");
            std::string text = v.toString();
            shown += (shown.empty() ? "" : ", ") + text;
            if (rule->ignoreCase)
                toLowerAscii(text);
            rule->values.insert(std::move(text));
        }
        // Long lists are cut so one message stays one readable line.
        rule->shown = std::string(firstCodePoints(shown, 100));
        if (rule->shown.size() < shown.size())
            rule->shown += "\xE2\x80\xA6";
        return done(std::move(rule));
    }
    return spec.error("type", "unknown rule " + quoteText(type)
                                  + " (required, email, phone, regex, range, maxLength, allowedValues)");
}

} // namespace

Result<CompiledRule> compileRule(const nlohmann::json &json, const std::string &path)
{
    if (!json.is_object())
        return invalidInput("mapping.invalid", "a rule must be an object with a \"type\"", path);
    const SpecReader spec(json, path);
    auto type = spec.text("type");
    if (!type)
        return std::unexpected(type.error());
    auto rule = build(*type, spec);
    if (!rule)
        return std::unexpected(rule.error());
    auto action = spec.action("action", ProblemAction::Reject);
    if (!action)
        return std::unexpected(action.error());
    return CompiledRule{*type, std::move(*rule), *action};
}

} // namespace sluice::mapping
