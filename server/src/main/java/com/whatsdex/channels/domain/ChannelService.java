package com.whatsdex.channels.domain;

import com.whatsdex.channels.ChannelCredentials;
import com.whatsdex.channels.ChannelProvider;
import com.whatsdex.channels.ChannelStatus;
import com.whatsdex.channels.ChannelView;
import com.whatsdex.channels.ChannelsApi;
import com.whatsdex.channels.OutboundAddresses;
import com.whatsdex.channels.SandboxConfig;
import com.whatsdex.channels.SandboxNumbers;
import com.whatsdex.channels.domain.ChannelCommands.ChannelConfig;
import com.whatsdex.channels.domain.ChannelCommands.CreateChannelCmd;
import com.whatsdex.channels.domain.ChannelCommands.SandboxInboundCmd;
import com.whatsdex.channels.domain.ChannelCommands.UpdateChannelCmd;
import com.whatsdex.realtime.RealtimeEvent;
import com.whatsdex.realtime.RealtimeEvents;
import com.whatsdex.secrets.SecretBox;
import com.whatsdex.shared.ApiErrorResponse.FieldError;
import com.whatsdex.shared.ApiException;
import com.whatsdex.shared.Ids;
import com.whatsdex.shared.ParseCache;
import com.whatsdex.shared.Principals;
import com.whatsdex.shared.TenantContext;
import com.whatsdex.shared.WhatsDexProperties;
import com.whatsdex.shared.WorkspacePrincipal;
import com.whatsdex.tenancy.Plan;
import com.whatsdex.tenancy.TenancyApi;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Channels: create, test, edit and delete them, and answer other modules' questions about them.
 *
 * <p>Transactions are opened here by hand rather than with {@code @Transactional} because a connection test is a
 * network call of up to seconds: it runs between two short transactions, never holding a database connection or
 * the workspace's channel lock.
 */
@Service
public class ChannelService implements ChannelsApi {

    public static final String DEFAULT_GRAPH_BASE_URL = "https://graph.facebook.com/v21.0";
    /** Meta's default per-number throughput; the sandbox emulates the same. */
    public static final int DEFAULT_RATE_PER_SECOND = 80;

    // short enough that a demo shows each tick of sent → delivered → read
    private static final Duration SANDBOX_SENT_DELAY = Duration.ofMillis(300);
    private static final Duration SANDBOX_DELIVERED_DELAY = Duration.ofSeconds(1);
    private static final Duration SANDBOX_READ_DELAY = Duration.ofSeconds(3);

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ChannelRepository channels;
    private final SecretBox secrets;
    private final TenancyApi tenancy;
    private final RealtimeEvents realtime;
    private final GraphConnectionTester tester;
    private final OutboundAddresses addresses;
    private final ObjectProvider<SandboxNumbers> sandbox;
    private final JsonMapper json;
    private final String publicUrl;
    private final TransactionTemplate tx;
    /**
     * What a webhook needs of its channel, by channel id (bounded by the number of channels): read at most once per
     * {@link #ROUTE_TTL} per channel, so the webhook traffic costs no lookup transaction per request.
     */
    private final Map<UUID, Route> routes = new ConcurrentHashMap<>();

    /**
     * How long a channel's workspace and app secret are served from memory: a channel deleted on another instance
     * stops being routed here within this time (one deleted here stops at once).
     */
    static final Duration ROUTE_TTL = Duration.ofSeconds(30);

    /**
     * Secrets opened before, by column and sealed text: a campaign's batches read their channels' credentials each
     * time without running the cipher per batch (a changed token is a new sealed text, opened again).
     */
    private final ParseCache<String> opened = new ParseCache<>(1_000);

    /** A channel's workspace and opened app secret (null: the channel has none), and when they were read. */
    private record Route(UUID tenantId, @Nullable String appSecret, long readAt) {

        boolean fresh() {
            return System.nanoTime() - readAt < ROUTE_TTL.toNanos();
        }
    }

    ChannelService(
            ChannelRepository channels,
            SecretBox secrets,
            TenancyApi tenancy,
            RealtimeEvents realtime,
            GraphConnectionTester tester,
            OutboundAddresses addresses,
            ObjectProvider<SandboxNumbers> sandbox,
            JsonMapper json,
            WhatsDexProperties properties,
            PlatformTransactionManager txManager) {
        this.channels = channels;
        this.secrets = secrets;
        this.tenancy = tenancy;
        this.realtime = realtime;
        this.tester = tester;
        this.addresses = addresses;
        this.sandbox = sandbox;
        this.json = json;
        this.publicUrl = stripSlash(properties.publicUrl());
        this.tx = new TransactionTemplate(txManager);
    }

