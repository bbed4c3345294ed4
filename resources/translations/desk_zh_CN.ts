<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../ui/alerts.py" line="77" />
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="84" />
        <source>Latest alert</source>
        <translation>最新提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="85" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="86" />
        <source>Mute this case</source>
        <translation>静音此案例</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="87" />
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="88" />
        <location filename="../../ui/alerts.py" line="89" />
        <source>Recent alerts</source>
        <translation>最近提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="122" />
        <source>No new alerts</source>
        <translation>暂无新提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="144" />
        <source>%1  %2 (%3) %4</source>
        <translation>%1  %2(%3)%4</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="153" />
        <source>No alerts yet</source>
        <translation>尚无提醒</translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <location filename="../../ui/alerts.py" line="207" />
        <source>%1 (%2, %3) is now %4</source>
        <translation>%1(%2,%3)现在%4</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="212" />
        <source>%1 cases need attention: %2 breached, %3 at risk</source>
        <translation>%1 个案例需要处理:%2 个已超时,%3 个有风险</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="219" />
        <source>The desk</source>
        <translation>服务台</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="70" />
        <source>(read-only)</source>
        <translation>(只读)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="133" />
        <source>Open or create a desk database</source>
        <translation>打开或新建服务台数据库</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="135" />
        <source>Desk databases (*.sqlite *.db);;All files (*)</source>
        <translation>服务台数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="153" />
        <source>The desk cannot start</source>
        <translation>服务台无法启动</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="172" />
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/booking_dialog.py" line="39" />
        <source>Book quota for %1</source>
        <translation>为 %1 预订配额</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="58" />
        <source>Needed only to book beyond the entitlement</source>
        <translation>仅在超出权益预订时需要</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="64" />
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="65" />
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="66" />
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="67" />
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="68" />
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="69" />
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="70" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="71" />
        <source>Override reason</source>
        <translation>超额原因</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="75" />
        <source>Book</source>
        <translation>预订</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="115" />
        <source>Give an override reason to book anyway.</source>
        <translation>如仍要预订,请填写超额原因。</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <location filename="../../ui/detail_panel.py" line="47" />
        <location filename="../../ui/detail_panel.py" line="171" />
        <source>No case selected</source>
        <translation>未选择案例</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="56" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="57" />
        <source>Tier / contract</source>
        <translation>等级 / 合同</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="58" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="59" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="60" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="61" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="62" />
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="63" />
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="64" />
        <source>Product / third party</source>
        <translation>产品 / 第三方</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="77" />
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="78" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="79" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="80" />
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="81" />
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="82" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="89" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="91" />
        <location filename="../../ui/detail_panel.py" line="213" />
        <source>Record first response</source>
        <translation>记录首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="92" />
        <source>Waiting on customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="93" />
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="94" />
        <source>Closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="101" />
        <source>Reason for the re-grade</source>
        <translation>调整严重性的原因</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="102" />
        <source>Re-grade</source>
        <translation>调整严重性</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="107" />
        <source>Agent name</source>
        <translation>处理人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="108" />
        <source>Assign</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="109" />
        <source>Assign to</source>
        <translation>分派给</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="113" />
        <source>Note (or the response's text)</source>
        <translation>备注(或响应内容)</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="114" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="115" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="122" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="122" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="122" />
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="122" />
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="122" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="131" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="184" />
        <source>no contract</source>
        <translation>无合同</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="189" />
        <source> (opened as %1)</source>
        <translation>(创建时为 %1)</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="194" />
        <source>unassigned</source>
        <translation>未分派</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="213" />
        <source>Record response</source>
        <translation>记录响应</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../ui/customer_panel.py" line="80" />
        <location filename="../../ui/customer_panel.py" line="134" />
        <source>No customer selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="88" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="89" />
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="90" />
        <source>Technical contact</source>
        <translation>技术接口人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="91" />
        <source>Ops contact</source>
        <translation>运维联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="92" />
        <source>Business goals</source>
        <translation>业务目标</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="108" />
        <source>Book quota…</source>
        <translation>预订配额…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="115" />
        <source>Quotas this contract year</source>
        <translation>本合同年配额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="141" />
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="141" />
        <source>not in force today</source>
        <translation>今日未生效</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="144" />
        <source>plan %1</source>
        <translation>计划版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="148" />
        <source>No contract</source>
        <translation>无合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="170" />
        <source>not entitled</source>
        <translation>无此权益</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../ui/handover/dialog.py" line="45" />
        <source>%1 (%2): at risk or breached, no owner</source>
        <translation>%1(%2):有风险或已超时,无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="46" />
        <source>%1 (%2): at risk or breached, no next action</source>
        <translation>%1(%2):有风险或已超时,无下一步行动</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="47" />
        <source>%1 (%2): S1 not verbally briefed</source>
        <translation>%1(%2):S1 未口头交接</translation>
    </message>
</context>
<context>
    <name>HandoverCasesModel</name>
    <message>
        <location filename="../../ui/handover/models.py" line="56" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="56" />
        <source>Sev</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="56" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="56" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="56" />
        <source>SLA</source>
        <translation>SLA</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="57" />
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="57" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="57" />
        <source>Next action</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="57" />
        <source>Handover note</source>
        <translation>交接备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="57" />
        <source>Briefed</source>
        <translation>已口头交接</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <location filename="../../ui/handover/dialog.py" line="61" />
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="73" />
        <source>Start shift</source>
        <translation>开始班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="74" />
        <location filename="../../ui/handover/dialog.py" line="85" />
        <source>Incoming agent</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="75" />
        <source>Hours</source>
        <translation>小时</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="102" />
        <source>Free-form notes for the next shift</source>
        <translation>给下一班的备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="110" />
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="111" />
        <source>Check readiness</source>
        <translation>检查交接准备</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="112" />
        <source>Generate report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="113" />
        <location filename="../../ui/handover/dialog.py" line="236" />
        <source>Sign</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="114" />
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="115" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="116" />
        <source>End shift now</source>
        <translation>立即结束班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="166" />
        <source>%1 → %2, %3 – %4</source>
        <translation>%1 → %2,%3 – %4</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="185" />
        <source>Revision %1 is signed: it cannot be edited; a correction issues a new revision.</source>
        <translation>版本 %1 已签字,不可编辑;更正会生成新版本。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="234" />
        <source>Ready: nothing for a lead to catch</source>
        <translation>准备就绪:没有需要组长关注的问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="236" />
        <source>Sign with %n open point(s)</source>
        <translation>
            <numerusform>签字(仍有 %n 个待处理问题)</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="250" />
        <source>Revision %1 frozen, SHA-256 %2</source>
        <translation>版本 %1 已冻结,SHA-256 %2</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="278" />
        <source>Correct a signed handover</source>
        <translation>更正已签字的交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="278" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="294" />
        <source>Export handover</source>
        <translation>导出交接报告</translation>
    </message>
</context>
<context>
    <name>HandoverReviewWidget</name>
    <message>
        <location filename="../../ui/handover/review.py" line="40" />
        <source>Handover review</source>
        <translation>交接审阅</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="47" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="48" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="52" />
        <source>Unsigned</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="53" />
        <source>Unacknowledged</source>
        <translation>未确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="54" />
        <source>Latest revisions only</source>
        <translation>仅最新版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="55" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="71" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="78" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="79" />
        <source>Since the previous shift</source>
        <translation>与上一班相比</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="134" />
        <source>%1 (signed)</source>
        <translation>%1(已签字)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="134" />
        <source>%1 (draft)</source>
        <translation>%1(草稿)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="140" />
        <source>Intact (SHA-256 %1)</source>
        <translation>完整(SHA-256 %1)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="142" />
        <source>DAMAGED: %1</source>
        <translation>已损坏:%1</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="156" />
        <source>Compared with %1's shift, revision %2</source>
        <translation>与 %1 的班次(版本 %2)相比</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="163" />
        <source>New cases</source>
        <translation>新增案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="164" />
        <source>Gone (no longer open)</source>
        <translation>已移出(不再未结)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="165" />
        <source>Breached since</source>
        <translation>此后超时</translation>
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../ui/help_dialog.py" line="15" />
        <source>How the desk counts</source>
        <translation>服务台如何计时</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/text.py" line="14" />
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="15" />
        <source>pending</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="16" />
        <source>on track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="17" />
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="18" />
        <source>breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="19" />
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="20" />
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="21" />
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="28" />
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="29" />
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="30" />
        <source>waiting on customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="31" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="32" />
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="39" />
        <source>No contract in force: the case has no contractual target.</source>
        <translation>无生效合同:此案例没有合同约定的响应目标。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="42" />
        <source>This tier commits to no response time (no contractual target).</source>
        <translation>该等级不承诺响应时间(无合同目标)。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="45" />
        <source>The tier has no such severity: the tier's best target applies.</source>
        <translation>该等级没有此严重性:按该等级最快的响应目标计时。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="48" />
        <source>The tier is not entitled to this channel.</source>
        <translation>该等级无权使用此渠道。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="49" />
        <source>Third-party software is out of scope for this tier.</source>
        <translation>第三方软件不在该等级的服务范围内。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="58" />
        <source>The tier is not entitled to this quota.</source>
        <translation>该等级没有此配额。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="59" />
        <source>Over the quota of this contract year.</source>
        <translation>超出本合同年的配额。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="60" />
        <source>Longer than the catalog allows.</source>
        <translation>超出目录允许的时长。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="61" />
        <source>Outside the contract's dates.</source>
        <translation>超出合同期限。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="62" />
        <source>The end is before the start.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="63" />
        <source>At least one person.</source>
        <translation>至少一人。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="64" />
        <source>Training needs a course.</source>
        <translation>培训需要填写课程。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="65" />
        <source>Unknown quota kind.</source>
        <translation>未知的配额类型。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="72" />
        <source>opened</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="73" />
        <source>re-graded</source>
        <translation>调整严重性</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="74" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="75" />
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="76" />
        <source>assigned</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="77" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="78" />
        <source>field changed</source>
        <translation>字段变更</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="88" />
        <source>%1 overdue</source>
        <translation>%1 已超时</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="90" />
        <source>paused, %1 left</source>
        <translation>已暂停,剩余 %1</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="102" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="102" />
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="72" />
        <source>The desk — %1</source>
        <translation>服务台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="85" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="86" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="122" />
        <source>Loading the open cases…</source>
        <translation>正在加载未结案例…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="150" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="151" />
        <source>&amp;Case</source>
        <translation>案例(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="152" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="153" />
        <source>C&amp;ustomer</source>
        <translation>客户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="154" />
        <source>&amp;Handover</source>
        <translation>交接(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="155" />
        <source>He&amp;lp</source>
        <translation>帮助(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="157" />
        <source>&amp;New case…</source>
        <translation>新建案例(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="158" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="159" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="161" />
        <source>&amp;Open selected case</source>
        <translation>打开所选案例(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="163" />
        <source>Record &amp;response</source>
        <translation>记录响应(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="164" />
        <source>Re-&amp;grade…</source>
        <translation>调整严重性(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="165" />
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="166" />
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="167" />
        <source>Next &amp;breach</source>
        <translation>下一个超时(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="168" />
        <source>&amp;Previous breach</source>
        <translation>上一个超时(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="169" />
        <source>&amp;Mute alerts for this case</source>
        <translation>静音此案例的提醒(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="170" />
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="171" />
        <source>&amp;My cases</source>
        <translation>我的案例(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="172" />
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="174" />
        <source>&amp;Default order (breaching next)</source>
        <translation>默认排序(即将超时优先)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="176" />
        <source>Show &amp;customer</source>
        <translation>显示客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="177" />
        <source>&amp;Book quota…</source>
        <translation>预订配额(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="179" />
        <source>How the desk &amp;counts…</source>
        <translation>服务台如何计时(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="220" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="33" />
        <source>New case</source>
        <translation>新建案例</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="40" />
        <source>Customer id or name</source>
        <translation>客户编号或名称</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="61" />
        <source>Concerns third-party software</source>
        <translation>涉及第三方软件</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="73" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="75" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="76" />
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="77" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="78" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="80" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="82" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="83" />
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="87" />
        <source>Open case</source>
        <translation>创建案例</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="120" />
        <source>Unknown customer</source>
        <translation>未知客户</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_model.py" line="65" />
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="66" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="67" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="68" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="69" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="70" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="71" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="72" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="73" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/queue_model.py" line="74" />
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue_panel.py" line="44" />
        <source>Search id, customer, title</source>
        <translation>搜索编号、客户、标题</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="45" />
        <source>Search the queue</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="46" />
        <source>My cases</source>
        <translation>我的案例</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="48" />
        <source>All severities</source>
        <translation>全部严重性</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="52" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="53" />
        <source>At risk or breached</source>
        <translation>有风险或已超时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="57" />
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="142" />
        <source>%n open case(s)</source>
        <translation>
            <numerusform>%n 个未结案例</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="144" />
        <source>%1 of %n open case(s)</source>
        <translation>
            <numerusform>%1 / %n 个未结案例</numerusform></translation>
    </message>
</context>
<context>
    <name>QuotaTracker</name>
    <message>
        <location filename="../../ui/customer_panel.py" line="48" />
        <source>%1 of %2 used</source>
        <translation>已用 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="50" />
        <source>Contract year %1 – %2; resets in %3 days</source>
        <translation>合同年 %1 – %2;%3 天后重置</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="60" />
        <source>(%1 persons)</source>
        <translation>(%1 人)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="62" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="64" />
        <source>override: %1</source>
        <translation>超额:%1</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="66" />
        <source>No bookings this contract year</source>
        <translation>本合同年无预订</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../ui/handover/models.py" line="143" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="143" />
        <source>Outgoing</source>
        <translation>交班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="143" />
        <source>Incoming</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="143" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="143" />
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="144" />
        <source>Acknowledged</source>
        <translation>已确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="168" />
        <source> (superseded)</source>
        <translation>(已被取代)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="170" />
        <source>not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="173" />
        <source>not acknowledged</source>
        <translation>未确认接收</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="14" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="17" />
        <source>sqlite:///path/desk.sqlite or postgresql+psycopg://host/desk</source>
        <translation>sqlite:///路径/desk.sqlite 或 postgresql+psycopg://主机/desk</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="19" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="26" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="27" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="28" />
        <source>My agent name</source>
        <translation>我的处理人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="30" />
        <source>Language and name apply at once; a new database when the desk starts again.</source>
        <translation>语言和姓名立即生效;新数据库在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>StartupProblem</name>
    <message>
        <location filename="../../ui/startup.py" line="37" />
        <source>The desk cannot open its database</source>
        <translation>服务台无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="51" />
        <source>Backups of this database (newest first):</source>
        <translation>此数据库的备份(最新在前):</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="55" />
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="58" />
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="60" />
        <source>Choose another file…</source>
        <translation>选择其他文件…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="61" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
</TS>