#include "connectionpage.h"

#include "common/errortext.h"

#include "credentialstore.h"
#include "document/projectdocument.h"
#include "modeleditor/schematreemodel.h"
#include "settingsform.h"

#include "core/envref.h"
#include "destinations/destinationkinds.h"
#include "project/projectjson.h"
#include "sources/sourcekinds.h"

#include <QCoreApplication>
#include <QFont>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollArea>
#include <QSplitter>
#include <QTreeView>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

// The setting an engine error is about: its `where` ends in
// "settings.KEY[...]"; a missing required setting is named in the message.
QString fieldOf(const Error &e, const QString &fallback)
{
    const std::string &w = e.where;
    const auto at = w.rfind("settings.");
    if (at != std::string::npos) {
        std::string rest = w.substr(at + 9);
        rest = rest.substr(0, rest.find('.'));
        if (!rest.empty())
            return QString::fromStdString(rest);
    }
    if (e.code == "settings.required") {
        static const QRegularExpression quoted(QStringLiteral("'([^']+)'"));
        const auto m = quoted.match(QString::fromStdString(e.message));
        if (m.hasMatch())
            return m.captured(1);
    }
    return fallback;
}

template <typename T> T *findNamed(std::vector<T> &items, const QString &name)
{
    for (auto &item : items)
        if (item.name == name.toStdString())
            return &item;
    return nullptr;
}

} // namespace

ConnectionPage::ConnectionPage(ProjectDocument *document, Role role, const QString &name, CredentialStore *credentials,
                               QWidget *parent)
    : QWidget(parent), m_document(document), m_role(role), m_name(name),
      m_credentials(credentials ? credentials : CredentialStore::defaultStore())
{
    m_title = new QLabel;
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_kind = new QLabel;
    auto *titleRow = new QHBoxLayout;
    titleRow->addWidget(m_title);
    titleRow->addWidget(m_kind, 1);

    m_form = new SettingsForm;
    connect(m_form, &SettingsForm::valueEdited, this, &ConnectionPage::onValueEdited);
    connect(m_form, &SettingsForm::secretEntered, this, &ConnectionPage::onSecretEntered);
    connect(m_form, &SettingsForm::secretForgotten, this, &ConnectionPage::onSecretForgotten);
    auto *scroll = new QScrollArea;
    scroll->setWidget(m_form);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);

    m_testButton = new QPushButton(QIcon(QStringLiteral(":/icons/refresh.svg")), tr("Test Connection"));
    m_testButton->setShortcut(QKeySequence(tr("Ctrl+T")));
    m_testButton->setToolTip(tr("Test the settings as they are in the form (Ctrl+T)"));
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionPage::test);
    m_result = new QLabel;
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setAccessibleName(tr("Test result"));
    m_schema = new SchemaTreeModel(this);
    m_tree = new QTreeView;
    m_tree->setModel(m_schema);
    // A source's tables drag into a model's SQL; a destination's objects do not.
    m_tree->setDragEnabled(role == Role::Source);
    m_tree->setDragDropMode(role == Role::Source ? QAbstractItemView::DragOnly : QAbstractItemView::NoDragDrop);
    m_tree->setAlternatingRowColors(true);
    m_tree->setAccessibleName(role == Role::Source ? tr("Schema") : tr("Objects and fields"));
    m_tree->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);

    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *row = new QHBoxLayout;
    row->addWidget(m_testButton, 0, Qt::AlignTop);
    row->addWidget(m_result, 1);
    bottomLayout->addLayout(row);
    bottomLayout->addWidget(m_tree, 1);

    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(scroll);
    split->addWidget(bottom);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    m_split = split;

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(titleRow);
    layout->addWidget(split, 1);

    m_typingTimer.setSingleShot(true);
    m_typingTimer.setInterval(kTypingSaveDelayMs);
    connect(&m_typingTimer, &QTimer::timeout, this, &ConnectionPage::commitPending);

    m_task.onFinished(this, [this] {
        const ConnectionCheck c = m_task.result();
        m_testButton->setEnabled(true);
        m_result->setText(c.result + (c.schemaError.isEmpty() ? QString() : QStringLiteral("\n") + c.schemaError));
        m_result->setStyleSheet(c.ok ? QStringLiteral("color: #2e7d32;") : QStringLiteral("color: #c62828;"));
        m_schema->setNodes(c.nodes);
        emit tested(c.ok);
    });
    connect(document, &ProjectDocument::configChanged, this, &ConnectionPage::reload);
    reload();
    if (role == Role::Source)
        test(); // the schema browser fills from the same check
}

