<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>MappingCanvas</name>
    <message>
        <location filename="../ui/canvas/mappingcommands.cpp" line="+21"/>
        <source>step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>transform</source>
        <translation>转换</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+117"/>
        <source>Connect %1 to %2</source>
        <translation>将 %1 连接到 %2</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Disconnect %1</source>
        <translation>断开 %1</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Disconnect %n fields</source>
        <translation>
            <numerusform>断开 %n 个字段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Set static value of %1</source>
        <translation>设置 %1 的固定值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set template of %1</source>
        <translation>设置 %1 的模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear source of %1</source>
        <translation>清除 %1 的来源</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Insert %1 transform</source>
        <translation>插入“%1”转换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add %1 rule</source>
        <translation>添加“%1”规则</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove %1 %2</source>
        <translation>删除%2“%1”</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Set %1 of %2</source>
        <translation>设置“%2”的 %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Move %1 %2</source>
        <translation>移动%2“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rewire %1 to %2</source>
        <translation>将 %1 改接到 %2</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Auto-map 1 field</source>
        <translation>自动映射 1 个字段</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>Auto-map %n fields</source>
        <translation>
            <numerusform>自动映射 %n 个字段</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Replace mapping</source>
        <translation>替换映射</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingdocument_problems.cpp" line="+28"/>
        <source>Required field is not mapped</source>
        <translation>必填字段未映射</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No identifier field is mapped</source>
        <translation>未映射任何标识字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type does not fit</source>
        <translation>类型不匹配</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not a field of the destination</source>
        <translation>不是目标的字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown column</source>
        <translation>未知列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syntax error</source>
        <translation>语法错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid setting</source>
        <translation>无效设置</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field mapped twice</source>
        <translation>字段被映射了两次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid regular expression</source>
        <translation>无效的正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid time zone</source>
        <translation>无效的时区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invalid date format</source>
        <translation>无效的日期格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lookup not available</source>
        <translation>无法查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Entry cannot be read</source>
        <translation>无法读取该条目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapping cannot be read</source>
        <translation>无法读取映射</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingentry.cpp" line="+62"/>
        <source>the entry is not an object</source>
        <translation>该条目不是对象</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the entry has no destination field (&quot;field&quot;)</source>
        <translation>该条目没有目标字段（&quot;field&quot;）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>the entry has more than one of &quot;column&quot;, &quot;value&quot; and &quot;template&quot;</source>
        <translation>该条目同时含有 &quot;column&quot;、&quot;value&quot; 和 &quot;template&quot; 中的多项</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;column&quot; must be a column name</source>
        <translation>&quot;column&quot; 必须是列名</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;value&quot; must be a text, a number, true, false or null</source>
        <translation>&quot;value&quot; 必须是文本、数字、true、false 或 null</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&quot;template&quot; must be a text</source>
        <translation>&quot;template&quot; 必须是文本</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&quot;transforms&quot; must be a list of objects with a &quot;type&quot;</source>
        <translation>&quot;transforms&quot; 必须是带有 &quot;type&quot; 的对象列表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&quot;rules&quot; must be a list of objects with a &quot;type&quot;</source>
        <translation>&quot;rules&quot; 必须是带有 &quot;type&quot; 的对象列表</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingdocument.cpp" line="+102"/>
        <source>the mapping is not a list of entries; it was not loaded</source>
        <translation>映射不是条目列表，未加载</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the field is mapped more than once</source>
        <translation>该字段被映射了不止一次</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingeditor.cpp" line="+74"/>
        <location line="+2"/>
        <source>Filter columns and fields</source>
        <translation>筛选列和字段</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+70"/>
        <source>Auto-map</source>
        <translation>自动映射</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Connect unmapped fields to columns with the same or a similar name</source>
        <translation>将未映射的字段连接到同名或名称相近的列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mapped Columns Only</source>
        <translation>仅显示已映射的列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide the model columns no field uses</source>
        <translation>隐藏没有任何字段使用的模型列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>100%</source>
        <translation>100%</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Actual size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit to view</source>
        <translation>适应视图</translation>
    </message>
    <message>
        <location line="+14"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+258"/>
        <source>Transforms</source>
        <translation>转换</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Transform palette</source>
        <translation>转换面板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a transform onto an edge, or select an edge and press Enter here</source>
        <translation>将转换拖到连线上，或选中一条连线后在此按 Enter</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingtableview.cpp" line="+18"/>
        <source>Field mappings</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>identifier, required</source>
        <translation>标识，必填</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Connect Suggested Columns</source>
        <translation>连接建议的列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Connect each selected field to the column suggested for it</source>
        <translation>将每个选中的字段连接到为其建议的列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disconnect selected fields</source>
        <translation>断开所选字段</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingeditor.cpp" line="+17"/>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>Select an edge or a field first, then pick a transform</source>
        <translation>请先选中一条连线或一个字段，再选择转换</translation>
    </message>
    <message>
        <location line="+107"/>
        <source>1 error</source>
        <translation>1 个错误</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n errors</source>
        <translation>
            <numerusform>%n 个错误</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 warning</source>
        <translation>1 个警告</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n warnings</source>
        <translation>
            <numerusform>%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the preview fails</source>
        <translation>预览失败</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n preview rows refused</source>
        <translation>
            <numerusform>%n 行预览被拒绝</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Entry %1 cannot be read: %2</source>
        <translation>无法读取条目 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/canvas/columnitem.cpp" line="+30"/>
        <source>Column %1 (%2). Drag it onto a field to connect them, or focus it and a field and press Ctrl+L.</source>
        <translation>列 %1（%2）。将其拖到字段上即可连接；也可先后聚焦该列和一个字段，再按 Ctrl+L。</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fielditem.cpp" line="+40"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="-108"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Field %1</source>
        <translation>字段 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Identifier: matches existing records.</source>
        <translation>标识：用于匹配已有记录。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Required: the destination refuses records without it.</source>
        <translation>必填：缺少此字段的记录会被目标拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not listed by the destination.</source>
        <translation>目标未列出此字段。</translation>
    </message>
    <message>
        <location filename="../ui/canvas/edgeitem.cpp" line="+42"/>
        <source>invalid entry</source>
        <translation>无效条目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Column %1</source>
        <translation>列 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model has no column %1</source>
        <translation>模型中没有列 %1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Static value: %1</source>
        <translation>固定值：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Template: %1</source>
        <translation>模板：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(no source)</source>
        <translation>（无来源）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No source: the transforms start from NULL</source>
        <translation>无来源：转换从 NULL 开始</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingscene.cpp" line="+63"/>
        <source>Drag a column onto a field to connect them,
or press Auto-map.</source>
        <translation>将列拖到字段上即可连接，
或点击“自动映射”。</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingscene_layout.cpp" line="+159"/>
        <source>No model columns</source>
        <translation>没有模型列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model columns (%1 of %2)</source>
        <translation>模型列（%1 / %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model columns (%1)</source>
        <translation>模型列（%1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No destination fields</source>
        <translation>没有目标字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination fields (%1 of %2)</source>
        <translation>目标字段（%1 / %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination fields (%1)</source>
        <translation>目标字段（%1）</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingscene_intents.cpp" line="+161"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldeditor.cpp" line="+42"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="-48"/>
        <location filename="../ui/canvas/stepcatalog.cpp" line="+103"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+31"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+1"/>
        <source>Static value</source>
        <translation>固定值</translation>
    </message>
    <message>
        <location line="-30"/>
        <location line="+38"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+1"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="-41"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+3"/>
        <source>No source</source>
        <translation>无来源</translation>
    </message>
    <message>
        <location line="-7"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+39"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldflags.cpp" line="+15"/>
        <source>identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, </source>
        <extracomment>Separates the items of a short list (&quot;identifier, required&quot;).</extracomment>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+8"/>
        <source>Invalid entry</source>
        <translation>无效条目</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>%1 in the model&apos;s first row: %2</source>
        <translation>模型第一行中的 %1：%2</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>the same name</source>
        <translation>名称相同</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the same name but for case and separators</source>
        <translation>名称相同（大小写和分隔符不同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a name that means the same</source>
        <translation>名称含义相同</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested: %1 (%2). Select rows and press Ctrl+L to connect the suggestions.</source>
        <translation>建议：%1（%2）。选中若干行后按 Ctrl+L 连接建议的列。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Flags</source>
        <translation>标记</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column / value / template</source>
        <translation>列 / 值 / 模板</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sample</source>
        <translation>示例值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Suggested column</source>
        <translation>建议的列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rules</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldeditor.cpp" line="+11"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+56"/>
        <source>Source kind</source>
        <translation>来源类型</translation>
    </message>
    <message>
        <location line="+24"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+6"/>
        <source>Source column</source>
        <translation>来源列</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingview.cpp" line="+31"/>
        <source>Mapping canvas</source>
        <translation>映射画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model columns on the left, destination fields on the right. Arrow keys move between items, Tab leaves the canvas, Ctrl+L connects the focused column to the focused field, Enter edits, Delete removes, Shift+F10 opens the item&apos;s menu.</source>
        <translation>左侧为模型列，右侧为目标字段。方向键在各项之间移动，Tab 离开画布，Ctrl+L 将聚焦的列连接到聚焦的字段，Enter 编辑，Delete 删除，Shift+F10 打开该项的菜单。</translation>
    </message>
    <message>
        <location line="+147"/>
        <source>Zoom In</source>
        <translation>放大</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom Out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual Size</source>
        <translation>实际大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit to View</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldeditor.cpp" line="+7"/>
        <location filename="../ui/canvas/stepcatalog.cpp" line="-58"/>
        <location filename="../ui/canvas/valuemapmodel.cpp" line="+40"/>
        <source>Text as typed; 42, true, false and null are read as JSON (write &quot;42&quot; for the text)</source>
        <translation>按输入的文本取值；42、true、false 和 null 按 JSON 读取（文本请写作 &quot;42&quot;）</translation>
    </message>
    <message>
        <location filename="../ui/canvas/stepcatalog.cpp" line="+7"/>
        <source>Only when</source>
        <translation>仅当</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>An expression; the step runs only for rows where it is true</source>
        <translation>表达式；此步骤只对表达式为真的行执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On error</source>
        <translation>出错时</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Convert to another type (text, number, boolean, date)</source>
        <translation>转换为其他类型（文本、数字、布尔值、日期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/canvas/valuemapmodel.cpp" line="+7"/>
        <source>To</source>
        <translation>目标类型</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Input format</source>
        <translation>输入格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Input time zone</source>
        <translation>输入时区</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Time zone</source>
        <translation>时区</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Map one vocabulary to another (active → Customer)</source>
        <translation>将一组取值映射为另一组（active → Customer）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+100"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location line="-99"/>
        <source>Unmapped values</source>
        <translation>未映射的值</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+30"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="-29"/>
        <location line="+79"/>
        <location line="+19"/>
        <source>Ignore case</source>
        <translation>忽略大小写</translation>
    </message>
    <message>
        <location line="-95"/>
        <source>Join the value and other columns</source>
        <translation>将该值与其他列拼接</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Column names separated by commas</source>
        <translation>以逗号分隔的列名</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Separator</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Take one part of the text</source>
        <translation>取文本的一部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Part</source>
        <translation>部分</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trim the part</source>
        <translation>去除该部分首尾空白</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Round a number</source>
        <translation>数字取整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decimals</source>
        <translation>小数位数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Replace the value by a column of another model</source>
        <translation>用另一个模型的列替换该值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Key column</source>
        <translation>主键列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Missing keys</source>
        <translation>缺失的主键</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>SHA-256 for audience matching</source>
        <translation>SHA-256（用于受众匹配）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Normalize</source>
        <translation>规范化</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+38"/>
        <source>Country code</source>
        <translation>国家代码</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>Mask personal data</source>
        <translation>遮盖个人数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep first</source>
        <translation>保留开头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep last</source>
        <translation>保留结尾</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mask</source>
        <translation>遮盖字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the field out (use with Only when)</source>
        <translation>省略此字段（与“仅当”配合使用）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A value for NULL or empty text</source>
        <translation>为 NULL 或空文本提供一个值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+99"/>
        <source>Lower-case</source>
        <translation>转为小写</translation>
    </message>
    <message>
        <location line="-98"/>
        <location line="+99"/>
        <source>Upper-case</source>
        <translation>转为大写</translation>
    </message>
    <message>
        <location line="-98"/>
        <source>Strip white space</source>
        <translation>去除空白</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cut to a length</source>
        <translation>截断到指定长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Length</source>
        <translation>长度</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Suffix</source>
        <translation>后缀</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>When it fails</source>
        <translation>失败时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A value is required</source>
        <translation>必须有值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A valid e-mail address</source>
        <translation>有效的电子邮件地址</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A phone number (normalised to E.164)</source>
        <translation>电话号码（规范化为 E.164）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Matches a regular expression</source>
        <translation>匹配正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A number within limits</source>
        <translation>在范围内的数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum</source>
        <translation>最小值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="-1"/>
        <source>At most so many characters</source>
        <translation>最多允许的字符数</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>One of a list of values</source>
        <translation>属于一组取值之一</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Values separated by commas</source>
        <translation>以逗号分隔的取值</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Change type</source>
        <translation>转换类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Map values</source>
        <translation>值映射</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join columns</source>
        <translation>拼接列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Split text</source>
        <translation>拆分文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Round</source>
        <translation>取整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Look up</source>
        <translation>查找</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hash</source>
        <translation>哈希</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Redact</source>
        <translation>脱敏</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Leave out</source>
        <translation>省略字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default value</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trim spaces</source>
        <translation>去除首尾空格</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Truncate</source>
        <translation>截断</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>(invalid)</source>
        <translation>（无效）</translation>
    </message>
    <message>
        <location filename="../ui/canvas/valuemapmodel.cpp" line="-12"/>
        <source>Type here to add a value</source>
        <translation>在此输入以添加取值</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From</source>
        <translation>原值</translation>
    </message>
    <message>
        <location filename="../ui/canvas/stepeditor.cpp" line="+172"/>
        <source>Close (Esc)</source>
        <translation>关闭（Esc）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close editor</source>
        <translation>关闭编辑器</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 transform on %2</source>
        <translation>%2 上的“%1”转换</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 rule on %2</source>
        <translation>%2 上的“%1”规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unknown type: edit it in the mapping JSON</source>
        <translation>未知类型：请在映射 JSON 中编辑</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Move earlier</source>
        <translation>上移</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Move later</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldeditor.cpp" line="+109"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+6"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/canvas/stepeditor.cpp" line="+0"/>
        <source>Remove this step</source>
        <translation>删除此步骤</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Value map</source>
        <translation>值映射</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Remove row</source>
        <translation>删除行</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Import CSV…</source>
        <translation>导入 CSV…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. status == &apos;suspended&apos; or days_since(last_login) &gt; 90</source>
        <translation>例如 status == &apos;suspended&apos; or days_since(last_login) &gt; 90</translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+6"/>
        <source>Import value map</source>
        <translation>导入值映射</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 文件 (*.csv);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../ui/canvas/fieldeditor.cpp" line="-155"/>
        <source>Edit field %1</source>
        <translation>编辑字段 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>not listed by the destination</source>
        <translation>目标未列出</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not mapped: the transforms start from NULL</source>
        <translation>未映射：转换从 NULL 开始</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose a column</source>
        <translation>选择一列</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Rules (checked after the transforms):</source>
        <translation>规则（在转换之后检查）：</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Rule type</source>
        <translation>规则类型</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Add rule</source>
        <translation>添加规则</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>No rules</source>
        <translation>没有规则</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit rule %1</source>
        <translation>编辑规则 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove rule %1</source>
        <translation>删除规则 %1</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingscene_menu.cpp" line="+45"/>
        <source>Connect to the Selected Field</source>
        <translation>连接到所选字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to %1</source>
        <translation>连接到 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+19"/>
        <source>Edit Field…</source>
        <translation>编辑字段…</translation>
    </message>
    <message>
        <location line="-14"/>
        <source>Connect the Selected Column</source>
        <translation>连接所选列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect %1 Here</source>
        <translation>将 %1 连接到这里</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Disconnect</source>
        <translation>断开连接</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Delete Connection</source>
        <translation>删除连线</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Edit Transform…</source>
        <translation>编辑转换…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove Transform</source>
        <translation>移除转换</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Edit Source…</source>
        <translation>编辑来源…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Clear Source</source>
        <translation>清除来源</translation>
    </message>
    <message>
        <location filename="../ui/canvas/transformpalettemodel.cpp" line="+29"/>
        <source>In the project file: %1</source>
        <translation>项目文件中的名称：%1</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/jobs/connectioncheck.cpp" line="+29"/>
        <location line="+30"/>
        <source>OK: %1</source>
        <translation>成功：%1</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>view</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
