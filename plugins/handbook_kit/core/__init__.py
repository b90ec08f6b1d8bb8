"""Pure domain logic of the handbook. Nothing in this package may import MkDocs."""
