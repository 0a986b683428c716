"""The pages of the 联系青年 tab, one widget each; `twdesk.ui.tabs.contacts_tab` assembles them."""
