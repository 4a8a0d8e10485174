"""Out to the world: each publication delivered through the accounts of the organisation file,
every delivery requested on the record before the network call, its receipt after."""
