"""twdesk: the desktop workbench of a county's Youth League delegate liaison stations."""

__version__ = "0.1.0"
APP_NAME = "twdesk"
APP_TITLE = "团代表联络站工作台"
