"""Fill resources/translations/desk_zh_CN.ts from this table after `make translations` ran lupdate.

Keeping the Chinese wording here (and in the .ts it writes) lets a reviewer read the whole translation in
one place; strings missing from the table stay "unfinished" in the .ts and tests/ui/test_i18n.py fails.
Usage: python packaging/translations_zh_CN.py resources/translations/desk_zh_CN.ts
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET

ZH = {
    "Open": "打开",
    "Mute this case": "静音此案例",
    "Dismiss": "关闭提示",
    "%1 (%2, %3) is now %4": "%1(%2,%3)现在%4",
    "%1 cases need attention: %2 breached, %3 at risk": "%1 个案例需要处理:%2 个已超时,%3 个有风险",
    "The desk": "服务台",
    "The desk cannot start": "服务台无法启动",
    "Book quota for %1": "为 %1 预订配额",
    "Needed only to book beyond the entitlement": "仅在超出权益预订时需要",
    "Quota": "配额",
    "Course": "课程",
    "Persons": "人数",
    "First day": "开始日期",
    "Last day": "结束日期",
    "Goals": "目标",
    "Note": "备注",
    "Override reason": "超额原因",
    "Book": "预订",
    "Give an override reason to book anyway.": "如仍要预订,请填写超额原因。",
    "No case selected": "未选择案例",
    "Customer": "客户",
    "Tier / contract": "等级 / 合同",
    "Severity": "严重性",
    "Channel": "渠道",
    "Status": "状态",
    "Assignee": "处理人",
    "Opened": "创建时间",
    "First response": "首次响应",
    "Product / third party": "产品 / 第三方",
    "Clock": "时钟",
    "State": "状态",
    "Target": "目标",
    "Due": "截止",
    "Remaining": "剩余",
    "Paused": "已暂停",
    "Actions": "操作",
    "Record first response": "记录首次响应",
    "Waiting on customer": "等待客户",
    "Resolved": "已解决",
    "Closed": "已关闭",
    "Reason for the re-grade": "调整严重性的原因",
    "Re-grade": "调整严重性",
    "Agent name": "处理人姓名",
    "Assign": "分派",
    "Assign to": "分派给",
    "Note (or the response's text)": "备注(或响应内容)",
    "Add note": "添加备注",
    "When": "时间",
    "Who": "操作人",
    "What": "事件",
    "Change": "变更",
    "Reason": "原因",
    "Timeline": "时间线",
    "no contract": "无合同",
    " (opened as %1)": "(创建时为 %1)",
    "unassigned": "未分派",
    "Record response": "记录响应",
    "No customer selected": "未选择客户",
    "Tier": "等级",
    "Contract": "合同",
    "Technical contact": "技术接口人",
    "Ops contact": "运维联系人",
    "Business goals": "业务目标",
    "Book quota…": "预订配额…",
    "Quotas this contract year": "本合同年配额",
    "in force": "生效中",
    "not in force today": "今日未生效",
    "plan %1": "计划版本 %1",
    "No contract": "无合同",
    "not entitled": "无此权益",
    "no target": "无目标",
    "pending": "未开始",
    "on track": "正常",
    "at risk": "有风险",
    "breached": "已超时",
    "met": "已达成",
    "missed": "未达成",
    "paused": "已暂停",
    "new": "新建",
    "in progress": "处理中",
    "waiting on customer": "等待客户",
    "resolved": "已解决",
    "closed": "已关闭",
    "No contract in force: the case has no contractual target.": "无生效合同:此案例没有合同约定的响应目标。",
    "This tier commits to no response time (no contractual target).": "该等级不承诺响应时间(无合同目标)。",
    "The tier has no such severity: the tier's best target applies.": "该等级没有此严重性:按该等级最快的响应目标计时。",
    "The tier is not entitled to this channel.": "该等级无权使用此渠道。",
    "Third-party software is out of scope for this tier.": "第三方软件不在该等级的服务范围内。",
    "The tier is not entitled to this quota.": "该等级没有此配额。",
    "Over the quota of this contract year.": "超出本合同年的配额。",
    "Longer than the catalog allows.": "超出目录允许的时长。",
    "Outside the contract's dates.": "超出合同期限。",
    "The end is before the start.": "结束日期早于开始日期。",
    "At least one person.": "至少一人。",
    "Training needs a course.": "培训需要填写课程。",
    "Unknown quota kind.": "未知的配额类型。",
    "opened": "创建",
    "re-graded": "调整严重性",
    "status": "状态",
    "response": "响应",
    "assigned": "分派",
    "note": "备注",
    "field changed": "字段变更",
    "%1 overdue": "%1 已超时",
    "paused, %1 left": "已暂停,剩余 %1",
    "yes": "是",
    "no": "否",
    "The desk — %1": "服务台 — %1",
    "Case": "案例",
    "%n open case(s)": "%n 个未结案例",
    "Loading the open cases…": "正在加载未结案例…",
    "&File": "文件(&F)",
    "&Case": "案例(&C)",
    "&View": "视图(&V)",
    "C&ustomer": "客户(&U)",
    "&New case…": "新建案例(&N)…",
    "&Settings…": "设置(&S)…",
    "&Quit": "退出(&Q)",
    "&Open selected case": "打开所选案例(&O)",
    "Record &response": "记录响应(&R)",
    "Re-&grade…": "调整严重性(&G)…",
    "Add &note…": "添加备注(&N)…",
    "&Assign…": "分派(&A)…",
    "Next &breach": "下一个超时(&B)",
    "&Previous breach": "上一个超时(&P)",
    "&Mute alerts for this case": "静音此案例的提醒(&M)",
    "&Search": "搜索(&S)",
    "&My cases": "我的案例(&M)",
    "&Queue": "队列(&Q)",
    "Show &customer": "显示客户(&C)",
    "&Book quota…": "预订配额(&B)…",
    "Not done": "未完成",
    "New case": "新建案例",
    "Customer id or name": "客户编号或名称",
    "Concerns third-party software": "涉及第三方软件",
    "Title": "标题",
    "Description": "描述",
    "Product": "产品",
    "Deadline": "截止时间",
    "Open case": "创建案例",
    "Unknown customer": "未知客户",
    "Countdown": "倒计时",
    "Search id, customer, title": "搜索编号、客户、标题",
    "My cases": "我的案例",
    "All severities": "全部严重性",
    "All states": "全部状态",
    "At risk or breached": "有风险或已超时",
    "All tiers": "全部等级",
    "%1 of %2": "%1 / %2",
    "%1 of %2 used": "已用 %1 / %2",
    "Contract year %1 – %2; resets in %3 days": "合同年 %1 – %2;%3 天后重置",
    "(%1 persons)": "(%1 人)",
    "cancelled": "已取消",
    "override: %1": "超额:%1",
    "No bookings this contract year": "本合同年无预订",
    "Settings": "设置",
    "sqlite:///path/desk.sqlite or postgresql+psycopg://host/desk": "sqlite:///路径/desk.sqlite 或 postgresql+psycopg://主机/desk",
    "System language": "跟随系统",
    "Database": "数据库",
    "Language": "语言",
    "My agent name": "我的处理人姓名",
    "Changes apply when the desk starts again.": "更改在服务台重新启动后生效。",
}


def fill(path: str) -> list[str]:
    """Write the table's wording into the .ts; returns the sources still untranslated."""
    tree = ET.parse(path)
    missing = []
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        if source not in ZH:
            missing.append(source)
            continue
        translation.attrib.pop("type", None)
        if message.get("numerus") == "yes":
            for child in list(translation):
                translation.remove(child)
            ET.SubElement(translation, "numerusform").text = ZH[source]
        else:
            translation.text = ZH[source]
    tree.write(path, encoding="utf-8", xml_declaration=True)
    return missing


if __name__ == "__main__":
    left = fill(sys.argv[1])
    for source in left:
        print(f"untranslated: {source!r}", file=sys.stderr)
    sys.exit(1 if left else 0)
