/** The LangChain4j-backed implementation of {@link com.whatsdex.ai.AiApi}. */
@NullMarked
package com.whatsdex.ai.internal;

import org.jspecify.annotations.NullMarked;
