package com.whatsdex.contacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import com.whatsdex.support.TwoWorkspaces;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ContactsIntegrationTests {

    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    ContactsApi contacts;

    @Autowired
    ContactBatchApi batches;

    private UUID workspace() {
        return new Browser(port).register("Contacts").workspaceId();
    }

    @Test
    void concurrentFirstMessagesFromOnePhoneCreateOneContact() throws Exception {
        UUID tenant = workspace();
        List<Callable<UUID>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(() -> TenantContext.callAs(
                    tenant,
                    () -> contacts.findOrCreateByPhone("+2348012345678", "Ada").id()));
        }
        Set<UUID> ids;
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<UUID>> results = pool.invokeAll(calls);
            ids = new java.util.HashSet<>();
            for (Future<UUID> f : results) {
                ids.add(f.get());
            }
        }
        assertThat(ids).hasSize(1);
        ContactRef c =
                TenantContext.callAs(tenant, () -> contacts.get(ids.iterator().next()));
        assertThat(c.phone()).isEqualTo("+2348012345678");
        assertThat(c.name()).isEqualTo("Ada");
        assertThat(c.optedOut()).isFalse();
        assertThat(c.lastChannelId()).isNull();
    }

    /**
     * Found by bench/run.sh load: a campaign's send batch recorded its contacts' interaction in the order of their
     * ids while an inbound webhook batch locked the same contacts in phone order, and PostgreSQL aborted one of the
     * two as a deadlock. Here both kinds of batch run concurrently over the same contacts, each in random order: none
     * may fail.
     */
    @Test
    void inboundAndOutboundBatchesOverTheSameContactsNeverDeadlock() throws Exception {
        UUID tenant = workspace();
        UUID channel = UUID.randomUUID();
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            // phone order differs from id (creation) order
            phones.add("+23480" + String.format("%08d", (i * 7_919L) % 100_000_000L));
        }
        List<UUID> ids = TenantContext.callAs(
                tenant,
                () -> phones.stream()
                        .map(p -> contacts.findOrCreateByPhone(p, null).id())
                        .toList());
        List<Callable<Boolean>> batchesOfBoth = new ArrayList<>();
        for (int i = 0; i < 240; i++) {
            boolean inbound = i % 2 == 0;
            long seed = i;
            batchesOfBoth.add(() -> TenantContext.callAs(tenant, () -> {
                java.util.Random random = new java.util.Random(seed);
                if (inbound) {
                    List<String> some = new ArrayList<>(phones);
                    java.util.Collections.shuffle(some, random);
                    batches.findOrCreateSenders(some.subList(0, 12).stream()
                            .map(p -> new ContactBatchApi.Sender(p, null, channel, T0.plusSeconds(seed)))
                            .toList());
                } else {
                    List<UUID> some = new ArrayList<>(ids);
                    java.util.Collections.shuffle(some, random);
                    Map<UUID, UUID> channelByContact = new java.util.LinkedHashMap<>();
                    some.subList(0, 12).forEach(id -> channelByContact.put(id, channel));
                    batches.recordOutbound(channelByContact, T0.plusSeconds(seed));
                }
                return true;
            }));
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Boolean> f : pool.invokeAll(batchesOfBoth)) {
                assertThat(f.get()).isTrue(); // a deadlock surfaces here as the batch's exception
            }
        }
        ContactRef last = TenantContext.callAs(tenant, () -> contacts.get(ids.getFirst()));
        assertThat(last.lastChannelId()).isEqualTo(channel);
    }

    @Test
    void aProfileNameFillsAMissingNameButNeverReplacesOne() {
        UUID tenant = workspace();
        TenantContext.runAs(tenant, () -> {
            UUID id = contacts.findOrCreateByPhone("+14155550100", null).id();
            assertThat(contacts.findOrCreateByPhone("+14155550100", "Grace").name())
                    .isEqualTo("Grace");
            assertThat(contacts.findOrCreateByPhone("+14155550100", "Someone else")
                            .name())
                    .isEqualTo("Grace");
            assertThat(contacts.findOrCreateByPhone("+14155550100", "Grace").id())
                    .isEqualTo(id);
        });
    }

    @Test
    void rejectsPhonesThatAreNotE164() {
        UUID tenant = workspace();
        TenantContext.runAs(tenant, () -> {
            assertThatThrownBy(() -> contacts.findOrCreateByPhone("2348012345678", null))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> contacts.findOrCreateByPhone("+0123", null))
                    .isInstanceOf(IllegalArgumentException.class);
        });
    }

    @Test
    void lastChannelFollowsTheNewestInteractionAndNeverMovesBackInTime() {
        UUID tenant = workspace();
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        TenantContext.runAs(tenant, () -> {
            UUID id = contacts.findOrCreateByPhone("+447700900123", null).id();

            contacts.recordInbound(id, first, T0);
            assertThat(contacts.get(id).lastChannelId()).isEqualTo(first);
            assertThat(contacts.get(id).lastInboundAt()).isEqualTo(T0);

            contacts.recordOutbound(id, second, T0.plusSeconds(60));
            assertThat(contacts.get(id).lastChannelId()).isEqualTo(second);
            assertThat(contacts.get(id).lastInboundAt())
                    .as("outbound is not inbound")
                    .isEqualTo(T0);

            // a late webhook about an older inbound message
            contacts.recordInbound(id, third, T0.plusSeconds(30));
            assertThat(contacts.get(id).lastChannelId()).isEqualTo(second);
            assertThat(contacts.get(id).lastInboundAt()).isEqualTo(T0.plusSeconds(30));

            contacts.recordInbound(id, first, T0.minusSeconds(600));
            assertThat(contacts.get(id).lastInboundAt()).isEqualTo(T0.plusSeconds(30));

            contacts.recordInbound(id, third, T0.plusSeconds(120));
            assertThat(contacts.get(id).lastChannelId()).isEqualTo(third);
        });
    }

    @Test
    void optsOutAndBackIn() {
        UUID tenant = workspace();
        TenantContext.runAs(tenant, () -> {
            UUID id = contacts.findOrCreateByPhone("+33612345678", null).id();
            contacts.setOptedOut(id, true, T0);
            assertThat(contacts.get(id).optedOut()).isTrue();
            contacts.setOptedOut(id, false, T0.plusSeconds(1));
            assertThat(contacts.get(id).optedOut()).isFalse();
        });
    }

    @Test
    void anotherWorkspaceCannotSeeOrTouchAContact() {
        TwoWorkspaces two = TwoWorkspaces.create(port);
        UUID a = two.a().workspaceId();
        UUID b = two.b().workspaceId();
        ContactRef ofA = TenantContext.callAs(a, () -> contacts.findOrCreateByPhone("+4915112345678", "A's"));

        assertThatThrownBy(() -> TenantContext.callAs(b, () -> contacts.get(ofA.id())))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("not_found"));
        TenantContext.runAs(b, () -> {
            contacts.setOptedOut(ofA.id(), true, T0);
            contacts.recordInbound(ofA.id(), UUID.randomUUID(), T0);
        });
        ContactRef after = TenantContext.callAs(a, () -> contacts.get(ofA.id()));
        assertThat(after).isEqualTo(ofA);

        // the same phone in B is B's own contact
        ContactRef ofB = TenantContext.callAs(b, () -> contacts.findOrCreateByPhone("+4915112345678", "B's"));
        assertThat(ofB.id()).isNotEqualTo(ofA.id());
        assertThat(ofB.name()).isEqualTo("B's");
        assertThat(two.b().get("/api/v1/contacts/" + ofA.id()).status()).isEqualTo(404);
        assertThat(two.a()
                        .get("/api/v1/contacts/" + ofA.id())
                        .data()
                        .path("phone")
                        .asString())
                .isEqualTo("+4915112345678");
        assertThat(Set.of(ofA.id(), ofB.id()).stream().map(UUID::toString).collect(Collectors.toSet()))
                .hasSize(2);
    }
}
