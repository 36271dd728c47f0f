package org.gongkai.parse;

import org.gongkai.parse.meta.Metadata;

/**
 * What is known about a file from outside it, e.g. a crawler's manifest. Each non-null field overrides what the
 * report says; the metadata then records "manifest" as that field's basis.
 */
public record Hints(String agency, String regionCode, Integer year) {

  public static final Hints NONE = new Hints(null, null, null);

  Metadata apply(Metadata m) {
    boolean agencyGiven = agency != null && !agency.isBlank();
    return new Metadata(agencyGiven ? agency.strip() : m.agency(), agencyGiven ? "manifest" : m.agencyBasis(),
        year != null ? year : m.year(), year != null ? "manifest" : m.yearBasis(), m.contactPhone(), m.title(),
        m.address());
  }
}
