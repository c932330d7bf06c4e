"""The administrator's pages: accounts, bodies, reminder settings, the audit log."""
