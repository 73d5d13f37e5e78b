#include "syncmappingpage.h"

#include "canvas/mappingdocument.h"
#include "canvas/mappingeditor.h"
#include "canvas/mappingitems.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h" // MappingEditor::inlineEditor() needs the complete type
#include "document/projectdocument.h"
#include "document/protectedsync.h"
#include "dryrunpane.h"
#include "payloadpreviewpane.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace sluice::ui {

namespace {

constexpr int kSampleRows = 20;

bool sameFields(const std::vector<DestinationField> &a, const std::vector<DestinationField> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const DestinationField &x, const DestinationField &y) {
        return x.name == y.name && x.type == y.type && x.required == y.required && x.identifier == y.identifier;
    });
}

} // namespace

SyncMappingPage::SyncMappingPage(ProjectDocument *document, const QString &syncName, QWidget *parent)
    : QWidget(parent), m_document(document), m_name(syncName), m_rowsJob(new EngineBridge(this)),
      m_fieldsJob(new DestinationFieldsJob(this))
{
    m_title = new QLabel(syncName);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wraps rather than widening the page: a long status line must not
    // squeeze the project explorer beside the editor.
    m_status->setWordWrap(true);
    m_busy = new QProgressBar;
    m_busy->setRange(0, 0);
    m_busy->setTextVisible(false);
    m_busy->setMaximumWidth(90);
    m_busy->setAccessibleName(tr("Reading columns and fields"));
    // An icon (as in the model editor's schema): the header keeps its width
    // for the status line and the Dry Run and Run buttons on small screens.
    m_reloadButton = new QToolButton;
    m_reloadButton->setIcon(QIcon(QStringLiteral(":/icons/refresh.svg")));
    m_reloadButton->setAutoRaise(true);
    m_reloadButton->setAccessibleName(tr("Reload"));
    m_reloadButton->setToolTip(tr("Read the model's columns and rows and the destination's fields again"));
    connect(m_reloadButton, &QToolButton::clicked, this, &SyncMappingPage::reloadContext);
    m_dryRunButton = new QPushButton(QIcon(QStringLiteral(":/icons/dryrun.svg")), tr("Dry Run"));
    m_dryRunButton->setToolTip(tr("Plan a run with this mapping: counts and sample payloads; nothing is sent"));
    connect(m_dryRunButton, &QPushButton::clicked, this, &SyncMappingPage::runDryRun);
    // Run beside the mapping: a newcomer sees what the sync sends and sends
    // it from the same place; the run's progress and result show on Runs.
    m_runButton = new QPushButton(QIcon(QStringLiteral(":/icons/play.svg")), tr("Run"));
    m_runButton->setToolTip(tr("Send what changed since the last run (Ctrl+R); the Runs tab shows how it goes"));
    connect(m_runButton, &QPushButton::clicked, this, &SyncMappingPage::runRequested);
    auto *header = new QHBoxLayout;
    header->addWidget(m_title);
    header->addSpacing(12);
    header->addWidget(m_status, 1);
    header->addWidget(m_busy);
    header->addWidget(m_reloadButton);
    header->addWidget(m_dryRunButton);
    header->addWidget(m_runButton);

    m_error = new QLabel;
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette errorPalette = m_error->palette();
    errorPalette.setColor(QPalette::WindowText, CanvasStyle::problemColor(palette(), true));
    m_error->setPalette(errorPalette);
    m_error->hide();

    m_editor = new MappingEditor;
    m_editor->useExternalUndo();
    connect(m_editor->document(), &MappingDocument::edited, this, &SyncMappingPage::onEdited);
    connect(m_editor, &MappingEditor::mappingChanged, this, &SyncMappingPage::updatePreviewSync);

    m_preview = new PayloadPreviewPane;
    connect(m_preview, &PayloadPreviewPane::updated, this,
            [this] { m_editor->setPreviewRejections(m_preview->rejectedCount(), !m_preview->errorText().isEmpty()); });
    m_dryRun = new DryRunPane;
    connect(m_dryRun, &DryRunPane::finished, this, [this] { emit dryRunFinished(); });
    m_panes = new QTabWidget;
    m_panes->setDocumentMode(true);
    // On a small screen the splitter gives the canvas the room; the preview
    // can be dragged taller.
    m_panes->setMinimumHeight(120);
    m_panes->addTab(m_preview, QIcon(QStringLiteral(":/icons/play.svg")), tr("Payload Preview"));
    m_panes->addTab(m_dryRun, QIcon(QStringLiteral(":/icons/dryrun.svg")), tr("Dry Run"));

    m_split = new QSplitter(Qt::Vertical);
    m_split->addWidget(m_editor);
    m_split->addWidget(m_panes);
    m_split->setStretchFactor(0, 3);
    m_split->setStretchFactor(1, 2);
    m_split->setChildrenCollapsible(false);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 0);
    layout->setSpacing(4);
    layout->addLayout(header);
    layout->addWidget(m_error);
    layout->addWidget(m_split, 1);

    connect(m_rowsJob, &EngineBridge::previewFinished, this, &SyncMappingPage::onRowsRead);
    connect(m_fieldsJob, &DestinationFieldsJob::finished, this, &SyncMappingPage::onFieldsRead);
    connect(m_document, &ProjectDocument::configChanged, this, &SyncMappingPage::reload);
    reload();
}

