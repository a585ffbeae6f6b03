/** Configuration: JSON reading, OpenAPI metadata and examples. */
@NullMarked
package com.rnnservice.config;

import org.jspecify.annotations.NullMarked;
