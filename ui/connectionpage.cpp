#include "connectionpage.h"

#include "schematreemodel.h"

#include "destinations/destinationkinds.h"
#include "sources/sourcekinds.h"

#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace sluice::ui {

namespace {

QString typeText(ValueType t, const std::string &declared)
{
    return declared.empty() ? QString::fromUtf8(valueTypeName(t).data()) : QString::fromStdString(declared);
}

ConnectionCheck checkSource(const SourceDef &def, const std::string &dir)
{
    ConnectionCheck c;
    auto source = makeSource(def, SourceContext{dir});
    if (!source) {
        c.result = QString::fromStdString(source.error().describe());
        return c;
    }
    auto ok = (*source)->testConnection();
    c.ok = bool(ok);
    c.result = ok ? QObject::tr("OK: %1").arg(QString::fromStdString(*ok))
                  : QString::fromStdString(ok.error().describe());
    if (!ok)
        return c;
    auto tables = (*source)->listTables();
    if (!tables) {
        c.schemaError = QString::fromStdString(tables.error().describe());
        return c;
    }
    for (const auto &t : *tables) {
        SchemaNode n{QString::fromStdString(t.schema.empty() ? t.name : t.schema + "." + t.name),
                     t.isView ? QObject::tr("view") : QObject::tr("table"), {}};
        for (const auto &col : t.columns)
            n.fields.push_back({QString::fromStdString(col.name), typeText(col.type, col.declaredType), {}});
        c.nodes.push_back(std::move(n));
    }
    return c;
}

ConnectionCheck checkDestination(const DestinationDef &def, const std::string &dir)
{
    ConnectionCheck c;
    auto destination = makeDestination(def, DestinationContext{dir});
    if (!destination) {
        c.result = QString::fromStdString(destination.error().describe());
        return c;
    }
    auto ok = (*destination)->testConnection();
    c.ok = bool(ok);
    c.result = ok ? QObject::tr("OK: %1").arg(QString::fromStdString(*ok))
                  : QString::fromStdString(ok.error().describe());
    auto objects = (*destination)->describe();
    if (!objects) {
        c.schemaError = QString::fromStdString(objects.error().describe());
        return c;
    }
    for (const auto &o : *objects) {
        SchemaNode n{QString::fromStdString(o.name), QString::fromStdString(o.label), {}};
        for (const auto &f : o.fields) {
            QStringList flags;
            if (f.identifier)
                flags << QObject::tr("identifier");
            if (f.required)
                flags << QObject::tr("required");
            if (f.custom)
                flags << QObject::tr("custom");
            QString type = typeText(f.type, {});
            if (!f.format.empty())
                type += QStringLiteral(" (%1)").arg(QString::fromStdString(f.format));
            n.fields.push_back({QString::fromStdString(f.name), type, flags});
        }
        c.nodes.push_back(std::move(n));
    }
    return c;
}

} // namespace

ConnectionPage::ConnectionPage(QWidget *parent) : QWidget(parent)
{
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_settings = new QLabel;
    m_settings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_settings->setWordWrap(true);
    m_testButton = new QPushButton(tr("Test Connection"));
    m_testButton->setShortcut(QKeySequence(tr("Ctrl+T")));
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::test);
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_schema = new SchemaTreeModel(this);
    m_tree = new QTreeView;
    m_tree->setModel(m_schema);
    m_tree->setDragEnabled(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAccessibleName(tr("Schema"));
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_settings);
    auto *row = new QHBoxLayout;
    row->addWidget(m_testButton);
    row->addWidget(m_result, 1);
    layout->addLayout(row);
    layout->addWidget(m_tree, 1);

    connect(&m_watcher, &QFutureWatcher<ConnectionCheck>::finished, this, [this] {
        const ConnectionCheck c = m_watcher.result();
        m_testButton->setEnabled(true);
        m_result->setText(c.result + (c.schemaError.isEmpty() ? QString() : QStringLiteral("\n") + c.schemaError));
        m_result->setStyleSheet(c.ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
        m_schema->setNodes(c.nodes);
        emit tested(c.ok);
    });
}

ConnectionPage::~ConnectionPage()
{
    m_watcher.waitForFinished();
}

QString ConnectionPage::resultText() const
{
    return m_result->text();
}

void ConnectionPage::showSettings(const QString &title, const QString &kind, const nlohmann::json &settings)
{
    m_title->setText(title);
    QStringList lines{tr("Kind: %1").arg(kind)};
    for (const auto &[key, value] : settings.items())
        lines << QStringLiteral("%1: %2").arg(QString::fromStdString(key),
                                              QString::fromStdString(value.is_string() ? value.get<std::string>()
                                                                                       : value.dump()));
    m_settings->setText(lines.join('\n'));
    m_result->clear();
    m_schema->setNodes({});
}

void ConnectionPage::showSource(const QString &projectDir, const SourceDef &source)
{
    m_projectDir = projectDir;
    m_source = source;
    m_destination.reset();
    showSettings(QString::fromStdString(source.name), QString::fromStdString(source.kind), source.settings);
    test(); // the schema browser fills from the same check
}

void ConnectionPage::showDestination(const QString &projectDir, const DestinationDef &destination)
{
    m_projectDir = projectDir;
    m_destination = destination;
    m_source.reset();
    showSettings(QString::fromStdString(destination.name), QString::fromStdString(destination.kind),
                 destination.settings);
}

void ConnectionPage::test()
{
    if (m_watcher.isRunning())
        return;
    m_testButton->setEnabled(false);
    m_result->setStyleSheet({});
    m_result->setText(tr("Testing…"));
    const std::string dir = m_projectDir.toStdString();
    if (m_source)
        m_watcher.setFuture(QtConcurrent::run([s = *m_source, dir] { return checkSource(s, dir); }));
    else if (m_destination)
        m_watcher.setFuture(QtConcurrent::run([d = *m_destination, dir] { return checkDestination(d, dir); }));
}

} // namespace sluice::ui
