#pragma once
// The page of a source or a destination: its settings (secrets shown only as
// their references), a Test button with a clear result, and what it offers:
// a source's tables and columns (the schema browser) or a destination's
// objects and fields. Testing and reading the schema run off the GUI thread.

#include "project/entities.h"

#include <QFutureWatcher>
#include <QWidget>

class QLabel;
class QPushButton;
class QTreeView;

namespace sluice::ui {

class SchemaTreeModel;
struct SchemaNode;

struct ConnectionCheck {
    QString result;   // "OK: ..." or the error
    bool ok = false;
    std::vector<SchemaNode> nodes;
    QString schemaError;
};

class ConnectionPage : public QWidget {
    Q_OBJECT
public:
    explicit ConnectionPage(QWidget *parent = nullptr);
    ~ConnectionPage() override;

    void showSource(const QString &projectDir, const SourceDef &source);
    void showDestination(const QString &projectDir, const DestinationDef &destination);
    QString resultText() const;
    SchemaTreeModel *schema() const { return m_schema; }

public slots:
    void test();

signals:
    void tested(bool ok);

private:
    void showSettings(const QString &title, const QString &kind, const nlohmann::json &settings);

    QString m_projectDir;
    std::optional<SourceDef> m_source;
    std::optional<DestinationDef> m_destination;
    QLabel *m_title = nullptr;
    QLabel *m_settings = nullptr;
    QPushButton *m_testButton = nullptr;
    QLabel *m_result = nullptr;
    QTreeView *m_tree = nullptr;
    SchemaTreeModel *m_schema = nullptr;
    QFutureWatcher<ConnectionCheck> m_watcher;
};

} // namespace sluice::ui
