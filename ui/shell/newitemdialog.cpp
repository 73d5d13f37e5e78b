#include "newitemdialog.h"

#include "common/errortext.h"
#include "connections/credentialstore.h"
#include "connections/settingsform.h"
#include "document/projectdocument.h"

#include "core/envref.h"
#include "destinations/destinationkinds.h"
#include "project/projectjson.h"
#include "sources/sourcekinds.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScreen>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

QStringList namesOf(const auto &items)
{
    QStringList names;
    for (const auto &item : items)
        names << QString::fromStdString(item.name);
    return names;
}

const std::vector<KindSpec> &kindsFor(EntityKind kind)
{
    return kind == EntityKind::Source ? sourceKinds() : destinationKinds();
}

QString kindLabel(const KindSpec &spec)
{
    return QCoreApplication::translate("sluice::SettingsSpec", spec.label.c_str());
}

} // namespace

NewItemDialog::NewItemDialog(EntityKind kind, const ProjectConfig &config, const QString &projectDir,
                             CredentialStore *credentials, QWidget *parent)
    : QDialog(parent), m_kind(kind), m_config(config), m_projectDir(projectDir),
      m_credentials(credentials ? credentials : CredentialStore::defaultStore())
{
    switch (kind) {
    case EntityKind::Source: setWindowTitle(tr("Add a Source")); break;
    case EntityKind::Model: setWindowTitle(tr("Add a Model")); break;
    case EntityKind::Destination: setWindowTitle(tr("Add a Destination")); break;
    case EntityKind::Sync: setWindowTitle(tr("Add a Sync")); break;
    }
    auto *form = new QFormLayout;
    m_name = new QLineEdit(suggestedName());
    m_name->setAccessibleName(tr("Name"));
    m_name->selectAll();
    form->addRow(tr("&Name:"), m_name);
    connect(m_name, &QLineEdit::textChanged, this, &NewItemDialog::revalidate);

    if (kind == EntityKind::Source || kind == EntityKind::Destination)
        buildConnection(form);
    else if (kind == EntityKind::Model)
        buildModel(form);
    else
        buildSync(form);

    m_message = new QLabel;
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Add"));
    if (m_form) {
        m_test = m_buttons->addButton(tr("&Test"), QDialogButtonBox::ActionRole);
        m_test->setObjectName(QStringLiteral("testConnection"));
        m_test->setToolTip(tr("Connect with these settings before adding (Ctrl+T)"));
        m_test->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_T));
        m_test->setAutoDefault(false);
        connect(m_test, &QPushButton::clicked, this, &NewItemDialog::test);
        m_testResult = new QLabel;
        m_testResult->setObjectName(QStringLiteral("testResult"));
        m_testResult->setWordWrap(true);
        m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
        m_testResult->hide();
        m_testTask.onFinished(this, [this] {
            const ConnectionCheck c = m_testTask.result();
            m_testing = false;
            m_test->setEnabled(true);
            m_testResult->setText(c.result);
            m_testResult->setStyleSheet(c.ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
        });
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, &NewItemDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &NewItemDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    if (m_form) {
        auto *scroll = new QScrollArea;
        m_scroll = scroll;
        scroll->setWidget(m_form);
        scroll->setWidgetResizable(true);
        scroll->setFrameShape(QFrame::NoFrame);
        layout->addWidget(scroll, 1);
    }
    if (m_testResult)
        layout->addWidget(m_testResult);
    layout->addWidget(m_message);
    layout->addWidget(m_buttons);
    resize(560, 200);
    fitToForm();
    revalidate();
}

NewItemDialog::~NewItemDialog() = default;

QString NewItemDialog::testResult() const
{
    return m_testResult && !m_testResult->isHidden() ? m_testResult->text() : QString();
}

