"""Everything that imports Textual: the app, its screens, widgets and styles."""
