"""Small display widgets: each renders one thing the engine or rubric reports."""
