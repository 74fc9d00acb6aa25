"""The production stack: configuration files, and `python -m deploy.stack` to run it locally."""
