@NullMarked
package com.whatsdex.billing.domain;

import org.jspecify.annotations.NullMarked;
