"""policypress: publish legal policies from Git, with every version archived and every change redlined."""

__version__ = "0.1.0"
