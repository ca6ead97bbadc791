package com.whatsdex.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/**
 * Two signed-in workspaces, A and B, for isolation tests: whatever A owns, B must neither see, change nor delete.
 * Every feature's tests use it.
 */
public record TwoWorkspaces(Browser a, Browser b) {

    public static TwoWorkspaces create(int port) {
        return new TwoWorkspaces(new Browser(port).register("Workspace A"), new Browser(port).register("Workspace B"));
    }

    /** B gets 404 for A's resource on read, change and delete, and A still sees it unchanged afterwards. */
    public void assertInvisibleToB(String pathOfA, Map<String, Object> patchBody) {
        Browser.Response before = a.get(pathOfA);
        assertThat(before.status()).as("A reads its own %s", pathOfA).isEqualTo(200);

        assertThat(b.get(pathOfA).status()).as("B reads A's %s", pathOfA).isEqualTo(404);
        assertThat(b.get(pathOfA).errorCode()).isEqualTo("not_found");
        if (!patchBody.isEmpty()) {
            assertThat(b.patch(pathOfA, patchBody).status())
                    .as("B changes A's %s", pathOfA)
                    .isEqualTo(404);
        }
        assertThat(b.delete(pathOfA).status()).as("B deletes A's %s", pathOfA).isEqualTo(404);

        assertThat(a.get(pathOfA).data())
                .as("A's %s after B's attempts", pathOfA)
                .isEqualTo(before.data());
    }

    /** Neither list shows the other's items (compares the given id field). */
    public void assertListsDisjoint(String listPath, String idField) {
        var idsA = ids(a.get(listPath), idField);
        var idsB = ids(b.get(listPath), idField);
        assertThat(idsA).as("A's %s", listPath).isNotEmpty();
        assertThat(idsB).as("B's %s", listPath).isNotEmpty();
        assertThat(idsA).as("A's and B's %s", listPath).doesNotContainAnyElementsOf(idsB);
    }

    private static java.util.List<String> ids(Browser.Response list, String idField) {
        assertThat(list.status()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.data().path("items").forEach(item -> ids.add(item.path(idField).asString()));
        return ids;
    }
}
