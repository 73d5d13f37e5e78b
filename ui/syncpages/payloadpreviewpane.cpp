#include "payloadpreviewpane.h"

#include "document/projectdocument.h"

#include "canvas/mappingitems.h"
#include "modeleditor/sourcerowmodel.h"
#include "payloadpreviewmodel.h"

#include "common/textviews.h"
#include "sync/modellookup.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {
constexpr int kDebounceMs = 300;

QWidget *titled(QLabel *title, QWidget *body, QWidget *below = nullptr)
{
    auto *box = new QWidget;
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(3);
    title->setBuddy(body);
    layout->addWidget(title);
    layout->addWidget(body, 2);
    if (below)
        layout->addWidget(below, 1);
    return box;
}

void setProblemColor(QWidget *widget, bool error)
{
    QPalette pal = widget->palette();
    const QColor color = CanvasStyle::problemColor(widget->palette(), error);
    pal.setColor(QPalette::WindowText, color);
    pal.setColor(QPalette::Text, color);
    widget->setPalette(pal);
}
} // namespace

PayloadPreviewPane::PayloadPreviewPane(QWidget *parent)
    : QWidget(parent), m_job(new PayloadPreviewJob(this)), m_model(new PayloadPreviewModel(this)),
      m_sourceRow(new SourceRowModel(this)), m_debounce(new QTimer(this))
{
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(kDebounceMs);
    connect(m_debounce, &QTimer::timeout, this, &PayloadPreviewPane::start);
    connect(m_job, &PayloadPreviewJob::started, this, &PayloadPreviewPane::updateBusy);
    connect(m_job, &PayloadPreviewJob::finished, this, &PayloadPreviewPane::onFinished);

    m_counts = new QLabel(tr("Reading the model's rows…"));
    m_counts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(90);
    m_busy->setMaximumHeight(m_counts->sizeHint().height());
    m_busy->setAccessibleName(tr("Updating the preview"));
    m_note = new QLabel;
    m_note->setWordWrap(true);
    m_note->hide();
    QPalette mutedPal = m_note->palette();
    mutedPal.setColor(QPalette::WindowText, CanvasStyle::muted(palette()));
    m_note->setPalette(mutedPal);
    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    setProblemColor(m_error, true);
    m_error->hide();

    auto *header = new QHBoxLayout;
    header->addWidget(m_counts);
    header->addWidget(m_busy);
    header->addStretch(1);

    m_rows = new QTableView;
    m_rows->setModel(m_model);
    m_rows->setAccessibleName(tr("Preview rows"));
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setWordWrap(false);
    m_rows->verticalHeader()->setDefaultSectionSize(m_rows->fontMetrics().height() + 6);
    m_rows->horizontalHeader()->setStretchLastSection(true);
    connect(m_rows->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &PayloadPreviewPane::showSelected);

    m_source = new QTableView;
    m_source->setModel(m_sourceRow);
    m_source->setAccessibleName(tr("Source row"));
    m_source->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_source->setAlternatingRowColors(true);
    m_source->setWordWrap(false);
    m_source->verticalHeader()->hide();
    m_source->verticalHeader()->setDefaultSectionSize(m_source->fontMetrics().height() + 6);
    m_source->horizontalHeader()->setSectionResizeMode(SourceRowModel::NameColumn, QHeaderView::ResizeToContents);
    m_source->horizontalHeader()->setSectionResizeMode(SourceRowModel::ValueColumn, QHeaderView::Stretch);
    m_source->horizontalHeader()->setSectionResizeMode(SourceRowModel::TypeColumn, QHeaderView::ResizeToContents);

    m_payload = monospaceView(tr("Payload"));
    m_problems = problemsView(tr("Problems"));
    m_payloadTitle = boldTitle(tr("Payload sent"));

    // A few lines each at least: the mapping above gets the height of small screens.
    for (QWidget *w : std::initializer_list<QWidget *>{m_rows, m_source, m_payload})
        w->setMinimumHeight(fontMetrics().height() * 4);
    auto *split = new QSplitter;
    split->addWidget(titled(boldTitle(tr("Rows")), m_rows));
    split->addWidget(titled(boldTitle(tr("Source row")), m_source));
    split->addWidget(titled(m_payloadTitle, m_payload, m_problems));
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 3);
    split->setStretchFactor(2, 4);
    split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_note);
    layout->addWidget(m_error);
    layout->addWidget(split, 1);
    updateBusy();
}

PayloadPreviewPane::~PayloadPreviewPane() = default;

void PayloadPreviewPane::setSample(std::shared_ptr<const ModelPreview> sample, std::vector<std::string> primaryKey)
{
    m_sample = std::move(sample);
    m_primaryKey = std::move(primaryKey);
    m_sampleError.clear();
    schedule();
}

void PayloadPreviewPane::setSampleError(const QString &error)
{
    m_sampleError = error;
    if (!error.isEmpty()) {
        m_sample.reset();
        m_model->clear();
        m_sourceRow->clear();
        m_payload->clear();
        m_counts->setText(tr("No rows to preview"));
        m_error->setText(tr("The model's rows could not be read: %1").arg(error));
        m_error->show();
    }
    updateBusy();
    emit updated(); // what is shown changed: the mapping's summary follows
}

void PayloadPreviewPane::setSync(const SyncDef &sync)
{
    if (m_sync && m_sync->mapping == sync.mapping && m_sync->settings == sync.settings)
        return;
    m_sync = sync;
    schedule();
}

