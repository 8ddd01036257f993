/** {@code serve --demo}: the sample book against the simulators, and the demo's service. */
package io.kb4sync.app.dashboard;