SyncMappingPage::~SyncMappingPage() = default;

void SyncMappingPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_sized)
        return;
    // Once, when the real height is known: the canvas gets the room, the preview a readable strip.
    m_sized = true;
    const int height = m_split->height();
    const int preview = std::clamp(height * 2 / 5, m_panes->minimumSizeHint().height(), 320);
    m_split->setSizes({height - preview, preview});
    fitCanvasOnce();
}

void SyncMappingPage::fitCanvasOnce()
{
    // Past about twenty fields a table maps faster than the canvas (search,
    // suggestions, bulk connect): a wide sync opens on it, once; the user's
    // choice of tab stands after that.
    if (!m_mapperChosen && !isLoading() && m_rowsKnown) {
        m_mapperChosen = true;
        if (int(m_editor->document()->destinationFields().size()) > kTableFromFields
            || int(m_columns.size()) > kTableFromFields)
            m_editor->showTable();
    }
    if (m_fitted || isLoading() || !m_editor->view()->isVisible())
        return;
    m_fitted = true;
    // After the layouts of this event loop turn, when the viewport has its size.
    QTimer::singleShot(0, m_editor->view(), &MappingView::fitWidth);
}

bool SyncMappingPage::isLoading() const
{
    return m_rowsJob->isBusy() || m_fieldsJob->isBusy();
}

QString SyncMappingPage::statusText() const
{
    return m_status->text();
}

QString SyncMappingPage::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

bool SyncMappingPage::isProtected() const
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync || !sync->settings.is_object())
        return false;
    const auto it = sync->settings.find("protected");
    return it != sync->settings.end() && it->is_boolean() && it->get<bool>();
}

bool SyncMappingPage::protectedEditConfirmed() const
{
    const SyncDef *sync = m_document->sync(m_name);
    return !sync || sluice::ui::protectedEditConfirmed(m_document->path(), *sync);
}

