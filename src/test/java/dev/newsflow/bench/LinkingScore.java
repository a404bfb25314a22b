package dev.newsflow.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shared sets' entity-linking metrics, as their reference scorer ({@code tools/score.py}) counts
 * them: end-to-end InKB micro precision, recall and F1 with strong annotation match, where a link on
 * a name the gold calls NIL is ignored unless it sits exactly on an in-KB mention; GERBIL's strict
 * count of false positives beside it; and, when the links were made on the gold spans, disambiguation
 * accuracy over the in-KB mentions.
 */
record LinkingScore(int tp, int fp, int fn, int fpStrict, int ignoredOnNil, int unscorable, int disambiguated,
                    int disambiguatedRight) {

    /** A link a system made: a span and the id it names (null: left unlinked, not a prediction). */
    record Link(int start, int end, String id) {
    }

    private record Span(int start, int end) {
    }

    static LinkingScore of(LinkingSet set, Map<String, List<Link>> linksByDoc, LinkingSet.IdSpace space) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int fpStrict = 0;
        int ignored = 0;
        int unscorable = 0;
        int disN = 0;
        int disOk = 0;
        for (LinkingSet.Doc doc : set.docs()) {
            Map<Span, String> inKb = new LinkedHashMap<>();
            List<Span> nil = new ArrayList<>();
            Set<Span> unscorableSpans = new HashSet<>();
            for (LinkingSet.Gold m : doc.mentions()) {
                Span span = new Span(m.start(), m.end());
                if (m.id(space) != null) {
                    inKb.put(span, m.id(space));
                } else if (!m.isNil()) {
                    unscorableSpans.add(span); // in the KB, but not in the id space being scored
                } else {
                    nil.add(span);
                }
            }
            unscorable += unscorableSpans.size();
            Map<Span, String> links = new LinkedHashMap<>();
            for (Link link : linksByDoc.getOrDefault(doc.id(), List.of())) {
                if (link.id() != null) {
                    links.put(new Span(link.start(), link.end()), link.id()); // one per span, the last wins
                }
            }
            for (Map.Entry<Span, String> gold : inKb.entrySet()) {
                boolean right = gold.getValue().equals(links.get(gold.getKey()));
                tp += right ? 1 : 0;
                fn += right ? 0 : 1;
                disN++;
                disOk += right ? 1 : 0;
            }
            for (Map.Entry<Span, String> link : links.entrySet()) {
                Span span = link.getKey();
                if (unscorableSpans.contains(span) || link.getValue().equals(inKb.get(span))) {
                    continue;
                }
                fpStrict++;
                boolean onNil = nil.stream().anyMatch(n -> span.start() < n.end() && n.start() < span.end());
                if (inKb.containsKey(span) || !onNil) {
                    fp++;
                } else {
                    ignored++;
                }
            }
        }
        return new LinkingScore(tp, fp, fn, fpStrict, ignored, unscorable, disN, disOk);
    }

    double precision() {
        return ratio(tp, tp + fp);
    }

    double recall() {
        return ratio(tp, tp + fn);
    }

    double f1() {
        return harmonic(precision(), recall());
    }

    double precisionStrict() {
        return ratio(tp, tp + fpStrict);
    }

    double f1Strict() {
        return harmonic(precisionStrict(), recall());
    }

    /** Meaningful when the links were made on the gold spans. */
    double disambiguationAccuracy() {
        return ratio(disambiguatedRight, disambiguated);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private static double harmonic(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
