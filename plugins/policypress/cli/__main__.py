"""`python -m policypress.cli`: the command line (same as `python -m policypress`)."""

from policypress.cli.main import main

raise SystemExit(main())
