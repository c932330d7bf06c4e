"""Delivery channels (SMTP email, in-app notices) and the outbox sender that drains reminders."""
