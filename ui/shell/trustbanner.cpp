#include "trustbanner.h"

#include "common/textviews.h"
#include "document/projectdocument.h"

#include "project/projectstore.h"
#include "trust/projectreview.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sluice::ui {

TrustBanner::TrustBanner(ProjectDocument *document, QWidget *parent)
    : QFrame(parent), m_document(document), m_text(new QLabel), m_review(new QPushButton(tr("Review and Trust…")))
{
    setObjectName(QStringLiteral("trustBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette p = palette();
    p.setColor(QPalette::Window, p.color(QPalette::ToolTipBase));
    p.setColor(QPalette::WindowText, p.color(QPalette::ToolTipText));
    setPalette(p);
    m_text->setWordWrap(true);
    m_text->setText(tr("This project is not trusted on this computer: it was imported, or changed outside Sluice. "
                       "Its syncs, schedules and alerts do not run and its secrets are not read until you review "
                       "what it sends where. You can still look around and preview sources that need no secret."));
    m_review->setObjectName(QStringLiteral("reviewAndTrust"));
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_review);
    connect(m_review, &QPushButton::clicked, this, [this] { reviewAndTrust(m_document, window()); });
    connect(m_document, &ProjectDocument::trustChanged, this, &TrustBanner::follow);
    connect(m_document, &ProjectDocument::opened, this, &TrustBanner::follow);
    connect(m_document, &ProjectDocument::closed, this, &TrustBanner::follow);
    follow();
}

void TrustBanner::follow()
{
    setVisible(m_document->isOpen() && !m_document->isTrusted());
}

QString TrustBanner::reviewText(const ProjectReview &review, const QString &projectName, const QString &projectPath)
{
    // What matters most first: where data and secrets go. The SQL, long,
    // comes last. (sluicectl trust prints the same, in English, from the engine.)
    const auto q = [](const std::string &s) { return QString::fromStdString(s); };
    const QString none = tr("  (none)") + QLatin1Char('\n');
    QString out = tr("Project '%1' (%2) will, once trusted on this computer:").arg(projectName, projectPath);
    out += QLatin1String("\n\n") + tr("Send data to these hosts:") + QLatin1Char('\n');
    if (review.receivers.empty())
        out += none;
    for (const auto &r : review.receivers) {
        const QString host = r.host == "this machine" ? tr("this computer") : q(r.host);
        out += tr("  - %1: destination '%2' (%3, %4)").arg(host, q(r.destination), q(r.kind), q(r.address))
             + QLatin1Char('\n');
        for (const auto &f : r.flows) {
            QStringList columns;
            for (const auto &c : f.columns)
                columns << (c == "*" ? tr("every column") : q(c));
            out += tr("      sync '%1' sends model '%2': %3")
                       .arg(q(f.sync), q(f.model), columns.join(QStringLiteral(", ")))
                 + QLatin1Char('\n');
        }
    }
    out += QLatin1Char('\n') + tr("Send these secrets:") + QLatin1Char('\n');
    if (review.secrets.empty())
        out += none;
    for (const auto &secret : review.secrets)
        out += tr("  - %1 to %2 (%3)").arg(q(secret.reference), q(secret.host), q(secret.where)) + QLatin1Char('\n');
    if (!review.alerts.empty()) {
        out += QLatin1Char('\n') + tr("Send alerts to:") + QLatin1Char('\n');
        for (const auto &a : review.alerts)
            out += tr("  - %1 (sync '%2', %3)").arg(q(a.host), q(a.sync), q(a.channel)) + QLatin1Char('\n');
    }
    QStringList environment;
    for (const auto &name : review.environment)
        environment << q(name);
    out += QLatin1Char('\n')
         + tr("Read these environment variables: %1")
               .arg(environment.isEmpty() ? tr("none") : environment.join(QStringLiteral(", ")))
         + QLatin1Char('\n');
    out += QLatin1Char('\n') + tr("Read these warehouses:") + QLatin1Char('\n');
    if (review.warehouses.empty())
        out += none;
    for (const auto &w : review.warehouses)
        out += tr("  - source '%1' (%2): %3").arg(q(w.source), q(w.kind), q(w.location)) + QLatin1Char('\n');
    out += QLatin1Char('\n') + tr("Run this SQL there (read-only):") + QLatin1Char('\n');
    if (review.queries.empty())
        out += none;
    for (const auto &query : review.queries) {
        out += tr("  - model '%1' on source '%2':").arg(q(query.model), q(query.source)) + QLatin1Char('\n');
        for (const QString &line : q(query.sql).split(QLatin1Char('\n')))
            out += QStringLiteral("      ") + line + QLatin1Char('\n');
    }
    return out;
}

bool TrustBanner::reviewAndTrust(ProjectDocument *document, QWidget *parent)
{
    if (!document->isOpen())
        return false;
    const ProjectConfig &config = document->config();
    const ProjectReview review = reviewProject(config, document->directory().toStdString());
    QDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("trustReview"));
    dialog.setWindowTitle(tr("Review and Trust Project"));
    auto *intro = new QLabel(tr("Read what this project will do with your computer and credentials once trusted. "
                                "Trust it only if you expect every host and secret below."));
    intro->setWordWrap(true);
    QPlainTextEdit *text = monospaceView(tr("Project review"));
    text->setPlainText(reviewText(review, QString::fromStdString(config.name), document->path()));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel);
    QPushButton *trustButton = buttons->addButton(tr("Trust This Project"), QDialogButtonBox::AcceptRole);
    trustButton->setObjectName(QStringLiteral("trustThisProject"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    QObject::connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    QObject::connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(&dialog);
    layout->addWidget(intro);
    layout->addWidget(text, 1);
    layout->addWidget(buttons);
    dialog.resize(760, 560);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    QString error;
    if (!document->trust(&error)) {
        QMessageBox::critical(parent, tr("Cannot trust the project"), error);
        return false;
    }
    return true;
}

} // namespace sluice::ui
