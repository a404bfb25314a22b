package dev.newsflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An NER test set in the wikigold format (one {@code token TAG} a line, IOB1 tags, a blank line
 * between sentences, {@code -DOCSTART-} between documents). Each document becomes the text the
 * pipeline would see: tokens joined by spaces, sentences by line breaks; gold entities are kept
 * as {@code first:last:TYPE} over the document's token positions.
 */
record ConllSet(String name, List<ConllSet.Document> documents) {
    record Token(String text, int start, int end) {
    }

    record Document(String text, List<List<Token>> sentences, List<Token> tokens, Set<String> gold) {
    }

    static ConllSet read(String name, Path file) throws IOException {
        List<Document> documents = new ArrayList<>();
        List<List<String[]>> sentences = new ArrayList<>();
        List<String[]> sentence = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            if (line.startsWith("-DOCSTART-")) {
                endSentence(sentence, sentences);
                if (!sentences.isEmpty()) {
                    documents.add(document(sentences));
                    sentences = new ArrayList<>();
                }
            } else if (line.isBlank()) {
                endSentence(sentence, sentences);
            } else {
                int space = line.lastIndexOf(' ');
                sentence.add(new String[] {line.substring(0, space), line.substring(space + 1)});
            }
        }
        endSentence(sentence, sentences);
        if (!sentences.isEmpty()) {
            documents.add(document(sentences));
        }
        return new ConllSet(name, documents);
    }

    int entityCount() {
        return documents.stream().mapToInt(d -> d.gold().size()).sum();
    }

    private static void endSentence(List<String[]> sentence, List<List<String[]>> sentences) {
        if (!sentence.isEmpty()) {
            sentences.add(new ArrayList<>(sentence));
            sentence.clear();
        }
    }

    private static Document document(List<List<String[]>> sentences) {
        StringBuilder text = new StringBuilder();
        List<Token> tokens = new ArrayList<>();
        List<List<Token>> bySentence = new ArrayList<>();
        Set<String> gold = new HashSet<>();
        for (List<String[]> s : sentences) {
            if (text.length() > 0) {
                text.append('\n');
            }
            List<Token> sentenceTokens = new ArrayList<>();
            String type = null;
            int first = -1;
            for (int i = 0; i <= s.size(); i++) {
                String tag = i < s.size() ? s.get(i)[1] : "O";
                String t = tag.equals("O") ? null : tag.substring(2);
                boolean begins = t != null && (tag.startsWith("B-") || !t.equals(type));
                if (type != null && (t == null || begins)) {
                    gold.add(first + ":" + (tokens.size() - 1) + ":" + type);
                    type = null;
                }
                if (i == s.size()) {
                    break;
                }
                if (t != null && type == null) {
                    type = t;
                    first = tokens.size();
                }
                if (i > 0) {
                    text.append(' ');
                }
                int start = text.length();
                text.append(s.get(i)[0]);
                Token token = new Token(s.get(i)[0], start, text.length());
                tokens.add(token);
                sentenceTokens.add(token);
            }
            bySentence.add(sentenceTokens);
        }
        return new Document(text.toString(), bySentence, tokens, gold);
    }
}
