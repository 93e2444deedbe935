"""The rubric: scores a collection call from its turns. Pure Python, no Textual."""
