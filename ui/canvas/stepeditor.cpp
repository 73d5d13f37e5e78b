// InlineEditor, the base of the canvas's inline editors, and StepEditor, the
// form of one transform or rule built from its options. ValueMapModel and
// FieldEditor have their own files.

#include "stepeditor.h"

#include "canvastr.h"
#include "inlineeditorparts.h"
#include "mappingitems.h"

#include "mapping/valuemap.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleValidator>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

namespace sluice::ui {

using nlohmann::json;

namespace InlineEditorParts {

QLabel *problemLabel()
{
    auto *label = new QLabel;
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, CanvasStyle::problemColor(pal, true));
    label->setPalette(pal);
    label->hide();
    return label;
}

} // namespace InlineEditorParts

using namespace InlineEditorParts;

namespace {

int nextSession()
{
    static int session = 0;
    return ++session;
}

QString listText(const json &value)
{
    if (!value.is_array())
        return jsonToText(value);
    QStringList parts;
    for (const json &v : value)
        parts << (v.is_string() ? QString::fromStdString(v.get<std::string>()) : jsonToText(v));
    return parts.join(QStringLiteral(", "));
}

// What a line edit's text means for an option: a value, "remove the key", or
// nothing yet (an incomplete number).
struct Parsed {
    bool ok = true;
    bool remove = false;
    json value;
};

Parsed parseOption(OptionKind kind, const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() && kind != OptionKind::ColumnList && kind != OptionKind::TextList)
        return {true, true, {}};
    switch (kind) {
    case OptionKind::Integer: {
        bool ok = false;
        const qlonglong v = trimmed.toLongLong(&ok);
        return ok ? Parsed{true, false, json(std::int64_t(v))} : Parsed{false, false, {}};
    }
    case OptionKind::Number: {
        const json v = scalarFromText(trimmed);
        return v.is_number() ? Parsed{true, false, v} : Parsed{false, false, {}};
    }
    case OptionKind::Scalar: return {true, false, scalarFromText(text)};
    case OptionKind::ColumnList:
    case OptionKind::TextList: {
        json list = json::array();
        for (const QString &part : text.split(QLatin1Char(',')))
            if (!part.trimmed().isEmpty())
                list.push_back(part.trimmed().toStdString());
        return {true, false, list};
    }
    default: return {true, false, json(text.toStdString())};
    }
}

QString optionText(OptionKind kind, const json &value)
{
    switch (kind) {
    case OptionKind::Scalar: return scalarToText(value);
    case OptionKind::ColumnList:
    case OptionKind::TextList: return listText(value);
    default: return value.is_string() ? QString::fromStdString(value.get<std::string>()) : jsonToText(value);
    }
}

} // namespace

// ---------------------------------------------------------------- InlineEditor

InlineEditor::InlineEditor(MappingDocument *document, const QString &field, QWidget *parent)
    : QFrame(parent), m_document(document), m_field(field), m_session(nextSession())
{
    setFrameShape(QFrame::StyledPanel);
    setFrameShadow(QFrame::Raised);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::Window);
    setFocusPolicy(Qt::StrongFocus);
}

void InlineEditor::newSession()
{
    m_session = nextSession();
}

void InlineEditor::keyPressEvent(QKeyEvent *event)
{
    if (event->key() == Qt::Key_Escape) {
        emit closeRequested();
        event->accept();
        return;
    }
    QFrame::keyPressEvent(event);
}

QHBoxLayout *InlineEditor::buildHeader(const QString &title, const QString &subtitle, QVBoxLayout *layout)
{
    auto *header = new QHBoxLayout;
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    auto *titleLabel = new QLabel(title);
    QFont bold = titleLabel->font();
    bold.setBold(true);
    titleLabel->setFont(bold);
    titleLabel->setTextFormat(Qt::PlainText);
    titles->addWidget(titleLabel);
    if (!subtitle.isEmpty()) {
        auto *sub = new QLabel(subtitle);
        sub->setTextFormat(Qt::PlainText);
        sub->setWordWrap(true);
        sub->setForegroundRole(QPalette::PlaceholderText);
        titles->addWidget(sub);
    }
    header->addLayout(titles, 1);
    layout->addLayout(header);
    return header;
}

