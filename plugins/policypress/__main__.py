"""`python -m policypress`: the command line."""

from policypress.cli.main import main

raise SystemExit(main())