ConnectionPage::~ConnectionPage()
{
    if (m_document)
        commitPending();
    m_task.waitForFinished();
}

QString ConnectionPage::resultText() const
{
    return m_result->text();
}

QString ConnectionPage::section() const
{
    return m_role == Role::Source ? QStringLiteral("source") : QStringLiteral("destination");
}

QString ConnectionPage::secretKey(const QString &field) const
{
    const QString project = m_document ? QString::fromStdString(m_document->config().name) : QString();
    return keychainKey(project, section(), m_name, field);
}

const nlohmann::json *ConnectionPage::storedSettings() const
{
    if (!m_document)
        return nullptr;
    if (m_role == Role::Source) {
        const SourceDef *s = m_document->source(m_name);
        return s ? &s->settings : nullptr;
    }
    const DestinationDef *d = m_document->destination(m_name);
    return d ? &d->settings : nullptr;
}

const std::string *ConnectionPage::storedKind() const
{
    if (!m_document)
        return nullptr;
    if (m_role == Role::Source) {
        const SourceDef *s = m_document->source(m_name);
        return s ? &s->kind : nullptr;
    }
    const DestinationDef *d = m_document->destination(m_name);
    return d ? &d->kind : nullptr;
}

void ConnectionPage::reload()
{
    const nlohmann::json *settings = storedSettings();
    const std::string *kind = storedKind();
    if (!settings || !kind)
        return; // deleted: the window closes this tab
    const KindSpec *spec = m_role == Role::Source ? findSourceKind(*kind) : findDestinationKind(*kind);
    m_title->setText(m_name);
    m_kind->setText(
        spec ? QStringLiteral("%1 (%2)").arg(QCoreApplication::translate("sluice::SettingsSpec", spec->label.c_str()),
                                             QString::fromStdString(*kind))
             : QString::fromStdString(*kind));
    if (spec != m_form->spec()) {
        m_form->setSpec(spec, m_role == Role::Destination);
        // The form as tall as its fields (up to half the page), the rest
        // for the test result and the schema.
        const int formHeight = m_form->sizeHint().height() + 8;
        m_split->setSizes({formHeight, qMax(formHeight, 600)});
    }
    // A result about other settings (an undo fixed the field) is not shown as
    // if it were about these.
    if (!m_task.isRunning() && !m_result->text().isEmpty() && *settings != m_testedSettings) {
        m_result->setStyleSheet({});
        m_result->setText(tr("The settings changed since the last test: press Test to check them."));
    }
    QStringList typing;
    if (!m_committing) {
        // An undo, a redo or another editor: the project wins over what was
        // typed and not saved.
        m_typingTimer.stop();
        m_pending.clear();
        m_refused = nlohmann::json::object();
        m_form->clearMessages();
    } else {
        for (const auto &[key, value] : m_pending)
            typing << key;
    }
    m_form->setSettings(*settings, m_document->directory(), typing);
}

void ConnectionPage::onValueEdited(const QString &key, const nlohmann::json &value, bool immediate)
{
    m_pending[key] = value;
    if (immediate)
        commitPending();
    else
        m_typingTimer.start();
}

void ConnectionPage::commitPending()
{
    m_typingTimer.stop();
    while (!m_pending.empty()) {
        auto it = m_pending.begin();
        const QString key = it->first;
        nlohmann::json value = it->second;
        m_pending.erase(it);
        const KindSpec *spec = m_form->spec();
        const SettingSpec *s = spec ? spec->find(key.toStdString()) : nullptr;
        // A credential typed into a header table goes to the keychain too.
        if (s && s->type == SettingType::StringMap && value.is_object() && m_credentials) {
            for (auto &[name, item] : value.items()) {
                if (!item.is_string() || !looksLikeCredential(name))
                    continue;
                const std::string text = item.get<std::string>();
                if (text.empty() || text.find("${") != std::string::npos)
                    continue;
                const QString k = secretKey(key + QLatin1Char('.') + QString::fromStdString(name));
                QString error;
                if (!m_credentials->write(k, QString::fromStdString(text), &error)) {
                    m_form->setFieldError(
                        key, tr("Could not save %1 in the keychain: %2").arg(QString::fromStdString(name), error));
                    return;
                }
                item = keychainReference(k).toStdString();
            }
        }
        const QString label = s ? QCoreApplication::translate("sluice::SettingsSpec", s->label.c_str()) : key;
        // Typing in a field merges into one step; a click (check box,
        // choice, table cell) is a step of its own.
        const bool typed
            = s && !s->secret
           && (s->type == SettingType::String || s->type == SettingType::Path || s->type == SettingType::Character
               || s->type == SettingType::Integer || s->type == SettingType::Number);
        saveSetting(key, value, tr("Edit %1 of %2").arg(label, m_name), typed);
    }
}

