package org.gongkai.parse.meta;

/** What a report says about itself. Any field may be null when the report does not say. */
public record Metadata(String agency, String agencyBasis, Integer year, String yearBasis, String contactPhone) {
}
