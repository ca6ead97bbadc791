package com.whatsdex.templates;

import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Implemented by modules whose ongoing work uses templates (campaigns), so that templates can refuse to delete one
 * in use without depending on them: the dependency points from the user of templates to templates.
 */
public interface TemplateUsage {

    /** A sentence saying what still uses the template (runs as the workspace in context), or null if nothing does. */
    @Nullable
    String inUse(UUID templateId);
}
