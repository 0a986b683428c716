"""The pages of the 履职记录 tab, one widget each; `twdesk.ui.tabs.ledger_tab` assembles them."""
