#include "alertrulesmodel.h"

#include "alertchannelseditor.h"

#include <QBrush>
#include <QColor>

namespace sluice::ui {

using nlohmann::json;

AlertRulesModel::AlertRulesModel(QObject *parent) : QAbstractTableModel(parent)
{ }

void AlertRulesModel::setRules(const json &alerts, const json &defaultChannels)
{
    beginResetModel();
    m_rules = json::array();
    if (alerts.is_array())
        for (const auto &r : alerts)
            if (r.is_object())
                m_rules.push_back(r);
    m_defaults = defaultChannels.is_array() ? defaultChannels : json::array({"log"});
    endResetModel();
}

QString AlertRulesModel::describeCondition(const json &rule)
{
    const std::string when = rule.value("when", "");
    auto number = [&](const char *key) {
        return rule.contains(key) && rule[key].is_number() ? QString::number(rule[key].get<double>())
                                                           : QStringLiteral("?");
    };
    if (when == "run_failed")
        return tr("A run failed");
    if (when == "rejected_share_over")
        return tr("More than %1 % of the records sent rejected").arg(number("percent"));
    if (when == "no_success_for")
        return tr("No successful run for %1 min").arg(number("minutes"));
    if (when == "duration_over")
        return tr("A run took over %1 s").arg(number("seconds"));
    return QString::fromStdString(when);
}

int AlertRulesModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rules.size());
}

int AlertRulesModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertRulesModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return {};
    const json &r = m_rules[std::size_t(index.row())];
    const std::string level = r.value("level", "warning");
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole) {
        switch (index.column()) {
        case Name: return QString::fromStdString(r.value("name", ""));
        case Level:
            return level == "fatal"   ? tr("fatal", "alert level")
                 : level == "warning" ? tr("warning", "alert level")
                 : level == "notice"  ? tr("notice", "alert level")
                                      : QString::fromStdString(level);
        case Condition: return describeCondition(r);
        case Notify:
            return r.contains("notify") ? AlertChannelsEditor::describe(r["notify"])
                                        : tr("default: %1").arg(AlertChannelsEditor::describe(m_defaults));
        }
    }
    if (role == Qt::ForegroundRole && index.column() == Level) {
        if (level == "fatal")
            return QBrush(QColor(0xc6, 0x28, 0x28));
        if (level == "warning")
            return QBrush(QColor(0xb2, 0x6a, 0x00));
    }
    return {};
}

QVariant AlertRulesModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Name: return tr("Rule");
    case Level: return tr("Level");
    case Condition: return tr("When");
    case Notify: return tr("Notify");
    }
    return {};
}

} // namespace sluice::ui
