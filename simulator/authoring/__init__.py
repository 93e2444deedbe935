"""The trainer's authoring toolkit: lint, explore, graph and templates for new content."""
