/**
 * What every run is, whoever started it: its {@link io.kb4sync.core.run.Outcome} (and exit code)
 * and its {@link io.kb4sync.core.run.RunStatus} in the history. Depends on nothing else in core.
 */
package io.kb4sync.core.run;
