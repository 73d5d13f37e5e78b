#pragma once
// Trust in the app (issue 19): a banner above the editors while the open
// project is not trusted on this machine, saying what is held back (syncs,
// schedules, alerts, its secrets), and the review that trusts it: the
// engine's ProjectReview in words (hosts that receive data and the columns
// sent, secrets and where they go, environment variables, warehouses and
// their SQL), then Trust This Project or Cancel.

#include "trust/projectreview.h"

#include <QFrame>

class QLabel;
class QPushButton;

namespace sluice::ui {

class ProjectDocument;

class TrustBanner : public QFrame {
    Q_OBJECT
public:
    explicit TrustBanner(ProjectDocument *document, QWidget *parent = nullptr);

    // Shows the review and trusts the project if the user says so; true when trusted.
    static bool reviewAndTrust(ProjectDocument *document, QWidget *parent);
    // The review in the user's language: hosts and secrets first, the SQL last.
    static QString reviewText(const ProjectReview &review, const QString &projectName, const QString &projectPath);

private:
    void follow();

    ProjectDocument *m_document;
    QLabel *m_text;
    QPushButton *m_review;
};

} // namespace sluice::ui
