"""The `handbook/search` MkDocs plugin: Chinese segmentation that cannot silently degrade."""
