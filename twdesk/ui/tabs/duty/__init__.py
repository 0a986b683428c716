"""坐班日历: one widget per page; `duty_tab.DutyTab` assembles them."""
