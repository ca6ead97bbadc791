/**
 * The AI provider: chat completions against any OpenAI-compatible endpoint (OpenAI, Gemini's compatible endpoint,
 * Ollama, vLLM), configured by {@code WHATSDEX_AI_BASE_URL}, {@code WHATSDEX_AI_API_KEY} and {@code
 * WHATSDEX_AI_MODEL}. The root package is the API other modules use ({@link com.whatsdex.ai.AiApi}); the
 * LangChain4j-backed client is internal.
 */
@NullMarked
package com.whatsdex.ai;

import org.jspecify.annotations.NullMarked;
