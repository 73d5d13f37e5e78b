#include "projectneedsdialog.h"

#include "connections/credentialstore.h"
#include "document/projectdocument.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGridLayout>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

// "headers.Authorization" as a JSON pointer below the settings.
nlohmann::json::json_pointer pointerTo(const std::string &setting)
{
    std::string pointer;
    std::size_t start = 0;
    for (;;) {
        const std::size_t dot = setting.find('.', start);
        std::string part = setting.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
        for (std::size_t i = 0; (i = part.find('~', i)) != std::string::npos; i += 2)
            part.replace(i, 1, "~0");
        for (std::size_t i = 0; (i = part.find('/', i)) != std::string::npos; i += 2)
            part.replace(i, 1, "~1");
        pointer += "/" + part;
        if (dot == std::string::npos)
            break;
        start = dot + 1;
    }
    return nlohmann::json::json_pointer(pointer);
}

nlohmann::json *settingsOf(ProjectConfig &c, const ProjectNeed &need)
{
    if (need.section == "source") {
        for (auto &s : c.sources)
            if (s.name == need.entity)
                return &s.settings;
    } else {
        for (auto &d : c.destinations)
            if (d.name == need.entity)
                return &d.settings;
    }
    return nullptr;
}

QString needText(const ProjectNeed &n)
{
    const QString entity = QString::fromStdString(n.entity);
    const QString name = QDir::toNativeSeparators(QString::fromStdString(n.name));
    const bool source = n.section == "source";
    switch (n.kind) {
    case ProjectNeed::Kind::File:
        return source
                 ? ProjectNeedsDialog::tr("Source “%1” reads %2, which is not on this machine.").arg(entity, name)
                 : ProjectNeedsDialog::tr("Destination “%1” reads %2, which is not on this machine.").arg(entity, name);
    case ProjectNeed::Kind::Folder:
        return ProjectNeedsDialog::tr("Destination “%1” writes into the folder %2, which is not on this machine.")
            .arg(entity, name);
    case ProjectNeed::Kind::Environment:
        return ProjectNeedsDialog::tr("“%1” needs the secret %2 from the environment, which is not set here. Keep it "
                                      "in the keychain, or set %2 before starting Sluice.")
            .arg(entity, name);
    case ProjectNeed::Kind::Keychain:
        return ProjectNeedsDialog::tr("“%1” needs the secret %2 from the keychain, which has no such entry here.")
            .arg(entity, name);
    }
    return entity;
}

QString fixLabel(ProjectNeed::Kind kind)
{
    switch (kind) {
    case ProjectNeed::Kind::File: return ProjectNeedsDialog::tr("Locate…");
    case ProjectNeed::Kind::Folder: return ProjectNeedsDialog::tr("Choose Folder…");
    case ProjectNeed::Kind::Environment: return ProjectNeedsDialog::tr("Keep in Keychain…");
    case ProjectNeed::Kind::Keychain: return ProjectNeedsDialog::tr("Enter Secret…");
    }
    return {};
}

} // namespace

std::vector<ProjectNeed> ProjectNeedsDialog::needsOf(const ProjectDocument &document, CredentialStore *keychain)
{
    KeychainHas has;
    if (keychain)
        has = [keychain](const std::string &key) { return keychain->read(QString::fromStdString(key)).has_value(); };
    return projectNeeds(document.config(), document.directory().toStdString(), has);
}

