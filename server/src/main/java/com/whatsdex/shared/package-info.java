/** Ids, the tenant context, the response envelope, pagination and API errors: the only open module. */
@NullMarked
@ApplicationModule(type = ApplicationModule.Type.OPEN)
package com.whatsdex.shared;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
