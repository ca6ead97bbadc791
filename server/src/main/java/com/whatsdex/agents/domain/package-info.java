/** Agents' storage, the reply job, the memory tools and the prompt. */
@NullMarked
package com.whatsdex.agents.domain;

import org.jspecify.annotations.NullMarked;
