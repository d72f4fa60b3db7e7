"""Every write of the people matters, one module per area (Zulip's `zerver/actions/`):
`trips`, `training`, `evaluations`, `emulation`. Keyword-only `actor`, one transaction each,
audited writes only."""
