"""Services: read and write through a Session, one transaction per user action. No Qt."""
