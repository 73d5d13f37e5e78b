// SyncSettingsPage: showing the sync's configuration (reload), when it last
// ran (for the schedule's next run times), and what its destination tells
// about itself (modes, batch and rate limits), read off the GUI thread.

#include "syncsettingspage.h"

#include "settingspinbox.h"

#include "alertrules/alertchannelseditor.h"
#include "alertrules/alertrulesmodel.h"
#include "document/projectdocument.h"
#include "jobs/statereader.h"
#include "scheduleeditor.h"

#include "destinations/destinationkinds.h"
#include "project/projectjson.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QStandardItemModel>
#include <QTableView>

#include <algorithm>

namespace sluice::ui {

using nlohmann::json;

namespace {

DestinationFacts readDestinationFacts(const DestinationDef &def, const std::string &dir, SecretAccess access)
{
    DestinationFacts f;
    auto destination = makeDestination(def, DestinationContext{dir, access});
    if (!destination) {
        f.problem = QString::fromStdString(destination.error().describe());
        return f;
    }
    f.modes = (*destination)->supportedModes();
    const DestinationLimits l = (*destination)->limits();
    f.defaultBatch = l.defaultBatchRecords;
    f.maxBatch = l.maxBatchRecords;
    f.maxConcurrency = l.maxConcurrency;
    f.requestsPerSecond = l.requestsPerSecond;
    f.known = true;
    return f;
}

} // namespace

void SyncSettingsPage::reload()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (sync)
        updateLock(); // protected, or agreed to edit in another page
    if (!sync || (m_shown && *sync == *m_shown))
        return;
    m_shown = *sync;
    const json &settings = sync->settings.is_object() ? sync->settings : json::object();
    auto setting = [&](const char *key) { return settings.contains(key) ? settings[key] : json(); };

    m_title->setText(tr("Settings of %1").arg(m_name));
    {
        const QSignalBlocker block(m_mode);
        m_mode->setCurrentIndex(std::max(0, m_mode->findData(QString::fromStdString(sync->mode))));
    }
    m_modeHint->setText(sync->mode == "mirror"
                            ? tr("Mirror deletes at the destination what leaves the model; the mirror guard "
                                 "stops a run that would delete too much.")
                            : tr("Rows removed from the model stay at the destination."));
    m_schedule->setSchedule(setting("schedule"));
    m_protected->setChecked(setting("protected").is_boolean() && setting("protected").get<bool>());
    for (const NumberField &f : m_numbers) {
        const QSignalBlocker block(f.spin);
        const json v = setting(f.key);
        f.spin->setValue(v.is_number() ? v.get<double>() : f.spin->minimum());
    }
    const bool cursor = setting("changeDetection") == "timestamp";
    m_changeDetection->setCurrentIndex(cursor ? 1 : 0);
    if (!m_timestampColumn->hasFocus())
        m_timestampColumn->setText(QString::fromStdString(
            setting("timestampColumn").is_string() ? setting("timestampColumn").get<std::string>() : std::string()));
    m_backfill->setChecked(!setting("backfill").is_boolean() || setting("backfill").get<bool>());
    if (!m_initialTimestamp->hasFocus()) {
        const json init = setting("initialTimestamp");
        m_initialTimestamp->setText(init.is_null()     ? QString()
                                    : init.is_string() ? QString::fromStdString(init.get<std::string>())
                                                       : QString::fromStdString(init.dump()));
    }
    for (QWidget *w : std::initializer_list<QWidget *>{m_timestampColumn, m_backfill, m_initialTimestamp, m_cursorHint})
        w->setEnabled(cursor);

    const int selected = m_alertTable->currentIndex().row();
    m_alertModel->setRules(setting("alerts"), setting("notify").is_array() ? setting("notify") : json::array({"log"}));
    if (selected >= 0 && selected < m_alertModel->rowCount())
        m_alertTable->selectRow(selected);
    m_alertTable->resizeColumnsToContents();
    const json smtp = setting("smtp");
    m_alertInfo->setText(
        tr("Checked after every run; an incident alerts once and recovers once. Default channels: %1. "
           "Mail server: %2.")
            .arg(AlertChannelsEditor::describe(setting("notify").is_array() ? setting("notify") : json::array({"log"})),
                 smtp.is_object() && smtp.contains("url") ? QString::fromStdString(smtp["url"].get<std::string>())
                                                          : tr("none")));