void PayloadPreviewPane::setDestinationFields(std::vector<DestinationField> fields)
{
    const auto same = [](const DestinationField &a, const DestinationField &b) {
        return a.name == b.name && a.type == b.type && a.options == b.options;
    };
    if (std::equal(fields.begin(), fields.end(), m_fields.begin(), m_fields.end(), same))
        return;
    m_fields = std::move(fields);
    schedule();
}

int PayloadPreviewPane::rejectedCount() const
{
    return m_model->count(PayloadPreviewModel::Rejected);
}

void PayloadPreviewPane::setProject(const ProjectConfig &config, const QString &projectDir)
{
    if (m_lookup && config.sources == m_lookupSources && config.models == m_lookupModels)
        return;
    m_lookupSources = config.sources;
    m_lookupModels = config.models;
    m_lookup = std::make_shared<SharedLookup>();
    m_lookup->table = makeModelLookup(config, projectDir.toStdString(), ProjectDocument::secretAccess());
    schedule();
}

void PayloadPreviewPane::setDebounceInterval(int ms)
{
    m_debounce->setInterval(ms);
}

void PayloadPreviewPane::refreshNow()
{
    m_debounce->stop();
    start();
}

void PayloadPreviewPane::schedule()
{
    if (!m_sample || !m_sync)
        return;
    m_debounce->start(); // restarts: ~300 ms after the last change
    updateBusy();
}

void PayloadPreviewPane::start()
{
    if (!m_sample || !m_sync)
        return;
    m_job->start(PayloadPreviewRequest{m_sample, m_primaryKey, *m_sync, m_lookup, m_fields});
}

void PayloadPreviewPane::onFinished(const PayloadPreviewResult &result)
{
    const int selected = std::max(0, selectedRow());
    m_model->setResult(result);
    if (!result.error.isEmpty()) {
        m_counts->setText(tr("No payloads: the mapping does not compile"));
        m_error->setText(tr("A run would stop here: %1").arg(result.error));
        m_error->show();
    } else {
        m_counts->setText(m_model->countsText()
                          + (result.sample && result.sample->more ? ' ' + tr("· the model's first rows") : QString()));
        m_error->hide();
    }
    m_note->setText(tr("The sync has no mapping yet, so a run sends every column under its own name (shown below). "
                       "Connect a column to a field, or press Auto-map, to choose what is sent."));
    m_note->setVisible(result.columnNamesMapping && result.error.isEmpty());
    // Keys and results are short; the payload gets the rest of the width.
    for (int column : {int(PayloadPreviewModel::KeyColumn), int(PayloadPreviewModel::ResultColumn)}) {
        m_rows->resizeColumnToContents(column);
        m_rows->setColumnWidth(column, std::clamp(m_rows->columnWidth(column), 60, 220));
    }
    if (m_model->rowCount() > 0)
        selectRow(std::min(selected, m_model->rowCount() - 1));
    else
        showSelected();
    updateBusy();
    emit updated();
}

void PayloadPreviewPane::showSelected()
{
    const QModelIndex current = m_rows->currentIndex();
    if (!current.isValid()) {
        m_sourceRow->clear();
        m_payload->clear();
        m_problems->hide();
        return;
    }
    const QModelIndex index = current.siblingAtColumn(0);
    m_sourceRow->setRow(m_model->result().sample, int(index.data(PayloadPreviewModel::SourceIndexRole).toULongLong()),
                        m_primaryKey);
    const auto state = PayloadPreviewModel::State(index.data(PayloadPreviewModel::StateRole).toInt());
    const QString pretty = index.data(PayloadPreviewModel::PrettyPayloadRole).toString();
    switch (state) {
    case PayloadPreviewModel::Filtered:
        m_payloadTitle->setText(tr("Not sent: filtered out"));
        m_payload->setPlainText(tr("This row is left out by the sync's filter or sampling."));
        break;
    case PayloadPreviewModel::Rejected:
        m_payloadTitle->setText(tr("Not sent: rejected"));
        m_payload->setPlainText(pretty);
        break;
    default: m_payloadTitle->setText(tr("Payload sent")); m_payload->setPlainText(pretty);
    }
    const QString problems = index.data(PayloadPreviewModel::ProblemsRole).toString();
    m_problems->setPlainText(problems);
    setProblemColor(m_problems, state == PayloadPreviewModel::Rejected);
    m_problems->setVisible(!problems.isEmpty());
}

void PayloadPreviewPane::updateBusy()
{
    m_busy->setVisible(m_sampleError.isEmpty() && (!m_sample || m_debounce->isActive() || m_job->isBusy()));
}

QString PayloadPreviewPane::countsText() const
{
    return m_counts->text();
}

QString PayloadPreviewPane::payloadText() const
{
    return m_payload->toPlainText();
}

QString PayloadPreviewPane::problemsText() const
{
    return m_problems->isHidden() ? QString() : m_problems->toPlainText();
}

QString PayloadPreviewPane::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool PayloadPreviewPane::isBusy() const
{
    return m_debounce->isActive() || m_job->isBusy();
}

int PayloadPreviewPane::selectedRow() const
{
    const QModelIndex current = m_rows->currentIndex();
    return current.isValid() ? current.row() : -1;
}

void PayloadPreviewPane::selectRow(int row)
{
    if (row < 0 || row >= m_model->rowCount())
        return;
    m_rows->setCurrentIndex(m_model->index(row, 0));
    m_rows->selectRow(row);
    showSelected(); // also when the row number is the same as before a reset
}

} // namespace sluice::ui
