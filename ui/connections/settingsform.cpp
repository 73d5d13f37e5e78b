#include "settingsform.h"

#include "keyvaluetablemodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSpinBox>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <climits>

namespace sluice::ui {

namespace {

// Labels and help come from the engine's kind tables in English; they go
// through the translator under one context of their own.
QString specText(const std::string &text)
{
    return QCoreApplication::translate("sluice::SettingsSpec", text.c_str());
}

QString stringOf(const nlohmann::json &v)
{
    if (v.is_null())
        return {};
    return QString::fromStdString(v.is_string() ? v.get<std::string>() : v.dump());
}

const char *const kErrorStyle = "QLabel { color: #c62828; }";
const char *const kNoteStyle = "QLabel { color: #2e7d32; }";

} // namespace

SettingsForm::SettingsForm(QWidget *parent) : QWidget(parent), m_layout(new QFormLayout(this))
{
    m_layout->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_layout->setLabelAlignment(Qt::AlignRight | Qt::AlignTop);
}

void SettingsForm::setSpec(const KindSpec *spec, bool forOutput)
{
    if (spec == m_spec)
        return;
    while (m_layout->rowCount() > 0)
        m_layout->removeRow(0);
    m_fields.clear();
    m_spec = spec;
    if (!spec)
        return;
    m_fields.reserve(spec->settings.size());
    for (const SettingSpec &s : spec->settings) {
        m_fields.push_back(Field{&s});
        Field &field = m_fields.back();
        auto *box = new QWidget;
        auto *column = new QVBoxLayout(box);
        column->setContentsMargins(0, 0, 0, 0);
        column->setSpacing(2);
        column->addWidget(makeEditor(field, forOutput));
        field.message = new QLabel;
        field.message->setWordWrap(true);
        field.message->setTextInteractionFlags(Qt::TextSelectableByMouse);
        field.message->hide();
        column->addWidget(field.message);
        auto *label = new QLabel(specText(s.label.empty() ? s.key : s.label) + QLatin1Char(':'));
        label->setBuddy(field.editor);
        QString tip = specText(s.help);
        if (s.required) {
            QFont f = label->font();
            f.setBold(true);
            label->setFont(f);
            tip = tip.isEmpty() ? tr("Required") : tr("Required. %1").arg(tip);
        }
        label->setToolTip(tip);
        field.editor->setToolTip(tip);
        field.editor->setAccessibleName(specText(s.label.empty() ? s.key : s.label));
        field.editor->setObjectName(QString::fromStdString(s.key));
        m_layout->addRow(label, box);
    }
}

QWidget *SettingsForm::makeEditor(Field &field, bool forOutput)
{
    const SettingSpec &s = *field.spec;
    const QString key = QString::fromStdString(s.key);
    if (s.secret) {
        auto *row = new QWidget;
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit;
        edit->setEchoMode(QLineEdit::Password);
        edit->setClearButtonEnabled(false);
        // A typed reference (${env:NAME}) is not a secret: show it as typed.
        connect(edit, &QLineEdit::textEdited, this, [edit](const QString &text) {
            edit->setEchoMode(text.startsWith(QLatin1String("${")) ? QLineEdit::Normal : QLineEdit::Password);
        });
        connect(edit, &QLineEdit::editingFinished, this, [this, edit, key] {
            if (m_loading || !edit->isModified() || edit->text().isEmpty())
                return;
            edit->setModified(false);
            emit secretEntered(key, edit->text());
        });
        auto *forget = new QToolButton;
        forget->setText(tr("Forget"));
        forget->setToolTip(tr("Remove this secret from the project"));
        forget->setObjectName(key + QStringLiteral("_forget"));
        connect(forget, &QToolButton::clicked, this, [this, key] { emit secretForgotten(key); });
        h->addWidget(edit, 1);
        h->addWidget(forget);
        field.editor = edit;
        return row;
    }
    switch (s.type) {
    case SettingType::Boolean: {
        auto *box = new QCheckBox;
        connect(box, &QCheckBox::toggled, this, [this, key](bool on) {
            if (!m_loading)
                emit valueEdited(key, on, true);
        });
        field.editor = box;
        return box;
    }
    case SettingType::Integer: {
        auto *spin = new QSpinBox;
        spin->setRange(0, INT_MAX);
        spin->setGroupSeparatorShown(false);
        connect(spin, &QSpinBox::valueChanged, this, [this, key](int v) {
            if (!m_loading)
                emit valueEdited(key, v, false);
        });
        connect(spin, &QSpinBox::editingFinished, this, [this, key, spin] {
            if (!m_loading)
                emit valueEdited(key, spin->value(), true);
        });
        field.editor = spin;
        return spin;
    }
    case SettingType::Number: {
        auto *spin = new QDoubleSpinBox;
        spin->setRange(0, 1e9);
        spin->setDecimals(2);
        connect(spin, &QDoubleSpinBox::valueChanged, this, [this, key](double v) {
            if (!m_loading)
                emit valueEdited(key, v, false);
        });
        field.editor = spin;
        return spin;
    }
    case SettingType::Choice: {
        auto *combo = new QComboBox;
        if (!s.required && s.defaultValue.is_null())
            combo->addItem(tr("(not set)"), QString());
        for (const auto &c : s.choices)
            combo->addItem(QString::fromStdString(c), QString::fromStdString(c));
        connect(combo, &QComboBox::activated, this, [this, key, combo](int i) {
            const QString v = combo->itemData(i).toString();
            emit valueEdited(key, v.isEmpty() ? nlohmann::json() : nlohmann::json(v.toStdString()), true);
        });
        field.editor = combo;
        return combo;
    }
    case SettingType::StringMap: {
        auto *table = new QTableView;
        field.map = new KeyValueTableModel(table);
        table->setModel(field.map);
        table->horizontalHeader()->setStretchLastSection(true);
        table->verticalHeader()->hide();
        table->setMinimumHeight(table->fontMetrics().height() * 6);
        table->setMaximumHeight(table->fontMetrics().height() * 10);
        connect(field.map, &KeyValueTableModel::edited, this, [this, key](const nlohmann::json &object) {
            if (!m_loading)
                emit valueEdited(key, object, true);
        });
        field.editor = table;
        return table;
    }
    case SettingType::Path: {
        auto *row = new QWidget;
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        auto *edit = new QLineEdit;
        auto *browse = new QToolButton;
        browse->setText(tr("Browse…"));
        browse->setObjectName(key + QStringLiteral("_browse"));
        connect(edit, &QLineEdit::textEdited, this,
                [this, key](const QString &text) { emit valueEdited(key, text.toStdString(), false); });
        connect(edit, &QLineEdit::editingFinished, this, [this, key, edit] {
            if (!m_loading && edit->isModified())
                emit valueEdited(key, edit->text().toStdString(), true);
        });
        connect(browse, &QToolButton::clicked, this, [this, key, edit, forOutput] {
            const QString start = QDir(m_projectDir).absoluteFilePath(edit->text());
            const QString chosen = forOutput ? QFileDialog::getSaveFileName(this, tr("Choose a file"), start, {},
                                                                            nullptr, QFileDialog::DontConfirmOverwrite)
                                             : QFileDialog::getOpenFileName(this, tr("Choose a file"), start);
            if (chosen.isEmpty())
                return;
            // Inside the project's folder: relative, so the project can move.
            QString path = QDir(m_projectDir).relativeFilePath(chosen);
            if (path.startsWith(QLatin1String("..")))
                path = chosen;
            edit->setText(path);
            emit valueEdited(key, path.toStdString(), true);
        });
        h->addWidget(edit, 1);
        h->addWidget(browse);
        field.editor = edit;
        return row;
    }
    case SettingType::String:
    case SettingType::Character: break;
    }
    auto *edit = new QLineEdit;
    if (s.type == SettingType::Character)
        edit->setMaxLength(2); // "\t" spells a tab
    const bool required = s.required;
    connect(edit, &QLineEdit::textEdited, this, [this, key, required](const QString &text) {
        // Emptied optional text: unset, so the default applies again.
        emit valueEdited(key, text.isEmpty() && !required ? nlohmann::json() : nlohmann::json(text.toStdString()),
                         false);
    });
    connect(edit, &QLineEdit::editingFinished, this, [this, key, edit, required] {
        if (m_loading || !edit->isModified())
            return;
        const QString text = edit->text();
        emit valueEdited(key, text.isEmpty() && !required ? nlohmann::json() : nlohmann::json(text.toStdString()),
                         true);
    });
    field.editor = edit;
    return edit;
}

void SettingsForm::setSettings(const nlohmann::json &settings, const QString &projectDir, const QStringList &skip)
{
    m_projectDir = projectDir;
    m_loading = true;
    for (Field &field : m_fields) {
        const QString key = QString::fromStdString(field.spec->key);
        if (skip.contains(key))
            continue;
        const auto it = settings.find(field.spec->key);
        showValue(field, it != settings.end() && !it->is_null() ? *it : field.spec->defaultValue);
    }
    m_loading = false;
}

void SettingsForm::showValue(Field &field, const nlohmann::json &value)
{
    const SettingSpec &s = *field.spec;
    if (s.secret) {
        auto *edit = static_cast<QLineEdit *>(field.editor);
        const QString v = stringOf(value);
        if (v.startsWith(QLatin1String("${keychain:"))) {
            edit->clear();
            edit->setEchoMode(QLineEdit::Password);
            edit->setPlaceholderText(tr("Saved in the keychain; type to replace"));
        } else {
            // A reference (${env:NAME}) is no secret and reads better as text.
            edit->setEchoMode(v.isEmpty() ? QLineEdit::Password : QLineEdit::Normal);
            edit->setText(v);
            edit->setPlaceholderText(tr("Not set; what you type is kept in the keychain"));
        }
        edit->setModified(false);
        return;
    }
    switch (s.type) {
    case SettingType::Boolean:
        static_cast<QCheckBox *>(field.editor)->setChecked(value.is_boolean() && value.get<bool>());
        return;
    case SettingType::Integer:
        static_cast<QSpinBox *>(field.editor)->setValue(value.is_number() ? value.get<int>() : 0);
        return;
    case SettingType::Number:
        static_cast<QDoubleSpinBox *>(field.editor)->setValue(value.is_number() ? value.get<double>() : 0);
        return;
    case SettingType::Choice: {
        auto *combo = static_cast<QComboBox *>(field.editor);
        const int i = combo->findData(stringOf(value));
        combo->setCurrentIndex(i >= 0 ? i : 0);
        return;
    }
    case SettingType::StringMap:
        // Unchanged (our own edit coming back): keep the rows in the order
        // the user made them rather than re-sorting under their hands.
        if (field.map->map() != (value.is_object() ? value : nlohmann::json::object()))
            field.map->setMap(value);
        return;
    default: {
        auto *edit = static_cast<QLineEdit *>(field.editor);
        const QString v = stringOf(value);
        if (edit->text() != v)
            edit->setText(v);
        edit->setModified(false);
        if (!s.help.empty() && s.type == SettingType::Path)
            edit->setPlaceholderText(specText(s.help));
        return;
    }
    }
}

const SettingsForm::Field *SettingsForm::find(const QString &key) const
{
    for (const Field &f : m_fields)
        if (f.spec->key == key.toStdString())
            return &f;
    return nullptr;
}

void SettingsForm::showMessage(const QString &key, const QString &message, bool error)
{
    const Field *f = find(key);
    if (!f)
        return;
    f->message->setText(message);
    f->message->setStyleSheet(QString::fromLatin1(error ? kErrorStyle : kNoteStyle));
    f->message->setVisible(!message.isEmpty());
}

void SettingsForm::setFieldError(const QString &key, const QString &message)
{
    showMessage(key, message, true);
}

void SettingsForm::setFieldNote(const QString &key, const QString &message)
{
    showMessage(key, message, false);
}

void SettingsForm::clearMessages()
{
    for (const Field &f : m_fields) {
        f.message->clear();
        f.message->hide();
    }
}

QString SettingsForm::fieldMessage(const QString &key) const
{
    const Field *f = find(key);
    return f && !f->message->isHidden() ? f->message->text() : QString();
}

QWidget *SettingsForm::editor(const QString &key) const
{
    const Field *f = find(key);
    return f ? f->editor : nullptr;
}

KeyValueTableModel *SettingsForm::mapModel(const QString &key) const
{
    const Field *f = find(key);
    return f ? f->map : nullptr;
}

} // namespace sluice::ui
