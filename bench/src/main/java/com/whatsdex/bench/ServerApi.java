package com.whatsdex.bench;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** The few API calls the benchmarks make, as a program with an API key would. */
final class ServerApi {

    private final String baseUrl;
    private final HttpClient http;
    private String apiKey;
    String workspaceId;

    private ServerApi(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .cookieHandler(new CookieManager())
                .build();
    }

    /** Registers a workspace, moves it to enterprise (no practical monthly limit) and creates an API key. */
    static ServerApi newWorkspace(Launcher.Running server) throws Exception {
        ServerApi api = new ServerApi(server.baseUrl());
        String me = api.call(
                "POST",
                "/api/v1/auth/register",
                "{\"email\":\"bench-" + UUID.randomUUID() + "@example.com\",\"password\":\"benchmark password\","
                        + "\"name\":\"Bench\",\"workspaceName\":\"Benchmark\"}",
                null,
                201);
        api.workspaceId = Json.string(me.substring(me.indexOf("\"workspace\"")), "id");
        api.call(
                "PUT",
                "/api/v1/admin/workspaces/" + api.workspaceId + "/plan",
                "{\"plan\":\"enterprise\"}",
                Launcher.ADMIN_TOKEN,
                200);
        String csrf = api.cookie("XSRF-TOKEN");
        HttpRequest request = HttpRequest.newBuilder(URI.create(api.baseUrl + "/api/v1/api-keys"))
                .header("Content-Type", "application/json")
                .header("X-XSRF-TOKEN", csrf)
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"bench\"}"))
                .build();
        api.apiKey = Json.string(
                api.http.send(request, HttpResponse.BodyHandlers.ofString()).body(), "key");
        return api;
    }

    /** A Cloud API channel whose Graph base URL is the standalone sandbox; answers the channel id. */
    String cloudChannel(
            String name, String graphBaseUrl, String phoneNumberId, String token, String appSecret, int rate)
            throws Exception {
        String body = "{\"name\":" + Json.quote(name)
                + ",\"provider\":\"whatsapp_cloud\",\"config\":{\"phoneNumberId\":\""
                + phoneNumberId + "\",\"wabaId\":\"1\",\"accessToken\":\"" + token + "\",\"appSecret\":\"" + appSecret
                + "\",\"graphBaseUrl\":\"" + graphBaseUrl + "\",\"ratePerSecond\":" + rate + "}}";
        String created = call("POST", "/api/v1/channels", body, apiKey, 201);
        if (!created.contains("\"status\":\"connected\"")) {
            throw new IllegalStateException("channel did not connect to the sandbox: " + created);
        }
        return Json.string(created, "id");
    }

    /** Sends an approved-template message (allowed outside the 24-hour window); answers the response body. */
    HttpResponse<String> sendTemplate(String channelId, String to) throws IOException, InterruptedException {
        String body = "{\"to\":\"" + to + "\",\"channelId\":\"" + channelId
                + "\",\"template\":{\"name\":\"order_update\",\"language\":\"en\",\"parameters\":[\"Ada\"]}}";
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/messages"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends {@code count} template messages in one POST /api/v1/messages/batch, spread over the channels; answers how
     * many the server reported accepted.
     */
    int sendTemplateBatch(java.util.List<String> channelIds, int first, int count)
            throws IOException, InterruptedException {
        HttpResponse<String> response = postTemplateBatch(channelIds, first, count);
        if (response.statusCode() != 200) {
            return 0;
        }
        int accepted = 0;
        for (int at = response.body().indexOf("\"status\":\"accepted\"");
                at >= 0;
                at = response.body().indexOf("\"status\":\"accepted\"", at + 1)) {
            accepted++;
        }
        return accepted;
    }

    /**
     * Sends {@code count} template messages to phones {@code first…} in one POST /api/v1/messages/batch through one
     * channel; answers the wamids of the accepted ones in request order (all of them when every one was accepted).
     */
    java.util.List<String> sendTemplateBatchWamids(String channelId, int first, int count)
            throws IOException, InterruptedException {
        HttpResponse<String> response = postTemplateBatch(java.util.List.of(channelId), first, count);
        java.util.List<String> wamids = new java.util.ArrayList<>();
        if (response.statusCode() != 200) {
            return wamids;
        }
        String text = response.body();
        for (int at = text.indexOf("\"wamid\":\""); at >= 0; at = text.indexOf("\"wamid\":\"", at + 1)) {
            wamids.add(Json.string(text.substring(at), "wamid"));
        }
        return wamids;
    }

    /** One POST /api/v1/messages/batch of template messages to phones {@code first…}, spread over the channels. */
    private HttpResponse<String> postTemplateBatch(java.util.List<String> channelIds, int first, int count)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"messages\":[");
        for (int i = 0; i < count; i++) {
            int n = first + i;
            body.append(i == 0 ? "" : ",")
                    .append("{\"to\":\"")
                    .append(OutboundBench.phone(n))
                    .append("\",\"channelId\":\"")
                    .append(channelIds.get(n % channelIds.size()))
                    .append("\",\"template\":{\"name\":\"order_update\",\"language\":\"en\",")
                    .append("\"parameters\":[\"Ada\"]}}");
        }
        body.append("]}");
        return http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/messages/batch"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Imports {@code phones} as contacts named "Person i" through the CSV import API and waits for the job to end;
     * answers how many contacts it created.
     */
    long importContacts(java.util.List<String> phones) throws Exception {
        String id = startImport(phones);
        while (true) {
            String body = get("/api/v1/contacts/imports/" + id);
            String status = Json.string(body, "status");
            if (status.equals("completed")) {
                return Json.number(body, "created");
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("import ended " + status + ": " + body);
            }
            Thread.sleep(100); // polling the job's status endpoint
        }
    }

    /** Uploads {@code phones} as a CSV of contacts named "Person i"; answers the import's id (its job is queued). */
    String startImport(java.util.List<String> phones) throws Exception {
        StringBuilder csv = new StringBuilder("phone,name\n");
        for (int i = 0; i < phones.size(); i++) {
            csv.append(phones.get(i)).append(",Person ").append(i).append('\n');
        }
        HttpResponse<String> accepted = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/contacts/imports?filename=bench.csv"))
                        .header("Authorization", "Bearer " + apiKey)
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(csv.toString()))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (accepted.statusCode() != 202) {
            throw new IllegalStateException("import refused: " + accepted.statusCode() + " " + accepted.body());
        }
        return Json.string(accepted.body(), "id");
    }

    /**
     * A draft campaign to every contact over the channels; answers its id. Its template has an approved Meta
     * template, which is what goes out on Cloud API channels to contacts outside the 24-hour window (a new
     * contact always is), as a real broadcast does.
     */
    String createCampaign(String name, java.util.List<String> channelIds) throws Exception {
        String template = call(
                "POST",
                "/api/v1/templates",
                "{\"name\":" + Json.quote(name + " template") + ",\"category\":\"marketing\","
                        + "\"body\":\"{Hi|Hello} {{first_name | there}}, our sale starts today\","
                        + "\"meta\":{\"name\":\"sale_start\",\"language\":\"en\","
                        + "\"parameters\":[\"{{first_name | there}}\"]}}",
                apiKey,
                201);
        String channels = String.join(",", channelIds.stream().map(Json::quote).toList());
        String body = "{\"name\":" + Json.quote(name) + ",\"templateId\":" + Json.quote(Json.string(template, "id"))
                + ",\"audience\":{\"kind\":\"all\"},\"channelIds\":[" + channels + "]}";
        return Json.string(call("POST", "/api/v1/campaigns", body, apiKey, 201), "id");
    }

    /** start, pause, resume, cancel, …; answers the campaign as it is afterwards. */
    String campaignAction(String campaignId, String action) throws Exception {
        return call("POST", "/api/v1/campaigns/" + campaignId + "/" + action, null, apiKey, 200);
    }

    /** The campaign with its counters. */
    String campaign(String campaignId) throws Exception {
        return get("/api/v1/campaigns/" + campaignId);
    }

    /** Changes a channel's rate limit (sends per second). */
    void channelRate(String channelId, int ratePerSecond) throws Exception {
        call("PATCH", "/api/v1/channels/" + channelId, "{\"ratePerSecond\":" + ratePerSecond + "}", apiKey, 200);
    }

    /** The same workspace and API key against another server process (a restart on the same data). */
    ServerApi on(Launcher.Running server) {
        ServerApi api = new ServerApi(server.baseUrl());
        api.apiKey = apiKey;
        api.workspaceId = workspaceId;
        return api;
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpClient http() {
        return http;
    }

    String apiKey() {
        return apiKey;
    }

    String get(String path) throws Exception {
        return call("GET", path, null, apiKey, 200);
    }

    /** A POST with a JSON body (or none) that must answer {@code expected}; answers the body. */
    String post(String path, String body, int expected) throws Exception {
        return call("POST", path, body, apiKey, expected);
    }

    private String call(String method, String path, String body, String bearer, int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(
                    method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    String cookie(String name) {
        return ((CookieManager) http.cookieHandler().orElseThrow())
                .getCookieStore().getCookies().stream()
                        .filter(c -> c.getName().equals(name))
                        .findFirst()
                        .orElseThrow()
                        .getValue();
    }
}
