"""The `collectsim` command line: one subcommand module per job."""
