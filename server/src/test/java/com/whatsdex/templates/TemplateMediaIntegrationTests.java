package com.whatsdex.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.whatsdex.support.Browser;
import com.whatsdex.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Files uploaded for templates and the public links WhatsApp fetches them from, over real HTTP. */
@IntegrationTest
class TemplateMediaIntegrationTests {

    private static final String MEDIA = "/api/v1/templates/media";

    @LocalServerPort
    int port;

    private static byte[] png(int size) {
        byte[] file = new byte[size];
        byte[] magic = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
        System.arraycopy(magic, 0, file, 0, magic.length);
        for (int i = magic.length; i < size; i++) {
            file[i] = (byte) (i * 31);
        }
        return file;
    }

    /** Fetches a link as WhatsApp would: no session, no cookies. */
    private static HttpResponse<byte[]> fetch(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The server's public URL is the test's own port only in the link's path; fetch the path from this server. */
    private String local(String url) {
        return "http://localhost:" + port + url.substring(url.indexOf("/media/"));
    }

    @Test
    void anUploadedImageIsServedAtAPublicLinkAndUsableAsTheTemplatesMedia() throws Exception {
        Browser b = new Browser(port).register("Media");
        byte[] image = png(3 * 1024 * 1024 + 17); // several stored chunks
        Browser.Response up = b.multipart(MEDIA, "file", "summer sale.png", image, Map.of());
        assertThat(up.status()).as(up.raw()).isEqualTo(201);
        JsonNode media = up.data();
        assertThat(media.path("kind").asString()).isEqualTo("image");
        assertThat(media.path("mime").asString()).isEqualTo("image/png");
        assertThat(media.path("sizeBytes").asLong()).isEqualTo(image.length);
        String url = media.path("url").asString();
        assertThat(url).contains("/media/templates/" + b.workspaceId() + "/").endsWith("/summer%20sale.png");

        HttpResponse<byte[]> served = fetch(local(url));
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(Arrays.equals(served.body(), image)).as("the same bytes").isTrue();

        Browser.Response template = b.post(
                "/api/v1/templates",
                Map.of(
                        "name", "With a picture",
                        "category", "marketing",
                        "body", "Our summer sale starts today",
                        "media", Map.of("kind", "image", "url", url)));
        assertThat(template.status()).as(template.raw()).isEqualTo(201);
        assertThat(template.data().path("media").path("url").asString()).isEqualTo(url);
    }

    @Test
    void aLinkWhoseTagDoesNotMatchIsNotFoundSoLinksCannotBeGuessedOrMoved() throws Exception {
        Browser a = new Browser(port).register("Media A");
        Browser b = new Browser(port).register("Media B");
        String urlA = a.multipart(MEDIA, "file", "a.png", png(1000), Map.of())
                .data()
                .path("url")
                .asString();
        String urlB = b.multipart(MEDIA, "file", "b.png", png(1000), Map.of())
                .data()
                .path("url")
                .asString();
        String[] partsA = local(urlA).split("/");
        String[] partsB = local(urlB).split("/");
        // .../media/templates/{tenant}/{media}/{tag}/{filename}
        String tagOfB = partsB[partsB.length - 2];
        partsA[partsA.length - 2] = tagOfB;
        assertThat(fetch(String.join("/", partsA)).statusCode()).isEqualTo(404);
        String withBsTenant =
                local(urlA).replace(a.workspaceId().toString(), b.workspaceId().toString());
        assertThat(fetch(withBsTenant).statusCode()).isEqualTo(404);
        assertThat(fetch(local(urlA)).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesTypesWhatsAppDoesNotSendMismatchedContentAndFilesOverItsLimit() {
        Browser b = new Browser(port).register("Media refusals");
        Browser.Response exe = b.multipart(MEDIA, "file", "setup.exe", new byte[] {'M', 'Z', 0, 0}, Map.of());
        assertThat(exe.status()).isEqualTo(415);
        assertThat(exe.errorCode()).isEqualTo("unsupported_media_type");
        Browser.Response fake = b.multipart(MEDIA, "file", "photo.jpg", "not a picture".getBytes(), Map.of());
        assertThat(fake.status()).isEqualTo(415);
        assertThat(fake.body().path("error").path("message").asString()).contains("image/jpeg");
        Browser.Response big = b.multipart(MEDIA, "file", "huge.png", png(5 * 1024 * 1024 + 1), Map.of());
        assertThat(big.status()).as(big.raw()).isEqualTo(413);
        assertThat(big.body().path("error").path("message").asString()).contains("5 MB");
        Browser.Response empty = b.multipart(MEDIA, "file", "empty.pdf", new byte[0], Map.of());
        assertThat(empty.status()).isEqualTo(400);
    }
}
