// FieldEditor: the inline editor of one field: its source (none, a column,
// a static value or a template) and its rules.

#include "stepeditor.h"

#include "canvastr.h"
#include "common/typewords.h"
#include "fieldflags.h"
#include "inlineeditorparts.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;
using namespace InlineEditorParts;

// ---------------------------------------------------------------- FieldEditor

FieldEditor::FieldEditor(MappingDocument *document, const QString &field, QWidget *parent)
    : InlineEditor(document, field, parent)
{
    setAccessibleName(CanvasTr::tr("Edit field %1").arg(field));
    const DestinationField *f = document->destinationField(field);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 10);
    QHBoxLayout *header = buildHeader(f ? CanvasTr::tr("%1 (%2)").arg(field, typeWord(f->type)) : field,
                                      fieldFlagsText(f, CanvasTr::tr("not listed by the destination")), layout);
    addCloseButton(header);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    m_kind = new QComboBox;
    m_kind->addItem(CanvasTr::tr("No source"), int(SourceKind::None));
    m_kind->addItem(CanvasTr::tr("Column"), int(SourceKind::Column));
    m_kind->addItem(CanvasTr::tr("Static value"), int(SourceKind::Value));
    m_kind->addItem(CanvasTr::tr("Template"), int(SourceKind::Template));
    m_kind->setAccessibleName(CanvasTr::tr("Source kind"));
    connect(m_kind, &QComboBox::activated, this, [this](int i) {
        const auto kind = SourceKind(m_kind->itemData(i).toInt());
        // "Column" with no column of the field's name: pick one; nothing is
        // connected (nor an undo step made) until a column is chosen.
        m_pickingColumn = kind == SourceKind::Column && !m_document->setSourceKind(m_field, kind);
        if (kind != SourceKind::Column)
            m_document->setSourceKind(m_field, kind);
        refresh();
        if (m_pickingColumn)
            m_column->setFocus(Qt::OtherFocusReason);
    });
    form->addRow(CanvasTr::tr("Source:"), m_kind);

    // One input per source kind, only the current one shown.
    auto *sourceBox = new QWidget;
    auto *sourceLayout = new QVBoxLayout(sourceBox);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    m_noSource = new QLabel(CanvasTr::tr("Not mapped: the transforms start from NULL"));
    m_noSource->setForegroundRole(QPalette::PlaceholderText);
    sourceLayout->addWidget(m_noSource);
    m_column = new QComboBox;
    m_column->addItems(document->columnNames());
    m_column->setPlaceholderText(CanvasTr::tr("Choose a column"));
    m_column->setAccessibleName(CanvasTr::tr("Source column"));
    connect(m_column, &QComboBox::activated, this,
            [this](int i) { m_document->connectColumn(m_field, m_column->itemText(i)); });
    sourceLayout->addWidget(m_column);
    m_value = new QLineEdit;
    m_value->setAccessibleName(CanvasTr::tr("Static value"));
    m_value->setToolTip(
        CanvasTr::tr("Text as typed; 42, true, false and null are read as JSON (write \"42\" for the text)"));
    connect(m_value, &QLineEdit::textEdited, this,
            [this](const QString &text) { m_document->setStaticValue(m_field, scalarFromText(text), session()); });
    connect(m_value, &QLineEdit::editingFinished, this, &FieldEditor::newSession);
    sourceLayout->addWidget(m_value);
    m_template = new QPlainTextEdit;
    m_template->setAccessibleName(CanvasTr::tr("Template"));
    m_template->setTabChangesFocus(true);
    m_template->setPlaceholderText(QStringLiteral("{{ first_name }} {{ last_name }}"));
    m_template->setFixedHeight(m_template->fontMetrics().height() * 4 + 12);
    connect(m_template, &QPlainTextEdit::textChanged, this, [this] {
        const MappingEntry *e = m_document->entryForField(m_field);
        if (e && e->source == SourceKind::Template && e->templateText == m_template->toPlainText())
            return; // shown by refresh(), not typed
        m_document->setTemplate(m_field, m_template->toPlainText(), session());
    });
    sourceLayout->addWidget(m_template);
    form->addRow(QString(), sourceBox);
    layout->addLayout(form);

    auto *rulesTitle = new QLabel(CanvasTr::tr("Rules (checked after the transforms):"));
    layout->addWidget(rulesTitle);
    m_rules = new QWidget;
    m_rulesLayout = new QVBoxLayout(m_rules);
    m_rulesLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_rules);
    auto *add = new QHBoxLayout;
    m_addRule = new QComboBox;
    m_addRule->setAccessibleName(CanvasTr::tr("Rule type"));
    for (const StepSpec &spec : stepSpecs(StepList::Rules))
        m_addRule->addItem(spec.type, spec.type);
    auto *addButton = new QPushButton(CanvasTr::tr("Add rule"));
    connect(addButton, &QPushButton::clicked, this, [this] {
        const StepSpec *spec = stepSpec(StepList::Rules, m_addRule->currentData().toString());
        if (spec)
            m_document->insertStep(m_field, StepList::Rules, -1, spec->initial);
    });
    add->addWidget(m_addRule, 1);
    add->addWidget(addButton);
    layout->addLayout(add);
    m_problems = problemLabel();
    layout->addWidget(m_problems);
    refresh();
    setMinimumWidth(340);
}