ProjectNeedsDialog::ProjectNeedsDialog(ProjectDocument *document, CredentialStore *keychain, QWidget *parent)
    : QDialog(parent), m_document(document), m_keychain(keychain), m_needs(needsOf(*document, keychain))
{
    setWindowTitle(tr("What This Project Needs"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("This project was made on another machine. Before its syncs can run here, supply "
                                "what is listed below; secrets go to this machine's keychain, never into the "
                                "project file."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    auto *rows = new QWidget;
    auto *grid = new QGridLayout(rows);
    grid->setColumnStretch(0, 1);
    for (int i = 0; i < int(m_needs.size()); ++i) {
        auto *text = new QLabel(needText(m_needs[std::size_t(i)]));
        text->setWordWrap(true);
        text->setTextInteractionFlags(Qt::TextSelectableByMouse);
        auto *button = new QPushButton(fixLabel(m_needs[std::size_t(i)].kind));
        const bool secret = m_needs[std::size_t(i)].kind == ProjectNeed::Kind::Environment
                         || m_needs[std::size_t(i)].kind == ProjectNeed::Kind::Keychain;
        if (secret && !m_keychain) {
            button->setEnabled(false);
            button->setToolTip(tr("No keychain is available on this machine."));
        }
        connect(button, &QPushButton::clicked, this, [this, i] { fix(i); });
        grid->addWidget(text, i, 0, Qt::AlignTop);
        grid->addWidget(button, i, 1, Qt::AlignTop);
        m_texts.push_back(text);
        m_buttons.push_back(button);
    }
    grid->setRowStretch(int(m_needs.size()), 1); // rows stay together at the top
    grid->setVerticalSpacing(12);
    auto *scroll = new QScrollArea;
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(rows);
    layout->addWidget(scroll, 1);

    m_summary = new QLabel;
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    updateSummary();
    resize(640, 420);
}

QPushButton *ProjectNeedsDialog::fixButton(int row) const
{
    return row >= 0 && row < int(m_buttons.size()) ? m_buttons[std::size_t(row)] : nullptr;
}

QString ProjectNeedsDialog::rowText(int row) const
{
    return row >= 0 && row < int(m_texts.size()) ? m_texts[std::size_t(row)]->text() : QString();
}

QString ProjectNeedsDialog::summaryText() const
{
    return m_summary->text();
}

void ProjectNeedsDialog::fix(int row)
{
    const ProjectNeed &need = m_needs[std::size_t(row)];
    const bool done = (need.kind == ProjectNeed::Kind::File || need.kind == ProjectNeed::Kind::Folder)
                        ? fixPath(need)
                        : fixSecret(need);
    if (done)
        markFixed(row);
}

bool ProjectNeedsDialog::fixPath(const ProjectNeed &need)
{
    const QString dir = m_document->directory();
    QString chosen;
    if (m_pathPrompt)
        chosen = m_pathPrompt(need);
    else if (need.kind == ProjectNeed::Kind::File)
        chosen = QFileDialog::getOpenFileName(
            this, tr("Locate %1").arg(QFileInfo(QString::fromStdString(need.name)).fileName()), dir);
    else
        chosen = QFileDialog::getExistingDirectory(this, tr("Choose a Folder"), dir);
    if (chosen.isEmpty())
        return false;
    // A folder keeps the file name the project had; inside the project's
    // folder the path is relative, so the project can move again.
    if (need.kind == ProjectNeed::Kind::Folder)
        chosen = QDir(chosen).filePath(QFileInfo(QString::fromStdString(need.value)).fileName());
    QString path = QDir(dir).relativeFilePath(chosen);
    if (path.startsWith(QLatin1String("..")))
        path = chosen;
    return m_document->edit(
        tr("Set %1 of %2").arg(QString::fromStdString(need.setting), QString::fromStdString(need.entity)),
        [&](ProjectConfig &c) {
            if (nlohmann::json *settings = settingsOf(c, need))
                (*settings)[pointerTo(need.setting)] = path.toStdString();
        });
}

bool ProjectNeedsDialog::fixSecret(const ProjectNeed &need)
{
    if (!m_keychain)
        return false;
    const QString what = QString::fromStdString(need.name);
    const QString secret = m_prompt
                             ? m_prompt(what)
                             : QInputDialog::getText(this, tr("Keep a Secret"),
                                                     tr("Value of %1 (kept in this machine's keychain):").arg(what),
                                                     QLineEdit::Password);
    if (secret.isEmpty())
        return false;
    if (need.kind == ProjectNeed::Kind::Keychain) {
        QString error;
        if (!m_keychain->write(what, secret, &error)) {
            m_summary->setText(tr("The keychain refused: %1").arg(error));
            return false;
        }
        return true;
    }
    // An environment variable: the secret goes to the keychain under the
    // key the connection forms use, and the setting refers to it there.
    const QString key
        = keychainKey(QString::fromStdString(m_document->config().name), QString::fromStdString(need.section),
                      QString::fromStdString(need.entity), QString::fromStdString(need.setting));
    QString error;
    if (!m_keychain->write(key, secret, &error)) {
        m_summary->setText(tr("The keychain refused: %1").arg(error));
        return false;
    }
    const std::string from = "${env:" + need.name + "}";
    const std::string to = keychainReference(key).toStdString();
    return m_document->edit(
        tr("Keep %1 of %2 in the keychain").arg(what, QString::fromStdString(need.entity)), [&](ProjectConfig &c) {
            nlohmann::json *settings = settingsOf(c, need);
            if (!settings)
                return;
            nlohmann::json &value = (*settings)[pointerTo(need.setting)];
            if (!value.is_string())
                return;
            std::string text = value.get<std::string>();
            for (std::size_t at = 0; (at = text.find(from, at)) != std::string::npos; at += to.size())
                text.replace(at, from.size(), to);
            value = text;
        });
}

void ProjectNeedsDialog::markFixed(int row)
{
    QPushButton *button = m_buttons[std::size_t(row)];
    if (!button->isEnabled())
        return;
    button->setEnabled(false);
    button->setText(tr("Done"));
    ++m_fixed;
    updateSummary();
}

void ProjectNeedsDialog::updateSummary()
{
    const int left = needCount() - m_fixed;
    m_summary->setText(left == 0 ? tr("Nothing is missing: the project has what it needs on this machine.")
                                 : tr("Still missing: %Ln of %1.", nullptr, left).arg(needCount()));
}

} // namespace sluice::ui