</context>
<context>
    <name>Sluice</name>
    <message>
        <location filename="../ui/shell/languagesettings.cpp" line="+98"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/document/projectedits.cpp" line="+44"/>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+6"/>
        <source>sync %1</source>
        <translation>同步 %1</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>the customer schema of the audiences</source>
        <translation>受众的客户模式</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>A name cannot be empty.</source>
        <translation>名称不能为空。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is already taken.</source>
        <translation>“%1”已被使用。</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+31"/>
        <location line="+18"/>
        <source>&apos;%1&apos; no longer exists.</source>
        <translation>“%1”已不存在。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>&apos;%1&apos; is used by %2; delete or change those first.</source>
        <translation>“%1”正被 %2 使用；请先删除或修改它们。</translation>
    </message>
    <message>
        <location filename="../ui/document/protectedsync.cpp" line="+37"/>
        <source>Switch a protected sync to mirror mode?</source>
        <translation>将受保护的同步切换为镜像模式？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is protected. In mirror mode, records removed from the model are deleted at the destination on every run. Switch it to mirror mode?</source>
        <translation>“%1”受保护。在镜像模式下，每次运行时，从模型中移除的记录都会在目标中被删除。要将其切换为镜像模式吗？</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edit a protected sync?</source>
        <translation>编辑受保护的同步？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is protected: its settings are meant to stay as they are. Edit it anyway? (You will not be asked again for this sync until Sluice restarts.)</source>
        <translation>“%1”受保护：其设置应保持不变。仍要编辑吗？（在 Sluice 重新启动之前，不会再就此同步询问你。）</translation>
    </message>
    <message>
        <location filename="../ui/runs/runwords.cpp" line="+14"/>
        <source>run</source>
        <comment>run kind</comment>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dry run</source>
        <comment>run kind</comment>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>full resync</source>
        <comment>run kind</comment>
        <translation>全量重新同步</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>retry rejected</source>
        <comment>run kind</comment>
        <translation>重试被拒绝的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reset baseline</source>
        <comment>run kind</comment>
        <translation>重置基线</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>upsert</source>
        <comment>sync mode</comment>
        <translation>更新插入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>insert</source>
        <comment>sync mode</comment>
        <translation>插入</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>update</source>
        <comment>sync mode</comment>
        <translation>更新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mirror</source>
        <comment>sync mode</comment>
        <translation>镜像</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>running</source>
        <comment>run status</comment>
        <translation>运行中</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>succeeded</source>
        <comment>run status</comment>
        <translation>成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>partial</source>
        <comment>run status</comment>
        <translation>部分成功</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>failed</source>
        <comment>run status</comment>
        <translation>失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cancelled</source>
        <comment>run status</comment>
        <translation>已取消</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>deferred</source>
        <comment>run status</comment>
        <translation>已推迟</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>debug</source>
        <comment>log level</comment>
        <translation>调试</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>info</source>
        <comment>log level</comment>
        <translation>信息</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <comment>log level</comment>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>error</source>
        <comment>log level</comment>
        <translation>错误</translation>
    </message>
    <message>
        <location filename="../ui/common/errortext.cpp" line="+12"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a file path</source>
        <translation>文件路径</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>one of the listed choices</source>
        <translation>列出的选项之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a single character</source>
        <translation>单个字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>true or false</source>
        <translation>true 或 false</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 is required.</source>
        <translation>“%1”为必填项。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 must be %2.</source>
        <translation>%1 必须是%2。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 is a secret: give a reference such as ${env:NAME} or ${keychain:NAME}, never the secret itself.</source>
        <translation>%1 是机密信息：请填写引用，例如 ${env:NAME} 或 ${keychain:NAME}，切勿直接填写机密本身。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&apos;%1&apos; is not a choice of %2 (choices: %3).</source>
        <translation>“%1”不是 %2 的可选值（可选值：%3）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 must be exactly one character.</source>
        <translation>%1 必须正好是一个字符。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a setting of a %2 connection.</source>
        <translation>“%1”不是 %2 连接的设置项。</translation>
    </message>
</context>
<context>
    <name>TypeWords</name>
    <message>
        <location filename="../ui/common/typewords.cpp" line="+10"/>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>integer</source>
        <translation>整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>decimal</source>
        <translation>小数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>boolean</source>
        <translation>布尔值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>date-time</source>
        <translation>日期时间</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>any</source>
        <translation>任意</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/sluice/main.cpp" line="+34"/>
        <source>Sluice reverse-ETL designer</source>
        <translation>Sluice 反向 ETL 设计器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Project file (*.sluice) to open.</source>
        <translation>要打开的项目文件（*.sluice）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open on an item: model:NAME, sync:NAME, source:NAME, destination:NAME, overview, or a page of a sync: sync:NAME#mapping, #runs, #settings, #rejected, #inspector or #history.</source>
        <translation>打开时定位到某一项：model:NAME、sync:NAME、source:NAME、destination:NAME、overview，或同步的某一页：sync:NAME#mapping、#runs、#settings、#rejected、#inspector 或 #history。</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Nothing named %1 in this project</source>
        <translation>此项目中没有名为 %1 的项</translation>
    </message>
</context>
<context>
    <name>sluice::EngineLog</name>
    <message>
        <location filename="../build/translations/engine_strings.cpp" line="+178"/>
        <source>{1} of sync &apos;{2}&apos;: model &apos;{3}&apos; -&gt; destination &apos;{4}&apos; ({5} mode)</source>
        <extracomment>run.start: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>同步“{2}”的{1}：模型“{3}” → 目标“{4}”（{5}模式）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1}: {2} queried, {3} invalid; added {4}, changed {5}, removed {6}, unchanged {7}; {8} delivered, {9} rejected, {10} pending</source>
        <extracomment>run.summary: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1}：查询 {2} 行，无效 {3} 行；新增 {4}，变更 {5}，删除 {6}，未变 {7}；送达 {8}，拒绝 {9}，待发送 {10}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1}: {2} queried, {3} invalid; added {4}, changed {5}, removed {6}, unchanged {7}; {8} delivered, {9} rejected, {10} pending; {11}</source>
        <extracomment>run.summary_error: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1}：查询 {2} 行，无效 {3} 行；新增 {4}，变更 {5}，删除 {6}，未变 {7}；送达 {8}，拒绝 {9}，待发送 {10}；{11}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1} until {11}: {2} queried, {3} invalid; added {4}, changed {5}, removed {6}, unchanged {7}; {8} delivered, {9} rejected, {10} pending</source>
        <extracomment>run.summary_deferred: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1}，直到 {11}：查询 {2} 行，无效 {3} 行；新增 {4}，变更 {5}，删除 {6}，未变 {7}；送达 {8}，拒绝 {9}，待发送 {10}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>baseline reset: {1} rows recorded as synced, nothing sent</source>
        <extracomment>run.baseline_reset: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>已重置基线：{1} 行记为已同步，未发送任何数据</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>backfill is off: starting from the newest row; only rows added after it will be sent</source>
        <extracomment>run.backfill_off: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>未开启回填：从最新的一行开始，只发送其后新增的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>no rejected rows to retry</source>
        <extracomment>run.no_rejected_rows: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>没有可重试的被拒绝行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>a real run would stop at the mirror guard</source>
        <extracomment>run.mirror_guard_dry_run: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>正式运行会在镜像保护处停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected: {1}</source>
        <extracomment>row.rejected: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>被拒绝：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rejected by validation: {1}</source>
        <extracomment>row.rejected_by_validation: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>未通过校验而被拒绝：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rows with a NULL primary key are invalid and not sent</source>
        <extracomment>row.null_key: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>主键为 NULL 的行无效，不会发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>duplicate primary key: every row with it is invalid and not sent</source>
        <extracomment>row.duplicate_key: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>主键重复：所有带此主键的行均无效，不会发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1} more rows with the same &apos;{2}&apos; problem on field &apos;{3}&apos; (first {4} logged above)</source>
        <extracomment>row.more_problems: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>另有 {1} 行在字段“{3}”上有相同的“{2}”问题（上面已记录前 {4} 行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1} records retryable; retrying in {2} s (attempt {3} of {4})</source>
        <extracomment>batch.retrying_records: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1} 条记录可重试；{2} 秒后重试（第 {3} 次，共 {4} 次）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1}; retrying in {2} s (attempt {3} of {4})</source>
        <extracomment>batch.retrying: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1}；{2} 秒后重试（第 {3} 次，共 {4} 次）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>batch of {1} refused ({2}); splitting it to isolate the bad record</source>
        <extracomment>batch.splitting: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1} 条记录的批次被拒绝（{2}）；正在拆分以找出有问题的记录</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{1} records not delivered: {2}; they stay pending and are sent again on the next run</source>
        <extracomment>batch.not_delivered: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>{1} 条记录未送达：{2}；它们保持待发送状态，下次运行时再次发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not record delivered rows: {1}</source>
        <extracomment>state.record_failed: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>无法记录已送达的行：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not save the cursor: {1}</source>
        <extracomment>state.cursor_failed: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>无法保存游标：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>could not record the rows about to be sent, so they were not sent: {1}</source>
        <extracomment>state.staging_failed: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>无法记录即将发送的行，因此未发送：{1}</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run {1} was stopped after it replaced the file and before it recorded so: its {2} rows are recorded as delivered now, not sent again</source>
        <extracomment>file.recovered_after_replace: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>运行 {1} 在替换文件之后、记录之前被中止：其 {2} 行现记为已送达，不再重复发送</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>run {1} was stopped before it replaced the file: nothing of it was kept, its rows are planned again</source>
        <extracomment>file.recovered_before_replace: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>运行 {1} 在替换文件之前被中止：未保留任何内容，其行将重新计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>dropped {1} rows staged by a run that was stopped before it replaced the file: they are planned again</source>
        <extracomment>file.dropped_staged: keep {1}, {2}, ... (the message&apos;s values)</extracomment>
        <translation>已丢弃一次中止运行（在替换文件前中止）暂存的 {1} 行：这些行将重新计划</translation>
    </message>
