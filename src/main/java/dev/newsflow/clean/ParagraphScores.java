package dev.newsflow.clean;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Readability-style container scores, computed from the paragraphs a reader sees rather than from
 * {@code <p>} tags. A paragraph is a run of text between block boundaries ({@code <br>}, block-level
 * elements): a block element whose whole text is one run is itself the paragraph and scores its
 * parent, like a {@code <p>}; runs inside an element that holds several (text split by
 * {@code <br><br>}, text beside child blocks) are paragraphs of that element and score it. So an
 * article written as bare text in a {@code <div>} or {@code <td>}, or as one {@code <div>} per
 * paragraph, competes on equal terms with one written in {@code <p>} tags. Each paragraph's score
 * flows to three ancestors, in full, half and a quarter; the first time an element gets a score it
 * also gets its own initial score. One walk, counting characters without building strings.
 */
final class ParagraphScores {
    static final int MIN_PARAGRAPH_CHARS = 25;
    private static final Set<String> WHOLE_PARAGRAPH_TAGS = Set.of("p", "pre", "li", "dd", "dt", "h2", "h3", "h4",
            "th");
    /** The headline and the smallest headings (widget titles) say nothing about where the body is. */
    private static final Set<String> UNSCORED_TAGS = Set.of("h1", "h5", "h6");
    private static final int MAX_LENGTH_POINTS = 3;

    private ParagraphScores() {
    }

    /**
     * @param total  each element's score: the paragraphs below it, shared out by level, and its own initial score
     * @param direct the part of an element's score from text it holds itself, outside child blocks
     * @param held   the paragraphs an element holds itself, in full: that text and its child paragraphs
     */
    record Scores(Map<Element, Double> total, Map<Element, Double> direct, Map<Element, Double> held) {
        double of(Element e) {
            return total.getOrDefault(e, 0.0);
        }

        double directOf(Element e) {
            return direct.getOrDefault(e, 0.0);
        }

        double heldBy(Element e) {
            return held.getOrDefault(e, 0.0);
        }
    }

    static Scores of(Element root, ToDoubleFunction<Element> initialScore) {
        Walk walk = new Walk(root, initialScore);
        NodeTraversor.traverse(walk, root);
        return new Scores(walk.scores, walk.direct, walk.held);
    }

    /** The text of one run as the score needs it: its length with white space collapsed, and its commas. */
    private static final class Run {
        int chars;
        int commas;
        boolean pendingSpace;

        void add(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00a0') {
                    pendingSpace = chars > 0;
                    continue;
                }
                if (pendingSpace) {
                    chars++;
                    pendingSpace = false;
                }
                chars++;
                if (c == ',' || c == '，' || c == '、') {
                    commas++;
                }
            }
        }

        double score() {
            return 1 + commas + Math.min(chars / 100.0, MAX_LENGTH_POINTS);
        }
    }

    /** A block element being walked: the runs it holds itself, one by one and as a whole. */
    private static final class Holder {
        final Element element;
        final Run whole = new Run();
        Run open = new Run();
        int runs;
        double runScores;
        boolean hasBlockChild;

        Holder(Element element) {
            this.element = element;
        }

        void add(String text) {
            open.add(text);
            whole.add(text);
        }

        /** A line break or a block boundary ends the open run. */
        void endRun() {
            if (open.chars == 0) {
                return;
            }
            runs++;
            if (open.chars >= MIN_PARAGRAPH_CHARS) {
                runScores += open.score();
            }
            open = new Run();
        }

        /**
         * Whether the element is itself one paragraph: one run, or text tags such as {@code <p>} and
         * {@code <li>} whose line breaks stay inside the paragraph. Blocks inside make it a container.
         */
        boolean isOneParagraph() {
            return !hasBlockChild && (runs == 1 || WHOLE_PARAGRAPH_TAGS.contains(element.normalName()));
        }
    }

    private static final class Walk implements NodeVisitor {
        final Map<Element, Double> scores = new IdentityHashMap<>();
        final Map<Element, Double> direct = new IdentityHashMap<>();
        final Map<Element, Double> held = new IdentityHashMap<>();
        final Deque<Holder> holders = new ArrayDeque<>();
        final ToDoubleFunction<Element> initialScore;
        final Element root;

        Walk(Element root, ToDoubleFunction<Element> initialScore) {
            this.root = root;
            this.initialScore = initialScore;
        }

        @Override
        public void head(Node node, int depth) {
            if (node instanceof TextNode text) {
                if (!holders.isEmpty()) {
                    holders.peek().add(text.getWholeText());
                }
            } else if (node instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("br") || tag.equals("hr")) {
                    if (!holders.isEmpty()) {
                        holders.peek().endRun();
                    }
                } else if (e == root || BlockText.BLOCK_TAGS.contains(tag)) {
                    if (!holders.isEmpty()) {
                        holders.peek().endRun();
                        holders.peek().hasBlockChild = true;
                    }
                    holders.push(new Holder(e));
                }
            }
        }

        @Override
        public void tail(Node node, int depth) {
            if (node instanceof Element e && !holders.isEmpty() && holders.peek().element == e) {
                Holder h = holders.pop();
                h.endRun();
                if (UNSCORED_TAGS.contains(e.normalName())) {
                    return;
                }
                if (h.isOneParagraph()) {
                    if (h.whole.chars >= MIN_PARAGRAPH_CHARS && e != root && e.parent() != null) {
                        credit(e.parent(), h.whole.score());
                        held.merge(e.parent(), h.whole.score(), Double::sum);
                    }
                } else if (h.runScores > 0) {
                    credit(e, h.runScores);
                    direct.put(e, h.runScores);
                    held.merge(e, h.runScores, Double::sum);
                }
            }
        }

        /** A paragraph's score to the element holding it, half to its parent, a quarter to the grandparent. */
        private void credit(Element holder, double score) {
            Element e = holder;
            double share = 1;
            for (int level = 0; level < 3 && e != null; level++) {
                double initial = scores.containsKey(e) ? 0 : initialScore.applyAsDouble(e);
                scores.merge(e, score * share + initial, Double::sum);
                share /= 2;
                e = e.parent();
            }
        }
    }
}