void InlineEditor::addCloseButton(QHBoxLayout *header)
{
    auto *close = new QToolButton;
    close->setText(QStringLiteral("✕"));
    close->setToolTip(CanvasTr::tr("Close (Esc)"));
    close->setAccessibleName(CanvasTr::tr("Close editor"));
    close->setAutoRaise(true);
    connect(close, &QToolButton::clicked, this, &InlineEditor::closeRequested);
    header->addWidget(close, 0, Qt::AlignTop);
}

// ---------------------------------------------------------------- StepEditor

StepEditor::StepEditor(MappingDocument *document, const QString &field, StepList list, int index, QWidget *parent)
    : InlineEditor(document, field, parent), m_list(list), m_index(index)
{
    const json *s = step();
    m_type = s ? stepType(*s) : QString();
    const StepSpec *spec = stepSpec(list, m_type);
    setAccessibleName(CanvasTr::tr("Edit %1").arg(m_type));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 10);
    QHBoxLayout *header
        = buildHeader(list == StepList::Transforms ? CanvasTr::tr("%1 transform on %2").arg(stepLabel(m_type), field)
                                                   : CanvasTr::tr("%1 rule on %2").arg(m_type, field),
                      spec ? spec->description : CanvasTr::tr("Unknown type: edit it in the mapping JSON"), layout);
    auto addButton = [&](const QString &text, const QString &tip, auto slot) {
        auto *b = new QToolButton;
        b->setText(text);
        b->setToolTip(tip);
        b->setAccessibleName(tip);
        b->setAutoRaise(true);
        connect(b, &QToolButton::clicked, this, slot);
        header->addWidget(b, 0, Qt::AlignTop);
    };
    addButton(QStringLiteral("←"), CanvasTr::tr("Move earlier"), [this] {
        if (m_index > 0 && m_document->moveStep(m_field, m_list, m_index, m_index - 1)) {
            --m_index;
            refresh();
        }
    });
    addButton(QStringLiteral("→"), CanvasTr::tr("Move later"), [this] {
        if (m_document->moveStep(m_field, m_list, m_index, m_index + 1)) {
            ++m_index;
            refresh();
        }
    });
    addButton(CanvasTr::tr("Remove"), CanvasTr::tr("Remove this step"), [this] {
        if (m_document->removeStep(m_field, m_list, m_index))
            emit closeRequested();
    });
    addCloseButton(header);

    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    if (spec) {
        for (const OptionSpec &option : spec->options) {
            QWidget *w = buildOption(option);
            w->setAccessibleName(option.label);
            if (!option.help.isEmpty())
                w->setToolTip(option.help);
            m_widgets.insert(option.key, w);
            auto *label = new QLabel(option.label + QLatin1Char(':'));
            label->setBuddy(w);
            form->addRow(label, option.kind == OptionKind::ValueMap ? nullptr : w);
            if (option.kind == OptionKind::ValueMap)
                form->addRow(w);
        }
    }
    layout->addLayout(form);
    m_problem = problemLabel();
    layout->addWidget(m_problem);
    refresh();
    setMinimumWidth(340);
}

const json *StepEditor::step() const
{
    const MappingEntry *e = m_document->entryForField(m_field);
    if (!e || !e->valid || m_index < 0 || m_index >= int(e->steps(m_list).size()))
        return nullptr;
    return &e->steps(m_list)[std::size_t(m_index)];
}

void StepEditor::setOption(const QString &key, const json &value, bool remove, bool typing)
{
    m_document->setStepOption(m_field, m_list, m_index, key, value, remove, typing ? session() : -1);
}

