<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../ui/about_dialog.py" line="15" />
        <source>About the desk</source>
        <translation>关于服务台</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="17" />
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="18" />
        <source>PostgreSQL server</source>
        <translation>PostgreSQL 服务器</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="18" />
        <source>SQLite file</source>
        <translation>SQLite 文件</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="19" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="21" />
        <source>none yet</source>
        <translation>尚无</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="23" />
        <source>%1 (current)</source>
        <translation>%1(最新)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="26" />
        <source>%1 (this desk writes %2)</source>
        <translation>%1(本服务台写入 %2)</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="28" />
        <source>Schema revision</source>
        <translation>数据库结构版本</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="30" />
        <source>%1: version %2, in effect from %3</source>
        <translation>%1:版本 %2,自 %3 起生效</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="36" />
        <source>Support plans loaded</source>
        <translation>已加载的服务计划</translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="38" />
        <source>The server's own backups (the desk backs up SQLite files only).</source>
        <translation>由服务器自行备份(服务台只备份 SQLite 文件)。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/about_dialog.py" line="40" />
        <source>%n backup(s) of this database there</source>
        <translation>
            <numerusform>其中有此数据库的 %n 个备份</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/about_dialog.py" line="41" />
        <source>Backups</source>
        <translation>备份</translation>
    </message>
</context>
<context>
    <name>AlertBanner</name>
    <message>
        <location filename="../../ui/alerts.py" line="79" />
        <source>Alerts</source>
        <translation>提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="86" />
        <source>Latest alert</source>
        <translation>最新提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="87" />
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="88" />
        <source>Mute this case</source>
        <translation>静音此案例</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="89" />
        <source>Dismiss</source>
        <translation>关闭提示</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="90" />
        <location filename="../../ui/alerts.py" line="91" />
        <source>Recent alerts</source>
        <translation>最近提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="125" />
        <source>No new alerts</source>
        <translation>暂无新提醒</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="151" />
        <source>%1  %2 (%3) %4</source>
        <translation>%1  %2(%3)%4</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="155" />
        <source>No alerts yet</source>
        <translation>尚无提醒</translation>
    </message>
</context>
<context>
    <name>AlertCenter</name>
    <message>
        <location filename="../../ui/alerts.py" line="208" />
        <source>%1 (%2, %3) is now %4</source>
        <translation>%1(%2,%3)现在%4</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="213" />
        <source>%1 cases turned just now: %2 breached, %3 at risk</source>
        <translation>刚刚有 %1 个案例状态变化:%2 个已超时,%3 个有风险</translation>
    </message>
    <message>
        <location filename="../../ui/alerts.py" line="220" />
        <source>The desk</source>
        <translation>服务台</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="113" />
        <source>(read-only)</source>
        <translation>(只读)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="232" />
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="241" />
        <source>The desk cannot use this database</source>
        <translation>服务台无法使用此数据库</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="272" />
        <source>No system keyring on this computer (%1): the password is kept in %2, readable only by you.</source>
        <translation>本机没有可用的系统钥匙串(%1):密码保存在 %2 中,只有您本人可以读取。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="275" />
        <source>Password kept in a file</source>
        <translation>密码已保存到文件</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="367" />
        <source>Open or create a desk database</source>
        <translation>打开或新建服务台数据库</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="369" />
        <source>Desk databases (*.sqlite *.db);;All files (*)</source>
        <translation>服务台数据库 (*.sqlite *.db);;所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="387" />
        <source>The desk cannot start</source>
        <translation>服务台无法启动</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="415" />
        <source>Not restored</source>
        <translation>未恢复</translation>
    </message>
</context>
<context>
    <name>BackupStatus</name>
    <message>
        <location filename="../../ui/backup_task.py" line="69" />
        <source>Automatic backup</source>
        <translation>自动备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_task.py" line="84" />
        <source>Backing up… %1%</source>
        <translation>正在备份… %1%</translation>
    </message>
    <message>
        <location filename="../../ui/backup_task.py" line="91" />
        <source>Backed up</source>
        <translation>已备份</translation>
    </message>
    <message>
        <location filename="../../ui/backup_task.py" line="98" />
        <source>Today's automatic backup was not taken: %1</source>
        <translation>今天的自动备份未完成:%1</translation>
    </message>
</context>
<context>
    <name>BookingDialog</name>
    <message>
        <location filename="../../ui/booking_dialog.py" line="42" />
        <source>Book quota for %1</source>
        <translation>为 %1 预订配额</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="65" />
        <source>Needed only to book beyond the entitlement</source>
        <translation>仅在超出权益预订时需要</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="72" />
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="73" />
        <location filename="../../ui/booking_dialog.py" line="94" />
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="74" />
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="75" />
        <location filename="../../ui/booking_dialog.py" line="95" />
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="76" />
        <location filename="../../ui/booking_dialog.py" line="96" />
        <source>First day</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="77" />
        <location filename="../../ui/booking_dialog.py" line="97" />
        <source>Last day</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="78" />
        <location filename="../../ui/booking_dialog.py" line="98" />
        <source>Goals</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="79" />
        <location filename="../../ui/booking_dialog.py" line="99" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="80" />
        <location filename="../../ui/booking_dialog.py" line="100" />
        <source>Override reason</source>
        <translation>超额原因</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="84" />
        <source>Book</source>
        <translation>预订</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="93" />
        <source>Quota to book</source>
        <translation>要预订的配额</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="130" />
        <source>contract year %1 – %2</source>
        <translation>合同年 %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="134" />
        <source>Not included in %1: booking needs an override reason.</source>
        <translation>%1 不含此配额:预订需填写超额原因。</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="138" />
        <source>%1 per course; type the course to see what is left of it.</source>
        <translation>每门课程 %1;填写课程后显示其剩余。</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="143" />
        <source>Used up: %1 of %2 used in the %3; booking needs an override reason.</source>
        <translation>已用完:%3 已用 %1 / %2;预订需填写超额原因。</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="150" />
        <source>%1 of %2 left in the %3.</source>
        <translation>%3 剩余 %1 / %2。</translation>
    </message>
    <message>
        <location filename="../../ui/booking_dialog.py" line="183" />
        <source>Give an override reason to book anyway.</source>
        <translation>如仍要预订,请填写超额原因。</translation>
    </message>
</context>
<context>
    <name>BulkEntryBar</name>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="40" />
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="41" />
        <source>Owner for the selected cases</source>
        <translation>所选案例的负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="42" />
        <source>Set owner</source>
        <translation>设置负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="44" />
        <source>Next action</source>
        <translation>下一步行动</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="45" />
        <source>Next action for the selected cases</source>
        <translation>所选案例的下一步</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="46" />
        <source>Set next action</source>
        <translation>设置下一步</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="47" />
        <source>Mark briefed</source>
        <translation>标记为已口头交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="49" />
        <source>Set the owner of the selected cases</source>
        <translation>设置所选案例的负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="50" />
        <source>Set the next action of the selected cases</source>
        <translation>设置所选案例的下一步</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="51" />
        <source>Mark the selected cases as verbally briefed</source>
        <translation>将所选案例标记为已口头交接</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/shift_panel.py" line="69" />
        <source>%n case(s) selected:</source>
        <translation>
            <numerusform>已选 %n 个案例:</numerusform></translation>
    </message>
