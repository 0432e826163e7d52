"""Administration pages: policy parameters, the audit log, users; the login dialog."""
