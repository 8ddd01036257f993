package io.kb4sync.knowbe4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code /v1/account}: the seats are what the sync needs. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReportingAccount(String name, List<String> domains, Integer numberOfSeats) {}
