package com.whatsdex.templates.web;

import com.whatsdex.shared.ApiResponse;
import com.whatsdex.templates.domain.TemplateMediaService;
import com.whatsdex.templates.domain.TemplateMediaService.Upload;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Files for templates: the upload, and the public link WhatsApp fetches them from. */
@RestController
@Tag(name = "templates")
class TemplateMediaController {

    private final TemplateMediaService media;

    TemplateMediaController(TemplateMediaService media) {
        this.media = media;
    }

    @PostMapping(path = "/api/v1/templates/media", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Upload an image, video or document for a template",
            description = "Answers the file's public link: put it in the template's media.url. JPEG/PNG up to 5 MB,"
                    + " MP4/3GP up to 16 MB, PDF/Word/Excel/PowerPoint/text up to 100 MB (WhatsApp's limits): other"
                    + " types 415, larger files 413.")
    ApiResponse<Upload> upload(@RequestPart("file") MultipartFile file) throws IOException {
        String name = file.getOriginalFilename() == null ? "file" : file.getOriginalFilename();
        try (InputStream in = file.getInputStream()) {
            return ApiResponse.of(media.upload(in, name));
        }
    }

    /** Public, for WhatsApp: the path's tag authenticates it; anything else about the file is a 404. */
    @Hidden
    @GetMapping("/media/templates/{tenantId}/{mediaId}/{tag}/{filename}")
    void serve(
            @PathVariable UUID tenantId,
            @PathVariable UUID mediaId,
            @PathVariable String tag,
            @PathVariable String filename,
            HttpServletResponse response)
            throws IOException {
        var stored =
                media.open(tenantId, mediaId, tag).orElseThrow(() -> com.whatsdex.shared.ApiException.notFound("File"));
        response.setStatus(200);
        response.setContentType(stored.mime());
        response.setContentLengthLong(stored.sizeBytes());
        response.setHeader(HttpHeaders.CACHE_CONTROL, "public, max-age=86400, immutable");
        response.setHeader(
                HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.inline().filename(stored.filename()).build().toString());
        media.copy(tenantId, mediaId, response.getOutputStream());
    }
}
