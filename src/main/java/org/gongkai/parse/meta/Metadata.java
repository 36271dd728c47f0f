package org.gongkai.parse.meta;

/**
 * What a report says about itself. Any field may be null when the report does not say.
 *
 * @param agencyBasis where the agency name was read: title, contact sentence, first sentence (or manifest)
 * @param yearBasis   where the year was read: statistics period, title (or manifest)
 * @param title       the report's title line as printed, when it has one
 * @param address     the contact address (地址：…), when given
 */
public record Metadata(String agency, String agencyBasis, Integer year, String yearBasis, String contactPhone,
                       String title, String address) {
}
