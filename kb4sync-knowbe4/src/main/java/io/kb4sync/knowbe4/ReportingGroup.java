package io.kb4sync.knowbe4;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A group as the Reporting API shows it ({@code /v1/groups}). Ids are Reporting ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
record ReportingGroup(Long id, String name, String groupType, String status, Integer memberCount) {}
