<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
    <context>
        <name />
        <message>
            <source>重新载入：显示对方保存的最新内容，这里填写的内容不保存。
返回修改：回到这里填写的内容（可以先抄下来），再重新载入后修改。</source>
            <translation>Reload: show what the other person saved; what you typed here is not saved.
Back to my changes: return to what you typed (you may copy it down first), then reload and edit again.</translation>
        </message>
        <message>
            <source>重新载入</source>
            <translation>Reload</translation>
        </message>
        <message>
            <source>返回修改</source>
            <translation>Back to my changes</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>删除{0}</source>
            <translation>Delete {0}</translation>
        </message>
        <message>
            <source>不能删除</source>
            <translation>Cannot delete</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>「{0}」已经存在，要替换它吗？</source>
            <translation>"{0}" already exists. Replace it?</translation>
        </message>
        <message>
            <source>已保存</source>
            <translation>Saved</translation>
        </message>
        <message>
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <source>打开所在文件夹</source>
            <translation>Open containing folder</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>记录数</source>
            <translation>Records</translation>
        </message>
        <message>
            <source>大小</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>合并时间</source>
            <translation>Merged at</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>内容</source>
            <translation>Content</translation>
        </message>
        <message>
            <source>记录</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>字段</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>保留的版本</source>
            <translation>Kept version</translation>
        </message>
        <message>
            <source>保留版本的时间 · 文件</source>
            <translation>Kept version: time · file</translation>
        </message>
        <message>
            <source>另一版本</source>
            <translation>Other version</translation>
        </message>
        <message>
            <source>另一版本的时间 · 文件</source>
            <translation>Other version: time · file</translation>
        </message>
        <message>
            <source>处理</source>
            <translation>Action</translation>
        </message>
        <message>
            <source>每周固定一天</source>
            <translation>Same weekday every week</translation>
        </message>
        <message>
            <source>每月固定日期</source>
            <translation>Same date every month</translation>
        </message>
        <message>
            <source>每月第几个星期几</source>
            <translation>Nth weekday of the month</translation>
        </message>
        <message>
            <source>手选日期</source>
            <translation>Pick dates by hand</translation>
        </message>
        <message>
            <source>顺延到下一个工作日</source>
            <translation>Move to the next working day</translation>
        </message>
        <message>
            <source>提前到上一个工作日</source>
            <translation>Move to the previous working day</translation>
        </message>
        <message>
            <source>取消这一次</source>
            <translation>Skip this one</translation>
        </message>
        <message>
            <source>已有的人员：报错，不导入</source>
            <translation>Existing people: report an error, import nothing</translation>
        </message>
        <message>
            <source>已有的人员：跳过，保留库中信息</source>
            <translation>Existing people: skip, keep what is in the database</translation>
        </message>
        <message>
            <source>已有的人员：用文件内容更新</source>
            <translation>Existing people: update from the file</translation>
        </message>
        <message>
            <source>第{0}行</source>
            <translation>Row {0}</translation>
        </message>
        <message>
            <source>twdesk 数据库或交换包 (*.sqlite *.db *.twdb *.twpkg);;所有文件 (*)</source>
            <translation>twdesk database or exchange package (*.sqlite *.db *.twdb *.twpkg);;All files (*)</translation>
        </message>
        <message>
            <source>新增</source>
            <translation>Added</translation>
        </message>
        <message>
            <source>修改</source>
            <translation>Changed</translation>
        </message>
        <message>
            <source>冲突</source>
            <translation>Conflicts</translation>
        </message>
        <message>
            <source>未合并</source>
            <translation>Not merged</translation>
        </message>
        <message>
            <source>不变</source>
            <translation>Unchanged</translation>
        </message>
        <message>
            <source>选择要合并进来的文件</source>
            <translation>Choose the file to merge in</translation>
        </message>
        <message>
            <source>交换包密码</source>
            <translation>Exchange package password</translation>
        </message>
        <message>
            <source>「{0}」已加密，请输入导出时设置的密码：</source>
            <translation>"{0}" is encrypted. Enter the password set when it was exported:</translation>
        </message>
        <message>
            <source>twdesk 交换包 (*.twpkg)</source>
            <translation>twdesk exchange package (*.twpkg)</translation>
        </message>
        <message>
            <source>导出交换包</source>
            <translation>Export exchange package</translation>
        </message>
        <message>
            <source>已用密码加密</source>
            <translation>password-protected</translation>
        </message>
        <message>
            <source>未加密</source>
            <translation>not encrypted</translation>
        </message>
        <message>
            <source>已导出交换包（{0}，{1} MB）。</source>
            <translation>Exchange package exported ({0}, {1} MB).</translation>
        </message>
        <message>
            <source>正在导出交换包…</source>
            <translation>Exporting the exchange package…</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>性别</source>
            <translation>Gender</translation>
        </message>
        <message>
            <source>出生日期</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <source>身份证号</source>
            <translation>ID number</translation>
        </message>
        <message>
            <source>民族</source>
            <translation>Ethnicity</translation>
        </message>
        <message>
            <source>政治面貌</source>
            <translation>Political status</translation>
        </message>
        <message>
            <source>学历</source>
            <translation>Education</translation>
        </message>
        <message>
            <source>手机号码</source>
            <translation>Mobile</translation>
        </message>
        <message>
            <source>微信号</source>
            <translation>WeChat ID</translation>
        </message>
        <message>
            <source>工作单位</source>
            <translation>Employer</translation>
        </message>
        <message>
            <source>职务</source>
            <translation>Position</translation>
        </message>
        <message>
            <source>通讯地址</source>
            <translation>Postal address</translation>
        </message>
        <message>
            <source>代表层级</source>
            <translation>Level</translation>
        </message>
        <message>
            <source>界别</source>
            <translation>Sector</translation>
        </message>
        <message>
            <source>届次</source>
            <translation>Term</translation>
        </message>
        <message>
            <source>备注</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>团代表</source>
            <translation>League delegate</translation>
        </message>
        <message>
            <source>委员</source>
            <translation>Committee member</translation>
        </message>
        <message>
            <source>往届团代表</source>
            <translation>Past delegate</translation>
        </message>
        <message>
            <source>团干部</source>
            <translation>League cadre</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>联系关系</source>
            <translation>Links</translation>
        </message>
        <message>
            <source>状态变更</source>
            <translation>Status change</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>状态变更日期</source>
            <translation>Status changed on</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>专项小组</source>
            <translation>Special groups</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>地址</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>开放时间</source>
            <translation>Opening hours</translation>
        </message>
        <message>
            <source>负责人</source>
            <translation>Person in charge</translation>
        </message>
        <message>
            <source>负责人电话</source>
            <translation>Phone of person in charge</translation>
        </message>
        <message>
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>工作职责</source>
            <translation>Duties</translation>
        </message>
        <message>
            <source>工作制度</source>
            <translation>Rules</translation>
        </message>
        <message>
            <source>服务承诺</source>
            <translation>Service pledges</translation>
        </message>
        <message>
            <source>年度计划</source>
            <translation>Yearly plan</translation>
        </message>
        <message>
            <source>所属联络站</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>身份证号在列表中隐去中间位，打开编辑窗口可查看完整号码</source>
            <translation>ID numbers are partly hidden in the list; open the editor to see the full number</translation>
        </message>
        <message>
            <source>打印预览 — {0}</source>
            <translation>Print preview — {0}</translation>
        </message>
        <message>
            <source>表格文件 (*.xlsx *.xls *.ods *.csv);;所有文件 (*)</source>
            <translation>Spreadsheets (*.xlsx *.xls *.ods *.csv);;All files (*)</translation>
        </message>
        <message>
            <source>被测评人</source>
            <translation>Person rated</translation>
        </message>
        <message>
            <source>满意</source>
            <translation>Satisfied</translation>
        </message>
        <message>
            <source>基本满意</source>
            <translation>Fairly satisfied</translation>
        </message>
        <message>
            <source>不满意</source>
            <translation>Not satisfied</translation>
        </message>
        <message>
            <source>票数</source>
            <translation>Votes</translation>
        </message>
        <message>
            <source>满意率</source>
            <translation>Satisfaction</translation>
        </message>
        <message>
            <source>第10项建议分</source>
            <translation>Item 10 suggested score</translation>
        </message>
        <message>
            <source>出生年份/年龄段</source>
            <translation>Birth year / age group</translation>
        </message>
        <message>
            <source>领域</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>单位或村</source>
            <translation>Employer or village</translation>
        </message>
        <message>
            <source>微信/QQ</source>
            <translation>WeChat/QQ</translation>
        </message>
        <message>
            <source>首次联系</source>
            <translation>First contact</translation>
        </message>
        <message>
            <source>本年联系（次）</source>
            <translation>Contacts this year</translation>
        </message>
        <message>
            <source>最近联系</source>
            <translation>Last contact</translation>
        </message>
        <message>
            <source>共有（其他联系人）</source>
            <translation>Shared with (other contacts)</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>青年</source>
            <translation>Young person</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>Channel</translation>
        </message>
        <message>
            <source>交流内容</source>
            <translation>What was discussed</translation>
        </message>
        <message>
            <source>提供帮助</source>
            <translation>Help given</translation>
        </message>
        <message>
            <source>后续跟进</source>
            <translation>Follow-up</translation>
        </message>
        <message>
            <source>地点</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>做了什么</source>
            <translation>What was done</translation>
        </message>
        <message>
            <source>主题</source>
            <translation>Theme</translation>
        </message>
        <message>
            <source>参加青年（人）</source>
            <translation>Young people</translation>
        </message>
        <message>
            <source>负责团干部</source>
            <translation>Cadre in charge</translation>
        </message>
        <message>
            <source>不同青年（人）</source>
            <translation>Distinct young people</translation>
        </message>
        <message>
            <source>覆盖领域</source>
            <translation>Fields covered</translation>
        </message>
        <message>
            <source>联系记录</source>
            <translation>Contact records</translation>
        </message>
        <message>
            <source>重复联系</source>
            <translation>Repeated contacts</translation>
        </message>
        <message>
            <source>下基层（周）</source>
            <translation>Grassroots (weeks)</translation>
        </message>
        <message>
            <source>满意度</source>
            <translation>Satisfaction</translation>
        </message>
        <message>
            <source>是否达标</source>
            <translation>On target</translation>
        </message>
        <message>
            <source>{0} / {1} 个领域</source>
            <translation>{0} / {1} fields</translation>
        </message>
        <message>
            <source>，</source>
            <translation>, </translation>
        </message>
        <message>
            <source>{0} {1} 人</source>
            <translation>{0} {1} people</translation>
        </message>
        <message>
            <source>联系人</source>
            <translation>Contact person</translation>
        </message>
        <message>
            <source>代表</source>
            <translation>Delegate</translation>
        </message>
        <message>
            <source>安排</source>
            <translation>Scheduled</translation>
        </message>
        <message>
            <source>已到期</source>
            <translation>Due</translation>
        </message>
        <message>
            <source>到岗</source>
            <translation>Present</translation>
        </message>
        <message>
            <source>缺席</source>
            <translation>Absent</translation>
        </message>
        <message>
            <source>请假</source>
            <translation>On leave</translation>
        </message>
        <message>
            <source>替班</source>
            <translation>Covered</translation>
        </message>
        <message>
            <source>待坐班</source>
            <translation>Upcoming</translation>
        </message>
        <message>
            <source>星期一</source>
            <translation>Monday</translation>
        </message>
        <message>
            <source>星期二</source>
            <translation>Tuesday</translation>
        </message>
        <message>
            <source>星期三</source>
            <translation>Wednesday</translation>
        </message>
        <message>
            <source>星期四</source>
            <translation>Thursday</translation>
        </message>
        <message>
            <source>星期五</source>
            <translation>Friday</translation>
        </message>
        <message>
            <source>星期六</source>
            <translation>Saturday</translation>
        </message>
        <message>
            <source>星期日</source>
            <translation>Sunday</translation>
        </message>
        <message>
            <source>周一</source>
            <translation>Mon</translation>
        </message>
        <message>
            <source>周二</source>
            <translation>Tue</translation>
        </message>
        <message>
            <source>周三</source>
            <translation>Wed</translation>
        </message>
        <message>
            <source>周四</source>
            <translation>Thu</translation>
        </message>
        <message>
            <source>周五</source>
            <translation>Fri</translation>
        </message>
        <message>
            <source>周六</source>
            <translation>Sat</translation>
        </message>
        <message>
            <source>周日</source>
            <translation>Sun</translation>
        </message>
        <message>
            <source>第一个</source>
            <translation>First</translation>
        </message>
        <message>
            <source>第二个</source>
            <translation>Second</translation>
        </message>
        <message>
            <source>第三个</source>
            <translation>Third</translation>
        </message>
        <message>
            <source>第四个</source>
            <translation>Fourth</translation>
        </message>
        <message>
            <source>最后一个</source>
            <translation>Last</translation>
        </message>
        <message>
            <source>被替班</source>
            <translation>Covered by others</translation>
        </message>
        <message>
            <source>未登记</source>
            <translation>Not recorded</translation>
        </message>
        <message>
            <source>替他人</source>
            <translation>Covered for others</translation>
        </message>
        <message>
            <source>星期</source>
            <translation>Weekday</translation>
        </message>
        <message>
            <source>坐班代表</source>
            <translation>Duty delegate</translation>
        </message>
        <message>
            <source>说明</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>{0} 至 {1}</source>
            <translation>{0} to {1}</translation>
        </message>
        <message>
            <source>{0}替班</source>
            <translation>covered by {0}</translation>
        </message>
        <message>
            <source>自评</source>
            <translation>Self-evaluation</translation>
        </message>
        <message>
            <source>组织评价</source>
            <translation>Station evaluation</translation>
        </message>
        <message>
            <source>复核</source>
            <translation>Review</translation>
        </message>
        <message>
            <source>未评</source>
            <translation>Not evaluated</translation>
        </message>
        <message>
            <source>往年结果</source>
            <translation>Past result</translation>
        </message>
        <message>
            <source>优秀</source>
            <translation>Excellent</translation>
        </message>
        <message>
            <source>称职</source>
            <translation>Competent</translation>
        </message>
        <message>
            <source>基本称职</source>
            <translation>Basically competent</translation>
        </message>
        <message>
            <source>不称职</source>
            <translation>Incompetent</translation>
        </message>
        <message>
            <source>按项计分（封顶）</source>
            <translation>Per item (capped)</translation>
        </message>
        <message>
            <source>按比例</source>
            <translation>Proportional</translation>
        </message>
        <message>
            <source>达标得分</source>
            <translation>Score on reaching target</translation>
        </message>
        <message>
            <source>手工评定</source>
            <translation>Scored by hand</translation>
        </message>
        <message>
            <source>表格文件 (*.xlsx *.xls *.ods);;所有文件 (*)</source>
            <translation>Spreadsheets (*.xlsx *.xls *.ods);;All files (*)</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>本年度还没有开启考核：请先点“开启/刷新本年度考核”。</source>
            <translation>This year's evaluation has not been opened yet: click "Open/refresh year" first.</translation>
        </message>
        <message>
            <source>导入评分表</source>
            <translation>Import score sheet</translation>
        </message>
        <message>
            <source>导入哪个阶段的评分？</source>
            <translation>Which stage are the scores for?</translation>
        </message>
        <message>
            <source>选择评分表</source>
            <translation>Choose a score sheet</translation>
        </message>
        <message>
            <source>正在导入评分表…</source>
            <translation>Importing the score sheet…</translation>
        </message>
        <message>
            <source>导出考核结果</source>
            <translation>Export evaluation results</translation>
        </message>
        <message>
            <source>正在导出考核结果…</source>
            <translation>Exporting evaluation results…</translation>
        </message>
        <message>
            <source>考核结果已导出：{0}</source>
            <translation>Evaluation results exported: {0}</translation>
        </message>
        <message>
            <source>导出空白评分表</source>
            <translation>Export blank score sheet</translation>
        </message>
        <message>
            <source>空白评分表已导出：{0}（{1} 位代表）</source>
            <translation>Blank score sheet exported: {0} ({1} delegates)</translation>
        </message>
        <message>
            <source>打印结果表</source>
            <translation>Print results</translation>
        </message>
        <message>
            <source>结果表已保存：{0}</source>
            <translation>Results saved: {0}</translation>
        </message>
        <message>
            <source>打印后续处理名单</source>
            <translation>Print follow-up list</translation>
        </message>
        <message>
            <source>后续处理名单已保存：{0}（{1} 人）</source>
            <translation>Follow-up list saved: {0} ({1} people)</translation>
        </message>
        <message>
            <source>打印个人考核表</source>
            <translation>Print personal evaluation form</translation>
        </message>
        <message>
            <source>请先在表中选中一位代表，再打印他（她）的个人考核表。</source>
            <translation>Select a delegate in the table first, then print their personal evaluation form.</translation>
        </message>
        <message>
            <source>个人考核表已保存：{0}</source>
            <translation>Personal evaluation form saved: {0}</translation>
        </message>
        <message>
            <source>等次分布</source>
            <translation>Grades</translation>
        </message>
        <message>
            <source>等次分布（优秀名额 {0}）</source>
            <translation>Grades (Excellent quota {0})</translation>
        </message>
        <message>
            <source>同分值</source>
            <translation>Same points</translation>
        </message>
        <message>
            <source>用台账目标</source>
            <translation>Use ledger targets</translation>
        </message>
        <message>
            <source>序号</source>
            <translation>No.</translation>
        </message>
        <message>
            <source>分值</source>
            <translation>Points</translation>
        </message>
        <message>
            <source>计分来源</source>
            <translation>Score source</translation>
        </message>
        <message>
            <source>计分方式</source>
            <translation>Scoring method</translation>
        </message>
        <message>
            <source>计入的活动类型</source>
            <translation>Activity types counted</translation>
        </message>
        <message>
            <source>每项得分</source>
            <translation>Points per item</translation>
        </message>
        <message>
            <source>封顶分</source>
            <translation>Cap</translation>
        </message>
        <message>
            <source>每次扣分</source>
            <translation>Deduction each time</translation>
        </message>
        <message>
            <source>领办得分</source>
            <translation>Points for leading</translation>
        </message>
        <message>
            <source>目标数</source>
            <translation>Target</translation>
        </message>
        <message>
            <source>计分规则</source>
            <translation>Scoring rule</translation>
        </message>
        <message>
            <source>{0} 人：{1}</source>
            <translation>{0} people: {1}</translation>
        </message>
        <message>
            <source>齐全</source>
            <translation>Complete</translation>
        </message>
        <message>
            <source>{0}年考核进度</source>
            <translation>{0} evaluation progress</translation>
        </message>
        <message>
            <source>代表数</source>
            <translation>Delegates</translation>
        </message>
        <message>
            <source>缺{0}</source>
            <translation>Missing {0}</translation>
        </message>
        <message>
            <source>锁定</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>已锁定</source>
            <translation>Locked</translation>
        </message>
        <message>
            <source>共 {0} 个联络站，{1} 名代表；已锁定 {2} 个站。</source>
            <translation>{0} stations, {1} delegates; {2} stations locked.</translation>
        </message>
        <message>
            <source>{0}年还没有开启考核。</source>
            <translation>The {0} evaluation has not been opened yet.</translation>
        </message>
        <message>
            <source>计分依据 — {0}</source>
            <translation>Score basis — {0}</translation>
        </message>
        <message>
            <source>（没有计分说明）</source>
            <translation>(no scoring notes)</translation>
        </message>
        <message>
            <source>共 {0} 条记录</source>
            <translation>{0} records</translation>
        </message>
        <message>
            <source>加分</source>
            <translation>Bonus</translation>
        </message>
        <message>
            <source>否决</source>
            <translation>Veto</translation>
        </message>
        <message>
            <source>总分</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>等次</source>
            <translation>Grade</translation>
        </message>
        <message>
            <source>后续处理</source>
            <translation>Follow-up</translation>
        </message>
        <message>
            <source>阶段</source>
            <translation>Stage</translation>
        </message>
        <message>
            <source>并列待定</source>
            <translation>Tie pending</translation>
        </message>
        <message>
            <source>无排班</source>
            <translation>No duty schedule</translation>
        </message>
        <message>
            <source>{0}分</source>
            <translation>{0} pts</translation>
        </message>
        <message>
            <source>并列决定：{0}</source>
            <translation>Tie decided: {0}</translation>
        </message>
        <message>
            <source>与他人并列在优秀名额线上，请点“决定并列…”</source>
            <translation>Tied with others on the Excellent quota line; click "Decide ties…"</translation>
        </message>
        <message>
            <source>{0}. {1}（{2} 分）</source>
            <translation>{0}. {1} ({2} pts)</translation>
        </message>
        <message>
            <source>建议分：{0}</source>
            <translation>Suggested score: {0}</translation>
        </message>
        <message>
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <source>{0}尚未录入，显示的是建议分</source>
            <translation>{0} not entered yet; showing the suggested score</translation>
        </message>
        <message>
            <source>{0}：{1}</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>调整理由：{0}</source>
            <translation>Reason for change: {0}</translation>
        </message>
        <message>
            <source>（未填写）</source>
            <translation>(not filled in)</translation>
        </message>
        <message>
            <source>双击查看计分依据</source>
            <translation>Double-click to see the score basis</translation>
        </message>
        <message>
            <source>名次</source>
            <translation>Rank</translation>
        </message>
        <message>
            <source>考核方案</source>
            <translation>Evaluation scheme</translation>
        </message>
        <message>
            <source>指标</source>
            <translation>Indicators</translation>
        </message>
        <message>
            <source>添加指标</source>
            <translation>Add indicator</translation>
        </message>
        <message>
            <source>删除指标</source>
            <translation>Delete indicator</translation>
        </message>
        <message>
            <source>加分项</source>
            <translation>Bonus items</translation>
        </message>
        <message>
            <source>添加加分项</source>
            <translation>Add bonus item</translation>
        </message>
        <message>
            <source>删除加分项</source>
            <translation>Delete bonus item</translation>
        </message>
        <message>
            <source>加分项（总加分不超过上限）</source>
            <translation>Bonus items (total bonus within the cap)</translation>
        </message>
        <message>
            <source>加分上限</source>
            <translation>Bonus cap</translation>
        </message>
        <message>
            <source>否决情形（每行一条；出现任一情形，等次直接定为不称职）</source>
            <translation>Veto situations (one per line; any one of them makes the grade Incompetent)</translation>
        </message>
        <message>
            <source>优秀：总分不低于</source>
            <translation>Excellent: total at least</translation>
        </message>
        <message>
            <source>称职：总分不低于</source>
            <translation>Competent: total at least</translation>
        </message>
        <message>
            <source>基本称职：总分不低于</source>
            <translation>Basically competent: total at least</translation>
        </message>
        <message>
            <source>低于基本称职分数线为不称职。</source>
            <translation>Below the Basically competent line is Incompetent.</translation>
        </message>
        <message>
            <source>优秀比例（每个联络站，向下取整，至少 1 人）</source>
            <translation>Excellent share (per station, rounded down, at least 1 person)</translation>
        </message>
        <message>
            <source>未设置</source>
            <translation>Not set</translation>
        </message>
        <message>
            <source>本届起止年份（每年均为优秀者在最后一年推荐为下届候选人）</source>
            <translation>Term years (delegates Excellent every year are recommended as next-term candidates in the last year)</translation>
        </message>
        <message>
            <source>加分与否决</source>
            <translation>Bonus and veto</translation>
        </message>
        <message>
            <source>等次与名额</source>
            <translation>Grades and quota</translation>
        </message>
        <message>
            <source>已锁定的年度保留锁定时的方案，不受修改影响；未锁定的年度在“开启/刷新”时按新方案重算建议分。</source>
            <translation>Locked years keep the scheme they were locked with; unlocked years recompute suggested scores with the new scheme on "Open/refresh".</translation>
        </message>
        <message>
            <source>方案名称</source>
            <translation>Scheme name</translation>
        </message>
        <message>
            <source>新指标</source>
            <translation>New indicator</translation>
        </message>
        <message>
            <source>新加分项</source>
            <translation>New bonus item</translation>
        </message>
        <message>
            <source>分值合计：{0} 分</source>
            <translation>Points total: {0}</translation>
        </message>
        <message>
            <source>方案检查通过。</source>
            <translation>The scheme checks out.</translation>
        </message>
        <message>
            <source>与建议分不同，请写明理由</source>
            <translation>Differs from the suggested score; please give a reason</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>加分（上限 {0} 分）</source>
            <translation>Bonus (cap {0} pts)</translation>
        </message>
        <message>
            <source>否决情形</source>
            <translation>Veto situations</translation>
        </message>
        <message>
            <source>保存并下一位</source>
            <translation>Save and next</translation>
        </message>
        <message>
            <source>按 Tab 在各项得分间移动，回车保存并录入下一位；与建议分不同的得分需写明理由。</source>
            <translation>Tab moves between scores, Enter saves and goes to the next delegate; a score that differs from the suggested one needs a reason.</translation>
        </message>
        <message>
            <source>录入{0} — {1}</source>
            <translation>Enter {0} — {1}</translation>
        </message>
        <message>
            <source>{0}（{1}）　{2}年 · {3}　第 {4}/{5} 位</source>
            <translation>{0} ({1})　{2} · {3}　{4} of {5}</translation>
        </message>
        <message>
            <source>建议分</source>
            <translation>Suggested</translation>
        </message>
        <message>
            <source>得分</source>
            <translation>Score</translation>
        </message>
        <message>
            <source>调整理由</source>
            <translation>Reason for change</translation>
        </message>
        <message>
            <source>第 {0} 项“{1}”的得分“{2}”不是有效的分数，请填写 0 到 {3} 之间的数。</source>
            <translation>Item {0} "{1}": score "{2}" is not a valid score; enter a number from 0 to {3}.</translation>
        </message>
        <message>
            <source>加分“{0}”不是有效的分数。</source>
            <translation>Bonus "{0}" is not a valid score.</translation>
        </message>
        <message>
            <source>录入{0}</source>
            <translation>Enter {0}</translation>
        </message>
        <message>
            <source>决定并列 — {0} {1}年</source>
            <translation>Decide ties — {0} {1}</translation>
        </message>
        <message>
            <source>优秀名额 {0} 个，已定优秀 {1} 人；以下 {2} 人总分并列在名额线上，只剩 {3} 个名额。请逐人决定优秀或称职，并写明理由（记入操作日志）。</source>
            <translation>Excellent quota {0}, {1} already Excellent; the {2} people below are tied on the quota line with only {3} places left. Decide Excellent or Competent for each and give a reason (recorded in the operation log).</translation>
        </message>
        <message>
            <source>决定</source>
            <translation>Decision</translation>
        </message>
        <message>
            <source>（暂不决定）</source>
            <translation>(undecided)</translation>
        </message>
        <message>
            <source>决定理由（必填），例如：经站务会研究，按全年坐班到岗情况确定</source>
            <translation>Reason for the decision (required), e.g. decided at the station meeting by duty-day attendance over the year</translation>
        </message>
        <message>
            <source>保存决定</source>
            <translation>Save decision</translation>
        </message>
        <message>
            <source>理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>决定并列</source>
            <translation>Decide ties</translation>
        </message>
        <message>
            <source>请至少为一位并列的代表选择“优秀”或“称职”。</source>
            <translation>Choose "Excellent" or "Competent" for at least one tied delegate.</translation>
        </message>
        <message>
            <source>请填写决定的理由。</source>
            <translation>Please give the reason for the decision.</translation>
        </message>
        <message>
            <source>表中各项指标显示、录入的阶段</source>
            <translation>The stage whose scores the table shows and enters</translation>
        </message>
        <message>
            <source>开启/刷新本年度考核</source>
            <translation>Open/refresh year</translation>
        </message>
        <message>
            <source>为各联络站本年度的每位代表建立考核并按履职记录计算建议分；已录入的分数不会改变</source>
            <translation>Create this year's evaluation for every delegate of every station and compute suggested scores from their records; scores already entered are kept</translation>
        </message>
        <message>
            <source>录入本阶段…</source>
            <translation>Enter this stage…</translation>
        </message>
        <message>
            <source>决定并列…</source>
            <translation>Decide ties…</translation>
        </message>
        <message>
            <source>锁定本年度</source>
            <translation>Lock this year</translation>
        </message>
        <message>
            <source>考核方案…</source>
            <translation>Evaluation scheme…</translation>
        </message>
        <message>
            <source>进度</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>导入评分表…</source>
            <translation>Import score sheet…</translation>
        </message>
        <message>
            <source>导出结果…</source>
            <translation>Export results…</translation>
        </message>
        <message>
            <source>导出空白评分表…</source>
            <translation>Export blank score sheet…</translation>
        </message>
        <message>
            <source>打印结果表…</source>
            <translation>Print results…</translation>
        </message>
        <message>
            <source>打印后续处理名单…</source>
            <translation>Print follow-up list…</translation>
        </message>
        <message>
            <source>打印个人考核表…</source>
            <translation>Print personal form…</translation>
        </message>
        <message>
            <source>生成本站档案…</source>
            <translation>Station dossiers…</translation>
        </message>
        <message>
            <source>为本站本年度的每位团代表生成履职档案 PDF</source>
            <translation>Generate a duty dossier PDF for every delegate of this station for this year</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>灰字：尚未录入，显示建议分
