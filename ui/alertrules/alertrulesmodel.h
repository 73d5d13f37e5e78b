#pragma once
// The alert rules of one sync (settings.alerts) as a table: name, level,
// condition with its threshold, channels. Read-only: rules are edited in
// AlertRuleDialog and saved through the project document.

#include <nlohmann/json.hpp>

#include <QAbstractTableModel>

namespace sluice::ui {

class AlertRulesModel : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Columns { Name, Level, Condition, Notify, ColumnCount };

    explicit AlertRulesModel(QObject *parent = nullptr);

    // settings["alerts"] and settings["notify"] (the default channels).
    void setRules(const nlohmann::json &alerts, const nlohmann::json &defaultChannels);
    const nlohmann::json &rules() const { return m_rules; }

    // "More than 5 % of records sent rejected", "No successful run for 180 min", ...
    static QString describeCondition(const nlohmann::json &rule);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    nlohmann::json m_rules = nlohmann::json::array();
    nlohmann::json m_defaults = nlohmann::json::array({"log"});
};

} // namespace sluice::ui