bool FieldEditor::refresh()
{
    if (!m_document->fieldNames().contains(m_field))
        return false;
    const MappingEntry *e = m_document->entryForField(m_field);
    const SourceKind stored = e && e->valid ? e->source : SourceKind::None;
    if (stored != SourceKind::None)
        m_pickingColumn = false;
    // While a column is being picked, the form shows "Column" though nothing is connected yet.
    const SourceKind kind = m_pickingColumn ? SourceKind::Column : stored;
    m_kind->setCurrentIndex(m_kind->findData(int(kind)));
    m_noSource->setVisible(kind == SourceKind::None);
    m_column->setVisible(kind == SourceKind::Column);
    m_value->setVisible(kind == SourceKind::Value);
    m_template->setVisible(kind == SourceKind::Template);
    if (kind == SourceKind::Column && !m_pickingColumn) {
        if (m_column->findText(e->column) < 0)
            m_column->addItem(e->column);
        m_column->setCurrentText(e->column);
    } else if (m_pickingColumn) {
        m_column->setCurrentIndex(-1); // the placeholder: "Choose a column"
    }
    if (kind == SourceKind::Value && scalarFromText(m_value->text()) != e->value)
        m_value->setText(scalarToText(e->value));
    if (kind == SourceKind::Template && m_template->toPlainText() != e->templateText)
        m_template->setPlainText(e->templateText);
    const json rules = e && e->valid ? json(e->rules) : json::array();
    if (rules != m_shownRules) {
        m_shownRules = rules;
        rebuildRules();
    }
    QStringList problems;
    for (const MappingProblem &p : m_document->problemsForField(m_field))
        problems << p.text();
    m_problems->setText(problems.join(QLatin1Char('\n')));
    m_problems->setVisible(!problems.isEmpty());
    return true;
}

void FieldEditor::rebuildRules()
{
    // deleteLater: the Remove button that got us here is still emitting.
    while (QLayoutItem *item = m_rulesLayout->takeAt(0)) {
        if (QWidget *w = item->widget()) {
            w->hide();
            w->deleteLater();
        }
        delete item;
    }
    if (m_shownRules.empty()) {
        auto *none = new QLabel(CanvasTr::tr("No rules"));
        none->setForegroundRole(QPalette::PlaceholderText);
        m_rulesLayout->addWidget(none);
        return;
    }
    for (int i = 0; i < int(m_shownRules.size()); ++i) {
        auto *row = new QWidget;
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *label = new QLabel(stepSummary(StepList::Rules, m_shownRules[std::size_t(i)]));
        label->setTextFormat(Qt::PlainText);
        auto *edit = new QPushButton(CanvasTr::tr("Edit…"));
        edit->setAccessibleName(CanvasTr::tr("Edit rule %1").arg(label->text()));
        auto *remove = new QPushButton(CanvasTr::tr("Remove"));
        remove->setAccessibleName(CanvasTr::tr("Remove rule %1").arg(label->text()));
        connect(edit, &QPushButton::clicked, this, [this, i] { emit editRuleRequested(m_field, i); });
        connect(remove, &QPushButton::clicked, this,
                [this, i] { m_document->removeStep(m_field, StepList::Rules, i); });
        h->addWidget(label, 1);
        h->addWidget(edit);
        h->addWidget(remove);
        m_rulesLayout->addWidget(row);
    }
}

} // namespace sluice::ui
