<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddControllerDialog</name>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="25"/>
        <source>添加门禁控制器 · {code}</source>
        <translation>Add door controller · {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="27"/>
        <source>如 大门、北门</source>
        <translation>e.g. main gate, north gate</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="29"/>
        <source>微耕 / UHPPOTE 联网控制器</source>
        <translation>WG / UHPPOTE networked controller</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="30"/>
        <source>安装单位软件（白名单文件）</source>
        <translation>Installer&apos;s software (whitelist file)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="32"/>
        <source>控制器标签上的序列号</source>
        <translation>Serial number on the board&apos;s label</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="37"/>
        <source>白名单文件目录</source>
        <translation>Whitelist folder</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="39"/>
        <source>名称 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="40"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="41"/>
        <source>序列号</source>
        <translation>Serial number</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="42"/>
        <source>IP 地址</source>
        <translation>IP address</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="43"/>
        <source>门号</source>
        <translation>Doors</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/add_controller.py" line="44"/>
        <source>白名单目录</source>
        <translation>Whitelist folder</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <location filename="../../ui/district/lookups.py" line="81"/>
        <source>街道办</source>
        <translation>office</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="79"/>
        <source>新建街道办账号</source>
        <translation>office account created</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="78"/>
        <source>停用中心登录账号</source>
        <translation>centre login disabled</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="77"/>
        <source>设置中心登录账号</source>
        <translation>centre login set</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="76"/>
        <source>处理冲突</source>
        <translation>conflict resolved</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="75"/>
        <source>核定人数</source>
        <translation>cap set</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="75"/>
        <source>全区注销卡</source>
        <translation>card revoked district-wide</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="73"/>
        <location filename="../../ui/district/lookups.py" line="74"/>
        <source>按人员查审计</source>
        <translation>audit by person</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="72"/>
        <source>查询被拒（未命中过多）</source>
        <translation>search refused (too many misses)</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="71"/>
        <source>显示查询结果</source>
        <translation>answer shown</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="71"/>
        <source>查询</source>
        <translation>search</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="48"/>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="48"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="48"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="48"/>
        <location filename="../../ui/district/lookups.py" line="52"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="49"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="49"/>
        <source>对象</source>
        <translation>Object</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="49"/>
        <source>对象编号</source>
        <translation>Object id</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="49"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="80"/>
        <source>区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="52"/>
        <location filename="../../ui/district/lookups.py" line="83"/>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="53"/>
        <source>操作，如 card.</source>
        <translation>Action, e.g. card.</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="54"/>
        <source>人员证件号码（记入审计）</source>
        <translation>Person&apos;s document number (audited)</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="58"/>
        <source>日期</source>
        <translation>Dates</translation>
    </message>
</context>
<context>
    <name>AuditPageWidget</name>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="52"/>
        <source>人员或记录编号</source>
        <translation>Person or record id</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="53"/>
        <location filename="../../ui/pages/audit_page.py" line="72"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="54"/>
        <source>操作，如 发卡、门禁卡、登记租住人员</source>
        <translation>Action, e.g. card issued, card, tenant registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="55"/>
        <location filename="../../ui/pages/audit_page.py" line="72"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="63"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="65"/>
        <source>上一页</source>
        <translation>Previous</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="66"/>
        <source>下一页</source>
        <translation>Next</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="69"/>
        <source>校验日志链</source>
        <translation>Verify chain</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="72"/>
        <source>序号</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="72"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="72"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="73"/>
        <source>对象</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="73"/>
        <source>对象编号</source>
        <translation>Entity id</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="73"/>
        <source>详情</source>
        <translation>Detail</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="83"/>
        <source>项目</source>
        <translation>Item</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="83"/>
        <source>内容</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="105"/>
        <source>审计日志（规则 R10）</source>
        <translation>Audit log (rule R10)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="136"/>
        <source>第 {a}–{b} 条，共 {n} 条</source>
        <translation>{a}–{b} of {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="159"/>
        <source>日志链完整：{n} 条记录均未被改动。</source>
        <translation>Chain intact: none of the {n} entries was altered.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/audit_page.py" line="163"/>
        <source>日志链有 {n} 处断裂：{list}</source>
        <translation>The chain is broken in {n} places: {list}</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <location filename="../../ui/pages/stats.py" line="55"/>
        <source>其他（{n} 个）</source>
        <translation>Others ({n})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="67"/>
        <source>没有数据</source>
        <translation>No data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="74"/>
        <source>登记人数</source>
        <translation>Registered</translation>
    </message>
</context>
<context>
    <name>BuildingDialog</name>
    <message>
        <location filename="../../ui/dialogs/building.py" line="37"/>
        <source>新建楼栋</source>
        <translation>New building</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="45"/>
        <source>如 101, 102, 201</source>
        <translation>e.g. 101, 102, 201</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="48"/>
        <source>楼栋编号 *</source>
        <translation>Building code *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="49"/>
        <source>楼栋名称 *</source>
        <translation>Building name *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="50"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="51"/>
        <source>建筑面积 *</source>
        <translation>Floor area *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="52"/>
        <source>公共设施及通道面积</source>
        <translation>Public facilities and passages</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="53"/>
        <source>所属公司</source>
        <translation>Managing company</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="54"/>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/building.py" line="55"/>
        <source>每间面积</source>
        <translation>Area per room</translation>
    </message>
</context>
<context>
    <name>BuildingFinder</name>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="34"/>
        <source>上限未核定，住 {people} 人，有效卡 {cards} 张</source>
        <translation>cap not set, {people} living, {cards} active cards</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="37"/>
        <source>已满：上限 {cap}，住 {people} 人，有效卡 {cards} 张</source>
        <translation>Full: cap {cap}, {people} living, {cards} active cards</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="40"/>
        <source>上限 {cap}，住 {people} 人，有效卡 {cards} 张，可发卡 {free}</source>
        <translation>cap {cap}, {people} living, {cards} active cards, {free} cards free</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="47"/>
        <source>{unit} — 面积未知，住 {people} 人，有效卡 {cards} 张</source>
        <translation>{unit} — area unknown, {people} living, {cards} active cards</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="50"/>
        <source>{unit} — 已满：上限 {cap}，住 {people} 人，有效卡 {cards} 张</source>
        <translation>{unit} — full: cap {cap}, {people} living, {cards} active cards</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="52"/>
        <source>{unit} — 上限 {cap}，住 {people} 人，有效卡 {cards} 张，可发卡 {free}</source>
        <translation>{unit} — cap {cap}, {people} living, {cards} active cards, {free} cards free</translation>
    </message>
    <message>
        <location filename="../../ui/panels/building_finder.py" line="69"/>
        <source>输入楼栋编号、名称、地址或拼音首字母</source>
        <translation>Type building code, name, address or pinyin initials</translation>
    </message>
</context>
<context>
    <name>BuildingsModel</name>
    <message>
        <location filename="../../ui/pages/buildings.py" line="38"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="38"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="38"/>
        <source>入住 / 上限</source>
        <translation>Residents / cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="39"/>
        <source>空位</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="39"/>
        <source>门禁系统</source>
        <translation>Card system</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="39"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="63"/>
        <source>正常</source>
        <translation>Working</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="63"/>
        <source>故障</source>
        <translation>Faulty</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="63"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="64"/>
        <source>未安装</source>
        <translation>Not installed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="66"/>
        <source>{n} / 未知</source>
        <translation>{n} / unknown</translation>
    </message>
</context>
<context>
    <name>BuildingsPage</name>
    <message>
        <location filename="../../ui/pages/buildings.py" line="100"/>
        <source>楼栋编号或名称</source>
        <translation>Building code or name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="102"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="104"/>
        <source>新建楼栋…</source>
        <translation>New building…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="125"/>
        <source>楼栋与核定人数</source>
        <translation>Buildings and occupancy caps</translation>
    </message>
    <message>
        <location filename="../../ui/pages/buildings.py" line="106"/>
        <source>门禁控制器…</source>
        <translation>Door controllers…</translation>
    </message>
</context>
<context>
    <name>CardPanel</name>
    <message>
        <location filename="../../ui/panels/card.py" line="42"/>
        <source>租户证件号码</source>
        <translation>Tenant&apos;s ID number</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="46"/>
        <source>请刷卡（或输入卡号后按回车）</source>
        <translation>Swipe the card (or type its number and press Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="57"/>
        <source>注销原因（必填）</source>
        <translation>Reason for revoking (required)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="59"/>
        <source>注销原卡…</source>
        <translation>Revoke held card…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="61"/>
        <source>办理迁出…</source>
        <translation>Move out…</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="73"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="75"/>
        <source>门禁卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="150"/>
        <source>上一张卡还在处理中，这次刷的卡（{number}）没有接收：请等结果出来后，如需要再刷一次。</source>
        <translation>The previous card is still being processed; this swipe ({number}) was not taken. Wait for the result, then swipe again if needed.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="159"/>
        <source>已发卡：{number}（{building} {unit}）</source>
        <translation>Card issued: {number} ({building} {unit})</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="169"/>
        <source>注销门禁卡</source>
        <translation>Revoke access card</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="170"/>
        <source>注销 {who} 持有的门禁卡 {number}？
注销后此卡号永久停用。</source>
        <translation>Revoke card {number} held by {who}?
A revoked number is blocked for good.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="172"/>
        <source>确认注销(&amp;Y)</source>
        <translation>&amp;Yes, revoke</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="173"/>
        <location filename="../../ui/panels/card.py" line="193"/>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="183"/>
        <source>原卡 {number} 已注销。请刷新卡。</source>
        <translation>Card {number} revoked. Swipe the new card.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="189"/>
        <location filename="../../ui/panels/card.py" line="193"/>
        <source>迁出</source>
        <translation>Move out</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="190"/>
        <source>为 {who} 办理迁出？
其门禁卡 {number} 将同时停用。</source>
        <translation>Move {who} out?
Their card {number} stops working too.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="192"/>
        <source>确认迁出(&amp;Y)</source>
        <translation>&amp;Yes, move out</translation>
    </message>
    <message>
        <location filename="../../ui/panels/card.py" line="202"/>
        <source>已办理迁出，门禁卡 {number} 已停用。如需入住新地址，请重新登记。</source>
        <translation>Moved out; card {number} stopped. Register again for a new address.</translation>
    </message>
</context>
<context>
    <name>CardStep</name>
    <message>
        <location filename="../../ui/pages/intake_card.py" line="37"/>
        <source>完成，登记下一位（Esc）</source>
        <translation>Done, next tenant (Esc)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake_card.py" line="41"/>
        <source>打印采集表…</source>
        <translation>Print the collection form…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake_card.py" line="42"/>
        <source>补拍照片…</source>
        <translation>Take the photo…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake_card.py" line="46"/>
        <source>正在发卡…请稍候：发卡成功后自动转到下一位；如被拒绝，留在本页并说明原因。</source>
        <translation>Issuing the card… please wait: once it is issued the next tenant comes up by itself; if it is refused, this page stays and says why.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake_card.py" line="53"/>
        <source>发放门禁卡</source>
        <translation>Issue the access card</translation>
    </message>
</context>
<context>
    <name>CardsPage</name>
    <message>
        <location filename="../../ui/pages/cards.py" line="28"/>
        <source>发卡（已登记、已拍照的租户）</source>
        <translation>Issue a card (registered tenant with a photo)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="31"/>
        <source>刷卡或输入卡号</source>
        <translation>Swipe or type a card number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="33"/>
        <source>注销原因</source>
        <translation>Reason for revoking</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="37"/>
        <source>挂失</source>
        <translation>Report lost</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="37"/>
        <location filename="../../ui/pages/cards.py" line="95"/>
        <source>退卡</source>
        <translation>Card returned</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="38"/>
        <source>注销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="43"/>
        <source>按卡号办理</source>
        <translation>By card number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="49"/>
        <source>补卡和迁出请在“查询”中打开租户后办理。</source>
        <translation>For replacements and move-outs, open the tenant from Search.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="52"/>
        <source>门禁卡</source>
        <translation>Access cards</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="77"/>
        <source>{name}（证件 {idno}，{building} {unit}）</source>
        <translation>{name} (ID {idno}, {building} {unit})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="88"/>
        <source>挂失门禁卡</source>
        <translation>Report card lost</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="89"/>
        <source>将 {who} 的门禁卡 {number} 挂失？
挂失后此卡号永久停用，不能恢复。</source>
        <translation>Report card {number} of {who} lost?
The number is blocked for good and cannot be restored.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="90"/>
        <source>确认挂失(&amp;Y)</source>
        <translation>&amp;Yes, report lost</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="92"/>
        <source>门禁卡 {number} 已挂失，卡号永久停用。</source>
        <translation>Card {number} reported lost; the number is blocked for good.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="96"/>
        <source>收回 {who} 的门禁卡 {number}？
退卡后此卡停用。</source>
        <translation>Take back card {number} from {who}?
The returned card stops working.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="97"/>
        <source>确认退卡(&amp;Y)</source>
        <translation>&amp;Yes, return card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="99"/>
        <source>门禁卡 {number} 已退回。</source>
        <translation>Card {number} returned.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="102"/>
        <source>注销门禁卡</source>
        <translation>Revoke access card</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="103"/>
        <source>注销 {who} 的门禁卡 {number}？
注销后此卡号永久停用。</source>
        <translation>Revoke card {number} of {who}?
A revoked number is blocked for good.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="104"/>
        <source>确认注销(&amp;Y)</source>
        <translation>&amp;Yes, revoke</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="107"/>
        <source>门禁卡 {number} 已注销。</source>
        <translation>Card {number} revoked.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/cards.py" line="108"/>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
</context>
<context>
    <name>CentresPage</name>
    <message>
        <location filename="../../ui/district/reports.py" line="35"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="35"/>
        <source>中心名称</source>
        <translation>Centre name</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="35"/>
        <source>最近同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="35"/>
        <source>最近批次</source>
        <translation>Last batch</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="36"/>
        <source>副本</source>
        <translation>Replica</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="36"/>
        <source>已替换副本数</source>
        <translation>Replicas replaced</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="36"/>
        <source>有登录账号</source>
        <translation>Has login</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="37"/>
        <source>未被接受的卡</source>
        <translation>Cards not accepted</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="37"/>
        <source>待下发决定</source>
        <translation>Decisions waiting</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="37"/>
        <source>逾期报送(30天)</source>
        <translation>Late records (30 days)</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="38"/>
        <source>未修复故障</source>
        <translation>Open faults</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="38"/>
        <source>未处理冲突</source>
        <translation>Open conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="45"/>
        <source>从未同步</source>
        <translation>Never synced</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="46"/>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="46"/>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="55"/>
        <source>{n} 个中心超过一天未同步</source>
        <translation>{n} centre(s) not synced for more than a day</translation>
    </message>
</context>
<context>
    <name>ConfirmDialog</name>
    <message>
        <location filename="../../ui/dialogs/confirm.py" line="39"/>
        <source>取消（回车）</source>
        <translation>Cancel (Enter)</translation>
    </message>
</context>
<context>
    <name>ConflictsPage</name>
    <message>
        <location filename="../../ui/district/actions.py" line="17"/>
        <source>发现时间</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="17"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="17"/>
        <source>证件号码</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="17"/>
        <source>涉及中心</source>
        <translation>Centres</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="18"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="18"/>
        <source>处理意见</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="18"/>
        <source>处理人</source>
        <translation>Resolved by</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="20"/>
        <source>只看未处理</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="24"/>
        <source>处理意见（必填）</source>
        <translation>Resolution (required)</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="25"/>
        <source>处理</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="33"/>
        <source>同一人在多个中心登记</source>
        <translation>One person registered at several centres</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="34"/>
        <source>一人多卡</source>
        <translation>Second card for one person</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="35"/>
        <source>已处理</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="35"/>
        <source>未处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="49"/>
        <source>已处理，相关中心下次同步时收到。</source>
        <translation>Resolved; the centres receive it at their next sync.</translation>
    </message>
</context>
<context>
    <name>ConflictsPanel</name>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="29"/>
        <source>发现时间</source>
        <translation>Detected</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="29"/>
        <source>类型</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="29"/>
        <source>涉及中心</source>
        <translation>Centres</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="29"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="30"/>
        <source>处理意见</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="34"/>
        <source>只看未处理</source>
        <translation>Open only</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="38"/>
        <source>处理意见（必填）</source>
        <translation>Resolution note (required)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="39"/>
        <source>注销本中心被拒的门禁卡</source>
        <translation>Revoke this centre&apos;s refused card</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="40"/>
        <source>处理</source>
        <translation>Resolve</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="55"/>
        <source>同一人在多个中心登记</source>
        <translation>Same person at several centres</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="56"/>
        <source>一人多卡（本卡被拒）</source>
        <translation>Second card (refused here)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="59"/>
        <source>已处理</source>
        <translation>Resolved</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="59"/>
        <source>未处理</source>
        <translation>Open</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="61"/>
        <source>另一中心</source>
        <translation>another centre</translation>
    </message>
    <message>
        <location filename="../../ui/panels/conflicts.py" line="91"/>
        <source>已处理，下次同步时报区里。</source>
        <translation>Resolved; the district hears of it at the next sync.</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="67"/>
        <source>24 小时内待送达</source>
        <translation>Due within 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="67"/>
        <source>其中不足 6 小时</source>
        <translation>Of those, under 6 h left</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="68"/>
        <source>已超时未送达</source>
        <translation>Overdue, undelivered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="68"/>
        <source>门禁系统故障未修复</source>
        <translation>Open card-system faults</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="69"/>
        <source>接近或已满核定人数的楼栋</source>
        <translation>Buildings at or near cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="70"/>
        <source>超员登记待主管处理（未发卡）</source>
        <translation>Over-cap registrations for the supervisor (no card)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="71"/>
        <source>上次同步</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="77"/>
        <location filename="../../ui/pages/dashboard.py" line="83"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="77"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="77"/>
        <location filename="../../ui/pages/dashboard.py" line="89"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="77"/>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="78"/>
        <source>采集时间</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="78"/>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="83"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="83"/>
        <source>培训状态</source>
        <translation>Training</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="83"/>
        <source>有效至</source>
        <translation>Valid until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="89"/>
        <source>入住 / 上限</source>
        <translation>Residents / cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="92"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="94"/>
        <source>去待移交…</source>
        <translation>Go to handover…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="98"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="102"/>
        <source>培训即将到期或已失效的账号（规则 R3）</source>
        <translation>Accounts whose training lapses or has lapsed (rule R3)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="104"/>
        <source>接近核定人数的楼栋（规则 R5）</source>
        <translation>Buildings near their cap (rule R5)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="109"/>
        <source>已超时未送达的记录（规则 R2）</source>
        <translation>Overdue records not yet delivered (rule R2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="128"/>
        <source>未参加入职培训</source>
        <translation>No induction</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="130"/>
        <source>已失效 {n} 天</source>
        <translation>Lapsed {n} days ago</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="131"/>
        <source>{n} 天后到期</source>
        <translation>Lapses in {n} days</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="156"/>
        <source>尚未同步</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="158"/>
        <source>有 {n} 张故障单超过 24 小时未通知安装单位（规则 R7）。</source>
        <translation>{n} fault tickets have gone over 24 h without notifying the installer (rule R7).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/dashboard.py" line="72"/>
        <source>区数据库未接收的记录</source>
        <translation>Rows the district did not take</translation>
    </message>
</context>
<context>
    <name>DecisionsPage</name>
    <message>
        <location filename="../../ui/district/actions.py" line="60"/>
        <source>全区注销卡</source>
        <translation>card revoked district-wide</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="56"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="56"/>
        <source>工作人员</source>
        <translation>Staff</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="56"/>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="56"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="57"/>
        <location filename="../../ui/district/actions.py" line="81"/>
        <source>理由</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="63"/>
        <source>中心编码，如 LH01</source>
        <translation>Centre code, e.g. LH01</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="64"/>
        <location filename="../../ui/district/actions.py" line="78"/>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="65"/>
        <source>楼栋编号</source>
        <translation>Building code</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="68"/>
        <source>恢复按面积核定</source>
        <translation>Back to the computed cap</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="70"/>
        <source>理由（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="71"/>
        <source>全区注销此卡</source>
        <translation>Revoke this card district-wide</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="60"/>
        <location filename="../../ui/district/actions.py" line="72"/>
        <location filename="../../ui/district/actions.py" line="80"/>
        <source>核定人数</source>
        <translation>Set cap</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="75"/>
        <source>区级决定（下次同步时送达中心）</source>
        <translation>District decisions (reach the centre at its next sync)</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="77"/>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="79"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="99"/>
        <source>已注销，该中心下次同步时收到。</source>
        <translation>Revoked; the centre receives it at its next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/district/actions.py" line="110"/>
        <source>已核定，该中心下次同步时收到。</source>
        <translation>Cap set; the centre receives it at its next sync.</translation>
    </message>
</context>
<context>
    <name>DeliveryPage</name>
    <message>
        <location filename="../../ui/pages/delivery.py" line="38"/>
        <source>剩余时间</source>
        <translation>Time left</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="38"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="38"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="38"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="39"/>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="39"/>
        <source>采集时间</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="39"/>
        <source>截止时间</source>
        <translation>Due</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="39"/>
        <source>已移交</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="40"/>
        <source>回执（送达时间）</source>
        <translation>Receipt (delivered)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="53"/>
        <source>只显示未移交</source>
        <translation>Not handed over only</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="56"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="58"/>
        <source>移交所选并打印清单…</source>
        <translation>Hand over selected and print list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="60"/>
        <source>打印今日移交清单…</source>
        <translation>Print today&apos;s handover list…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="70"/>
        <source>待移交（24 小时内送达社区工作站）</source>
        <translation>To hand over (to the workstation within 24 h)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="80"/>
        <source>已送达</source>
        <translation>Delivered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="83"/>
        <source>超时 {t}</source>
        <translation>Overdue {t}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="95"/>
        <source>充裕 {g} 条 · 不足 6 小时 {a} 条 · 已超时 {r} 条 · 24 小时内已送达 {d} 条</source>
        <translation>In time {g} · under 6 h {a} · overdue {r} · delivered in the last 24 h {d}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="109"/>
        <source>已建立移交批次 {no}：{n} 条记录。</source>
        <translation>Handover batch {no} created: {n} records.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/delivery.py" line="124"/>
        <source>移交清单</source>
        <translation>Handover list</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="61"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="61"/>
        <location filename="../../ui/district/reports.py" line="71"/>
        <source>采集日期</source>
        <translation>Collected on</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="61"/>
        <source>采集数</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="61"/>
        <source>24小时内送达</source>
        <translation>Received within 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="62"/>
        <source>逾期送达</source>
        <translation>Received late</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="62"/>
        <source>未送达</source>
        <translation>Not received</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="62"/>
        <source>纸质表24小时内移交</source>
        <translation>Forms handed over within 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="63"/>
        <source>纸质表逾期移交</source>
        <translation>Forms handed over late</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="63"/>
        <source>纸质表未移交</source>
        <translation>Forms not handed over</translation>
    </message>
</context>
<context>
    <name>DoorsDialog</name>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="36"/>
        <source>门禁控制器 · {code}</source>
        <translation>Door controllers · {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="38"/>
        <source>控制器</source>
        <translation>Controller</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="38"/>
        <source>类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="38"/>
        <location filename="../../ui/dialogs/doors.py" line="81"/>
        <source>在线</source>
        <translation>Online</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="38"/>
        <source>待写入</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="39"/>
        <source>门上 / 已发卡</source>
        <translation>On door / issued</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="39"/>
        <source>上次核对</source>
        <translation>Last reconcile</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="39"/>
        <source>时钟偏差</source>
        <translation>Clock drift</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="42"/>
        <source>差异</source>
        <translation>Difference</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="42"/>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="42"/>
        <source>门上</source>
        <translation>On the door</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="42"/>
        <source>应为</source>
        <translation>Should be</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="50"/>
        <source>添加控制器…</source>
        <translation>Add controller…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="51"/>
        <source>移除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="52"/>
        <source>立即核对</source>
        <translation>Reconcile now</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="53"/>
        <source>按本系统修正门禁</source>
        <translation>Fix the doors to match the desk</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="54"/>
        <source>导出报告…</source>
        <translation>Export report…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="65"/>
        <source>楼栋 {code} 的门禁</source>
        <translation>Doors of building {code}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="68"/>
        <source>核对结果（红色：门上有不应开门的卡）</source>
        <translation>Reconcile (red: cards on the door that should not open it)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="81"/>
        <source>无应答</source>
        <translation>No answer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="82"/>
        <source>白名单文件</source>
        <translation>Whitelist file</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="87"/>
        <source>从未</source>
        <translation>Never</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="96"/>
        <source>本楼栋尚未登记门禁控制器。</source>
        <translation>This building has no door controller yet.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="120"/>
        <source>正在读取控制器……</source>
        <translation>Reading the controllers…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="128"/>
        <source>核对完成：{n} 处差异，其中 {bad} 张卡不应开门。</source>
        <translation>Reconciled: {n} differences, {bad} cards that should not open the door.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="130"/>
        <source>无应答：{names}</source>
        <translation>No answer: {names}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="136"/>
        <source>请先核对。</source>
        <translation>Reconcile first.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="138"/>
        <source>导出核对报告</source>
        <translation>Export the reconcile report</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/doors.py" line="147"/>
        <source>已导出。</source>
        <translation>Exported.</translation>
    </message>
</context>
<context>
    <name>FaultsPage</name>
    <message>
        <location filename="../../ui/pages/faults.py" line="60"/>
        <source>显示所有楼栋的故障单</source>
        <translation>Tickets of all buildings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="68"/>
        <source>正常</source>
        <translation>OK</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="68"/>
        <source>故障</source>
        <translation>Down</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="69"/>
        <source>未知</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="69"/>
        <source>未安装</source>
        <translation>None installed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="71"/>
        <source>保存门禁系统资料</source>
        <translation>Save card-system record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="73"/>
        <source>门禁系统资料（规则 R4）</source>
        <translation>Card-system record (rule R4)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="75"/>
        <source>安装单位</source>
        <translation>Installer</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="76"/>
        <source>联系方式</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="77"/>
        <source>控制器型号</source>
        <translation>Controller model</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="78"/>
        <source>安装日期</source>
        <translation>Installed on</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="79"/>
        <location filename="../../ui/pages/faults.py" line="82"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="82"/>
        <source>单号</source>
        <translation>Ticket</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="82"/>
        <location filename="../../ui/pages/faults.py" line="125"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="82"/>
        <source>故障现象</source>
        <translation>Fault</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="83"/>
        <source>发现时间</source>
        <translation>Found</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="83"/>
        <source>通知期限</source>
        <translation>Notify by</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="83"/>
        <source>通知时间</source>
        <translation>Notified</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="83"/>
        <source>修复时间</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="84"/>
        <source>处理次数</source>
        <translation>Visits</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="109"/>
        <source>故障现象，例如：读卡器无反应</source>
        <translation>The fault, e.g. reader does not respond</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="111"/>
        <source>处理情况（只写设备，不写人员信息）</source>
        <translation>What was done (equipment only, no personal data)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="117"/>
        <source>报故障</source>
        <translation>Report fault</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="118"/>
        <source>已通知安装单位</source>
        <translation>Installer notified</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="119"/>
        <source>记录处理</source>
        <translation>Record visit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="120"/>
        <location filename="../../ui/pages/faults.py" line="149"/>
        <source>已修复</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="141"/>
        <source>门禁系统与故障单（规则 R7：24 小时内通知安装单位）</source>
        <translation>Card systems and fault tickets (rule R7: notify the installer within 24 h)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="148"/>
        <source>待通知</source>
        <translation>To notify</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="148"/>
        <source>已通知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="151"/>
        <source>{s}（超过 24 小时）</source>
        <translation>{s} (over 24 h)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="152"/>
        <source>（迟报）</source>
        <translation> (late)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="192"/>
        <source>门禁系统故障中</source>
        <translation>Card system down</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="193"/>
        <source>门禁系统：{s}</source>
        <translation>Card system: {s}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="207"/>
        <source>请先在“楼栋”中输入并选择一栋楼。</source>
        <translation>First type and choose a building under “Building”.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="219"/>
        <source>门禁系统资料已保存。</source>
        <translation>Card-system record saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="226"/>
        <source>故障单已建立，请在 24 小时内通知安装单位。</source>
        <translation>Ticket opened: notify the installer within 24 h.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="232"/>
        <source>请先选择一张故障单。</source>
        <translation>Choose a ticket first.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="237"/>
        <source>已记录通知安装单位。</source>
        <translation>Installer notification recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="242"/>
        <source>已记录处理情况。</source>
        <translation>Visit recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/faults.py" line="246"/>
        <source>已修复，门禁系统恢复正常。</source>
        <translation>Fixed; the card system works again.</translation>
    </message>
</context>
<context>
    <name>FullRoomDialog</name>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="33"/>
        <source>房间已满</source>
        <translation>Room full</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="45"/>
        <source>返回修改（回车）</source>
        <translation>Back to the form (Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="46"/>
        <source>改住所选房间(&amp;O)</source>
        <translation>Use the chosen r&amp;oom</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="48"/>
        <source>仍登记，不发卡，报主管(&amp;S)</source>
        <translation>Register without card, tell &amp;supervisor</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="60"/>
        <source>本楼栋有空位的房间：</source>
        <translation>Rooms with space in this building:</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="64"/>
        <source>楼栋已满，本楼栋没有可发卡的房间。可改选其他楼栋，或登记后交主管处理。</source>
        <translation>The building is full: no room in it can take a card. Choose another building, or register and hand the case to the supervisor.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/full_room.py" line="65"/>
        <source>本楼栋没有其他有空位的房间。</source>
        <translation>No other room in this building has space.</translation>
    </message>
</context>
<context>
    <name>IntakeForm</name>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="53"/>
        <source>18 位身份证号，或刷身份证</source>
        <translation>18-character ID number, or read the ID card</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="58"/>
        <source>18 位身份证号（或港澳台居住证、外国人永久居留身份证号）输完且校验正确时，光标自动跳到下一栏；号码有错时停在本栏并提示。护照和其他证件输完按回车。</source>
        <translation>When an 18-character ID number (or a Hong Kong/Macao/Taiwan residence permit or foreigner&apos;s permanent-residence number) is complete and its check character is right, the cursor moves to the next field by itself; a wrong number stays here and says what is wrong. Passports and other papers: press Enter when done.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="90"/>
        <source>11 位手机号输完自动跳到下一栏；固定电话输完按回车。</source>
        <translation>A complete 11-digit mobile number moves to the next field by itself; after a landline, press Enter.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="215"/>
        <source>此项必填。</source>
        <translation>Required.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="62"/>
        <source>自动识别</source>
        <translation>Detect from the number</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="62"/>
        <source>护照</source>
        <translation>Passport</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="63"/>
        <source>其他证件</source>
        <translation>Other papers</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="65"/>
        <source>签发国家或地区代码，如 USA</source>
        <translation>Issuing country code, e.g. USA</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="78"/>
        <source>（未填）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="82"/>
        <source>默认与签发国家相同，如 USA</source>
        <translation>Same as the issuing country unless given, e.g. USA</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="91"/>
        <source>汉族</source>
        <translation>Han</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="91"/>
        <source>壮族</source>
        <translation>Zhuang</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="91"/>
        <source>回族</source>
        <translation>Hui</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="92"/>
        <source>满族</source>
        <translation>Manchu</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="92"/>
        <source>苗族</source>
        <translation>Miao</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="99"/>
        <source>务工</source>
        <translation>Work</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="99"/>
        <source>经商</source>
        <translation>Business</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="100"/>
        <source>投靠亲友</source>
        <translation>Joining family or friends</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="100"/>
        <source>求学</source>
        <translation>Study</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="101"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="102"/>
        <source>未婚</source>
        <translation>Single</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="102"/>
        <source>已婚</source>
        <translation>Married</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="103"/>
        <source>离婚</source>
        <translation>Divorced</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="103"/>
        <source>丧偶</source>
        <translation>Widowed</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="104"/>
        <source>小学</source>
        <translation>Primary school</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="104"/>
        <source>初中</source>
        <translation>Junior secondary</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="105"/>
        <source>高中/中专</source>
        <translation>Senior secondary / vocational</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="105"/>
        <source>大专</source>
        <translation>College</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="106"/>
        <source>本科</source>
        <translation>Bachelor&apos;s degree</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="106"/>
        <source>研究生</source>
        <translation>Postgraduate</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="110"/>
        <source>不适用</source>
        <translation>Not applicable</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="110"/>
        <source>未办理</source>
        <translation>Not obtained yet</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="111"/>
        <source>外地办理</source>
        <translation>Obtained elsewhere</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="123"/>
        <source>证件类型</source>
        <translation>Document type</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="124"/>
        <source>国家或地区</source>
        <translation>Country or region</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="125"/>
        <source>证件号码 *</source>
        <translation>ID number *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="127"/>
        <source>性别 *</source>
        <translation>Sex *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="128"/>
        <source>出生日期 *</source>
        <translation>Birth date *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="129"/>
        <source>国籍</source>
        <translation>Nationality</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="130"/>
        <source>姓名 *</source>
        <translation>Name *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="131"/>
        <source>联系电话 *</source>
        <translation>Phone *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="132"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="133"/>
        <source>户籍地址</source>
        <translation>Household registration address</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="134"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="135"/>
        <source>职业</source>
        <translation>Occupation</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="136"/>
        <source>来本地日期</source>
        <translation>Arrival date</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="137"/>
        <source>暂住事由</source>
        <translation>Reason for stay</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="138"/>
        <source>婚姻状况</source>
        <translation>Marital status</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="139"/>
        <source>文化程度</source>
        <translation>Education</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="140"/>
        <source>计生证（婚育证明）号</source>
        <translation>Family-planning certificate no.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="142"/>
        <source>未登记计生证原因</source>
        <translation>Why no certificate number</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="143"/>
        <source>楼栋 *（Alt+L）</source>
        <translation>Building * (Alt+L)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="144"/>
        <source>房号 *</source>
        <translation>Unit *</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="210"/>
        <source>还没有选定楼栋：请用 ↓/↑ 从列表中选择，或输入完整的楼栋编号。</source>
        <translation>No building chosen yet: pick one from the list with ↓/↑, or type its full code.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="239"/>
        <source>证件号码已满 18 位，之后多按的“{keys}”没有接收，也没有进入下一栏。请核对号码。</source>
        <translation>The ID number was complete at 18 characters; the extra “{keys}” typed after it was not taken, nor put in the next field. Check the number.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="241"/>
        <source>手机号已满 11 位，之后多按的“{keys}”没有接收，也没有进入下一栏。请核对号码。</source>
        <translation>The mobile number was complete at 11 digits; the extra “{keys}” typed after it was not taken, nor put in the next field. Check the number.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="277"/>
        <source>有效号码，签发国家或地区：{country}</source>
        <translation>Valid number, issued by {country}</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="300"/>
        <source>适用：育龄妇女（15–49 岁）须登记计生证号，或选择未登记原因（规则 R9）</source>
        <translation>Applies: a woman aged 15–49 gives her family-planning certificate number, or the reason there is none (rule R9)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="73"/>
        <location filename="../../ui/panels/intake_form.py" line="281"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="73"/>
        <location filename="../../ui/panels/intake_form.py" line="281"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="283"/>
        <source>出生日期 {born}&#x3000;性别 {sex}&#x3000;籍贯 {region}</source>
        <translation>Born {born}   Sex {sex}   Region {region}</translation>
    </message>
    <message>
        <location filename="../../ui/panels/intake_form.py" line="290"/>
        <source>继续输入…</source>
        <translation>Keep typing…</translation>
    </message>
</context>
<context>
    <name>IntakePage</name>
    <message>
        <location filename="../../ui/pages/intake.py" line="68"/>
        <source>身份证正面</source>
        <translation>ID card front</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="68"/>
        <source>身份证反面</source>
        <translation>ID card back</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="69"/>
        <source>计生证</source>
        <translation>family-planning certificate</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="58"/>
        <source>读身份证（F2）</source>
        <translation>Read ID card (F2)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="60"/>
        <source>登记（Ctrl+回车）</source>
        <translation>Register (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="62"/>
        <source>在最后一个必填项按回车，或在任意处按 Ctrl+回车。必填项空着时按回车不会跳过，也不会登记</source>
        <translation>Enter on the last required field, or Ctrl+Enter anywhere. Enter in an empty required field neither skips it nor registers</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="71"/>
        <source>载入{what}扫描件…（{key}）</source>
        <translation>Load {what} scan… ({key})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="75"/>
        <location filename="../../ui/pages/intake.py" line="226"/>
        <source>未载入</source>
        <translation>Not loaded</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="84"/>
        <source>租住人员信息采集</source>
        <translation>Tenant information collection</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="89"/>
        <source>正在登记：登记完成前表单不能修改，屏幕上的内容就是要保存的内容。</source>
        <translation>Registering: the form cannot be changed until this is done; what is on screen is what will be saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="96"/>
        <source>照片（摄像头或文件）</source>
        <translation>Photo (camera or file)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="132"/>
        <source>拍照（F3 或空格）</source>
        <translation>Take photo (F3 or Space)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="133"/>
        <source>从文件载入（F4）</source>
        <translation>Load from file (F4)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="162"/>
        <source>未连接身份证阅读器（可在“设置”中选择）。请手工输入证件号码。</source>
        <translation>No ID-card reader connected (choose one in Settings). Type the ID number.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="168"/>
        <source>读卡器上没有身份证。</source>
        <translation>No ID card on the reader.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="191"/>
        <source>已读取另一张身份证：上一位的信息、照片和扫描件已清除，请为此人重新填写。</source>
        <translation>Another ID card was read: the previous person&apos;s details, photo and scans were cleared; fill in the rest for this person.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="195"/>
        <source>读卡前的照片和扫描件无法确认是此人的，已清除：请重新拍照。</source>
        <translation>The photo and scans taken before the card was read cannot be shown to be this person&apos;s and have been cleared: take the photo again.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="213"/>
        <source>证件号码已换：原号码的照片和扫描件已清除。请重新拍照，并核对其余各项。</source>
        <translation>The document number was changed: the previous number&apos;s photo and scans have been cleared. Take the photo again and check the other fields.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="216"/>
        <source>证件号码已换：请核对其余各项是否为此人的。</source>
        <translation>The document number was changed: check that the other fields are this person&apos;s.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="232"/>
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="233"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="254"/>
        <source>已载入：{name}</source>
        <translation>Loaded: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="279"/>
        <source>请更正标红的项目。</source>
        <translation>Correct the fields marked in red.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="297"/>
        <source>正在登记…登记完成前表单不能修改。</source>
        <translation>Registering… The form cannot be changed until this is done.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="336"/>
        <source>已登记：{name}，{building} {unit}。</source>
        <translation>Registered: {name}, {building} {unit}. </translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="338"/>
        <source>没有照片：须先补拍照片才能发卡。</source>
        <translation>No photo: take one before a card can be issued.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="343"/>
        <source>该{what}已满：不发卡，已标记超员并报主管（首页可见）。有空位后可在“门禁卡”页发卡。</source>
        <translation>This {what} is full: no card; the overcrowding is flagged for the supervisor (see Home). Issue the card on the Cards page once there is room.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="344"/>
        <source>楼栋</source>
        <translation>building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="344"/>
        <source>房间</source>
        <translation>room</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="358"/>
        <source>照片已保存，可以发卡。</source>
        <translation>Photo saved: the card can be issued.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="376"/>
        <source>上一位已发卡：{number}（{building} {unit}）。请登记下一位。</source>
        <translation>The last tenant&apos;s card was issued: {number} ({building} {unit}). Register the next tenant.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/intake.py" line="251"/>
        <source>无法读取文件。</source>
        <translation>The file cannot be read.</translation>
    </message>
</context>
<context>
    <name>LeasesTab</name>
    <message>
        <location filename="../../ui/pages/leases.py" line="50"/>
        <location filename="../../ui/pages/leases.py" line="79"/>
        <source>房间</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="50"/>
        <location filename="../../ui/pages/leases.py" line="80"/>
        <source>承租人</source>
        <translation>Tenants</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="50"/>
        <source>租期</source>
        <translation>Term</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="50"/>
        <source>待办</source>
        <translation>To do</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="56"/>
        <source>续租至</source>
        <translation>Renew until</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="59"/>
        <source>留住人员证件号（逗号分隔，可空）</source>
        <translation>ID numbers of those staying (comma-separated, optional)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="60"/>
        <source>确认迁出并结束</source>
        <translation>Confirm move-out and end</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="67"/>
        <source>承租人证件号，多人用逗号分隔</source>
        <translation>Tenants&apos; ID numbers, comma-separated</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="75"/>
        <source>房间未登记房东时必填</source>
        <translation>required when the unit has no landlord on record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="76"/>
        <source>登记租赁合同</source>
        <translation>Register lease</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="82"/>
        <source>月租（元）</source>
        <translation>Rent (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="82"/>
        <source>押金（元）</source>
        <translation>Deposit (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="83"/>
        <source>起</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="83"/>
        <source>止</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="87"/>
        <source>出租人</source>
        <translation>Landlord</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="91"/>
        <source>30 天内到期或已到期的租约：确认续租或迁出</source>
        <translation>Leases ending within 30 days or ended: confirm renewal or move-out</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="101"/>
        <source>（均已迁出）</source>
        <translation>(all moved out)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="141"/>
        <source>已登记 {unit} 的租赁合同，至 {end}。</source>
        <translation>Lease of {unit} registered, until {end}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="149"/>
        <source>已续租至 {end}。</source>
        <translation>Renewed until {end}.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="156"/>
        <source>结束 {unit} 的租约：{n} 人迁出，其门禁卡即注销。继续？</source>
        <translation>End the lease of {unit}: {n} move out and their cards are stopped. Continue?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="160"/>
        <source>租约已结束：迁出 {n} 人，注销门禁卡 {c} 张。</source>
        <translation>Lease ended: {n} moved out, {c} cards stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/leases.py" line="165"/>
        <source>确认迁出</source>
        <translation>Confirm move-out</translation>
    </message>
</context>
<context>
    <name>ListingsTab</name>
    <message>
        <location filename="../../ui/pages/listings.py" line="49"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="49"/>
        <location filename="../../ui/pages/listings.py" line="67"/>
        <source>房间</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="49"/>
        <source>月租（元）</source>
        <translation>Rent (yuan)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="49"/>
        <source>可入住</source>
        <translation>Available</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="50"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="50"/>
        <source>空位</source>
        <translation>Free</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="56"/>
        <source> 元/月</source>
        <translation> yuan/month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="60"/>
        <source>默认为房东</source>
        <translation>the landlord by default</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="62"/>
        <source>默认为房东电话</source>
        <translation>the landlord&apos;s phone by default</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="63"/>
        <source>立即发布</source>
        <translation>Publish now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="64"/>
        <source>新增招租</source>
        <translation>Add listing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="68"/>
        <source>月租</source>
        <translation>Rent</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="69"/>
        <source>可入住日期</source>
        <translation>Available from</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="70"/>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="71"/>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="79"/>
        <source>发布</source>
        <translation>Publish</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="79"/>
        <source>撤下</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="80"/>
        <source>打印招租单</source>
        <translation>Print listing sheet</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="86"/>
        <source>导出公告板（PDF）</source>
        <translation>Export notice board (PDF)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="99"/>
        <source>草稿</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="99"/>
        <source>已发布</source>
        <translation>Published</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="100"/>
        <source>已撤下</source>
        <translation>Withdrawn</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="102"/>
        <source>已满</source>
        <translation>Full</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="143"/>
        <source>已新增 {unit} 的招租信息。</source>
        <translation>Listing for {unit} added.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="148"/>
        <source>已发布。</source>
        <translation>Published.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="153"/>
        <source>已撤下。</source>
        <translation>Withdrawn.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="158"/>
        <source>招租信息</source>
        <translation>Rental listing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="163"/>
        <source>招租公告板</source>
        <translation>Listings notice board</translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="167"/>
        <source>公告板 {n} 条。</source>
        <translation>{n} on the board. </translation>
    </message>
    <message>
        <location filename="../../ui/pages/listings.py" line="169"/>
        <source>已住满而撤下 {n} 条。</source>
        <translation>{n} withdrawn because their unit filled up.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/dialogs/login.py" line="33"/>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="33"/>
        <source>登录</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="43"/>
        <source>用户名</source>
        <translation>Username</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="44"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="64"/>
        <source>出租屋管理服务中心</source>
        <translation>Rental Housing Service Centre</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="68"/>
        <source>窗口因长时间无操作已锁定，请重新输入密码。</source>
        <translation>The window locked after a period without use. Enter your password again.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="71"/>
        <source>退出程序</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="45"/>
        <source>新密码</source>
        <translation>New password</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="46"/>
        <source>再次输入新密码</source>
        <translation>New password again</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="112"/>
        <source>首次登录：请设置您自己的新密码（至少 10 个字符，不要用常见密码）。</source>
        <translation>First sign-in: set a password of your own (at least 10 characters, not a common password).</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/login.py" line="84"/>
        <source>两次输入的新密码不一致。</source>
        <translation>The new passwords differ.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="58"/>
        <source>出租屋管理服务中心 · {code}</source>
        <translation>Rental Housing Service Centre · {code}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="72"/>
        <source>首页</source>
        <translation>Home</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="73"/>
        <location filename="../../ui/selftest.py" line="29"/>
        <source>登记</source>
        <translation>Intake</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="74"/>
        <source>门禁卡</source>
        <translation>Cards</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="75"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="76"/>
        <source>楼栋</source>
        <translation>Buildings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="77"/>
        <source>服务</source>
        <translation>Services</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="78"/>
        <source>门禁故障</source>
        <translation>Card faults</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="79"/>
        <source>待移交</source>
        <translation>Due for delivery</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="80"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="84"/>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="82"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="128"/>
        <source>{page}（{key}）</source>
        <translation>{page} ({key})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="138"/>
        <source>当前账号：{name}（{role}）</source>
        <translation>Signed in: {name} ({role})</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140"/>
        <source>上次同步：尚未同步</source>
        <translation>Last sync: never</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="160"/>
        <source>24 小时内待送达：{n} 条</source>
        <translation>Due within 24 h: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="162"/>
        <source>，已超时 {n} 条</source>
        <translation>, overdue: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167"/>
        <source>上次同步：{when}</source>
        <translation>Last sync: {when}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171"/>
        <source>培训有效至 {day}</source>
        <translation>Training valid until {day}</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="61"/>
        <location filename="../../ui/main_window.py" line="147"/>
        <source>试用中心</source>
        <translation>Trial centre</translation>
    </message>
</context>
<context>
    <name>OfficeChoice</name>
    <message>
        <location filename="../../ui/district/choice.py" line="21"/>
        <source>街道办工作人员：用区数据库账号登录，打开街道办窗口</source>
        <translation>Street-office staff: sign in with a district database login and open the street office&apos;s window</translation>
    </message>
    <message>
        <location filename="../../ui/district/choice.py" line="18"/>
        <source>街道办（区数据库）(&amp;D)…</source>
        <translation>Street office (&amp;district database)…</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <location filename="../../ui/district/base.py" line="53"/>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../ui/district/base.py" line="84"/>
        <source>共 {n} 行</source>
        <translation>Rows: {n}</translation>
    </message>
</context>
<context>
    <name>OfficeSignIn</name>
    <message>
        <location filename="../../ui/district/window.py" line="96"/>
        <source>正在连接区数据库…</source>
        <translation>Connecting to the district database…</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="65"/>
        <source>街道办登录</source>
        <translation>Street office sign-in</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="74"/>
        <source>区数据库地址</source>
        <translation>District database URL</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="75"/>
        <source>账号</source>
        <translation>Account</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="76"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
</context>
<context>
    <name>OfficeWindow</name>
    <message>
        <location filename="../../ui/district/window.py" line="31"/>
        <source>区管理员</source>
        <translation>district admin</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="31"/>
        <source>区查看员</source>
        <translation>district viewer</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="32"/>
        <source>街道办 — 出租屋综合管理</source>
        <translation>Street office — rental housing</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="40"/>
        <source>各中心</source>
        <translation>Centres</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="40"/>
        <source>送达</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="41"/>
        <source>统计与奖励</source>
        <translation>Statistics &amp;&amp; rewards</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="41"/>
        <source>冲突</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="42"/>
        <source>撤卡与核定人数</source>
        <translation>Revocations &amp;&amp; caps</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="42"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
    <message>
        <location filename="../../ui/district/window.py" line="43"/>
        <source>审计</source>
        <translation>Audit</translation>
    </message>
</context>
<context>
    <name>PermitsTab</name>
    <message>
        <location filename="../../ui/pages/permits.py" line="54"/>
        <source>证件号码（或姓名、电话）</source>
        <translation>ID number (or name, phone)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="56"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="65"/>
        <source>附住所证明扫描件…</source>
        <translation>Attach housing proof scan…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="67"/>
        <source>附就业或就读证明扫描件…</source>
        <translation>Attach employment or study proof scan…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="69"/>
        <source>受理申请</source>
        <translation>Take the application</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="76"/>
        <source>备注 / 退回原因 / 居住证号码</source>
        <translation>Note / reason returned / permit number</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="77"/>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="79"/>
        <source>打印申请表</source>
        <translation>Print application form</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="97"/>
        <source>申领条件</source>
        <translation>Requirements</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="100"/>
        <source>办理进度</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="121"/>
        <source>没有找到该租户。</source>
        <translation>No such tenant.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="153"/>
        <source>符合申领条件</source>
        <translation>eligible</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="154"/>
        <source>尚不符合，缺 {n} 项</source>
        <translation>not eligible yet, {n} missing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="179"/>
        <source>居住证号码：{n}</source>
        <translation>Permit number: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="189"/>
        <source>选择扫描件</source>
        <translation>Choose a scan</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="190"/>
        <source>图片 (*.jpg *.jpeg *.png)</source>
        <translation>Images (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="208"/>
        <source>已受理。</source>
        <translation>Application taken.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="221"/>
        <source>已记录。</source>
        <translation>Recorded.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/permits.py" line="227"/>
        <source>居住证申领登记表</source>
        <translation>Residence permit application form</translation>
    </message>
</context>
<context>
    <name>PhotoDialog</name>
    <message>
        <location filename="../../ui/dialogs/photo.py" line="22"/>
        <source>补拍照片</source>
        <translation>Take the photo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/photo.py" line="43"/>
        <source>还没有合格的照片。</source>
        <translation>No acceptable photo yet.</translation>
    </message>
</context>
<context>
    <name>PhotoPanel</name>
    <message>
        <location filename="../../ui/panels/photo.py" line="54"/>
        <location filename="../../ui/panels/photo.py" line="157"/>
        <source>尚无照片</source>
        <translation>No photo yet</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="55"/>
        <source>点击预览画面后按空格键拍照。</source>
        <translation>Click the preview, then press Space to take the photo.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="57"/>
        <source>拍照（空格）</source>
        <translation>Capture (Space)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="59"/>
        <source>从文件载入</source>
        <translation>Load from file</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="61"/>
        <source>开启摄像头</source>
        <translation>Start camera</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="77"/>
        <source>摄像头未开启</source>
        <translation>Camera off</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="103"/>
        <source>没有可用的摄像头。请检查连接或在“设置”中选择摄像头，也可以点击“从文件载入”使用照片文件。</source>
        <translation>No camera available. Check the connection or choose a camera in Settings, or use &quot;Load from file&quot; for a photo file.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="110"/>
        <source>摄像头画面中断。请检查连接后点击“开启摄像头”。</source>
        <translation>The camera stopped sending pictures. Check the connection, then click &quot;Start camera&quot;.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="119"/>
        <source>可以拍照：按空格键。</source>
        <translation>Ready: press Space.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="125"/>
        <source>还没有摄像头画面，无法拍照。</source>
        <translation>No camera picture yet: nothing to capture.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="130"/>
        <source>照片不合格：{why}</source>
        <translation>Photo refused: {why}</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="134"/>
        <location filename="../../ui/panels/photo.py" line="177"/>
        <source>照片已拍好。如需重拍，再按空格键。</source>
        <translation>Photo taken. Press Space again to retake it.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="138"/>
        <source>选择照片</source>
        <translation>Choose a photo</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="139"/>
        <source>图片</source>
        <translation>Images</translation>
    </message>
    <message>
        <location filename="../../ui/panels/photo.py" line="150"/>
        <location filename="../../ui/panels/photo.py" line="177"/>
        <source>已从文件载入照片。</source>
        <translation>Photo loaded from file.</translation>
    </message>
</context>
<context>
    <name>PrintMenu</name>
    <message>
        <location filename="../../ui/printing/menu.py" line="37"/>
        <source>打印(&amp;P)</source>
        <translation>&amp;Print</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="41"/>
        <source>今日全部采集表</source>
        <translation>All of today&apos;s collection forms</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="44"/>
        <location filename="../../ui/printing/menu.py" line="47"/>
        <source>门禁卡发卡回执</source>
        <translation>Access card receipt</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="44"/>
        <source>刷卡或输入卡号：</source>
        <translation>Swipe the card or type its number:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="50"/>
        <location filename="../../ui/printing/menu.py" line="51"/>
        <location filename="../../ui/printing/menu.py" line="55"/>
        <source>出租屋综合信息登记表</source>
        <translation>Rental unit information form</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="50"/>
        <source>楼栋编号：</source>
        <translation>Building code:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="51"/>
        <source>房号：</source>
        <translation>Unit number:</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="60"/>
        <source>今日全部采集表（批量打印）</source>
        <translation>All of today&apos;s collection forms (batch print)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="61"/>
        <source>门禁卡发卡回执…</source>
        <translation>Access card receipt…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="62"/>
        <source>出租屋综合信息登记表…</source>
        <translation>Rental unit information form…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="64"/>
        <source>空白采集表（系统停用时手填）</source>
        <translation>Blank collection form (to fill by hand when the system is down)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="65"/>
        <source>空白采集表</source>
        <translation>Blank collection form</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="66"/>
        <source>空白出租屋登记表（系统停用时手填）</source>
        <translation>Blank rental unit form (to fill by hand when the system is down)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/menu.py" line="67"/>
        <source>空白出租屋登记表</source>
        <translation>Blank rental unit form</translation>
    </message>
</context>
<context>
    <name>PrintPreviewDialog</name>
    <message>
        <location filename="../../ui/printing/dialog.py" line="53"/>
        <source>打印预览</source>
        <translation>Print preview</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="54"/>
        <source>打印预览 — {title}</source>
        <translation>Print preview — {title}</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/printing/dialog.py" line="64"/>
        <source>共 %n 页</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="65"/>
        <source>无法打开此 PDF。</source>
        <translation>This PDF cannot be opened.</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="66"/>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="71"/>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="74"/>
        <source>整页</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="77"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="129"/>
        <source>打印失败</source>
        <translation>Printing failed</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="142"/>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="143"/>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="150"/>
        <source>保存失败</source>
        <translation>Saving failed</translation>
    </message>
    <message>
        <location filename="../../ui/printing/dialog.py" line="151"/>
        <source>无法保存到 {path}：{reason}</source>
        <translation>Cannot save to {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>RewardsPage</name>
    <message>
        <location filename="../../ui/district/reports.py" line="106"/>
        <source>物业公司</source>
        <translation>Property company</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="106"/>
        <source>股份合作公司</source>
        <translation>Village company</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="105"/>
        <source>（无公司）</source>
        <translation>(no company)</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="103"/>
        <source>全区</source>
        <translation>District</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="101"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="100"/>
        <source>公司</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="100"/>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="84"/>
        <source>统计口径</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="84"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="84"/>
        <source>编码</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="84"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="85"/>
        <source>公司类型</source>
        <translation>Company kind</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="85"/>
        <source>采集数</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="85"/>
        <source>24小时内报送</source>
        <translation>Reported within 24 h</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="85"/>
        <source>逾期报送</source>
        <translation>Reported late</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="86"/>
        <source>未报送</source>
        <translation>Not reported</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="86"/>
        <source>计奖人数</source>
        <translation>Reward basis</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="90"/>
        <source>导出 XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="92"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="117"/>
        <source>导出统计</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <location filename="../../ui/district/reports.py" line="122"/>
        <source>已导出：{p}</source>
        <translation>Exported: {p}</translation>
    </message>
</context>
<context>
    <name>SearchModel</name>
    <message>
        <location filename="../../ui/models/search.py" line="21"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="22"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="23"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="24"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="25"/>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="26"/>
        <source>门禁卡</source>
        <translation>Card</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="27"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="55"/>
        <source>在住</source>
        <translation>Living here</translation>
    </message>
    <message>
        <location filename="../../ui/models/search.py" line="56"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
</context>
<context>
    <name>SearchPage</name>
    <message>
        <location filename="../../ui/district/lookups.py" line="35"/>
        <source>已拒绝（一人多卡）</source>
        <translation>Refused (second card)</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="34"/>
        <source>待审核</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="34"/>
        <source>已接受</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="33"/>
        <source>已退卡</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="32"/>
        <source>已注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="32"/>
        <source>已挂失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="32"/>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="31"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="31"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/pages/search.py" line="32"/>
        <source>证件号码、姓名、电话、卡号，或“楼栋编号 房号”</source>
        <translation>ID number, name, phone, card number, or &quot;building-code unit&quot;</translation>
    </message>
    <message>
        <location filename="../../ui/pages/search.py" line="52"/>
        <source>查询租户</source>
        <translation>Find a tenant</translation>
    </message>
    <message>
        <location filename="../../ui/pages/search.py" line="67"/>
        <source>{n}{more} 条结果</source>
        <translation>{n}{more} results</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="17"/>
        <source>中心编码</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="17"/>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="17"/>
        <source>证件号码</source>
        <translation>Document number</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="17"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="18"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="18"/>
        <source>房号</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="18"/>
        <source>采集时间</source>
        <translation>Collected at</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="18"/>
        <source>卡号</source>
        <translation>Card number</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="19"/>
        <source>卡状态</source>
        <translation>Card status</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="19"/>
        <source>区级审核</source>
        <translation>District check</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="23"/>
        <source>完整证件号码或完整姓名（查询将记入审计）</source>
        <translation>Full document number or full name (the search is audited)</translation>
    </message>
    <message>
        <location filename="../../ui/district/lookups.py" line="27"/>
        <source>查询</source>
        <translation>Search</translation>
    </message>
</context>
<context>
    <name>ServicesPage</name>
    <message>
        <location filename="../../ui/pages/services.py" line="21"/>
        <source>招租</source>
        <translation>Listings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="22"/>
        <source>居住证</source>
        <translation>Residence permit</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="23"/>
        <source>租赁合同</source>
        <translation>Leases</translation>
    </message>
    <message>
        <location filename="../../ui/pages/services.py" line="26"/>
        <source>便民服务</source>
        <translation>Services</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="50"/>
        <source>查找摄像头</source>
        <translation>Find cameras</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="59"/>
        <source>无</source>
        <translation>None</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="60"/>
        <source>模拟阅读器（演示）</source>
        <translation>Simulated reader (demo)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="63"/>
        <source>偏好</source>
        <translation>Preferences</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="65"/>
        <source>界面语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="66"/>
        <source>摄像头</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="67"/>
        <source>身份证阅读器</source>
        <translation>ID-card reader</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="71"/>
        <location filename="../../ui/pages/settings_page.py" line="138"/>
        <source>生成演示数据</source>
        <translation>Generate demo data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="73"/>
        <source>导入楼栋…</source>
        <translation>Import buildings…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="75"/>
        <source>导入租户…</source>
        <translation>Import tenants…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="77"/>
        <source>数据</source>
        <translation>Data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="82"/>
        <source>演示租户人数</source>
        <translation>Demo tenants</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="86"/>
        <source>导入（CSV / Excel）</source>
        <translation>Import (CSV / Excel)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="88"/>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="99"/>
        <location filename="../../ui/pages/settings_page.py" line="102"/>
        <source>摄像头 {n}</source>
        <translation>Camera {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="103"/>
        <source>模拟摄像头（演示照片）</source>
        <translation>Simulated camera (demo photo)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="104"/>
        <source>不使用摄像头</source>
        <translation>No camera</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="119"/>
        <source>正在查找摄像头…</source>
        <translation>Looking for cameras…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="168"/>
        <source>其中 {n} 行住进已满的房间或楼栋：已登记，不能发卡，已报主管。</source>
        <translation>{n} of them moved into a full room or building: recorded, no card can be issued, and the supervisor is told.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="115"/>
        <source>找到 {n} 个摄像头。</source>
        <translation>Found {n} camera(s).</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="123"/>
        <source>摄像头设置已保存，回到“登记”页即生效。</source>
        <translation>Camera saved; it is used when you return to Intake.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="130"/>
        <source>身份证阅读器设置已保存。</source>
        <translation>ID-card reader saved.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="134"/>
        <source>界面语言将在重新启动后生效。</source>
        <translation>The language changes when the program restarts.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="139"/>
        <source>演示数据会写入本中心的数据库，并在同步时上传。只应在培训或演示用的数据目录中生成。确定生成 {n} 名演示租户吗？</source>
        <translation>Demo data is written into this centre&apos;s database and uploaded at the next sync. Generate it only in a training or demo data folder. Generate {n} demo tenants?</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="142"/>
        <source>正在生成演示数据</source>
        <translation>Generating demo data</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="148"/>
        <source>已生成演示数据：{b} 栋楼，{t} 名租户，{c} 张门禁卡。</source>
        <translation>Demo data ready: {b} buildings, {t} tenants, {c} cards.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="153"/>
        <source>选择导入文件</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="154"/>
        <source>表格</source>
        <translation>Spreadsheets</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="160"/>
        <source>正在导入</source>
        <translation>Importing</translation>
    </message>
    <message>
        <location filename="../../ui/pages/settings_page.py" line="165"/>
        <source>导入完成：成功 {good} 行，有误 {bad} 行。</source>
        <translation>Import finished: {good} rows imported, {bad} rows with errors.</translation>
    </message>
</context>
<context>
    <name>Setup</name>
    <message>
        <location filename="../../ui/main.py" line="108"/>
        <source>恢复密钥</source>
        <translation>Recovery key</translation>
    </message>
    <message>
        <location filename="../../ui/main.py" line="109"/>
        <source>请抄写并妥善保管此恢复密钥（不要存放在本机）。换电脑或恢复备份时需要它：

{key}</source>
        <translation>Copy this recovery key and keep it safe (not on this PC). You need it on a new PC or to restore a backup:

{key}</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="33"/>
        <source>建立服务中心</source>
        <translation>Create the service centre</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="35"/>
        <source>2–16 位字母或数字</source>
        <translation>2–16 letters or digits</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="47"/>
        <source>中心编码 *</source>
        <translation>Centre code *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="48"/>
        <source>中心名称 *</source>
        <translation>Centre name *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="49"/>
        <source>社区工作站</source>
        <translation>Community workstation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="50"/>
        <source>管理员用户名 *</source>
        <translation>Admin username *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="51"/>
        <source>密码（至少 8 位）*</source>
        <translation>Password (8+ characters) *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="52"/>
        <source>再次输入密码 *</source>
        <translation>Password again *</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="53"/>
        <source>岗前培训日期</source>
        <translation>Induction training date</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="63"/>
        <source>此数据目录中还没有服务中心。请建立中心和第一个管理员账号。管理员须有岗前培训记录才能登记和发卡。</source>
        <translation>This data folder has no service centre yet. Create the centre and its first administrator. The administrator needs an induction training record to register tenants and issue cards.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/setup.py" line="77"/>
        <source>两次输入的密码不一致。</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <location filename="../../ui/pages/stats.py" line="95"/>
        <source>公司</source>
        <translation>Company</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="95"/>
        <source>楼栋</source>
        <translation>Building</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="96"/>
        <source>中心</source>
        <translation>Centre</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="99"/>
        <source>日</source>
        <translation>Day</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="99"/>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="100"/>
        <source>年</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="109"/>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="111"/>
        <source>导出…</source>
        <translation>Export…</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="114"/>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="114"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="114"/>
        <source>时段</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="114"/>
        <source>登记</source>
        <translation>Registered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="114"/>
        <source>迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="115"/>
        <source>发卡</source>
        <translation>Cards issued</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="115"/>
        <source>挂失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="115"/>
        <source>补卡</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="115"/>
        <source>注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="116"/>
        <source>按时送达</source>
        <translation>Delivered on time</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="116"/>
        <source>超时送达</source>
        <translation>Delivered late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="116"/>
        <source>未送达</source>
        <translation>Undelivered</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="116"/>
        <source>门禁故障</source>
        <translation>Faults</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="117"/>
        <source>故障迟报</source>
        <translation>Notified late</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="117"/>
        <source>已修复</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="117"/>
        <source>现住人数</source>
        <translation>Residents</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="117"/>
        <source>核定人数</source>
        <translation>Cap</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="118"/>
        <source>缺计生证</source>
        <translation>No FP cert.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="185"/>
        <source>超员登记待处理（规则 R5）：{n} 人</source>
        <translation>Over the cap, awaiting the supervisor (rule R5): {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="190"/>
        <source>缺计生证且未说明原因（规则 R9）：{n} 人</source>
        <translation>No family-planning certificate and no reason (rule R9): {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="138"/>
        <source>口径</source>
        <translation>By</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="138"/>
        <source>周期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="139"/>
        <source>从</source>
        <translation>From</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="139"/>
        <source>到</source>
        <translation>To</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="146"/>
        <source>统计（规则 R8）</source>
        <translation>Statistics (rule R8)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="196"/>
        <source>共 {n} 行。</source>
        <translation>{n} rows.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="201"/>
        <source>导出统计</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="202"/>
        <source>Excel 工作簿 (*.xlsx);;CSV 文件 (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV file (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/stats.py" line="215"/>
        <source>已导出到 {path}。</source>
        <translation>Exported to {path}.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="54"/>
        <source>postgresql://用户@主机:端口/数据库（空则用上次的地址）</source>
        <translation>postgresql://user@host:port/database (empty: the last address)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="57"/>
        <source>中心密码（不保存）</source>
        <translation>Centre password (not saved)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="58"/>
        <source>立即同步</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="68"/>
        <source>区数据库地址</source>
        <translation>District address</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="72"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="73"/>
        <source>每日自动同步：用系统的计划任务每天运行一次 rentdesk sync（地址取上次同步的，密码取环境变量 RENTDESK_DISTRICT_PASSWORD）：</source>
        <translation>Daily sync: have the system&apos;s scheduler run rentdesk sync once a day (it uses the last address and the password in RENTDESK_DISTRICT_PASSWORD):</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="79"/>
        <source>与区数据库同步</source>
        <translation>Sync with the district</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="84"/>
        <source>同步记录</source>
        <translation>Past runs</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="93"/>
        <source>冲突记录（主管处理）</source>
        <translation>Conflicts (for supervisors)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="101"/>
        <source>待上传的更改：{n} 条</source>
        <translation>Changes waiting to upload: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="127"/>
        <source>{when}  成功：上传 {up} 行</source>
        <translation>{when}  done: {up} rows up</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="130"/>
        <source>{when}  已取消</source>
        <translation>{when}  cancelled</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="131"/>
        <location filename="../../ui/pages/sync_page.py" line="198"/>
        <source>{when}  失败（{code}）</source>
        <translation>{when}  failed ({code})</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="150"/>
        <source>同步</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="151"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="168"/>
        <source>上传</source>
        <translation>Upload</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="186"/>
        <source>已取消：已上传的批次已保存，其余下次同步时继续。</source>
        <translation>Cancelled: batches already sent are kept; the rest goes at the next sync.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="191"/>
        <source>同步完成。</source>
        <translation>Sync finished.</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="207"/>
        <source>上传：{rows} 行，{batches} 批，照片与扫描件 {blobs} 个</source>
        <translation>Up: {rows} rows in {batches} batches, {blobs} photos and scans</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="210"/>
        <source>下载：区里的决定 {n} 条</source>
        <translation>Down: {n} decisions from the district</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="211"/>
        <source>新冲突：{n} 条；被拒的门禁卡：{c} 张</source>
        <translation>New conflicts: {n}; cards refused: {c}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="213"/>
        <source>仍待上传：{n} 条</source>
        <translation>Still to upload: {n}</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="86"/>
        <source>区数据库未接收的记录（修改后会重新发送）</source>
        <translation>Rows the district did not take (sent again once corrected)</translation>
    </message>
    <message>
        <location filename="../../ui/pages/sync_page.py" line="214"/>
        <source>区数据库未接收：{n} 条（见下方列表）</source>
        <translation>Not taken by the district: {n} (see the list below)</translation>
    </message>
</context>
<context>
    <name>TenantDialog</name>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="39"/>
        <source>租户：{name}</source>
        <translation>Tenant: {name}</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="40"/>
        <source>无照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="46"/>
        <source>卡号 / 事件</source>
        <translation>Card / event</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="46"/>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="46"/>
        <source>时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="47"/>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="53"/>
        <source>补卡：刷新卡</source>
        <translation>Replacement: swipe the new card</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="57"/>
        <location filename="../../ui/dialogs/tenant.py" line="126"/>
        <source>挂失</source>
        <translation>Report lost</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="58"/>
        <location filename="../../ui/dialogs/tenant.py" line="126"/>
        <source>补卡</source>
        <translation>Replace</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="59"/>
        <source>注销…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="60"/>
        <location filename="../../ui/dialogs/tenant.py" line="127"/>
        <location filename="../../ui/dialogs/tenant.py" line="225"/>
        <source>退卡</source>
        <translation>Card returned</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="61"/>
        <source>迁出…</source>
        <translation>Move out…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="62"/>
        <source>更换照片…</source>
        <translation>Replace photo…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="63"/>
        <source>打印采集表…</source>
        <translation>Print the collection form…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="79"/>
        <source>门禁卡及记录</source>
        <translation>Cards and their history</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="110"/>
        <source>男</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="110"/>
        <source>女</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="112"/>
        <source>证件号码</source>
        <translation>ID number</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="112"/>
        <source>性别</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="113"/>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="114"/>
        <source>民族</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="114"/>
        <source>电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="115"/>
        <source>工作单位</source>
        <translation>Employer</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="116"/>
        <source>现住</source>
        <translation>Lives at</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="117"/>
        <source>已迁出</source>
        <translation>Moved out</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="118"/>
        <source>采集时间</source>
        <translation>Collected</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="119"/>
        <source>送达工作站</source>
        <translation>Delivered to workstation</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="120"/>
        <source>未送达</source>
        <translation>Not yet delivered</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="124"/>
        <source>有效</source>
        <translation>Active</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="124"/>
        <source>已挂失</source>
        <translation>Lost</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="125"/>
        <source>已注销</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="125"/>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="126"/>
        <source>发卡</source>
        <translation>Issued</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="127"/>
        <source>注销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="191"/>
        <source>{name}（证件 {idno}）</source>
        <translation>{name} (ID {idno})</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="198"/>
        <source>挂失门禁卡</source>
        <translation>Report card lost</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="199"/>
        <source>将 {who} 的门禁卡 {number} 挂失？
挂失后此卡号永久停用，不能恢复；之后可刷新卡补卡。</source>
        <translation>Report card {number} of {who} lost?
The number is blocked for good; swipe a new card afterwards to replace it.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="201"/>
        <source>确认挂失(&amp;Y)</source>
        <translation>&amp;Yes, report lost</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="206"/>
        <source>门禁卡 {number} 已挂失。刷新卡可补卡。</source>
        <translation>Card {number} reported lost. Swipe a new card to replace it.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="211"/>
        <source>已补卡：{number}，原卡永久停用。</source>
        <translation>Replacement issued: {number}; the old card is blocked for good.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="214"/>
        <source>注销门禁卡</source>
        <translation>Revoke the card</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="215"/>
        <source>注销 {who} 的门禁卡 {number}？
注销后此卡号永久停用。</source>
        <translation>Revoke card {number} of {who}?
A revoked number is blocked for good.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="217"/>
        <source>确认注销(&amp;Y)</source>
        <translation>&amp;Yes, revoke</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="217"/>
        <location filename="../../ui/dialogs/tenant.py" line="241"/>
        <source>原因（必填）</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="222"/>
        <source>门禁卡 {number} 已注销。</source>
        <translation>Card {number} revoked.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="226"/>
        <source>收回 {who} 的门禁卡 {number}？
退卡后此卡停用。</source>
        <translation>Take back card {number} from {who}?
The returned card stops working.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="228"/>
        <source>确认退卡(&amp;Y)</source>
        <translation>&amp;Yes, return card</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="233"/>
        <source>门禁卡 {number} 已退回。</source>
        <translation>Card {number} returned.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="238"/>
        <location filename="../../ui/dialogs/tenant.py" line="242"/>
        <source>迁出</source>
        <translation>Move out</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="239"/>
        <source>为 {who} 办理迁出（{where}）？
其门禁卡 {number} 将同时停用。</source>
        <translation>Move {who} out of {where}?
Their card {number} stops working too.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="241"/>
        <source>确认迁出(&amp;Y)</source>
        <translation>&amp;Yes, move out</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="247"/>
        <source>已迁出，门禁卡 {number} 已停用。</source>
        <translation>Moved out; card {number} stopped.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="258"/>
        <source>照片已更新。</source>
        <translation>Photo updated.</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="64"/>
        <source>查看完整号码…</source>
        <translation>Show full number…</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="176"/>
        <source>查看完整号码</source>
        <translation>Show full number</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="183"/>
        <source>证件号码：{idno}&#x3000;电话：{phone}（已记录查看原因）</source>
        <translation>ID number: {idno}  Phone: {phone} (reason logged)</translation>
    </message>
    <message>
        <location filename="../../ui/dialogs/tenant.py" line="176"/>
        <source>原因（必填）：</source>
        <translation>Reason (required):</translation>
    </message>
</context>
<context>
    <name>UnitPicker</name>
    <message>
        <location filename="../../ui/panels/unit_picker.py" line="63"/>
        <source>{unit}（上限未核定）</source>
        <translation>{unit} (cap unknown)</translation>
    </message>
    <message>
        <location filename="../../ui/panels/unit_picker.py" line="65"/>
        <source>{unit}（已住满 {n}/{cap}）</source>
        <translation>{unit} (full {n}/{cap})</translation>
    </message>
    <message>
        <location filename="../../ui/panels/unit_picker.py" line="67"/>
        <source>{unit}（空 {free} 人）</source>
        <translation>{unit} ({free} free)</translation>
    </message>
</context>
<context>
    <name>busy</name>
    <message>
        <location filename="../../ui/busy.py" line="39"/>
        <source>数据库正忙：另一个程序（同步、导入或备份）正在写入，正在等待……</source>
        <translation>Database busy: another program (sync, import or backup) is writing; waiting…</translation>
    </message>
</context>
<context>
    <name>doors</name>
    <message>
        <location filename="../../ui/panels/door_state.py" line="16"/>
        <source>门禁：本楼栋没有联网门禁控制器。</source>
        <translation>Door: this building has no networked controller.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="17"/>
        <source>门禁：等待写入门禁（{n} 项）。</source>
        <translation>Door: waiting to be written to the door ({n} jobs).</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="18"/>
        <source>门禁：控制器暂未连通，卡尚未写入，系统会自动重试。</source>
        <translation>Door: the controller is not answering; the card is not on the door yet. Retried automatically.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="19"/>
        <source>门禁：已写入门禁，可以开门。</source>
        <translation>Door: on the door, it opens.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="20"/>
        <source>门禁：已从门禁删除。</source>
        <translation>Door: removed from the door.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="21"/>
        <source>门禁：该卡已停用，正在从门禁删除。</source>
        <translation>Door: card ended, being removed from the door.</translation>
    </message>
    <message>
        <location filename="../../ui/panels/door_state.py" line="22"/>
        <source>门禁：该卡已停用，但控制器未连通，仍可能开门；系统会自动重试。</source>
        <translation>Door: card ended but the controller is not answering: it may still open the door. Retried automatically.</translation>
    </message>
</context>
<context>
    <name>notify</name>
    <message>
        <location filename="../../ui/notify.py" line="25"/>
        <source>操作失败（{kind}）。请重试，或联系管理员。</source>
        <translation>The operation failed ({kind}). Try again or call the administrator.</translation>
    </message>
    <message>
        <location filename="../../ui/notify.py" line="41"/>
        <source>未能完成</source>
        <translation>Not done</translation>
    </message>
</context>
<context>
    <name>print_form</name>
    <message>
        <location filename="../../ui/printing/collection_form.py" line="30"/>
        <source>租住人员信息采集表</source>
        <translation>Tenant information collection form</translation>
    </message>
</context>
<context>
    <name>progress</name>
    <message>
        <location filename="../../ui/progress.py" line="24"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
