"""Public face of permissions: roles scoped to org units, declared actions, default deny."""
