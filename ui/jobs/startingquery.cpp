#include "startingquery.h"

#include "common/sqlkeywords.h"

#include <QRegularExpression>

namespace sluice::ui {

namespace {
constexpr int kLineWidth = 80;
}

QString quoteIdentifier(const QString &name)
{
    // Lower case only: PostgreSQL folds unquoted names to lower case, so
    // "UserId" must stay quoted to mean the column it names.
    static const QRegularExpression plain(QStringLiteral("^[a-z_][a-z0-9_]*$"));
    if (plain.match(name).hasMatch() && !isSqlKeyword(name))
        return name;
    QString quoted = name;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

QString startingQuery(const QString &table, const QStringList &columns)
{
    QStringList parts;
    for (const QString &p : table.split(QLatin1Char('.')))
        parts << quoteIdentifier(p);
    const QString from = parts.join(QLatin1Char('.'));
    QStringList quoted;
    for (const QString &c : columns)
        quoted << quoteIdentifier(c);
    if (quoted.isEmpty())
        quoted << QStringLiteral("*");
    const QString oneLine = QStringLiteral("SELECT %1 FROM %2").arg(quoted.join(QStringLiteral(", ")), from);
    if (oneLine.size() <= kLineWidth)
        return oneLine;
    // Wrapped: columns filled up to the line width, FROM on a line of its own.
    QStringList lines;
    QString line = QStringLiteral("SELECT ");
    for (int i = 0; i < quoted.size(); ++i) {
        const QString item = quoted[i] + (i + 1 < quoted.size() ? QStringLiteral(",") : QString());
        if (line.trimmed().size() > 6 && line.size() + 1 + item.size() > kLineWidth) {
            lines << line;
            line = QStringLiteral("    ");
        } else if (!line.endsWith(QLatin1Char(' '))) {
            line += QLatin1Char(' ');
        }
        line += item;
    }
    lines << line << QStringLiteral("FROM ") + from;
    return lines.join(QLatin1Char('\n'));
}

} // namespace sluice::ui
