"""Change notices: what to announce and until when, the feeds and the notice for e-mail."""
