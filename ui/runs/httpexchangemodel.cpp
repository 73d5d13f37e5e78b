#include "httpexchangemodel.h"

#include <nlohmann/json.hpp>

#include <QBrush>
#include <QColor>
#include <QLocale>
#include <QRegularExpression>

namespace sluice::ui {

HttpExchangeModel::HttpExchangeModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void HttpExchangeModel::setExchanges(std::vector<StoredExchange> exchanges)
{
    beginResetModel();
    m_exchanges = std::move(exchanges);
    endResetModel();
}

qint64 HttpExchangeModel::originalSize(const std::string &body)
{
    const QString text = QString::fromStdString(body);
    // RunRecorder's notes: "[N bytes, not kept: ...]" and "\n… (N more bytes)".
    static const QRegularExpression notKept(QStringLiteral("^\\[(\\d+) bytes, not kept"));
    static const QRegularExpression cut(QStringLiteral("\\n\u2026 \\((\\d+) more bytes\\)$"));
    if (const auto m = notKept.match(text); m.hasMatch())
        return m.captured(1).toLongLong();
    if (const auto m = cut.match(text); m.hasMatch())
        return qint64(body.size()) - qint64(m.captured(0).toUtf8().size()) + m.captured(1).toLongLong();
    return qint64(body.size());
}

QString HttpExchangeModel::messageText(const std::string &headers, const std::string &body)
{
    QString text = QString::fromStdString(headers);
    if (!body.empty()) {
        const auto doc = nlohmann::json::parse(body, nullptr, false);
        text += QStringLiteral("\n\n")
              + (doc.is_discarded()
                     ? QString::fromStdString(body)
                     : QString::fromStdString(doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)));
    }
    return text;
}

int HttpExchangeModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_exchanges.size());
}

int HttpExchangeModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HttpExchangeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const StoredExchange &s = m_exchanges[std::size_t(index.row())];
    const HttpExchange &e = s.exchange;
    if (role == StatusRole)
        return e.status;
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time: return QString::fromStdString(s.at);
        case Batch: return s.batch ? QVariant(*s.batch) : QVariant();
        case Method: return QString::fromStdString(e.method);
        case Url: return QString::fromStdString(e.url);
        case Status: return e.status == 0 ? tr("no response") : QString::number(e.status);
        case Duration: return QStringLiteral("%1 ms").arg(e.latencyMs, 0, 'f', 1);
        case Sent:
            return QLocale().formattedDataSize(originalSize(e.requestBody), 1, QLocale::DataSizeTraditionalFormat);
        case Received:
            return e.status == 0
                     ? QString()
                     : QLocale().formattedDataSize(originalSize(e.responseBody), 1, QLocale::DataSizeTraditionalFormat);
        }
    }
    if (role == Qt::ToolTipRole && index.column() == Status && e.status == 0)
        return QString::fromStdString(e.responseBody);
    if (role == Qt::ToolTipRole && index.column() == Url)
        return QString::fromStdString(e.url);
    if (role == Qt::ForegroundRole && index.column() == Status) {
        if (e.status == 0 || e.status >= 500)
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (e.status >= 400)
            return QBrush(QColor(0xb2, 0x6a, 0x00));
        if (e.status >= 200 && e.status < 300)
            return QBrush(QColor(0x2e, 0x7d, 0x32));
    }
    if (role == Qt::TextAlignmentRole
        && (index.column() == Duration || index.column() == Sent || index.column() == Received))
        return int(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant HttpExchangeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Time: return tr("Time");
    case Batch: return tr("Batch");
    case Method: return tr("Method");
    case Url: return tr("URL");
    case Status: return tr("Status");
    case Duration: return tr("Duration");
    case Sent: return tr("Sent");
    case Received: return tr("Received");
    }
    return {};
}

void HttpExchangeFilter::setStatusClass(StatusClass statusClass)
{
    m_class = statusClass;
    invalidateFilter();
}

bool HttpExchangeFilter::matches(StatusClass statusClass, int status)
{
    switch (statusClass) {
    case StatusClass::All: return true;
    case StatusClass::Success: return status >= 200 && status < 300;
    case StatusClass::ClientError: return status >= 400 && status < 500;
    case StatusClass::RateLimited: return status == 429;
    case StatusClass::ServerError: return status >= 500;
    case StatusClass::NoResponse: return status == 0;
    }
    return true;
}

bool HttpExchangeFilter::filterAcceptsRow(int row, const QModelIndex &parent) const
{
    return matches(m_class, sourceModel()->index(row, 0, parent).data(HttpExchangeModel::StatusRole).toInt());
}

} // namespace sluice::ui