    // The destination's modes and limits, when its definition changed.
    const DestinationDef *destination = m_document->destination(QString::fromStdString(sync->destination));
    const std::string factsFor = destination ? toJson(*destination).dump() : std::string();
    if (factsFor != m_factsFor) {
        m_factsFor = factsFor;
        loadDestinationFacts();
    } else {
        applyFacts();
    }
}

void SyncSettingsPage::refreshRunState()
{
    const std::string path = m_document->path().toStdString();
    const std::string name = m_name.toStdString();
    m_lastRunTask.start([path, name]() -> std::optional<SysTime> {
        auto runs = readRuns(path, name, 50);
        if (!runs)
            return std::nullopt;
        // As the daemon counts them: dry runs and baseline resets do not.
        for (const RunRecord &r : *runs)
            if (r.kind != "dry-run" && r.kind != "reset-baseline")
                return parseIsoUtc(r.startedAt);
        return std::nullopt;
    });
}

void SyncSettingsPage::loadDestinationFacts()
{
    const DestinationDef *destination
        = m_shown ? m_document->destination(QString::fromStdString(m_shown->destination)) : nullptr;
    if (!destination) {
        m_facts = {};
        applyFacts();
        return;
    }
    const DestinationDef def = *destination;
    const std::string dir = m_document->directory().toStdString();
    const SecretAccess access = ProjectDocument::secretAccess();
    m_factsTask.start([def, dir, access] { return readDestinationFacts(def, dir, access); });
}

void SyncSettingsPage::applyFacts()
{
    if (!m_shown)
        return;
    const QString destination = QString::fromStdString(m_shown->destination);
    auto *items = qobject_cast<QStandardItemModel *>(m_mode->model());
    for (int i = 0; i < m_mode->count(); ++i) {
        const auto mode = parseSyncMode(m_mode->itemData(i).toString().toStdString());
        const bool supported = !m_facts.known || m_facts.modes.empty()
                            || std::find(m_facts.modes.begin(), m_facts.modes.end(), *mode) != m_facts.modes.end();
        if (QStandardItem *item = items ? items->item(i) : nullptr) {
            item->setEnabled(supported);
            item->setToolTip(supported ? QString() : tr("%1 does not support this mode").arg(destination));
        }
    }
    for (const NumberField &f : m_numbers) {
        // A new maximum may clamp the value shown: that is no edit of the user's.
        const QSignalBlocker block(f.spin);
        const QString key = QString::fromLatin1(f.key);
        if (key == QLatin1String("batchSize")) {
            f.spin->setMaximum(m_facts.known ? std::max(1, m_facts.maxBatch) : 100000);
            f.spin->setDefaultText(m_facts.known ? tr("Destination default (%1)").arg(m_facts.defaultBatch)
                                                 : tr("Destination default"));
        } else if (key == QLatin1String("concurrency")) {
            f.spin->setMaximum(m_facts.known ? std::max(1, m_facts.maxConcurrency) : 64);
            f.spin->setDefaultText(m_facts.known ? tr("Destination default (%1)").arg(m_facts.maxConcurrency)
                                                 : tr("Destination default"));
        } else if (key == QLatin1String("requestsPerSecond")) {
            f.spin->setDefaultText(!m_facts.known ? tr("Destination default")
                                   : m_facts.requestsPerSecond > 0
                                       ? tr("Destination default (%1/s)").arg(m_facts.requestsPerSecond)
                                       : tr("Destination default (no limit)"));
        }
    }
    // Setting a maximum may have clamped a shown value: show the configuration again.
    const json &settings = m_shown->settings;
    for (const NumberField &f : m_numbers) {
        const QSignalBlocker block(f.spin);
        const json v = settings.is_object() && settings.contains(f.key) ? settings[f.key] : json();
        f.spin->setValue(v.is_number() ? v.get<double>() : f.spin->minimum());
    }
    if (m_facts.known)
        m_destinationInfo->setText(
            tr("Destination %1: batches of up to %2 records, up to %3 at once, %4. Empty settings use the "
               "destination's.")
                .arg(destination)
                .arg(m_facts.maxBatch)
                .arg(m_facts.maxConcurrency)
                .arg(m_facts.requestsPerSecond > 0 ? tr("at most %1 requests/s").arg(m_facts.requestsPerSecond)
                                                   : tr("no rate limit")));
    else if (!m_facts.problem.isEmpty())
        m_destinationInfo->setText(
            tr("Destination %1: its limits are not known here (%2).").arg(destination, m_facts.problem));
    else
        m_destinationInfo->setText(tr("Destination %1").arg(destination));
}

} // namespace sluice::ui
