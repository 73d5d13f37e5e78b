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
        <location line="+118"/>
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
        <location line="+20"/>
        <source>Set %1 of %2</source>
        <translation>设置“%2”的 %1</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Move %1 %2</source>
        <translation>移动%2“%1”</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Rewire %1 to %2</source>
        <translation>将 %1 改接到 %2</translation>
    </message>
    <message>
        <location line="+44"/>
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
        <location filename="../ui/canvas/mappingdocument.cpp" line="+36"/>
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
        <location line="+77"/>
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
        <location line="+86"/>
        <source>the mapping is not a list of entries; it was not loaded</source>
        <translation>映射不是条目列表，未加载</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>the field is mapped more than once</source>
        <translation>该字段被映射了不止一次</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingeditor.cpp" line="+70"/>
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
        <location line="+89"/>
        <source>Auto-map</source>
        <translation>自动映射</translation>
    </message>
    <message>
        <location line="-88"/>
        <source>Connect unmapped fields to columns with the same or a similar name</source>
        <translation>将未映射的字段连接到同名或名称相近的列</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
        <source>Fit</source>
        <translation>适应</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fit to view</source>
        <translation>适应视图</translation>
    </message>
    <message>
        <location line="+13"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="+203"/>
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
        <location line="+11"/>
        <source>Field mappings</source>
        <translation>字段映射</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>identifier, required</source>
        <translation>标识，必填</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Disconnect selected fields</source>
        <translation>断开所选字段</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Canvas</source>
        <translation>画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Table</source>
        <translation>表格</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Select an edge or a field first, then pick a transform</source>
        <translation>请先选中一条连线或一个字段，再选择转换</translation>
    </message>
    <message>
        <location line="+104"/>
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
        <location line="+1"/>
        <source>No problems</source>
        <translation>没有问题</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Entry %1 cannot be read: %2</source>
        <translation>无法读取条目 %1：%2</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingitems.cpp" line="+139"/>
        <source>Column %1 (%2). Drag it onto a field to connect them, or focus it and a field and press Ctrl+L.</source>
        <translation>列 %1（%2）。将其拖到字段上即可连接；也可先后聚焦该列和一个字段，再按 Ctrl+L。</translation>
    </message>
    <message>
        <location line="+100"/>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="-71"/>
        <source>custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <location line="+56"/>
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
        <location line="+2"/>
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
        <location line="+245"/>
        <source>invalid entry</source>
        <translation>无效条目</translation>
    </message>
    <message>
        <location line="+11"/>
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
        <location filename="../ui/canvas/mappingscene.cpp" line="+81"/>
        <source>Drag a column onto a field to connect them,
or press Auto-map.</source>
        <translation>将列拖到字段上即可连接，
