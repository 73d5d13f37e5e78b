#include "trustbanner.h"

#include "projectdocument.h"
#include "textviews.h"

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
    text->setPlainText(QString::fromStdString(review.text(config.name, document->path().toStdString())));
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