void NewItemDialog::test()
{
    if (!m_form || m_testing)
        return;
    // The settings as typed: secrets are not in the keychain yet.
    nlohmann::json settings = m_settings;
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it)
        settings[it.key().toStdString()] = it.value().toStdString();
    const std::string kind = m_kindCombo->currentData().toString().toStdString();
    const std::string dir = m_projectDir.toStdString(), itemName = name().toStdString();
    const SecretAccess access = ProjectDocument::secretAccess();
    m_testing = true;
    m_test->setEnabled(false);
    m_testResult->setStyleSheet({});
    m_testResult->setText(tr("Testing…"));
    m_testResult->show();
    if (m_kind == EntityKind::Source)
        m_testTask.start(
            [def = SourceDef{itemName, kind, settings}, dir, access] { return checkSource(def, dir, access); });
    else
        m_testTask.start([def = DestinationDef{itemName, kind, settings}, dir, access] {
            return checkDestination(def, dir, access);
        });
}

void NewItemDialog::buildConnection(QFormLayout *form)
{
    m_kindCombo = new QComboBox;
    for (const KindSpec &spec : kindsFor(m_kind))
        m_kindCombo->addItem(kindLabel(spec), QString::fromStdString(spec.kind));
    m_kindCombo->setAccessibleName(tr("Kind"));
    form->addRow(tr("&Kind:"), m_kindCombo);
    m_form = new SettingsForm;
    connect(m_form, &SettingsForm::valueEdited, this, [this](const QString &key, const nlohmann::json &value, bool) {
        if (value.is_null())
            m_settings.erase(key.toStdString());
        else
            m_settings[key.toStdString()] = value;
        m_secrets.remove(key);
        revalidate();
    });
    connect(m_form, &SettingsForm::secretEntered, this, [this](const QString &key, const QString &secret) {
        m_secrets.insert(key, secret);
        // Validation sees the reference the project will hold.
        m_settings[key.toStdString()] = isSecretReference(secret.toStdString())
                                          ? secret.toStdString()
                                          : keychainReference(secretKey(key)).toStdString();
        revalidate();
    });
    connect(m_form, &SettingsForm::secretForgotten, this, [this](const QString &key) {
        m_secrets.remove(key);
        m_settings.erase(key.toStdString());
        revalidate();
    });
    connect(m_kindCombo, &QComboBox::currentIndexChanged, this, &NewItemDialog::onKindChanged);
    onKindChanged();
}

void NewItemDialog::onKindChanged()
{
    const std::string kind = m_kindCombo->currentData().toString().toStdString();
    const KindSpec *spec = m_kind == EntityKind::Source ? findSourceKind(kind) : findDestinationKind(kind);
    m_settings = nlohmann::json::object();
    m_secrets.clear();
    m_form->setSpec(spec, m_kind == EntityKind::Destination);
    m_form->setSettings(m_settings, m_projectDir);
    fitToForm();
    revalidate();
}

void NewItemDialog::fitToForm()
{
    // Tall enough for the whole form of the kind chosen (PostgreSQL's eight
    // fields, not three and a half), within the screen; taller forms scroll.
    if (!m_form || !m_buttons)
        return;
    const QRect screen = this->screen() ? this->screen()->availableGeometry() : QRect(0, 0, 1366, 768);
    const int chrome = QDialog::sizeHint().height() - (m_scroll ? m_scroll->sizeHint().height() : 0);
    const int wanted = chrome + m_form->sizeHint().height() + 8;
    const int height = std::min(wanted, int(screen.height() * 0.85));
    if (m_scroll)
        m_scroll->setMinimumHeight(std::min(m_form->sizeHint().height(), height - chrome));
    if (height > this->height())
        resize(std::max(width(), 560), height);
}

