"""The `policypress` command line: compare, check, list, freeze, notice and verify."""

from policypress.cli.main import main

__all__ = ["main"]
