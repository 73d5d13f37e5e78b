#pragma once
// The editor tab of one sync: its pages side by side in inner tabs (the
// mapping designer, settings, runs, rejected rows, the API inspector,
// configuration history). Each page is its own widget; this class only
// hosts them and keeps them on the sync's current configuration.

#include "core/entities.h"

#include <QWidget>

#include <optional>

class QTabWidget;

namespace sluice::ui {

class ApiInspectorPage;
class ConfigHistoryPage;
class ProjectDocument;
class RejectedRowsPage;
class SyncMappingPage;
class SyncPage;
class SyncSettingsPage;

class SyncEditor : public QWidget {
    Q_OBJECT
public:
    SyncEditor(ProjectDocument *document, const QString &syncName, QWidget *parent = nullptr);
    ~SyncEditor() override;

    QString syncName() const { return m_name; }
    SyncPage *runsPage() const { return m_runs; }
    SyncMappingPage *mappingPage() const { return m_mapping; }
    SyncSettingsPage *settingsPage() const { return m_settings; }
    RejectedRowsPage *rejectedPage() const { return m_rejected; }
    ApiInspectorPage *inspectorPage() const { return m_inspector; }
    ConfigHistoryPage *historyPage() const { return m_history; }
    QTabWidget *pages() const { return m_pages; }
    // Shows the inner page whose objectName is `name` ("runs", "mapping", ...).
    bool showPage(const QString &name);

public slots:
    void reload();

signals:
    void statusMessage(const QString &text);

private:
    ProjectDocument *m_document;
    QString m_name;
    QTabWidget *m_pages;
    SyncPage *m_runs;
    SyncMappingPage *m_mapping = nullptr;
    SyncSettingsPage *m_settings = nullptr;
    RejectedRowsPage *m_rejected = nullptr;
    ApiInspectorPage *m_inspector = nullptr;
    ConfigHistoryPage *m_history = nullptr;
    std::optional<SyncDef> m_shown;
};

} // namespace sluice::ui