黄底：与建议分不同（悬停看理由）
绿底：优秀
绿线：优秀名额线
红底：并列待定

双击分数：查看计分依据
双击姓名：录入本阶段</source>
            <translation>Grey: not entered yet, suggested score shown
Yellow: differs from the suggested score (hover for the reason)
Green: Excellent
Green line: Excellent quota line
Red: tie pending

Double-click a score: see its basis
Double-click a name: enter this stage</translation>
        </message>
        <message>
            <source>{0} 年</source>
            <translation>{0}</translation>
        </message>
        <message>
            <source>{0}年的考核还没有开启。点“开启/刷新本年度考核”，为各联络站本年度的每位团代表建立考核，并根据坐班、来访和履职记录算出各项建议分。</source>
            <translation>The {0} evaluation has not been opened yet. Click "Open/refresh year" to create an evaluation for every delegate of every station and compute suggested scores from duty days, visits and records.</translation>
        </message>
        <message>
            <source>【已锁定】{0}{1}年的考核结果已锁定，分数、等次和后续处理不再变化；如需修改请先解锁。</source>
            <translation>[Locked] The {1} evaluation of {0} is locked: scores, grades and follow-up no longer change; unlock it first to make changes.</translation>
        </message>
        <message>
            <source>{0} 名代表 · 优秀名额 {1} · {2}已录入 {3} 人</source>
            <translation>{0} delegates · quota {1} · {2}: {3} entered</translation>
        </message>
        <message>
            <source> · 并列待定 {0} 人</source>
            <translation> · ties pending {0}</translation>
        </message>
        <message>
            <source>有代表总分并列在优秀名额线上时，在这里决定</source>
            <translation>Decide here when delegates are tied on the Excellent quota line</translation>
        </message>
        <message>
            <source>解锁…</source>
            <translation>Unlock…</translation>
        </message>
        <message>
            <source>{0}年没有可考核的团代表：请先在“联络站与代表”中为联络站分配团代表。</source>
            <translation>No delegates to evaluate in {0}: first assign delegates to stations under "Stations and delegates".</translation>
        </message>
        <message>
            <source>正在开启{0}年考核…</source>
            <translation>Opening the {0} evaluation…</translation>
        </message>
        <message>
            <source>录入本阶段</source>
            <translation>Enter this stage</translation>
        </message>
        <message>
            <source>请先开启本年度考核。</source>
            <translation>Open this year's evaluation first.</translation>
        </message>
        <message>
            <source>{0}年的考核已锁定，不能再录入；如需修改请先解锁。</source>
            <translation>The {0} evaluation is locked and cannot be entered; unlock it first to make changes.</translation>
        </message>
        <message>
            <source>已保存 {0} 位代表的{1}</source>
            <translation>{1} saved for {0} delegates</translation>
        </message>
        <message>
            <source>本站没有并列待定的代表。</source>
            <translation>No tied delegates pending at this station.</translation>
        </message>
        <message>
            <source>解锁</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <source>解锁{0}{1}年的考核需要说明理由（记入操作日志）：</source>
            <translation>Unlocking the {1} evaluation of {0} needs a reason (recorded in the operation log):</translation>
        </message>
        <message>
            <source>锁定后，{0}{1}年的分数、等次、后续处理和考核方案都将固定，记录或方案再变也不会改变它们。确定锁定吗？</source>
            <translation>Once locked, the {1} scores, grades, follow-up and scheme of {0} are fixed, whatever later changes to records or the scheme. Lock now?</translation>
        </message>
        <message>
            <source>已{0} {1} 份考核</source>
            <translation>{0} {1} evaluations</translation>
        </message>
        <message>
            <source>生成本站档案</source>
            <translation>Station dossiers</translation>
        </message>
        <message>
            <source>本年度还没有开启考核，请先选择联络站。</source>
            <translation>This year's evaluation has not been opened; choose a station first.</translation>
        </message>
        <message>
            <source>计分依据</source>
            <translation>Score basis</translation>
        </message>
        <message>
            <source>共 {0} 条</source>
            <translation>{0} in total</translation>
        </message>
        <message>
            <source>{0} 年联络站考评细则</source>
            <translation>{0} station assessment rules</translation>
        </message>
        <message>
            <source>考评项目</source>
            <translation>Assessment item</translation>
        </message>
        <message>
            <source>参数</source>
            <translation>Parameter</translation>
        </message>
        <message>
            <source>添加一项</source>
            <translation>Add item</translation>
        </message>
        <message>
            <source>删除选中项</source>
            <translation>Delete selected</translation>
        </message>
        <message>
            <source>参数：“超期意见”为每条扣分；“每月活动”为每月至少几次。总分建议为 100 分。</source>
            <translation>Parameter: for "overdue opinions" the deduction per item; for "monthly activities" the minimum per month. A total of 100 points is suggested.</translation>
        </message>
        <message>
            <source>总分不低于</source>
            <translation>Total at least</translation>
        </message>
        <message>
            <source>添加等次</source>
            <translation>Add grade</translation>
        </message>
        <message>
            <source>删除选中等次</source>
            <translation>Delete selected grade</translation>
        </message>
        <message>
            <source>等次从高到低排列，最后一档的分数线为 0；各年度通用（如：五星 95、四星 85 …）。</source>
            <translation>List grades from highest to lowest; the last line is 0. The lines hold for every year (e.g. five stars 95, four stars 85 …).</translation>
        </message>
        <message>
            <source>等次分数线</source>
            <translation>Grade lines</translation>
        </message>
        <message>
            <source>新等次</source>
            <translation>New grade</translation>
        </message>
        <message>
            <source>新考评项</source>
            <translation>New assessment item</translation>
        </message>
        <message>
            <source> 年</source>
            <translation> </translation>
        </message>
        <message>
            <source>计分依据…</source>
            <translation>Score basis…</translation>
        </message>
        <message>
            <source>选中一个得分格，查看建议分依据的记录</source>
            <translation>Select a score cell to see the records behind its suggested score</translation>
        </message>
        <message>
            <source>录入得分…</source>
            <translation>Enter score…</translation>
        </message>
        <message>
            <source>恢复建议分</source>
            <translation>Restore suggested score</translation>
        </message>
        <message>
            <source>考评细则…</source>
            <translation>Assessment rules…</translation>
        </message>
        <message>
            <source>导出 PDF…</source>
            <translation>Export PDF…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
        <message>
            <source>考评年度</source>
            <translation>Assessment year</translation>
        </message>
        <message>
            <source>得分格显示计入总分的分数：蓝色为考评组录入的分数，其余为根据记录算出的建议分；双击得分格查看依据的记录。</source>
            <translation>Score cells show the points that count: blue ones were entered by the assessment panel, the others are suggested from the records; double-click a cell to see those records.</translation>
        </message>
        <message>
            <source>（{0}分）</source>
            <translation>({0} pts)</translation>
        </message>
        <message>
            <source>建议分 {0}：{1}</source>
            <translation>Suggested {0}: {1}</translation>
        </message>
        <message>
            <source>
录入得分 {0}{1}</source>
            <translation>
