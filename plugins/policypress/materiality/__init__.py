"""Material changes: which criteria a change touches, with evidence, and the rules of the gate."""
