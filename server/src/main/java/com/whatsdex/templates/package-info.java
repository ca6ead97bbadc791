/**
 * Message templates: bodies with {@code {{variables}}} and {@code {a|b}} spintax, rendered the same way for
 * campaigns, the inbox and agents. The root package is the API other modules use: {@link
 * com.whatsdex.templates.MessageRenderer} and {@link com.whatsdex.templates.TemplatesApi}.
 */
@NullMarked
package com.whatsdex.templates;

import org.jspecify.annotations.NullMarked;
