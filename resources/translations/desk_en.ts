<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message numerus="yes">
        <location filename="../../ui/about_dialog.py" line="40"/>
        <source>%n backup(s) of this database there</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>BulkEntryBar</name>
    <message numerus="yes">
        <location filename="../../ui/handover/shift_panel.py" line="69"/>
        <source>%n case(s) selected:</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerListDialog</name>
    <message numerus="yes">
        <location filename="../../ui/customer_list.py" line="181"/>
        <source>%n customer(s)</source>
        <translation>
            <numerusform>%n customer</numerusform>
            <numerusform>%n customers</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CustomerListModel</name>
    <message numerus="yes">
        <location filename="../../ui/customer_list.py" line="84"/>
        <source>%n day(s)</source>
        <translation>
            <numerusform>%n day</numerusform>
            <numerusform>%n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>EndedCasesDialog</name>
    <message numerus="yes">
        <location filename="../../ui/closed_cases.py" line="170"/>
        <source>%n case(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="280"/>
        <source>%n open case(s) of the whole desk.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="282"/>
        <source>%n open case(s): assigned to %1, or acted on by them during the shift.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="326"/>
        <source>End your shift %1 – %2 (%3)? Its handover covers %n open case(s).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="380"/>
        <source>%n case(s) updated.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="425"/>
        <source>Sign with %n open point(s)…</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="138"/>
        <source>%n open case(s)</source>
        <translation>
            <numerusform>%n open case</numerusform>
            <numerusform>%n open cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="140"/>
        <source>%1 of %n open case(s)</source>
        <translation>
            <numerusform>%1 of %n open case</numerusform>
            <numerusform>%1 of %n open cases</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ReplicaIndicator</name>
    <message numerus="yes">
        <location filename="../../ui/replica_status.py" line="303"/>
        <source>%n write(s) waiting</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/replica_status.py" line="309"/>
        <source>%n conflict(s) to resolve</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ShiftStatus</name>
    <message numerus="yes">
        <location filename="../../ui/handover/status.py" line="86"/>
        <source>%n handover(s) waiting for your acknowledgement, from %1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
</TS>