void SyncMappingPage::reload()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return;
    const ModelDef *model = m_document->model(QString::fromStdString(sync->model));
    // An audience is a model too: its members, keyed as the customers. Its
    // SQL is compiled on the worker (that reads the models' columns), so the
    // stand-in keeps what it is compiled from in place of the SQL.
    std::optional<audiences::AudienceSetup> audience;
    std::optional<ModelDef> standIn;
    if (!model && audiences::namesAudienceModel(m_document->config(), sync->model)) {
        auto setup = audiences::audienceSetup(m_document->config(), sync->model);
        if (!setup) {
            m_rowsKnown = true;
            m_rowsError = QString::fromStdString(setup.error().describe());
            updateStatus();
            return;
        }
        std::string compiledFrom = m_document->config().customerSchema.dump();
        for (const auto &doc : m_document->config().audiences)
            compiledFrom += doc.dump();
        for (const ModelDef &m : m_document->config().models)
            compiledFrom += m.sql;
        standIn = ModelDef{sync->model, setup->parent.source, compiledFrom, {setup->schema.parentKey}, {}};
        model = &*standIn;
        audience = std::move(*setup);
    }
    const SourceDef *source = model ? m_document->source(QString::fromStdString(model->source)) : nullptr;
    const DestinationDef *destination = m_document->destination(QString::fromStdString(sync->destination));
    const bool rowsStale = !model || !source || !m_model || *model != *m_model || !m_source || *source != *m_source;
    const bool fieldsStale = !destination || !m_destination || *destination != *m_destination;

    // Undo, redo, or an edit elsewhere: show what the configuration says.
    if (m_editor->mapping() != sync->mapping)
        m_editor->setMapping(sync->mapping);
    m_preview->setProject(m_document->config(), m_document->directory());
    m_dryRun->setSync(m_document->path(), m_name);

    if (rowsStale && model && source) {
        m_model = *model;
        m_source = *source;
        m_rowsKnown = false;
        m_rowsError.clear();
        if (audience)
            m_rowsJob->startAudiencePreview(*audience, m_document->directory(), kSampleRows);
        else
            m_rowsJob->startPreview(*source, *model, m_document->directory(), kSampleRows);
    }
    if (fieldsStale && destination) {
        m_destination = *destination;
        m_fields.reset();
        m_fieldsError.clear();
        m_fieldsJob->start(*destination, m_document->directory());
    }
    updatePreviewSync();
    updateStatus();
}

void SyncMappingPage::reloadContext()
{
    m_model.reset();
    m_source.reset();
    m_destination.reset();
    reload();
}

void SyncMappingPage::runDryRun()
{
    m_panes->setCurrentWidget(m_dryRun);
    m_dryRun->run();
}

void SyncMappingPage::onRowsRead(const PreviewOutcome &outcome)
{
    if (outcome.cancelled)
        return;
    m_rowsKnown = true;
    if (!outcome.preview) {
        m_rowsError = outcome.error;
        m_preview->setSampleError(outcome.error);
    } else {
        m_rowsError.clear();
        m_columns = outcome.preview->columns;
        m_editor->setColumns(m_columns);
        // The table's Sample column: each column's value in the first row.
        QHash<QString, QString> samples;
        if (!outcome.preview->rows.empty()) {
            const Row &first = outcome.preview->rows.front();
            for (std::size_t i = 0; i < m_columns.size() && i < first.size(); ++i)
                samples.insert(QString::fromStdString(m_columns[i].name),
                               first[i].isNull() ? QStringLiteral("NULL")
                                                 : QString::fromStdString(first[i].toString()));
        }
        m_editor->setSampleValues(std::move(samples));
        m_preview->setSample(std::make_shared<const ModelPreview>(*outcome.preview),
                             m_model ? m_model->primaryKey : std::vector<std::string>{});
        showFields();
    }
    updateStatus();
    if (!isLoading()) {
        fitCanvasOnce();
        emit contextLoaded();
    }
}

void SyncMappingPage::onFieldsRead(const DestinationFieldsOutcome &outcome)
{
    m_fields = outcome.fields;
    m_fieldsError = outcome.error;
    showFields();
    updateStatus();
    if (!isLoading()) {
        fitCanvasOnce();
        emit contextLoaded();
    }
}

void SyncMappingPage::showFields()
{
    if (!m_fields)
        return;
    std::vector<DestinationField> fields = *m_fields;
    // A destination that takes any field (or whose fields could not be read)
    // gets the model's column names as suggestions, so there is something to
    // drop a column on; typed Unknown, as nothing constrains them.
    m_fieldsAreSuggestions = fields.empty();
    if (m_fieldsAreSuggestions)
        for (const Column &c : m_columns)
            fields.push_back(DestinationField{c.name, FieldType::Unknown, false, false});
    m_preview->setDestinationFields(m_fieldsAreSuggestions ? std::vector<DestinationField>{} : fields);
    MappingDocument *doc = m_editor->document();
    doc->setFieldsAreSuggestions(m_fieldsAreSuggestions);
    if (!sameFields(fields, doc->destinationFields()))
        m_editor->setDestinationFields(std::move(fields));
}

