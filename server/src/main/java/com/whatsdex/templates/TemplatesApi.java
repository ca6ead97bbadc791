package com.whatsdex.templates;

import java.util.UUID;

/** What other modules (campaigns, inbox, agents) ask of templates; runs as the workspace in the context. */
public interface TemplatesApi {

    /** @throws com.whatsdex.shared.ApiException not_found when the workspace has no such template */
    TemplateView get(UUID id);
}
