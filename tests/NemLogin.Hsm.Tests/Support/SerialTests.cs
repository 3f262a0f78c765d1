// Every test here talks to SoftHSM2 through one process-wide configuration (SOFTHSM2_CONF, set once with libc setenv
// before the module loads) and one token folder per run, where classes create, promote and retire keys. In a full run
// beside the other suites, classes running in parallel failed on each other's keys; one collection runs them in turn.
[assembly: Xunit.CollectionBehavior(Xunit.CollectionBehavior.CollectionPerAssembly)]
