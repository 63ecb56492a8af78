"""The MkDocs adapter: the plugin, its configuration, the page fragments, templates and assets.
The only part of policypress that imports MkDocs."""
