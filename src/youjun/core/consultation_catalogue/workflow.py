"""Catalogue entries of the consultation workflow and settings (E870–E879)."""

from __future__ import annotations

from youjun.core.errors import E, ErrorSpec

SPECS: tuple[ErrorSpec, ...] = (
    ErrorSpec("E870", E, "协商设置缺少生效取值", "No consultation setting in force",
              "协商平台设置无有效取值：{detail_zh}", "No consultation setting is in force: {detail_en}",
              "请检查 rules/consultation/ 下的设置文件及其生效日期。",
              "Check the settings files under rules/consultation/ and their effective dates."),
    ErrorSpec("E871", E, "流程中有未知状态", "Unknown state in the workflow",
              "办理流程有误：{detail_zh}", "The workflow is wrong: {detail_en}",
              "请在机构设置中检查状态名称，每一步的起止状态都必须是已定义的状态。",
              "Check the state names in the body's settings: every step must start and end at a defined state."),
    ErrorSpec("E872", E, "流程中有未知角色", "Unknown role in the workflow",
              "办理流程有误：{detail_zh}", "The workflow is wrong: {detail_en}",
              "每一步须写明可执行的角色：staff（政协工作人员）、member（委员）、department（承办部门）、raiser（提出人）。",
              "Give every step the roles that may take it: staff, member, department or raiser."),
    ErrorSpec("E873", E, "流程无法走通", "Workflow cannot be completed",
              "办理流程有误：{detail_zh}", "The workflow is wrong: {detail_en}",
              "每个状态都要能从起始状态到达，非终止状态都要有下一步，并至少有一个“已解决”状态。",
              "Every state must be reachable from the first, every non-final state needs a next step, and one "
              "state must count as solved."),
    ErrorSpec("E874", E, "当前状态不能执行此操作", "Step not open from this state",
              "议题“{value}”当前不能执行此操作：{detail_zh}", "Item '{value}' cannot take this step now: {detail_en}",
              "请刷新页面查看议题的最新状态；页面上只列出当前可执行的操作。",
              "Reload the page to see the item's current state; the page lists only the steps open now."),
    ErrorSpec("E875", E, "无权执行此操作", "Step not yours to take",
              "议题“{value}”的这一步不由您执行：{detail_zh}", "This step of item '{value}' is not yours: {detail_en}",
              "请联系政协工作人员或该议题的承办部门。", "Ask the committee staff or the item's department."),
    ErrorSpec("E876", E, "进度须为0到100的整数", "Progress must be 0–100",
              "进度“{value}”无效：{detail_zh}", "Progress '{value}' is not valid: {detail_en}",
              "请填写0到100之间的整数百分比，例如 60。", "Give a whole percentage from 0 to 100, e.g. 60."),
    ErrorSpec("E877", E, "须写明理由", "A reason is required",
              "议题“{value}”的这一步须写明理由", "This step of item '{value}' needs a reason",
              "请在理由框中写明原因（例如群众反映问题并未解决的情况），再提交。",
              "Write the reason in the box (e.g. how the problem is not solved), then submit."),
    ErrorSpec("E878", E, "类别不在本政协的类别中", "Category not among the body's",
              "类别“{value}”不在本政协的议题类别中（可选：{expected}）",
              "Category '{value}' is not one of the body's categories (choose from: {expected})",
              "请从列表中选择类别；需要新类别时，请政协工作人员在机构设置中添加。",
              "Choose a category from the list; committee staff can add one in the body's settings."),
    ErrorSpec("E879", E, "代为登记须记录本人同意", "Recording for someone needs their consent",
              "代“{value}”登记议题时没有记录本人同意", "The concern recorded for '{value}' has no consent noted",
              "请先向群众说明其姓名和电话只供政协和承办部门联系使用，取得同意后勾选“本人已同意”。",
              "Tell the resident their name and phone are used only by the committee and the department to "
              "contact them; once they agree, tick 'consent given'."),
)
