"""The pages of the 来访登记 tab, one widget each; `twdesk.ui.tabs.visits_tab` assembles them."""
