"""What leaders look at: the dashboard, the 2030 targets and the summary report."""
