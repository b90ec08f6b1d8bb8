"""The `handbook/regulations` MkDocs plugin: regulation metadata on the site."""