bool ConnectionPage::saveSetting(const QString &key, const nlohmann::json &value, const QString &what, bool typed)
{
    const nlohmann::json *stored = storedSettings();
    const KindSpec *spec = m_form->spec();
    if (!stored || !spec)
        return false;
    nlohmann::json next = *stored;
    if (value.is_null())
        next.erase(key.toStdString());
    else
        next[key.toStdString()] = value;
    if (next == *stored) {
        m_form->setFieldError(key, {});
        m_refused.erase(key.toStdString());
        return true;
    }
    // Checked here so a refusal shows under its field, not in a dialog.
    auto refuse = [&](const Error &e) {
        m_refused[key.toStdString()] = value.is_null() ? nlohmann::json() : value;
        m_form->setFieldError(fieldOf(e, key), userErrorText(e, [spec](const QString &k) {
                                  const SettingSpec *s = spec->find(k.toStdString());
                                  return s ? QCoreApplication::translate("sluice::SettingsSpec", s->label.c_str())
                                           : QString();
                              }));
        return false;
    };
    if (auto ok = validateSettings(*spec, next, "settings"); !ok)
        return refuse(ok.error());
    auto apply = [&](ProjectConfig &c) {
        if (m_role == Role::Source) {
            if (SourceDef *d = findNamed(c.sources, m_name))
                d->settings = next;
        } else if (DestinationDef *d = findNamed(c.destinations, m_name)) {
            d->settings = next;
        }
    };
    ProjectConfig candidate = m_document->config();
    apply(candidate);
    if (auto ok = validateConfig(candidate); !ok)
        return refuse(ok.error());
    m_committing = true;
    const bool saved
        = m_document->edit(what, apply, typed ? QStringLiteral("%1:%2:%3").arg(section(), m_name, key) : QString());
    m_committing = false;
    if (saved) {
        m_refused.erase(key.toStdString());
        m_form->setFieldError(key, {});
    }
    return saved;
}

void ConnectionPage::onSecretEntered(const QString &key, const QString &secret)
{
    commitPending();
    // A reference typed by hand (${env:NAME}) is stored as it is.
    if (isSecretReference(secret.toStdString())) {
        saveSetting(key, secret.toStdString(), tr("Set %1 of %2").arg(key, m_name));
        return;
    }
    if (!m_credentials) {
        m_form->setFieldError(key, tr("No keychain is available here: enter a reference such as ${env:NAME}."));
        return;
    }
    const QString k = secretKey(key);
    QString error;
    if (!m_credentials->write(k, secret, &error)) {
        m_form->setFieldError(key, tr("Could not save it in the keychain: %1").arg(error));
        return;
    }
    // The same reference when the secret is replaced: then only the keychain
    // changes, and there is no project step to undo.
    if (saveSetting(key, keychainReference(k).toStdString(), tr("Set %1 of %2").arg(key, m_name)))
        m_form->setFieldNote(key, tr("Saved in the keychain as %1").arg(k));
}

void ConnectionPage::onSecretForgotten(const QString &key)
{
    commitPending();
    // The keychain entry stays: undo brings the reference back, and it must
    // still resolve then.
    saveSetting(key, nlohmann::json(), tr("Forget %1 of %2").arg(key, m_name));
}

void ConnectionPage::test()
{
    if (m_task.isRunning() || !m_document)
        return;
    commitPending();
    const nlohmann::json *stored = storedSettings();
    const std::string *kind = storedKind();
    if (!stored || !kind)
        return;
    // The settings as the form shows them, including values it refused to
    // save: the test then says what is wrong with them.
    nlohmann::json settings = *stored;
    for (const auto &[key, value] : m_refused.items()) {
        if (value.is_null())
            settings.erase(key);
        else
            settings[key] = value;
    }
    m_testedSettings = settings;
    m_testButton->setEnabled(false);
    m_result->setStyleSheet({});
    m_result->setText(tr("Testing…"));
    const std::string dir = m_document->directory().toStdString();
    const SecretAccess access = ProjectDocument::secretAccess();
    const std::string name = m_name.toStdString();
    if (m_role == Role::Source) {
        SourceDef def{name, *kind, settings};
        m_task.start([def, dir, access] { return checkSource(def, dir, access); });
    } else {
        DestinationDef def{name, *kind, settings};
        m_task.start([def, dir, access] { return checkDestination(def, dir, access); });
    }
}

} // namespace sluice::ui
