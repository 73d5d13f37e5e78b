// The transform vocabulary: compileTransform() reads a step's JSON and builds
// it. Cast and value maps live in their own files; the small steps are here.

#include "cast.h"
#include "columnlookup.h"
#include "contactfields.h"
#include "core/sha256.h"
#include "formats/numbers.h"
#include "formats/textutil.h"
#include "transform.h"
#include "valuefunctions.h"
#include "valuemap.h"

#include <algorithm>
#include <functional>

namespace sluice::mapping {

namespace {

// A step that turns text into text (lower, upper, trim, truncate, redact, ...).
class TextTransform : public Transform {
public:
    explicit TextTransform(std::function<Value(const Value &)> f) : m_f(std::move(f)) { }
    StepResult apply(Value &value, const Row &, std::string &) const override
    {
        value = m_f(value);
        return StepResult::Ok;
    }
    FieldType outputType(FieldType) const override { return FieldType::Text; }

private:
    std::function<Value(const Value &)> m_f;
};

class DefaultTransform : public Transform {
public:
    Value fallback;
    StepResult apply(Value &value, const Row &, std::string &) const override
    {
        if (value.isNull() || (value.type() == ValueType::Text && value.asText().empty()))
            value = fallback;
        return StepResult::Ok;
    }
    FieldType outputType(FieldType input) const override
    {
        return input == fieldTypeOf(fallback) ? input : FieldType::Unknown;
    }
};

class ConcatenateTransform : public Transform {
public:
    std::vector<int> columns;
    std::string separator;
    StepResult apply(Value &value, const Row &row, std::string &) const override
    {
        std::string out;
        bool any = false;
        auto add = [&](const Value &v) {
            if (v.isNull() || (v.type() == ValueType::Text && v.asText().empty()))
                return;
            if (any)
                out += separator;
            out += v.type() == ValueType::Text ? v.asText() : v.toString();
            any = true;
        };
        add(value);
        for (int c : columns)
            add(std::size_t(c) < row.size() ? row[c] : Value());
        value = any ? Value(std::move(out)) : Value();
        return StepResult::Ok;
    }
    FieldType outputType(FieldType) const override { return FieldType::Text; }
};

class SplitTransform : public Transform {
public:
    std::string separator;
    std::int64_t index = 0;
    bool trim = true;
    StepResult apply(Value &value, const Row &, std::string &) const override
    {
        if (value.isNull())
            return StepResult::Ok;
        const std::string text = value.toString();
        std::vector<std::string_view> parts;
        std::size_t start = 0;
        for (;;) {
            const std::size_t at = text.find(separator, start);
            parts.push_back(std::string_view(text).substr(start, at == std::string::npos ? at : at - start));
            if (at == std::string::npos)
                break;
            start = at + separator.size();
        }
        const std::int64_t i = index < 0 ? std::int64_t(parts.size()) + index : index;
        if (i < 0 || i >= std::int64_t(parts.size())) {
            value = Value();
            return StepResult::Ok;
        }
        value = std::string(trim ? trimmed(parts[i]) : parts[i]);
        return StepResult::Ok;
    }
    FieldType outputType(FieldType) const override { return FieldType::Text; }
};

class RoundTransform : public Transform {
public:
    int decimals = 0;
    StepResult apply(Value &value, const Row &, std::string &message) const override
    {
        if (value.isNull() || value.type() == ValueType::Integer)
            return StepResult::Ok;
        const auto n = value.type() == ValueType::Boolean ? std::nullopt : numericValue(value);
        if (!n) {
            message = quoteText(value.toString()) + " is not a number";
            return StepResult::Failed;
        }
        value = roundDecimal(*n, decimals);
        return StepResult::Ok;
    }
    FieldType outputType(FieldType input) const override
    {
        return input == FieldType::Integer ? input : FieldType::Decimal;
    }
};

class LookupTransform : public Transform {
public:
    std::shared_ptr<const std::unordered_map<std::string, Value>> table;
    std::string missing;
    Value fallback;
    std::string model;
    StepResult apply(Value &value, const Row &, std::string &message) const override
    {
        if (value.isNull())
            return StepResult::Ok;
        const std::string key = value.toString();
        if (const auto it = table->find(key); it != table->end()) {
            value = it->second;
            return StepResult::Ok;
        }
        message = quoteText(key) + " is not a key of model " + quoteText(model);
        if (missing == "reject")
            return StepResult::Failed;
        if (missing == "null") {
            value = Value();
            message += "; sent as null";
        } else if (missing == "default") {
            value = fallback;
            message += "; sent as the default " + quoteText(fallback.toString());
        } else {
            message += "; passed through";
        }
        return StepResult::Warn;
    }
    FieldType outputType(FieldType) const override { return FieldType::Unknown; }
};

class HashTransform : public Transform {
public:
    std::string normalize;
    std::string countryCode;
    StepResult apply(Value &value, const Row &, std::string &message) const override
    {
        if (value.isNull())
            return StepResult::Ok;
        std::string text = value.toString();
        if (normalize == "email") {
            text = normalizedEmail(text);
            if (text.empty()) {
                value = Value();
                return StepResult::Ok;
            }
            if (!isValidEmail(text)) {
                message = quoteText(value.toString()) + " is not a valid e-mail address";
                return StepResult::Failed;
            }
        } else if (normalize == "phone" || normalize == "phoneDigits") {
            if (trimmed(text).empty()) {
                value = Value();
                return StepResult::Ok;
            }
            std::string e164;
            if (!normalizePhone(text, countryCode, e164, message))
                return StepResult::Failed;
            text = normalize == "phone" ? e164 : e164.substr(1);
        }
        value = sha256Hex(text);
        return StepResult::Ok;
    }
    FieldType outputType(FieldType) const override { return FieldType::Text; }
};

class DropTransform : public Transform {
public:
    StepResult apply(Value &, const Row &, std::string &) const override { return StepResult::Drop; }
    FieldType outputType(FieldType input) const override { return input; }
};

Value redact(const Value &value, std::int64_t keepFirst, std::int64_t keepLast, const std::string &mask)
{
    if (value.isNull())
        return value;
    const std::string text = value.toString();
    const std::size_t length = codePointCount(text);
    // A value no longer than what is kept is masked whole: never shown in clear.
    if (std::size_t(keepFirst + keepLast) >= length)
        keepFirst = keepLast = 0;
    std::string out(firstCodePoints(text, std::size_t(keepFirst)));
    for (std::size_t i = 0; i < length - std::size_t(keepFirst + keepLast); ++i)
        out += mask;
    out += lastCodePoints(text, std::size_t(keepLast));
    return out;
}

// Every transform type with its own options (besides type, when, onError, comment).
using OptionTable = std::vector<std::pair<std::string_view, std::vector<std::string_view>>>;
const OptionTable transformOptions = {
    {"cast", {"to", "format", "inputFormat", "timeZone", "inputTimeZone"}},
    {"valueMap", {"map", "unmapped", "default", "ignoreCase"}},
    {"concatenate", {"columns", "separator"}},
    {"split", {"separator", "index", "trim"}},
    {"round", {"decimals"}},
    {"lookup", {"model", "key", "column", "missing", "default"}},
    {"hash", {"normalize", "defaultCountryCode"}},
    {"redact", {"keepFirst", "keepLast", "mask"}},
    {"drop", {}},
    {"default", {"value"}},
    {"lower", {}},
    {"upper", {}},
    {"trim", {}},
    {"truncate", {"length", "suffix"}},
};

template <typename T> Result<std::unique_ptr<Transform>> done(std::unique_ptr<T> t)
{
    return std::unique_ptr<Transform>(std::move(t));
}

Result<std::unique_ptr<Transform>> build(const std::string &type, const SpecReader &spec, const CompileScope &scope)
{
    const auto known = std::find_if(transformOptions.begin(), transformOptions.end(),
                                    [&](const auto &entry) { return entry.first == type; });
    if (known == transformOptions.end()) {
        std::string names;
        for (const auto &entry : transformOptions)
            names += (names.empty() ? "" : ", ") + std::string(entry.first);
        return spec.error("type", "unknown transform " + quoteText(type) + " (" + names + ")");
    }
    std::vector<std::string_view> keys = {"type", "when", "onError", "comment"};
    keys.insert(keys.end(), known->second.begin(), known->second.end());
    if (auto r = spec.allowOnly(keys); !r)
        return std::unexpected(r.error());
    if (type == "cast")
        return compileCast(spec);
    if (type == "valueMap")
        return compileValueMap(spec);
    if (type == "lower" || type == "upper" || type == "trim")
        return done(std::make_unique<TextTransform>(type == "lower"   ? lowerValue
                                                    : type == "upper" ? upperValue
                                                                      : trimValue));
    if (type == "truncate") {
        auto length = spec.integer("length", 0, 1, 1'000'000);
        auto suffix = spec.text("suffix", "");
        if (!length)
            return std::unexpected(length.error());
        if (!suffix)
            return std::unexpected(suffix.error());
        if (!spec.has("length"))
            return spec.error({}, "missing 'length'");
        return done(std::make_unique<TextTransform>(
            [n = std::size_t(*length), s = *suffix](const Value &v) { return truncateValue(v, n, s); }));
    }
    if (type == "default") {
        auto value = spec.scalar("value");
        if (!value)
            return std::unexpected(value.error());
        auto t = std::make_unique<DefaultTransform>();
        t->fallback = *value;
        return done(std::move(t));
    }
    if (type == "concatenate") {
        auto t = std::make_unique<ConcatenateTransform>();
        auto separator = spec.text("separator", "");
        if (!separator)
            return std::unexpected(separator.error());
        t->separator = *separator;
        if (!spec.has("columns") || !spec.at("columns").is_array() || spec.at("columns").empty())
            return spec.error(spec.has("columns") ? "columns" : "", "needs 'columns', a list of column names");
        const auto &columns = spec.at("columns");
        for (std::size_t i = 0; i < columns.size(); ++i) {
            const std::string where = spec.path("columns") + "[" + std::to_string(i) + "]";
            if (!columns[i].is_string())
                return invalidInput("mapping.invalid", "must be a column name", where);
            const auto index = columnIndex(scope.context.columns, columns[i].get<std::string>());
            if (!index)
                return invalidInput("mapping.unknown_column",
                                    unknownColumnMessage(columns[i].get<std::string>(), scope.context.columns), where);
            t->columns.push_back(*index);
        }
        return done(std::move(t));
    }
    if (type == "split") {
        auto t = std::make_unique<SplitTransform>();
        auto separator = spec.text("separator");
        auto index = spec.integer("index", 0, -1000, 1000);
        auto trim = spec.boolean("trim", true);
        if (!separator)
            return std::unexpected(separator.error());
        if (!index)
            return std::unexpected(index.error());
        if (!trim)
            return std::unexpected(trim.error());
        t->separator = *separator;
        t->index = *index;
        t->trim = *trim;
        return done(std::move(t));
    }
    if (type == "round") {
        auto decimals = spec.integer("decimals", 0, 0, 15);
        if (!decimals)
            return std::unexpected(decimals.error());
        auto t = std::make_unique<RoundTransform>();
        t->decimals = int(*decimals);
        return done(std::move(t));
    }
    if (type == "lookup") {
        auto t = std::make_unique<LookupTransform>();
        auto model = spec.text("model");
        auto key = spec.text("key");
        auto column = spec.text("column");
        auto missing = spec.choice("missing", {"null", "passThrough", "default", "reject"}, "null");
        for (const Error *e : {model ? nullptr : &model.error(), key ? nullptr : &key.error(),
                               column ? nullptr : &column.error(), missing ? nullptr : &missing.error()})
            if (e)
                return std::unexpected(*e);
        t->missing = *missing;
        t->model = *model;
        if (*missing == "default") {
            auto fallback = spec.scalar("default");
            if (!fallback)
                return std::unexpected(fallback.error());
            t->fallback = *fallback;
        } else if (spec.has("default")) {
            return spec.error("default", "'default' is used only with \"missing\": \"default\"");
        }
        if (!scope.context.lookup)
            return invalidInput("mapping.lookup_unavailable", "lookups in other models are not available here",
                                spec.path());
        auto table = scope.context.lookup(*model, *key, *column);
        if (!table)
            return std::unexpected(table.error().within(spec.path()));
        t->table = *table;
        return done(std::move(t));
    }
    if (type == "hash") {
        auto t = std::make_unique<HashTransform>();
        auto normalize = spec.choice("normalize", {"none", "email", "phone", "phoneDigits"}, "none");
        auto code = spec.text("defaultCountryCode", "");
        if (!normalize)
            return std::unexpected(normalize.error());
        if (!code)
            return std::unexpected(code.error());
        t->normalize = *normalize;
        t->countryCode = countryCallingCode(*code);
        if (!code->empty() && t->countryCode.empty())
            return spec.error("defaultCountryCode", "must be a country calling code such as \"86\" or \"+1\"");
        return done(std::move(t));
    }
    if (type == "redact") {
        auto keepFirst = spec.integer("keepFirst", 0, 0, 1000);
        auto keepLast = spec.integer("keepLast", 0, 0, 1000);
        auto mask = spec.text("mask", "*");
        for (const Error *e : {keepFirst ? nullptr : &keepFirst.error(), keepLast ? nullptr : &keepLast.error(),
                               mask ? nullptr : &mask.error()})
            if (e)
                return std::unexpected(*e);
        if (codePointCount(*mask) != 1)
            return spec.error("mask", "must be exactly one character");
        return done(std::make_unique<TextTransform>(
            [f = *keepFirst, l = *keepLast, m = *mask](const Value &v) { return redact(v, f, l, m); }));
    }
    return done(std::make_unique<DropTransform>()); // "drop", the last known type
}

} // namespace

Result<CompiledTransform> compileTransform(const nlohmann::json &json, const std::string &path,
                                           const CompileScope &scope)
{
    if (!json.is_object())
        return invalidInput("mapping.invalid", "a transform must be an object with a \"type\"", path);
    const SpecReader spec(json, path);
    auto type = spec.text("type");
    if (!type)
        return std::unexpected(type.error());
    CompiledTransform out;
    out.type = *type;
    auto transform = build(*type, spec, scope);
    if (!transform)
        return std::unexpected(transform.error());
    out.transform = std::move(*transform);
    auto onError = spec.action("onError", ProblemAction::Reject);
    if (!onError)
        return std::unexpected(onError.error());
    out.onError = *onError;
    if (spec.has("when")) {
        auto text = spec.text("when");
        if (!text)
            return std::unexpected(text.error());
        auto when = Expression::compile(*text, scope.context.columns, scope.nowSeconds);
        if (!when)
            return std::unexpected(when.error().within(spec.path("when")));
        out.when = std::move(*when);
    }
    return out;
}

} // namespace sluice::mapping
