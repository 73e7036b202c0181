"""Feed polling: fetch (the only httpx), parse, pure decisions, the poller and its state."""
