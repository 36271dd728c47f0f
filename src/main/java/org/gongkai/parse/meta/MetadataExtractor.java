package org.gongkai.parse.meta;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gongkai.parse.table.Labels;

/**
 * Reads the agency, the report year and the contact phone from a report's prose.
 *
 * <p>Agency: the title (…局2024年政府信息公开工作年度报告, 2019年…局政府信息公开工作年度报告 or
 * …局政府信息公开工作年度报告（2024年）, possibly wrapped over lines), else 请与…联系, else the
 * first sentence (本报告由…编制). Year: the 统计期限 sentence first (the period the figures cover), then the title.
 */
public final class MetadataExtractor {

  private static final int TITLE_LINES = 6;
  private static final int TITLE_SEARCH_LINES = 40;
  private static final String REPORT = "政府信息公开(?:工作)?(?:年度)?报告";
  private static final Pattern TITLE = Pattern.compile(
      "(.{2,60}?)[(（]?(\\d{4})\\s*年(?:度)?[)）]?(?:度)?" + REPORT);
  /** The forms a title takes, most common first: 某局2024年…报告, 2019年某局…报告, 某局…报告（2024年）. */
  private static final List<TitleForm> TITLE_FORMS = List.of(
      new TitleForm(TITLE, 1, 2),
      new TitleForm(Pattern.compile("(\\d{4})\\s*年(?:度)?(.{2,60}?)" + REPORT), 2, 1),
      new TitleForm(Pattern.compile("(.{2,60}?)" + REPORT + "\\s*[(（]\\s*(\\d{4})\\s*年?(?:度)?\\s*[)）]"), 1, 2));
  // breadcrumbs and site names printed before a title: 首页>政务公开>…
  private static final Pattern TITLE_PREFIX = Pattern.compile(".*[>»|｜:：/\\]]");
  private static final Pattern NAVIGATION = Pattern.compile("[>»|｜]");
  private static final Pattern NAVIGATION_PREFIX = Pattern.compile(".*[>»|｜]");
  private static final Pattern CONTACT = Pattern.compile("请(?:与|联系|向)([^，,。；;（(]{2,40}?)(?:联系|咨询|反映)");
  private static final Pattern BY = Pattern.compile("本(?:年度)?报告由([^，,。；;（(]{2,40}?)(?:按照|根据|依据|依照|编制)");
  private static final Pattern PERIOD = Pattern.compile(
      "统计(?:期限|时限|区间|期间|时间)[^0-9]{0,8}(\\d{4})\\s*年\\s*0?1\\s*月\\s*0?1\\s*日");
  // a few words may stand between the word and the number (电话为, 电话号码：); service numbers (12345, 12315)
  // have no area code and never match
  private static final Pattern PHONE = Pattern.compile(
      "(?:电话|联系方式|热线|拨打)[^0-9\\n]{0,8}?[(（]?(0\\d{2,3})[)）]?\\s*[-－—]?\\s*(\\d{7,8})(?!\\d)");
  private static final String[] PHONE_STARTS = {"电话", "联系方式", "热线", "拨打"};
  // a number written without a word before it needs its area code set apart: 025-83123456, (025)83123456
  private static final Pattern BARE_PHONE = Pattern.compile(
      "(?<![0-9])(?:[(（](0\\d{2,3})[)）]\\s*|(0\\d{2,3})\\s*[-－—]\\s*)(\\d{7,8})(?!\\d)");
  private static final Pattern ADDRESS = Pattern.compile("(?:地址|通讯地址|办公地址)[:：]\\s*([^，,。；;）)\\n]{4,60})");
  private static final Pattern AGENCY_SUFFIX = Pattern.compile(
      ".*(局|委员会|委|厅|办公室|办|政府|院|署|中心|部|会|所|处|街道|镇|乡|馆|站|队)$");

  private MetadataExtractor() {
  }

