#pragma once
// SettingSpinBox: the spin box of a number setting of a sync that may be
// absent (SyncSettingsPage): "the default" below its valid range, an optional
// text for zero, and a unit that follows the number shown.

#include <QDoubleSpinBox>
#include <QString>

#include <cmath>

namespace sluice::ui {

// A number setting that may be absent: its lowest value stands for "the
// default" (the key is left out), shown as text rather than as a number.
class SettingSpinBox : public QDoubleSpinBox {
public:
    SettingSpinBox(double validMin, double max, int decimals, QWidget *parent = nullptr) : QDoubleSpinBox(parent)
    {
        setDecimals(decimals);
        setRange(validMin - 1, max);
        setValue(validMin - 1);
        setAccelerated(true);
        setKeyboardTracking(true);
    }
    bool isDefault() const { return value() <= minimum(); }
    void setDefaultText(const QString &text)
    {
        setSpecialValueText(text);
        updateGeometry();
    }
    void setZeroText(const QString &text) { m_zeroText = text; }
    // " record" for 1, " records" otherwise (there is no English catalogue for %n).
    void setUnits(const QString &one, const QString &many)
    {
        m_one = one;
        m_many = many;
        setSuffix(many);
    }

protected:
    QString textFromValue(double v) const override
    {
        if (!m_zeroText.isEmpty() && v == 0)
            return m_zeroText;
        // Whole numbers without decimals ("20 requests/s", not "20.0").
        if (v == std::floor(v))
            return locale().toString(qint64(v));
        return QDoubleSpinBox::textFromValue(v);
    }
    void paintEvent(QPaintEvent *event) override
    {
        // The unit follows the number shown.
        if (!m_many.isEmpty()) {
            const QString unit = value() == 1 ? m_one : m_many;
            if (suffix() != unit)
                setSuffix(unit);
        }
        QDoubleSpinBox::paintEvent(event);
    }
    double valueFromText(const QString &text) const override
    {
        if (!m_zeroText.isEmpty() && text == m_zeroText)
            return 0;
        return QDoubleSpinBox::valueFromText(text);
    }
    QValidator::State validate(QString &text, int &pos) const override
    {
        if (!m_zeroText.isEmpty() && m_zeroText.startsWith(text, Qt::CaseInsensitive) && !text.isEmpty())
            return text.compare(m_zeroText, Qt::CaseInsensitive) == 0 ? QValidator::Acceptable
                                                                      : QValidator::Intermediate;
        return QDoubleSpinBox::validate(text, pos);
    }

private:
    QString m_zeroText;
    QString m_one, m_many;
};

} // namespace sluice::ui