void NewItemDialog::buildModel(QFormLayout *form)
{
    m_source = new QComboBox;
    m_source->addItems(namesOf(m_config.sources));
    m_source->setAccessibleName(tr("Source"));
    form->addRow(tr("&Source:"), m_source);
    m_sql = new QPlainTextEdit;
    m_sql->setPlaceholderText(
        tr("SELECT … FROM …  (refine it in the model editor, with the source's tables beside it)"));
    m_sql->setTabChangesFocus(true);
    m_sql->setAccessibleName(tr("SQL"));
    m_sqlLabel = new QLabel(tr("S&QL:"));
    m_sqlLabel->setBuddy(m_sql);
    form->addRow(m_sqlLabel, m_sql);
    m_key = new QLineEdit;
    m_key->setPlaceholderText(tr("e.g. user_id (several: tenant_id, user_id)"));
    m_key->setAccessibleName(tr("Primary key"));
    form->addRow(tr("&Primary key:"), m_key);
    const auto sourceChanged = [this] {
        // A CSV file is its own model: no SQL.
        const std::string name = m_source->currentText().toStdString();
        bool sql = true;
        for (const SourceDef &s : m_config.sources)
            if (s.name == name)
                sql = s.kind != "csv";
        m_sql->setVisible(sql);
        m_sqlLabel->setVisible(sql);
        revalidate();
    };
    connect(m_source, &QComboBox::currentIndexChanged, this, sourceChanged);
    connect(m_sql, &QPlainTextEdit::textChanged, this, &NewItemDialog::revalidate);
    connect(m_key, &QLineEdit::textChanged, this, &NewItemDialog::revalidate);
    sourceChanged();
}

void NewItemDialog::buildSync(QFormLayout *form)
{
    m_model = new QComboBox;
    for (const QString &name : namesOf(m_config.models))
        m_model->addItem(name, name);
    // An audience is a model too: a sync of it sends who joins and, in
    // mirror mode, who leaves.
    QStringList audienceNames;
    for (const auto &doc : m_config.audiences)
        if (doc.is_object() && doc.contains("name") && doc["name"].is_string())
            audienceNames << QString::fromStdString(doc["name"].get<std::string>());
    audienceNames.sort();
    if ((!audienceNames.isEmpty() || m_config.customerSchema.contains("tags")) && m_model->count() > 0)
        m_model->insertSeparator(m_model->count());
    for (const QString &name : audienceNames)
        m_model->addItem(tr("%1 (audience)").arg(name), name);
    // The tags model: every customer with a true/false field per tag.
    const auto &schema = m_config.customerSchema;
    if (schema.is_object() && schema.contains("tags") && schema["tags"].is_object()
        && schema["tags"].value("model", nlohmann::json()).is_string()) {
        const QString tags = QString::fromStdString(schema["tags"]["model"].get<std::string>());
        m_model->addItem(tr("%1 (tags)").arg(tags), tags);
    }
    m_model->setAccessibleName(tr("Model"));
    form->addRow(tr("&Model:"), m_model);
    m_destination = new QComboBox;
    m_destination->addItems(namesOf(m_config.destinations));
    m_destination->setAccessibleName(tr("Destination"));
    form->addRow(tr("&Destination:"), m_destination);
    m_mode = new QComboBox;
    m_mode->addItem(tr("Upsert: send new and changed rows"), QStringLiteral("upsert"));
    m_mode->addItem(tr("Insert: send new rows only"), QStringLiteral("insert"));
    m_mode->addItem(tr("Update: send changed rows only"), QStringLiteral("update"));
    m_mode->addItem(tr("Mirror: also delete what leaves the model"), QStringLiteral("mirror"));
    m_mode->setAccessibleName(tr("Mode"));
    form->addRow(tr("M&ode:"), m_mode);
    for (QComboBox *c : {m_model, m_destination, m_mode})
        connect(c, &QComboBox::currentIndexChanged, this, &NewItemDialog::revalidate);
}

QString NewItemDialog::name() const
{
    return m_name->text().trimmed();
}

QString NewItemDialog::section() const
{
    return m_kind == EntityKind::Source ? QStringLiteral("source") : QStringLiteral("destination");
}

QString NewItemDialog::secretKey(const QString &field) const
{
    return keychainKey(QString::fromStdString(m_config.name), section(), name(), field);
}

QString NewItemDialog::suggestedName() const
{
    QString base;
    switch (m_kind) {
    case EntityKind::Source: base = QStringLiteral("source"); break;
    case EntityKind::Model: base = QStringLiteral("model"); break;
    case EntityKind::Destination: base = QStringLiteral("destination"); break;
    case EntityKind::Sync: base = QStringLiteral("sync"); break;
    }
    for (int i = 1;; ++i) {
        const QString candidate = base + QString::number(i);
        if (!nameExists(m_config, m_kind, candidate))
            return candidate;
    }
}

