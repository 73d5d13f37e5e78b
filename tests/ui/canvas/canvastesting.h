#pragma once
// The mapping designer (ui/canvas) as a user drives it: drag columns onto
// fields, drop transforms from the palette onto edges, edit them inline,
// delete with the keyboard, auto-map, and the table of the same mapping.
// Every edit is an undo step; every command round-trips.
//
// Shared by the parts of the mapping designer tests (tst_mappingcanvas_document,
// tst_mappingcanvas_edit, tst_mappingcanvas_views): columns and fields, the
// auto-map scenario, and showing a widget active.

#include "canvas/mappingcommands.h"
#include "canvas/mappingdocument.h"
#include "canvas/mappingeditor.h"
#include "canvas/mappingitems.h"
#include "canvas/mappingscene.h"
#include "canvas/mappingtablemodel.h"
#include "canvas/mappingtableview.h"
#include "canvas/mappingview.h"
#include "canvas/stepeditor.h"
#include "canvas/transformpalettemodel.h"
#include "jsoncompare.h"

#include <QApplication>
#include <QStyleFactory>
#include <QTest>

using namespace sluice;
using namespace sluice::ui;
using namespace sluice::test;
using nlohmann::json;

inline Column col(const char *name, ValueType type = ValueType::Text)
{
    return Column{name, type, {}};
}

inline DestinationField field(const char *name, FieldType type = FieldType::Text, bool required = false,
                              bool identifier = false)
{
    return DestinationField{name, type, required, identifier};
}

// The columns and fields of the auto-map scenario.
inline std::vector<Column> autoMapColumns()
{
    return {col("user_id", ValueType::Integer), col("Email"), col("first_name"), col("Phone")};
}

inline std::vector<DestinationField> autoMapFields()
{
    return {field("email", FieldType::Text, true, true), field("firstname"), field("phone"), field("lifecycle")};
}

// Shows the widget and makes its window active, so keyboard focus and
// shortcuts work as they do for a user.
inline bool showActive(QWidget &widget)
{
    widget.show();
    widget.activateWindow();
    return QTest::qWaitForWindowActive(&widget);
}

// An editor over the auto-map scenario with `mapping`, shown active at `size`.
inline bool showAutoMapScenario(MappingEditor &editor, const json &mapping = json::array(),
                                const QSize &size = QSize(1100, 700))
{
    editor.setColumns(autoMapColumns());
    editor.setDestinationFields(autoMapFields());
    editor.setMapping(mapping);
    editor.resize(size);
    return showActive(editor);
}