    // ---- the dashboard's use cases -------------------------------------------------------------------------

    public List<ChannelDetails> listForCaller() {
        boolean manager = callerIsManager();
        return read(() -> channels.list().stream().map(c -> details(c, manager)).toList());
    }

    public ChannelDetails getForCaller(UUID id) {
        return details(load(id), callerIsManager());
    }

    public ChannelDetails create(CreateChannelCmd cmd) {
        Principals.requireManager("connect channels");
        ChannelConfig config = cmd.config() == null ? ChannelConfig.empty() : cmd.config();
        return switch (cmd.provider()) {
            case sandbox -> createSandbox(cmd.name(), config);
            case whatsapp_cloud -> createCloud(cmd.name().trim(), config);
        };
    }

    public ChannelDetails createSandbox(@Nullable String name, ChannelConfig config) {
        Principals.requireManager("connect channels");
        return getForCaller(sandbox(name, config));
    }

    @Override
    public UUID restore(
            String name,
            ChannelProvider provider,
            String phoneNumberId,
            @Nullable String wabaId,
            @Nullable String graphBaseUrl,
            int ratePerSecond) {
        if (provider == ChannelProvider.sandbox) {
            return sandbox(name, ChannelConfig.empty());
        }
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        ChannelRecord draft = new ChannelRecord(
                tenantId,
                id,
                name,
                ChannelProvider.whatsapp_cloud,
                ChannelStatus.disconnected,
                "Restored from a backup: enter the access token and app secret again to connect",
                phoneNumberId,
                wabaId,
                null,
                graphBaseUrl == null ? DEFAULT_GRAPH_BASE_URL : graphBaseUrl,
                null,
                null,
                seal(randomSecret(), tenantId, id, "verify_token"),
                ratePerSecond,
                "{}",
                java.time.Instant.now(),
                java.time.Instant.now());
        insertWithinPlan(draft);
        return id;
    }

    /** Stores a sandbox channel and registers its number with the sandbox; answers its id. */
    private UUID sandbox(@Nullable String name, ChannelConfig config) {
        requireSandbox();
        SandboxConfig settings = sandboxConfig(SandboxConfig.DEFAULT, config);
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        String phoneNumberId = "1" + digits(14);
        ChannelRecord draft = new ChannelRecord(
                tenantId,
                id,
                name == null || name.isBlank() ? "Sandbox" : name.trim(),
                ChannelProvider.sandbox,
                ChannelStatus.disconnected,
                null,
                phoneNumberId,
                null,
                "+1 555 01" + digits(2) + " " + digits(4),
                DEFAULT_GRAPH_BASE_URL, // replaced by the sandbox's loopback URL when it registers the number
                seal(randomSecret(), tenantId, id, "access_token"),
                seal(randomSecret(), tenantId, id, "app_secret"),
                seal(randomSecret(), tenantId, id, "verify_token"),
                config.ratePerSecond() == null ? DEFAULT_RATE_PER_SECOND : config.ratePerSecond(),
                json.writeValueAsString(settings),
                java.time.Instant.now(),
                java.time.Instant.now());
        insertWithinPlan(draft);
        connectOnly(id);
        return id;
    }

    private ChannelDetails createCloud(String name, ChannelConfig config) {
        List<FieldError> missing = new ArrayList<>();
        requirePresent(missing, "config.phoneNumberId", config.phoneNumberId());
        requirePresent(missing, "config.wabaId", config.wabaId());
        requirePresent(missing, "config.accessToken", config.accessToken());
        requirePresent(missing, "config.appSecret", config.appSecret());
        requireReachable(missing, config.graphBaseUrl());
        if (!missing.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", missing);
        }
        UUID tenantId = TenantContext.requireTenantId();
        UUID id = Ids.newId();
        String verifyToken = blankToNull(config.verifyToken()) == null ? randomSecret() : config.verifyToken();
        ChannelRecord draft = new ChannelRecord(
                tenantId,
                id,
                name,
                ChannelProvider.whatsapp_cloud,
                ChannelStatus.disconnected,
                null,
                config.phoneNumberId().trim(),
                config.wabaId().trim(),
                null, // Meta reports it on the connection test
                blankToNull(config.graphBaseUrl()) == null
                        ? DEFAULT_GRAPH_BASE_URL
                        : stripSlash(config.graphBaseUrl().trim()),
                seal(config.accessToken().trim(), tenantId, id, "access_token"),
                seal(config.appSecret().trim(), tenantId, id, "app_secret"),
                seal(verifyToken, tenantId, id, "verify_token"),
                config.ratePerSecond() == null ? DEFAULT_RATE_PER_SECOND : config.ratePerSecond(),
                "{}",
                java.time.Instant.now(),
                java.time.Instant.now());
        insertWithinPlan(draft);
        return connect(id);
    }

