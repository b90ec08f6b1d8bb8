"""The `handbook/policy` MkDocs plugin: regulation metadata on the site."""