</context>
<context>
    <name>sluice::SettingsSpec</name>
    <message>
        <location line="-219"/>
        <source>A field flagged External ID (e.g. Sluice_Id__c); needed for upsert, update and mirror.</source>
        <translation>标记为外部 ID 的字段（例如 Sluice_Id__c）；更新插入、更新和镜像模式需要它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A key with the users.track permission, as a reference such as ${env:BRAZE_API_KEY}.</source>
        <translation>具有 users.track 权限的密钥，以引用形式填写，例如 ${env:BRAZE_API_KEY}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A private app or OAuth access token, as a reference: ${env:HUBSPOT_TOKEN}. Scopes: crm.objects.contacts.read and .write (companies: crm.objects.companies.*).</source>
        <translation>私有应用或 OAuth 访问令牌，以引用形式填写：${env:HUBSPOT_TOKEN}。权限范围：crm.objects.contacts.read 和 .write（公司：crm.objects.companies.*）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reference such as ${env:MIXPANEL_SA_SECRET}.</source>
        <translation>引用，例如 ${env:MIXPANEL_SA_SECRET}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A reference such as ${env:PGPASSWORD}; the desktop app keeps it in the keychain.</source>
        <translation>引用，例如 ${env:PGPASSWORD}；桌面应用将其保存在钥匙串中。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API base URL</source>
        <translation>API 基础 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key</source>
        <translation>API 密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API name: Lead, Contact, Account, Custom__c.</source>
        <translation>API 名称：Lead、Contact、Account、Custom__c。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API version</source>
        <translation>API 版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access token</source>
        <translation>访问令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Account identifier</source>
        <translation>账户标识符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adobe Experience Platform</source>
        <translation>Adobe Experience Platform</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adobe&apos;s guidance: up to 1,000 requests per second.</source>
        <translation>Adobe 的建议：每秒最多 1,000 个请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All or none</source>
        <translation>全部或全不</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amplitude</source>
        <translation>Amplitude</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amplitude drops user and device ids shorter than this (options.min_id_length; Amplitude&apos;s default 5). Shorter ids are rejected before sending.</source>
        <translation>Amplitude 会丢弃短于此长度的用户和设备 ID（options.min_id_length；Amplitude 默认为 5）。更短的 ID 在发送前即被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As a reference.</source>
        <translation>以引用形式填写。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As a reference. With clientId, an expired session is renewed once and the request sent again.</source>
        <translation>以引用形式填写。填写 clientId 时，过期的会话会续期一次并重新发送请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>As a reference: ${env:SF_ACCESS_TOKEN}.</source>
        <translation>以引用形式填写：${env:SF_ACCESS_TOKEN}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 100 (HubSpot&apos;s batch limit).</source>
        <translation>最多 100（HubSpot 的批量上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 1999 (the service&apos;s limit).</source>
        <translation>最多 1999（该服务的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 200 (sObject Collections limit).</source>
        <translation>最多 200（sObject Collections 的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 2000 (the service&apos;s limit).</source>
        <translation>最多 2000（该服务的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 2500 (the service&apos;s limit).</source>
        <translation>最多 2500（该服务的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 5000 (the service&apos;s limit).</source>
        <translation>最多 5000（该服务的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At most 75 (the service&apos;s limit).</source>
        <translation>最多 75（该服务的上限）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Base URL</source>
        <translation>基础 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Braze</source>
        <translation>Braze</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Braze allows 3,000 requests per 3 seconds per workspace by default.</source>
        <translation>Braze 默认每个工作区每 3 秒允许 3,000 个请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulk job poll interval (ms)</source>
        <translation>批量作业轮询间隔（毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulk job time limit (s)</source>
        <translation>批量作业时限（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bytes per request</source>
        <translation>每个请求的字节数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV file</source>
        <translation>CSV 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call</source>
        <translation>调用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Change only to point at a sandbox, e.g. http://127.0.0.1:PORT/hubspot.</source>
        <translation>仅在指向沙盒时更改，例如 http://127.0.0.1:PORT/hubspot。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect timeout (s)</source>
        <translation>连接超时（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected app client id</source>
        <translation>关联应用客户端 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected app client secret</source>
        <translation>关联应用客户端密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create alias-only profiles</source>
        <translation>创建仅含别名的用户档案</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create the table if missing</source>
        <translation>表不存在时创建</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom attributes or properties and their types: text, integer, number, boolean, datetime, date. Values are converted to the type before sending; a value that cannot be is rejected.</source>
        <translation>自定义属性及其类型：text、integer、number、boolean、datetime、date。发送前值会转换为该类型；无法转换的值会被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom fields</source>
        <translation>自定义字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Custom properties</source>
        <translation>自定义属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Database file</source>
        <translation>数据库文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataflow id</source>
        <translation>数据流 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dataset id</source>
        <translation>数据集 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default: INSTANCE/services/oauth2/token.</source>
        <translation>默认：INSTANCE/services/oauth2/token。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default: the account&apos;s /oauth/token-request.</source>
        <translation>默认：该账户的 /oauth/token-request。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delimiter</source>
        <translation>分隔符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: the user&apos;s default namespace.</source>
        <translation>留空：使用该用户的默认命名空间。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: the user&apos;s default role.</source>
        <translation>留空：使用该用户的默认角色。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Empty: the user&apos;s default warehouse.</source>
        <translation>留空：使用该用户的默认仓库。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event name</source>
        <translation>事件名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Event type</source>
        <translation>事件类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>External ID field</source>
        <translation>外部 ID 字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Extra headers; credentials must be references, e.g. &quot;Bearer ${env:HOOK_TOKEN}&quot;.</source>
        <translation>额外的请求头；凭据必须是引用，例如 &quot;Bearer ${env:HOOK_TOKEN}&quot;。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Field name -&gt; type: string, number, date, datetime, bool or enumeration. Read from the service&apos;s schema when not given.</source>
        <translation>字段名 -&gt; 类型：string、number、date、datetime、bool 或 enumeration。未填写时从服务的表结构读取。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First row is a header</source>
        <translation>第一行是表头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For /import.</source>
        <translation>用于 /import。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For authenticated connections: an IMS access token, as a reference such as ${env:AEP_TOKEN}.</source>
        <translation>用于需要认证的连接：IMS 访问令牌，以引用形式填写，例如 ${env:AEP_TOKEN}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For dataflow-based connections (x-adobe-flow-id).</source>
        <translation>用于基于数据流的连接（x-adobe-flow-id）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For events, when no field is mapped to &apos;name&apos;.</source>
        <translation>用于事件，当没有字段映射到“name”时。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For large runs: inserts and upserts go in one Bulk job per batch.</source>
        <translation>用于大规模运行：插入和更新插入按每批一个 Bulk 作业发送。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For renewing the access token.</source>
        <translation>用于续期访问令牌。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>For track, when no field is mapped to &apos;event&apos;.</source>
        <translation>用于 track，当没有字段映射到“event”时。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP webhook</source>
        <translation>HTTP Webhook</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Headers</source>
        <translation>请求头</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Host</source>
        <translation>主机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot</source>
        <translation>HubSpot</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HubSpot allows 100 requests per 10 s (Free, Starter) or 190 (Professional, Enterprise), shared by every app of the account.</source>
        <translation>HubSpot 允许每 10 秒 100 个请求（Free、Starter）或 190 个（Professional、Enterprise），由该账户的所有应用共享。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>IMS organization</source>
        <translation>IMS 组织</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identifier property</source>
        <translation>标识属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Instance URL</source>
        <translation>实例 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>JSON Lines file</source>
        <translation>JSON Lines 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum id length</source>
        <translation>最短 ID 长度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mixpanel</source>
        <translation>Mixpanel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mixpanel limits volume (2 GB of JSON per minute), not requests.</source>
        <translation>Mixpanel 限制的是数据量（每分钟 2 GB JSON），而不是请求数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NULL clears the field</source>
        <translation>NULL 清空字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>NULL clears the property</source>
        <translation>NULL 清空属性</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needed for profiles, and for events when no service account is set; a reference such as ${env:MIXPANEL_TOKEN}.</source>
        <translation>用户档案需要它；未设置服务账户时事件也需要；引用，例如 ${env:MIXPANEL_TOKEN}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth access token, programmatic access token or key-pair JWT, as a reference such as ${env:SNOWFLAKE_TOKEN} (sign-in: token).</source>
        <translation>OAuth 访问令牌、编程访问令牌或密钥对 JWT，以引用形式填写，例如 ${env:SNOWFLAKE_TOKEN}（登录方式：token）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth client id</source>
        <translation>OAuth 客户端 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth client secret</source>
        <translation>OAuth 客户端密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth refresh token, as a reference (sign-in: oauthRefresh).</source>
        <translation>OAuth 刷新令牌，以引用形式填写（登录方式：oauthRefresh）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>OAuth token URL</source>
        <translation>OAuth 令牌 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ORG@AdobeOrg; added by Adobe when empty.</source>
        <translation>ORG@AdobeOrg；留空时由 Adobe 添加。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On: a NULL clears the field at the destination. Off: NULL values are left out and the field keeps its value.</source>
        <translation>开启：NULL 会清空目标中的字段。关闭：省略 NULL 值，字段保留原值。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On: one bad record rolls back its whole request; the others are sent again without it.</source>
        <translation>开启：一条错误记录会回滚整个请求；其余记录去掉它后重新发送。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One JSON object per line. Relative paths resolve against the project&apos;s folder.</source>
        <translation>每行一个 JSON 对象。相对路径相对于项目所在文件夹解析。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>One character; \t for tab.</source>
        <translation>一个字符；	 表示制表符。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Path to the SQLite file; relative paths resolve against the project&apos;s folder.</source>
        <translation>SQLite 文件的路径；相对路径相对于项目所在文件夹解析。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL</source>
        <translation>PostgreSQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PostgreSQL table</source>
        <translation>PostgreSQL 表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Private key passphrase</source>
        <translation>私钥口令</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project id</source>
        <translation>项目 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project token</source>
        <translation>项目令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Quote character</source>
        <translation>引号字符</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>REST API key</source>
        <translation>REST API 密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate limit (0: none)</source>
        <translation>速率限制（0：无）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receives JSON batches.</source>
        <translation>接收 JSON 批次。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records per Bulk job</source>
        <translation>每个 Bulk 作业的记录数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Records per request</source>
        <translation>每个请求的记录数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh token</source>
        <translation>刷新令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Relative paths resolve against the project&apos;s folder.</source>
        <translation>相对路径相对于项目所在文件夹解析。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Replaces the URL made from the account; change only to point at a sandbox.</source>
        <translation>替换由账户生成的 URL；仅在指向沙盒时更改。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Request timeout (s)</source>
        <translation>请求超时（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests in flight</source>
        <translation>并发请求数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests per second</source>
        <translation>每秒请求数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests per second (0: no limit)</source>
        <translation>每秒请求数（0：不限）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required with a service account.</source>
        <translation>使用服务账户时必填。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows identified only by a user alias create the profile (&quot;_update_existing_only&quot;: false).</source>
        <translation>仅由用户别名标识的行会创建用户档案（&quot;_update_existing_only&quot;: false）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows read to infer types</source>
        <translation>用于推断类型的读取行数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SQLite table</source>
        <translation>SQLite 表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SSL mode</source>
        <translation>SSL 模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce</source>
        <translation>Salesforce</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Salesforce counts calls per 24 h per org.</source>
        <translation>Salesforce 按组织统计每 24 小时的调用次数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sandbox</source>
        <translation>沙盒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema</source>
        <translation>表结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema id</source>
        <translation>表结构 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schema version</source>
        <translation>表结构版本</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment</source>
        <translation>Segment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Segment accepts about 1,000 requests per second per workspace.</source>
        <translation>Segment 每个工作区每秒约接受 1,000 个请求。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent with the token.</source>
        <translation>随令牌一起发送。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service account secret</source>
        <translation>服务账户密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Service account user</source>
        <translation>服务账户用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign-in</source>
        <translation>登录方式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snowflake (SQL API)</source>
        <translation>Snowflake（SQL API）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Snowflake cancels a statement that runs longer; 0 is Snowflake&apos;s maximum (7 days).</source>
        <translation>运行超过此时长的语句会被 Snowflake 取消；0 表示 Snowflake 的最大值（7 天）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Source name</source>
        <translation>来源名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Statement timeout (s)</source>
        <translation>语句超时（秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Streaming connection id</source>
        <translation>流式连接 ID</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Snowflake user (sign-in: keyPair).</source>
        <translation>Snowflake 用户（登录方式：keyPair）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The Starter plan allows 100 batches per second; each user or device about 30 events per second.</source>
        <translation>Starter 套餐每秒允许 100 个批次；每个用户或设备每秒约 30 个事件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The inlet id of the HTTP API streaming connection; a reference such as ${env:AEP_CONNECTION_ID}, since on an unauthenticated connection it is all a sender needs.</source>
        <translation>HTTP API 流式连接的入口 ID；请以引用形式填写，例如 ${env:AEP_CONNECTION_ID}，因为在未认证的连接上，发送方只需要它。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The org&apos;s My Domain URL, e.g. https://acme.my.salesforce.com (a sandbox: http://127.0.0.1:PORT/salesforce).</source>
        <translation>组织的 My Domain URL，例如 https://acme.my.salesforce.com（沙盒：http://127.0.0.1:PORT/salesforce）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The project&apos;s API key, as a reference such as ${env:AMPLITUDE_API_KEY}.</source>
        <translation>项目的 API 密钥，以引用形式填写，例如 ${env:AMPLITUDE_API_KEY}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The schema&apos;s $id, https://ns.adobe.com/TENANT/schemas/ID; it must be the dataset&apos;s schema.</source>
        <translation>表结构的 $id，https://ns.adobe.com/TENANT/schemas/ID；必须是该数据集的表结构。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The source&apos;s write key, as a reference such as ${env:SEGMENT_WRITE_KEY}.</source>
        <translation>来源的写入密钥，以引用形式填写，例如 ${env:SEGMENT_WRITE_KEY}。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The streaming endpoint&apos;s host.</source>
        <translation>流式端点的主机。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The unique property records are matched by: email for contacts, or a custom unique-value property.</source>
        <translation>用于匹配记录的唯一属性：联系人用 email，或自定义的唯一值属性。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The user&apos;s RSA private key as PEM text, as a reference such as ${env:SNOWFLAKE_PRIVATE_KEY} (sign-in: keyPair).</source>
        <translation>用户的 RSA 私钥（PEM 文本），以引用形式填写，例如 ${env:SNOWFLAKE_PRIVATE_KEY}（登录方式：keyPair）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token</source>
        <translation>令牌</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token URL</source>
        <translation>令牌 URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Token type</source>
        <translation>令牌类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use Bulk API 2.0</source>
        <translation>使用 Bulk API 2.0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warehouse</source>
        <translation>仓库</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each row becomes: an XDM Individual Profile record or an ExperienceEvent.</source>
        <translation>每一行变成什么：XDM 个人档案记录或 ExperienceEvent。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What each row becomes: user attributes, a custom event or a purchase.</source>
        <translation>每一行变成什么：用户属性、自定义事件或购买。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When no field is mapped to &apos;event&apos;.</source>
        <translation>当没有字段映射到“event”时。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When no field is mapped to &apos;event_type&apos;.</source>
        <translation>当没有字段映射到“event_type”时。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When the key is encrypted, as a reference.</source>
        <translation>私钥已加密时填写，以引用形式。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Write key</source>
        <translation>写入密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your instance&apos;s REST endpoint (https://rest.iad-01.braze.com, https://rest.fra-01.braze.eu, ...).</source>
        <translation>你的实例的 REST 端点（https://rest.iad-01.braze.com、https://rest.fra-01.braze.eu 等）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events: each row is an event (HTTP V2 API); identify: each row sets user properties (Identify API).</source>
        <translation>events：每一行是一个事件（HTTP V2 API）；identify：每一行设置用户属性（Identify API）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>events: each row is an event sent to /import; profiles: each row sets a user profile&apos;s properties (/engage $set).</source>
        <translation>events：每一行是发送到 /import 的事件；profiles：每一行设置用户档案的属性（/engage $set）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://api.mixpanel.com, or https://api-eu.mixpanel.com for EU data residency.</source>
        <translation>https://api.mixpanel.com，数据驻留在欧盟时用 https://api-eu.mixpanel.com。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://api.segment.io/v1, or https://events.eu1.segmentapis.com/v1 for EU workspaces.</source>
        <translation>https://api.segment.io/v1，欧盟工作区用 https://events.eu1.segmentapis.com/v1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>https://api2.amplitude.com, or https://api.eu.amplitude.com for the EU data center.</source>
        <translation>https://api2.amplitude.com，欧盟数据中心用 https://api.eu.amplitude.com。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>identify: each row sets a user&apos;s traits; track: each row is an event.</source>
        <translation>identify：每一行设置用户特征；track：每一行是一个事件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>orgname-accountname (or the account locator with its region); the API is https://ACCOUNT.snowflakecomputing.com. Give this or a base URL.</source>
        <translation>orgname-accountname（或带区域的账户定位符）；API 地址为 https://ACCOUNT.snowflakecomputing.com。填写此项或基础 URL。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sObject</source>
        <translation>sObject</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>token: a token as given (it cannot be renewed); keyPair: Sluice signs its own tokens with your RSA private key and renews them; oauthRefresh: access tokens from your OAuth refresh token, renewed when they expire.</source>
        <translation>token：直接使用给定的令牌（无法续期）；keyPair：Sluice 用你的 RSA 私钥自行签发并续期令牌；oauthRefresh：由你的 OAuth 刷新令牌获取访问令牌，过期时续期。</translation>
    </message>
</context>
<context>
    <name>sluice::ui</name>
    <message>
        <location filename="../ui/connections/credentialstore.cpp" line="+64"/>
        <source>(No usable keychain here: type a reference such as ${env:MY_TOKEN} instead, and set that environment variable before starting Sluice.)</source>
        <translation>（此处没有可用的钥匙串：请改为输入引用，例如 ${env:MY_TOKEN}，并在启动 Sluice 之前设置该环境变量。）</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the keychain needs the application running</source>
        <translation>钥匙串需要应用程序处于运行状态</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>the keychain did not answer: the application is busy</source>
        <translation>钥匙串没有响应：应用程序正忙</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the keychain did not answer in time</source>
        <translation>钥匙串未及时响应</translation>
    </message>
</context>
<context>
    <name>sluice::ui::AlertChannelsEditor</name>
    <message>
        <location filename="../ui/alertrules/alertchannelseditor.cpp" line="+15"/>
        <source>Job log of the run (alerts always go there too)</source>
        <translation>该运行的作业日志（告警也总会写入此处）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Slack-compatible incoming webhooks, one URL per line. A Slack hook URL is a secret: write its secret part as a reference such as ${env:SLACK_HOOK}.</source>
        <translation>兼容 Slack 的传入 Webhook，每行一个 URL。Slack Hook URL 属于机密：请将其中的机密部分写成引用，例如 ${env:SLACK_HOOK}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ops@example.com, oncall@example.com</source>
        <translation>ops@example.com, oncall@example.com</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent through the sync&apos;s mail server (Mail Server…)</source>
        <translation>通过同步的邮件服务器发送（邮件服务器…）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Webhooks:</source>
        <translation>Webhook：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E-mail:</source>
        <translation>电子邮件：</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>job log only</source>
        <translation>仅作业日志</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>job log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>webhook %1</source>
        <translation>Webhook %1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>e-mail %1</source>
        <translation>电子邮件 %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::AlertRuleDialog</name>
    <message>
        <location filename="../ui/alertrules/alertruledialog.cpp" line="+36"/>
        <source>Edit Alert Rule</source>
        <translation>编辑告警规则</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add Alert Rule</source>
        <translation>添加告警规则</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>e.g. sync failing</source>
        <translation>例如：同步失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Unique within the sync: the rule&apos;s alerts are tracked by it</source>
        <translation>在此同步中须唯一：该规则的告警依此名称跟踪</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fatal (job log: error)</source>
        <translation>严重（作业日志：错误）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warning (job log: warning)</source>
        <translation>警告（作业日志：警告）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notice (job log: info)</source>
        <translation>提示（作业日志：信息）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A run failed</source>
        <translation>运行失败</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected share of a run is over</source>
        <translation>单次运行中被拒绝的比例超过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No successful run for</source>
        <translation>持续无成功运行超过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run took longer than</source>
        <translation>单次运行耗时超过</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The sync&apos;s default channels (%1)</source>
        <translation>同步的默认渠道（%1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Level:</source>
        <translation>级别(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;When:</source>
        <translation>条件(&amp;W)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Notify</source>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Mail Server…</source>
        <translation>邮件服务器…</translation>
    </message>
    <message>
        <location line="+52"/>
        <source>&amp;Share:</source>
        <translation>比例(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> % of records sent</source>
        <translation> %（占已发送记录）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;For:</source>
        <translation>时长(&amp;F)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> minutes</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Longer than:</source>
        <translation>超过(&amp;L)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> seconds</source>
        <translation> 秒</translation>
    </message>
</context>
<context>
    <name>sluice::ui::AlertRulesModel</name>
    <message>
        <location filename="../ui/alertrules/alertrulesmodel.cpp" line="+35"/>
        <source>A run failed</source>
        <translation>运行失败</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than %1 % of the records sent rejected</source>
        <translation>已发送记录中超过 %1% 被拒绝</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No successful run for %1 min</source>
        <translation>%1 分钟内无成功运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A run took over %1 s</source>
        <translation>单次运行耗时超过 %1 秒</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>fatal</source>
        <comment>alert level</comment>
        <translation>严重</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <comment>alert level</comment>
        <translation>警告</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>notice</source>
        <comment>alert level</comment>
        <translation>通知</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>default: %1</source>
        <translation>默认：%1</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Rule</source>
        <translation>规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When</source>
        <translation>条件</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notify</source>
        <translation>通知</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ApiInspectorPage</name>
    <message>
        <location filename="../ui/runs/apiinspectorpage.cpp" line="+33"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>All statuses</source>
        <translation>所有状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Successful (2xx)</source>
        <translation>成功（2xx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Client errors (4xx)</source>
        <translation>客户端错误（4xx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate limited (429)</source>
        <translation>被限流（429）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Server errors (5xx)</source>
        <translation>服务器错误（5xx）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Run:</source>
        <translation>运行：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status:</source>
        <translation>状态：</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>HTTP exchanges</source>
        <translation>HTTP 交互</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+149"/>
        <source>&lt;b&gt;Request&lt;/b&gt;</source>
        <translation>&lt;b&gt;请求&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-148"/>
        <location line="+149"/>
        <source>&lt;b&gt;Response&lt;/b&gt;</source>
        <translation>&lt;b&gt;响应&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-148"/>
        <source>Request headers and body</source>
        <translation>请求头和正文</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Response headers and body</source>
        <translation>响应头和正文</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Run %1 · %2 · %3 · %4</source>
        <translation>运行 %1 · %2 · %3 · %4</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Reading…</source>
        <translation>正在读取…</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Reading the exchanges of run %1…</source>
        <translation>正在读取运行 %1 的交互…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cannot read the API inspector: %1</source>
        <translation>无法读取 API 检查器：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 has not run yet.</source>
        <translation>%1 尚未运行。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No HTTP exchanges recorded for run %1. File and table destinations make none; exchanges are kept for the last runs only (History kept, on the Settings tab).</source>
        <translation>运行 %1 没有记录任何 HTTP 交互。文件和表类目标不会产生交互；且只保留最近几次运行的交互（见“设置”选项卡中的“保留的历史”）。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>1 exchange in run %1</source>
        <translation>运行 %1 中有 1 个交互</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%L1 exchanges in run %2</source>
        <translation>运行 %2 中有 %L1 个交互</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not successful: %L1</source>
        <translation>未成功：%L1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 ms on average</source>
        <translation>平均 %1 毫秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>shown: %L1</source>
        <translation>已显示：%L1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>credentials redacted as recorded</source>
        <translation>凭据在记录时已脱敏</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&lt;b&gt;Request&lt;/b&gt; %1 %2</source>
        <translation>&lt;b&gt;请求&lt;/b&gt; %1 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&lt;b&gt;Response&lt;/b&gt; none (%1 ms)</source>
        <translation>&lt;b&gt;响应&lt;/b&gt; 无（%1 毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Response&lt;/b&gt; %1 in %2 ms</source>
        <translation>&lt;b&gt;响应&lt;/b&gt; %1，用时 %2 毫秒</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ConfigHistoryModel</name>
    <message>
        <location filename="../ui/document/confighistorymodel.cpp" line="+17"/>
        <source>batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>concurrency</source>
        <translation>并发数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rate limit</source>
        <translation>速率限制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>max attempts</source>
        <translation>最大尝试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>retry back-off</source>
        <translation>重试退避</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mirror guard</source>
        <translation>镜像保护</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>schedule</source>
        <translation>计划</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>default alert channels</source>
        <translation>默认告警渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mail server</source>
        <translation>邮件服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+64"/>
        <source>protected</source>
        <translation>受保护</translation>
    </message>
    <message>
        <location line="-63"/>
        <source>change detection</source>
        <translation>变更检测</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>timestamp column</source>
        <translation>时间戳列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>backfill</source>
        <translation>回填</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>initial timestamp</source>
        <translation>初始时间戳</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>row filter</source>
        <translation>行筛选</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sampling</source>
        <translation>抽样</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>job log retention</source>
        <translation>作业日志保留期</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP retention</source>
        <translation>HTTP 保留期</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>default</source>
        <translation>默认</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>1 item</source>
        <translation>1 项</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 items</source>
        <translation>%1 项</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>renamed %1 → %2</source>
        <translation>已重命名 %1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+17"/>
        <location line="+6"/>
        <source>%1 %2 → %3</source>
        <translation>%1 %2 → %3</translation>
    </message>
    <message>
        <location line="-20"/>
        <source>mapping edited</source>
        <translation>映射已编辑</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mapping %1 → %2 fields</source>
        <translation>映射 %1 → %2 个字段</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>no longer protected</source>
        <translation>不再受保护</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 added</source>
        <translation>已添加%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 removed</source>
        <translation>已移除%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 changed</source>
        <translation>已更改%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>saved again, unchanged</source>
        <translation>再次保存，无更改</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>deleted</source>
        <translation>已删除</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1 (current)</source>
        <translation>%1（当前）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 (same as current)</source>
        <translation>%1（与当前相同）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Saved %1 UTC</source>
        <translation>保存于 %1 UTC</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Saved</source>
        <translation>保存时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed</source>
        <translation>更改内容</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ConfigHistoryPage</name>
    <message>
        <location filename="../ui/syncpages/confighistorypage.cpp" line="+62"/>
        <source>Restore This Version</source>
        <translation>恢复此版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put the selected version back as the sync&apos;s configuration (Edit &gt; Undo takes it back)</source>
        <translation>将所选版本恢复为同步的配置（“编辑 &gt; 撤销”可撤回）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Compare with the current version</source>
        <translation>与当前版本比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Compare with the version before it</source>
        <translation>与它之前的版本比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show how the selected version differs from the current one, or what it changed</source>
        <translation>显示所选版本与当前版本的不同之处，或它改了什么</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Saved versions</source>
        <translation>已保存的版本</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+102"/>
        <source>&lt;b&gt;Current&lt;/b&gt;</source>
        <translation>&lt;b&gt;当前&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="-101"/>
        <source>Selected version</source>
        <translation>所选版本</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Current version</source>
        <translation>当前版本</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Cannot read the history: %1</source>
        <translation>无法读取历史记录：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Saved versions of %1: %L2. Every saved change is kept; restoring one is itself a change you can undo.</source>
        <translation>%1 的已保存版本：%L2。每次保存的更改都会保留；恢复某个版本本身也是一项可撤销的更改。</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>&lt;b&gt;Selected version&lt;/b&gt;</source>
        <translation>&lt;b&gt;所选版本&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>&lt;b&gt;Deleted&lt;/b&gt; %1</source>
        <translation>&lt;b&gt;已删除&lt;/b&gt; %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Version of %1&lt;/b&gt;</source>
        <translation>&lt;b&gt;%1 的版本&lt;/b&gt;</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&lt;b&gt;Before it&lt;/b&gt; (none: the first saved version)</source>
        <translation>&lt;b&gt;之前&lt;/b&gt;（无：这是第一个保存的版本）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Before it&lt;/b&gt;: %1 (red: lines it removed: %2)</source>
        <translation>&lt;b&gt;之前&lt;/b&gt;：%1（红色：它删去的行：%2）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>(green: lines it added: %1)</source>
        <translation>（绿色：它新增的行：%1）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>(red: lines not in the current version: %1)</source>
        <translation>（红色：当前版本中没有的行：%1）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&lt;b&gt;Current&lt;/b&gt; (the same)</source>
        <translation>&lt;b&gt;当前&lt;/b&gt;（相同）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Current&lt;/b&gt; (green: lines not in the selected version: %1)</source>
        <translation>&lt;b&gt;当前版本&lt;/b&gt;（绿色：所选版本中没有的行：%1）</translation>
    </message>
    <message>
        <location line="+62"/>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Restore %1 to its version of %2</source>
        <translation>将 %1 恢复为 %2 时的版本</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ConnectionPage</name>
    <message>
        <location filename="../ui/connections/connectionpage.cpp" line="+85"/>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test the settings as they are in the form (Ctrl+T)</source>
        <translation>按表单中的当前设置进行测试（Ctrl+T）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Test result</source>
        <translation>测试结果</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Schema</source>
        <translation>表结构</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Objects and fields</source>
        <translation>对象和字段</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>The settings changed since the last test: press Test to check them.</source>
        <translation>自上次测试以来设置已更改：请按“测试连接”检查。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Could not save %1 in the keychain: %2</source>
        <translation>无法将 %1 保存到钥匙串：%2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Edit %1 of %2</source>
        <translation>编辑“%2”的 %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <location line="+15"/>
        <source>Set %1 of %2</source>
        <translation>设置“%2”的 %1</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>No keychain is available here: enter a reference such as ${env:NAME}.</source>
        <translation>此处没有可用的钥匙串：请输入引用，例如 ${env:NAME}。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Could not save it in the keychain: %1</source>
        <translation>无法将其保存到钥匙串：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Saved in the keychain as %1</source>
        <translation>已保存到钥匙串，条目为 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Forget %1 of %2</source>
        <translation>清除“%2”的 %1</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DryRunPane</name>
    <message>
        <location filename="../ui/syncpages/dryrunpane.cpp" line="+54"/>
        <source>Dry Run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan a run and show sample payloads; send nothing</source>
        <translation>规划一次运行并展示示例载荷，不发送任何内容</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>A dry run plans a run with the saved mapping: it reads the whole model, compares it with what was sent before and builds every payload, but sends nothing.</source>
        <translation>试运行会按已保存的映射规划一次运行：读取整个模型，与之前发送的内容进行比较，并构建所有载荷，但不发送任何内容。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows new since the last run: they would be created</source>
        <translation>自上次运行以来新出现的行：将被创建</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows whose values or mapping changed: they would be updated</source>
        <translation>值或映射发生变化的行：将被更新</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows gone from the model: deleted at the destination in mirror mode</source>
        <translation>已从模型中消失的行：在镜像模式下会在目标中删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows sent before and still the same: skipped</source>
        <translation>之前已发送且没有变化的行：将被跳过</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Sample payloads</source>
        <translation>示例载荷</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Sample payload</source>
        <translation>示例载荷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Samples recorded while planning (up to 5 of each kind)</source>
        <translation>规划时记录的示例（每种类型最多 5 个）</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+156"/>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <location line="-107"/>
        <source>%1 added, %2 changed, %3 removed, %4 unchanged</source>
        <translation>新增 %1，变更 %2，移除 %3，未变 %4</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Planning…</source>
        <translation>正在规划…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Planning: %1 rows read, %2 to send so far</source>
        <translation>正在规划：已读取 %1 行，目前待发送 %2 行</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The dry run could not start: %1</source>
        <translation>试运行无法启动：%1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Planned in %1: %2 rows read; nothing was sent.</source>
        <translation>规划完成，用时 %1：已读取 %2 行；未发送任何内容。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry run %1.</source>
        <translation>试运行：%1。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>1 invalid row (NULL or duplicate key) would be skipped</source>
        <translation>将跳过 1 个无效行（主键为 NULL 或重复）</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n invalid rows (NULL or duplicate key) would be skipped</source>
        <translation>
            <numerusform>将跳过 %n 个无效行（主键为 NULL 或重复）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 row left out by the filter</source>
        <translation>1 行被筛选条件排除</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows left out by the filter</source>
        <translation>
            <numerusform>%n 行被筛选条件排除</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 record sent before</source>
        <translation>之前已发送 1 条记录</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n records sent before</source>
        <translation>
            <numerusform>之前已发送 %n 条记录</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing sent before: every row is new</source>
        <translation>之前未发送过任何内容：所有行都是新行</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Payload of %1 row %2</source>
        <translation>“%1”行 %2 的载荷</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No payload: the record would be deleted.</source>
        <translation>无载荷：该记录将被删除。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No payload.</source>
        <translation>无载荷。</translation>
    </message>
</context>
<context>
    <name>sluice::ui::DryRunSampleModel</name>
    <message>
        <location filename="../ui/syncpages/dryrunsamplemodel.cpp" line="+45"/>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>invalid</source>
        <translation>无效</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>(deleted at the destination; no payload)</source>
        <translation>（将在目标中删除；无载荷）</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row key</source>
        <translation>行键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
</context>
<context>
    <name>sluice::ui::HttpExchangeModel</name>
    <message>
        <location filename="../ui/runs/httpexchangemodel.cpp" line="+72"/>
        <source>no response</source>
        <translation>无响应</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Received</source>
        <translation>接收</translation>
    </message>
</context>
<context>
    <name>sluice::ui::JobLogModel</name>
    <message>
        <location filename="../ui/runs/joblogmodel.cpp" line="+89"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Row key</source>
        <translation>行键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>sluice::ui::JobLogView</name>
    <message>
        <location filename="../ui/runs/joblogview.cpp" line="+37"/>
        <source>No run selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>All syncs</source>
        <translation>所有同步</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Latest run</source>
        <translation>最近一次运行</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>All levels</source>
        <translation>所有级别</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minimum level</source>
        <translation>最低级别</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search row keys and messages</source>
        <translation>搜索行键和消息</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Job log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+56"/>
        <location line="+43"/>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>%1 has not run yet</source>
        <translation>%1 尚未运行过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No run yet</source>
        <translation>尚无运行</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Run %1 of %2 · %3 · %4 · events: %L5</source>
        <translation>%2 的运行 %1 · %3 · %4 · 事件：%L5</translation>
    </message>
    <message>
        <location line="+128"/>
        <source>Export Job Log</source>
        <translation>导出作业日志</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::KeyCheckJob</name>
    <message numerus="yes">
        <location filename="../ui/jobs/keycheckjob.cpp" line="+67"/>
        <source>%1 is unique across %Ln rows, and never NULL.</source>
        <translation>
            <numerusform>%1 在 %Ln 行中均唯一，且从不为 NULL。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%1 cannot identify rows: problems in %Ln rows.</source>
        <translation>
            <numerusform>%1 无法标识行：%Ln 行存在问题。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%Ln rows with a NULL key (rows %1).</source>
        <translation>
            <numerusform>%Ln 行的主键为 NULL（行 %1）。</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&apos;%1&apos; ×%2</source>
        <translation>“%1” ×%2</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%Ln key values appear more than once, in %1 rows: %2.</source>
        <translation>
            <numerusform>%Ln 个键值出现了不止一次，涉及 %1 行：%2。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::KeyColumnsModel</name>
    <message>
        <location filename="../ui/modeleditor/keycolumnsmodel.cpp" line="+71"/>
        <source>%1 (not in the result)</source>
        <translation>%1（不在结果中）</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Part %1 of %2 of the primary key</source>
        <translation>主键的第 %1 部分（共 %2 部分）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The primary key</source>
        <translation>主键</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Check to make it (part of) the primary key</source>
        <translation>勾选以将其设为主键（或主键的一部分）</translation>
    </message>
</context>
<context>
    <name>sluice::ui::KeyValueTableModel</name>
    <message>
        <location filename="../ui/connections/keyvaluetablemodel.cpp" line="+49"/>
        <source>(add…)</source>
        <translation>（添加…）</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MailServerDialog</name>
    <message>
        <location filename="../ui/alertrules/mailserverdialog.cpp" line="+20"/>
        <source>Mail Server for Alerts</source>
        <translation>告警邮件服务器</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>A reference such as ${env:SMTP_PASSWORD} or ${keychain:smtp}; the password itself is never stored in the project</source>
        <translation>引用，例如 ${env:SMTP_PASSWORD} 或 ${keychain:smtp}；密码本身永远不会存储在项目中</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Auto: STARTTLS when offered, required for a password to another host</source>
        <translation>自动：服务器支持时使用 STARTTLS；向其他主机发送密码时必须使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Required</source>
        <translation>必需</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server &amp;URL:</source>
        <translation>服务器 URL(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;From:</source>
        <translation>发件人(&amp;F)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;User:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Password reference:</source>
        <translation>密码引用(&amp;P)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;TLS:</source>
        <translation>TLS(&amp;T)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Time-out:</source>
        <translation>超时(&amp;T)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Used by the e-mail channels of this sync&apos;s alert rules. Leave the URL empty to remove the mail server.</source>
        <translation>供此同步的告警规则中的电子邮件渠道使用。将 URL 留空即可移除邮件服务器。</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MainWindow</name>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+55"/>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The change was not saved</source>
        <translation>更改未保存</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>New &amp;Demo Project…</source>
        <translation>新建演示项目(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the &amp;Demo</source>
        <translation>打开演示项目(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+E</source>
        <translation>Ctrl+E</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+I</source>
        <translation>Ctrl+I</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Close Tab</source>
        <translation>关闭标签页(&amp;C)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Project</source>
        <translation>项目(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+121"/>
        <source>Add &amp;Source…</source>
        <translation>添加数据源(&amp;S)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+1"/>
        <source>Add &amp;Model…</source>
        <translation>添加模型(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+1"/>
        <source>Add &amp;Destination…</source>
        <translation>添加目标(&amp;D)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+1"/>
        <source>Add S&amp;ync…</source>
        <translation>添加同步(&amp;Y)…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Review and &amp;Trust…</source>
        <translation>审阅并信任(&amp;T)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>W&amp;hat This Project Needs…</source>
        <translation>此项目所需(&amp;H)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Run the syncs that have a schedule while this project is open, as sluicectl daemon does</source>
        <translation>在此项目打开期间运行设有计划的同步，与 sluicectl daemon 的行为相同</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="-78"/>
        <source>&amp;Preview Rows</source>
        <translation>预览行(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel Preview</source>
        <translation>取消预览(&amp;C)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&amp;Previous Tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Project &amp;Explorer</source>
        <translation>项目浏览器(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project &amp;Overview</source>
        <translation>项目概览(&amp;O)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Shift+O</source>
        <translation>Ctrl+Shift+O</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Sluice</source>
        <translation>关于 Sluice(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>About Sluice</source>
        <translation>关于 Sluice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&lt;b&gt;Sluice&lt;/b&gt;&lt;br&gt;Move warehouse models to the tools that need them, sending only what changed.</source>
        <translation>&lt;b&gt;Sluice&lt;/b&gt;&lt;br&gt;把数据仓库中的模型送到需要它们的工具，只发送变化的部分。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Project explorer</source>
        <translation>项目浏览器</translation>
    </message>
    <message>
        <location line="+5"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+38"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="+10"/>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+25"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Editors</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Job Log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>&lt;opened&gt;</source>
        <translation>&lt;已打开&gt;</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo history</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo History</source>
        <translation>撤销历史</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_project.cpp" line="+47"/>
        <location filename="../ui/shell/mainwindow_tabs.cpp" line="+230"/>
        <source>A sync is running</source>
        <translation>有同步正在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel or wait for &apos;%1&apos; before opening another project.</source>
        <translation>请先取消或等待“%1”完成，再打开其他项目。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>%1 — Sluice</source>
        <translation>%1 — Sluice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_tabs.cpp" line="-117"/>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run history and charts of every sync</source>
        <translation>所有同步的运行历史和图表</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>%1 •</source>
        <translation>%1 •</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: not saved; its syncs use the last SQL and key that passed their checks</source>
        <translation>%1：未保存；其同步仍使用上次通过检查的 SQL 和主键</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_scheduler.cpp" line="+29"/>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_tabs.cpp" line="+22"/>
        <source>Sync %1: run %2 %3</source>
        <translation>同步 %1：运行 %2 %3</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="-127"/>
        <source>Run Schedules &amp;While Open</source>
        <translation>项目打开时运行计划(&amp;W)</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_tabs.cpp" line="+56"/>
        <source>&apos;%1&apos; is running; cancel it or wait before closing its tab.</source>
        <translation>“%1”正在运行；请先取消或等待其完成，再关闭它的标签页。</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow.cpp" line="+225"/>
        <source>Syncs are running</source>
        <translation>有同步正在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 still running. Cancel and quit? Delivered batches are kept; the rest is sent next run.</source>
        <translation>%1 仍在运行。取消并退出吗？已送达的批次会保留，其余部分将在下次运行时发送。</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="-65"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location filename="../ui/shell/mainwindow_syncmenu.cpp" line="+35"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../ui/shell/mainwindow_syncmenu.cpp" line="+4"/>
        <source>&amp;Dry Run</source>
        <translation>试运行(&amp;D)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../ui/shell/mainwindow_syncmenu.cpp" line="+39"/>
        <source>Re&amp;name…</source>
        <translation>重命名(&amp;N)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>New name for &apos;%1&apos;:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Rename a protected sync?</source>
        <translation>重命名受保护的同步？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is protected. Rename it anyway?</source>
        <translation>“%1”受保护。仍要重命名吗？</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Rename %1 to %2</source>
        <translation>将 %1 重命名为 %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot rename</source>
        <translation>无法重命名</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>&apos;%1&apos; is protected. Delete it and its run history anyway? (Edit &gt; Undo brings the configuration back.)</source>
        <translation>“%1”受保护。仍要删除它及其运行历史吗？（“编辑 &gt; 撤销”可恢复配置。）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete &apos;%1&apos;? (Edit &gt; Undo brings it back.)</source>
        <translation>删除“%1”吗？（“编辑 &gt; 撤销”可将其恢复。）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Delete %1</source>
        <translation>删除 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot delete</source>
        <translation>无法删除</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_scheduler.cpp" line="+15"/>
        <source>Scheduled run of %1 started</source>
        <translation>%1 的计划运行已开始</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Scheduled run %1 of %2: %3</source>
        <translation>%2 的计划运行 %1：%3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>alert: %1</source>
        <translation>告警：%1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Scheduled run of %1 skipped: %2</source>
        <translation>已跳过 %1 的计划运行：%2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Schedules: %1</source>
        <translation>计划：%1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>now</source>
        <translation>现在</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Next scheduled run: %1 %2</source>
        <translation>下一次计划运行：%1 %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next scheduled run: %1 %2 (%3 scheduled syncs)</source>
        <translation>下一次计划运行：%1 %2（共 %3 个计划同步）</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_explorer.cpp" line="+23"/>
        <source>Add %1</source>
        <translation>添加 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Duplicate %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot duplicate</source>
        <translation>无法复制</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_project.cpp" line="+58"/>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+16"/>
        <location line="+83"/>
        <source>Sluice projects (*.sluice)</source>
        <translation>Sluice 项目 (*.sluice)</translation>
    </message>
    <message>
        <location line="-94"/>
        <source>Cannot create project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New Demo Project</source>
        <translation>新建演示项目</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+15"/>
        <source>Cannot create the demo project</source>
        <translation>无法创建演示项目</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Demo project opened: this sync maps HubSpot contacts to a JSON Lines file. Press Run to send them and watch the job log.</source>
        <translation>已打开演示项目：此同步把 HubSpot 联系人映射到 JSON Lines 文件。按“运行”发送它们，并查看作业日志。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Demo project opened: press Run to send user_360 to a JSON Lines file and watch the job log.</source>
        <translation>演示项目已打开：点击“运行”，把 user_360 发送到 JSON Lines 文件，并查看作业日志。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open Project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sluice projects (*.sluice);;All files (*)</source>
        <translation>Sluice 项目 (*.sluice);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Export Project</source>
        <translation>导出项目</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sluice exports (*.json)</source>
        <translation>Sluice 导出文件 (*.json)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Import Project</source>
        <translation>导入项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sluice exports (*.json);;All files (*)</source>
        <translation>Sluice 导出文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <location line="+5"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Save Imported Project As</source>
        <translation>将导入的项目另存为</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 already exists; choose a new file name.</source>
        <translation>%1 已存在；请选择新的文件名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing %1 failed.</source>
        <translation>写入 %1 失败。</translation>
    </message>
    <message>
        <location filename="../ui/shell/mainwindow_syncmenu.cpp" line="-51"/>
        <source>&amp;Sync</source>
        <translation>同步(&amp;S)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Full Resync</source>
        <translation>全量重新同步(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry &amp;Rejected Rows</source>
        <translation>重试被拒绝的行(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel Run</source>
        <translation>取消运行(&amp;C)</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>De&amp;lete…</source>
        <translation>删除(&amp;L)…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Del</source>
        <translation>Del</translation>
    </message>
</context>
<context>
    <name>sluice::ui::MemoryCredentialStore</name>
    <message>
        <location filename="../ui/connections/credentialstore.cpp" line="+96"/>
        <source>no keychain entry %1</source>
        <translation>钥匙串中没有条目 %1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ModelEditor</name>
    <message>
        <location filename="../ui/modeleditor/modeleditor.cpp" line="+64"/>
        <source>&amp;Preview Rows</source>
        <translation>预览行(&amp;P)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Save the SQL and preview its rows (Ctrl+Enter)</source>
        <translation>保存 SQL 并预览其结果行（Ctrl+Enter）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Cancel Preview</source>
        <translation>取消预览(&amp;C)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Rows:</source>
        <translation>行数：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Preview row limit</source>
        <translation>预览行数上限</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Model SQL</source>
        <translation>模型 SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SELECT … FROM …   (drag a table here from the schema on the right)</source>
        <translation>SELECT … FROM …   （从右侧的表结构中将表拖到此处）</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Preview summary</source>
        <translation>预览摘要</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview rows</source>
        <translation>预览行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Schema</source>
        <translation>表结构</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Read the source&apos;s tables again</source>
        <translation>重新读取数据源的表</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Source schema</source>
        <translation>数据源表结构</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag a table into the SQL editor to start a query from it</source>
        <translation>将表拖入 SQL 编辑器，以该表为起点编写查询</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Primary key</source>
        <translation>主键</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Primary key columns</source>
        <translation>主键列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Check the columns that identify a row; preview to list every column</source>
        <translation>勾选用于标识行的列；预览后可列出所有列</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Check &amp;Key</source>
        <translation>检查主键(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scan the whole model: is the key present and unique in every row?</source>
        <translation>扫描整个模型：每一行的主键是否都存在且唯一？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Key check result</source>
        <translation>主键检查结果</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Scanning… %1 s</source>
        <translation>正在扫描… %1 秒</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Source: %1</source>
        <translation>数据源：%1</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>The SQL or the key changed since the last check.</source>
        <translation>自上次检查以来，SQL 或主键已更改。</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor_sql.cpp" line="+87"/>
        <source>Edit SQL of %1</source>
        <translation>编辑 %1 的 SQL</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+94"/>
        <source>Not saved yet: %1</source>
        <translation>尚未保存：%1</translation>
    </message>
    <message>
        <location line="-90"/>
        <source>Checking the query before it is saved…</source>
        <translation>保存前正在检查查询…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not saved: the check was cancelled. Preview again (Ctrl+Enter) to save it.</source>
        <translation>未保存：检查已取消。再次预览（Ctrl+Enter）即可保存。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not saved: the query fails (see below), so the syncs keep the last saved SQL. Fix it, or press Ctrl+Z to go back to the saved SQL.</source>
        <translation>未保存：查询失败（见下方），同步仍使用上次保存的 SQL。请修正，或按 Ctrl+Z 回到已保存的 SQL。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Not saved: the query has no column %1, which the primary key needs. Add it, or choose another key on the right after saving.</source>
        <translation>未保存：查询缺少主键所需的列 %1。请加上该列，或保存后在右侧另选主键。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Unsaved SQL of %1 discarded</source>
        <translation>已丢弃 %1 未保存的 SQL</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Not saved: this SQL was left unsaved. Preview it (Ctrl+Enter) to save it, or press Ctrl+Z to go back to the saved SQL.</source>
        <translation>未保存：这段 SQL 上次未保存。预览（Ctrl+Enter）即可保存，或按 Ctrl+Z 回到已保存的 SQL。</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Start %1 from table %2</source>
        <translation>从表 %2 开始编写 %1</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor_key.cpp" line="+83"/>
        <source>A model needs at least one key column.</source>
        <translation>模型至少需要一个主键列。</translation>
    </message>
    <message>
        <location line="+116"/>
        <source>Saved anyway: rows with a NULL or repeated key are reported as invalid in each run and not sent.</source>
        <translation>已强制保存：每次运行中主键为 NULL 或重复的行会被报告为无效，且不会发送。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Set primary key of %1 to %2</source>
        <translation>将 %1 的主键设为 %2</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor_sql.cpp" line="-116"/>
        <source>Previewing…</source>
        <translation>正在预览…</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor_key.cpp" line="-155"/>
        <source>Use Anyway</source>
        <translation>仍然使用</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save this key although the check did not pass; rows with a NULL or repeated key are then reported as invalid in each run and not sent</source>
        <translation>虽然检查未通过，仍保存此主键；此后每次运行中主键为 NULL 或重复的行会被报告为无效，且不会发送</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Forget the unchecked key and keep the one the syncs use</source>
        <translation>放弃未通过检查的主键，保留同步正在使用的主键</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Scanning…</source>
        <translation>正在扫描…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking %1 in every row before it becomes the key…</source>
        <translation>正在逐行检查 %1，通过后才设为主键…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking %1 in every row…</source>
        <translation>正在检查每一行中的 %1…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the key of %1…</source>
        <translation>正在检查 %1 的主键…</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Keep %1</source>
        <translation>保留 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not saved: the syncs keep %1 as the key until you choose Use Anyway.</source>
        <translation>未保存：在您选择“仍然使用”之前，同步继续以 %1 为主键。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Key check cancelled.</source>
        <translation>主键检查已取消。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Key check cancelled</source>
        <translation>主键检查已取消</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key check failed</source>
        <translation>主键检查失败</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Key of %1 saved: %2, checked in %3 ms</source>
        <translation>已保存 %1 的主键：%2，检查用时 %3 毫秒</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Key checked in %1 ms</source>
        <translation>主键检查完成，用时 %1 毫秒</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>Kept %1 as the key.</source>
        <translation>已保留 %1 作为主键。</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor.cpp" line="+63"/>
        <source>Reading tables…</source>
        <translation>正在读取表…</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor_sql.cpp" line="+2"/>
        <source>Previewing %1…</source>
        <translation>正在预览 %1…</translation>
    </message>
    <message>
        <location filename="../ui/modeleditor/modeleditor.cpp" line="-45"/>
        <location line="+1"/>
        <source>Preview cancelled</source>
        <translation>预览已取消</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Preview failed</source>
        <translation>预览失败</translation>
    </message>
    <message numerus="yes">
        <location line="+21"/>
        <source>%Ln rows (more available)</source>
        <translation>
            <numerusform>%Ln 行（还有更多）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%Ln rows</source>
        <translation>
            <numerusform>%Ln 行</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 · %Ln columns · %2 ms</source>
        <translation>
            <numerusform>%1 · %Ln 列 · %2 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows (more available) in %1 ms</source>
        <translation>
            <numerusform>%n 行（还有更多），用时 %1 毫秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows in %1 ms</source>
        <translation>
            <numerusform>%n 行，用时 %1 毫秒</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::NewItemDialog</name>
    <message>
        <location filename="../ui/shell/newitemdialog.cpp" line="+57"/>
        <source>Add a Source</source>
        <translation>添加数据源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a Model</source>
        <translation>添加模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a Destination</source>
        <translation>添加目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a Sync</source>
        <translation>添加同步</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Test</source>
        <translation>测试(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Connect with these settings before adding (Ctrl+T)</source>
        <translation>添加之前，用这些设置试连一次（Ctrl+T）</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Kind:</source>
        <translation>类型(&amp;K)：</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Source</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Source:</source>
        <translation>数据源(&amp;S)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>SELECT … FROM …  (refine it in the model editor, with the source&apos;s tables beside it)</source>
        <translation>SELECT … FROM …  （之后可在模型编辑器中完善，旁边会列出数据源的表）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>SQL</source>
        <translation>SQL</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;QL:</source>
        <translation>SQL(&amp;Q)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>e.g. user_id (several: tenant_id, user_id)</source>
        <translation>例如 user_id（多列：tenant_id, user_id）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Primary key</source>
        <translation>主键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Primary key:</source>
        <translation>主键(&amp;P)：</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>%1 (audience)</source>
        <translation>%1（受众）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 (tags)</source>
        <translation>%1（标签）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Model:</source>
        <translation>模型(&amp;M)：</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Destination</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Destination:</source>
        <translation>目标(&amp;D)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upsert: send new and changed rows</source>
        <translation>更新插入 (upsert)：发送新增和变更的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert: send new rows only</source>
        <translation>插入：仅发送新增的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update: send changed rows only</source>
        <translation>更新：仅发送变更的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mirror: also delete what leaves the model</source>
        <translation>镜像：同时删除已离开模型的记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>M&amp;ode:</source>
        <translation>模式(&amp;O)：</translation>
    </message>
    <message>
        <location line="+83"/>
        <source>Enter a name.</source>
        <translation>请输入名称。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The name &apos;%1&apos; is already used.</source>
        <translation>名称“%1”已被使用。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The project has no source yet: add a source first.</source>
        <translation>项目中还没有数据源：请先添加数据源。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The project has no model yet: add a model first.</source>
        <translation>项目中还没有模型：请先添加模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The project has no destination yet: add a destination first.</source>
        <translation>项目中还没有目标：请先添加目标。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the primary key: the column (or columns) that identify a row.</source>
        <translation>请输入主键：用于标识一行的列（可以是多列）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Enter the model&apos;s SQL.</source>
        <translation>请输入模型的 SQL。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>No keychain is available here: enter a reference such as ${env:NAME}.</source>
        <translation>此处没有可用的钥匙串：请输入引用，例如 ${env:NAME}。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Could not save it in the keychain: %1</source>
        <translation>无法保存到钥匙串：%1</translation>
    </message>
</context>
<context>
    <name>sluice::ui::PayloadPreviewModel</name>
    <message>
        <location filename="../ui/syncpages/payloadpreviewmodel.cpp" line="+40"/>
        <source>rejects the row</source>
        <translation>拒绝该行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>field left out</source>
        <translation>省略字段</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message numerus="yes">
        <location line="+7"/>
        <source>%1, … %n in all</source>
        <translation>
            <numerusform>%1 等，共 %n 个</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is not one of the destination&apos;s options for this field (%2)</source>
        <translation>“%1”不是目标为该字段提供的选项之一（%2）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&apos;%1&apos; is not a whole number, which this field takes</source>
        <translation>“%1”不是整数，而该字段只接受整数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is not a number, which this field takes</source>
        <translation>“%1”不是数字，而该字段只接受数字</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is not true or false, which this field takes</source>
        <translation>“%1”不是 true 或 false，而该字段只接受这两个值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2 (%3)</source>
        <translation>%1：%2（%3）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>1 row: %1 ok, %2 rejected, %3 filtered out</source>
        <translation>1 行：成功 %1，被拒绝 %2，已筛除 %3</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n rows: %1 ok, %2 rejected, %3 filtered out</source>
        <translation>
            <numerusform>%n 行：成功 %1，被拒绝 %2，已筛除 %3</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>(1 with warnings)</source>
        <translation>（1 行有警告）</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>(%n with warnings)</source>
        <translation>
            <numerusform>（%n 行有警告）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ok</source>
        <translation>通过</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ok, 1 warning</source>
        <translation>成功，1 个警告</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>ok, %n warnings</source>
        <translation>
            <numerusform>成功，%n 个警告</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>filtered out</source>
        <translation>已筛除</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Left out by the sync&apos;s filter or sampling: not sent.</source>
        <translation>已被同步的筛选条件或抽样排除：不会发送。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A validation rule rejects this row: it would not be sent.</source>
        <translation>某条校验规则拒绝了此行：它不会被发送。</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Row key</source>
        <translation>行键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
</context>
<context>
    <name>sluice::ui::PayloadPreviewPane</name>
    <message>
        <location filename="../ui/syncpages/payloadpreviewpane.cpp" line="+61"/>
        <source>Reading the model&apos;s rows…</source>
        <translation>正在读取模型的行…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Updating the preview</source>
        <translation>正在更新预览</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Preview rows</source>
        <translation>预览行</translation>
    </message>
    <message>
        <location line="+11"/>
        <location line="+19"/>
        <source>Source row</source>
        <translation>来源行</translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Problems</source>
        <translation>问题</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+163"/>
        <source>Payload sent</source>
        <translation>发送的载荷</translation>
    </message>
    <message>
        <location line="-157"/>
        <source>Rows</source>
        <translation>行</translation>
    </message>
    <message>
        <location line="+36"/>
        <source>No rows to preview</source>
        <translation>没有可预览的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The model&apos;s rows could not be read: %1</source>
        <translation>无法读取模型的行：%1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>No payloads: the mapping does not compile</source>
        <translation>没有载荷：映射无法编译</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A run would stop here: %1</source>
        <translation>运行会在此处停止：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>· the model&apos;s first rows</source>
        <translation>· 模型的前几行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The sync has no mapping yet, so a run sends every column under its own name (shown below). Connect a column to a field, or press Auto-map, to choose what is sent.</source>
        <translation>此同步尚未设置映射，因此运行时会以各列自身的名称发送所有列（见下方）。将列连接到字段，或点击“自动映射”，即可选择要发送的内容。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Not sent: filtered out</source>
        <translation>不发送：已筛除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This row is left out by the sync&apos;s filter or sampling.</source>
        <translation>此行已被同步的筛选条件或抽样排除。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not sent: rejected</source>
        <translation>不发送：被拒绝</translation>
    </message>
</context>
<context>
    <name>sluice::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/shell/preferencesdialog.cpp" line="+78"/>
        <source>%1 (%2)</source>
        <comment>system default language: &apos;System default (English)&apos;</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interface language</source>
        <translation>界面语言</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Menus, messages and Qt&apos;s own dialogs follow this language.</source>
        <translation>菜单、消息以及 Qt 自带的对话框都使用此语言。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sluice switches to %1 when it starts again; you can restart it right after saving.</source>
        <translation>Sluice 将在下次启动时切换为%1；保存后可立即重新启动。</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+24"/>
        <source>Restart Sluice</source>
        <translation>重新启动 Sluice</translation>
    </message>
    <message>
        <location line="-23"/>
        <source>Sluice switches to %1 when it starts again. Restart it now?</source>
        <translation>Sluice 将在下次启动时切换为%1。现在重新启动吗？</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Restart Now</source>
        <translation>立即重新启动(&amp;R)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Later</source>
        <translation>稍后(&amp;L)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Sluice could not start again (%1). Start it yourself to see the new language.</source>
        <translation>Sluice 无法重新启动（%1）。请手动启动以使用新的语言。</translation>
    </message>
</context>
<context>
    <name>sluice::ui::PreviewTableModel</name>
    <message>
        <location filename="../ui/modeleditor/previewtablemodel.cpp" line="+104"/>
        <source>%1 — primary key</source>
        <translation>%1 — 主键</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ProjectNeedsDialog</name>
    <message>
        <location filename="../ui/shell/projectneedsdialog.cpp" line="+64"/>
        <source>Source “%1” reads %2, which is not on this machine.</source>
        <translation>源“%1”读取 %2，但本机没有该文件。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination “%1” reads %2, which is not on this machine.</source>
        <translation>目标“%1”读取 %2，但本机没有该文件。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination “%1” writes into the folder %2, which is not on this machine.</source>
        <translation>目标“%1”写入文件夹 %2，但本机没有该文件夹。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>“%1” needs the secret %2 from the environment, which is not set here. Keep it in the keychain, or set %2 before starting Sluice.</source>
        <translation>“%1”需要来自环境变量的密钥 %2，但本机未设置。可将其保存到钥匙串，或在启动 Sluice 前设置 %2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>“%1” needs the secret %2 from the keychain, which has no such entry here.</source>
        <translation>“%1”需要钥匙串中的密钥 %2，但本机钥匙串中没有该条目。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Locate…</source>
        <translation>定位…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose Folder…</source>
        <translation>选择文件夹…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep in Keychain…</source>
        <translation>保存到钥匙串…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter Secret…</source>
        <translation>输入密钥…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>What This Project Needs</source>
        <translation>此项目所需</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This project was made on another machine. Before its syncs can run here, supply what is listed below; secrets go to this machine&apos;s keychain, never into the project file.</source>
        <translation>此项目来自另一台机器。在本机运行其同步之前，请提供下列各项；密钥只保存在本机钥匙串中，绝不写入项目文件。</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>No keychain is available on this machine.</source>
        <translation>本机没有可用的钥匙串。</translation>
    </message>
    <message>
        <location line="+59"/>
        <source>Locate %1</source>
        <translation>定位 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a Folder</source>
        <translation>选择文件夹</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Set %1 of %2</source>
        <translation>设置 %2 的 %1</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Keep a Secret</source>
        <translation>保存密钥</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value of %1 (kept in this machine&apos;s keychain):</source>
        <translation>%1 的值（保存在本机钥匙串中）：</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+12"/>
        <source>The keychain refused: %1</source>
        <translation>钥匙串拒绝了：%1</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Keep %1 of %2 in the keychain</source>
        <translation>将 %2 的 %1 保存到钥匙串</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing is missing: the project has what it needs on this machine.</source>
        <translation>没有缺少的项：此项目在本机所需的一切均已具备。</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>Still missing: %Ln of %1.</source>
        <translation>
            <numerusform>仍缺少 %1 项中的 %Ln 项。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>sluice::ui::ProjectOverviewPage</name>
    <message>
        <location filename="../ui/runs/projectoverviewpage.cpp" line="+38"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Run history of the project</source>
        <translation>项目的运行历史</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Project %1</source>
        <translation>项目 %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Cannot read the run history: %1</source>
        <translation>无法读取运行历史：%1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Syncs: %1 · models: %2 · destinations: %3</source>
        <translation>同步：%1 · 模型：%2 · 目标：%3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no runs yet: open a sync and press Run.</source>
        <translation>尚无运行记录：打开一个同步并点击“运行”。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>runs recorded: %L1</source>
        <translation>已记录的运行：%L1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(the latest %1 shown)</source>
        <translation>（显示最近 %1 次）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>rows delivered: %L1, rejected: %L2 · failed runs: %L3</source>
        <translation>已送达行数：%L1，被拒绝：%L2 · 失败的运行：%L3</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>last: run %1 of %2, %3, started %4</source>
        <translation>最近一次：%2 的运行 %1，%3，开始于 %4</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ProjectTreeModel</name>
    <message>
        <location filename="../ui/shell/projecttreemodel.cpp" line="+84"/>
        <source>key: %1</source>
        <translation>行键：%1</translation>
    </message>
    <message>
        <location line="+54"/>
        <source>Sources</source>
        <translation>数据源</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Models</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Destinations</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Syncs</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Details</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RejectedRowsModel</name>
    <message>
        <location filename="../ui/runs/rejectedrowsmodel.cpp" line="+96"/>
        <source>Row key</source>
        <translation>行键</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last run</source>
        <translation>上次运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>First seen</source>
        <translation>首次出现</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payload</source>
        <translation>载荷</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RejectedRowsPage</name>
    <message>
        <location filename="../ui/runs/rejectedrowspage.cpp" line="+39"/>
        <source>Filter by key, reason or payload</source>
        <translation>按键、原因或载荷筛选</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Filter rejected rows</source>
        <translation>筛选被拒绝的行</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+33"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="-32"/>
        <source>Copy the selected rows as CSV (Ctrl+C)</source>
        <translation>将所选行复制为 CSV（Ctrl+C）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry Now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the rejected rows again now (a retry-rejected run)</source>
        <translation>立即重新发送被拒绝的行（即“重试被拒绝的行”运行）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retrying the rejected rows… (progress on the Runs tab)</source>
        <translation>正在重试被拒绝的行…（进度见“运行记录”标签页）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Rejected rows</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Payload of the selected row</source>
        <translation>所选行的载荷</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Select a row to see the payload that was sent</source>
        <translation>选择一行以查看已发送的载荷</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Reading the rejected rows…</source>
        <translation>正在读取被拒绝的行…</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Cannot read the rejected rows: %1</source>
        <translation>无法读取被拒绝的行：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No rows of %1 are rejected.</source>
        <translation>%1 没有被拒绝的行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The first %L1 rejected rows of %2 (there are more).</source>
        <translation>%2 中被拒绝的前 %L1 行（还有更多）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 row of %1 rejected.</source>
        <translation>%1 有 1 行被拒绝。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%L1 rows of %2 rejected.</source>
        <translation>%2 有 %L1 行被拒绝。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Shown by the filter: %L1.</source>
        <translation>筛选后显示：%L1。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>They are sent again on every run until they succeed, change or leave the model.</source>
        <translation>这些行会在每次运行时重新发送，直到发送成功、发生变化或不再属于模型为止。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A run is in progress.</source>
        <translation>有运行正在进行。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2&lt;br&gt;Attempts: %3 · last run %4 · first seen %5</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;：%2&lt;br&gt;尝试次数：%3 · 上次运行 %4 · 首次出现 %5</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Export Rejected Rows</source>
        <translation>导出被拒绝的行</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunCharts</name>
    <message>
        <location filename="../ui/runs/runcharts.cpp" line="+81"/>
        <source>Delivered and rejected</source>
        <translation>已送达和被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration and throughput</source>
        <translation>耗时和吞吐量</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Rows per run, by sync</source>
        <translation>每次运行的行数（按同步）</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Rows per run</source>
        <translation>每次运行的行数</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 delivered</source>
        <translation>已送达 %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Duration (solid, left) and rows per second (dashed, right) over time</source>
        <translation>耗时（实线，左轴）和每秒行数（虚线，右轴）随时间的变化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration and throughput over time</source>
        <translation>耗时和吞吐量随时间的变化</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows/s</source>
        <translation>行/秒</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows per second</source>
        <translation>每秒行数</translation>
    </message>
</context>
<context>
    <name>sluice::ui::RunHistoryModel</name>
    <message>
        <location filename="../ui/runs/runhistorymodel.cpp" line="+100"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Changed</source>
        <translation>变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Removed</source>
        <translation>移除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delivered</source>
        <translation>已送达</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rejected</source>
        <translation>被拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>耗时</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rows/s</source>
        <translation>行/秒</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ScheduleEditor</name>
    <message>
        <location filename="../ui/syncpages/scheduleeditor.cpp" line="+39"/>
        <source>%1 local time</source>
        <translation>本地时间 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Manual: only when started by hand</source>
        <translation>手动：仅在手动启动时运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every N minutes</source>
        <translation>每 N 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cron expression (UTC)</source>
        <translation>Cron 表达式（UTC）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Continuous: poll every N seconds</source>
        <translation>持续：每 N 秒轮询一次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Schedule type</source>
        <translation>计划类型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Minutes between runs</source>
        <translation>两次运行之间的分钟数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Counted from the start of the last run</source>
        <translation>从上次运行开始时起算</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>minute hour day-of-month month day-of-week, e.g. */15 9-17 * * MON-FRI</source>
        <translation>分 时 日 月 星期，例如 */15 9-17 * * MON-FRI</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cron expression</source>
        <translation>Cron 表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Five fields in UTC: minute (0-59), hour (0-23), day of month (1-31), month (1-12 or JAN-DEC), day of week (0-7 or SUN-SAT). Lists, ranges and steps: 0,30  9-17  */15. Shorthands: @hourly @daily @weekly @monthly @yearly.</source>
        <translation>UTC 时间的五个字段：分（0-59）、时（0-23）、日（1-31）、月（1-12 或 JAN-DEC）、星期（0-7 或 SUN-SAT）。支持列表、范围和步长：0,30  9-17  */15。简写：@hourly @daily @weekly @monthly @yearly。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Seconds between polls</source>
        <translation>两次轮询之间的秒数</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+2"/>
        <source>Every</source>
        <translation>每</translation>
    </message>
    <message>
        <location line="+95"/>
        <source>every minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>every %1 minutes</source>
        <translation>每 %1 分钟</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>cron &apos;%1&apos; (UTC)</source>
        <translation>cron &apos;%1&apos;（UTC）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>continuous, every second</source>
        <translation>持续，每秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>continuous, every %1 seconds</source>
        <translation>持续，每 %1 秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>manual</source>
        <translation>手动</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Runs only when started by hand (Run, or sluicectl run).</source>
        <translation>仅在手动启动时运行（“运行”或 sluicectl run）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>now (it is due)</source>
        <translation>现在（已到期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next runs: %1</source>
        <translation>接下来的运行：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Scheduled runs start while the project is open with Project &gt; Run Schedules While Open, or under sluicectl daemon PROJECT; a changed schedule counts from the change</source>
        <translation>在项目打开且勾选“项目 &gt; 项目打开时运行计划”时，或在 sluicectl daemon PROJECT 下，计划运行才会启动；更改后的计划从更改时起算</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SchemaTreeModel</name>
    <message>
        <location filename="../ui/modeleditor/schematreemodel.cpp" line="+90"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SettingsForm</name>
    <message>
        <location filename="../ui/connections/settingsform.cpp" line="+83"/>
        <source>Required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Required. %1</source>
        <translation>必填。%1</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Forget</source>
        <translation>清除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this secret from the project</source>
        <translation>从项目中删除此密钥</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>(not set)</source>
        <translation>（未设置）</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+2"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Saved in the keychain; type to replace</source>
        <translation>已保存在钥匙串中；输入以替换</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Not set; what you type is kept in the keychain</source>
        <translation>未设置；输入的内容将保存在钥匙串中</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SourceRowModel</name>
    <message>
        <location filename="../ui/modeleditor/sourcerowmodel.cpp" line="+65"/>
        <source>Primary key</source>
        <translation>主键</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SyncEditor</name>
    <message>
        <location filename="../ui/syncpages/synceditor.cpp" line="+26"/>
        <source>Mapping</source>
        <translation>映射</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rejected Rows</source>
        <translation>被拒绝的行</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>API Inspector</source>
        <translation>API 检查器</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>History</source>
        <translation>历史记录</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SyncMappingPage</name>
    <message>
        <location filename="../ui/syncpages/syncmappingpage.cpp" line="+56"/>
        <source>Reading columns and fields</source>
        <translation>正在读取列和字段</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read the model&apos;s columns and rows and the destination&apos;s fields again</source>
        <translation>重新读取模型的列和行以及目标的字段</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+41"/>
        <source>Dry Run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="-40"/>
        <source>Plan a run with this mapping: counts and sample payloads; nothing is sent</source>
        <translation>用此映射规划一次运行：统计数量并展示示例载荷；不会发送任何内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send what changed since the last run (Ctrl+R); the Runs tab shows how it goes</source>
        <translation>发送自上次运行以来的变化（Ctrl+R）；“运行”选项卡显示进度</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Payload Preview</source>
        <translation>载荷预览</translation>
    </message>
    <message>
        <location line="+240"/>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading the model&apos;s columns…</source>
        <translation>正在读取模型的列…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>1 column</source>
        <translation>1 列</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n columns</source>
        <translation>
            <numerusform>%n 列</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>reading the destination&apos;s fields…</source>
        <translation>正在读取目标的字段…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>1 field (%1 required)</source>
        <translation>1 个字段（%1 个必填）</translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source>%n fields (%1 required)</source>
        <translation>
            <numerusform>%n 个字段（%1 个必填）</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>the destination takes any field: the model&apos;s column names are offered</source>
        <translation>目标接受任意字段：以模型的列名作为候选</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>protected</source>
        <translation>受保护</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The model&apos;s columns could not be read: %1</source>
        <translation>无法读取模型的列：%1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The destination&apos;s fields could not be read (%1); the model&apos;s column names are offered instead and the mapping is not checked against the destination.</source>
        <translation>无法读取目标的字段（%1）；改为以模型的列名作为候选，且不会根据目标检查映射。</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Edit mapping of %1: %2</source>
        <translation>编辑 %1 的映射：%2</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SyncPage</name>
    <message>
        <location filename="../ui/syncpages/syncpage.cpp" line="+44"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send what changed since the last run (Ctrl+R)</source>
        <translation>发送自上次运行以来的变化（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Dry Run</source>
        <translation>试运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plan and show sample payloads; send nothing (Ctrl+Shift+R)</source>
        <translation>制定计划并展示示例数据，不发送任何内容（Ctrl+Shift+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full Resync</source>
        <translation>全量重新同步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send every current row again, whatever was sent before</source>
        <translation>重新发送当前所有行，无论之前是否发送过</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry Rejected</source>
        <translation>重试被拒绝的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the rows the destination rejected, now</source>
        <translation>立即重新发送被目标拒绝的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop after the batch in flight; what was delivered is kept</source>
        <translation>在当前批次完成后停止；已送达的数据会保留</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>Model %1 → destination %2 · %3 mode</source>
        <translation>模型 %1 → 目标 %2 · %3 模式</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Run a protected sync?</source>
        <translation>运行受保护的同步？</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&apos;%1&apos; is protected and runs in mirror mode: records removed from the model are deleted at the destination. Run it now?</source>
        <translation>“%1”受保护且以镜像模式运行：从模型中移除的记录会在目标中被删除。现在运行吗？</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Run %1 %2: %3 added, %4 changed, %5 removed, %6 unchanged, %7 invalid.</source>
        <translation>运行 %1 %2：新增 %3，变更 %4，移除 %5，未变 %6，无效 %7。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 delivered, %2 rejected, %3 pending.</source>
        <translation>已送达 %1，被拒绝 %2，待发送 %3。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancelling after the batch in flight…</source>
        <translation>将在当前批次完成后取消…</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>%1 rows read · %2 planned to send · %3 delivered · %4 rejected · %5 rows/s</source>
        <translation>已读取 %1 行 · 计划发送 %2 · 已送达 %3 · 被拒绝 %4 · %5 行/秒</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>· nothing changed, nothing written</source>
        <translation>· 无变化，未写入任何内容</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>· about %1 s left</source>
        <translation>· 约剩 %1 秒</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SyncSettingsPage</name>
    <message>
        <location filename="../ui/syncpages/syncsettingspage.cpp" line="+42"/>
        <source>Upsert: send added and changed rows</source>
        <translation>更新插入 (upsert)：发送新增和变更的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Insert: send added rows only</source>
        <translation>插入：仅发送新增的行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Update: send changed rows only</source>
        <translation>更新：仅发送变更的行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mirror: upsert, and delete rows removed from the model</source>
        <translation>镜像：更新插入，并删除从模型中移除的行</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>Mode</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Schedule %1: %2</source>
        <translation>设置 %1 的计划：%2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Protected: ask before editing, deleting, or running it in mirror mode</source>
        <translation>受保护：编辑、删除或以镜像模式运行前先询问</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Protect %1</source>
        <translation>保护 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Unprotect %1</source>
        <translation>取消保护 %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Mode and schedule</source>
        <translation>模式与计划</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Mode:</source>
        <translation>模式(&amp;M)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Schedule:</source>
        <translation>计划(&amp;S)：</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Delivery</source>
        <translation>投递</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Batch size:</source>
        <translation>批次大小(&amp;B)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Concurrency:</source>
        <translation>并发数(&amp;C)：</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Concurrency</source>
        <translation>并发数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> record</source>
        <translation> 条记录</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> records</source>
        <translation> 条记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> batch at once</source>
        <translation> 个批次同时发送</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> batches at once</source>
        <translation> 个批次同时发送</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rate limit</source>
        <translation>速率限制</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> requests/s</source>
        <translation> 次请求/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No limit</source>
        <translation>无限制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Requests per second, through a token bucket: a throttled request waits, it is never dropped</source>
        <translation>每秒请求数，采用令牌桶限流：被限流的请求会等待，绝不会被丢弃</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Rate limit:</source>
        <translation>速率限制(&amp;R)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> attempt</source>
        <translation> 次</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> attempts</source>
        <translation> 次</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default (8 attempts)</source>
        <translation>默认（8 次）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>429, 5xx, time-outs and connection errors are retried with back-off; rows still unsent stay pending for the next run</source>
        <translation>429、5xx、超时和连接错误会按退避策略重试；仍未发送的行保持待发送状态，留待下次运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Max &amp;attempts:</source>
        <translation>最大尝试次数(&amp;A)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Retry back-off</source>
        <translation>重试退避</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> ms</source>
        <translation> ms</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default (200 ms)</source>
        <translation>默认（200 毫秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The first retry waits up to this long, doubling each time (with jitter), capped at 30 s, never sooner than the server&apos;s Retry-After</source>
        <translation>首次重试最多等待这么长时间，之后每次翻倍（带随机抖动），上限为 30 秒，且不会早于服务器的 Retry-After</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Retry &amp;back-off:</source>
        <translation>重试退避(&amp;B)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mirror guard</source>
        <translation>镜像防护</translation>
    </message>
    <message>
        <location line="+0"/>
        <source> % of the destination</source>
        <translation> % 的目标记录</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default (20 %)</source>
        <translation>默认（20%）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A mirror run that would delete more than this share of the destination&apos;s records stops before deleting</source>
        <translation>如果一次镜像运行要删除的记录超过目标记录的此比例，则会在删除前停止</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Mirror &amp;guard:</source>
        <translation>镜像防护(&amp;G)：</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Snapshot: compare every row with what was sent</source>
        <translation>快照：将每一行与已发送的内容进行比较</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Timestamp cursor: append-only tables</source>
        <translation>时间戳游标：适用于仅追加的表</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Detect changes of %1 by timestamp</source>
        <translation>按时间戳检测 %1 的变更</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Detect changes of %1 by snapshot</source>
        <translation>按快照检测 %1 的变更</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>a NOT NULL column, e.g. created_at</source>
        <translation>一个 NOT NULL 列，例如 created_at</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>timestamp column</source>
        <translation>时间戳列</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Backfill: start at the initial timestamp (else only rows added from now on)</source>
        <translation>回填：从初始时间戳开始（否则只发送从现在起新增的行）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Backfill %1</source>
        <translation>回填 %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Do not backfill %1</source>
        <translation>不回填 %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>e.g. 0 or 2026-01-01 (empty: all history)</source>
        <translation>例如 0 或 2026-01-01（留空：全部历史）</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>initial timestamp</source>
        <translation>初始时间戳</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Modes with a cursor: insert or upsert. Rows arriving later with an older timestamp than the cursor are not sent.</source>
        <translation>支持游标的模式：插入或更新插入。之后才到达、且时间戳早于游标的行不会被发送。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Change detection</source>
        <translation>变更检测</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Detect by:</source>
        <translation>检测方式(&amp;D)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Timestamp column:</source>
        <translation>时间戳列(&amp;T)：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Initial timestamp:</source>
        <translation>初始时间戳(&amp;I)：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>History kept</source>
        <translation>保留的历史</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Job logs</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source> run</source>
        <translation> 次运行</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+4"/>
        <source> runs</source>
        <translation> 次运行</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Default (last 100 runs)</source>
        <translation>默认（最近 100 次运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job &amp;logs of the last:</source>
        <translation>作业日志保留最近(&amp;L)：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>HTTP exchanges</source>
        <translation>HTTP 交互</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Default (last 10 runs)</source>
        <translation>默认（最近 10 次运行）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>None kept</source>
        <translation>不保留</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;HTTP exchanges of the last:</source>
        <translation>HTTP 交互保留最近(&amp;H)：</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+33"/>
        <source>Alert rules</source>
        <translation>告警规则</translation>
    </message>
    <message>
        <location line="-22"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Default Channels…</source>
        <translation>默认渠道…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Where rules without channels of their own send their alerts</source>
        <translation>没有自有渠道的规则将告警发送到这些渠道</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mail Server…</source>
        <translation>邮件服务器…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>This sync is protected: its settings are meant to stay as they are.</source>
        <translation>此同步受保护：其设置应保持不变。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Edit Anyway…</source>
        <translation>仍要编辑…</translation>
    </message>
    <message>
        <location filename="../ui/syncpages/syncsettingspage_show.cpp" line="+64"/>
        <source>Settings of %1</source>
        <translation>%1 的设置</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Mirror deletes at the destination what leaves the model; the mirror guard stops a run that would delete too much.</source>
        <translation>镜像模式会在目标中删除已离开模型的记录；镜像防护会阻止删除过多记录的运行。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows removed from the model stay at the destination.</source>
        <translation>从模型中移除的行会保留在目标中。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Checked after every run; an incident alerts once and recovers once. Default channels: %1. Mail server: %2.</source>
        <translation>每次运行后检查；每个事件只告警一次，恢复时也只通知一次。默认渠道：%1。邮件服务器：%2。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>%1 does not support this mode</source>
        <translation>%1 不支持此模式</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+4"/>
        <source>Destination default (%1)</source>
        <translation>目标默认值（%1）</translation>
    </message>
    <message>
        <location line="-3"/>
        <location line="+4"/>
        <location line="+2"/>
        <source>Destination default</source>
        <translation>目标默认值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination default (%1/s)</source>
        <translation>目标默认值（%1/秒）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination default (no limit)</source>
        <translation>目标默认值（无限制）</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Destination %1: batches of up to %2 records, up to %3 at once, %4. Empty settings use the destination&apos;s.</source>
        <translation>目标 %1：每批最多 %2 条记录，最多同时发送 %3 个批次，%4。留空的设置将沿用目标的设置。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>at most %1 requests/s</source>
        <translation>最多 %1 次请求/秒</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>no rate limit</source>
        <translation>无速率限制</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Destination %1: its limits are not known here (%2).</source>
        <translation>目标 %1：此处无法获知其限制（%2）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Destination %1</source>
        <translation>目标 %1</translation>
    </message>
    <message>
        <location filename="../ui/syncpages/syncsettingspage_edit.cpp" line="+54"/>
        <source>Reset %1 of %2</source>
        <translation>重置 %2 的 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set %1 of %2 to %3</source>
        <translation>将 %2 的 %1 设为 %3</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>Set mode of %1 to %2</source>
        <translation>将 %1 的模式设为 %2</translation>
    </message>
    <message>
        <location filename="../ui/syncpages/syncsettingspage_alerts.cpp" line="+28"/>
        <source>The sync no longer exists.</source>
        <translation>该同步已不存在。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>E-mail needs a mail server: press Mail Server… to set one up (its URL and sender at least).</source>
        <translation>电子邮件需要邮件服务器：请按“邮件服务器…”进行设置（至少填写其 URL 和发件人）。</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Add alert rule %1 to %2</source>
        <translation>向 %2 添加告警规则 %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Edit alert rule %1 of %2</source>
        <translation>编辑 %2 的告警规则 %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Remove alert rule %1 of %2</source>
        <translation>删除 %2 的告警规则 %1</translation>
    </message>
    <message>
        <location line="+60"/>
        <source>Default Alert Channels</source>
        <translation>默认告警渠道</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Rules without channels of their own notify these.</source>
        <translation>没有自有渠道的规则会通知这些渠道。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Set default alert channels of %1</source>
        <translation>设置 %1 的默认告警渠道</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Remove the mail server of %1</source>
        <translation>删除 %1 的邮件服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Set the mail server of %1</source>
        <translation>设置 %1 的邮件服务器</translation>
    </message>
</context>
<context>
    <name>sluice::ui::TrustBanner</name>
    <message>
        <location filename="../ui/shell/trustbanner.cpp" line="+21"/>
        <source>Review and Trust…</source>
        <translation>审阅并信任…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>This project is not trusted on this computer: it was imported, or changed outside Sluice. Its syncs, schedules and alerts do not run and its secrets are not read until you review what it sends where. You can still look around and preview sources that need no secret.</source>
        <translation>此项目在这台计算机上未受信任：它是导入的，或在 Sluice 之外被修改过。在您审阅它将什么发送到哪里之前，它的同步、计划和告警不会运行，也不会读取它的密钥。您仍可浏览项目，并预览无需密钥的数据源。</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>  (none)</source>
        <translation>  （无）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Project &apos;%1&apos; (%2) will, once trusted on this computer:</source>
        <translation>项目“%1”（%2）在这台计算机上受信任后将会：</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send data to these hosts:</source>
        <translation>向这些主机发送数据：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>this computer</source>
        <translation>本机</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>  - %1: destination &apos;%2&apos; (%3, %4)</source>
        <translation>  - %1：目标“%2”（%3，%4）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>every column</source>
        <translation>所有列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>      sync &apos;%1&apos; sends model &apos;%2&apos;: %3</source>
        <translation>      同步“%1”发送模型“%2”：%3</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send these secrets:</source>
        <translation>发送这些密钥：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  - %1 to %2 (%3)</source>
        <translation>  - %1 发往 %2（%3）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send alerts to:</source>
        <translation>将告警发送到：</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>  - %1 (sync &apos;%2&apos;, %3)</source>
        <translation>  - %1（同步“%2”，%3）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Read these environment variables: %1</source>
        <translation>读取这些环境变量：%1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Read these warehouses:</source>
        <translation>读取这些数据仓库：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  - source &apos;%1&apos; (%2): %3</source>
        <translation>  - 数据源“%1”（%2）：%3</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run this SQL there (read-only):</source>
        <translation>在其中运行以下 SQL（只读）：</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>  - model &apos;%1&apos; on source &apos;%2&apos;:</source>
        <translation>  - 模型“%1”，数据源“%2”：</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Review and Trust Project</source>
        <translation>审阅并信任项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Read what this project will do with your computer and credentials once trusted. Trust it only if you expect every host and secret below.</source>
        <translation>请阅读此项目在受信任后将如何使用您的计算机和凭据。只有当下面列出的每个主机和密钥都在您的预期之内时，才信任它。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Project review</source>
        <translation>项目审阅</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Trust This Project</source>
        <translation>信任此项目</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Cannot trust the project</source>
        <translation>无法信任该项目</translation>
    </message>
</context>
<context>
    <name>sluice::ui::WelcomePage</name>
    <message>
        <location filename="../ui/shell/welcomepage.cpp" line="+34"/>
        <source>Welcome to Sluice</source>
        <translation>欢迎使用 Sluice</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Send warehouse models to the tools that need them — only what changed, with every row accounted for.</source>
        <translation>把数据仓库中的模型送到需要它们的工具 —— 只发送变化的部分，每一行都有据可查。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open the demo project</source>
        <translation>打开演示项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A sample warehouse, three models and two syncs ready to run</source>
        <translation>一个示例数据仓库，三个模型和两个可直接运行的同步</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>An empty project file (.sluice)</source>
        <translation>一个空的项目文件（.sluice）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A .sluice file from disk</source>
        <translation>磁盘上的 .sluice 文件</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+7"/>
        <source>Recent projects</source>
        <translation>最近的项目</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Pick an item in the project explorer on the left to open it, or start from here.</source>
        <translation>在左侧的项目浏览器中选择一项将其打开，或从这里开始。</translation>
    </message>
</context>
</TS>
