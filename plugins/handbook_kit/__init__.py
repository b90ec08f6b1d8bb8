"""Company handbook as code.

`core` holds the domain logic and imports nothing from MkDocs, so the CLI and any
future site engine share it; each plugin subpackage is thin glue around the core.
"""

__version__ = "0.2.0"
