#pragma once
// The API inspector's table: the HTTP requests of one run and their answers
// as RunRecorder stored them (credentials already redacted, bodies cut at
// 64 KiB, and only the first successful bodies of a run kept): time, batch,
// method, URL, status, duration, bytes sent and received. HttpExchangeFilter
// narrows it by status class.

#include "project/runrecorder.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

#include <vector>

namespace sluice::ui {

class HttpExchangeModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Time, Batch, Method, Url, Status, Duration, Sent, Received, ColumnCount };
    enum Roles { StatusRole = Qt::UserRole + 1 };

    explicit HttpExchangeModel(QObject *parent = nullptr);

    void setExchanges(std::vector<StoredExchange> exchanges);
    const std::vector<StoredExchange> &exchanges() const { return m_exchanges; }

    // The size the body had when it was sent, also when the stored copy was
    // cut or not kept (the recorder notes how many bytes it left out).
    static qint64 originalSize(const std::string &body);
    // Headers, a blank line, and the body indented when it is JSON.
    static QString messageText(const std::string &headers, const std::string &body);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    std::vector<StoredExchange> m_exchanges;
};

class HttpExchangeFilter : public QSortFilterProxyModel {
    Q_OBJECT
public:
    enum class StatusClass { All, Success, ClientError, RateLimited, ServerError, NoResponse };
    using QSortFilterProxyModel::QSortFilterProxyModel;
    void setStatusClass(StatusClass statusClass);
    static bool matches(StatusClass statusClass, int status);

protected:
    bool filterAcceptsRow(int row, const QModelIndex &parent) const override;

private:
    StatusClass m_class = StatusClass::All;
};

} // namespace sluice::ui
