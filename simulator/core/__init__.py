"""The pure core: content models, loading and discovery. Imports nothing from Textual."""