QWidget *StepEditor::buildOption(const OptionSpec &o)
{
    switch (o.kind) {
    case OptionKind::Choice: {
        auto *box = new QComboBox;
        for (const QString &c : o.choices)
            box->addItem(c == o.defaultValue ? CanvasTr::tr("%1 (default)").arg(c) : c, c);
        connect(box, &QComboBox::activated, this, [this, box, o](int i) {
            const QString v = box->itemData(i).toString();
            setOption(o.key, v.toStdString(), !o.defaultValue.isEmpty() && v == o.defaultValue, false);
        });
        return box;
    }
    case OptionKind::Boolean: {
        auto *check = new QCheckBox;
        connect(check, &QCheckBox::clicked, this,
                [this, o](bool on) { setOption(o.key, on, (o.defaultValue == QLatin1String("true")) == on, false); });
        return check;
    }
    case OptionKind::ValueMap: {
        auto *box = new QWidget;
        auto *v = new QVBoxLayout(box);
        v->setContentsMargins(0, 0, 0, 0);
        m_valueMap = new ValueMapModel(m_document, m_field, m_index, this);
        m_valueMapView = new QTableView;
        m_valueMapView->setModel(m_valueMap);
        m_valueMapView->setAccessibleName(CanvasTr::tr("Value map"));
        m_valueMapView->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
        m_valueMapView->verticalHeader()->hide();
        m_valueMapView->verticalHeader()->setDefaultSectionSize(m_valueMapView->fontMetrics().height() + 8);
        m_valueMapView->setMinimumHeight(m_valueMapView->fontMetrics().height() * 7);
        m_valueMapView->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                                        | QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
        v->addWidget(m_valueMapView);
        auto *buttons = new QHBoxLayout;
        auto *remove = new QPushButton(CanvasTr::tr("Remove row"));
        connect(remove, &QPushButton::clicked, this, [this] {
            const QModelIndex current = m_valueMapView->currentIndex();
            if (current.isValid())
                m_valueMap->removeRows(current.row(), 1);
        });
        auto *import = new QPushButton(CanvasTr::tr("Import CSV…"));
        connect(import, &QPushButton::clicked, this, &StepEditor::importCsv);
        buttons->addWidget(remove);
        buttons->addWidget(import);
        buttons->addStretch(1);
        v->addLayout(buttons);
        return box;
    }
    default: break;
    }
    auto *edit = new QLineEdit;
    edit->setPlaceholderText(o.defaultValue.isEmpty() ? QString() : CanvasTr::tr("default: %1").arg(o.defaultValue));
    // A condition box says what it takes: an example of the syntax (a mistake
    // shows under the panel as the mapping's problem, as it is typed).
    if (o.kind == OptionKind::Expression)
        edit->setPlaceholderText(CanvasTr::tr("e.g. status == 'suspended' or days_since(last_login) > 90"));
    if (o.kind == OptionKind::Integer)
        edit->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("-?\\d{0,12}")), edit));
    connect(edit, &QLineEdit::textEdited, this, [this, o](const QString &text) {
        const Parsed p = parseOption(o.kind, text);
        if (p.ok)
            setOption(o.key, p.value, p.remove, true);
    });
    connect(edit, &QLineEdit::editingFinished, this, &StepEditor::newSession);
    return edit;
}

void StepEditor::importCsv()
{
    const QString path = QFileDialog::getOpenFileName(this, CanvasTr::tr("Import value map"), QString(),
                                                      CanvasTr::tr("CSV files (*.csv);;All files (*)"));
    if (path.isEmpty())
        return;
    auto map = valueMapFromCsv(path.toStdString());
    if (!map) {
        QMessageBox::warning(this, CanvasTr::tr("Import value map"), QString::fromStdString(map.error().describe()));
        return;
    }
    m_valueMap->setMap(*map);
}

bool StepEditor::refresh()
{
    const json *s = step();
    if (!s || stepType(*s) != m_type)
        return false;
    const StepSpec *spec = stepSpec(m_list, m_type);
    if (spec) {
        for (const OptionSpec &o : spec->options) {
            QWidget *w = m_widgets.value(o.key);
            const bool has = s->contains(o.key.toStdString());
            const json value = has ? (*s)[o.key.toStdString()] : json();
            if (auto *box = qobject_cast<QComboBox *>(w)) {
                const QString v
                    = has && value.is_string() ? QString::fromStdString(value.get<std::string>()) : o.defaultValue;
                box->setCurrentIndex(box->findData(v));
            } else if (auto *check = qobject_cast<QCheckBox *>(w)) {
                check->setChecked(has && value.is_boolean() ? value.get<bool>()
                                                            : o.defaultValue == QLatin1String("true"));
            } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
                const Parsed shown = parseOption(o.kind, edit->text());
                const bool same
                    = has ? (shown.ok && !shown.remove && shown.value == value) : (shown.ok && shown.remove);
                if (!same)
                    edit->setText(has ? optionText(o.kind, value) : QString());
            }
        }
    }
    if (m_valueMap)
        m_valueMap->reload();
    QStringList problems;
    const MappingEntry *e = m_document->entryForField(m_field);
    const int entryIndex = e ? m_document->indexOf(e->id) : -1;
    for (const MappingProblem &p : m_document->problems())
        if (p.entryIndex == entryIndex && p.list == m_list && p.stepIndex == m_index)
            problems << p.text();
    m_problem->setText(problems.join(QLatin1Char('\n')));
    m_problem->setVisible(!problems.isEmpty());
    return true;
}

} // namespace sluice::ui