    /** Counts and inserts under the workspace's channel lock, so concurrent creates cannot overshoot the plan. */
    private void insertWithinPlan(ChannelRecord draft) {
        try {
            tx.executeWithoutResult(status -> {
                channels.lockChannelsOf(draft.tenantId());
                int limit = tenancy.currentWorkspace().limits().channels();
                if (channels.count() >= limit) {
                    Plan next = Plan.cheapestWith(l -> l.channels() > limit);
                    throw ApiException.upgradeRequired(
                            "More than " + limit + (limit == 1 ? " channel" : " channels"), next.name());
                }
                channels.insert(draft);
            });
        } catch (DuplicateKeyException e) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "conflict",
                    "This phone number is already linked to a channel of this workspace",
                    List.of(new FieldError("config.phoneNumberId", "is already linked to another channel")));
        }
    }

    public ChannelDetails update(UUID id, UpdateChannelCmd cmd) {
        Principals.requireManager("edit channels");
        routes.remove(id);
        ChannelConfig config = cmd.config() == null ? ChannelConfig.empty() : cmd.config();
        boolean reconnect = Boolean.TRUE.equals(tx.execute(status -> {
            ChannelRecord c = channels.find(id).orElseThrow(() -> ApiException.notFound("Channel"));
            List<FieldError> errors = new ArrayList<>();
            if (config.phoneNumberId() != null && !config.phoneNumberId().equals(c.phoneNumberId())) {
                errors.add(new FieldError(
                        "config.phoneNumberId", "cannot change; connect the other number as a new channel"));
            }
            String settingsJson = null;
            boolean credentialsChanged;
            if (c.provider() == ChannelProvider.sandbox) {
                for (var field : List.of(
                        new Object[] {"config.wabaId", config.wabaId()},
                        new Object[] {"config.accessToken", config.accessToken()},
                        new Object[] {"config.appSecret", config.appSecret()},
                        new Object[] {"config.verifyToken", config.verifyToken()},
                        new Object[] {"config.graphBaseUrl", config.graphBaseUrl()})) {
                    if (field[1] != null) {
                        errors.add(new FieldError((String) field[0], "only Cloud API channels have this"));
                    }
                }
                SandboxConfig current = sandboxSettings(c);
                SandboxConfig next = sandboxConfig(current, config);
                credentialsChanged = !next.equals(current);
                settingsJson = credentialsChanged ? json.writeValueAsString(next) : null;
            } else {
                for (var field : List.of(
                        new Object[] {"config.failureRate", config.failureRate()},
                        new Object[] {"config.maxMessagesPerSecond", config.maxMessagesPerSecond()},
                        new Object[] {"config.enforceServiceWindow", config.enforceServiceWindow()})) {
                    if (field[1] != null) {
                        errors.add(new FieldError((String) field[0], "only sandbox channels have this"));
                    }
                }
                requireReachable(errors, config.graphBaseUrl());
                credentialsChanged = blankToNull(config.accessToken()) != null
                        || blankToNull(config.appSecret()) != null
                        || blankToNull(config.graphBaseUrl()) != null;
            }
            if (!errors.isEmpty()) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST, "validation_failed", "Request validation failed", errors);
            }
            Integer rate = cmd.ratePerSecond() != null ? cmd.ratePerSecond() : config.ratePerSecond();
            channels.update(
                    id,
                    cmd.name() == null ? null : nonBlank("name", cmd.name()),
                    rate,
                    blankToNull(config.wabaId()),
                    blankToNull(config.graphBaseUrl()) == null
                            ? null
                            : stripSlash(config.graphBaseUrl().trim()),
                    sealIfGiven(config.accessToken(), c, "access_token"),
                    sealIfGiven(config.appSecret(), c, "app_secret"),
                    sealIfGiven(config.verifyToken(), c, "verify_token"),
                    settingsJson);
            return credentialsChanged;
        }));
        return reconnect ? connect(id) : getForCaller(id);
    }

    public void delete(UUID id) {
        Principals.requireManager("delete channels");
        routes.remove(id);
        ChannelRecord deleted = tx.execute(status -> {
            ChannelRecord c = channels.find(id).orElseThrow(() -> ApiException.notFound("Channel"));
            channels.delete(id);
            // not a status of a live channel, but open dashboards must drop it from their lists
            realtime.publish(new RealtimeEvent.ChannelStatus(id, "deleted", null));
            return c;
        });
        if (deleted != null && deleted.provider() == ChannelProvider.sandbox) {
            SandboxNumbers port = sandbox.getIfAvailable();
            if (port != null) {
                try {
                    port.unregister(deleted.phoneNumberId());
                } catch (RuntimeException e) {
                    log.warn("Could not unregister sandbox number of deleted channel {}", id, e);
                }
            }
        }
    }

    /** Tests the connection now and stores what it found. */
    public ChannelDetails test(UUID id) {
        Principals.requireManager("test channels");
        return connect(id);
    }

    /**
     * Meta's webhook verification handshake: whether {@code mode} is {@code subscribe} and {@code token} is the
     * channel's verify token. Runs without a session, as the channel's workspace.
     *
     * @throws ApiException not_found for an unknown channel
     */
    public boolean verifyHandshake(UUID channelId, @Nullable String mode, @Nullable String token) {
        UUID tenantId = workspaceOf(channelId).orElseThrow(() -> ApiException.notFound("Channel"));
        ChannelRecord c = TenantContext.callAs(tenantId, () -> load(channelId));
        return "subscribe".equals(mode)
                && WebhookSignatures.sameToken(open(c.sealedVerifyToken(), c, "verify_token"), token);
    }

    public String sandboxInbound(UUID id, SandboxInboundCmd cmd) {
        ChannelRecord c = sandboxChannel(id);
        String from = cmd.from().startsWith("+") ? cmd.from().substring(1) : cmd.from();
        return requireSandbox().inbound(c.phoneNumberId(), from, cmd.text());
    }

    public List<SandboxNumbers.Delivery> sandboxDeliveries(UUID id, @Nullable String to, int limit) {
        ChannelRecord c = sandboxChannel(id);
        String recipient = to == null || to.isBlank() ? null : to.startsWith("+") ? to.substring(1) : to;
        return requireSandbox().deliveries(c.phoneNumberId(), recipient, limit);
    }

    /**
     * Registers every sandbox channel of every workspace with the sandbox again: it keeps its numbers in memory,
     * so after a restart they are gone until this runs.
     */
    public int registerAllSandboxChannels() {
        if (sandbox.getIfAvailable() == null) {
            return 0;
        }
        List<UUID> tenants = read(channels::tenantsWithChannels);
        int registered = 0;
        for (UUID tenantId : tenants) {
            registered += TenantContext.callAs(tenantId, () -> {
                int n = 0;
                for (ChannelRecord c : read(() -> channels.listByProvider(ChannelProvider.sandbox))) {
                    record(c.id(), registerSandbox(c));
                    n++;
                }
                return n;
            });
        }
        return registered;
    }

    // ---- ChannelsApi ----------------------------------------------------------------------------------------

    @Override
    public Optional<UUID> workspaceOf(UUID channelId) {
        return route(channelId, false).map(Route::tenantId);
    }

    @Override
    public List<UUID> workspacesWithChannels() {
        return TenantContext.callAs(new TenantContext.Scope(null, null), () -> read(channels::tenantsWithChannels));
    }

    @Override
    public boolean verifySignature(UUID channelId, byte[] rawBody, @Nullable String signatureHeader) {
        if (signatureHeader == null) {
            return false;
        }
        // a signature the remembered secret does not match is checked again against the database, so a secret
        // rotated on another instance applies at once
        Optional<Route> known = route(channelId, false);
        if (known.isPresent()
                && known.get().appSecret() != null
                && WebhookSignatures.matches(known.get().appSecret(), rawBody, signatureHeader)) {
            return true;
        }
        return route(channelId, true)
                .map(Route::appSecret)
                .filter(secret -> WebhookSignatures.matches(secret, rawBody, signatureHeader))
                .isPresent();
    }

    /** The channel's route, from memory while fresh unless {@code reread}; empty for an unknown channel. */
    private Optional<Route> route(UUID channelId, boolean reread) {
        Route known = routes.get(channelId);
        if (!reread && known != null && known.fresh()) {
            return Optional.of(known);
        }
        // no workspace in context: channel_routes is a platform table, readable without one
        Optional<UUID> tenantId = TenantContext.callAs(
                new TenantContext.Scope(null, null), () -> read(() -> channels.tenantOf(channelId)));
        Optional<Route> route = tenantId.flatMap(tenant -> TenantContext.callAs(
                tenant,
                () -> read(() -> channels.find(channelId))
                        .map(c -> new Route(
                                tenant,
                                c.sealedAppSecret() == null ? null : open(c.sealedAppSecret(), c, "app_secret"),
                                System.nanoTime()))));
        route.ifPresentOrElse(r -> routes.put(channelId, r), () -> routes.remove(channelId));
        return route;
    }

    @Override
    public ChannelView get(UUID channelId) {
        return view(load(channelId));
    }

    @Override
    public List<ChannelView> list() {
        return read(() -> channels.list().stream().map(this::view).toList());
    }

    @Override
    public ChannelCredentials credentials(UUID channelId) {
        ChannelRecord c = load(channelId);
        if (c.sealedAccessToken() == null) {
            throw ApiException.invalidState("The channel has no access token");
        }
        return new ChannelCredentials(
                c.id(),
                c.provider(),
                c.graphBaseUrl(),
                c.phoneNumberId(),
                open(c.sealedAccessToken(), c, "access_token"),
                c.ratePerSecond());
    }

    // ---- internals ------------------------------------------------------------------------------------------

    /** Tests the channel outside any transaction, then records the result in a short one. */
    private ChannelDetails connect(UUID id) {
        connectOnly(id);
        return getForCaller(id);
    }

    /** Tests the connection (registers a sandbox number) and records the outcome. */
    private void connectOnly(UUID id) {
        ChannelRecord c = load(id);
        GraphConnectionTester.Result result = switch (c.provider()) {
            case sandbox -> registerSandbox(c);
            case whatsapp_cloud ->
                addresses
                        .refusal(c.graphBaseUrl())
                        .map(reason -> GraphConnectionTester.Result.error("the Graph base URL " + reason))
                        .orElseGet(() -> tester.test(
                                c.graphBaseUrl(), c.phoneNumberId(), open(c.sealedAccessToken(), c, "access_token")));
        };
        record(id, result);
    }

    /** A Graph base URL a person typed in must not reach this server's own network (see OutboundAddresses). */
    private void requireReachable(List<FieldError> errors, @Nullable String graphBaseUrl) {
        if (blankToNull(graphBaseUrl) != null) {
            addresses
                    .refusal(graphBaseUrl.trim())
                    .ifPresent(reason -> errors.add(new FieldError("config.graphBaseUrl", reason)));
        }
    }

    private void record(UUID id, GraphConnectionTester.Result result) {
        tx.executeWithoutResult(status -> {
            if (result.displayPhoneNumber() != null) {
                channels.fillDisplayPhoneNumber(id, result.displayPhoneNumber());
            }
            if (channels.updateStatus(id, result.status(), result.reason())) {
                realtime.publish(
                        new RealtimeEvent.ChannelStatus(id, result.status().name(), result.reason()));
            }
        });
    }

    private GraphConnectionTester.Result registerSandbox(ChannelRecord c) {
        SandboxNumbers port = sandbox.getIfAvailable();
        if (port == null) {
            return GraphConnectionTester.Result.error("the sandbox is not available on this server");
        }
        SandboxConfig settings = sandboxSettings(c);
        try {
            String graphBaseUrl = port.register(new SandboxNumbers.Number(
                    c.phoneNumberId(),
                    c.displayPhoneNumber() == null ? c.phoneNumberId() : c.displayPhoneNumber(),
                    open(c.sealedAccessToken(), c, "access_token"),
                    open(c.sealedAppSecret(), c, "app_secret"),
                    webhookUrl(c.id()),
                    new SandboxNumbers.Settings(
                            settings.failureRate(),
                            settings.maxMessagesPerSecond(),
                            settings.enforceServiceWindow(),
                            SANDBOX_SENT_DELAY,
                            SANDBOX_DELIVERED_DELAY,
                            SANDBOX_READ_DELAY)));
            if (!graphBaseUrl.equals(c.graphBaseUrl())) {
                tx.executeWithoutResult(status -> channels.updateGraphBaseUrl(c.id(), graphBaseUrl));
            }
            return new GraphConnectionTester.Result(ChannelStatus.connected, null, null);
        } catch (RuntimeException e) {
            log.warn("Sandbox refused to register channel {}", c.id(), e);
            return GraphConnectionTester.Result.error("the sandbox refused the number: " + e.getMessage());
        }
    }

    private ChannelRecord sandboxChannel(UUID id) {
        ChannelRecord c = load(id);
        if (c.provider() != ChannelProvider.sandbox) {
            throw ApiException.invalidState("Only sandbox channels have simulated phones");
        }
        return c;
    }

    private SandboxNumbers requireSandbox() {
        SandboxNumbers port = sandbox.getIfAvailable();
        if (port == null) {
            throw new ApiException(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "sandbox_unavailable",
                    "The sandbox is not available on this server");
        }
        return port;
    }

    private ChannelRecord load(UUID id) {
        return read(() -> channels.find(id)).orElseThrow(() -> ApiException.notFound("Channel"));
    }

    private <T> T read(java.util.function.Supplier<T> query) {
        T result = tx.execute(status -> query.get());
        if (result == null) {
            throw new IllegalStateException("A read returned nothing");
        }
        return result;
    }

    private ChannelDetails details(ChannelRecord c, boolean manager) {
        return new ChannelDetails(view(c), manager ? open(c.sealedVerifyToken(), c, "verify_token") : null);
    }

    private ChannelView view(ChannelRecord c) {
        return new ChannelView(
                c.id(),
                c.name(),
                c.provider(),
                c.status(),
                c.statusReason(),
                c.phoneNumberId(),
                c.wabaId(),
                c.displayPhoneNumber(),
                c.graphBaseUrl(),
                c.ratePerSecond(),
                c.provider() == ChannelProvider.sandbox ? sandboxSettings(c) : null,
                webhookUrl(c.id()),
                c.sealedAccessToken() != null,
                c.sealedAppSecret() != null,
                c.createdAt(),
                c.updatedAt());
    }

    private SandboxConfig sandboxSettings(ChannelRecord c) {
        return json.readValue(c.settingsJson(), SandboxConfig.class);
    }

    private static SandboxConfig sandboxConfig(SandboxConfig base, ChannelConfig config) {
        return new SandboxConfig(
                config.failureRate() == null ? base.failureRate() : config.failureRate(),
                config.maxMessagesPerSecond() == null ? base.maxMessagesPerSecond() : config.maxMessagesPerSecond(),
                config.enforceServiceWindow() == null ? base.enforceServiceWindow() : config.enforceServiceWindow());
    }

    private String webhookUrl(UUID id) {
        return publicUrl + "/webhooks/whatsapp/" + id;
    }

    private String seal(String plaintext, UUID tenantId, UUID channelId, String field) {
        return secrets.seal(plaintext, associatedData(tenantId, channelId, field));
    }

    private @Nullable String sealIfGiven(@Nullable String plaintext, ChannelRecord c, String field) {
        String value = blankToNull(plaintext);
        return value == null ? null : seal(value.trim(), c.tenantId(), c.id(), field);
    }

    private String open(@Nullable String sealed, ChannelRecord c, String field) {
        if (sealed == null) {
            throw ApiException.invalidState("The channel has no " + field.replace('_', ' '));
        }
        String associated = associatedData(c.tenantId(), c.id(), field);
        return opened.get(associated + "\n" + sealed, key -> secrets.open(sealed, associated));
    }

    /** Binds a sealed secret to its workspace, channel and column: copied anywhere else it does not open. */
    private static String associatedData(UUID tenantId, UUID channelId, String field) {
        return "channel:" + tenantId + ":" + channelId + ":" + field;
    }

    private static boolean callerIsManager() {
        WorkspacePrincipal p = Principals.current();
        return p.role() != null && p.role().canManageWorkspace();
    }

    private static void requirePresent(List<FieldError> errors, String field, @Nullable String value) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        }
    }

    private static String nonBlank(String field, String value) {
        if (value.isBlank()) {
            throw ApiException.validation(field, "must not be blank");
        }
        return value.trim();
    }

    private static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String randomSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String digits(int n) {
        StringBuilder s = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            s.append(RANDOM.nextInt(10));
        }
        return s.toString();
    }
}
