/** Where the master key comes from: the environment, or a key file generated once in the data directory. */
@NullMarked
package com.whatsdex.secrets.internal;

import org.jspecify.annotations.NullMarked;
