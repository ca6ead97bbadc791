package com.whatsdex.sandbox;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox as the channels module sees it: register simulated business numbers, make simulated phones write to
 * them, and look at what the phones received. Sends themselves go over HTTP to the graph base URL that
 * {@link #register} returns, through the same Cloud API client that talks to Meta.
 *
 * <p>Everything is kept in this process's memory: a restart forgets registrations, deliveries and service windows.
 * Registering is cheap and idempotent, so the channels module registers every sandbox channel at startup and again
 * whenever a channel is created or edited.
 */
public interface SandboxApi {

    /** Registers or updates a simulated business number; returns the graph base URL the channel must use. */
    String register(SandboxNumber number);

    /** Forgets a number: its deliveries, its phones' service windows and any webhooks still due. */
    void unregister(String phoneNumberId);

    /**
     * A simulated phone {@code from} (E.164 digits without +) writes {@code text} to the number: posts a signed
     * inbound webhook (asynchronously) and opens the phone's 24-hour service window at once.
     *
     * @return the inbound message's wamid
     * @throws SandboxNumberNotFoundException when the number is not registered
     */
    String inbound(String phoneNumberId, String from, String text);

    /**
     * Like {@link #inbound} with an image (a tiny PNG) instead of text: the webhook carries a media id that the
     * Graph API emulator resolves to a download URL.
     *
     * @return the inbound message's wamid
     * @throws SandboxNumberNotFoundException when the number is not registered
     */
    String inboundImage(String phoneNumberId, String from, @Nullable String caption);

    /**
     * What the number sent, newest first: the last 10,000 sends are kept per number.
     *
     * @param to only sends to this phone (digits, with or without +), or all when null
     * @throws SandboxNumberNotFoundException when the number is not registered
     */
    List<SandboxDelivery> deliveries(String phoneNumberId, @Nullable String to, int limit);
}
