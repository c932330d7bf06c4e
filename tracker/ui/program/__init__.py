"""The program as everybody reads it: groups, tasks, targets, bodies, search."""
