<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="en">
<context>
    <name>HandoverDialog</name>
    <message numerus="yes">
        <location filename="../../ui/handover/dialog.py" line="236"/>
        <source>Sign with %n open point(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="142"/>
        <source>%n open case(s)</source>
        <translation>
            <numerusform>%n open case</numerusform>
            <numerusform>%n open cases</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/queue_panel.py" line="144"/>
        <source>%1 of %n open case(s)</source>
        <translation>
            <numerusform>%1 of %n open case</numerusform>
            <numerusform>%1 of %n open cases</numerusform>
        </translation>
    </message>
</context>
</TS>
