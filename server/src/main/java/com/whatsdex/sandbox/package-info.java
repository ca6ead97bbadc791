/**
 * The sandbox: an emulator of the WhatsApp Cloud API subset WhatsDeX uses, with simulated phones behind it, so
 * everything can be tried without a Meta account and every test runs the production client over real HTTP.
 *
 * <p>The channels module registers a number through {@link com.whatsdex.sandbox.SandboxApi} and points its Cloud API
 * client at the returned graph base URL ({@code http://127.0.0.1:<port>/sandbox/graph/v21.0}). The emulator answers
 * {@code POST /{phoneNumberId}/messages} (text, template, image/document/video/audio by link, mark as read),
 * {@code GET /{phoneNumberId}} (test connection) and {@code GET /{mediaId}} (then {@code GET /sandbox/media/{id}}),
 * in Meta's request and answer shapes and with Meta's error codes. Each accepted send's phone answers with signed
 * {@code sent}, {@code delivered} and {@code read} webhooks after the number's delays.
 *
 * <h2>Errors, like Meta</h2>
 *
 * <table>
 *   <caption>When the sandbox fails a send</caption>
 *   <tr><th>Recipient or condition</th><th>Code</th><th>How it is reported</th></tr>
 *   <tr><td>number ending in {@code 0000}</td><td>131026 Message undeliverable</td>
 *       <td>{@code failed} status webhook, every send</td></tr>
 *   <tr><td>number ending in {@code 0001}</td><td>131050 user stopped marketing messages</td>
 *       <td>{@code failed} status webhook for template sends; free-form sends are delivered</td></tr>
 *   <tr><td>random, at the number's {@code failureRate}</td><td>131026</td><td>{@code failed} status webhook</td></tr>
 *   <tr><td>free-form send outside the 24-hour window, with {@code enforceServiceWindow}</td>
 *       <td>131047 Re-engagement message</td><td>{@code failed} status webhook</td></tr>
 *   <tr><td>more than {@code maxMessagesPerSecond} sends in a sliding second</td><td>130429 Rate limit hit</td>
 *       <td>HTTP 400 answer, as Meta does: key on {@code error.code}, not on the HTTP status</td></tr>
 *   <tr><td>wrong or missing access token</td><td>190</td><td>HTTP 401 answer</td></tr>
 *   <tr><td>missing {@code to}, unknown type, missing text body, template name or media link</td>
 *       <td>100 Invalid parameter</td><td>HTTP 400 answer</td></tr>
 *   <tr><td>unknown phone number id or media id</td><td>100, subcode 33</td><td>HTTP 400 answer</td></tr>
 * </table>
 *
 * <h2>Memory only</h2>
 *
 * <p>Registrations, deliveries (the last 10,000 per number), service windows and inbound media live in this
 * process's memory, because the sandbox stands in for an external service and must run without our database. A
 * restart forgets them: the channels module registers its sandbox channels again at startup. With several server
 * instances each has its own sandbox; the base URL is loopback, so a channel's sends and its registration meet on
 * the same instance only if every instance registers every sandbox channel.
 *
 * <p>{@link com.whatsdex.sandbox.standalone.SandboxServer} runs the same emulator as its own process for load tests.
 */
@NullMarked
package com.whatsdex.sandbox;

import org.jspecify.annotations.NullMarked;
