package dev.newsflow.clean;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;

/**
 * Removes many nodes from a document in time linear in the document. Removing them one by one
 * costs a shift of the parent's child list and a re-indexing of its siblings each, quadratic when a
 * page puts hundreds of thousands of them side by side (jsoup stops nesting at a depth limit, so a
 * page of 300,000 nested asides is 300,000 siblings): each parent's children are rebuilt once.
 */
final class NodeRemoval {
    private NodeRemoval() {
    }

    static void removeAll(List<? extends Node> doomed) {
        Map<Element, Set<Node>> byParent = new LinkedHashMap<>();
        for (Node node : doomed) {
            Element parent = node.parentElement();
            if (parent != null) {
                byParent.computeIfAbsent(parent, p -> Collections.newSetFromMap(new IdentityHashMap<>())).add(node);
            }
        }
        byParent.forEach((parent, gone) -> {
            if (gone.size() == 1) {
                gone.iterator().next().remove();
                return;
            }
            List<Node> kept = new ArrayList<>(parent.childNodeSize() - gone.size());
            for (Node child : parent.childNodes()) {
                if (!gone.contains(child)) {
                    kept.add(child);
                }
            }
            parent.empty();
            parent.appendChildren(kept);
        });
    }
}