</context>
<context>
    <name>CancelBookingDialog</name>
    <message>
        <location filename="../../ui/quota_tracker.py" line="200" />
        <source>Cancel booking %1</source>
        <translation>取消预订 %1</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="211" />
        <source>Cancel booking %1 (%2, %3)? The quota it used is given back to its contract year.</source>
        <translation>取消预订 %1(%2,%3)?其占用的配额将退回所属合同年。</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="219" />
        <source>Reason for cancelling</source>
        <translation>取消原因</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="220" />
        <source>Why it is cancelled (kept in the booking's log)</source>
        <translation>为何取消(记入预订日志)</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="224" />
        <source>Cancel booking</source>
        <translation>取消预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="225" />
        <source>Confirm cancelling the booking</source>
        <translation>确认取消预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="226" />
        <source>Keep booking</source>
        <translation>保留预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="227" />
        <source>Keep the booking</source>
        <translation>保留此预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="235" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="244" />
        <source>Give a reason for cancelling.</source>
        <translation>请填写取消原因。</translation>
    </message>
</context>
<context>
    <name>CaseActionDialog</name>
    <message>
        <location filename="../../ui/case_dialogs.py" line="79" />
        <source>Ctrl+Enter: %1</source>
        <translation>Ctrl+Enter:%1</translation>
    </message>
</context>
<context>
    <name>CaseActions</name>
    <message>
        <location filename="../../ui/case_actions.py" line="36" />
        <source>Actions</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="43" />
        <location filename="../../ui/case_actions.py" line="113" />
        <source>Record first response…</source>
        <translation>记录首次响应…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="44" />
        <source>Waiting on customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="45" />
        <source>Customer replied</source>
        <translation>客户已回复</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="46" />
        <source>Resolve…</source>
        <translation>解决…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="47" />
        <source>Close…</source>
        <translation>关闭…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="48" />
        <source>Reopen…</source>
        <translation>重新打开…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="50" />
        <source>New severity</source>
        <translation>新严重性</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="52" />
        <location filename="../../ui/case_actions.py" line="53" />
        <source>Reason for the re-grade</source>
        <translation>调整严重性的原因</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="54" />
        <source>Re-grade…</source>
        <translation>调整严重性…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="59" />
        <source>Agent name</source>
        <translation>处理人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="60" />
        <location filename="../../ui/case_actions.py" line="63" />
        <source>Assign to</source>
        <translation>分派给</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="62" />
        <source>Assign</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="67" />
        <source>Note (or the response's text)</source>
        <translation>备注(或响应内容)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="68" />
        <location filename="../../ui/case_actions.py" line="70" />
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="69" />
        <source>Add note</source>
        <translation>添加备注</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="113" />
        <source>Record response…</source>
        <translation>记录响应…</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="136" />
        <source>No case selected.</source>
        <translation>未选择案例。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="140" />
        <source>Only a resolved or closed case can be reopened.</source>
        <translation>只有已解决或已关闭的案例可以重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="144" />
        <source>The case is %1: reopen it first.</source>
        <translation>该案例%1:请先重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="147" />
        <source>Waiting on the customer: use “Customer replied” when they answer (a response now starts no clock).</source>
        <translation>正在等待客户:客户答复后请使用“客户已回复”(此时记录响应不会启动任何时钟)。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="150" />
        <source>The case is waiting on the customer already.</source>
        <translation>该案例已在等待客户。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="152" />
        <source>Only for a case waiting on the customer.</source>
        <translation>仅适用于等待客户的案例。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="175" />
        <source>%1 is %2 already: choose the new severity first.</source>
        <translation>%1 已是 %2:请先选择新的严重性。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="226" />
        <source>Record the first response</source>
        <translation>记录首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="226" />
        <source>Record a response</source>
        <translation>记录响应</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="229" />
        <source>The case moves to in progress.</source>
        <translation>案例将转为处理中。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="230" />
        <source>A response is part of the case's record and cannot be undone.</source>
        <translation>响应会记入案例记录,无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="232" />
        <source>&amp;Record response</source>
        <translation>记录响应(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="233" />
        <source>What you told the customer</source>
        <translation>您告诉客户的内容</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="271" />
        <source>The case leaves the queue; it can only be brought back by reopening it, with a reason.</source>
        <translation>案例将离开队列;只能通过填写原因重新打开来恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="274" />
        <source>Resolve the case</source>
        <translation>解决案例</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="274" />
        <source>Re&amp;solve</source>
        <translation>解决(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="276" />
        <source>Close the case</source>
        <translation>关闭案例</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="276" />
        <source>C&amp;lose</source>
        <translation>关闭(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="279" />
        <source>Resolution note (required)</source>
        <translation>解决说明(必填)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="279" />
        <source>What was done, and the outcome</source>
        <translation>做了什么,结果如何</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="294" />
        <source>The case goes back in the queue, in progress.</source>
        <translation>案例将回到队列,状态为处理中。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="296" />
        <source>Reopen the case</source>
        <translation>重新打开案例</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="296" />
        <source>Re&amp;open</source>
        <translation>重新打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="297" />
        <source>Why it is reopened (required)</source>
        <translation>重新打开的原因(必填)</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="318" />
        <source>A re-grade needs a reason: type it before re-grading.</source>
        <translation>调整严重性需要原因:请先填写原因。</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="328" />
        <source>Severity: %1 → %2</source>
        <translation>严重性:%1 → %2</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="332" />
        <source>Reason: %1</source>
        <translation>原因:%1</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="335" />
        <source>Re-grade the case</source>
        <translation>调整案例严重性</translation>
    </message>
    <message>
        <location filename="../../ui/case_actions.py" line="335" />
        <source>&amp;Re-grade</source>
        <translation>调整严重性(&amp;R)</translation>
    </message>
</context>
<context>
    <name>CaseDetailPanel</name>
    <message>
        <location filename="../../ui/detail_panel.py" line="84" />
        <location filename="../../ui/detail_panel.py" line="274" />
        <source>No case selected</source>
        <translation>未选择案例</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="90" />
        <source>Why this case is not in the queue</source>
        <translation>此案例为何不在队列中</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="94" />
        <source>Conflict on this case</source>
        <translation>此案例的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="95" />
        <source>Resolve conflict…</source>
        <translation>解决冲突…</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="96" />
        <source>Resolve this case's conflict</source>
        <translation>解决此案例的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="109" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="110" />
        <source>Tier / contract</source>
        <translation>等级 / 合同</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="111" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="112" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="113" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="114" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="116" />
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="117" />
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="142" />
        <source>Clocks</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="287" />
        <source>%1: this case is not in the queue. Reopen it (with a reason) to work on it again.</source>
        <translation>%1:此案例不在队列中。如需继续处理,请填写原因重新打开。</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="292" />
        <source>Hidden by the queue's filter: it stays here until you choose another case; its actions still apply.</source>
        <translation>已被队列筛选隐藏:在您选择其他案例前它会保留在此处,操作仍作用于此案例。</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="115" />
        <source>Product / third party</source>
        <translation>产品 / 第三方</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="74" />
        <source>Case details</source>
        <translation>案例详情</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="129" />
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="130" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="131" />
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="132" />
        <source>Due</source>
        <translation>截止</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="133" />
        <source>Remaining</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="134" />
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="155" />
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="239" />
        <source>no contract</source>
        <translation>无合同</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="244" />
        <source> (opened as %1)</source>
        <translation>(创建时为 %1)</translation>
    </message>
    <message>
        <location filename="../../ui/detail_panel.py" line="249" />
        <source>unassigned</source>
        <translation>未分派</translation>
    </message>
</context>
<context>
    <name>CaseEffects</name>
    <message>
        <location filename="../../ui/case_effects.py" line="28" />
        <source>due %1, %2</source>
        <translation>截止 %1,%2</translation>
    </message>
    <message>
        <location filename="../../ui/case_effects.py" line="46" />
        <source>Stops “%1” (%2).</source>
        <translation>停止“%1”(%2)。</translation>
    </message>
    <message>
        <location filename="../../ui/case_effects.py" line="51" />
        <source>Starts “%1”.</source>
        <translation>启动“%1”。</translation>
    </message>
    <message>
        <location filename="../../ui/case_effects.py" line="54" />
        <source>Starts “%1” again, with a fresh target.</source>
        <translation>重新启动“%1”,目标重新计算。</translation>
    </message>
    <message>
        <location filename="../../ui/case_effects.py" line="64" />
        <source>%1: %2 → %3</source>
        <translation>%1:%2 → %3</translation>
    </message>
    <message>
        <location filename="../../ui/case_effects.py" line="72" />
        <source>No deadline moves (a lower severity never extends a running deadline).</source>
        <translation>截止时间不变(降低严重性绝不会延长进行中的截止时间)。</translation>
    </message>
</context>
<context>
    <name>CaseTimeline</name>
    <message>
        <location filename="../../ui/timeline.py" line="33" />
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="33" />
        <source>Who</source>
        <translation>操作人</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="33" />
        <source>What</source>
        <translation>事件</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="33" />
        <source>Change</source>
        <translation>变更</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="33" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/timeline.py" line="34" />
        <source>Case history</source>
        <translation>案例历史</translation>
    </message>
</context>
<context>
    <name>ConflictMarks</name>
    <message>
        <location filename="../../ui/conflict_marks.py" line="24" />
        <source>nobody</source>
        <translation>无人</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_marks.py" line="31" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_marks.py" line="32" />
        <source>assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_marks.py" line="36" />
        <source>you</source>
        <translation>您</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_marks.py" line="38" />
        <source>%1 (%2)</source>
        <translation>%1(%2)</translation>
    </message>
    <message>
        <location filename="../../ui/conflict_marks.py" line="42" />
        <source>Conflict: %1 %2 / %3</source>
        <translation>冲突:%1 %2 / %3</translation>
    </message>
</context>
<context>
    <name>ConflictsDialog</name>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="50" />
        <location filename="../../ui/replica_conflicts.py" line="66" />
        <source>Conflicts to resolve</source>
        <translation>待解决的冲突</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="63" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="63" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="63" />
        <source>The case shows</source>
        <translation>案例当前显示</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="73" />
        <source>Keep mine</source>
        <translation>保留我的</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="75" />
        <source>Keep theirs</source>
        <translation>保留对方的</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="56" />
        <source>Two agents gave these fields different values while their desks were apart; yours is under "Mine". The case shows the later change until one of you chooses: the choice is kept for the whole team.</source>
        <translation>两位客服在各自 desk 断开期间给这些字段设置了不同的值;您的值在“我的”一栏。在你们其中一人做出选择之前,案例显示较晚的那次更改:选择会对整个团队生效。</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="63" />
        <source>Mine</source>
        <translation>我的</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="63" />
        <source>Theirs</source>
        <translation>对方的</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="74" />
        <source>Keep my value</source>
        <translation>保留我的值</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="76" />
        <source>Keep the other agent's value</source>
        <translation>保留对方客服的值</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="117" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="117" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="118" />
        <source>Whole record</source>
        <translation>整条记录</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="124" />
        <source>(nobody)</source>
        <translation>(无人)</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="137" />
        <source>%1 (%2, %3)</source>
        <translation>%1(%2,%3)</translation>
    </message>
    <message>
        <location filename="../../ui/replica_conflicts.py" line="153" />
        <source>Not resolved</source>
        <translation>未解决</translation>
    </message>
</context>
<context>
    <name>ConnectingWindow</name>
    <message>
        <location filename="../../ui/connecting.py" line="68" />
        <source>The desk</source>
        <translation>服务台</translation>
    </message>
    <message>
        <location filename="../../ui/connecting.py" line="70" />
        <source>Connecting to the team server %1…</source>
        <translation>正在连接团队服务器 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/connecting.py" line="72" />
        <source>Connecting to the team server</source>
        <translation>正在连接团队服务器</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <location filename="../../ui/customer_forms.py" line="225" />
        <source>New contract period for %1</source>
        <translation>为 %1 新增合同期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="226" />
        <source>Renew the contract of %1</source>
        <translation>为 %1 续约</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="227" />
        <source>Change the tier of %1</source>
        <translation>变更 %1 的级别</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="241" />
        <source>Current: %1, tier %2, %3 – %4</source>
        <translation>当前:%1,级别 %2,%3 – %4</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="251" />
        <location filename="../../ui/customer_forms.py" line="262" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="254" />
        <source>Change tier from</source>
        <translation>级别变更日期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="254" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="256" />
        <location filename="../../ui/customer_forms.py" line="264" />
        <source>End (inclusive)</source>
        <translation>结束(含当天)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="265" />
        <source>Catalog</source>
        <translation>服务目录</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="270" />
        <source>The current period ends the day before. Cases opened before keep the rules they opened under; cases opened from this day get the new tier.</source>
        <translation>当前合同期在前一天结束。之前创建的案例保留创建时的规则;从这一天起创建的案例使用新级别。</translation>
    </message>
</context>
<context>
    <name>CustomerDialog</name>
    <message>
        <location filename="../../ui/customer_forms.py" line="139" />
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="139" />
        <source>Edit customer</source>
        <translation>编辑客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="148" />
        <source>Customer id</source>
        <translation>客户编号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="149" />
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="150" />
        <source>Technical contact</source>
        <translation>技术接口人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="151" />
        <source>Operations contact</source>
        <translation>运维联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="152" />
        <source>Business goals</source>
        <translation>业务目标</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="166" />
        <source>Tier of the first contract</source>
        <translation>第一份合同的级别</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="167" />
        <source>Contract start</source>
        <translation>合同开始</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="168" />
        <location filename="../../ui/customer_forms.py" line="173" />
        <source>End (inclusive)</source>
        <translation>结束(含当天)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="170" />
        <source>First contract</source>
        <translation>第一份合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="171" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="172" />
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="174" />
        <source>Catalog</source>
        <translation>服务目录</translation>
    </message>
</context>
<context>
    <name>CustomerListDialog</name>
    <message>
        <location filename="../../ui/customer_list.py" line="120" />
        <location filename="../../ui/customer_list.py" line="128" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="123" />
        <source>Search name, id, contact, tier</source>
        <translation>搜索名称、编号、联系人、级别</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="125" />
        <source>Search customers</source>
        <translation>搜索客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="129" />
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="130" />
        <source>Open the customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="131" />
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="132" />
        <source>New customer</source>
        <translation>新建客户</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customer_list.py" line="181" />
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n 个客户</numerusform></translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message>
        <location filename="../../ui/customer_list.py" line="71" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="72" />
        <source>Id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="73" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="74" />
        <source>Contract period</source>
        <translation>合同期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="75" />
        <source>Days left</source>
        <translation>剩余天数</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="76" />
        <source>Open cases</source>
        <translation>未结案例</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="77" />
        <source>Quota use</source>
        <translation>配额使用</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="83" />
        <source>no contract in force</source>
        <translation>无生效合同</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/customer_list.py" line="84" />
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n 天</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="85" />
        <source>%1 · expiring</source>
        <translation>%1 · 即将到期</translation>
    </message>
    <message>
        <location filename="../../ui/customer_list.py" line="94" />
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
</context>
<context>
    <name>CustomerPanel</name>
    <message>
        <location filename="../../ui/customer_panel.py" line="80" />
        <source>Customer and entitlements</source>
        <translation>客户与权益</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="85" />
        <location filename="../../ui/customer_panel.py" line="179" />
        <source>No customer selected</source>
        <translation>未选择客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="93" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="94" />
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="95" />
        <source>Technical contact</source>
        <translation>技术接口人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="96" />
        <source>Ops contact</source>
        <translation>运维联系人</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="97" />
        <source>Business goals</source>
        <translation>业务目标</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="103" />
        <source>Entitlements of the tier</source>
        <translation>该等级的权益</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="115" />
        <source>Book quota…</source>
        <translation>预订配额…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="116" />
        <source>Book quota for this customer</source>
        <translation>为此客户预订配额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="128" />
        <source>Quotas this contract year</source>
        <translation>本合同年配额</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="190" />
        <source>in force</source>
        <translation>生效中</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="190" />
        <source>not in force today</source>
        <translation>今日未生效</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="193" />
        <source>plan %1</source>
        <translation>计划版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="197" />
        <source>No contract</source>
        <translation>无合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="239" />
        <source>Not included in %1: %2</source>
        <translation>%1 不含:%2</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="239" />
        <source>, </source>
        <translation>、</translation>
    </message>
    <message>
        <location filename="../../ui/customer_panel.py" line="274" />
        <source>Booking %1 cancelled; its quota is free again.</source>
        <translation>预订 %1 已取消,配额已退回。</translation>
    </message>
</context>
<context>
    <name>CustomerUpkeep</name>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="32" />
        <source>customer added</source>
        <translation>新增客户</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="33" />
        <source>customer changed</source>
        <translation>客户变更</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="34" />
        <source>contract added</source>
        <translation>新增合同</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="35" />
        <source>contract changed</source>
        <translation>合同变更</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="48" />
        <source>Edit customer…</source>
        <translation>编辑客户…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="49" />
        <source>New contract…</source>
        <translation>新合同…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="50" />
        <source>Renew…</source>
        <translation>续约…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="51" />
        <source>Change tier…</source>
        <translation>变更级别…</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="54" />
        <source>Customer history</source>
        <translation>客户历史</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="63" />
        <source>History</source>
        <translation>历史</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="90" />
        <source>%1 %2: %3 %4 %5</source>
        <translation>%1 %2:%3 %4 %5</translation>
    </message>
    <message>
        <location filename="../../ui/customer_upkeep.py" line="99" />
        <source>No changes recorded.</source>
        <translation>没有变更记录。</translation>
    </message>
</context>
<context>
    <name>Duration</name>
    <message>
        <location filename="../../ui/text.py" line="109" />
        <source>%1 s</source>
        <translation>%1秒</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="110" />
        <source>%1 min</source>
        <translation>%1分钟</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="111" />
        <source>%1 min %2 s</source>
        <translation>%1分%2秒</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="112" />
        <source>%1 h</source>
        <translation>%1小时</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="113" />
        <source>%1 h %2 min</source>
        <translation>%1小时%2分</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="114" />
        <source>%1 d</source>
        <translation>%1天</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="115" />
        <source>%1 d %2 h</source>
        <translation>%1天%2小时</translation>
    </message>
</context>
<context>
    <name>EndedCasesDialog</name>
    <message>
        <location filename="../../ui/closed_cases.py" line="110" />
        <source>Recently resolved and closed cases</source>
        <translation>最近解决和关闭的案例</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="113" />
        <source>Search id, customer, title</source>
        <translation>搜索编号、客户、标题</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="115" />
        <source>Search resolved and closed cases</source>
        <translation>搜索已解决和已关闭的案例</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="119" />
        <source>last </source>
        <translation>最近 </translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="120" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="121" />
        <source>How many days back</source>
        <translation>回溯天数</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="124" />
        <source>Resolved and closed cases</source>
        <translation>已解决和已关闭的案例</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="125" />
        <source>&amp;Show in case pane</source>
        <translation>在案例面板中显示(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="126" />
        <source>Show in case pane</source>
        <translation>在案例面板中显示</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="127" />
        <source>&amp;Reopen…</source>
        <translation>重新打开(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="128" />
        <source>Reopen</source>
        <translation>重新打开</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/closed_cases.py" line="170" />
        <source>%n case(s)</source>
        <translation>
            <numerusform>%n 个案例</numerusform></translation>
    </message>
</context>
<context>
    <name>EndedCasesModel</name>
    <message>
        <location filename="../../ui/closed_cases.py" line="70" />
        <source>Resolved or closed</source>
        <translation>解决或关闭时间</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="71" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="72" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="73" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="74" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="75" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/closed_cases.py" line="76" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="22" />
        <source>Case %1 was changed by someone else since you read it; nothing was applied. Reload and try again.</source>
        <translation>案例 %1 在您读取后已被他人修改;未做任何更改。请重新加载后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27" />
        <source>This was changed by someone else since you read it; nothing was applied. Reload and try again.</source>
        <translation>此内容在您读取后已被他人修改;未做任何更改。请重新加载后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35" />
        <source>Booking refused: %1</source>
        <translation>预订被拒绝:%1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39" />
        <source>%1 is damaged or is not a desk database. Nothing was changed. Restore a backup or pick another file.</source>
        <translation>%1 已损坏或不是工作台数据库。未做任何更改。请恢复备份或选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="46" />
        <source>%1 cannot be opened: check that its folder exists and can be read, or pick another file.</source>
        <translation>无法打开 %1:请检查其文件夹是否存在且可读,或选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="53" />
        <source>%1 cannot be written (a read-only file or folder): open it read-only or copy it somewhere writable.</source>
        <translation>无法写入 %1(只读文件或文件夹):请以只读方式打开,或将其复制到可写的位置。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="78" />
        <source>A later revision of this handover exists: reload it, then try again.</source>
        <translation>此交接已有更新的修订版:请重新加载后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="81" />
        <source>Someone else changed this record at the same moment; nothing of yours was applied. Try again.</source>
        <translation>他人同时修改了此记录;您的更改均未应用。请再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="85" />
        <source>This handover is signed: it can no longer be edited, only corrected by a new revision.</source>
        <translation>此交接已签字:不能再编辑,只能通过新的修订版更正。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88" />
        <source>Only the outgoing agent signs a handover, and only the incoming agent acknowledges it.</source>
        <translation>交接只能由交班人签字,并只能由接班人确认。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="91" />
        <source>This case no longer exists: another desk may have removed it.</source>
        <translation>此案例已不存在:可能已被其他工作台删除。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="95" />
        <source>%1 is busy: another desk or program is writing to it. Nothing was saved; try again soon.</source>
        <translation>%1 正忙:另一个工作台或程序正在写入。未保存任何内容;请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100" />
        <source>The disk holding %1 is full: this change was not saved. Free some space, then try again.</source>
        <translation>%1 所在的磁盘已满:此更改未保存。请释放一些空间后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="105" />
        <source>A disk error stopped the desk from using %1: this change was not saved. Check the disk.</source>
        <translation>磁盘错误导致工作台无法使用 %1:此更改未保存。请检查磁盘。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="112" />
        <source>%1 is open read-only: nothing can be changed.</source>
        <translation>%1 以只读方式打开:不能做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="118" />
        <source>%1 was written by a newer version of the desk. Nothing was changed. Update the desk.</source>
        <translation>%1 由更新版本的工作台写入。未做任何更改。请更新工作台。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="121" />
        <source>%1 does not exist: pick another file.</source>
        <translation>%1 不存在:请选择其他文件。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="127" />
        <source>The server %1 cannot be reached or stopped answering. Nothing was changed. Check the network (VPN, Wi-Fi) and that the server is running; the desk tries again by itself.</source>
        <translation>无法连接服务器 %1,或它已停止响应。没有任何更改。请检查网络(VPN、Wi-Fi)以及服务器是否在运行;desk 会自动重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="134" />
        <source>The server %1 has the desk's schema %2 and this desk needs %3: nothing was written; reading still works. A team lead upgrades the server with “desk migrate”.</source>
        <translation>服务器 %1 的 desk 数据库结构为 %2,而本 desk 需要 %3:没有写入任何内容;仍可读取。请团队负责人用 “desk migrate” 升级服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="141" />
        <source>The server %1 has the desk's schema %2, newer than this desk knows (%3): nothing was written; reading still works. Update the desk on this computer.</source>
        <translation>服务器 %1 的 desk 数据库结构为 %2,比本 desk 所知的(%3)更新:没有写入任何内容;仍可读取。请更新本机的 desk。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="148" />
        <source>%1: your login is not allowed to do this. Nothing was changed. Ask a team lead for the rights you need.</source>
        <translation>%1:您的登录账号无权执行此操作。没有任何更改。请向团队负责人申请所需权限。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="155" />
        <source>%1 is on a network share: keep the file on a local disk or use a PostgreSQL server.</source>
        <translation>%1 位于网络共享上:请将文件放在本地磁盘上,或使用 PostgreSQL 服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="164" />
        <source>Not accepted: %1</source>
        <translation>未被接受:%1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="165" />
        <source>Not found: %1</source>
        <translation>未找到:%1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="166" />
        <source>Not done: %1</source>
        <translation>未执行:%1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="167" />
        <source>Someone else changed this first: %1</source>
        <translation>他人已先修改了此内容:%1</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="168" />
        <source>The database or a plan file cannot be used: %1</source>
        <translation>无法使用数据库或服务计划文件:%1</translation>
    </message>
</context>
<context>
    <name>ExportButton</name>
    <message>
        <location filename="../../ui/review/export.py" line="46" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="47" />
        <source>Export this view to a file</source>
        <translation>把此视图导出为文件</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="52" />
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="53" />
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="54" />
        <source>Spreadsheet, CSV (*.csv)</source>
        <translation>表格,CSV (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="55" />
        <source>Data, JSON (*.json)</source>
        <translation>数据,JSON (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="59" />
        <source>Export the review</source>
        <translation>导出回顾</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="70" />
        <source>Not written: %1 is not one of PDF, HTML, CSV, JSON.</source>
        <translation>未写入:%1 不是 PDF、HTML、CSV、JSON 之一。</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="75" />
        <source>Not written: %1</source>
        <translation>未写入:%1</translation>
    </message>
    <message>
        <location filename="../../ui/review/export.py" line="76" />
        <source>Written to %1</source>
        <translation>已写入 %1</translation>
    </message>
</context>
<context>
    <name>ExportControls</name>
    <message>
        <location filename="../../ui/handover/export.py" line="57" />
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="58" />
        <source>Export the handover report</source>
        <translation>导出交接报告</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="59" />
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="60" />
        <source>Open the folder of the exported file</source>
        <translation>打开导出文件所在的文件夹</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="88" />
        <location filename="../../ui/handover/export.py" line="91" />
        <source>Not exported: %1</source>
        <translation>未导出:%1</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="97" />
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="108" />
        <source>PDF, to print or archive (*.pdf)</source>
        <translation>PDF,用于打印或存档 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="109" />
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="110" />
        <source>Markdown, the whole report (*.md)</source>
        <translation>Markdown,完整报告 (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="111" />
        <source>Chat summary, short Markdown to paste in a chat (*.md)</source>
        <translation>聊天摘要,可粘贴到聊天中的简短 Markdown (*.md)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="112" />
        <source>Spreadsheet, one row per case (*.csv)</source>
        <translation>电子表格,每个案例一行 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="113" />
        <source>JSON, the signed record itself (*.json)</source>
        <translation>JSON,签字的原始记录 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/export.py" line="121" />
        <source>Export handover</source>
        <translation>导出交接报告</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/export_dialog.py" line="51" />
        <source>Export customers, contracts and cases</source>
        <translation>导出客户、合同和案例</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="52" />
        <source>One JSON file</source>
        <translation>一个 JSON 文件</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="53" />
        <source>A folder of CSV files (one per kind of record)</source>
        <translation>一个 CSV 文件夹(每类记录一个文件)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="55" />
        <source>&amp;Export to…</source>
        <translation>导出到(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="56" />
        <source>Choose where to export</source>
        <translation>选择导出位置</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="58" />
        <source>Records exported</source>
        <translation>已导出的记录</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="71" />
        <source>Export to</source>
        <translation>导出到</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="77" />
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="95" />
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/export_dialog.py" line="108" />
        <source>Exported to:
%1</source>
        <translation>已导出到:
%1</translation>
    </message>
</context>
<context>
    <name>Handover</name>
    <message>
        <location filename="../../ui/handover/dialog.py" line="60" />
        <source>%1 (%2): at risk or breached, no owner</source>
        <translation>%1(%2):有风险或已超时,无负责人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="61" />
        <source>%1 (%2): at risk or breached, no next action</source>
        <translation>%1(%2):有风险或已超时,无下一步行动</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="62" />
        <source>%1 (%2): the most severe, not verbally briefed</source>
        <translation>%1(%2):最高严重性,未口头交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/__init__.py" line="78" />
        <source>Handover review</source>
        <translation>交接审阅</translation>
    </message>
    <message>
        <location filename="../../ui/handover/__init__.py" line="97" />
        <source>Shift &amp;handover…</source>
        <translation>交接班(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/__init__.py" line="100" />
        <source>&amp;Review handovers…</source>
        <translation>审阅交接(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/prompts.py" line="40" />
        <source>You handed this shift over: the incoming agent acknowledges it, not you.</source>
        <translation>这是您交出的班次:应由接班人确认接收,而不是您。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/prompts.py" line="44" />
        <source>Revision %1 is not signed yet: it can be acknowledged once %2 signs it.</source>
        <translation>版本 %1 尚未签字:%2 签字后才能确认接收。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/prompts.py" line="49" />
        <source>This handover is addressed to %1: only they can acknowledge it.</source>
        <translation>此交接是交给 %1 的:只有 %1 可以确认接收。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/prompts.py" line="56" />
        <source>Acknowledged by %1 at %2</source>
        <translation>%1 已于 %2 确认接收</translation>
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
        <translation>SLA 状态</translation>
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
        <location filename="../../ui/handover/dialog.py" line="89" />
        <source>Shift handover</source>
        <translation>交接班</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="425" />
        <source>Sign</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="242" />
        <source>Shift handover from %1</source>
        <translation>来自 %1 的交接班</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="103" />
        <source>Reading the shift…</source>
        <translation>正在读取班次…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="245" />
        <source>%1 → %2, %3 – %4</source>
        <translation>%1 → %2,%3 – %4</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="270" />
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="273" />
        <source>Revision %1 is signed: it cannot be edited; a correction issues a new revision.</source>
        <translation>版本 %1 已签字,不可编辑;更正会生成新版本。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="280" />
        <source>%n open case(s) of the whole desk.</source>
        <translation>
            <numerusform>整个服务台的 %n 个未结案例。</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="282" />
        <source>%n open case(s): assigned to %1, or acted on by them during the shift.</source>
        <translation>
            <numerusform>%n 个未结案例:分配给 %1,或其在本班次内处理过。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="293" />
        <source>A shift lasts at least %1 minutes: %2 – %3 is too short; nothing was recorded.</source>
        <translation>一个班次至少 %1 分钟:%2 – %3 太短,未作任何记录。</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="326" />
        <source>End your shift %1 – %2 (%3)? Its handover covers %n open case(s).</source>
        <translation>
            <numerusform>结束您的班次 %1 – %2(%3)?本次交接包含 %n 个未结案例。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="332" />
        <source>End my shift</source>
        <translation>结束我的班次</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="380" />
        <source>%n case(s) updated.</source>
        <translation>
            <numerusform>已更新 %n 个案例。</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/handover/dialog.py" line="423" />
        <source>Ready: nothing for a lead to catch</source>
        <translation>准备就绪:没有需要组长关注的问题</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="425" />
        <source>Sign with %n open point(s)…</source>
        <translation>
            <numerusform>签字(仍有 %n 个待处理问题)…</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="51" />
        <source>Revision %1 frozen, SHA-256 %2</source>
        <translation>版本 %1 已冻结,SHA-256 %2</translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="64" />
        <source>Sign revision %1 with %n open point(s)? The incoming agent receives them unresolved.</source>
        <translation>以 %n 个待处理问题签署版本 %1?接班人将收到这些未解决的问题。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="70" />
        <source>Sign the handover</source>
        <translation>签署交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="71" />
        <source>Sign anyway</source>
        <translation>仍然签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="107" />
        <source>Correct a signed handover</source>
        <translation>更正已签字的交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/report_actions.py" line="111" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
</context>
<context>
    <name>HandoverPage</name>
    <message>
        <location filename="../../ui/review/other_pages.py" line="119" />
        <location filename="../../ui/review/other_pages.py" line="135" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="120" />
        <source>Week of</source>
        <translation>周</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="120" />
        <source>all weeks</source>
        <translation>所有周</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="121" />
        <source>Shifts</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="122" />
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="123" />
        <source>Acknowledged</source>
        <translation>已确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="124" />
        <source>Signed after the shift (median)</source>
        <translation>班次结束后签字(中位数)</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="125" />
        <source>Latest signature</source>
        <translation>最晚签字</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="126" />
        <source>Acknowledged after signing (median)</source>
        <translation>签字后确认接收(中位数)</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="127" />
        <location filename="../../ui/review/other_pages.py" line="141" />
        <source>Open points at signing</source>
        <translation>签字时的待办</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="128" />
        <location filename="../../ui/review/other_pages.py" line="142" />
        <source>Revisions after signing</source>
        <translation>签字后的修订</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="136" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="137" />
        <source>Shift ended</source>
        <translation>班次结束</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="138" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="139" />
        <source>Signed after the shift</source>
        <translation>班次结束后签字</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="140" />
        <source>Acknowledged after signing</source>
        <translation>签字后确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="146" />
        <source>Handovers per agent</source>
        <translation>各坐席的交接班</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="147" />
        <source>The shifts behind the number</source>
        <translation>数字背后的班次</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="151" />
        <location filename="../../ui/review/other_pages.py" line="175" />
        <source>Handovers per week</source>
        <translation>每周交接班</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="169" />
        <source>%1 shift(s) ended in the period · %2 signed · %3 acknowledged</source>
        <translation>期间内结束 %1 个班次 · 已签字 %2 · 已确认接收 %3</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="182" />
        <source>Every shift</source>
        <translation>全部班次</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="186" />
        <source>%1: %2 shift(s)</source>
        <translation>%1:%2 个班次</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="192" />
        <source>Week of %1</source>
        <translation>%1 这一周</translation>
    </message>
</context>
<context>
    <name>HandoverReviewWidget</name>
    <message>
        <location filename="../../ui/handover/review.py" line="55" />
        <source>Handover review</source>
        <translation>交接审阅</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="79" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="80" />
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="84" />
        <source>Unsigned</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="85" />
        <source>Unacknowledged</source>
        <translation>未确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="86" />
        <source>Latest revisions only</source>
        <translation>仅最新版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="87" />
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="105" />
        <location filename="../../ui/handover/review.py" line="114" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="109" />
        <source>Acknowledge</source>
        <translation>确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="110" />
        <source>Acknowledge the handover as the incoming agent</source>
        <translation>以接班人身份确认接收交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="126" />
        <source>Report</source>
        <translation>报告</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="127" />
        <source>Since the previous shift</source>
        <translation>与上一班相比</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="183" />
        <source>%1 (signed)</source>
        <translation>%1(已签字)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="183" />
        <source>%1 (draft)</source>
        <translation>%1(草稿)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="189" />
        <source>Intact (SHA-256 %1)</source>
        <translation>完整(SHA-256 %1)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="191" />
        <source>DAMAGED: %1</source>
        <translation>已损坏:%1</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="206" />
        <source>Covers the cases of: %1 (assigned to them, or acted on by them during the shift)</source>
        <translation>包含以下坐席的案例:%1(分配给他们,或其在本班次内处理过)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="209" />
        <source>Covers the whole desk</source>
        <translation>包含整个服务台</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="229" />
        <source>Compared with %1's shift, revision %2</source>
        <translation>与 %1 的班次(版本 %2)相比</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="236" />
        <source>New cases</source>
        <translation>新增案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="237" />
        <source>Gone (no longer open)</source>
        <translation>已移出(不再未结)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/review.py" line="238" />
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
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/import_dialog.py" line="81" />
        <location filename="../../ui/import_dialog.py" line="125" />
        <source>Import customers, contracts and cases</source>
        <translation>导入客户、合同和案例</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="83" />
        <source>&amp;Choose files…</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="84" />
        <source>Choose files to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="85" />
        <source>No files chosen.</source>
        <translation>尚未选择文件。</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="88" />
        <source>Rows checked or written</source>
        <translation>已检查或写入的行</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="93" />
        <source>What the import would do</source>
        <translation>导入将做的变更</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="94" />
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="94" />
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="94" />
        <source>Left as it is</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="96" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="96" />
        <source>Contracts</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="96" />
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="96" />
        <source>Quota uses</source>
        <translation>配额使用</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="103" />
        <source>Rows of the import</source>
        <translation>导入的各行</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="104" />
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="105" />
        <source>Import all rows</source>
        <translation>导入全部行</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="127" />
        <source>Interchange files (*.json *.csv)</source>
        <translation>交换文件 (*.json *.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="127" />
        <source>All files (*)</source>
        <translation>所有文件 (*)</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="140" />
        <source>Reading and checking…</source>
        <translation>正在读取和检查…</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="171" />
        <source>Nothing is written yet. Import adds %1 and changes %2 rows; %3 stay as they are.</source>
        <translation>尚未写入任何内容。导入将新增 %1 行、修改 %2 行;%3 行保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="174" />
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="174" />
        <source>changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="174" />
        <source>left as it is</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="176" />
        <source>%1: %2 %3</source>
        <translation>%1:%2 %3</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="188" />
        <source>Nothing was imported. Fix these rows (file, row, field) and choose the files again:</source>
        <translation>未导入任何内容。请修正以下行(文件、行、字段)后重新选择文件:</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="200" />
        <source>Importing… nothing is written until every row is in.</source>
        <translation>正在导入…所有行都写入前不会保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/import_dialog.py" line="208" />
        <source>Imported: %1 customers, %2 cases and %3 quota uses added or changed.</source>
        <translation>已导入:新增或修改了 %1 个客户、%2 个案例和 %3 条配额使用。</translation>
    </message>
</context>
<context>
    <name>ImportWords</name>
    <message>
        <location filename="../../ui/import_words.py" line="17" />
        <source>id</source>
        <translation>编号</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="18" />
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="19" />
        <source>technical contact</source>
        <translation>技术联系人</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="20" />
        <source>operations contact</source>
        <translation>运维联系人</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="21" />
        <source>business goals</source>
        <translation>业务目标</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="22" />
        <source>customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="23" />
        <source>tier</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="24" />
        <source>start</source>
        <translation>开始日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="25" />
        <source>end</source>
        <translation>结束日期</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="35" />
        <source>missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="37" />
        <source>longer than %1 characters</source>
        <translation>超过 %1 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="39" />
        <source>contains a NUL character</source>
        <translation>包含 NUL 字符</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="42" />
        <source>“%1” is not one of the plan's choices</source>
        <translation>“%1”不是计划中的可选值</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="45" />
        <source>“%1” is not a date (YYYY-MM-DD)</source>
        <translation>“%1”不是日期(YYYY-MM-DD)</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="47" />
        <source>%1 is before the start %2</source>
        <translation>%1 早于开始日期 %2</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="50" />
        <source>overlaps contract %1 (%2 – %3): periods of one customer never overlap</source>
        <translation>与合同 %1(%2 – %3)重叠:同一客户的合同期不能重叠</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="59" />
        <source>contract %1 already has cases or bookings under %2: change the tier from a date instead</source>
        <translation>合同 %1 已有 %2 级别下的案例或预订:请改为从某日起变更级别</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="67" />
        <source>a customer with id %1 exists already</source>
        <translation>编号为 %1 的客户已存在</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="74" />
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
    <message>
        <location filename="../../ui/import_words.py" line="80" />
        <source>%1: field %2: %3</source>
        <translation>%1:字段 %2:%3</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../ui/text.py" line="19" />
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="20" />
        <source>pending</source>
        <translation>未开始</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="21" />
        <source>on track</source>
        <translation>正常</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="22" />
        <source>at risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="23" />
        <source>breached</source>
        <translation>已超时</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="24" />
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="25" />
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="26" />
        <source>paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="33" />
        <source>new</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="34" />
        <source>in progress</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="35" />
        <source>waiting on customer</source>
        <translation>等待客户</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="36" />
        <source>resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="37" />
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="44" />
        <source>No contract in force: the case has no contractual target.</source>
        <translation>无生效合同:此案例没有合同约定的响应目标。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="47" />
        <source>This tier commits to no response time (no contractual target).</source>
        <translation>该等级不承诺响应时间(无合同目标)。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="50" />
        <source>The tier has no such severity: the tier's best target applies.</source>
        <translation>该等级没有此严重性:按该等级最快的响应目标计时。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="53" />
        <source>The tier is not entitled to this channel.</source>
        <translation>该等级无权使用此渠道。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="54" />
        <source>Third-party software is out of scope for this tier.</source>
        <translation>第三方软件不在该等级的服务范围内。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="63" />
        <source>The tier is not entitled to this quota.</source>
        <translation>该等级没有此配额。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="64" />
        <source>Over the quota of this contract year.</source>
        <translation>超出本合同年的配额。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="65" />
        <source>Longer than the catalog allows.</source>
        <translation>超出目录允许的时长。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="66" />
        <source>Outside the contract's dates.</source>
        <translation>超出合同期限。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="67" />
        <source>The end is before the start.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="68" />
        <source>At least one person.</source>
        <translation>至少一人。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="69" />
        <source>Training needs a course.</source>
        <translation>培训需要填写课程。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="70" />
        <source>Unknown quota kind.</source>
        <translation>未知的配额类型。</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="77" />
        <source>opened</source>
        <translation>创建</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="78" />
        <source>re-graded</source>
        <translation>调整严重性</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="79" />
        <source>status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="80" />
        <source>response</source>
        <translation>响应</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="81" />
        <source>assigned</source>
        <translation>分派</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="82" />
        <source>note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="83" />
        <source>field changed</source>
        <translation>字段变更</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="124" />
        <source>%1 overdue</source>
        <translation>已超时 %1</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="126" />
        <source>paused, %1 left</source>
        <translation>已暂停,剩余 %1</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="136" />
        <source>%1 left</source>
        <translation>剩余 %1</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="140" />
        <location filename="../../ui/text.py" line="142" />
        <source>%1, %2</source>
        <translation>%1,%2</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="144" />
        <source>%1, %2, %3</source>
        <translation>%1,%2,%3</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="207" />
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/text.py" line="207" />
        <source>no</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="105" />
        <source>The desk — %1</source>
        <translation>服务台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="139" />
        <source>Case and customer</source>
        <translation>案例与客户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="140" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="141" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="205" />
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="206" />
        <source>Work under way</source>
        <translation>正在处理</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="211" />
        <source>Loading the open cases…</source>
        <translation>正在加载未结案例…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="264" />
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="265" />
        <source>&amp;Case</source>
        <translation>案例(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="266" />
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="267" />
        <source>C&amp;ustomer</source>
        <translation>客户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="268" />
        <source>&amp;Handover</source>
        <translation>交接(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="269" />
        <source>Revie&amp;w</source>
        <translation>回顾(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="270" />
        <source>He&amp;lp</source>
        <translation>帮助(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="272" />
        <source>&amp;New case…</source>
        <translation>新建案例(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="273" />
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="274" />
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="275" />
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="276" />
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="278" />
        <source>&amp;Open selected case</source>
        <translation>打开所选案例(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="282" />
        <source>Record &amp;response…</source>
        <translation>记录响应(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="284" />
        <source>Customer repl&amp;ied</source>
        <translation>客户已回复(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="285" />
        <source>&amp;Waiting on customer</source>
        <translation>等待客户(&amp;W)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="286" />
        <source>Re-&amp;grade…</source>
        <translation>调整严重性(&amp;G)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="287" />
        <source>Re&amp;solve…</source>
        <translation>解决(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="288" />
        <source>C&amp;lose…</source>
        <translation>关闭(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="289" />
        <source>Reop&amp;en…</source>
        <translation>重新打开(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="290" />
        <source>Add &amp;note…</source>
        <translation>添加备注(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="291" />
        <source>&amp;Assign…</source>
        <translation>分派(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="292" />
        <source>Next &amp;breach</source>
        <translation>下一个超时(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="293" />
        <source>&amp;Previous breach</source>
        <translation>上一个超时(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="294" />
        <source>&amp;Mute alerts for this case</source>
        <translation>静音此案例的提醒(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="295" />
        <source>&amp;Search</source>
        <translation>搜索(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="296" />
        <source>&amp;My cases</source>
        <translation>我的案例(&amp;M)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="297" />
        <source>&amp;Queue</source>
        <translation>队列(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="298" />
        <source>Recently resolved and &amp;closed…</source>
        <translation>最近解决和关闭的案例(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="300" />
        <source>&amp;Default order (breaching next)</source>
        <translation>默认排序(即将超时优先)(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="302" />
        <source>Show &amp;customer</source>
        <translation>显示客户(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="303" />
        <source>&amp;Book quota…</source>
        <translation>预订配额(&amp;B)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="305" />
        <source>Customer &amp;list…</source>
        <translation>客户列表(&amp;L)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="307" />
        <source>&amp;SLA performance…</source>
        <translation>SLA 达成情况(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="308" />
        <source>&amp;Quota use…</source>
        <translation>配额使用(&amp;Q)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="309" />
        <source>&amp;Handover discipline…</source>
        <translation>交接班规范(&amp;H)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="310" />
        <source>How the desk &amp;counts…</source>
        <translation>服务台如何计时(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="311" />
        <source>&amp;About the desk…</source>
        <translation>关于服务台(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="317" />
        <source>&amp;New customer…</source>
        <translation>新建客户(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="318" />
        <source>&amp;Edit customer…</source>
        <translation>编辑客户(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="321" />
        <source>New contract &amp;period…</source>
        <translation>新合同期(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="327" />
        <source>&amp;Renew contract…</source>
        <translation>续约(&amp;R)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="333" />
        <source>Change &amp;tier from a date…</source>
        <translation>从某日起变更级别(&amp;T)…</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="342" />
        <source>Select a case or a customer first.</source>
        <translation>请先选择一个案例或客户。</translation>
    </message>
    <message>
        <location filename="../../ui/main_window.py" line="478" />
        <source>Not done</source>
        <translation>未完成</translation>
    </message>
</context>
<context>
    <name>NewCaseDialog</name>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="37" />
        <source>New case</source>
        <translation>新建案例</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="44" />
        <source>Customer id or name</source>
        <translation>客户编号或名称</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="65" />
        <source>Concerns third-party software</source>
        <translation>涉及第三方软件</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="78" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="80" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="81" />
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="82" />
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="83" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="85" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="87" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="88" />
        <source>Deadline</source>
        <translation>截止时间</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="92" />
        <source>Open case</source>
        <translation>创建案例</translation>
    </message>
    <message>
        <location filename="../../ui/new_case_dialog.py" line="126" />
        <source>Unknown customer</source>
        <translation>未知客户</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <location filename="../../ui/review/period_bar.py" line="48" />
        <source>Today</source>
        <translation>今天</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="49" />
        <source>This week</source>
        <translation>本周</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="50" />
        <source>This month</source>
        <translation>本月</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="51" />
        <source>Last month</source>
        <translation>上月</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="52" />
        <source>Custom range</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="56" />
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="59" />
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="59" />
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="66" />
        <source>Plan's time zone (%1)</source>
        <translation>服务计划时区(%1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="70" />
        <source>My time zone (%1)</source>
        <translation>我的时区(%1)</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="71" />
        <source>Time zone of the days</source>
        <translation>日期所用的时区</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="75" />
        <source>Break the SLA figures down by</source>
        <translation>SLA 数字的分组方式</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="76" />
        <source>&amp;Update</source>
        <translation>更新(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="77" />
        <source>Show the figures for this period</source>
        <translation>显示此期间的数字</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="78" />
        <source>&amp;Period:</source>
        <translation>期间(&amp;P):</translation>
    </message>
    <message>
        <location filename="../../ui/review/period_bar.py" line="80" />
        <source>&amp;Break down by:</source>
        <translation>分组(&amp;B):</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <location filename="../../ui/queue_cells.py" line="37" />
        <source>Countdown</source>
        <translation>倒计时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="38" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="39" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="40" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="41" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="42" />
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="43" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="44" />
        <source>Assignee</source>
        <translation>处理人</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="45" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="46" />
        <source>Opened</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <location filename="../../ui/queue_cells.py" line="101" />
        <source>%1: %2</source>
        <translation>%1:%2</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <location filename="../../ui/queue_panel.py" line="47" />
        <source>Search id, customer, title</source>
        <translation>搜索编号、客户、标题</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="48" />
        <source>Search the queue</source>
        <translation>搜索队列</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="49" />
        <source>My cases</source>
        <translation>我的案例</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="51" />
        <source>All severities</source>
        <translation>全部严重性</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="55" />
        <source>All states</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="56" />
        <source>At risk or breached</source>
        <translation>有风险或已超时</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="60" />
        <source>All tiers</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="65" />
        <source>Queue</source>
        <translation>队列</translation>
    </message>
    <message>
        <location filename="../../ui/queue_panel.py" line="67" />
        <source>Open cases, breaching next first</source>
        <translation>未结案例(即将超时的在前)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="138" />
        <source>%n open case(s)</source>
        <translation>
            <numerusform>%n 个未结案例</numerusform></translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="140" />
        <source>%1 of %n open case(s)</source>
        <translation>
            <numerusform>%1 / %n 个未结案例</numerusform></translation>
    </message>
</context>
<context>
    <name>QuotaPage</name>
    <message>
        <location filename="../../ui/review/other_pages.py" line="32" />
        <location filename="../../ui/review/other_pages.py" line="49" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="33" />
        <source>Contract</source>
        <translation>合同</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="34" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="35" />
        <location filename="../../ui/review/other_pages.py" line="50" />
        <source>Quota</source>
        <translation>配额</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="36" />
        <source>Course</source>
        <translation>课程</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="37" />
        <source>Limit</source>
        <translation>限额</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="38" />
        <source>Used</source>
        <translation>已用</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="39" />
        <source>Left</source>
        <translation>剩余</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="40" />
        <source>Contract year ends</source>
        <translation>合同年度结束</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="41" />
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="48" />
        <source>Booking</source>
        <translation>预订</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="51" />
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="52" />
        <source>Booked by</source>
        <translation>预订人</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="53" />
        <source>Booked at</source>
        <translation>预订时间</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="54" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="59" />
        <source>Quota use per contract</source>
        <translation>各合同的配额使用</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="60" />
        <source>Bookings made with an override</source>
        <translation>超限预订</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="62" />
        <location filename="../../ui/review/other_pages.py" line="94" />
        <source>Contracts per quota and level</source>
        <translation>各配额的合同数(按级别)</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="86" />
        <source>On %1: %2 over the limit · %3 at the limit · %4 near it · %5 not used yet this contract year</source>
        <translation>%1:超出限额 %2 · 已达限额 %3 · 接近限额 %4 · 本合同年度尚未使用 %5</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="97" />
        <source>Bookings made with an override: %1</source>
        <translation>超限预订:%1</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="98" />
        <source>Every quota in force</source>
        <translation>全部有效配额</translation>
    </message>
    <message>
        <location filename="../../ui/review/other_pages.py" line="102" />
        <source>%1: %2 line(s)</source>
        <translation>%1:%2 行</translation>
    </message>
</context>
<context>
    <name>QuotaTracker</name>
    <message>
        <location filename="../../ui/quota_tracker.py" line="81" />
        <source>Quota used</source>
        <translation>配额使用</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="84" />
        <source>%1 of %2 used</source>
        <translation>已用 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="91" />
        <source>Contract year %1 – %2; resets in %3 days</source>
        <translation>合同年 %1 – %2;%3 天后重置</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="100" />
        <source>Cancel booking…</source>
        <translation>取消预订…</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="101" />
        <source>Cancel the selected booking</source>
        <translation>取消所选预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="102" />
        <source>Select a booking in the list, then cancel it</source>
        <translation>先在列表中选择预订,再取消</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="126" />
        <source>Not included in %1; %2 booked with an override</source>
        <translation>%1 不含此配额;凭超额原因已用 %2</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="132" />
        <source>Over the quota: %1 of %2 used (booked with an override)</source>
        <translation>超出配额:已用 %1 / %2(凭超额原因预订)</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="137" />
        <source>Used up: all %1 used, none left</source>
        <translation>已用完:共 %1,已无剩余</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="138" />
        <source>%1 of %2 left</source>
        <translation>剩余 %1 / %2</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="142" />
        <source>Booking</source>
        <translation>预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="143" />
        <source>Days</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="144" />
        <source>Persons</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="145" />
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="146" />
        <source>Override / note</source>
        <translation>超额原因 / 备注</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="149" />
        <source>Bookings this contract year</source>
        <translation>本合同年预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="162" />
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="162" />
        <source>booked</source>
        <translation>已预订</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="166" />
        <source>override: %1</source>
        <translation>超额:%1</translation>
    </message>
    <message>
        <location filename="../../ui/quota_tracker.py" line="98" />
        <source>No bookings this contract year</source>
        <translation>本合同年无预订</translation>
    </message>
</context>
<context>
    <name>ReplicaIndicator</name>
    <message>
        <location filename="../../ui/replica_status.py" line="287" />
        <source>Connection to the team server</source>
        <translation>与团队服务器的连接</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="288" />
        <source>Connecting to the team server…</source>
        <translation>正在连接团队服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="291" />
        <source>Resolve conflicts…</source>
        <translation>解决冲突…</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="292" />
        <source>Resolve conflicts</source>
        <translation>解决冲突</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="297" />
        <location filename="../../ui/replica_status.py" line="301" />
        <source>Offline</source>
        <translation>离线</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="301" />
        <source>Online</source>
        <translation>在线</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/replica_status.py" line="303" />
        <source>%n write(s) waiting</source>
        <translation>
            <numerusform>%n 项写入待同步</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="305" />
        <source>last sync %1</source>
        <translation>上次同步 %1</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="307" />
        <source>never synced</source>
        <translation>从未同步</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/replica_status.py" line="309" />
        <source>%n conflict(s) to resolve</source>
        <translation>
            <numerusform>%n 个冲突待解决</numerusform></translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="311" />
        <source>Server: %1</source>
        <translation>服务器:%1</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="313" />
        <source>Working on this computer's copy; it syncs when the server is back.</source>
        <translation>正在使用本机副本;服务器恢复后自动同步。</translation>
    </message>
    <message>
        <location filename="../../ui/replica_status.py" line="316" />
        <source>Resolve them here (Resolve conflicts…) or with `desk conflicts` and `desk resolve`.</source>
        <translation>请在此处(解决冲突…)或用 `desk conflicts` 和 `desk resolve` 解决。</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../ui/handover/models.py" line="151" />
        <source>Shift</source>
        <translation>班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="151" />
        <source>Outgoing</source>
        <translation>交班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="151" />
        <source>Incoming</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="151" />
        <source>Revision</source>
        <translation>版本</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="151" />
        <source>Signed</source>
        <translation>已签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="152" />
        <source>Acknowledged</source>
        <translation>已确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="176" />
        <source> (superseded)</source>
        <translation>(已被取代)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="178" />
        <source>not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/models.py" line="181" />
        <source>not acknowledged</source>
        <translation>未确认接收</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../ui/review/words.py" line="15" />
        <source>still running</source>
        <translation>仍在计时</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="17" />
        <source>over the limit</source>
        <translation>超出限额</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="18" />
        <source>at the limit</source>
        <translation>已达限额</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="19" />
        <source>near the limit</source>
        <translation>接近限额</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="20" />
        <source>unused</source>
        <translation>未使用</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="21" />
        <source>in use</source>
        <translation>使用中</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="22" />
        <source>acknowledged</source>
        <translation>已确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="23" />
        <source>signed, not acknowledged</source>
        <translation>已签字,未确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="24" />
        <source>not signed</source>
        <translation>未签字</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="25" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="26" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="27" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="28" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="29" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/review/words.py" line="39" />
        <source>%1 early</source>
        <translation>提前 %1</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../ui/review/window.py" line="53" />
        <source>Review</source>
        <translation>回顾</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="61" />
        <source>Review views</source>
        <translation>回顾视图</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="65" />
        <source>&amp;SLA performance</source>
        <translation>SLA 达成情况(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="66" />
        <source>&amp;Quota use</source>
        <translation>配额使用(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="67" />
        <source>&amp;Handover discipline</source>
        <translation>交接班规范(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="69" />
        <source>Review status</source>
        <translation>回顾状态</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="107" />
        <source>Counting %1 – %2 (%3)…</source>
        <translation>正在统计 %1 – %2(%3)…</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="124" />
        <source>%1 – %2 in %3, as the SLA engine saw it at the period's end (or now). Nothing here changes data.</source>
        <translation>%1 – %2,时区 %3,按 SLA 引擎在期间结束时(或现在)的结果统计。此处不会更改任何数据。</translation>
    </message>
    <message>
        <location filename="../../ui/review/window.py" line="152" />
        <source>%1 %2 cases so far</source>
        <translation>%1 已统计 %2 个案例</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <location filename="../../ui/handover/scope_picker.py" line="22" />
        <source>Whose cases the handover covers</source>
        <translation>交接包含哪些坐席的案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/scope_picker.py" line="24" />
        <source>Cases assigned to these agents, or that they acted on during the shift; a lead may tick several.</source>
        <translation>分配给这些坐席的案例,或其在本班次内处理过的案例;组长可勾选多人。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/scope_picker.py" line="28" />
        <source>The whole desk</source>
        <translation>整个服务台</translation>
    </message>
    <message>
        <location filename="../../ui/handover/scope_picker.py" line="68" />
        <source>Cases of: the whole desk</source>
        <translation>案例范围:整个服务台</translation>
    </message>
    <message>
        <location filename="../../ui/handover/scope_picker.py" line="70" />
        <source>Cases of: %1</source>
        <translation>案例范围:%1</translation>
    </message>
</context>
<context>
    <name>ServerDialog</name>
    <message>
        <location filename="../../ui/server_dialog.py" line="57" />
        <source>Connect to a team server</source>
        <translation>连接团队服务器</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="60" />
        <source>The address of the team's PostgreSQL database, e.g. postgresql://agent@db.example.com/desk, and your password. The desk connects once to test it before using it; the certificate of the server is verified.</source>
        <translation>团队 PostgreSQL 数据库的地址(例如 postgresql://agent@db.example.com/desk)和您的密码。服务台会先连接一次进行测试,再使用它;服务器的证书会被验证。</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="69" />
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="74" />
        <source>Password (kept in the system keyring)</source>
        <translation>密码(保存在系统钥匙串中)</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="75" />
        <source>Server password</source>
        <translation>服务器密码</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="79" />
        <source>Connection test</source>
        <translation>连接测试</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="81" />
        <location filename="../../ui/server_dialog.py" line="83" />
        <source>Test and connect</source>
        <translation>测试并连接</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="112" />
        <source>Connecting to %1 (at most %2 s)…</source>
        <translation>正在连接 %1(最多 %2 秒)…</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="129" />
        <source>%1 is not the address of a PostgreSQL server. Type one like postgresql://user@host/desk.</source>
        <translation>%1 不是 PostgreSQL 服务器的地址。请输入类似 postgresql://user@host/desk 的地址。</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="133" />
        <source>The desk could not connect to %1. Nothing was saved: check the host, port, database, user name and password, and that the server accepts connections from this computer.</source>
        <translation>服务台无法连接到 %1。未保存任何内容:请检查主机、端口、数据库、用户名和密码,并确认服务器接受来自本机的连接。</translation>
    </message>
    <message>
        <location filename="../../ui/server_dialog.py" line="136" />
        <source>The server's answer: %1</source>
        <translation>服务器的回答:%1</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="35" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="38" />
        <source>sqlite:///path/desk.sqlite or postgresql+psycopg://host/desk</source>
        <translation>sqlite:///路径/desk.sqlite 或 postgresql+psycopg://主机/desk</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="40" />
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="50" />
        <source>This computer's time zone (%1)</source>
        <translation>本机时区(%1)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="60" />
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="62" />
        <location filename="../../ui/settings_dialog.py" line="74" />
        <source>Mark contracts ending within</source>
        <translation>标记即将到期的合同(天内)</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="63" />
        <location filename="../../ui/settings_dialog.py" line="70" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="64" />
        <location filename="../../ui/settings_dialog.py" line="71" />
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="65" />
        <location filename="../../ui/settings_dialog.py" line="72" />
        <source>My agent name</source>
        <translation>我的处理人姓名</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="66" />
        <location filename="../../ui/settings_dialog.py" line="73" />
        <source>Show times in</source>
        <translation>时间显示时区</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="76" />
        <source>Language, name and time zone apply at once; a new database when the desk starts again.</source>
        <translation>语言、姓名和时区立即生效;新数据库在服务台重新启动后生效。</translation>
    </message>
</context>
<context>
    <name>ShiftPanel</name>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="87" />
        <location filename="../../ui/handover/shift_panel.py" line="91" />
        <source>Incoming agent</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="101" />
        <source>Cases handed over</source>
        <translation>交接的案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="115" />
        <source>Free-form notes for the next shift</source>
        <translation>给下一班的备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="116" />
        <source>Notes for the next shift</source>
        <translation>给下一班的备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="118" />
        <source>Readiness check</source>
        <translation>交接准备检查</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="127" />
        <source>Save notes</source>
        <translation>保存备注</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="128" />
        <source>Check readiness</source>
        <translation>检查交接准备</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="129" />
        <source>End my shift…</source>
        <translation>结束我的班次…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="130" />
        <source>End my shift</source>
        <translation>结束我的班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="131" />
        <source>Generate report</source>
        <translation>生成报告</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="132" />
        <source>Sign</source>
        <translation>签字</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="133" />
        <source>Acknowledge</source>
        <translation>确认接收</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="134" />
        <source>Acknowledge the handover as the incoming agent</source>
        <translation>以接班人身份确认接收交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/shift_panel.py" line="135" />
        <source>Correct…</source>
        <translation>更正…</translation>
    </message>
</context>
<context>
    <name>ShiftStartForm</name>
    <message>
        <location filename="../../ui/handover/start_form.py" line="46" />
        <source>You have no shift running. Start it now, or enter the shift you worked.</source>
        <translation>您当前没有进行中的班次。现在开始,或填写您实际工作的班次。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="50" />
        <source>Shift start</source>
        <translation>班次开始</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="50" />
        <source>Shift end</source>
        <translation>班次结束</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="55" />
        <source>Start (%1)</source>
        <translation>开始(%1)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="56" />
        <source>End (%1)</source>
        <translation>结束(%1)</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="58" />
        <location filename="../../ui/handover/start_form.py" line="59" />
        <source>Incoming agent</source>
        <translation>接班人</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="61" />
        <source>Cases</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="65" />
        <source>Start or record the shift</source>
        <translation>开始或记录班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="92" />
        <source>Record this shift</source>
        <translation>记录此班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="92" />
        <source>Start my shift</source>
        <translation>开始我的班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="95" />
        <source>The end must come after the start.</source>
        <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="98" />
        <source>%1 long, already over: it is recorded as a finished shift.</source>
        <translation>时长 %1,已经结束:将记录为已完成的班次。</translation>
    </message>
    <message>
        <location filename="../../ui/handover/start_form.py" line="104" />
        <source>%1 long: it runs until its end, or until you end it.</source>
        <translation>时长 %1:持续到结束时间,或到您结束它为止。</translation>
    </message>
</context>
<context>
    <name>ShiftStatus</name>
    <message>
        <location filename="../../ui/handover/status.py" line="49" />
        <source>My shift</source>
        <translation>我的班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="52" />
        <source>Open to acknowledge…</source>
        <translation>打开以确认接收…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="53" />
        <source>Open the handover waiting for my acknowledgement</source>
        <translation>打开等待我确认接收的交接</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="74" />
        <source>No shift started</source>
        <translation>尚未开始班次</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="75" />
        <source>Start my shift…</source>
        <translation>开始我的班次…</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="78" />
        <source>Shift %1 – %2</source>
        <translation>班次 %1 – %2</translation>
    </message>
    <message>
        <location filename="../../ui/handover/status.py" line="81" />
        <source>Handover…</source>
        <translation>交接…</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/status.py" line="86" />
        <source>%n handover(s) waiting for your acknowledgement, from %1</source>
        <translation>
            <numerusform>%n 份交接等待您确认接收,来自 %1</numerusform></translation>
    </message>
</context>
<context>
    <name>SlaPage</name>
    <message>
        <location filename="../../ui/review/sla_page.py" line="82" />
        <source>SLA summary</source>
        <translation>SLA 概况</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="86" />
        <source>met</source>
        <translation>已达成</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="87" />
        <source>missed</source>
        <translation>未达成</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="88" />
        <source>still running</source>
        <translation>仍在计时</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="89" />
        <source>no target</source>
        <translation>无目标</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="90" />
        <source>met rate</source>
        <translation>达成率</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="91" />
        <source>median lateness</source>
        <translation>迟到中位数</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="92" />
        <source>90th percentile</source>
        <translation>90 百分位</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="93" />
        <source>worst</source>
        <translation>最长</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="96" />
        <source>Group</source>
        <translation>组</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="97" />
        <source>Clock</source>
        <translation>时钟</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="100" />
        <source>Case</source>
        <translation>案例</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="101" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="102" />
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="103" />
        <source>Severity</source>
        <translation>严重性</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="104" />
        <source>Channel</source>
        <translation>渠道</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="105" />
        <source>Agent</source>
        <translation>坐席</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="106" />
        <source>First response</source>
        <translation>首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="107" />
        <source>Late by</source>
        <translation>迟到</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="111" />
        <source>SLA figures by group</source>
        <translation>按组的 SLA 数字</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="112" />
        <source>Internal clocks</source>
        <translation>内部时钟</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="113" />
        <source>The cases behind the number</source>
        <translation>数字背后的案例</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="114" />
        <location filename="../../ui/review/sla_page.py" line="170" />
        <source>The cases behind a number: choose a figure or a bar</source>
        <translation>数字背后的案例:请选择一个数字或一根柱</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="115" />
        <source>Internal clocks (ours, not the plan's)</source>
        <translation>内部时钟(我方,非服务计划)</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="152" />
        <source>%1 cases opened · met %2 · missed %3 · still running %4 · no target %5 · met rate %6 · lateness of the missed: median %7, 90th percentile %8, worst %9</source>
        <translation>新建 %1 个案例 · 已达成 %2 · 未达成 %3 · 仍在计时 %4 · 无目标 %5 · 达成率 %6 · 未达成者的迟到:中位数 %7,90 百分位 %8,最长 %9</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="163" />
        <source>First responses per week</source>
        <translation>每周首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="168" />
        <source>First responses by %1</source>
        <translation>按%1的首次响应</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="184" />
        <source>Reading the cases…</source>
        <translation>正在读取这些案例…</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="202" />
        <location filename="../../ui/review/sla_page.py" line="218" />
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="205" />
        <location filename="../../ui/review/sla_page.py" line="220" />
        <source>%1 · %2: %3 case(s)</source>
        <translation>%1 · %2:%3 个案例</translation>
    </message>
    <message>
        <location filename="../../ui/review/sla_page.py" line="212" />
        <source>Week of %1: %2 case(s)</source>
        <translation>%1 这一周:%2 个案例</translation>
    </message>
</context>
<context>
    <name>StartupProblem</name>
    <message>
        <location filename="../../ui/startup.py" line="38" />
        <source>The desk cannot open its database</source>
        <translation>服务台无法打开数据库</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="52" />
        <source>Backups of this database (newest first):</source>
        <translation>此数据库的备份(最新在前):</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="56" />
        <source>Restore the selected backup</source>
        <translation>恢复所选备份</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="59" />
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="61" />
        <source>Choose another file…</source>
        <translation>选择其他文件…</translation>
    </message>
    <message>
        <location filename="../../ui/startup.py" line="62" />
        <source>Quit</source>
        <translation>退出</translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <location filename="../../ui/welcome.py" line="74" />
        <source>Welcome</source>
        <translation>欢迎</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="76" />
        <source>Welcome to the desk</source>
        <translation>欢迎使用服务台</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="81" />
        <source>This database holds no customers and no cases yet. Start with one of these:</source>
        <translation>此数据库中还没有客户和案例。请选择一种方式开始:</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="84" />
        <source>Add the first customer…</source>
        <translation>添加第一个客户…</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="86" />
        <source>A customer with its contacts and its first contract (tier, start and end). Then open its first case. More customers, renewals and tier changes are in the Customer menu.</source>
        <translation>填写客户、联系人和第一份合同(级别、开始和结束日期),然后创建它的第一个案例。更多客户、续约和变更级别在“客户”菜单中。</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="91" />
        <source>Import a file…</source>
        <translation>导入文件…</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="93" />
        <source>Customers, contracts, cases and quota uses from JSON or CSV files in the desk's interchange format. All or nothing: if one row is wrong, nothing is written and the row is named.</source>
        <translation>从服务台交换格式的 JSON 或 CSV 文件导入客户、合同、案例和配额使用记录。要么全部导入,要么都不导入:只要有一行有误,就不写入任何内容,并指出是哪一行。</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="98" />
        <source>Open a demo database</source>
        <translation>打开演示数据库</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="99" />
        <source>2,000 made-up cases in a new file in the data folder, to try the desk out. Your database stays.</source>
        <translation>在数据文件夹中新建一个包含 2,000 个虚构案例的文件,用于试用服务台。您的数据库保持不变。</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="102" />
        <source>Connect to a team server…</source>
        <translation>连接团队服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="103" />
        <source>A PostgreSQL database the team shares. The address is tested before the desk uses it.</source>
        <translation>团队共用的 PostgreSQL 数据库。服务台使用前会先测试该地址。</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="107" />
        <source>Working</source>
        <translation>处理中</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="111" />
        <source>What happened</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="178" />
        <source>Writing a demo database in %1…</source>
        <translation>正在 %1 中写入演示数据库…</translation>
    </message>
    <message>
        <location filename="../../ui/welcome.py" line="187" />
        <source>No demo database was made: %1</source>
        <translation>未能创建演示数据库:%1</translation>
    </message>
</context>
<context>
    <name>_Form</name>
    <message>
        <location filename="../../ui/customer_forms.py" line="70" />
        <source>Why it was not saved</source>
        <translation>未保存的原因</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="107" />
        <source>plan %1</source>
        <translation>计划版本 %1</translation>
    </message>
    <message>
        <location filename="../../ui/customer_forms.py" line="124" />
        <source>Not saved:</source>
        <translation>未保存:</translation>
    </message>
</context>
</TS>