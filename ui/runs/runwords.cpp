#include "runwords.h"

#include "common/tr.h"

#include "core/logmessages.h"

#include <QCoreApplication>

namespace sluice::ui {

QString runKindText(const std::string &kind)
{
    if (kind == "run")
        return Tr::tr("run", "run kind");
    if (kind == "dry-run")
        return Tr::tr("dry run", "run kind");
    if (kind == "full-resync")
        return Tr::tr("full resync", "run kind");
    if (kind == "retry-rejected")
        return Tr::tr("retry rejected", "run kind");
    if (kind == "reset-baseline")
        return Tr::tr("reset baseline", "run kind");
    return QString::fromStdString(kind); // a newer engine's kind: shown as stored
}

QString syncModeText(const std::string &mode)
{
    if (mode == "upsert")
        return Tr::tr("upsert", "sync mode");
    if (mode == "insert")
        return Tr::tr("insert", "sync mode");
    if (mode == "update")
        return Tr::tr("update", "sync mode");
    if (mode == "mirror")
        return Tr::tr("mirror", "sync mode");
    return QString::fromStdString(mode);
}

QString runStatusText(const std::string &status)
{
    if (status == "running")
        return Tr::tr("running", "run status");
    if (status == "succeeded")
        return Tr::tr("succeeded", "run status");
    if (status == "partial")
        return Tr::tr("partial", "run status");
    if (status == "failed")
        return Tr::tr("failed", "run status");
    if (status == "cancelled")
        return Tr::tr("cancelled", "run status");
    if (status == "deferred")
        return Tr::tr("deferred", "run status");
    return QString::fromStdString(status);
}

QString logLevelText(LogLevel level)
{
    switch (level) {
    case LogLevel::Debug: return Tr::tr("debug", "log level");
    case LogLevel::Info: return Tr::tr("info", "log level");
    case LogLevel::Warning: return Tr::tr("warning", "log level");
    case LogLevel::Error: return Tr::tr("error", "log level");
    }
    return QString::fromUtf8(logLevelName(level).data());
}

QString logMessageText(const LogEvent &event)
{
    const LogTemplate *t = event.code.empty() ? nullptr : findLogTemplate(event.code);
    if (!t)
        return QString::fromStdString(event.message);
    const QString pattern = QCoreApplication::translate("sluice::EngineLog", std::string(t->english).c_str());
    std::vector<std::string> args = event.args;
    const auto word = [&](std::size_t i, QString (*text)(const std::string &)) {
        if (i < args.size())
            args[i] = text(args[i]).toStdString();
    };
    if (event.code.rfind("run.summary", 0) == 0)
        word(0, runStatusText);
    if (event.code == "run.start") {
        word(0, runKindText);
        word(4, syncModeText);
    }
    return QString::fromStdString(fillLogTemplate(pattern.toStdString(), args));
}

} // namespace sluice::ui