Entered score {0}{1}</translation>
        </message>
        <message>
            <source>{0} 年共 {1} 个联络站参加考评：{2}</source>
            <translation>{0}: {1} stations assessed: {2}</translation>
        </message>
        <message>
            <source>{0} {1} 个</source>
            <translation>{0}: {1}</translation>
        </message>
        <message>
            <source>录入得分</source>
            <translation>Enter score</translation>
        </message>
        <message>
            <source>{0}「{1}」得分（0–{2}）：</source>
            <translation>{0} "{1}" score (0–{2}):</translation>
        </message>
        <message>
            <source>说明（可不填）：</source>
            <translation>Notes (optional):</translation>
        </message>
        <message>
            <source>得分没有保存</source>
            <translation>Score not saved</translation>
        </message>
        <message>
            <source>考评细则没有保存</source>
            <translation>Assessment rules not saved</translation>
        </message>
        <message>
            <source>导出考评结果</source>
            <translation>Export assessment results</translation>
        </message>
        <message>
            <source>考评结果已保存。</source>
            <translation>Assessment results saved.</translation>
        </message>
        <message>
            <source>导出图表</source>
            <translation>Export chart</translation>
        </message>
        <message>
            <source>PNG 图片 (*.png)</source>
            <translation>PNG images (*.png)</translation>
        </message>
        <message>
            <source>图表没有保存：无法写入「{0}」。</source>
            <translation>Chart not saved: cannot write "{0}".</translation>
        </message>
        <message>
            <source>图表已保存。</source>
            <translation>Chart saved.</translation>
        </message>
        <message>
            <source>来访人次（按月）</source>
            <translation>Visits (by month)</translation>
        </message>
        <message>
            <source>意见建议（按月）</source>
            <translation>Opinions (by month)</translation>
        </message>
        <message>
            <source>意见建议办理状态</source>
            <translation>Opinion status</translation>
        </message>
        <message>
            <source>坐班到岗率（按联络站）</source>
            <translation>Duty attendance (by station)</translation>
        </message>
        <message>
            <source>1+100 按进度达标率</source>
            <translation>1+100 on track</translation>
        </message>
        <message>
            <source>联络站考评等次</source>
            <translation>Station assessment grades</translation>
        </message>
        <message>
            <source>团代表履职考核等次</source>
            <translation>Delegate evaluation grades</translation>
        </message>
        <message>
            <source>县级工作概况 PDF…</source>
            <translation>County summary PDF…</translation>
        </message>
        <message>
            <source>一页纸的全县概况（月调度、季总结用）：待办事项和全部图表</source>
            <translation>The county at a glance on one page (monthly meetings, quarterly summaries): to-dos and all charts</translation>
        </message>
        <message>
            <source>导出 PNG…</source>
            <translation>Export PNG…</translation>
        </message>
        <message>
            <source>正在统计…</source>
            <translation>Counting…</translation>
        </message>
        <message>
            <source>正在统计全县概况…</source>
            <translation>Counting the county summary…</translation>
        </message>
        <message>
            <source>县级工作概况</source>
            <translation>County work summary</translation>
        </message>
        <message>
            <source>县级工作概况已保存。</source>
            <translation>County work summary saved.</translation>
        </message>
        <message>
            <source>问题描述</source>
            <translation>Problem</translation>
        </message>
        <message>
            <source>发现日期</source>
            <translation>Found on</translation>
        </message>
        <message>
            <source>整改期限</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <source>责任人</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <source>跟进情况</source>
            <translation>Follow-up</translation>
        </message>
        <message>
            <source>完成日期</source>
            <translation>Completed on</translation>
        </message>
        <message>
            <source>整改问题</source>
            <translation>Rectification issues</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>新增问题…</source>
            <translation>New issue…</translation>
        </message>
        <message>
            <source>编辑…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <source>跟进…</source>
            <translation>Follow up…</translation>
        </message>
        <message>
            <source>整改完成…</source>
            <translation>Completed…</translation>
        </message>
        <message>
            <source>重新整改…</source>
            <translation>Reopen…</translation>
        </message>
        <message>
            <source>把选中的问题移入回收站（可从 编辑 → 回收站 恢复）</source>
            <translation>Move the selected problems to the recycle bin (restore them from Edit → Recycle bin)</translation>
        </message>
        <message>
            <source>打印本站台账…</source>
            <translation>Print station log…</translation>
        </message>
        <message>
            <source>选中联络站的整改台账 PDF（未选联络站时打印全县）</source>
            <translation>Rectification log PDF of the selected station (the whole county when none is selected)</translation>
        </message>
        <message>
            <source>全部联络站</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>共 {0} 个问题，其中超期 {1} 个（红色）</source>
            <translation>{0} issues, {1} overdue (red)</translation>
        </message>
        <message>
            <source>跟进</source>
            <translation>Follow up</translation>
        </message>
        <message>
            <source>跟进情况（督办、整改进展）：</source>
            <translation>Follow-up (supervision, progress):</translation>
        </message>
        <message>
            <source>整改完成</source>
            <translation>Rectification completed</translation>
        </message>
        <message>
            <source>整改情况（完成日期为今天）：</source>
            <translation>What was done (completed today):</translation>
        </message>
        <message>
            <source>重新整改</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <source>重新整改的原因：</source>
            <translation>Why it must be redone:</translation>
        </message>
        <message>
            <source>全县</source>
            <translation>Whole county</translation>
        </message>
        <message>
            <source>整改台账</source>
            <translation>Rectification log</translation>
        </message>
        <message>
            <source>整改台账已保存。</source>
            <translation>Rectification log saved.</translation>
        </message>
        <message>
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <source>需要处理的事项</source>
            <translation>To do</translation>
        </message>
        <message>
            <source>数量</source>
            <translation>Count</translation>
        </message>
        <message>
            <source>单击一行，转到它所在的页面并选中那条记录；红色为已超期或需要立即处理。</source>
            <translation>Click a row to go to its page with that record selected; red means overdue or urgent.</translation>
        </message>
        <message>
            <source>正在统计其余事项…</source>
            <translation>Counting the other items…</translation>
        </message>
        <message>
            <source>其余事项没有统计出来：{0}</source>
            <translation>The other items could not be counted: {0}</translation>
        </message>
        <message>
            <source>单击转到记录</source>
            <translation>Click to go to the record</translation>
        </message>
        <message>
            <source>今天没有需要处理的事项。</source>
            <translation>Nothing to do today.</translation>
        </message>
        <message>
            <source>今日待办</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>全县概况</source>
            <translation>County overview</translation>
        </message>
        <message>
            <source>联络站考评</source>
            <translation>Station assessment</translation>
        </message>
        <message>
            <source>联系青年人次</source>
            <translation>Youth contacted</translation>
        </message>
        <message>
            <source>团支部</source>
            <translation>League branches</translation>
        </message>
        <message>
            <source>坐班到岗/安排</source>
            <translation>Duty present/scheduled</translation>
        </message>
        <message>
            <source>待确认</source>
            <translation>To confirm</translation>
        </message>
        <message>
            <source>计入联系青年人次的活动类型：</source>
            <translation> Activity types counted as youth contacts: </translation>
        </message>
        <message>
            <source>活动类型</source>
            <translation>Activity type</translation>
        </message>
        <message>
            <source>次数</source>
            <translation>Count</translation>
        </message>
        <message>
            <source>覆盖人次</source>
            <translation>People reached</translation>
        </message>
        <message>
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <source>活动名称</source>
            <translation>Activity</translation>
        </message>
        <message>
            <source>参与代表</source>
            <translation>Delegates taking part</translation>
        </message>
        <message>
            <source>项目</source>
            <translation>Project</translation>
        </message>
        <message>
            <source>附件</source>
            <translation>Attachments</translation>
        </message>
        <message>
            <source>期间</source>
            <translation>Period</translation>
        </message>
        <message>
            <source>活动次数</source>
            <translation>Activities</translation>
        </message>
        <message>
            <source>主题（人次最多的活动）</source>
            <translation>Theme (activity reaching most people)</translation>
        </message>
        <message>
            <source>各类活动</source>
            <translation>By type</translation>
        </message>
        <message>
            <source>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
            <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
        </message>
        <message>
            <source>未填写</source>
            <translation>not filled in</translation>
        </message>
        <message>
            <source>目录</source>
            <translation>Contents</translation>
        </message>
        <message>
            <source>开始使用</source>
            <translation>Getting started</translation>
        </message>
        <message>
            <source>首页</source>
            <translation>Home</translation>
        </message>
        <message>
            <source>U 盘交换、合并与备份</source>
            <translation>USB exchange, merging and backups</translation>
        </message>
        <message>
            <source>文件打不开怎么办</source>
            <translation>When a file will not open</translation>
        </message>
        <message>
            <source>今天需要处理的事项、全县概况图表、联络站考评和整改台账。</source>
            <translation>Today's to-dos, county overview charts, station assessment and the rectification log.</translation>
        </message>
        <message>
            <source>坐班安排、未登记到岗、超期和本周到期的意见建议、待确认的履职记录</source>
            <translation>Duty schedule, unrecorded attendance, overdue and due-this-week opinions, records to confirm</translation>
        </message>
        <message>
            <source>1+100 进度滞后、考核环节未完成、节假日数据、备份提醒</source>
            <translation>1+100 behind schedule, unfinished evaluation steps, holiday data, backup reminders</translation>
        </message>
        <message>
            <source>全县概况图表和一页纸工作调度 PDF</source>
            <translation>County overview charts and a one-page work summary PDF</translation>
        </message>
        <message>
            <source>联络站规范化建设考评和整改台账</source>
            <translation>Station standardisation assessment and rectification log</translation>
        </message>
        <message>
            <source>联络站与代表</source>
            <translation>Stations and delegates</translation>
        </message>
        <message>
            <source>县级联络站、乡镇（街道）联络站和行业分站，进站团代表、委员、往届团代表，专项小组与五公开。</source>
            <translation>County station, township (street) stations and sector sub-stations; their delegates, committee members, past delegates, special groups and public board.</translation>
        </message>
        <message>
            <source>联络站树：新增、编辑、撤销；每个站的代表、专项小组和五公开信息</source>
            <translation>Station tree: add, edit, close; each station's delegates, special groups and public board</translation>
        </message>
        <message>
            <source>代表信息编辑：身份证号校验、照片、状态变更历史</source>
            <translation>Delegate details: ID number checks, photo, status history</translation>
        </message>
        <message>
            <source>按姓名、拼音首字母、手机号、身份证尾号即时查找</source>
            <translation>Instant search by name, pinyin initials, mobile or last digits of the ID number</translation>
        </message>
        <message>
            <source>从 Excel 导入名册（全部校验通过才写入）和导出名册</source>
            <translation>Import the roster from Excel (written only when every row passes) and export it</translation>
        </message>
        <message>
            <source>坐班日历</source>
            <translation>Duty calendar</translation>
        </message>
        <message>
            <source>驻站坐班（接待日）规则、法定节假日与调休、全年轮值表和到岗情况。</source>
            <translation>Duty day (reception day) rules, public holidays and make-up workdays, the yearly rota and attendance.</translation>
        </message>
        <message>
            <source>每周固定一天或每月固定一天的坐班规则，节假日自动顺延</source>
            <translation>Duty rules on a fixed weekday or a fixed day of the month; holidays move automatically</translation>
        </message>
        <message>
            <source>公平的全年轮值，换班、替班记录</source>
            <translation>A fair yearly rota; swaps and cover recorded</translation>
        </message>
        <message>
            <source>到岗 / 缺席 / 请假 / 替班登记，未登记的日子醒目提示</source>
            <translation>Present / absent / on leave / covered, with unrecorded days highlighted</translation>
        </message>
        <message>
            <source>打印张贴的坐班公示表（A4 / A3）</source>
            <translation>Printable duty notice for the board (A4 / A3)</translation>
        </message>
        <message>
            <source>来访登记</source>
            <translation>Visits</translation>
        </message>
        <message>
            <source>坐班日接待青年的登记，意见建议的交办、办结和反馈。</source>
            <translation>Register of young people received on duty days; opinions referred, handled and reported back.</translation>
        </message>
        <message>
            <source>适合键盘快速录入的来访登记表</source>
            <translation>A visitor register made for fast keyboard entry</translation>
        </message>
        <message>
            <source>意见建议交办 → 办理中 → 办结 → 反馈，超期自动提醒</source>
            <translation>Opinions: referred → in progress → handled → reported back, with overdue reminders</translation>
        </message>
        <message>
            <source>打印交办单；按时间、联络站统计并导出</source>
            <translation>Print referral slips; statistics by period and station, with export</translation>
        </message>
        <message>
            <source>履职记录</source>
            <translation>Duty records</translation>
        </message>
        <message>
            <source>团代表的履职手册（分账本）和联络站的活动登记簿（总账本）。</source>
            <translation>Delegates' duty ledgers and the stations' activity registers.</translation>
        </message>
        <message>
            <source>会议、培训、联系青年、领办项目、志愿服务等活动记录</source>
            <translation>Meetings, training, youth contacts, led projects, volunteering and other activities</translation>
        </message>
        <message>
            <source>代表自报、联络站确认或退回</source>
            <translation>Reported by delegates, confirmed or returned by the station</translation>
        </message>
        <message>
            <source>“1+100” 联系青年和团支部的进度</source>
            <translation>Progress on "1+100" youth and League branch contacts</translation>
        </message>
        <message>
            <source>联系青年</source>
            <translation>Youth contacts</translation>
        </message>
        <message>
            <source>团代表 1+100 和团干部直接联系青年：联系青年名册、联系记录、下基层、专题开放日、满意度测评、季度通报。</source>
            <translation>Delegates' 1+100 and cadres' direct contact with young people: contact rosters, contact records, grassroots days, open days, satisfaction surveys, quarterly bulletins.</translation>
        </message>
        <message>
            <source>每位联系人的不同青年人数、覆盖领域、重复联系提示</source>
            <translation>Distinct young people, fields covered and repeated-contact hints per contact person</translation>
        </message>
        <message>
            <source>同一青年在多本名册中只算一人，列为共有</source>
            <translation>A young person on several rosters counts once and is shown as shared</translation>
        </message>
        <message>
            <source>每周下基层、每季度专题开放日是否达标</source>
            <translation>Whether the weekly grassroots day and quarterly open day are met</translation>
        </message>
        <message>
            <source>季度通报 PDF / Excel，满意度测评计入考核第10项建议分</source>
            <translation>Quarterly bulletin PDF / Excel; satisfaction surveys feed the suggested score of evaluation item 10</translation>
        </message>
        <message>
            <source>履职考核</source>
            <translation>Evaluation</translation>
        </message>
        <message>
            <source>年度十项指标考核：自评、组织评价、复核，等次及其后续处理。</source>
            <translation>Yearly ten-indicator evaluation: self-evaluation, station evaluation, review; grades and their follow-up.</translation>
        </message>
        <message>
            <source>根据履职记录自动给出建议分，可逐项调整并说明理由</source>
            <translation>Suggested scores from the duty records, adjustable item by item with a reason</translation>
        </message>
        <message>
            <source>优秀比例不超过 20%，并列时提示决定</source>
            <translation>Excellent limited to 20%, ties flagged for a decision</translation>
        </message>
        <message>
            <source>一人一册一档案：批量打印代表履职档案 PDF</source>
            <translation>One dossier per delegate: print duty dossier PDFs in batches</translation>
        </message>
        <message>
            <source>超期</source>
            <translation>overdue</translation>
        </message>
        <message>
            <source>期限 {0}</source>
            <translation>due {0}</translation>
        </message>
        <message>
            <source>（已超期）</source>
            <translation>(overdue)</translation>
        </message>
        <message>
            <source>全年</source>
            <translation>Whole year</translation>
        </message>
        <message>
            <source>第一季度</source>
            <translation>Q1</translation>
        </message>
        <message>
            <source>第二季度</source>
            <translation>Q2</translation>
        </message>
        <message>
            <source>第三季度</source>
            <translation>Q3</translation>
        </message>
        <message>
            <source>第四季度</source>
            <translation>Q4</translation>
        </message>
        <message>
            <source>上半年</source>
            <translation>First half</translation>
        </message>
        <message>
            <source>下半年</source>
            <translation>Second half</translation>
        </message>
        <message>
            <source>%Y年%m月%d日</source>
            <translation>%Y-%m-%d</translation>
        </message>
        <message>
            <source>{0}至{1}</source>
            <translation>{0} to {1}</translation>
        </message>
        <message>
            <source>{0}月</source>
            <translation>{0}</translation>
        </message>
        <message>
            <source>twdesk 数据库 (*.twdb *.sqlite *.db);;所有文件 (*)</source>
            <translation>twdesk databases (*.twdb *.sqlite *.db);;All files (*)</translation>
        </message>
        <message>
            <source>twdesk 数据库 (*.twdb *.sqlite *.db);;twdesk 交换包 (*.twpkg);;所有文件 (*)</source>
            <translation>twdesk databases (*.twdb *.sqlite *.db);;twdesk exchange packages (*.twpkg);;All files (*)</translation>
        </message>
    </context>
    <context>
        <name>ActivityDialog</name>
        <message>
            <source>本人填报履职记录（分账本）</source>
            <translation>Delegate's own record (duty ledger)</translation>
        </message>
        <message>
            <source>联络站登记履职记录（总账本）</source>
            <translation>Station record (activity register)</translation>
        </message>
        <message>
            <source>编辑履职记录</source>
            <translation>Edit duty record</translation>
        </message>
        <message>
            <source> 人次</source>
            <translation> people</translation>
        </message>
        <message>
            <source>（不指定）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>参与代表（每人都记入本次活动的人次）</source>
            <translation>Delegates taking part (each is credited with this activity's reach)</translation>
        </message>
        <message>
            <source>选择参与代表</source>
            <translation>Choose delegates taking part</translation>
        </message>
        <message>
            <source>无故缺席的代表（应到未到、未请假；考核“参加会议”时每次扣分）</source>
            <translation>Delegates absent without leave (expected, did not come, no leave; each costs points under "Meetings")</translation>
        </message>
        <message>
            <source>选择无故缺席的代表</source>
            <translation>Choose delegates absent without leave</translation>
        </message>
        <message>
            <source>添加照片或扫描件…</source>
            <translation>Add photo or scan…</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>活动类型</source>
            <translation>Activity type</translation>
        </message>
        <message>
            <source>活动名称</source>
            <translation>Activity</translation>
        </message>
        <message>
            <source>地点</source>
            <translation>Place</translation>
        </message>
        <message>
            <source>覆盖人次</source>
            <translation>People reached</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>所属项目</source>
            <translation>Project</translation>
        </message>
        <message>
            <source>专项小组</source>
            <translation>Special groups</translation>
        </message>
        <message>
            <source>联系的团支部</source>
            <translation>League branches contacted</translation>
        </message>
        <message>
            <source>备注</source>
            <translation>Notes</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>附件（照片会缩小后存入数据库；双击查看）</source>
            <translation>Attachments (photos are reduced and stored in the database; double-click to view)</translation>
        </message>
        <message>
            <source>选择照片或扫描件</source>
            <translation>Choose a photo or scan</translation>
        </message>
        <message>
            <source>图片 (*.jpg *.jpeg *.png)</source>
            <translation>Images (*.jpg *.jpeg *.png)</translation>
        </message>
        <message>
            <source>「{0}」不是可以读取的图片。</source>
            <translation>"{0}" is not a readable image.</translation>
        </message>
        <message>
            <source>{0}（新）</source>
            <translation>{0} (new)</translation>
        </message>
        <message>
            <source>未保存：</source>
            <translation>Not saved:</translation>
        </message>
    </context>
    <context>
        <name>App</name>
        <message>
            <source>无法打开数据库</source>
            <translation>Cannot open the database</translation>
        </message>
        <message>
            <source>团代表联络站工作台</source>
            <translation>League Delegate Liaison Desk</translation>
        </message>
    </context>
    <context>
        <name>BackupsDialog</name>
        <message>
            <source>备份与恢复</source>
            <translation>Backup and restore</translation>
        </message>
        <message>
            <source>每天第一次打开、升级数据结构前、每次导入和合并前都会自动备份，保留最近 30 份。恢复前会先备份当前文件，恢复之后还可以撤销。</source>
            <translation>A backup is taken automatically on the first opening each day, before a structure upgrade and before every import and merge; the last 30 are kept. Restoring backs up the current file first, so a restore can be undone.</translation>
        </message>
        <message>
            <source>立即备份</source>
            <translation>Back up now</translation>
        </message>
        <message>
            <source>从所选备份恢复…</source>
            <translation>Restore from selected backup…</translation>
        </message>
        <message>
            <source>打开备份文件夹</source>
            <translation>Open backup folder</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>备份文件夹：{0}</source>
            <translation>Backup folder: {0}</translation>
        </message>
        <message>
            <source>正在备份并校验…</source>
            <translation>Backing up and verifying…</translation>
        </message>
        <message>
            <source>备份与恢复 — 已备份 {0}</source>
            <translation>Backup and restore — backed up {0}</translation>
        </message>
        <message>
            <source>从备份恢复</source>
            <translation>Restore from backup</translation>
        </message>
        <message>
            <source>用 {0} 的备份（{1}）替换当前数据库吗？
{2}

此后录入的内容将不在恢复后的文件中。当前文件会先备份（原因：恢复前），需要时可以再用它恢复，撤销这次恢复。</source>
            <translation>Replace the current database with the backup of {0} ({1})?
{2}

Anything entered since will not be in the restored file. The current file is backed up first (reason: before restore), so you can restore it again to undo this.</translation>
        </message>
    </context>
    <context>
        <name>BallotsPage</name>
        <message>
            <source>测评名称，如 2026年上半年联系青年满意度测评</source>
            <translation>Survey name, e.g. 2026 H1 youth contact satisfaction survey</translation>
        </message>
        <message>
            <source>测评联系人</source>
            <translation>Rate contact persons</translation>
        </message>
        <message>
            <source>测评团代表（计入考核第10项建议分）</source>
            <translation>Rate delegates (feeds evaluation item 10)</translation>
        </message>
        <message>
            <source>新建测评</source>
            <translation>New survey</translation>
        </message>
        <message>
            <source>录入票数</source>
            <translation>Enter votes</translation>
        </message>
        <message>
            <source>撤回此人本次的票</source>
            <translation>Withdraw this person's votes</translation>
        </message>
        <message>
            <source>导入测评票…</source>
            <translation>Import ballots…</translation>
        </message>
        <message>
            <source>测评</source>
            <translation>Survey</translation>
        </message>
        <message>
            <source>录入纸质测评票（匿名，按人汇总票数）</source>
            <translation>Enter paper ballots (anonymous, votes totalled per person)</translation>
        </message>
        <message>
            <source>被测评人</source>
            <translation>Person rated</translation>
        </message>
        <message>
            <source>满意</source>
            <translation>Satisfied</translation>
        </message>
        <message>
            <source>基本满意</source>
            <translation>Fairly satisfied</translation>
        </message>
        <message>
            <source>不满意</source>
            <translation>Not satisfied</translation>
        </message>
        <message>
            <source>还没有测评：先新建一次测评。</source>
            <translation>No survey yet: create one first.</translation>
        </message>
        <message>
            <source>测评对象：{0}。共 {1} 票：满意 {2}，基本满意 {3}，不满意 {4}；总体满意率 {5}。</source>
            <translation>Rated: {0}. {1} votes: satisfied {2}, fairly satisfied {3}, not satisfied {4}; overall satisfaction {5}.</translation>
        </message>
        <message>
            <source>请先选择测评和被测评人。</source>
            <translation>Choose a survey and a person first.</translation>
        </message>
        <message>
            <source>请先新建或选择一次测评，再导入它的测评票。</source>
            <translation>Create or choose a survey first, then import its ballots.</translation>
        </message>
        <message>
            <source>导入测评票</source>
            <translation>Import ballots</translation>
        </message>
        <message>
            <source>正在导入测评票…</source>
            <translation>Importing ballots…</translation>
        </message>
        <message>
            <source>联系人</source>
            <translation>Contact person</translation>
        </message>
        <message>
            <source>团代表</source>
            <translation>League delegate</translation>
        </message>
        <message>
            <source>、</source>
            <translation>, </translation>
        </message>
    </context>
    <context>
        <name>BarChart</name>
        <message>
            <source>没有数据</source>
            <translation>No data</translation>
        </message>
    </context>
    <context>
        <name>BehindPage</name>
        <message>
            <source>{0}年未达到“联系青年 {1} 人次、联系团支部 {2} 个”的代表：{3} 人。</source>
            <translation>Delegates short of "{1} youth contacts and {2} League branches" in {0}: {3}.</translation>
        </message>
        <message>
            <source>（可在“目标设置”中更改）。</source>
            <translation> (can be changed under "Targets").</translation>
        </message>
    </context>
    <context>
        <name>BookPage</name>
        <message>
            <source>查找：姓名、拼音首字母（如 zxf）、单位或村、电话后四位</source>
            <translation>Search: name, pinyin initials (e.g. zxf), employer or village, last 4 phone digits</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>单位或村</source>
            <translation>Employer or village</translation>
        </message>
        <message>
            <source>电话（可空）</source>
            <translation>Phone (optional)</translation>
        </message>
        <message>
            <source>添加到名册</source>
            <translation>Add to roster</translation>
        </message>
        <message>
            <source>添加联系青年（首次联系）</source>
            <translation>Add a young person (first contact)</translation>
        </message>
        <message>
            <source>领域</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>方式</source>
            <translation>Channel</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>记一次联系…</source>
            <translation>Record a contact…</translation>
        </message>
        <message>
            <source>编辑青年信息…</source>
            <translation>Edit young person…</translation>
        </message>
        <message>
            <source>移出名册</source>
            <translation>Remove from roster</translation>
        </message>
        <message>
            <source>删除这条联系记录</source>
            <translation>Delete this contact record</translation>
        </message>
        <message>
            <source>联系人</source>
            <translation>Contact person</translation>
        </message>
        <message>
            <source>名册 {0} 人；{1}年联系不同青年 {2} 人（新增 {3}），联系记录 {4} 次，重复联系 {5} 人</source>
            <translation>Roster {0}; {1}: {2} distinct young people contacted ({3} new), {4} contact records, {5} contacted repeatedly</translation>
        </message>
        <message>
            <source> ⚠重复</source>
            <translation> ⚠repeated</translation>
        </message>
        <message>
            <source>联系记录：{0}</source>
            <translation>Contact records: {0}</translation>
        </message>
        <message>
            <source>{0}年全部联系记录（选中名册中的一人只看他/她的）</source>
            <translation>All contact records of {0} (select someone in the roster to see only theirs)</translation>
        </message>
        <message>
            <source>请先选择联系人。</source>
            <translation>Choose a contact person first.</translation>
        </message>
        <message>
            <source>已添加；这位青年也在其他联系人的名册中，计为共有。</source>
            <translation>Added; this young person is also on another contact person's roster and counts as shared.</translation>
        </message>
        <message>
            <source>是同一位青年吗？</source>
            <translation>Same young person?</translation>
        </message>
        <message>
            <source>{0}（{1}，{2}，电话 {3}）已在 {4} 的名册中</source>
            <translation>{0} ({1}, {2}, phone {3}) is already on {4}'s roster</translation>
        </message>
        <message>
            <source>领域未填</source>
            <translation>field not given</translation>
        </message>
        <message>
            <source>单位未填</source>
            <translation>employer not given</translation>
        </message>
        <message>
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>已有相似的青年记录，无法确定是否同一人：</source>
            <translation>Similar young people are already recorded; it is unclear whether this is the same person:</translation>
        </message>
        <message>
            <source>是同一人</source>
            <translation>Same person</translation>
        </message>
        <message>
            <source>不是，登记为新青年</source>
            <translation>No, register as new</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>请先在名册中选中一位青年。</source>
            <translation>Select a young person in the roster first.</translation>
        </message>
        <message>
            <source>把“{0}”移出这位联系人的名册？联系记录一并移入回收站。</source>
            <translation>Remove "{0}" from this contact person's roster? Their contact records go to the recycle bin too.</translation>
        </message>
    </context>
    <context>
        <name>BranchPickerDialog</name>
        <message>
            <source>选择联系的团支部</source>
            <translation>Choose the League branch contacted</translation>
        </message>
        <message>
            <source>列表里没有？在这里输入新团支部的名称</source>
            <translation>Not in the list? Type the new branch's name here</translation>
        </message>
        <message>
            <source>{0}（新）</source>
            <translation>{0} (new)</translation>
        </message>
    </context>
    <context>
        <name>BulletinPage</name>
        <message>
            <source>第 </source>
            <translation>Q</translation>
        </message>
        <message>
            <source> 季度</source>
            <translation> </translation>
        </message>
        <message>
            <source>生成通报 PDF…</source>
            <translation>Bulletin PDF…</translation>
        </message>
        <message>
            <source>导出通报 Excel…</source>
            <translation>Export bulletin Excel…</translation>
        </message>
        <message>
            <source>导入联系青年花名册…</source>
            <translation>Import youth roster…</translation>
        </message>
        <message>
            <source> 人</source>
            <translation> </translation>
        </message>
        <message>
            <source> 次</source>
            <translation> times</translation>
        </message>
        <message>
            <source>保存设置</source>
            <translation>Save settings</translation>
        </message>
        <message>
            <source>季度通报（每位联系人的人数、新增、领域、联系记录、下基层、开放日、满意度；滞后者点名）</source>
            <translation>Quarterly bulletin (per contact person: people, new, fields, contact records, grassroots days, open days, satisfaction; those behind are named)</translation>
        </message>
        <message>
            <source>设置</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>每年联系不同青年</source>
            <translation>Distinct young people a year</translation>
        </message>
        <message>
            <source>同一青年一年联系超过</source>
            <translation>Same person contacted more than</translation>
        </message>
        <message>
            <source>履职记录与考核的联系青年计数</source>
            <translation>Youth contacts counted in duty records and evaluation</translation>
        </message>
        <message>
            <source>领域（每行一个）</source>
            <translation>Fields (one per line)</translation>
        </message>
        <message>
            <source>已保存。</source>
            <translation>Saved.</translation>
        </message>
        <message>
            <source>联系青年季度通报</source>
            <translation>Youth contact quarterly bulletin</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>通报已生成：{0}</source>
            <translation>Bulletin generated: {0}</translation>
        </message>
        <message>
            <source>正在生成通报…</source>
            <translation>Generating the bulletin…</translation>
        </message>
        <message>
            <source>导入联系青年花名册</source>
            <translation>Import youth roster</translation>
        </message>
        <message>
            <source>正在导入花名册…</source>
            <translation>Importing the roster…</translation>
        </message>
    </context>
    <context>
        <name>ConflictsDialog</name>
        <message>
            <source>核对合并冲突</source>
            <translation>Review merge conflicts</translation>
        </message>
        <message>
            <source>这些记录在两个文件里都被改过（或一边删除、一边修改）。合并时保留了后改的版本，另一版本记在这里。选中一行后点“采用另一版本”，这条记录就改为另一版本（同一次合并中这条记录的各个字段一起改）；点“保留当前版本”表示已核对。</source>
            <translation>These records were changed in both files (or deleted in one and changed in the other). The merge kept the later version and recorded the other one here. Select a row and click "Use the other version" to switch the record to it (all its fields from that merge change together); "Keep current version" marks it as reviewed.</translation>
        </message>
        <message>
            <source>也显示已处理的</source>
            <translation>Show reviewed too</translation>
        </message>
        <message>
            <source>采用另一版本</source>
            <translation>Use the other version</translation>
        </message>
        <message>
            <source>保留当前版本</source>
            <translation>Keep current version</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>待核对</source>
            <translation>To review</translation>
        </message>
        <message>
            <source>共 {0} 条。</source>
            <translation>{0} in total.</translation>
        </message>
        <message>
            <source>没有待核对的冲突。</source>
            <translation>No conflicts to review.</translation>
        </message>
        <message>
            <source>请先在表中选择一条待核对的冲突。</source>
            <translation>Select a conflict to review in the table first.</translation>
        </message>
    </context>
    <context>
        <name>ContactsTab</name>
        <message>
            <source> 年</source>
            <translation> </translation>
        </message>
        <message>
            <source>联系人进度</source>
            <translation>Progress</translation>
        </message>
        <message>
            <source>联系青年名册</source>
            <translation>Contact roster</translation>
        </message>
        <message>
            <source>共有青年</source>
            <translation>Shared youth</translation>
        </message>
        <message>
            <source>下基层</source>
            <translation>Grassroots days</translation>
        </message>
        <message>
            <source>专题开放日</source>
            <translation>Open days</translation>
        </message>
        <message>
            <source>满意度测评</source>
            <translation>Satisfaction survey</translation>
        </message>
        <message>
            <source>季度通报与设置</source>
            <translation>Bulletin and settings</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Year</translation>
        </message>
    </context>
    <context>
        <name>CrashDialog</name>
        <message>
            <source>程序出错了</source>
            <translation>Something went wrong</translation>
        </message>
        <message>
            <source>很抱歉，程序遇到了一个意外错误。已经保存的数据不受影响；正在进行的这一步操作没有写入数据库。
请点击“复制报告”，把报告发给技术支持人员。</source>
            <translation>Sorry, the program met an unexpected error. Data already saved is safe; the step in progress was not written to the database.
Click "Copy report" and send the report to your technical support.</translation>
        </message>
        <message>
            <source>日志文件：{0}</source>
            <translation>Log file: {0}</translation>
        </message>
        <message>
            <source>复制报告</source>
            <translation>Copy report</translation>
        </message>
        <message>
            <source>已复制</source>
            <translation>Copied</translation>
        </message>
    </context>
    <context>
        <name>DelegatePage</name>
        <message>
            <source>本人填报…</source>
            <translation>Own record…</translation>
        </message>
        <message>
            <source>团代表</source>
            <translation>League delegate</translation>
        </message>
        <message>
            <source>联系青年（人次）</source>
            <translation>Youth contacts (people)</translation>
        </message>
        <message>
            <source>联系团支部（个）</source>
            <translation>League branches contacted</translation>
        </message>
        <message>
            <source>驻站坐班（到岗/安排）</source>
            <translation>Duty days (present/scheduled)</translation>
        </message>
        <message>
            <source>没有团代表</source>
            <translation>No delegates</translation>
        </message>
        <message>
            <source>联系青年（人）</source>
            <translation>Youth contacted (people)</translation>
        </message>
        <message>
            <source>按联系青年名册统计：本年联系过的不同青年人数</source>
            <translation>From the contact rosters: distinct young people contacted this year</translation>
        </message>
        <message>
            <source>{0}年：{1}。待站上确认 {2} 条，被退回 {3} 条。坐班记录来自坐班日历。</source>
            <translation>{0}: {1}. {2} awaiting station confirmation, {3} returned. Duty days come from the duty calendar.</translation>
        </message>
        <message>
            <source>已达标</source>
            <translation>On target</translation>
        </message>
        <message>
            <source>未达标</source>
            <translation>Below target</translation>
        </message>
        <message>
            <source>。</source>
            <translation>.</translation>
        </message>
        <message>
            <source>坐班接待（坐班日历）</source>
            <translation>Duty reception (duty calendar)</translation>
        </message>
        <message>
            <source>替{0}坐班</source>
            <translation>Duty day covering for {0}</translation>
        </message>
        <message>
            <source>驻站坐班</source>
            <translation>Duty days</translation>
        </message>
        <message>
            <source>坐班日历</source>
            <translation>Duty calendar</translation>
        </message>
    </context>
    <context>
        <name>DossierDialog</name>
        <message>
            <source>生成履职档案</source>
            <translation>Generate duty dossiers</translation>
        </message>
        <message>
            <source>选择…</source>
            <translation>Choose…</translation>
        </message>
        <message>
            <source>年度档案</source>
            <translation>Yearly dossier</translation>
        </message>
        <message>
            <source>本届档案（逐年并附本届汇总）</source>
            <translation>Term dossier (year by year with a term summary)</translation>
        </message>
        <message>
            <source>另外合并为一个 PDF（每位代表一个书签）</source>
            <translation>Also merge into one PDF (one bookmark per delegate)</translation>
        </message>
        <message>
            <source>代表</source>
            <translation>Delegate</translation>
        </message>
        <message>
            <source>保存到文件夹</source>
            <translation>Save to folder</translation>
        </message>
        <message>
            <source>年度</source>
            <translation>Year</translation>
        </message>
        <message>
            <source>范围</source>
            <translation>Scope</translation>
        </message>
        <message>
            <source>生成</source>
            <translation>Generate</translation>
        </message>
        <message>
            <source>打印…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>生成后在打印预览中查看，再送往打印机</source>
            <translation>Review in print preview after generating, then send to the printer</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>选择保存档案的文件夹</source>
            <translation>Choose the folder for the dossiers</translation>
        </message>
        <message>
            <source>{0}年度{1}没有团代表，没有可生成的档案。</source>
            <translation>{1} has no delegates in {0}: no dossiers to generate.</translation>
        </message>
        <message>
            <source>本届</source>
            <translation>Term</translation>
        </message>
        <message>
            <source>{0}年度</source>
            <translation>{0}</translation>
        </message>
        <message>
            <source>文件夹「{0}」不存在。请点“选择…”选一个文件夹。</source>
            <translation>Folder "{0}" does not exist. Click "Choose…" to pick a folder.</translation>
        </message>
        <message>
            <source>文件夹中已有 {0} 个同名文件（如「{1}」），要替换它们吗？</source>
            <translation>The folder already has {0} files with the same names (e.g. "{1}"). Replace them?</translation>
        </message>
        <message>
            <source>正在生成 {0} 份履职档案…</source>
            <translation>Generating {0} duty dossiers…</translation>
        </message>
        <message>
            <source>部分档案没有生成</source>
            <translation>Some dossiers were not generated</translation>
        </message>
        <message>
            <source>
……共 {0} 位</source>
            <translation>
… {0} in all</translation>
        </message>
        <message>
            <source>档案已生成</source>
            <translation>Dossiers generated</translation>
        </message>
        <message>
            <source>打开文件夹</source>
            <translation>Open folder</translation>
        </message>
        <message>
            <source>打开合并的 PDF</source>
            <translation>Open the merged PDF</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>DutyTab</name>
        <message>
            <source> 年</source>
            <translation> </translation>
        </message>
        <message>
            <source>生成/重排计划…</source>
            <translation>Plan/replan…</translation>
        </message>
        <message>
            <source>节假日…</source>
            <translation>Holidays…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
        <message>
            <source>打印公示…</source>
            <translation>Print notice…</translation>
        </message>
        <message>
            <source>提醒名单…</source>
            <translation>Reminder list…</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>月历</source>
            <translation>Month</translation>
        </message>
        <message>
            <source>全年列表</source>
            <translation>Year list</translation>
        </message>
        <message>
            <source>代表个人</source>
            <translation>By delegate</translation>
        </message>
        <message>
            <source>出勤统计</source>
            <translation>Attendance</translation>
        </message>
        <message>
            <source>今天</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>{0}（替{1}）</source>
            <translation>{0} (covering {1})</translation>
        </message>
        <message>
            <source>近14天坐班（{0} 至 {1}，全部联络站）：{2} 人次</source>
            <translation>Duty days in the next 14 days ({0} to {1}, all stations): {2}</translation>
        </message>
        <message>
            <source>还没有联络站</source>
            <translation>No stations yet</translation>
        </message>
        <message>
            <source>请先在“联络站与代表”中建立联络站并分配代表。</source>
            <translation>First create stations and assign delegates under "Stations and delegates".</translation>
        </message>
        <message>
            <source>导出坐班安排</source>
            <translation>Export duty schedule</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>已导出 {0} 条坐班安排</source>
            <translation>{0} duty assignments exported</translation>
        </message>
        <message>
            <source>打印公示</source>
            <translation>Print notice</translation>
        </message>
        <message>
            <source>纸张（横向）</source>
            <translation>Paper (landscape)</translation>
        </message>
        <message>
            <source>保存坐班公示</source>
            <translation>Save duty notice</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>坐班公示已保存：{0}</source>
            <translation>Duty notice saved: {0}</translation>
        </message>
        <message>
            <source>（{0} 页）</source>
            <translation>({0} pages)</translation>
        </message>
        <message>
            <source>保存提醒名单</source>
            <translation>Save reminder list</translation>
        </message>
        <message>
            <source>提醒名单已保存：{0}</source>
            <translation>Reminder list saved: {0}</translation>
        </message>
        <message>
            <source>（{0} 人次）</source>
            <translation>({0} duty days)</translation>
        </message>
    </context>
    <context>
        <name>FilterBar</name>
        <message>
            <source>从</source>
            <translation>From</translation>
        </message>
        <message>
            <source>到</source>
            <translation>to</translation>
        </message>
        <message>
            <source>只看超期</source>
            <translation>Overdue only</translation>
        </message>
        <message>
            <source>搜索内容或来访人（边输入边筛选）</source>
            <translation>Search content or visitor (filters as you type)</translation>
        </message>
        <message>
            <source>全部联络站</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>全部接待代表</source>
            <translation>All receiving delegates</translation>
        </message>
        <message>
            <source>全部类别</source>
            <translation>All categories</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
    </context>
    <context>
        <name>GrassrootsPage</name>
        <message>
            <source>地点：村、社区、企业、学校……</source>
            <translation>Place: village, community, company, school…</translation>
        </message>
        <message>
            <source>做了什么</source>
            <translation>What was done</translation>
        </message>
        <message>
            <source>记下基层</source>
            <translation>Record grassroots day</translation>
        </message>
        <message>
            <source>删除选中</source>
            <translation>Delete selected</translation>
        </message>
        <message>
            <source>团干部</source>
            <translation>League cadre</translation>
        </message>
        <message>
            <source>每周都到了</source>
            <translation>Every week covered</translation>
        </message>
        <message>
            <source>有几周没有下基层</source>
            <translation>Some weeks without a grassroots day</translation>
        </message>
        <message>
            <source>每周至少一个工作日：已到 {0} 周 / 应到 {1} 周（整周放假不计），{2}</source>
            <translation>At least one working day a week: {0} weeks done / {1} weeks due (whole holiday weeks excluded), {2}</translation>
        </message>
        <message>
            <source>没有团干部：在“联络站与代表”中给人员勾选“团干部”身份</source>
            <translation>No League cadres: tick the "League cadre" role for people under "Stations and delegates"</translation>
        </message>
    </context>
    <context>
        <name>HelpWindow</name>
        <message>
            <source>使用说明 — 团代表联络站工作台</source>
            <translation>User guide — League Delegate Liaison Station Desk</translation>
        </message>
        <message>
            <source>后退</source>
            <translation>Back</translation>
        </message>
        <message>
            <source>前进</source>
            <translation>Forward</translation>
        </message>
        <message>
            <source>目录</source>
            <translation>Contents</translation>
        </message>
    </context>
    <context>
        <name>HolidayDialog</name>
        <message>
            <source>{0}年法定节假日与调休</source>
            <translation>{0} public holidays and make-up workdays</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>休（放假）</source>
            <translation>Off (holiday)</translation>
        </message>
        <message>
            <source>班（调休上班）</source>
            <translation>Work (make-up workday)</translation>
        </message>
        <message>
            <source>如 春节</source>
            <translation>e.g. Spring Festival</translation>
        </message>
        <message>
            <source>登记这一天</source>
            <translation>Add this day</translation>
        </message>
        <message>
            <source>删除所选</source>
            <translation>Delete selected</translation>
        </message>
        <message>
            <source>确认本年节假日已录入完整</source>
            <translation>Confirm this year's holidays are complete</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>{0}年的安排来自程序自带的节假日数据（国务院办公厅公布），可以核对和修改。</source>
            <translation>The {0} holidays come from the built-in holiday data (published by the State Council General Office); check and edit them if needed.</translation>
        </message>
        <message>
            <source>{0}年的安排已手工录入并确认。</source>
            <translation>The {0} holidays were entered by hand and confirmed.</translation>
        </message>
        <message>
            <source>程序自带的节假日数据还没有{0}年（一般在每年11月前后公布下一年的安排）。请按国务院办公厅的通知逐日录入放假日期（休）和调休上班日期（班），然后点“确认”。</source>
            <translation>The built-in holiday data does not cover {0} yet (the next year's schedule is usually published around November). Enter the days off (休) and make-up workdays (班) from the State Council General Office notice, then click "Confirm".</translation>
        </message>
    </context>
    <context>
        <name>IntakeForm</name>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>匿名</source>
            <translation>Anonymous</translation>
        </message>
        <message>
            <source>可不填</source>
            <translation>Optional</translation>
        </message>
        <message>
            <source>单位或村（社区）</source>
            <translation>Employer or village (community)</translation>
        </message>
        <message>
            <source> 人</source>
            <translation> </translation>
        </message>
        <message>
            <source>来访事由（Enter 换行，Ctrl+Enter 保存）</source>
            <translation>Reason for visit (Enter for a new line, Ctrl+Enter saves)</translation>
        </message>
        <message>
            <source>意见建议：每行一条，会分别编号、交办（Enter 另起一条，Ctrl+Enter 保存）</source>
            <translation>Opinions: one per line, each numbered and referred separately (Enter starts another, Ctrl+Enter saves)</translation>
        </message>
        <message>
            <source>键盘操作：Tab 到下一栏；在单行栏内按 Enter 保存；在来访事由、意见建议框内 Enter 换行（意见建议每行一条）；Ctrl+Enter 随处保存。</source>
            <translation>Keyboard: Tab goes to the next field; Enter in a one-line field saves; in the reason and opinion boxes Enter starts a new line (one opinion per line); Ctrl+Enter saves anywhere.</translation>
        </message>
        <message>
            <source>保存（Ctrl+Enter）</source>
            <translation>Save (Ctrl+Enter)</translation>
        </message>
        <message>
            <source>清空</source>
            <translation>Clear</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>接待代表</source>
            <translation>Receiving delegate</translation>
        </message>
        <message>
            <source>渠道</source>
            <translation>Channel</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>来访人</source>
            <translation>Visitor</translation>
        </message>
        <message>
            <source>性别 / 年龄段</source>
            <translation>Gender / age group</translation>
        </message>
        <message>
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>单位或村</source>
            <translation>Employer or village</translation>
        </message>
        <message>
            <source>人数</source>
            <translation>People</translation>
        </message>
        <message>
            <source>来访事由</source>
            <translation>Reason for visit</translation>
        </message>
        <message>
            <source>意见建议（每行一条）</source>
            <translation>Opinions (one per line)</translation>
        </message>
        <message>
            <source>（未指定）</source>
            <translation>(not specified)</translation>
        </message>
        <message>
            <source>已保存：{0}</source>
            <translation>Saved: {0}</translation>
        </message>
        <message>
            <source>，意见建议编号 {0}</source>
            <translation>, opinion numbers {0}</translation>
        </message>
        <message>
            <source>未保存：</source>
            <translation>Not saved:</translation>
        </message>
        <message>
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <source>正在修改 {0} 的来访登记。已有意见建议：{1}；在下面新写的每一行会作为新的意见建议加入。</source>
            <translation>Editing the visit of {0}. Existing opinions: {1}; each new line below is added as a new opinion.</translation>
        </message>
    </context>
    <context>
        <name>IntakePage</name>
        <message>
            <source>类别设置…</source>
            <translation>Categories…</translation>
        </message>
        <message>
            <source>不能保存</source>
            <translation>Cannot save</translation>
        </message>
        <message>
            <source>来访类别（每行一个，按此顺序显示）</source>
            <translation>Visit categories (one per line, shown in this order)</translation>
        </message>
    </context>
    <context>
        <name>ItemsPage</name>
        <message>
            <source>编号</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>来访日期</source>
            <translation>Visit date</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>（超期）</source>
            <translation>(overdue)</translation>
        </message>
        <message>
            <source>交办部门</source>
            <translation>Referred to</translation>
        </message>
        <message>
            <source>期限</source>
            <translation>Deadline</translation>
        </message>
        <message>
            <source>意见建议</source>
            <translation>Opinion</translation>
        </message>
        <message>
            <source>交办…</source>
            <translation>Refer…</translation>
        </message>
        <message>
            <source>办理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <source>办结…</source>
            <translation>Handled…</translation>
        </message>
        <message>
            <source>反馈…</source>
            <translation>Report back…</translation>
        </message>
        <message>
            <source>重新办理…</source>
            <translation>Reopen…</translation>
        </message>
        <message>
            <source>打印交办单…</source>
            <translation>Print referral slip…</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>办理记录</source>
            <translation>Handling history</translation>
        </message>
        <message>
            <source>意见建议（红色为超期未办结）：已显示 {0} 条</source>
            <translation>Opinions (red: overdue, not handled): {0} shown</translation>
        </message>
        <message>
            <source>，向下滚动加载更多</source>
            <translation>, scroll down to load more</translation>
        </message>
        <message>
            <source>选择一条意见建议</source>
            <translation>Choose an opinion</translation>
        </message>
        <message>
            <source>不能办理</source>
            <translation>Cannot update</translation>
        </message>
        <message>
            <source>选择以前交办过的部门，或输入新的</source>
            <translation>Choose a department referred to before, or type a new one</translation>
        </message>
        <message>
            <source>交办</source>
            <translation>Refer</translation>
        </message>
        <message>
            <source>责任人</source>
            <translation>Responsible</translation>
        </message>
        <message>
            <source>办理期限（默认 7 个工作日）</source>
            <translation>Deadline (7 working days by default)</translation>
        </message>
        <message>
            <source>办结</source>
            <translation>Handled</translation>
        </message>
        <message>
            <source>办理结果</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <source>办结日期</source>
            <translation>Handled on</translation>
        </message>
        <message>
            <source>如：电话告知、当面答复</source>
            <translation>e.g. told by phone, answered in person</translation>
        </message>
        <message>
            <source>反馈</source>
            <translation>Report back</translation>
        </message>
        <message>
            <source>反馈方式</source>
            <translation>How reported back</translation>
        </message>
        <message>
            <source>满意度</source>
            <translation>Satisfaction</translation>
        </message>
        <message>
            <source>反馈日期</source>
            <translation>Reported back on</translation>
        </message>
        <message>
            <source>重新办理</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>保存交办单</source>
            <translation>Save referral slip</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>交办单已保存：{0}</source>
            <translation>Referral slip saved: {0}</translation>
        </message>
        <message>
            <source>交办单已保存。</source>
            <translation>Referral slip saved.</translation>
        </message>
    </context>
    <context>
        <name>LedgerTab</name>
        <message>
            <source> 年</source>
            <translation> </translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>活动登记簿（总账本）</source>
            <translation>Activity register (station)</translation>
        </message>
        <message>
            <source>代表履职手册（分账本）</source>
            <translation>Duty ledgers (delegates)</translation>
        </message>
        <message>
            <source>月度 / 季度汇总</source>
            <translation>Monthly / quarterly summary</translation>
        </message>
        <message>
            <source>未达标代表</source>
            <translation>Delegates below target</translation>
        </message>
        <message>
            <source>领办项目</source>
            <translation>Led projects</translation>
        </message>
        <message>
            <source>目标设置</source>
            <translation>Targets</translation>
        </message>
        <message>
            <source>全部联络站</source>
            <translation>All stations</translation>
        </message>
    </context>
    <context>
        <name>LinkList</name>
        <message>
            <source>添加…</source>
            <translation>Add…</translation>
        </message>
        <message>
            <source>移除</source>
            <translation>Remove</translation>
        </message>
    </context>
    <context>
        <name>LogDialog</name>
        <message>
            <source>记一次联系：{0}</source>
            <translation>Record a contact: {0}</translation>
        </message>
        <message>
            <source>联系日期</source>
            <translation>Contact date</translation>
        </message>
        <message>
            <source>联系方式</source>
            <translation>Contact channel</translation>
        </message>
        <message>
            <source>交流内容</source>
            <translation>What was discussed</translation>
        </message>
        <message>
            <source>提供帮助</source>
            <translation>Help given</translation>
        </message>
        <message>
            <source>后续跟进</source>
            <translation>Follow-up</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>正在打开数据库…</source>
            <translation>Opening the database…</translation>
        </message>
        <message>
            <source>已交办但超过办理期限、尚未办结的意见建议</source>
            <translation>Opinions referred but past their deadline and not yet handled</translation>
        </message>
        <message>
            <source>数据库已升级到新版本，原文件已备份为：{0}</source>
            <translation>The database was upgraded to the new version; the original file was backed up as: {0}</translation>
        </message>
        <message>
            <source>服务器数据库</source>
            <translation>Server database</translation>
        </message>
        <message>
            <source>文件或 U 盘写保护</source>
            <translation>the file or USB stick is write-protected</translation>
        </message>
        <message>
            <source>只读：{0}。只能查看和导出，不能修改；要修改，请用有写权限的账号连接。</source>
            <translation>Read-only: {0}. You can view and export but not change anything; to make changes, connect with an account that can write.</translation>
        </message>
        <message>
            <source>只读：{0}。这个文件只能查看和导出，不能修改；要修改，请把它复制到可写的位置（或关闭 U 盘写保护）后再打开。</source>
            <translation>Read-only: {0}. This file can only be viewed and exported; to change it, copy it to a writable place (or turn off the USB stick's write protection) and open it again.</translation>
        </message>
        <message>
            <source> [服务器]</source>
            <translation> [server]</translation>
        </message>
        <message>
            <source> [演示数据]</source>
            <translation> [demo data]</translation>
        </message>
        <message>
            <source>当前打开的数据库文件</source>
            <translation>The database file currently open</translation>
        </message>
        <message>
            <source>当前连接的服务器数据库</source>
            <translation>The server database connected now</translation>
        </message>
        <message>
            <source>联络站 {0} · 在任团代表 {1} · 来访 {2} · 意见建议 {3}</source>
            <translation>Stations {0} · Delegates in office {1} · Visits {2} · Opinions {3}</translation>
        </message>
        <message>
            <source>超期 {0}</source>
            <translation>Overdue {0}</translation>
        </message>
        <message>
            <source>数据库文件有损坏</source>
            <translation>The database file is damaged</translation>
        </message>
        <message>
            <source>请不要继续在这个文件中录入，先用“另存副本”保留一份，再联系技术人员。</source>
            <translation>Please stop entering data in this file: keep a copy with "Save a copy" first, then contact your technical support.</translation>
        </message>
        <message>
            <source>这是一个交换包</source>
            <translation>This is an exchange package</translation>
        </message>
        <message>
            <source>「{0}」是交换包，要合并到本单位的数据库中才能查看。请先新建本单位数据库（或打开已有的数据库），再用“文件 → 合并其他文件…”合并它。</source>
            <translation>"{0}" is an exchange package: merge it into your office's database to see it. First create your office's database (or open an existing one), then merge it with File → Merge another file….</translation>
        </message>
        <message>
            <source>选择要导入的名册</source>
            <translation>Choose the roster to import</translation>
        </message>
        <message>
            <source>正在生成演示数据…</source>
            <translation>Building the demo data…</translation>
        </message>
        <message>
            <source>无法打开演示数据</source>
            <translation>Cannot open the demo data</translation>
        </message>
        <message>
            <source>{0}（找不到文件）</source>
            <translation>{0} (file not found)</translation>
        </message>
        <message>
            <source>新建数据库</source>
            <translation>New database</translation>
        </message>
        <message>
            <source>无法新建数据库</source>
            <translation>Cannot create the database</translation>
        </message>
        <message>
            <source>打开数据库</source>
            <translation>Open database</translation>
        </message>
        <message>
            <source>另存副本</source>
            <translation>Save a copy</translation>
        </message>
        <message>
            <source>副本保存失败</source>
            <translation>The copy could not be saved</translation>
        </message>
        <message>
            <source>已保存并校验副本。</source>
            <translation>Copy saved and verified.</translation>
        </message>
        <message>
            <source>没有恢复</source>
            <translation>Not restored</translation>
        </message>
        <message>
            <source>已从备份恢复。恢复前的文件已备份为：{0}</source>
            <translation>Restored from the backup. The file before the restore was backed up as: {0}</translation>
        </message>
        <message>
            <source>关于</source>
            <translation>About</translation>
        </message>
        <message>
            <source>&lt;h3&gt;{0}&lt;/h3&gt;&lt;p&gt;twdesk {1}&lt;/p&gt;&lt;p&gt;团县委团代表联络站工作台：联络站与代表、坐班日历、来访登记、履职记录、履职考核。&lt;/p&gt;&lt;p&gt;字体：霞鹜文楷 LXGW WenKai，SIL Open Font License 1.1。&lt;/p&gt;</source>
            <translation>&lt;h3&gt;{0}&lt;/h3&gt;&lt;p&gt;twdesk {1}&lt;/p&gt;&lt;p&gt;The county Youth League's delegate liaison desk: stations and delegates, duty calendar, visits, duty records, evaluation.&lt;/p&gt;&lt;p&gt;Font: LXGW WenKai, SIL Open Font License 1.1.&lt;/p&gt;</translation>
        </message>
        <message>
            <source>团代表联络站工作台</source>
            <translation>League Delegate Liaison Desk</translation>
        </message>
        <message>
            <source>文件(&amp;F)</source>
            <translation>&amp;File</translation>
        </message>
        <message>
            <source>最近打开(&amp;R)</source>
            <translation>&amp;Recent files</translation>
        </message>
        <message>
            <source>编辑(&amp;E)</source>
            <translation>&amp;Edit</translation>
        </message>
        <message>
            <source>帮助(&amp;H)</source>
            <translation>&amp;Help</translation>
        </message>
        <message>
            <source>语言 / Language(&amp;L)</source>
            <translation>语言 / &amp;Language</translation>
        </message>
        <message>
            <source>新建数据库(&amp;N)…</source>
            <translation>&amp;New database…</translation>
        </message>
        <message>
            <source>Ctrl+N</source>
            <translation>Ctrl+N</translation>
        </message>
        <message>
            <source>打开数据库(&amp;O)…</source>
            <translation>&amp;Open database…</translation>
        </message>
        <message>
            <source>Ctrl+O</source>
            <translation>Ctrl+O</translation>
        </message>
        <message>
            <source>连接服务器数据库(&amp;D)…</source>
            <translation>Connect to a server &amp;database…</translation>
        </message>
        <message>
            <source>打开单位服务器上的 PostgreSQL 数据库（多台电脑同时使用）</source>
            <translation>Open the office's PostgreSQL database on a server (several PCs at once)</translation>
        </message>
        <message>
            <source>另存副本(&amp;S)…</source>
            <translation>&amp;Save a copy…</translation>
        </message>
        <message>
            <source>把当前数据库完整复制一份（例如存到U盘），复制后自动校验</source>
            <translation>Copy the whole current database (e.g. to a USB stick) and verify the copy</translation>
        </message>
        <message>
            <source>Ctrl+Shift+S</source>
            <translation>Ctrl+Shift+S</translation>
        </message>
        <message>
            <source>合并其他文件(&amp;M)…</source>
            <translation>&amp;Merge another file…</translation>
        </message>
        <message>
            <source>把乡镇联络站或县里带来的数据库文件、交换包合并进当前数据库（先预览，再确认）</source>
            <translation>Merge a database file or exchange package from a township station or the county into the current database (preview first, then confirm)</translation>
        </message>
        <message>
            <source>导出交换包(&amp;P)…</source>
            <translation>Export exchange &amp;package…</translation>
        </message>
        <message>
            <source>把当前数据库打包（可加密码），用U盘带给县里或乡镇联络站合并</source>
            <translation>Pack the current database (optionally with a password) to take to the county or a township station on a USB stick</translation>
        </message>
        <message>
            <source>备份与恢复(&amp;B)…</source>
            <translation>&amp;Backup and restore…</translation>
        </message>
        <message>
            <source>查看自动备份、立即备份，或从备份恢复</source>
            <translation>See automatic backups, back up now, or restore from a backup</translation>
        </message>
        <message>
            <source>回收站(&amp;R)…</source>
            <translation>&amp;Recycle bin…</translation>
        </message>
        <message>
            <source>查看已删除的记录，恢复或彻底删除</source>
            <translation>See deleted records, restore them or delete them for good</translation>
        </message>
        <message>
            <source>退出(&amp;X)</source>
            <translation>E&amp;xit</translation>
        </message>
        <message>
            <source>Ctrl+Q</source>
            <translation>Ctrl+Q</translation>
        </message>
        <message>
            <source>使用说明(&amp;U)</source>
            <translation>&amp;User guide</translation>
        </message>
        <message>
            <source>内置的使用说明：每一页的日常操作、U 盘交换、文件打不开怎么办（F1 打开当前页的说明）</source>
            <translation>The built-in guide: everyday work on each tab, USB exchange, what to do when a file will not open (F1 opens the section for the current tab)</translation>
        </message>
        <message>
            <source>F1</source>
            <translation>F1</translation>
        </message>
        <message>
            <source>打开数据文件夹（日志、默认数据库）</source>
            <translation>Open data folder (logs, default database)</translation>
        </message>
        <message>
            <source>关于(&amp;A)</source>
            <translation>&amp;About</translation>
        </message>
    </context>
    <context>
        <name>MergeDialog</name>
        <message>
            <source>合并其他文件</source>
            <translation>Merge another file</translation>
        </message>
        <message>
            <source>请选择乡镇联络站或县团委带来的数据库文件</source>
            <translation>Choose the database file brought from a township station or the county League committee</translation>
        </message>
        <message>
            <source>选择文件…</source>
            <translation>Choose file…</translation>
        </message>
        <message>
            <source>合并进来的文件</source>
            <translation>File to merge in</translation>
        </message>
        <message>
            <source>内容</source>
            <translation>Content</translation>
        </message>
        <message>
            <source>记录</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>字段</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>保留的版本</source>
            <translation>Kept version</translation>
        </message>
        <message>
            <source>另一版本</source>
            <translation>Other version</translation>
        </message>
        <message>
            <source>冲突（两边都改过的记录：保留后改的版本，另一版本记下待核对）</source>
            <translation>Conflicts (records changed on both sides: the later version is kept, the other recorded for review)</translation>
        </message>
        <message>
            <source>合并</source>
            <translation>Merge</translation>
        </message>
        <message>
            <source>在一次保存中合并：取消或出错时当前文件保持原样</source>
            <translation>Merged in one save: on cancel or error the current file stays as it was</translation>
        </message>
        <message>
            <source>核对冲突…</source>
            <translation>Review conflicts…</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>正在比较两个文件…</source>
            <translation>Comparing the two files…</translation>
        </message>
        <message>
            <source>正在合并「{0}」…</source>
            <translation>Merging "{0}"…</translation>
        </message>
        <message>
            <source>「{0}」（{1}）与当前文件相比：新增 {2}，修改 {3}，删除 {4}，冲突 {5}。确认无误后点“合并”；合并在一次保存中完成，取消或出错时当前文件保持原样。</source>
            <translation>"{0}" ({1}) compared with the current file: {2} added, {3} changed, {4} deleted, {5} conflicts. When it looks right click "Merge"; the merge is one save, and on cancel or error the current file stays as it was.</translation>
        </message>
        <message>
            <source>「{0}」与当前文件的记录已经一致，没有需要合并的内容。</source>
            <translation>"{0}" already matches the current file; there is nothing to merge.</translation>
        </message>
        <message>
            <source>已合并：新增 {0}，修改 {1}，删除 {2}，冲突 {3}。</source>
            <translation>Merged: {0} added, {1} changed, {2} deleted, {3} conflicts.</translation>
        </message>
        <message>
            <source>{0} 条意见建议的编号与本文件重复，已改为新编号。</source>
            <translation>{0} opinion numbers clashed with this file and were renumbered.</translation>
        </message>
        <message>
            <source>请点“核对冲突…”逐条确认，需要时采用另一版本。</source>
            <translation>Click "Review conflicts…" to confirm them one by one, using the other version where needed.</translation>
        </message>
        <message>
            <source>已取消比较。点“选择文件…”重新开始。</source>
            <translation>Comparison cancelled. Click "Choose file…" to start again.</translation>
        </message>
        <message>
            <source>已取消合并，当前文件保持原样。</source>
            <translation>Merge cancelled; the current file is unchanged.</translation>
        </message>
        <message>
            <source>另有 {0} 条记录引用了本文件中已彻底删除的内容，不能合并（见“未合并”列）；如需要，请在对方文件中核对这些记录。</source>
            <translation>{0} more records refer to content permanently deleted from this file and cannot be merged (see the "Not merged" column); check them in the other file if needed.</translation>
        </message>
        <message>
            <source>没有合并任何内容，当前文件保持原样。</source>
            <translation>Nothing was merged; the current file is unchanged.</translation>
        </message>
        <message>
            <source>其他记录（没有变化）</source>
            <translation>Other records (unchanged)</translation>
        </message>
        <message>
            <source>合计</source>
            <translation>Total</translation>
        </message>
    </context>
    <context>
        <name>MonthPage</name>
        <message>
            <source>休</source>
            <translation>Off</translation>
        </message>
        <message>
            <source>班</source>
            <translation>Work</translation>
        </message>
        <message>
            <source>替班…</source>
            <translation>Cover…</translation>
        </message>
        <message>
            <source>换班…</source>
            <translation>Swap…</translation>
        </message>
        <message>
            <source>改回未登记</source>
            <translation>Back to not recorded</translation>
        </message>
        <message>
            <source>换班、替班记录</source>
            <translation>Swaps and cover</translation>
        </message>
        <message>
            <source>{0}年{1}月</source>
            <translation>{1}/{0}</translation>
        </message>
        <message>
            <source>（今天）</source>
            <translation> (today)</translation>
        </message>
        <message>
            <source>（原{0}）</source>
            <translation> (originally {0})</translation>
        </message>
        <message>
            <source>{0}：不是坐班日</source>
            <translation>{0}: not a duty day</translation>
        </message>
        <message>
            <source>请在月历中点选一天</source>
            <translation>Click a day in the calendar</translation>
        </message>
        <message>
            <source>（{0} 替班）</source>
            <translation> (covered by {0})</translation>
        </message>
        <message>
            <source>请假</source>
            <translation>On leave</translation>
        </message>
        <message>
            <source>请假原因（如：出差）</source>
            <translation>Reason for leave (e.g. business trip)</translation>
        </message>
        <message>
            <source>不能登记</source>
            <translation>Cannot record</translation>
        </message>
        <message>
            <source>已登记：{0} {1}</source>
            <translation>Recorded: {0} {1}</translation>
        </message>
        <message>
            <source>替班</source>
            <translation>Covered</translation>
        </message>
        <message>
            <source>由哪位代表替 {0} 坐班？</source>
            <translation>Which delegate covers {0}'s duty day?</translation>
        </message>
        <message>
            <source>不能登记替班</source>
            <translation>Cannot record the cover</translation>
        </message>
        <message>
            <source>已登记替班</source>
            <translation>Cover recorded</translation>
        </message>
        <message>
            <source>换班</source>
            <translation>Swap</translation>
        </message>
        <message>
            <source>{0} 和哪一天的代表换班？</source>
            <translation>Swap {0}'s duty with the delegate of which day?</translation>
        </message>
        <message>
            <source>不能换班</source>
            <translation>Cannot swap</translation>
        </message>
        <message>
            <source>已换班</source>
            <translation>Swapped</translation>
        </message>
    </context>
    <context>
        <name>NewOfficeDialog</name>
        <message>
            <source>新建本单位数据库</source>
            <translation>Create your office's database</translation>
        </message>
        <message>
            <source>如：青川县团委</source>
            <translation>e.g. Qingchuan County League Committee</translation>
        </message>
        <message>
            <source>如：青川县</source>
            <translation>e.g. Qingchuan County</translation>
        </message>
        <message>
            <source>单位名称</source>
            <translation>Office name</translation>
        </message>
        <message>
            <source>所在县（市、区）</source>
            <translation>County (city, district)</translation>
        </message>
        <message>
            <source>数据库文件：{0}</source>
            <translation>Database file: {0}</translation>
        </message>
        <message>
            <source>新建</source>
            <translation>Create</translation>
        </message>
        <message>
            <source>将建立县级联络站「{0}」，之后在“联络站与代表”中添加乡镇联络站。</source>
            <translation>The county station "{0}" will be created; add the township stations afterwards under Stations and delegates.</translation>
        </message>
        <message>
            <source>不填县名则先不建联络站，之后在“联络站与代表”中新增。</source>
            <translation>Without a county name no station is created now; add them later under Stations and delegates.</translation>
        </message>
    </context>
    <context>
        <name>OpenDaysPage</name>
        <message>
            <source>主题</source>
            <translation>Theme</translation>
        </message>
        <message>
            <source> 人</source>
            <translation> </translation>
        </message>
        <message>
            <source>领域，用顿号分隔，如 学生、企业青年</source>
            <translation>Fields, separated by 、 e.g. students、young employees</translation>
        </message>
        <message>
            <source>记开放日</source>
            <translation>Record open day</translation>
        </message>
        <message>
            <source>删除选中</source>
            <translation>Delete selected</translation>
        </message>
        <message>
            <source>（团委）</source>
            <translation>(League committee)</translation>
        </message>
        <message>
            <source>每季度至少举办一次专题开放日，每次邀请不少于 50 名普通青年。{0}年：</source>
            <translation>At least one themed open day a quarter, each inviting at least 50 ordinary young people. {0}:</translation>
        </message>
        <message>
            <source>第{0}季度{1}</source>
            <translation>Q{0} {1}</translation>
        </message>
        <message>
            <source>已达标</source>
            <translation>On target</translation>
        </message>
        <message>
            <source>未达标</source>
            <translation>Below target</translation>
        </message>
    </context>
    <context>
        <name>Opening</name>
        <message>
            <source>无法打开数据库</source>
            <translation>Cannot open the database</translation>
        </message>
        <message>
            <source>数据库被锁定</source>
            <translation>The database is locked</translation>
        </message>
        <message>
            <source>要接管这个文件吗？</source>
            <translation>Take over this file?</translation>
        </message>
    </context>
    <context>
        <name>PasswordDialog</name>
        <message>
            <source>交换包密码</source>
            <translation>Exchange package password</translation>
        </message>
        <message>
            <source>交换包里有团代表和来访青年的姓名、电话。设置密码后，U 盘丢失也不会泄露；密码请另行告诉对方（不要写在 U 盘上）。不设密码请两栏都留空。</source>
            <translation>The exchange package holds names and phone numbers of delegates and visitors. With a password, a lost USB stick leaks nothing; tell the other side the password separately (not on the stick). Leave both boxes empty for no password.</translation>
        </message>
        <message>
            <source>密码：</source>
            <translation>Password:</translation>
        </message>
        <message>
            <source>再输一次：</source>
            <translation>Again:</translation>
        </message>
        <message>
            <source>导出</source>
            <translation>Export</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>不加密：任何拿到 U 盘的人都能读出其中的数据。</source>
            <translation>Not encrypted: anyone who gets the USB stick can read the data.</translation>
        </message>
        <message>
            <source>两次输入的密码不一致。</source>
            <translation>The two passwords differ.</translation>
        </message>
        <message>
            <source>交换包将用这个密码加密（AES-256）。</source>
            <translation>The exchange package will be encrypted with this password (AES-256).</translation>
        </message>
    </context>
    <context>
        <name>PeoplePanel</name>
        <message>
            <source>查找：姓名、拼音（zs 或 zhangsan）、电话，或身份证号后几位</source>
            <translation>Search: name, pinyin (zs or zhangsan), phone or last digits of the ID number</translation>
        </message>
        <message>
            <source>全部层级</source>
            <translation>All levels</translation>
        </message>
        <message>
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>全部身份</source>
            <translation>All roles</translation>
        </message>
        <message>
            <source>新增人员</source>
            <translation>New person</translation>
        </message>
        <message>
            <source>编辑</source>
            <translation>Edit</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>把选中的人员移入回收站（可恢复）</source>
            <translation>Move the selected people to the recycle bin (can be restored)</translation>
        </message>
        <message>
            <source>导入名册…</source>
            <translation>Import roster…</translation>
        </message>
        <message>
            <source>导出名册…</source>
            <translation>Export roster…</translation>
        </message>
        <message>
            <source>下载导入模板…</source>
            <translation>Download import template…</translation>
        </message>
        <message>
            <source>生成档案…</source>
            <translation>Dossiers…</translation>
        </message>
        <message>
            <source>为表中选中的代表生成履职档案 PDF（按住 Ctrl 或 Shift 多选）</source>
            <translation>Generate duty dossier PDFs for the delegates selected in the table (Ctrl or Shift to select several)</translation>
        </message>
        <message>
            <source>共 {0} 人</source>
            <translation>{0} people</translation>
        </message>
        <message>
            <source>生成档案</source>
            <translation>Generate dossiers</translation>
        </message>
        <message>
            <source>请先在表中选择代表（按住 Ctrl 或 Shift 多选）。</source>
            <translation>Select delegates in the table first (Ctrl or Shift to select several).</translation>
        </message>
        <message>
            <source>选中的 {0} 位代表</source>
            <translation>the {0} selected delegates</translation>
        </message>
        <message>
            <source>选择要导入的名册</source>
            <translation>Choose the roster to import</translation>
        </message>
        <message>
            <source>导入完成</source>
            <translation>Import finished</translation>
        </message>
        <message>
            <source>导出名册</source>
            <translation>Export roster</translation>
        </message>
        <message>
            <source>导出{0}的名册。
对外提供时请选择“隐去证件号和电话”。</source>
            <translation>Export the roster of {0}.
Choose "Hide ID and phone numbers" when giving it outside the office.</translation>
        </message>
        <message>
            <source>全部联络站</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>完整导出（内部使用）</source>
            <translation>Full export (internal use)</translation>
        </message>
        <message>
            <source>隐去证件号和电话</source>
            <translation>Hide ID and phone numbers</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>已导出 {0} 人到 {1}</source>
            <translation>{0} people exported to {1}</translation>
        </message>
        <message>
            <source>保存导入模板</source>
            <translation>Save import template</translation>
        </message>
        <message>
            <source>模板已保存：{0}</source>
            <translation>Template saved: {0}</translation>
        </message>
    </context>
    <context>
        <name>PersonDialog</name>
        <message>
            <source>编辑人员：{0}</source>
            <translation>Edit person: {0}</translation>
        </message>
        <message>
            <source>新增人员</source>
            <translation>New person</translation>
        </message>
        <message>
            <source>基本信息</source>
            <translation>Basic details</translation>
        </message>
        <message>
            <source>联络站与专项小组</source>
            <translation>Station and special groups</translation>
        </message>
        <message>
            <source>联系关系</source>
            <translation>Links</translation>
        </message>
        <message>
            <source>任职状态</source>
            <translation>Office status</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>放弃修改？</source>
            <translation>Discard changes?</translation>
        </message>
        <message>
            <source>填写或修改的内容还没有保存。放弃这些修改吗？</source>
            <translation>What you entered or changed has not been saved. Discard the changes?</translation>
        </message>
        <message>
            <source>18 位，末位可为 X</source>
            <translation>18 characters, the last may be X</translation>
        </message>
        <message>
            <source>如 1995-03-12</source>
            <translation>e.g. 1995-03-12</translation>
        </message>
        <message>
            <source>如 汉族</source>
            <translation>e.g. Han</translation>
        </message>
        <message>
            <source>11 位手机号或 0839-7202201</source>
            <translation>11-digit mobile or 0839-7202201</translation>
        </message>
        <message>
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>如 农业农村</source>
            <translation>e.g. agriculture</translation>
        </message>
        <message>
            <source>如 第十五届</source>
            <translation>e.g. 15th</translation>
        </message>
        <message>
            <source>无照片</source>
            <translation>No photo</translation>
        </message>
        <message>
            <source>导入照片…</source>
            <translation>Import photo…</translation>
        </message>
        <message>
            <source>移除照片</source>
            <translation>Remove photo</translation>
        </message>
        <message>
            <source>（未进站）</source>
            <translation>(not in a station)</translation>
        </message>
        <message>
            <source>所属联络站</source>
            <translation>Station</translation>
        </message>
        <message>
            <source>专项小组</source>
            <translation>Special groups</translation>
        </message>
        <message>
            <source>换站后，原联络站和小组的进站记录保留在历史中。</source>
            <translation>After a station change, the previous station and group memberships stay in the history.</translation>
        </message>
        <message>
            <source>两联：我联系的团代表（委员填写）</source>
            <translation>Two-way links: delegates I contact (for committee members)</translation>
        </message>
        <message>
            <source>选择联系的团代表</source>
            <translation>Choose the delegates contacted</translation>
        </message>
        <message>
            <source>两联：联系我的委员</source>
            <translation>Two-way links: committee members contacting me</translation>
        </message>
        <message>
            <source>选择委员</source>
            <translation>Choose committee members</translation>
        </message>
        <message>
            <source>我联系的团支部</source>
            <translation>League branches I contact</translation>
        </message>
        <message>
            <source>我联系指导的团代表（往届团代表填写）</source>
            <translation>Delegates I mentor (for past delegates)</translation>
        </message>
        <message>
            <source>选择联系指导的团代表</source>
            <translation>Choose the delegates mentored</translation>
        </message>
        <message>
            <source>联系指导我的往届团代表</source>
            <translation>Past delegates mentoring me</translation>
        </message>
        <message>
            <source>选择往届团代表</source>
            <translation>Choose past delegates</translation>
        </message>
        <message>
            <source>变更状态…</source>
            <translation>Change status…</translation>
        </message>
        <message>
            <source>免职、辞职、届满或恢复在任，记入任职历史</source>
            <translation>Removal, resignation, end of term or back in office, recorded in the office history</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>（这个联络站还没有专项小组）</source>
            <translation>(this station has no special groups yet)</translation>
        </message>
        <message>
            <source>校验通过：出生 {0}，{1}</source>
            <translation>Valid: born {0}, {1}</translation>
        </message>
        <message>
            <source>选择照片</source>
            <translation>Choose a photo</translation>
        </message>
        <message>
            <source>图片 (*.jpg *.jpeg *.png)</source>
            <translation>Images (*.jpg *.jpeg *.png)</translation>
        </message>
        <message>
            <source>无法读取照片</source>
            <translation>Cannot read the photo</translation>
        </message>
        <message>
            <source>「{0}」不是可以读取的 JPG 或 PNG 图片。</source>
            <translation>"{0}" is not a readable JPG or PNG image.</translation>
        </message>
        <message>
            <source>当前状态：{0}</source>
            <translation>Current status: {0}</translation>
        </message>
        <message>
            <source>（保存后生效）</source>
            <translation> (takes effect when saved)</translation>
        </message>
        <message>
            <source> → {0}（保存后生效）</source>
            <translation> → {0} (takes effect when saved)</translation>
        </message>
        <message>
            <source>，请写成 1995-03-12</source>
            <translation>, write it as 1995-03-12</translation>
        </message>
        <message>
            <source>未保存，请修改以下问题：</source>
            <translation>Not saved; please fix the following:</translation>
        </message>
    </context>
    <context>
        <name>PersonPage</name>
        <message>
            <source>代表</source>
            <translation>Delegate</translation>
        </message>
        <message>
            <source>登记不便坐班时段…</source>
            <translation>Record unavailable period…</translation>
        </message>
        <message>
            <source>删除所选时段</source>
            <translation>Delete selected period</translation>
        </message>
        <message>
            <source>不便坐班的时段（排班时避开）</source>
            <translation>Unavailable periods (avoided when scheduling)</translation>
        </message>
        <message>
            <source>替{0}</source>
            <translation>covering {0}</translation>
        </message>
        <message>
            <source>全年安排 {0} 天，到岗 {1}，缺席 {2}，请假 {3}，被替班 {4}</source>
            <translation>{0} days scheduled this year: {1} present, {2} absent, {3} on leave, {4} covered by others</translation>
        </message>
        <message>
            <source>不能登记</source>
            <translation>Cannot record</translation>
        </message>
        <message>
            <source>已登记；重新生成计划时会避开这段时间。</source>
            <translation>Recorded; replanning will avoid this period.</translation>
        </message>
        <message>
            <source>不能删除</source>
            <translation>Cannot delete</translation>
        </message>
        <message>
            <source>已删除这段不便坐班的时段。</source>
            <translation>The unavailable period was deleted.</translation>
        </message>
    </context>
    <context>
        <name>PersonPickerDialog</name>
        <message>
            <source>输入姓名、拼音首字母或电话查找</source>
            <translation>Type a name, pinyin initials or phone to search</translation>
        </message>
    </context>
    <context>
        <name>PhotoCropDialog</name>
        <message>
            <source>裁剪照片（3:4）</source>
            <translation>Crop photo (3:4)</translation>
        </message>
        <message>
            <source>拖动滑块左右移动取景框</source>
            <translation>Drag the slider to move the frame left or right</translation>
        </message>
        <message>
            <source>拖动滑块上下移动取景框</source>
            <translation>Drag the slider to move the frame up or down</translation>
        </message>
    </context>
    <context>
        <name>PlanDialog</name>
        <message>
            <source>{0}：{1}年坐班计划</source>
            <translation>{0}: {1} duty plan</translation>
        </message>
        <message>
            <source> 日</source>
            <translation> </translation>
        </message>
        <message>
            <source>用逗号分隔，如 2026-01-07, 2026-02-04</source>
            <translation>Separated by commas, e.g. 2026-01-07, 2026-02-04</translation>
        </message>
        <message>
            <source> 人</source>
            <translation> </translation>
        </message>
        <message>
            <source>三级混合编组（同一天尽量安排市、县、乡镇不同层级的代表）</source>
            <translation>Three-level mixed groups (the same day mixes city, county and township delegates where possible)</translation>
        </message>
        <message>
            <source>坐班规则</source>
            <translation>Duty rule</translation>
        </message>
        <message>
            <source>坐班时间</source>
            <translation>Duty hours</translation>
        </message>
        <message>
            <source>每次人数</source>
            <translation>Delegates per day</translation>
        </message>
        <message>
            <source>遇节假日</source>
            <translation>On holidays</translation>
        </message>
        <message>
            <source>从这一天起排</source>
            <translation>Schedule from</translation>
        </message>
        <message>
            <source>已有计划时只重排所选日期之后、尚未登记出勤的坐班日；之前的日子、已登记出勤或换过班的日子保持不变。</source>
            <translation>When a plan exists, only duty days after the chosen date that have no attendance recorded are replanned; earlier days and days with attendance or swaps stay as they are.</translation>
        </message>
        <message>
            <source>第一次生成会覆盖全年（包括已经过去的日子），便于补录已经发生的坐班。</source>
            <translation>The first plan covers the whole year (past days included), so duty days already held can be recorded.</translation>
        </message>
        <message>
            <source>⚠ {0}年的法定节假日和调休安排还没有数据。请先点“节假日…”录入并确认，否则无法生成计划。</source>
            <translation>⚠ There is no data on the {0} public holidays and make-up workdays yet. Click "Holidays…" to enter and confirm them first; no plan can be made without them.</translation>
        </message>
        <message>
            <source>重新生成</source>
            <translation>Replan</translation>
        </message>
        <message>
            <source>生成计划</source>
            <translation>Make plan</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>日期写法不对，请写成 2026-01-07, 2026-02-04</source>
            <translation>Dates are not written correctly; write them as 2026-01-07, 2026-02-04</translation>
        </message>
        <message>
            <source>请填写至少一个坐班日期。</source>
            <translation>Enter at least one duty date.</translation>
        </message>
    </context>
    <context>
        <name>ProgressPage</name>
        <message>
            <source>按姓名筛选联系人</source>
            <translation>Filter contact persons by name</translation>
        </message>
        <message>
            <source>达标</source>
            <translation>On target</translation>
        </message>
        <message>
            <source>未达标</source>
            <translation>Below target</translation>
        </message>
        <message>
            <source>{0}年：联系人 {1} 位，联系不同青年达到 {2} 人的 {3} 位。同一青年多次联系只计一次；一年内联系同一人超过 {4} 次计为重复联系。双击打开名册。</source>
            <translation>{0}: {1} contact persons, {3} of them reached {2} distinct young people. Repeated contacts with the same person count once; more than {4} contacts with the same person in a year count as repeated. Double-click to open the roster.</translation>
        </message>
    </context>
    <context>
        <name>ProjectDialog</name>
        <message>
            <source>新增领办项目</source>
            <translation>New led project</translation>
        </message>
        <message>
            <source>（未定）</source>
            <translation>(not set)</translation>
        </message>
        <message>
            <source>参与代表</source>
            <translation>Delegates taking part</translation>
        </message>
        <message>
            <source>选择参与代表</source>
            <translation>Choose delegates taking part</translation>
        </message>
        <message>
            <source> 人次</source>
            <translation> people</translation>
        </message>
        <message>
            <source>项目名称</source>
            <translation>Project name</translation>
        </message>
        <message>
            <source>领办代表</source>
            <translation>Lead delegate</translation>
        </message>
        <message>
            <source>开始</source>
            <translation>Start</translation>
        </message>
        <message>
            <source>结束</source>
            <translation>End</translation>
        </message>
        <message>
            <source>服务青年</source>
            <translation>Youth served</translation>
        </message>
    </context>
    <context>
        <name>ProjectsPage</name>
        <message>
            <source>新增项目…</source>
            <translation>New project…</translation>
        </message>
        <message>
            <source>删除项目</source>
            <translation>Delete project</translation>
        </message>
        <message>
            <source>把选中的项目移入回收站（可恢复）</source>
            <translation>Move the selected project to the recycle bin (can be restored)</translation>
        </message>
        <message>
            <source>{0}　领办：{1}　参与：{2}　{3}　服务青年 {4} 人次　活动 {5} 次</source>
            <translation>{0}　Lead: {1}　Taking part: {2}　{3}　Youth served {4}　Activities {5}</translation>
        </message>
    </context>
    <context>
        <name>RecycleBinDialog</name>
        <message>
            <source>回收站</source>
            <translation>Recycle bin</translation>
        </message>
        <message>
            <source>全部类别</source>
            <translation>All categories</translation>
        </message>
        <message>
            <source>查找名称</source>
            <translation>Search by name</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>删除人</source>
            <translation>Deleted by</translation>
        </message>
        <message>
            <source>删除时间</source>
            <translation>Deleted at</translation>
        </message>
        <message>
            <source>同时删除</source>
            <translation>Deleted with it</translation>
        </message>
        <message>
            <source>恢复</source>
            <translation>Restore</translation>
        </message>
        <message>
            <source>恢复选中的记录，连同和它一起删除的记录</source>
            <translation>Restore the selected records together with the records deleted with them</translation>
        </message>
        <message>
            <source>彻底删除…</source>
            <translation>Delete for good…</translation>
        </message>
        <message>
            <source>从文件中永久删除，无法恢复</source>
            <translation>Remove permanently from the file; cannot be restored</translation>
        </message>
        <message>
            <source>恢复一条记录时，和它一起删除的记录（如来访登记的意见建议）也一起恢复；之前单独删除的记录仍留在回收站。</source>
            <translation>Restoring a record also restores the records deleted with it (e.g. the opinions of a visit); records deleted separately before stay in the recycle bin.</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>恢复或彻底删除时一起处理：{0}</source>
            <translation>Restored or deleted together: {0}</translation>
        </message>
        <message>
            <source>共 {0} 条</source>
            <translation>{0} in total</translation>
        </message>
        <message>
            <source>不能恢复</source>
            <translation>Cannot restore</translation>
        </message>
        <message>
            <source>（连同 {0}）</source>
            <translation>(with {0})</translation>
        </message>
        <message>
            <source>彻底删除</source>
            <translation>Delete for good</translation>
        </message>
        <message>
            <source>彻底删除{0}？
依附于它的记录（办理记录、进站和联系记录、坐班安排等）也一并删除。</source>
            <translation>Delete {0} for good?
Records that depend on it (handling history, memberships and links, duty assignments and so on) are deleted too.</translation>
        </message>
        <message>
            <source>再次确认：彻底删除</source>
            <translation>Confirm again: delete for good</translation>
        </message>
        <message>
            <source>{0}将从文件中永久删除，此操作无法撤销，也不能从回收站恢复。
确定删除吗？</source>
            <translation>{0} will be removed from the file permanently. This cannot be undone or restored from the recycle bin.
Delete?</translation>
        </message>
        <message>
            <source>不能彻底删除</source>
            <translation>Cannot delete for good</translation>
        </message>
    </context>
    <context>
        <name>RegisterPage</name>
        <message>
            <source>全部记录</source>
            <translation>All records</translation>
        </message>
        <message>
            <source>登记活动…</source>
            <translation>Record activity…</translation>
        </message>
        <message>
            <source>编辑…</source>
            <translation>Edit…</translation>
        </message>
        <message>
            <source>确认</source>
            <translation>Confirm</translation>
        </message>
        <message>
            <source>退回…</source>
            <translation>Return…</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>把选中的履职记录移入回收站（可恢复）</source>
            <translation>Move the selected duty records to the recycle bin (can be restored)</translation>
        </message>
        <message>
            <source>全部类型</source>
            <translation>All types</translation>
        </message>
        <message>
            <source>全部代表</source>
            <translation>All delegates</translation>
        </message>
        <message>
            <source>全部专项小组</source>
            <translation>All special groups</translation>
        </message>
        <message>
            <source>只显示最近 {0} 条，请用上面的筛选缩小范围（导出不受此限）</source>
            <translation>Showing only the latest {0}; narrow it down with the filters above (exports are not limited)</translation>
        </message>
        <message>
            <source>不能确认</source>
            <translation>Cannot confirm</translation>
        </message>
        <message>
            <source>退回</source>
            <translation>Return</translation>
        </message>
        <message>
            <source>退回原因（如：缺少活动照片）</source>
            <translation>Reason for returning (e.g. activity photos missing)</translation>
        </message>
        <message>
            <source>不能退回</source>
            <translation>Cannot return</translation>
        </message>
        <message>
            <source>隐去姓名和电话</source>
            <translation>Hide names and phones</translation>
        </message>
        <message>
            <source>对外提供时请勾选：来访人只留姓氏（张某），电话隐去中间四位</source>
            <translation>Tick when giving it outside the office: visitors keep only their surname (Zhang X), phones hide the middle four digits</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
        <message>
            <source>导出当前筛选出的全部来访登记</source>
            <translation>Export all visits matching the current filters</translation>
        </message>
        <message>
            <source>把选中的来访登记连同它的意见建议移入回收站（可恢复）</source>
            <translation>Move the selected visits with their opinions to the recycle bin (can be restored)</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>接待代表</source>
            <translation>Receiving delegate</translation>
        </message>
        <message>
            <source>来访人</source>
            <translation>Visitor</translation>
        </message>
        <message>
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>身份</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>渠道</source>
            <translation>Channel</translation>
        </message>
        <message>
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <source>人数</source>
            <translation>People</translation>
        </message>
        <message>
            <source>意见</source>
            <translation>Opinions</translation>
        </message>
        <message>
            <source>来访事由</source>
            <translation>Reason for visit</translation>
        </message>
        <message>
            <source>{0} 条</source>
            <translation>{0}</translation>
        </message>
        <message>
            <source>，{0} 超期</source>
            <translation>, {0} overdue</translation>
        </message>
        <message>
            <source>，{0} 办理中</source>
            <translation>, {0} in progress</translation>
        </message>
        <message>
            <source>已显示 {0} 条，正在统计总数…</source>
            <translation>{0} shown, counting the total…</translation>
        </message>
        <message>
            <source>共 {0} 条来访登记</source>
            <translation>{0} visits</translation>
        </message>
        <message>
            <source>导出来访登记</source>
            <translation>Export visits</translation>
        </message>
        <message>
            <source>来访登记（脱敏）.xlsx</source>
            <translation>Visits (masked).xlsx</translation>
        </message>
        <message>
            <source>来访登记.xlsx</source>
            <translation>Visits.xlsx</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>正在导出来访登记…</source>
            <translation>Exporting visits…</translation>
        </message>
        <message>
            <source>已导出 {0} 行</source>
            <translation>{0} rows exported</translation>
        </message>
        <message>
            <source>已导出 {0} 行来访登记。</source>
            <translation>{0} visit rows exported.</translation>
        </message>
    </context>
    <context>
        <name>RosterImportDialog</name>
        <message>
            <source>导入团代表名册 — {0}</source>
            <translation>Import delegate roster — {0}</translation>
        </message>
        <message>
            <source>名册项目</source>
            <translation>Roster item</translation>
        </message>
        <message>
            <source>文件中的列</source>
            <translation>Column in the file</translation>
        </message>
        <message>
            <source>按修改后的对应重新检查</source>
            <translation>Check again with the changed mapping</translation>
        </message>
        <message>
            <source>只显示有问题的行</source>
            <translation>Only rows with problems</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>保存问题清单…</source>
            <translation>Save problem list…</translation>
        </message>
        <message>
            <source>导入</source>
            <translation>Import</translation>
        </message>
        <message>
            <source>关闭</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>列的对应（自动识别，可修改）</source>
            <translation>Column mapping (detected automatically, can be changed)</translation>
        </message>
        <message>
            <source>正在读取并检查文件…</source>
            <translation>Reading and checking the file…</translation>
        </message>
        <message>
            <source>发现 {0} 处问题（涉及 {1} 行）。请在表格中修改后重新选择文件，或调整左侧列的对应；有问题时不会导入任何数据。</source>
            <translation>{0} problems found (in {1} rows). Fix them in the spreadsheet and choose the file again, or adjust the column mapping on the left; nothing is imported while there are problems.</translation>
        </message>
        <message>
            <source>检查通过：共 {0} 人可以导入</source>
            <translation>Check passed: {0} people can be imported</translation>
        </message>
        <message>
            <source>，其中 {0} 人库中已有</source>
            <translation>, {0} of them already in the database</translation>
        </message>
        <message>
            <source>；将新建联络站：{0}</source>
            <translation>; new stations to be created: {0}</translation>
        </message>
        <message>
            <source>
未识别的列（不会导入）：{0}</source>
            <translation>
Columns not recognised (not imported): {0}</translation>
        </message>
        <message>
            <source>（不导入）</source>
            <translation>(not imported)</translation>
        </message>
        <message>
            <source>保存问题清单</source>
            <translation>Save problem list</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>问题清单没有保存</source>
            <translation>Problem list not saved</translation>
        </message>
        <message>
            <source>无法保存</source>
            <translation>Cannot save</translation>
        </message>
        <message>
            <source>问题清单没有保存：{0}</source>
            <translation>Problem list not saved: {0}</translation>
        </message>
        <message>
            <source>问题清单已保存：{0}</source>
            <translation>Problem list saved: {0}</translation>
        </message>
        <message>
            <source>已保存 {0} 处问题，交给填表人逐条改正后重新导入。</source>
            <translation>{0} problems saved; give them to whoever filled in the form to correct, then import again.</translation>
        </message>
        <message>
            <source>新建联络站</source>
            <translation>New stations</translation>
        </message>
        <message>
            <source>文件中的以下联络站在数据库中还没有：
{0}

导入时新建这些联络站吗？</source>
            <translation>These stations in the file are not in the database yet:
{0}

Create them while importing?</translation>
        </message>
        <message>
            <source>未导入：请先在联络站树中建好联络站，或核对站名。</source>
            <translation>Not imported: create the stations in the station tree first, or check the station names.</translation>
        </message>
        <message>
            <source>正在导入…</source>
            <translation>Importing…</translation>
        </message>
        <message>
            <source>已取消，没有导入任何数据。</source>
            <translation>Cancelled; nothing was imported.</translation>
        </message>
        <message>
            <source>数据库在检查后有变化，已重新检查。</source>
            <translation>The database changed after the check; checked again.</translation>
        </message>
        <message>
            <source>无法导入</source>
            <translation>Cannot import</translation>
        </message>
        <message>
            <source>无法读取文件</source>
            <translation>Cannot read the file</translation>
        </message>
        <message>
            <source>正在取消…</source>
            <translation>Cancelling…</translation>
        </message>
    </context>
    <context>
        <name>SeatChoiceDialog</name>
        <message>
            <source>原因，如：单位培训，两人协商</source>
            <translation>Reason, e.g. work training, agreed between the two</translation>
        </message>
    </context>
    <context>
        <name>ServerDialog</name>
        <message>
            <source>连接服务器数据库</source>
            <translation>Connect to a server database</translation>
        </message>
        <message>
            <source>计算机名或 IP 地址，如 192.168.1.10</source>
            <translation>Computer name or IP address, e.g. 192.168.1.10</translation>
        </message>
        <message>
            <source>如 twdesk</source>
            <translation>e.g. twdesk</translation>
        </message>
        <message>
            <source>不填则使用 PGPASSWORD 环境变量或 .pgpass 文件中的密码</source>
            <translation>Leave empty to use the PGPASSWORD variable or the .pgpass file</translation>
        </message>
        <message>
            <source>记住密码（保存在本机系统的密码保管服务中）</source>
            <translation>Remember the password (in this computer's system password store)</translation>
        </message>
        <message>
            <source>密码不会写进设置文件、最近打开列表或日志。</source>
            <translation>The password is never written to the settings file, the recent list or the log.</translation>
        </message>
        <message>
            <source>服务器(&amp;H)：</source>
            <translation>Server (&amp;H):</translation>
        </message>
        <message>
            <source>端口(&amp;P)：</source>
            <translation>&amp;Port:</translation>
        </message>
        <message>
            <source>数据库(&amp;D)：</source>
            <translation>&amp;Database:</translation>
        </message>
        <message>
            <source>用户名(&amp;U)：</source>
            <translation>&amp;User name:</translation>
        </message>
        <message>
            <source>密码(&amp;W)：</source>
            <translation>Pass&amp;word:</translation>
        </message>
        <message>
            <source>连接</source>
            <translation>Connect</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>SharedPage</name>
        <message>
            <source>同一位青年在 {0} 人的名册中出现（按电话、或姓名加单位认定为同一人）。他们在每本名册中各计一次，不会在同一名册中重复计数。</source>
            <translation>The same young person appears on the rosters of {0} people (same phone, or same name and employer). They count once on each roster and never twice on the same one.</translation>
        </message>
    </context>
    <context>
        <name>StationDialog</name>
        <message>
            <source>编辑联络站</source>
            <translation>Edit station</translation>
        </message>
        <message>
            <source>新增联络站</source>
            <translation>New station</translation>
        </message>
        <message>
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>（无，最上级）</source>
            <translation>(none, top level)</translation>
        </message>
        <message>
            <source>上级联络站</source>
            <translation>Parent station</translation>
        </message>
        <message>
            <source>如：每周三 9:00-12:00</source>
            <translation>e.g. Wednesdays 9:00-12:00</translation>
        </message>
        <message>
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>负责人、电话、职责、开放时间和年度计划即“五公开”内容，会印在公示材料上。</source>
            <translation>Person in charge, phones, duties, opening hours and yearly plan make up the "public board" and are printed on the notices.</translation>
        </message>
    </context>
    <context>
        <name>StationPanel</name>
        <message>
            <source>联络站</source>
            <translation>Liaison station</translation>
        </message>
        <message>
            <source>在任代表</source>
            <translation>Delegates in office</translation>
        </message>
        <message>
            <source>显示已撤销的联络站</source>
            <translation>Show closed stations</translation>
        </message>
        <message>
            <source>新增站</source>
            <translation>New station</translation>
        </message>
        <message>
            <source>编辑</source>
            <translation>Edit</translation>
        </message>
        <message>
            <source>撤销</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>撤销后不再出现在树中，历史记录保留</source>
            <translation>A closed station leaves the tree; its history is kept</translation>
        </message>
        <message>
            <source>删除</source>
            <translation>Delete</translation>
        </message>
        <message>
            <source>删除误建的联络站（移入回收站）；有历史记录的联络站请用「撤销」</source>
            <translation>Delete a station created by mistake (to the recycle bin); close stations that have history instead</translation>
        </message>
        <message>
            <source>生成本站档案…</source>
            <translation>Station dossiers…</translation>
        </message>
        <message>
            <source>为本站（及下属各站）的团代表生成履职档案 PDF</source>
            <translation>Generate duty dossier PDFs for the delegates of this station (and the stations under it)</translation>
        </message>
        <message>
            <source>新增小组</source>
            <translation>New group</translation>
        </message>
        <message>
            <source>删除小组</source>
            <translation>Delete group</translation>
        </message>
        <message>
            <source>专项小组（点选可筛选成员）</source>
            <translation>Special groups (click to filter members)</translation>
        </message>
        <message>
            <source>全部人员</source>
            <translation>Everyone</translation>
        </message>
        <message>
            <source>（已撤销）</source>
            <translation>(closed)</translation>
        </message>
        <message>
            <source>{0}（{1} 人）</source>
            <translation>{0} ({1})</translation>
        </message>
        <message>
            <source>&lt;b&gt;全部人员&lt;/b&gt;&lt;br&gt;选择左侧的联络站，可查看它的进站代表、专项小组和五公开信息。</source>
            <translation>&lt;b&gt;Everyone&lt;/b&gt;&lt;br&gt;Choose a station on the left to see its delegates, special groups and public board.</translation>
        </message>
        <message>
            <source>负责人</source>
            <translation>Person in charge</translation>
        </message>
        <message>
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>开放时间</source>
            <translation>Opening hours</translation>
        </message>
        <message>
            <source>地址</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>工作职责</source>
            <translation>Duties</translation>
        </message>
        <message>
            <source>撤销联络站</source>
            <translation>Close station</translation>
        </message>
        <message>
            <source>撤销「{0}」？
撤销后它不再出现在联络站树中，代表、坐班和来访等历史记录都保留。</source>
            <translation>Close "{0}"?
It will no longer appear in the station tree; the history of its delegates, duty days and visits is kept.</translation>
        </message>
        <message>
            <source>不能撤销</source>
            <translation>Cannot close</translation>
        </message>
        <message>
            <source>新增专项小组</source>
            <translation>New special group</translation>
        </message>
        <message>
            <source>小组名称（如：志愿服务小组）</source>
            <translation>Group name (e.g. Volunteer group)</translation>
        </message>
        <message>
            <source>无法新增</source>
            <translation>Cannot add</translation>
        </message>
    </context>
    <context>
        <name>StatsPage</name>
        <message>
            <source> 年</source>
            <translation> </translation>
        </message>
        <message>
            <source>自定义期间</source>
            <translation>Custom period</translation>
        </message>
        <message>
            <source>导出 PDF…</source>
            <translation>Export PDF…</translation>
        </message>
        <message>
            <source>导出 Excel…</source>
            <translation>Export Excel…</translation>
        </message>
        <message>
            <source>各月来访登记次数</source>
            <translation>Visits per month</translation>
        </message>
        <message>
            <source>意见建议按类别（条）</source>
            <translation>Opinions by category</translation>
        </message>
        <message>
            <source>全部联络站</source>
            <translation>All stations</translation>
        </message>
        <message>
            <source>{0}来访接待情况统计（{1}）</source>
            <translation>{0} visits and reception statistics ({1})</translation>
        </message>
        <message>
            <source>全年</source>
            <translation>Whole year</translation>
        </message>
        <message>
            <source>{0}年{1}{2}来访接待情况统计</source>
            <translation>{0} {1} {2} visits and reception statistics</translation>
        </message>
        <message>
            <source>导出统计</source>
            <translation>Export statistics</translation>
        </message>
        <message>
            <source>统计已保存。</source>
            <translation>Statistics saved.</translation>
        </message>
        <message>
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <source>接待团员青年 {0} 人次（来访登记 {1} 次），收集意见建议 {2} 条，交办 {3} 件，办结 {4} 件，反馈 {5} 件</source>
            <translation>Received {0} young people ({1} visits), collected {2} opinions, referred {3}, handled {4}, reported back {5}</translation>
        </message>
        <message>
            <source>，满意率 {0}%</source>
            <translation>, satisfaction {0}%</translation>
        </message>
        <message>
            <source>；超期未办结 {0} 件</source>
            <translation>; {0} overdue and not handled</translation>
        </message>
        <message>
            <source>。</source>
            <translation>.</translation>
        </message>
    </context>
    <context>
        <name>StatusDialog</name>
        <message>
            <source>变更任职状态</source>
            <translation>Change office status</translation>
        </message>
        <message>
            <source>如：工作调动、本人申请、届期届满</source>
            <translation>e.g. job transfer, own request, end of term</translation>
        </message>
        <message>
            <source>当前状态</source>
            <translation>Current status</translation>
        </message>
        <message>
            <source>变更为</source>
            <translation>Change to</translation>
        </message>
        <message>
            <source>日期</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
    </context>
    <context>
        <name>SummaryPage</name>
        <message>
            <source>按季度（一季一总结）</source>
            <translation>By quarter (a summary each quarter)</translation>
        </message>
    </context>
    <context>
        <name>TargetsPage</name>
        <message>
            <source>勾选的活动类型，其覆盖人次计入代表的“联系青年”人次；未勾选的类型只计活动次数。每位参与代表都计入该次活动的全部人次。</source>
            <translation>For the ticked activity types, the people reached count towards the delegates' youth contacts; other types count only as activities. Every delegate taking part is credited with the activity's full reach.</translation>
        </message>
        <message>
            <source>保存目标</source>
            <translation>Save targets</translation>
        </message>
        <message>
            <source>每年联系青年（人次）</source>
            <translation>Youth contacts a year</translation>
        </message>
        <message>
            <source>每年联系团支部（个）</source>
            <translation>League branches a year</translation>
        </message>
        <message>
            <source>联系青年的计数方式</source>
            <translation>How youth contacts are counted</translation>
        </message>
        <message>
            <source>计入联系青年人次的活动类型</source>
            <translation>Activity types counted as youth contacts</translation>
        </message>
        <message>
            <source>目前</source>
            <translation>So far:</translation>
        </message>
    </context>
    <context>
        <name>UnavailableDialog</name>
        <message>
            <source>登记不便坐班的时段</source>
            <translation>Record an unavailable period</translation>
        </message>
        <message>
            <source>如：外出培训、产假</source>
            <translation>e.g. training away, maternity leave</translation>
        </message>
        <message>
            <source>从</source>
            <translation>From</translation>
        </message>
        <message>
            <source>到</source>
            <translation>to</translation>
        </message>
        <message>
            <source>原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <source>重新生成计划时，这段时间不会安排这位代表；之后会补上应有的次数。</source>
            <translation>Replanning will not schedule this delegate in this period and makes up the missed turns later.</translation>
        </message>
    </context>
    <context>
        <name>VisitsTab</name>
        <message>
            <source>登记</source>
            <translation>Record</translation>
        </message>
        <message>
            <source>来访记录</source>
            <translation>Visits</translation>
        </message>
        <message>
            <source>意见办理</source>
            <translation>Opinions</translation>
        </message>
        <message>
            <source>统计</source>
            <translation>Statistics</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>欢迎使用团代表联络站工作台</source>
            <translation>Welcome to the League Delegate Liaison Station Desk</translation>
        </message>
        <message>
            <source>这台电脑上还没有本单位的数据库。请选择一种方式开始——以后随时可以在“文件”菜单中新建或打开其他文件，按 F1 查看使用说明。</source>
            <translation>There is no database of your office on this PC yet. Choose how to start — you can create or open other files from the File menu at any time; press F1 for the user guide.</translation>
        </message>
        <message>
            <source>新建本单位数据库</source>
            <translation>Create your office's database</translation>
        </message>
        <message>
            <source>填写单位名称和所在县（市、区），建立本单位的数据库，接着建立联络站、录入代表。</source>
            <translation>Enter the office name and county to create your office's database, then add the stations and delegates.</translation>
        </message>
        <message>
            <source>从 Excel 导入名册</source>
            <translation>Import a roster from Excel</translation>
        </message>
        <message>
            <source>已有团代表名册（.xlsx / .xls / .csv）：选择文件，预览核对后一次导入，名册中的联络站自动建立。</source>
            <translation>Have a delegate roster (.xlsx / .xls / .csv)? Choose the file, check the preview, import it in one go; the stations it names are created.</translation>
        </message>
        <message>
            <source>打开 U 盘上的文件</source>
            <translation>Open a file from a USB stick</translation>
        </message>
        <message>
            <source>打开县团委或乡镇联络站用 U 盘带来的 twdesk 数据库文件。</source>
            <translation>Open a twdesk database file brought on a USB stick from the county office or a township station.</translation>
        </message>
        <message>
            <source>打开演示数据</source>
            <translation>Open the demo data</translation>
        </message>
        <message>
            <source>一个虚构的青川县：先看看每一页怎么用。演示数据单独存放，不影响本单位数据。</source>
            <translation>A made-up Qingchuan County: see how each tab is used first. The demo is kept apart and never touches your office's data.</translation>
        </message>
        <message>
            <source>最近打开的文件</source>
            <translation>Recently opened files</translation>
        </message>
        <message>
            <source>新建的数据库、日志和自动备份保存在：{0}</source>
            <translation>New databases, logs and automatic backups are kept in: {0}</translation>
        </message>
        <message>
            <source>（找不到文件）</source>
            <translation>(file not found)</translation>
        </message>
    </context>
    <context>
        <name>YearPage</name>
        <message>
            <source>导入签到表…</source>
            <translation>Import sign-in sheet…</translation>
        </message>
        <message>
            <source>先“导出 Excel…”，按纸质签到表填写“状态”（到岗、缺席、请假、替班）和“替班代表”，再导入；全部核对无误才登记。</source>
            <translation>First "Export Excel…", fill in "状态" (到岗, 缺席, 请假, 替班) and "替班代表" from the paper sign-in sheet, then import; nothing is recorded unless every row checks out.</translation>
        </message>
        <message>
            <source>纸质签到表：导出 Excel → 填写“状态”“替班代表” → 导入签到表</source>
            <translation>Paper sign-in sheet: export Excel → fill in "状态" and "替班代表" → import the sheet</translation>
        </message>
        <message>
            <source>原{0}，遇节假日调整</source>
            <translation>originally {0}, moved for a holiday</translation>
        </message>
        <message>
            <source>导入签到表（填好状态的坐班安排）</source>
            <translation>Import sign-in sheet (the duty schedule with statuses filled in)</translation>
        </message>
        <message>
            <source>正在导入签到表…</source>
            <translation>Importing the sign-in sheet…</translation>
        </message>
        <message>
            <source>导入签到表</source>
            <translation>Import sign-in sheet</translation>
        </message>
    </context>
    <context>
        <name>YoungPersonDialog</name>
        <message>
            <source>编辑青年信息</source>
            <translation>Edit young person</translation>
        </message>
        <message>
            <source>（不详）</source>
            <translation>(unknown)</translation>
        </message>
        <message>
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <source>性别</source>
            <translation>Gender</translation>
        </message>
        <message>
            <source>出生年份</source>
            <translation>Birth year</translation>
        </message>
        <message>
            <source>年龄段</source>
            <translation>Age group</translation>
        </message>
        <message>
            <source>领域</source>
            <translation>Field</translation>
        </message>
        <message>
            <source>单位或村</source>
            <translation>Employer or village</translation>
        </message>
        <message>
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>微信/QQ</source>
            <translation>WeChat/QQ</translation>
        </message>
        <message>
            <source>备注</source>
            <translation>Notes</translation>
        </message>
    </context>
</TS>