或点击“自动映射”。</translation>
    </message>
    <message>
        <location line="+228"/>
        <source>No model columns</source>
        <translation>没有模型列</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>Destination fields (%1 of %2)</source>
        <translation>目标字段（%1 / %2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Destination fields (%1)</source>
        <translation>目标字段（%1）</translation>
    </message>
    <message>
        <location line="+206"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingtablemodel.cpp" line="-54"/>
        <location filename="../ui/canvas/stepcatalog.cpp" line="+77"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+506"/>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+1"/>
        <location line="+22"/>
        <source>Static value</source>
        <translation>固定值</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-21"/>
        <location line="+28"/>
        <source>Template</source>
        <translation>模板</translation>
    </message>
    <message>
        <location line="+3"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-31"/>
        <source>No source</source>
        <translation>无来源</translation>
    </message>
    <message>
        <location line="+39"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-7"/>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <location line="+6"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-8"/>
        <source>identifier</source>
        <translation>标识</translation>
    </message>
    <message>
        <location line="+2"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+2"/>
        <source>required</source>
        <translation>必填</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Invalid entry</source>
        <translation>无效条目</translation>
    </message>
    <message>
        <location line="+61"/>
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
        <location line="+57"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+17"/>
        <source>Source kind</source>
        <translation>来源类型</translation>
    </message>
    <message>
        <location line="+7"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="+15"/>
        <source>Source column</source>
        <translation>来源列</translation>
    </message>
    <message>
        <location filename="../ui/canvas/mappingview.cpp" line="+27"/>
        <source>Mapping canvas</source>
        <translation>映射画布</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model columns on the left, destination fields on the right. Tab moves between items, arrow keys move along rows and lists, Ctrl+L connects the focused column to the focused field, Enter edits, Delete removes.</source>
        <translation>左侧为模型列，右侧为目标字段。Tab 在各项之间切换，方向键沿行和列表移动，Ctrl+L 将聚焦的列连接到聚焦的字段，Enter 编辑，Delete 删除。</translation>
    </message>
    <message>
        <location filename="../ui/canvas/stepcatalog.cpp" line="-43"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-389"/>
        <location line="+395"/>
        <source>Text as typed; 42, true, false and null are read as JSON (write &quot;42&quot; for the text)</source>
        <translation>按输入的文本取值；42、true、false 和 null 按 JSON 读取（文本请写作 &quot;42&quot;）</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Only when</source>
        <translation>仅当</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An expression; the step runs only for rows where it is true</source>
        <translation>表达式；此步骤只对表达式为真的行执行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>On error</source>
        <translation>出错时</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Convert to another type (text, number, boolean, date)</source>
        <translation>转换为其他类型（文本、数字、布尔值、日期）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../ui/canvas/stepeditor.cpp" line="-388"/>
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
        <location line="+2"/>
        <source>Map one vocabulary to another (active → Customer)</source>
        <translation>将一组取值映射为另一组（active → Customer）</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+75"/>
        <source>Values</source>
        <translation>取值</translation>
    </message>
    <message>
        <location line="-74"/>
        <source>Unmapped values</source>
        <translation>未映射的值</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+21"/>
        <source>Default</source>
        <translation>默认值</translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+60"/>
        <location line="+11"/>
        <source>Ignore case</source>
        <translation>忽略大小写</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>Join the value and other columns</source>
        <translation>将该值与其他列拼接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Columns</source>
        <translation>列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Column names separated by commas</source>
        <translation>以逗号分隔的列名</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
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
        <location line="+2"/>
        <source>Round a number</source>
        <translation>数字取整</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decimals</source>
        <translation>小数位数</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <translation>键列</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Missing keys</source>
        <translation>缺失的键</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>SHA-256 for audience matching</source>
        <translation>SHA-256（用于受众匹配）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Normalize</source>
        <translation>规范化</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+32"/>
        <source>Country code</source>
        <translation>国家代码</translation>
    </message>
    <message>
        <location line="-30"/>
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
        <location line="+0"/>
        <source>Mask</source>
        <translation>遮盖字符</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave the field out (use with Only when)</source>
        <translation>省略此字段（与“仅当”配合使用）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A value for NULL or empty text</source>
        <translation>为 NULL 或空文本提供一个值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lower-case</source>
        <translation>转为小写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upper-case</source>
        <translation>转为大写</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strip white space</source>
        <translation>去除空白</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+1"/>
        <source>A phone number (normalised to E.164)</source>
        <translation>电话号码（规范化为 E.164）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matches a regular expression</source>
        <translation>匹配正则表达式</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pattern</source>
        <translation>模式</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+2"/>
        <source>Maximum</source>
        <translation>最大值</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>At most so many characters</source>
        <translation>最多允许的字符数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>One of a list of values</source>
        <translation>属于一组取值之一</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Values separated by commas</source>
        <translation>以逗号分隔的取值</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>(invalid)</source>
        <translation>（无效）</translation>
    </message>
    <message>
        <location filename="../ui/canvas/stepeditor.cpp" line="-12"/>
        <source>Type here to add a value</source>
        <translation>在此输入以添加取值</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>From</source>
        <translation>原值</translation>
    </message>
    <message>
        <location line="+137"/>
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
        <location line="+6"/>
        <location line="+310"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-310"/>
        <source>Remove this step</source>
        <translation>删除此步骤</translation>
    </message>
    <message>
        <location line="+48"/>
        <source>%1 (default)</source>
        <translation>%1（默认）</translation>
    </message>
    <message>
        <location line="+21"/>
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
        <location line="+53"/>
        <source>Edit field %1</source>
        <translation>编辑字段 %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>not listed by the destination</source>
        <translation>目标未列出</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Source:</source>
        <translation>来源：</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not mapped: the transforms start from NULL</source>
        <translation>未映射：转换从 NULL 开始</translation>
    </message>
    <message>
        <location line="+31"/>
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
        <location line="+59"/>
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
</context>
<context>
    <name>QObject</name>
    <message>
        <location filename="../ui/connectionpage.cpp" line="+35"/>
        <location line="+29"/>
        <source>OK: %1</source>
        <translation>成功：%1</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>view</source>
        <translation>视图</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>table</source>
        <translation>表</translation>
    </message>
    <message>
        <location line="+30"/>
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
        <location filename="../ui/languagesettings.cpp" line="+98"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../ui/projectedits.cpp" line="+45"/>
        <source>model %1</source>
        <translation>模型 %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>sync %1</source>
        <translation>同步 %1</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+29"/>
        <location line="+18"/>
        <source>&apos;%1&apos; no longer exists.</source>
        <translation>“%1”已不存在。</translation>
    </message>
    <message>
        <location line="-26"/>
        <source>&apos;%1&apos; is used by %2; delete or change those first.</source>
        <translation>“%1”正被 %2 使用；请先删除或修改它们。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/sluice/main.cpp" line="+25"/>
        <source>Sluice reverse-ETL designer</source>
        <translation>Sluice 反向 ETL 设计器</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Project file (*.sluice) to open.</source>
        <translation>要打开的项目文件（*.sluice）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open on an item: model:NAME, sync:NAME, source:NAME or destination:NAME.</source>
        <translation>打开时定位到某一项：model:名称、sync:名称、source:名称 或 destination:名称。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Nothing named %1 in this project</source>
        <translation>此项目中没有名为 %1 的项</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ConnectionPage</name>
    <message>
        <location filename="../ui/connectionpage.cpp" line="+23"/>
        <source>Test Connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+T</source>
        <translation>Ctrl+T</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Schema</source>
        <translation>架构</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Kind: %1</source>
        <translation>类型：%1</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