  /**
   * @param lines     the document's lines
   * @param pageTitle a title declared outside the text (HTML {@code <title>}), or null
   */
  public static Metadata extract(List<String> lines, String pageTitle) {
    String text = String.join("\n", lines);
    // sentences may wrap over lines (PDF text: 请\n与…联系, 电\n话：0574-…)
    String flat = text.replace("\n", "");
    String agency = null;
    String agencyBasis = null;
    Integer titleYear = null;
    String titleLine = null;

    for (String candidate : titleCandidates(lines, pageTitle)) {
      if (!candidate.contains("政府信息公开")) {
        continue;
      }
      for (TitleForm form : TITLE_FORMS) {
        Matcher title = form.pattern().matcher(candidate);
        // the length first: a lazy group tried at every position of a long candidate is the costly part
        if (!title.lookingAt() && !(candidate.length() <= 80 && title.reset().find())) {
          continue;
        }
        if (titleLine == null) {
          // the title without the breadcrumb or menu printed before it
          String bare = NAVIGATION_PREFIX.matcher(candidate).replaceFirst("");
          titleLine = bare.contains("政府信息公开") ? bare : candidate;
        }
        String name = cleanAgency(TITLE_PREFIX.matcher(title.group(form.agencyGroup())).replaceFirst(""));
        if (AGENCY_SUFFIX.matcher(name).matches()) {
          agency = name;
          agencyBasis = "title";
          titleYear = Integer.valueOf(title.group(form.yearGroup()));
          break;
        }
      }
      if (agency != null) {
        break;
      }
    }
    if (agency == null) {
      // a sentence may wrap over lines (PDF text): 请\n与…联系
      Matcher m = find(CONTACT, flat, "请");
      if (m != null) {
        agency = cleanAgency(m.group(1));
        agencyBasis = "contact sentence";
      }
    }
    if (agency == null) {
      Matcher m = find(BY, flat, "本");
      if (m != null) {
        agency = cleanAgency(m.group(1));
        agencyBasis = "first sentence";
      }
    }

    Integer year = null;
    String yearBasis = null;
    Matcher period = find(PERIOD, flat, "统计");
    if (period != null) {
      year = Integer.valueOf(period.group(1));
      yearBasis = "statistics period";
    } else if (titleYear != null) {
      year = titleYear;
      yearBasis = "title";
    } else {
      String squeezed = Labels.squeeze(text);
      for (TitleForm form : TITLE_FORMS) {
        Matcher any = form.pattern().matcher(squeezed);
        if (any.find()) {
          year = Integer.valueOf(any.group(form.yearGroup()));
          yearBasis = "title";
          break;
        }
      }
    }

    String phone = null;
    Matcher p = find(PHONE, text, PHONE_STARTS);
    if (p != null || (p = find(PHONE, flat, PHONE_STARTS)) != null) {
      // second try: a sentence wrapped inside the phone (PDF text: 电\n话：0574-…)
      phone = p.group(1) + "-" + p.group(2);
    } else if ((p = BARE_PHONE.matcher(text)).find()) {
      phone = (p.group(1) != null ? p.group(1) : p.group(2)) + "-" + p.group(3);
    }
    Matcher address = find(ADDRESS, text, "地址", "通讯地址", "办公地址");
    return new Metadata(agency, agencyBasis, year, yearBasis, phone, titleLine,
        address != null ? address.group(1).strip() : null);
  }

  /**
   * The pattern's first match in the text, or null. Every match starts with one of {@code starts}, so the search
   * begins at the first of them found (a plain indexOf) instead of trying the pattern at every position.
   */
  static Matcher find(Pattern pattern, String text, String... starts) {
    int first = -1;
    for (String start : starts) {
      int at = text.indexOf(start);
      if (at >= 0 && (first < 0 || at < first)) {
        first = at;
      }
    }
    if (first < 0) {
      return null;
    }
    Matcher m = pattern.matcher(text);
    return m.find(first) ? m : null;
  }

  /** The report's opening lines joined (titles wrap: …年度报\n告), then each early short line, then the page title. */
  private static List<String> titleCandidates(List<String> lines, String pageTitle) {
    List<String> out = new java.util.ArrayList<>();
    out.add(titleText(lines));
    lines.stream().limit(TITLE_SEARCH_LINES)
        .filter(l -> l.contains("政府信息公开") && l.contains("报告"))
        .map(Labels::squeeze).filter(s -> s.length() <= 80).forEach(out::add);
    if (pageTitle != null) {
      out.add(Labels.squeeze(pageTitle));
    }
    return out;
  }

  /** The first short lines of the report joined: titles are often wrapped (…年度报\n告). */
  private static String titleText(List<String> lines) {
    StringBuilder sb = new StringBuilder();
    int taken = 0;
    for (String line : lines) {
      String s = Labels.squeeze(line);
      if (s.isEmpty()) {
        continue;
      }
      if (s.length() > 80 || taken == TITLE_LINES) {
        break;
      }
      sb.append(s);
      if (NAVIGATION.matcher(s).find()) {
        sb.append('|'); // a breadcrumb or menu line ends before the title (Word and PDF copies of web pages keep them)
      }
      taken++;
    }
    return sb.toString();
  }

  private record TitleForm(Pattern pattern, int agencyGroup, int yearGroup) {
  }

  private static String cleanAgency(String raw) {
    String s = Labels.squeeze(raw);
    s = s.replaceAll("^(?:关于)", "");
    return s;
  }
}
