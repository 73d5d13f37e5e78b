#include "errortext.h"

#include "tr.h"

namespace sluice::ui {

namespace {

QString typeText(const std::string &englishType)
{
    if (englishType == "a string")
        return Tr::tr("text");
    if (englishType == "a file path")
        return Tr::tr("a file path");
    if (englishType == "one of the listed choices")
        return Tr::tr("one of the listed choices");
    if (englishType == "a single character")
        return Tr::tr("a single character");
    if (englishType == "an integer")
        return Tr::tr("a whole number");
    if (englishType == "true or false")
        return Tr::tr("true or false");
    if (englishType == "a number")
        return Tr::tr("a number");
    return QString::fromStdString(englishType);
}

} // namespace

QString userErrorText(const Error &error, const std::function<QString(const QString &key)> &label)
{
    const auto arg
        = [&](std::size_t i) { return i < error.args.size() ? QString::fromStdString(error.args[i]) : QString(); };
    const auto labelOf = [&](const QString &key) {
        const QString text = label ? label(key) : QString();
        return text.isEmpty() ? key : text;
    };
    const std::string &c = error.code;
    if (c == "settings.required" && error.args.size() >= 1)
        return Tr::tr("%1 is required.").arg(labelOf(arg(0)));
    if (c == "settings.type" && error.args.size() >= 2)
        return Tr::tr("%1 must be %2.").arg(labelOf(arg(0)), typeText(error.args[1]));
    if (c == "settings.plain_secret" && error.args.size() >= 1)
        return Tr::tr("%1 is a secret: give a reference such as ${env:NAME} or ${keychain:NAME}, never the "
                      "secret itself.")
            .arg(labelOf(arg(0)));
    if (c == "settings.choice" && error.args.size() >= 3)
        return Tr::tr("'%1' is not a choice of %2 (choices: %3).").arg(arg(1), labelOf(arg(0)), arg(2));
    if (c == "settings.character" && error.args.size() >= 1)
        return Tr::tr("%1 must be exactly one character.").arg(labelOf(arg(0)));
    if (c == "settings.unknown" && error.args.size() >= 2)
        return Tr::tr("'%1' is not a setting of a %2 connection.").arg(arg(0), arg(1));
    return QString::fromStdString(error.describe());
}

} // namespace sluice::ui