</context>
<context>
    <name>sluice::ui::JobLogModel</name>
    <message>
        <location filename="../ui/joblogmodel.cpp" line="+79"/>
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
        <location filename="../ui/joblogview.cpp" line="+26"/>
        <source>No run selected</source>
        <translation>未选择运行</translation>
    </message>
    <message>
        <location line="+2"/>
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
        <location line="+15"/>
        <source>Job log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Run %1</source>
        <translation>运行 %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Export Job Log</source>
        <translation>导出作业日志</translation>
    </message>
    <message>
        <location line="+2"/>
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
    <name>sluice::ui::MainWindow</name>
    <message>
        <location filename="../ui/mainwindow.cpp" line="+81"/>
        <source>Sluice</source>
        <translation>Sluice</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>The change was not saved</source>
        <translation>更改未保存</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New Project…</source>
        <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location line="+2"/>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <location line="+5"/>
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
        <location line="+3"/>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Model</source>
        <translation>模型(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+435"/>
        <source>&amp;Preview Rows</source>
        <translation>预览行(&amp;P)</translation>
    </message>
    <message>
        <location line="-432"/>
        <source>&amp;Cancel Preview</source>
        <translation>取消预览(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next Tab</source>
        <translation>下一个标签页(&amp;N)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Previous Tab</source>
        <translation>上一个标签页(&amp;P)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Project &amp;Explorer</source>
        <translation>项目浏览器(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+0</source>
        <translation>Ctrl+0</translation>
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
        <location line="+6"/>
        <location line="+429"/>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <location line="-419"/>
        <location line="+446"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location line="-423"/>
        <source>Editors</source>
        <translation>编辑器</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Job Log</source>
        <translation>作业日志</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+87"/>
        <location line="+182"/>
        <source>A sync is running</source>
        <translation>有同步正在运行</translation>
    </message>
    <message>
        <location line="-181"/>
        <source>Cancel or wait for &apos;%1&apos; before opening another project.</source>
        <translation>请先取消或等待“%1”完成，再打开其他项目。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Cannot open project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>%1 — Sluice</source>
        <translation>%1 — Sluice</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <location line="+88"/>
        <location line="+6"/>
        <source>Running: %1</source>
        <translation>正在运行：%1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sync %1: run %2 %3</source>
        <translation>同步 %1：运行 %2 %3</translation>
    </message>
    <message>
        <location line="+56"/>
        <source>&apos;%1&apos; is running; cancel it or wait before closing its tab.</source>
        <translation>“%1”正在运行；请先取消或等待其完成，再关闭它的标签页。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Syncs are running</source>
        <translation>有同步正在运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 still running. Cancel and quit? Delivered batches are kept; the rest is sent next run.</source>
        <translation>%1 仍在运行。取消并退出吗？已送达的批次会保留，其余部分将在下次运行时发送。</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <location line="+6"/>
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
        <location line="+8"/>
        <source>New name for &apos;%1&apos;:</source>
        <translation>“%1”的新名称：</translation>
    </message>
    <message>
        <location line="+7"/>
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
        <location line="+8"/>
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
        <location line="+6"/>
        <source>Duplicate %1</source>
        <translation>复制 %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cannot duplicate</source>
        <translation>无法复制</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>New Project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+17"/>
        <location line="+70"/>
        <source>Sluice projects (*.sluice)</source>
        <translation>Sluice 项目 (*.sluice)</translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Cannot create project</source>
        <translation>无法创建项目</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>New Demo Project</source>
        <translation>新建演示项目</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+16"/>
        <source>Cannot create the demo project</source>
        <translation>无法创建演示项目</translation>
    </message>
    <message>
        <location line="+9"/>
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
        <location line="+1"/>
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
        <location line="+8"/>
        <location line="+6"/>
        <source>Cannot import</source>
        <translation>无法导入</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>Save Imported Project As</source>
        <translation>将导入的项目另存为</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 already exists; choose a new file name.</source>
        <translation>%1 已存在；请选择新的文件名。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Writing %1 failed.</source>
        <translation>写入 %1 失败。</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ModelEditor</name>
    <message>
        <location filename="../ui/modeleditor.cpp" line="+42"/>
        <source>&amp;Preview Rows</source>
        <translation>预览行(&amp;P)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Preview rows (Ctrl+Enter)</source>
        <translation>预览行（Ctrl+Enter）</translation>
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
        <location line="+7"/>
        <source>Model SQL</source>
        <translation>模型 SQL</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Preview rows</source>
        <translation>预览行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Source: %1 · Primary key: %2 · %3</source>
        <translation>来源：%1 · 主键：%2 · %3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Previewing %1…</source>
        <translation>正在预览 %1…</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Preview cancelled</source>
        <translation>预览已取消</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Preview failed</source>
        <translation>预览失败</translation>
    </message>
    <message numerus="yes">
        <location line="+15"/>
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
    <name>sluice::ui::PreferencesDialog</name>
    <message>
        <location filename="../ui/preferencesdialog.cpp" line="+79"/>
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
        <location line="+25"/>
        <source>Restart Sluice</source>
        <translation>重新启动 Sluice</translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Sluice switches to %1 when it starts again. Restart it now?</source>
        <translation>Sluice 将在下次启动时切换为%1。现在重新启动吗？</translation>
    </message>
    <message>
        <location line="+3"/>
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
        <location filename="../ui/previewtablemodel.cpp" line="+103"/>
        <source>%1 — primary key</source>
        <translation>%1 — 主键</translation>
    </message>
</context>
<context>
    <name>sluice::ui::ProjectTreeModel</name>
    <message>
        <location filename="../ui/projecttreemodel.cpp" line="+85"/>
        <source>key: %1</source>
        <translation>键：%1</translation>
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
        <location line="+1"/>
        <source>Destinations</source>
        <translation>目标</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Syncs</source>
        <translation>同步</translation>
    </message>
    <message>
        <location line="+30"/>
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
    <name>sluice::ui::RunHistoryModel</name>
    <message>
        <location filename="../ui/runhistorymodel.cpp" line="+90"/>
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
    <name>sluice::ui::SchemaTreeModel</name>
    <message>
        <location filename="../ui/schematreemodel.cpp" line="+87"/>
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
    <name>sluice::ui::SyncEditor</name>
    <message>
        <location filename="../ui/synceditor.cpp" line="+18"/>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
</context>
<context>
    <name>sluice::ui::SyncPage</name>
    <message>
        <location filename="../ui/syncpage.cpp" line="+43"/>
        <location line="+226"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="-225"/>
        <source>Send what changed since the last run (Ctrl+R)</source>
        <translation>发送自上次运行以来的变化（Ctrl+R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Ctrl+R</source>
        <translation>Ctrl+R</translation>
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
        <source>Ctrl+Shift+R</source>
        <translation>Ctrl+Shift+R</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Full Resync</source>
        <translation>完全重新同步</translation>
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
        <location line="+28"/>
        <source>Run history</source>
        <translation>运行历史</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Delivered and rejected</source>
        <translation>送达与拒绝</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+185"/>
        <source>Duration and throughput</source>
        <translation>耗时与吞吐量</translation>
    </message>
    <message>
        <location line="-145"/>
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
        <location line="+20"/>
        <source>Run %1 %2: %3 added, %4 changed, %5 removed, %6 unchanged, %7 invalid.</source>
        <translation>运行 %1 %2：新增 %3，变更 %4，移除 %5，未变 %6，无效 %7。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 delivered, %2 rejected, %3 pending.</source>
        <translation>已送达 %1，被拒绝 %2，待发送 %3。</translation>
    </message>
    <message>
        <location line="+10"/>
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
        <location line="+8"/>
        <source>· about %1 s left</source>
        <translation>· 约剩 %1 秒</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Rows per run</source>
        <translation>每次运行的行数</translation>
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
        <location line="+30"/>
        <source>Duration (s)</source>
        <translation>耗时（秒）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Rows per second</source>
        <translation>每秒行数</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Run (oldest to newest)</source>
        <translation>运行（从旧到新）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Seconds</source>
        <translation>秒</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Rows/s</source>
        <translation>行/秒</translation>
    </message>
</context>
<context>
    <name>sluice::ui::WelcomePage</name>
    <message>
        <location filename="../ui/welcomepage.cpp" line="+34"/>
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
        <location line="+2"/>
        <source>New project…</source>
        <translation>新建项目…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>An empty project file (.sluice)</source>
        <translation>一个空的项目文件（.sluice）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open project…</source>
        <translation>打开项目…</translation>
    </message>
    <message>
        <location line="+1"/>
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
        <location line="+31"/>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Pick an item in the project explorer on the left to open it, or start from here.</source>
        <translation>在左侧的项目浏览器中选择一项将其打开，或从这里开始。</translation>
    </message>
</context>
</TS>
