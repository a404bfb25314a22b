package dev.newsflow.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

/**
 * Ways a news story gets copied (near-copies, which must be caught) or retold (controls, which
 * must not be), applied to a real article text. Every change is drawn from a seeded random source
 * so the benchmark is the same on every run.
 */
final class SyntheticCopies {
    enum Kind {
        SITE_BOILERPLATE(true), NEW_HEADLINE(true), SENTENCE_EDITS(true), WORD_SWAPS_3PCT(true),
        TRUNCATED_HALF(true), AGGREGATOR_REWRAP(true), HEAVY_REWRITE(false);

        final boolean nearCopy;

        Kind(boolean nearCopy) {
            this.nearCopy = nearCopy;
        }
    }

    /** A site's template: what every page of it carries around the story. */
    record Site(String host, String header, String footer) {
        String wrap(String story) {
            return header + "\n" + story + "\n" + footer;
        }
    }

    private final List<String> vocabulary;
    private final List<String> otherLeads;

    SyntheticCopies(List<String> corpusTexts) {
        List<String> words = new ArrayList<>();
        List<String> leads = new ArrayList<>();
        for (String text : corpusTexts) {
            for (String w : text.split("\\s+")) {
                if (w.chars().allMatch(Character::isLetter) && w.length() > 2) {
                    words.add(w.toLowerCase());
                }
            }
            leads.add(sentences(text).get(0));
        }
        this.vocabulary = words;
        this.otherLeads = leads;
    }

    static Site site(String name) {
        String host = "www." + name.toLowerCase() + ".example";
        String header = "Home. World. Business. Technology. Sport. Opinion. Culture. " + name + " Live. Subscribe to "
                + name + " for unlimited access to our award-winning journalism. We use cookies to improve your "
                + "experience on " + name + "; by continuing you accept our cookie policy.";
        String footer = "Sign up for the " + name + " Morning Briefing, the stories you need to start your day, "
                + "delivered to your inbox. Download the " + name + " app now for breaking news alerts. Follow " + name
                + " on social media and share this story with your friends. Have a tip? Contact the " + name
                + " newsroom securely. Copyright 2026 " + name + " Media Group. All rights reserved. This material may "
                + "not be published, broadcast, rewritten or redistributed without permission. Advertisement. "
                + "Most read on " + name + " this week. More from " + name + " Business and Technology.";
        return new Site(host, header, footer);
    }

    String apply(Kind kind, String story, Site copier, Random random) {
        return switch (kind) {
            case SITE_BOILERPLATE -> copier.wrap(story);
            case NEW_HEADLINE -> copier.wrap(headline(random) + "\n" + "NEW YORK (" + copier.host() + ") - " + story);
            case SENTENCE_EDITS -> copier.wrap(editSentences(story, 0.2, random));
            case WORD_SWAPS_3PCT -> copier.wrap(swapWords(story, 0.03, random));
            case TRUNCATED_HALF -> copier.wrap(firstHalf(story));
            case AGGREGATOR_REWRAP -> copier.wrap("This story was originally published by a partner site and is "
                    + "republished here with permission.\n" + story + "\nRelated stories:\n"
                    + String.join("\n", pick(otherLeads, 3, random)));
            case HEAVY_REWRITE -> copier.wrap(rewrite(story, random));
        };
    }

    private String headline(Random random) {
        return capitalise(String.join(" ", pick(vocabulary, 8, random)));
    }

    /** Every fifth sentence or so is dropped, replaced, or has two words changed. */
    private String editSentences(String story, double share, Random random) {
        return mapSentences(story, (sentence, r) -> {
            if (r.nextDouble() >= share) {
                return sentence;
            }
            return switch (r.nextInt(3)) {
                case 0 -> "";
                case 1 -> headline(r) + ".";
                default -> swapWords(sentence, 2.0 / Math.max(2, sentence.split(" ").length), r);
            };
        }, random);
    }

    private String swapWords(String text, double share, Random random) {
        String[] words = text.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (random.nextDouble() < share) {
                words[i] = vocabulary.get(random.nextInt(vocabulary.size()));
            }
        }
        return String.join(" ", words);
    }

    private static String firstHalf(String story) {
        int half = story.length() / 2;
        int cut = story.indexOf(". ", half);
        return story.substring(0, cut < 0 ? half : cut + 1);
    }

    /** The same event told again: sentences reordered, a fifth dropped, a third of the words changed. */
    private String rewrite(String story, Random random) {
        List<String> sentences = new ArrayList<>(sentences(story));
        Collections.shuffle(sentences, random);
        List<String> kept = new ArrayList<>();
        for (String sentence : sentences) {
            if (random.nextDouble() >= 0.2) {
                kept.add(swapWords(sentence, 0.35, random));
            }
        }
        return String.join(" ", kept);
    }

    private String mapSentences(String story, BiFunction<String, Random, String> change, Random random) {
        StringBuilder out = new StringBuilder();
        for (String paragraph : story.split("\n")) {
            List<String> changed = new ArrayList<>();
            for (String sentence : sentences(paragraph)) {
                String c = change.apply(sentence, random);
                if (!c.isEmpty()) {
                    changed.add(c);
                }
            }
            out.append(String.join(" ", changed)).append('\n');
        }
        return out.toString().strip();
    }

    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.strip().split("(?<=[.!?])\\s+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out.isEmpty() ? List.of(text) : out;
    }

    private static List<String> pick(List<String> from, int n, Random random) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(from.get(random.nextInt(from.size())));
        }
        return out;
    }

    private static String capitalise(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
