"""The full-screen TUI (Textual). Shows what the engine and the rubric say; holds no rules."""