ProjectConfig NewItemDialog::withItem() const
{
    ProjectConfig c = m_config;
    const std::string n = name().toStdString();
    switch (m_kind) {
    case EntityKind::Source:
    case EntityKind::Destination: {
        const std::string kind = m_kindCombo->currentData().toString().toStdString();
        if (m_kind == EntityKind::Source)
            c.sources.push_back(SourceDef{n, kind, m_settings});
        else
            c.destinations.push_back(DestinationDef{n, kind, m_settings});
        break;
    }
    case EntityKind::Model: {
        ModelDef m;
        m.name = n;
        m.source = m_source->currentText().toStdString();
        if (!m_sql->isHidden())
            m.sql = m_sql->toPlainText().trimmed().toStdString();
        for (const QString &k : m_key->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
            if (!k.trimmed().isEmpty())
                m.primaryKey.push_back(k.trimmed().toStdString());
        c.models.push_back(std::move(m));
        break;
    }
    case EntityKind::Sync: {
        SyncDef s;
        s.name = n;
        s.model = m_model->currentData().toString().toStdString();
        s.destination = m_destination->currentText().toStdString();
        s.mode = m_mode->currentData().toString().toStdString();
        c.syncs.push_back(std::move(s));
        break;
    }
    }
    return c;
}

void NewItemDialog::revalidate()
{
    if (!m_message)
        return; // still building
    if (m_testResult && !m_testing)
        m_testResult->hide(); // it was about other settings
    QString problem;
    if (name().isEmpty())
        problem = tr("Enter a name.");
    else if (nameExists(m_config, m_kind, name()))
        problem = tr("The name '%1' is already used.").arg(name());
    else if (m_kind == EntityKind::Model && m_config.sources.empty())
        problem = tr("The project has no source yet: add a source first.");
    else if (m_kind == EntityKind::Sync && m_config.models.empty())
        problem = tr("The project has no model yet: add a model first.");
    else if (m_kind == EntityKind::Sync && m_config.destinations.empty())
        problem = tr("The project has no destination yet: add a destination first.");
    else if (m_kind == EntityKind::Model && m_key->text().trimmed().isEmpty())
        problem = tr("Enter the primary key: the column (or columns) that identify a row.");
    else if (m_kind == EntityKind::Model && !m_sql->isHidden() && m_sql->toPlainText().trimmed().isEmpty())
        problem = tr("Enter the model's SQL.");
    else if (auto ok = validateConfig(withItem()); !ok) {
        // In the user's words, naming the form's field, not "$.sources[1].settings: ...".
        const KindSpec *spec = m_form ? m_form->spec() : nullptr;
        problem = userErrorText(ok.error(), [spec](const QString &key) {
            const SettingSpec *s = spec ? spec->find(key.toStdString()) : nullptr;
            return s ? QCoreApplication::translate("sluice::SettingsSpec", s->label.c_str()) : QString();
        });
    }
    m_problem = problem;
    m_message->setText(problem);
    m_message->setVisible(!problem.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

bool NewItemDialog::storeSecrets(QString *error)
{
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it) {
        if (isSecretReference(it.value().toStdString()))
            continue; // a reference typed by hand is kept as it is
        QString why;
        if (!m_credentials) {
            why = tr("No keychain is available here: enter a reference such as ${env:NAME}.");
        } else if (m_credentials->write(secretKey(it.key()), it.value(), &why)) {
            continue;
        }
        m_form->setFieldError(it.key(), tr("Could not save it in the keychain: %1").arg(why));
        if (error)
            *error = why;
        return false;
    }
    return true;
}

void NewItemDialog::accept()
{
    revalidate();
    if (!m_problem.isEmpty())
        return;
    // Secret references carry the final name: refresh them, then store.
    for (auto it = m_secrets.cbegin(); it != m_secrets.cend(); ++it)
        if (!isSecretReference(it.value().toStdString()))
            m_settings[it.key().toStdString()] = keychainReference(secretKey(it.key())).toStdString();
    if (!storeSecrets(nullptr))
        return;
    QDialog::accept();
}

} // namespace sluice::ui
