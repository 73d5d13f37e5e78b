#include "payloadpreviewmodel.h"

#include "canvas/mappingitems.h"
#include "common/jsontext.h"

#include <QFont>
#include <QGuiApplication>
#include <QPalette>

namespace sluice::ui {

PayloadPreviewModel::PayloadPreviewModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void PayloadPreviewModel::setResult(PayloadPreviewResult result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

void PayloadPreviewModel::clear()
{
    setResult({});
}

PayloadPreviewModel::State PayloadPreviewModel::stateOf(const PreviewedRow &row)
{
    if (row.filtered)
        return Filtered;
    if (row.rejected)
        return Rejected;
    return row.problems.empty() ? Sent : Warned;
}

QString PayloadPreviewModel::problemText(const FieldProblem &p)
{
    QString action;
    switch (p.action) {
    case ProblemAction::Reject: action = tr("rejects the row"); break;
    case ProblemAction::DropField: action = tr("field left out"); break;
    case ProblemAction::Warn: action = tr("warning"); break;
    }
    // Problems that carry their parts are said in the user's language.
    QString message = QString::fromStdString(p.message);
    const auto arg = [&](std::size_t i) { return QString::fromStdString(p.args[i]); };
    if (p.rule == "destinationOptions" && p.args.size() == 3) {
        const int total = arg(2).toInt();
        const QString options = total > 6 ? tr("%1, … %n in all", nullptr, total).arg(arg(1)) : arg(1);
        message = tr("'%1' is not one of the destination's options for this field (%2)").arg(arg(0), options);
    } else if (p.rule == "destinationType" && p.args.size() == 2) {
        message = p.args[1] == "integer" ? tr("'%1' is not a whole number, which this field takes").arg(arg(0))
                : p.args[1] == "number"  ? tr("'%1' is not a number, which this field takes").arg(arg(0))
                                         : tr("'%1' is not true or false, which this field takes").arg(arg(0));
    }
    return p.field.empty() ? tr("%1 (%2)").arg(message, action)
                           : tr("%1: %2 (%3)").arg(QString::fromStdString(p.field), message, action);
}

int PayloadPreviewModel::count(State state) const
{
    int n = 0;
    for (const PreviewedRow &r : m_result.rows)
        n += stateOf(r) == state;
    return n;
}

QString PayloadPreviewModel::countsText() const
{
    const int rows = int(m_result.rows.size());
    const int warned = count(Warned);
    QString text = (rows == 1 ? tr("1 row: %1 ok, %2 rejected, %3 filtered out")
                              : tr("%n rows: %1 ok, %2 rejected, %3 filtered out", nullptr, rows))
                       .arg(count(Sent) + warned)
                       .arg(count(Rejected))
                       .arg(count(Filtered));
    if (warned > 0)
        text += ' ' + (warned == 1 ? tr("(1 with warnings)") : tr("(%n with warnings)", nullptr, warned));
    return text;
}

int PayloadPreviewModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_result.rows.size());
}

int PayloadPreviewModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PayloadPreviewModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= int(m_result.rows.size()))
        return {};
    const PreviewedRow &row = m_result.rows[std::size_t(index.row())];
    const State state = stateOf(row);
    const QPalette palette = QGuiApplication::palette();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn: return row.key.isEmpty() ? tr("row %1").arg(index.row() + 1) : row.key;
        case ResultColumn:
            switch (state) {
            case Sent: return tr("ok");
            case Warned:
                return row.problems.size() == 1 ? tr("ok, 1 warning")
                                                : tr("ok, %n warnings", nullptr, int(row.problems.size()));
            case Rejected: return tr("rejected");
            case Filtered: return tr("filtered out");
            }
            return {};
        case PayloadColumn: return row.payload.empty() ? QStringLiteral("—") : oneLineJson(row.payload);
        }
        return {};
    case Qt::ToolTipRole: {
        QStringList lines;
        if (state == Filtered)
            lines << tr("Left out by the sync's filter or sampling: not sent.");
        else if (state == Rejected)
            lines << tr("A validation rule rejects this row: it would not be sent.");
        for (const FieldProblem &p : row.problems)
            lines << problemText(p);
        return lines.isEmpty() ? QVariant() : lines.join('\n');
    }
    case Qt::ForegroundRole:
        if (state == Filtered)
            return CanvasStyle::muted(palette);
        if (index.column() == ResultColumn && (state == Rejected || state == Warned))
            return CanvasStyle::problemColor(palette, state == Rejected);
        return {};
    case Qt::BackgroundRole:
        if (state == Rejected || state == Warned) {
            QColor c = CanvasStyle::problemColor(palette, state == Rejected);
            c.setAlpha(40);
            return c;
        }
        return {};
    case Qt::FontRole:
        if (state == Filtered) {
            QFont f;
            f.setItalic(true);
            return f;
        }
        return {};
    case StateRole: return int(state);
    case PrettyPayloadRole: return prettyJson(row.payload);
    case ProblemsRole: {
        QStringList lines;
        for (const FieldProblem &p : row.problems)
            lines << problemText(p);
        return lines.join('\n');
    }
    case SourceIndexRole: return qulonglong(row.sourceIndex);
    }
    return {};
}

QVariant PayloadPreviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Row key");
    case ResultColumn: return tr("Result");
    case PayloadColumn: return tr("Payload");
    }
    return {};
}

} // namespace sluice::ui