void SyncMappingPage::updatePreviewSync()
{
    const SyncDef *sync = m_document->sync(m_name);
    if (!sync)
        return;
    SyncDef shown = *sync;
    shown.mapping = m_editor->mapping(); // the preview follows the canvas, even before it is saved
    m_preview->setSync(shown);
}

void SyncMappingPage::updateStatus()
{
    const SyncDef *sync = m_document->sync(m_name);
    m_busy->setVisible(isLoading());
    if (!sync)
        return;
    QStringList parts;
    parts << tr("%1 → %2").arg(QString::fromStdString(sync->model), QString::fromStdString(sync->destination));
    if (!m_rowsKnown)
        parts << tr("reading the model's columns…");
    else if (m_rowsError.isEmpty())
        parts << (m_columns.size() == 1 ? tr("1 column") : tr("%n columns", nullptr, int(m_columns.size())));
    if (!m_fields)
        parts << tr("reading the destination's fields…");
    else if (m_fieldsError.isEmpty() && !m_fieldsAreSuggestions) {
        int required = 0;
        for (const DestinationField &f : *m_fields)
            required += f.required;
        const int n = int(m_fields->size());
        parts << (n == 1 ? tr("1 field (%1 required)") : tr("%n fields (%1 required)", nullptr, n)).arg(required);
    } else if (m_fieldsError.isEmpty()) {
        parts << tr("the destination takes any field: the model's column names are offered");
    }
    if (isProtected())
        parts << tr("protected");
    m_status->setText(parts.join(QStringLiteral(" · ")));

    QStringList errors;
    if (!m_rowsError.isEmpty())
        errors << tr("The model's columns could not be read: %1").arg(m_rowsError);
    if (!m_fieldsError.isEmpty())
        errors << tr("The destination's fields could not be read (%1); the model's column names are offered "
                     "instead and the mapping is not checked against the destination.")
                      .arg(m_fieldsError);
    m_error->setText(errors.join('\n'));
    m_error->setVisible(!errors.isEmpty());
}

void SyncMappingPage::onEdited(const QString &text, const QString &mergeKey)
{
    if (m_askPending)
        return; // the question is open; its answer takes the canvas as it is then
    if (!protectedEditConfirmed()) {
        // Asked after the gesture (a drop, a key) has finished, not inside it.
        m_askPending = true;
        m_pendingText = text;
        QTimer::singleShot(0, this, &SyncMappingPage::askToEditProtected);
        return;
    }
    pushMapping(text, mergeKey);
}

bool SyncMappingPage::pushMapping(const QString &text, const QString &mergeKey)
{
    const nlohmann::json mapping = m_editor->mapping();
    const std::string name = m_name.toStdString();
    const bool saved = m_document->edit(
        tr("Edit mapping of %1: %2").arg(m_name, text),
        [&](ProjectConfig &c) {
            for (SyncDef &s : c.syncs)
                if (s.name == name)
                    s.mapping = mapping;
        },
        mergeKey.isEmpty() ? QString() : QStringLiteral("mapping|%1|%2").arg(m_name, mergeKey));
    if (!saved)
        revertToSaved(); // the engine refused it; the canvas shows what is saved
    return saved;
}

void SyncMappingPage::askToEditProtected()
{
    // The same question (and the same once-per-session answer) as every
    // other editor of a protected sync.
    const SyncDef *sync = m_document->sync(m_name);
    const bool yes = sync && confirmProtectedEdit(this, m_document->path(), *sync);
    m_askPending = false;
    if (!yes) {
        revertToSaved();
        return;
    }
    pushMapping(m_pendingText, QString());
}

void SyncMappingPage::revertToSaved()
{
    if (const SyncDef *sync = m_document->sync(m_name); sync && m_editor->mapping() != sync->mapping) {
        m_editor->setMapping(sync->mapping);
        updatePreviewSync();
    }
}

} // namespace sluice::ui
